/**
 * The managers' coaching dashboard (Lightning App page LeadGate_Coaching).
 *
 * A thin view: the server returns aggregate rows for one window and team (LeadGateDashboardController),
 * c/funnelMetrics turns them into the chain, the benchmark readings, per-rep coaching and the findings, and
 * this component lays them out: filters, the connected chain, benchmarks, findings, the rep table, two charts
 * (c/funnelChart) and the campaign table, with report links to the leads behind the numbers.
 */
import { LightningElement, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getFunnel from '@salesforce/apex/LeadGateDashboardController.getFunnel';
import getTeams from '@salesforce/apex/LeadGateDashboardController.getTeams';
import getDrillDownReports from '@salesforce/apex/LeadGateDashboardController.getDrillDownReports';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import {
    buildDashboard,
    dashboardInSegment,
    segmentValues,
    formatBandRange,
    formatCount,
    formatLabel,
    formatPercent,
    rejectionSeries,
    speedSeries,
    windowFor,
    WINDOW_PRESETS,
    type BandPosition,
    type BandedRate,
    type Dashboard,
    type DateWindow,
    type FunnelData,
    type SegmentFilter,
    type TeamOption,
    type WindowPreset
} from 'c/funnelMetrics';
import { funnelDataOf, teamOptionsOf, type FunnelResponse, type TeamsResponse } from 'c/dashboardQueries';
import { reduceErrors } from 'c/leadGateUi';
import type { ChartSeries } from 'c/funnelChart';
import { LABELS, POSITION_LABELS, PRESET_LABELS, STAGE_LABELS, TEXT } from './dashboardText';
import LG_Dash_Team_All from '@salesforce/label/c.LG_Dash_Team_All';
import LG_Dash_Team_Option from '@salesforce/label/c.LG_Dash_Team_Option';
import LG_Dash_ErrorTitle from '@salesforce/label/c.LG_Dash_ErrorTitle';
import LG_Dash_Source_Live from '@salesforce/label/c.LG_Dash_Source_Live';
import LG_Dash_Source_Snapshot from '@salesforce/label/c.LG_Dash_Source_Snapshot';
import LG_Dash_StepRate from '@salesforce/label/c.LG_Dash_StepRate';
import LG_Dash_TopReason_Cell from '@salesforce/label/c.LG_Dash_TopReason_Cell';
import LG_Dash_Benchmark_Range from '@salesforce/label/c.LG_Dash_Benchmark_Range';
import LG_Dash_DrillDown from '@salesforce/label/c.LG_Dash_DrillDown';
import LG_Dash_DrillDown_Rep from '@salesforce/label/c.LG_Dash_DrillDown_Rep';
import LG_Dash_Sla_Summary from '@salesforce/label/c.LG_Dash_Sla_Summary';
import LG_Dash_NotActioned from '@salesforce/label/c.LG_Dash_NotActioned';
import LG_Dash_Rejections_Summary from '@salesforce/label/c.LG_Dash_Rejections_Summary';
import LG_Dash_Rejections_None from '@salesforce/label/c.LG_Dash_Rejections_None';
import LG_Dash_NoData from '@salesforce/label/c.LG_Dash_NoData';

const POSITION_BADGES: Record<BandPosition, string> = {
    below: 'slds-badge slds-theme_error',
    within: 'slds-badge slds-theme_success',
    above: 'slds-badge slds-theme_warning',
    noData: 'slds-badge'
};

/** Value of the team picker meaning "no team filter". */
const ALL_TEAMS = '';

/** Reports the dashboard links to (folder LeadGate); filters 0 and 1 are the MQL window, 2 the rep. */
export const FUNNEL_REPORT = 'LeadGate_Funnel_Leads';
export const REP_REPORT = 'LeadGate_Rep_Funnel_Leads';

/** A report link with the window (and rep) passed as filter values fv0, fv1 (and fv2). */
export function reportUrl(reportId: string, window: DateWindow, repName?: string): string {
    const params = [`fv0=${encodeURIComponent(window.start)}`, `fv1=${encodeURIComponent(window.end)}`];
    if (repName) params.push(`fv2=${encodeURIComponent(repName)}`);
    return `/lightning/r/Report/${encodeURIComponent(reportId)}/view?${params.join('&')}`;
}

/** Today as the user's calendar day (ISO date). */
function localToday(): string {
    const now = new Date();
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The day before an ISO date (the last day of a window whose end is exclusive). */
function dayBefore(isoDate: string): string {
    const day = new Date(`${isoDate}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() - 1);
    return day.toISOString().slice(0, 10);
}

interface RateCell {
    text: string;
    position: string;
    badgeClass: string;
}

export default class CoachingDashboard extends LightningElement {
    labels = LABELS;
    preset: WindowPreset = 'last90';
    teamId: string = ALL_TEAMS;
    /** The team filter as the server takes it: the manager's id, or null for every rep the user can see. */
    teamManagerId: string | null = null;
    windowStart = '';
    windowEnd = '';

    funnelResult: unknown;
    dashboard: Dashboard | null = null;
    error: unknown = null;
    loading = true;
    teams: TeamOption[] = [];
    reportIds: Record<string, string> = {};
    private teamChosen = false;
    /** The window's data as read, every segment (the breakdown reads it whole). */
    funnelData: FunnelData | null = null;
    /** The segment filter's value: '' for every segment, else `<segment key>::<value>`. */
    segmentChoice = '';

    constructor() {
        super();
        this.applyPreset(this.preset);
    }

    @wire(getFunnel, { windowStart: '$windowStart', windowEnd: '$windowEnd', teamManagerId: '$teamManagerId' })
    wiredFunnel(result: { data?: FunnelResponse; error?: unknown }): void {
        this.funnelResult = result;
        if (result.data) {
            try {
                this.funnelData = funnelDataOf(result.data, SQL_DEFINITION);
                this.rebuild();
                this.error = null;
            } catch (error) {
                // Rows the dashboard cannot read (an alias the query does not select): say so instead of showing nothing.
                this.error = error;
                this.dashboard = null;
            }
            this.loading = false;
        } else if (result.error) {
            this.error = result.error;
            this.dashboard = null;
            this.loading = false;
        }
    }

    @wire(getTeams)
    wiredTeams({ data }: { data?: TeamsResponse; error?: unknown }): void {
        if (!data) return;
        this.teams = teamOptionsOf(data);
        // A manager starts on their own team, as long as nobody picked another one yet.
        const own = this.teams.find((t) => t.mine);
        if (!this.teamChosen && own && this.teamId !== own.managerId) {
            this.setTeam(own.managerId);
        }
    }

    @wire(getDrillDownReports)
    wiredReports({ data }: { data?: Record<string, string>; error?: unknown }): void {
        if (data) this.reportIds = data;
    }

    /* ------------------------------------------------------------------ filters */

    get windowOptions(): Array<{ label: string; value: string }> {
        return WINDOW_PRESETS.map((preset) => ({ label: PRESET_LABELS[preset], value: preset }));
    }

    get teamOptions(): Array<{ label: string; value: string }> {
        return [
            { label: LG_Dash_Team_All, value: ALL_TEAMS },
            ...this.teams.map((t) => ({ label: formatLabel(LG_Dash_Team_Option, t.name, t.reps), value: t.managerId }))
        ];
    }

    handleWindowChange(event: CustomEvent<{ value: string }>): void {
        const preset = event.detail.value as WindowPreset;
        if (!WINDOW_PRESETS.includes(preset) || preset === this.preset) return;
        this.preset = preset;
        this.applyPreset(preset);
        this.loading = true;
    }

    handleTeamChange(event: CustomEvent<{ value: string }>): void {
        this.teamChosen = true;
        if (event.detail.value === this.teamId) return;
        this.setTeam(event.detail.value ?? ALL_TEAMS);
    }

    /* ------------------------------------------------------------------ segment filter */

    get segmentOptions(): Array<{ label: string; value: string }> {
        return [
            { label: this.labels.segmentAll, value: '' },
            ...SHOWN_DEFINITION.segments.flatMap((s) =>
                segmentValues(s).map((v) => ({ label: formatLabel(this.labels.segmentOption, s.label, v), value: `${s.key}::${v}` }))
            )
        ];
    }

    private get segmentFilter(): SegmentFilter | null {
        const at = this.segmentChoice.indexOf('::');
        return at < 0 ? null : { segment: this.segmentChoice.slice(0, at), value: this.segmentChoice.slice(at + 2) };
    }

    get segmentNote(): string {
        const filter = this.segmentFilter;
        const segment = filter && SHOWN_DEFINITION.segments.find((s) => s.key === filter.segment);
        return segment ? formatLabel(this.labels.segmentNote, segment.label, filter.value) : '';
    }

    handleSegmentChange(event: CustomEvent<{ value: string }>): void {
        if (!this.segmentOptions.some((o) => o.value === event.detail.value)) return;
        this.segmentChoice = event.detail.value;
        this.rebuild();
    }

    /** The dashboard from the window's data, narrowed to the chosen segment value. */
    private rebuild(): void {
        if (!this.funnelData) return;
        const whole = buildDashboard(this.funnelData, TEXT, { def: SHOWN_DEFINITION });
        this.dashboard = dashboardInSegment(whole, this.funnelData, this.segmentFilter, SHOWN_DEFINITION);
    }

    private setTeam(teamId: string): void {
        this.teamId = teamId;
        this.teamManagerId = teamId === ALL_TEAMS ? null : teamId;
        this.loading = true;
    }

    handleRefresh(): void {
        this.loading = true;
        refreshApex(this.funnelResult).finally(() => {
            this.loading = false;
        });
    }

    private applyPreset(preset: WindowPreset): void {
        const window = windowFor(preset, localToday());
        this.windowStart = window.start;
        this.windowEnd = window.end;
    }

    /* ------------------------------------------------------------------ states */

    get showSpinner(): boolean {
        return this.loading;
    }

    get errorMessages(): string[] {
        if (!this.error) return [];
        const reduced = reduceErrors(this.error);
        const messages = [...reduced.pageErrors, ...Object.values(reduced.fieldErrors).flat()];
        return messages.length ? messages : [LG_Dash_ErrorTitle];
    }

    get hasError(): boolean {
        return !this.loading && !!this.error;
    }

    get isEmpty(): boolean {
        return !this.loading && !this.error && !!this.dashboard?.empty;
    }

    get isPopulated(): boolean {
        return !this.error && !!this.dashboard && !this.dashboard.empty;
    }

    /* ------------------------------------------------------------------ what the page shows */

    get sourceNote(): string {
        const d = this.dashboard;
        if (!d) return '';
        const last = dayBefore(d.windowEnd);
        if (d.source === 'snapshot') {
            const asOf = d.asOf ? new Date(d.asOf).toLocaleString() : '';
            return formatLabel(LG_Dash_Source_Snapshot, asOf, d.windowStart.slice(0, 7), last.slice(0, 7));
        }
        return formatLabel(LG_Dash_Source_Live, d.windowStart, last);
    }

    get showCampaignsOrgWide(): boolean {
        return !!this.dashboard?.campaignsOrgWide;
    }

    get chainSteps(): Array<{ key: string; label: string; count: string; stepRate: string; hasStepRate: boolean; ariaLabel: string }> {
        return (this.dashboard?.chain ?? []).map((step) => {
            const stepRate = step.stepRate === null ? '' : formatLabel(LG_Dash_StepRate, formatPercent(step.stepRate, LG_Dash_NoData));
            const label = STAGE_LABELS[step.key];
            const count = formatCount(step.count);
            return {
                key: step.key,
                label,
                count,
                stepRate,
                hasStepRate: stepRate !== '',
                ariaLabel: stepRate ? `${label}: ${count}, ${stepRate}` : `${label}: ${count}`
            };
        });
    }

    get benchmarks(): Array<{
        key: string;
        label: string;
        value: string;
        range: string;
        position: string;
        badgeClass: string;
        reading: string;
    }> {
        return (this.dashboard?.rates ?? []).map((r) => ({
            key: r.metric,
            label: r.label,
            value: formatPercent(r.value, LG_Dash_NoData),
            range: formatLabel(LG_Dash_Benchmark_Range, formatBandRange(r.band, TEXT)),
            position: POSITION_LABELS[r.position],
            badgeClass: POSITION_BADGES[r.position],
            reading: r.reading
        }));
    }

    get findings(): Array<{ key: string; subject: string; text: string }> {
        return (this.dashboard?.findings ?? []).map((f, index) => ({
            key: `${f.kind}-${f.subjectId}-${index}`,
            subject: f.subject,
            text: f.text
        }));
    }

    get hasFindings(): boolean {
        return this.findings.length > 0;
    }

    private rateCell(rate: BandedRate | undefined): RateCell {
        const position = rate?.position ?? 'noData';
        return {
            text: formatPercent(rate?.value ?? null, LG_Dash_NoData),
            position: POSITION_LABELS[position],
            badgeClass: POSITION_BADGES[position]
        };
    }

    get repRows(): Array<Record<string, unknown>> {
        const d = this.dashboard;
        if (!d) return [];
        const reportId = this.reportIds[REP_REPORT];
        const window = { start: d.windowStart, end: d.windowEnd };
        return d.reps.map((rep) => ({
            key: rep.ownerId,
            name: rep.name,
            mqls: formatCount(rep.counts.mqls),
            sqls: formatCount(rep.counts.sqls),
            acceptance: this.rateCell(rep.rates.find((r) => r.metric === 'acceptance')),
            mqlToSql: this.rateCell(rep.rates.find((r) => r.metric === 'mqlToSql')),
            sqlToOpportunity: this.rateCell(rep.rates.find((r) => r.metric === 'sqlToOpportunity')),
            withinSla: formatPercent(rep.sla.attainment, LG_Dash_NoData),
            mqlToAlert: formatPercent(rep.alertSplit.mqlToAlert, LG_Dash_NoData),
            alertToAction: formatPercent(rep.alertSplit.alertToAction, LG_Dash_NoData),
            incomplete: formatCount(rep.compliance.bypassSqls),
            thinEvidence: formatCount(rep.compliance.thinEvidenceSqls),
            fitEdited: formatCount(rep.compliance.fitEditedSqls),
            reviews: rep.compliance.reviews.text,
            findings: rep.findings.map((f, index) => ({ key: `${f.kind}-${index}`, text: f.text })),
            hasFindings: rep.findings.length > 0,
            rowClass: rep.inflated ? 'slds-hint-parent lg-flagged' : 'slds-hint-parent',
            reportUrl: reportId ? reportUrl(reportId, window, rep.name) : null,
            reportLabel: formatLabel(LG_Dash_DrillDown_Rep, rep.name),
            drillDown: LG_Dash_DrillDown
        }));
    }

    get allLeadsUrl(): string | null {
        const d = this.dashboard;
        const reportId = this.reportIds[FUNNEL_REPORT];
        return d && reportId ? reportUrl(reportId, { start: d.windowStart, end: d.windowEnd }) : null;
    }

    get speedChart(): { labels: string[]; series: ChartSeries[]; summary: string } {
        const d = this.dashboard;
        if (!d) return { labels: [], series: [], summary: '' };
        const { labels, series } = speedSeries(d, LG_Dash_NotActioned);
        return {
            labels,
            series,
            summary: formatLabel(
                LG_Dash_Sla_Summary,
                formatPercent(d.sla.attainment, LG_Dash_NoData),
                formatCount(SQL_DEFINITION.sla.minutes)
            )
        };
    }

    get rejectionChart(): { labels: string[]; series: ChartSeries[]; summary: string; hasData: boolean } {
        const d = this.dashboard;
        if (!d) return { labels: [], series: [], summary: '', hasData: false };
        const { labels, series } = rejectionSeries(d);
        const top = series[0];
        const topCount = top ? top.values.reduce((s, v) => s + v, 0) : 0;
        const total = series.reduce((s, one) => s + one.values.reduce((a, v) => a + v, 0), 0);
        return {
            labels,
            series,
            summary: top
                ? formatLabel(LG_Dash_Rejections_Summary, formatCount(total), top.label, formatCount(topCount))
                : LG_Dash_Rejections_None,
            hasData: series.length > 0
        };
    }

    get campaignRows(): Array<{ key: string; name: string; members: string; rejected: string; topReason: string }> {
        return (this.dashboard?.campaigns ?? []).map((c) => {
            const top = c.reasons[0];
            return {
                key: c.campaignId,
                name: c.name,
                members: formatCount(c.members),
                rejected: formatCount(c.rejected),
                // The share is of the campaign's rejections, and the cell says so with both counts.
                topReason: top
                    ? formatLabel(
                          LG_Dash_TopReason_Cell,
                          top.reason,
                          formatCount(top.rejected),
                          formatCount(c.rejected),
                          formatPercent(top.shareOfRejected, LG_Dash_NoData)
                      )
                    : ''
            };
        });
    }

    get hasCampaigns(): boolean {
        return this.campaignRows.length > 0;
    }
}
