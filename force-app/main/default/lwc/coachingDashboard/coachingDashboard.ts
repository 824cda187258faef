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
import {
    buildDashboard,
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
    type ChainStepKey,
    type CoachingText,
    type Dashboard,
    type DateWindow,
    type TeamOption,
    type WindowPreset
} from 'c/funnelMetrics';
import { funnelDataOf, teamOptionsOf, type FunnelResponse, type TeamsResponse } from 'c/dashboardQueries';
import { reduceErrors } from 'c/leadGateUi';
import type { ChartSeries } from 'c/funnelChart';

import LG_Dash_Title from '@salesforce/label/c.LG_Dash_Title';
import LG_Dash_Intro from '@salesforce/label/c.LG_Dash_Intro';
import LG_Dash_Window from '@salesforce/label/c.LG_Dash_Window';
import LG_Dash_Window_Last30 from '@salesforce/label/c.LG_Dash_Window_Last30';
import LG_Dash_Window_Last90 from '@salesforce/label/c.LG_Dash_Window_Last90';
import LG_Dash_Window_Last180 from '@salesforce/label/c.LG_Dash_Window_Last180';
import LG_Dash_Window_Last365 from '@salesforce/label/c.LG_Dash_Window_Last365';
import LG_Dash_Window_ThisQuarter from '@salesforce/label/c.LG_Dash_Window_ThisQuarter';
import LG_Dash_Window_LastQuarter from '@salesforce/label/c.LG_Dash_Window_LastQuarter';
import LG_Dash_Team from '@salesforce/label/c.LG_Dash_Team';
import LG_Dash_Team_All from '@salesforce/label/c.LG_Dash_Team_All';
import LG_Dash_Team_Option from '@salesforce/label/c.LG_Dash_Team_Option';
import LG_Dash_Refresh from '@salesforce/label/c.LG_Dash_Refresh';
import LG_Dash_Loading from '@salesforce/label/c.LG_Dash_Loading';
import LG_Dash_Empty from '@salesforce/label/c.LG_Dash_Empty';
import LG_Dash_ErrorTitle from '@salesforce/label/c.LG_Dash_ErrorTitle';
import LG_Dash_Source_Live from '@salesforce/label/c.LG_Dash_Source_Live';
import LG_Dash_Source_Snapshot from '@salesforce/label/c.LG_Dash_Source_Snapshot';
import LG_Dash_CampaignsOrgWide from '@salesforce/label/c.LG_Dash_CampaignsOrgWide';
import LG_Dash_Chain_Title from '@salesforce/label/c.LG_Dash_Chain_Title';
import LG_Dash_Stage_MQL from '@salesforce/label/c.LG_Dash_Stage_MQL';
import LG_Dash_Stage_SAL from '@salesforce/label/c.LG_Dash_Stage_SAL';
import LG_Dash_Stage_SQL from '@salesforce/label/c.LG_Dash_Stage_SQL';
import LG_Dash_Stage_Opportunity from '@salesforce/label/c.LG_Dash_Stage_Opportunity';
import LG_Dash_Stage_Won from '@salesforce/label/c.LG_Dash_Stage_Won';
import LG_Dash_StepRate from '@salesforce/label/c.LG_Dash_StepRate';
import LG_Dash_TopReason_Cell from '@salesforce/label/c.LG_Dash_TopReason_Cell';
import LG_Dash_Benchmarks_Title from '@salesforce/label/c.LG_Dash_Benchmarks_Title';
import LG_Dash_Benchmark_Range from '@salesforce/label/c.LG_Dash_Benchmark_Range';
import LG_Dash_Band_Below from '@salesforce/label/c.LG_Dash_Band_Below';
import LG_Dash_Band_Within from '@salesforce/label/c.LG_Dash_Band_Within';
import LG_Dash_Band_Above from '@salesforce/label/c.LG_Dash_Band_Above';
import LG_Dash_Band_NoData from '@salesforce/label/c.LG_Dash_Band_NoData';
import LG_Dash_Findings_Title from '@salesforce/label/c.LG_Dash_Findings_Title';
import LG_Dash_Findings_None from '@salesforce/label/c.LG_Dash_Findings_None';
import LG_Dash_Reps_Title from '@salesforce/label/c.LG_Dash_Reps_Title';
import LG_Dash_Reps_Caption from '@salesforce/label/c.LG_Dash_Reps_Caption';
import LG_Dash_Col_Rep from '@salesforce/label/c.LG_Dash_Col_Rep';
import LG_Dash_Col_Mqls from '@salesforce/label/c.LG_Dash_Col_Mqls';
import LG_Dash_Col_Sqls from '@salesforce/label/c.LG_Dash_Col_Sqls';
import LG_Dash_Col_Acceptance from '@salesforce/label/c.LG_Dash_Col_Acceptance';
import LG_Dash_Col_MqlToSql from '@salesforce/label/c.LG_Dash_Col_MqlToSql';
import LG_Dash_Col_SqlToOpportunity from '@salesforce/label/c.LG_Dash_Col_SqlToOpportunity';
import LG_Dash_Col_WithinSla from '@salesforce/label/c.LG_Dash_Col_WithinSla';
import LG_Dash_Col_Incomplete from '@salesforce/label/c.LG_Dash_Col_Incomplete';
import LG_Dash_Col_ThinEvidence from '@salesforce/label/c.LG_Dash_Col_ThinEvidence';
import LG_Dash_Col_Coaching from '@salesforce/label/c.LG_Dash_Col_Coaching';
import LG_Dash_Col_Leads from '@salesforce/label/c.LG_Dash_Col_Leads';
import LG_Dash_Col_Source from '@salesforce/label/c.LG_Dash_Col_Source';
import LG_Dash_Col_Campaign from '@salesforce/label/c.LG_Dash_Col_Campaign';
import LG_Dash_Col_Rejected from '@salesforce/label/c.LG_Dash_Col_Rejected';
import LG_Dash_Col_TopReason from '@salesforce/label/c.LG_Dash_Col_TopReason';
import LG_Dash_DrillDown from '@salesforce/label/c.LG_Dash_DrillDown';
import LG_Dash_DrillDown_Rep from '@salesforce/label/c.LG_Dash_DrillDown_Rep';
import LG_Dash_DrillDown_All from '@salesforce/label/c.LG_Dash_DrillDown_All';
import LG_Dash_Speed_Title from '@salesforce/label/c.LG_Dash_Speed_Title';
import LG_Dash_Speed_Caption from '@salesforce/label/c.LG_Dash_Speed_Caption';
import LG_Dash_Sla_Summary from '@salesforce/label/c.LG_Dash_Sla_Summary';
import LG_Dash_NotActioned from '@salesforce/label/c.LG_Dash_NotActioned';
import LG_Dash_Rejections_Title from '@salesforce/label/c.LG_Dash_Rejections_Title';
import LG_Dash_Rejections_Caption from '@salesforce/label/c.LG_Dash_Rejections_Caption';
import LG_Dash_Rejections_Summary from '@salesforce/label/c.LG_Dash_Rejections_Summary';
import LG_Dash_Rejections_None from '@salesforce/label/c.LG_Dash_Rejections_None';
import LG_Dash_Campaigns_Title from '@salesforce/label/c.LG_Dash_Campaigns_Title';
import LG_Dash_Campaigns_Caption from '@salesforce/label/c.LG_Dash_Campaigns_Caption';
import LG_Dash_Campaigns_None from '@salesforce/label/c.LG_Dash_Campaigns_None';
import LG_Dash_Chart_Unavailable from '@salesforce/label/c.LG_Dash_Chart_Unavailable';
import LG_Dash_Finding_Inflation from '@salesforce/label/c.LG_Dash_Finding_Inflation';
import LG_Dash_Finding_SlowResponse from '@salesforce/label/c.LG_Dash_Finding_SlowResponse';
import LG_Dash_Finding_Bypass from '@salesforce/label/c.LG_Dash_Finding_Bypass';
import LG_Dash_Finding_ThinEvidence from '@salesforce/label/c.LG_Dash_Finding_ThinEvidence';
import LG_Dash_Finding_ReasonBySource from '@salesforce/label/c.LG_Dash_Finding_ReasonBySource';
import LG_Dash_Finding_ReasonByCampaign from '@salesforce/label/c.LG_Dash_Finding_ReasonByCampaign';
import LG_Dash_Finding_WeakestLink from '@salesforce/label/c.LG_Dash_Finding_WeakestLink';
import LG_Dash_Advice_Targeting from '@salesforce/label/c.LG_Dash_Advice_Targeting';
import LG_Dash_Advice_Nurture from '@salesforce/label/c.LG_Dash_Advice_Nurture';
import LG_Dash_Advice_Duplicate from '@salesforce/label/c.LG_Dash_Advice_Duplicate';
import LG_Dash_Advice_Other from '@salesforce/label/c.LG_Dash_Advice_Other';
import LG_Dash_AtLeast from '@salesforce/label/c.LG_Dash_AtLeast';
import LG_Dash_NoData from '@salesforce/label/c.LG_Dash_NoData';
import LG_Dash_NoSource from '@salesforce/label/c.LG_Dash_NoSource';
import LG_Dash_NoReason from '@salesforce/label/c.LG_Dash_NoReason';
import LG_Dash_UnknownOwner from '@salesforce/label/c.LG_Dash_UnknownOwner';

