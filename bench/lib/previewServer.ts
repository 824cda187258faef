/**
 * The local preview, started in this process on a free port, for the browser figures. It makes the same calls
 * as `npm start` (preview/start.ts): C's bundle, the emulated org from the sample data, the Apex handlers, the
 * record page plan from the FlexiPage, then createPreviewServer. Only the port (0: any free one) and an
 * optional view of the store differ: the dashboard group answers the Apex with D's emulated org at a size.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BundleOutput } from '../../preview/bundler/bundle.ts';
import { readProjectMetadata } from '../../preview/bundler/projectMetadata.ts';
import { loadApexHandlers } from '../../preview/server/apex/index.ts';
import { defaultRecordPage, loadRecordPage } from '../../preview/server/flexipage.ts';
import { createPreviewServer } from '../../preview/server/http.ts';
import type { LeadStore } from '../../preview/server/leadStore.ts';
import { loadPreviewStore } from '../../preview/server/loadStore.ts';
import type { Showcase } from '../../preview/server/seed.ts';
import { ROOT } from './report.ts';

export interface RunningPreview {
    url: string;
    showcase: Showcase[];
    /** The store the server answers from (after any view). */
    store: () => LeadStore;
    /** Problems the server logged for requests that failed unexpectedly (500s). */
    serverErrors: string[];
    close(): Promise<void>;
}

export interface PreviewOptions {
    bundle: BundleOutput;
    /** A view of the sample store the server answers from (e.g. other records for the Apex handlers). */
    view?: (store: LeadStore) => LeadStore;
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
    const { manifest, dir } = options.bundle;
    const meta = readProjectMetadata(ROOT);
    let loaded = loadPreviewStore(ROOT);
    if (loaded.problems.length) throw new Error(`The preview's emulated org has problems:\n${loaded.problems.join('\n')}`);
    // As npm start does: warm the formula harness so the first page is not the slow one.
    loaded.store.allLeads();
    let viewed = options.view ? options.view(loaded.store) : loaded.store;
    const { registry: apex, problems } = await loadApexHandlers();
    if (problems.length) throw new Error(problems.join('\n'));
    const recordPage =
        loadRecordPage(ROOT) ??
        defaultRecordPage(
            manifest.components.filter(
                (c) => c.startsWith('c/') && meta.bundles.some((b) => `c/${b.name}` === c && b.targets.includes('lightning__RecordPage'))
            )
        );
    const serverErrors: string[] = [];
    const server: Server = createPreviewServer({
        store: () => viewed,
        reset: () => {
            loaded = loadPreviewStore(ROOT);
            viewed = options.view ? options.view(loaded.store) : loaded.store;
        },
        apex,
        showcase: () => loaded.seed.showcase,
        recordPage,
        dashboardAvailable: manifest.components.includes('c/coachingDashboard'),
        entry: manifest.entry,
        distDir: dir,
        sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
        staticResources: meta.staticResources,
        log: (message) => serverErrors.push(message)
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        showcase: loaded.seed.showcase,
        store: () => viewed,
        serverErrors,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            })
    };
}
