// npm test: every check CI runs, in the order a developer would want to hear about failures.
// Each step is an npm script; the run goes on after a failure so one run reports every broken step,
// and exits non-zero when any failed. The closing line counts steps.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireSupportedNode } from './supported-node.mjs';

requireSupportedNode('npm test');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const steps = [
    'verify:lockfile',
    'build',
    'generate:check',
    'typecheck',
    'lint',
    'format:verify',
    'verify:metadata',
    'verify:apex',
    'test:unit',
    'test:node',
    'test:e2e'
];
const only = process.argv.slice(2);
const results = [];
for (const step of only.length ? only : steps) {
    const started = Date.now();
    console.log(`\n=== npm run ${step}`);
    const r = spawnSync('npm', ['run', '--silent', step], { cwd: root, stdio: 'inherit', env: process.env });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ step, ok: r.status === 0, seconds });
    console.log(`=== ${step}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
}
console.log('\nSummary');
for (const { step, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${step.padEnd(16)} ${seconds} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
