// npm run test:node: Node's test runner over every *.test.ts outside the LWC bundles
// (generator, formula harness, metadata gate, preview API, backtest), with tsx for TypeScript and c/* paths.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const roots = ['scripts', 'preview', 'bench'];
const skip = new Set(['node_modules', '__fixtures__', 'dist']);
const files = [];
const walk = (dir) => {
    let entries = [];
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch {
        return;
    }
    for (const e of entries) {
        if (skip.has(e.name)) continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.test.ts')) files.push(relative(root, p));
    }
};
roots.forEach((r) => walk(join(root, r)));
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
if (!selected.length) {
    console.error('No Node test files found.');
    process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...selected.sort()], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' }
});
process.exit(r.status ?? 1);
