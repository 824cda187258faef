/**
 * The coaching dashboard at 10,000, 100,000 and 1,000,000 emulated leads.
 *
 * The leads come from D's deterministic generator (bench/dashboard/emulatedLeads.ts). Two steps are timed apart,
 * as they run apart in an org:
 * - aggregation: the preview's LeadGateDashboardController.getFunnel runs the generated SOQL of
 *   LeadGateDashboardQueries.cls through the SOQL evaluator (preview/server/soql) for the dashboard's default request
 *   (last 90 days, every rep), and funnelDataOf reads the rows. In an org this is the SOQL's work. Timed on its own as a
 *   one-off first: the nightly snapshot the large windows read (the batch's steps, one month per execute here);
 * - metrics: buildDashboard (c/funnelMetrics), the browser's reading of those rows (chain, bands, findings).
 * Time is the median of several runs; memory is the heap growth during one run (after a full collection, with
 * no collection forced inside the step; heap plus typed-array buffers). Then, in Chromium, the preview's
 * dashboard page with its Apex answered from the same emulated org (already indexed by the step above, as an org's
 * indexes exist before a page asks): navigation -> the funnel chain showing figures, and -> both charts drawn.
 *
 *   npx tsx bench/dashboard.ts [--sizes 10000,100000,1000000]
 */
import type { Browser } from 'playwright-core';
import { buildDashboard, COACHING_TEXT_LABELS, windowFor, type CoachingText, type FunnelData } from 'c/funnelMetrics';
import { funnelDataOf, type FunnelResponse } from 'c/dashboardQueries';
import { loadSchema } from '../scripts/checks/verify-apex/schema.ts';
import { apexQueries } from '../preview/server/soql/apexQueries.ts';
import { getFunnel, type FunnelParams } from '../preview/server/soql/dashboardRunner.ts';
import type { SoqlRecord } from '../preview/server/soql/evaluator.ts';
import { Governor } from '../preview/server/soql/governor.ts';
import { recordsOrg } from '../preview/server/soql/org.ts';
import { runSnapshotBatch } from '../preview/server/soql/snapshotRunner.ts';
import type { LeadStore } from '../preview/server/leadStore.ts';
import { readProjectMetadata } from '../preview/bundler/projectMetadata.ts';
import type { BundleOutput } from '../preview/bundler/bundle.ts';
import { loadSampleData } from '../scripts/admin/sample-data/load.ts';
import { emulatedOrg, type FunnelSource } from './dashboard/emulatedLeads.ts';
import { atMost, BUDGETS } from './budgets.ts';
import { contextAs, launchChromium } from './lib/browser.ts';
import { startPreview, type RunningPreview } from './lib/previewServer.ts';
import {
    bytes,
    duration,
    gc,
    GroupPrinter,
    int,
    isMain,
    median,
    megabytes,
    memoryInUse,
    printEnvironment,
    retainedHeap,
    ROOT,
    type GroupResult
} from './lib/report.ts';
import { buildPreview } from './bundles.ts';

export const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
/**
 * One team of 32 reps (the generator's default is 4 x 8): the preview's sample manager is made their manager, so
 * the dashboard's first load (the signed-in manager's team) asks for exactly the rows measured here for every rep.
 */
const ORG_SHAPE = { teams: 1, repsPerTeam: 32 };

export interface DashboardSizeFigures {
    leads: number;
    generateMs: number;
    orgHeapBytes: number;
    /** The nightly snapshot built once (the batch's steps over the org, one month per execute). */
    snapshotMs: number;
    snapshotHeapBytes: number;
    path: FunnelData['source'];
    rowsReturned: number;
    apexQueryRows: number;
    payloadBytes: number;
    aggregateMs: number;
    aggregateHeapGrowthBytes: number;
    metricsMs: number;
    metricsHeapGrowthBytes: number;
    pageFiguresMs: number | null;
    pageChartsMs: number | null;
    pageWarmFiguresMs: number | null;
    serverMs: number | null;
}

const rowsReturned = (data: FunnelData): number =>
    data.funnel.length +
    data.speed.length +
    data.compliance.length +
    data.campaigns.length +
    data.campaignRejections.length +
    data.owners.length;

