/**
 * `npm run bench`: LeadGate's speed and size on this machine, with the budgets checked.
 *
 * Runs `npm run build` (the bundles are measured as deployed), then each figure group (one module each, also
 * runnable alone with `npx tsx bench/<group>.ts`): scoring, formulas, save, bundles, record page, dashboard, API fuzz. Prints the
 * command, the machine and every figure; exits 1 naming each broken budget (bench/budgets.ts) or failed group.
 *
 *   npm run bench
 *   npm run bench -- --only scoring,formulas          some groups (names: scoring formulas save bundles record-page dashboard api-fuzz)
 *   npm run bench -- --sizes 10000,100000             dashboard sizes (default 10,000 / 100,000 / 1,000,000)
 *   npm run bench -- --update-benchmarks              also writes this run's report into BENCHMARKS.md
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { atMost, BUDGETS, type BudgetCheck } from './budgets.ts';
import { runApiFuzzGroup } from './apiFuzz.ts';
import { buildPreview, runBundles } from './bundles.ts';
import { runDashboard } from './dashboard.ts';
import { runFormulas } from './formulas.ts';
import { runRecordPage } from './recordPage.ts';
import { environment, environmentLines, ROOT, type GroupResult } from './lib/report.ts';
import { runSave } from './save.ts';
import { runScoring } from './scoring.ts';
import type { BundleOutput } from '../preview/bundler/bundle.ts';

const GROUPS = ['scoring', 'formulas', 'save', 'bundles', 'record-page', 'dashboard', 'api-fuzz'] as const;
type Group = (typeof GROUPS)[number];

const BENCHMARKS = join(ROOT, 'BENCHMARKS.md');
const BEGIN = '<!-- bench:begin (written by npm run bench -- --update-benchmarks; do not edit by hand) -->';
const END = '<!-- bench:end -->';

function option(args: string[], name: string): string | undefined {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
}

function parseArgs(args: string[]): { groups: Group[]; sizes: number[] | undefined; update: boolean } {
    const known = new Set(['--only', '--sizes', '--update-benchmarks']);
    for (let i = 0; i < args.length; i++) {
        const arg = args[i] as string;
        if (!arg.startsWith('--')) continue;
        if (!known.has(arg)) throw new Error(`Unknown option ${arg}. Options: --only <groups>, --sizes <n,n,...>, --update-benchmarks.`);
    }
    const only = option(args, 'only');
    const groups = only ? only.split(',').map((g) => g.trim()) : [...GROUPS];
    const unknown = groups.filter((g) => !(GROUPS as readonly string[]).includes(g));
    if (unknown.length) throw new Error(`Unknown group ${unknown.join(', ')}. Groups: ${GROUPS.join(', ')}.`);
    const sizesText = option(args, 'sizes');
    const sizes = sizesText?.split(',').map((s) => Number(s.trim()));
    if (sizes && sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--sizes takes positive whole numbers: ${sizesText}`);
    return { groups: groups as Group[], sizes, update: args.includes('--update-benchmarks') };
}

function markdownReport(
    envLines: string[],
    results: GroupResult[],
    failures: string[],
    checks: BudgetCheck[],
    totalSeconds: number
): string {
    const out: string[] = [BEGIN, '', '```text', ...envLines, '```', ''];
    for (const r of results) {
        out.push(`### ${r.title}`, '', '```text', ...r.lines, '```', '', `(${r.seconds.toFixed(1)} s)`, '');
    }
    if (failures.length) out.push('Failed groups:', '', ...failures.map((f) => `- ${f}`), '');
    out.push('### Budgets (bench/budgets.ts)', '', '| budget | result |', '| --- | --- |');
    for (const c of checks)
        out.push(`| ${c.name} | ${c.ok ? 'ok' : '**broken**'}: ${c.message.slice(c.name.length + 2).replace(/\|/g, '\\|')} |`);
    out.push('', `Total: ${totalSeconds.toFixed(0)} s.`, '', END);
    return out.join('\n');
}

/** Replaces the generated section, formatted with the project's prettier config (npm run format:verify checks it). */
async function updateBenchmarks(section: string): Promise<void> {
    const text = readFileSync(BENCHMARKS, 'utf8');
    const from = text.indexOf(BEGIN);
    const to = text.indexOf(END);
    if (from < 0 || to < from) throw new Error(`BENCHMARKS.md has no ${BEGIN} ... ${END} section to replace.`);
    const next = text.slice(0, from) + section + text.slice(to + END.length);
    const config = (await prettier.resolveConfig(BENCHMARKS)) ?? {};
    writeFileSync(BENCHMARKS, await prettier.format(next, { ...config, filepath: BENCHMARKS }));
}

