/**
 * Fuzz of the preview's emulated API over real HTTP (createPreviewServer on an ephemeral port, the sample org,
 * the project's Apex handlers), with fast-check from a fixed seed so a failure replays:
 * - garbage PATCHes (malformed JSON, wrong types, unknown and read-only fields, strings up to and past 1 MB,
 *   unknown and malformed ids, bad If-Unmodified-Since values): always a 4xx with a message, never a 5xx,
 *   nothing written unless the answer is 200, and the server keeps serving;
 * - garbage reads, object info, Apex parameters and signal events: never a 5xx;
 * - concurrent saves to one record: of twenty PATCHes sent together with the same If-Unmodified-Since exactly one
 *   wins, every other gets a 412 conflict naming the record's newer date, and the winner's value is the one
 *   stored; saves to different fields sent together all land (no lost update).
 * - the bad-input table (badInputs.ts) through runApiFuzz (apiFuzz.ts, also printed by `npm run bench`): every row, rows
 *   mixed with valid fields and events, and generated garbage, from a fixed seed and a bounded count: 5xx 0, crashes 0,
 *   every table-derived answer the org's error code; and the counter itself catches a planted 5xx, crash and wrong answer.
 * http.test.ts (C) holds the hand-picked malformed cases; this file generates them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { ROOT } from '../bundler/bundle.ts';
import { loadApexHandlers } from './apex/index.ts';
import type { ApexRegistry } from './apex/registry.ts';
import { defaultRecordPage } from './flexipage.ts';
import { createPreviewServer } from './http.ts';
import { loadPreviewStore } from './loadStore.ts';
import { BAD_INPUT_FUZZ, runApiFuzz } from './apiFuzz.ts';
import { BAD_INPUTS } from './badInputs.ts';
import type { LeadStore } from './leadStore.ts';

/** Fixed seed: the same garbage every run (change it to explore; a failure prints the seed and path to replay). */
const SEED = 20261123;
const MAX_BODY = 1_000_000;

const dist = mkdtempSync(join(tmpdir(), 'leadgate-fuzz-dist-'));
writeFileSync(join(dist, 'main.js'), 'export {};\n');
let loaded = loadPreviewStore(ROOT);
const logged: string[] = [];
let apex: ApexRegistry;
let base = '';
let server: ReturnType<typeof createPreviewServer>;

const users = loaded.store.users();
const SDR = users.find((u) => u.role === 'SDR')?.id ?? '';
const MANAGER = users.find((u) => u.role === 'Manager')?.id ?? '';
const INTEGRATION = users.find((u) => u.role === 'Integration')?.id ?? '';
const showcase = (key: string): string => loaded.seed.showcase.find((s) => s.key === key)?.id ?? '';