/** The dashboard's sentences from the project's Custom Labels (as the component imports them). */
function coachingText(): CoachingText {
    const labels = readProjectMetadata(ROOT).labels;
    return Object.fromEntries(
        Object.entries(COACHING_TEXT_LABELS).map(([key, name]) => {
            const value = labels.get(name);
            if (value === undefined) throw new Error(`Custom Label ${name} (coaching text ${key}) is missing.`);
            return [key, value];
        })
    ) as unknown as CoachingText;
}

/** Median time of `runs` calls, and the heap growth of the first (measured after a full collection). */
function measure<T>(runs: number, fn: () => T): { result: T; ms: number; heapGrowth: number } {
    gc();
    const before = memoryInUse();
    let started = performance.now();
    let result = fn();
    const times = [performance.now() - started];
    const heapGrowth = memoryInUse() - before;
    for (let i = 1; i < runs; i++) {
        started = performance.now();
        result = fn();
        times.push(performance.now() - started);
    }
    return { result, ms: median(times), heapGrowth };
}

/** The page probe: first frames where the chain shows figures and where both charts hold data. */
const DASHBOARD_PROBE = `(() => {
    const deepAll = (root, selector, out = []) => {
        root.querySelectorAll(selector).forEach((el) => out.push(el));
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, selector, out);
        return out;
    };
    const tick = () => {
        const now = performance.now();
        if (window.__leadgateFiguresAt === undefined) {
            const steps = deepAll(document, '[data-id="chain"] li');
            if (steps.length && steps.every((li) => /\\d/.test(li.getAttribute('aria-label') || ''))) window.__leadgateFiguresAt = now;
        }
        if (window.__leadgateChartsAt === undefined && window.Chart) {
            const canvases = deepAll(document, 'canvas');
            const drawn = canvases.filter((c) => {
                const chart = window.Chart.getChart(c);
                return chart && chart.data.datasets.length > 0;
            });
            if (canvases.length >= 2 && drawn.length === canvases.length) window.__leadgateChartsAt = now;
        }
        if (window.__leadgateFiguresAt === undefined || window.__leadgateChartsAt === undefined) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})();`;

interface PageLoad {
    figuresMs: number;
    chartsMs: number;
    serverMs: number | null;
}

