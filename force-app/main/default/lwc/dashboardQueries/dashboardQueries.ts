/**
 * The coaching dashboard's queries as data, and how their rows become the dashboard's figures.
 *
 * One table (`dashboardQueries(def)`) holds every SOQL query the dashboard's server side runs: the select list with
 * its aliases, the filters, the grouping, the binds and the limit. `npm run generate` prints each query's text and
 * alias list into the Apex class LeadGateDashboardQueries, which the controller and the snapshot batch run as they
 * are (WITH USER_MODE, bind variables) and return unread: raw rows keyed by the generated aliases. The local
 * preview and the bench run the very same strings through a SOQL evaluator. `funnelDataOf` below is the only code
 * that reads a row by alias, and it refuses an alias the query does not select, in the platform's words.
 *
 * Values that come from the SQL definition (speed buckets, the thin-evidence length, each framework's evidence
 * fields) are written into the query text here, so no server code copies them.
 */
import {
    EVIDENCE_REVIEW_FIELDS,
    EVIDENCE_REVIEW_OBJECT,
    FIELDS,
    REVIEW_OUTCOMES,
    SQL_DEFINITION,
    evidenceField,
    type Segment,
    type SqlDefinition
} from 'c/sqlDefinition';
import {
    segmentValues,
    thinEvidenceChars,
    type CampaignFunnelRow,
    type CampaignRejectionRow,
    type CampaignRow,
    type ComplianceRow,
    type DashboardFilter,
    type FunnelData,
    type FunnelRow,
    type AlertSpeedRow,
    type OwnerRow,
    type SegmentRow,
    type SegmentWonRow,
    type SpeedRow,
    type TeamOption
} from 'c/funnelMetrics';
import type { TrendRow } from 'c/funnelTrends';

export type { DashboardFilter };

/* ------------------------------------------------------------------ the table */

/** One column of a select list: a grouped field, or an aggregate of a field. */
export interface Column {
    alias: string;
    /** Field path from the query's object (`OwnerId`, `Campaign.Name`, `Lead.Rejection_Reason__c`). */
    field: string;
    /** COUNT_DISTINCT counts each record once however many rows of the grouped object point at it. */
    aggregate?: 'COUNT' | 'COUNT_DISTINCT' | 'SUM';
    /** LeadGate_Funnel_Snapshot__c field that stores this column for the nightly snapshot (live queries only). */
    snapshotField?: string;
}

/** live/snapshot: the window's figures; trend/trendSnapshot: the chain by day (or stored month) over four quarters. */
export type QueryPath = 'live' | 'snapshot' | 'lookup' | 'trend' | 'trendSnapshot';

export interface QuerySpec {
    /** The Apex constant name (upper snake case); live queries also use it as the snapshot rows' Kind__c. */
    name: string;
    /** What the query answers, in a sales team's words (printed above the Apex constant). */
    purpose: string;
    path: QueryPath;
    /** 'aggregate': grouped rows; 'count': COUNT() for Database.countQueryWithBinds; 'records': plain rows. */
    kind: 'aggregate' | 'count' | 'records';
    object: string;
    select: readonly Column[];
    /** Conditions joined with AND. */
    where: readonly string[];
    /** Field filtered with `IN :ownerIds` in the query's team variant (`<NAME>_TEAM`). */
    teamField?: string;
    orderBy?: string;
    /** A number, or `cap` for the bind `LIMIT :cap`. */
    limit?: number | 'cap';
    /** The count query whose rows bound this live query's query rows (the controller's guard). */
    boundedBy?: 'MQL_COUNT' | 'MEMBER_COUNT' | 'REVIEW_COUNT';
    /** Live queries of one partition read disjoint rows of the cohort: the guard counts the partition once. */
    partition?: string;
    /** Speed buckets: the bucket's upper bound in minutes. */
    speedMaxMinutes?: number;
}

/** The window and team filters every live query shares. */
const WINDOW = ['MQL_At__c >= :startAt', 'MQL_At__c < :endAt'];
const MEMBER_WINDOW = ['LeadId != NULL', 'Lead.MQL_At__c >= :startAt', 'Lead.MQL_At__c < :endAt'];
/** The reviewed lead of an evidence review (`Lead__r`), and the window's SQLs it reviews. */
const REVIEWED_LEAD = EVIDENCE_REVIEW_FIELDS.lead.replace(/__c$/, '__r');
const REVIEW_WINDOW = [
    `${REVIEWED_LEAD}.MQL_At__c >= :startAt`,
    `${REVIEWED_LEAD}.MQL_At__c < :endAt`,
    `${REVIEWED_LEAD}.SQL_At__c != NULL`
];
const REVIEW_OWNER = `${REVIEWED_LEAD}.OwnerId`;
const SNAPSHOT_OBJECT = 'LeadGate_Funnel_Snapshot__c';
const SNAPSHOT_MONTHS = ['Run_Id__c = :runId', 'Month__c >= :fromMonth', 'Month__c < :toMonth'];
/** Kind__c of the row a finished snapshot run writes last. */
export const SNAPSHOT_RUN_KIND = 'Run';

