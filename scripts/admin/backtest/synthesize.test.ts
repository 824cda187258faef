// The synthetic export is deterministic and the committed file is what the generator writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { salesforceId, synthesizeCsv, syntheticColumns } from './synthesize.ts';
import { requiredColumns } from './columns.ts';
import { SQL_DEFINITION } from 'c/sqlDefinition';

const COMMITTED = 'data/backtest/leads-synthetic.csv';

function head(file: string, bytes: number): string {
    const fd = openSync(file, 'r');
    try {
        const buffer = Buffer.alloc(bytes);
        const n = readSync(fd, buffer, 0, bytes, 0);
        return buffer.subarray(0, n).toString('utf8');
    } finally {
        closeSync(fd);
    }
}

test('same seed, same rows; another seed, other rows', () => {
    const a = [...synthesizeCsv({ rows: 200 })].join('');
    const b = [...synthesizeCsv({ rows: 200 })].join('');
    const c = [...synthesizeCsv({ rows: 200, seed: 1 })].join('');
    assert.equal(a, b);
    assert.notEqual(a, c);
});

test('the committed synthetic export is the generator output: same first 400 rows, 30,000 rows, under 8 MB', () => {
    const expected = [...synthesizeCsv({ rows: 400 })].join('');
    assert.equal(head(COMMITTED, expected.length), expected, 'stale: run npm run backtest:synthesize');
    const size = statSync(COMMITTED).size;
    assert.ok(size < 8 * 1024 * 1024, `${size} bytes`);
    const newlines = head(COMMITTED, size).split('\n').length - 1;
    assert.equal(newlines, 30_001);
});

test('the synthetic export has the columns of the documented query (criteria left out), Salesforce-shaped Ids and consistent stages', () => {
    const rows = parse([...synthesizeCsv({ rows: 500 })].join(''), { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(Object.keys(rows[0] as object), syntheticColumns());
    for (const column of requiredColumns([SQL_DEFINITION])) assert.ok(syntheticColumns().includes(column), column);
    assert.equal(salesforceId('00Q', 1), '00QHq0000000001MAA');
    for (const row of rows) {
        assert.match(row.Id as string, /^00Q[0-9A-Za-z]{15}$/);
        assert.ok(row.MQL_At__c, 'every lead of the export became an MQL (the query filters on it)');
        if (row.SQL_At__c) assert.ok(row.Accepted_At__c && row.Accepted_At__c < row.SQL_At__c, `${row.Id}: SQL after acceptance`);
        if (row['ConvertedOpportunity.IsWon'] === 'true') assert.equal(row['ConvertedOpportunity.StageName'], 'Closed Won');
        if (row.ConvertedOpportunityId) assert.equal(row.IsConverted, 'true');
        if (row.Rejected_At__c) assert.ok(row.Rejection_Reason__c, `${row.Id}: rejected with a reason`);
    }
});

test('--help prints the usage and leaves the committed export untouched; an unknown option exits 2 and writes nothing', () => {
    const before = { mtime: statSync(COMMITTED).mtimeMs, hash: createHash('sha256').update(readFileSync(COMMITTED)).digest('hex') };
    const cli = (args: string[]): { status: number | null; stderr: string } => {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin/backtest/synthesize.ts', ...args], { encoding: 'utf8' });
        return { status: r.status, stderr: r.stderr };
    };
    const help = cli(['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stderr, /^Usage: npm run backtest:synthesize -- \[--rows <n>\]/);
    assert.deepEqual(
        { mtime: statSync(COMMITTED).mtimeMs, hash: createHash('sha256').update(readFileSync(COMMITTED)).digest('hex') },
        before,
        '--help rewrote data/backtest/leads-synthetic.csv'
    );
    const dir = mkdtempSync(join(tmpdir(), 'synthesize-'));
    try {
        const out = join(dir, 'leads.csv');
        const unknown = cli(['--rows', '5', '--out', out, '--frobnicate']);
        assert.equal(unknown.status, 2);
        assert.match(unknown.stderr, /Unknown option "--frobnicate"\.\n\nUsage: npm run backtest:synthesize/);
        assert.equal(existsSync(out), false);
        for (const [args, message] of [
            [['--rows', 'many', '--out', out], /--rows needs a whole number of leads, got "many"/],
            [['--out'], /--out needs a value/],
            [['--seed', '1.5', '--out', out], /--seed needs a whole number/]
        ] as const) {
            const r = cli([...args]);
            assert.equal(r.status, 2, args.join(' '));
            assert.match(r.stderr, message);
            assert.equal(existsSync(out), false);
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
