/**
 * Apex semantic checking with apex-ls (Apex Dev Tools' language server), fully offline: the jars ship inside
 * @salesforce/code-analyzer-pmd-engine (apex-ls 6 with the standard library and standard SObjects of API 65) and run
 * on the machine's Java. It resolves what the parser cannot: unknown types, unknown methods (String.joinx), calls with
 * the wrong arguments, type mismatches, unknown fields of objects the project does not extend.
 *
 * Blind spots (measured, see docs/notes): fields of standard objects the project extends (Lead) and SOQL select lists
 * are not checked here; the SOQL check in checks.ts covers them.
 *
 * CheckForIssues exits 0 when clean and 4 when it reports anything; output with `-f json`:
 *   {"files":[{"path": "<absolute>", "messages":[{"start":{"line":3,"offset":12}, "end":{...}, "category":"Missing", "message":"..."}]}]}
 * `offset` is the 0-based character index on the line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

export const APEX_LS_CLASS = 'io.github.apexdevtools.apexls.CheckForIssues';

export interface ApexLsIssue {
    /** Absolute path, or the workspace itself for a project-level problem. */
    path: string;
    line: number;
    /** 1-based. */
    column: number;
    category: string;
    message: string;
}

export interface ApexLsRun {
    issues: ApexLsIssue[];
    /** Why apex-ls could not run at all (no Java, no jars, unreadable output); the step fails with it. */
    error?: string;
    seconds: number;
}

export interface ApexLsOptions {
    /** The Java executable; default $JAVA_HOME/bin/java when it exists, else `java` from PATH. */
    java?: string;
    /** Folder holding the apex-ls jars; default the one bundled with @salesforce/code-analyzer-pmd-engine. */
    jarDir?: string;
}

/** The jar folder bundled with the PMD engine package. */
export function bundledJarDir(): string {
    return join(dirname(require.resolve('@salesforce/code-analyzer-pmd-engine/package.json')), 'dist', 'java-lib');
}

export function defaultJava(): string {
    const home = process.env.JAVA_HOME;
    const fromHome = home ? join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : '';
    return fromHome && existsSync(fromHome) ? fromHome : 'java';
}

const INSTALL_JAVA =
    'Install a Java 17 runtime (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17; Windows: Eclipse Temurin 17)';

export const JAVA_MISSING = `Java was not found, and apex-ls (the Apex semantic check) runs on Java. ${INSTALL_JAVA}, make sure \`java -version\` works in a new terminal (or set JAVA_HOME), then run npm run verify:apex again.`;

export const JAVA_TOO_OLD = `The Java on this machine is too old for apex-ls, the Apex semantic check (a class it loads needs a newer Java; LeadGate is measured on Java 17). ${INSTALL_JAVA}, put it first on PATH or point JAVA_HOME at it, then run npm run verify:apex again.`;

/** What to tell the developer when apex-ls exits with anything but 0 (clean) or 4 (issues). */
export function explainFailure(status: number | null, output: string): string {
    if (/UnsupportedClassVersionError|has been compiled by a more recent version of the Java Runtime/.test(output)) return JAVA_TOO_OLD;
    const detail = output.trim().split('\n').slice(0, 3).join(' ');
    return `apex-ls stopped with exit code ${status}: ${detail || 'no output'}`;
}

interface RawOutput {
    files?: Array<{ path?: string; messages?: Array<{ start?: { line?: number; offset?: number }; category?: string; message?: string }> }>;
}

/** Parses CheckForIssues' JSON output. Throws when it is not that shape. */
export function parseApexLsOutput(stdout: string): ApexLsIssue[] {
    const start = stdout.indexOf('{');
    const parsed = JSON.parse(start >= 0 ? stdout.slice(start) : stdout) as RawOutput;
    if (!Array.isArray(parsed.files)) throw new Error('no "files" array');
    return parsed.files.flatMap((f) =>
        (f.messages ?? []).map((m) => ({
            path: f.path ?? '',
            line: m.start?.line ?? 1,
            column: (m.start?.offset ?? 0) + 1,
            category: m.category ?? 'Error',
            message: (m.message ?? '').trim()
        }))
    );
}

/** Runs apex-ls over the SFDX project at `root` (it needs sfdx-project.json there) and returns what it reports at error level. */
export function runApexLs(root: string, options: ApexLsOptions = {}): ApexLsRun {
    const started = Date.now();
    const seconds = (): number => (Date.now() - started) / 1000;
    const jarDir = options.jarDir ?? bundledJarDir();
    if (!existsSync(jarDir)) {
        return {
            issues: [],
            error: `apex-ls jars not found at ${jarDir}: run npm ci (they ship with @salesforce/code-analyzer-pmd-engine)`,
            seconds: seconds()
        };
    }
    const run = spawnSync(
        options.java ?? defaultJava(),
        ['-cp', join(jarDir, '*'), APEX_LS_CLASS, '-f', 'json', '-d', 'errors', '-n', '-w', root],
        {
            cwd: root,
            encoding: 'utf8',
            timeout: 180_000,
            maxBuffer: 64 * 1024 * 1024
        }
    );
    if (run.error) {
        const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
        return { issues: [], error: missing ? JAVA_MISSING : `apex-ls could not start: ${run.error.message}`, seconds: seconds() };
    }
    if (run.status !== 0 && run.status !== 4) {
        return { issues: [], error: explainFailure(run.status, run.stderr || run.stdout || ''), seconds: seconds() };
    }
    try {
        const issues = parseApexLsOutput(run.stdout);
        if (run.status === 4 && !issues.length) throw new Error('exit code 4 but no issue listed');
        return { issues, seconds: seconds() };
    } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        return { issues: [], error: `apex-ls output could not be read (${detail}): ${run.stdout.slice(0, 200)}`, seconds: seconds() };
    }
}

/** Project-relative path of an apex-ls issue ('.' for the workspace itself). */
export function issueFile(root: string, issue: ApexLsIssue): string {
    if (!issue.path || !isAbsolute(issue.path)) return issue.path || '.';
    return relative(root, issue.path).split('\\').join('/') || '.';
}