async function loadDashboard(browser: Browser, preview: RunningPreview, managerId: string, loads: number): Promise<PageLoad[]> {
    const context = await contextAs(browser, preview.url, managerId);
    await context.addInitScript(DASHBOARD_PROBE);
    const page = await context.newPage();
    const results: PageLoad[] = [];
    try {
        for (let i = 0; i < loads; i++) {
            const funnel = page.waitForResponse((r) => r.url().includes('LeadGateDashboardController.getFunnel'), { timeout: 120_000 });
            await page.goto(`${preview.url}/dashboard`, { waitUntil: 'commit' });
            const response = await funnel;
            if (response.status() !== 200)
                throw new Error(`getFunnel answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
            await page.waitForFunction(
                () => {
                    const w = window as unknown as { __leadgateFiguresAt?: number; __leadgateChartsAt?: number };
                    return w.__leadgateFiguresAt !== undefined && w.__leadgateChartsAt !== undefined;
                },
                null,
                { timeout: 120_000, polling: 100 }
            );
            const at = await page.evaluate(() => {
                const w = window as unknown as { __leadgateFiguresAt: number; __leadgateChartsAt: number };
                return { figuresMs: w.__leadgateFiguresAt, chartsMs: w.__leadgateChartsAt };
            });
            const timing = response.request().timing();
            const serverMs = timing.responseStart >= 0 && timing.requestStart >= 0 ? timing.responseStart - timing.requestStart : null;
            results.push({ ...at, serverMs });
        }
    } finally {
        await context.close();
    }
    return results;
}

/**
 * The sample store, with the dashboard's records answered from an emulated org (the record page's data unchanged).
 * The emulated team's manager is replaced by `managerId`, a manager of the sample data who can sign in.
 */
export function withOrg(
    current: () => FunnelSource | null,
    managerId: string,
    snapshot: () => readonly SoqlRecord[] = () => []
): (store: LeadStore) => LeadStore {
    return (store) => {
        let users: Record<string, unknown>[] | null = null;
        let usersOf: FunnelSource | null = null;
        const records = (sobject: string): Record<string, unknown>[] => {
            const org = current();
            if (!org) return store.records(sobject);
            switch (sobject) {
                case 'Lead':
                    return org.leads as Record<string, unknown>[];
                case 'Campaign':
                    return org.campaigns as Record<string, unknown>[];
                case 'CampaignMember':
                    return org.campaignMembers as Record<string, unknown>[];
                case 'Opportunity':
                    return org.opportunities as Record<string, unknown>[];
                case 'LeadGate_Funnel_Snapshot__c':
                    return snapshot() as Record<string, unknown>[];
                case 'User':
                    if (usersOf !== org) {
                        const managers = new Set(org.users.filter((u) => !u.ManagerId).map((u) => String(u.Id)));
                        const reps = org.users
                            .filter((u) => u.ManagerId)
                            .map((u) => ({ ...u, ManagerId: managers.has(String(u.ManagerId)) ? managerId : u.ManagerId }));
                        users = [...store.records('User'), ...reps];
                        usersOf = org;
                    }
                    return users ?? [];
                default:
                    return store.records(sobject);
            }
        };
        return new Proxy(store, {
            get(target, property) {
                if (property === 'records') return records;
                const value = Reflect.get(target, property, target) as unknown;
                return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
            }
        });
    };
}

export async function runDashboard(
    options: { sizes?: number[]; runs?: number; bundle?: BundleOutput; browser?: boolean } = {}
): Promise<GroupResult & { figures: DashboardSizeFigures[] }> {
    const out = new GroupPrinter('Dashboard: aggregation and funnelMetrics at 10,000 / 100,000 / 1,000,000 emulated leads');
    const sizes = options.sizes ?? DEFAULT_SIZES;
    const runs = options.runs ?? 7;
    const text = coachingText();
    // The leads span the 12 months before now (to the minute), so the page's "last 90 days" (the browser's today) holds them.
    const anchor = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const window90 = windowFor('last90', anchor.toISOString().slice(0, 10));
    const request: FunnelParams = { windowStart: window90.start, windowEnd: window90.end, teamManagerId: null };
    const schema = loadSchema(ROOT);
    const queries = apexQueries(ROOT);
    let snapshotRows: readonly SoqlRecord[] = [];
    const recordsOf =
        (source: FunnelSource) =>
        (type: string): readonly SoqlRecord[] =>
            ({
                Lead: source.leads,
                User: source.users,
                Campaign: source.campaigns,
                CampaignMember: source.campaignMembers,
                Opportunity: source.opportunities,
                LeadGate_Funnel_Snapshot__c: snapshotRows
            })[type] ?? [];
    const figures: DashboardSizeFigures[] = [];

    let org: FunnelSource | null = null;
    let preview: RunningPreview | null = null;
    let browser: Browser | null = null;
    try {
        const manager = loadSampleData(ROOT).users.find((u) => u.role === 'Manager');
        if (!manager) throw new Error('data/users.json has no Manager.');
        if (options.browser !== false) {
            const bundle = options.bundle ?? (await buildPreview());
            preview = await startPreview({
                bundle,
                view: withOrg(
                    () => org,
                    manager.id,
                    () => snapshotRows
                )
            });
            browser = await launchChromium();
        }
        out.line(
            `request: last 90 days (${request.windowStart} to ${request.windowEnd}), every rep; median of ${runs} runs; ` +
                `heap growth measured after a full collection${browser ? `; Chromium ${browser.version()} as ${manager.name} (Manager of the emulated reps)` : ''}`
        );
        for (const size of sizes) {
            org = null;
            const baseline = retainedHeap();
            let started = performance.now();
            org = emulatedOrg({ leads: size, anchor, ...ORG_SHAPE });
            const generateMs = performance.now() - started;
            const orgHeap = retainedHeap() - baseline;
            const source: FunnelSource = org;
            const soqlOrg = recordsOrg(schema, recordsOf(source));
            started = performance.now();
            snapshotRows = runSnapshotBatch(soqlOrg, queries, {
                runId: '707BENCH',
                runDate: anchor.toISOString().slice(0, 10),
                horizonMonths: 13,
                sliceDays: 31,
                asOf: anchor.toISOString()
            }).rows;
            const snapshotMs = performance.now() - started;
            const snapshotHeap = retainedHeap() - baseline - orgHeap;

            let response: FunnelResponse | null = null;
            const aggregate = measure(runs, () => {
                response = getFunnel(request, { org: soqlOrg, queries, governor: new Governor(), now: anchor, userId: manager.id });
                return funnelDataOf(response);
            });
            const data = aggregate.result;
            const metrics = measure(runs, () => buildDashboard(data, text, { locale: 'en-US' }));

            let pageFiguresMs: number | null = null;
            let pageChartsMs: number | null = null;
            let pageWarmFiguresMs: number | null = null;
            let serverMs: number | null = null;
            if (browser && preview) {
                const loads = await loadDashboard(browser, preview, manager.id, 3);
                pageFiguresMs = loads[0]?.figuresMs ?? null;
                pageChartsMs = loads[0]?.chartsMs ?? null;
                pageWarmFiguresMs = median(loads.slice(1).map((l) => l.figuresMs));
                serverMs = median(loads.map((l) => l.serverMs ?? Number.NaN));
            }
            const f: DashboardSizeFigures = {
                leads: size,
                generateMs,
                orgHeapBytes: orgHeap,
                snapshotMs,
                snapshotHeapBytes: snapshotHeap,
                path: data.source,
                rowsReturned: rowsReturned(data),
                apexQueryRows: data.rowsUsed,
                payloadBytes: Buffer.byteLength(JSON.stringify(response)),
                aggregateMs: aggregate.ms,
                aggregateHeapGrowthBytes: aggregate.heapGrowth,
                metricsMs: metrics.ms,
                metricsHeapGrowthBytes: metrics.heapGrowth,
                pageFiguresMs,
                pageChartsMs,
                pageWarmFiguresMs,
                serverMs
            };
            figures.push(f);
            out.line(
                `${int(size)} leads: generated in ${duration(generateMs)} (${megabytes(orgHeap)} heap); nightly snapshot built once in ${duration(snapshotMs)} (${megabytes(snapshotHeap)})`
            );
            out.line(
                `  aggregation (getFunnel, generated SOQL): ${duration(f.aggregateMs)}, heap growth ${megabytes(f.aggregateHeapGrowthBytes)}; ${f.path} path, ` +
                    `${int(f.rowsReturned)} rows to the browser (${bytes(f.payloadBytes)} JSON), ${int(f.apexQueryRows)} query rows (evaluator)`
            );
            out.line(`  metrics (buildDashboard):      ${duration(f.metricsMs)}, heap growth ${megabytes(f.metricsHeapGrowthBytes)}`);
            if (pageFiguresMs !== null)
                out.line(
                    `  preview page: navigation -> chain figures ${duration(pageFiguresMs)} (first load), ${duration(pageWarmFiguresMs ?? Number.NaN)} (warm median of 2); ` +
                        `-> both charts drawn ${duration(pageChartsMs ?? Number.NaN)}; getFunnel on the server ${duration(serverMs ?? Number.NaN)} (median)`
                );
        }
        org = null;
        if (preview?.serverErrors.length) throw new Error(`The preview server failed on requests:\n${preview.serverErrors.join('\n')}`);
        const first = figures[0];
        const last = figures[figures.length - 1];
        if (first && last && last !== first)
            out.line(
                `${int(last.leads)} vs ${int(first.leads)} leads (${int(last.leads / first.leads)} x the leads): aggregation ${(last.aggregateMs / first.aggregateMs).toFixed(1)} x, ` +
                    `metrics ${(last.metricsMs / first.metricsMs).toFixed(1)} x, rows to the browser ${(last.rowsReturned / first.rowsReturned).toFixed(1)} x`
            );
        const million = figures.find((f) => f.leads === 1_000_000);
        if (million)
            out.check(
                atMost(
                    "buildDashboard over 1,000,000 leads' rows (median)",
                    million.metricsMs,
                    BUDGETS.dashboard.metricsMsAt1M,
                    'ms',
                    duration
                )
            );
        else out.line('(no 1,000,000-lead size in this run: the metrics budget was not checked)');
        return { ...out.done(), figures };
    } finally {
        org = null;
        await browser?.close();
        await preview?.close();
        gc();
    }
}

if (isMain(import.meta.url)) {
    printEnvironment();
    const at = process.argv.indexOf('--sizes');
    const sizes =
        at > 0
            ? (process.argv[at + 1] ?? '')
                  .split(',')
                  .map(Number)
                  .filter((n) => n > 0)
            : undefined;
    runDashboard({ sizes }).catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
