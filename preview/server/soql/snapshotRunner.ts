/**
 * LeadFunnelSnapshotBatch as the bench and the case table run it: each slice (one execute, its own transaction and
 * governor) runs the dashboard's live queries for every owner (the generated LIVE_EVERY_OWNER texts) through the SOQL
 * evaluator, and adds each row to its month's snapshot row through the same field maps the generated class holds
 * (snapshotField of each column); each execute then purges older runs with the batch's own query texts
 * (LATEST_SNAPSHOT_RUN, generated, and the batch's STALE_ROWS). Returns the stored rows, with the run's marker when
 * every execute succeeded (as finish() marks only a run without errors), the purged row ids, and each slice's
 * governor usage.
 *
 * Each slice is sized to the rows it reads before it is counted (the batch's rule): capped COUNT() queries of its MQLs
 * and campaign members, and it is counted only when twice LIVE_ROWS_PER_MQL x MQLs + LIVE_ROWS_PER_MEMBER x members
 * (the live queries, then the stored rows they add to) fits the rows left of the slice's budget (`sliceRows`). A slice
 * too large is split: a second pass counts it hour by hour, within its own bounds (so within its month); an hour too
 * large is refused (its execute fails with a message naming the hour, and the run is not marked). An empty slice runs
 * no live query.
 *
 * The batch's own branches (slices and month boundaries, the split into hours, the refusal, the marker written last
 * and only for a complete run, which runs survive a purge) are held by the shared case table data/snapshot-cases.json: snapshotCases.test.ts plays it
 * here, LeadFunnelSnapshotCases_Tests plays it against the batch in the org.
 */
import { SNAPSHOT_RUN_KIND, dashboardParts, liveRowCost, partVariants, renderedQueries, snapshotCounts } from 'c/dashboardQueries';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { runSoql, type SoqlOrg, type SoqlRecord } from './evaluator.ts';
import { Governor, LIMITS, type GovernorUsage } from './governor.ts';

export interface SnapshotRun {
    rows: SoqlRecord[];
    /** Ids of stored rows of older runs that the executes deleted. */
    purged: string[];
    /** Every execute of both passes (days, then hours as YYYY-MM-DDTHH:MMZ), with its governor usage or its error. */
    slices: Array<{ start: string; usage: GovernorUsage; error?: string }>;
    /** First days of the slices too large for one execute, counted hour by hour in the second pass. */
    split: string[];
    /** Hours too large for one execute: the run is left unmarked. */
    refused: string[];
}

export interface SnapshotOptions {
    runId: string;
    /** The day the run starts (YYYY-MM-DD); its month is the horizon's last. */
    runDate: string;
    horizonMonths: number;
    sliceDays: number;
    asOf: string;
    def?: SqlDefinition;
    /** The limits of one slice's execute (default: the platform's); a test makes one execute fail with tighter ones. */
    limitsOf?: (sliceStart: string) => Governor['limits'];
    /** Query rows one slice may read (default: sliceRowsOf the execute's limit); the case table lowers it. */
    sliceRows?: number | null;
}

/** One execute's days: from `start` up to the day before `end` (YYYY-MM-DD). */
export interface SnapshotSlice {
    start: string;
    end: string;
}

/** Rows of older runs deleted per execute (the batch's PURGE_ROWS). */
export const PURGE_ROWS = 5000;

/** Query rows one slice may read: the execute's limit less the purge's rows and the newest run's row (the batch's SLICE_ROWS). */
export const sliceRowsOf = (queryRowLimit: number): number => queryRowLimit - PURGE_ROWS - 1;
const SNAPSHOT_OBJECT = 'LeadGate_Funnel_Snapshot__c';
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;
const monthAfter = (ms: number): number => Date.UTC(new Date(ms).getUTCFullYear(), new Date(ms).getUTCMonth() + 1, 1);

/** The horizon's first day: the first of the month horizonMonths - 1 months before the run date's. */
export function firstMonthOf(runDate: string, horizonMonths: number): string {
    const run = new Date(`${runDate}T00:00:00Z`);
    return day(Date.UTC(run.getUTCFullYear(), run.getUTCMonth() + 1 - horizonMonths, 1));
}

/**
 * The batch's slices: one every sliceDays days from the first of each month of the horizon, none starting after the
 * run date, none reaching into the next month (start() lists them, execute() bounds each).
 */
