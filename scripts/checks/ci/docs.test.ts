/**
 * docs/ADMIN.md stays true: every npm script and repository path it names exists, its stage-to-status table is the
 * definition's, and its backtest export field list is the committed export query's.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { SQL_DEFINITION } from '../../../force-app/main/default/lwc/sqlDefinition/sqlDefinition';

const ROOT = join(__dirname, '..', '..', '..');
const admin = readFileSync(join(ROOT, 'docs', 'ADMIN.md'), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

describe('docs/ADMIN.md', () => {
    it('names only npm scripts that exist', () => {
        const named = [...admin.matchAll(/npm run ([\w:.-]+)/g)].map((m) => m[1]!);
        assert.ok(named.length > 10);
        for (const name of new Set(named)) assert.ok(scripts.includes(name), `npm run ${name} is not in package.json`);
    });

    it('names only repository paths that exist', () => {
        const paths = [...admin.matchAll(/`((?:force-app|scripts|optional|data|docs|config|\.github)\/[\w./-]+)`/g)].map((m) => m[1]!);
        assert.ok(paths.length > 10);
        for (const p of new Set(paths)) assert.ok(existsSync(join(ROOT, p)), `${p} does not exist`);
    });

    it('shows the definition’s stage-to-status map', () => {
        const rows = [...admin.matchAll(/^\| (\w+)\s+\| `([^`]+)`\s+\|$/gm)].map((m) => [m[1], m[2]]);
        assert.deepEqual(
            rows,
            SQL_DEFINITION.stages.map((s) => [s.key, s.status])
        );
    });

    it('lists exactly the fields of scripts/admin/backtest/lead-export.soql', () => {
        const block = /<!-- backtest-export-fields[^>]*-->([\s\S]*?)<!-- \/backtest-export-fields -->/.exec(admin)?.[1] ?? '';
        const listed = [...block.matchAll(/`([\w.]+)`/g)].map((m) => m[1]!);
        const query = parseQuery(readFileSync(join(ROOT, 'scripts', 'admin', 'backtest', 'lead-export.soql'), 'utf8'), {
            ignoreParseErrors: false
        });
        const exported = (query.fields ?? []).map((f) => ('rawValue' in f && f.rawValue ? f.rawValue : 'field' in f ? f.field : ''));
        assert.deepEqual(listed, exported);
        assert.match(admin, /`Lead` `WHERE MQL_At__c != null`/);
    });
});
