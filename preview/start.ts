/**
 * `npm start`: LeadGate in a browser with no org.
 *   1. `npm run build`: the components' TypeScript -> JavaScript, as for a deploy;
 *   2. the browser bundle (preview/bundler/bundle.ts), skipped when its inputs are unchanged;
 *   3. the emulated org: Lead metadata, permission sets, sample data, Apex handlers, the record page layout;
 *   4. the server on http://127.0.0.1:${PORT:-4173}.
 * Each phase prints its time. PREVIEW_MINIFY=0 bundles without minifying (readable stack traces);
 * PREVIEW_SKIP_BUILD=1 skips step 1 when `npm run build` has just run (as in `npm test`, where it is the first step).
 * `startPreview()` does the same for scripts (preview/measure.ts); `servePreview()` serves an existing bundle (the bench).
 */
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, ROOT, type BundleOutput } from './bundler/bundle.ts';
import { readProjectMetadata } from './bundler/projectMetadata.ts';
import { loadApexHandlers } from './server/apex/index.ts';
import { defaultRecordPage, loadRecordPage } from './server/flexipage.ts';
import { createPreviewServer } from './server/http.ts';
import type { LeadStore } from './server/leadStore.ts';
import { requireSupportedNode } from '../scripts/supported-node.mjs';
import { loadPreviewStore, type LoadedPreview } from './server/loadStore.ts';
import { previewResourceBodies } from './server/definitionRevisions.ts';
import { sampleHistoryCsv } from './server/sampleHistory.ts';
import { DefinitionStudio } from './server/studio.ts';
import { SQL_DEFINITION } from 'c/sqlDefinition';

export interface StartOptions {
    port: number;
    /** Skip `npm run build` (the caller just ran it). */
    skipBuild?: boolean;
    /** Rebuild the bundle even when a build of the same inputs exists. */
    forceBundle?: boolean;
    minify?: boolean;
    log?: (line: string) => void;
}

export interface RunningPreview {
    server: Server;
    url: string;
    bundle: BundleOutput;
    /** Seconds per phase: build, bundle, org, ready. */
    timings: Record<string, number>;
    preview: () => LoadedPreview;
    close(): Promise<void>;
}

export class StartError extends Error {}

export async function startPreview(options: StartOptions): Promise<RunningPreview> {
    const log = options.log ?? ((line: string) => console.log(line));
    const started = Date.now();
    const timings: Record<string, number> = {};
    const phase = (name: string, key: string, since: number, extra = '') => {
        timings[key] = (Date.now() - since) / 1000;
        log(`preview: ${name.padEnd(22)} ${timings[key].toFixed(1).padStart(6)} s${extra ? `  ${extra}` : ''}`);
    };

    let t = Date.now();
    if (options.skipBuild) {
        log('preview: TypeScript build skipped (PREVIEW_SKIP_BUILD=1)');
    } else {
        const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
        if (build.status !== 0)
            throw new StartError('npm run build failed (see above): fix the TypeScript errors, then run npm start again.');
        phase('TypeScript build', 'build', t);
    }

    t = Date.now();
    let result: BundleOutput;
    try {
        result = await bundle({ minify: options.minify !== false, force: options.forceBundle });
    } catch (error) {
        const where = (error as { id?: unknown }).id;
        const file = typeof where === 'string' ? `${relative(ROOT, where.replace(/\?.*$/, ''))}: ` : '';
        throw new StartError(`the browser bundle failed:\n${file}${error instanceof Error ? error.message : String(error)}`);
    }
    const kb = (n: number) => `${Math.round(n / 1024)} KB`;
    phase(
        result.cached ? 'bundle (cached)' : 'bundle',
        'bundle',
        t,
        `${result.manifest.files.length} files, ${kb(result.manifest.totalBytes)} (${kb(result.manifest.totalGzipBytes)} gzip)`
    );
    for (const warning of result.warnings) log(`preview: bundle warning: ${warning}`);

    t = Date.now();
    const served = await servePreview({ bundle: result, port: options.port, log });
    phase('emulated org and server', 'org', t, served.summary);
    phase('ready', 'ready', started);
    return { server: served.server, url: served.url, bundle: result, timings, preview: served.preview, close: served.close };
}

