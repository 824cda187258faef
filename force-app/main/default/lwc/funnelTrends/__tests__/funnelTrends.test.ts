/**
 * The trend against hand-worked figures: empty periods, a revision inside a period, small samples, month rows.
 */
import {
    chainRates,
    revisionComparisons,
    revisionMarks,
    revisionsOf,
    trendPeriods,
    trendWindow,
    type DefinitionRevision,
    type TrendRow
} from 'c/funnelTrends';

const day = (from: string, counts: Partial<TrendRow> = {}): TrendRow => {
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return { from, to, mqls: 0, accepted: 0, rejected: 0, sqls: 0, opportunities: 0, won: 0, ...counts };
};
const revision = (version: string, at: string): DefinitionRevision => ({ version, at, reason: 'r', summary: 's' });

describe('trendWindow', () => {
    it('is the current quarter and the three before it, ending the day after today', () => {
        expect(trendWindow('2026-12-04')).toEqual({ start: '2026-01-01', end: '2026-12-05' });
        expect(trendWindow('2026-02-10')).toEqual({ start: '2025-04-01', end: '2026-02-11' });
    });
});

describe('trendPeriods', () => {
    const window = { start: '2026-03-01', end: '2026-06-01' };

    it('keeps empty months with zero counts and no rates, and sums days into their month', () => {
        const rows = [
            day('2026-03-02', { mqls: 40, accepted: 30, sqls: 10, opportunities: 5, won: 2 }),
            day('2026-03-31', { mqls: 10, accepted: 5 }),
            day('2026-05-15', { mqls: 3 })
        ];
        const periods = trendPeriods(rows, [], window, 'month');
        expect(periods.map((p) => [p.start, p.end, p.counts.mqls])).toEqual([
            ['2026-03-01', '2026-04-01', 50],
            ['2026-04-01', '2026-05-01', 0],
            ['2026-05-01', '2026-06-01', 3]
        ]);
        expect(periods[0]!.rates).toEqual({
            mqlToSal: 35 / 50,
            salToSql: 10 / 35,
            mqlToSql: 10 / 50,
            sqlToOpportunity: 5 / 10,
            opportunityToWon: 2 / 5
        });
        expect(periods[1]!.rates).toEqual({
            mqlToSal: null,
            salToSql: null,
            mqlToSql: null,
            sqlToOpportunity: null,
            opportunityToWon: null
        });
        expect(periods.map((p) => p.smallSample)).toEqual([false, true, true]);
    });

    it('weeks start on Monday; the first week starts before the window when the window starts mid-week', () => {
        const periods = trendPeriods(
            [day('2026-03-01', { mqls: 1 }), day('2026-03-02', { mqls: 2 })],
            [],
            { start: '2026-03-01', end: '2026-03-10' },
            'week'
        );
        expect(periods.map((p) => [p.start, p.counts.mqls])).toEqual([
            ['2026-02-23', 1],
            ['2026-03-02', 2],
            ['2026-03-09', 0]
        ]);
    });

    it('places a revision in the period holding its instant', () => {
        const periods = trendPeriods([], [revision('2026.2', '2026-04-15T09:00:00Z')], window, 'month');
        expect(periods.map((p) => p.revisions)).toEqual([[], ['2026.2'], []]);
    });

    it('refuses weeks from month rows (the snapshot stores months)', () => {
        const month: TrendRow = { ...day('2026-03-01'), to: '2026-04-01' };
        expect(() => trendPeriods([month], [], window, 'week')).toThrow(/Weekly trends need daily rows/);
        expect(trendPeriods([month], [], window, 'month')).toHaveLength(3);
    });
});

