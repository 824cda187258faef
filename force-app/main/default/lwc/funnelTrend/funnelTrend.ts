/**
 * The funnel review's trend (composed into c/coachingDashboard): the chain's rates per week or month of MQL over the
 * last four quarters as a line chart (Chart.js, static resource `chartjs`), each definition revision marked on the
 * axis, the same figures in a visually hidden table, and the rates before and after each revision with their sample
 * sizes. The server (LeadGateDashboardController.getTrend) returns raw rows; c/dashboardQueries reads them and
 * c/funnelTrends computes everything shown. Revisions come from the static resource LeadGateDefinitionRevisions
 * (data/definition-revisions.json).
 */
import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import CHART_JS from '@salesforce/resourceUrl/chartjs';
import REVISIONS_URL from '@salesforce/resourceUrl/LeadGateDefinitionRevisions';
import getTrend from '@salesforce/apex/LeadGateDashboardController.getTrend';
import { trendRowsOf, type TrendResponse } from 'c/dashboardQueries';
import {
    TREND_RULES,
    dailyRows,
    revisionComparisons,
    revisionMarks,
    revisionsOf,
    trendPeriods,
    type ChainRates,
    type DefinitionRevision,
    type TrendGrain,
    type TrendRow
} from 'c/funnelTrends';
import { formatCount, formatLabel, formatPercent } from 'c/funnelMetrics';
import { reduceErrors } from 'c/leadGateUi';
import { revisionMarker } from './revisionMarker';

import LG_Trend_Title from '@salesforce/label/c.LG_Trend_Title';
import LG_Trend_Grain from '@salesforce/label/c.LG_Trend_Grain';
import LG_Trend_Week from '@salesforce/label/c.LG_Trend_Week';
import LG_Trend_Month from '@salesforce/label/c.LG_Trend_Month';
import LG_Trend_WeekNeedsLive from '@salesforce/label/c.LG_Trend_WeekNeedsLive';
import LG_Trend_Summary from '@salesforce/label/c.LG_Trend_Summary';
import LG_Trend_Period from '@salesforce/label/c.LG_Trend_Period';
import LG_Trend_Step from '@salesforce/label/c.LG_Trend_Step';
import LG_Trend_RevisionMark from '@salesforce/label/c.LG_Trend_RevisionMark';
import LG_Trend_Compare_Title from '@salesforce/label/c.LG_Trend_Compare_Title';
import LG_Trend_Revision from '@salesforce/label/c.LG_Trend_Revision';
import LG_Trend_Side from '@salesforce/label/c.LG_Trend_Side';
import LG_Trend_Before from '@salesforce/label/c.LG_Trend_Before';
import LG_Trend_After from '@salesforce/label/c.LG_Trend_After';
import LG_Trend_Sample from '@salesforce/label/c.LG_Trend_Sample';
import LG_Trend_SmallSample from '@salesforce/label/c.LG_Trend_SmallSample';
import LG_Trend_Straddling from '@salesforce/label/c.LG_Trend_Straddling';
import LG_Trend_NoRevisions from '@salesforce/label/c.LG_Trend_NoRevisions';
import LG_Trend_Loading from '@salesforce/label/c.LG_Trend_Loading';
import LG_Trend_Error from '@salesforce/label/c.LG_Trend_Error';
import LG_Trend_Unavailable from '@salesforce/label/c.LG_Trend_Unavailable';
import LG_Trend_Snapshot from '@salesforce/label/c.LG_Trend_Snapshot';
import LG_Dash_Stage_MQL from '@salesforce/label/c.LG_Dash_Stage_MQL';
import LG_Dash_Stage_SAL from '@salesforce/label/c.LG_Dash_Stage_SAL';
import LG_Dash_Stage_SQL from '@salesforce/label/c.LG_Dash_Stage_SQL';
import LG_Dash_Stage_Opportunity from '@salesforce/label/c.LG_Dash_Stage_Opportunity';
import LG_Dash_Stage_Won from '@salesforce/label/c.LG_Dash_Stage_Won';

