/**
 * The dashboard's SOQL at scale, measured by the SOQL evaluator: for 10,000 / 1,000,000 / 10,000,000 emulated leads,
 * each dashboard request runs the generated query strings of LeadGateDashboardQueries.cls (the controller's own steps:
 * guard counts, live or snapshot path, owner names) under one transaction's governor, and the bench prints its SOQL
 * queries, query rows (every row each query reads), the largest aggregate result and the estimated heap against the
 * limits, or the platform error it stops with. The nightly snapshot the large windows read is built first by the
 * batch's own steps (preview/server/soql/snapshotRunner.ts), one day per execute and, for a day too large for one,
 * one hour per execute; the bench prints the split days and the worst execute.
 *
 *   npm run bench:dashboard -- [--sizes 10000,1000000,10000000]
 *
 * The leads are generated as they are read (bench/dashboard/streamingOrg.ts), so 10,000,000 leads need no memory;
 * time grows with the leads each query's MQL window reaches.
 */
import { performance } from 'node:perf_hooks';
import { windowFor } from 'c/funnelMetrics';
import { loadSchema } from '../../scripts/checks/verify-apex/schema.ts';
import { apexQueries } from '../../preview/server/soql/apexQueries.ts';
import { DashboardRefusal, getFunnel, getTrend, type FunnelParams } from '../../preview/server/soql/dashboardRunner.ts';
import { Governor, LIMITS, type GovernorUsage } from '../../preview/server/soql/governor.ts';
import { runSnapshotBatch } from '../../preview/server/soql/snapshotRunner.ts';
import { streamingOrg } from './streamingOrg.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const sizes = option('sizes', '10000,1000000,10000000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n > 0);

const ANCHOR = new Date('2026-05-14T12:00:00.000Z');
const TODAY = '2026-05-14';
const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const secs = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const of = (used: number, limit: number): string => `${int(used)} / ${int(limit)}`;

function usageLine(u: GovernorUsage): string {
    return (
        `SOQL ${of(u.soqlQueries, LIMITS.soqlQueries)}  rows ${of(u.queryRows, LIMITS.queryRows)}  ` +
        `largest aggregate ${int(u.largestAggregateRows)} (for-loop limit ${int(LIMITS.aggregateRowsInForLoop)})  heap ~${(u.heapBytes / 1e6).toFixed(2)} / 6 MB`
    );
}

const schema = loadSchema(ROOT);
const queries = apexQueries(ROOT);
console.log(
    `dashboard SOQL bench: the generated queries of LeadGateDashboardQueries.cls through the SOQL evaluator; Node ${process.version}`
);
for (const size of sizes) {
    const org = streamingOrg(schema, { leads: size, anchor: ANCHOR });
    console.log(`\n${int(size)} emulated leads (generated as read; 32 reps in 4 teams, 30 campaigns, 365 days)`);

    let started = performance.now();
    const batch = runSnapshotBatch(org, queries, {
        runId: '707BENCH',
        runDate: TODAY,
        horizonMonths: 13,
        sliceDays: 1,
        asOf: '2026-05-14T02:00:00.000Z'
    });
    org.tables.set('LeadGate_Funnel_Snapshot__c', batch.rows);
    const worst = batch.slices.reduce((a, b) => (b.usage.queryRows > a.usage.queryRows ? b : a));
    const failed = batch.slices.filter((s) => s.error);
    const hours = batch.slices.length - batch.slices.filter((s) => s.start.length === 10).length;
    console.log(
        `  nightly snapshot: ${int(batch.slices.length)} executes (${int(batch.slices.length - hours)} days, ` +
            `${int(batch.split.length)} of them too large and counted again as ${int(hours)} hours) in ${secs(performance.now() - started)}, ` +
            `${int(batch.rows.length)} rows stored; worst execute ${worst.start}: ${usageLine(worst.usage)}` +
            (failed.length
                ? `\n    ${int(failed.length)} executes FAIL (${int(batch.refused.length)} hours refused), first ${failed[0]!.start}: ${failed[0]!.error}`
                : '; every execute within the limits')
    );

    const window = (preset: 'last30' | 'last90' | 'last365'): Pick<FunnelParams, 'windowStart' | 'windowEnd'> => {
        const w = windowFor(preset, TODAY);
        return { windowStart: w.start, windowEnd: w.end };
    };
    const requests: Array<[string, FunnelParams]> = [
        ['last 30 days, every rep', { ...window('last30'), teamManagerId: null }],
        ['last 90 days, every rep', { ...window('last90'), teamManagerId: null }],
        ['last 365 days, every rep', { ...window('last365'), teamManagerId: null }],
        ['last 30 days, one team', { ...window('last30'), teamManagerId: String(org.users[0]!.Id) }],
        ['last 90 days, one team', { ...window('last90'), teamManagerId: String(org.users[0]!.Id) }],
        ['last 365 days, one team', { ...window('last365'), teamManagerId: String(org.users[0]!.Id) }]
    ];
    const env = (governor: Governor) => ({ org, queries, governor, now: ANCHOR, userId: String(org.users[0]!.Id) });
    const returned = (parts: ReadonlyArray<{ rows: readonly unknown[] }>): number => parts.reduce((n, r) => n + r.rows.length, 0);
    /** One request: its source and the rows it returns. */
    type Load = (governor: Governor) => { source: string; rows: number };
    const loads: Array<[string, Load]> = [
        ...requests.map(([name, params]): [string, Load] => [
            name,
            (governor) => {
                const r = getFunnel(params, env(governor));
                return { source: r.source, rows: returned([...r.results, ...r.owners]) };
            }
        ]),
        ...[null, String(org.users[0]!.Id)].map((team): [string, Load] => [
            team ? 'trend, four quarters, team' : 'trend, four quarters',
            (governor) => {
                const r = getTrend({ teamManagerId: team }, env(governor));
                return { source: r.source, rows: returned(r.results) };
            }
        ])
    ];
    for (const [name, load] of loads) {
        const governor = new Governor();
        started = performance.now();
        let outcome: string;
        try {
            const response = load(governor);
            outcome = `${response.source.padEnd(8)} ${int(response.rows).padStart(6)} rows returned`;
        } catch (error) {
            outcome =
                error instanceof DashboardRefusal
                    ? `refused  (${error.label}: ${error.values.join(', ')})`
                    : `FAILS    ${error instanceof Error ? error.message : String(error)}`;
        }
        console.log(`  ${name.padEnd(26)} ${outcome}  ${usageLine(governor.usage())}  ${secs(performance.now() - started)}`);
    }
}
