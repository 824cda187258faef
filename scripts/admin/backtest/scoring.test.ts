// The backtest's scoring IS scoreLead: every lead's fit, intent, bar and ledger in the backtest equal
// what scoreLead itself returns for that lead, built here independently from the raw CSV, at its MQL instant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { scoreLead, type LeadScore } from 'c/leadScoring';
import { Backtest } from './analyse.ts';
import { readLeads } from './readLeads.ts';
import { mergeOverrides } from './definitions.ts';

/** The lead at MQL time, from the raw CSV cells: signals after MQL_At__c did not exist yet. */
function independentLead(row: Record<string, string>, def: SqlDefinition): { lead: Record<string, unknown>; at: number } {
    const at = Date.parse(row.MQL_At__c as string);
    const lead: Record<string, unknown> = {};
    for (const rule of def.fit.rules) lead[rule.when.field] = row[rule.when.field] === '' ? null : row[rule.when.field];
    for (const signal of def.intent.signals) {
        const value = row[signal.field] ?? '';
        lead[signal.field] = value !== '' && Date.parse(value) <= at ? value : null;
    }
    return { lead, at };
}

async function compare(file: string, proposed: SqlDefinition): Promise<number> {
    const rows = (parse(readFileSync(file), { columns: true, bom: true }) as Array<Record<string, string>>).filter((r) => r.MQL_At__c);
    const seen = new Map<string, { current: LeadScore; proposed: LeadScore }>();
    const backtest = new Backtest({
        current: { def: SQL_DEFINITION, label: 'current' },
        proposed: { def: proposed, label: 'proposed' },
        onScored: (record, _lead, _at, scores) => seen.set(record.id, scores)
    });
    await readLeads(file, { defs: [SQL_DEFINITION, proposed] }, (lead) => backtest.add(lead));
    assert.equal(seen.size, rows.length);
    let qualifiedCurrent = 0;
    for (const row of rows) {
        const got = seen.get(row.Id as string);
        assert.ok(got, `lead ${row.Id} was not scored`);
        for (const [which, def] of [
            ['current', SQL_DEFINITION],
            ['proposed', proposed]
        ] as const) {
            const { lead, at } = independentLead(row, def);
            assert.deepEqual(got[which], scoreLead(lead, at, def), `${which} score of ${row.Id}`);
        }
        if (got.current.meetsBar) qualifiedCurrent++;
    }
    assert.equal(backtest.result().current.clearedBoth.leads, qualifiedCurrent);
    return rows.length;
}

test('on the hand-made export, every score in the backtest is scoreLead at MQL_At__c, ledger included', async () => {
    const proposed = mergeOverrides(structuredClone(SQL_DEFINITION), { bar: { minIntent: 40 } }) as SqlDefinition;
    assert.equal(await compare('scripts/admin/backtest/__fixtures__/small.csv', proposed), 11);
});

test('on 2,000 synthetic leads with a proposal that rescores fit and intent, the backtest agrees with scoreLead lead by lead', async () => {
    const proposed = mergeOverrides(structuredClone(SQL_DEFINITION), {
        intent: { halfLifeDays: 14, signals: [{ id: 'pricingVisit', points: 25 }] },
        fit: { rules: [{ id: 'freeEmail', $remove: true }] }
    }) as SqlDefinition;
    assert.equal(proposed.fit.rules.length, SQL_DEFINITION.fit.rules.length - 1);
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    try {
        const head = join(dir, 'head.csv');
        writeFileSync(head, readFileSync('data/backtest/leads-synthetic.csv', 'utf8').split('\n').slice(0, 2001).join('\n'));
        assert.equal(await compare(head, proposed), 2000);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});
