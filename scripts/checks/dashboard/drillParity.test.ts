/**
 * Each drill-down report selects the leads behind its dashboard number (issue 18), offline:
 * the generated report XML's filters (column, operator, value, with the link's fvN values put in) are translated into
 * a SOQL WHERE and run through the SOQL evaluator; the lead set must equal the preview lead list's (c/drillDown's
 * query) and its size the dashboard query's own count, for several windows, reps and a team, over a scenario built to
 * sit on every edge (a lead at the window's end, one created long before it became an MQL) and over the preview's
 * sample data. Planted faults in the report filters must break the parity.
 *
 * What only an org proves: that the report engine reads these columns (OWNER, LEAD_SOURCE, Lead.X__c) and a blank
 * value as this translation does, that fvN addresses the N-th filter, and that a date value on a date-time filter
 * means midnight in the running user's time zone (the controller's Datetime.newInstance is local too; here both are UTC).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import {
    drillDownOf,
    drillDowns,
    drillLeadsOf,
    drillLeadsParams,
    drillListUrl,
    drillReports,
    drillTarget,
    reportFilterValues,
    reportFor,
    type DrillDown,
    type DrillKey,
    type Dimension,
    type DrillScope,
    type ReportCriterion
} from 'c/drillDown';
import { funnelDataOf, segmentQueryName } from 'c/dashboardQueries';
import { segmentBreakdownRows, segmentValues } from 'c/funnelMetrics';
import { getFunnel } from '../../../preview/server/soql/dashboardRunner.ts';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { loadSchema } from '../verify-apex/schema.ts';
import { apexQueries } from '../../../preview/server/soql/apexQueries.ts';
import { runSoql, type SoqlRecord } from '../../../preview/server/soql/evaluator.ts';
import { Governor } from '../../../preview/server/soql/governor.ts';
import { recordsOrg } from '../../../preview/server/soql/org.ts';
import { getDrillLeads } from '../../../preview/server/soql/drillList.ts';
import { drillQueries } from '../../../preview/server/soql/drillQueries.ts';
import type { RunnerEnv } from '../../../preview/server/soql/dashboardRunner.ts';
import { loadPreviewStore } from '../../../preview/server/loadStore.ts';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA = loadSchema(ROOT);
const QUERIES = apexQueries(ROOT);
const DRILL_QUERIES = drillQueries(ROOT);
const REPORT_DIR = join(ROOT, 'force-app/main/default/reports/LeadGate');
const NOW = new Date('2026-05-14T12:00:00.000Z');

/* ------------------------------------------------------------------ the report, as an org would read it */

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'criteriaItems' });

/** The filters of a report file in order, as its metadata writes them. */
function reportCriteria(name: string): ReportCriterion[] {
    const xml = parser.parse(readFileSync(join(REPORT_DIR, `${name}.report-meta.xml`), 'utf8')) as {
        Report: { filter: { criteriaItems: Array<{ column: string; operator: ReportCriterion['operator']; value: string }> } };
    };
    return xml.Report.filter.criteriaItems.map((c) => ({ column: c.column, operator: c.operator, value: c.value ?? '' }));
}

