/**
 * The leads behind every number of the coaching dashboard, described once.
 *
 * Each drill-down names a count of a generated dashboard query (c/dashboardQueries): `sqls` is FUNNEL's
 * COUNT(SQL_At__c). Which leads it counts follows from the query itself: the query's `where`, a `!= NULL` on the
 * counted field (COUNT(field) skips nulls), and one equality per group value the number stands for (a rep's row,
 * a source, a segment value, a campaign). From that one description come
 * - `drillQuery`: the SOQL the preview's lead list runs through the SOQL evaluator (binds, user mode);
 * - `drillReport`: the native report that lists the same leads in the org, with its filter values (fv0, fv1, ...),
 *   or the reason no LeadList report filter can express it;
 * - `drillTarget`: the one link the dashboard puts on the number (the report in the org, the lead list in the preview).
 * The report metadata is generated from `drillReports` (npm run generate); scripts/checks/dashboard/drillParity.test.ts
 * translates the generated report filters back into SOQL and checks they select the same leads as the number.
 */
import { dashboardQueries, type Column, type QuerySpec } from 'c/dashboardQueries';
import { formatLabel, segmentValues } from 'c/funnelMetrics';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

/* ------------------------------------------------------------------ the table */

/** Every count the dashboard can open, by the name the drill-down link carries. */
export const DRILL_COUNTS = {
    mqls: { query: 'FUNNEL', alias: 'mqls' },
    accepted: { query: 'FUNNEL', alias: 'accepted' },
    rejected: { query: 'FUNNEL', alias: 'rejected' },
    sqls: { query: 'FUNNEL', alias: 'sqls' },
    opportunities: { query: 'FUNNEL', alias: 'opportunities' },
    won: { query: 'WON', alias: 'won' },
    bypassSqls: { query: 'BYPASS', alias: 'bypassSqls' },
    thinEvidenceSqls: { query: 'THIN_EVIDENCE', alias: 'thinEvidenceSqls' },
    fitEditedSqls: { query: 'FIT_EDITED', alias: 'fitEditedSqls' },
    alerted: { query: 'ALERTED', alias: 'leads' },
    alertedInSla: { query: 'MQL_TO_ALERT_SLA', alias: 'leads' },
    actionedInSla: { query: 'ALERT_TO_ACTION_SLA', alias: 'leads' },
    campaignMembers: { query: 'CAMPAIGNS', alias: 'members' },
    campaignMqls: { query: 'CAMPAIGN_FUNNEL', alias: 'mqls' },
    campaignSqls: { query: 'CAMPAIGN_FUNNEL', alias: 'sqls' },
    campaignRejected: { query: 'CAMPAIGN_REJECTIONS', alias: 'rejected' }
} as const satisfies Record<string, { query: string; alias: string }>;

export type DrillKey = keyof typeof DRILL_COUNTS;

/** The chain's steps (c/funnelMetrics ChainStepKey) and the count behind each. */
export const CHAIN_DRILLS = { MQL: 'mqls', SAL: 'accepted', SQL: 'sqls', Opportunity: 'opportunities', Won: 'won' } as const;

/**
 * The benchmark rates' parts (c/funnelMetrics metricParts) that are one count: numerator and denominator. The
 * acceptance rate's denominator is accepted plus rejected, two counts: it has no single list (null).
 */
export const BENCHMARK_DRILLS: Readonly<Record<string, { numerator: DrillKey; denominator: DrillKey | null }>> = {
    mqlToSql: { numerator: 'sqls', denominator: 'mqls' },
    sqlToOpportunity: { numerator: 'opportunities', denominator: 'sqls' },
    sqlToWon: { numerator: 'won', denominator: 'sqls' },
    acceptance: { numerator: 'accepted', denominator: null }
};

/** A cut a number can stand for: a Lead field the dashboard groups or filters by. */
export type Dimension = 'source' | 'reason' | 'campaign' | `segment:${string}`;

/**
 * The dashboard's active filters and the number's own group, as one input: the window, the team (or every rep the
 * user sees), one rep (a row of the reps table), and any further cut (a source row, a segment filter, a campaign).
 */
