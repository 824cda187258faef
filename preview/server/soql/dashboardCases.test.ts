/**
 * The shared dashboard case table (data/dashboard-cases.json, shipped as the static resource LeadGateDashboardCases)
 * played against the preview's runner of LeadGateDashboardController.getFunnel: window checks, and the choice between
 * live counts, the snapshot and a refusal. LeadGateDashboardCases_Tests plays the same rows against the controller in
 * the org, so this hand-written branch of the preview and the Apex it stands for are held by one table.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROW_BUDGET, SNAPSHOT_RUN_KIND } from 'c/dashboardQueries';
import { loadSchema } from '../../../scripts/checks/verify-apex/schema.ts';
import { apexQueries } from './apexQueries.ts';
import { DashboardRefusal, getFunnel, getTrend, type RunnerEnv } from './dashboardRunner.ts';
import type { SoqlRecord } from './evaluator.ts';
import { Governor } from './governor.ts';
import { recordsOrg } from './org.ts';

export interface DashboardCase {
    name: string;
    summary: string;
    call?: 'getFunnel' | 'getTrend';
    user: 'manager' | 'rep';
    window: { startDays: number | null; endDays: number | null };
    mqls: number;
    mqlDays: number;
    rowsAboveReserve: number | null;
    snapshotMonths: number | null;
    snapshotRows?: number;
    /** The dashboard's filter (getFunnel only); absent for none. */
    filter?: { field: string; value: string };
    expected: { source: 'live' | 'snapshot' | null; error: string | null; errorValues?: Array<string | number> | null };
}

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCHEMA = loadSchema(ROOT);
const QUERIES = apexQueries(ROOT);
const RESERVED_ROWS = ROW_BUDGET.reservedRows;
const TABLE = JSON.parse(readFileSync(join(ROOT, 'data', 'dashboard-cases.json'), 'utf8')) as { cases: DashboardCase[] };
/** Days the table is played on: mid-month, and the first and last day of a month (the org plays it on its today). */
const TODAYS = ['2026-05-14', '2026-03-01', '2026-12-31'].map((d) => new Date(`${d}T12:00:00.000Z`));
let TODAY = TODAYS[0] as Date;

