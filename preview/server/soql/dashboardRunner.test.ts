/**
 * The preview's LeadGateDashboardController: the generated SOQL run by the evaluator over hand-made records (each
 * query's semantics), read by funnelDataOf into the dashboard model; the live/snapshot guard; window validation; the
 * registered Apex handlers; and the whole chain on the project's sample data (the findings data/README.md promises).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDashboard, COACHING_TEXT_LABELS, segmentBreakdown, windowFor, type CoachingText, type FunnelData } from 'c/funnelMetrics';
import {
    dashboardQueries,
    filteredQueryNames,
    funnelDataOf,
    liveRowCost,
    ROW_BUDGET,
    renderedQueries,
    teamOptionsOf,
    trendRowsOf,
    type FunnelResponse,
    type QuerySpec,
    type TeamsResponse,
    type TrendResponse
} from 'c/dashboardQueries';
import { FIELDS } from 'c/sqlDefinition';
import { readProjectMetadata } from '../../bundler/projectMetadata.ts';
import { computeFormulaFields, loadLeadMetadata } from '../../../scripts/interpreters/formula/harness.ts';
import { TEAM_FUNNEL_PERMISSION } from '../../../scripts/admin/generate/permissionGrants.ts';
import { loadSchema } from '../../../scripts/checks/verify-apex/schema.ts';
import { apexRegistry, type ApexContext } from '../apex/registry.ts';
import '../apex/leadGateDashboard.ts';
import { loadPreviewStore } from '../loadStore.ts';
import { apexQueries } from './apexQueries.ts';
import { DashboardRefusal, getFunnel, getTeams, getTrend, type FunnelParams, type RunnerEnv } from './dashboardRunner.ts';
import type { SoqlRecord } from './evaluator.ts';
import { Governor, LIMITS } from './governor.ts';
import { recordsOrg } from './org.ts';

type RecordValues = SoqlRecord;
interface FunnelSource {
    leads: readonly RecordValues[];
    users: readonly RecordValues[];
    campaigns: readonly RecordValues[];
    campaignMembers: readonly RecordValues[];
    opportunities: readonly RecordValues[];
    reviews?: readonly RecordValues[];
}

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCHEMA = loadSchema(ROOT);
const NOW = new Date('2026-05-14T12:00:00.000Z');
const MQL = '2026-05-04T09:00:00.000Z';
const minutesAfter = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const window = { windowStart: '2026-04-14', windowEnd: '2026-05-15', teamManagerId: null };

const users: RecordValues[] = [
    { Id: 'mgr', Name: 'Morgan Lee', ManagerId: null, IsActive: true },
    { Id: 'ana', Name: 'Ana Reyes', ManagerId: 'mgr', IsActive: true },
    { Id: 'ben', Name: 'Ben Okafor', ManagerId: 'mgr', IsActive: true },
    { Id: 'cy', Name: 'Cy Park', ManagerId: null, IsActive: true },
    { Id: 'old', Name: 'Former Rep', ManagerId: 'mgr', IsActive: false }
];
const GOOD = 'CFO confirmed a budget of 80k for the Q3 rollout';
const SHORT = 'Budget confirmed by CFO.';
const bant = (evidence: string | null, complete: boolean): RecordValues => ({
    Qualification_Framework__c: 'BANT',
    Qualification_Complete__c: complete,
    Budget_Evidence__c: evidence,
    Authority_Evidence__c: evidence,
    Need_Evidence__c: evidence,
    Timeline_Evidence__c: evidence
});
const lead = (id: string, ownerId: string, fields: RecordValues): RecordValues => ({ Id: id, OwnerId: ownerId, MQL_At__c: MQL, ...fields });
const accepted = (minutes: number): RecordValues => ({
    Accepted_At__c: minutesAfter(MQL, minutes),
    First_Action_At__c: minutesAfter(MQL, minutes),
    Minutes_To_First_Action__c: minutes
});
const rejected = (minutes: number, reason: string): RecordValues => ({
    Rejected_At__c: minutesAfter(MQL, minutes),
    First_Action_At__c: minutesAfter(MQL, minutes),
    Minutes_To_First_Action__c: minutes,
    Rejection_Reason__c: reason
});

/** The Apex tests' scenario, plus boundary cases. */
function scenario(): FunnelSource {
    return {
        users,
        leads: [
            lead('L1', 'ana', { LeadSource: 'Web', ...accepted(3), SQL_At__c: MQL, ConvertedOpportunityId: 'O1', ...bant(GOOD, true) }),
            lead('L2', 'ana', { LeadSource: 'Web', ...accepted(5), SQL_At__c: MQL, ...bant(SHORT, true) }),
            lead('L3', 'ana', { LeadSource: 'Webinar', ...accepted(5.1), SQL_At__c: MQL, Qualification_Complete__c: false }),
            lead('L4', 'ana', { LeadSource: 'Webinar', ...rejected(1440, 'Poor Fit') }),
            lead('L5', 'ana', { LeadSource: 'Webinar' }),
            lead('L6', 'ben', { LeadSource: 'Web', ...accepted(1441), SQL_At__c: MQL, ConvertedOpportunityId: 'O2', ...bant(GOOD, true) }),
            lead('L7', 'ben', { LeadSource: 'Web', MQL_At__c: '2026-04-13T23:59:59.000Z' }),
            lead('L8', 'ben', { LeadSource: 'Web', MQL_At__c: '2026-04-14T00:00:00.000Z' }),
            lead('L9', 'ben', { LeadSource: 'Web', MQL_At__c: '2026-05-15T00:00:00.000Z' }),
            lead('L10', 'cy', { LeadSource: 'Partner', ...rejected(10, 'No Budget') }),
            lead('L11', 'old', { LeadSource: null, MQL_At__c: MQL }),
            lead('L12', 'cy', { LeadSource: 'Partner', MQL_At__c: null })
        ],
        campaigns: [{ Id: 'C1', Name: 'Spring Webinar' }],
        campaignMembers: ['L3', 'L4', 'L5', 'L10'].map((leadId, i) => ({ Id: `M${i}`, LeadId: leadId, CampaignId: 'C1' })),
        opportunities: [
            { Id: 'O1', IsWon: true },
            { Id: 'O2', IsWon: false }
        ]
    };
}