export interface DrillScope {
    /** ISO days; the end is exclusive, as the dashboard's window. */
    window: { start: string; end: string };
    /** The team picked on the dashboard: its manager, and the names of the reps the dashboard counted for it. */
    team: {
        managerId: string;
        repNames: readonly string[];
        /** The team's name as the dashboard lists it (words only). */ name?: string;
    } | null;
    /** One rep's number: the owner's Id (the query's group) and name (the report's OWNER filter). */
    rep: { id: string; name: string } | null;
    /** Further cuts; a null value stands for the blank group (leads with no source, say). */
    cuts: ReadonlyArray<{ dimension: Dimension; value: string | null }>;
}

export interface DrillDown {
    key: DrillKey;
    /** The dashboard query the number comes from. */
    query: QuerySpec;
    /** The counted column of that query. */
    counted: Column;
    /** The query's object: Lead, or CampaignMember (campaign numbers). */
    object: string;
    /** Conditions every lead behind the number meets, whatever the scope: the query's where and the counted field. */
    where: readonly string[];
}

export class DrillError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'DrillError';
    }
}

export const isDrillKey = (key: string): key is DrillKey => Object.prototype.hasOwnProperty.call(DRILL_COUNTS, key);

/** Every drill-down of the dashboard, derived from its generated queries. */
export function drillDowns(def: SqlDefinition = SQL_DEFINITION): DrillDown[] {
    const specs = new Map(dashboardQueries(def).map((q) => [q.name, q]));
    return (Object.keys(DRILL_COUNTS) as DrillKey[]).map((key) => {
        const { query, alias } = DRILL_COUNTS[key];
        const spec = specs.get(query);
        if (!spec) throw new DrillError(`Drill-down ${key} reads the dashboard query ${query}, which no longer exists.`);
        const counted = spec.select.find((c) => c.alias === alias && c.aggregate === 'COUNT');
        if (!counted) throw new DrillError(`Drill-down ${key}: the query ${query} counts no column ${alias}.`);
        // COUNT(field) counts the rows whose field is set; COUNT(Id) counts every row.
        const where = counted.field === 'Id' ? spec.where : [...spec.where, `${counted.field} != NULL`];
        return { key, query: spec, counted, object: spec.object, where };
    });
}

export function drillDownOf(key: string, def: SqlDefinition = SQL_DEFINITION): DrillDown {
    if (!isDrillKey(key)) throw new DrillError(`There is no count "${key}" on the dashboard. Open the number again from the dashboard.`);
    return drillDowns(def).find((d) => d.key === key)!;
}

/** The field a cut filters, on the drill-down's object. */
export function dimensionField(drill: DrillDown, dimension: Dimension, def: SqlDefinition = SQL_DEFINITION): string {
    const lead = drill.object === 'Lead' ? '' : 'Lead.';
    if (dimension === 'source') return `${lead}LeadSource`;
    if (dimension === 'reason') return `${lead}Rejection_Reason__c`;
    if (dimension === 'campaign') {
        if (drill.object !== 'CampaignMember') throw new DrillError(`The count ${drill.key} is not counted per campaign.`);
        return 'CampaignId';
    }
    const segment = def.segments.find((s) => `segment:${s.key}` === dimension);
    if (!segment) throw new DrillError(`There is no segment "${dimension.slice('segment:'.length)}" in the SQL definition.`);
    return `${lead}${segment.field}`;
}

const ownerField = (drill: DrillDown): string => drill.query.teamField ?? (drill.object === 'Lead' ? 'OwnerId' : 'Lead.OwnerId');

/* ------------------------------------------------------------------ the preview's lead list */

export interface DrillQuery {
    /** SELECT of the lead Ids behind the number (`Id` of Lead, `LeadId` of CampaignMember). */
    soql: string;
    /** Bind values; `ownerIds` (the team's reps) is for the caller to set, as the dashboard's controller sets it. */
    binds: Record<string, unknown>;
    /** The selected field holding the lead's Id. */
    leadIdField: 'Id' | 'LeadId';
    /** True when the query needs `ownerIds` bound to the team's reps. */
    needsTeam: boolean;
}

const midnight = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** How a cut's value narrows the leads: one value, the blank group, a segment's unknown (blank too) or other (any unlisted). */
export type DrillCutKind = 'value' | 'blank' | 'unknown' | 'other';

