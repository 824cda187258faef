/**
 * The shared snapshot case table (data/snapshot-cases.json, shipped as the static resource LeadGateSnapshotCases)
 * played against the preview's runner of LeadFunnelSnapshotBatch: its slices and month boundaries, the monthly sums,
 * the marker written last and only for a complete run, and which older runs a purge keeps. LeadFunnelSnapshotCases_Tests
 * plays the same rows against the batch in the org, so the batch's hand-written branches and the runner are held by
 * one table. The planted faults below are real edits of the runner's source, loaded from a temporary copy.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SNAPSHOT_RUN_KIND } from 'c/dashboardQueries';
import { streamingOrg } from '../../../bench/dashboard/streamingOrg.ts';
import { loadSchema } from '../../../scripts/checks/verify-apex/schema.ts';
import { apexQueries, parseApexQueries, SNAPSHOT_BATCH_FILE } from './apexQueries.ts';
import type { SoqlRecord } from './evaluator.ts';
import { LIMITS } from './governor.ts';
import { recordsOrg } from './org.ts';
import * as realRunner from './snapshotRunner.ts';

interface PlanCase {
    name: string;
    summary: string;
    runDate: string;
    horizonMonths: number;
    sliceDays: number;
    expected: { firstMonth: string; sliceCount: number; slices: Array<[string, string]> | null };
}

interface RunCase {
    name: string;
    summary: string;
    runDate: string;
    horizonMonths: number;
    sliceDays: number;
    sliceRows: number | null;
    mqls: Array<{ day: string; hour?: number; count: number; reviews?: number }>;
    stored: Array<{ run: string; marked: boolean; asOfDays: number; rows: number }>;
    failedSlices: string[];
    expected: {
        mqlsByMonth: Record<string, number>;
        marker: boolean;
        markerMonth: string | null;
        keptRuns: string[];
        split: string[];
        refused: number;
    };
}

type Runner = Pick<typeof realRunner, 'snapshotSlices' | 'firstMonthOf' | 'runSnapshotBatch'>;

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCHEMA = loadSchema(ROOT);
const QUERIES = apexQueries(ROOT);
const TABLE = JSON.parse(readFileSync(join(ROOT, 'data', 'snapshot-cases.json'), 'utf8')) as { plan: PlanCase[]; run: RunCase[] };
const RUN_ID = '707LG0000000001AAA';
const THIS_RUN = 'this run';
const DAY = 86_400_000;

/** What the runner answers for one plan case, in the table's terms. */
function playPlan(runner: Runner, c: PlanCase): PlanCase['expected'] {
    const slices = runner.snapshotSlices(c.runDate, c.horizonMonths, c.sliceDays);
    return {
        firstMonth: runner.firstMonthOf(c.runDate, c.horizonMonths),
        sliceCount: slices.length,
        slices: c.expected.slices === null ? null : slices.map((s) => [s.start, s.end])
    };
}