/** The scenario with evidence reviews: each verdict a row, owned by the lead's owner. */
function reviewed(): FunnelSource {
    const base = scenario();
    const review = (id: string, leadId: string, outcome: string): RecordValues => {
        const reviewedLead = base.leads.find((l) => l.Id === leadId)!;
        return { Id: id, Lead__c: leadId, Outcome__c: outcome, OwnerId: reviewedLead.OwnerId, CreatedById: 'mgr' };
    };
    return {
        ...base,
        leads: base.leads.map((l) => (l.Id === 'L7' ? { ...l, SQL_At__c: MQL } : l)),
        reviews: [
            review('R1', 'L1', 'Coach'),
            review('R2', 'L1', 'Evidence Holds'),
            review('R3', 'L2', 'Evidence Holds'),
            review('R4', 'L4', 'Coach'),
            review('R5', 'L6', 'Coach'),
            review('R6', 'L7', 'Evidence Holds')
        ]
    };
}

/** The dashboard's sentence templates, from the labels file. */
const TEXT = ((labels) =>
    Object.fromEntries(
        Object.entries(COACHING_TEXT_LABELS).map(([key, name]) => [key, labels.get(name) ?? ''])
    ) as unknown as CoachingText)(readProjectMetadata(ROOT).labels);

/** The scenario with fit edits before SQL, each lead carrying its formula fields as the org computes them. */
function fitEdited(): FunnelSource {
    const base = scenario();
    const hoursBefore: Record<string, number> = { L1: 2, L2: 30, L6: 24 };
    const meta = loadLeadMetadata();
    const ctx = { now: NOW, isNew: false, prior: null, permissions: new Set<string>() };
    return {
        ...base,
        leads: base.leads.map((l) => {
            const hours = hoursBefore[String(l.Id)];
            const stamped = hours === undefined ? l : { ...l, [FIELDS.fitEditedByOwnerAt]: minutesAfter(MQL, -60 * hours) };
            return { ...stamped, ...computeFormulaFields(stamped, ctx, meta) };
        })
    };
}

const recordsOf =
    (source: FunnelSource) =>
    (type: string): readonly RecordValues[] =>
        ({
            Lead: source.leads,
            User: source.users,
            Campaign: source.campaigns,
            CampaignMember: source.campaignMembers,
            Opportunity: source.opportunities,
            LeadGate_Evidence_Review__c: source.reviews ?? []
        })[type] ?? [];

function env(source: FunnelSource, log?: string[]): RunnerEnv {
    return {
        org: recordsOrg(SCHEMA, recordsOf(source)),
        queries: apexQueries(ROOT),
        governor: new Governor(),
        now: NOW,
        userId: 'mgr',
        ...(log ? { log } : {})
    };
}

const load = (source: FunnelSource, params: FunnelParams = window): FunnelData => funnelDataOf(getFunnel(params, env(source)));

const totals = (data: FunnelData): { mqls: number } & Record<string, number> => {
    const sum = { mqls: 0, accepted: 0, rejected: 0, sqls: 0, opportunities: 0, won: 0, actioned: 0 } as { mqls: number } & Record<
        string,
        number
    >;
    for (const row of data.funnel) for (const key of Object.keys(sum)) sum[key]! += row[key as keyof typeof row] as number;
    return sum;
};

