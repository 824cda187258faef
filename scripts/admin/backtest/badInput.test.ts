// Bad input never crashes the backtest: missing columns are named, bad cells are counted with their row,
// line and column, a broken file or bad arguments end with a clear message and the documented exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { run, type RunIo } from './backtest.ts';
import { EXIT } from './readLeads.ts';

const SMALL = readFileSync('scripts/admin/backtest/__fixtures__/small.csv', 'utf8');
const TABLE = parse(SMALL) as string[][];
const HEADER = TABLE[0] as string[];

/** Rows back to CSV text, quoting the cells that need it (as the CLI does). */
function toCsv(rows: string[][], delimiter = ',', eol = '\n'): string {
    const cell = (v: string): string => (v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return rows.map((row) => row.map(cell).join(delimiter)).join(eol) + eol;
}

async function withFile<T>(content: string | Buffer, body: (file: string, dir: string) => Promise<T>, name = 'leads.csv'): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    try {
        const file = join(dir, name);
        writeFileSync(file, content);
        return await body(file, dir);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string; report: Awaited<ReturnType<typeof run>>['report'] }> {
    let out = '';
    let err = '';
    const io: RunIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTty: false };
    const { exitCode, report } = await run(args, io);
    return { code: exitCode, out, err, report };
}

/** small.csv with some cells replaced: edits[row][column] = value (rows 1-based, header excluded). */
function edited(edits: Record<number, Record<string, string>>): string {
    const rows = TABLE.map((row) => [...row]);
    for (const [row, cells] of Object.entries(edits)) {
        for (const [column, value] of Object.entries(cells)) (rows[Number(row)] as string[])[HEADER.indexOf(column)] = value;
    }
    return toCsv(rows);
}

test('missing columns are named, with what the header has and where the export query is (exit 3)', async () => {
    const keep = HEADER.filter((c) => !['Title', 'MQL_At__c', 'ConvertedOpportunity.IsWon', 'ConvertedOpportunity.StageName'].includes(c));
    await withFile(`${keep.join(',')}\n`, async (file) => {
        const { code, err, out } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.equal(out, '');
        assert.match(err, /missing columns Title, MQL_At__c, ConvertedOpportunity\.IsWon or ConvertedOpportunity\.StageName\./);
        assert.match(err, /docs\/BACKTEST\.md/);
    });
});

test('unparseable dates, unknown picklist values, non-numbers and non-booleans are counted by column with row and line, and read as documented', async () => {
    const csv = edited({
        2: { Last_Pricing_Visit_At__c: 'next tuesday', Status: 'Working' },
        3: { MQL_At__c: '2025-13-02T12:00:00.000Z' },
        4: { NumberOfEmployees: 'n/a', Industry: 'Tech' },
        5: { IsConverted: 'yes', Rejection_Reason__c: 'Too Small' },
        6: { Id: '' },
        7: { Budget_Status__c: 'Maybe' },
        9: { Status: 'Working' }
    });
    await withFile(csv, async (file) => {
        const { code, out, report } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.ok, 'bad cells never stop the report');
        assert.ok(report);
        const issues = Object.fromEntries(report.read.issues.map((i) => [`${i.kind} ${i.column}`, i]));
        assert.deepEqual(issues['unparseableDate Last_Pricing_Visit_At__c']?.examples, [{ row: 2, line: 3, value: 'next tuesday' }]);
        assert.deepEqual(issues['unparseableDate MQL_At__c']?.examples, [{ row: 3, line: 4, value: '2025-13-02T12:00:00.000Z' }]);
        assert.equal(issues['unknownPicklistValue Status']?.count, 2);
        assert.deepEqual(
            issues['unknownPicklistValue Status']?.examples.map((e) => e.row),
            [2, 9]
        );
        assert.equal(issues['notANumber NumberOfEmployees']?.examples[0]?.value, 'n/a');
        assert.equal(issues['unknownPicklistValue Industry']?.examples[0]?.value, 'Tech');
        assert.equal(issues['notABoolean IsConverted']?.examples[0]?.row, 5);
        assert.equal(issues['unknownPicklistValue Rejection_Reason__c']?.examples[0]?.value, 'Too Small');
        assert.equal(issues['blankId Id']?.examples[0]?.row, 6);
        assert.equal(issues['unknownPicklistValue Budget_Status__c']?.examples[0]?.value, 'Maybe');
        assert.equal(report.read.issueCount, 10);
        // L03's MQL date is unreadable: it counts as never an MQL (10 scored instead of 11).
        assert.equal(report.result.counts.mqls, 10);
        assert.equal(report.result.counts.notMql, 2);
        // L04 lost its size points (n/a) and industry points (Tech): fit 30 - 20 = 10, still below the bar.
        assert.equal(report.result.current.fitBands[1]?.leads, 1);
        assert.match(out, /1 x unparseable date in MQL_At__c, read as blank: row 3 \(line 4\) "2025-13-02T12:00:00\.000Z"/);
        assert.match(out, /2 x unknown picklist value in Status, kept as it is: row 2 \(line 3\) "Working"; row 9 \(line 10\) "Working"/);
        assert.match(out, /1 x not a number in NumberOfEmployees, read as blank: row 4 \(line 5\) "n\/a"/);
    });
    await withFile(csv, async (file) => {
        const { code, out } = await cli(['--leads', file, '--no-html', '--strict']);
        assert.equal(code, EXIT.strictIssues, '--strict fails the run but still prints the report');
        assert.match(out, /Who cleared each bar/);
    });
});

