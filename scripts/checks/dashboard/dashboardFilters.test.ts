/**
 * The dashboard's filter allow-list (c/dashboardQueries dashboardFilters): which values the server takes, which query
 * each filter runs (FILTERED_QUERIES), and that every filtered variant is its unfiltered query plus exactly one
 * condition on the filter's bind. The planted faults: a definition without a segment loses its filter field, a
 * variant that lost its condition, a value outside a segment's bands.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILTER_BIND, dashboardFilters, filterProblem, filteredQueryNames, renderedQueries, type FilterSpec } from 'c/dashboardQueries';
import { SQL_DEFINITION } from 'c/sqlDefinition';

describe('the filter allow-list', () => {
    it("lists each segment's field, the lead source and the campaign, and nothing else", () => {
        assert.deepEqual(
            dashboardFilters().map((f) => f.field),
            [...SQL_DEFINITION.segments.map((s) => s.field), 'LeadSource', 'CampaignId']
        );
        const withoutRegion = { ...SQL_DEFINITION, segments: SQL_DEFINITION.segments.filter((s) => s.key !== 'region') };
        assert.equal(filterProblem({ field: 'Segment_Region__c', value: 'Europe' }), null);
        assert.equal(
            filterProblem({ field: 'Segment_Region__c', value: 'Europe' }, withoutRegion),
            'field',
            'planted: the segment is gone'
        );
    });

    it('takes a listed segment value, any one-line source, a Campaign Id; refuses the rest', () => {
        assert.equal(filterProblem(null), null);
        assert.equal(filterProblem({ field: '', value: '' }), null);
        assert.equal(filterProblem({ field: 'OwnerId', value: '005000000000001' }), 'field');
        assert.equal(filterProblem({ field: 'Segment_Company_Size__c', value: 'Enterprise (1,000+)' }), null);
        assert.equal(filterProblem({ field: 'Segment_Company_Size__c', value: 'Unknown' }), null, "the segment's unknown value");
        assert.equal(filterProblem({ field: 'Segment_Company_Size__c', value: 'Huge' }), 'value');
        assert.equal(filterProblem({ field: 'LeadSource', value: 'Partner Referral' }), null);
        assert.equal(filterProblem({ field: 'LeadSource', value: 'two\nlines' }), 'value');
        assert.equal(filterProblem({ field: 'LeadSource', value: 'x'.repeat(256) }), 'value');
        assert.equal(filterProblem({ field: 'CampaignId', value: '701000000000001AAA' }), null);
        assert.equal(filterProblem({ field: 'CampaignId', value: '701000000000001' }), null, 'a 15-character Id');
        assert.equal(filterProblem({ field: 'CampaignId', value: '00Q000000000001AAA' }), 'value', 'a Lead Id');
        assert.equal(filterProblem({ field: 'CampaignId', value: "701' OR Name != '" }), 'value');
    });
});

/** The one condition `narrowed` adds to `plain` (before GROUP BY / LIMIT), or null when it changes anything else. */
function addedCondition(plain: string, narrowed: string): string | null {
    const head = plain.split(' GROUP BY ')[0]!.split(' LIMIT ')[0]!;
    const tail = plain.slice(head.length);
    if (!narrowed.startsWith(`${head} AND `) || !narrowed.endsWith(tail)) return null;
    const condition = narrowed.slice(head.length + ' AND '.length, narrowed.length - tail.length);
    return condition.includes(`:${FILTER_BIND}`) ? condition : null;
}

/** Whether `narrowed` is `plain` narrowed by the filter's own condition and nothing else. */
function narrowsOnlyBy(plain: string, narrowed: string, f: FilterSpec): boolean {
    const condition = addedCondition(plain, narrowed);
    return condition !== null && [f.lead, f.member, f.review, `${f.snapshotField} = :${FILTER_BIND}`].includes(condition);
}

describe('the filtered variants', () => {
    const rendered = renderedQueries();
    const byName = new Map(rendered.map((q) => [q.name, q]));

    it('each is its unfiltered query with one more condition on the bind, and nothing else changed', () => {
        const filtered = rendered.filter((q) => q.filter);
        assert.ok(filtered.length > 100, `${filtered.length} filtered variants`);
        for (const f of dashboardFilters())
            for (const [from, to] of filteredQueryNames().get(f.field)!) {
                if (from === to) continue;
                assert.ok(narrowsOnlyBy(byName.get(from)!.soql, byName.get(to)!.soql, f), `${to} narrows ${from} by ${f.field} only`);
            }
    });

    it('planted faults: a variant without its condition, or with the team filter added too, is refused by that check', () => {
        const funnel = byName.get('FUNNEL')!.soql;
        const source = dashboardFilters().find((f) => f.field === 'LeadSource')!;
        assert.equal(narrowsOnlyBy(funnel, funnel, source), false, 'the filter dropped');
        assert.equal(narrowsOnlyBy(funnel, byName.get('FUNNEL_TEAM_BY_SOURCE')!.soql, source), false, 'the team filter added too');
        assert.equal(narrowsOnlyBy(funnel, byName.get('FUNNEL_BY_REGION')!.soql, source), false, 'another filter');
        assert.equal(narrowsOnlyBy(funnel, byName.get('FUNNEL_BY_SOURCE')!.soql, source), true);
    });

    it('every live query and its team variant has a filtered variant for every filter; a snapshot part only when its rows carry the field', () => {
        for (const f of dashboardFilters()) {
            const names = filteredQueryNames().get(f.field)!;
            for (const q of rendered.filter((r) => !r.filter && r.spec.path === 'live'))
                assert.notEqual(names.get(q.name), q.name, `${q.name} under ${f.field}`);
        }
        const bySource = filteredQueryNames().get('LeadSource')!;
        assert.equal(bySource.get('SNAPSHOT_FUNNEL'), 'SNAPSHOT_FUNNEL_BY_SOURCE');
        assert.equal(
            bySource.get('SNAPSHOT_SPEED_5'),
            'SNAPSHOT_SPEED_5',
            'speed rows are stored without the source: the part stays whole'
        );
        assert.equal(bySource.get('SNAPSHOT_COUNT'), 'SNAPSHOT_COUNT', 'the guard counts every stored row of the months');
        assert.equal(filteredQueryNames().get('CampaignId')!.get('SNAPSHOT_CAMPAIGN_FUNNEL'), 'SNAPSHOT_CAMPAIGN_FUNNEL_BY_CAMPAIGN');
    });
});