describe('the generated dashboard queries over emulated records', () => {
    it("counts the window's MQL cohort: start day in, end day out, leads without MQL_At__c never", () => {
        const data = load(scenario());
        assert.equal(data.source, 'live');
        assert.deepEqual(totals(data), { mqls: 9, accepted: 4, rejected: 2, sqls: 4, opportunities: 2, won: 1, actioned: 6 });
        assert.deepEqual(data.owners.map((o) => o.name).sort(), ['Ana Reyes', 'Ben Okafor', 'Cy Park', 'Former Rep']);
        assert.equal(data.thinEvidenceChars, 40);
    });

    it('groups by owner, source and reason, and counts the won opportunities of each group', () => {
        const data = load(scenario());
        assert.deepEqual(
            data.funnel.filter((r) => r.rejectionReason === 'Poor Fit'),
            [
                {
                    ownerId: 'ana',
                    leadSource: 'Webinar',
                    rejectionReason: 'Poor Fit',
                    mqls: 1,
                    accepted: 0,
                    rejected: 1,
                    sqls: 0,
                    opportunities: 0,
                    won: 0,
                    actioned: 1
                }
            ]
        );
        const ben = data.funnel.filter((r) => r.ownerId === 'ben').map((r) => [r.mqls, r.opportunities, r.won]);
        assert.deepEqual(ben, [[2, 1, 0]], "Ben's lost opportunity counts as an opportunity, not a win");
        const anaWeb = data.funnel.find((r) => r.ownerId === 'ana' && r.leadSource === 'Web');
        assert.deepEqual([anaWeb?.opportunities, anaWeb?.won], [1, 1], "Ana's converted lead is won");
    });

    it("puts first actions into the definition's speed buckets, bounds inclusive", () => {
        const speed = load(scenario()).speed.map((r) => `${r.ownerId}/${r.maxMinutes}=${r.leads}`);
        assert.deepEqual(speed.sort(), ['ana/1440=1', 'ana/5=2', 'ana/60=1', 'cy/60=1']);
    });

    it('finds SQLs through the bypass and SQLs on thin evidence', () => {
        // The compliance rows also carry the review counts (none reviewed in this scenario).
        assert.deepEqual(load(scenario()).compliance, [
            { ownerId: 'ana', bypassSqls: 1, thinEvidenceSqls: 1, fitEditedSqls: 0, reviewedSqls: 0, holdsSqls: 0, coachSqls: 0 }
        ]);
    });

    it("counts each rep's reviewed SQLs once per outcome: the window's SQLs only, a second verdict no second SQL", () => {
        const data = load(reviewed());
        const of = (ownerId: string) => data.compliance.find((r) => r.ownerId === ownerId);
        assert.deepEqual(
            [of('ana')?.reviewedSqls, of('ana')?.holdsSqls, of('ana')?.coachSqls],
            [2, 2, 1],
            'L1 coached then held, L2 held; L4 is no SQL'
        );
        assert.deepEqual(
            [of('ben')?.reviewedSqls, of('ben')?.holdsSqls, of('ben')?.coachSqls],
            [1, 0, 1],
            "L7's SQL is outside the window"
        );
        const ana = buildDashboard(data, TEXT, { locale: 'en-US' }).reps.find((r) => r.ownerId === 'ana');
        assert.equal(ana?.compliance.reviews.text, '1 coach, 2 holds of 2 reviewed; 1 awaiting review');
    });

    it("counts each rep's SQLs fit-edited within the window hours before SQL, through the generated formula field", () => {
        const of = (data: FunnelData, ownerId: string) => data.compliance.find((r) => r.ownerId === ownerId)?.fitEditedSqls;
        const data = load(fitEdited());
        assert.deepEqual([of(data, 'ana'), of(data, 'ben')], [1, 1], 'L1 (2 hours) and L6 (24 hours); L2 (30 hours) is outside');
        const specs = dashboardQueries().map((q): QuerySpec =>
            q.name === 'FIT_EDITED' ? { ...q, where: [...q.where.slice(0, 2), `${FIELDS.fitEditedByOwnerAt} != NULL`] } : q
        );
        const planted = renderedQueries(undefined, specs);
        const wrong = funnelDataOf(getFunnel(window, { ...env(fitEdited()), queries: new Map(planted.map((q) => [q.name, q.soql])) }));
        assert.equal(of(wrong, 'ana'), 2, 'planted: a filter on the stamp alone counts the edit 30 hours before');
    });

    it('planted: a review query without the SQL filter counts a rejected lead as a reviewed SQL', () => {
        const specs = dashboardQueries().map((q): QuerySpec =>
            q.name === 'REVIEWED' ? { ...q, where: q.where.filter((w) => !w.includes('SQL_At__c')) } : q
        );
        const planted = renderedQueries(undefined, specs);
        const data = funnelDataOf(getFunnel(window, { ...env(reviewed()), queries: new Map(planted.map((q) => [q.name, q.soql])) }));
        assert.equal(data.compliance.find((r) => r.ownerId === 'ana')?.reviewedSqls, 3, 'the planted query counts L4');
    });

    it('a team sees the reviews of its reps only; a rep without the team permission sees their own', () => {
        const team = load(reviewed(), { ...window, teamManagerId: 'mgr' });
        assert.deepEqual(
            team.compliance.filter((r) => r.reviewedSqls).map((r) => r.ownerId),
            ['ana', 'ben']
        );
        const own = funnelDataOf(getFunnel(window, { ...env(reviewed()), userId: 'ben', ownLeadsOnly: true }));
        assert.deepEqual(
            own.compliance.map((r) => [r.ownerId, r.reviewedSqls, r.coachSqls]),
            [['ben', 1, 1]]
        );
    });

    it("reviews count against the row budget: each review of the window's SQLs costs LIVE_ROWS_PER_REVIEW rows", () => {
        // The smallest budget that is still counted live (below it the window goes to the snapshot, here refused).
        const smallestLiveBudget = (source: FunnelSource): number => {
            let low = ROW_BUDGET.reservedRows;
            let high = ROW_BUDGET.reservedRows + 1_000;
            while (low < high) {
                const mid = Math.floor((low + high) / 2);
                try {
                    getFunnel(window, { ...env(source), rowBudget: mid });
                    high = mid;
                } catch (e) {
                    if (!(e instanceof DashboardRefusal && e.label === 'LG_Dash_Error_TooLarge')) throw e;
                    low = mid + 1;
                }
            }
            return low;
        };
        const windowReviews = 4; // R1, R2, R3 (ana's SQLs) and R5 (ben's SQL); R4 reviews no SQL, R6 an SQL outside the window
        const { perReview } = liveRowCost();
        assert.equal(perReview, 2, 'REVIEWED and REVIEW_OUTCOMES each read every review');
        // Each review costs its rows in the two queries plus one row of the capped REVIEW_COUNT.
        assert.equal(smallestLiveBudget(reviewed()) - smallestLiveBudget({ ...reviewed(), reviews: [] }), (perReview + 1) * windowReviews);
    });

    it('counts campaign members and rejected members by reason', () => {
        const data = load(scenario());
        assert.deepEqual(data.campaigns, [{ campaignId: 'C1', campaignName: 'Spring Webinar', members: 4 }]);
        assert.deepEqual(
            data.campaignRejections.sort((a, b) => String(a.rejectionReason).localeCompare(String(b.rejectionReason))),
            [
                { campaignId: 'C1', rejectionReason: 'No Budget', rejected: 1 },
                { campaignId: 'C1', rejectionReason: 'Poor Fit', rejected: 1 }
            ]
        );
    });

    it("keeps a team to the manager's reports, inactive ones included, campaigns too", () => {
        const data = load(scenario(), { ...window, teamManagerId: 'mgr' });
        assert.equal(totals(data).mqls, 8, 'Cy is in no team');
        assert.deepEqual(data.campaigns, [{ campaignId: 'C1', campaignName: 'Spring Webinar', members: 3 }]);
        assert.equal(data.campaignsOrgWide, false);
    });

    it('counts the query rows as the platform does: every row each query reads', () => {
        const data = load(scenario());
        // Guards: 9 MQLs + 4 members. FUNNEL 9, WON 1, speed 2 + 2 + 1, bypass 1, thin 1, campaign members 4,
        // rejected members 2, owner names 4 (users) + 0 (queues); issue 18 adds per segment (3) its chain 9 (every MQL
        // again) and its won 1, and CAMPAIGN_FUNNEL 4 (every member again).
        assert.equal(data.rowsUsed, 9 + 4 + 9 + 1 + 5 + 1 + 1 + 4 + 2 + 4 + 3 * (9 + 1) + 4);
    });

    it('groups the window MQLs by each stamped segment (SEGMENT_<KEY>, SEGMENT_<KEY>_WON) and the campaign chain (CAMPAIGN_FUNNEL)', () => {
        const source = scenario();
        const stamped: Record<string, RecordValues> = {
            L1: { Segment_Company_Size__c: 'Enterprise (1,000+)', Segment_Region__c: 'Europe' },
            L2: { Segment_Company_Size__c: 'Enterprise (1,000+)', Segment_Region__c: 'North America' },
            L4: { Segment_Company_Size__c: 'Small (under 200)', Segment_Region__c: 'Europe' },
            L6: { Segment_Company_Size__c: 'Tiny (retired band)' }
        };
        const data = load({ ...source, leads: source.leads.map((l) => ({ ...l, ...stamped[String(l.Id)] })) });
        const size = segmentBreakdown(data, 'size');
        const slice = (value: string) => size.find((x) => x.value === value)!.counts;
        // Window MQLs: L1-L6, L8, L10, L11 (9). Enterprise: L1, L2 (2 SQLs, 1 opportunity, won); Small: L4 (rejected);
        // L6's band is no longer in the definition: Other; the five never stamped: Unknown.
        assert.deepEqual(
            [slice('Enterprise (1,000+)').mqls, slice('Enterprise (1,000+)').sqls, slice('Enterprise (1,000+)').won],
            [2, 2, 1]
        );
        assert.deepEqual([slice('Small (under 200)').mqls, slice('Small (under 200)').rejected], [1, 1]);
        assert.equal(slice('Mid-market (200-999)').mqls, 0, 'an empty band is listed with no MQLs');
        assert.equal(slice('Other').mqls, 1);
        assert.equal(slice('Unknown').mqls, 5);
        assert.equal(
            size.reduce((n, x) => n + x.counts.mqls, 0),
            totals(data).mqls,
            'every MQL is in exactly one value'
        );
        assert.deepEqual(
            size.find((x) => x.value === 'Small (under 200)')!.reasons.map((r) => r.reason),
            ['Poor Fit']
        );
        const europe = segmentBreakdown(data, 'region').find((x) => x.value === 'Europe')!.counts;
        assert.deepEqual([europe.mqls, europe.accepted, europe.rejected, europe.sqls, europe.won], [2, 1, 1, 1, 1]);
        // Campaign members L3, L4, L5, L10: accepted L3, rejected L4 and L10, SQL L3, no opportunity.
        assert.deepEqual(data.campaignFunnel, [{ campaignId: 'C1', mqls: 4, accepted: 1, rejected: 2, sqls: 1, opportunities: 0 }]);
    });

    it('refuses reversed and overlong windows the way the controller does', () => {
        assert.throws(
            () => getFunnel({ ...window, windowEnd: window.windowStart }, env(scenario())),
            (e: unknown) => e instanceof DashboardRefusal && e.label === 'LG_Dash_Error_WindowOrder'
        );
        assert.throws(
            () => getFunnel({ windowStart: '2025-01-01', windowEnd: '2026-01-03', teamManagerId: null }, env(scenario())),
            (e: unknown) => e instanceof DashboardRefusal && e.label === 'LG_Dash_Error_WindowSpan' && e.values[0] === 366
        );
    });

    it('shows a rep without the team permission only the leads they own, whatever team is asked for', () => {
        const asAna: RunnerEnv = { ...env(scenario()), userId: 'ana', ownLeadsOnly: true };
        for (const teamManagerId of [null, 'mgr']) {
            const data = funnelDataOf(getFunnel({ ...window, teamManagerId }, { ...asAna, governor: new Governor() }));
            assert.equal(totals(data).mqls, 5, "Ana's five MQLs of the window");
            assert.deepEqual(new Set(data.funnel.map((r) => r.ownerId)), new Set(['ana']));
            assert.deepEqual(data.campaigns, [{ campaignId: 'C1', campaignName: 'Spring Webinar', members: 3 }]);
        }
        assert.deepEqual(teamOptionsOf(getTeams(asAna)), [], 'a rep has no team to pick');
    });

    it('lists teams with their active reports and marks the signed-in manager', () => {
        assert.deepEqual(teamOptionsOf(getTeams(env(scenario()))), [{ managerId: 'mgr', name: 'Morgan Lee', reps: 2, mine: true }]);
    });
});

