/** The bundler's rules that do not need a full build: the input hash, and unresolved imports as build errors. */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { rollup } from 'rollup';
import { collectWarning, inputHash } from './bundle.ts';

it('turns an import no module provides into a build error naming the importer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-bundle-'));
    writeFileSync(join(dir, 'entry.js'), "import { thing } from 'lightning/notInTheBox';\nconsole.log(thing);\n");
    const errors: string[] = [];
    const warnings: string[] = [];
    const build = await rollup({ input: join(dir, 'entry.js'), onwarn: collectWarning(dir, errors, warnings) });
    await build.close();
    assert.deepEqual(errors, ['Unresolved import lightning/notInTheBox in entry.js: no module provides it.']);
});

it('hashes every input of the bundle: a changed label or component changes the hash', () => {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-hash-'));
    const labels = join(root, 'force-app', 'main', 'default', 'labels');
    const bundle = join(root, 'force-app', 'main', 'default', 'lwc', 'card');
    mkdirSync(labels, { recursive: true });
    mkdirSync(bundle, { recursive: true });
    writeFileSync(join(labels, 'CustomLabels.labels-meta.xml'), '<CustomLabels/>');
    writeFileSync(join(bundle, 'card.js'), 'export default 1;');
    writeFileSync(join(root, 'package-lock.json'), '{}');
    const first = inputHash(root);
    assert.equal(inputHash(root), first, 'stable');
    writeFileSync(join(bundle, 'card.html'), '<template></template>');
    const second = inputHash(root);
    assert.notEqual(second, first);
    writeFileSync(join(labels, 'CustomLabels.labels-meta.xml'), '<CustomLabels><labels/></CustomLabels>');
    assert.notEqual(inputHash(root), second);
    // Jest tests are not part of the bundle.
    const third = inputHash(root);
    mkdirSync(join(bundle, '__tests__'));
    writeFileSync(join(bundle, '__tests__', 'card.test.js'), 'test');
    assert.equal(inputHash(root), third);
});
