/**
 * The static assurance for what cannot run here (no org: no Apex compile, no Apex tests, no flow runs).
 * `npm run verify:apex` (verify-apex.ts) is a thin CLI over `verifyApex()`; tests call the same functions
 * on fixture projects built in temporary folders.
 *
 * Checks, each finding naming file:line:column:
 * - syntax      every .cls / .trigger parses with @apexdevtools/apex-parser (any syntax error fails)
 * - meta        every class and trigger has its -meta.xml (the CLI silently drops one without)
 * - format      every file is as prettier + prettier-plugin-apex would print it (the project's .prettierrc)
 * - sharing     no class `without sharing`, no top-level non-test class without a sharing keyword,
 *               unless listed with a reason in sharingAllowList.ts
 * - soql        every static [SELECT ...], literal Database.query string and scripts/**\/*.soql file parses and
 *               names only objects, relationships and fields the project's schema has (schema.ts)
 * - apex-ls     semantic checking by apex-ls (apexLs.ts): unknown types and methods, wrong signatures, type mismatches,
 *               unknown fields on objects the project does not extend; every error fails, and so does a missing Java
 * - pmd         PMD Apex rules + regex rules via Code Analyzer: severity 1-2 and engine errors fail
 * - flow        LeadGate's flow rules (flows.ts) and Salesforce's Flow Scanner
 * LWC security rules are not here: `npm run lint` runs them (@lwc/eslint-plugin-lwc, @salesforce/eslint-plugin-lightning).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import * as prettier from 'prettier';
import { issueFile, runApexLs, type ApexLsOptions } from './apexLs';
import { analyzeApex, positionOf, type ApexAnalysis, type UncheckedQuery } from './apexSource';
import { checkFlowSource, runFlowScanner } from './flows';
import { runPmd } from './pmd';
import { loadSchema, type Schema } from './schema';
import { SHARING_ALLOW_LIST } from './sharingAllowList';
import { checkSoql, locateInQuery } from './soql';

export type CheckName = 'syntax' | 'meta' | 'format' | 'sharing' | 'soql' | 'apex-ls' | 'pmd' | 'flow' | 'flow-scanner';

export interface Finding {
    check: CheckName;
    level: 'error' | 'warning';
    /** Repo-relative path. */
    file: string;
    line: number;
    column: number;
    message: string;
}

export interface VerifyOptions {
    /** Run apex-ls semantic checking (a Java start, about 4 s). Default true. */
    apexLs?: boolean;
    /** Where apex-ls finds Java and its jars (tests point these elsewhere). */
    apexLsOptions?: ApexLsOptions;
    /** Run PMD through Code Analyzer (a Java start, about 5 s cold). Default true. */
    pmd?: boolean;
    /** Run Salesforce's Flow Scanner (Python). Default true. */
    flowScanner?: boolean;
    /** PMD result cache keyed by file hash; undefined runs PMD on every file. */
    pmdCacheFile?: string;
    sharingAllowList?: Readonly<Record<string, string>>;
    /** Prettier config file; default `<root>/.prettierrc`. */
    prettierConfig?: string;
}

export interface VerifyReport {
    root: string;
    findings: Finding[];
    classes: number;
    triggers: number;
    /** Anonymous Apex scripts under scripts/ (syntax and SOQL only). */
    scripts: number;
    /** .soql files under scripts/ (the backtest export query). */
    soqlFiles: number;
    flows: number;
    staticQueries: number;
    dynamicQueries: number;
    /** Database.query calls built at run time: listed, not checkable statically. */
    uncheckedQueries: Array<UncheckedQuery & { file: string }>;
    pmd: { ran: boolean; seconds: number; analysed: number; fromCache: number };
    apexLs: { ran: boolean; seconds: number };
    flowScanner: { ran: boolean; seconds: number };
}