describe('the registered Apex handlers', () => {
    const ctx = (source: FunnelSource, userId = 'mgr'): ApexContext => ({
        user: {
            id: userId,
            name: userId === 'mgr' ? 'Morgan Lee' : userId,
            permissionSets: [userId === 'mgr' ? 'LeadGate_Manager' : 'LeadGate_SDR'],
            customPermissions: new Set(userId === 'mgr' ? [TEAM_FUNNEL_PERMISSION] : [])
        },
        now: NOW,
        records: recordsOf(source)
    });

    it('answers getFunnel, getTeams and getDrillDownReports with raw rows', async () => {
        assert.ok(apexRegistry.has('LeadGateDashboardController.getFunnel'));
        const funnel = await apexRegistry.call('LeadGateDashboardController.getFunnel', window, ctx(scenario()));
        assert.equal(funnel.status, 200);
        const body = funnel.body as FunnelResponse;
        assert.deepEqual(body.results.find((r) => r.part === 'FUNNEL')?.aliases, [
            'ownerKey',
            'sourceKey',
            'reasonKey',
            'mqls',
            'accepted',
            'rejected',
            'sqls',
            'opportunities',
            'actioned'
        ]);
        assert.equal(totals(funnelDataOf(body)).mqls, 9);
        const teams = await apexRegistry.call('LeadGateDashboardController.getTeams', {}, ctx(scenario()));
        assert.deepEqual(teamOptionsOf(teams.body as TeamsResponse), [{ managerId: 'mgr', name: 'Morgan Lee', reps: 2, mine: true }]);
        assert.deepEqual(await apexRegistry.call('LeadGateDashboardController.getDrillDownReports', {}, ctx(scenario())), {
            status: 200,
            body: {}
        });
    });

    it('gives an SDR (no team permission) their own figures instead of an error', async () => {
        const funnel = await apexRegistry.call(
            'LeadGateDashboardController.getFunnel',
            { ...window, teamManagerId: 'mgr' },
            ctx(scenario(), 'ben')
        );
        assert.equal(funnel.status, 200);
        const data = funnelDataOf(funnel.body as FunnelResponse);
        assert.deepEqual(new Set(data.funnel.map((r) => r.ownerId)), new Set(['ben']));
        assert.equal(totals(data).mqls, 2, "Ben's MQLs inside the window (L6, L8)");
    });

    it('passes the filter through, and refuses a field outside the allow-list in the label text', async () => {
        const bySource = await apexRegistry.call(
            'LeadGateDashboardController.getFunnel',
            { ...window, filterField: 'LeadSource', filterValue: 'Web' },
            ctx(scenario())
        );
        assert.equal(bySource.status, 200);
        const data = funnelDataOf(bySource.body as FunnelResponse);
        assert.deepEqual(data.filter, { field: 'LeadSource', value: 'Web' });
        assert.deepEqual(new Set(data.funnel.map((r) => r.leadSource)), new Set(['Web']));
        const refused = await apexRegistry.call(
            'LeadGateDashboardController.getFunnel',
            { ...window, filterField: 'Email', filterValue: 'x' },
            ctx(scenario())
        );
        assert.equal(refused.status, 400);
        assert.equal(
            (refused.body as { message: string }).message,
            'The dashboard cannot be filtered by Email. Pick a segment, a lead source or a campaign in the filter list.'
        );
    });

    it("refuses a bad window with the controller's label", async () => {
        const refused = await apexRegistry.call(
            'LeadGateDashboardController.getFunnel',
            { ...window, windowEnd: '2026-04-01' },
            ctx(scenario())
        );
        assert.equal(refused.status, 400);
        assert.equal((refused.body as { message: string }).message, 'Pick a time window whose first day comes before its last day.');
        const long = await apexRegistry.call(
            'LeadGateDashboardController.getFunnel',
            { windowStart: '2025-01-01', windowEnd: '2026-05-01', teamManagerId: null },
            ctx(scenario())
        );
        assert.equal((long.body as { message: string }).message, 'Pick a time window of at most 366 days.');
    });
});