/** What the runner answers for one run case: the run's monthly MQLs, its marker, and the runs left in the table. */
function playRun(runner: Runner, c: RunCase, queries: ReadonlyMap<string, string>): RunCase['expected'] {
    const asOf = new Date(`${c.runDate}T02:00:00.000Z`);
    const leads: SoqlRecord[] = c.mqls.flatMap((m) =>
        Array.from({ length: m.count }, (_, i) => {
            const mqlAt = Date.parse(`${m.day}T${String(m.hour ?? 12).padStart(2, '0')}:00:00.000Z`);
            // A lead with reviews is an SQL, as the Apex test's factory makes it: accepted 5 minutes on, qualified a day after.
            const sql = m.reviews
                ? {
                      Accepted_At__c: new Date(mqlAt + 5 * 60_000).toISOString(),
                      SQL_At__c: new Date(mqlAt + 5 * 60_000 + DAY).toISOString()
                  }
                : {};
            return {
                Id: `00Q${m.day.replaceAll('-', '')}${m.hour ?? 12}-${i}`,
                OwnerId: '005LG0000000001AAA',
                LeadSource: 'Web',
                MQL_At__c: new Date(mqlAt).toISOString(),
                ...sql
            };
        })
    );
    const reviews: SoqlRecord[] = c.mqls.flatMap((m) =>
        Array.from({ length: m.count }, (_, i) =>
            Array.from({ length: m.reviews ?? 0 }, (_, r) => ({
                Id: `a0R${m.day.replaceAll('-', '')}${m.hour ?? 12}-${i}-${r}`,
                Lead__c: `00Q${m.day.replaceAll('-', '')}${m.hour ?? 12}-${i}`,
                OwnerId: '005LG0000000001AAA',
                Outcome__c: 'Evidence Holds'
            }))
        ).flat()
    );
    const stored: SoqlRecord[] = c.stored.flatMap((s) => [
        ...Array.from({ length: s.rows }, (_, i) => ({
            Id: `a0S${s.run}-${i}`,
            Run_Id__c: s.run,
            Kind__c: 'FUNNEL',
            Month__c: `${c.runDate.slice(0, 8)}01`,
            MQLs__c: 1,
            Snapshot_Key__c: `${s.run}|${i}`
        })),
        ...(s.marked
            ? [
                  {
                      Id: `a0S${s.run}-run`,
                      Run_Id__c: s.run,
                      Kind__c: SNAPSHOT_RUN_KIND,
                      Month__c: `${c.runDate.slice(0, 8)}01`,
                      As_Of__c: new Date(asOf.getTime() + s.asOfDays * DAY).toISOString(),
                      Snapshot_Key__c: `${s.run}|${SNAPSHOT_RUN_KIND}`
                  }
              ]
            : [])
    ]);
    const org = recordsOrg(SCHEMA, (t) =>
        t === 'Lead' ? leads : t === 'LeadGate_Funnel_Snapshot__c' ? stored : t === 'LeadGate_Evidence_Review__c' ? reviews : []
    );
    const run = runner.runSnapshotBatch(org, queries, {
        runId: RUN_ID,
        runDate: c.runDate,
        horizonMonths: c.horizonMonths,
        sliceDays: c.sliceDays,
        asOf: asOf.toISOString(),
        sliceRows: c.sliceRows,
        // A failed execute: its first query breaks the limit, as a governor limit ends an execute in the org.
        limitsOf: (start) => (c.failedSlices.includes(start) ? { ...LIMITS, soqlQueries: 0 } : LIMITS)
    });
    const mqlsByMonth: Record<string, number> = {};
    for (const row of run.rows.filter((r) => r.Kind__c === 'FUNNEL')) {
        const month = String(row.Month__c);
        mqlsByMonth[month] = (mqlsByMonth[month] ?? 0) + Number(row.MQLs__c ?? 0);
    }
    for (const [month, n] of Object.entries(mqlsByMonth)) if (n === 0) delete mqlsByMonth[month];
    const marker = run.rows.find((r) => r.Kind__c === SNAPSHOT_RUN_KIND);
    const purged = new Set(run.purged);
    const left = [...stored.filter((r) => !purged.has(String(r.Id))), ...run.rows].map((r) => String(r.Run_Id__c));
    return {
        mqlsByMonth,
        marker: marker !== undefined,
        markerMonth: marker ? String(marker.Month__c) : null,
        keptRuns: [...new Set(left)].map((id) => (id === RUN_ID ? THIS_RUN : id)).sort(),
        split: run.split,
        refused: run.refused.length
    };
}

