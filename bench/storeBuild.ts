/**
 * Store build: how long the local preview takes to build its LeadStore from the project (preview/server/loadStore.ts),
 * which `npm start`, every browser journey and the API tests pay before the first request. The build reads the Lead
 * metadata, the permission sets and the sample data, and runs the generated before-save flow (flow interpreter +
 * formula harness on formulon) for every seeded lead without a fit stamp.
 *
 * Each run is a fresh Node process, as `npm start` is: its first build (formulon's function results not yet
 * remembered, code not yet optimised), then a second build in the same process. Median of the runs. Besides the wall
 * time, each build's CPU time (process.cpuUsage, user + system): on a machine whose cores other work shares, wall
 * time grows with the load average while CPU time stays close to the work done, so compare CPU times across builds.
 *
 *   npx tsx bench/storeBuild.ts            # 5 runs
 *   npx tsx bench/storeBuild.ts --runs 9
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadPreviewStore } from '../preview/server/loadStore.ts';
import { duration, GroupPrinter, int, isMain, median, printEnvironment, ROOT, type GroupResult } from './lib/report.ts';

const ANCHOR = new Date('2026-03-02T15:00:00.000Z');

export interface StoreBuildFigures {
    leads: number;
    coldMs: number[];
    coldCpuMs: number[];
    againMs: number[];
    againCpuMs: number[];
}

interface ChildReport {
    leads: number;
    coldMs: number;
    coldCpuMs: number;
    againMs: number;
    againCpuMs: number;
}

/** Wall and CPU milliseconds of one call. */
function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const value = fn();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** One build, then another in the same process (what a child process reports). */
function buildTwice(): ChildReport {
    const cold = timed(() => loadPreviewStore(ROOT, () => ANCHOR));
    const again = timed(() => loadPreviewStore(ROOT, () => ANCHOR));
    return {
        leads: cold.value.store.allLeads().length,
        coldMs: cold.ms,
        coldCpuMs: cold.cpuMs,
        againMs: again.ms,
        againCpuMs: again.cpuMs
    };
}

export function runStoreBuild(runs = 5): GroupResult & { figures: StoreBuildFigures } {
    const out = new GroupPrinter('Store build: the preview’s LeadStore from the project, in a fresh process per run');
    const figures: StoreBuildFigures = { leads: 0, coldMs: [], coldCpuMs: [], againMs: [], againCpuMs: [] };
    for (let i = 0; i < runs; i++) {
        const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child'], {
            cwd: ROOT,
            encoding: 'utf8'
        });
        const line = child.stdout.trim().split('\n').at(-1) ?? '';
        if (child.status !== 0 || !line.startsWith('{'))
            throw new Error(`A store build run failed (exit ${child.status}): ${(child.stderr || child.stdout).slice(0, 600)}`);
        const report = JSON.parse(line) as ChildReport;
        figures.leads = report.leads;
        figures.coldMs.push(report.coldMs);
        figures.coldCpuMs.push(report.coldCpuMs);
        figures.againMs.push(report.againMs);
        figures.againCpuMs.push(report.againCpuMs);
    }
    const range = (samples: number[]): string =>
        `median ${duration(median(samples))} (min ${duration(Math.min(...samples))}, max ${duration(Math.max(...samples))})`;
    out.line(`${int(figures.leads)} seeded leads, ${runs} runs, each in a fresh process`);
    out.line(`first build in the process:  wall ${range(figures.coldMs)}; CPU ${range(figures.coldCpuMs)}`);
    out.line(`second build, same process:  wall ${range(figures.againMs)}; CPU ${range(figures.againCpuMs)}`);
    return { ...out.done(), figures };
}

if (isMain(import.meta.url)) {
    if (process.argv.includes('--child')) {
        console.log(JSON.stringify(buildTwice()));
    } else {
        const at = process.argv.indexOf('--runs');
        const runs = at > 0 ? Number(process.argv[at + 1]) : 5;
        if (!Number.isInteger(runs) || runs < 1) {
            console.error('--runs needs a whole number of runs, e.g. --runs 5.');
            process.exit(2);
        }
        printEnvironment();
        runStoreBuild(runs);
    }
}
