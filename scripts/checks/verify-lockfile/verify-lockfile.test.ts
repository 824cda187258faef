/**
 * The lockfile check says yes to the committed lockfile and no, naming the platform and the package, to a lockfile
 * that lost one platform's optional package (the failure that stopped every new user at `npm run setup`).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PLATFORMS, verifyLockfile } from './verify-lockfile';

const ROOT = join(__dirname, '..', '..', '..');

describe('verify:lockfile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-lock-test-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('passes the committed package-lock.json on every supported platform', () => {
        const results = verifyLockfile(ROOT);
        assert.deepEqual(
            results.map((r) => r.platform),
            PLATFORMS.map((p) => `${p.os}-${p.cpu}`)
        );
        for (const r of results) assert.ok(r.ok, `${r.platform}: ${r.problem}`);
    });

    it('fails on a lockfile with one platform package removed, naming the package', () => {
        for (const f of ['package.json', '.npmrc']) copyFileSync(join(ROOT, f), join(dir, f));
        const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
        const removed = 'node_modules/@rollup/rollup-darwin-arm64';
        assert.ok(lock.packages[removed], `${removed} is in the committed lockfile`);
        delete lock.packages[removed];
        writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
        const results = verifyLockfile(dir);
        const darwin = results.find((r) => r.platform === 'darwin-arm64');
        assert.equal(darwin?.ok, false);
        assert.match(darwin?.problem ?? '', /rollup-darwin-arm64/);
    });
});