/** Every case the runner answers differently from the table, as "case: expected X, got Y". */
function mismatches(runner: Runner, queries: ReadonlyMap<string, string> = QUERIES): string[] {
    const out: string[] = [];
    const compare = (name: string, got: unknown, expected: unknown): void => {
        if (JSON.stringify(got) !== JSON.stringify(expected))
            out.push(`${name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    };
    for (const c of TABLE.plan) compare(c.name, playPlan(runner, c), c.expected);
    for (const c of TABLE.run) compare(c.name, playRun(runner, c, queries), { ...c.expected, keptRuns: [...c.expected.keptRuns].sort() });
    return out;
}

/** The runner with one edit of its source (the edit must apply: a refactor that removes the text fails here). */
async function plantedRunner(find: string, replace: string): Promise<Runner> {
    const source = readFileSync(join(ROOT, 'preview/server/soql/snapshotRunner.ts'), 'utf8');
    assert.ok(source.includes(find), `the planted fault no longer applies: snapshotRunner.ts has no "${find}"`);
    const file = join(ROOT, 'preview/server/soql', `.snapshotRunner.planted-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, source.replace(find, replace));
    try {
        return (await import(file)) as Runner;
    } finally {
        rmSync(file, { force: true });
    }
}

describe('the snapshot case table (data/snapshot-cases.json) against the preview runner', () => {
    it('gives every plan and run case its expected answer', () => {
        assert.deepEqual(mismatches(realRunner), []);
    });

    it('covers month ends, leap day, the year end, a failed execute and a purge', () => {
        const names = [...TABLE.plan, ...TABLE.run].map((c) => c.name);
        assert.equal(new Set(names).size, names.length, 'case names are unique (the Apex test reports by name)');
        assert.ok(TABLE.plan.some((c) => c.runDate.endsWith('-02-29')));
        assert.ok(TABLE.plan.some((c) => c.runDate.endsWith('-12-31')));
        assert.ok(TABLE.plan.some((c) => c.runDate.endsWith('-01')));
        assert.ok(TABLE.run.some((c) => c.failedSlices.length > 0 && !c.expected.marker));
        assert.ok(TABLE.run.some((c) => c.stored.some((s) => s.marked) && c.stored.some((s) => !s.marked)));
        assert.ok(TABLE.run.some((c) => c.expected.split.length > 0 && c.expected.marker && c.expected.refused === 0));
        assert.ok(TABLE.run.some((c) => c.expected.refused > 0 && !c.expected.marker));
    });

    it("runs the batch's own STALE_ROWS: a purge query edited in the Apex class fails the purge case (planted fault)", () => {
        const source = readFileSync(join(ROOT, SNAPSHOT_BATCH_FILE), 'utf8');
        assert.ok(source.includes('WHERE Run_Id__c NOT IN :keep'), 'the planted fault no longer applies to the batch');
        const planted = parseApexQueries(source.replace('WHERE Run_Id__c NOT IN :keep', 'WHERE Run_Id__c IN :keep'));
        assert.equal(QUERIES.get('STALE_ROWS'), parseApexQueries(source).get('STALE_ROWS'), 'the runner reads the class');
        const found = mismatches(realRunner, new Map([...QUERIES, ['STALE_ROWS', planted.get('STALE_ROWS')!]]));
        assert.ok(
            found.some((m) => m.startsWith('purge-keeps-the-last-complete-run:')),
            found.join('\n') || 'no mismatch'
        );
    });

    /** The stored counts of a run, keyed by month, part and group (ids and the marker left out), in key order. */
    const countsOf = (rows: SoqlRecord[]): Array<[string, Record<string, unknown>]> =>
        rows
            .filter((r) => r.Kind__c !== SNAPSHOT_RUN_KIND)
            .map((r): [string, Record<string, unknown>] => {
                const { Id: _id, ...counts } = r;
                return [String(r.Snapshot_Key__c), counts];
            })
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

    it('stores the same counts whether each day is counted whole or hour by hour (a split loses and doubles nothing)', async () => {
        // 20,000 emulated leads over a year (about 55 MQLs a day, every hour of it), two months of horizon.
        const org = streamingOrg(SCHEMA, { leads: 20_000, anchor: new Date('2026-05-14T12:00:00.000Z') });
        const options = { runId: RUN_ID, runDate: '2026-05-14', horizonMonths: 2, sliceDays: 1, asOf: '2026-05-14T02:00:00.000Z' };
        const whole = realRunner.runSnapshotBatch(org, QUERIES, options);
        // A budget of 1,000 rows: a day (about 55 MQLs x 14 rows, twice) is too large, an hour (2 or 3 MQLs) fits.
        const hourly = realRunner.runSnapshotBatch(org, QUERIES, { ...options, sliceRows: 1000 });
        assert.deepEqual(whole.split, []);
        assert.equal(hourly.split.length, 43, "every day before the run date is split (the run date's leads end at noon and fit)");
        assert.deepEqual(hourly.refused, []);
        assert.ok(
            !hourly.slices.some((s) => s.error) && hourly.rows.some((r) => r.Kind__c === SNAPSHOT_RUN_KIND),
            'the split run is marked'
        );
        assert.ok(countsOf(whole.rows).length > 100);
        assert.deepEqual(countsOf(hourly.rows), countsOf(whole.rows));
        // Planted fault: the hours of a split day stop an hour early, so the day's last hour is never counted.
        const planted = await plantedRunner(
            'for (let at = instant(slice.start); at < end; at += HOUR)',
            'for (let at = instant(slice.start); at < end - HOUR; at += HOUR)'
        );
        assert.notDeepEqual(countsOf(planted.runSnapshotBatch(org, QUERIES, { ...options, sliceRows: 1000 }).rows), countsOf(whole.rows));
    });

    for (const [fault, find, replace, failing] of [
        ['the run date gets no slice', 'start <= run;', 'start < run;', 'run-on-the-first'],
        ['a slice runs past its month end', 'Math.min(start + sliceDays * DAY, monthEnd)', 'start + sliceDays * DAY', 'mid-month-weekly'],
        [
            'a run with a failed execute is marked',
            'if (slices.some((s) => s.error))',
            'if (slices.length < 0)',
            'failed-execute-rolls-back'
        ],
        [
            'a split slice is counted hour by hour past its month end',
            'for (const slice of split) for (const hour of sliceHours(slice))',
            'for (const slice of split) for (const hour of sliceHours({ ...slice, end: day(instant(slice.start) + options.sliceDays * DAY) }))',
            'busy-day-at-month-end-split-into-hours'
        ],
        [
            'the guard forgets the stored rows a slice adds to',
            'const leadRows = 2 * (perMql * mqls + perMember * members);',
            'const leadRows = perMql * mqls + perMember * members;',
            'busy-day-at-month-end-split-into-hours'
        ],
        [
            'the guard forgets the review rows',
            'fits = leadRows + 2 * perReview * reviews <= rowsLeft();',
            'fits = leadRows <= rowsLeft();',
            'reviews-count-toward-the-slice'
        ],
        [
            'a slice too large is dropped, not split',
            'if (!execute(slice, false)) split.push(slice);',
            'execute(slice, false);',
            'busy-day-at-month-end-split-into-hours'
        ],
        ['an hour too large is skipped, not refused', 'if (!fits && hour)', 'if (!fits && hour && slices.length < 0)', 'busy-hour-refused'],
        [
            'the purge keeps only this run',
            'const keep = [options.runId, ...(lastRun ? [String(lastRun.Run_Id__c)] : [])];',
            'const keep = [options.runId];',
            'purge-keeps-the-last-complete-run'
        ]
    ] as const) {
        it(`catches a planted fault in the runner: ${fault}`, async () => {
            const found = mismatches(await plantedRunner(find, replace));
            assert.ok(
                found.some((m) => m.startsWith(`${failing}:`)),
                `expected case ${failing} to fail, got: ${found.join('\n') || 'no mismatch'}`
            );
        });
    }
});