/** The funnel's groups: one rep, one lead source, one rejection reason. */
const FUNNEL_GROUPS: Column[] = [
    { alias: 'ownerKey', field: 'OwnerId', snapshotField: 'Owner_Id__c' },
    { alias: 'sourceKey', field: 'LeadSource', snapshotField: 'Lead_Source__c' },
    { alias: 'reasonKey', field: 'Rejection_Reason__c', snapshotField: 'Rejection_Reason__c' }
];
const OWNER_GROUP: Column = { alias: 'ownerKey', field: 'OwnerId', snapshotField: 'Owner_Id__c' };
/** The chain's counts over a Lead query's rows (the FUNNEL query's aliases and snapshot fields). */
const CHAIN_COUNTS: Column[] = [
    { alias: 'mqls', field: 'Id', aggregate: 'COUNT', snapshotField: 'MQLs__c' },
    { alias: 'accepted', field: 'Accepted_At__c', aggregate: 'COUNT', snapshotField: 'Accepted__c' },
    { alias: 'rejected', field: 'Rejected_At__c', aggregate: 'COUNT', snapshotField: 'Rejected__c' },
    { alias: 'sqls', field: 'SQL_At__c', aggregate: 'COUNT', snapshotField: 'SQLs__c' },
    { alias: 'opportunities', field: 'ConvertedOpportunityId', aggregate: 'COUNT', snapshotField: 'Opportunities__c' }
];
/** The query of one segment's chain (`SEGMENT_SIZE`); its won twin adds `_WON` (Kind__c holds 20 characters: short keys). */
export const segmentQueryName = (segment: Pick<Segment, 'key'>): string =>
    `SEGMENT_${segment.key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

/** `'text'` as a SOQL string literal. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/* ------------------------------------------------------------------ the filter */

/** One field the dashboard can be filtered by, and how each kind of query narrows to it. */
export interface FilterSpec {
    field: string;
    kind: 'segment' | 'source' | 'campaign';
    /** Added to a query's Apex constant name for its filtered variant (`FUNNEL_TEAM_BY_SOURCE`). */
    suffix: string;
    /** The condition on a Lead query. */
    lead: string;
    /** The condition on a CampaignMember query. */
    member: string;
    /** The condition on an evidence review query (the reviewed lead's field, through Lead__r). */
    review: string;
    /** The snapshot field that stores it, when a stored row's group carries it. */
    snapshotField: string;
    /** The values it takes, when the definition lists them (segments); empty: any value the pattern allows. */
    values: readonly string[];
    /** The pattern every value matches (Java's Pattern.matches: the whole value). */
    pattern: string;
}

/** The bind of the filter's value in every filtered query. */
export const FILTER_BIND = 'filterValue';
/** A Campaign Id (key prefix 701), 15 or 18 characters. */
const CAMPAIGN_ID_PATTERN = '701[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?';
/** Any text a Text(255) or picklist holds, on one line. */
export const TEXT_VALUE_PATTERN = '[^\\r\\n]{1,255}';

/** The generated allow-list of filter fields: each segment's stamped field, the lead source, the campaign. */
export function dashboardFilters(def: SqlDefinition = SQL_DEFINITION): FilterSpec[] {
    const bind = `:${FILTER_BIND}`;
    return [
        ...def.segments.map((segment): FilterSpec => ({
            field: segment.field,
            kind: 'segment',
            suffix: `BY_${segmentQueryName(segment).slice('SEGMENT_'.length)}`,
            lead: `${segment.field} = ${bind}`,
            member: `Lead.${segment.field} = ${bind}`,
            review: `Lead__r.${segment.field} = ${bind}`,
            snapshotField: segment.field,
            values: segmentValues(segment),
            pattern: TEXT_VALUE_PATTERN
        })),
        {
            field: 'LeadSource',
            kind: 'source',
            suffix: 'BY_SOURCE',
            lead: `LeadSource = ${bind}`,
            member: `Lead.LeadSource = ${bind}`,
            review: `Lead__r.LeadSource = ${bind}`,
            snapshotField: 'Lead_Source__c',
            values: [],
            pattern: TEXT_VALUE_PATTERN
        },
        {
            field: 'CampaignId',
            kind: 'campaign',
            suffix: 'BY_CAMPAIGN',
            lead: `Id IN (SELECT LeadId FROM CampaignMember WHERE CampaignId = ${bind})`,
            member: `CampaignId = ${bind}`,
            review: `Lead__c IN (SELECT LeadId FROM CampaignMember WHERE CampaignId = ${bind})`,
            snapshotField: 'Campaign_Id__c',
            values: [],
            pattern: CAMPAIGN_ID_PATTERN
        }
    ];
}

/** Why a filter is refused (the controller's two refusals), or null when the server can run it. */
export function filterProblem(filter: DashboardFilter | null, def: SqlDefinition = SQL_DEFINITION): 'field' | 'value' | null {
    if (!filter || filter.field === '') return null;
    const spec = dashboardFilters(def).find((f) => f.field === filter.field);
    if (!spec) return 'field';
    const value = filter.value ?? '';
    if (!new RegExp(`^(?:${spec.pattern})$`).test(value) || value.trim() === '') return 'value';
    return spec.values.length && !spec.values.includes(value) ? 'value' : null;
}

/** SQLs with a criterion of their framework whose evidence is blank or shorter than `chars` (LIKE counts every character). */
function thinEvidenceFilter(def: SqlDefinition, chars: number): string {
    const atLeast = soqlString(`${'_'.repeat(chars)}%`);
    const frameworks = def.frameworks.map((f) => {
        const fields = f.criteria.map(evidenceField).map((field) => `${field} = NULL OR (NOT ${field} LIKE ${atLeast})`);
        return `(Qualification_Framework__c = ${soqlString(f.key)} AND (${fields.join(' OR ')}))`;
    });
    return `(${frameworks.join(' OR ')})`;
}

/** The live queries over the window's MQL cohort (each also has a snapshot twin). */
function liveQueries(def: SqlDefinition): QuerySpec[] {
    const bounds = def.sla.buckets.map((b) => b.maxMinutes).filter((m): m is number => m !== null);
    const speed = bounds.map((max, i): QuerySpec => ({
        name: `SPEED_${max}`,
        purpose: `Per rep, MQLs first actioned ${i === 0 ? 'within' : `after ${bounds[i - 1]} and within`} ${max} minutes.`,
        path: 'live',
        kind: 'aggregate',
        object: 'Lead',
        select: [OWNER_GROUP, { alias: 'leads', field: 'Id', aggregate: 'COUNT', snapshotField: 'Leads__c' }],
        where: [...WINDOW, ...(i === 0 ? [] : [`Minutes_To_First_Action__c > ${bounds[i - 1]}`]), `Minutes_To_First_Action__c <= ${max}`],
        teamField: 'OwnerId',
        boundedBy: 'MQL_COUNT',
        partition: 'speed',
        speedMaxMinutes: max
    }));
    const lead = (spec: Omit<QuerySpec, 'path' | 'kind' | 'object' | 'teamField' | 'boundedBy'>): QuerySpec => ({
        path: 'live',
        kind: 'aggregate',
        object: 'Lead',
        teamField: 'OwnerId',
        boundedBy: 'MQL_COUNT',
        ...spec
    });
    const member = (spec: Omit<QuerySpec, 'path' | 'kind' | 'object' | 'teamField' | 'boundedBy'>): QuerySpec => ({
        path: 'live',
        kind: 'aggregate',
        object: 'CampaignMember',
        teamField: 'Lead.OwnerId',
        boundedBy: 'MEMBER_COUNT',
        ...spec
    });
    return [
        lead({
            name: 'FUNNEL',
            purpose: 'The window MQLs per rep, lead source and rejection reason, and how far they got.',
            select: [
                ...FUNNEL_GROUPS,
                ...CHAIN_COUNTS,
                { alias: 'actioned', field: 'First_Action_At__c', aggregate: 'COUNT', snapshotField: 'Actioned__c' }
            ],
            where: WINDOW
        }),
        lead({
            name: 'WON',
            purpose: 'The window MQLs converted to a Closed Won opportunity, in the funnel groups.',
            select: [...FUNNEL_GROUPS, { alias: 'won', field: 'Id', aggregate: 'COUNT', snapshotField: 'Won__c' }],
            where: [...WINDOW, 'ConvertedOpportunity.IsWon = TRUE']
        }),
        ...speed,
        ...alertSplitQueries(def).map(lead),
        lead({
            name: 'BYPASS',
            purpose: 'Per rep, SQLs whose qualification is not complete.',
            select: [OWNER_GROUP, { alias: 'bypassSqls', field: 'Id', aggregate: 'COUNT', snapshotField: 'Bypass_SQLs__c' }],
            where: [...WINDOW, 'SQL_At__c != NULL', 'Qualification_Complete__c = FALSE']
        }),
        lead({
            name: 'THIN_EVIDENCE',
            purpose: `Per rep, SQLs with a criterion whose evidence is under ${thinEvidenceChars(def)} characters.`,
            select: [OWNER_GROUP, { alias: 'thinEvidenceSqls', field: 'Id', aggregate: 'COUNT', snapshotField: 'Thin_Evidence_SQLs__c' }],
            where: [...WINDOW, 'SQL_At__c != NULL', thinEvidenceFilter(def, thinEvidenceChars(def))]
        }),
        lead({
            name: 'FIT_EDITED',
            purpose: `Per rep, SQLs whose owner changed a fit fact at most ${def.fitEdits.windowHours} hours before qualifying.`,
            select: [OWNER_GROUP, { alias: 'fitEditedSqls', field: 'Id', aggregate: 'COUNT', snapshotField: 'Fit_Edited_SQLs__c' }],
            where: [...WINDOW, `${FIELDS.fitEditedBeforeSql} = TRUE`]
        }),
        ...reviewQueries(),
        member({
            name: 'CAMPAIGNS',
            purpose: 'Campaign members among the window MQLs, per campaign.',
            select: [
                { alias: 'campaignKey', field: 'CampaignId', snapshotField: 'Campaign_Id__c' },
                { alias: 'campaignLabel', field: 'Campaign.Name', snapshotField: 'Campaign_Name__c' },
                { alias: 'members', field: 'Id', aggregate: 'COUNT', snapshotField: 'Leads__c' }
            ],
            where: MEMBER_WINDOW
        }),
        // One chain query and one won query per segment, grouped by the segment's value (and the rejection reason):
        // a few rows each whatever the org's size. Crossing segments with reps and sources multiplied the groups past
        // the 2,000-row aggregate limit and the snapshot past its cap (bench, issue 18).
        ...def.segments.flatMap((segment) => [
            lead({
                name: segmentQueryName(segment),
                purpose: `The window MQLs per ${segment.label.toLowerCase()} segment and rejection reason, and how far they got.`,
                select: [
                    { alias: 'segmentKey', field: segment.field, snapshotField: segment.field },
                    { alias: 'reasonKey', field: 'Rejection_Reason__c', snapshotField: 'Rejection_Reason__c' },
                    ...CHAIN_COUNTS,
                    { alias: 'actioned', field: 'First_Action_At__c', aggregate: 'COUNT', snapshotField: 'Actioned__c' }
                ],
                where: WINDOW
            }),
            lead({
                name: `${segmentQueryName(segment)}_WON`,
                purpose: `The window MQLs converted to a Closed Won opportunity, per ${segment.label.toLowerCase()} segment.`,
                select: [
                    { alias: 'segmentKey', field: segment.field, snapshotField: segment.field },
                    { alias: 'won', field: 'Id', aggregate: 'COUNT', snapshotField: 'Won__c' }
                ],
                where: [...WINDOW, 'ConvertedOpportunity.IsWon = TRUE']
            })
        ]),
        member({
            name: 'CAMPAIGN_FUNNEL',
            purpose: 'Campaign members among the window MQLs, per campaign, and how far they got.',
            select: [
                { alias: 'campaignKey', field: 'CampaignId', snapshotField: 'Campaign_Id__c' },
                // The chain's counts through the member's lead (COUNT(Id) counts the members).
                ...CHAIN_COUNTS.map((c) => (c.field === 'Id' ? c : { ...c, field: `Lead.${c.field}` }))
            ],
            where: MEMBER_WINDOW
        }),
        member({
            name: 'CAMPAIGN_REJECTIONS',
            purpose: 'Rejected campaign members among the window MQLs, per campaign and rejection reason.',
            select: [
                { alias: 'campaignKey', field: 'CampaignId', snapshotField: 'Campaign_Id__c' },
                { alias: 'reasonKey', field: 'Lead.Rejection_Reason__c', snapshotField: 'Rejection_Reason__c' },
                { alias: 'rejected', field: 'Id', aggregate: 'COUNT', snapshotField: 'Rejected__c' }
            ],
            where: [...MEMBER_WINDOW, 'Lead.Rejected_At__c != NULL']
        })
    ];
}

/**
 * The evidence reviews of the window's SQLs, per rep (the lead's owner). Every verdict is a row, so an SQL is counted
 * once per outcome (COUNT_DISTINCT of the lead): REVIEWED counts the SQLs with any verdict, REVIEW_OUTCOMES the SQLs
 * with at least one verdict of each outcome. Their rows are reviews, not MQLs: REVIEW_COUNT bounds them.
 */
function reviewQueries(): QuerySpec[] {
    const review = (spec: Pick<QuerySpec, 'name' | 'purpose' | 'select'>): QuerySpec => ({
        path: 'live',
        kind: 'aggregate',
        object: EVIDENCE_REVIEW_OBJECT,
        where: REVIEW_WINDOW,
        teamField: REVIEW_OWNER,
        boundedBy: 'REVIEW_COUNT',
        ...spec
    });
    const owner: Column = { alias: 'ownerKey', field: REVIEW_OWNER, snapshotField: 'Owner_Id__c' };
    const sqls = (alias: string): Column => ({
        alias,
        field: EVIDENCE_REVIEW_FIELDS.lead,
        aggregate: 'COUNT_DISTINCT',
        snapshotField: 'SQLs__c'
    });
    return [
        review({
            name: 'REVIEWED',
            purpose: 'Per rep, SQLs with at least one evidence review.',
            select: [owner, sqls('reviewedSqls')]
        }),
        review({
            name: 'REVIEW_OUTCOMES',
            purpose: `Per rep and outcome (${Object.values(REVIEW_OUTCOMES).join(', ')}), SQLs with at least one review of that outcome.`,
            select: [
                owner,
                { alias: 'outcomeKey', field: EVIDENCE_REVIEW_FIELDS.outcome, snapshotField: 'Review_Outcome__c' },
                sqls('sqls')
            ]
        })
    ];
}

/** Per rep: alerted MQLs, of which alerted within the SLA of becoming MQLs, and first actioned within the SLA of the alert. */
export const ALERT_SPLIT_PARTS = {
    alerted: 'ALERTED',
    alertedInSla: 'MQL_TO_ALERT_SLA',
    actionedInSla: 'ALERT_TO_ACTION_SLA'
} as const;

/** Speed to lead split at the owner's alert (Alerted_At__c): one count per rep for each part. */
function alertSplitQueries(def: SqlDefinition): Array<Omit<QuerySpec, 'path' | 'kind' | 'object' | 'teamField' | 'boundedBy'>> {
    const count = (purpose: string, name: string, condition: string) => ({
        name,
        purpose,
        select: [OWNER_GROUP, { alias: 'leads', field: 'Id', aggregate: 'COUNT' as const, snapshotField: 'Leads__c' }],
        where: [...WINDOW, condition]
    });
    const sla = def.sla.minutes;
    return [
        count('Per rep, MQLs whose owner was alerted.', ALERT_SPLIT_PARTS.alerted, `${FIELDS.alertedAt} != NULL`),
        count(
            `Per rep, MQLs whose owner was alerted within ${sla} minutes of the lead becoming an MQL.`,
            ALERT_SPLIT_PARTS.alertedInSla,
            `${FIELDS.minutesToAlert} <= ${sla}`
        ),
        count(
            `Per rep, alerted MQLs first actioned within ${sla} minutes of the alert.`,
            ALERT_SPLIT_PARTS.actionedInSla,
            `${FIELDS.minutesAlertToFirstAction} <= ${sla}`
        )
    ];
}

/** The dashboard's sections a filter narrows, in the order the page shows them. */
export const FILTERED_SECTIONS = ['chain', 'findings', 'reps', 'speed', 'rejections', 'campaigns'] as const;
export type FilteredSection = (typeof FILTERED_SECTIONS)[number];

/** The parts (live query names) each section reads. */
export function sectionParts(def: SqlDefinition = SQL_DEFINITION): Record<FilteredSection, string[]> {
    const parts = dashboardParts(def);
    const speed = parts.filter((q) => q.speedMaxMinutes !== undefined || Object.values(ALERT_SPLIT_PARTS).includes(q.name as never));
    const perRep = parts.filter((q) => q.object === 'Lead' && q.select.some((c) => c.alias === OWNER_GROUP.alias));
    const campaigns = ['CAMPAIGNS', 'CAMPAIGN_REJECTIONS'];
    const chain = ['FUNNEL', 'WON'];
    return {
        chain,
        reps: perRep.map((q) => q.name),
        speed: speed.map((q) => q.name),
        rejections: ['FUNNEL'],
        campaigns,
        findings: [...new Set([...perRep.map((q) => q.name), ...campaigns])]
    };
}

/**
 * The sections that count every MQL of the window although a filter was chosen: those reading a part the server
 * could not narrow (`wholeParts`: snapshot rows stored without the filter's field). The chain of a segment filter is
 * the exception: its stored segment rows (SEGMENT_<KEY>) narrow it on the page (c/funnelMetrics dashboardInSegment).
 */
export function wholeSections(data: Pick<FunnelData, 'filter' | 'wholeParts'>, def: SqlDefinition = SQL_DEFINITION): FilteredSection[] {
    const whole = new Set(data.wholeParts ?? []);
    if (!data.filter || !whole.size) return [];
    const bySegment = def.segments.some((s) => s.field === data.filter!.field);
    const parts = sectionParts(def);
    return FILTERED_SECTIONS.filter((section) => !(section === 'chain' && bySegment) && parts[section].some((p) => whole.has(p)));
}

/** The snapshot twin of a live query: the stored rows of its Kind, summed over the months, with the same aliases. */
function snapshotTwin(live: QuerySpec): QuerySpec {
    const select = live.select.map((c): Column => {
        if (!c.snapshotField) throw new Error(`Dashboard query ${live.name}: column ${c.alias} has no snapshotField.`);
        return c.aggregate ? { alias: c.alias, field: c.snapshotField, aggregate: 'SUM' } : { alias: c.alias, field: c.snapshotField };
    });
    const ownerColumn = live.select.find((c) => c.field === live.teamField);
    return {
        name: `SNAPSHOT_${live.name}`,
        purpose: `${live.purpose} From the nightly snapshot, whole months.`,
        path: 'snapshot',
        kind: 'aggregate',
        object: SNAPSHOT_OBJECT,
        select,
        where: [...SNAPSHOT_MONTHS, `Kind__c = ${soqlString(live.name)}`],
        // Campaign rows are stored for every owner: the snapshot cannot narrow them to a team.
        ...(ownerColumn?.snapshotField ? { teamField: ownerColumn.snapshotField } : {})
    };
}

/** Every snapshot field a live query's counts are stored in, sorted. */
export function snapshotCounts(live: readonly QuerySpec[]): string[] {
    return [...new Set(live.flatMap((q) => q.select.filter((c) => c.aggregate).map((c) => c.snapshotField!)))].sort();
}

/** Every query of the dashboard's server side, in the order the Apex constants are printed. */
export function dashboardQueries(def: SqlDefinition = SQL_DEFINITION): QuerySpec[] {
    const live = liveQueries(def);
    return [
        {
            name: 'MQL_COUNT',
            purpose: 'MQLs in the window, up to the cap (the guard that picks the live or the snapshot path).',
            path: 'live',
            kind: 'count',
            object: 'Lead',
            select: [],
            where: WINDOW,
            teamField: 'OwnerId',
            limit: 'cap'
        },
        {
            name: 'MEMBER_COUNT',
            purpose: 'Campaign members among the window MQLs, up to the cap.',
            path: 'live',
            kind: 'count',
            object: 'CampaignMember',
            select: [],
            where: MEMBER_WINDOW,
            teamField: 'Lead.OwnerId',
            limit: 'cap'
        },
        {
            name: 'REVIEW_COUNT',
            purpose: "Evidence reviews of the window's SQLs, up to the cap.",
            path: 'live',
            kind: 'count',
            object: EVIDENCE_REVIEW_OBJECT,
            select: [],
            where: REVIEW_WINDOW,
            teamField: REVIEW_OWNER,
            limit: 'cap'
        },
        ...live,
        {
            name: 'SNAPSHOT_COUNT',
            purpose: 'Stored snapshot rows in the months, every owner, up to the cap.',
            path: 'snapshot',
            kind: 'count',
            object: SNAPSHOT_OBJECT,
            select: [],
            where: SNAPSHOT_MONTHS,
            limit: 'cap'
        },
        ...live.map(snapshotTwin),
        {
            name: 'LATEST_SNAPSHOT_RUN',
            purpose: 'The newest finished snapshot run (its marker row).',
            path: 'lookup',
            kind: 'records',
            object: SNAPSHOT_OBJECT,
            select: ['Run_Id__c', 'Month__c', 'As_Of__c'].map((f) => ({ alias: f, field: f })),
            where: [`Kind__c = ${soqlString(SNAPSHOT_RUN_KIND)}`],
            orderBy: 'As_Of__c DESC',
            limit: 1
        },
        {
            name: 'SNAPSHOT_ROWS_BY_KEY',
            purpose: 'Stored snapshot rows by key, with every count (the batch adds a slice to them).',
            path: 'lookup',
            kind: 'records',
            object: SNAPSHOT_OBJECT,
            select: ['Id', 'Snapshot_Key__c', ...snapshotCounts(live)].map((f) => ({ alias: f, field: f })),
            where: ['Snapshot_Key__c IN :keys']
        },
        {
            name: 'TEAM_MEMBERS',
            purpose: "The users reporting to the team's manager (inactive ones too: their leads still count).",
            path: 'lookup',
            kind: 'records',
            object: 'User',
            select: [{ alias: 'Id', field: 'Id' }],
            where: ['ManagerId = :managerId']
        },
        {
            name: 'OWNER_NAMES',
            purpose: 'The names of the users who own the counted leads.',
            path: 'lookup',
            kind: 'records',
            object: 'User',
            select: [
                { alias: 'Id', field: 'Id' },
                { alias: 'Name', field: 'Name' }
            ],
            where: ['Id IN :ownerKeys']
        },
        {
            name: 'QUEUE_NAMES',
            purpose: 'The names of the queues that own counted leads.',
            path: 'lookup',
            kind: 'records',
            object: 'Group',
            select: [
                { alias: 'Id', field: 'Id' },
                { alias: 'Name', field: 'Name' }
            ],
            where: ['Id IN :ownerKeys']
        },
        {
            name: 'TEAMS',
            purpose: 'Managers with the number of active users reporting to them.',
            path: 'lookup',
            kind: 'aggregate',
            object: 'User',
            select: [
                { alias: 'managerKey', field: 'ManagerId' },
                { alias: 'managerName', field: 'Manager.Name' },
                { alias: 'reps', field: 'Id', aggregate: 'COUNT' }
            ],
            where: ['IsActive = TRUE', 'ManagerId != NULL'],
            orderBy: 'Manager.Name',
            limit: 500
        },
        ...trendQueries(live)
    ];
}

/** The chain's counts of a trend row, in the FUNNEL query's aliases and snapshot fields. */
const TREND_COUNTS = ['mqls', 'accepted', 'rejected', 'sqls', 'opportunities'] as const;

/**
 * The trend's queries: the chain per day of MQL_At__c (UTC) over the window, live; per stored month from the nightly
 * snapshot (its FUNNEL and WON rows) when the window's MQLs are too many to aggregate live.
 */
function trendQueries(live: readonly QuerySpec[]): QuerySpec[] {
    const funnel = live.find((q) => q.name === 'FUNNEL')!;
    const won = live.find((q) => q.name === 'WON')!;
    const counts = TREND_COUNTS.map((alias) => {
        const column = funnel.select.find((c) => c.alias === alias);
        if (!column) throw new Error(`The FUNNEL query selects no ${alias}: the trend reads it.`);
        return column;
    });
    const wonColumn = won.select.find((c) => c.alias === 'won')!;
    const day: Column = { alias: 'mqlDay', field: 'DAY_ONLY(MQL_At__c)' };
    const month: Column = { alias: 'mqlMonth', field: 'Month__c' };
    const snapshotMonths = (kind: string): string[] => [...SNAPSHOT_MONTHS, `Kind__c = ${soqlString(kind)}`];
    const sum = (c: Column): Column => ({ alias: c.alias, field: c.snapshotField!, aggregate: 'SUM' });
    return [
        {
            name: 'TREND',
            purpose: 'The chain per day of MQL over the trend window: MQLs and how far they got.',
            path: 'trend',
            kind: 'aggregate',
            object: 'Lead',
            select: [day, ...counts.map((c) => ({ alias: c.alias, field: c.field, aggregate: c.aggregate }))],
            where: WINDOW,
            teamField: 'OwnerId'
        },
        {
            name: 'TREND_WON',
            purpose: 'The MQLs per day of MQL that became Closed Won opportunities.',
            path: 'trend',
            kind: 'aggregate',
            object: 'Lead',
            select: [day, { alias: 'won', field: 'Id', aggregate: 'COUNT' }],
            where: won.where,
            teamField: 'OwnerId'
        },
        {
            name: 'SNAPSHOT_TREND_COUNT',
            purpose: "Stored snapshot rows the trend's snapshot queries read, up to the cap.",
            path: 'trendSnapshot',
            kind: 'count',
            object: SNAPSHOT_OBJECT,
            select: [],
            where: [...SNAPSHOT_MONTHS, `Kind__c IN (${[funnel.name, won.name].map(soqlString).join(', ')})`],
            teamField: 'Owner_Id__c',
            limit: 'cap'
        },
        {
            name: 'SNAPSHOT_TREND',
            purpose: 'The chain per month of MQL from the nightly snapshot.',
            path: 'trendSnapshot',
            kind: 'aggregate',
            object: SNAPSHOT_OBJECT,
            select: [month, ...counts.map(sum)],
            where: snapshotMonths(funnel.name),
            teamField: 'Owner_Id__c'
        },
        {
            name: 'SNAPSHOT_TREND_WON',
            purpose: 'The Closed Won MQLs per month of MQL from the nightly snapshot.',
            path: 'trendSnapshot',
            kind: 'aggregate',
            object: SNAPSHOT_OBJECT,
            select: [month, sum(wonColumn)],
            where: snapshotMonths(won.name),
            teamField: 'Owner_Id__c'
        }
    ];
}

/** The query parts the dashboard reads in one load, in order (live names; each has a snapshot twin). */
export function dashboardParts(def: SqlDefinition = SQL_DEFINITION): QuerySpec[] {
    return dashboardQueries(def).filter((q) => q.path === 'live' && q.kind === 'aggregate');
}

/** The binds a query may use. */
const ALLOWED_BINDS: Readonly<Record<QueryPath, readonly string[]>> = {
    live: ['startAt', 'endAt', 'cap', 'ownerIds', FILTER_BIND],
    snapshot: ['runId', 'fromMonth', 'toMonth', 'cap', 'ownerIds', FILTER_BIND],
    lookup: ['managerId', 'ownerKeys', 'keys'],
    trend: ['startAt', 'endAt', 'cap', 'ownerIds'],
    trendSnapshot: ['runId', 'fromMonth', 'toMonth', 'cap', 'ownerIds']
};

/** The Apex constant name of a query's team variant. */
export const teamVariant = (name: string): string => `${name}_TEAM`;

export interface RenderedQuery {
    /** The Apex constant name (`FUNNEL`, `FUNNEL_TEAM`, ...). */
    name: string;
    spec: QuerySpec;
    team: boolean;
    /** The filter field of a filtered variant (`FUNNEL_BY_SOURCE`), else undefined. */
    filter?: string;
    soql: string;
    aliases: string[];
    binds: string[];
}

/** The Apex constant name of a query's variant narrowed to a filter (`FUNNEL_TEAM_BY_SOURCE`). */
export const filteredVariant = (name: string, filter: Pick<FilterSpec, 'suffix'>): string => `${name}_${filter.suffix}`;

/**
 * The condition that narrows a query to a filter, or null when it cannot: a Lead, CampaignMember or evidence review
 * query always can;
 * a snapshot query only when its stored rows are grouped by the filter's field (the snapshot keeps no other).
 */
export function filterCondition(spec: QuerySpec, filter: FilterSpec): string | null {
    if (spec.path !== 'live' && spec.path !== 'snapshot') return null;
    if (spec.object === 'Lead') return filter.lead;
    if (spec.object === 'CampaignMember') return filter.member;
    if (spec.object === EVIDENCE_REVIEW_OBJECT) return filter.review;
    if (
        spec.object === SNAPSHOT_OBJECT &&
        spec.kind === 'aggregate' &&
        spec.select.some((c) => !c.aggregate && c.field === filter.snapshotField)
    )
        return `${filter.snapshotField} = :${FILTER_BIND}`;
    return null;
}

function render(spec: QuerySpec, team: boolean, filter?: FilterSpec): RenderedQuery {
    const columns = spec.select.map((c) => {
        const expr = c.aggregate ? `${c.aggregate}(${c.field})` : c.field;
        return spec.kind === 'records' && c.alias === c.field ? expr : `${expr} ${c.alias}`;
    });
    const aliases = spec.select.map((c) => c.alias);
    if (new Set(aliases.map((a) => a.toLowerCase())).size !== aliases.length)
        throw new Error(`Dashboard query ${spec.name} selects one alias twice: ${aliases.join(', ')}`);
    if (spec.kind === 'count' && columns.length) throw new Error(`Dashboard query ${spec.name} counts and selects columns.`);
    const narrowed = filter ? filterCondition(spec, filter) : null;
    if (filter && !narrowed) throw new Error(`Dashboard query ${spec.name} cannot be narrowed to ${filter.field}.`);
    const where = [...spec.where, ...(team && spec.teamField ? [`${spec.teamField} IN :ownerIds`] : []), ...(narrowed ? [narrowed] : [])];
    const groups = spec.kind === 'aggregate' ? spec.select.filter((c) => !c.aggregate).map((c) => c.field) : [];
    const soql = [
        `SELECT ${spec.kind === 'count' ? 'COUNT()' : columns.join(', ')} FROM ${spec.object}`,
        where.length ? ` WHERE ${where.join(' AND ')}` : '',
        groups.length ? ` GROUP BY ${groups.join(', ')}` : '',
        spec.orderBy ? ` ORDER BY ${spec.orderBy}` : '',
        spec.limit === 'cap' ? ' LIMIT :cap' : spec.limit !== undefined ? ` LIMIT ${spec.limit}` : ''
    ].join('');
    const binds = [...new Set([...soql.matchAll(/:([A-Za-z]\w*)/g)].map((m) => m[1]!))];
    const stray = binds.filter((b) => !ALLOWED_BINDS[spec.path].includes(b));
    if (stray.length) throw new Error(`Dashboard query ${spec.name} uses the bind :${stray[0]}, which its path (${spec.path}) never sets.`);
    const base = team ? teamVariant(spec.name) : spec.name;
    return {
        name: filter ? filteredVariant(base, filter) : base,
        spec,
        team,
        ...(filter ? { filter: filter.field } : {}),
        soql,
        aliases,
        binds
    };
}

/**
 * Every query text the Apex holds: each query, its team variant when it has one, then the variants of both narrowed
 * to each filter the query can be narrowed to (`filterCondition`).
 */
export function renderedQueries(def: SqlDefinition = SQL_DEFINITION, specs: readonly QuerySpec[] = dashboardQueries(def)): RenderedQuery[] {
    const filters = dashboardFilters(def);
    return specs.flatMap((spec) => {
        const teams = spec.teamField ? [false, true] : [false];
        const narrowable = filters.filter((f) => filterCondition(spec, f) !== null);
        return [...teams.map((team) => render(spec, team)), ...narrowable.flatMap((f) => teams.map((team) => render(spec, team, f)))];
    });
}

/**
 * Filter field -> query name -> the query to run under that filter: its narrowed variant, or the query itself when
 * it cannot be narrowed (a snapshot part whose stored rows do not carry the field). Generated into the Apex as
 * FILTERED_QUERIES; the preview's runner reads the same table.
 */
export function filteredQueryNames(def: SqlDefinition = SQL_DEFINITION): Map<string, Map<string, string>> {
    const rendered = renderedQueries(def);
    const names = new Set(rendered.map((q) => q.name));
    const plain = rendered.filter((q) => !q.filter && (q.spec.path === 'live' || q.spec.path === 'snapshot'));
    return new Map(
        dashboardFilters(def).map((f) => [
            f.field,
            new Map(plain.map((q) => [q.name, names.has(filteredVariant(q.name, f)) ? filteredVariant(q.name, f) : q.name]))
        ])
    );
}

export interface PartVariants {
    part: QuerySpec;
    live: string;
    liveTeam: string;
    snapshot: string;
    snapshotTeam: string;
}

/** For each dashboard part, the query each path runs for every owner and for a team (the team variant when there is one). */
export function partVariants(def: SqlDefinition = SQL_DEFINITION): PartVariants[] {
    const names = new Set(renderedQueries(def).map((q) => q.name));
    const pick = (name: string): string => (names.has(teamVariant(name)) ? teamVariant(name) : name);
    return dashboardParts(def).map((part) => ({
        part,
        live: part.name,
        liveTeam: pick(part.name),
        snapshot: `SNAPSHOT_${part.name}`,
        snapshotTeam: pick(`SNAPSHOT_${part.name}`)
    }));
}

/** The live guard: query rows the live path may read per MQL and per campaign member of the window. */
export function liveRowCost(def: SqlDefinition = SQL_DEFINITION): { perMql: number; perMember: number; perReview: number } {
    const groupsOf = (bound: string): number =>
        new Set(
            dashboardParts(def)
                .filter((q) => q.boundedBy === bound)
                .map((q) => q.partition ?? q.name)
        ).size;
    return { perMql: groupsOf('MQL_COUNT'), perMember: groupsOf('MEMBER_COUNT'), perReview: groupsOf('REVIEW_COUNT') };
}

/** The controller's share of the 50,000 query rows, and the rows it keeps for owner names and teams. */
export const ROW_BUDGET = { percentOfLimit: 90, reservedRows: 2000 } as const;

/* ------------------------------------------------------------------ reading the rows */

/** One query's answer as the Apex returns it: the generated aliases and the raw rows keyed by them. */
export interface QueryRows {
    /** The live query name this answers (`FUNNEL`), whichever variant ran. */
    part: string;
    /** The query that ran (`FUNNEL_TEAM`, `SNAPSHOT_FUNNEL`, ...). */
    name: string;
    aliases: string[];
    rows: Array<Record<string, unknown>>;
}

/** What `LeadGateDashboardController.getFunnel` returns: raw rows, read by `funnelDataOf`. */
export interface FunnelResponse {
    source: 'live' | 'snapshot';
    windowStart: string;
    windowEnd: string;
    asOf: string | null;
    teamChosen: boolean;
    rowsUsed: number;
    results: QueryRows[];
    owners: QueryRows[];
    /** The filter the rows were narrowed by; absent or null without one. Each part's query name says if it was. */
    filterField?: string | null;
    filterValue?: string | null;
}

/** Query rows the live trend aggregates at most per MQL of its window: one per live trend query (TREND, TREND_WON). */
export function trendRowsPerMql(def: SqlDefinition = SQL_DEFINITION): number {
    return dashboardQueries(def).filter((q) => q.path === 'trend' && q.kind === 'aggregate').length;
}

/** What `LeadGateDashboardController.getTrend` returns: TREND and TREND_WON rows (per day live, per month from the snapshot). */
export interface TrendResponse {
    source: 'live' | 'snapshot';
    windowStart: string;
    windowEnd: string;
    asOf: string | null;
    rowsUsed: number;
    results: QueryRows[];
}

/** What `LeadGateDashboardController.getTeams` returns. */
export interface TeamsResponse {
    currentUserId: string;
    teams: QueryRows;
}

/** A row read by an alias its query does not select: the platform's own words for the same mistake. */
export class AliasError extends Error {
    constructor(alias: string, query: string) {
        super(`System.SObjectException: Invalid field ${alias} for AggregateResult (query ${query})`);
        this.name = 'AliasError';
    }
}

/** Reads the rows of one query by alias, refusing an alias the query does not select. */
function reader(result: QueryRows): (row: Record<string, unknown>, alias: string) => unknown {
    const selected = new Set(result.aliases.map((a) => a.toLowerCase()));
    return (row, alias) => {
        if (!selected.has(alias.toLowerCase())) throw new AliasError(alias, result.name);
        return row[alias] ?? null;
    };
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const day = (value: string): string => value.slice(0, 10);

function partOf(response: { results: QueryRows[] }, name: string): QueryRows {
    const found = response.results.find((r) => r.part === name);
    if (!found) throw new Error(`The dashboard's answer has no rows for ${name}: regenerate (npm run generate) and deploy the Apex.`);
    return found;
}

