/**
 * The preview's drill-down list (/lightning/o/Lead/list?drill=...): the leads behind a dashboard number, found by
 * c/drillDown's query through the SOQL evaluator with the running user's access, counted as the dashboard counts
 * them (getFunnel over the same store), with the filter in words and a clear error for a bad address.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { funnelDataOf } from 'c/dashboardQueries';
import { buildDashboard, COACHING_TEXT_LABELS, windowFor, type CoachingText } from 'c/funnelMetrics';
import { drillListUrl, type DrillKey, type DrillScope } from 'c/drillDown';
import { apexRegistry } from './apex/registry.ts';
import './apex/leadGateDashboard.ts';
import { defaultRecordPage } from './flexipage.ts';
import { createPreviewServer } from './http.ts';
import { loadPreviewStore } from './loadStore.ts';
import { ROOT } from '../bundler/bundle.ts';
import { readProjectMetadata } from '../bundler/projectMetadata.ts';

const dist = mkdtempSync(join(tmpdir(), 'leadgate-dist-'));
writeFileSync(join(dist, 'main.js'), 'export {};\n');
const loaded = loadPreviewStore(ROOT);
const server = createPreviewServer({
    store: () => loaded.store,
    reset: () => undefined,
    apex: apexRegistry,
    showcase: () => loaded.seed.showcase,
    recordPage: defaultRecordPage(['c/qualificationPanel']),
    dashboardAvailable: true,
    entry: 'main.js',
    distDir: dist,
    sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
    staticResources: new Map(),
    log: () => undefined
});
let base = '';
before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const users = loaded.store.users();
const MANAGER = users.find((u) => u.role === 'Manager')!;
const SDR = users.find((u) => u.role === 'SDR')!;
const labels = readProjectMetadata(ROOT).labels;
const TEXT = Object.fromEntries(
    Object.entries(COACHING_TEXT_LABELS).map(([k, name]) => [k, labels.get(name) ?? ''])
) as unknown as CoachingText;
const WINDOW = windowFor('last180', new Date().toISOString().slice(0, 10));

const page = async (userId: string, path: string) => {
    const response = await fetch(base + path, { headers: { 'X-LeadGate-User': userId } });
    const html = await response.text();
    const rows = (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').match(/<tr>/g)?.length ?? 0;
    const summary = /data-testid="drill-summary">([^<]*)</.exec(html)?.[1] ?? null;
    const error = /data-testid="drill-error"><p>([^<]*)</.exec(html)?.[1] ?? null;
    return { status: response.status, rows, summary, error };
};

/** The dashboard as the user sees it (the preview's getFunnel), for the numbers the links carry. */
async function dashboardOf(userId: string) {
    const user = loaded.store.user(userId)!;
    const access = loaded.store.accessOf(userId)!;
    const response = await apexRegistry.call(
        'LeadGateDashboardController.getFunnel',
        { windowStart: WINDOW.start, windowEnd: WINDOW.end, teamManagerId: null },
        {
            user: { id: user.id, name: user.name, permissionSets: user.permissionSets, customPermissions: access.customPermissions },
            access,
            now: new Date(),
            records: (sobject) => loaded.store.records(sobject)
        }
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return buildDashboard(funnelDataOf(response.body as never), TEXT, { locale: 'en-US' });
}

const scopeOf = (rep: { ownerId: string; name: string } | null): DrillScope => ({
    window: WINDOW,
    team: null,
    rep: rep ? { id: rep.ownerId, name: rep.name } : null,
    cuts: []
});

describe('the drill-down lead list', () => {
    it("lists as many leads as each rep's counts on the dashboard, and says which", async () => {
        const dashboard = await dashboardOf(MANAGER.id);
        const counts: Array<[DrillKey, (r: (typeof dashboard.reps)[number]) => number]> = [
            ['mqls', (r) => r.counts.mqls],
            ['sqls', (r) => r.counts.sqls],
            ['bypassSqls', (r) => r.compliance.bypassSqls],
            ['thinEvidenceSqls', (r) => r.compliance.thinEvidenceSqls]
        ];
        let seen = 0;
        for (const rep of dashboard.reps)
            for (const [key, count] of counts) {
                const shown = await page(MANAGER.id, drillListUrl(key, scopeOf(rep)));
                assert.equal(shown.status, 200);
                assert.equal(shown.rows, count(rep), `${key} of ${rep.name}`);
                assert.ok(shown.summary?.startsWith(`${count(rep)} leads: `), shown.summary ?? '');
                assert.ok(shown.summary?.includes(`owner ${rep.name}`), shown.summary ?? '');
                seen += count(rep);
            }
        assert.ok(seen > 0, 'the sample data has leads behind the reps counts');
    });

    it('lists the chain steps of every rep', async () => {
        const dashboard = await dashboardOf(MANAGER.id);
        for (const step of dashboard.chain) {
            const key = ({ MQL: 'mqls', SAL: 'accepted', SQL: 'sqls', Opportunity: 'opportunities', Won: 'won' } as const)[step.key];
            const shown = await page(MANAGER.id, drillListUrl(key, scopeOf(null)));
            assert.equal(shown.rows, step.count, step.key);
        }
    });

    it('gives a user who sees only their own leads their own, whatever owner the address names', async () => {
        const own = await dashboardOf(SDR.id);
        const other = users.find((u) => u.id !== SDR.id && u.role === 'SDR') ?? MANAGER;
        const shown = await page(SDR.id, drillListUrl('mqls', scopeOf({ ownerId: other.id, name: other.name })));
        assert.equal(shown.rows, own.totals.mqls);
        assert.ok(shown.summary?.includes(`owner ${SDR.name}`), shown.summary ?? '');
    });

    it('refuses an unknown count or a bad window with what to do next', async () => {
        const unknown = await page(MANAGER.id, `/lightning/o/Lead/list?drill=revenue&start=${WINDOW.start}&end=${WINDOW.end}`);
        assert.equal(unknown.status, 400);
        assert.match(unknown.error ?? '', /no count &quot;revenue&quot; on the dashboard\. Open the number again from the dashboard\./);
        const bad = await page(MANAGER.id, `/lightning/o/Lead/list?drill=sqls&start=yesterday&end=${WINDOW.end}`);
        assert.equal(bad.status, 400);
        assert.match(bad.error ?? '', /YYYY-MM-DD/);
        const backwards = await page(MANAGER.id, `/lightning/o/Lead/list?drill=sqls&start=${WINDOW.end}&end=${WINDOW.start}`);
        assert.equal(backwards.status, 400);
        const cut = await page(MANAGER.id, `/lightning/o/Lead/list?drill=sqls&start=${WINDOW.start}&end=${WINDOW.end}&cut=campaign%3D701`);
        assert.match(cut.error ?? '', /not counted per campaign/);
    });
});
