/**
 * npm run generate          writes every generated LeadGate metadata file from the SQL definition
 * npm run generate:check    writes nothing; exits 1 naming each stale, missing or orphaned generated file
 *
 * Options: --definition <module> (a module exporting SQL_DEFINITION or a default SqlDefinition; default: the
 * project's), --root <dir> (default: the repository root). Both exist so tests can run the CLI on a copy.
 * --help prints the usage and writes nothing; an unknown option exits 2 with the usage.
 *
 * A definition whose values are outside their meaning (validateDefinition, c/definitionCheck: a bar outside
 * the score range, a half-life that is not positive, ...) is refused with exit 2 before anything is written.
 *
 * Both modes refuse (exit 1) output that changed under an unchanged definition version (definitionVersion.ts).
 *
 * Both modes print each formula's character count and headroom against the 3,900-character limit and an
 * estimate of compiled size, and refuse (exit 1) when a formula is over the limit.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { describeProblems, validateDefinition } from 'c/definitionCheck';
import { FormulaTooLongError, formulaReport, generateAll, type FormulaReportLine, type GeneratedFile } from './index.ts';
import { GENERATED_MARKER, GENERATED_LOCATIONS, GENERATED_OWNED_FOLDERS } from './locations.ts';
import { VERSION_LOCK_PATH, parseVersionLock, versionProblem } from './definitionVersion.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const GENERATE_USAGE = `Usage: npm run generate [-- --definition <module>] [--root <dir>]
       npm run generate:check

  --check                 write nothing; exit 1 naming each stale, missing or orphaned generated file
  --definition <module>   a .ts/.js module exporting SQL_DEFINITION or a default SqlDefinition (default: the project's)
  --root <dir>            where the generated tree lives (default: the repository root)
  --help                  this text

Exit codes: 0 done (or up to date); 1 stale files (--check) or a formula over the platform limit;
2 bad arguments or a definition with values outside their meaning.`;

interface Options {
    check: boolean;
    root: string;
    definition: string | null;
}

/** Parses argv: the options, `help`, or the reason they cannot be used (exit 2). */
export function parseArgs(argv: string[]): { options: Options } | { help: true } | { error: string } {
    const opts: Options = { check: false, root: repoRoot, definition: null };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] as string;
        if (arg === '--help' || arg === '-h') return { help: true };
        if (arg === '--check') opts.check = true;
        else if (arg === '--root' || arg === '--definition') {
            const value = argv[++i];
            if (value === undefined || value.startsWith('--')) return { error: `${arg} needs a value.` };
            if (arg === '--root') opts.root = resolve(value);
            else opts.definition = resolve(value);
        } else return { error: `Unknown option "${arg}".` };
    }
    return { options: opts };
}

