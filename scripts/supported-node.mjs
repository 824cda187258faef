// Which Node versions LeadGate runs on: package.json "engines.node" (caret ranges joined by ||), read by
// scripts/setup.sh, npm test and npm start. Plain JavaScript with no dependencies, so it runs on any Node, before
// `npm ci` and on an unsupported version.
//   node scripts/supported-node.mjs           exit 0 when the running Node is supported, else 1 with what to do
//   node scripts/supported-node.mjs --range   prints the range
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SUPPORTED_RANGE = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;

/** True when `version` (e.g. "24.22.3" or "v22.19.0") satisfies a range of caret parts such as "^22.19.0 || ^24.0.0". */
export function satisfies(version, range = SUPPORTED_RANGE) {
    const [maj, min, pat] = version.replace(/^v/, '').split('.').map(Number);
    return range.split('||').some((part) => {
        const [a, b, c] = part.trim().replace(/^\^/, '').split('.').map(Number);
        return maj === a && (min > b || (min === b && pat >= c));
    });
}

/** Exits with a message naming the supported versions and how to get one, when the running Node is not one. */
export function requireSupportedNode(what) {
    if (satisfies(process.versions.node)) return;
    console.error(
        `${what}: LeadGate runs on Node ${SUPPORTED_RANGE}; this is Node ${process.versions.node}. ` +
            'Run npm run setup (on Linux it provides the Node in .node-version), or install Node 24 LTS (nvm install 24, fnm install 24), then try again.'
    );
    process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    if (process.argv[2] === '--range') console.log(SUPPORTED_RANGE);
    else process.exit(satisfies(process.versions.node) ? 0 : 1);
}