/** The kind of a cut's value (c/funnelMetrics segmentValueOf counts a segment's unknown and other values so). */
export function drillCutKind(cut: DrillScope['cuts'][number], def: SqlDefinition = SQL_DEFINITION): DrillCutKind {
    const segment = def.segments.find((s) => `segment:${s.key}` === cut.dimension);
    if (segment && cut.value === segment.unknown) return 'unknown';
    if (segment && cut.value === segment.other) return 'other';
    return cut.value === null ? 'blank' : 'value';
}

/** The kinds a dimension's cut can take: a segment's values are never blank, other dimensions have no unknown/other. */
export function drillCutKinds(dimension: Dimension): DrillCutKind[] {
    return dimension.startsWith('segment:') ? ['value', 'unknown', 'other'] : ['value', 'blank'];
}

/** The bind of the i-th cut's value. */
export const drillCutBind = (i: number): string => `drillCut${i}`;

/** The SOQL condition of a cut of a kind on a drill-down, its value bound to `:<bind>` (none for a blank). */
export function drillCutCondition(
    drill: DrillDown,
    dimension: Dimension,
    kind: DrillCutKind,
    bind: string,
    def: SqlDefinition = SQL_DEFINITION
): string {
    const field = dimensionField(drill, dimension, def);
    if (kind === 'unknown') return `(${field} = NULL OR ${field} = :${bind})`;
    if (kind === 'other') return `${field} != NULL AND ${field} NOT IN :${bind}`;
    if (kind === 'blank') return `${field} = NULL`;
    return `${field} = :${bind}`;
}

/** The value a cut binds (none for a blank; a segment's listed values for its other group). */
export function drillCutValue(cut: DrillScope['cuts'][number], def: SqlDefinition = SQL_DEFINITION): unknown {
    const kind = drillCutKind(cut, def);
    if (kind === 'blank') return undefined;
    if (kind === 'other') {
        const segment = def.segments.find((s) => `segment:${s.key}` === cut.dimension)!;
        return segmentValues(segment).filter((v) => v !== segment.other);
    }
    return cut.value;
}

/** The dimensions a drill-down can be cut by (campaign only for campaign members). */
export function drillDimensions(drill: DrillDown, def: SqlDefinition = SQL_DEFINITION): Dimension[] {
    return [
        'source',
        'reason',
        ...(drill.object === 'CampaignMember' ? (['campaign'] as const) : []),
        ...def.segments.map((s): Dimension => `segment:${s.key}`)
    ];
}

/** The conditions of a drill-down before its cuts: its own, the team, the rep. */
export function drillBaseConditions(drill: DrillDown, team: boolean, rep: boolean): string[] {
    return [...drill.where, ...(team ? [`${ownerField(drill)} IN :ownerIds`] : []), ...(rep ? [`${ownerField(drill)} = :drillOwner`] : [])];
}

/** The query of the leads behind a number in a scope (the lead Ids; the list's columns are drillListQuery's). */
export function drillQuery(drill: DrillDown, scope: DrillScope, def: SqlDefinition = SQL_DEFINITION): DrillQuery {
    const where = drillBaseConditions(drill, scope.team !== null, scope.rep !== null);
    const binds: Record<string, unknown> = { startAt: midnight(scope.window.start), endAt: midnight(scope.window.end) };
    if (scope.rep) binds.drillOwner = scope.rep.id;
    scope.cuts.forEach((cut, i) => {
        const kind = drillCutKind(cut, def);
        where.push(drillCutCondition(drill, cut.dimension, kind, drillCutBind(i), def));
        if (kind !== 'blank') binds[drillCutBind(i)] = drillCutValue(cut, def);
    });
    const leadIdField = drill.object === 'Lead' ? 'Id' : 'LeadId';
    return {
        soql: `SELECT ${leadIdField} FROM ${drill.object} WHERE ${where.join(' AND ')}`,
        binds,
        leadIdField,
        needsTeam: scope.team !== null
    };
}

/* ------------------------------------------------------------------ the lead list (org and preview) */

