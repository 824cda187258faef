// The backtest's figures on a hand-made export whose answers were worked out by hand from the spec
// (the comment on each lead in the table below), the as-of replay, a proposal that changes scoring,
// and the README example on the synthetic export with its HTML report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type RunIo } from './backtest.ts';
import { SCORE_BANDS, sampleList, type Tally } from './analyse.ts';
import type { Report } from './report.ts';

const SMALL = 'scripts/admin/backtest/__fixtures__/small.csv';
const PROPOSAL = 'data/backtest/proposal-raise-intent-bar.json';
const SYNTHETIC = 'data/backtest/leads-synthetic.csv';

/*
 * small.csv, worked out by hand (bar: fit >= 40 and intent >= 30; proposal: intent >= 40):
 * lead  fit                                   intent at MQL                                  outcome
 * L01   80 = 20 ind +15 size +25 VP +10 +10   40 demo at MQL                                 SQL, converted 2025-07-15, won
 * L02   55 = 20 +25 Director +10              35 = pricing 15 + event 20                     SQL, converted, won (Need evidence 15 chars)
 * L03   60 = 15 +25 CFO +10 UK +10            35 = demo 30 days old 20 + pricing 15          rejected No Budget
 * L04   30 = 20 +10 Canada                    40 demo                                        SQL on 2025-07-02, not converted
 * L05   80                                    7 = email 2 + content 5 (demo 5 days after MQL left out)   never worked
 * L06   0 = student -40, gmail -30 (clamped)  55 = demo 40 + pricing 15                      rejected Student or Personal
 * L07   0 = 80 - 100 competitor               40 demo                                        rejected Competitor
 * L08   80                                    35 = event 20 + pricing 15 (return visit after MQL left out)  converted, lost
 * L09   70                                    30 = demo 60 days 10 + event 30 days 10 + return 10           accepted only
 * L10   0                                     0                                              rejected Poor Fit
 * L11   never an MQL                                                                         left out
 * L12   80 (MQL 2025-09-01)                   55                                             converted, opportunity open
 */
const tally = (leads: number, sql: number, opportunity: number, won: number): Tally => ({ leads, sql, opportunity, won });

function capture(): { io: RunIo; out: () => string; err: () => string } {
    let out = '';
    let err = '';
    return { io: { stdout: (t) => (out += t), stderr: (t) => (err += t), stderrIsTty: false }, out: () => out, err: () => err };
}

async function backtest(args: string[]): Promise<{ code: number; report: Report; out: string }> {
    const c = capture();
    const { exitCode, report } = await run(args, c.io);
    assert.ok(report, `no report: ${c.err()}`);
    return { code: exitCode, report, out: c.out() };
}

const bandCounts = (bands: Tally[]): Record<string, number> =>
    Object.fromEntries(bands.map((t, i) => [SCORE_BANDS[i]?.label, t.leads]).filter(([, n]) => (n as number) > 0));

test('small.csv: who clears each bar at MQL time, under the current bar and the raised intent bar', async () => {
    const { code, report } = await backtest(['--leads', SMALL, '--definition', PROPOSAL, '--no-html']);
    assert.equal(code, 0);
    const r = report.result;
    assert.deepEqual(r.counts, {
        rows: 12,
        mqls: 11,
        notMql: 1,
        afterAsOf: 0,
        signalsAfterMql: 2,
        outcomesAfterAsOf: 0,
        firstMqlAt: Date.UTC(2025, 5, 2, 12),
        lastMqlAt: Date.UTC(2025, 8, 1, 12)
    });
    assert.deepEqual(r.all, tally(11, 5, 4, 2));
    assert.deepEqual(r.current.clearedFit, tally(7, 4, 4, 2));
    assert.deepEqual(r.current.clearedIntent, tally(9, 5, 4, 2));
    assert.deepEqual(r.current.clearedBoth, tally(6, 4, 4, 2));
    assert.deepEqual(r.current.quadrants, {
        both: tally(6, 4, 4, 2),
        fitOnly: tally(1, 0, 0, 0),
        intentOnly: tally(3, 1, 0, 0),
        neither: tally(1, 0, 0, 0)
    });
    assert.deepEqual(r.proposed.clearedFit, tally(7, 4, 4, 2));
    assert.deepEqual(r.proposed.clearedIntent, tally(5, 3, 2, 1));
    assert.deepEqual(r.proposed.clearedBoth, tally(2, 2, 2, 1));
    assert.deepEqual(r.proposed.quadrants, {
        both: tally(2, 2, 2, 1),
        fitOnly: tally(5, 2, 2, 1),
        intentOnly: tally(3, 1, 0, 0),
        neither: tally(1, 0, 0, 0)
    });
    assert.equal(r.scoresDiffer, false);
    assert.deepEqual(r.current.qualification, { sqls: 5, complete: 4 });
    assert.deepEqual(r.proposed.qualification, { sqls: 5, complete: 4 });
});