/** The chain's steps the trend draws, in order. */
const STEPS: ReadonlyArray<{ key: keyof ChainRates; from: string; to: string; colour: string }> = [
    { key: 'mqlToSal', from: LG_Dash_Stage_MQL, to: LG_Dash_Stage_SAL, colour: '#0176d3' },
    { key: 'salToSql', from: LG_Dash_Stage_SAL, to: LG_Dash_Stage_SQL, colour: '#06a59a' },
    { key: 'mqlToSql', from: LG_Dash_Stage_MQL, to: LG_Dash_Stage_SQL, colour: '#fe9339' },
    { key: 'sqlToOpportunity', from: LG_Dash_Stage_SQL, to: LG_Dash_Stage_Opportunity, colour: '#ba01ff' },
    { key: 'opportunityToWon', from: LG_Dash_Stage_Opportunity, to: LG_Dash_Stage_Won, colour: '#3ba755' }
];
const NO_DATA = '–';

interface ChartInstance {
    data: { labels: string[]; datasets: Array<Record<string, unknown>> };
    update(): void;
    destroy(): void;
}
type ChartConstructor = new (canvas: HTMLCanvasElement, config: Record<string, unknown>) => ChartInstance;

export default class FunnelTrend extends LightningElement {
    /** The manager whose team is trended, or null for every lead the user can see. */
    @api
    get teamManagerId(): string | null {
        return this.team;
    }
    set teamManagerId(value: string | null) {
        this.team = value ?? null;
        if (this.connected) this.load();
    }

    labels = {
        title: LG_Trend_Title,
        grain: LG_Trend_Grain,
        week: LG_Trend_Week,
        month: LG_Trend_Month,
        weekNeedsLive: LG_Trend_WeekNeedsLive,
        period: LG_Trend_Period,
        compareTitle: LG_Trend_Compare_Title,
        revision: LG_Trend_Revision,
        side: LG_Trend_Side,
        sample: LG_Trend_Sample,
        noRevisions: LG_Trend_NoRevisions,
        loading: LG_Trend_Loading,
        unavailable: LG_Trend_Unavailable
    };

    grain: TrendGrain = 'month';
    response: TrendResponse | null = null;
    rows: TrendRow[] = [];
    revisions: DefinitionRevision[] = [];
    error: string | null = null;
    loading = true;
    unavailable = false;

    private team: string | null = null;
    private connected = false;
    private request = 0;
    private chart: ChartInstance | null = null;
    private library: Promise<ChartConstructor | null> | null = null;

    override connectedCallback(): void {
        this.connected = true;
        this.load();
    }

    override disconnectedCallback(): void {
        this.connected = false;
        this.chart?.destroy();
        this.chart = null;
    }

    override renderedCallback(): void {
        if (this.loading || this.error || this.unavailable || !this.response) return;
        this.library =
            this.library ??
            loadScript(this, CHART_JS).then(
                () => (window as unknown as { Chart?: ChartConstructor }).Chart ?? null,
                () => null
            );
        this.library.then((Chart) => {
            if (!Chart) this.unavailable = true;
            else this.draw(Chart);
        });
    }