/** The most leads one list shows; the list says so when a number has more. */
export const DRILL_LIST_LIMIT = 2000;
/** The bind of the list's LIMIT (one more than it shows, so the list knows it was cut). */
export const DRILL_LIST_LIMIT_BIND = 'listLimit';

/** The Lead fields a list row shows, as the drill-down's object reaches them (CampaignMember: Lead.<field>). */
export const DRILL_LIST_FIELDS = ['Id', 'Name', 'Company', 'Status', 'OwnerId', 'Owner.Name', 'MQL_At__c', 'SQL_At__c'] as const;

/** The select list of a drill-down's lead list, in DRILL_LIST_FIELDS' order. */
export function drillListColumns(drill: DrillDown): string[] {
    return DRILL_LIST_FIELDS.map((f) => (drill.object === 'Lead' ? f : f === 'Id' ? 'LeadId' : `Lead.${f}`));
}

/** SELECT and FROM and the base conditions of a list: the generated text the controller starts from. */
export function drillListHead(drill: DrillDown, team: boolean, rep: boolean): string {
    return `SELECT ${drillListColumns(drill).join(', ')} FROM ${drill.object} WHERE ${drillBaseConditions(drill, team, rep).join(' AND ')}`;
}

/** The order and limit of a list: newest MQL first, then by name. */
export function drillListTail(drill: DrillDown): string {
    const lead = drill.object === 'Lead' ? '' : 'Lead.';
    return ` ORDER BY ${lead}MQL_At__c DESC, ${lead}Name LIMIT :${DRILL_LIST_LIMIT_BIND}`;
}

/** The full list query of a scope: head, one condition per cut (drillCut<i>), tail. */
export function drillListQuery(drill: DrillDown, scope: DrillScope, def: SqlDefinition = SQL_DEFINITION): string {
    const cuts = scope.cuts.map(
        (cut, i) => ` AND ${drillCutCondition(drill, cut.dimension, drillCutKind(cut, def), drillCutBind(i), def)}`
    );
    return `${drillListHead(drill, scope.team !== null, scope.rep !== null)}${cuts.join('')}${drillListTail(drill)}`;
}

/* ------------------------------------------------------------------ the org's reports */

/** A filter of a report as its metadata writes it; `slot` marks the filters the link fills (fv<index>). */
export interface ReportCriterion {
    column: string;
    operator: 'equals' | 'notEqual' | 'lessThan' | 'greaterThan' | 'lessOrEqual' | 'greaterOrEqual';
    value: string;
    slot?: 'windowStart' | 'windowEnd' | 'owner' | Dimension;
}

export interface DrillReport {
    /** Report developer name (folder LeadGate). */
    name: string;
    key: DrillKey;
    /** The cuts the report's unlocked filters take, after the window (and the owner). */
    perRep: boolean;
    dimension: Dimension | null;
    criteria: ReportCriterion[];
}

/** Why a number has no report, in words an admin can act on. */
export type Unreportable = { reason: string };

const OPERATORS: Record<string, ReportCriterion['operator']> = {
    '=': 'equals',
    '!=': 'notEqual',
    '<': 'lessThan',
    '>': 'greaterThan',
    '<=': 'lessOrEqual',
    '>=': 'greaterOrEqual'
};

/** LeadList report columns of the Lead fields the drill-downs filter by (report column names, not API names). */
const STANDARD_REPORT_COLUMNS: Readonly<Record<string, string>> = { OwnerId: 'OWNER', LeadSource: 'LEAD_SOURCE' };

/** The LeadList report column of a Lead field, or null when a LeadList report has no such column. */
export function reportColumn(field: string): string | null {
    const bare = field.startsWith('Lead.') ? field.slice('Lead.'.length) : field;
    if (/^\w+__c$/.test(bare)) return `Lead.${bare}`;
    return STANDARD_REPORT_COLUMNS[bare] ?? null;
}

