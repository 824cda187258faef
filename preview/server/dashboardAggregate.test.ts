/**
 * The preview's twin of LeadGateDashboardController.getFunnel: each query's semantics on hand-made records,
 * the live/snapshot switch at scale, window validation, the registered Apex handlers, and the whole chain on
 * the project's sample data (the findings data/README.md promises must come out of the dashboard).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDashboard, COACHING_TEXT_LABELS, windowFor, type CoachingText, type FunnelData } from 'c/funnelMetrics';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { emulatedOrg } from '../../bench/dashboard/emulatedLeads.ts';
import { readProjectMetadata } from '../bundler/projectMetadata.ts';
import {
    aggregateFunnel,
    FunnelRequestError,
    indexSource,
    LIVE_ROW_BUDGET,
    teamOptions,
    type FunnelSource,
    type RecordValues
} from './dashboardAggregate.ts';
import { apexRegistry, type ApexContext } from './apex/registry.ts';
import './apex/leadGateDashboard.ts';
import { loadPreviewStore } from './loadStore.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
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

const totals = (data: FunnelData): { mqls: number } & Record<string, number> => {
    const sum = { mqls: 0, accepted: 0, rejected: 0, sqls: 0, opportunities: 0, won: 0, actioned: 0 } as { mqls: number } & Record<
        string,
        number
    >;
    for (const row of data.funnel) for (const key of Object.keys(sum)) sum[key]! += row[key as keyof typeof row] as number;
    return sum;
};

describe('the dashboard aggregate over emulated records', () => {
    it("counts the window's MQL cohort: start day in, end day out, leads without MQL_At__c never", () => {
        const data = aggregateFunnel(scenario(), window, NOW);
        assert.equal(data.source, 'live');
        assert.deepEqual(totals(data), { mqls: 9, accepted: 4, rejected: 2, sqls: 4, opportunities: 2, won: 1, actioned: 6 });
        assert.deepEqual(data.owners.map((o) => o.name).sort(), ['Ana Reyes', 'Ben Okafor', 'Cy Park', 'Former Rep']);
        assert.equal(data.thinEvidenceChars, 40);
    });

    it('groups by owner, source, reason and the won outcome like the SOQL', () => {
        const data = aggregateFunnel(scenario(), window, NOW);
        const poorFit = data.funnel.filter((r) => r.rejectionReason === 'Poor Fit');
        assert.deepEqual(poorFit, [
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
        ]);
        const benWeb = data.funnel.filter((r) => r.ownerId === 'ben');
        assert.deepEqual(
            benWeb.map((r) => [r.mqls, r.opportunities, r.won]).sort(),
            [
                [1, 0, 0],
                [1, 1, 0]
            ],
            "Ben's lost opportunity sits in its own IsWon group with no win"
        );
    });

    it("puts first actions into the definition's speed buckets, bounds inclusive", () => {
        const speed = aggregateFunnel(scenario(), window, NOW).speed.map((r) => `${r.ownerId}/${r.maxMinutes}=${r.leads}`);
        assert.deepEqual(speed.sort(), ['ana/1440=1', 'ana/5=2', 'ana/60=1', 'cy/60=1']);
    });

    it('finds SQLs through the bypass and SQLs on thin evidence', () => {
        assert.deepEqual(aggregateFunnel(scenario(), window, NOW).compliance, [{ ownerId: 'ana', bypassSqls: 1, thinEvidenceSqls: 1 }]);
    });

    it('counts campaign members and rejected members by reason', () => {
        const data = aggregateFunnel(scenario(), window, NOW);
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
        const data = aggregateFunnel(scenario(), { ...window, teamManagerId: 'mgr' }, NOW);
        assert.deepEqual(totals(data).mqls, 8, 'Cy is in no team');
        assert.deepEqual(data.campaigns, [{ campaignId: 'C1', campaignName: 'Spring Webinar', members: 3 }]);
        assert.equal(data.campaignsOrgWide, false);
    });

    it('states the query rows the Apex would consume', () => {
        const data = aggregateFunnel(scenario(), window, NOW);
        // 2 guards + 4 owner names + 9 funnel + 5 speed + 1 bypass + 1 thin + 4 members + 2 rejected members.
        assert.equal(data.rowsUsed, 28);
    });

    it('refuses reversed and overlong windows the way the controller does', () => {
        assert.throws(
            () => aggregateFunnel(scenario(), { ...window, windowEnd: window.windowStart }, NOW),
            (e: unknown) => e instanceof FunnelRequestError && e.reason === 'order'
        );
        assert.throws(
            () => aggregateFunnel(scenario(), { windowStart: '2025-01-01', windowEnd: '2026-01-03', teamManagerId: null }, NOW),
            (e: unknown) => e instanceof FunnelRequestError && e.reason === 'span' && e.message === '366'
        );
    });

    it('lists teams with their active reports and marks the signed-in manager', () => {
        assert.deepEqual(teamOptions(users, 'mgr'), [{ managerId: 'mgr', name: 'Morgan Lee', reps: 2, mine: true }]);
    });

    it('indexes a set of records once and reuses the index', () => {
        const source = scenario();
        assert.equal(indexSource(source), indexSource(source));
        assert.notEqual(indexSource(source), indexSource(scenario()));
        assert.notEqual(indexSource(source), indexSource(source, { ...SQL_DEFINITION }), 'another definition means another index');
    });
});

describe('the live and snapshot paths at scale', () => {
    const org = emulatedOrg({ leads: 12_000, anchor: NOW });
    const year = windowFor('last365', '2026-05-14');

    it('counts a small window live and a year of 12,000 leads from the snapshot', () => {
        const month = aggregateFunnel(org, { windowStart: '2026-04-15', windowEnd: '2026-05-15', teamManagerId: null }, NOW);
        assert.equal(month.source, 'live');
        assert.ok(month.rowsUsed <= 45_000, `a live load stays under the row limit: ${month.rowsUsed}`);
        const data = aggregateFunnel(org, { windowStart: year.start, windowEnd: year.end, teamManagerId: null }, NOW);
        const mqls = totals(data).mqls;
        assert.equal(data.source, 'snapshot');
        assert.ok(4 * mqls > LIVE_ROW_BUDGET, 'the worst case of the live queries would not fit');
        assert.deepEqual([data.windowStart, data.windowEnd], ['2025-05-01', '2026-06-01'], 'whole months');
        assert.equal(data.asOf, '2026-05-14T02:00:00.000Z', 'the last nightly run');
        assert.ok(data.rowsUsed < 45_000, `the snapshot read stays under the row limit: ${data.rowsUsed}`);
    });

    it('returns rows by group, not by lead', () => {
        const data = aggregateFunnel(org, { windowStart: year.start, windowEnd: year.end, teamManagerId: null }, NOW);
        const rows =
            data.funnel.length + data.speed.length + data.compliance.length + data.campaigns.length + data.campaignRejections.length;
        assert.ok(rows < 4_000, `${rows} rows for 12,000 leads`);
    });

    it('keeps snapshot campaigns org-wide when a team is chosen, and says so', () => {
        // Four teams: one team's year needs the snapshot only once the org holds some 50,000 leads.
        const big = emulatedOrg({ leads: 50_000, anchor: NOW });
        const manager = String(big.users[0]!.Id);
        const all = aggregateFunnel(big, { windowStart: year.start, windowEnd: year.end, teamManagerId: null }, NOW);
        const team = aggregateFunnel(big, { windowStart: year.start, windowEnd: year.end, teamManagerId: manager }, NOW);
        assert.equal(team.source, 'snapshot');
        assert.equal(team.campaignsOrgWide, true);
        assert.deepEqual(team.campaigns, all.campaigns);
        assert.ok(totals(team).mqls < totals(all).mqls);
    });
});

describe('the registered Apex handlers', () => {
    const ctx = (source: FunnelSource, userId = 'mgr'): ApexContext => ({
        user: { id: userId, name: 'Morgan Lee', permissionSets: ['LeadGate_Manager'], customPermissions: new Set() },
        now: NOW,
        records: (type) =>
            ({
                Lead: [...source.leads],
                User: source.users,
                Campaign: source.campaigns,
                CampaignMember: source.campaignMembers,
                Opportunity: source.opportunities
            })[type] ?? []
    });

    it('answers getFunnel, getTeams and getDrillDownReports', async () => {
        assert.ok(apexRegistry.has('LeadGateDashboardController.getFunnel'));
        const funnel = await apexRegistry.call('LeadGateDashboardController.getFunnel', window, ctx(scenario()));
        assert.equal(funnel.status, 200);
        assert.equal(totals(funnel.body as FunnelData).mqls, 9);
        const teams = await apexRegistry.call('LeadGateDashboardController.getTeams', {}, ctx(scenario()));
        assert.deepEqual(teams, { status: 200, body: [{ managerId: 'mgr', name: 'Morgan Lee', reps: 2, mine: true }] });
        assert.deepEqual(await apexRegistry.call('LeadGateDashboardController.getDrillDownReports', {}, ctx(scenario())), {
            status: 200,
            body: {}
        });
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
        const source: FunnelSource = {
            leads: store.records('Lead'),
            users: store.records('User'),
            campaigns: store.records('Campaign'),
            campaignMembers: store.records('CampaignMember'),
            opportunities: store.records('Opportunity')
        };
        const labels = readProjectMetadata(ROOT).labels;
        const text = Object.fromEntries(
            Object.entries(COACHING_TEXT_LABELS).map(([key, name]) => [key, labels.get(name) ?? ''])
        ) as unknown as CoachingText;
        const last180 = windowFor('last180', NOW.toISOString().slice(0, 10));
        const data = aggregateFunnel(source, { windowStart: last180.start, windowEnd: last180.end, teamManagerId: null }, NOW);
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
