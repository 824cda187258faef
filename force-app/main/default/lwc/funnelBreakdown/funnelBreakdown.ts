/**
 * The funnel review's breakdown (composed into c/coachingDashboard): the window's MQLs cut by one segment the SQL
 * definition names, or marketing's view by campaign or by lead source. Each group shows its MQLs, acceptance and
 * MQL to SQL against the definition's bands, the top rejection reasons and the band's reading, so marketing and
 * sales can tell whether to fix the campaign or the definition. The figures come from c/funnelMetrics
 * (segmentBreakdownRows, campaignBreakdown, sourceBreakdown) over the rows the dashboard already loaded.
 */
import { LightningElement, api } from 'lwc';
import { drillLinkName, drillTarget, type DrillKey, type DrillScope } from 'c/drillDown';
import { DRILL_WORDS } from 'c/drillWords';
import type { BandMetric } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import {
    campaignBreakdown,
    formatCount,
    formatLabel,
    formatPercent,
    segmentBreakdownRows,
    sourceBreakdown,
    type BandPosition,
    type BreakdownRow,
    type FunnelData
} from 'c/funnelMetrics';

import LG_Breakdown_Title from '@salesforce/label/c.LG_Breakdown_Title';
import LG_Breakdown_ViewBy from '@salesforce/label/c.LG_Breakdown_ViewBy';
import LG_Breakdown_Campaign from '@salesforce/label/c.LG_Breakdown_Campaign';
import LG_Breakdown_Source from '@salesforce/label/c.LG_Breakdown_Source';
import LG_Breakdown_Marketing from '@salesforce/label/c.LG_Breakdown_Marketing';
import LG_Breakdown_Caption from '@salesforce/label/c.LG_Breakdown_Caption';
import LG_Breakdown_Col_Group from '@salesforce/label/c.LG_Breakdown_Col_Group';
import LG_Breakdown_Col_Reasons from '@salesforce/label/c.LG_Breakdown_Col_Reasons';
import LG_Breakdown_Col_Reading from '@salesforce/label/c.LG_Breakdown_Col_Reading';
import LG_Breakdown_Rate from '@salesforce/label/c.LG_Breakdown_Rate';
import LG_Breakdown_Reason from '@salesforce/label/c.LG_Breakdown_Reason';
import LG_Breakdown_None from '@salesforce/label/c.LG_Breakdown_None';
import LG_Breakdown_Unnamed from '@salesforce/label/c.LG_Breakdown_Unnamed';
import LG_Breakdown_OrgWide from '@salesforce/label/c.LG_Breakdown_OrgWide';
import LG_Dash_Col_Mqls from '@salesforce/label/c.LG_Dash_Col_Mqls';
import LG_Dash_Col_Acceptance from '@salesforce/label/c.LG_Dash_Col_Acceptance';
import LG_Dash_Col_MqlToSql from '@salesforce/label/c.LG_Dash_Col_MqlToSql';
import LG_Dash_NoSource from '@salesforce/label/c.LG_Dash_NoSource';
import LG_Dash_Band_Below from '@salesforce/label/c.LG_Dash_Band_Below';
import LG_Dash_Band_Within from '@salesforce/label/c.LG_Dash_Band_Within';
import LG_Dash_Band_Above from '@salesforce/label/c.LG_Dash_Band_Above';
import LG_Dash_Band_NoData from '@salesforce/label/c.LG_Dash_Band_NoData';

/** The marketing views (every other value of the picker is a segment key). */
const CAMPAIGN = 'marketing:campaign';
const SOURCE = 'marketing:source';
const NO_DATA = '–';
/** Reasons listed per group. */
const TOP_REASONS = 3;
const POSITIONS: Record<BandPosition, string> = {
    below: LG_Dash_Band_Below,
    within: LG_Dash_Band_Within,
    above: LG_Dash_Band_Above,
    noData: LG_Dash_Band_NoData
};
/** The two rates marketing's question reads, in chain order: acceptance happens before qualification. */
const READ: readonly BandMetric[] = ['acceptance', 'mqlToSql'];

export default class FunnelBreakdown extends LightningElement {
    /** The window's data as c/dashboardQueries read it (every segment, not narrowed by the dashboard's filter). */
    @api data: FunnelData | null = null;

    /**
     * The dashboard's active filters (c/drillDown), without a cut: each group's MQL count then links the leads of its
     * group. Null shows the counts without links.
     */
    @api drillScope: DrillScope | null = null;
    /** The drill-down reports' Ids by name (LeadGateDashboardController.getDrillDownReports). */
    @api reportIds: Record<string, string> = {};

    view: string = SHOWN_DEFINITION.segments[0]?.key ?? CAMPAIGN;