const SKIP_DIRS = new Set(['node_modules', '.sf', '.sfdx', '__tests__', '__fixtures__']);

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
    const out: string[] = [];
    const visit = (d: string): void => {
        if (!existsSync(d)) return;
        for (const e of readdirSync(d, { withFileTypes: true })) {
            if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
            const p = join(d, e.name);
            if (e.isDirectory()) visit(p);
            else if (accept(e.name)) out.push(p);
        }
    };
    visit(dir);
    return out.sort();
}

/** Apex classes and triggers under `<root>/force-app`. */
export function findApexFiles(root: string): { classes: string[]; triggers: string[] } {
    const all = filesUnder(join(root, 'force-app'), (n) => n.endsWith('.cls') || n.endsWith('.trigger'));
    return { classes: all.filter((f) => f.endsWith('.cls')), triggers: all.filter((f) => f.endsWith('.trigger')) };
}

/** Anonymous Apex scripts the admin tooling runs (`sf apex run --file`): syntax and SOQL are checked. */
export function findAnonymousApex(root: string): string[] {
    return filesUnder(join(root, 'scripts'), (n) => n.endsWith('.apex'));
}

/** SOQL files the admin tooling runs (`sf data query --file`, e.g. the backtest export): parsed and checked against the schema. */
export function findSoqlFiles(root: string): string[] {
    return filesUnder(join(root, 'scripts'), (n) => n.endsWith('.soql'));
}

export function findFlowFiles(root: string): string[] {
    return filesUnder(join(root, 'force-app'), (n) => n.endsWith('.flow-meta.xml'));
}

/** A shorter form of ANTLR's "expecting {200 tokens}" messages. */
const shorten = (message: string): string => message.replace(/expecting \{[^}]{60,}\}/, 'expecting a different token here');

/** Syntax errors of one Apex source, as findings. */
export function syntaxFindings(file: string, analysis: ApexAnalysis): Finding[] {
    return analysis.syntaxErrors.map((e) => ({
        check: 'syntax',
        level: 'error',
        file,
        line: e.line,
        column: e.column,
        message: shorten(e.message)
    }));
}

/** Sharing declarations of one file's classes against the allow-list. */
export function sharingFindings(file: string, analysis: ApexAnalysis, allowList: Readonly<Record<string, string>>): Finding[] {
    const findings: Finding[] = [];
    let outer = '';
    for (const c of analysis.classes) {
        if (c.topLevel) outer = c.name;
        const qualified = c.topLevel ? c.name : `${outer}.${c.name}`;
        const reason = allowList[qualified];
        const justified = typeof reason === 'string' && reason.trim().length >= 20;
        const at = { check: 'sharing' as const, level: 'error' as const, file, line: c.line, column: 1 };
        if (c.sharing === 'without sharing' && !justified) {
            findings.push({
                ...at,
                message: `Class ${qualified} is declared "without sharing": it would show users records the org's sharing hides. Use "with sharing", or add it to scripts/checks/verify-apex/sharingAllowList.ts with a reviewed reason.`
            });
        } else if (c.topLevel && !c.isTest && c.sharing === null && !justified) {
            findings.push({
                ...at,
                message: `Class ${qualified} declares no sharing keyword: declare "with sharing" (or "inherited sharing"), or allow-list it with a reason.`
            });
        }
    }
    return findings;
}

/** SOQL problems of one file's queries, located at the offending field when it can be found. */
export function soqlFindings(file: string, analysis: ApexAnalysis, schema: Schema): Finding[] {
    const findings: Finding[] = [];
    for (const q of analysis.queries) {
        for (const p of checkSoql(q.soql, schema)) {
            let line = q.line;
            let column = q.column;
            const offset = p.locate ? locateInQuery(q.original, p.locate) : -1;
            if (offset >= 0 && q.kind === 'static') {
                const pos = positionOf(q.original, offset);
                line = q.line + pos.line - 1;
                column = pos.line === 1 ? q.column + pos.column - 1 : pos.column;
            }
            const prefix = q.kind === 'dynamic' ? 'SOQL string: ' : '';
            findings.push({ check: 'soql', level: 'error', file, line, column, message: prefix + p.message });
        }
    }
    return findings;
}

