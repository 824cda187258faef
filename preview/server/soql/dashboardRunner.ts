/**
 * LeadGateDashboardController and LeadFunnelSelector as the preview runs them: the same steps as the Apex (validate
 * the window, the two capped guard counts, the live or the snapshot path, owner names), running the generated SOQL
 * strings of LeadGateDashboardQueries.cls through the SOQL evaluator under one transaction's governor limits, and
 * returning the raw rows keyed by the generated aliases, as the Apex does. c/dashboardQueries reads them.
 */
import {
    FILTER_BIND,
    ROW_BUDGET,
    filterProblem,
    filteredQueryNames,
    type DashboardFilter,
    trendRowsPerMql,
    liveRowCost,
    teamVariant,
    partVariants,
    renderedQueries,
    type FunnelResponse,
    type QueryRows,
    type TeamsResponse,
    type TrendResponse
} from 'c/dashboardQueries';
import { trendWindow } from 'c/funnelTrends';
import { MAX_WINDOW_DAYS, windowProblem } from 'c/funnelMetrics';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { runSoql, type SoqlAccess, type SoqlOrg } from './evaluator.ts';
import { Governor, QueryException } from './governor.ts';

export interface RunnerEnv {
    org: SoqlOrg;
    /** The generated query texts by Apex constant name (apexQueries(root)). */
    queries: ReadonlyMap<string, string>;
    /** The generated alias lists by query name (LeadGateDashboardQueries.ALIASES); default: from the query table. */
    aliases?: ReadonlyMap<string, string[]>;
    /** User-mode access of the running user; undefined runs as the system (the bench). */
    access?: SoqlAccess;
    governor: Governor;
    now: Date;
    userId: string;
    /**
     * True for a user without LeadGate_View_Team_Funnels (an SDR): every load counts only the leads the user owns,
     * whatever team is asked for, and never reads the snapshot (which holds every rep's counts).
     */
    ownLeadsOnly?: boolean;
    def?: SqlDefinition;
    /**
     * Query rows a load may use: the controller's @TestVisible rowBudget, which the shared case table
     * (data/dashboard-cases.json) sets. Default: ROW_BUDGET.percentOfLimit of the governor's query-row limit.
     */
    rowBudget?: number;
    /** Every SOQL text run, in order (the parity test compares them with the Apex class). */
    log?: string[];
}

/** A refusal the Apex throws as an AuraHandledException with one of the dashboard's Custom Labels. */
export class DashboardRefusal extends Error {
    constructor(
        readonly label:
            | 'LG_Dash_Error_WindowOrder'
            | 'LG_Dash_Error_WindowSpan'
            | 'LG_Dash_Error_TooLarge'
            | 'LG_Dash_Error_SnapshotTooLarge'
            | 'LG_Dash_Error_BeforeSnapshot'
            | 'LG_Dash_Error_FilterField'
            | 'LG_Dash_Error_FilterValue'
            | null,
        readonly values: Array<string | number>,
        message = label ?? ''
    ) {
        super(message);
        this.name = 'DashboardRefusal';
    }
}

function text(env: RunnerEnv, name: string): string {
    const soql = env.queries.get(name);
    if (!soql) throw new Error(`No generated dashboard query ${name}: run npm run generate.`);
    return soql;
}

/** LeadFunnelSelector: the runner of generated queries, in user mode, with bind variables. */
class Selector {
    constructor(
        private readonly env: RunnerEnv,
        private readonly binds: Record<string, unknown>
    ) {}

    private run(soql: string, binds: Record<string, unknown>) {
        this.env.log?.push(soql);
        return runSoql(soql, {
            org: this.env.org,
            governor: this.env.governor,
            binds,
            accessLevel: 'USER_MODE',
            access: this.env.access,
            now: this.env.now
        });
    }

    count(name: string, cap: number): number {
        return this.run(text(this.env, name), { ...this.binds, cap }).count;
    }

