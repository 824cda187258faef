/**
 * What every bench module shares: the machine description printed with each figure group, percentiles,
 * number formats, a heap measurement with forced garbage collection, and the shape of a group's result
 * (its printed lines and the budget checks it made).
 */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BudgetCheck } from '../budgets.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A figure group's outcome: the lines it printed (for BENCHMARKS.md) and the budgets it checked. */
export interface GroupResult {
    title: string;
    lines: string[];
    checks: BudgetCheck[];
    seconds: number;
}

/** Collects a group's lines while printing them as they come, so a long run shows progress. */
export class GroupPrinter {
    readonly lines: string[] = [];
    readonly checks: BudgetCheck[] = [];
    private readonly started = performance.now();

    constructor(readonly title: string) {
        console.log(`\n## ${title}`);
        console.log(`   (load average at start ${loadAverage()})`);
    }

    line(text = ''): void {
        this.lines.push(text);
        console.log(text === '' ? '' : `   ${text}`);
    }

    check(check: BudgetCheck): void {
        this.checks.push(check);
        this.line(`${check.ok ? 'budget ok    ' : 'BUDGET BROKEN'} ${check.message}`);
    }

    done(): GroupResult {
        return { title: this.title, lines: this.lines, checks: this.checks, seconds: (performance.now() - this.started) / 1000 };
    }
}

export const loadAverage = (): string =>
    loadavg()
        .map((n) => n.toFixed(2))
        .join(' / ');

function gitCommit(): string {
    try {
        const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
        const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim();
        return dirty ? `${head} (with uncommitted changes)` : head;
    } catch {
        return 'unknown (not a git checkout)';
    }
}

/** The command that is running, as a developer would type it. */
export function commandLine(): string {
    const args = process.argv.slice(2).join(' ');
    if (process.env.npm_lifecycle_event === 'bench') return `npm run bench${args ? ` -- ${args}` : ''}`;
    const script = relative(ROOT, process.argv[1] ?? '');
    return `npx tsx ${script}${args ? ` ${args}` : ''}`;
}

export interface Environment {
    command: string;
    node: string;
    cpu: string;
    cores: number;
    memoryGb: string;
    loadAverage: string;
    platform: string;
    commit: string;
    startedAt: string;
}

export function environment(): Environment {
    const cpuList = cpus();
    return {
        command: commandLine(),
        node: process.version,
        cpu: cpuList[0]?.model.trim() ?? 'unknown',
        cores: cpuList.length,
        memoryGb: `${(totalmem() / 2 ** 30).toFixed(1)} GB (${(freemem() / 2 ** 30).toFixed(1)} GB free)`,
        loadAverage: loadAverage(),
        platform: `${process.platform} ${process.arch}`,
        commit: gitCommit(),
        startedAt: new Date().toISOString()
    };
}

export function environmentLines(env: Environment): string[] {
    return [
        `command        ${env.command}`,
        `started        ${env.startedAt}`,
        `commit         ${env.commit}`,
        `node           ${env.node} (${env.platform})`,
        `cpu            ${env.cpu}, ${env.cores} cores`,
        `memory         ${env.memoryGb}`,
        `load average   ${env.loadAverage} (1 / 5 / 15 min; above ${env.cores} means processes queue for the cores)`
    ];
}

/** Prints the command and the machine when a group module runs on its own. */
export function printEnvironment(): Environment {
    const env = environment();
    environmentLines(env).forEach((l) => console.log(l));
    return env;
}

/** True when this module file is the one node was asked to run (a group run on its own). */
export const isMain = (moduleUrl: string): boolean => fileURLToPath(moduleUrl) === process.argv[1];

/* ------------------------------------------------------------------ statistics */

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
    if (samples.length === 0) return Number.NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/* ------------------------------------------------------------------ formats */

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Milliseconds with sensible precision: 0.0123 ms -> "12.3 µs", 4.56 -> "4.56 ms", 1234 -> "1,234 ms". */
export function duration(ms: number): string {
    if (!Number.isFinite(ms)) return 'n/a';
    if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`;
    if (ms < 10) return `${ms.toFixed(2)} ms`;
    if (ms < 1000) return `${ms.toFixed(1)} ms`;
    return `${int(ms)} ms`;
}

export function bytes(n: number): string {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
    return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export const megabytes = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/* ------------------------------------------------------------------ heap */

let collect: (() => void) | null = null;
/** A full garbage collection (exposed at run time, so `npm run bench` needs no node flag). */
export function gc(): void {
    if (!collect) {
        setFlagsFromString('--expose-gc');
        collect = runInNewContext('gc') as () => void;
    }
    collect();
    collect();
}

/** JavaScript memory in use: the V8 heap plus ArrayBuffer backing stores (typed arrays live outside the heap). */
export function memoryInUse(): number {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
}

/** Memory in use after a full collection: what is still reachable. */
export function retainedHeap(): number {
    gc();
    return memoryInUse();
}