export interface ServeOptions {
    bundle: BundleOutput;
    /** 0 picks any free port. */
    port: number;
    /** A view of the sample store the server answers from (the bench answers the dashboard's Apex from an org at a size). */
    view?: (store: LeadStore) => LeadStore;
    /** Where problems loading the emulated org or the Apex handlers are reported. */
    log?: (line: string) => void;
    /** Where the server reports requests that failed unexpectedly (500s). */
    serverLog?: (message: string) => void;
}

export interface ServedPreview {
    server: Server;
    url: string;
    preview: () => LoadedPreview;
    /** The store the server answers from (after any view). */
    store: () => LeadStore;
    /** What was loaded, for a log line. */
    summary: string;
    close(): Promise<void>;
}

/**
 * Serves a built bundle over the emulated org: Lead metadata, permission sets, sample data, Apex handlers and the
 * record page layout from the FlexiPage. `npm start` and the bench both start the preview through here.
 */
export async function servePreview(options: ServeOptions): Promise<ServedPreview> {
    const log = options.log ?? ((line: string) => console.log(line));
    const { manifest, dir } = options.bundle;
    const meta = readProjectMetadata(ROOT);
    let loaded = loadPreviewStore(ROOT);
    loaded.problems.forEach((p) => log(`preview: ${p}`));
    // Warm the formula harness (it parses each formula once) so the first page is not the slow one.
    loaded.store.allLeads();
    let viewed = options.view ? options.view(loaded.store) : loaded.store;
    const { registry: apex, problems: apexProblems } = await loadApexHandlers();
    apexProblems.forEach((p) => log(`preview: ${p}`));
    const recordPageComponents = meta.bundles
        .filter((b) => b.isExposed && b.targets.includes('lightning__RecordPage'))
        .map((b) => `c/${b.name}`);
    const recordPage = loadRecordPage(ROOT) ?? defaultRecordPage(recordPageComponents);
    const server = createPreviewServer({
        // STUDIO_ROOT: a copy of the project the Definition page saves revisions into (default: this project).
        // The figures start from the sample history (the leads the preview shows); STUDIO_EXPORT: a CSV export instead.
        studio: new DefinitionStudio(process.env.STUDIO_ROOT || ROOT, SQL_DEFINITION, process.env.STUDIO_EXPORT || undefined, {
            csv: (defs) => sampleHistoryCsv(ROOT, (sobject) => viewed.records(sobject), defs, new Date()),
            leads: () => viewed.allLeads().length
        }),
        store: () => viewed,
        reset: () => {
            loaded = loadPreviewStore(ROOT);
            viewed = options.view ? options.view(loaded.store) : loaded.store;
        },
        apex,
        showcase: () => loaded.seed.showcase,
        recordPage,
        opportunityPage: loadRecordPage(ROOT, 'Opportunity'),
        dashboardAvailable: manifest.components.includes('c/coachingDashboard'),
        entry: manifest.entry,
        distDir: dir,
        sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
        staticResources: meta.staticResources,
        resourceBodies: previewResourceBodies(ROOT, () => loaded.seed),
        ...(options.serverLog ? { log: options.serverLog } : {})
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) =>
            reject(
                new StartError(
                    error.code === 'EADDRINUSE'
                        ? `port ${options.port} is in use: set PORT to another port (PORT=4174 npm start).`
                        : error.message
                )
            )
        );
        server.listen(options.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    return {
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`,
        preview: () => loaded,
        store: () => viewed,
        summary: `${loaded.store.records('Lead').length} leads, ${loaded.store.users().length} users, ${apex.names().length} Apex handlers, layout: ${recordPage.source ?? 'default'}`,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            })
    };
}

async function main(): Promise<void> {
    requireSupportedNode('npm start');
    const port = Number.parseInt(process.env.PORT ?? '4173', 10);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartError(`PORT must be a port number, not ${process.env.PORT}.`);
    const running = await startPreview({
        port,
        skipBuild: process.env.PREVIEW_SKIP_BUILD === '1',
        minify: process.env.PREVIEW_MINIFY !== '0'
    });
    const first = running.preview().seed.showcase[0];
    console.log(`\nLeadGate preview: ${running.url}/${first ? `  (a record page: ${running.url}/lead/${first.id})` : ''}`);
    const stop = () => void running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
    main().catch((error: unknown) => {
        console.error(`preview: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    });
}