/** One SOQL condition of a drill-down as a report filter, or why it cannot be one. */
function criterionOf(condition: string): ReportCriterion | Unreportable {
    const m = /^([\w.]+) (>=|<=|!=|=|<|>) (.+)$/.exec(condition);
    if (!m) return { reason: `the condition ${condition} has no report filter (a LeadList report filter compares one column)` };
    const [, field, op, raw] = m as unknown as [string, string, string, string];
    const column = reportColumn(field);
    if (!column) return { reason: `a LeadList report has no column for ${field}` };
    const operator = OPERATORS[op]!;
    // Opened without filter values, a report shows the last 90 days.
    if (raw === ':startAt') return { column, operator, value: 'LAST_N_DAYS:90', slot: 'windowStart' };
    if (raw === ':endAt') return { column, operator, value: 'TOMORROW', slot: 'windowEnd' };
    if (raw === 'NULL') return { column, operator, value: '' };
    if (raw === 'TRUE' || raw === 'FALSE') return { column, operator, value: raw === 'TRUE' ? '1' : '0' };
    if (/^-?\d+(\.\d+)?$/.test(raw)) return { column, operator, value: raw };
    if (/^'[^'\\]*'$/.test(raw)) return { column, operator, value: raw.slice(1, -1) };
    return { reason: `the value ${raw} has no report filter value` };
}

/** The report name of a drill-down and its cuts: LeadGate_Drill_<Key>[_Rep][_By_<Dimension>]. */
export function drillReportName(key: DrillKey, perRep: boolean, dimension: Dimension | null): string {
    const word = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
    const by = dimension ? `_By_${dimension.split(':').map(word).join('_')}` : '';
    return `LeadGate_Drill_${word(key)}${perRep ? '_Rep' : ''}${by}`;
}

/**
 * The report of a drill-down for a rep (or every rep) and an optional cut: the window filters first (fv0, fv1), then
 * the owner (fv2) and the cut, then the number's own conditions, locked. Null with the reason when a LeadList report
 * filter cannot express one of the conditions.
 */
export function drillReport(
    drill: DrillDown,
    perRep: boolean,
    dimension: Dimension | null,
    def: SqlDefinition = SQL_DEFINITION
): DrillReport | Unreportable {
    if (drill.object !== 'Lead') return { reason: 'campaign members are not Lead report rows: a LeadList report has no campaign filter' };
    const fixed: ReportCriterion[] = [];
    const window: ReportCriterion[] = [];
    for (const condition of drill.where) {
        const c = criterionOf(condition);
        if ('reason' in c) return c;
        (c.slot ? window : fixed).push(c);
    }
    const cuts: ReportCriterion[] = [];
    if (perRep) cuts.push({ column: 'OWNER', operator: 'equals', value: '', slot: 'owner' });
    if (dimension) {
        const column = reportColumn(dimensionField(drill, dimension, def));
        if (!column) return { reason: `a LeadList report has no column for ${dimension}` };
        cuts.push({ column, operator: 'equals', value: '', slot: dimension });
    }
    return {
        name: drillReportName(drill.key, perRep, dimension),
        key: drill.key,
        perRep,
        dimension,
        criteria: [...window, ...cuts, ...fixed]
    };
}

/**
 * The cuts the dashboard links reports for: every rep (or a team, by its reps' names) and one rep. Cuts by source,
 * segment or campaign open the lead list (docs/DECISIONS.md, "Drill-down from every number").
 */
export const REPORT_CUTS: ReadonlyArray<{ perRep: boolean; dimension: Dimension | null }> = [
    { perRep: false, dimension: null },
    { perRep: true, dimension: null }
];

/** Every report the drill-downs open in the org (what `npm run generate` writes to reports/LeadGate). */
export function drillReports(def: SqlDefinition = SQL_DEFINITION): DrillReport[] {
    return drillDowns(def).flatMap((drill) =>
        REPORT_CUTS.map((cut) => drillReport(drill, cut.perRep, cut.dimension, def)).filter((r): r is DrillReport => !('reason' in r))
    );
}

/* ------------------------------------------------------------------ words */

