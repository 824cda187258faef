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
    type FunnelData,
    type TeamOption,
    type WindowPreset
} from 'c/funnelMetrics';
import {
    dashboardFilters,
    funnelDataOf,
    teamOptionsOf,
    wholeSections,
    type FilteredSection,
    type FunnelResponse,
    type TeamsResponse
} from 'c/dashboardQueries';
import { BENCHMARK_DRILLS, CHAIN_DRILLS, drillLinkName, drillTarget, type Dimension, type DrillKey, type DrillScope } from 'c/drillDown';
import { DRILL_WORDS } from 'c/drillWords';
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

/** A count the page shows, and the link to the leads behind it (the report in the org, the lead list otherwise). */
export interface CountLink {
    text: string;
    href: string;
    /** Accessible name: "View the 12 SQLs of Ana Ruiz". */
    label: string;
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
    /** The window's data as read (narrowed by the filter when one is chosen; the breakdown reads it too). */
    funnelData: FunnelData | null = null;
    /** The filter picker's value: '' for no filter, else `<field>::<value>` (a DashboardFilter). */
    filterChoice = '';
    /** The filter as the server takes it (both blank for none). */
    filterField = '';
    filterValue = '';
    /** The last load without a filter: the lead sources and campaigns the picker offers. */
    private unfilteredData: FunnelData | null = null;

    constructor() {
        super();
        this.applyPreset(this.preset);
    }

