/**
 * Measures the local preview, each figure with the command that produced it:
 *
 *   npx tsx preview/measure.ts [--cold] [--runs N] [--json FILE]
 *
 * - cold build: `npm run build` and a forced rollup bundle (--cold; otherwise the cached bundle is used);
 * - bundle size: every emitted file raw and gzip (level 9 would differ; Node's default gzip, as a server would send it),
 *   and what the record page itself downloads;
 * - time from navigation to data visible on a record page: navigation start until the lead's name is in the
 *   highlights panel and the qualification panel shows its stage (a fresh browser context per run, so no cache);
 * - requests the record page makes to the emulated API (`/ui-api/`, `/preview/apex/`) while loading.
 * Runs Debian's Chromium (/usr/bin/chromium). `measureRecordPage()` is exported for the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './bundler/bundle.ts';
import { startPreview } from './start.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.ts';

export interface PageLoad {
    msToData: number;
    apiRequests: string[];
    scriptFiles: string[];
}

/** One cold load of a record page: time to data, and what it asked the API and the server for. */
export async function measureRecordPage(browser: Browser, baseURL: string, leadId: string): Promise<PageLoad> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const apiRequests: string[] = [];
    const scriptFiles: string[] = [];
    page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/ui-api/') || path.startsWith('/preview/apex/')) apiRequests.push(`${request.method()} ${path}`);
        if (path.startsWith('/dist/')) scriptFiles.push(path.slice('/dist/'.length));
    });
    await page.goto(`${baseURL}/lead/${leadId}`, { waitUntil: 'commit' });
    await page.locator('shell-record-highlights h1').filter({ hasText: /\S/ }).waitFor();
    await page.locator('c-qualification-panel [data-id="stage"]').waitFor();
    const msToData = await page.evaluate(() => performance.now());
    // Anything the page asks for after the data shows (late wires) still counts as its load.
    await page.waitForLoadState('networkidle');
    await context.close();
    return { msToData, apiRequests, scriptFiles };
}

const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const cold = args.includes('--cold');
    const runs = Number.parseInt(args[args.indexOf('--runs') + 1] ?? '', 10) || 5;
    const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
    const figures: Record<string, unknown> = {
        command: `npx tsx preview/measure.ts ${args.join(' ')}`.trim(),
        at: new Date().toISOString()
    };

    if (cold) {
        const t = Date.now();
        const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
        if (build.status !== 0) throw new Error('npm run build failed');
        figures.typescriptBuildSeconds = (Date.now() - t) / 1000;
    }
    const running = await startPreview({ port: 0, skipBuild: true, forceBundle: cold, log: (line) => console.error(line) });
    const manifest = running.bundle.manifest;
    if (cold) figures.coldBundleSeconds = manifest.buildMs / 1000;
    figures.bundle = {
        files: manifest.files.length,
        totalKB: Math.round(manifest.totalBytes / 1024),
        totalGzipKB: Math.round(manifest.totalGzipBytes / 1024)
    };
    const lead = running.preview().seed.showcase[0]?.id;
    if (!lead) throw new Error('no showcase lead to measure');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    try {
        await measureRecordPage(browser, running.url, lead); // warm the server (formula parse cache), not counted
        const loads: PageLoad[] = [];
        for (let i = 0; i < runs; i++) loads.push(await measureRecordPage(browser, running.url, lead));
        const sizes = new Map(manifest.files.map((f) => [f.file, f]));
        const loadedFiles = [...new Set(loads[0]?.scriptFiles ?? [])].filter((f) => sizes.has(f));
        figures.recordPage = {
            runs,
            msToDataMedian: Math.round(median(loads.map((l) => l.msToData))),
            msToDataAll: loads.map((l) => Math.round(l.msToData)),
            apiRequests: loads[0]?.apiRequests.length ?? 0,
            apiRequestList: loads[0]?.apiRequests ?? [],
            apiRequestsStable: loads.every((l) => l.apiRequests.length === loads[0]?.apiRequests.length),
            scriptFiles: loadedFiles.length,
            scriptKB: Math.round(loadedFiles.reduce((s, f) => s + (sizes.get(f)?.bytes ?? 0), 0) / 1024),
            scriptGzipKB: Math.round(loadedFiles.reduce((s, f) => s + (sizes.get(f)?.gzipBytes ?? 0), 0) / 1024)
        };
    } finally {
        await browser.close();
        await running.close();
    }
    const text = JSON.stringify(figures, null, 2);
    console.log(text);
    if (jsonFile) writeFileSync(jsonFile, text + '\n');
}

main().catch((error: unknown) => {
    console.error(`measure: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
});