before(async () => {
    apex = (await loadApexHandlers()).registry;
    server = createPreviewServer({
        store: () => loaded.store,
        reset: () => {
            loaded = loadPreviewStore(ROOT);
        },
        apex,
        showcase: () => loaded.seed.showcase,
        recordPage: defaultRecordPage(['c/qualificationPanel']),
        dashboardAvailable: true,
        entry: 'main.js',
        distDir: dist,
        sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
        staticResources: new Map(),
        log: (m) => logged.push(m)
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer {
    status: number;
    json: unknown;
}

async function call(path: string, init: RequestInit & { user?: string } = {}): Promise<Answer> {
    const { user = SDR, headers, ...rest } = init;
    const response = await fetch(base + path, { redirect: 'manual', ...rest, headers: { 'X-LeadGate-User': user, ...(headers ?? {}) } });
    const text = await response.text();
    let json: unknown = null;
    try {
        json = JSON.parse(text);
    } catch {
        json = text;
    }
    return { status: response.status, json };
}

/** The message of an error answer, in any of the shapes the UI API and Apex use. */
function messageOf(json: unknown): string | undefined {
    if (Array.isArray(json)) return (json[0] as { message?: string } | undefined)?.message;
    if (typeof json === 'object' && json !== null) {
        const j = json as {
            message?: string;
            output?: { errors?: Array<{ message?: string }>; fieldErrors?: Record<string, Array<{ message?: string }>> };
        };
        return j.message ?? j.output?.errors?.[0]?.message ?? Object.values(j.output?.fieldErrors ?? {}).flat()[0]?.message ?? undefined;
    }
    return undefined;
}

/** Never a 5xx; a refusal is a 4xx that says what is wrong. */
function assertClearAnswer(answer: Answer, what: string): void {
    assert.ok(answer.status < 500, `${what}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 300)}`);
    if (answer.status >= 400) {
        const message = messageOf(answer.json);
        assert.ok(
            typeof message === 'string' && message.trim().length > 0,
            `${what}: a ${answer.status} without a message: ${JSON.stringify(answer.json).slice(0, 300)}`
        );
    }
}

const lastModified = (id: string): string | null => {
    const r = loaded.store.getRecord(SDR, id, { fields: ['Lead.LastModifiedDate'] });
    return r.status === 200 ? String((r.body as { lastModifiedDate: string }).lastModifiedDate) : null;
};

/* ------------------------------------------------------------------ arbitraries */

const HUGE = 'x'.repeat(MAX_BODY);
const NEARLY_HUGE = 'y'.repeat(MAX_BODY - 200);
const writable = [
    'Budget_Evidence__c',
    'Budget_Status__c',
    'Title',
    'NumberOfEmployees',
    'Rejection_Reason__c',
    'Qualification_Framework__c',
    'Status'
];
const readOnly = ['Fit_Score__c', 'Intent_Score__c', 'Meets_SQL_Bar__c', 'Id', 'LastModifiedDate', 'CreatedDate', 'IsConverted'];

const fieldName = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...writable) },
    { weight: 2, arbitrary: fc.constantFrom(...readOnly) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'budget_evidence__c', 'Lead.Title', ' Title', 'Title ') }
);
const wrongValue = fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    {
        weight: 2,
        arbitrary: fc.constantFrom(NaN, Infinity, -1, 1e308, 0.5, true, false, null, '', ' ', '2026-13-45', '\u0000', 'Confirmed')
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 300, max: 140_000 }).map((n) => 'z'.repeat(n)) }
);
const jsonBody = fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fieldName, wrongValue, { maxKeys: 4 }).map((fields) => JSON.stringify({ fields })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    {
        weight: 2,
        arbitrary: fc.record({ fields: fc.jsonValue({ maxDepth: 2 }), extra: fc.jsonValue({ maxDepth: 1 }) }).map((v) => JSON.stringify(v))
    },
    { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
    {
        weight: 1,
        arbitrary: fc.constantFrom('{', '{"fields":', '{"fields":{"Title":}}', 'null', '[]', '"x"', '{"fields":{}}\u0000', '\ufeff{}')
    }
);
/**
 * Bodies at and past the server's 1 MB limit, named rather than generated so a failure prints a name, not a megabyte:
 * a field value just under the limit (refused by the field's length), and bodies past it (413).
 */
const HUGE_BODIES: Record<string, string> = {
    'evidence just under 1 MB': JSON.stringify({ fields: { Budget_Evidence__c: NEARLY_HUGE } }),
    'title past 1 MB': `{"fields":{"Title":"${HUGE}"}}`,
    '1 MB of x': HUGE
};
const body = fc.oneof(
    { weight: 12, arbitrary: jsonBody.map((text) => ({ name: null as string | null, text })) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(HUGE_BODIES)).map((name) => ({ name: name as string | null, text: '' })) }
);
const since = fc.option(
    fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toUTCString()),
        fc.constantFrom('0', '-1', 'Thu, 01 Jan 1970 00:00:00 GMT', '2026-02-30T00:00:00Z', '9999-99-99', 'now', 'null', ' ')
    ),
    { nil: undefined }
);
const recordId = (): fc.Arbitrary<string> =>
    fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...loaded.seed.showcase.map((s) => s.id)) },
        { weight: 1, arbitrary: fc.stringMatching(/^00Q[A-Za-z0-9]{15}$/) },
        { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map(encodeURIComponent) },
        { weight: 1, arbitrary: fc.constantFrom('%ZZ', '..', '00Q', 'a'.repeat(300), '001000000000001AAA') }
    );

/* ------------------------------------------------------------------ garbage in */