    labels = {
        title: LG_Breakdown_Title,
        viewBy: LG_Breakdown_ViewBy,
        marketing: LG_Breakdown_Marketing,
        group: LG_Breakdown_Col_Group,
        mqls: LG_Dash_Col_Mqls,
        acceptance: LG_Dash_Col_Acceptance,
        mqlToSql: LG_Dash_Col_MqlToSql,
        reasons: LG_Breakdown_Col_Reasons,
        reading: LG_Breakdown_Col_Reading,
        none: LG_Breakdown_None,
        orgWide: LG_Breakdown_OrgWide
    };

    get viewOptions(): Array<{ label: string; value: string }> {
        return [
            ...SHOWN_DEFINITION.segments.map((s) => ({ label: s.label, value: s.key })),
            { label: LG_Breakdown_Campaign, value: CAMPAIGN },
            { label: LG_Breakdown_Source, value: SOURCE }
        ];
    }

    handleView(event: CustomEvent<{ value: string }>): void {
        if (this.viewOptions.some((o) => o.value === event.detail.value)) this.view = event.detail.value;
    }

    /** A team's segment figures read from the snapshot, which stores them for every rep. */
    get showOrgWide(): boolean {
        return !this.isMarketing && this.data?.segmentsOrgWide === true;
    }

    get isMarketing(): boolean {
        return this.view === CAMPAIGN || this.view === SOURCE;
    }

    get caption(): string {
        const label = this.viewOptions.find((o) => o.value === this.view)?.label ?? '';
        return formatLabel(LG_Breakdown_Caption, label);
    }

    private get breakdown(): BreakdownRow[] {
        if (!this.data) return [];
        if (this.view === CAMPAIGN) return campaignBreakdown(this.data, SHOWN_DEFINITION);
        if (this.view === SOURCE) return sourceBreakdown(this.data, SHOWN_DEFINITION);
        return segmentBreakdownRows(this.data, this.view, SHOWN_DEFINITION);
    }

    get hasRows(): boolean {
        return this.breakdown.some((r) => r.counts.mqls > 0);
    }

    /** The link of a group's MQL count: the group as the count's cut, the team dropped where the figures are org-wide. */
    private mqlLink(row: BreakdownRow, name: string): { href: string; label: string } | null {
        const scope = this.drillScope;
        if (!scope) return null;
        const key: DrillKey = this.view === CAMPAIGN ? 'campaignMqls' : 'mqls';
        const cut =
            this.view === CAMPAIGN
                ? { dimension: 'campaign' as const, value: row.key }
                : this.view === SOURCE
                  ? { dimension: 'source' as const, value: row.key === '' ? null : row.key }
                  : { dimension: `segment:${this.view}` as const, value: row.key };
        const orgWide = this.view === CAMPAIGN ? this.data?.campaignsOrgWide : this.isMarketing ? false : this.data?.segmentsOrgWide;
        const cutScope: DrillScope = { ...scope, team: orgWide ? null : scope.team, cuts: [...scope.cuts, cut] };
        const count = formatCount(row.counts.mqls);
        return {
            href: drillTarget(key, cutScope, this.reportIds, SHOWN_DEFINITION),
            label: drillLinkName(key, count, cutScope, DRILL_WORDS, SHOWN_DEFINITION, () => name)
        };
    }

    get rows() {
        const unnamed = this.view === CAMPAIGN ? LG_Breakdown_Unnamed : LG_Dash_NoSource;
        return this.breakdown.map((row) => {
            const rate = (metric: BandMetric) => {
                const r = row.rates.find((x) => x.metric === metric);
                if (!r || r.position === 'noData') return { text: NO_DATA, position: 'noData', css: '' };
                return {
                    text: formatLabel(LG_Breakdown_Rate, formatPercent(r.value, NO_DATA), POSITIONS[r.position]),
                    position: r.position,
                    css: r.position === 'below' ? 'slds-text-color_error' : ''
                };
            };
            // The reading of the first of acceptance and MQL to SQL outside its band; else MQL to SQL's own reading.
            const read = READ.map((m) => row.rates.find((x) => x.metric === m)).filter((r) => r && r.position !== 'noData');
            const off = read.find((r) => r!.position !== 'within');
            return {
                key: row.key || '(none)',
                name: row.name ?? unnamed,
                mqls: formatCount(row.counts.mqls),
                mqlLink: this.mqlLink(row, row.name ?? unnamed),
                acceptance: rate('acceptance'),
                mqlToSql: rate('mqlToSql'),
                reasons:
                    row.reasons
                        .slice(0, TOP_REASONS)
                        .map((r) => formatLabel(LG_Breakdown_Reason, r.reason, formatCount(r.rejected)))
                        .join('; ') || NO_DATA,
                reading: (off ?? read[read.length - 1])?.reading ?? ''
            };
        });
    }
}
