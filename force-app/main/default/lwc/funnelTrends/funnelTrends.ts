/**
 * The funnel review's trend, pure: the chain MQL -> SAL -> SQL -> Opportunity -> Won and its step rates per week or
 * month of MQL over the last four quarters, each definition revision placed on that axis, and the rates of the MQLs
 * before and after each revision side by side with their sample sizes.
 *
 * Input rows are cohort counts keyed by when the leads became MQL: one per day (live, `DAY_ONLY(MQL_At__c)`, UTC) or
 * one per stored month (the nightly snapshot). A row covers [from, to). A month row cannot be split into weeks, and a
 * row that contains a revision's instant belongs to neither side of it: it is counted as "straddling" instead.
 */

export type TrendGrain = 'week' | 'month';

/** The chain's counts of one cohort. */
export interface ChainCounts {
    mqls: number;
    accepted: number;
    rejected: number;
    sqls: number;
    opportunities: number;
    won: number;
}

/** Counts of the leads that became MQL in [from, to) (ISO days; `to` exclusive). */
export interface TrendRow extends ChainCounts {
    from: string;
    to: string;
}

/** A revision of the SQL definition (data/definition-revisions.json). */
export interface DefinitionRevision {
    version: string;
    /** When it took effect (ISO date-time). */
    at: string;
    reason: string;
    summary: string;
}

/** The chain's step rates; null when the step's denominator is 0. */
export interface ChainRates {
    /** SAL / MQL. */
    mqlToSal: number | null;
    /** SQL / SAL. */
    salToSql: number | null;
    /** SQL / MQL (the band the definition reads). */
    mqlToSql: number | null;
    /** Opportunity / SQL. */
    sqlToOpportunity: number | null;
    /** Won / Opportunity. */
    opportunityToWon: number | null;
}

export interface TrendPeriod {
    /** First day (ISO), and the day after the last. */
    start: string;
    end: string;
    counts: ChainCounts;
    rates: ChainRates;
    /** Revisions that took effect inside this period. */
    revisions: string[];
    /** Fewer MQLs than TREND_RULES.minSample: read its rates with care. */
    smallSample: boolean;
}

export interface RevisionComparison {
    revision: DefinitionRevision;
    before: { counts: ChainCounts; rates: ChainRates; from: string; to: string; smallSample: boolean };
    after: { counts: ChainCounts; rates: ChainRates; from: string; to: string; smallSample: boolean };
    /** MQLs in rows that contain the revision's instant (counted on neither side). */
    straddling: number;
}

/** A cohort below this many MQLs is marked small: its rates swing with a handful of leads. */
export const TREND_RULES = { minSample: 30, quarters: 4 } as const;

const DAY = 86_400_000;
const ms = (day: string): number => Date.parse(`${day.slice(0, 10)}T00:00:00.000Z`);
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
const EMPTY: ChainCounts = { mqls: 0, accepted: 0, rejected: 0, sqls: 0, opportunities: 0, won: 0 };
const KEYS = Object.keys(EMPTY) as Array<keyof ChainCounts>;

function add(a: ChainCounts, b: ChainCounts): ChainCounts {
    const out = { ...a };
    for (const k of KEYS) out[k] += b[k];
    return out;
}

const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

export function chainRates(c: ChainCounts): ChainRates {
    return {
        mqlToSal: ratio(c.accepted, c.mqls),
        salToSql: ratio(c.sqls, c.accepted),
        mqlToSql: ratio(c.sqls, c.mqls),
        sqlToOpportunity: ratio(c.opportunities, c.sqls),
        opportunityToWon: ratio(c.won, c.opportunities)
    };
}

/**
 * The trend window ending today: the current quarter and the three before it (UTC), `end` the day after today.
 * At most 366 days, so it fits the dashboard's longest window.
 */
export function trendWindow(today: string): { start: string; end: string } {
    const t = new Date(ms(today));
    const quarterStartMonth = Math.floor(t.getUTCMonth() / 3) * 3;
    const start = Date.UTC(t.getUTCFullYear(), quarterStartMonth - 3 * (TREND_RULES.quarters - 1), 1);
    return { start: iso(start), end: iso(ms(today) + DAY) };
}

