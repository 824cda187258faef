/**
 * The coaching dashboard's metrics: pure functions over the aggregate rows the server returns.
 *
 * The server (Apex `LeadGateDashboardController.getFunnel`, or the local preview's TypeScript twin) never
 * sends leads, only counts grouped by rep, lead source, rejection reason, speed-to-lead bucket and campaign
 * for one time window (a cohort: the leads that became MQL inside the window, and how far each has got since).
 * Everything a manager reads is computed here from those rows and from the SQL definition:
 * - the chain MQL -> SAL -> SQL -> Opportunity -> Closed Won, each step's rate, and the benchmark rates
 *   (MQL -> SQL, SQL -> Opportunity, SQL -> Won, acceptance) with their band and the definition's reading;
 * - per rep: the same chain, SQL inflation, speed to lead against the SLA, qualification compliance;
 * - rejection reasons by lead source and by campaign, with the findings worth a manager's attention.
 *
 * Sentences shown to users are built from Custom Label templates passed in (`CoachingText`), so they can be
 * translated; the band readings are definition data and are shown as written there.
 * No function returns NaN or Infinity: a rate without a denominator is `null`, a count from the server that
 * is not a finite non-negative number counts as 0.
 */
import { SQL_DEFINITION, type Band, type BandMetric, type RejectionReasonValue, type Segment, type SqlDefinition } from 'c/sqlDefinition';

/* ------------------------------------------------------------------ the server's contract */

/** Funnel counts of one group of the window's MQL cohort: one rep, one lead source, one rejection reason. */
export interface FunnelRow {
    /** Lead owner (a user or a queue). */
    ownerId: string;
    leadSource: string | null;
    /** Rejection_Reason__c of the group's leads (null for leads without a reason). */
    rejectionReason: string | null;
    /** Leads that became MQL in the window (MQL_At__c inside it). */
    mqls: number;
    /** ... of which sales accepted (Accepted_At__c set). */
    accepted: number;
    /** ... of which sales rejected (Rejected_At__c set). */
    rejected: number;
    /** ... of which became Sales Qualified (SQL_At__c set). */
    sqls: number;
    /** ... of which were converted with an opportunity (ConvertedOpportunityId set). */
    opportunities: number;
    /** ... of which the converted opportunity is Closed Won. */
    won: number;
    /** ... of which sales acted on (First_Action_At__c set). */
    actioned: number;
}

/** Leads of one rep whose first action came within one bounded speed-to-lead bucket. */
export interface SpeedRow {
    ownerId: string;
    /** The bucket's upper bound in minutes (inclusive), as in the definition's `sla.buckets`. */
    maxMinutes: number;
    leads: number;
}

/** Speed to lead split at the owner's alert, for one rep's MQLs in the window. */
export interface AlertSpeedRow {
    ownerId: string;
    /** MQLs whose owner was alerted (Alerted_At__c set). */
    alerted: number;
    /** ... alerted within the SLA of becoming an MQL. */
    alertedWithinSla: number;
    /** ... first actioned within the SLA of the alert. */
    actionedWithinSla: number;
}

/** Qualification compliance of one rep's SQLs in the window. */
export interface ComplianceRow {
    ownerId: string;
    /** SQLs whose qualification is not complete: only the bypass permission (or a later, stricter definition) lets that through. */
    bypassSqls: number;
    /** SQLs with a criterion of their framework carrying less than `thinEvidenceChars` characters of evidence. */
    thinEvidenceSqls: number;
    /** SQLs whose owner changed a fit fact within `fitEdits.windowHours` before qualifying (Fit_Edited_Before_SQL__c). */
    fitEditedSqls?: number;
    /** SQLs with at least one evidence review (REVIEWED); absent from answers before the review columns. */
    reviewedSqls?: number;
    /** SQLs with at least one "Evidence Holds" verdict. */
    holdsSqls?: number;
    /** SQLs with at least one "Coach" verdict. */
    coachSqls?: number;
}

/** Campaign members among the window's MQLs (a lead in two campaigns counts in both). */
export interface CampaignRow {
    campaignId: string;
    campaignName: string | null;
    members: number;
}

/** Rejected campaign members by rejection reason. */
export interface CampaignRejectionRow {
    campaignId: string;
    rejectionReason: string | null;
    rejected: number;
}

export interface OwnerRow {
    ownerId: string;
    name: string;
}

/** What one dashboard load returns (`LeadGateDashboardController.getFunnel`). */
export interface FunnelData {
    /** 'live': aggregate queries over Lead; 'snapshot': the nightly monthly snapshot (whole months). */
    source: 'live' | 'snapshot';
    /** First day of the window (ISO date). */
    windowStart: string;
    /** Day after the window's last day (ISO date, exclusive). */
    windowEnd: string;
    /** When the snapshot was taken (ISO date-time); null for live data. */
    asOf: string | null;
    /** True when the campaign breakdown covers every rep although a team was chosen (snapshot path). */
    campaignsOrgWide: boolean;
    /** The evidence length under which an SQL's evidence counts as thin (characters). */
    thinEvidenceChars: number;
    /** Query rows the load consumed on the server (the governor limit is 50,000). */
    rowsUsed: number;
    owners: OwnerRow[];
    funnel: FunnelRow[];
    speed: SpeedRow[];
    /** Speed to lead split at the alert; absent from answers of servers older than the alert stamp. */
    alertSpeed?: AlertSpeedRow[];
    compliance: ComplianceRow[];
    campaigns: CampaignRow[];
    campaignRejections: CampaignRejectionRow[];
    /** Per segment key, the chain per segment value and rejection reason (SEGMENT_<KEY>); absent from older answers. */
    segmentFunnel?: Readonly<Record<string, SegmentRow[]>>;
    /** Per segment key, the Closed Won MQLs per segment value (SEGMENT_<KEY>_WON). */
    segmentWon?: Readonly<Record<string, SegmentWonRow[]>>;
    /** True when the segment figures cover every rep although a team was chosen (snapshot path). */
    segmentsOrgWide?: boolean;
    /** The chain per campaign among its members (CAMPAIGN_FUNNEL); absent from older answers. */
    campaignFunnel?: CampaignFunnelRow[];
    /** The filter the server narrowed the rows by; null or absent for every MQL of the window. */
    filter?: DashboardFilter | null;
    /**
     * Under a filter, the parts (live query names) whose rows could not be narrowed and cover every MQL of the window
     * (the snapshot keeps no such field for them); empty when every part was narrowed.
     */
    wholeParts?: readonly string[];
}