/** LeadList report columns as Lead field paths (standard columns have report names, not API names). */
const FIELD_OF_COLUMN: Readonly<Record<string, string>> = { OWNER: 'Owner.Name', LEAD_SOURCE: 'LeadSource', CREATED_DATE: 'CreatedDate' };
const SOQL_OPERATOR: Readonly<Record<ReportCriterion['operator'], string>> = {
    equals: '=',
    notEqual: '!=',
    lessThan: '<',
    greaterThan: '>',
    lessOrEqual: '<=',
    greaterOrEqual: '>='
};
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A report's filters, with fvN replacing the N-th filter's value, as one SOQL WHERE over Lead. */
export function reportWhere(criteria: readonly ReportCriterion[], fv: readonly string[]): string {
    return criteria
        .map((c, i) => {
            const field = FIELD_OF_COLUMN[c.column] ?? (c.column.startsWith('Lead.') ? c.column.slice(5) : null);
            assert.ok(field, `no Lead field for the report column ${c.column}`);
            const value = i < fv.length ? fv[i]! : c.value;
            const op = SOQL_OPERATOR[c.operator];
            if (value === '') return `${field} ${op} NULL`;
            if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${field} ${op} ${value}T00:00:00Z`;
            if (/^-?\d+(\.\d+)?$/.test(value) && !/__c$|^LeadSource$|Name$/.test(field)) return `${field} ${op} ${value}`;
            if (SCHEMA.objects.get('lead')?.fields.get(field.toLowerCase())?.type === 'checkbox')
                return `${field} ${op} ${value === '1' ? 'TRUE' : 'FALSE'}`;
            // A value with commas matches any of its parts.
            const values = value.split(',');
            if (values.length > 1 && c.operator === 'equals') return `${field} IN (${values.map(quote).join(', ')})`;
            return `${field} ${op} ${quote(value)}`;
        })
        .join(' AND ');
}

/* ------------------------------------------------------------------ the data */

const MQL = '2026-05-04T09:00:00.000Z';
/** User Ids (key prefix 005), as the controller checks an owner or a team's manager. */
const users: SoqlRecord[] = [
    { Id: '005EDGE00000MGR', Name: 'Morgan Lee', ManagerId: null, IsActive: true },
    { Id: '005EDGE00000ANA', Name: 'Ana Reyes', ManagerId: '005EDGE00000MGR', IsActive: true },
    { Id: '005EDGE00000BEN', Name: 'Ben Okafor', ManagerId: '005EDGE00000MGR', IsActive: true },
    { Id: '005EDGE000000CY', Name: 'Cy Park', ManagerId: null, IsActive: true }
];
const lead = (id: string, ownerId: string, fields: Record<string, unknown>): SoqlRecord => ({
    Id: id,
    OwnerId: ownerId,
    MQL_At__c: MQL,
    CreatedDate: MQL,
    Qualification_Complete__c: false,
    ...fields
});
/** Every edge a report filter could get wrong. */
const edgeLeads: SoqlRecord[] = [
    lead('E1', '005EDGE00000ANA', { LeadSource: 'Web', Accepted_At__c: MQL, SQL_At__c: MQL, Qualification_Complete__c: true }),
    lead('E2', '005EDGE00000ANA', { Accepted_At__c: MQL, SQL_At__c: MQL, Alerted_At__c: MQL, Minutes_To_Alert__c: 3 }),
    lead('E3', '005EDGE00000ANA', { CreatedDate: '2025-01-02T00:00:00.000Z', Rejected_At__c: MQL, Rejection_Reason__c: 'Poor Fit' }),
    lead('E4', '005EDGE00000BEN', { MQL_At__c: '2026-05-15T00:00:00.000Z', SQL_At__c: MQL, Accepted_At__c: MQL }),
    lead('E5', '005EDGE00000BEN', { MQL_At__c: '2026-04-14T00:00:00.000Z', CreatedDate: '2026-05-20T00:00:00.000Z', Accepted_At__c: MQL }),
    lead('E6', '005EDGE00000BEN', { MQL_At__c: '2026-04-13T23:59:59.000Z', SQL_At__c: MQL }),
    lead('E7', '005EDGE000000CY', { Alerted_At__c: MQL, Minutes_To_Alert__c: 40, Minutes_Alert_To_First_Action__c: 2 }),
    lead('E8', '005EDGE000000CY', { MQL_At__c: null })
];
// Segment stamps: one listed value, one the segment does not list ("other"), the rest blank ("unknown").
const SIZE = SQL_DEFINITION.segments[0]!;
edgeLeads[1] = { ...edgeLeads[1]!, [SIZE.field]: segmentValues(SIZE).find((v) => v !== SIZE.unknown && v !== SIZE.other)! };
edgeLeads[2] = { ...edgeLeads[2]!, [SIZE.field]: 'A band nobody listed' };
const edgeOrg = recordsOrg(SCHEMA, (type) => (type === 'Lead' ? edgeLeads : type === 'User' ? users : []));
const store = loadPreviewStore(ROOT, () => NOW).store;
const sampleOrg = recordsOrg(SCHEMA, (type) => store.records(type));

const envOf = (org: RunnerEnv['org']): RunnerEnv => ({
    org,
    queries: QUERIES,
    governor: new Governor(),
    now: NOW,
    userId: '005EDGE00000MGR'
});
const nameOf =
    (org: RunnerEnv['org']) =>
    (id: string): string =>
        String(org.byId(id, ['User'])?.Name ?? id);

/** The dashboard's own number: the generated query's counted alias summed over the rows of the rep (or every rep). */
function dashboardNumber(drill: DrillDown, scope: DrillScope, org: RunnerEnv['org'], ownerIds: Set<string> | null): number {
    const name = ownerIds ? `${drill.query.name}_TEAM` : drill.query.name;
    const soql = QUERIES.get(name);
    assert.ok(soql, `generated query ${name}`);
    const binds = { startAt: new Date(`${scope.window.start}T00:00:00Z`), endAt: new Date(`${scope.window.end}T00:00:00Z`), ownerIds };
    const rows = runSoql(soql, { org, governor: new Governor(), binds, now: NOW }).rows;
    const owner = drill.query.select.find((c) => c.field === drill.query.teamField)!.alias;
    return rows.filter((r) => !scope.rep || r[owner] === scope.rep.id).reduce((sum, r) => sum + Number(r[drill.counted.alias] ?? 0), 0);
}

/** The leads the report selects with the link's filter values. */
function reportLeads(criteria: readonly ReportCriterion[], fv: readonly string[], org: RunnerEnv['org']): string[] {
    const rows = runSoql(`SELECT Id FROM Lead WHERE ${reportWhere(criteria, fv)}`, { org, governor: new Governor(), now: NOW }).rows;
    return rows.map((r) => String(r.Id)).sort();
}

interface Case {
    label: string;
    org: RunnerEnv['org'];
    window: DrillScope['window'];
    ownerId: string | null;
    teamManagerId: string | null;
}
const sampleDays = (days: number): DrillScope['window'] => ({
    start: new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10),
    end: new Date(NOW.getTime() + 86_400_000).toISOString().slice(0, 10)
});
const sampleOwners = [...new Set(store.records('Lead').map((l) => String(l.OwnerId)))].filter((id) => id.startsWith('005')).slice(0, 3);
const CASES: Case[] = [
    { label: 'edges, every rep', org: edgeOrg, window: { start: '2026-04-14', end: '2026-05-15' }, ownerId: null, teamManagerId: null },
    {
        label: 'edges, Ana',
        org: edgeOrg,
        window: { start: '2026-04-14', end: '2026-05-15' },
        ownerId: '005EDGE00000ANA',
        teamManagerId: null
    },
    {
        label: 'edges, Ben',
        org: edgeOrg,
        window: { start: '2026-04-14', end: '2026-05-15' },
        ownerId: '005EDGE00000BEN',
        teamManagerId: null
    },
    {
        label: 'edges, Cy, later window',
        org: edgeOrg,
        window: { start: '2026-05-01', end: '2026-05-16' },
        ownerId: '005EDGE000000CY',
        teamManagerId: null
    },
    {
        label: "edges, Morgan's team",
        org: edgeOrg,
        window: { start: '2026-04-14', end: '2026-05-16' },
        ownerId: null,
        teamManagerId: '005EDGE00000MGR'
    },
    ...[30, 90, 365].map((days) => ({
        label: `sample, last ${days} days`,
        org: sampleOrg,
        window: sampleDays(days),
        ownerId: null,
        teamManagerId: null
    })),
    ...sampleOwners.map((id) => ({
        label: `sample, owner ${id}`,
        org: sampleOrg,
        window: sampleDays(180),
        ownerId: id,
        teamManagerId: null
    }))
];

/**
 * The lead list of a request as the org's LeadGateDrillDownController.getLeads finds it: the generated strings of
 * LeadGateDrillQueries.cls run by the preview's handler; its scope (names included) for the report's filter values.
 */
function drillList(
    request: {
        key: DrillKey;
        window: DrillScope['window'];
        cuts: DrillScope['cuts'];
        teamManagerId: string | null;
        ownerId: string | null;
    },
    env: RunnerEnv,
    ownerName: (id: string) => string
): { scope: DrillScope; leadIds: string[] } {
    const result = getDrillLeads(drillLeadsParams(request), env, DRILL_QUERIES);
    assert.equal(result.limitReached, false, 'the cases stay under the list limit');
    const ownerId = env.ownLeadsOnly ? env.userId : request.ownerId;
    const teamManagerId = env.ownLeadsOnly ? null : request.teamManagerId;
    const members = teamManagerId
        ? runSoql(QUERIES.get('TEAM_MEMBERS')!, { org: env.org, governor: new Governor(), binds: { managerId: teamManagerId } }).rows.map(
              (r) => String(r.Id)
          )
        : [];
    const scope: DrillScope = {
        window: request.window,
        team: teamManagerId ? { managerId: teamManagerId, repNames: members.map(ownerName) } : null,
        rep: ownerId ? { id: ownerId, name: ownerName(ownerId) } : null,
        cuts: request.cuts
    };
    return { scope, leadIds: drillLeadsOf(drillDownOf(request.key), result.rows).map((l) => l.id) };
}

/** Runs one case for one drill-down; returns the number, the list's leads and the report's leads (null: no report). */
function compare(drill: DrillDown, c: Case, criteriaOf: (name: string) => ReportCriterion[] = reportCriteria) {
    const env = envOf(c.org);
    const list = drillList(
        { key: drill.key, window: c.window, cuts: [], teamManagerId: c.teamManagerId, ownerId: c.ownerId },
        env,
        nameOf(c.org)
    );
    const ownerIds = c.teamManagerId
        ? new Set(
              runSoql(QUERIES.get('TEAM_MEMBERS')!, {
                  org: c.org,
                  governor: new Governor(),
                  binds: { managerId: c.teamManagerId }
              }).rows.map((r) => String(r.Id))
          )
        : null;
    const number = dashboardNumber(drill, list.scope, c.org, ownerIds);
    const report = reportFor(drill, list.scope);
    if ('reason' in report) return { number, list: list.leadIds.sort(), report: null };
    const fv = reportFilterValues(report, list.scope);
    assert.ok(!('reason' in fv), `${report.name} takes the scope: ${'reason' in fv ? fv.reason : ''}`);
    return { number, list: list.leadIds.sort(), report: reportLeads(criteriaOf(report.name), fv, c.org) };
}

describe('drill-down reports select the leads behind their numbers', () => {
    it('generates one report per count and cut that a LeadList filter can express, and says why not for the others', () => {
        const names = drillReports().map((r) => r.name);
        assert.ok(names.includes('LeadGate_Drill_Sqls_Rep') && names.includes('LeadGate_Drill_Mqls'));
        const scope: DrillScope = { window: { start: '2026-04-14', end: '2026-05-15' }, team: null, rep: null, cuts: [] };
        const why = (key: DrillKey): string => {
            const r = reportFor(
                drillDowns().find((d) => d.key === key)!,
                scope
            );
            return 'reason' in r ? r.reason : '';
        };
        assert.match(why('won'), /no column for ConvertedOpportunity\.IsWon/);
        assert.match(why('opportunities'), /no column for ConvertedOpportunityId/);
        assert.match(why('thinEvidenceSqls'), /has no report filter/);
        assert.match(why('campaignSqls'), /campaign/);
    });

    for (const drill of drillDowns().filter((d) => d.object === 'Lead')) {
        it(`${drill.key}: the lead list and the report hold the dashboard's number, lead for lead`, () => {
            let compared = 0;
            for (const c of CASES) {
                const { number, list, report } = compare(drill, c);
                assert.equal(list.length, number, `${c.label}: the lead list holds the ${drill.key} number`);
                if (report) {
                    assert.deepEqual(report, list, `${c.label}: the report lists the lead list's leads`);
                    compared += number;
                }
            }
            if (drillReports().some((r) => r.key === drill.key)) assert.ok(compared > 0, `${drill.key}: some case has leads to compare`);
        });
    }

    for (const drill of drillDowns().filter((d) => d.object === 'CampaignMember')) {
        it(`${drill.key}: each campaign's lead list holds the campaign's number`, () => {
            const window = sampleDays(365);
            const binds = { startAt: new Date(`${window.start}T00:00:00Z`), endAt: new Date(`${window.end}T00:00:00Z`) };
            const rows = runSoql(QUERIES.get(drill.query.name)!, { org: sampleOrg, governor: new Governor(), binds, now: NOW }).rows;
            const perCampaign = new Map<string, number>();
            for (const r of rows)
                perCampaign.set(String(r.campaignKey), (perCampaign.get(String(r.campaignKey)) ?? 0) + Number(r[drill.counted.alias] ?? 0));
            assert.ok(
                [...perCampaign.values()].some((n) => n > 0),
                'the sample has campaign members to compare'
            );
            for (const [campaignId, number] of perCampaign) {
                const request = {
                    key: drill.key,
                    window,
                    cuts: [{ dimension: 'campaign' as const, value: campaignId }],
                    teamManagerId: null,
                    ownerId: null
                };
                assert.equal(drillList(request, envOf(sampleOrg), nameOf(sampleOrg)).leadIds.length, number, `campaign ${campaignId}`);
            }
        });
    }

    it("the breakdown's rows: each source, rejection reason and segment value lists its own number of leads", () => {
        const window = sampleDays(365);
        const binds = { startAt: new Date(`${window.start}T00:00:00Z`), endAt: new Date(`${window.end}T00:00:00Z`) };
        const rowsOf = (query: string) => runSoql(QUERIES.get(query)!, { org: sampleOrg, governor: new Governor(), binds, now: NOW }).rows;
        /** Per group value of `groupAlias` in `query`, the sum of `alias`; each must equal the cut's lead list. */
        const check = (key: DrillKey, query: string, groupAlias: string, dimension: Dimension): number => {
            const sums = new Map<string | null, number>();
            for (const r of rowsOf(query)) {
                const value = r[groupAlias] === null || r[groupAlias] === undefined ? null : String(r[groupAlias]);
                sums.set(value, (sums.get(value) ?? 0) + Number(r[drillDowns().find((d) => d.key === key)!.counted.alias] ?? 0));
            }
            for (const [value, number] of sums) {
                const request = { key, window, cuts: [{ dimension, value }], teamManagerId: null, ownerId: null };
                assert.equal(
                    drillList(request, envOf(sampleOrg), nameOf(sampleOrg)).leadIds.length,
                    number,
                    `${key} with ${dimension} ${value}`
                );
            }
            return sums.size;
        };
        let groups = 0;
        for (const key of ['mqls', 'sqls', 'rejected'] as const) {
            groups += check(key, 'FUNNEL', 'sourceKey', 'source');
            groups += check(key, 'FUNNEL', 'reasonKey', 'reason');
            for (const segment of SQL_DEFINITION.segments)
                groups += check(key, segmentQueryName(segment), 'segmentKey', `segment:${segment.key}`);
        }
        assert.ok(groups > 10, 'the sample data has groups to compare');
    });

    it("the dashboard's segment rows (and its segment filter), with blank stamps under unknown and unlisted ones under other", () => {
        let compared = 0;
        const orgs: Array<[RunnerEnv['org'], DrillScope['window']]> = [
            [sampleOrg, sampleDays(365)],
            [edgeOrg, { start: '2026-04-14', end: '2026-05-16' }]
        ];
        for (const [org, window] of orgs) {
            const data = funnelDataOf(getFunnel({ windowStart: window.start, windowEnd: window.end, teamManagerId: null }, envOf(org)));
            for (const segment of SQL_DEFINITION.segments)
                for (const row of segmentBreakdownRows(data, segment.key, SQL_DEFINITION)) {
                    const cuts = [{ dimension: `segment:${segment.key}` as Dimension, value: row.key }];
                    for (const key of ['mqls', 'sqls'] as const) {
                        const request = { key, window, cuts, teamManagerId: null, ownerId: null };
                        const listed = drillList(request, envOf(org), nameOf(org)).leadIds.length;
                        assert.equal(listed, row.counts[key], `${segment.key} ${row.key} ${key}`);
                        compared += listed;
                    }
                }
        }
        assert.ok(compared > 0);
    });

    const sqls = drillDowns().find((d) => d.key === 'sqls')!;
    const mqls = drillDowns().find((d) => d.key === 'mqls')!;
    const plant = (mutate: (c: ReportCriterion[]) => ReportCriterion[]) => (name: string) => mutate(reportCriteria(name));
    const broken = (drill: DrillDown, criteriaOf: (name: string) => ReportCriterion[]): string[] =>
        CASES.filter((c) => {
            const { list, report } = compare(drill, c, criteriaOf);
            return report !== null && JSON.stringify(report) !== JSON.stringify(list);
        }).map((c) => c.label);

    it('catches a planted window on CreatedDate instead of MQL_At__c', () => {
        const fault = plant((cs) => cs.map((c) => (c.column === 'Lead.MQL_At__c' ? { ...c, column: 'CREATED_DATE' } : c)));
        assert.notDeepEqual(broken(mqls, fault), []);
    });

    it('catches a planted lessOrEqual on the window end', () => {
        const fault = plant((cs) => cs.map((c) => (c.operator === 'lessThan' ? { ...c, operator: 'lessOrEqual' as const } : c)));
        assert.notDeepEqual(broken(sqls, fault), []);
    });

    it('catches a planted missing stage condition and filters out of the link order', () => {
        assert.notDeepEqual(
            broken(
                sqls,
                plant((cs) => cs.slice(0, -1))
            ),
            []
        );
        assert.notDeepEqual(
            broken(
                sqls,
                plant((cs) => [cs[1]!, cs[0]!, ...cs.slice(2)])
            ),
            []
        );
    });

    it('the dashboard link is the report when its Id is known, else the lead list, through one function', () => {
        const scope: DrillScope = {
            window: { start: '2026-04-14', end: '2026-05-15' },
            team: null,
            rep: { id: '005EDGE00000ANA', name: 'Ana Reyes' },
            cuts: []
        };
        assert.equal(
            drillTarget('sqls', scope, { LeadGate_Drill_Sqls_Rep: '00O1' }),
            '/lightning/r/Report/00O1/view?fv0=2026-04-14&fv1=2026-05-15&fv2=Ana%20Reyes'
        );
        assert.equal(drillTarget('sqls', scope, {}), drillListUrl('sqls', scope));
        assert.equal(drillTarget('won', scope, { LeadGate_Drill_Won_Rep: '00O2' }), drillListUrl('won', scope));
        const team: DrillScope = { ...scope, rep: null, team: { managerId: '005EDGE00000MGR', repNames: ['Ana Reyes', 'Ben Okafor'] } };
        assert.equal(
            drillTarget('mqls', team, { LeadGate_Drill_Mqls_Rep: '00O3' }),
            '/lightning/r/Report/00O3/view?fv0=2026-04-14&fv1=2026-05-15&fv2=Ana%20Reyes%2CBen%20Okafor'
        );
    });
});
