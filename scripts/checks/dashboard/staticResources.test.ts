/**
 * The committed Chart.js static resource is the installed chart.js build, byte for byte, with its MIT banner,
 * and its metadata names the same version (scripts/static-resources.mjs rewrites it on an upgrade).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const RESOURCE = join(ROOT, 'force-app/main/default/staticresources/chartjs.js');

describe('the chartjs static resource', () => {
    it('equals the installed chart.js UMD build (static-resources --check)', () => {
        const run = spawnSync(process.execPath, [join(ROOT, 'scripts/static-resources.mjs'), '--check'], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
    });

    it('keeps the licence banner and matches the version its metadata names', () => {
        const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/chart.js/package.json'), 'utf8')).version as string;
        const head = readFileSync(RESOURCE, 'utf8').slice(0, 300);
        assert.match(head, new RegExp(`Chart\\.js v${version.replace(/\./g, '\\.')}`));
        assert.match(head, /Released under the MIT License/);
        const meta = readFileSync(RESOURCE.replace(/\.js$/, '.resource-meta.xml'), 'utf8');
        assert.match(meta, new RegExp(`Chart\\.js ${version.replace(/\./g, '\\.')} UMD build`));
        assert.match(meta, /<contentType>application\/javascript<\/contentType>/);
    });
});