/** Whether the file is printed as prettier-plugin-apex prints it; a finding at the first line that differs. */
export async function formattingFinding(file: string, absolutePath: string, source: string, configFile: string): Promise<Finding | null> {
    const config = (await prettier.resolveConfig(absolutePath, { config: configFile })) ?? {};
    // Plugin names in .prettierrc resolve from the project, wherever the checked file lives (tests use temp folders),
    // and from this tool's own packages when the project has no node_modules of its own.
    const fromProject = createRequire(configFile);
    const resolvePlugin = (name: string): string => {
        try {
            return fromProject.resolve(name);
        } catch {
            return require.resolve(name);
        }
    };
    const plugins = (config.plugins ?? []).map((p) => (typeof p === 'string' ? resolvePlugin(p) : p));
    let formatted: string;
    try {
        formatted = await prettier.format(source, { ...config, plugins, filepath: absolutePath });
    } catch {
        return null; // Unparseable: the syntax check reports it with a better message.
    }
    if (formatted === source) return null;
    const a = source.split('\n');
    const b = formatted.split('\n');
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return {
        check: 'format',
        level: 'error',
        file,
        line: i + 1,
        column: 1,
        message: `Not formatted as prettier-plugin-apex prints it (first difference here). Run: npx prettier --write ${file}`
    };
}

