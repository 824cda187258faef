/**
 * The emulated API's bad-input fuzz, shared by its node test (api.fuzz.test.ts, in `npm test`) and `npm run bench`:
 * starts the preview server on an ephemeral port over the sample org, sends every row of the bad-input table
 * (badInputs.ts), those rows mixed with valid fields and valid events, and generated garbage (fast-check, fixed seed),
 * and counts what came back. A table-derived request must get the row's error code and write nothing; anything must
 * get an answer below 500; a request the server never answers is a crash.
 *
 *   const counts = await runApiFuzz({ seed: 20261204, runs: 600 });   // { tried, status4xx, status5xx, crashes, ... }
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../bundler/bundle.ts';
import { ApexRegistry } from './apex/registry.ts';
import { BAD_INPUTS, type BadInput, type BadInputRole, type BadSave, type BadSignal } from './badInputs.ts';
import { defaultRecordPage } from './flexipage.ts';
import { createPreviewServer } from './http.ts';
import type { LeadStore } from './leadStore.ts';
import { loadPreviewStore, type LoadedPreview } from './loadStore.ts';

/** The seed and count `npm test` (api.fuzz.test.ts) and `npm run bench` run: the same requests every time, a few seconds. */
export const BAD_INPUT_FUZZ = { seed: 20261204, runs: 400 } as const;

export interface FuzzServer {
    base: string;
    loaded: () => LoadedPreview;
    /** Unexpected failures the server logged (each answered 500). */
    logged: string[];
    userOf: (role: BadInputRole) => string;
    leadOf: (key: string) => string;
    close: () => Promise<void>;
}

export interface FuzzServerOptions {
    /** Replaces the store the server uses (a test plants a fault through it). */
    plantStore?: (store: LeadStore) => LeadStore;
    /** Runs before routing; returning true means it handled (or broke) the request (a test plants a crash through it). */
    plantRequest?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** The preview server over a fresh copy of the sample org, on 127.0.0.1 and a free port. */
export async function startFuzzServer(options: FuzzServerOptions = {}): Promise<FuzzServer> {
    const dist = mkdtempSync(join(tmpdir(), 'leadgate-api-fuzz-'));
    writeFileSync(join(dist, 'main.js'), 'export {};\n');
    let loaded = loadPreviewStore(ROOT);
    const store = () => (options.plantStore ? options.plantStore(loaded.store) : loaded.store);
    const logged: string[] = [];
    const server = createPreviewServer({
        store,
        reset: () => {
            loaded = loadPreviewStore(ROOT);
        },
        apex: new ApexRegistry(),
        showcase: () => loaded.seed.showcase,
        recordPage: defaultRecordPage(['c/qualificationPanel']),
        dashboardAvailable: false,
        entry: 'main.js',
        distDir: dist,
        sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
        staticResources: new Map(),
        log: (m) => logged.push(m)
    });
    const plant = options.plantRequest;
    if (plant) {
        const [route] = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
        server.removeAllListeners('request');
        server.on('request', (req: IncomingMessage, res: ServerResponse) => {
            if (!plant(req, res)) route?.(req, res);
        });
    }
    // Node closes an idle keep-alive socket after 5 s and fetch reuses one until about 4 s: on a loaded machine a slow
    // save can fall between the two, and a non-idempotent request on the closed socket fails with ECONNRESET. The
    // fuzz judges the server's answers, not that race, so idle sockets are kept well past any test's length.
    server.keepAliveTimeout = 120_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const userOf = (role: BadInputRole): string => {
        const user = loaded.seed.users.find((u) => u.role === role);
        if (!user) throw new Error(`data/users.json has no ${role}.`);
        return user.id;
    };
    const leadOf = (key: string): string => {
        const lead = loaded.seed.showcase.find((s) => s.key === key);
        if (!lead) throw new Error(`data/preview-extras.json has no showcase lead ${key}.`);
        return lead.id;
    };
    return {
        base,
        loaded: () => loaded,
        logged,
        userOf,
        leadOf,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
                rmSync(dist, { recursive: true, force: true });
            })
    };
}

/** What came back for one request: the status, every error code in the body, the redirect, the text. */
export interface FuzzAnswer {
    status: number;
    codes: string[];
    /** Error codes by field, for record save errors. */
    fieldCodes: Record<string, string[]>;
    location: string | null;
    text: string;
    json: unknown;
}

