/**
 * The local preview, started in this process on a free port, for the browser figures: `servePreview` from
 * preview/start.ts (what `npm start` runs after building), over a bundle the bench built, with an optional view of
 * the store (the dashboard group answers the Apex with D's emulated org at a size). Load problems fail the bench.
 */
import type { BundleOutput } from '../../preview/bundler/bundle.ts';
import type { LeadStore } from '../../preview/server/leadStore.ts';
import type { Showcase } from '../../preview/server/seed.ts';
import { servePreview } from '../../preview/start.ts';

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
    const problems: string[] = [];
    const serverErrors: string[] = [];
    const served = await servePreview({
        bundle: options.bundle,
        port: 0,
        ...(options.view ? { view: options.view } : {}),
        log: (line) => problems.push(line),
        serverLog: (message) => serverErrors.push(message)
    });
    if (problems.length) {
        await served.close();
        throw new Error(`The preview's emulated org has problems:\n${problems.join('\n')}`);
    }
    return { url: served.url, showcase: served.preview().seed.showcase, store: served.store, serverErrors, close: served.close };
}
