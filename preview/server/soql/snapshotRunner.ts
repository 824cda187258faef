/**
 * LeadFunnelSnapshotBatch as the bench runs it: each slice (one execute, its own transaction and governor) runs the
 * dashboard's live queries for every owner (the generated LIVE_EVERY_OWNER texts) through the SOQL evaluator, and
 * adds each row to its month's snapshot row through the same field maps the generated class holds
 * (snapshotField of each column). Returns the stored rows, with the run's marker when every execute succeeded (as
 * finish() marks only a run without errors), and each slice's governor usage.
 */
import { SNAPSHOT_RUN_KIND, partVariants, snapshotCounts, dashboardParts, renderedQueries } from 'c/dashboardQueries';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { runSoql, type SoqlOrg, type SoqlRecord } from './evaluator.ts';
import { Governor, type GovernorUsage } from './governor.ts';

export interface SnapshotRun {
    rows: SoqlRecord[];
    slices: Array<{ start: string; usage: GovernorUsage; error?: string }>;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

export function runSnapshotBatch(
    org: SoqlOrg,
    queries: ReadonlyMap<string, string>,
    options: { runId: string; runDate: string; horizonMonths: number; sliceDays: number; asOf: string; def?: SqlDefinition }
): SnapshotRun {
    const def = options.def ?? SQL_DEFINITION;
    const aliases = new Map(renderedQueries(def).map((q) => [q.name, q.aliases]));
    const counts = snapshotCounts(dashboardParts(def));
    const run = new Date(`${options.runDate}T00:00:00Z`);
    const first = Date.UTC(run.getUTCFullYear(), run.getUTCMonth() + 1 - options.horizonMonths, 1);
    const stored = new Map<string, Record<string, unknown>>();
    const slices: SnapshotRun['slices'] = [];
    for (
        let month = first;
        month <= run.getTime();
        month = Date.UTC(new Date(month).getUTCFullYear(), new Date(month).getUTCMonth() + 1, 1)
    ) {
        const monthEnd = Date.UTC(new Date(month).getUTCFullYear(), new Date(month).getUTCMonth() + 1, 1);
        for (let start = month; start < monthEnd && start <= run.getTime(); start += options.sliceDays * DAY) {
            const end = Math.min(start + options.sliceDays * DAY, monthEnd);
            const governor = new Governor();
            // One execute is one transaction: its rows are stored only when all its queries ran (a limit rolls it back).
            const slice = new Map<string, Record<string, unknown>>();
            const rowFor = (key: string): Record<string, unknown> | undefined =>
                slice.get(key) ?? (stored.has(key) ? { ...stored.get(key)! } : undefined);
            try {
                for (const v of partVariants(def)) {
                    const result = runSoql(queries.get(v.live)!, {
                        org,
                        governor,
                        binds: { startAt: new Date(start), endAt: new Date(end) }
                    });
                    const groups = v.part.select.filter((c) => !c.aggregate);
                    const measures = v.part.select.filter((c) => c.aggregate);
                    for (const row of result.rows) {
                        for (const alias of aliases.get(v.live) ?? [])
                            if (!(alias in row)) throw new Error(`Invalid field ${alias} for AggregateResult`);
                        const key = JSON.stringify([day(month), v.part.name, ...groups.map((c) => row[c.alias] ?? null)]);
                        let target = rowFor(key);
                        if (!target) {
                            target = {
                                Id: `a0S${stored.size + slice.size}`,
                                Run_Id__c: options.runId,
                                Month__c: day(month),
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
                for (const [key, row] of slice) stored.set(key, row);
                slices.push({ start: day(start), usage: governor.usage() });
            } catch (error) {
                slices.push({ start: day(start), usage: governor.usage(), error: error instanceof Error ? error.message : String(error) });
            }
        }
    }
    // finish(): the run is marked complete (and read by the dashboard) only when no execute failed.
    if (slices.some((s) => s.error)) return { rows: [...stored.values()], slices };
    const marker = {
        Id: 'a0SRUN',
        Run_Id__c: options.runId,
        Kind__c: SNAPSHOT_RUN_KIND,
        Month__c: day(first),
        As_Of__c: options.asOf,
        Snapshot_Key__c: `${options.runId}|${SNAPSHOT_RUN_KIND}`
    };
    return { rows: [...stored.values(), marker], slices };
}
