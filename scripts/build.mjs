// npm run build: emits each LWC bundle's .js from its TypeScript source, in place, as the platform deploys it.
// Checks the c/* path list first so a new bundle cannot be forgotten.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
};
run(process.execPath, ['scripts/lwc-paths.mjs', '--check']);
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'force-app/main/default/lwc/tsconfig.json']);
