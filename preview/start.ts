/**
 * `npm start`: LeadGate in a browser with no org.
 *   1. `npm run build`: the components' TypeScript -> JavaScript, as for a deploy;
 *   2. the browser bundle (preview/bundler/bundle.ts), skipped when its inputs are unchanged;
 *   3. the emulated org: Lead metadata, permission sets, sample data, Apex handlers, the record page layout;
 *   4. the server on http://127.0.0.1:${PORT:-4173}.
 * Each phase prints its time. PREVIEW_MINIFY=0 bundles without minifying (readable stack traces);
 * PREVIEW_SKIP_BUILD=1 skips step 1 when `npm run build` has just run (as in `npm test`, where it is the first step).
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { bundle, ROOT } from './bundler/bundle.ts';
import { readProjectMetadata } from './bundler/projectMetadata.ts';
import { loadApexHandlers } from './server/apex/index.ts';
import { defaultRecordPage, loadRecordPage } from './server/flexipage.ts';
import { createPreviewServer } from './server/http.ts';
import { loadPreviewStore } from './server/loadStore.ts';

const started = Date.now();
const phase = (name: string, since: number, extra = '') =>
    console.log(`preview: ${name.padEnd(22)} ${((Date.now() - since) / 1000).toFixed(1).padStart(6)} s${extra ? `  ${extra}` : ''}`);

function fail(message: string): never {
    console.error(`preview: ${message}`);
    process.exit(1);
}

async function main(): Promise<void> {
    const port = Number.parseInt(process.env.PORT ?? '4173', 10);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, not ${process.env.PORT}.`);

    let t = Date.now();
    if (process.env.PREVIEW_SKIP_BUILD === '1') {
        console.log('preview: TypeScript build skipped (PREVIEW_SKIP_BUILD=1)');
    } else {
        const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
        if (build.status !== 0) fail('npm run build failed (see above): fix the TypeScript errors, then run npm start again.');
        phase('TypeScript build', t);
    }

    t = Date.now();
    let result;
    try {
        result = await bundle({ minify: process.env.PREVIEW_MINIFY !== '0' });
    } catch (error) {
        const where = (error as { id?: unknown }).id;
        const file = typeof where === 'string' ? `${relative(ROOT, where.replace(/\?.*$/, ''))}: ` : '';
        fail(`the browser bundle failed:\n${file}${error instanceof Error ? error.message : String(error)}`);
    }
    const kb = (n: number) => `${Math.round(n / 1024)} KB`;
    phase(
        result.cached ? 'bundle (cached)' : 'bundle',
        t,
        `${result.manifest.files.length} files, ${kb(result.manifest.totalBytes)} (${kb(result.manifest.totalGzipBytes)} gzip)`
    );
    for (const warning of result.warnings) console.warn(`preview: bundle warning: ${warning}`);

    t = Date.now();
    const meta = readProjectMetadata(ROOT);
    let loaded = loadPreviewStore(ROOT);
    loaded.problems.forEach((p) => console.warn(`preview: ${p}`));
    // Warm the formula harness (it parses each formula once) so the first page is not the slow one.
    loaded.store.allLeads();
    const { registry: apex, problems: apexProblems } = await loadApexHandlers();
    apexProblems.forEach((p) => console.warn(`preview: ${p}`));
    const recordPage =
        loadRecordPage(ROOT) ??
        defaultRecordPage(
            result.manifest.components.filter(
                (c) => c.startsWith('c/') && meta.bundles.some((b) => `c/${b.name}` === c && b.targets.includes('lightning__RecordPage'))
            )
        );
    const dashboardAvailable = result.manifest.components.includes('c/coachingDashboard');
    phase(
        'emulated org',
        t,
        `${loaded.store.records('Lead').length} leads, ${loaded.store.users().length} users, ${apex.names().length} Apex handlers, layout: ${recordPage.source ?? 'default'}`
    );

    const server = createPreviewServer({
        store: () => loaded.store,
        reset: () => {
            loaded = loadPreviewStore(ROOT);
        },
        apex,
        showcase: () => loaded.seed.showcase,
        recordPage,
        dashboardAvailable,
        entry: result.manifest.entry,
        distDir: result.dir,
        sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
        staticResources: meta.staticResources
    });
    server.on('error', (error: NodeJS.ErrnoException) =>
        fail(error.code === 'EADDRINUSE' ? `port ${port} is in use: set PORT to another port (PORT=4174 npm start).` : error.message)
    );
    server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const actual = typeof address === 'object' && address ? address.port : port;
        phase('ready', started);
        const first = loaded.seed.showcase[0];
        console.log(
            `\nLeadGate preview: http://127.0.0.1:${actual}/${first ? `  (a record page: http://127.0.0.1:${actual}/lead/${first.id})` : ''}`
        );
    });
    const stop = () => server.close(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