/** Reads every row of one query into a value. */
function readRows<T>(result: QueryRows, read: (get: (alias: string) => unknown) => T): T[] {
    const get = reader(result);
    return result.rows.map((row) => read((alias) => get(row, alias)));
}

/** The dashboard's model from the controller's raw rows. */
export function funnelDataOf(response: FunnelResponse, def: SqlDefinition = SQL_DEFINITION): FunnelData {
    const key = (owner: string, source: string | null, reason: string | null): string => JSON.stringify([owner, source, reason]);
    const won = new Map<string, number>();
    for (const r of readRows(partOf(response, 'WON'), (get) => ({
        k: key(String(get('ownerKey')), text(get('sourceKey')), text(get('reasonKey'))),
        won: count(get('won'))
    })))
        won.set(r.k, (won.get(r.k) ?? 0) + r.won);
    const funnel: FunnelRow[] = readRows(partOf(response, 'FUNNEL'), (get) => {
        const ownerId = String(get('ownerKey') ?? '');
        const leadSource = text(get('sourceKey'));
        const rejectionReason = text(get('reasonKey'));
        return {
            ownerId,
            leadSource,
            rejectionReason,
            mqls: count(get('mqls')),
            accepted: count(get('accepted')),
            rejected: count(get('rejected')),
            sqls: count(get('sqls')),
            opportunities: count(get('opportunities')),
            won: won.get(key(ownerId, leadSource, rejectionReason)) ?? 0,
            actioned: count(get('actioned'))
        };
    });
    const speed: SpeedRow[] = dashboardParts(def)
        .filter((q) => q.speedMaxMinutes !== undefined)
        .flatMap((q) =>
            readRows(partOf(response, q.name), (get) => ({
                ownerId: String(get('ownerKey') ?? ''),
                maxMinutes: q.speedMaxMinutes!,
                leads: count(get('leads'))
            }))
        )
        .filter((r) => r.leads > 0);
    const alertSpeed = new Map<string, AlertSpeedRow>();
    const alertRow = (ownerId: string): AlertSpeedRow => {
        let row = alertSpeed.get(ownerId);
        if (!row) alertSpeed.set(ownerId, (row = { ownerId, alerted: 0, alertedWithinSla: 0, actionedWithinSla: 0 }));
        return row;
    };
    const parts: Array<[string, 'alerted' | 'alertedWithinSla' | 'actionedWithinSla']> = [
        [ALERT_SPLIT_PARTS.alerted, 'alerted'],
        [ALERT_SPLIT_PARTS.alertedInSla, 'alertedWithinSla'],
        [ALERT_SPLIT_PARTS.actionedInSla, 'actionedWithinSla']
    ];
    for (const [part, counted] of parts)
        readRows(partOf(response, part), (get) => (alertRow(String(get('ownerKey') ?? ''))[counted] += count(get('leads'))));
    const compliance = new Map<string, ComplianceRow>();
    const complianceOf = (ownerId: string): ComplianceRow => {
        let row = compliance.get(ownerId);
        if (!row)
            compliance.set(
                ownerId,
                (row = { ownerId, bypassSqls: 0, thinEvidenceSqls: 0, fitEditedSqls: 0, reviewedSqls: 0, holdsSqls: 0, coachSqls: 0 })
            );
        return row;
    };
    readRows(partOf(response, 'BYPASS'), (get) => (complianceOf(String(get('ownerKey') ?? '')).bypassSqls += count(get('bypassSqls'))));
    readRows(
        partOf(response, 'THIN_EVIDENCE'),
        (get) => (complianceOf(String(get('ownerKey') ?? '')).thinEvidenceSqls += count(get('thinEvidenceSqls')))
    );
    readRows(partOf(response, 'FIT_EDITED'), (get) => {
        const row = complianceOf(String(get('ownerKey') ?? ''));
        row.fitEditedSqls = (row.fitEditedSqls ?? 0) + count(get('fitEditedSqls'));
    });
    readRows(partOf(response, 'REVIEWED'), (get) => {
        const row = complianceOf(String(get('ownerKey') ?? ''));
        row.reviewedSqls = (row.reviewedSqls ?? 0) + count(get('reviewedSqls'));
    });
    readRows(partOf(response, 'REVIEW_OUTCOMES'), (get) => {
        const row = complianceOf(String(get('ownerKey') ?? ''));
        const outcome = text(get('outcomeKey'));
        if (outcome === REVIEW_OUTCOMES.coach) row.coachSqls = (row.coachSqls ?? 0) + count(get('sqls'));
        else if (outcome === REVIEW_OUTCOMES.holds) row.holdsSqls = (row.holdsSqls ?? 0) + count(get('sqls'));
    });
    const campaignsPart = partOf(response, 'CAMPAIGNS');
    const campaigns: CampaignRow[] = readRows(campaignsPart, (get) => ({
        campaignId: String(get('campaignKey') ?? ''),
        campaignName: text(get('campaignLabel')),
        members: count(get('members'))
    }));
    const campaignRejections: CampaignRejectionRow[] = readRows(partOf(response, 'CAMPAIGN_REJECTIONS'), (get) => ({
        campaignId: String(get('campaignKey') ?? ''),
        rejectionReason: text(get('reasonKey')),
        rejected: count(get('rejected'))
    }));
    const rendered = new Map(renderedQueries(def).map((q) => [q.name, q]));
    // Whether the query that ran is a team variant (`FUNNEL_TEAM`, `FUNNEL_TEAM_BY_SOURCE`): the snapshot keeps some parts without the owner.
    const ranForTeam = (result: QueryRows): boolean => rendered.get(result.name)?.team === true;
    const segmentFunnel: Record<string, SegmentRow[]> = {};
    const segmentWon: Record<string, SegmentWonRow[]> = {};
    let segmentsOrgWide = false;
    for (const segment of def.segments) {
        const part = partOf(response, segmentQueryName(segment));
        // A team's segment rows from the snapshot cover every rep: its rows are stored without the owner.
        segmentsOrgWide ||= response.teamChosen && !ranForTeam(part);
        segmentFunnel[segment.key] = readRows(part, (get) => ({
            value: text(get('segmentKey')),
            rejectionReason: text(get('reasonKey')),
            mqls: count(get('mqls')),
            accepted: count(get('accepted')),
            rejected: count(get('rejected')),
            sqls: count(get('sqls')),
            opportunities: count(get('opportunities')),
            actioned: count(get('actioned'))
        }));
        segmentWon[segment.key] = readRows(partOf(response, `${segmentQueryName(segment)}_WON`), (get) => ({
            value: text(get('segmentKey')),
            won: count(get('won'))
        }));
    }
    const campaignFunnel: CampaignFunnelRow[] = readRows(partOf(response, 'CAMPAIGN_FUNNEL'), (get) => ({
        campaignId: String(get('campaignKey') ?? ''),
        mqls: count(get('mqls')),
        accepted: count(get('accepted')),
        rejected: count(get('rejected')),
        sqls: count(get('sqls')),
        opportunities: count(get('opportunities'))
    }));
    const filter = response.filterField ? { field: response.filterField, value: response.filterValue ?? '' } : null;
    // A part that ran its unfiltered query under a filter covers every MQL of the window (FILTERED_QUERIES kept it whole).
    const wholeParts = filter ? response.results.filter((r) => !rendered.get(r.name)?.filter).map((r) => r.part) : [];
    const names = new Map<string, string>();
    for (const result of response.owners) readRows(result, (get) => names.set(String(get('Id')), String(get('Name') ?? '')));
    const owners: OwnerRow[] = [...new Set(funnel.map((r) => r.ownerId))].map((ownerId) => ({ ownerId, name: names.get(ownerId) ?? '' }));
    return {
        source: response.source,
        windowStart: day(response.windowStart),
        windowEnd: day(response.windowEnd),
        asOf: response.asOf,
        // A team's campaign rows come from a query without the team filter (the snapshot stores campaigns org-wide).
        campaignsOrgWide: response.teamChosen && !ranForTeam(campaignsPart),
        thinEvidenceChars: thinEvidenceChars(def),
        rowsUsed: response.rowsUsed,
        owners,
        funnel,
        speed,
        alertSpeed: [...alertSpeed.values()],
        compliance: [...compliance.values()],
        campaigns,
        campaignRejections,
        segmentFunnel,
        segmentWon,
        segmentsOrgWide,
        campaignFunnel,
        filter,
        wholeParts
    };
}