    private load(): void {
        const request = ++this.request;
        this.loading = true;
        this.error = null;
        const revisions = Promise.resolve()
            .then(() => fetch(REVISIONS_URL))
            .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${REVISIONS_URL}: ${r.status}`))))
            .then((log: unknown) => revisionsOf(log));
        Promise.all([Promise.resolve().then(() => getTrend({ teamManagerId: this.team })), revisions])
            .then(([response, revs]) => {
                if (request !== this.request) return;
                this.response = response as TrendResponse;
                this.rows = trendRowsOf(this.response);
                this.revisions = revs;
                if (!dailyRows(this.rows)) this.grain = 'month';
            })
            .catch((e: unknown) => {
                if (request !== this.request) return;
                this.error = formatLabel(
                    LG_Trend_Error,
                    ...[
                        (() => {
                            const r = reduceErrors(e);
                            return [...r.pageErrors, ...Object.values(r.fieldErrors).flat()].join(' ');
                        })()
                    ]
                );
            })
            .finally(() => {
                if (request === this.request) this.loading = false;
            });
    }

    get ready(): boolean {
        return !this.loading && !this.error && this.response !== null;
    }

    get weekDisabled(): boolean {
        return !dailyRows(this.rows);
    }

    get weekPressed(): string {
        return String(this.grain === 'week');
    }

    get monthPressed(): string {
        return String(this.grain === 'month');
    }

    get weekVariant(): string {
        return this.grain === 'week' ? 'brand' : 'neutral';
    }

    get monthVariant(): string {
        return this.grain === 'month' ? 'brand' : 'neutral';
    }

    get snapshotNote(): string | null {
        return this.response?.source === 'snapshot' ? formatLabel(LG_Trend_Snapshot, ...[this.response.asOf ?? '']) : null;
    }

    handleGrain(event: Event): void {
        const grain = (event.currentTarget as HTMLElement).dataset.grain as TrendGrain;
        if (grain === 'week' && this.weekDisabled) return;
        this.grain = grain;
    }

    private get window(): { start: string; end: string } {
        return { start: this.response!.windowStart.slice(0, 10), end: this.response!.windowEnd.slice(0, 10) };
    }

    private get periods() {
        return this.response ? trendPeriods(this.rows, this.revisions, this.window, this.grain) : [];
    }

    get stepHeaders(): Array<{ key: string; label: string }> {
        return STEPS.map((s) => ({ key: s.key, label: formatLabel(LG_Trend_Step, ...[s.from, s.to]) }));
    }

    get periodRows() {
        return this.periods.map((p) => ({
            key: p.start,
            label: this.periodLabel(p.start, p.revisions),
            mqls: formatCount(p.counts.mqls),
            cells: STEPS.map((s) => ({ key: s.key, value: formatPercent(p.rates[s.key], NO_DATA) })),
            note: p.smallSample ? formatLabel(LG_Trend_SmallSample, TREND_RULES.minSample) : ''
        }));
    }

    get summary(): string {
        const periods = this.periods;
        if (!periods.length) return '';
        return formatLabel(
            LG_Trend_Summary,
            ...[periods.length, periods[0]!.start, periods[periods.length - 1]!.end, this.revisionsInWindow]
        );
    }

    private get revisionsInWindow(): number {
        return this.comparisons.length;
    }

    private get comparisons() {
        return this.response ? revisionComparisons(this.rows, this.revisions, this.window) : [];
    }

    get hasComparisons(): boolean {
        return this.comparisons.length > 0;
    }

    get comparisonRows() {
        return this.comparisons.flatMap((c) => {
            const side = (which: 'before' | 'after') => {
                const s = c[which];
                return {
                    key: `${c.revision.version}-${which}`,
                    label: formatLabel(which === 'before' ? LG_Trend_Before : LG_Trend_After, s.from, s.to),
                    sample: formatCount(s.counts.mqls),
                    cells: STEPS.map((step) => ({ key: step.key, value: formatPercent(s.rates[step.key], NO_DATA) })),
                    note: s.smallSample ? formatLabel(LG_Trend_SmallSample, TREND_RULES.minSample) : ''
                };
            };
            return [
                {
                    key: c.revision.version,
                    straddlingKey: `${c.revision.version}-straddling`,
                    caption: `${LG_Trend_Revision} ${c.revision.version}`,
                    version: c.revision.version,
                    summary: c.revision.summary,
                    straddling: c.straddling > 0 ? formatLabel(LG_Trend_Straddling, ...[formatCount(c.straddling)]) : '',
                    sides: [side('before'), side('after')]
                }
            ];
        });
    }

    private periodLabel(start: string, versions: string[]): string {
        const label = this.grain === 'month' ? start.slice(0, 7) : start;
        return versions.length ? formatLabel(LG_Trend_RevisionMark, ...[label, versions.join(', ')]) : label;
    }

    private datasets(): Array<Record<string, unknown>> {
        const periods = this.periods;
        return STEPS.map((s) => ({
            label: formatLabel(LG_Trend_Step, ...[s.from, s.to]),
            data: periods.map((p) => (p.rates[s.key] === null ? null : Math.round(p.rates[s.key]! * 1000) / 10)),
            borderColor: s.colour,
            backgroundColor: s.colour,
            spanGaps: false
        }));
    }

    private draw(Chart: ChartConstructor): void {
        const canvas = this.template?.querySelector('canvas');
        if (!canvas) return;
        // The axis shows plain periods: revisions are drawn as lines (the hidden table still names them).
        const labels = this.periods.map((p) => this.periodLabel(p.start, []));
        if (this.chart) {
            this.chart.data.labels = labels;
            this.chart.data.datasets = this.datasets();
            this.chart.update();
            return;
        }
        this.chart = new Chart(canvas, {
            type: 'line',
            data: { labels, datasets: this.datasets() },
            plugins: [
                revisionMarker(
                    () => revisionMarks(this.periods, this.revisions),
                    (m) => `${LG_Trend_Revision} ${m.version}`
                )
            ],
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                plugins: { legend: { position: 'bottom' } },
                // Half a period of room at each end: every instant of the window has a place for its revision line.
                scales: { x: { offset: true }, y: { beginAtZero: true, suggestedMax: 100 } }
            }
        });
    }
}