/**
 * The dashboard's one filter, as the page sends it to the server and every section reads it: a field of the generated
 * allow-list (c/dashboardQueries `dashboardFilters`: a segment's stamped field, `LeadSource`, `CampaignId`) and the
 * value it keeps.
 */
export interface DashboardFilter {
    field: string;
    value: string;
}

/** Funnel counts of the window's MQLs with one value of one segment and one rejection reason. */
export interface SegmentRow {
    /** The stamped value (null when the lead was never stamped). */
    value: string | null;
    rejectionReason: string | null;
    mqls: number;
    accepted: number;
    rejected: number;
    sqls: number;
    opportunities: number;
    actioned: number;
}

/** Closed Won MQLs of the window with one value of one segment. */
export interface SegmentWonRow {
    value: string | null;
    won: number;
}

/** The chain among one campaign's members in the window (a lead in two campaigns counts in both). */
export interface CampaignFunnelRow {
    campaignId: string;
    mqls: number;
    accepted: number;
    rejected: number;
    sqls: number;
    opportunities: number;
}

/** A team managers can pick: the active users reporting to one manager. */
export interface TeamOption {
    managerId: string;
    name: string;
    reps: number;
    /** The team the signed-in user manages (the dashboard opens on it). */
    mine: boolean;
}

/* ------------------------------------------------------------------ rules of thumb for findings */

/** Thresholds for the findings the definition does not fix itself. */
export interface CoachingRules {
    /** A rep needs at least this many MQLs in the window before speed-to-lead findings are drawn. */
    minMqlsForSpeed: number;
    /** A rep whose share of MQLs actioned within the SLA is under this ... */
    slaAttainmentFloor: number;
    /** ... and under this fraction of the team's share gets a speed finding (slow against the team, not only the SLA). */
    slaShareOfTeam: number;
    /** A rejection reason taking at least this share of a source's or campaign's leads is a finding ... */
    reasonShareOfLeads: number;
    /** ... when it covers at least this many leads. */
    minReasonLeads: number;
    /** A rep with at least this share of SQLs on thin evidence (and at least `minSqlsForEvidence` SQLs) gets a finding. */
    thinEvidenceShare: number;
    minSqlsForEvidence: number;
    /** A rep with at least this share of reviewed SQLs marked Coach (and at least `minReviewedForCoach` reviewed) gets a finding. */
    coachShare: number;
    minReviewedForCoach: number;
}

export const COACHING_RULES: CoachingRules = {
    minMqlsForSpeed: 5,
    slaAttainmentFloor: 0.5,
    slaShareOfTeam: 0.5,
    reasonShareOfLeads: 0.3,
    minReasonLeads: 5,
    thinEvidenceShare: 0.5,
    minSqlsForEvidence: 3,
    coachShare: 0.5,
    minReviewedForCoach: 3
};

/** Evidence counts as thin under this many characters: twice the definition's minimum (the server uses the same figure). */
export function thinEvidenceChars(def: SqlDefinition = SQL_DEFINITION): number {
    return def.evidence.minLettersAndDigits * 2;
}

/* ------------------------------------------------------------------ text (Custom Label templates) */

/**
 * Custom Label templates for every sentence this module writes. `{0}`, `{1}` ... are filled by `formatLabel`.
 * The dashboard passes the imported labels; tests pass the same labels read from the labels file.
 */
export interface CoachingText {
    /** {0} SQLs, {1} team median, {2} SQL -> Opportunity rate, {3} its band. */
    inflation: string;
    /** {0} share within SLA, {1} SLA minutes, {2} within count, {3} MQLs, {4} team share. */
    slowResponse: string;
    /** {0} bypass SQLs, {1} SQLs. */
    bypass: string;
    /** {0} thin SQLs, {1} SQLs, {2} characters. */
    thinEvidence: string;
    /** {0} SQLs marked Coach, {1} SQLs reviewed. */
    coachShare: string;
    /** Reviews cell: {0} coach, {1} holds, {2} reviewed, {3} awaiting. */
    reviewSummary: string;
    /** Reviews cell of a rep with SQLs and no review: {0} awaiting. */
    reviewNone: string;
    /** {0} share, {1} source, {2} reason, {3} rejected count, {4} leads, {5} advice. */
    reasonBySource: string;
    /** {0} share, {1} campaign, {2} reason, {3} rejected count, {4} members, {5} advice. */
    reasonByCampaign: string;
    /** Advice for reasons that say the lead should never have been sent (fit, need, competitor, student). */
    adviceTargeting: string;
    /** Advice for reasons that send the lead back to nurture (budget, authority, timing, unresponsive). */
    adviceNurture: string;
    adviceDuplicate: string;
    adviceOther: string;
    /** {0} band label, {1} rate, {2} band range, {3} the band's reading. */
    weakestLink: string;
    /** "at least {0}", for a band without an upper bound. */
    atLeast: string;
    /** Shown instead of a rate without a denominator. */
    noData: string;
    /** Name for a lead source left blank. */
    noSource: string;
    /** Name for a blank rejection reason. */
    noReason: string;
    /** Name for an owner the server could not name. */
    unknownOwner: string;
}

/** The Custom Label behind each template (the dashboard imports these; tests read them from the labels file). */
export const COACHING_TEXT_LABELS: Readonly<Record<keyof CoachingText, string>> = {
    inflation: 'LG_Dash_Finding_Inflation',
    slowResponse: 'LG_Dash_Finding_SlowResponse',
    bypass: 'LG_Dash_Finding_Bypass',
    thinEvidence: 'LG_Dash_Finding_ThinEvidence',
    coachShare: 'LG_Dash_Finding_CoachShare',
    reviewSummary: 'LG_Dash_Review_Summary',
    reviewNone: 'LG_Dash_Review_None',
    reasonBySource: 'LG_Dash_Finding_ReasonBySource',
    reasonByCampaign: 'LG_Dash_Finding_ReasonByCampaign',
    adviceTargeting: 'LG_Dash_Advice_Targeting',
    adviceNurture: 'LG_Dash_Advice_Nurture',
    adviceDuplicate: 'LG_Dash_Advice_Duplicate',
    adviceOther: 'LG_Dash_Advice_Other',
    weakestLink: 'LG_Dash_Finding_WeakestLink',
    atLeast: 'LG_Dash_AtLeast',
    noData: 'LG_Dash_NoData',
    noSource: 'LG_Dash_NoSource',
    noReason: 'LG_Dash_NoReason',
    unknownOwner: 'LG_Dash_UnknownOwner'
};