test('small.csv: conversion by score band', async () => {
    const { report } = await backtest(['--leads', SMALL, '--definition', PROPOSAL, '--no-html']);
    const fig = report.result.current;
    assert.deepEqual(bandCounts(fig.intentBands), { '0-9': 2, '30-39': 4, '40-49': 3, '50-59': 2 });
    assert.deepEqual(bandCounts(fig.fitBands), { '0-9': 3, '30-39': 1, '50-59': 1, '60-69': 1, '70-79': 1, '80-89': 4 });
    assert.deepEqual(fig.intentBands[3], tally(4, 2, 2, 1)); // L02 L03 L08 L09
    assert.deepEqual(fig.intentBands[4], tally(3, 2, 1, 1)); // L01 L04 L07
    assert.deepEqual(fig.intentBands[5], tally(2, 1, 1, 0)); // L06 L12
    assert.deepEqual(fig.fitBands[8], tally(4, 3, 3, 1)); // L01 L05 L08 L12
    assert.deepEqual(fig.grid[8]?.[4], tally(1, 1, 1, 1)); // L01: fit 80s, intent 40s
    assert.deepEqual(report.result.proposed.intentBands, fig.intentBands, 'a bar-only proposal scores leads the same');
});

test('small.csv: the leads that change side, with their outcomes, and what the text report says', async () => {
    const { report, out } = await backtest(['--leads', SMALL, '--definition', PROPOSAL, '--no-html']);
    const { gained, lost } = report.result.changes;
    assert.deepEqual(gained.tally, tally(0, 0, 0, 0));
    assert.deepEqual(lost.tally, tally(4, 2, 2, 1));
    assert.deepEqual(lost.byOutcome, {
        'Closed Won': 1,
        'Opportunity, not won': 1,
        'SQL, no opportunity': 0,
        Rejected: 1,
        'Not qualified': 1
    });
    assert.deepEqual(lost.byRejectionReason, { 'No Budget': 1 });
    assert.deepEqual(
        sampleList(lost).map((l) => [l.id.slice(-6), l.fit[0], l.intent[0], l.outcome]),
        [
            ['002AAA', 55, 35, 'Closed Won'],
            ['008AAA', 80, 35, 'Opportunity, not won'],
            ['003AAA', 60, 35, 'Rejected'],
            ['009AAA', 70, 30, 'Not qualified']
        ]
    );
    assert.match(out, /both: the SQL bar +6 +54\.5% +2 +2 +18\.2% +1 +-4/);
    assert.match(out, /Closed Won deals from leads that clear the bar: current 2 of 2 \(100\.0%\), proposed 1 \(50\.0%\)/);
    assert.match(out, /30-39 \* +4 +2 +50\.0% +2 +50\.0% +1 +25\.0% +current bar 30/);
    assert.match(out, /40-49 \* +3 .* proposed bar 40/);
    assert.match(out, /bar\.minIntent +30 -> 40/);
    assert.match(out, /SQLs whose criteria and evidence are complete: current 4 of 5, proposed 4 of 5/);
});

