/**
 * The nightly snapshot as the batch builds it: each execute's rows summed into the month's stored rows, and a run
 * marked complete only when every execute succeeded (a failed execute rolls back and leaves no partial rows).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSchema } from '../../../scripts/checks/verify-apex/schema.ts';
import { apexQueries } from './apexQueries.ts';
import type { SoqlRecord } from './evaluator.ts';
import { recordsOrg } from './org.ts';
import { runSnapshotBatch } from './snapshotRunner.ts';
import { funnelDataOf, wholeSections, type DashboardFilter } from 'c/dashboardQueries';
import { getFunnel } from './dashboardRunner.ts';
import { Governor } from './governor.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCHEMA = loadSchema(ROOT);
const OPTIONS = { runId: '707T', runDate: '2026-05-14', horizonMonths: 2, sliceDays: 1, asOf: '2026-05-14T02:00:00.000Z' };

const leadsOn = (day: string, count: number, from = 0): SoqlRecord[] =>
    Array.from({ length: count }, (_, i) => ({
        Id: `00Q${day}${from + i}`,
        OwnerId: `005${i % 3}`,
        LeadSource: 'Web',
        MQL_At__c: `${day}T10:00:00.000Z`
    }));
const sum = (rows: readonly SoqlRecord[], kind: string, field: string): number =>
    rows.filter((r) => r.Kind__c === kind).reduce((n, r) => n + Number(r[field] ?? 0), 0);

describe('the nightly snapshot batch', () => {
    it("adds every day's rows into its month and marks the finished run", () => {
        const leads = [...leadsOn('2026-04-02', 5), ...leadsOn('2026-04-20', 4), ...leadsOn('2026-05-10', 3)];
        const run = runSnapshotBatch(
            recordsOrg(SCHEMA, (t) => (t === 'Lead' ? leads : [])),
            apexQueries(ROOT),
            OPTIONS
        );
        assert.equal(sum(run.rows, 'FUNNEL', 'MQLs__c'), 12);
        assert.deepEqual(
            run.rows
                .filter((r) => r.Kind__c === 'FUNNEL')
                .map((r) => [r.Month__c, r.Owner_Id__c, r.MQLs__c])
                .sort(),
            [
                ['2026-04-01', '0050', 4],
                ['2026-04-01', '0051', 3],
                ['2026-04-01', '0052', 2],
                ['2026-05-01', '0050', 1],
                ['2026-05-01', '0051', 1],
                ['2026-05-01', '0052', 1]
            ],
            'one stored row per month and group, summed over the days'
        );
        assert.equal(run.rows.filter((r) => r.Kind__c === 'Run').length, 1, 'the marker');
        assert.ok(run.slices.every((s) => !s.error));
    });

    // 25,001 leads actioned within 5 minutes: the funnel query reads 25,001 rows, the first speed query 25,001 more.
    const busy = leadsOn('2026-04-03', 25_001).map((l) => ({ ...l, Minutes_To_First_Action__c: 1 }));
    const busyOrg = recordsOrg(SCHEMA, (t) => (t === 'Lead' ? [...leadsOn('2026-04-02', 5), ...busy] : []));

    it('a day past 50,000 query rows fails its execute: none of its rows are kept and the run is never marked', () => {
        // A slice budget above the limit lets the day through its guard, so the platform's limit is what stops it.
        const run = runSnapshotBatch(busyOrg, apexQueries(ROOT), { ...OPTIONS, sliceRows: 1_000_000 });
        const failed = run.slices.filter((s) => s.error);
        assert.deepEqual(
            failed.map((s) => [s.start, s.error]),
            [['2026-04-03', 'System.LimitException: Too many query rows: 50001']]
        );
        assert.equal(
            sum(run.rows, 'FUNNEL', 'MQLs__c'),
            5,
            'only the day that succeeded: the failed day counted its funnel, then rolled back'
        );
        assert.equal(run.rows.filter((r) => r.Kind__c === 'Run').length, 0, 'no marker: the dashboard keeps the last complete run');
    });

    it('with its own budget the batch never reaches the limit: the day is split, its busy hour refused, the run unmarked', () => {
        const run = runSnapshotBatch(busyOrg, apexQueries(ROOT), OPTIONS);
        assert.deepEqual(run.split, ['2026-04-03']);
        assert.deepEqual(run.refused, ['2026-04-03T10:00Z']);
        assert.deepEqual(
            run.slices.filter((s) => s.error).map((s) => s.error),
            ['LG_Snapshot_Error_HourTooLarge: 2026-04-03T10:00Z, 1500, 0, 43499']
        );
        assert.ok(run.slices.every((s) => s.usage.queryRows <= 50_000));
        assert.equal(sum(run.rows, 'FUNNEL', 'MQLs__c'), 5);
        assert.equal(run.rows.filter((r) => r.Kind__c === 'Run').length, 0);
    });
});

describe('the filter on the snapshot path: what the stored rows carry is narrowed, the rest is named whole', () => {
    // April: 6 Web leads stamped Europe, 4 Event leads stamped North America; the speed of every lead is 1 minute.
    const leads = [
        ...leadsOn('2026-04-02', 6).map((l) => ({ ...l, Segment_Region__c: 'Europe', Minutes_To_First_Action__c: 1 })),
        ...leadsOn('2026-04-03', 4).map((l) => ({
            ...l,
            LeadSource: 'Event',
            Segment_Region__c: 'North America',
            Minutes_To_First_Action__c: 1
        }))
    ];
    const org = recordsOrg(SCHEMA, (t) => (t === 'Lead' ? leads : []));
    const stored = runSnapshotBatch(org, apexQueries(ROOT), OPTIONS).rows;
    const load = (filter: DashboardFilter, queries = apexQueries(ROOT), rowsAboveReserve = 50) =>
        funnelDataOf(
            getFunnel(
                { windowStart: '2026-04-01', windowEnd: '2026-05-01', teamManagerId: null, filter },
                {
                    org: recordsOrg(SCHEMA, (t) => (t === 'Lead' ? leads : t === 'LeadGate_Funnel_Snapshot__c' ? stored : [])),
                    queries,
                    governor: new Governor(),
                    now: new Date('2026-05-14T12:00:00.000Z'),
                    userId: '0050',
                    // 50 rows: too few to count 6 MQLs live (14 rows each), so the stored rows answer.
                    rowBudget: 2000 + rowsAboveReserve
                }
            )
        );
    const mqls = (rows: ReadonlyArray<{ mqls: number }>): number => rows.reduce((n, r) => n + r.mqls, 0);

    it('a lead source narrows the chain, the reps and the reasons (FUNNEL, WON); speed and compliance stay whole', () => {
        const data = load({ field: 'LeadSource', value: 'Web' });
        assert.equal(data.source, 'snapshot');
        // 100 rows hold the 6 filtered MQLs live (84 rows), not the 10 of the window (140): the guard counts the filtered ones.
        assert.equal(load({ field: 'LeadSource', value: 'Web' }, apexQueries(ROOT), 100).source, 'live');
        assert.equal(mqls(data.funnel), 6);
        assert.equal(
            data.speed.reduce((n, r) => n + r.leads, 0),
            10,
            'the speed rows are stored without the source: every MQL'
        );
        assert.ok(!data.wholeParts!.includes('FUNNEL') && data.wholeParts!.includes('SPEED_5'));
        assert.deepEqual(wholeSections(data), ['findings', 'reps', 'speed', 'campaigns']);
    });

    it('a segment value narrows its segment rows, and the page narrows the chain from them; the rest stays whole', () => {
        const data = load({ field: 'Segment_Region__c', value: 'Europe' });
        assert.equal(mqls(data.funnel), 10, 'FUNNEL is stored without the region');
        assert.equal(mqls(data.segmentFunnel!.region!), 6);
        assert.ok(data.wholeParts!.includes('FUNNEL') && !data.wholeParts!.includes('SEGMENT_REGION'));
        assert.deepEqual(wholeSections(data), ['findings', 'reps', 'speed', 'rejections', 'campaigns']);
    });

    it('planted fault: a snapshot variant that drops the filter counts every stored row again', () => {
        const queries = new Map(apexQueries(ROOT));
        queries.set('SNAPSHOT_FUNNEL_BY_SOURCE', queries.get('SNAPSHOT_FUNNEL')!);
        assert.equal(mqls(load({ field: 'LeadSource', value: 'Web' }, queries).funnel), 10);
    });
});