async function main(): Promise<number> {
    const started = performance.now();
    const { groups, sizes, update } = parseArgs(process.argv.slice(2));
    const env = environment();
    const envLines = environmentLines(env);
    console.log('# LeadGate bench');
    envLines.forEach((l) => console.log(l));

    let t = performance.now();
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) {
        console.error('npm run build failed: the bench measures the built bundles, so it stops here.');
        return 1;
    }
    const buildLine = `npm run build (TypeScript -> the bundles' .js): ${((performance.now() - t) / 1000).toFixed(1)} s`;
    console.log(buildLine);
    envLines.push(buildLine);

    const results: GroupResult[] = [];
    const failures: string[] = [];
    let preview: BundleOutput | undefined;
    const previewBundle = async (): Promise<BundleOutput> => {
        if (!preview) {
            t = performance.now();
            preview = await buildPreview();
            const line = `preview bundle: ${preview.cached ? 'unchanged inputs, reused' : 'built'} in ${((performance.now() - t) / 1000).toFixed(1)} s`;
            console.log(line);
            envLines.push(line);
        }
        return preview;
    };
    const run: Record<Group, () => Promise<GroupResult>> = {
        scoring: () => runScoring(),
        save: async () => runSave(),
        formulas: () => runFormulas(),
        bundles: async () => runBundles(await previewBundle()),
        'record-page': async () => runRecordPage({ bundle: await previewBundle() }),
        dashboard: async () => runDashboard({ sizes, bundle: await previewBundle() }),
        'api-fuzz': () => runApiFuzzGroup()
    };
    for (const group of groups) {
        try {
            results.push(await run[group]());
        } catch (error) {
            const message = `${group}: ${error instanceof Error ? error.message : String(error)}`;
            failures.push(message);
            console.error(`\nGROUP FAILED ${message}`);
        }
    }

    const totalSeconds = (performance.now() - started) / 1000;
    const checks = results.flatMap((r) => r.checks);
    if (groups.length === GROUPS.length)
        checks.push(atMost('whole bench', totalSeconds, BUDGETS.totalSeconds, 's', (n) => `${n.toFixed(0)} s`));
    const broken = checks.filter((c) => !c.ok);
    console.log('\n## Budgets (bench/budgets.ts)');
    for (const c of checks) console.log(`   ${c.ok ? 'ok    ' : 'BROKEN'} ${c.message}`);
    console.log(
        `\nTotal: ${totalSeconds.toFixed(0)} s for ${results.length} of ${groups.length} groups (load average now ${environment().loadAverage}).`
    );
    if (update) {
        if (failures.length) console.error('BENCHMARKS.md not updated: a group failed.');
        else {
            await updateBenchmarks(markdownReport(envLines, results, failures, checks, totalSeconds));
            console.log('BENCHMARKS.md updated with this run.');
        }
    }
    if (failures.length || broken.length) {
        console.error(
            `\nbench: ${broken.length} budget(s) broken${broken.length ? ` (${broken.map((b) => b.name).join('; ')})` : ''}, ` +
                `${failures.length} group(s) failed${failures.length ? ` (${failures.map((f) => f.split(':')[0]).join(', ')})` : ''}.`
        );
        return 1;
    }
    return 0;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    }
);