/** Every errorCode in any of the error shapes the emulated API answers with (lists, record errors, signal receipts). */
function codesOf(json: unknown): { codes: string[]; fieldCodes: Record<string, string[]> } {
    const codes: string[] = [];
    const fieldCodes: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    const list = Array.isArray(json) ? json : [json];
    for (const item of list) {
        if (typeof item !== 'object' || item === null) continue;
        const e = item as {
            errorCode?: unknown;
            output?: { errors?: Array<{ errorCode?: unknown }>; fieldErrors?: Record<string, Array<{ errorCode?: unknown }>> };
        };
        if (typeof e.errorCode === 'string') codes.push(e.errorCode);
        for (const x of e.output?.errors ?? []) if (typeof x.errorCode === 'string') codes.push(x.errorCode);
        for (const [field, errors] of Object.entries(e.output?.fieldErrors ?? {})) {
            fieldCodes[field] = errors.map((x) => String(x.errorCode));
            codes.push(...fieldCodes[field]);
        }
    }
    return { codes, fieldCodes };
}

export interface FuzzRequest {
    method: string;
    path: string;
    body?: string;
    headers?: Record<string, string>;
}

export async function send(base: string, request: FuzzRequest): Promise<FuzzAnswer> {
    const response = await fetch(base + request.path, {
        method: request.method,
        redirect: 'manual',
        headers: request.headers,
        body: request.body
    });
    const text = await response.text();
    let json: unknown = null;
    try {
        json = JSON.parse(text);
    } catch {
        json = null;
    }
    return { status: response.status, ...codesOf(json), location: response.headers.get('location'), text, json };
}

const header = (value: string): string => encodeURIComponent(value);

/** The HTTP request of a table row (a save as JSON, an event in a one-event batch, a switch-user form, ...). */
export function requestOf(
    row: BadInput,
    server: Pick<FuzzServer, 'userOf' | 'leadOf'>,
    extraFields: Record<string, unknown> = {}
): FuzzRequest {
    switch (row.kind) {
        case 'save': {
            const body = row.body ?? JSON.stringify({ fields: { ...extraFields, ...row.fields } });
            return {
                method: 'PATCH',
                path: `/ui-api/records/${server.leadOf(row.lead)}`,
                body,
                headers: { 'Content-Type': 'application/json', 'X-LeadGate-User': server.userOf(row.as) }
            };
        }
        case 'read':
            return {
                method: 'GET',
                path: `/ui-api/records/${row.id}?fields=Lead.Name`,
                headers: { 'X-LeadGate-User': server.userOf('SDR') }
            };
        case 'signal':
            return {
                method: 'POST',
                path: '/preview/signals',
                body: JSON.stringify([row.event]),
                headers: { 'Content-Type': 'application/json', 'X-LeadGate-User': server.userOf('Integration') }
            };
        case 'user':
            return {
                method: 'GET',
                path: row.path,
                headers: row.via === 'header' ? { 'X-LeadGate-User': row.userId } : { Cookie: `leadgate_user=${header(row.userId)}` }
            };
        case 'returnTo':
            return {
                method: 'POST',
                path: '/preview/user',
                body: new URLSearchParams({ userId: server.userOf('SDR'), returnTo: row.returnTo }).toString(),
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
            };
    }
}

/** Why the answer is not the one the row expects, or null when it is. */
export function mismatch(row: BadInput, answer: FuzzAnswer): string | null {
    const got = `${answer.status} ${answer.codes.join(',') || answer.location || answer.text.slice(0, 120)}`;
    switch (row.kind) {
        case 'save':
        case 'read': {
            if (answer.status !== row.expect.status) return `expected ${row.expect.status} ${row.expect.errorCode}, got ${got}`;
            const field = row.kind === 'save' ? row.expect.field : undefined;
            const codes = field ? (answer.fieldCodes[field] ?? []) : answer.codes;
            return codes.includes(row.expect.errorCode)
                ? null
                : `expected ${row.expect.errorCode}${field ? ` on ${field}` : ''}, got ${got}`;
        }
        case 'signal': {
            const reject = (
                answer.json as { rejects?: Array<{ index: number; reason: string; errorCode?: string }> } | null
            )?.rejects?.find((r) => r.index === 0);
            return answer.status === 200 && reject?.reason === row.expect.reason && reject.errorCode === row.expect.errorCode
                ? null
                : `expected event 0 ${row.expect.reason} ${row.expect.errorCode}, got ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`;
        }
        case 'user':
            if (answer.status !== row.expect.status) return `expected ${row.expect.status}, got ${got}`;
            return answer.codes.includes(row.expect.errorCode) || /There is no preview user/.test(answer.text)
                ? null
                : `expected ${row.expect.errorCode} or a page naming the unknown user, got ${got}`;
        case 'returnTo':
            return answer.status === row.expect.status && answer.location === row.expect.location
                ? null
                : `expected ${row.expect.status} to ${row.expect.location}, got ${answer.status} to ${answer.location}`;
    }
}