/** The Custom Labels of the drill-down's words (c/drillWords imports them for the dashboard and the lead list). */
export const DRILL_LABELS = {
    nouns: {
        mqls: 'LG_Drill_Noun_Mqls',
        accepted: 'LG_Drill_Noun_Accepted',
        rejected: 'LG_Drill_Noun_Rejected',
        sqls: 'LG_Drill_Noun_Sqls',
        opportunities: 'LG_Drill_Noun_Opportunities',
        won: 'LG_Drill_Noun_Won',
        bypassSqls: 'LG_Drill_Noun_BypassSqls',
        thinEvidenceSqls: 'LG_Drill_Noun_ThinEvidenceSqls',
        fitEditedSqls: 'LG_Drill_Noun_FitEditedSqls',
        alerted: 'LG_Drill_Noun_Alerted',
        alertedInSla: 'LG_Drill_Noun_AlertedInSla',
        actionedInSla: 'LG_Drill_Noun_ActionedInSla',
        campaignMembers: 'LG_Drill_Noun_CampaignMembers',
        campaignMqls: 'LG_Drill_Noun_CampaignMqls',
        campaignSqls: 'LG_Drill_Noun_CampaignSqls',
        campaignRejected: 'LG_Drill_Noun_CampaignRejected'
    },
    link: 'LG_Drill_Link',
    linkOf: 'LG_Drill_Link_Of',
    filter: 'LG_Drill_Filter',
    filterOwner: 'LG_Drill_Filter_Owner',
    filterTeam: 'LG_Drill_Filter_Team',
    filterCut: 'LG_Drill_Filter_Cut',
    blank: 'LG_Drill_Blank',
    cutSource: 'LG_Drill_Cut_Source',
    cutReason: 'LG_Drill_Cut_Reason',
    cutCampaign: 'LG_Drill_Cut_Campaign',
    count: 'LG_Drill_Count',
    error: 'LG_Drill_Error'
} as const satisfies { nouns: Record<DrillKey, string> } & Record<string, unknown>;

type WordKey = Exclude<keyof typeof DRILL_LABELS, 'nouns'>;
/** The drill-down's words: each label's text (the user's language). */
export type DrillWords = { nouns: Record<DrillKey, string> } & Record<WordKey, string>;

/** The name of a cut and its value in words (`lead source Web`, `Company size Small (under 200)`). */
function cutWords(
    cut: DrillScope['cuts'][number],
    words: DrillWords,
    def: SqlDefinition,
    valueName: (cut: DrillScope['cuts'][number]) => string
): string {
    const name =
        cut.dimension === 'source'
            ? words.cutSource
            : cut.dimension === 'reason'
              ? words.cutReason
              : cut.dimension === 'campaign'
                ? words.cutCampaign
                : (def.segments.find((s) => `segment:${s.key}` === cut.dimension)?.label ?? cut.dimension);
    return formatLabel(words.filterCut, name, cut.value === null ? words.blank : valueName(cut));
}

/** The accessible name of a count's link: "View the 12 SQLs of Ana Ruiz". */
export function drillLinkName(
    key: DrillKey,
    count: string,
    scope: Pick<DrillScope, 'rep' | 'cuts'>,
    words: DrillWords,
    def: SqlDefinition = SQL_DEFINITION,
    valueName: (cut: DrillScope['cuts'][number]) => string = (cut) => cut.value ?? ''
): string {
    const whose = [...(scope.rep ? [scope.rep.name] : []), ...scope.cuts.map((c) => cutWords(c, words, def, valueName))];
    return whose.length
        ? formatLabel(words.linkOf, count, words.nouns[key], whose.join(', '))
        : formatLabel(words.link, count, words.nouns[key]);
}

