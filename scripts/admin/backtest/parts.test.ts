// The backtest's building blocks: strict cell readers, merging JSON overrides onto the definition,
// naming what changed, the unified diff (checked against GNU diff), and the documented export query.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { parseBoolean, parseInstant, parseNumber } from './values.ts';
import { definitionChanges, mergeOverrides } from './definitions.ts';
import { unifiedDiff } from './unifiedDiff.ts';
import { exportQuery, requiredColumns } from './columns.ts';
import { wilson } from './analyse.ts';
import { mulberry32 as prng } from '../sample-data/random.ts';

test('date-times are read in the forms the CLI writes, checked against the calendar, never guessed', () => {
    assert.equal(parseInstant('2025-06-02T12:00:00.000+0000'), Date.UTC(2025, 5, 2, 12));
    assert.equal(parseInstant('2025-06-02T12:00:00.000Z'), Date.UTC(2025, 5, 2, 12));
    assert.equal(parseInstant('2025-06-02T14:30:00+02:00'), Date.UTC(2025, 5, 2, 12, 30));
    assert.equal(parseInstant('2025-06-02T07:00:00.000-0500'), Date.UTC(2025, 5, 2, 12));
    assert.equal(parseInstant('2025-06-02 12:00:00'), Date.UTC(2025, 5, 2, 12), 'no zone: UTC');
    assert.equal(parseInstant('2025-06-02'), Date.UTC(2025, 5, 2));
    assert.equal(parseInstant('2024-02-29'), Date.UTC(2024, 1, 29));
    assert.equal(parseInstant('  '), null);
    for (const bad of [
        '2025-02-29',
        '2025-13-01',
        '2025-06-31T00:00:00Z',
        '2025-06-02T24:00:00Z',
        'garbage 2024',
        '06/02/2025',
        '2025-06-02T12:00:00+15:00',
        '1717329600000'
    ]) {
        assert.equal(parseInstant(bad), undefined, bad);
    }
    assert.deepEqual(['true', 'FALSE', '1', '0', '', 'yes'].map(parseBoolean), [true, false, true, false, null, undefined]);
    assert.deepEqual(['500', '5.0E7', '-3.5', '', '1,000', 'n/a', 'Infinity'].map(parseNumber), [
        500,
        50_000_000,
        -3.5,
        null,
        undefined,
        undefined,
        undefined
    ]);
});

test('JSON overrides merge onto the definition: settings by key, list elements by id, new ones appended, $remove drops, typos refused', () => {
    const merged = mergeOverrides(structuredClone(SQL_DEFINITION), {
        bar: { minIntent: 40 },
        fit: {
            rules: [
                { id: 'companySize', points: 20 },
                { id: 'studentOrIntern', $remove: true }
            ]
        },
        intent: { signals: [{ id: 'webinar', label: 'Webinar attended', field: 'Last_Webinar_At__c', points: 8 }] }
    }) as SqlDefinition;
    assert.deepEqual(merged.bar, { minFit: 40, minIntent: 40 });
    assert.equal(merged.fit.rules.find((r) => r.id === 'companySize')?.points, 20);
    assert.deepEqual(merged.fit.rules.find((r) => r.id === 'companySize')?.when, {
        kind: 'numberAtLeast',
        field: 'NumberOfEmployees',
        min: 500
    });
    assert.equal(
        merged.fit.rules.some((r) => r.id === 'studentOrIntern'),
        false
    );
    assert.equal(merged.intent.signals.at(-1)?.field, 'Last_Webinar_At__c');
    assert.equal(SQL_DEFINITION.bar.minIntent, 30, 'the current definition is never modified');
    // Lists without an identity (keywords, countries) are replaced whole.
    const words = mergeOverrides(structuredClone(SQL_DEFINITION), {
        fit: { rules: [{ id: 'buyingAuthority', when: { words: ['vp'] } }] }
    }) as SqlDefinition;
    assert.deepEqual(words.fit.rules.find((r) => r.id === 'buyingAuthority')?.when, { kind: 'textHasWord', field: 'Title', words: ['vp'] });
    assert.throws(() => mergeOverrides(structuredClone(SQL_DEFINITION), { bar: { minIntnet: 40 } }), /unknown key "bar\.minIntnet"/);
    assert.throws(
        () => mergeOverrides(structuredClone(SQL_DEFINITION), { fit: { rules: [{ id: 'nope', $remove: true }] } }),
        /cannot remove "nope"/
    );
    assert.throws(
        () => mergeOverrides(structuredClone(SQL_DEFINITION), { intent: { halfLifeDays: '30' } }),
        /"intent\.halfLifeDays" must be a number/
    );
});

