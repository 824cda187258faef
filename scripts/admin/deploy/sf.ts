/**
 * How LeadGate's admin scripts call the Salesforce CLI and npm: one command type, one runner, one place
 * that sets the environment every `sf` call needs (no telemetry, no update check: no background network
 * traffic), and one translation of the CLI's auth errors into the command an admin should type.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Set on every `sf` call: with these the CLI makes no telemetry or version-check requests, and never starts its
 * background `sf update --autoupdate` process (seen left running here when the last variable was missing).
 */
export const SF_ENV: Readonly<Record<string, string>> = {
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_DISABLE_AUTOUPDATE: 'true'
};

export interface Command {
    program: 'npm' | 'sf';
    args: string[];
}

export interface CommandResult {
    status: number;
    stdout: string;
    stderr: string;
}

/** Runs a command; `capture` returns its output instead of streaming it to the terminal. */
export type Runner = (command: Command, options: { capture: boolean }) => CommandResult;

export const sf = (...args: string[]): Command => ({ program: 'sf', args });
export const npm = (...args: string[]): Command => ({ program: 'npm', args });

/** Shell quoting for display: bare when safe, double quotes around single quotes (SOQL), else single quotes. */
const quote = (arg: string): string => {
    if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
    if (arg.includes("'") && !/["$`\\]/.test(arg)) return `"${arg}"`;
    return `'${arg.replace(/'/g, `'\\''`)}'`;
};

/** The command as an admin would type it (placeholders such as `<validation id>` stay visible). */
export function commandLine(command: Command): string {
    return [command.program, ...command.args].map(quote).join(' ');
}

/** The real runner: the project's pinned CLI (node_modules/.bin/sf), telemetry and update checks off. */
export function processRunner(root: string): Runner {
    const localSf = join(root, 'node_modules', '.bin', 'sf');
    return (command, { capture }) => {
        const program = command.program === 'sf' ? (existsSync(localSf) ? localSf : 'sf') : 'npm';
        const env = command.program === 'sf' ? { ...process.env, ...SF_ENV } : process.env;
        const r = spawnSync(program, command.args, {
            cwd: root,
            env,
            encoding: 'utf8',
            stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
            maxBuffer: 64 * 1024 * 1024
        });
        if (r.error) return { status: 127, stdout: '', stderr: `${program}: ${r.error.message}` };
        return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    };
}

export interface SfJson {
    status?: number;
    name?: string;
    code?: string;
    message?: string;
    result?: unknown;
}

/** The JSON object a `--json` call printed (the CLI may print warnings before it), or null. */
export function parseSfJson(stdout: string): SfJson | null {
    const start = stdout.indexOf('{');
    if (start < 0) return null;
    try {
        return JSON.parse(stdout.slice(start)) as SfJson;
    } catch {
        return null;
    }
}

export const loginCommand = (alias: string): string => `sf org login web --alias ${alias}`;
export const sandboxLoginCommand = (alias: string): string =>
    `sf org login web --alias ${alias} --instance-url https://test.salesforce.com`;

export interface OrgIdentity {
    alias: string;
    username: string;
    instanceUrl: string;
}

/**
 * Reads `sf org display --target-org <alias> --json` and says either who we are connected as, or in plain
 * words what the admin must do (the CLI's own error names, never a stack trace).
 */
export function interpretOrgDisplay(alias: string, result: CommandResult): { org: OrgIdentity } | { problem: string } {
    const login = `Log in first:\n    ${loginCommand(alias)}\n(for a sandbox: ${sandboxLoginCommand(alias)})`;
    if (result.status === 127) return { problem: `The Salesforce CLI could not be started (${result.stderr.trim()}). Run: npm run setup` };
    const json = parseSfJson(result.stdout);
    if (result.status === 0 && json && typeof json.result === 'object' && json.result) {
        const r = json.result as Record<string, unknown>;
        const status = typeof r.connectedStatus === 'string' ? r.connectedStatus : 'Connected';
        if (status !== 'Connected' && status !== 'Unknown') {
            return { problem: `The org "${alias}" is known but its login no longer works (${status}). ${login}` };
        }
        return { org: { alias, username: String(r.username ?? ''), instanceUrl: String(r.instanceUrl ?? '') } };
    }
    const name = json?.name ?? json?.code ?? '';
    const message = (json?.message ?? result.stderr).trim();
    if (/NamedOrgNotFound|NoAuthInfoFound|AuthInfoNotFound|No authorization information found/i.test(`${name} ${message}`)) {
        return { problem: `No org is logged in under the alias "${alias}". ${login}` };
    }
    if (/NoDefaultEnv|No default environment/i.test(`${name} ${message}`)) {
        return { problem: `No org named: pass --target-org <alias>. ${login}` };
    }
    if (/expired|invalid_grant|RefreshTokenAuthError|inactive/i.test(`${name} ${message}`)) {
        return { problem: `The login for "${alias}" has expired or was revoked. ${login}` };
    }
    const firstLine = message.split('\n').find((l) => l.trim()) ?? 'no output';
    return { problem: `Could not reach the org "${alias}": ${name ? `${name}: ` : ''}${firstLine}. ${login}` };
}

/** `sf config get target-dev-hub --json`: null when a default Dev Hub is set, else what to do. */
export function interpretDevHubConfig(result: CommandResult): string | null {
    const json = parseSfJson(result.stdout);
    const entries = Array.isArray(json?.result) ? (json!.result as Array<{ value?: unknown }>) : [];
    if (result.status === 0 && entries.some((e) => typeof e.value === 'string' && e.value)) return null;
    return 'No Dev Hub is set. Log in to your Dev Hub org once:\n    sf org login web --set-default-dev-hub --alias devhub\nor pass --target-dev-hub <alias>.';
}