describe("the project's sample data through the preview store", () => {
    it('shows every finding data/README.md promises: inflation, a slow rep, a Poor Fit campaign, the bypass', () => {
        const { store } = loadPreviewStore(ROOT, () => NOW);
        const text = TEXT;
        const last180 = windowFor('last180', NOW.toISOString().slice(0, 10));
        const data = funnelDataOf(
            getFunnel(
                { windowStart: last180.start, windowEnd: last180.end, teamManagerId: null },
                { ...env(scenario()), org: recordsOrg(SCHEMA, (type) => store.records(type)) }
            )
        );
        const dashboard = buildDashboard(data, text, { locale: 'en-US' });
        const found = (kind: string): string[] => dashboard.findings.filter((f) => f.kind === kind).map((f) => f.subject);
        assert.equal(data.source, 'live');
        assert.deepEqual(found('inflation'), ['Marcus Webb']);
        assert.ok(found('slowResponse').includes('Hannah Okafor'), `slow: ${found('slowResponse').join(', ')}`);
        assert.deepEqual(found('reasonByCampaign'), ['Social Lead Gen Ads - Broad Audience']);
        assert.ok(found('bypass').length > 0, 'SQLs through the bypass');
        assert.ok(found('thinEvidence').includes('Marcus Webb'), 'minimal evidence behind the inflated SQLs');
    });
});

