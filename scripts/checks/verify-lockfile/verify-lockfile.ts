/**
 * npm run verify:lockfile: package-lock.json installs with `npm ci` on every platform LeadGate supports.
 *
 * A lockfile written where the registry did not serve some platform's optional packages (rollup's native binaries,
 * the pinned Node) installs here and is refused by `npm ci` on macOS or Windows. Each platform is asked with
 * `npm ci --dry-run --os --cpu` on a copy of package.json, the lockfile and .npmrc in a temporary folder, so the
 * project's node_modules is never touched. About one second per platform, from npm's cache.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PLATFORMS = [
    { os: 'linux', cpu: 'x64' },
    { os: 'linux', cpu: 'arm64' },
    { os: 'darwin', cpu: 'arm64' },
    { os: 'darwin', cpu: 'x64' },
    { os: 'win32', cpu: 'x64' }
] as const;

export interface PlatformResult {
    platform: string;
    ok: boolean;
    /** npm's own reason when it refuses, e.g. "Missing: @rollup/rollup-darwin-arm64@4.68.7 from lock file". */
    problem?: string;
}

const PROJECT_FILES = ['package.json', 'package-lock.json', '.npmrc'];

/** Runs `npm ci --dry-run` for each platform against the lockfile in `projectDir`. */
export function verifyLockfile(projectDir: string): PlatformResult[] {
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-lock-'));
    try {
        for (const f of PROJECT_FILES) if (existsSync(join(projectDir, f))) copyFileSync(join(projectDir, f), join(dir, f));
        return PLATFORMS.map(({ os, cpu }) => {
            const r = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', `--os=${os}`, `--cpu=${cpu}`], {
                cwd: dir,
                encoding: 'utf8',
                env: { ...process.env, npm_config_loglevel: 'error' }
            });
            const platform = `${os}-${cpu}`;
            if (r.status === 0) return { platform, ok: true };
            const lines = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.replace(/^npm error\s*/, '').trim());
            const problem =
                lines.filter((l) => /^(Missing|Invalid):|in sync|ERESOLVE|E404|ENOTFOUND/.test(l)).join('; ') ||
                lines.find((l) => l) ||
                `npm ci exited ${r.status}`;
            return { platform, ok: false, problem };
        });
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

function main(): void {
    const args = process.argv.slice(2);
    if (args.includes('--help') || args.includes('-h')) {
        console.log(
            'usage: npm run verify:lockfile\n  Checks that package-lock.json installs with npm ci on ' +
                PLATFORMS.map((p) => `${p.os}-${p.cpu}`).join(', ') +
                '.'
        );
        return;
    }
    if (args.length) {
        console.error(`verify:lockfile: unknown argument ${args[0]}. Run npm run verify:lockfile -- --help`);
        process.exit(2);
    }
    const results = verifyLockfile(process.cwd());
    for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.platform}${r.problem ? `: ${r.problem}` : ''}`);
    const failed = results.filter((r) => !r.ok);
    if (failed.length) {
        console.error(
            `verify:lockfile: npm ci would refuse package-lock.json on ${failed.map((r) => r.platform).join(', ')}. ` +
                'Fix: delete node_modules, run npm install on a supported Node (npm run setup prints which), and commit package-lock.json.'
        );
        process.exit(1);
    }
    console.log(`verify:lockfile: package-lock.json installs on all ${results.length} platforms`);
}

if (process.argv[1] && /verify-lockfile\.ts$/.test(process.argv[1])) main();
