/**
 * The trend view: loading, error, the chart with a revision marked, the before/after table with sample sizes,
 * the week/month choice (weeks refused for snapshot months), with accessibility checks. Apex is mocked
 * imperatively; the revisions log is fetched from the static resource; labels are the project's real ones.
 */
import getTrend from '@salesforce/apex/LeadGateDashboardController.getTrend';
import { loadScript } from 'lightning/platformResourceLoader';
import FunnelTrend from 'c/funnelTrend';
import { flushPromises, mount, resetDom, $, $$, visibleText } from '../../../../../../jest/testUtils';

jest.mock('@salesforce/apex/LeadGateDashboardController.getTrend', () => ({ default: jest.fn() }), { virtual: true });

type Plugin = { id: string; afterDatasetsDraw(chart: unknown): void };
const drawn: Array<{ type: string; labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> }> = [];
let plugins: Plugin[] = [];
let chartCanvas: HTMLCanvasElement | null = null;
class FakeChart {
    data: { labels: string[]; datasets: Array<{ label: string; data: Array<number | null> }> };
    constructor(canvas: HTMLCanvasElement, config: { type: string; data: FakeChart['data']; plugins?: Plugin[] }) {
        this.data = config.data;
        plugins = config.plugins ?? [];
        chartCanvas = canvas;
        drawn.push({ type: config.type, labels: config.data.labels, datasets: config.data.datasets });
    }
    update(): void {
        drawn.push({ type: 'update', labels: this.data.labels, datasets: this.data.datasets });
    }
    destroy(): void {}
}

/** Runs the chart's plugins over a recording context: period i's point at x = 100 + 200 i, the plot from x 50 to 1500. */
function drawPlugins(): string[] {
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
        get: (target, key: string) => (key in target ? target[key] : (...args: unknown[]) => calls.push(`${key}(${args.join(',')})`)),
        set: (target, key: string, value) => {
            target[key] = value;
            calls.push(`${key}=${String(value)}`);
            return true;
        }
    });
    const chart = {
        ctx,
        canvas: chartCanvas!,
        chartArea: { top: 10, bottom: 300, left: 50, right: 1500 },
        scales: { x: { getPixelForValue: (v: number) => 100 + 200 * v } }
    };
    for (const p of plugins) p.afterDatasetsDraw(chart);
    return calls;
}

const rows = (name: string, aliases: string[], data: Array<Record<string, unknown>>) => ({ part: name, name, aliases, rows: data });
const COUNTS = ['mqls', 'accepted', 'rejected', 'sqls', 'opportunities'];
const live = {
    source: 'live',
    windowStart: '2026-04-01',
    windowEnd: '2026-06-01',
    asOf: null,
    rowsUsed: 120,
    results: [
        rows(
            'TREND',
            ['mqlDay', ...COUNTS],
            [
                { mqlDay: '2026-04-06', mqls: 40, accepted: 30, rejected: 5, sqls: 8, opportunities: 4 },
                { mqlDay: '2026-05-04', mqls: 10, accepted: 9, rejected: 1, sqls: 4, opportunities: 2 }
            ]
        ),
        rows('TREND_WON', ['mqlDay', 'won'], [{ mqlDay: '2026-04-06', won: 1 }])
    ]
};
const snapshot = {
    ...live,
    source: 'snapshot',
    asOf: '2026-05-31T02:00:00.000Z',
    results: [
        rows(
            'TREND',
            ['mqlMonth', ...COUNTS],
            [{ mqlMonth: '2026-04-01', mqls: 40, accepted: 30, rejected: 5, sqls: 8, opportunities: 4 }]
        ),
        rows('TREND_WON', ['mqlMonth', 'won'], [])
    ]
};
const LOG = { revisions: [{ version: '2026.5', at: '2026-04-20T09:00:00.000Z', reason: 'r', summary: 'Exits from MQL need a reason.' }] };

const respondWith = (response: unknown, log: unknown = LOG): void => {
    (getTrend as unknown as jest.Mock).mockResolvedValue(response);
    (globalThis as unknown as { fetch: unknown }).fetch = jest.fn(() =>
        Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(log) })
    );
};
/** The Apex call, the fetch of the log, its JSON, the render and the chart library: five turns. */
const settle = (): Promise<void> => flushPromises().then(flushPromises).then(flushPromises).then(flushPromises).then(flushPromises);
const buttons = (host: HTMLElement) =>
    $$(host, 'lightning-button') as unknown as Array<HTMLElement & { label: string; disabled: boolean; click(): void }>;

jest.setTimeout(30_000);