/** The start of the period holding `day`: the Monday of its week, or the first of its month. */
function periodStart(day: number, grain: TrendGrain): number {
    const d = new Date(day);
    if (grain === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    return day - ((d.getUTCDay() + 6) % 7) * DAY;
}

function nextPeriod(start: number, grain: TrendGrain): number {
    const d = new Date(start);
    return grain === 'month' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : start + 7 * DAY;
}

/** True when every row covers one day (live rows); snapshot rows cover a month. */
export const dailyRows = (rows: readonly TrendRow[]): boolean => rows.every((r) => ms(r.to) - ms(r.from) === DAY);

/**
 * The periods from `window.start` to `window.end`, empty ones included (zero counts, null rates), with the rows summed
 * into the period their first day falls in and each revision placed in the period holding its instant.
 * Weekly periods need daily rows: throws when asked to split stored months into weeks.
 */
export function trendPeriods(
    rows: readonly TrendRow[],
    revisions: readonly DefinitionRevision[],
    window: { start: string; end: string },
    grain: TrendGrain
): TrendPeriod[] {
    if (grain === 'week' && !dailyRows(rows)) throw new Error('Weekly trends need daily rows; the snapshot stores months.');
    const periods: TrendPeriod[] = [];
    const end = ms(window.end);
    for (let start = periodStart(ms(window.start), grain); start < end; start = nextPeriod(start, grain)) {
        const next = nextPeriod(start, grain);
        const inPeriod = (t: number): boolean => t >= start && t < next;
        const counts = rows.filter((r) => inPeriod(ms(r.from))).reduce<ChainCounts>((sum, r) => add(sum, r), { ...EMPTY });
        periods.push({
            start: iso(start),
            end: iso(next),
            counts,
            rates: chainRates(counts),
            revisions: revisions.filter((r) => inPeriod(Date.parse(r.at))).map((r) => r.version),
            smallSample: counts.mqls < TREND_RULES.minSample
        });
    }
    return periods;
}

/** Where a revision sits on the trend's time axis (the chart draws a vertical line there). */
export interface RevisionMark {
    version: string;
    at: string;
    /**
     * Position on the chart's category axis, where period i owns the band from i - 0.5 to i + 0.5 with its point in
     * the middle (the chart's axis is offset by half a period at each end): the period's start plus the share of the
     * period that had passed at the revision's instant. A revision on 16 April of a monthly trend sits on April's point;
     * one on 1 May sits half-way between April's point and May's.
     */
    position: number;
}

/** The revisions that fall inside the periods, with their position on the axis, oldest first. */
export function revisionMarks(periods: readonly TrendPeriod[], revisions: readonly DefinitionRevision[]): RevisionMark[] {
    const marks: RevisionMark[] = [];
    for (const revision of revisions) {
        const at = Date.parse(revision.at);
        const index = periods.findIndex((p) => at >= ms(p.start) && at < ms(p.end));
        if (index < 0) continue;
        const period = periods[index]!;
        const share = (at - ms(period.start)) / (ms(period.end) - ms(period.start));
        marks.push({ version: revision.version, at: revision.at, position: index - 0.5 + share });
    }
    return marks.sort((a, b) => a.position - b.position);
}

/**
 * For each revision inside the window, the MQLs before it (back to the previous revision or the window's start)
 * against those after it (up to the next revision or the window's end). Rows containing the revision's instant
 * are on neither side.
 */
export function revisionComparisons(
    rows: readonly TrendRow[],
    revisions: readonly DefinitionRevision[],
    window: { start: string; end: string }
): RevisionComparison[] {
    const start = ms(window.start);
    const end = ms(window.end);
    const inside = [...revisions]
        .filter((r) => Date.parse(r.at) >= start && Date.parse(r.at) < end)
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return inside.map((revision, i) => {
        const at = Date.parse(revision.at);
        const from = i > 0 ? Date.parse(inside[i - 1]!.at) : start;
        const to = i + 1 < inside.length ? Date.parse(inside[i + 1]!.at) : end;
        const side = (lo: number, hi: number): ChainCounts =>
            rows.filter((r) => ms(r.from) >= lo && ms(r.to) <= hi).reduce<ChainCounts>((sum, r) => add(sum, r), { ...EMPTY });
        const before = side(from, at);
        const after = side(at, to);
        const straddling = rows.filter((r) => ms(r.from) < at && ms(r.to) > at).reduce((n, r) => n + r.mqls, 0);
        const describe = (counts: ChainCounts, lo: number, hi: number) => ({
            counts,
            rates: chainRates(counts),
            from: iso(lo),
            to: iso(hi),
            smallSample: counts.mqls < TREND_RULES.minSample
        });
        return { revision, before: describe(before, from, at), after: describe(after, at, to), straddling };
    });
}

/**
 * The revisions of a revisions log ({ revisions: [{ version, at, reason, summary }] }), oldest first. Throws naming
 * the first entry that is not a revision, so a hand-edited log fails loudly instead of marking nothing.
 */
export function revisionsOf(log: unknown): DefinitionRevision[] {
    const list = (log as { revisions?: unknown } | null)?.revisions;
    if (!Array.isArray(list))
        throw new Error('The revisions log has no "revisions" list: expected { "revisions": [{ "version", "at", "reason", "summary" }] }.');
    return list
        .map((entry: unknown, i): DefinitionRevision => {
            const e = (entry ?? {}) as Record<string, unknown>;
            const text = (key: string): string => (typeof e[key] === 'string' ? (e[key] as string) : '');
            if (!text('version') || !Number.isFinite(Date.parse(text('at'))))
                throw new Error(`Revision ${i + 1} of the revisions log needs a "version" and an ISO date-time "at".`);
            return { version: text('version'), at: text('at'), reason: text('reason'), summary: text('summary') };
        })
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
