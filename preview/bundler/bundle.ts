/**
 * Bundles the real component sources for the browser: rollup with the LWC compiler, the open-source
 * Lightning base components, and the preview's platform modules (preview/platform) in place of the
 * org's. Output: ES chunks in preview/dist with a manifest. The build is skipped when a hash of every
 * input (component sources, metadata the platform modules read, the preview's own code, the lockfile)
 * has a build already.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import ts from 'typescript';
import { readProjectMetadata, FORCE_APP, type ProjectMetadata } from './projectMetadata.ts';
import { platformPlugin, PLATFORM_DIR } from './platformPlugin.ts';

export const PREVIEW_DIR = join(import.meta.dirname, '..');
export const ROOT = join(PREVIEW_DIR, '..');
export const DIST = join(PREVIEW_DIR, 'dist');
/** The preview's own components (highlights panel, record details), in TypeScript; module names shell/<name>. */
const SHELL_DIR = join(PREVIEW_DIR, 'lwc');
const CLIENT_DIR = join(PREVIEW_DIR, 'client');
const LBC_DIR = join(ROOT, 'node_modules', 'lightning-base-components');

/** Targets that make a bundle placeable on a preview page. */
const PAGE_TARGETS = ['lightning__RecordPage', 'lightning__AppPage', 'lightning__HomePage', 'lightning__Tab', 'lightning__UrlAddressable'];

export interface Manifest {
    hash: string;
    entry: string;
    builtAt: string;
    buildMs: number;
    files: Array<{ file: string; bytes: number; gzipBytes: number }>;
    totalBytes: number;
    totalGzipBytes: number;
    /** Component specifiers the bundle can place on a page. */
    components: string[];
}

export interface BundleResult {
    manifest: Manifest;
    cached: boolean;
    warnings: string[];
}

const walk = (dir: string, out: string[] = []): string[] => {
    let entries: string[] = [];
    try {
        entries = readdirSync(dir);
    } catch {
        return out;
    }
    for (const name of entries.sort()) {
        if (name === 'node_modules' || name === 'dist' || name === '__tests__') continue;
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p, out);
        else out.push(p);
    }
    return out;
};

/** Hash of everything the bundle is made from. */
export function inputHash(root = ROOT): string {
    const hash = createHash('sha256');
    hash.update(root);
    const files = [
        ...walk(join(root, FORCE_APP, 'lwc')).filter((f) => /\.(js|html|css|xml|svg)$/.test(f)),
        ...walk(join(root, FORCE_APP, 'labels')),
        ...walk(join(root, FORCE_APP, 'translations')),
        ...walk(join(root, FORCE_APP, 'customPermissions')),
        ...walk(join(root, FORCE_APP, 'staticresources')),
        ...walk(join(root, FORCE_APP, 'classes')).filter((f) => f.endsWith('.cls')),
        ...walk(join(root, FORCE_APP, 'objects', 'Lead', 'fields')),
        ...walk(join(root, 'preview', 'platform')),
        ...walk(join(root, 'preview', 'lwc')),
        ...walk(join(root, 'preview', 'client')),
        ...walk(join(root, 'preview', 'build')),
        join(root, 'package-lock.json')
    ];
    for (const file of files) {
        hash.update(relative(root, file));
        hash.update('\0');
        try {
            hash.update(readFileSync(file));
        } catch {
            hash.update('missing');
        }
        hash.update('\0');
    }
    return hash.digest('hex').slice(0, 16);
}

/** Strips TypeScript from the preview's own modules (platform, shell components, client) before the LWC compiler sees them. */
function previewTypeScript(): Plugin {
    return {
        name: 'leadgate-preview-typescript',
        transform(code, id) {
            const file = id.replace(/\?.*$/, '');
            if (!file.endsWith('.ts') || !file.startsWith(PREVIEW_DIR)) return null;
            const out = ts.transpileModule(code, {
                fileName: file,
                compilerOptions: {
                    target: ts.ScriptTarget.ESNext,
                    module: ts.ModuleKind.ESNext,
                    experimentalDecorators: false,
                    useDefineForClassFields: true,
                    verbatimModuleSyntax: false,
                    sourceMap: false
                }
            });
            return { code: out.outputText, map: null };
        }
    };
}

/** The virtual module listing one lazy loader per component a page may place. */
function componentsModule(specifiers: string[]): Plugin {
    const id = 'virtual:leadgate-components';
    return {
        name: 'leadgate-components',
        resolveId: (source) => (source === id ? `\0${id}` : null),
        load: (loaded) =>
            loaded === `\0${id}`
                ? `export const componentLoaders = {\n${specifiers.map((s) => `    ${JSON.stringify(s)}: () => import(${JSON.stringify(s)})`).join(',\n')}\n};\n`
                : null
    };
}

function shellComponents(): Array<{ name: string; path: string }> {
    if (!existsSync(SHELL_DIR)) return [];
    return readdirSync(SHELL_DIR)
        .filter((name) => existsSync(join(SHELL_DIR, name, `${name}.ts`)))
        .sort()
        .map((name) => ({ name: `shell/${name}`, path: join(SHELL_DIR, name, `${name}.ts`) }));
}

/**
 * Page components the preview cannot host yet, each with what it lacks. They are left out of the bundle (so the rest of
 * the preview builds) and must not be on the Lead FlexiPage the preview reads until the preview provides what they need.
 */
