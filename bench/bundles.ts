/**
 * Bundle sizes. Each LWC bundle as the platform would receive it: every module of the bundle (the .js that
 * `npm run build` emits from the TypeScript, the .html template, the .css) compiled with the LWC compiler
 * (@lwc/compiler transformSync, namespace c), the compiled modules minified together with terser, then gzip
 * (node:zlib, default level, as a web server sends it). Also the local preview's browser bundle (rollup + LWC +
 * base components + the preview's platform modules), from the manifest C's bundler writes in preview/dist.
 *
 *   npx tsx bench/bundles.ts            (run `npm run build` first: the emitted .js is what is compiled)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformSync } from '@lwc/compiler';
import { minify } from 'terser';
import { atMost, BUDGETS } from './budgets.ts';
import { bytes, GroupPrinter, isMain, printEnvironment, ROOT, type GroupResult } from './lib/report.ts';
import type { BundleOutput } from '../preview/bundler/bundle.ts';

const LWC_DIR = join(ROOT, 'force-app', 'main', 'default', 'lwc');
const SOURCE = /\.(js|html|css)$/;

export interface LwcBundleSize {
    bundle: string;
    modules: number;
    sourceBytes: number;
    compiledBytes: number;
    minifiedBytes: number;
    gzipBytes: number;
}

export interface BundleFigures {
    lwc: LwcBundleSize[];
    preview: {
        files: number;
        totalBytes: number;
        totalGzipBytes: number;
        entryBytes: number;
        entryGzipBytes: number;
        cached: boolean;
    } | null;
}

/** One bundle compiled, minified and gzipped. Throws with the file name when the compiler refuses a module. */
export async function measureLwcBundle(bundle: string, dir = join(LWC_DIR, bundle)): Promise<LwcBundleSize> {
    const files = readdirSync(dir)
        .filter((f) => SOURCE.test(f) && statSync(join(dir, f)).isFile())
        .sort();
    if (!files.some((f) => f.endsWith('.js')))
        throw new Error(`${bundle} has no emitted .js: run npm run build first (the bench compiles what would be deployed).`);
    let sourceBytes = 0;
    const compiled: string[] = [];
    for (const file of files) {
        const source = readFileSync(join(dir, file), 'utf8');
        sourceBytes += Buffer.byteLength(source);
        try {
            const result = transformSync(source, join(dir, file), {
                namespace: 'c',
                name: bundle,
                enableDynamicComponents: true
            });
            compiled.push(result.code);
        } catch (error) {
            throw new Error(`The LWC compiler refused ${bundle}/${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    const joined = compiled.join('\n');
    const minified = await minify(
        compiled.map((code, i) => ({ [`${bundle}/${files[i]}`]: code })).reduce((a, b) => ({ ...a, ...b }), {}),
        { module: true, compress: true, mangle: true, format: { comments: false } }
    );
    const min = minified.code ?? '';
    return {
        bundle,
        modules: files.length,
        sourceBytes,
        compiledBytes: Buffer.byteLength(joined),
        minifiedBytes: Buffer.byteLength(min),
        gzipBytes: gzipSync(min).length
    };
}

export const lwcBundles = (): string[] =>
    readdirSync(LWC_DIR)
        .filter((name) => statSync(join(LWC_DIR, name)).isDirectory() && existsSync(join(LWC_DIR, name, `${name}.js-meta.xml`)))
        .sort();

export const gzipBudgetOf = (bundle: string): number => BUDGETS.lwc.bundles[bundle] ?? BUDGETS.lwc.gzipBytesPerBundle;

/**
 * Prints both groups of sizes. `preview` is the result of C's bundle() when the caller built it (the record page
 * and dashboard groups need it too); without it, the preview bundle is built here.
 */
export async function runBundles(preview?: BundleOutput): Promise<GroupResult & { figures: BundleFigures }> {
    const out = new GroupPrinter('Bundles: LWC as the platform receives it, and the preview bundle');
    const sizes: LwcBundleSize[] = [];
    out.line(
        `${'bundle'.padEnd(34)} ${'modules'.padStart(7)} ${'source'.padStart(10)} ${'compiled'.padStart(10)} ${'minified'.padStart(10)} ${'gzip'.padStart(9)}`
    );
    for (const bundle of lwcBundles()) {
        const size = await measureLwcBundle(bundle);
        sizes.push(size);
        out.line(
            `${bundle.padEnd(34)} ${String(size.modules).padStart(7)} ${bytes(size.sourceBytes).padStart(10)} ${bytes(size.compiledBytes).padStart(10)} ` +
                `${bytes(size.minifiedBytes).padStart(10)} ${bytes(size.gzipBytes).padStart(9)}`
        );
    }
    const total = sizes.reduce((sum, s) => sum + s.gzipBytes, 0);
    out.line(`all ${sizes.length} bundles: ${bytes(total)} gzip (each bundle gzipped on its own, as each is served)`);
    for (const size of sizes) out.check(atMost(`${size.bundle} gzip`, size.gzipBytes, gzipBudgetOf(size.bundle), 'bytes', bytes));

    let previewFigures: BundleFigures['preview'] = null;
    const built = preview ?? (await buildPreview());
    const { manifest } = built;
    const entry = manifest.files.find((f) => f.file === manifest.entry);
    previewFigures = {
        files: manifest.files.length,
        totalBytes: manifest.totalBytes,
        totalGzipBytes: manifest.totalGzipBytes,
        entryBytes: entry?.bytes ?? 0,
        entryGzipBytes: entry?.gzipBytes ?? 0,
        cached: built.cached
    };
    out.line(
        `preview bundle (preview/dist, minified): ${manifest.files.length} files, ${bytes(manifest.totalBytes)} (${bytes(manifest.totalGzipBytes)} gzip); ` +
            `entry ${manifest.entry} ${bytes(previewFigures.entryBytes)} (${bytes(previewFigures.entryGzipBytes)} gzip); the rest are chunks ` +
            `loaded on demand (base components, icons)${built.cached ? '; inputs unchanged, so the existing build was reused' : `; built in ${(manifest.buildMs / 1000).toFixed(1)} s`}`
    );
    return { ...out.done(), figures: { lwc: sizes, preview: previewFigures } };
}

/** C's bundler (skips the build when a hash of its inputs has one already). */
export async function buildPreview(): Promise<BundleOutput> {
    const { bundle } = await import('../preview/bundler/bundle.ts');
    return bundle({ minify: true });
}

if (isMain(import.meta.url)) {
    printEnvironment();
    runBundles().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