test('a row with the wrong number of fields is skipped and reported; a value spanning lines keeps line numbers right; only the first five examples are kept', async () => {
    const rows = TABLE.map((row) => [...row]);
    (rows[4] as string[])[HEADER.indexOf('Need_Evidence__c')] = 'Rekeying leads,\nsix hours a week';
    const lines = toCsv(rows).trimEnd().split('\n');
    lines[6] = `${lines[6]},extra`; // row 5 (its line moved down by one: row 4 spans two lines)
    const many = Array.from({ length: 8 }, (_, i) =>
        (lines[11] as string).replace('00Q000000000010AAA', `00Q00000000001${i}BBB`).replace(',Other,', ',Elsewhere,')
    );
    await withFile(`${[...lines, ...many].join('\n')}\n`, async (file) => {
        const { code, report } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.ok);
        assert.ok(report);
        const wrong = report.read.issues.find((i) => i.kind === 'wrongFieldCount');
        assert.deepEqual(wrong?.examples, [{ row: 5, line: 7, value: `${HEADER.length + 1} fields, header has ${HEADER.length}` }]);
        assert.equal(report.read.rowsSkipped, 1);
        assert.equal(report.read.rows, 20);
        const industry = report.read.issues.find((i) => i.kind === 'unknownPicklistValue' && i.column === 'Industry');
        assert.equal(industry?.count, 8);
        assert.equal(industry?.examples.length, 5);
        assert.deepEqual(industry?.examples[0], { row: 13, line: 15, value: 'Elsewhere' });
    });
});

test('a broken CSV (unclosed quote) ends with the line and exit 3; so do an empty file and an export without MQLs', async () => {
    await withFile(`${SMALL}00Q000000000099AAA,"Rejected\n`, async (file) => {
        const { code, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.match(err, /not a readable CSV at line \d+, .*quote/i);
    });
    await withFile('', async (file) => {
        const { code, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.match(err, /empty/);
    });
    await withFile(
        edited({ 1: { MQL_At__c: '' }, 2: { MQL_At__c: '' } })
            .split('\n')
            .slice(0, 3)
            .join('\n'),
        async (file) => {
            const { code, err } = await cli(['--leads', file, '--no-html']);
            assert.equal(code, EXIT.unreadableInput);
            assert.match(err, /none of the 2 rows became an MQL/);
        }
    );
});

test('bad arguments and unusable proposals exit 2 with the reason', async () => {
    const cases: Array<[string[], RegExp]> = [
        [['--leads', '/nonexistent/leads.csv'], /Cannot read \/nonexistent\/leads\.csv/],
        [[], /--leads is required/],
        [['--leads'], /--leads needs a value/],
        [['--leads', 'x.csv', '--frobnicate'], /Unknown argument "--frobnicate"/],
        [['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--as-of', 'yesterday'], /--as-of "yesterday" is not a date/],
        [['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--list', 'many'], /--list needs a whole number/]
    ];
    for (const [args, message] of cases) {
        const { code, err } = await cli(args);
        assert.equal(code, EXIT.usage, args.join(' '));
        assert.match(err, message);
    }
    const proposals: Array<[string, string, RegExp]> = [
        ['typo.json', '{"bar": {"minIntnet": 40}}', /unknown key "bar\.minIntnet"/],
        ['broken.json', '{"bar": ', /--definition .*broken\.json: .*JSON/],
        ['type.json', '{"bar": {"minIntent": "forty"}}', /"bar\.minIntent" must be a number/],
        ['noid.json', '{"fit": {"rules": [{"points": 5}]}}', /fit\.rules\[0\] needs a "id"/],
        ['empty.mjs', 'export const nothing = 1;\n', /exports no SqlDefinition/],
        [
            'bad.mjs',
            'export const SQL_DEFINITION = { bar: {}, fit: {}, intent: {} };\n',
            /not a usable definition [^\n]*:\n(  .*\n)*  bar\.minFit: is undefined: it must be a number/
        ]
    ];
    for (const [name, content, message] of proposals) {
        await withFile(
            content,
            async (file) => {
                const { code, err } = await cli([
                    '--leads',
                    'scripts/admin/backtest/__fixtures__/small.csv',
                    '--definition',
                    file,
                    '--no-html'
                ]);
                assert.equal(code, EXIT.usage, name);
                assert.match(err, message, name);
            },
            name
        );
    }
});

test('a semicolon-delimited export with CRLF line ends and a byte-order mark reads like the plain one', async () => {
    const semicolons = toCsv(TABLE, ';', '\r\n');
    const plain = await cli(['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--no-html']);
    await withFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(semicolons)]), async (file) => {
        const { code, report } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.ok);
        assert.equal(report?.read.delimiter, ';');
        assert.deepEqual(report?.result.current, plain.report?.result.current);
        assert.equal(report?.read.issueCount, 0);
    });
});

test('--print-query prints the export query for both definitions, and --help the usage with the exit codes', async () => {
    await withFile(
        '{"intent": {"signals": [{"id": "webinar", "label": "Webinar", "field": "Last_Webinar_At__c", "points": 8}]}}',
        async (file) => {
            const { code, out } = await cli(['--print-query', '--definition', file]);
            assert.equal(code, EXIT.ok);
            assert.match(out, /^SELECT\n {4}Id,\n/);
            assert.match(out, /\n {4}Last_Webinar_At__c,\n/);
            assert.match(out, /\nFROM Lead\nWHERE MQL_At__c != null\n$/);
        },
        'webinar.json'
    );
    const { code, out } = await cli(['--help']);
    assert.equal(code, EXIT.ok);
    assert.match(out, /Exit codes: 0 report written; 1 --strict/);
});
