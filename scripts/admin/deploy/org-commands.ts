/**
 * Small org commands as npm scripts, so admins and CI type the same thing and every `sf` call runs with
 * telemetry and update checks off (sf.ts):
 *   npm run org:login  -- --sfdx-url-file <file> --alias devhub [--dev-hub]   (log in from an auth URL file)
 *   npm run org:login  -- --sfdx-url-env SFDX_AUTH_URL --alias devhub --dev-hub   (CI: the URL from a secret's env var,
 *                         written to a private temp file for the login and removed right after)
 *   npm run org:test   -- --target-org <alias> [--tests A_Tests,B_Tests]      (Apex tests with coverage; all local tests by default)
 *   npm run org:verify -- --target-org <alias>                                 (re-prove in the org what the offline tests
 *                         prove: the project's *Parity_Tests classes, e.g. LeadGateQualificationParity_Tests)
 *   npm run org:delete -- --target-org <alias>                                 (delete a scratch org, no prompt)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readProjectFacts } from './project';
import { processRunner, sf, type Command } from './sf';

export type OrgCommandKind = 'login' | 'test' | 'verify' | 'delete';

/** The Apex test classes that run the shared case tables in an org: every project test class named *Parity_Tests. */
export const parityTestClasses = (testClasses: readonly string[]): string[] => testClasses.filter((c) => c.endsWith('Parity_Tests'));

export const ORG_COMMAND_USAGE: Record<OrgCommandKind, string> = {
    login: 'npm run org:login -- --sfdx-url-file <file> --alias <alias> [--dev-hub]   (or --sfdx-url-env <VAR> instead of the file)',
    test: 'npm run org:test -- --target-org <alias> [--tests A_Tests,B_Tests]',
    verify: 'npm run org:verify -- --target-org <alias>',
    delete: 'npm run org:delete -- --target-org <alias>'
};

function flags(argv: string[], valued: string[], booleans: string[]): Record<string, string | true> | { error: string } | { help: true } {
    const out: Record<string, string | true> = {};
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]!;
        if (a === '--help' || a === '-h') return { help: true };
        if (booleans.includes(a)) out[a] = true;
        else if (valued.includes(a)) {
            const v = argv[++i];
            if (!v || v.startsWith('--')) return { error: `${a} needs a value` };
            out[a] = v;
        } else return { error: `Unknown option "${a}"` };
    }
    return out;
}

/** The sf command for an org task, the usage (`--help`), or what is missing. `parityClasses` are what org:verify runs. */
export function orgCommand(
    kind: OrgCommandKind,
    argv: string[],
    parityClasses: readonly string[] = []
): Command | { error: string } | { help: string } {
    if (kind === 'login') {
        const f = flags(argv, ['--sfdx-url-file', '--alias'], ['--dev-hub']);
        if ('help' in f) return { help: `Usage: ${ORG_COMMAND_USAGE.login}` };
        if ('error' in f) return { error: `${f.error}. Usage: npm run org:login -- --sfdx-url-file <file> --alias <alias> [--dev-hub]` };
        if (typeof f['--sfdx-url-file'] !== 'string' || typeof f['--alias'] !== 'string') {
            return { error: 'Usage: npm run org:login -- --sfdx-url-file <file> --alias <alias> [--dev-hub]' };
        }
        return sf(
            'org',
            'login',
            'sfdx-url',
            '--sfdx-url-file',
            f['--sfdx-url-file'],
            '--alias',
            f['--alias'],
            ...(f['--dev-hub'] ? ['--set-default-dev-hub'] : [])
        );
    }
    const f = flags(argv, kind === 'test' ? ['--target-org', '--tests'] : ['--target-org'], []);
    const usage = ORG_COMMAND_USAGE[kind];
    if ('help' in f) return { help: `Usage: ${usage}` };
    if ('error' in f) return { error: `${f.error}. Usage: ${usage}` };
    const org = f['--target-org'];
    if (typeof org !== 'string') return { error: `Name the org. Usage: ${usage}` };
    if (kind === 'delete') return sf('org', 'delete', 'scratch', '--target-org', org, '--no-prompt');
    if (kind === 'verify') {
        if (!parityClasses.length) return { error: 'This project has no *Parity_Tests Apex class: nothing to re-prove in the org.' };
        const names = parityClasses.flatMap((c) => ['--class-names', c]);
        return sf(
            'apex',
            'run',
            'test',
            '--target-org',
            org,
            '--test-level',
            'RunSpecifiedTests',
            ...names,
            '--result-format',
            'human',
            '--wait',
            '30'
        );
    }
    const tests = typeof f['--tests'] === 'string' ? f['--tests'].split(',').filter(Boolean) : [];
    const level = tests.length
        ? ['--test-level', 'RunSpecifiedTests', ...tests.flatMap((t) => ['--class-names', t])]
        : ['--test-level', 'RunLocalTests'];
    return sf('apex', 'run', 'test', '--target-org', org, ...level, '--code-coverage', '--result-format', 'human', '--wait', '30');
}

/** `--sfdx-url-env NAME` -> `--sfdx-url-file <private temp file holding $NAME>`; returns the args and a cleanup. */
export function authUrlFromEnv(argv: string[], env: NodeJS.ProcessEnv): { args: string[]; cleanup: () => void } | { error: string } {
    const at = argv.indexOf('--sfdx-url-env');
    if (at < 0) return { args: argv, cleanup: () => undefined };
    const name = argv[at + 1];
    const value = name ? env[name] : undefined;
    if (!name || !value)
        return { error: `--sfdx-url-env names an environment variable holding the auth URL; ${name ?? 'it'} is empty or unset` };
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-auth-'));
    const file = join(dir, 'auth-url');
    writeFileSync(file, value, { mode: 0o600 });
    const args = [...argv.slice(0, at), '--sfdx-url-file', file, ...argv.slice(at + 2)];
    return { args, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

if (require.main === module) {
    const [kind, ...given] = process.argv.slice(2) as [OrgCommandKind, ...string[]];
    const auth = authUrlFromEnv(given, process.env);
    if ('error' in auth) {
        console.error(auth.error);
        process.exit(2);
    }
    const rest = auth.args;
    const root = join(dirname(__filename), '..', '..', '..');
    const parity = kind === 'verify' ? parityTestClasses(readProjectFacts(root).testClasses) : [];
    const command = ['login', 'test', 'verify', 'delete'].includes(kind)
        ? orgCommand(kind, rest, parity)
        : { error: 'Use npm run org:login, org:test, org:verify or org:delete' };
    if ('help' in command) {
        auth.cleanup();
        console.log(command.help);
        process.exit(0);
    }
    if ('error' in command) {
        auth.cleanup();
        console.error(command.error);
        process.exit(2);
    }
    const status = processRunner(root)(command, { capture: false }).status;
    auth.cleanup();
    process.exit(status);
}