/** The teams a manager can pick, from the TEAMS rows. */
export function teamOptionsOf(response: TeamsResponse): TeamOption[] {
    return readRows(response.teams, (get) => {
        const managerId = String(get('managerKey') ?? '');
        return {
            managerId,
            name: String(get('managerName') ?? managerId),
            reps: count(get('reps')),
            mine: managerId === response.currentUserId
        };
    });
}

/** The trend rows from the controller's raw rows: one per day (live) or stored month (snapshot), won joined by period. */
export function trendRowsOf(response: TrendResponse): TrendRow[] {
    const periodAlias = response.source === 'live' ? 'mqlDay' : 'mqlMonth';
    const span = (from: string): string => {
        const t = Date.parse(`${from}T00:00:00.000Z`);
        const d = new Date(t);
        const to = response.source === 'live' ? t + 86_400_000 : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        return new Date(to).toISOString().slice(0, 10);
    };
    const won = new Map<string, number>();
    for (const r of readRows(partOf(response, 'TREND_WON'), (get) => ({ from: text(get(periodAlias)), won: count(get('won')) })))
        if (r.from) won.set(day(r.from), (won.get(day(r.from)) ?? 0) + r.won);
    const rows = new Map<string, TrendRow>();
    readRows(partOf(response, 'TREND'), (get) => {
        const from = text(get(periodAlias));
        if (!from) return;
        const key = day(from);
        const row = rows.get(key) ?? {
            from: key,
            to: span(key),
            mqls: 0,
            accepted: 0,
            rejected: 0,
            sqls: 0,
            opportunities: 0,
            won: won.get(key) ?? 0
        };
        row.mqls += count(get('mqls'));
        row.accepted += count(get('accepted'));
        row.rejected += count(get('rejected'));
        row.sqls += count(get('sqls'));
        row.opportunities += count(get('opportunities'));
        rows.set(key, row);
    });
    return [...rows.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
}