    records(name: string) {
        return this.run(text(this.env, name), this.binds).rows;
    }

    rows(part: string, name: string, aliases: ReadonlyMap<string, string[]>): QueryRows {
        const selected = aliases.get(name) ?? [];
        // As the Apex: every row keyed by the generated aliases, each read with record.get(alias).
        const rows = this.records(name).map((record) => {
            const row: Record<string, unknown> = {};
            for (const alias of selected) {
                if (!(alias in record)) throw new QueryException(`Invalid field ${alias} for AggregateResult`, 'System.SObjectException');
                row[alias] = record[alias] ?? null;
            }
            return row;
        });
        return { part, name, aliases: selected, rows };
    }
}

const aliasesOf = (def: SqlDefinition): Map<string, string[]> => new Map(renderedQueries(def).map((q) => [q.name, q.aliases]));

const midnight = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const monthStart = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const addMonths = (d: Date, n: number): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()));

export interface FunnelParams {
    windowStart: string;
    windowEnd: string;
    teamManagerId: string | null;
    /** The dashboard's filter (field from the generated allow-list, and a value); null or absent for none. */
    filter?: DashboardFilter | null;
}

/** LeadGateDashboardController.getFunnel. */
export function getFunnel(params: FunnelParams, env: RunnerEnv): FunnelResponse {
    const def = env.def ?? SQL_DEFINITION;
    const problem = windowProblem({ start: params.windowStart, end: params.windowEnd });
    if (problem === 'span') throw new DashboardRefusal('LG_Dash_Error_WindowSpan', [MAX_WINDOW_DAYS]);
    if (problem) throw new DashboardRefusal('LG_Dash_Error_WindowOrder', []);
    const filter = params.filter && params.filter.field !== '' ? params.filter : null;
    const refused = filterProblem(filter, def);
    if (refused === 'field') throw new DashboardRefusal('LG_Dash_Error_FilterField', [filter!.field]);
    if (refused === 'value') throw new DashboardRefusal('LG_Dash_Error_FilterValue', [filter!.value, filter!.field]);
    // As the Apex: each query name mapped through the generated FILTERED_QUERIES of the filter's field.
    const filtered = filter ? filteredQueryNames(def).get(filter.field)! : null;
    const narrowed = (name: string): string => (filtered ? filtered.get(name)! : name);
    const aliases = env.aliases ?? aliasesOf(def);
    const variants = partVariants(def);
    const governor = env.governor;
    const rowBudget = env.rowBudget ?? Math.floor((governor.limits.queryRows * ROW_BUDGET.percentOfLimit) / 100);
    const rowsLeft = (): number => Math.max(0, rowBudget - governor.queryRows - ROW_BUDGET.reservedRows);

    const ownerIds = env.ownLeadsOnly
        ? new Set([env.userId])
        : params.teamManagerId
          ? new Set(new Selector(env, { managerId: params.teamManagerId }).records('TEAM_MEMBERS').map((r) => String(r.Id)))
          : null;
    const team = ownerIds !== null;
    const binds: Record<string, unknown> = { startAt: midnight(params.windowStart), endAt: midnight(params.windowEnd) };
    if (team) binds.ownerIds = ownerIds;
    if (filter) binds[FILTER_BIND] = filter.value;
    const leads = new Selector(env, binds);
    const { perMql, perMember, perReview } = liveRowCost(def);
    // Under a filter the guard counts the filtered MQLs, members and reviews: the filtered parts read no others.
    const mqls = leads.count(narrowed(team ? 'MQL_COUNT_TEAM' : 'MQL_COUNT'), Math.floor(rowsLeft() / perMql) + 1);
    // Members are counted only when the MQLs alone fit: a window too large to count live keeps its rows for the snapshot.
    const members =
        perMql * mqls > rowsLeft()
            ? 0
            : leads.count(narrowed(team ? 'MEMBER_COUNT_TEAM' : 'MEMBER_COUNT'), Math.floor(rowsLeft() / perMember) + 1);
    // Reviews likewise, only when the MQLs and the members fit.
    const leadRows = perMql * mqls + perMember * members;
    const reviews =
        leadRows > rowsLeft()
            ? 0
            : leads.count(narrowed(team ? 'REVIEW_COUNT_TEAM' : 'REVIEW_COUNT'), Math.floor(rowsLeft() / perReview) + 1);

    let response: Omit<FunnelResponse, 'owners' | 'rowsUsed'>;
    if (leadRows + perReview * reviews <= rowsLeft() && perMql * mqls <= rowsLeft()) {
        response = {
            source: 'live',
            windowStart: params.windowStart,
            windowEnd: params.windowEnd,
            asOf: null,
            teamChosen: team,
            results: variants.map((v) => leads.rows(v.part.name, narrowed(team ? v.liveTeam : v.live), aliases))
        };
    } else {
        if (env.ownLeadsOnly) throw new DashboardRefusal('LG_Dash_Error_TooLarge', [mqls, members]);
        const runs = new Selector(env, {}).records('LATEST_SNAPSHOT_RUN');
        const run = runs[0];
        if (!run) throw new DashboardRefusal('LG_Dash_Error_TooLarge', [mqls, members]);
        let fromMonth = monthStart(midnight(params.windowStart));
        const runMonth = typeof run.Month__c === 'string' ? midnight(run.Month__c.slice(0, 10)) : null;
        if (runMonth && runMonth > fromMonth) fromMonth = runMonth;
        const toMonth = addMonths(monthStart(new Date(midnight(params.windowEnd).getTime() - 86_400_000)), 1);
        if (fromMonth >= toMonth) throw new DashboardRefusal('LG_Dash_Error_BeforeSnapshot', [runMonth ? isoDay(runMonth) : '']);
        const snapshotBinds: Record<string, unknown> = { runId: run.Run_Id__c, fromMonth: isoDay(fromMonth), toMonth: isoDay(toMonth) };
        if (team) snapshotBinds.ownerIds = ownerIds;
        if (filter) snapshotBinds[FILTER_BIND] = filter.value;
        const snapshot = new Selector(env, snapshotBinds);
        // Every stored row of the months, filtered or not: the filtered parts read fewer, never more.
        const rows = snapshot.count('SNAPSHOT_COUNT', rowsLeft() + 1);
        if (rows > rowsLeft()) throw new DashboardRefusal('LG_Dash_Error_SnapshotTooLarge', [rows]);
        response = {
            source: 'snapshot',
            windowStart: isoDay(fromMonth),
            windowEnd: isoDay(toMonth),
            asOf: typeof run.As_Of__c === 'string' ? run.As_Of__c : null,
            teamChosen: team,
            // A part whose stored rows do not carry the filter's field runs whole (FILTERED_QUERIES maps it to itself).
            results: variants.map((v) => snapshot.rows(v.part.name, narrowed(team ? v.snapshotTeam : v.snapshot), aliases))
        };
    }
    const ownerKeys = new Set<string>();
    const ownerPart = variants.find((v) => v.part.name === 'FUNNEL')!.part;
    const ownerAlias = ownerPart.select.find((c) => c.field === ownerPart.teamField)!.alias;
    for (const result of response.results)
        if (result.part === ownerPart.name) for (const row of result.rows) if (row[ownerAlias]) ownerKeys.add(String(row[ownerAlias]));
    const names = new Selector(env, { ownerKeys });
    const owners = [names.rows('OWNER_NAMES', 'OWNER_NAMES', aliases), names.rows('QUEUE_NAMES', 'QUEUE_NAMES', aliases)];
    return {
        ...response,
        owners,
        rowsUsed: governor.queryRows,
        ...(filter ? { filterField: filter.field, filterValue: filter.value } : {})
    };
}