/** Fills `{0}`, `{1}` ... in a label template; a placeholder without a value is left empty. */
export function formatLabel(template: string, ...values: ReadonlyArray<string | number>): string {
    return String(template ?? '').replace(/\{(\d+)\}/g, (_, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? '' : String(value);
    });
}

const formatters = new Map<string, Intl.NumberFormat>();
/** One Intl.NumberFormat per locale and style (building one costs far more than formatting with it). */
function formatter(locale: string | undefined, percent: boolean): Intl.NumberFormat {
    const key = `${locale ?? ''}|${percent}`;
    let found = formatters.get(key);
    if (!found) {
        found = new Intl.NumberFormat(locale, percent ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: 1 });
        formatters.set(key, found);
    }
    return found;
}

/** A rate as a whole percent in the user's locale ("22%", "22 %"); `noData` for null. */
export function formatPercent(value: number | null, noData: string, locale?: string): string {
    if (value === null || !Number.isFinite(value)) return noData;
    return formatter(locale, true).format(value);
}

/** A count in the user's locale. */
export function formatCount(value: number, locale?: string): string {
    return formatter(locale, false).format(Number.isFinite(value) ? value : 0);
}

/** A band's range for display: "13%-30%", or "at least 70%". */
export function formatBandRange(band: Band, text: Pick<CoachingText, 'atLeast' | 'noData'>, locale?: string): string {
    const min = formatPercent(band.min, text.noData, locale);
    if (band.max === null) return formatLabel(text.atLeast, min);
    return `${min}\u2013${formatPercent(band.max, text.noData, locale)}`;
}

/* ------------------------------------------------------------------ safe arithmetic */

/**
 * A count from the server: a whole number from 0 to Number.MAX_SAFE_INTEGER, else 0 (nothing larger is a real
 * count, and capping each count keeps every sum of counts finite).
 */
export function countOf(value: unknown): number {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isFinite(n) && n > 0 && n <= Number.MAX_SAFE_INTEGER ? Math.floor(n) : 0;
}

/** numerator / denominator, or null when the denominator is 0 (never NaN or Infinity). */
export function rate(numerator: number, denominator: number): number | null {
    if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
    return Math.max(0, numerator) / denominator;
}