async function loadDefinition(path: string | null): Promise<SqlDefinition> {
    if (!path) return SQL_DEFINITION;
    const mod = (await import(pathToFileURL(path).href)) as { SQL_DEFINITION?: SqlDefinition; default?: SqlDefinition };
    const def = mod.SQL_DEFINITION ?? mod.default;
    if (!def) throw new Error(`${path} exports neither SQL_DEFINITION nor a default definition`);
    return def;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function printReport(lines: FormulaReportLine[], log: (s: string) => void): void {
    log('Formulas (characters as the org receives them, layout included; platform limit 3,900):');
    const width = Math.max(...lines.map((l) => l.name.length));
    for (const l of lines) {
        const headroom = l.limit - l.chars;
        const state =
            headroom < 0 ? `OVER by ${fmt(-headroom)}` : `headroom ${fmt(headroom)} (${Math.round((100 * headroom) / l.limit)} %)`;
        const expanded = l.estimate.expanded.length ? `, expands ${l.estimate.expanded.join(', ')}` : '';
        log(
            `  ${l.name.padEnd(width)}  ${l.kind.padEnd(14)} ${fmt(l.chars).padStart(5)} chars  ${state.padEnd(24)}` +
                `compiled-size estimate: ${fmt(l.estimate.nodes)} nodes, ${fmt(l.estimate.fieldRefs)} field refs${expanded}`
        );
    }
    log(
        '  The compiled-size estimate counts formula nodes with referenced formula fields expanded inline, as the platform compiles them.\n' +
            '  It is only an estimate: the real compiled size (limit 5,000 bytes) is known only from Check Syntax in an org.'
    );
}

/** Formats XML and Apex with the project's prettier config and returns the files whose generated text prettier would change. */
async function prettierDifferences(files: GeneratedFile[], root: string): Promise<string[]> {
    const differ: string[] = [];
    for (const f of files) {
        if (!f.path.endsWith('.xml') && !f.path.endsWith('.cls')) continue;
        const filepath = join(root, f.path);
        const config = (await prettier.resolveConfig(join(repoRoot, f.path))) ?? {};
        const formatted = await prettier.format(f.content, { ...config, filepath });
        if (formatted !== f.content) differ.push(f.path);
    }
    return differ;
}

/** Generated files on disk that the definition no longer produces (they carry the generated marker). */
function orphans(files: GeneratedFile[], root: string): string[] {
    const produced = new Set(files.map((f) => f.path));
    const found: string[] = [];
    for (const loc of GENERATED_LOCATIONS) {
        const dir = join(root, loc.dir);
        if (!existsSync(dir)) continue;
        for (const name of readdirSync(dir)) {
            const rel = `${loc.dir}/${name}`;
            if (!loc.match.test(name) || produced.has(rel)) continue;
            if (readFileSync(join(dir, name), 'utf8').includes(GENERATED_MARKER)) found.push(rel);
        }
    }
    for (const owned of GENERATED_OWNED_FOLDERS) {
        const parent = join(root, owned.parent);
        if (!existsSync(parent)) continue;
        for (const folder of readdirSync(parent).filter((d) => owned.dir.test(d))) {
            for (const name of readdirSync(join(parent, folder))) {
                const rel = `${owned.parent}/${folder}/${name}`;
                if (owned.match.test(name) && !produced.has(rel)) found.push(rel);
            }
        }
    }
    return found.sort();
}

export async function main(argv: string[], log = console.log, error = console.error): Promise<number> {
    const parsed = parseArgs(argv);
    if ('help' in parsed) {
        log(GENERATE_USAGE);
        return 0;
    }
    if ('error' in parsed) {
        error(`${parsed.error}\n\n${GENERATE_USAGE}`);
        return 2;
    }
    const opts = parsed.options;
    const def = await loadDefinition(opts.definition);
    const problems = validateDefinition(def);
    if (problems.length > 0) {
        error(
            `Refusing to generate: the definition${opts.definition ? ` in ${relative(process.cwd(), opts.definition)}` : ''} has values outside their meaning:\n` +
                `${describeProblems(problems)}\nFix them in the definition and run npm run generate again; nothing was written.`
        );
        return 2;
    }
    const lines = formulaReport(def);
    printReport(lines, log);

    let files: GeneratedFile[];
    try {
        files = generateAll(def);
    } catch (e) {
        if (e instanceof FormulaTooLongError) {
            error(`\nRefusing to generate: ${e.message}`);
            return 1;
        }
        throw e;
    }

    const lock = parseVersionLock(files.find((f) => f.path === VERSION_LOCK_PATH)?.content ?? null);
    if (!lock) throw new Error(`generateAll produced no ${VERSION_LOCK_PATH}`);
    const lockOnDisk = join(opts.root, VERSION_LOCK_PATH);
    const problem = versionProblem(parseVersionLock(existsSync(lockOnDisk) ? readFileSync(lockOnDisk, 'utf8') : null), lock);
    if (problem) {
        error(`\nRefusing to generate: ${problem}`);
        return 1;
    }

    const notPretty = await prettierDifferences(files, opts.root);
    if (notPretty.length) {
        error(`\nRefusing to generate: the project's prettier config would reformat ${notPretty.join(', ')}.`);
        error('This is a generator bug (scripts/admin/generate/xml.ts must print exactly the prettier layout); nothing was written.');
        return 1;
    }

    const stale = files.filter((f) => {
        const p = join(opts.root, f.path);
        return !existsSync(p) || readFileSync(p, 'utf8') !== f.content;
    });
    const orphaned = orphans(files, opts.root);

    if (opts.check) {
        if (stale.length === 0 && orphaned.length === 0) {
            log(`\nGenerated metadata is up to date (${files.length} files, sqlDefinition v${def.version}).`);
            return 0;
        }
        for (const f of stale) error(`${existsSync(join(opts.root, f.path)) ? 'stale  ' : 'missing'}  ${f.path}`);
        for (const p of orphaned) error(`orphan   ${p} (generated earlier, no longer produced by the definition)`);
        error(`\nGenerated metadata is out of date with sqlDefinition v${def.version}. Fix: npm run generate, review the diff, commit.`);
        return 1;
    }

    for (const f of stale) {
        const p = join(opts.root, f.path);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, f.content);
    }
    for (const p of orphaned) rmSync(join(opts.root, p));
    log(
        `\nsqlDefinition v${def.version}: ${files.length} generated files, ${stale.length} written, ${files.length - stale.length} unchanged` +
            (orphaned.length ? `, ${orphaned.length} removed (${orphaned.join(', ')})` : '') +
            (opts.root !== repoRoot ? ` (root ${relative(process.cwd(), opts.root) || '.'})` : '') +
            '.'
    );
    return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e: unknown) => {
            console.error(e instanceof Error ? e.message : e);
            process.exit(1);
        }
    );
}