/** Sentence templates for c/funnelMetrics (see COACHING_TEXT_LABELS there). */
const TEXT: CoachingText = {
    inflation: LG_Dash_Finding_Inflation,
    slowResponse: LG_Dash_Finding_SlowResponse,
    bypass: LG_Dash_Finding_Bypass,
    thinEvidence: LG_Dash_Finding_ThinEvidence,
    reasonBySource: LG_Dash_Finding_ReasonBySource,
    reasonByCampaign: LG_Dash_Finding_ReasonByCampaign,
    adviceTargeting: LG_Dash_Advice_Targeting,
    adviceNurture: LG_Dash_Advice_Nurture,
    adviceDuplicate: LG_Dash_Advice_Duplicate,
    adviceOther: LG_Dash_Advice_Other,
    weakestLink: LG_Dash_Finding_WeakestLink,
    atLeast: LG_Dash_AtLeast,
    noData: LG_Dash_NoData,
    noSource: LG_Dash_NoSource,
    noReason: LG_Dash_NoReason,
    unknownOwner: LG_Dash_UnknownOwner
};

const LABELS = {
    title: LG_Dash_Title,
    intro: LG_Dash_Intro,
    window: LG_Dash_Window,
    team: LG_Dash_Team,
    refresh: LG_Dash_Refresh,
    loading: LG_Dash_Loading,
    empty: LG_Dash_Empty,
    errorTitle: LG_Dash_ErrorTitle,
    campaignsOrgWide: LG_Dash_CampaignsOrgWide,
    chainTitle: LG_Dash_Chain_Title,
    benchmarksTitle: LG_Dash_Benchmarks_Title,
    findingsTitle: LG_Dash_Findings_Title,
    findingsNone: LG_Dash_Findings_None,
    repsTitle: LG_Dash_Reps_Title,
    repsCaption: LG_Dash_Reps_Caption,
    colRep: LG_Dash_Col_Rep,
    colMqls: LG_Dash_Col_Mqls,
    colSqls: LG_Dash_Col_Sqls,
    colAcceptance: LG_Dash_Col_Acceptance,
    colMqlToSql: LG_Dash_Col_MqlToSql,
    colSqlToOpportunity: LG_Dash_Col_SqlToOpportunity,
    colWithinSla: LG_Dash_Col_WithinSla,
    colIncomplete: LG_Dash_Col_Incomplete,
    colThinEvidence: LG_Dash_Col_ThinEvidence,
    colCoaching: LG_Dash_Col_Coaching,
    colLeads: LG_Dash_Col_Leads,
    colSource: LG_Dash_Col_Source,
    colCampaign: LG_Dash_Col_Campaign,
    colRejected: LG_Dash_Col_Rejected,
    colTopReason: LG_Dash_Col_TopReason,
    drillDownAll: LG_Dash_DrillDown_All,
    speedTitle: LG_Dash_Speed_Title,
    speedCaption: LG_Dash_Speed_Caption,
    rejectionsTitle: LG_Dash_Rejections_Title,
    rejectionsCaption: LG_Dash_Rejections_Caption,
    rejectionsNone: LG_Dash_Rejections_None,
    campaignsTitle: LG_Dash_Campaigns_Title,
    campaignsCaption: LG_Dash_Campaigns_Caption,
    campaignsNone: LG_Dash_Campaigns_None,
    chartUnavailable: LG_Dash_Chart_Unavailable
};