/** Median of the values (0 for none). */
export function median(values: readonly number[]): number {
    const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    if (sorted.length === 0) return 0;
    const mid = Math.floor(sorted.length / 2);
    const upper = sorted[mid] ?? 0;
    return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/* ------------------------------------------------------------------ counts and the chain */

export interface FunnelCounts {
    mqls: number;
    accepted: number;
    rejected: number;
    sqls: number;
    opportunities: number;
    won: number;
    actioned: number;
}

export const EMPTY_COUNTS: Readonly<FunnelCounts> = Object.freeze({
    mqls: 0,
    accepted: 0,
    rejected: 0,
    sqls: 0,
    opportunities: 0,
    won: 0,
    actioned: 0
});

/** Adds up funnel rows (any subset: one rep, one source, the whole window). */
export function sumCounts(rows: readonly FunnelRow[]): FunnelCounts {
    const total: FunnelCounts = { ...EMPTY_COUNTS };
    for (const row of rows) {
        total.mqls += countOf(row.mqls);
        total.accepted += countOf(row.accepted);
        total.rejected += countOf(row.rejected);
        total.sqls += countOf(row.sqls);
        total.opportunities += countOf(row.opportunities);
        total.won += countOf(row.won);
        total.actioned += countOf(row.actioned);
    }
    return total;
}

export type ChainStepKey = 'MQL' | 'SAL' | 'SQL' | 'Opportunity' | 'Won';

export interface ChainStep {
    key: ChainStepKey;
    count: number;
    /** Share of the previous step that reached this one (null for the first step, or when the previous step is 0). */
    stepRate: number | null;
}

/** The connected chain MQL -> SAL -> SQL -> Opportunity -> Won with each step's conversion from the one before. */
export function chainOf(counts: FunnelCounts): ChainStep[] {
    const steps: Array<[ChainStepKey, number]> = [
        ['MQL', counts.mqls],
        ['SAL', counts.accepted],
        ['SQL', counts.sqls],
        ['Opportunity', counts.opportunities],
        ['Won', counts.won]
    ];
    return steps.map(([key, count], index) => ({
        key,
        count,
        stepRate: index === 0 ? null : rate(count, steps[index - 1]?.[1] ?? 0)
    }));
}

/* ------------------------------------------------------------------ benchmark bands */

export type BandPosition = 'below' | 'within' | 'above' | 'noData';

export interface BandedRate {
    metric: BandMetric;
    label: string;
    numerator: number;
    denominator: number;
    value: number | null;
    band: Band;
    position: BandPosition;
    /** The definition's plain-language reading of the position ('' without data). */
    reading: string;
}

/** Where a rate falls against its band (bounds inclusive). */
export function bandPosition(value: number | null, band: Band): BandPosition {
    if (value === null || !Number.isFinite(value)) return 'noData';
    if (value < band.min) return 'below';
    if (band.max !== null && value > band.max) return 'above';
    return 'within';
}

/** Numerator and denominator of each benchmark metric, from the definition's band list. */
function metricParts(metric: BandMetric, c: FunnelCounts): [number, number] {
    switch (metric) {
        case 'mqlToSql':
            return [c.sqls, c.mqls];
        case 'sqlToOpportunity':
            return [c.opportunities, c.sqls];
        case 'sqlToWon':
            return [c.won, c.sqls];
        case 'acceptance':
            return [c.accepted, c.accepted + c.rejected];
        default:
            return [0, 0];
    }
}

/** Every benchmark rate of the definition, in the definition's order, with band and reading. */
export function bandedRates(counts: FunnelCounts, def: SqlDefinition = SQL_DEFINITION): BandedRate[] {
    return def.bands.map((band) => {
        const [numerator, denominator] = metricParts(band.metric, counts);
        const value = rate(numerator, denominator);
        const position = bandPosition(value, band);
        return {
            metric: band.metric,
            label: band.label,
            numerator,
            denominator,
            value,
            band,
            position,
            reading: position === 'noData' ? '' : band[position]
        };
    });
}

/** The order the chain reads in: acceptance happens first (MQL -> SAL), then MQL -> SQL, SQL -> Opportunity, SQL -> Won. */
const CHAIN_ORDER: readonly BandMetric[] = ['acceptance', 'mqlToSql', 'sqlToOpportunity', 'sqlToWon'];

/**
 * Reads the rates together: the first rate outside its band, in chain order, is where the funnel leaks first
 * (a below-band step ranks before an above-band one). Null when every rate is within its band or has no data.
 */
export function weakestLink(rates: readonly BandedRate[]): BandedRate | null {
    const ordered = [...rates].sort((a, b) => CHAIN_ORDER.indexOf(a.metric) - CHAIN_ORDER.indexOf(b.metric));
    return ordered.find((r) => r.position === 'below') ?? ordered.find((r) => r.position === 'above') ?? null;
}

/* ------------------------------------------------------------------ speed to lead */

export interface SlaBucket {
    label: string;
    maxMinutes: number | null;
    leads: number;
}

export interface SlaSummary {
    mqls: number;
    /** MQLs actioned within the definition's SLA (buckets whose bound is at most the SLA). */
    withinSla: number;
    /** withinSla / mqls (MQLs nobody acted on count as misses); null without MQLs. */
    attainment: number | null;
    /** The definition's buckets, the open last one being actioned minus the bounded ones. */
    buckets: SlaBucket[];
    /** MQLs nobody has acted on yet. */
    notActioned: number;
}

/** The index of the definition's speed bucket for a number of minutes (negative minutes fall in the first). */
export function speedBucketIndex(minutes: number, def: SqlDefinition = SQL_DEFINITION): number {
    const buckets = def.sla.buckets;
    const index = buckets.findIndex((b) => b.maxMinutes === null || minutes <= b.maxMinutes);
    return index === -1 ? Math.max(0, buckets.length - 1) : index;
}

/** SLA attainment and the bucket distribution for one set of speed rows and funnel counts. */
export function slaSummary(speed: readonly SpeedRow[], counts: FunnelCounts, def: SqlDefinition = SQL_DEFINITION): SlaSummary {
    const buckets: SlaBucket[] = def.sla.buckets.map((b) => ({ label: b.label, maxMinutes: b.maxMinutes, leads: 0 }));
    let bounded = 0;
    for (const row of speed) {
        const leads = countOf(row.leads);
        const bucket = buckets.find((b) => b.maxMinutes !== null && b.maxMinutes === row.maxMinutes);
        if (!bucket || leads === 0) continue;
        bucket.leads += leads;
        bounded += leads;
    }
    const open = buckets.find((b) => b.maxMinutes === null);
    if (open) open.leads = Math.max(0, counts.actioned - bounded);
    const withinSla = buckets.filter((b) => b.maxMinutes !== null && b.maxMinutes <= def.sla.minutes).reduce((sum, b) => sum + b.leads, 0);
    return {
        mqls: counts.mqls,
        withinSla: Math.min(withinSla, counts.mqls),
        attainment: rate(Math.min(withinSla, counts.mqls), counts.mqls),
        buckets,
        notActioned: Math.max(0, counts.mqls - counts.actioned)
    };
}

/**
 * Speed to lead in two parts, each as the share within the SLA (as managers read SLA attainment): "MQL to alert"
 * (did the alert leave the rep time to meet the SLA?) and "alert to first action" (did the rep act within the SLA of
 * hearing?). Both over the alerted MQLs; an alerted MQL nobody acted on counts as a miss, like the SLA attainment.
 */
export interface AlertSplit {
    alerted: number;
    alertedWithinSla: number;
    actionedWithinSla: number;
    /** alertedWithinSla / alerted; null without alerted MQLs. */
    mqlToAlert: number | null;
    /** actionedWithinSla / alerted; null without alerted MQLs. */
    alertToAction: number | null;
}

/** The split for a set of rows (one rep's, or the whole team's). */
export function alertSplit(rows: readonly AlertSpeedRow[]): AlertSplit {
    const alerted = rows.reduce((n, r) => n + countOf(r.alerted), 0);
    const within = (pick: (r: AlertSpeedRow) => number): number =>
        Math.min(
            alerted,
            rows.reduce((n, r) => n + countOf(pick(r)), 0)
        );
    const alertedWithinSla = within((r) => r.alertedWithinSla);
    const actionedWithinSla = within((r) => r.actionedWithinSla);
    return {
        alerted,
        alertedWithinSla,
        actionedWithinSla,
        mqlToAlert: rate(alertedWithinSla, alerted),
        alertToAction: rate(actionedWithinSla, alerted)
    };
}

/* ------------------------------------------------------------------ findings */

export type FindingKind =
    'inflation' | 'slowResponse' | 'bypass' | 'thinEvidence' | 'coachShare' | 'reasonBySource' | 'reasonByCampaign' | 'weakestLink';

export interface Finding {
    kind: FindingKind;
    /** Who or what the finding is about: a rep's owner id, a lead source, a campaign id, or a metric. */
    subjectId: string;
    /** The subject's display name. */
    subject: string;
    /** The sentence for the manager. */
    text: string;
}

export interface RepSummary {
    ownerId: string;
    name: string;
    counts: FunnelCounts;
    rates: BandedRate[];
    sla: SlaSummary;
    /** Speed to lead split at the alert. */
    alertSplit: AlertSplit;
    compliance: { sqls: number; bypassSqls: number; thinEvidenceSqls: number; fitEditedSqls: number; reviews: ReviewOutcomes };
    /** This rep's SQLs against the team median: volume-high and conversion-low means inflation. */
    inflated: boolean;
    findings: Finding[];
}

/** The evidence reviews of one rep's SQLs in the window (an SQL with verdicts of both outcomes counts in both). */
export interface ReviewOutcomes {
    reviewed: number;
    holds: number;
    coach: number;
    /** SQLs without any review yet. */
    awaiting: number;
    /** The reviews cell, read as a sentence ("2 coach, 3 holds of 5 reviewed; 4 awaiting"). */
    text: string;
}

/** A rep's review outcomes from the compliance rows: counts never above the rep's SQLs. */
export function reviewOutcomes(
    sqls: number,
    rows: readonly ComplianceRow[],
    text: Pick<CoachingText, 'reviewSummary' | 'reviewNone'>,
    locale?: string
): ReviewOutcomes {
    const total = (pick: (r: ComplianceRow) => number | undefined): number =>
        Math.min(
            sqls,
            rows.reduce((s, r) => s + countOf(pick(r)), 0)
        );
    const reviewed = total((r) => r.reviewedSqls);
    const holds = Math.min(
        reviewed,
        total((r) => r.holdsSqls)
    );
    const coach = Math.min(
        reviewed,
        total((r) => r.coachSqls)
    );
    const awaiting = sqls - reviewed;
    const num = (value: number): string => formatCount(value, locale);
    return {
        reviewed,
        holds,
        coach,
        awaiting,
        text:
            reviewed === 0
                ? formatLabel(text.reviewNone, num(awaiting))
                : formatLabel(text.reviewSummary, num(coach), num(holds), num(reviewed), num(awaiting))
    };
}

export interface ReasonShare {
    reason: string;
    rejected: number;
    /** rejected / leads of the source or campaign (null without leads): what the findings' thresholds read. */
    shareOfLeads: number | null;
    /** rejected / every rejected lead of the source or campaign: this reason's part of its rejections. */
    shareOfRejected: number | null;
}

export interface SourceSummary {
    source: string | null;
    name: string;
    counts: FunnelCounts;
    reasons: ReasonShare[];
}

export interface CampaignSummary {
    campaignId: string;
    name: string;
    members: number;
    rejected: number;
    reasons: ReasonShare[];
}

export interface Dashboard {
    windowStart: string;
    windowEnd: string;
    source: 'live' | 'snapshot';
    asOf: string | null;
    campaignsOrgWide: boolean;
    /** True when the window holds no MQL at all. */
    empty: boolean;
    totals: FunnelCounts;
    chain: ChainStep[];
    rates: BandedRate[];
    weakest: BandedRate | null;
    teamMedianSqls: number;
    sla: SlaSummary;
    reps: RepSummary[];
    sources: SourceSummary[];
    campaigns: CampaignSummary[];
    /** Every finding, team-level first, then by rep, source and campaign. */
    findings: Finding[];
}

const byOwner = <T extends { ownerId: string }>(rows: readonly T[], ownerId: string): T[] => rows.filter((r) => r.ownerId === ownerId);

function adviceFor(reason: string, text: CoachingText, def: SqlDefinition): string {
    if (reason === 'Duplicate') return text.adviceDuplicate;
    if (reason === def.notesRequiredFor.reason) return text.adviceOther;
    const known = def.rejectionReasons.find((r) => r.value === (reason as RejectionReasonValue));
    if (!known) return text.adviceOther;
    return known.recyclesTo === 'Nurture' ? text.adviceNurture : text.adviceTargeting;
}

function reasonShares(rejectedByReason: ReadonlyMap<string, number>, leads: number): ReasonShare[] {
    const allRejected = [...rejectedByReason.values()].reduce((sum, rejected) => sum + Math.max(0, rejected), 0);
    return [...rejectedByReason.entries()]
        .filter(([, rejected]) => rejected > 0)
        .map(([reason, rejected]) => ({
            reason,
            rejected,
            shareOfLeads: rate(rejected, leads),
            shareOfRejected: rate(rejected, allRejected)
        }))
        .sort((a, b) => b.rejected - a.rejected || a.reason.localeCompare(b.reason));
}

function dominantReasons(reasons: readonly ReasonShare[], rules: CoachingRules): ReasonShare[] {
    return reasons.filter(
        (r) => r.rejected >= rules.minReasonLeads && r.shareOfLeads !== null && r.shareOfLeads >= rules.reasonShareOfLeads
    );
}

export interface BuildOptions {
    def?: SqlDefinition;
    rules?: CoachingRules;
    /** BCP 47 locale for numbers and percentages (the browser's when omitted). */
    locale?: string;
}

/** Reads one dashboard load: totals, chain, bands, per-rep coaching, sources, campaigns and every finding. */
export function buildDashboard(data: FunnelData, text: CoachingText, options: BuildOptions = {}): Dashboard {
    const def = options.def ?? SQL_DEFINITION;
    const rules = options.rules ?? COACHING_RULES;
    const locale = options.locale;
    const pct = (value: number | null): string => formatPercent(value, text.noData, locale);
    const num = (value: number): string => formatCount(value, locale);

    const funnel = data.funnel ?? [];
    const speed = data.speed ?? [];
    const compliance = data.compliance ?? [];
    const totals = sumCounts(funnel);
    const rates = bandedRates(totals, def);
    const weakest = weakestLink(rates);
    const sqlToOpportunityBand = def.bands.find((b) => b.metric === 'sqlToOpportunity');

    /* reps: every owner with a funnel row, named from the owner list */
    const names = new Map((data.owners ?? []).map((o) => [o.ownerId, o.name]));
    const ownerIds = [...new Set(funnel.map((r) => r.ownerId))];
    const perRep = ownerIds.map((ownerId) => ({ ownerId, counts: sumCounts(byOwner(funnel, ownerId)) })).filter((r) => r.counts.mqls > 0);
    const teamMedianSqls = median(perRep.map((r) => r.counts.sqls));
    const teamSla = slaSummary(speed, totals, def);

    const reps: RepSummary[] = perRep.map(({ ownerId, counts }) => {
        const name = names.get(ownerId) || text.unknownOwner;
        const repRates = bandedRates(counts, def);
        const sla = slaSummary(byOwner(speed, ownerId), counts, def);
        const complianceRows = byOwner(compliance, ownerId);
        const bypassSqls = Math.min(
            counts.sqls,
            complianceRows.reduce((s, r) => s + countOf(r.bypassSqls), 0)
        );
        const thinEvidenceSqls = Math.min(
            counts.sqls,
            complianceRows.reduce((s, r) => s + countOf(r.thinEvidenceSqls), 0)
        );
        const fitEditedSqls = Math.min(
            counts.sqls,
            complianceRows.reduce((s, r) => s + countOf(r.fitEditedSqls), 0)
        );
        const findings: Finding[] = [];
        const toOpportunity = repRates.find((r) => r.metric === 'sqlToOpportunity');

        const inflated =
            !!toOpportunity &&
            toOpportunity.position === 'below' &&
            counts.sqls >= def.inflation.minSqls &&
            counts.sqls >= def.inflation.volumeMultipleOfMedian * teamMedianSqls;
        if (inflated && toOpportunity) {
            findings.push({
                kind: 'inflation',
                subjectId: ownerId,
                subject: name,
                text: formatLabel(
                    text.inflation,
                    num(counts.sqls),
                    num(teamMedianSqls),
                    pct(toOpportunity.value),
                    sqlToOpportunityBand ? formatBandRange(sqlToOpportunityBand, text, locale) : ''
                )
            });
        }
        const slowBelow = Math.min(rules.slaAttainmentFloor, rules.slaShareOfTeam * (teamSla.attainment ?? 0));
        if (counts.mqls >= rules.minMqlsForSpeed && sla.attainment !== null && sla.attainment < slowBelow) {
            findings.push({
                kind: 'slowResponse',
                subjectId: ownerId,
                subject: name,
                text: formatLabel(
                    text.slowResponse,
                    pct(sla.attainment),
                    num(def.sla.minutes),
                    num(sla.withinSla),
                    num(counts.mqls),
                    pct(teamSla.attainment)
                )
            });
        }
        if (bypassSqls > 0) {
            findings.push({
                kind: 'bypass',
                subjectId: ownerId,
                subject: name,
                text: formatLabel(text.bypass, num(bypassSqls), num(counts.sqls))
            });
        }
        const thinShare = rate(thinEvidenceSqls, counts.sqls);
        if (counts.sqls >= rules.minSqlsForEvidence && thinShare !== null && thinShare >= rules.thinEvidenceShare) {
            findings.push({
                kind: 'thinEvidence',
                subjectId: ownerId,
                subject: name,
                text: formatLabel(
                    text.thinEvidence,
                    num(thinEvidenceSqls),
                    num(counts.sqls),
                    num(data.thinEvidenceChars || thinEvidenceChars(def))
                )
            });
        }
        const reviews = reviewOutcomes(counts.sqls, complianceRows, text, locale);
        const coachShareOfReviewed = rate(reviews.coach, reviews.reviewed);
        if (reviews.reviewed >= rules.minReviewedForCoach && coachShareOfReviewed !== null && coachShareOfReviewed >= rules.coachShare) {
            findings.push({
                kind: 'coachShare',
                subjectId: ownerId,
                subject: name,
                text: formatLabel(text.coachShare, num(reviews.coach), num(reviews.reviewed))
            });
        }
        return {
            ownerId,
            name,
            counts,
            rates: repRates,
            sla,
            alertSplit: alertSplit(byOwner(data.alertSpeed ?? [], ownerId)),
            compliance: { sqls: counts.sqls, bypassSqls, thinEvidenceSqls, fitEditedSqls, reviews },
            inflated,
            findings
        };
    });
    reps.sort((a, b) => b.counts.sqls - a.counts.sqls || b.counts.mqls - a.counts.mqls || a.name.localeCompare(b.name));

    /* sources: counts and rejection reasons, each reason as a share of the source's leads */
    const sourceKeys = [...new Set(funnel.map((r) => r.leadSource ?? ''))];
    const sources: SourceSummary[] = sourceKeys
        .map((key) => {
            const rows = funnel.filter((r) => (r.leadSource ?? '') === key);
            const counts = sumCounts(rows);
            const byReason = new Map<string, number>();
            for (const row of rows) {
                const rejected = countOf(row.rejected);
                if (rejected === 0) continue;
                const reason = row.rejectionReason || text.noReason;
                byReason.set(reason, (byReason.get(reason) ?? 0) + rejected);
            }
            return {
                source: key === '' ? null : key,
                name: key === '' ? text.noSource : key,
                counts,
                reasons: reasonShares(byReason, counts.mqls)
            };
        })
        .filter((s) => s.counts.mqls > 0)
        .sort((a, b) => b.counts.mqls - a.counts.mqls || a.name.localeCompare(b.name));

    /* campaigns: members and rejected members by reason */
    const campaignNames = new Map<string, string>();
    const members = new Map<string, number>();
    for (const row of data.campaigns ?? []) {
        if (!row.campaignId) continue;
        members.set(row.campaignId, (members.get(row.campaignId) ?? 0) + countOf(row.members));
        if (row.campaignName) campaignNames.set(row.campaignId, row.campaignName);
    }
    const rejectedByCampaign = new Map<string, Map<string, number>>();
    for (const row of data.campaignRejections ?? []) {
        const rejected = countOf(row.rejected);
        if (!row.campaignId || rejected === 0) continue;
        const reasons = rejectedByCampaign.get(row.campaignId) ?? new Map<string, number>();
        const reason = row.rejectionReason || text.noReason;
        reasons.set(reason, (reasons.get(reason) ?? 0) + rejected);
        rejectedByCampaign.set(row.campaignId, reasons);
        if (!members.has(row.campaignId)) members.set(row.campaignId, 0);
    }
    const campaigns: CampaignSummary[] = [...members.entries()]
        .map(([campaignId, memberCount]) => {
            const reasons = reasonShares(rejectedByCampaign.get(campaignId) ?? new Map(), memberCount);
            return {
                campaignId,
                name: campaignNames.get(campaignId) ?? campaignId,
                members: memberCount,
                rejected: reasons.reduce((s, r) => s + r.rejected, 0),
                reasons
            };
        })
        .filter((c) => c.members > 0 || c.rejected > 0)
        .sort((a, b) => b.members - a.members || a.name.localeCompare(b.name));

    /* findings: team first, then reps, sources, campaigns */
    const findings: Finding[] = [];
    if (weakest) {
        findings.push({
            kind: 'weakestLink',
            subjectId: weakest.metric,
            subject: weakest.label,
            text: formatLabel(
                text.weakestLink,
                weakest.label,
                pct(weakest.value),
                formatBandRange(weakest.band, text, locale),
                weakest.reading
            )
        });
    }
    for (const rep of reps) findings.push(...rep.findings);
    for (const source of sources) {
        for (const reason of dominantReasons(source.reasons, rules)) {
            findings.push({
                kind: 'reasonBySource',
                subjectId: source.source ?? '',
                subject: source.name,
                text: formatLabel(
                    text.reasonBySource,
                    pct(reason.shareOfLeads),
                    source.name,
                    reason.reason,
                    num(reason.rejected),
                    num(source.counts.mqls),
                    adviceFor(reason.reason, text, def)
                )
            });
        }
    }
    for (const campaign of campaigns) {
        for (const reason of dominantReasons(campaign.reasons, rules)) {
            findings.push({
                kind: 'reasonByCampaign',
                subjectId: campaign.campaignId,
                subject: campaign.name,
                text: formatLabel(
                    text.reasonByCampaign,
                    pct(reason.shareOfLeads),
                    campaign.name,
                    reason.reason,
                    num(reason.rejected),
                    num(campaign.members),
                    adviceFor(reason.reason, text, def)
                )
            });
        }
    }

    return {
        windowStart: data.windowStart,
        windowEnd: data.windowEnd,
        source: data.source,
        asOf: data.asOf ?? null,
        campaignsOrgWide: !!data.campaignsOrgWide,
        empty: totals.mqls === 0,
        totals,
        chain: chainOf(totals),
        rates,
        weakest,
        teamMedianSqls,
        sla: teamSla,
        reps,
        sources,
        campaigns,
        findings
    };
}

/* ------------------------------------------------------------------ time windows */

export type WindowPreset = 'last30' | 'last90' | 'last180' | 'last365' | 'thisQuarter' | 'lastQuarter';

export const WINDOW_PRESETS: readonly WindowPreset[] = ['last30', 'last90', 'last180', 'last365', 'thisQuarter', 'lastQuarter'];

/** The longest window the server accepts, in days (a leap year). */
export const MAX_WINDOW_DAYS = 366;

export interface DateWindow {
    /** First day (ISO date). */
    start: string;
    /** Day after the last day (ISO date, exclusive). */
    end: string;
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const utcDay = (year: number, month: number, day: number): Date => new Date(Date.UTC(year, month, day));

/** The window of a preset, relative to `today` (a calendar day; time of day ignored). "Last N days" includes today. */
export function windowFor(preset: WindowPreset, today: Date | string): DateWindow {
    const t = typeof today === 'string' ? new Date(`${today.slice(0, 10)}T00:00:00Z`) : today;
    const base = utcDay(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
    const tomorrow = utcDay(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate() + 1);
    const lastDays = (days: number): DateWindow => ({
        start: isoDate(utcDay(base.getUTCFullYear(), base.getUTCMonth(), base.getUTCDate() - days + 1)),
        end: isoDate(tomorrow)
    });
    const quarterStart = Math.floor(base.getUTCMonth() / 3) * 3;
    switch (preset) {
        case 'last30':
            return lastDays(30);
        case 'last180':
            return lastDays(180);
        case 'last365':
            return lastDays(365);
        case 'thisQuarter':
            return { start: isoDate(utcDay(base.getUTCFullYear(), quarterStart, 1)), end: isoDate(tomorrow) };
        case 'lastQuarter':
            return {
                start: isoDate(utcDay(base.getUTCFullYear(), quarterStart - 3, 1)),
                end: isoDate(utcDay(base.getUTCFullYear(), quarterStart, 1))
            };
        case 'last90':
        default:
            return lastDays(90);
    }
}

/** Null when the window is acceptable, else why not: 'order' (start not before end), 'span' (longer than MAX_WINDOW_DAYS), 'format'. */
export function windowProblem(window: DateWindow): 'format' | 'order' | 'span' | null {
    const pattern = /^\d{4}-\d{2}-\d{2}$/;
    if (!pattern.test(window.start ?? '') || !pattern.test(window.end ?? '')) return 'format';
    const start = Date.parse(`${window.start}T00:00:00Z`);
    const end = Date.parse(`${window.end}T00:00:00Z`);
    if (!Number.isFinite(start) || !Number.isFinite(end)) return 'format';
    if (start >= end) return 'order';
    if ((end - start) / 86_400_000 > MAX_WINDOW_DAYS) return 'span';
    return null;
}

/* ------------------------------------------------------------------ chart series */

export interface Series {
    key: string;
    label: string;
    values: number[];
}

/** Per rep, the speed-to-lead distribution (one series per bucket, plus MQLs not yet actioned). */
export function speedSeries(dashboard: Dashboard, notActionedLabel: string): { labels: string[]; series: Series[] } {
    const reps = dashboard.reps;
    const labels = reps.map((r) => r.name);
    const bucketSeries = dashboard.sla.buckets.map((bucket, index) => ({
        key: `bucket${index}`,
        label: bucket.label,
        values: reps.map((r) => r.sla.buckets[index]?.leads ?? 0)
    }));
    return {
        labels,
        series: [...bucketSeries, { key: 'notActioned', label: notActionedLabel, values: reps.map((r) => r.sla.notActioned) }]
    };
}

/** Per lead source, rejected leads by reason (one series per reason, largest first). */
export function rejectionSeries(dashboard: Dashboard): { labels: string[]; series: Series[] } {
    const sources = dashboard.sources.filter((s) => s.reasons.length > 0);
    const totals = new Map<string, number>();
    for (const s of sources) for (const r of s.reasons) totals.set(r.reason, (totals.get(r.reason) ?? 0) + r.rejected);
    const reasons = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason]) => reason);
    return {
        labels: sources.map((s) => s.name),
        series: reasons.map((reason, index) => ({
            key: `reason${index}`,
            label: reason,
            values: sources.map((s) => s.reasons.find((r) => r.reason === reason)?.rejected ?? 0)
        }))
    };
}

