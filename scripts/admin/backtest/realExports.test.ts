// Exports as Salesforce's tools and spreadsheets really write them: upper-case headers, the wrong file,
// a broken quote in the middle of millions of rows, dates a spreadsheet rewrote, a won stage named otherwise.
// Each is refused with a message that says where and what to do, or reported at the top of both reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { run, type RunIo } from './backtest.ts';
import { renderHtml } from './html.ts';
import { EXIT, MAX_ROW_BYTES, UNREADABLE_SHARE_LIMIT, mostlyUnreadable, type Issue } from './readLeads.ts';

const SMALL = readFileSync('scripts/admin/backtest/__fixtures__/small.csv', 'utf8');
const TABLE = parse(SMALL) as string[][];
const HEADER = TABLE[0] as string[];
const NOT_CSV = /this is not a CSV: export the leads as CSV \(UTF-8\)/;

function toCsv(rows: string[][]): string {
    const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    return `${rows.map((row) => row.map(cell).join(',')).join('\n')}\n`;
}

/** small.csv with its header replaced, and optionally some columns dropped or every cell of some columns replaced. */
function variant(options: { header?: (name: string) => string; drop?: string[]; fill?: Record<string, (row: number) => string> }): string {
    const keep = HEADER.map((name, i) => [name, i] as const).filter(([name]) => !(options.drop ?? []).includes(name));
    const rows = TABLE.map((row, r) =>
        keep.map(([name, i]) => {
            if (r === 0) return options.header ? options.header(name) : name;
            const fill = options.fill?.[name];
            return fill ? fill(r) : (row[i] as string);
        })
    );
    return toCsv(rows);
}