export interface TrendParams {
    teamManagerId: string | null;
}

/**
 * LeadGateDashboardController.getTrend: the chain per day of MQL over the last four quarters (trendWindow), live when
 * the window's MQLs fit the row budget (a capped count, then TREND and TREND_WON: three rows per MQL at most), else
 * per stored month from the newest snapshot run (a capped count of the rows it reads, then the two snapshot queries).
 */
export function getTrend(params: TrendParams, env: RunnerEnv): TrendResponse {
    const def = env.def ?? SQL_DEFINITION;
    const aliases = env.aliases ?? aliasesOf(def);
    const governor = env.governor;
    const rowBudget = env.rowBudget ?? Math.floor((governor.limits.queryRows * ROW_BUDGET.percentOfLimit) / 100);
    const rowsLeft = (): number => Math.max(0, rowBudget - governor.queryRows - ROW_BUDGET.reservedRows);
    const window = trendWindow(isoDay(env.now));
    const ownerIds = params.teamManagerId
        ? new Set(new Selector(env, { managerId: params.teamManagerId }).records('TEAM_MEMBERS').map((r) => String(r.Id)))
        : null;
    const team = ownerIds !== null;
    const pick = (name: string): string => (team ? teamVariant(name) : name);
    const binds: Record<string, unknown> = { startAt: midnight(window.start), endAt: midnight(window.end) };
    if (team) binds.ownerIds = ownerIds;
    const leads = new Selector(env, binds);
    // The count reads up to `cap` rows itself; TREND and TREND_WON then aggregate up to 2 rows per MQL.
    const cap = Math.floor(rowsLeft() / (1 + trendRowsPerMql(def)));
    const mqls = leads.count(pick('MQL_COUNT'), cap + 1);
    if (mqls <= cap) {
        return {
            source: 'live',
            windowStart: window.start,
            windowEnd: window.end,
            asOf: null,
            results: ['TREND', 'TREND_WON'].map((part) => leads.rows(part, pick(part), aliases)),
            rowsUsed: governor.queryRows
        };
    }
    const run = new Selector(env, {}).records('LATEST_SNAPSHOT_RUN')[0];
    if (!run) throw new DashboardRefusal('LG_Dash_Error_TooLarge', [mqls, 0]);
    const fromMonth = midnight(window.start);
    const toMonth = addMonths(monthStart(midnight(window.end)), 1);
    const snapshotBinds: Record<string, unknown> = { runId: run.Run_Id__c, fromMonth: isoDay(fromMonth), toMonth: isoDay(toMonth) };
    if (team) snapshotBinds.ownerIds = ownerIds;
    const snapshot = new Selector(env, snapshotBinds);
    const snapshotCap = Math.floor(rowsLeft() / 2);
    const rows = snapshot.count(pick('SNAPSHOT_TREND_COUNT'), snapshotCap + 1);
    if (rows > snapshotCap) throw new DashboardRefusal('LG_Dash_Error_SnapshotTooLarge', [rows]);
    return {
        source: 'snapshot',
        windowStart: isoDay(fromMonth),
        windowEnd: isoDay(toMonth),
        asOf: typeof run.As_Of__c === 'string' ? run.As_Of__c : null,
        results: ['TREND', 'TREND_WON'].map((part) => snapshot.rows(part, pick(`SNAPSHOT_${part}`), aliases)),
        rowsUsed: governor.queryRows
    };
}

/** LeadGateDashboardController.getTeams. */
export function getTeams(env: RunnerEnv): TeamsResponse {
    const aliases = env.aliases ?? aliasesOf(env.def ?? SQL_DEFINITION);
    // A user who sees only their own leads has no team to pick: no query, no rows.
    const teams = env.ownLeadsOnly
        ? { part: 'TEAMS', name: 'TEAMS', aliases: aliases.get('TEAMS') ?? [], rows: [] }
        : new Selector(env, {}).rows('TEAMS', 'TEAMS', aliases);
    return { currentUserId: env.userId, teams };
}