export interface FuzzCounts {
    seed: number;
    tried: number;
    status2xx: number;
    status3xx: number;
    status4xx: number;
    status5xx: number;
    /** Requests the server never answered (connection dropped or reset). */
    crashes: number;
    /** Table-derived requests whose answer was not the table's (or that wrote to the lead). */
    mismatchCount: number;
    /** The first 20 of them: the row's name and why. */
    mismatches: string[];
    seconds: number;
}

/** Valid values the fuzz mixes into a bad save: the bad field must still be refused, and nothing written. */
const VALID_EXTRAS: Record<string, unknown> = {
    Title: 'VP Finance',
    Budget_Evidence__c: 'CFO confirmed budget for the rollout in the call on Monday',
    NumberOfEmployees: 500,
    AnnualRevenue: 1250000
};

type Planned =
    | { kind: 'row'; row: BadInput; extras: Record<string, unknown> }
    | { kind: 'batch'; row: BadSignal; validFirst: boolean }
    | { kind: 'garbage'; request: FuzzRequest | ((s: FuzzServer) => FuzzRequest) };

function plan(seed: number, runs: number): Planned[] {
    const rows = fc.constantFrom(...BAD_INPUTS);
    const saves = BAD_INPUTS.filter((r): r is BadSave => r.kind === 'save' && r.fields !== undefined);
    const signals = BAD_INPUTS.filter((r): r is BadSignal => r.kind === 'signal');
    const extras = fc.subarray(Object.keys(VALID_EXTRAS)).map((keys) => Object.fromEntries(keys.map((k) => [k, VALID_EXTRAS[k]])));
    const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.double());
    const fieldName = fc.oneof(
        fc.constantFrom(
            'NumberOfEmployees',
            'AnnualRevenue',
            'OwnerId',
            'Title',
            'Last_Demo_Request_At__c',
            '__proto__',
            'constructor',
            'prototype'
        ),
        fc.string({ maxLength: 20 })
    );
    const garbage: fc.Arbitrary<Planned> = fc.oneof(
        fc
            .record({
                fields: fc.dictionary(fieldName, anyValue, { maxKeys: 4 }),
                user: fc.constantFrom<BadInputRole>('SDR', 'Integration')
            })
            .map(({ fields, user }): Planned => ({
                kind: 'garbage',
                request: (s) => ({
                    method: 'PATCH',
                    path: `/ui-api/records/${s.leadOf('bant-mql-partial')}`,
                    body: JSON.stringify({ fields }),
                    headers: { 'Content-Type': 'application/json', 'X-LeadGate-User': s.userOf(user) }
                })
            })),
        fc.string({ unit: 'binary', maxLength: 40 }).map((returnTo): Planned => ({
            kind: 'garbage',
            request: (s) => ({
                method: 'POST',
                path: '/preview/user',
                body: new URLSearchParams({ userId: s.userOf('SDR'), returnTo }).toString(),
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
            })
        })),
        fc.string({ unit: 'binary', maxLength: 30 }).map((user): Planned => ({
            kind: 'garbage',
            request: { method: 'GET', path: '/ui-api/object-info/Lead', headers: { Cookie: `leadgate_user=${header(user)}` } }
        })),
        fc
            .array(
                fc.dictionary(fc.constantFrom('Lead_Id__c', 'Signal_Type__c', 'Occurred_At__c', 'Source__c', 'x'), anyValue, {
                    maxKeys: 4
                }),
                { maxLength: 4 }
            )
            .map((events): Planned => ({
                kind: 'garbage',
                request: (s) => ({
                    method: 'POST',
                    path: '/preview/signals',
                    body: JSON.stringify(events),
                    headers: { 'Content-Type': 'application/json', 'X-LeadGate-User': s.userOf('Integration') }
                })
            })),
        fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^00Q[A-Za-z0-9]{15}$/)).map((id): Planned => ({
            kind: 'garbage',
            request: (s) => ({
                method: 'GET',
                path: `/ui-api/records/${encodeURIComponent(id)}?fields=Lead.Name`,
                headers: { 'X-LeadGate-User': s.userOf('SDR') }
            })
        }))
    );
    const planned = fc.oneof(
        { weight: 3, arbitrary: rows.map((row): Planned => ({ kind: 'row', row, extras: {} })) },
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...saves), extras).map(([row, x]): Planned => ({ kind: 'row', row, extras: x })) },
        {
            weight: 1,
            arbitrary: fc
                .tuple(fc.constantFrom(...signals), fc.boolean())
                .map(([row, validFirst]): Planned => ({ kind: 'batch', row, validFirst }))
        },
        { weight: 4, arbitrary: garbage }
    );
    // Every row once as written, then the seeded mix.
    return [
        ...BAD_INPUTS.map((row): Planned => ({ kind: 'row', row, extras: {} })),
        ...fc.sample(planned, { seed, numRuns: Math.max(0, runs - BAD_INPUTS.length) })
    ];
}