test('small.csv: the generated formula and rule diff of the raised intent bar', async () => {
    const { report, out } = await backtest(['--leads', SMALL, '--definition', PROPOSAL, '--no-html']);
    const changed = report.generated.changes.map((c) => c.path.split('/').pop());
    assert.ok(changed.includes('Meets_SQL_Bar__c.field-meta.xml'), changed.join(', '));
    assert.ok(changed.includes('LeadGate_SQL_Needs_Score_Bar.validationRule-meta.xml'), changed.join(', '));
    assert.ok(!changed.some((p) => p?.includes('Qualification_Complete')), 'the evidence rule did not change');
    assert.ok(
        !changed.includes('LeadGate_Lead_Stage_Stamps.flow-meta.xml'),
        'the flow formula that stamps Qualification_Complete__c did not change'
    );
    assert.match(out, /^ +-        AND\(Fit_Score__c >= 40, Intent_Score__c >= 30\)$/m);
    assert.match(out, /^ +\+        AND\(Fit_Score__c >= 40, Intent_Score__c >= 40\)$/m);
    const bar = report.generated.sizes.find((s) => s.name === 'Meets_SQL_Bar__c');
    assert.ok(bar && bar.current === bar.proposed && bar.limit === 3900);
    assert.equal(report.generated.error, null);
});

test('small.csv as of 2025-06-30: later MQLs left out, later SQL and conversion stamps not counted', async () => {
    const { report } = await backtest(['--leads', SMALL, '--definition', PROPOSAL, '--as-of', '2025-06-30', '--no-html']);
    const r = report.result;
    assert.equal(r.asOf, Date.UTC(2025, 5, 30, 23, 59, 59, 999));
    assert.equal(r.counts.mqls, 10);
    assert.equal(r.counts.afterAsOf, 1); // L12
    assert.equal(r.counts.outcomesAfterAsOf, 2); // L01 converted 2025-07-15, L04 SQL 2025-07-02
    assert.deepEqual(r.all, tally(10, 3, 2, 1)); // SQL: L01 L02 L08; opportunity: L02 L08; won: L02
    assert.deepEqual(r.current.clearedBoth, tally(5, 3, 2, 1));
    assert.deepEqual(r.proposed.clearedBoth, tally(1, 1, 0, 0));
});

