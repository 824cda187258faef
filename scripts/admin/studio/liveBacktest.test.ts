import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { Backtest, type BacktestResult } from '../backtest/analyse.ts';
import { applyEdits, type Edit } from './settings.ts';
import { LiveBacktest, loadExport } from './liveBacktest.ts';

/** The backtest as `npm run backtest` runs it: scoreLead on every lead under both definitions. */
function fullBacktest(records: Parameters<Backtest['add']>[0][], proposed: SqlDefinition): BacktestResult {
    const backtest = new Backtest({
        current: { def: SQL_DEFINITION, label: 'saved' },
        proposed: { def: proposed, label: 'edited' },
        sampleCap: 20
    });
    for (const r of records) backtest.add(r);
    return backtest.result();
}

const EDIT_SEQUENCES: Edit[][] = [
    [{ key: 'bar.minIntent', value: 40 }],
    [{ key: 'bar.minFit', value: 25 }],
    [{ key: 'fit.rules[id=companySize].points', value: 30 }],
    [{ key: 'fit.rules[id=freeEmail].points', value: -5 }],
    [{ key: 'intent.halfLifeDays', value: 14 }],
    [{ key: 'intent.signals[id=pricingVisit].points', value: 35 }],
    [
        { key: 'intent.halfLifeDays', value: 60 },
        { key: 'bar.minIntent', value: 45 },
        { key: 'fit.rules[id=buyingAuthority].points', value: 10 }
    ]
];

async function withHead(rows: number, body: (file: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'studio-live-'));
    try {
        const file = join(dir, 'head.csv');
        writeFileSync(
            file,
            readFileSync('data/backtest/leads-synthetic.csv', 'utf8')
                .split('\n')
                .slice(0, rows + 1)
                .join('\n')
        );
        await body(file);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

test('every live figure equals the full backtest (scoreLead on every lead) after each edit, in any order of edits', async () => {
    await withHead(3000, async (file) => {
        const { records } = await loadExport(file, [SQL_DEFINITION]);
        assert.equal(records.length, 3000);
        const live = new LiveBacktest(records, SQL_DEFINITION);
        // Forwards then backwards: the caches must never serve one edit's scores for another.
        for (const edits of [...EDIT_SEQUENCES, ...[...EDIT_SEQUENCES].reverse()]) {
            const proposed = applyEdits(SQL_DEFINITION, edits);
            assert.deepEqual(live.run(proposed), fullBacktest(records, proposed), JSON.stringify(edits));
        }
    });
});

test('the edits the test uses do move the figures (the equality above is not between two unchanged results)', async () => {
    await withHead(3000, async (file) => {
        const { records } = await loadExport(file, [SQL_DEFINITION]);
        const live = new LiveBacktest(records, SQL_DEFINITION);
        const base = live.run(SQL_DEFINITION).proposed.clearedBoth.leads;
        for (const edits of EDIT_SEQUENCES) {
            const result = live.run(applyEdits(SQL_DEFINITION, edits));
            const moved = result.proposed.clearedBoth.leads !== base || result.scoresDiffer;
            assert.ok(moved, `${JSON.stringify(edits)} changed nothing on 3,000 leads`);
        }
    });
});

test('a proposal that changes a fit rule condition (not only points) is still scored exactly', async () => {
    await withHead(1500, async (file) => {
        const { records } = await loadExport(file, [SQL_DEFINITION]);
        const live = new LiveBacktest(records, SQL_DEFINITION);
        const proposed = structuredClone(SQL_DEFINITION);
        const size = proposed.fit.rules.find((r) => r.id === 'companySize');
        assert.ok(size && size.when.kind === 'numberAtLeast');
        size.when.min = 50;
        assert.deepEqual(live.run(proposed), fullBacktest(records, proposed));
    });
});
