/**
 * The Definition page: the form's check is validateDefinition's (browser and server give the same messages), only
 * admins reach it, every input is labelled and described, and the server's answers follow the edits.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { validateDefinition } from 'c/definitionCheck';
import { ApexRegistry } from '../server/apex/registry.ts';
import { defaultRecordPage } from '../server/flexipage.ts';
import { createPreviewServer } from '../server/http.ts';
import { loadPreviewStore } from '../server/loadStore.ts';
import { DefinitionStudio, StudioError } from '../server/studio.ts';
import { ROOT } from '../bundler/bundle.ts';
import { applyEdits, editableSettings } from '../../scripts/admin/studio/settings.ts';
import { DEFINITION_PATH, definitionHash, readRevisionsLog } from '../../scripts/admin/studio/revision.ts';
import { projectCopy } from '../../scripts/admin/studio/projectCopy.ts';
import { checkForm } from './formCheck.ts';
import { inputId, studioPageBody } from './studioPage.ts';
import { SAMPLE_HISTORY, sampleHistoryCsv } from '../server/sampleHistory.ts';

const FIXTURE = 'scripts/admin/backtest/__fixtures__/small.csv';

describe('the form check is validateDefinition on the edited definition', () => {
    const cases: Array<[string, string, RegExp]> = [
        ['bar.minIntent', '500', /intent score range/],
        ['bar.minFit', '-20', /fit score range/],
        ['intent.halfLifeDays', '0', /above 0/],
        ['intent.signals[id=demoRequest].points', '0', /./],
        ['fit.rules[id=competitor].points', '-400', /./],
        ['bands[metric=mqlToSql].min', '1.5', /fraction from 0 to 1/],
        ['bands[metric=mqlToSql].max', '0.05', /from min/],
        ['sla.minutes', '0', /minutes above 0/],
        ['evidence.minLettersAndDigits', '2.5', /whole number/]
    ];
    for (const [key, text, pattern] of cases) {
        it(`${key} = ${text} is refused with the shared check's message`, () => {
            const { problems, edits } = checkForm(SQL_DEFINITION, [{ key, text }]);
            assert.deepEqual(problems, validateDefinition(applyEdits(SQL_DEFINITION, edits)));
            const mine = problems.filter((p) => p.key === key);
            assert.equal(mine.length, 1, JSON.stringify(problems));
            assert.match(mine[0]?.message ?? '', pattern);
        });
    }
    it('blank and non-numbers ask for a number; valid values give no problem and only changed values become edits', () => {
        assert.deepEqual(checkForm(SQL_DEFINITION, [{ key: 'bar.minIntent', text: ' ' }]).problems, [
            { key: 'bar.minIntent', message: 'is blank: enter a number' }
        ]);
        assert.match(checkForm(SQL_DEFINITION, [{ key: 'bar.minIntent', text: 'forty' }]).problems[0]?.message ?? '', /enter a number/);
        const ok = checkForm(SQL_DEFINITION, [
            { key: 'bar.minIntent', text: '40' },
            { key: 'bar.minFit', text: String(SQL_DEFINITION.bar.minFit) },
            { key: 'bands[metric=mqlToSql].min', text: '0,15' }
        ]);
        assert.deepEqual(ok.problems, []);
        assert.deepEqual(ok.edits, [
            { key: 'bar.minIntent', value: 40 },
            { key: 'bands[metric=mqlToSql].min', value: 0.15 }
        ]);
    });
});

describe('the Definition page in the preview server', () => {
    const dist = mkdtempSync(join(tmpdir(), 'leadgate-dist-'));
    writeFileSync(join(dist, 'main.js'), 'export {};\n');
    const loaded = loadPreviewStore(ROOT);
    const studio = new DefinitionStudio(ROOT, SQL_DEFINITION, FIXTURE);
    const server = createPreviewServer({
        store: () => loaded.store,
        reset: () => undefined,
        apex: new ApexRegistry(),
        showcase: () => loaded.seed.showcase,
        recordPage: defaultRecordPage([]),
        dashboardAvailable: false,
        entry: 'main.js',
        distDir: dist,
        sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
        staticResources: new Map(),
        studio
    });
    const users = loaded.store.users();
    const ADMIN = users.find((u) => u.permissionSets.includes('LeadGate_Admin'))?.id ?? '';
    const SDR = users.find((u) => u.role === 'SDR')?.id ?? '';
    let base = '';
    before(async () => {
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const get = (path: string, as: string) => fetch(base + path, { headers: { 'X-LeadGate-User': as } });
    const post = (path: string, as: string, body: unknown) =>
        fetch(base + path, {
            method: 'POST',
            headers: { 'X-LeadGate-User': as, 'Content-Type': 'application/json' },
            body: JSON.stringify(body)
        });

    it('only an admin gets the page and its API; others get an access error', async () => {
        const sdrPage = await get('/definition', SDR);
        assert.equal(sdrPage.status, 403);
        assert.match(await sdrPage.text(), /Insufficient privileges/);
        assert.equal((await post('/preview/studio/evaluate', SDR, { edits: [] })).status, 403);
        assert.equal((await post('/preview/studio/save', SDR, { edits: [{ key: 'bar.minIntent', value: 40 }], reason: '' })).status, 403);
        const page = await get('/definition', ADMIN);
        assert.equal(page.status, 200);
        assert.ok((await page.text()).includes(`"definitionHash":"${definitionHash(ROOT)}"`), 'the page carries the hash it shows');
        assert.doesNotMatch(await (await get('/', SDR)).text(), /href="\/definition"/);
        assert.match(await (await get('/', ADMIN)).text(), /href="\/definition"/);
    });

    it('every setting has an input with its label, its help and an error place, all tied by ids', async () => {
        const html = await (await get('/definition', ADMIN)).text();
        const tags = { number: 'input', text: 'textarea', choice: 'select' } as const;
        for (const setting of editableSettings(SQL_DEFINITION)) {
            const id = inputId(setting.key);
            const input = new RegExp(`<${tags[setting.kind]}[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
            assert.ok(input, `no input for ${setting.key}`);
            assert.match(input, new RegExp(`aria-describedby="${id}-help ${id}-error ${id}-direction"`));
            assert.match(html, new RegExp(`<label[^>]*for="${id}">`));
            for (const part of ['help', 'error', 'direction']) assert.match(html, new RegExp(`id="${id}-${part}"`));
        }
        const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
        assert.equal(new Set(ids).size, ids.length, 'ids are unique');
        // The criteria texts and the rejection reasons are on the page with their values.
        assert.match(
            html,
            /<textarea[^>]*name="frameworks\[key=BANT\]\.criteria\[key=Budget\]\.question"[^>]*>Is money set aside for this, and how much\?<\/textarea>/
        );
        assert.match(
            html,
            /<select[^>]*name="rejectionReasons\[value=No Budget\]\.recyclesTo"[^>]*><option value="Rejected">Rejected<\/option><option value="Nurture" selected>/
        );
    });

    it('criteria texts and rejection reasons: the shared check refuses a blank or too long text and an unknown target', () => {
        const key = 'frameworks[key=MEDDIC].criteria[key=Metrics].question';
        const reason = 'rejectionReasons[value=Other]';
        const blank = checkForm(SQL_DEFINITION, [{ key, text: '   ' }]).problems;
        assert.deepEqual(blank, validateDefinition(applyEdits(SQL_DEFINITION, [{ key, value: '' }])));
        assert.match(blank.find((p) => p.key === key)?.message ?? '', /write the question the rep answers/);
        assert.match(checkForm(SQL_DEFINITION, [{ key, text: 'x'.repeat(151) }]).problems[0]?.message ?? '', /151 characters: keep/);
        assert.match(
            checkForm(SQL_DEFINITION, [{ key: `${reason}.description`, text: '' }]).problems[0]?.message ?? '',
            /write the guidance/
        );
        assert.throws(() => checkForm(SQL_DEFINITION, [{ key: `${reason}.recyclesTo`, text: 'Trash' }]), /choose one of Rejected, Nurture/);
        const ok = checkForm(SQL_DEFINITION, [
            { key, text: ' Which gain will the buyer measure? ' },
            { key: `${reason}.recyclesTo`, text: 'Nurture' }
        ]);
        assert.deepEqual(ok.problems, []);
        assert.deepEqual(ok.edits, [
            { key, value: 'Which gain will the buyer measure?' },
            { key: `${reason}.recyclesTo`, value: 'Nurture' }
        ]);
    });

    it('segments: label, band bounds and names, group names are on the page with their help', async () => {
        const html = await (await get('/definition', ADMIN)).text();
        const band = 'segments[key=size].rule.bands[value=Mid-market (200-999)]';
        const field = (key: string): string =>
            new RegExp(`<div[^>]*data-key="${key.replace(/[[\]().+]/g, '\\$&')}"[^>]*>[\\s\\S]*?studio-error`).exec(html)?.[0] ?? '';
        assert.match(field(`${band}.min`), /<input[^>]*type="number"[^>]*value="200"[^>]*step="1"/);
        assert.match(
            field(`${band}.min`),
            /Leads with at least this many NumberOfEmployees fall in this band, up to the next band&#39;s lower bound \(1000\)/
        );
        assert.match(field(`${band}.value`), /<textarea[^>]*>Mid-market \(200-999\)<\/textarea>/);
        assert.match(field(`${band}.value`), /not &quot;Unknown&quot; or &quot;Other&quot;/);
        assert.match(field('segments[key=region].label'), /<textarea[^>]*>Region<\/textarea>/);
        assert.match(
            field('segments[key=industry].rule.groups[value=Life sciences].value'),
            /Industry is Biotechnology, Healthcare is stamped/
        );
        assert.match(html, /<legend[^>]*>Segments: names and size bands<\/legend>/);
    });

    it('segments: the shared check refuses bounds out of order and a reused name; a rename with a new bound is one valid edit pair', () => {
        const band = 'segments[key=size].rule.bands[value=Mid-market (200-999)]';
        const order = checkForm(SQL_DEFINITION, [{ key: `${band}.min`, text: '1000' }]).problems;
        assert.deepEqual(order, validateDefinition(applyEdits(SQL_DEFINITION, [{ key: `${band}.min`, value: 1000 }])));
        assert.match(
            order.find((p) => p.key === 'segments[key=size].rule.bands[value=Enterprise (1,000+)].min')?.message ?? '',
            /more than the band before it \(1000\)/
        );
        // A renamed band's problems stay under its field (the page knows it by its saved name).
        const reused = checkForm(SQL_DEFINITION, [{ key: `${band}.value`, text: 'Other' }]).problems;
        assert.deepEqual(
            reused.map((p) => p.key),
            [`${band}.value`]
        );
        assert.match(reused[0]?.message ?? '', /choose another name/);
        const blank = checkForm(SQL_DEFINITION, [{ key: `${band}.value`, text: ' ' }]).problems;
        assert.deepEqual(
            blank.map((p) => p.key),
            [`${band}.value`]
        );
        const moved = checkForm(SQL_DEFINITION, [
            { key: `${band}.value`, text: 'Mid-market' },
            { key: `${band}.min`, text: '0' }
        ]).problems;
        assert.deepEqual(
            moved.map((p) => p.key),
            [`${band}.min`]
        );
        const ok = checkForm(SQL_DEFINITION, [
            { key: `${band}.value`, text: ' Mid-market (250-999) ' },
            { key: `${band}.min`, text: '250' }
        ]);
        assert.deepEqual(ok.problems, []);
        assert.deepEqual(ok.edits, [
            { key: `${band}.value`, value: 'Mid-market (250-999)' },
            { key: `${band}.min`, value: 250 }
        ]);
    });

    it('the server answers with the same problems as the browser check, and figures only for valid values', async () => {
        const bad = (await (await post('/preview/studio/evaluate', ADMIN, { edits: [{ key: 'bar.minIntent', value: 500 }] })).json()) as {
            problems: unknown;
            figures: unknown;
        };
        assert.deepEqual(bad.problems, checkForm(SQL_DEFINITION, [{ key: 'bar.minIntent', text: '500' }]).problems);
        assert.equal(bad.figures, null);
        const nameKey = 'segments[key=size].rule.bands[value=Small (under 200)].value';
        const renamed = (await (await post('/preview/studio/evaluate', ADMIN, { edits: [{ key: nameKey, value: 'Unknown' }] })).json()) as {
            problems: unknown;
        };
        assert.deepEqual(renamed.problems, checkForm(SQL_DEFINITION, [{ key: nameKey, text: 'Unknown' }]).problems);
        assert.deepEqual(
            (renamed.problems as Array<{ key: string }>).map((p) => p.key),
            [nameKey]
        );
        const good = (await (
            await post('/preview/studio/evaluate', ADMIN, { edits: [{ key: 'bar.minIntent', value: 0 }], generated: true })
        ).json()) as {
            problems: unknown[];
            changes: Array<{ direction: string }>;
            figures: { cleared: { both: Array<{ leads: number }> } };
            generated: { changedFiles: string[] };
        };
        assert.deepEqual(good.problems, []);
        assert.ok((good.figures.cleared.both[1]?.leads ?? 0) > (good.figures.cleared.both[0]?.leads ?? 0));
        assert.equal(good.changes[0]?.direction, 'loosens');
        assert.ok(good.generated.changedFiles.some((p) => p.endsWith('Meets_SQL_Bar__c.field-meta.xml')));
    });

    it('a loosening revision without a reason is refused by the server, and writes nothing', async () => {
        const response = await post('/preview/studio/save', ADMIN, {
            edits: [{ key: 'bar.minIntent', value: 0 }],
            reason: '',
            baseHash: definitionHash(ROOT)
        });
        assert.equal(response.status, 422);
        assert.match(((await response.json()) as Array<{ message: string }>)[0]?.message ?? '', /loosens the definition/);
        assert.equal(studio.definition.version, SQL_DEFINITION.version);
    });

    it('an export the backtest cannot read is refused with its message and the previous one stays', async () => {
        const response = await post('/preview/studio/export', ADMIN, { path: 'package.json' });
        assert.equal(response.status, 422);
        assert.match(((await response.json()) as Array<{ message: string }>)[0]?.message ?? '', /package\.json/);
        assert.equal(studio.exportShown, FIXTURE);
    });

    it('serves the client modules, and nothing else under /studio/src/', async () => {
        const client = await get('/studio/src/preview/studio/formCheck.ts', ADMIN);
        assert.equal(client.status, 200);
        assert.match(await client.text(), /export function checkForm/);
        assert.equal((await get('/studio/src/preview/server/studio.ts', ADMIN)).status, 404);
        assert.equal((await get('/studio/src/../package.json', ADMIN)).status, 404);
    });
});

describe('two admins (or two tabs) save from the same page load', () => {
    it('the second save is refused with what to do, the first stays, and the page carries the hash it loaded', async () => {
        const dir = projectCopy();
        try {
            const studio = new DefinitionStudio(dir, SQL_DEFINITION, join(ROOT, FIXTURE));
            const admin = { name: 'Ada Admin' } as Parameters<DefinitionStudio['save']>[1];
            const loaded = studio.hash;
            assert.equal(loaded, definitionHash(dir));
            const tightenTo = (value: number) => ({ edits: [{ key: 'bar.minIntent', value }], reason: '', baseHash: loaded });
            // Both tabs press Save at once: the saves run one after the other, so the second sees the first's module.
            const [first, second] = await Promise.allSettled([studio.save(tightenTo(35), admin), studio.save(tightenTo(38), admin)]);
            assert.equal(first.status, 'fulfilled', first.status === 'rejected' ? String(first.reason) : '');
            assert.equal(second.status, 'rejected');
            const refusal = (second as PromiseRejectedResult).reason as StudioError;
            assert.ok(refusal instanceof StudioError);
            assert.equal(refusal.status, 409);
            assert.match(refusal.message, /changed since this page was loaded[\s\S]*Your edits are still in the form/);
            assert.match(readFileSync(join(dir, DEFINITION_PATH), 'utf8'), /bar: \{ minFit: 40, minIntent: 35 \}/);
            assert.equal(readRevisionsLog(dir).revisions.filter((r) => r.savedBy === 'Ada Admin').length, 1);
            // With the hash its save returned, the first tab saves again.
            const next = await studio.save({ ...tightenTo(36), baseHash: studio.hash }, admin);
            assert.equal(next.definition.bar.minIntent, 36);
            // A save without the hash (an old page) is refused before anything is written.
            await assert.rejects(studio.save({ edits: [{ key: 'bar.minIntent', value: 37 }], reason: '' }, admin), (e: unknown) => {
                assert.ok(e instanceof StudioError && e.status === 400 && /reload the Definition page/.test(e.message));
                return true;
            });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe('the sample history as the source of the figures', () => {
    it('is the default when the preview offers it: exported with the backtest query, read by the backtest reader', async () => {
        const { store } = loadPreviewStore(ROOT);
        const now = new Date();
        const source = {
            csv: (defs: readonly (typeof SQL_DEFINITION)[]) => sampleHistoryCsv(ROOT, (sobject) => store.records(sobject), defs, now),
            leads: () => store.allLeads().length
        };
        const studio = new DefinitionStudio(ROOT, SQL_DEFINITION, undefined, source);
        assert.equal(studio.exportShown, SAMPLE_HISTORY);
        const evaluation = await studio.evaluate({ edits: [] });
        const mqls = store.allLeads().filter((lead) => lead.MQL_At__c).length;
        assert.ok(mqls > 1000, `${mqls} MQLs in the sample history`);
        assert.equal(evaluation.figures?.mqls, mqls);
        assert.ok((evaluation.summary?.wonBefore ?? 0) > 0, 'won deals of the sample history count');
        assert.equal(evaluation.summary?.source, SAMPLE_HISTORY);
        const page = studioPageBody({
            saved: SQL_DEFINITION,
            exportPath: studio.exportShown,
            revisions: [],
            definitionHash: 'h',
            sampleHistoryLeads: studio.sampleHistoryLeads
        });
        assert.match(page, /id="studio-source-sample" name="studio-source" value="sample history" checked>/);
        assert.match(page, new RegExp(`Sample history \\(${store.allLeads().length.toLocaleString('en-US')} leads\\)`));
        // Switching to a CSV and back.
        assert.equal((await studio.useExport({ path: FIXTURE })).path, FIXTURE);
        assert.equal((await studio.useExport({ path: SAMPLE_HISTORY })).mqls, mqls);
    });

    it('a server without it refuses the choice with what to do instead', async () => {
        const studio = new DefinitionStudio(ROOT, SQL_DEFINITION, FIXTURE);
        await assert.rejects(studio.useExport({ path: SAMPLE_HISTORY }), /no sample history: give the path of a lead export/);
        assert.doesNotMatch(
            studioPageBody({ saved: SQL_DEFINITION, exportPath: FIXTURE, revisions: [], definitionHash: 'h', sampleHistoryLeads: null }),
            /studio-source-sample/
        );
    });
});