describe('garbage never gets a 5xx', () => {
    it('PATCH a record: any body, id and If-Unmodified-Since gets 200 or a 4xx with a message, and a refusal writes nothing', async () => {
        const runs: string[] = [];
        await fc.assert(
            fc.asyncProperty(
                recordId(),
                body,
                since,
                fc.constantFrom(SDR, MANAGER, INTEGRATION, 'nobody'),
                async (id, generated, ifUnmodifiedSince, user) => {
                    const text = generated.name ? (HUGE_BODIES[generated.name] as string) : generated.text;
                    const decoded = (() => {
                        try {
                            return decodeURIComponent(id);
                        } catch {
                            return null;
                        }
                    })();
                    const before = decoded ? lastModified(decoded) : null;
                    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
                    if (ifUnmodifiedSince !== undefined) headers['If-Unmodified-Since'] = ifUnmodifiedSince.replace(/[^\x20-\x7e]/g, '?');
                    const answer = await call(`/ui-api/records/${id}`, { method: 'PATCH', body: text, headers, user });
                    assertClearAnswer(answer, `PATCH ${id.slice(0, 40)} ${generated.name ?? text.slice(0, 80)}`);
                    // An unknown user is refused (401) before the body is read; anyone else past 1 MB gets 413.
                    if (Buffer.byteLength(text) > MAX_BODY && user !== 'nobody')
                        assert.equal(answer.status, 413, 'a body past 1 MB is refused as too large');
                    if (answer.status !== 200 && decoded && before !== null)
                        assert.equal(lastModified(decoded), before, 'a refused save wrote nothing');
                    runs.push(String(answer.status));
                }
            ),
            { seed: SEED, numRuns: 400 }
        );
        const statuses = new Set(runs);
        for (const expected of ['200', '400', '404', '412', '413'])
            assert.ok(statuses.has(expected), `the generated requests should reach ${expected} (saw ${[...statuses].sort().join(', ')})`);
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
        assert.equal((await call(`/ui-api/records/${showcase('bant-mql-partial')}?fields=Lead.Name`)).status, 200, 'still serving');
    });

    it('GET a record, object info and picklists with any query and path segments', async () => {
        const listOf = fc
            .array(
                fc.oneof(
                    fc.constantFrom('Lead.Name', 'Lead.Title', 'Lead.Fit_Score__c', 'Lead.Owner.Name', 'Lead', 'Account.Name', ''),
                    fc.string({ maxLength: 20 })
                ),
                { maxLength: 6 }
            )
            .map((l) => l.join(','));
        await fc.assert(
            fc.asyncProperty(
                recordId(),
                listOf,
                listOf,
                fc.oneof(fc.constant(''), fc.string({ maxLength: 10 })),
                fc.oneof(fc.constantFrom('Lead', 'lead', 'Account', ''), fc.string({ maxLength: 12 }).map(encodeURIComponent)),
                fc.oneof(fc.constantFrom('012000000000000AAA', ''), fc.string({ maxLength: 18 }).map(encodeURIComponent)),
                fc.oneof(
                    fc.constantFrom('Status', 'Budget_Status__c', 'Title', 'Nope__c'),
                    fc.string({ maxLength: 12 }).map(encodeURIComponent)
                ),
                async (id, fields, optionalFields, layoutTypes, object, recordType, field) => {
                    const query = new URLSearchParams({ fields, optionalFields, layoutTypes }).toString();
                    assertClearAnswer(await call(`/ui-api/records/${id}?${query}`), `GET record ${id} ${query}`);
                    assertClearAnswer(await call(`/ui-api/object-info/${object}`), `object-info ${object}`);
                    assertClearAnswer(
                        await call(`/ui-api/object-info/${object}/picklist-values/${recordType}/${field}`),
                        `picklist ${object} ${field}`
                    );
                }
            ),
            { seed: SEED, numRuns: 150 }
        );
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
    });

    it('Apex: every registered method with any parameters, as a manager', async () => {
        const names = apex.names();
        assert.ok(names.includes('LeadGateDashboardController.getFunnel'), `the dashboard handlers are registered (${names.join(', ')})`);
        const day = fc
            .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10));
        const params = fc.oneof(
            fc.jsonValue({ maxDepth: 2 }),
            fc.record(
                {
                    windowStart: fc.oneof(day, fc.jsonValue({ maxDepth: 1 })),
                    windowEnd: fc.oneof(day, fc.jsonValue({ maxDepth: 1 })),
                    teamManagerId: fc.oneof(fc.constantFrom(MANAGER, SDR, '', null), fc.jsonValue({ maxDepth: 1 }))
                },
                { requiredKeys: [] }
            )
        );
        await fc.assert(
            fc.asyncProperty(fc.constantFrom(...names), params, fc.boolean(), async (name, p, wrap) => {
                const body = JSON.stringify(wrap ? { params: p } : p);
                assertClearAnswer(
                    await call(`/preview/apex/${name}`, { method: 'POST', body, user: MANAGER }),
                    `${name} ${body.slice(0, 120)}`
                );
            }),
            { seed: SEED, numRuns: 200 }
        );
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
    });

    it('signals: any list of events, as the integration user', async () => {
        const event = fc.dictionary(
            fc.oneof(
                fc.constantFrom('Lead_Id__c', 'Email__c', 'Signal_Type__c', 'Occurred_At__c', 'Source__c', 'External_Id__c'),
                fc.string({ maxLength: 12 })
            ),
            fc.oneof(
                fc.constantFrom(
                    ...loaded.seed.showcase.map((s) => s.id),
                    'Demo_Request',
                    'Pricing_Page_Visit',
                    'nope',
                    new Date().toISOString(),
                    '2026-99-01T00:00:00Z'
                ),
                fc.jsonValue({ maxDepth: 1 })
            ),
            { maxKeys: 6 }
        );
        await fc.assert(
            fc.asyncProperty(fc.oneof(event, fc.array(event, { maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })), async (body) => {
                assertClearAnswer(
                    await call('/preview/signals', { method: 'POST', body: JSON.stringify(body), user: INTEGRATION }),
                    `signals ${JSON.stringify(body).slice(0, 120)}`
                );
            }),
            { seed: SEED, numRuns: 150 }
        );
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
        await call('/preview/reset', { method: 'POST' });
    });
});

