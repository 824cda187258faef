/**
 * npm run verify:metadata: the gate for what the sf CLI lets through silently.
 *
 *   tsx scripts/checks/verify-metadata/verify-metadata.ts [--root <project dir>] [--only xml,claimed,lwc,fields,conversion,convert]
 *
 * Prints every finding as `file[:line]: message. Fix: ...`, then one summary line, and exits 1 when
 * there is any finding. `npm run verify:metadata` runs `npm run build` first, so LWC bundles have their .js.
 */
import { resolve } from 'node:path';
import { CHECKS, REPO_ROOT, formatFinding, runChecks, type CheckId } from './checks';

function parseArgs(argv: string[]): { root: string; only: CheckId[] } {
    let root = REPO_ROOT;
    let only = CHECKS.map((c) => c.id);
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--root' && argv[i + 1]) root = resolve(argv[++i] ?? '');
        else if (arg === '--only' && argv[i + 1]) {
            const wanted = (argv[++i] ?? '').split(',').map((s) => s.trim());
            const unknown = wanted.filter((id) => !CHECKS.some((c) => c.id === id));
            if (unknown.length) {
                console.error(`verify:metadata: unknown check ${unknown.join(', ')}; choose from ${CHECKS.map((c) => c.id).join(', ')}`);
                process.exit(2);
            }
            only = wanted as CheckId[];
        } else {
            console.error(
                `verify:metadata: unknown argument ${arg}. Usage: verify-metadata.ts [--root <dir>] [--only ${CHECKS.map((c) => c.id).join(',')}]`
            );
            process.exit(2);
        }
    }
    return { root, only };
}

const { root, only } = parseArgs(process.argv.slice(2));
const started = performance.now();
const runs = runChecks(root, only);
const findings = runs.flatMap((r) => r.result.findings);
for (const finding of findings) console.log(formatFinding(finding));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const checked = runs.map((r) => r.result.summary).join('; ');
console.log(
    findings.length
        ? `verify:metadata: ${findings.length} problem${findings.length === 1 ? '' : 's'} (${checked}) in ${seconds} s`
        : `verify:metadata: ok: ${checked} in ${seconds} s`
);
process.exit(findings.length ? 1 : 0);
