// Keeps the `c/<bundle>` path list of both tsconfig files equal to the bundles in force-app.
// TypeScript cannot resolve `c/*` with a wildcard (see docs/ARCHITECTURE.md), so every bundle gets one entry.
//   node scripts/lwc-paths.mjs          rewrite the lists
//   node scripts/lwc-paths.mjs --check  fail (exit 1) when a list is stale, naming the fix
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lwcDir = join(root, 'force-app/main/default/lwc');

export function bundleNames() {
    return readdirSync(lwcDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(lwcDir, d.name, `${d.name}.ts`)))
        .map((d) => d.name)
        .sort();
}

function pathsFor(tsconfigPath) {
    const base = dirname(tsconfigPath);
    const paths = {};
    for (const name of bundleNames()) {
        const rel = relative(base, join(lwcDir, name, name))
            .split('\\')
            .join('/');
        paths[`c/${name}`] = [rel.startsWith('.') ? rel : `./${rel}`];
    }
    return paths;
}

const targets = [join(root, 'tsconfig.json'), join(lwcDir, 'tsconfig.json')];
const check = process.argv.includes('--check');
let stale = 0;
for (const file of targets) {
    const config = JSON.parse(readFileSync(file, 'utf8'));
    const want = pathsFor(file);
    const have = config.compilerOptions.paths ?? {};
    const text = readFileSync(file, 'utf8');
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    const formatted = await prettier.format(
        JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, paths: want } }),
        options
    );
    if (JSON.stringify(have) === JSON.stringify(want) && text === formatted) continue;
    if (check) {
        stale++;
        console.error(
            `${relative(root, file)}: the c/* path list does not match the LWC bundles. Fix: run \`node scripts/lwc-paths.mjs\`.`
        );
    } else {
        writeFileSync(file, formatted);
        console.log(`updated ${relative(root, file)} (${Object.keys(want).length} bundles)`);
    }
}
process.exit(stale ? 1 : 0);