const day = (offset: number | null): string =>
    offset === null ? '' : new Date(TODAY.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const monthStart = (offset: number): string =>
    new Date(Date.UTC(TODAY.getUTCFullYear(), TODAY.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);

/** What getFunnel answers for one case: the source it chose, or the refusal's label and values. */
export function play(c: DashboardCase): { source: string | null; error: string | null; errorValues: Array<string | number> } {
    const userId = c.user === 'manager' ? '005LG0000000001AAA' : '005LG0000000011AAA';
    const mqlAt = new Date(Date.parse(`${day(c.mqlDays)}T12:00:00.000Z`)).toISOString();
    const records: Record<string, SoqlRecord[]> = {
        User: [
            { Id: '005LG0000000001AAA', Name: 'Test Manager', ManagerId: null, IsActive: true },
            { Id: '005LG0000000011AAA', Name: 'Test Ana', ManagerId: '005LG0000000001AAA', IsActive: true }
        ],
        Lead: Array.from({ length: c.mqls }, (_, i) => ({
            Id: `00QLG00000000${String(i).padStart(2, '0')}AAA`,
            OwnerId: userId,
            LeadSource: 'Web',
            MQL_At__c: mqlAt
        })),
        LeadGate_Funnel_Snapshot__c:
            c.snapshotMonths === null
                ? []
                : [
                      {
                          Id: 'a00LG0000000001AAA',
                          Snapshot_Key__c: 'run',
                          Run_Id__c: 'case-table-run',
                          Kind__c: SNAPSHOT_RUN_KIND,
                          Month__c: monthStart(c.snapshotMonths),
                          As_Of__c: TODAY.toISOString()
                      },
                      ...Array.from({ length: c.snapshotRows ?? 0 }, (_, i) => ({
                          Id: `a00LG00000001${String(i).padStart(2, '0')}AAA`,
                          Snapshot_Key__c: `row-${i}`,
                          Run_Id__c: 'case-table-run',
                          Kind__c: 'Funnel',
                          Month__c: monthStart(0)
                      }))
                  ]
    };
    try {
        const env: RunnerEnv = {
            org: recordsOrg(SCHEMA, (type) => records[type] ?? []),
            queries: QUERIES,
            governor: new Governor(),
            now: TODAY,
            userId,
            ownLeadsOnly: c.user === 'rep',
            ...(c.rowsAboveReserve === null ? {} : { rowBudget: RESERVED_ROWS + c.rowsAboveReserve })
        };
        const result =
            c.call === 'getTrend'
                ? getTrend({ teamManagerId: null }, env)
                : getFunnel(
                      {
                          windowStart: day(c.window.startDays),
                          windowEnd: day(c.window.endDays),
                          teamManagerId: null,
                          filter: c.filter ?? null
                      },
                      env
                  );
        return { source: result.source, error: null, errorValues: [] };
    } catch (error) {
        if (!(error instanceof DashboardRefusal)) throw error;
        return { source: null, error: error.label, errorValues: error.values };
    }
}

describe('the dashboard case table (data/dashboard-cases.json) against the preview runner', () => {
    it('gives every case its expected source or refusal', () => {
        assert.ok(RESERVED_ROWS > 0, 'RESERVED_ROWS is read from the generated Apex constants');
        for (const today of TODAYS) {
            TODAY = today;
            for (const c of TABLE.cases) {
                const got = play(c);
                const at = `${c.name} on ${today.toISOString().slice(0, 10)}`;
                assert.equal(got.source, c.expected.source, `${at}: source`);
                assert.equal(got.error, c.expected.error, `${at}: refusal`);
                if (c.expected.errorValues) assert.deepEqual(got.errorValues, c.expected.errorValues, `${at}: refusal values`);
            }
        }
        TODAY = TODAYS[0] as Date;
    });

    it('covers every choice and every refusal the controller has', () => {
        const seen = new Set(TABLE.cases.map((c) => c.expected.source ?? c.expected.error));
        for (const outcome of [
            'live',
            'snapshot',
            'LG_Dash_Error_WindowOrder',
            'LG_Dash_Error_WindowSpan',
            'LG_Dash_Error_TooLarge',
            'LG_Dash_Error_BeforeSnapshot',
            'LG_Dash_Error_FilterField'
        ])
            assert.ok(seen.has(outcome), `no case ends in ${outcome}`);
        assert.ok(
            TABLE.cases.some((c) => c.filter && c.expected.source === 'live'),
            'no case runs a filter live'
        );
        const trend = new Set(TABLE.cases.filter((c) => c.call === 'getTrend').map((c) => c.expected.source ?? c.expected.error));
        for (const outcome of ['live', 'snapshot', 'LG_Dash_Error_TooLarge', 'LG_Dash_Error_SnapshotTooLarge'])
            assert.ok(trend.has(outcome), `no getTrend case ends in ${outcome}`);
        assert.deepEqual(
            TABLE.cases
                .map((c) => c.user)
                .filter((u, i, all) => all.indexOf(u) === i)
                .sort(),
            ['manager', 'rep']
        );
    });

    it('catches a changed row (planted fault): a budget that fits turns a snapshot case live', () => {
        const row = TABLE.cases.find((c) => c.name === 'too-large-reads-snapshot');
        assert.ok(row);
        assert.equal(play(row).source, 'snapshot');
        assert.equal(play({ ...row, rowsAboveReserve: null }).source, 'live', 'the table row would now fail: expected snapshot');
        const rep = TABLE.cases.find((c) => c.name === 'rep-too-large-never-reads-snapshot');
        assert.ok(rep);
        assert.equal(play({ ...rep, user: 'manager' }).source, 'snapshot', 'a manager with the same row reads the snapshot');
        // A guard that counted every MQL under a filter (not only the filtered ones) would refuse the filtered case.
        const filtered = TABLE.cases.find((c) => c.name === 'filter-counts-only-its-leads');
        assert.ok(filtered?.filter);
        assert.equal(play(filtered).source, 'live');
        assert.equal(play({ ...filtered, filter: { ...filtered.filter, value: 'Web' } }).error, 'LG_Dash_Error_TooLarge');
    });
});