const PRESET_LABELS: Record<WindowPreset, string> = {
    last30: LG_Dash_Window_Last30,
    last90: LG_Dash_Window_Last90,
    last180: LG_Dash_Window_Last180,
    last365: LG_Dash_Window_Last365,
    thisQuarter: LG_Dash_Window_ThisQuarter,
    lastQuarter: LG_Dash_Window_LastQuarter
};

const STAGE_LABELS: Record<ChainStepKey, string> = {
    MQL: LG_Dash_Stage_MQL,
    SAL: LG_Dash_Stage_SAL,
    SQL: LG_Dash_Stage_SQL,
    Opportunity: LG_Dash_Stage_Opportunity,
    Won: LG_Dash_Stage_Won
};

const POSITION_LABELS: Record<BandPosition, string> = {
    below: LG_Dash_Band_Below,
    within: LG_Dash_Band_Within,
    above: LG_Dash_Band_Above,
    noData: LG_Dash_Band_NoData
};

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

    constructor() {
        super();
        this.applyPreset(this.preset);
    }

    @wire(getFunnel, { windowStart: '$windowStart', windowEnd: '$windowEnd', teamManagerId: '$teamManagerId' })
    wiredFunnel(result: { data?: FunnelResponse; error?: unknown }): void {
        this.funnelResult = result;
        if (result.data) {
            try {
                this.dashboard = buildDashboard(funnelDataOf(result.data, SQL_DEFINITION), TEXT, { def: SQL_DEFINITION });
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
            incomplete: formatCount(rep.compliance.bypassSqls),
            thinEvidence: formatCount(rep.compliance.thinEvidenceSqls),
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