export function snapshotSlices(runDate: string, horizonMonths: number, sliceDays: number): SnapshotSlice[] {
    const run = Date.parse(`${runDate}T00:00:00Z`);
    const slices: SnapshotSlice[] = [];
    for (let month = Date.parse(`${firstMonthOf(runDate, horizonMonths)}T00:00:00Z`); month <= run; month = monthAfter(month)) {
        const monthEnd = monthAfter(month);
        for (let start = month; start < monthEnd && start <= run; start += sliceDays * DAY)
            slices.push({ start: day(start), end: day(Math.min(start + sliceDays * DAY, monthEnd)) });
    }
    return slices;
}

const HOUR = 3_600_000;
const instant = (bound: string): number => Date.parse(bound.length === 10 ? `${bound}T00:00:00Z` : bound);
const hourLabel = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16)}Z`;

/**
 * A slice too large for one execute, as its hours: one every hour from its first day up to its end (which never
 * passes its month's end), each labelled YYYY-MM-DDTHH:MMZ.
 */
export function sliceHours(slice: SnapshotSlice): SnapshotSlice[] {
    const hours: SnapshotSlice[] = [];
    const end = instant(slice.end);
    for (let at = instant(slice.start); at < end; at += HOUR)
        hours.push({ start: hourLabel(at), end: hourLabel(Math.min(at + HOUR, end)) });
    return hours;
}

/** The org without the rows an earlier execute deleted. */
function withoutDeleted(org: SoqlOrg, deleted: ReadonlySet<string>): SoqlOrg {
    if (deleted.size === 0) return org;
    return {
        schema: org.schema,
        records: function* (sobject, hints) {
            for (const r of org.records(sobject, hints)) if (sobject !== SNAPSHOT_OBJECT || !deleted.has(String(r.Id))) yield r;
        },
        byId: (id, sobjects) => (deleted.has(id) ? undefined : org.byId(id, sobjects))
    };
}

function query(queries: ReadonlyMap<string, string>, name: string): string {
    const soql = queries.get(name);
    if (soql === undefined) throw new Error(`No query ${name}: pass apexQueries(root) (run npm run generate).`);
    return soql;
}

export function runSnapshotBatch(org: SoqlOrg, queries: ReadonlyMap<string, string>, options: SnapshotOptions): SnapshotRun {
    const def = options.def ?? SQL_DEFINITION;
    const aliases = new Map(renderedQueries(def).map((q) => [q.name, q.aliases]));
    const counts = snapshotCounts(dashboardParts(def));
    const { perMql, perMember, perReview } = liveRowCost(def);
    const stored = new Map<string, Record<string, unknown>>();
    const slices: SnapshotRun['slices'] = [];
    const split: SnapshotSlice[] = [];
    const refused: string[] = [];
    const deleted = new Set<string>();

    /** One execute of one slice; returns false when the slice is too large to count in it. */
    const execute = ({ start, end }: SnapshotSlice, hour: boolean): boolean => {
        const month = `${start.slice(0, 8)}01`;
        const limits = options.limitsOf?.(start) ?? LIMITS;
        const governor = new Governor(limits);
        const visible = withoutDeleted(org, deleted);
        const binds = { startAt: new Date(instant(start)), endAt: new Date(instant(end)) };
        const sliceRows = options.sliceRows ?? sliceRowsOf(limits.queryRows);
        const rowsLeft = (): number => sliceRows - governor.queryRows;
        // One execute is one transaction: its rows are stored only when all its queries ran (a limit rolls it back).
        const slice = new Map<string, Record<string, unknown>>();
        const purged: string[] = [];
        const rowFor = (key: string): Record<string, unknown> | undefined =>
            slice.get(key) ?? (stored.has(key) ? { ...stored.get(key)! } : undefined);
        let fits = true;
        try {
            const count = (name: string, cap: number): number =>
                runSoql(query(queries, name), { org: visible, governor, binds: { ...binds, cap } }).count;
            // Sized before it is counted: the live queries read up to perMql rows per MQL and perMember per member, and
            // the stored rows they add to at most as many again.
            const mqls = count('MQL_COUNT', Math.floor(rowsLeft() / (2 * perMql)) + 1);
            const members =
                mqls === 0 || 2 * perMql * mqls > rowsLeft() ? 0 : count('MEMBER_COUNT', Math.floor(rowsLeft() / (2 * perMember)) + 1);
            // Review rows are bounded by the reviews, not the MQLs (each verdict is a row): counted likewise, when the rest fits.
            const leadRows = 2 * (perMql * mqls + perMember * members);
            const reviews =
                mqls === 0 || leadRows > rowsLeft() ? 0 : count('REVIEW_COUNT', Math.floor((rowsLeft() - leadRows) / (2 * perReview)) + 1);
            fits = leadRows + 2 * perReview * reviews <= rowsLeft();
            // The batch's execute fails with this label (its values: the hour, MQLs, members, rows left).
            if (!fits && hour) throw new Error(`LG_Snapshot_Error_HourTooLarge: ${start}, ${mqls}, ${members}, ${rowsLeft()}`);
            for (const v of fits && mqls > 0 ? partVariants(def) : []) {
                const result = runSoql(query(queries, v.live), { org: visible, governor, binds });
                const groups = v.part.select.filter((c) => !c.aggregate);
                const measures = v.part.select.filter((c) => c.aggregate);
                for (const row of result.rows) {
                    for (const alias of aliases.get(v.live) ?? [])
                        if (!(alias in row)) throw new Error(`Invalid field ${alias} for AggregateResult`);
                    const key = JSON.stringify([month, v.part.name, ...groups.map((c) => row[c.alias] ?? null)]);
                    let target = rowFor(key);
                    if (!target) {
                        target = {
                            Id: `a0S${stored.size + slice.size}`,
                            Run_Id__c: options.runId,
                            Month__c: month,
                            Kind__c: v.part.name,
                            Snapshot_Key__c: key
                        };
                        for (const field of counts) target[field] = 0;
                    }
                    slice.set(key, target);
                    for (const c of groups)
                        target[c.snapshotField!] = row[c.alias] === null || row[c.alias] === undefined ? null : String(row[c.alias]);
                    for (const c of measures) target[c.snapshotField!] = Number(target[c.snapshotField!]) + Number(row[c.alias] ?? 0);
                }
            }
            // The batch's SNAPSHOT_ROWS_BY_KEY: the run's rows stored by earlier executes under this slice's keys.
            if (slice.size > 0) {
                governor.query();
                governor.rows([...slice.keys()].filter((key) => stored.has(key)).length);
            }
            // The purge: keep this run and the newest complete one (what the dashboard reads until this run is marked).
            const lastRun = runSoql(query(queries, 'LATEST_SNAPSHOT_RUN'), { org: visible, governor, binds: {} }).rows[0];
            const keep = [options.runId, ...(lastRun ? [String(lastRun.Run_Id__c)] : [])];
            const stale = runSoql(query(queries, 'STALE_ROWS'), { org: visible, governor, binds: { keep, purgeRows: PURGE_ROWS } });
            for (const row of stale.rows) purged.push(String(row.Id));
            for (const [key, row] of slice) stored.set(key, row);
            for (const id of purged) deleted.add(id);
            slices.push({ start, usage: governor.usage() });
        } catch (error) {
            if (hour && !fits) refused.push(start);
            slices.push({ start, usage: governor.usage(), error: error instanceof Error ? error.message : String(error) });
        }
        return fits;
    };

    const days = snapshotSlices(options.runDate, options.horizonMonths, options.sliceDays);
    for (const slice of days) if (!execute(slice, false)) split.push(slice);
    // finish() of the first pass: a run without failed executes counts the slices too large hour by hour.
    if (!slices.some((s) => s.error)) for (const slice of split) for (const hour of sliceHours(slice)) execute(hour, true);

    const rows = [...stored.values()];
    const result = { purged: [...deleted], slices, split: split.map((s) => s.start), refused };
    // finish(): the run is marked complete (and read by the dashboard) only when no execute of either pass failed.
    if (slices.some((s) => s.error)) return { rows, ...result };
    const marker = {
        Id: 'a0SRUN',
        Run_Id__c: options.runId,
        Kind__c: SNAPSHOT_RUN_KIND,
        Month__c: firstMonthOf(options.runDate, options.horizonMonths),
        As_Of__c: options.asOf,
        Snapshot_Key__c: `${options.runId}|${SNAPSHOT_RUN_KIND}`
    };
    return { rows: [...rows, marker], ...result };
}