describe('revisionComparisons', () => {
    const window = { start: '2026-01-01', end: '2026-07-01' };
    const rows = [
        day('2026-02-01', { mqls: 100, accepted: 80, sqls: 20, opportunities: 10, won: 3 }),
        day('2026-04-15', { mqls: 7, accepted: 7, sqls: 7 }),
        day('2026-05-01', { mqls: 50, accepted: 45, sqls: 15, opportunities: 9, won: 4 })
    ];

    it('compares the MQLs before and after a revision with their sample sizes; the revision day is on neither side', () => {
        const [c] = revisionComparisons(rows, [revision('2026.2', '2026-04-15T09:00:00Z')], window);
        expect(c!.before.counts.mqls).toBe(100);
        expect(c!.after.counts.mqls).toBe(50);
        expect(c!.straddling).toBe(7);
        expect(c!.before.rates.mqlToSql).toBeCloseTo(0.2);
        expect(c!.after.rates.mqlToSql).toBeCloseTo(0.3);
        expect([c!.before.from, c!.before.to, c!.after.from, c!.after.to]).toEqual([
            '2026-01-01',
            '2026-04-15',
            '2026-04-15',
            '2026-07-01'
        ]);
        expect([c!.before.smallSample, c!.after.smallSample]).toEqual([false, false]);
    });

    it('a revision at midnight splits cleanly: nothing straddles', () => {
        const [c] = revisionComparisons(rows, [revision('2026.2', '2026-04-15T00:00:00Z')], window);
        expect([c!.before.counts.mqls, c!.after.counts.mqls, c!.straddling]).toEqual([100, 57, 0]);
    });

    it('two revisions: each compares up to the other; revisions outside the window are left out', () => {
        const out = revisionComparisons(
            rows,
            [
                revision('2026.3', '2026-04-20T00:00:00Z'),
                revision('2026.2', '2026-03-01T00:00:00Z'),
                revision('2025.4', '2025-10-01T00:00:00Z')
            ],
            window
        );
        expect(out.map((c) => c.revision.version)).toEqual(['2026.2', '2026.3']);
        expect([out[0]!.before.counts.mqls, out[0]!.after.counts.mqls]).toEqual([100, 7]);
        expect([out[1]!.before.counts.mqls, out[1]!.after.counts.mqls]).toEqual([7, 50]);
        expect(out[0]!.after.smallSample).toBe(true);
    });

    it('a month row holding the revision straddles it', () => {
        const month: TrendRow = { ...day('2026-04-01', { mqls: 12 }), to: '2026-05-01' };
        const [c] = revisionComparisons([month], [revision('2026.2', '2026-04-15T09:00:00Z')], window);
        expect([c!.before.counts.mqls, c!.after.counts.mqls, c!.straddling]).toEqual([0, 0, 12]);
        expect(c!.before.rates).toEqual(chainRates(c!.before.counts));
        expect(c!.before.rates.mqlToSql).toBeNull();
    });
});

describe('revisionsOf', () => {
    it('reads the log oldest first, and refuses an entry without version or date', () => {
        const log = { revisions: [revision('2026.5', '2026-12-04T23:00:00Z'), revision('2026.2', '2026-04-01T00:00:00Z')] };
        expect(revisionsOf(log).map((r) => r.version)).toEqual(['2026.2', '2026.5']);
        expect(() => revisionsOf({ revisions: [{ version: '2026.6', at: 'soon' }] })).toThrow(/Revision 1 .* "at"/);
        expect(() => revisionsOf({})).toThrow(/no "revisions" list/);
    });
});

describe('revisionMarks', () => {
    const window = { start: '2026-03-01', end: '2026-06-01' };

    it("puts a revision in its period's band: its start plus the share of the period that had passed", () => {
        const revisions = [revision('2026.3', '2026-05-01T00:00:00Z'), revision('2026.2', '2026-04-16T00:00:00Z')];
        const periods = trendPeriods([], revisions, window, 'month');
        expect(revisionMarks(periods, revisions)).toEqual([
            { version: '2026.2', at: '2026-04-16T00:00:00Z', position: 1 - 0.5 + 15 / 30 },
            { version: '2026.3', at: '2026-05-01T00:00:00Z', position: 1.5 }
        ]);
    });

    it('weekly: the same instant lands inside its week', () => {
        const revisions = [revision('2026.2', '2026-03-04T12:00:00Z')];
        const periods = trendPeriods([], revisions, { start: '2026-03-02', end: '2026-03-16' }, 'week');
        expect(revisionMarks(periods, revisions)).toEqual([{ version: '2026.2', at: '2026-03-04T12:00:00Z', position: -0.5 + 2.5 / 7 }]);
    });

    it('leaves out revisions outside the periods', () => {
        const revisions = [revision('2025.9', '2025-12-01T00:00:00Z'), revision('2026.9', '2026-06-01T00:00:00Z')];
        expect(revisionMarks(trendPeriods([], revisions, window, 'month'), revisions)).toEqual([]);
    });
});
