/**
 * The drill-down lead list in the preview (/lightning/cmp/c__drillLeadList?c__drill=...): the page mounts the real
 * component c/drillLeadList, whose rows come from LeadGateDrillDownController.getLeads, the generated query text of
 * LeadGateDrillQueries.cls run through the SOQL evaluator with the running user's access. The leads are counted as the
 * dashboard counts them (getFunnel over the same store); a bad request gets a clear refusal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { funnelDataOf } from 'c/dashboardQueries';
import { buildDashboard, COACHING_TEXT_LABELS, windowFor, type CoachingText } from 'c/funnelMetrics';
import { drillDownOf, drillLeadsOf, drillLeadsParams, drillListUrl, drillRequestOf, type DrillKey, type DrillScope } from 'c/drillDown';
import { apexRegistry } from './apex/registry.ts';
import './apex/leadGateDashboard.ts';
import './apex/leadGateDrillDown.ts';
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

/** The preview's LeadGateDrillDownController.getLeads as `userId` calls it, for the request a link's address carries. */
const list = async (userId: string, url: string) => {
    const state = Object.fromEntries(new URL(url, 'http://preview').searchParams);
    const request = drillRequestOf(state);
    const user = loaded.store.user(userId)!;
    const access = loaded.store.accessOf(userId)!;
    const response = await apexRegistry.call('LeadGateDrillDownController.getLeads', drillLeadsParams(request), {
        user: { id: user.id, name: user.name, permissionSets: user.permissionSets, customPermissions: access.customPermissions },
        access,
        now: new Date(),
        records: (sobject) => loaded.store.records(sobject)
    });
    const body = response.body as { rows?: unknown[]; limitReached?: boolean };
    const leads = response.status === 200 ? drillLeadsOf(drillDownOf(request.key), body.rows ?? []) : [];
    return { status: response.status, leads, limitReached: body.limitReached, body: response.body };
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
    it('is the component c/drillLeadList, mounted at the address the org opens too', async () => {
        const url = drillListUrl('sqls', scopeOf(null));
        assert.match(url, /^\/lightning\/cmp\/c__drillLeadList\?c__drill=sqls&c__start=\d{4}-\d{2}-\d{2}&c__end=\d{4}-\d{2}-\d{2}$/);
        const response = await fetch(base + url, { headers: { 'X-LeadGate-User': MANAGER.id } });
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.ok(html.includes('"specifier":"c/drillLeadList"'), 'the page plan places c/drillLeadList');
    });

    it("lists as many leads as each rep's counts on the dashboard, each lead theirs", async () => {
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
                const shown = await list(MANAGER.id, drillListUrl(key, scopeOf(rep)));
                assert.equal(shown.status, 200, JSON.stringify(shown.body));
                assert.equal(shown.leads.length, count(rep), `${key} of ${rep.name}`);
                assert.ok(
                    shown.leads.every((l) => l.ownerId === rep.ownerId && l.ownerName === rep.name),
                    `${key} of ${rep.name}: every lead is the rep's`
                );
                seen += count(rep);
            }
        assert.ok(seen > 0, 'the sample data has leads behind the reps counts');
    });

    it('lists the chain steps of every rep', async () => {
        const dashboard = await dashboardOf(MANAGER.id);
        for (const step of dashboard.chain) {
            const key = ({ MQL: 'mqls', SAL: 'accepted', SQL: 'sqls', Opportunity: 'opportunities', Won: 'won' } as const)[step.key];
            const shown = await list(MANAGER.id, drillListUrl(key, scopeOf(null)));
            assert.equal(shown.leads.length, step.count, step.key);
            assert.equal(shown.limitReached, false);
        }
    });

    it('gives a user who sees only their own leads their own, whatever owner the address names', async () => {
        const own = await dashboardOf(SDR.id);
        const other = users.find((u) => u.id !== SDR.id && u.role === 'SDR') ?? MANAGER;
        const shown = await list(SDR.id, drillListUrl('mqls', scopeOf({ ownerId: other.id, name: other.name })));
        assert.equal(shown.leads.length, own.totals.mqls);
        assert.ok(
            shown.leads.every((l) => l.ownerId === SDR.id),
            'no lead of another owner'
        );
    });

    it('refuses an unknown count, a bad window or a bad cut with what to do next', async () => {
        assert.throws(() => drillRequestOf({ c__drill: 'revenue', c__start: WINDOW.start, c__end: WINDOW.end }), /no count "revenue"/);
        assert.throws(() => drillRequestOf({ c__drill: 'sqls', c__start: 'yesterday', c__end: WINDOW.end }), /YYYY-MM-DD/);
        assert.throws(() => drillRequestOf({ c__drill: 'sqls', c__start: WINDOW.end, c__end: WINDOW.start }), /before it starts/);
        assert.throws(
            () => drillRequestOf({ c__drill: 'sqls', c__start: WINDOW.start, c__end: WINDOW.end, c__cut0: 'campaign=701' }),
            /not counted per campaign/
        );
    });
});