describe('the trend: TREND and TREND_WON per day of MQL over the last four quarters', () => {
    it('counts each day of the window once, live, and reads into trend rows with won joined by day', () => {
        const response = getTrend({ teamManagerId: null }, env(scenario()));
        assert.deepEqual([response.source, response.windowStart, response.windowEnd], ['live', '2025-07-01', '2026-05-15']);
        const rows = trendRowsOf(response);
        assert.deepEqual(
            rows.map((r) => [r.from, r.to, r.mqls, r.accepted, r.rejected, r.sqls, r.opportunities, r.won]),
            [
                ['2026-04-13', '2026-04-14', 1, 0, 0, 0, 0, 0],
                ['2026-04-14', '2026-04-15', 1, 0, 0, 0, 0, 0],
                ['2026-05-04', '2026-05-05', 8, 4, 2, 4, 2, 1]
            ],
            'L9 (MQL on the end day) and L12 (no MQL) are outside'
        );
        assert.ok(response.rowsUsed >= 2 * 10, 'the count and both trend queries read the window’s MQLs');
    });

    it('a team trend counts only its reps, inactive ones too', () => {
        const rows = trendRowsOf(getTrend({ teamManagerId: 'mgr' }, env(scenario())));
        assert.deepEqual(
            rows.map((r) => [r.from, r.mqls, r.rejected]),
            [
                ['2026-04-13', 1, 0],
                ['2026-04-14', 1, 0],
                ['2026-05-04', 7, 1]
            ]
        );
    });

    it('refuses a window too large to aggregate live when no snapshot run exists', () => {
        const tight = { ...env(scenario()), governor: new Governor({ ...LIMITS, queryRows: 2_250 }) };
        assert.throws(
            () => getTrend({ teamManagerId: null }, tight),
            (e: unknown) => e instanceof DashboardRefusal && e.label === 'LG_Dash_Error_TooLarge'
        );
    });

    it('is registered as LeadGateDashboardController.getTrend and answers as the runner does', async () => {
        const ctx = (source: FunnelSource): ApexContext => ({
            user: { id: 'mgr', name: 'Morgan Lee', permissionSets: ['LeadGate_Manager'], customPermissions: new Set() },
            now: NOW,
            records: recordsOf(source)
        });
        const answer = await apexRegistry.call('LeadGateDashboardController.getTrend', { teamManagerId: '' }, ctx(scenario()));
        assert.equal(answer.status, 200);
        assert.equal(
            trendRowsOf(answer.body as TrendResponse).reduce((n, r) => n + r.mqls, 0),
            10
        );
    });
});