/** Checks every Apex file and flow under `root`. */
export async function verifyApex(root: string, options: VerifyOptions = {}): Promise<VerifyReport> {
    const rel = (p: string): string => relative(root, p) || p;
    const { classes, triggers } = findApexFiles(root);
    const flows = findFlowFiles(root);
    const schema = loadSchema(root);
    const allowList = options.sharingAllowList ?? SHARING_ALLOW_LIST;
    const configFile = options.prettierConfig ?? join(root, '.prettierrc');
    const report: VerifyReport = {
        root,
        findings: [],
        classes: classes.length,
        triggers: triggers.length,
        scripts: 0,
        soqlFiles: 0,
        flows: flows.length,
        staticQueries: 0,
        dynamicQueries: 0,
        uncheckedQueries: [],
        pmd: { ran: false, seconds: 0, analysed: 0, fromCache: 0 },
        apexLs: { ran: false, seconds: 0 },
        flowScanner: { ran: false, seconds: 0 }
    };
    const push = (...f: Finding[]): void => {
        report.findings.push(...f);
    };

    const declaredClasses = new Set<string>();
    const needingAllowance = new Set<string>();
    for (const abs of [...classes, ...triggers]) {
        const file = rel(abs);
        const source = readFileSync(abs, 'utf8');
        const analysis = analyzeApex(source, abs);
        push(...syntaxFindings(file, analysis));
        if (!existsSync(`${abs}-meta.xml`)) {
            push({
                check: 'meta',
                level: 'error',
                file,
                line: 1,
                column: 1,
                message: `Missing ${file.split('/').pop()}-meta.xml: the sf CLI silently leaves this file out of a deploy`
            });
        }
        if (analysis.syntaxErrors.length) continue;
        const formatting = existsSync(configFile) ? await formattingFinding(file, abs, source, configFile) : null;
        if (formatting) push(formatting);
        let outer = '';
        for (const c of analysis.classes) {
            if (c.topLevel) outer = c.name;
            const qualified = c.topLevel ? c.name : `${outer}.${c.name}`;
            declaredClasses.add(qualified);
            if (c.sharing === 'without sharing' || (c.topLevel && !c.isTest && c.sharing === null)) needingAllowance.add(qualified);
        }
        push(...sharingFindings(file, analysis, allowList));
        push(...soqlFindings(file, analysis, schema));
        report.staticQueries += analysis.queries.filter((q) => q.kind === 'static').length;
        report.dynamicQueries += analysis.queries.filter((q) => q.kind === 'dynamic').length;
        report.uncheckedQueries.push(...analysis.uncheckedQueries.map((u) => ({ ...u, file })));
    }
    for (const abs of findAnonymousApex(root)) {
        const file = rel(abs);
        const analysis = analyzeApex(readFileSync(abs, 'utf8'), abs);
        push(...syntaxFindings(file, analysis), ...soqlFindings(file, analysis, schema));
        report.scripts += 1;
    }
    for (const abs of findSoqlFiles(root)) {
        const file = rel(abs);
        const text = readFileSync(abs, 'utf8');
        for (const p of checkSoql(text, schema)) {
            const offset = p.locate ? locateInQuery(text, p.locate) : -1;
            const at = offset >= 0 ? positionOf(text, offset) : { line: 1, column: 1 };
            push({ check: 'soql', level: 'error', file, ...at, message: p.message });
        }
        report.soqlFiles += 1;
    }
    for (const [name, reason] of Object.entries(allowList)) {
        const at = {
            check: 'sharing' as const,
            level: 'error' as const,
            file: 'scripts/checks/verify-apex/sharingAllowList.ts',
            line: 1,
            column: 1
        };
        if (reason.trim().length < 20) push({ ...at, message: `Allow-list entry ${name} needs a real reason (20+ characters)` });
        else if (!declaredClasses.has(name) || !needingAllowance.has(name)) {
            push({ ...at, message: `Allow-list entry ${name} is stale: no such class needs it any more; remove the entry` });
        }
    }

    if (options.apexLs !== false && classes.length + triggers.length) {
        const run = runApexLs(root, options.apexLsOptions);
        report.apexLs = { ran: true, seconds: run.seconds };
        if (run.error) push({ check: 'apex-ls', level: 'error', file: '(apex-ls)', line: 1, column: 1, message: run.error });
        // A syntax error is the syntax check's finding (the same parser, with a better message there).
        for (const i of run.issues.filter((issue) => issue.category !== 'Syntax')) {
            push({ check: 'apex-ls', level: 'error', file: issueFile(root, i), line: i.line, column: i.column, message: i.message });
        }
    }

    if (options.pmd !== false && classes.length + triggers.length) {
        const apexFiles = [...classes, ...triggers];
        const withMeta = [...apexFiles, ...apexFiles.map((f) => `${f}-meta.xml`).filter((f) => existsSync(f))];
        const run = await runPmd(withMeta, { cacheFile: options.pmdCacheFile });
        report.pmd = { ran: true, seconds: run.seconds, analysed: run.filesAnalysed, fromCache: run.filesFromCache };
        for (const [abs, issues] of run.byFile) {
            for (const i of issues) {
                if (i.severity > 3) continue;
                const label =
                    i.severity === 0 ? 'engine error (the file could not be analysed)' : `${i.engine}:${i.rule} severity ${i.severity}`;
                push({
                    check: 'pmd',
                    level: i.severity <= 2 ? 'error' : 'warning',
                    file: rel(abs),
                    line: i.line,
                    column: i.column,
                    message: `${label}: ${i.message}`
                });
            }
        }
        for (const e of run.unattributedErrors)
            push({ check: 'pmd', level: 'error', file: '(code analyzer)', line: 1, column: 1, message: e });
    }

    for (const abs of flows) {
        const file = rel(abs);
        for (const p of checkFlowSource(readFileSync(abs, 'utf8'), schema)) push({ check: 'flow', level: 'error', file, ...p });
    }
    if (options.flowScanner !== false && flows.length) {
        const run = await runFlowScanner(flows);
        report.flowScanner = { ran: true, seconds: run.seconds };
        if (run.error) push({ check: 'flow-scanner', level: 'error', file: '(flow scanner)', line: 1, column: 1, message: run.error });
        for (const i of run.issues) {
            push({
                check: 'flow-scanner',
                level: i.severity <= 2 ? 'error' : 'warning',
                file: rel(i.file),
                line: i.line,
                column: i.column,
                message: `flow:${i.rule} severity ${i.severity}: ${i.message}`
            });
        }
    }
    return report;
}

export function formatFindingLine(f: Finding): string {
    return `${f.file}:${f.line}:${f.column} ${f.level} [${f.check}] ${f.message}`;
}

export const errorsOf = (report: VerifyReport): Finding[] => report.findings.filter((f) => f.level === 'error');