/** What a lead list shows: "SQLs from 2026-09-01 to 2026-11-30, owner Ana Ruiz" (the window's last day, not its end). */
export function drillFilterWords(
    key: DrillKey,
    scope: DrillScope,
    words: DrillWords,
    names: { manager?: string; valueName?: (cut: DrillScope['cuts'][number]) => string } = {},
    def: SqlDefinition = SQL_DEFINITION
): string {
    const last = new Date(Date.parse(`${scope.window.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const parts = [formatLabel(words.filter, words.nouns[key], scope.window.start, last)];
    if (scope.team && !scope.rep) parts.push(formatLabel(words.filterTeam, names.manager ?? scope.team.managerId));
    if (scope.rep) parts.push(formatLabel(words.filterOwner, scope.rep.name));
    for (const cut of scope.cuts) parts.push(cutWords(cut, words, def, names.valueName ?? ((c) => c.value ?? '')));
    return parts.join(', ');
}

/* ------------------------------------------------------------------ the link */

/** The filter values of a report link for a scope (fvN is the N-th filter's value), or the reason the report cannot take the scope. */
export function reportFilterValues(report: DrillReport, scope: DrillScope): string[] | Unreportable {
    const owners = scope.rep ? [scope.rep.name] : scope.team ? [...scope.team.repNames] : null;
    if (owners && !report.perRep) return { reason: 'the report lists every rep' };
    if (!owners && report.perRep) return { reason: 'the report lists one rep' };
    // A report filter value with commas matches any of the values: a team is its reps' names.
    if (owners?.some((n) => n.includes(','))) return { reason: 'a rep name holds a comma, which a report filter value reads as two names' };
    const cut = scope.cuts.find((c) => c.dimension === report.dimension);
    if (scope.cuts.length > (report.dimension ? 1 : 0) || (report.dimension && !cut))
        return { reason: 'the report does not take these cuts' };
    if (cut && cut.value === null) return { reason: 'a report link cannot ask for a blank value' };
    return report.criteria
        .filter((c) => c.slot)
        .map((c) => {
            if (c.slot === 'windowStart') return scope.window.start;
            if (c.slot === 'windowEnd') return scope.window.end;
            if (c.slot === 'owner') return owners!.join(',');
            return cut!.value!;
        });
}

/** The report of a drill-down that takes this scope, or why none does. */
export function reportFor(drill: DrillDown, scope: DrillScope, def: SqlDefinition = SQL_DEFINITION): DrillReport | Unreportable {
    const perRep = scope.rep !== null || scope.team !== null;
    const dimension = scope.cuts.length === 1 ? scope.cuts[0]!.dimension : null;
    if (scope.cuts.length > 1) return { reason: 'a report takes one cut at a time' };
    if (!REPORT_CUTS.some((c) => c.perRep === perRep && c.dimension === dimension))
        return { reason: 'no report is cut this way: the lead list shows these leads' };
    return drillReport(drill, perRep, dimension, def);
}

/** The lead list component's name in an address: the org and the preview both open it by its URL (lightning__UrlAddressable). */
export const DRILL_LIST_COMPONENT = 'c__drillLeadList';

/**
 * The lead list's address for a number: `/lightning/cmp/c__drillLeadList?c__drill=<key>&c__start=&c__end=[&c__team=]
 * [&c__owner=][&c__cut0=<dimension>=<value>][&c__cut1=...]` (state keys of a URL-addressable component need the c__ prefix).
 */
export function drillListUrl(key: DrillKey, scope: DrillScope): string {
    const params = new URLSearchParams({ c__drill: key, c__start: scope.window.start, c__end: scope.window.end });
    if (scope.team) params.set('c__team', scope.team.managerId);
    // The team's name, for the list's words only (the query reads the Id); a rep's list names the rep instead.
    if (scope.team?.name && !scope.rep) params.set('c__teamName', scope.team.name);
    if (scope.rep) params.set('c__owner', scope.rep.id);
    scope.cuts.forEach((cut, i) => params.set(`c__cut${i}`, `${cut.dimension}=${cut.value ?? ''}`));
    return `/lightning/cmp/${DRILL_LIST_COMPONENT}?${params.toString()}`;
}

/**
 * The one link a number opens: the report in the org when its Id is known (reportIds by report name, from
 * LeadGateDashboardController.getDrillDownReports) and it takes the scope; the lead list otherwise.
 */
export function drillTarget(
    key: DrillKey,
    scope: DrillScope,
    reportIds: Readonly<Record<string, string>>,
    def: SqlDefinition = SQL_DEFINITION
): string {
    const report = reportFor(drillDownOf(key, def), scope, def);
    const id = 'reason' in report ? undefined : reportIds[report.name];
    if (id && !('reason' in report)) {
        const values = reportFilterValues(report, scope);
        if (!('reason' in values)) {
            const fv = values.map((v, i) => `fv${i}=${encodeURIComponent(v)}`).join('&');
            return `/lightning/r/Report/${encodeURIComponent(id)}/view?${fv}`;
        }
    }
    return drillListUrl(key, scope);
}

/** What a lead list address asks for (LeadGateDrillDownController.getLeads' parameters); a DrillError names what is wrong. */
export interface DrillRequest {
    key: DrillKey;
    window: DrillScope['window'];
    teamManagerId: string | null;
    /** The team's name for the list's words (c__teamName), or null. */
    teamName: string | null;
    ownerId: string | null;
    cuts: DrillScope['cuts'];
}

/** LeadGateDrillDownController.getLeads' parameters for a request (the component wires them; tests call the handler). */
export interface DrillLeadsParams {
    drill: DrillKey;
    windowStart: string;
    windowEnd: string;
    teamManagerId: string | null;
    ownerId: string | null;
    cutDimensions: Dimension[];
    cutValues: Array<string | null>;
}

export function drillLeadsParams(request: Omit<DrillRequest, 'teamName'>): DrillLeadsParams {
    return {
        drill: request.key,
        windowStart: request.window.start,
        windowEnd: request.window.end,
        teamManagerId: request.teamManagerId,
        ownerId: request.ownerId,
        cutDimensions: request.cuts.map((c) => c.dimension),
        cutValues: request.cuts.map((c) => c.value)
    };
}

/** The request of a lead list address's state (CurrentPageReference.state: c__drill, c__start ...). */
export function drillRequestOf(state: Readonly<Record<string, unknown>>, def: SqlDefinition = SQL_DEFINITION): DrillRequest {
    const get = (name: string): string => (typeof state[`c__${name}`] === 'string' ? (state[`c__${name}`] as string) : '');
    const drill = drillDownOf(get('drill'), def);
    const day = (name: string): string => {
        const value = get(name);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
            throw new DrillError(
                `The list needs the window's ${name} day as YYYY-MM-DD (got "${value}"). Open the number again from the dashboard.`
            );
        return value;
    };
    const start = day('start');
    const end = day('end');
    if (start >= end)
        throw new DrillError(`The window ends (${end}) before it starts (${start}). Open the number again from the dashboard.`);
    const cuts: Array<DrillScope['cuts'][number]> = [];
    for (let i = 0; get(`cut${i}`) !== ''; i++) {
        const raw = get(`cut${i}`);
        const at = raw.indexOf('=');
        const dimension = (at < 0 ? raw : raw.slice(0, at)) as Dimension;
        dimensionField(drill, dimension, def);
        const value = at < 0 ? '' : raw.slice(at + 1);
        cuts.push({ dimension, value: value === '' ? null : value });
    }
    return {
        key: drill.key,
        window: { start, end },
        cuts,
        teamManagerId: get('team') || null,
        teamName: get('teamName') || null,
        ownerId: get('owner') || null
    };
}