/* ------------------------------------------------------------------ segments */

/** A chosen value of one segment: the dashboard's chain and rates read only the MQLs in it. */
export interface SegmentFilter {
    segment: string;
    value: string;
}

/** Every value a segment can take, in the definition's order (number bands from the lowest), then other, unknown. */
export function segmentValues(segment: Segment): string[] {
    const rule = segment.rule;
    const values =
        rule.kind === 'numberBands' ? [...rule.bands].sort((a, b) => a.min - b.min).map((b) => b.value) : rule.groups.map((g) => g.value);
    return [...new Set([...values, segment.other, segment.unknown])];
}

/**
 * The value a stamp counts under: a lead never stamped (blank) is `unknown`; a stamp the definition no longer lists
 * (stamped under an older revision) is `other`, so every MQL lands in exactly one of `segmentValues`.
 */
export function segmentValueOf(stamp: string | null | undefined, segment: Segment): string {
    if (stamp === null || stamp === undefined || stamp.trim() === '') return segment.unknown;
    return segmentValues(segment).includes(stamp) ? stamp : segment.other;
}

function segmentNamed(key: string, def: SqlDefinition): Segment {
    const segment = def.segments.find((s) => s.key === key);
    if (!segment) throw new Error(`The SQL definition has no segment "${key}": pick one of ${def.segments.map((s) => s.key).join(', ')}.`);
    return segment;
}

