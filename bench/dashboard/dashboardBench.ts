/**
 * Times the preview's dashboard aggregate (the TypeScript twin of LeadGateDashboardController.getFunnel)
 * over emulated orgs of 10,000 and 1,000,000 leads, and the client-side reading of its answer.
 *
 *   npx tsx bench/dashboard/dashboardBench.ts [--sizes 10000,1000000] [--runs 3]
 *
 * For each org size it prints the one-off cost of indexing the leads by MQL time (what the database's
 * indexes are to the SOQL), then for each window: the path the controller would take (live or snapshot), the
 * rows returned to the browser (bounded by groups, not leads), the payload size, the query rows the Apex would
 * consume, and the median time of the aggregate and of buildDashboard (the browser's reading of the answer).
 */
import { performance } from 'node:perf_hooks';
import { buildDashboard, COACHING_TEXT_LABELS, windowFor, type CoachingText, type FunnelData } from 'c/funnelMetrics';
import { aggregateFunnel, indexSource, type FunnelRequest } from '../../preview/server/dashboardAggregate.ts';
import { emulatedOrg } from './emulatedLeads.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const sizes = option('sizes', '10000,1000000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isFinite(n) && n > 0);
const runs = Math.max(1, Number(option('runs', '3')));

const anchor = new Date('2026-05-14T12:00:00.000Z');
const today = '2026-05-14';
/** Sentence templates: the label names stand in for the texts (timing does not depend on the words). */
const text = Object.fromEntries(
    Object.entries(COACHING_TEXT_LABELS).map(([key, name]) => [key, `${name} {0} {1} {2}`])
) as unknown as CoachingText;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function time<T>(fn: () => T): { result: T; elapsed: number[] } {
    const elapsed: number[] = [];
    let result!: T;
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        result = fn();
        elapsed.push(performance.now() - started);
    }
    return { result, elapsed };
}

const rowsReturned = (data: FunnelData): number =>
    data.funnel.length +
    data.speed.length +
    data.compliance.length +
    data.campaigns.length +
    data.campaignRejections.length +
    data.owners.length;

console.log(`dashboard aggregate bench: ${runs} run(s) per case, median shown; Node ${process.version}`);
for (const size of sizes) {
    const generated = performance.now();
    const org = emulatedOrg({ leads: size, anchor });
    const generation = performance.now() - generated;
    const teamManagerId = String(org.users[0]!.Id);
    const indexed = performance.now();
    indexSource(org);
    const indexing = performance.now() - indexed;
    console.log(
        `\n${size.toLocaleString('en-US')} emulated leads (generated in ${ms(generation)}; indexed by MQL time once in ${ms(indexing)}; ` +
            `heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)`
    );
    const cases: Array<[string, FunnelRequest]> = [
        ['last 30 days, every rep', { ...toRequest('last30'), teamManagerId: null }],
        ['last 90 days, every rep', { ...toRequest('last90'), teamManagerId: null }],
        ['last 365 days, every rep', { ...toRequest('last365'), teamManagerId: null }],
        ['last 90 days, one team', { ...toRequest('last90'), teamManagerId }]
    ];
    for (const [name, request] of cases) {
        const aggregate = time(() => aggregateFunnel(org, request, anchor));
        const reading = time(() => buildDashboard(aggregate.result, text, { locale: 'en-US' }));
        const data = aggregate.result;
        const payload = Buffer.byteLength(JSON.stringify(data));
        console.log(
            `  ${name.padEnd(26)} ${data.source.padEnd(8)} rows returned ${String(rowsReturned(data)).padStart(5)}  payload ${String(Math.round(payload / 1024)).padStart(4)} KB  ` +
                `Apex rows ${String(data.rowsUsed).padStart(7)}  aggregate ${ms(median(aggregate.elapsed)).padStart(8)}  buildDashboard ${ms(median(reading.elapsed)).padStart(7)}`
        );
    }
}

function toRequest(preset: 'last30' | 'last90' | 'last365'): { windowStart: string; windowEnd: string } {
    const window = windowFor(preset, today);
    return { windowStart: window.start, windowEnd: window.end };
}
