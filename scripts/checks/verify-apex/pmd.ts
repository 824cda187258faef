/**
 * PMD (and the regex engine) over Apex through the Salesforce Code Analyzer libraries, fully offline:
 * @salesforce/code-analyzer-core + -pmd-engine (jars bundled, run by the machine's Java) + -regex-engine.
 *
 * Rules: every PMD Apex rule and every regex rule. Severity 1 (Critical) and 2 (High) fail; 3 is a warning;
 * 4-5 are counted only. An engine log event at error level fails too: that is how PMD reports a file it
 * could not parse (a syntax error is NOT a violation).
 *
 * Results are cached per file content hash (plus engine versions) so an unchanged project does not pay for
 * a Java start: `.cache/verify-apex/pmd.json`. Pass `cacheFile: undefined` to run everything.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CodeAnalyzer, CodeAnalyzerConfig, EventType, LogLevel, type EngineLogEvent, type LogEvent } from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as regexEngine from '@salesforce/code-analyzer-regex-engine';

export const RULE_SELECTORS = ['pmd:Apex', 'regex'];

export interface PmdIssue {
    rule: string;
    engine: string;
    /** 1 Critical .. 5 Info; 0 for an engine error (always fails). */
    severity: number;
    line: number;
    column: number;
    message: string;
}

export interface PmdRun {
    /** Absolute file -> issues. */
    byFile: Map<string, PmdIssue[]>;
    /** Engine errors that name no file (they fail the run too). */
    unattributedErrors: string[];
    filesAnalysed: number;
    filesFromCache: number;
    seconds: number;
}

interface CacheShape {
    signature: string;
    entries: Record<string, PmdIssue[]>;
}

const hashOf = (content: string): string => createHash('sha256').update(content).digest('hex');

function packageVersion(name: string): string {
    try {
        return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version as string;
    } catch {
        return 'unknown';
    }
}

export function cacheSignature(): string {
    return [
        ...RULE_SELECTORS,
        packageVersion('@salesforce/code-analyzer-core'),
        packageVersion('@salesforce/code-analyzer-pmd-engine'),
        packageVersion('@salesforce/code-analyzer-regex-engine')
    ].join('|');
}

function readCache(cacheFile: string | undefined, signature: string): CacheShape {
    if (cacheFile && existsSync(cacheFile)) {
        try {
            const parsed = JSON.parse(readFileSync(cacheFile, 'utf8')) as CacheShape;
            if (parsed.signature === signature) return parsed;
        } catch {
            // A corrupt cache is a cold cache.
        }
    }
    return { signature, entries: {} };
}

/** "PMD issued a processing error for file '/x/A.cls': ... Syntax error at 2:19: ..." -> file, line, column. */
export function parseEngineError(message: string): { file?: string; line: number; column: number; text: string } {
    const file = /for file '([^']+)'/.exec(message)?.[1];
    const at = /at (\d+):(\d+)/.exec(message);
    const detail = /Syntax error at \d+:\d+: ([^\n]+)/.exec(message)?.[1] ?? message.split('\n').slice(0, 3).join(' ');
    return {
        file,
        line: at ? Number(at[1]) : 1,
        column: at ? Number(at[2]) + 1 : 1,
        text: detail.replace(/expecting \{[^}]{60,}\}/, 'expecting something else')
    };
}

/**
 * Runs the selected rules on `files` (absolute paths: .cls, .trigger and their -meta.xml), reusing cached
 * results for files whose content has not changed.
 */
export async function runPmd(files: string[], options: { cacheFile?: string } = {}): Promise<PmdRun> {
    const started = Date.now();
    const signature = cacheSignature();
    const cache = readCache(options.cacheFile, signature);
    const byFile = new Map<string, PmdIssue[]>();
    const hashes = new Map<string, string>();
    const misses: string[] = [];
    for (const f of files) {
        const h = hashOf(readFileSync(f, 'utf8'));
        hashes.set(f, h);
        const hit = cache.entries[h];
        if (hit) byFile.set(f, hit);
        else misses.push(f);
    }
    const unattributedErrors: string[] = [];
    if (misses.length) {
        // Logs and Code Analyzer's working folders (which it keeps after an engine error) all go in one temp folder, removed below.
        const scratch = mkdtempSync(join(tmpdir(), 'leadgate-pmd-'));
        const logFolder = join(scratch, 'logs');
        const workFolder = join(scratch, 'work');
        mkdirSync(logFolder);
        mkdirSync(workFolder);
        try {
            const config = CodeAnalyzerConfig.fromObject({ log_folder: logFolder, root_working_folder: workFolder }, dirname(misses[0]!));
            const analyzer = new CodeAnalyzer(config);
            const engineErrors: string[] = [];
            analyzer.onEvent(EventType.EngineLogEvent, (e: EngineLogEvent) => {
                if (e.logLevel === LogLevel.Error) engineErrors.push(e.message);
            });
            analyzer.onEvent(EventType.LogEvent, (e: LogEvent) => {
                if (e.logLevel === LogLevel.Error) engineErrors.push(e.message);
            });
            await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
            await analyzer.addEnginePlugin(regexEngine.createEnginePlugin());
            const workspace = await analyzer.createWorkspace(misses);
            const selection = await analyzer.selectRules(RULE_SELECTORS, { workspace });
            const results = await analyzer.run(selection, { workspace });
            for (const f of misses) byFile.set(f, []);
            for (const v of results.getViolations()) {
                const loc = v.getPrimaryLocation();
                const file = loc.getFile() ? resolve(loc.getFile()!) : undefined;
                const issue: PmdIssue = {
                    rule: v.getRule().getName(),
                    engine: v.getRule().getEngineName(),
                    severity: v.getRule().getSeverityLevel(),
                    line: loc.getStartLine() ?? 1,
                    column: loc.getStartColumn() ?? 1,
                    message: v.getMessage().trim()
                };
                if (file && byFile.has(file)) byFile.get(file)!.push(issue);
                else unattributedErrors.push(`${issue.rule}: ${issue.message} (${file ?? 'no file'})`);
            }
            for (const message of engineErrors) {
                const parsed = parseEngineError(message);
                const file = parsed.file ? resolve(parsed.file) : undefined;
                const issue: PmdIssue = {
                    rule: 'EngineError',
                    engine: 'pmd',
                    severity: 0,
                    line: parsed.line,
                    column: parsed.column,
                    message: parsed.text
                };
                if (file && byFile.has(file)) byFile.get(file)!.push(issue);
                else unattributedErrors.push(message.split('\n')[0]!);
            }
            // Only complete per-file answers are cached; a run with an unattributed error caches nothing.
            if (!unattributedErrors.length) for (const f of misses) cache.entries[hashes.get(f)!] = byFile.get(f)!;
        } catch (e) {
            unattributedErrors.push(`Code Analyzer could not run: ${e instanceof Error ? e.message : String(e)}`);
        } finally {
            rmSync(scratch, { recursive: true, force: true });
        }
    }
    if (options.cacheFile && misses.length && !unattributedErrors.length) {
        // Keep only entries for files that still exist, so the cache does not grow forever.
        const live = new Set(hashes.values());
        const entries = Object.fromEntries(Object.entries(cache.entries).filter(([h]) => live.has(h)));
        mkdirSync(dirname(options.cacheFile), { recursive: true });
        writeFileSync(options.cacheFile, JSON.stringify({ signature, entries }, null, 1));
    }
    return {
        byFile,
        unattributedErrors,
        filesAnalysed: misses.length,
        filesFromCache: files.length - misses.length,
        seconds: (Date.now() - started) / 1000
    };
}