/* ------------------------------------------------------------------ concurrent saves */

describe('concurrent saves to one record', () => {
    it('twenty PATCHes with the same If-Unmodified-Since: one wins, nineteen get a 412 conflict, the winner is stored', async () => {
        await call('/preview/reset', { method: 'POST' });
        const id = showcase('bant-mql-partial');
        const field = 'Budget_Evidence__c';
        const read = async () => {
            const r = await call(`/ui-api/records/${id}?fields=Lead.${field},Lead.LastModifiedDate`);
            const body = r.json as { lastModifiedDate: string; fields: Record<string, { value: unknown }> };
            return { since: body.lastModifiedDate, value: body.fields[field]?.value };
        };
        // Three rounds, each from the date the previous winner left: the ISO form with milliseconds that LDS sends, then
        // the HTTP-date form (whole seconds), then ISO again. An HTTP date cannot tell saves apart within the second of
        // the last change (HTTP compares whole seconds), so that round starts once that second has passed.
        for (const [round, format] of [
            [1, 'iso'],
            [2, 'http'],
            [3, 'iso']
        ] as const) {
            const { since } = await read();
            if (format === 'http') await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
            const header = format === 'iso' ? since : new Date(since).toUTCString();
            const values = Array.from({ length: 20 }, (_, i) => `Round ${round}: CFO confirmed a budget of ${i + 1}0k for the rollout`);
            const answers = await Promise.all(
                values.map((value, i) =>
                    call(`/ui-api/records/${id}`, {
                        method: 'PATCH',
                        user: i % 2 === 0 ? SDR : (users.filter((u) => u.role === 'SDR')[1]?.id ?? SDR),
                        body: JSON.stringify({ fields: { [field]: value } }),
                        headers: { 'Content-Type': 'application/json', 'If-Unmodified-Since': header }
                    })
                )
            );
            const winners = answers.map((a, i) => ({ ...a, i })).filter((a) => a.status === 200);
            const conflicts = answers.filter((a) => a.status === 412);
            assert.equal(winners.length, 1, `round ${round}: exactly one save wins (${answers.map((a) => a.status).join(' ')})`);
            assert.equal(conflicts.length, 19, `round ${round}: every other save is a conflict`);
            for (const c of conflicts) {
                const body = c.json as { errorCode?: string; message?: string };
                assert.equal(body.errorCode, 'ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE_CHECK');
                assert.match(String(body.message), /has been modified since .* Reload it and apply your changes again\./);
            }
            const after = await read();
            assert.equal(after.value, values[winners[0]!.i], `round ${round}: the stored value is the winner's`);
            assert.ok(Date.parse(after.since) > Date.parse(since), `round ${round}: the winner moved LastModifiedDate on`);
        }
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
    });

    it('saves to different fields sent together all land: no update is lost', async () => {
        await call('/preview/reset', { method: 'POST' });
        const id = showcase('bant-mql-partial');
        const fields = [
            'Budget',
            'Authority',
            'Need',
            'Timeline',
            'Metrics',
            'Economic_Buyer',
            'Decision_Criteria',
            'Decision_Process',
            'Identify_Pain',
            'Champion'
        ].map((c) => `${c}_Evidence__c`);
        const values = fields.map((f, i) => `Concurrent save ${i + 1} wrote ${f} with enough evidence`);
        const answers = await Promise.all(
            fields.map((f, i) =>
                call(`/ui-api/records/${id}`, {
                    method: 'PATCH',
                    body: JSON.stringify({ fields: { [f]: values[i] } }),
                    headers: { 'Content-Type': 'application/json' }
                })
            )
        );
        assert.deepEqual(
            answers.map((a) => a.status),
            fields.map(() => 200),
            JSON.stringify(answers.find((a) => a.status !== 200)?.json)
        );
        const stored = await call(`/ui-api/records/${id}?fields=${fields.map((f) => `Lead.${f}`).join(',')}`);
        const got = (stored.json as { fields: Record<string, { value: unknown }> }).fields;
        fields.forEach((f, i) => assert.equal(got[f]?.value, values[i], `${f} kept its concurrent save`));
        await call('/preview/reset', { method: 'POST' });
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
    });
});

