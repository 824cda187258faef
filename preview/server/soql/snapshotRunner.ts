/**
 * LeadFunnelSnapshotBatch as the bench and the case table run it: each slice (one execute, its own transaction and
 * governor) runs the dashboard's live queries for every owner (the generated LIVE_EVERY_OWNER texts) through the SOQL
 * evaluator, and adds each row to its month's snapshot row through the same field maps the generated class holds
 * (snapshotField of each column); each execute then purges older runs with the batch's own query texts
 * (LATEST_SNAPSHOT_RUN, generated, and the batch's STALE_ROWS). Returns the stored rows, with the run's marker when
 * every execute succeeded (as finish() marks only a run without errors), the purged row ids, and each slice's
 * governor usage.
 *
 * The batch's own branches (slices and month boundaries, the marker written last and only for a complete run, which
 * runs survive a purge) are held by the shared case table data/snapshot-cases.json: snapshotCases.test.ts plays it
 * here, LeadFunnelSnapshotCases_Tests plays it against the batch in the org.
 */
import { SNAPSHOT_RUN_KIND, partVariants, snapshotCounts, dashboardParts, renderedQueries } from 'c/dashboardQueries';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { runSoql, type SoqlOrg, type SoqlRecord } from './evaluator.ts';
import { Governor, LIMITS, type GovernorUsage } from './governor.ts';

export interface SnapshotRun {
    rows: SoqlRecord[];
    /** Ids of stored rows of older runs that the executes deleted. */
    purged: string[];
    slices: Array<{ start: string; usage: GovernorUsage; error?: string }>;
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
}

/** One execute's days: from `start` up to the day before `end` (YYYY-MM-DD). */
export interface SnapshotSlice {
    start: string;
    end: string;
}

/** Rows of older runs deleted per execute (the batch's PURGE_ROWS). */
export const PURGE_ROWS = 5000;
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
    const stored = new Map<string, Record<string, unknown>>();
    const slices: SnapshotRun['slices'] = [];
    const deleted = new Set<string>();
    for (const { start, end } of snapshotSlices(options.runDate, options.horizonMonths, options.sliceDays)) {
        const month = `${start.slice(0, 8)}01`;
        const governor = new Governor(options.limitsOf?.(start) ?? LIMITS);
        const visible = withoutDeleted(org, deleted);
        // One execute is one transaction: its rows are stored only when all its queries ran (a limit rolls it back).
        const slice = new Map<string, Record<string, unknown>>();
        const purged: string[] = [];
        const rowFor = (key: string): Record<string, unknown> | undefined =>
            slice.get(key) ?? (stored.has(key) ? { ...stored.get(key)! } : undefined);
        try {
            for (const v of partVariants(def)) {
                const result = runSoql(query(queries, v.live), {
                    org: visible,
                    governor,
                    binds: { startAt: new Date(`${start}T00:00:00Z`), endAt: new Date(`${end}T00:00:00Z`) }
                });
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
            // The purge: keep this run and the newest complete one (what the dashboard reads until this run is marked).
            const lastRun = runSoql(query(queries, 'LATEST_SNAPSHOT_RUN'), { org: visible, governor, binds: {} }).rows[0];
            const keep = [options.runId, ...(lastRun ? [String(lastRun.Run_Id__c)] : [])];
            const stale = runSoql(query(queries, 'STALE_ROWS'), { org: visible, governor, binds: { keep, purgeRows: PURGE_ROWS } });
            for (const row of stale.rows) purged.push(String(row.Id));
            for (const [key, row] of slice) stored.set(key, row);
            for (const id of purged) deleted.add(id);
            slices.push({ start, usage: governor.usage() });
        } catch (error) {
            slices.push({ start, usage: governor.usage(), error: error instanceof Error ? error.message : String(error) });
        }
    }
    const rows = [...stored.values()];
    // finish(): the run is marked complete (and read by the dashboard) only when no execute failed.
    if (slices.some((s) => s.error)) return { rows, purged: [...deleted], slices };
    const marker = {
        Id: 'a0SRUN',
        Run_Id__c: options.runId,
        Kind__c: SNAPSHOT_RUN_KIND,
        Month__c: firstMonthOf(options.runDate, options.horizonMonths),
        As_Of__c: options.asOf,
        Snapshot_Key__c: `${options.runId}|${SNAPSHOT_RUN_KIND}`
    };
    return { rows: [...rows, marker], purged: [...deleted], slices };
}