describe('c-funnel-trend', () => {
    beforeEach(() => {
        drawn.length = 0;
        (window as unknown as { Chart?: unknown }).Chart = FakeChart;
        (loadScript as jest.Mock).mockResolvedValue(undefined);
    });
    afterEach(() => {
        resetDom();
        delete (window as unknown as { Chart?: unknown }).Chart;
    });

    it('asks for the chosen team, then draws monthly rates with the revision marked and compares before and after', async () => {
        respondWith(live);
        const host = mount('c-funnel-trend', FunnelTrend, { teamManagerId: '005MGR' });
        expect($(host, '[data-state="loading"]')).not.toBeNull();
        await settle();
        expect(getTrend).toHaveBeenCalledWith({ teamManagerId: '005MGR' });
        expect(drawn[0]!.type).toBe('line');
        // The axis keeps plain periods; the revision is a line drawn at 20 April: April's band starts half a period
        // before its point, and 19 days 9 hours of its 30 had passed.
        expect(drawn[0]!.labels).toEqual(['2026-04', '2026-05']);
        const calls = drawPlugins();
        const x = Math.round(100 + 200 * (-0.5 + (19 + 9 / 24) / 30));
        expect(calls).toContain(`moveTo(${x},10)`);
        expect(calls).toContain(`lineTo(${x},300)`);
        expect(calls).toContain('stroke()');
        expect(calls.some((c) => c.startsWith('fillText(Revision 2026.5,'))).toBe(true);
        expect(chartCanvas!.dataset.revisionMarks).toBe(`2026.5@${x}`);
        // The hidden table still names the revision in its period for screen readers.
        expect(visibleText($(host, '[data-id="periods"]')!)).toContain('2026-04 (revision 2026.5)');
        const mqlToSql = drawn[0]!.datasets.find((d) => d.label === 'Marketing qualified to Sales qualified');
        expect(mqlToSql?.data).toEqual([20, 40]);
        const comparison = $(host, '[data-id="comparison"]')!;
        const text = visibleText(comparison);
        expect(text).toContain('2026.5');
        expect(text).toContain('Before (2026-04-01 to 2026-04-20)');
        expect(text).toContain('After (2026-04-20 to 2026-06-01)');
        const sampleCells = $$(comparison, 'tbody tr').map((tr) => visibleText(tr.querySelector('td')!));
        expect(sampleCells).toEqual(['40', '10']);
        expect(text).toContain('Small sample: under 30 MQLs');
        await expect(host).toBeAccessible();
    });

    it('weekly periods on request, the revision in its week', async () => {
        respondWith(live);
        const host = mount('c-funnel-trend', FunnelTrend);
        await settle();
        buttons(host)
            .find((b) => b.label === 'Week')!
            .click();
        await settle();
        const last = drawn[drawn.length - 1]!;
        expect(last.labels[0]).toBe('2026-03-30');
        expect(last.labels).toContain('2026-04-20');
        expect(last.labels.some((l) => l.includes('revision'))).toBe(false);
        // Week of 20 April is period 3 (weeks from 30 March); the revision is 9 hours into it.
        expect(drawPlugins()).toContain(`moveTo(${Math.round(100 + 200 * (3 - 0.5 + 9 / 24 / 7))},10)`);
        await expect(host).toBeAccessible();
    });

    it('from the snapshot: months only, the week choice disabled with the reason, the revision month on neither side', async () => {
        respondWith(snapshot);
        const host = mount('c-funnel-trend', FunnelTrend);
        await settle();
        expect(buttons(host).find((b) => b.label === 'Week')!.disabled).toBe(true);
        expect(visibleText(host)).toContain('Weeks need live counts');
        expect(visibleText(host)).toContain('40 MQLs of the day or month of the revision count on neither side.');
        await expect(host).toBeAccessible();
    });

    it('says why when the trend cannot load, and when no revision falls in the window', async () => {
        (getTrend as unknown as jest.Mock).mockRejectedValue({ body: { message: 'Too many MQLs to count live.' } });
        (globalThis as unknown as { fetch: unknown }).fetch = jest.fn(() =>
            Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(LOG) })
        );
        const failed = mount('c-funnel-trend', FunnelTrend);
        await settle();
        expect(visibleText($(failed, '[data-state="error"]')!)).toBe('The trend could not be loaded: Too many MQLs to count live.');
        await expect(failed).toBeAccessible();

        respondWith(live, { revisions: [] });
        const quiet = mount('c-funnel-trend', FunnelTrend);
        await settle();
        expect($(quiet, '[data-id="no-revisions"]')).not.toBeNull();
        expect($(quiet, '[data-id="comparison"]')).toBeNull();
    });

    it('a broken revisions log is an error, not a silent trend without marks', async () => {
        respondWith(live, { revisions: [{ version: '2026.6' }] });
        const host = mount('c-funnel-trend', FunnelTrend);
        await settle();
        expect(visibleText($(host, '[data-state="error"]')!)).toContain('Revision 1 of the revisions log needs');
    });
});
