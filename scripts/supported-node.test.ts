/** The supported-Node check that setup, npm test and npm start share reads package.json's engines range right. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { satisfies, SUPPORTED_RANGE } from './supported-node.mjs';

const ROOT = join(__dirname, '..');

describe('supported Node', () => {
    it('is package.json engines.node', () => {
        assert.equal(SUPPORTED_RANGE, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node);
    });

    it('takes the 22 and 24 LTS lines from their minimums, refuses 20, 23, 25 and older 22s', () => {
        const range = '^22.19.0 || ^24.0.0';
        for (const v of ['22.19.0', 'v22.23.5', '22.100.0', '24.0.0', '24.22.3']) assert.equal(satisfies(v, range), true, v);
        for (const v of ['20.20.2', '22.18.9', '22.9.0', '23.1.0', '25.0.0', '26.12.1', '18.20.0'])
            assert.equal(satisfies(v, range), false, v);
    });

    it('the Node that setup provides on Linux (.node-version) is a supported one', () => {
        assert.equal(satisfies(readFileSync(join(ROOT, '.node-version'), 'utf8').trim()), true);
    });
});
