/**
 * The dashboard's trend on the preview's sample history (issue 18): the revisions log the preview serves marks the
 * sample revision in the middle of the trend's four quarters, and the rates before and after it, read from the preview's
 * own getTrend answer as c/funnelTrend reads them, show its effect with enough MQLs on each side.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trendRowsOf, type TrendResponse } from 'c/dashboardQueries';
import { revisionComparisons, revisionMarks, revisionsOf, trendPeriods, TREND_RULES, type RevisionComparison } from 'c/funnelTrends';
import { TEAM_FUNNEL_PERMISSION } from '../../scripts/admin/generate/permissionGrants.ts';
import { ROOT } from '../bundler/bundle.ts';
import { apexRegistry, type ApexContext } from './apex/registry.ts';
import './apex/leadGateDashboard.ts';
import { previewRevisionsLog, REVISIONS_FILE } from './definitionRevisions.ts';
import { loadPreviewStore } from './loadStore.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the trend must show of the sample revision; the problems found (empty when it shows). */
function sampleRevisionShown(comparisons: readonly RevisionComparison[], sampleVersion: string): string[] {
    const c = comparisons.find((x) => x.revision.version === sampleVersion);
    if (!c) return [`no comparison for ${sampleVersion}: the revision is not in the trend's window`];
    const problems: string[] = [];
    if (c.before.counts.mqls < TREND_RULES.minSample || c.after.counts.mqls < TREND_RULES.minSample)
        problems.push(`small samples: ${c.before.counts.mqls} MQLs before, ${c.after.counts.mqls} after`);
    const [b, a] = [c.before.rates, c.after.rates];
    if (!((b.mqlToSql ?? 0) - (a.mqlToSql ?? 0) >= 0.05)) problems.push(`MQL -> SQL ${b.mqlToSql} before, ${a.mqlToSql} after: no drop`);
    if (!((a.sqlToOpportunity ?? 0) > (b.sqlToOpportunity ?? 0)))
        problems.push(`SQL -> Opportunity ${b.sqlToOpportunity} before, ${a.sqlToOpportunity} after: no rise`);
    return problems;
}

describe('the preview trend over the sample history', () => {
    // A date late in a quarter gives the widest window; the first day of a quarter the narrowest (three quarters and a day).
    for (const now of [new Date('2026-12-05T03:00:00.000Z'), new Date('2027-04-01T09:00:00.000Z')]) {
        it(`marks the sample revision mid-trend, with fewer MQLs qualifying and more SQLs converting after it (now ${now.toISOString().slice(0, 10)})`, async () => {
            const { store, seed, problems } = loadPreviewStore(ROOT, () => now);
            assert.deepEqual(problems, []);
            const manager = seed.users.find((u) => u.role === 'Manager')!;
            const ctx: ApexContext = {
                user: {
                    id: manager.id,
                    name: manager.name,
                    permissionSets: manager.permissionSets,
                    customPermissions: new Set([TEAM_FUNNEL_PERMISSION])
                },
                now,
                records: (sobject) => store.records(sobject)
            };
            const answer = await apexRegistry.call('LeadGateDashboardController.getTrend', { teamManagerId: '' }, ctx);
            assert.equal(answer.status, 200, JSON.stringify(answer.body));
            const response = answer.body as TrendResponse;
            const window = { start: response.windowStart.slice(0, 10), end: response.windowEnd.slice(0, 10) };
            const rows = trendRowsOf(response);
            const served = revisionsOf(previewRevisionsLog(ROOT, seed.revisions));
            const sample = seed.revisions[0]!;
            assert.match(sample.summary, /^Sample history/);

            const periods = trendPeriods(rows, served, window, 'week');
            const mark = revisionMarks(periods, served).find((m) => m.version === sample.version);
            assert.ok(mark, 'the sample revision is marked on the axis');
            const position = mark.position / periods.length;
            assert.ok(position > 0.15 && position < 0.75, `the mark sits at ${(position * 100).toFixed(0)}% of the axis`);
            assert.deepEqual(sampleRevisionShown(revisionComparisons(rows, served, window), sample.version), []);

            // Planted faults the check must report: the real log alone (no sample revision), and no effect (sides swapped).
            const realOnly = revisionsOf(JSON.parse(readFileSync(join(ROOT, REVISIONS_FILE), 'utf8')));
            assert.match(
                sampleRevisionShown(revisionComparisons(rows, realOnly, window), sample.version).join(),
                /not in the trend's window/
            );
            const swapped = revisionComparisons(rows, served, window).map((c) => ({ ...c, before: c.after, after: c.before }));
            assert.match(sampleRevisionShown(swapped, sample.version).join(), /no drop/);
        });
    }

    it('serves the real log with the sample revisions added, oldest first; the deployed file stays the real log', () => {
        const real = revisionsOf(JSON.parse(readFileSync(join(ROOT, REVISIONS_FILE), 'utf8')));
        const sample = { version: 'S', at: '2026-01-01T07:00:00.000Z', reason: 'Sample history: x', summary: 'Sample history: y' };
        const served = revisionsOf(previewRevisionsLog(ROOT, [sample]));
        assert.deepEqual(served, [sample, ...real]);
        assert.ok(
            real.every((r) => !/sample/i.test(r.version)),
            'no sample revision in the deployed log'
        );
    });
});