    @wire(getFunnel, {
        windowStart: '$windowStart',
        windowEnd: '$windowEnd',
        teamManagerId: '$teamManagerId',
        filterField: '$filterField',
        filterValue: '$filterValue'
    })
    wiredFunnel(result: { data?: FunnelResponse; error?: unknown }): void {
        this.funnelResult = result;
        if (result.data) {
            try {
                this.funnelData = funnelDataOf(result.data, SQL_DEFINITION);
                if (!this.funnelData.filter) this.unfilteredData = this.funnelData;
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

    /* ------------------------------------------------------------------ the filter (segment, source, campaign) */

    /**
     * One picker: every value of each segment the definition names, then the lead sources and campaigns of the window
     * (from its last load without a filter, so that picking one does not hide the others).
     */
    get filterOptions(): Array<{ label: string; value: string }> {
        const fields = dashboardFilters(SQL_DEFINITION);
        const fieldOf = (kind: 'source' | 'campaign'): string => fields.find((f) => f.kind === kind)!.field;
        const option = (field: string, value: string, label: string) => ({ label, value: `${field}::${value}` });
        const data = this.unfilteredData;
        const sources = [...new Set((data?.funnel ?? []).map((r) => r.leadSource).filter((v): v is string => !!v))].sort();
        const campaigns = [...(data?.campaigns ?? [])].sort((a, b) => (a.campaignName ?? '').localeCompare(b.campaignName ?? ''));
        const options = [
            { label: this.labels.filterAll, value: '' },
            ...SHOWN_DEFINITION.segments.flatMap((s) =>
                segmentValues(s).map((v) => option(s.field, v, formatLabel(this.labels.filterSegmentOption, s.label, v)))
            ),
            ...sources.map((v) => option(fieldOf('source'), v, formatLabel(this.labels.filterSourceOption, v))),
            ...campaigns.map((c) =>
                option(fieldOf('campaign'), c.campaignId, formatLabel(this.labels.filterCampaignOption, c.campaignName ?? c.campaignId))
            )
        ];
        // The chosen value stays listed while its load runs (a source or campaign the last whole load did not see).
        if (this.filterChoice && !options.some((o) => o.value === this.filterChoice))
            options.push({ label: this.filterValue, value: this.filterChoice });
        return options;
    }

    get filterNote(): string {
        const filter = this.funnelData?.filter;
        if (!filter) return '';
        const chosen = this.filterOptions.find((o) => o.value === `${filter.field}::${filter.value}`);
        return formatLabel(this.labels.filterNote, chosen?.label ?? filter.value);
    }

    /** On the snapshot path: the sections that could not be narrowed, said plainly. */
    get filterWholeNote(): string {
        const data = this.funnelData;
        if (!data) return '';
        const titles: Record<FilteredSection, string> = {
            chain: this.labels.chainTitle,
            findings: this.labels.findingsTitle,
            reps: this.labels.repsTitle,
            speed: this.labels.speedTitle,
            rejections: this.labels.rejectionsTitle,
            campaigns: this.labels.campaignsTitle
        };
        const whole = wholeSections(data, SQL_DEFINITION);
        return whole.length ? formatLabel(this.labels.filterWhole, whole.map((s) => titles[s]).join(', ')) : '';
    }

    handleFilterChange(event: CustomEvent<{ value: string }>): void {
        const choice = event.detail.value ?? '';
        if (choice === this.filterChoice || !this.filterOptions.some((o) => o.value === choice)) return;
        const at = choice.indexOf('::');
        this.filterChoice = choice;
        this.filterField = at < 0 ? '' : choice.slice(0, at);
        this.filterValue = at < 0 ? '' : choice.slice(at + 2);
        this.loading = true;
    }

    /** The dashboard from the window's data; a segment filter the snapshot could not apply narrows the chain here. */
    private rebuild(): void {
        const data = this.funnelData;
        if (!data) return;
        const whole = buildDashboard(data, TEXT, { def: SHOWN_DEFINITION });
        const filter = data.filter;
        const segment = filter && SHOWN_DEFINITION.segments.find((s) => s.field === filter.field);
        this.dashboard =
            filter && segment && data.wholeParts?.includes('FUNNEL')
                ? dashboardInSegment(whole, data, { segment: segment.key, value: filter.value }, SHOWN_DEFINITION)
                : whole;
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

    /* ------------------------------------------------------------------ drill-down */

    /**
     * The dashboard's active filters as c/drillDown takes them: the window shown, the team (its reps as counted), one
     * rep, the number's own cuts, and the filter (segment value, source or campaign) when it narrowed the number's
     * section (`section`; on the snapshot path some sections stay whole, wholeSections).
     */
    private drillScope(
        options: { rep?: { ownerId: string; name: string }; section?: FilteredSection | 'breakdown'; cuts?: DrillScope['cuts'] } = {}
    ): DrillScope {
        const d = this.dashboard!;
        const own = options.cuts ?? [];
        const filter = options.section ? this.filterCut(options.section) : null;
        return {
            window: { start: d.windowStart, end: d.windowEnd },
            team: this.teamManagerId
                ? {
                      managerId: this.teamManagerId,
                      repNames: d.reps.map((r) => r.name),
                      name: this.teams.find((t) => t.managerId === this.teamManagerId)?.name
                  }
                : null,
            rep: options.rep ? { id: options.rep.ownerId, name: options.rep.name } : null,
            cuts: [...(filter && !own.some((c) => c.dimension === filter.dimension) ? [filter] : []), ...own]
        };
    }

    /** The active filter as a drill-down cut, for a number of `section`; null without a filter or where it stayed whole. */
    private filterCut(section: FilteredSection | 'breakdown'): DrillScope['cuts'][number] | null {
        const data = this.funnelData;
        const filter = data?.filter;
        if (!data || !filter) return null;
        const whole = wholeSections(data, SQL_DEFINITION);
        if (section === 'breakdown' ? whole.length > 0 : whole.includes(section)) return null;
        const spec = dashboardFilters(SQL_DEFINITION).find((f) => f.field === filter.field);
        const segment = SQL_DEFINITION.segments.find((s) => s.field === filter.field);
        if (!spec) return null;
        const dimension: Dimension =
            spec.kind === 'segment' && segment ? `segment:${segment.key}` : spec.kind === 'source' ? 'source' : 'campaign';
        return { dimension, value: filter.value };
    }

    /** The one link of a count: where it leads and what a screen reader says. */
    private countLink(key: DrillKey, count: number, scope: DrillScope, valueName?: (value: string | null) => string): CountLink {
        const text = formatCount(count);
        return {
            text,
            href: drillTarget(key, scope, this.reportIds, SHOWN_DEFINITION),
            label: drillLinkName(key, text, scope, DRILL_WORDS, SHOWN_DEFINITION, valueName ? (cut) => valueName(cut.value) : undefined)
        };
    }

    /** A rate's link to the leads behind its numerator: "97%, View the 58 MQLs actioned within the SLA of the alert of Ana". */
    private rateLink(key: DrillKey, rate: number | null, numerator: number, scope: DrillScope): CountLink {
        const link = this.countLink(key, numerator, scope);
        const text = formatPercent(rate, LG_Dash_NoData);
        return { ...link, text, label: `${text}, ${link.label}` };
    }

    get chainSteps(): Array<{
        key: string;
        label: string;
        count: string;
        stepRate: string;
        hasStepRate: boolean;
        ariaLabel: string;
        link: CountLink;
    }> {
        const scope = this.dashboard ? this.drillScope({ section: 'chain' }) : null;
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
                ariaLabel: stepRate ? `${label}: ${count}, ${stepRate}` : `${label}: ${count}`,
                link: this.countLink(CHAIN_DRILLS[step.key], step.count, scope!)
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
        numerator: CountLink | null;
        denominator: CountLink | null;
        denominatorText: string;
    }> {
        const scope = this.dashboard ? this.drillScope({ section: 'chain' }) : null;
        return (this.dashboard?.rates ?? []).map((r) => ({
            key: r.metric,
            label: r.label,
            value: formatPercent(r.value, LG_Dash_NoData),
            range: formatLabel(LG_Dash_Benchmark_Range, formatBandRange(r.band, TEXT)),
            position: POSITION_LABELS[r.position],
            badgeClass: POSITION_BADGES[r.position],
            reading: r.reading,
            // The rate's counts: each a link where it is one count (acceptance's denominator is two).
            numerator: BENCHMARK_DRILLS[r.metric] ? this.countLink(BENCHMARK_DRILLS[r.metric]!.numerator, r.numerator, scope!) : null,
            denominator: BENCHMARK_DRILLS[r.metric]?.denominator
                ? this.countLink(BENCHMARK_DRILLS[r.metric]!.denominator!, r.denominator, scope!)
                : null,
            denominatorText: formatCount(r.denominator)
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
        return d.reps.map((rep) => {
            const scope = this.drillScope({ rep, section: 'reps' });
            return {
                key: rep.ownerId,
                name: rep.name,
                mqls: this.countLink('mqls', rep.counts.mqls, scope),
                sqls: this.countLink('sqls', rep.counts.sqls, scope),
                acceptance: this.rateCell(rep.rates.find((r) => r.metric === 'acceptance')),
                mqlToSql: this.rateCell(rep.rates.find((r) => r.metric === 'mqlToSql')),
                sqlToOpportunity: this.rateCell(rep.rates.find((r) => r.metric === 'sqlToOpportunity')),
                withinSla: formatPercent(rep.sla.attainment, LG_Dash_NoData),
                mqlToAlert: formatPercent(rep.alertSplit.mqlToAlert, LG_Dash_NoData),
                alertToAction: formatPercent(rep.alertSplit.alertToAction, LG_Dash_NoData),
                // A rate cell links the leads behind its numerator; its name says the rate it shows, then the count.
                mqlToAlertLink: this.rateLink('alertedInSla', rep.alertSplit.mqlToAlert, rep.alertSplit.alertedWithinSla, scope),
                alertToActionLink: this.rateLink('actionedInSla', rep.alertSplit.alertToAction, rep.alertSplit.actionedWithinSla, scope),
                incomplete: this.countLink('bypassSqls', rep.compliance.bypassSqls, scope),
                thinEvidence: this.countLink('thinEvidenceSqls', rep.compliance.thinEvidenceSqls, scope),
                fitEdited: this.countLink('fitEditedSqls', rep.compliance.fitEditedSqls, scope),
                reviews: rep.compliance.reviews.text,
                findings: rep.findings.map((f, index) => ({ key: `${f.kind}-${index}`, text: f.text })),
                hasFindings: rep.findings.length > 0,
                rowClass: rep.inflated ? 'slds-hint-parent lg-flagged' : 'slds-hint-parent'
            };
        });
    }

    /** The breakdown's scope: the window, team and filter (each row adds its group). */
    get breakdownScope(): DrillScope | null {
        return this.dashboard ? this.drillScope({ section: 'breakdown' }) : null;
    }

    get allLeadsUrl(): string | null {
        return this.dashboard ? drillTarget('mqls', this.drillScope({ section: 'chain' }), this.reportIds, SHOWN_DEFINITION) : null;
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

    get campaignRows(): Array<{ key: string; name: string; members: CountLink; rejected: CountLink; topReason: string }> {
        const d = this.dashboard;
        return (d?.campaigns ?? []).map((c) => {
            const top = c.reasons[0];
            // Campaign rows from the snapshot cover every rep (campaignsOrgWide): their leads are every rep's too.
            const base = this.drillScope({ section: 'campaigns', cuts: [{ dimension: 'campaign', value: c.campaignId }] });
            const scope = d!.campaignsOrgWide ? { ...base, team: null } : base;
            const name = (): string => c.name;
            return {
                key: c.campaignId,
                name: c.name,
                members: this.countLink('campaignMembers', c.members, scope, name),
                rejected: this.countLink('campaignRejected', c.rejected, scope, name),
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