export interface SegmentSlice {
    value: string;
    counts: FunnelCounts;
    /** Acceptance and MQL to SQL (and the rest of the definition's bands) with their readings. */
    rates: BandedRate[];
    /** Rejection reasons of the slice, most frequent first. */
    reasons: ReasonShare[];
}

/** The chain, the banded rates and the rejection reasons per value of one segment, empty values included. */
export function segmentBreakdown(
    data: Pick<FunnelData, 'segmentFunnel' | 'segmentWon'>,
    segmentKey: string,
    def: SqlDefinition = SQL_DEFINITION
): SegmentSlice[] {
    const segment = segmentNamed(segmentKey, def);
    const rows = data.segmentFunnel?.[segment.key] ?? [];
    const won = data.segmentWon?.[segment.key] ?? [];
    return segmentValues(segment).map((value) => {
        const slice = rows.filter((r) => segmentValueOf(r.value, segment) === value);
        const counts: FunnelCounts = { ...EMPTY_COUNTS };
        const byReason = new Map<string, number>();
        for (const r of slice) {
            counts.mqls += r.mqls;
            counts.accepted += r.accepted;
            counts.rejected += r.rejected;
            counts.sqls += r.sqls;
            counts.opportunities += r.opportunities;
            counts.actioned += r.actioned;
            if (r.rejectionReason && r.rejected > 0) byReason.set(r.rejectionReason, (byReason.get(r.rejectionReason) ?? 0) + r.rejected);
        }
        counts.won = won.filter((w) => segmentValueOf(w.value, segment) === value).reduce((n, w) => n + w.won, 0);
        return { value, counts, rates: bandedRates(counts, def), reasons: reasonShares(byReason, counts.mqls) };
    });
}