async function withFile<T>(content: string | Buffer, body: (file: string) => Promise<T>, name = 'leads.csv'): Promise<T> {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-real-'));
    try {
        const file = join(dir, name);
        writeFileSync(file, content);
        return await body(file);
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

test('Data Loader upper-case and lower-case headers read exactly like the API names, optional columns included', async () => {
    const plain = await cli(['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--no-html']);
    assert.equal(plain.code, EXIT.ok);
    for (const header of [(n: string) => n.toUpperCase(), (n: string) => n.toLowerCase()]) {
        await withFile(variant({ header }), async (file) => {
            const { code, report, err } = await cli(['--leads', file, '--no-html']);
            assert.equal(code, EXIT.ok, err);
            assert.deepEqual(report?.result, plain.report?.result, 'same figures, qualification completeness included');
            assert.deepEqual(report?.read.optionalPresent, plain.report?.read.optionalPresent, 'no optional column is switched off');
            assert.deepEqual(report?.read.optionalMissing, []);
            assert.equal(report?.read.outcomeColumn, 'ConvertedOpportunity.IsWon');
            assert.deepEqual(report?.notes, plain.report?.notes);
        });
    }
});

test('a Data Loader export (upper-case header, every value quoted, CRLF) reads like the plain one', async () => {
    const plain = await cli(['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--no-html']);
    const quoted = TABLE.map((row, r) =>
        row.map((cell) => `"${(r === 0 ? cell.toUpperCase() : cell).replace(/"/g, '""')}"`).join(',')
    ).join('\r\n');
    await withFile(`${quoted}\r\n`, async (file) => {
        const { code, report, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.ok, err);
        assert.deepEqual(report?.result, plain.report?.result);
        assert.equal(report?.read.issueCount, 0);
    });
});

test('control characters in a bad cell are shown as escapes, never sent to the terminal', async () => {
    const csv = variant({ fill: { Last_Pricing_Visit_At__c: (r) => (r === 2 ? '\u001b[2J\u001b]0;owned\u0007' : '') } });
    await withFile(csv, async (file) => {
        const { code, out } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.ok);
        assert.match(
            out,
            /1 x unparseable date in Last_Pricing_Visit_At__c, read as blank: row 2 \(line 3\) "\\u001b\[2J\\u001b\]0;owned\\u0007"/
        );
        assert.doesNotMatch(out, /\u001b/);
    });
});

test('a missing column is named with the closest header found; a column given twice in two cases is refused', async () => {
    await withFile(variant({ header: (n) => (n === 'MQL_At__c' ? 'MQL_AT_C' : n.toUpperCase()) }), async (file) => {
        const { code, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.match(err, /missing column MQL_At__c\. In the header, MQL_At__c is closest to "MQL_AT_C": rename it, or export again\./);
    });
    await withFile(
        variant({
            drop: ['ConvertedOpportunity.IsWon', 'ConvertedOpportunity.StageName'],
            header: (n) => (n === 'IsConverted' ? 'IsConverted' : n)
        }),
        async (file) => {
            const { code, err } = await cli(['--leads', file, '--no-html']);
            assert.equal(code, EXIT.unreadableInput);
            assert.match(err, /missing column ConvertedOpportunity\.IsWon or ConvertedOpportunity\.StageName\. The header has:/);
        }
    );
    const twice = `${[...HEADER, 'STATUS'].join(',')}\n${TABLE.slice(1)
        .map((row) => [...row.map((c) => `"${c.replace(/"/g, '""')}"`), 'x'].join(','))
        .join('\n')}\n`;
    await withFile(twice, async (file) => {
        const { code, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.match(err, /the header has the column Status twice \("Status" and "STATUS"\)/);
    });
});

test('a workbook, an archive, an image, binary data or text in another encoding is refused as "not a CSV", without printing its bytes', async () => {
    const files: Array<[string, Buffer, RegExp]> = [
        [
            'leads.xlsx',
            Buffer.concat([
                Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
                Buffer.from('[Content_Types].xml\u0000\u0001\u0002\u00ff')
            ]),
            /Excel workbook \(\.xlsx\)/
        ],
        ['leads.csv.gz', gzipSync(SMALL), /gzip/],
        [
            'chart.png',
            Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
            /PNG image/
        ],
        [
            'nul.csv',
            Buffer.concat([Buffer.from(SMALL.slice(0, 300)), Buffer.from([0x00, 0x1b, 0x5b, 0x32, 0x4a]), Buffer.from(SMALL.slice(300))]),
            /NUL byte at byte 301/
        ],
        ['latin1.csv', Buffer.from(SMALL.replace('Ana', 'Ana M\u00fcller').replace('Germany', 'M\u00fcnchen'), 'latin1'), /not UTF-8 text/],
        ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SMALL, 'utf16le')]), /UTF-16/]
    ];
    for (const [name, content, kind] of files) {
        await withFile(
            content,
            async (file) => {
                const { code, err, out } = await cli(['--leads', file, '--no-html']);
                assert.equal(code, EXIT.unreadableInput, name);
                assert.equal(out, '', name);
                assert.match(err, NOT_CSV, name);
                assert.match(err, kind, name);
                // Only printable text reaches the terminal: no escape sequences, no NULs, no stray bytes.
                assert.match(err, /^[\x20-\x7e\n]*$/, `${name}: ${JSON.stringify(err)}`);
            },
            name
        );
    }
});

test('an unclosed quote is reported at the line where the row with the quote starts, not where the file ends', async () => {
    const lines = SMALL.trimEnd().split('\n');
    // Row 3 (line 4) opens a quote in its last value and never closes it; more rows follow, without quotes.
    const opened = lines[3]!.replace(/,([^,]*)$/, ',"$1');
    const unquoted = (from: string[]): string[] => from.map((line) => line.replace(/"/g, ''));
    await withFile(
        `${[...lines.slice(0, 3), opened, ...unquoted(lines.slice(4)), ...unquoted(lines.slice(1))].join('\n')}\n`,
        async (file) => {
            const { code, err } = await cli(['--leads', file, '--no-html']);
            assert.equal(code, EXIT.unreadableInput);
            assert.match(
                err,
                /not a readable CSV at line 4, where row 3 starts: a quote opened in that row is never closed \(the file ends inside it\)\./
            );
        }
    );
    // The same, with a quoted value further down that the parser takes for the closing quote.
    await withFile(`${[...lines.slice(0, 3), opened, ...unquoted(lines.slice(4)), ...lines.slice(1)].join('\n')}\n`, async (file) => {
        const { code, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.match(
            err,
            /not a readable CSV at line 4, where row 3 starts: a quote opened in that row is not closed where the value ends \(the parser stopped at line 14\)/
        );
    });
    // Blank lines before the broken row are counted.
    await withFile(`${[...lines.slice(0, 3), '', '', opened, ...unquoted(lines.slice(4))].join('\n')}\n`, async (file) => {
        const { err } = await cli(['--leads', file, '--no-html']);
        assert.match(err, /not a readable CSV at line 6, where row 3 starts/);
    });
    // A quote that is opened in the header row.
    await withFile(`Id,"Status\n00Q1,MQL\n`, async (file) => {
        const { err } = await cli(['--leads', file, '--no-html']);
        assert.match(err, /not a readable CSV at line 1, where the header row starts: a quote opened in that row is never closed/);
    });
});