/* ------------------------------------------------------------------ the bad-input table, as the bench counts it */

describe('the bad-input fuzz (badInputs.ts through runApiFuzz)', () => {
    it('fixed seed, bounded count: no 5xx, no crash, every table-derived answer the org’s error code', async () => {
        const counts = await runApiFuzz(BAD_INPUT_FUZZ);
        assert.equal(counts.tried, BAD_INPUT_FUZZ.runs);
        assert.equal(counts.status5xx, 0);
        assert.equal(counts.crashes, 0);
        assert.deepEqual(counts.mismatches, []);
        assert.equal(counts.mismatchCount, 0);
        assert.ok(counts.status4xx > BAD_INPUTS.length, `the table's refusals are counted (${counts.status4xx} 4xx)`);
        assert.ok(counts.status2xx > 0 && counts.status3xx > 0, 'generated input reaches saves and redirects too');
    });

    it('counts a planted 5xx, a planted crash and a planted wrong answer', async () => {
        const runs = BAD_INPUTS.length + 15;
        const throwing = (store: LeadStore): LeadStore =>
            new Proxy(store, {
                get: (target, key) =>
                    key === 'updateRecord'
                        ? () => {
                              throw new Error('planted fault');
                          }
                        : Reflect.get(target, key, target)
            });
        const failing = await runApiFuzz({ seed: SEED, runs, plantStore: throwing });
        assert.ok(failing.status5xx > 0, 'a save that throws is a 5xx');
        const dropping = await runApiFuzz({
            seed: SEED,
            runs,
            plantRequest: (req) => {
                if (req.url !== '/preview/signals') return false;
                req.socket.destroy();
                return true;
            }
        });
        assert.ok(dropping.crashes > 0, 'a dropped connection is a crash');
        const lenient = (store: LeadStore): LeadStore =>
            new Proxy(store, {
                get: (target, key) =>
                    key === 'updateRecord'
                        ? () => ({
                              status: 400,
                              body: [{ errorCode: 'INVALID_INPUT', message: 'planted: refused without the field’s code' }]
                          })
                        : Reflect.get(target, key, target)
            });
        const wrong = await runApiFuzz({ seed: SEED, runs, plantStore: lenient });
        assert.ok(wrong.mismatchCount > 0 && wrong.mismatches.length > 0, 'an answer without the table’s code is a mismatch');
        assert.equal(wrong.status5xx + wrong.crashes, 0);
    });
});
