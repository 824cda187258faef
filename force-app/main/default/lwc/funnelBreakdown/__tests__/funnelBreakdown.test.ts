/**
 * The breakdown: by segment (every value of the cut listed, empty ones too; an unlisted stamp under Other, a blank
 * one under Unknown) and marketing's view by campaign and by source, each rate against its band with the band's
 * reading, with accessibility checks. Labels are the project's real Custom Labels.
 */
import FunnelBreakdown from 'c/funnelBreakdown';
import type { FunnelData, SegmentRow } from 'c/funnelMetrics';
import { flushPromises, mount, pick, resetDom, $, $$, visibleText } from '../../../../../../jest/testUtils';

const seg = (value: string | null, reason: string | null, c: Partial<SegmentRow>): SegmentRow => ({
    value,
    rejectionReason: reason,
    mqls: 0,
    accepted: 0,
    rejected: 0,
    sqls: 0,
    opportunities: 0,
    actioned: 0,
    ...c
});
const size = [
    seg('Enterprise (1,000+)', null, { mqls: 40, accepted: 36, sqls: 8 }),
    seg('Enterprise (1,000+)', 'No Budget', { mqls: 4, rejected: 4 }),
    seg('Small (under 200)', 'Poor Fit', { mqls: 20, rejected: 18, accepted: 2 }),
    seg('Tiny (a retired band)', null, { mqls: 3, accepted: 3 }),
    seg(null, null, { mqls: 5, accepted: 5, sqls: 1 })
];
const funnel = [
    { leadSource: 'Web', rejectionReason: null, mqls: 48, accepted: 44, rejected: 0, sqls: 9 },
    { leadSource: 'Web', rejectionReason: 'No Budget', mqls: 4, accepted: 0, rejected: 4, sqls: 0 },
    { leadSource: 'Partner', rejectionReason: 'Poor Fit', mqls: 20, accepted: 2, rejected: 18, sqls: 0 }
].map((r) => ({ ownerId: '005A', opportunities: 0, won: 0, actioned: r.accepted + r.rejected, ...r }));
const data: FunnelData = {
    source: 'live',
    windowStart: '2026-04-01',
    windowEnd: '2026-05-01',
    asOf: null,
    campaignsOrgWide: false,
    thinEvidenceChars: 40,
    rowsUsed: 0,
    owners: [],
    funnel,
    speed: [],
    compliance: [],
    campaigns: [{ campaignId: '701A', campaignName: 'Spring Webinar', members: 30 }],
    campaignRejections: [{ campaignId: '701A', rejectionReason: 'Poor Fit', rejected: 18 }],
    segmentFunnel: { size, industry: [], region: [] },
    segmentWon: { size: [{ value: 'Enterprise (1,000+)', won: 1 }] },
    campaignFunnel: [{ campaignId: '701A', mqls: 30, accepted: 10, rejected: 18, sqls: 2, opportunities: 1 }]
};

const rowText = (host: HTMLElement, group: string): string => visibleText($(host, `tr[data-group="${group}"]`)!);

jest.setTimeout(30_000);