test('an unclosed quote followed by more than 16 MB of rows stops there, naming the line where it opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-big-'));
    try {
        const file = join(dir, 'big.csv');
        const lines = SMALL.trimEnd().split('\n');
        const fd = openSync(file, 'w');
        writeSync(fd, `${lines.slice(0, 5).join('\n')}\n`);
        writeSync(fd, `${lines[5]!.replace(/,([^,]*)$/, ',"$1')}\n`); // row 5, line 6: the quote opens
        const block = `${lines.slice(1, 12).join('\n').replace(/"/g, '')}\n`.repeat(200);
        let written = 0;
        while (written < MAX_ROW_BYTES + 4 * 1024 * 1024) written += writeSync(fd, block);
        closeSync(fd);
        const started = Date.now();
        const { code, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.match(
            err,
            /not a readable CSV at line 6, where row 5 starts: that row runs on for more than 16 MB, to line [\d,]+; most likely a quote opened in it is never closed\./
        );
        assert.ok(Date.now() - started < 30_000);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('a scored column that a spreadsheet rewrote (Excel dates) stops the run, naming the column and a value; --max-unreadable lets it through', async () => {
    const excel = variant({ fill: { Last_Pricing_Visit_At__c: (r) => `${String(r).padStart(2, '0')}/06/2025 12:00` } });
    await withFile(excel, async (file) => {
        const { code, err, out } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.equal(out, '', 'no confident report');
        assert.match(
            err,
            /column Last_Pricing_Visit_At__c cannot be read in 12 of 12 rows \(100 %, more than the 5 % allowed\), e\.g\. "01\/06\/2025 12:00" in row 1 \(line 2\)\./
        );
        assert.match(err, /--max-unreadable/);
        const allowed = await cli(['--leads', file, '--no-html', '--max-unreadable', '100']);
        assert.equal(allowed.code, EXIT.ok);
        assert.match(allowed.out, /12 x unparseable date in Last_Pricing_Visit_At__c/);
    });
    // Numbers a fit rule compares, and MQL_At__c, count too.
    const numbers = variant({ fill: { NumberOfEmployees: (r) => (r % 2 ? '1.200' : '1,200') } });
    await withFile(numbers, async (file) => {
        const { code, err } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.unreadableInput);
        assert.match(err, /column NumberOfEmployees cannot be read in 6 of 12 rows \(50 %/);
    });
    const bad = await cli(['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--max-unreadable', 'lots']);
    assert.equal(bad.code, EXIT.usage);
    assert.match(bad.err, /--max-unreadable needs a percentage from 0 to 100, got "lots"/);
});

test('the won source and count head both reports; when no lead is won they say so first, with the stages to pick --won-stage from', async () => {
    const stageOnly = variant({
        drop: ['ConvertedOpportunity.IsWon'],
        fill: {
            'ConvertedOpportunity.StageName': (r) =>
                TABLE[r]?.[HEADER.indexOf('ConvertedOpportunity.StageName')] === 'Closed Won'
                    ? 'Won'
                    : (TABLE[r]?.[HEADER.indexOf('ConvertedOpportunity.StageName')] ?? '')
        }
    });
    await withFile(stageOnly, async (file) => {
        const { code, out, report } = await cli(['--leads', file, '--no-html']);
        assert.equal(code, EXIT.ok);
        assert.ok(report);
        assert.equal(report.result.all.won, 0);
        const firstLines = out.split('\n').slice(0, 4).join('\n');
        assert.match(
            firstLines,
            /^WARNING: No MQL's opportunity is won: no row has ConvertedOpportunity\.StageName = "Closed Won" \(--won-stage\), so every won rate below is 0\. If your org names its won stage otherwise, run again with --won-stage "<name>"/m
        );
        assert.match(firstLines, /The export's opportunity stages: "Won"/);
        assert.match(out, /\n {2}Won {7}0 MQLs won, read from ConvertedOpportunity\.StageName = "Closed Won" \(--won-stage\)\n/);
        const html = renderHtml(report);
        assert.ok(
            html.indexOf('class="warn"') > 0 && html.indexOf('class="warn"') < html.indexOf('<h2>'),
            'the warning is above the first section'
        );
        assert.match(html, /No MQL&#39;s opportunity is won|No MQL's opportunity is won/);

        const named = await cli(['--leads', file, '--no-html', '--won-stage', 'Won']);
        assert.equal(named.code, EXIT.ok);
        assert.ok((named.report?.result.all.won ?? 0) > 0);
        assert.doesNotMatch(named.out, /WARNING/);
        assert.match(named.out, /\n {2}Won {7}\d+ MQLs? won, read from ConvertedOpportunity\.StageName = "Won" \(--won-stage\)\n/);
    });
    const plain = await cli(['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--no-html', '--won-stage', 'Won']);
    assert.match(plain.out, /^WARNING: --won-stage "Won" was not used: the export has ConvertedOpportunity\.IsWon, which decides won\./m);
    assert.match(plain.out, /\n {2}Won {7}\d+ MQLs? won, read from ConvertedOpportunity\.IsWon = true\n/);
});

test('a proposal with a bar outside the score range stops with exit 2, naming the key and the allowed range', async () => {
    for (const value of [500, -20]) {
        await withFile(
            JSON.stringify({ bar: { minIntent: value } }),
            async (file) => {
                const { code, err, out } = await cli([
                    '--leads',
                    'scripts/admin/backtest/__fixtures__/small.csv',
                    '--definition',
                    file,
                    '--no-html'
                ]);
                assert.equal(code, EXIT.usage);
                assert.equal(out, '');
                assert.match(err, new RegExp(`bar\\.minIntent: is ${value}: it must be from 0 to 100, the intent score range`));
            },
            'proposal.json'
        );
    }
    await withFile(
        JSON.stringify({ intent: { halfLifeDays: -1 } }),
        async (file) => {
            const { code, err } = await cli([
                '--leads',
                'scripts/admin/backtest/__fixtures__/small.csv',
                '--definition',
                file,
                '--no-html'
            ]);
            assert.equal(code, EXIT.usage);
            assert.match(err, /intent\.halfLifeDays: is -1: it must be a number of days above 0/);
        },
        'proposal.json'
    );
});

test('the unreadable-share limit: more than 5 % of the rows and more than one row stops; exactly 5 %, or one typo, does not', () => {
    const issue = (count: number, kind: Issue['kind'] = 'unparseableDate', column = 'Last_Pricing_Visit_At__c'): Issue => ({
        kind,
        column,
        count,
        examples: [{ row: 7, line: 8, value: '15/01/2026' }]
    });
    const scored = new Set(['Last_Pricing_Visit_At__c', 'NumberOfEmployees', 'MQL_At__c']);
    assert.equal(UNREADABLE_SHARE_LIMIT, 0.05);
    assert.equal(mostlyUnreadable([issue(2)], scored, 40, UNREADABLE_SHARE_LIMIT), null, 'exactly 5 %');
    assert.match(
        mostlyUnreadable([issue(3)], scored, 40, UNREADABLE_SHARE_LIMIT) ?? '',
        /^column Last_Pricing_Visit_At__c cannot be read in 3 of 40 rows \(7\.5 %/
    );
    assert.equal(mostlyUnreadable([issue(1)], scored, 3, UNREADABLE_SHARE_LIMIT), null, 'one bad cell is a typo');
    assert.equal(
        mostlyUnreadable([issue(30, 'unparseableDate', 'Rejected_At__c')], scored, 40, UNREADABLE_SHARE_LIMIT),
        null,
        'not a scored column'
    );
    assert.equal(
        mostlyUnreadable([issue(30, 'unknownPicklistValue')], scored, 40, UNREADABLE_SHARE_LIMIT),
        null,
        'kept values are not unreadable'
    );
    assert.match(
        mostlyUnreadable([issue(3), issue(9, 'notANumber', 'NumberOfEmployees')], scored, 40, 0.05) ?? '',
        /^column NumberOfEmployees .* 9 of 40 rows/,
        'the worst column is named'
    );
    assert.equal(mostlyUnreadable([issue(40)], scored, 40, 1), null, '--max-unreadable 100 lets everything through');
});

test('backtest --help prints the usage and writes nothing, even with --leads and --html given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-help-'));
    try {
        const html = join(dir, 'report.html');
        const { code, out } = await cli(['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--html', html, '--help']);
        assert.equal(code, EXIT.ok);
        assert.match(out, /^Usage: npm run backtest -- --leads <export\.csv> \[options\]/);
        assert.deepEqual(readdirSync(dir), []);
        const unknown = await cli(['--leads', 'scripts/admin/backtest/__fixtures__/small.csv', '--html', html, '--wonstage', 'Won']);
        assert.equal(unknown.code, EXIT.usage);
        assert.match(unknown.err, /Unknown argument "--wonstage"\.\n\nUsage: npm run backtest/);
        assert.deepEqual(readdirSync(dir), []);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