/* ------------------------------------------------------------------ the list's rows */

/** One lead of a list, read from the controller's raw rows. */
export interface DrillLead {
    id: string;
    name: string;
    company: string;
    status: string;
    ownerId: string;
    ownerName: string;
    mqlAt: string | null;
    sqlAt: string | null;
}

/** A field of a raw row by its select path (`Lead.Owner.Name` reads row.Lead.Owner.Name, as an SObject serializes). */
function pathValue(row: unknown, path: string): unknown {
    return path
        .split('.')
        .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), row);
}

/** The leads of the controller's rows, each once (a lead in two campaigns is two CampaignMember rows), in their order. */
export function drillLeadsOf(drill: DrillDown, rows: readonly unknown[]): DrillLead[] {
    const columns = drillListColumns(drill);
    const seen = new Set<string>();
    const leads: DrillLead[] = [];
    for (const row of rows) {
        const v = Object.fromEntries(DRILL_LIST_FIELDS.map((f, i) => [f, pathValue(row, columns[i]!)]));
        const text = (x: unknown): string => (x === null || x === undefined ? '' : String(x));
        const id = text(v.Id);
        if (id === '' || seen.has(id)) continue;
        seen.add(id);
        leads.push({
            id,
            name: text(v.Name),
            company: text(v.Company),
            status: text(v.Status),
            ownerId: text(v.OwnerId),
            ownerName: text(v['Owner.Name']),
            mqlAt: v.MQL_At__c ? text(v.MQL_At__c) : null,
            sqlAt: v.SQL_At__c ? text(v.SQL_At__c) : null
        });
    }
    return leads;
}