describe('c-funnel-breakdown', () => {
    afterEach(() => resetDom());

    it('lists every company-size band with acceptance and MQL to SQL against the bands; Other and Unknown stay apart', async () => {
        const host = mount('c-funnel-breakdown', FunnelBreakdown, { data });
        await flushPromises();
        const groups = $$(host, 'tbody tr').map((tr) => tr.getAttribute('data-group'));
        expect(groups).toEqual(['Small (under 200)', 'Mid-market (200-999)', 'Enterprise (1,000+)', 'Other', 'Unknown']);
        // Enterprise: 44 MQLs, 36 accepted of 40 actioned = 90 %, 8 SQLs of 44 = 18 %.
        expect(rowText(host, 'Enterprise (1,000+)')).toContain('44');
        expect(rowText(host, 'Enterprise (1,000+)')).toContain('90% (Within benchmark)');
        expect(rowText(host, 'Enterprise (1,000+)')).toContain('18% (Within benchmark)');
        expect(rowText(host, 'Enterprise (1,000+)')).toContain('No Budget (4)');
        // Small: 2 accepted of 20 actioned = 10 %: the acceptance band's reading.
        expect($(host, 'tr[data-group="Small (under 200)"] td[data-position="below"]')).not.toBeNull();
        expect(rowText(host, 'Small (under 200)')).toContain('An alignment problem, not a lead problem');
        expect(rowText(host, 'Mid-market (200-999)')).toContain('–');
        expect(rowText(host, 'Other')).toContain('3');
        expect(rowText(host, 'Unknown')).toContain('5');
        expect($(host, '[data-id="marketing-note"]')).toBeNull();
        await expect(host).toBeAccessible();
    });

    it("marketing's view: by campaign and by source, with the rejection reasons and what to fix", async () => {
        const host = mount('c-funnel-breakdown', FunnelBreakdown, { data });
        await flushPromises();
        pick($(host, '[data-filter="breakdown"]')!, 'marketing:campaign');
        await flushPromises();
        expect(visibleText($(host, '[data-id="marketing-note"]')!)).toContain('fix the campaign, or the definition');
        const webinar = rowText(host, '701A');
        expect(webinar).toContain('Spring Webinar');
        // 10 accepted of 28 actioned = 36 % (below 70 %); 2 SQLs of 30 MQLs = 7 % (below 13 %).
        expect(webinar).toContain('36% (Below benchmark)');
        expect(webinar).toContain('7% (Below benchmark)');
        expect(webinar).toContain('Poor Fit (18)');
        await expect(host).toBeAccessible();

        pick($(host, '[data-filter="breakdown"]')!, 'marketing:source');
        await flushPromises();
        expect($$(host, 'tbody tr').map((tr) => tr.getAttribute('data-group'))).toEqual(['Web', 'Partner']);
        expect(rowText(host, 'Partner')).toContain('Poor Fit (18)');
        await expect(host).toBeAccessible();
    });

    it("links each group's MQL count to the lead list of that group, in the dashboard's window and team", async () => {
        const drillScope = {
            window: { start: '2026-04-01', end: '2026-05-01' },
            team: { managerId: '005M', repNames: ['Ana'] },
            rep: null,
            cuts: []
        };
        const host = mount('c-funnel-breakdown', FunnelBreakdown, { data, drillScope, reportIds: {} });
        await flushPromises();
        const enterprise = $<HTMLAnchorElement>(host, 'tr[data-group="Enterprise (1,000+)"] a[data-drill="mqls"]')!;
        expect(visibleText(enterprise)).toBe('44');
        expect(enterprise.getAttribute('aria-label')).toBe('View the 44 MQLs of Company size Enterprise (1,000+)');
        const params = new URL(enterprise.getAttribute('href')!, 'https://x').searchParams;
        expect([...params.entries()]).toEqual([
            ['c__drill', 'mqls'],
            ['c__start', '2026-04-01'],
            ['c__end', '2026-05-01'],
            ['c__team', '005M'],
            ['c__cut0', 'segment:size=Enterprise (1,000+)']
        ]);
        await expect(host).toBeAccessible();

        pick($(host, '[data-filter="breakdown"]')!, 'marketing:campaign');
        await flushPromises();
        const webinar = $<HTMLAnchorElement>(host, 'tr[data-group="701A"] a[data-drill="mqls"]')!;
        expect(webinar.getAttribute('aria-label')).toBe('View the 30 campaign MQLs of campaign Spring Webinar');
        expect(new URL(webinar.getAttribute('href')!, 'https://x').searchParams.getAll('c__cut0')).toEqual(['campaign=701A']);
    });

    it('shows plain counts when the dashboard gives no drill-down scope', async () => {
        const host = mount('c-funnel-breakdown', FunnelBreakdown, { data });
        await flushPromises();
        expect($(host, 'a[data-drill]')).toBeNull();
    });

    it("says when a team's segment figures come from the snapshot for every rep", async () => {
        const host = mount('c-funnel-breakdown', FunnelBreakdown, { data: { ...data, segmentsOrgWide: true } });
        await flushPromises();
        expect(visibleText($(host, '[data-id="segments-org-wide"]')!)).toBe(
            'From the nightly snapshot, segment figures cover every rep, not only the chosen team.'
        );
        const live = mount('c-funnel-breakdown', FunnelBreakdown, { data });
        await flushPromises();
        expect($(live, '[data-id="segments-org-wide"]')).toBeNull();
        await expect(host).toBeAccessible();
    });

    it('says so when the window has no MQLs', async () => {
        const host = mount('c-funnel-breakdown', FunnelBreakdown, { data: { ...data, segmentFunnel: {}, funnel: [] } });
        await flushPromises();
        expect($(host, '[data-id="breakdown-none"]')).not.toBeNull();
        await expect(host).toBeAccessible();
    });
});