describe('speed to lead split at the alert (issue 17)', () => {
    /** Alerted `toAlert` minutes after MQL; first action `toAction` minutes after the alert (null: not yet). */
    const alerted = (toAlert: number, toAction: number | null): RecordValues => ({
        Alerted_At__c: minutesAfter(MQL, toAlert),
        Minutes_To_Alert__c: toAlert,
        ...(toAction === null
            ? {}
            : {
                  First_Action_At__c: minutesAfter(MQL, toAlert + toAction),
                  Minutes_To_First_Action__c: toAlert + toAction,
                  Minutes_Alert_To_First_Action__c: toAction
              })
    });

    it('counts per rep the alerted MQLs, those alerted within the SLA and those actioned within the SLA of the alert', () => {
        const source = scenario();
        const data = load({
            ...source,
            leads: [
                ...source.leads.filter((l) => l.OwnerId !== 'ana'),
                lead('A1', 'ana', alerted(0, 2)),
                lead('A2', 'ana', alerted(0, 5)),
                lead('A3', 'ana', alerted(1, 5.1)),
                lead('A4', 'ana', alerted(6, 1)),
                lead('A5', 'ana', alerted(0, null)),
                lead('A6', 'ana', {}),
                lead('A7', 'ben', alerted(0, 3)),
                { ...lead('A8', 'ben', alerted(0, 1)), MQL_At__c: '2026-04-13T23:59:59.000Z' }
            ]
        });
        assert.deepEqual(
            (data.alertSpeed ?? []).filter((r) => r.alerted > 0).sort((a, b) => (a.ownerId < b.ownerId ? -1 : 1)),
            [
                { ownerId: 'ana', alerted: 5, alertedWithinSla: 4, actionedWithinSla: 3 },
                { ownerId: 'ben', alerted: 1, alertedWithinSla: 1, actionedWithinSla: 1 }
            ]
        );
    });
});