/**
 * The dashboard narrowed to one segment value: the totals, chain, banded rates and weakest link of the segment's MQLs.
 * The server narrows every part by the filter on the live path; this serves the snapshot path, whose FUNNEL rows are
 * stored without the segment (the view names the sections that stay whole).
 */
export function dashboardInSegment(
    dashboard: Dashboard,
    data: Pick<FunnelData, 'segmentFunnel' | 'segmentWon'>,
    filter: SegmentFilter | null,
    def: SqlDefinition = SQL_DEFINITION
): Dashboard {
    if (!filter) return dashboard;
    const slice = segmentBreakdown(data, filter.segment, def).find((s) => s.value === filter.value);
    const counts = slice?.counts ?? { ...EMPTY_COUNTS };
    const rates = bandedRates(counts, def);
    return { ...dashboard, empty: counts.mqls === 0, totals: counts, chain: chainOf(counts), rates, weakest: weakestLink(rates) };
}

/* ------------------------------------------------------------------ marketing's view */

/** One group of a breakdown (a segment value, a campaign, a lead source): its chain, banded rates and reasons. */
export interface BreakdownRow {
    key: string;
    /** The group's name; null for leads without a source or a campaign without a name. */
    name: string | null;
    counts: FunnelCounts;
    rates: BandedRate[];
    reasons: ReasonShare[];
}