test('definition changes are named by path, list elements by their identity', () => {
    const proposed = mergeOverrides(structuredClone(SQL_DEFINITION), {
        bar: { minIntent: 40 },
        fit: { rules: [{ id: 'companySize', when: { min: 1000 } }] }
    });
    assert.deepEqual(definitionChanges(SQL_DEFINITION, proposed), [
        { path: 'fit.rules[id=companySize].when.min', before: 500, after: 1000 },
        { path: 'bar.minIntent', before: 30, after: 40 }
    ]);
    assert.deepEqual(definitionChanges(SQL_DEFINITION, structuredClone(SQL_DEFINITION)), []);
});

test('the unified diff makes the same number of changes as GNU diff -u, and applying it gives the new text', () => {
    const random = prng(7);
    const words = ['<a>', '<b>', '<c>', '<d>', '<e>', '<f>'];
    const dir = mkdtempSync(join(tmpdir(), 'backtest-diff-'));
    try {
        for (let round = 0; round < 40; round++) {
            const a = Array.from({ length: Math.floor(random() * 30) }, () => words[Math.floor(random() * words.length)] as string);
            const b = a
                .filter(() => random() > 0.2)
                .flatMap((line) => (random() > 0.85 ? [line, words[Math.floor(random() * words.length)] as string] : [line]));
            const textA = a.map((l) => `${l}\n`).join('');
            const textB = b.map((l) => `${l}\n`).join('');
            const ours = unifiedDiff('x.xml', textA, 'x.xml', textB);
            writeFileSync(join(dir, 'a'), textA);
            writeFileSync(join(dir, 'b'), textB);
            let gnu = '';
            try {
                execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
            } catch (error) {
                gnu = (error as { stdout: string }).stdout;
            }
            const changes = (d: string, sign: string): number =>
                d.split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}${sign} `)).length;
            assert.equal(changes(ours, '-'), changes(gnu, '-'), `removals, round ${round}`);
            assert.equal(changes(ours, '+'), changes(gnu, '+'), `additions, round ${round}`);
            assert.equal(ours === '', textA === textB);
            // Apply our hunks to a, expect b.
            const out: string[] = [];
            let at = 0;
            for (const hunk of ours.split('\n@@ ').slice(1)) {
                const [head, ...body] = hunk.split('\n');
                const start = Number(/^-(\d+)/.exec(head as string)?.[1]);
                const count = Number(/^-\d+,(\d+)/.exec(head as string)?.[1]);
                const from = count === 0 ? start : start - 1;
                out.push(...a.slice(at, from));
                at = from;
                for (const line of body.filter((l) => l !== '')) {
                    if (line.startsWith('+')) out.push(line.slice(1));
                    else {
                        assert.equal(a[at], line.slice(1), `context or removal matches a, round ${round}`);
                        if (line.startsWith(' ')) out.push(line.slice(1));
                        at++;
                    }
                }
            }
            out.push(...a.slice(at));
            assert.deepEqual(out, b, `round ${round}`);
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(unifiedDiff(null, '', 'new.xml', 'one\ntwo\n'), '--- /dev/null\n+++ b/new.xml\n@@ -0,0 +1,2 @@\n+one\n+two\n');
});

test('the export query asks for every column the backtest needs, and docs/BACKTEST.md shows exactly that query', () => {
    const query = exportQuery([SQL_DEFINITION]);
    for (const column of requiredColumns([SQL_DEFINITION]))
        assert.match(query, new RegExp(`\\n {4}${column.replace('.', '\\.')}[,\\n]`), column);
    assert.match(query, /ConvertedOpportunity\.IsWon/);
    assert.ok(
        readFileSync('docs/BACKTEST.md', 'utf8').includes(`\`\`\`sql\n${query}\`\`\``),
        'docs/BACKTEST.md is out of date: paste npm run backtest -- --print-query'
    );
    assert.equal(
        readFileSync('scripts/admin/backtest/lead-export.soql', 'utf8'),
        query,
        'scripts/admin/backtest/lead-export.soql is out of date'
    );
});

test('Wilson intervals: wide for small samples, narrow for large ones, inside 0..1', () => {
    const [lo3, hi3] = wilson(1, 3) as [number, number];
    const [lo3k, hi3k] = wilson(1000, 3000) as [number, number];
    assert.ok(lo3 < 0.1 && hi3 > 0.75, `${lo3} ${hi3}`);
    assert.ok(hi3k - lo3k < 0.04 && lo3k < 1 / 3 && hi3k > 1 / 3);
    assert.deepEqual(wilson(0, 10)?.[0], 0);
    assert.equal(wilson(0, 0), null);
});