export const NOT_HOSTED: Readonly<Record<string, string>> = {};

export function placeableComponents(meta: ProjectMetadata): string[] {
    return [
        ...meta.bundles
            .filter((b) => b.isExposed && b.targets.some((t) => PAGE_TARGETS.includes(t)) && !(b.name in NOT_HOSTED))
            .map((b) => `c/${b.name}`),
        ...shellComponents().map((s) => s.name)
    ];
}

/**
 * Rollup's warning handler for the preview: an unresolved import (a module nobody provides, which would only
 * fail in the browser) becomes a build error; the base components' own template warnings are dropped.
 */
export function collectWarning(root: string, errors: string[], warnings: string[]) {
    return (warning: RollupLog): void => {
        if (warning.code === 'UNRESOLVED_IMPORT') {
            errors.push(
                `Unresolved import ${warning.exporter ?? ''} in ${warning.id ? relative(root, warning.id) : '?'}: no module provides it.`
            );
            return;
        }
        if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
        if (warning.id?.includes(`${sep}node_modules${sep}`)) return;
        warnings.push(warning.message);
    };
}

export interface BundleOutput extends BundleResult {
    /** The folder holding this build's files (preview/dist/<hash>). */
    dir: string;
}

const KEEP_BUILDS = 3;

/** Removes all but the newest builds (another preview process may still serve one of those). */
function pruneBuilds(keep: string): void {
    const dirs = readdirSync(DIST)
        .filter((name) => /^[0-9a-f]{16}$/.test(name) && name !== keep)
        .map((name) => ({ name, mtime: statSync(join(DIST, name)).mtimeMs }))
        .sort((a, b) => b.mtime - a.mtime);
    for (const old of dirs.slice(KEEP_BUILDS - 1)) rmSync(join(DIST, old.name), { recursive: true, force: true });
}

/**
 * Builds (or reuses) the bundle for the current inputs. Each build lives in preview/dist/<input hash>, written
 * to a temporary folder and renamed into place, so two previews started from the same tree never overwrite
 * each other's files, and an unchanged tree reuses its build.
 */
export async function bundle(options: { force?: boolean; minify?: boolean; root?: string } = {}): Promise<BundleOutput> {
    const root = options.root ?? ROOT;
    const hash = inputHash(root);
    const key = createHash('sha256')
        .update(`${hash}:${options.minify === false ? 'plain' : 'min'}`)
        .digest('hex')
        .slice(0, 16);
    const dir = join(DIST, key);
    const manifestPath = join(dir, 'manifest.json');
    if (!options.force && existsSync(manifestPath)) {
        try {
            const previous = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
            if (existsSync(join(dir, previous.entry))) return { manifest: previous, cached: true, warnings: [], dir };
        } catch {
            // an unreadable manifest means a fresh build
        }
    }
    const started = Date.now();
    const meta = readProjectMetadata(root);
    const missingJs = meta.bundles.filter((b) => !existsSync(b.entry)).map((b) => b.name);
    if (missingJs.length) throw new Error(`No emitted JavaScript for ${missingJs.join(', ')}: run \`npm run build\` first.`);
    const components = placeableComponents(meta);
    const warnings: string[] = [];
    const errors: string[] = [];
    const build = await rollup({
        input: join(CLIENT_DIR, 'main.ts'),
        plugins: [
            componentsModule(components),
            platformPlugin(meta, LBC_DIR),
            previewTypeScript(),
            replace({
                preventAssignment: true,
                values: { 'process.env.NODE_ENV': JSON.stringify('production'), 'import.meta.env.SSR': 'false' }
            }),
            lwc({
                rootDir: CLIENT_DIR,
                exclude: [join(PLATFORM_DIR, '**'), join(CLIENT_DIR, '**')],
                enableDynamicComponents: true,
                enableSyntheticElementInternals: true,
                modules: [
                    ...meta.bundles.map((b) => ({ name: `c/${b.name}`, path: b.entry })),
                    ...shellComponents(),
                    { npm: 'lightning-base-components' }
                ]
            }),
            ...(options.minify === false ? [] : [terser({ format: { comments: false } })])
        ],
        onwarn: collectWarning(root, errors, warnings)
    });
    if (errors.length) {
        await build.close();
        throw new Error(errors.join('\n'));
    }
    mkdirSync(DIST, { recursive: true });
    const tmp = join(DIST, `.build-${process.pid}-${Date.now()}`);
    const { output } = await build.write({
        dir: tmp,
        format: 'es',
        entryFileNames: 'main-[hash].js',
        chunkFileNames: 'chunks/[name]-[hash].js'
    });
    await build.close();
    const files = output
        .filter((o) => o.type === 'chunk')
        .map((o) => {
            const bytes = readFileSync(join(tmp, o.fileName));
            return { file: o.fileName, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
        });
    const entry = output.find((o) => o.type === 'chunk' && o.isEntry);
    const manifest: Manifest = {
        hash: key,
        entry: entry?.fileName ?? 'main.js',
        builtAt: new Date().toISOString(),
        buildMs: Date.now() - started,
        files,
        totalBytes: files.reduce((s, f) => s + f.bytes, 0),
        totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
        components
    };
    writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    pruneBuilds(key);
    return { manifest, cached: false, warnings, dir };
}