const breakdownRow = (
    key: string,
    name: string | null,
    counts: FunnelCounts,
    byReason: Map<string, number>,
    def: SqlDefinition
): BreakdownRow => ({
    key,
    name,
    counts,
    rates: bandedRates(counts, def),
    reasons: reasonShares(byReason, counts.mqls)
});

/** Per campaign (CAMPAIGN_FUNNEL, named by CAMPAIGNS, reasons from CAMPAIGN_REJECTIONS), most MQLs first. */
export function campaignBreakdown(data: FunnelData, def: SqlDefinition = SQL_DEFINITION): BreakdownRow[] {
    const names = new Map(data.campaigns.map((c) => [c.campaignId, c.campaignName]));
    return (data.campaignFunnel ?? [])
        .map((c) => {
            const byReason = new Map<string, number>();
            for (const r of data.campaignRejections.filter((x) => x.campaignId === c.campaignId && x.rejectionReason))
                byReason.set(r.rejectionReason!, (byReason.get(r.rejectionReason!) ?? 0) + r.rejected);
            const counts: FunnelCounts = { ...EMPTY_COUNTS, ...c };
            return breakdownRow(c.campaignId, names.get(c.campaignId) ?? null, counts, byReason, def);
        })
        .sort((a, b) => b.counts.mqls - a.counts.mqls || (a.name ?? '').localeCompare(b.name ?? ''));
}

/** Per lead source (the FUNNEL rows), most MQLs first; leads without a source are one group with a null name. */
export function sourceBreakdown(data: Pick<FunnelData, 'funnel'>, def: SqlDefinition = SQL_DEFINITION): BreakdownRow[] {
    const sources = [...new Set(data.funnel.map((r) => r.leadSource))];
    return sources
        .map((source) => {
            const rows = data.funnel.filter((r) => r.leadSource === source);
            const byReason = new Map<string, number>();
            for (const r of rows)
                if (r.rejectionReason && r.rejected > 0)
                    byReason.set(r.rejectionReason, (byReason.get(r.rejectionReason) ?? 0) + r.rejected);
            return breakdownRow(source ?? '', source, sumCounts(rows), byReason, def);
        })
        .sort((a, b) => b.counts.mqls - a.counts.mqls || (a.name ?? '').localeCompare(b.name ?? ''));
}

/** Per value of one segment, as breakdown rows (every value listed, empty ones too). */
export function segmentBreakdownRows(
    data: Pick<FunnelData, 'segmentFunnel' | 'segmentWon'>,
    segmentKey: string,
    def: SqlDefinition = SQL_DEFINITION
): BreakdownRow[] {
    return segmentBreakdown(data, segmentKey, def).map((s) => ({
        key: s.value,
        name: s.value,
        counts: s.counts,
        rates: s.rates,
        reasons: s.reasons
    }));
}