test('a proposal that changes scoring: fit points by rule id, leads gained, both scorings reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    try {
        const proposal = join(dir, 'geo.json');
        writeFileSync(proposal, JSON.stringify({ fit: { rules: [{ id: 'servedGeography', points: 20 }] } }));
        const { report, out } = await backtest(['--leads', SMALL, '--definition', proposal, '--no-html']);
        const r = report.result;
        assert.equal(r.scoresDiffer, true);
        // L04 (Canada) 30 -> 40 and clears both bars; L09 70 -> 80; L01 80 -> 90; L12, L08, L05 +10.
        assert.deepEqual(r.changes.gained.tally, tally(1, 1, 0, 0));
        assert.equal(sampleList(r.changes.gained)[0]?.id, '00Q000000000004AAA');
        assert.deepEqual(sampleList(r.changes.gained)[0]?.fit, [30, 40]);
        assert.deepEqual(r.changes.lost.tally, tally(0, 0, 0, 0));
        assert.deepEqual(r.proposed.clearedBoth, tally(7, 5, 4, 2));
        assert.match(out, /fit\.rules\[id=servedGeography\]\.points +10 -> 20/);
        assert.match(out, /Conversion by fit band, proposed scoring/);
        assert.match(out, /Fit_Score__c is stamped on save/);
        assert.ok(
            report.generated.changes.some((c) => c.path.endsWith('LeadGate_Lead_Stage_Stamps.flow-meta.xml')),
            'the stamped fit formula changes'
        );
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('README example: the synthetic export against the example proposal prints both definitions and writes the HTML charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    try {
        const html = join(dir, 'review.html');
        const { code, report, out } = await backtest(['--leads', SYNTHETIC, '--definition', PROPOSAL, '--html', html]);
        assert.equal(code, 0);
        const r = report.result;
        assert.equal(r.counts.rows, 30_000);
        assert.equal(report.read.issues.length, 0);
        // The bar separates buyers: leads that clear it win several times as often as those below it.
        const above = r.current.clearedBoth.won / r.current.clearedBoth.leads;
        const below = (r.all.won - r.current.clearedBoth.won) / (r.all.leads - r.current.clearedBoth.leads);
        assert.ok(above > 5 * below, `won rate above ${above} vs below ${below}`);
        // Raising the intent bar keeps fewer leads, at a higher won rate, and loses some won deals.
        assert.ok(r.proposed.clearedBoth.leads < r.current.clearedBoth.leads);
        assert.ok(r.proposed.clearedBoth.won / r.proposed.clearedBoth.leads > above);
        assert.ok(r.changes.lost.byOutcome['Closed Won'] > 0);
        assert.match(out, new RegExp(`both: the SQL bar +${r.current.clearedBoth.leads.toLocaleString('en-US')} `));
        assert.ok(existsSync(html));
        const page = readFileSync(html, 'utf8');
        assert.match(page, /^<!doctype html>/);
        assert.equal((page.match(/<svg role="img"/g) ?? []).length, 4, 'before/after, intent bands, fit bands, heat map');
        assert.match(page, /proposed bar 40/);
        assert.match(page, /current bar 30/);
        assert.doesNotMatch(page, /<script|<link|src="http|href="http/i, 'self-contained: no script, no external resource');
        assert.match(out, new RegExp(`HTML report: ${html.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('the HTML report lands next to the CSV by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    try {
        const csv = join(dir, 'q3-leads.csv');
        writeFileSync(csv, readFileSync(SMALL));
        const { code } = await backtest(['--leads', csv]);
        assert.equal(code, 0);
        const page = readFileSync(join(dir, 'q3-leads.backtest.html'), 'utf8');
        assert.match(page, /Nothing: the proposed definition equals the current one/);
        assert.match(page, /<svg role="img"/);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('progress on stderr: a line every N rows and one at the end without a terminal, one rewritten line on a terminal, none with --quiet', async () => {
    const args = ['--leads', SMALL, '--no-html', '--progress-every', '5'];
    const plain = capture();
    await run(args, plain.io);
    const lines = plain.err().trimEnd().split('\n');
    assert.deepEqual(
        lines.map((l) => /^backtest: ([\d,]+) rows, \d+% of [\d.]+ MB, [\d.]+ s$/.exec(l)?.[1]),
        ['5', '10', '12']
    );
    assert.match(lines[2] as string, / 100% of /);
    let tty = '';
    await run(['--leads', SMALL, '--no-html'], { stdout: () => undefined, stderr: (t) => (tty += t), stderrIsTty: true });
    assert.match(tty, /^\rbacktest: 12 rows, 100% of [\d.]+ MB, [\d.]+ s\u001b\[K\n$/);
    const quiet = capture();
    await run([...args, '--quiet'], quiet.io);
    assert.equal(quiet.err(), '');
});

test('a proposal written as a TypeScript module exporting a SqlDefinition', async () => {
    const { code, report, out } = await backtest([
        '--leads',
        SMALL,
        '--definition',
        'scripts/admin/backtest/__fixtures__/proposal-stricter-fit.ts',
        '--no-html'
    ]);
    assert.equal(code, 0);
    // Fit >= 60 and intent >= 30: L01 (80/40), L03 (60/35), L08 (80/35), L09 (70/30), L12 (80/55); L02 (fit 55) is lost.
    assert.deepEqual(report.result.proposed.clearedBoth, tally(5, 3, 3, 1));
    assert.deepEqual(
        sampleList(report.result.changes.lost).map((l) => l.id),
        ['00Q000000000002AAA']
    );
    assert.match(out, /bar\.minFit +40 -> 60/);
    assert.match(out, /Proposed +scripts\/admin\/backtest\/__fixtures__\/proposal-stricter-fit\.ts \(2026\.5-draft\)/);
});