describe('the one filter (segment, lead source or campaign) narrows every part (issue 18)', () => {
    const CAMPAIGN = '701LG0000000001AAA';
    const OTHER_CAMPAIGN = '701LG0000000002AAA';
    /**
     * The scenario with real Campaign Ids, region stamps, L2 (in the same rep/source group as the won L1) in the
     * campaign, and L1 in a second campaign.
     */
    function filterScenario(): FunnelSource {
        const source = scenario();
        const regions: Record<string, string> = { L1: 'Europe', L3: 'Europe', L4: 'Europe', L6: 'North America', L10: 'Europe' };
        return {
            ...source,
            leads: source.leads.map((l) => ({ ...l, Segment_Region__c: regions[String(l.Id)] ?? 'Unknown' })),
            campaigns: [
                { Id: CAMPAIGN, Name: 'Spring Webinar' },
                { Id: OTHER_CAMPAIGN, Name: 'Trade Show' }
            ],
            campaignMembers: [
                ...source.campaignMembers.map((m) => ({ ...m, CampaignId: CAMPAIGN })),
                { Id: 'M8', LeadId: 'L2', CampaignId: CAMPAIGN },
                { Id: 'M9', LeadId: 'L1', CampaignId: OTHER_CAMPAIGN }
            ]
        };
    }
    /** The same org cut by hand: only the leads the filter keeps, and (for a campaign) only that campaign's members. */
    const byHand = (source: FunnelSource, keep: (lead: RecordValues) => boolean, campaignId?: string): FunnelSource => {
        const leads = source.leads.filter(keep);
        const ids = new Set(leads.map((l) => String(l.Id)));
        return {
            ...source,
            leads,
            campaignMembers: source.campaignMembers.filter((m) => ids.has(String(m.LeadId)) && (!campaignId || m.CampaignId === campaignId))
        };
    };
    const memberOf = (source: FunnelSource, campaignId: string) => (l: RecordValues) =>
        source.campaignMembers.some((m) => m.LeadId === l.Id && m.CampaignId === campaignId);
    /** Everything the dashboard reads, without what says how it was loaded. */
    const figures = (data: FunnelData) => {
        const { rowsUsed: _rows, filter: _filter, wholeParts: _whole, ...rest } = data;
        return rest;
    };
    const cases = (source: FunnelSource) => [
        { filter: { field: 'LeadSource', value: 'Web' }, hand: byHand(source, (l) => l.LeadSource === 'Web') },
        { filter: { field: 'Segment_Region__c', value: 'Europe' }, hand: byHand(source, (l) => l.Segment_Region__c === 'Europe') },
        { filter: { field: 'CampaignId', value: CAMPAIGN }, hand: byHand(source, memberOf(source, CAMPAIGN), CAMPAIGN) }
    ];

    it('a filtered load equals the unfiltered load of the leads the filter keeps, for every owner and for a team', () => {
        const source = filterScenario();
        for (const { filter, hand } of cases(source))
            for (const teamManagerId of [null, 'mgr']) {
                const filtered = load(source, { ...window, teamManagerId, filter });
                const expected = load(hand, { ...window, teamManagerId });
                assert.ok(
                    totals(expected).mqls > 0 && totals(expected).mqls < totals(load(source)).mqls,
                    `${filter.field} keeps some MQLs`
                );
                assert.deepEqual(figures(filtered), figures(expected), `${filter.field} (team ${teamManagerId})`);
                assert.deepEqual(filtered.filter, filter);
                assert.deepEqual(filtered.wholeParts, [], 'every live part is narrowed');
            }
    });

    it('the guard counts only the filtered rows: the filtered load reads what the cut org reads', () => {
        const source = filterScenario();
        const [bySource, byRegion] = cases(source);
        for (const { filter, hand } of [bySource!, byRegion!])
            assert.equal(load(source, { ...window, filter }).rowsUsed, load(hand).rowsUsed, filter.field);
    });

    it('planted fault: any part that drops the filter (its unfiltered text run instead) no longer matches the cut org', () => {
        const source = filterScenario();
        const queries = apexQueries(ROOT);
        const names = filteredQueryNames();
        for (const { filter, hand } of cases(source)) {
            const expected = figures(load(hand));
            const right = getFunnel({ ...window, filter }, env(source));
            let caught = 0;
            for (const part of right.results) {
                const planted = new Map(queries);
                planted.set(names.get(filter.field)!.get(part.part)!, queries.get(part.part)!);
                const wrong = getFunnel({ ...window, filter }, { ...env(source), queries: planted });
                const rowsOf = (r: FunnelResponse) => r.results.find((x) => x.part === part.part)!.rows;
                // A part whose rows happen to be the same without the filter changes no figure: nothing to catch.
                if (JSON.stringify(rowsOf(wrong)) === JSON.stringify(rowsOf(right))) continue;
                assert.notDeepEqual(figures(funnelDataOf(wrong)), expected, `${filter.field}: ${part.part} without the filter is caught`);
                caught++;
            }
            assert.ok(caught >= 8, `${filter.field}: ${caught} parts planted and caught`);
        }
    });

    it('refuses an unknown field and a value the field does not take, in the controller words', () => {
        const refused = (filter: { field: string; value: string }) => {
            try {
                getFunnel({ ...window, filter }, env(filterScenario()));
                return null;
            } catch (e) {
                return e instanceof DashboardRefusal ? [e.label, ...e.values] : e;
            }
        };
        assert.deepEqual(refused({ field: 'Name', value: 'x' }), ['LG_Dash_Error_FilterField', 'Name']);
        assert.deepEqual(refused({ field: 'Segment_Region__c', value: 'Atlantis' }), [
            'LG_Dash_Error_FilterValue',
            'Atlantis',
            'Segment_Region__c'
        ]);
        assert.deepEqual(refused({ field: 'CampaignId', value: '00QLG0000000001AAA' }), [
            'LG_Dash_Error_FilterValue',
            '00QLG0000000001AAA',
            'CampaignId'
        ]);
        assert.deepEqual(refused({ field: 'LeadSource', value: ' ' }), ['LG_Dash_Error_FilterValue', ' ', 'LeadSource']);
        assert.equal(refused({ field: '', value: '' }), null, 'a blank field is no filter');
    });
});