/** Sends a planned request; checks a table-derived one against its row (and that a refused save wrote nothing). */
async function attempt(server: FuzzServer, planned: Planned): Promise<{ answer: FuzzAnswer; wrong: string | null }> {
    if (planned.kind === 'garbage') {
        const request = typeof planned.request === 'function' ? planned.request(server) : planned.request;
        return { answer: await send(server.base, request), wrong: null };
    }
    if (planned.kind === 'batch') {
        // A valid event beside the bad one: the bad one is refused alone, the valid one is not refused for its neighbour.
        const valid = {
            Lead_Id__c: server.leadOf('high-fit-no-intent'),
            Signal_Type__c: 'demoRequest',
            Occurred_At__c: new Date(Date.now() - 3_600_000).toISOString()
        };
        const events = planned.validFirst ? [valid, planned.row.event] : [planned.row.event, valid];
        const request = requestOf(planned.row, server);
        const answer = await send(server.base, { ...request, body: JSON.stringify(events) });
        const badAt = planned.validFirst ? 1 : 0;
        const rejects = (answer.json as { rejects?: Array<{ index: number; reason: string; errorCode?: string }> } | null)?.rejects ?? [];
        const bad = rejects.find((r) => r.index === badAt);
        const wrong =
            answer.status !== 200 ||
            bad?.errorCode !== planned.row.expect.errorCode ||
            rejects.some((r) => r.index !== badAt && r.reason === 'NotPublished')
                ? `batch with a valid event: ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`
                : null;
        return { answer, wrong };
    }
    const { row, extras } = planned;
    const leadId = row.kind === 'save' ? server.leadOf(row.lead) : null;
    const modified = (): unknown => {
        if (!leadId) return null;
        const read = server.loaded().store.getRecord(server.userOf('SDR'), leadId, { fields: ['Lead.LastModifiedDate'] });
        return (read.body as { lastModifiedDate?: unknown }).lastModifiedDate;
    };
    const before = modified();
    const answer = await send(server.base, requestOf(row, server, extras));
    const wrong = mismatch(row, answer) ?? (leadId && modified() !== before ? 'a refused save changed the lead' : null);
    const extra = Object.keys(extras).length ? ` (with ${Object.keys(extras).join(', ')})` : '';
    return { answer, wrong: wrong ? `${row.kind} "${row.name}"${extra}: ${wrong}` : null };
}

/** Runs `runs` requests (every table row once, then a seeded mix) against a fresh server and counts the answers. */
export async function runApiFuzz(options: { seed: number; runs: number } & FuzzServerOptions): Promise<FuzzCounts> {
    const started = performance.now();
    const server = await startFuzzServer(options);
    const counts: FuzzCounts = {
        seed: options.seed,
        tried: 0,
        status2xx: 0,
        status3xx: 0,
        status4xx: 0,
        status5xx: 0,
        crashes: 0,
        mismatchCount: 0,
        mismatches: [],
        seconds: 0
    };
    try {
        for (const planned of plan(options.seed, options.runs)) {
            counts.tried++;
            try {
                const { answer, wrong } = await attempt(server, planned);
                if (answer.status >= 500) counts.status5xx++;
                else if (answer.status >= 400) counts.status4xx++;
                else if (answer.status >= 300) counts.status3xx++;
                else counts.status2xx++;
                if (wrong) counts.mismatchCount++;
                if (wrong && counts.mismatches.length < 20) counts.mismatches.push(wrong);
            } catch {
                counts.crashes++;
            }
        }
    } finally {
        await server.close();
    }
    counts.seconds = (performance.now() - started) / 1000;
    return counts;
}

/** The counts as the bench prints them. */
export function fuzzLines(counts: FuzzCounts): string[] {
    return [
        `seed ${counts.seed}: ${counts.tried} requests tried in ${counts.seconds.toFixed(1)} s (every bad-input row once, then rows mixed with valid input and generated garbage)`,
        `2xx ${counts.status2xx}, 3xx ${counts.status3xx}, 4xx ${counts.status4xx}, 5xx ${counts.status5xx} (must be 0), crashes ${counts.crashes} (must be 0)`,
        `answers other than the bad-input table's: ${counts.mismatchCount}${counts.mismatches.length ? ` (${counts.mismatches.slice(0, 3).join('; ')})` : ''}`
    ];
}
