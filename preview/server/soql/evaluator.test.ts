/**
 * The SOQL evaluator: the semantics the dashboard's queries rely on, user mode, and the governor limits, each limit
 * shown to fail the way the platform fails. The planted faults: an alias typo in the generated query table, an
 * aggregate read in a for loop past 2,000 rows, a window past 50,000 query rows, the 101st query, a misspelt field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AliasError, dashboardQueries, funnelDataOf, renderedQueries, type QuerySpec } from 'c/dashboardQueries';
import { loadSchema } from '../../../scripts/checks/verify-apex/schema.ts';
import { apexQueries } from './apexQueries.ts';
import { DashboardRefusal, getFunnel, type RunnerEnv } from './dashboardRunner.ts';
import { runSoql, type SoqlRecord } from './evaluator.ts';
import { Governor, LimitException, QueryException } from './governor.ts';
import { recordsOrg, userAccess } from './org.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SCHEMA = loadSchema(ROOT);
const NOW = new Date('2026-05-14T12:00:00.000Z');

const users: SoqlRecord[] = [
    { Id: '005A', Name: 'Morgan Lee', ManagerId: null, IsActive: true },
    { Id: '005B', Name: 'Ana Reyes', ManagerId: '005A', IsActive: true },
    { Id: '005C', Name: 'Ben Okafor', ManagerId: '005A', IsActive: false }
];
const groups: SoqlRecord[] = [{ Id: '00GQ', Name: 'Inbound Queue' }];
const leads: SoqlRecord[] = [
    {
        Id: '00Q1',
        OwnerId: '005B',
        LeadSource: 'Web',
        MQL_At__c: '2026-05-13T10:00:00.000Z',
        Budget_Evidence__c: 'short',
        Fit_Score__c: 40
    },
    {
        Id: '00Q2',
        OwnerId: '005B',
        LeadSource: 'web',
        MQL_At__c: '2026-05-01T10:00:00.000Z',
        Budget_Evidence__c: 'x'.repeat(45),
        Fit_Score__c: 80
    },
    { Id: '00Q3', OwnerId: '005C', LeadSource: 'Event', MQL_At__c: '2026-03-01T10:00:00.000Z', Budget_Evidence__c: '', Fit_Score__c: null },
    { Id: '00Q4', OwnerId: '00GQ', LeadSource: null, MQL_At__c: null, Budget_Evidence__c: '50%_off', Fit_Score__c: 10 }
];
const members: SoqlRecord[] = [
    { Id: '00v1', LeadId: '00Q1', CampaignId: '701A' },
    { Id: '00v2', LeadId: '00Q2', CampaignId: '701A' },
    { Id: '00v3', LeadId: '00Q4', CampaignId: '701B' }
];
const campaigns: SoqlRecord[] = [
    { Id: '701A', Name: 'Spring Webinar' },
    { Id: '701B', Name: 'Trade Show' }
];
const tables: Record<string, readonly SoqlRecord[]> = {
    Lead: leads,
    User: users,
    Group: groups,
    CampaignMember: members,
    Campaign: campaigns
};
const org = recordsOrg(SCHEMA, (type) => tables[type] ?? []);

const run = (soql: string, binds: Record<string, unknown> = {}, governor = new Governor()) =>
    runSoql(soql, { org, governor, binds, now: NOW });
const ids = (soql: string, binds?: Record<string, unknown>): string[] => run(soql, binds).rows.map((r) => String(r.Id));

describe('SOQL semantics', () => {
    it('filters with binds, IN, NULL, AND/OR/NOT and parentheses', () => {
        assert.deepEqual(ids("SELECT Id FROM Lead WHERE LeadSource = 'WEB'"), ['00Q1', '00Q2'], 'text compares without case');
        assert.deepEqual(ids('SELECT Id FROM Lead WHERE OwnerId IN :owners', { owners: new Set(['005C', '00GQ']) }), ['00Q3', '00Q4']);
        assert.deepEqual(ids("SELECT Id FROM Lead WHERE LeadSource NOT IN ('Web', 'Event')"), ['00Q4'], 'a null is not in any list');
        assert.deepEqual(ids('SELECT Id FROM Lead WHERE Budget_Evidence__c = NULL'), ['00Q3'], 'blank text is null');
        assert.deepEqual(ids("SELECT Id FROM Lead WHERE (LeadSource = 'Event' OR LeadSource = NULL) AND (NOT OwnerId = '00GQ')"), ['00Q3']);
        assert.throws(() => run("SELECT Id FROM Lead WHERE LeadSource = 'Web' AND OwnerId = '005B' OR Id = '00Q3'"), /mix AND and OR/);
        assert.throws(() => run('SELECT Id FROM Lead WHERE OwnerId = :missing'), /Variable does not exist: missing/);
    });

    it('semi-joins: Id IN (SELECT LeadId FROM CampaignMember ...), with binds, as the platform places and counts them', () => {
        const member = 'Id IN (SELECT LeadId FROM CampaignMember WHERE CampaignId = :campaignId)';
        const campaign = `SELECT Id FROM Lead WHERE ${member}`;
        assert.deepEqual(ids(campaign, { campaignId: '701A' }), ['00Q1', '00Q2']);
        assert.deepEqual(ids(campaign.replace(' IN (', ' NOT IN ('), { campaignId: '701A' }), ['00Q3', '00Q4'], 'an anti-join');
        const governor = new Governor();
        const counted = run(
            'SELECT COUNT(Id) n FROM Lead WHERE LeadSource != NULL AND Id IN (SELECT LeadId FROM CampaignMember WHERE CampaignId = :c)',
            { c: '701A' },
            governor
        );
        assert.deepEqual(counted.rows, [{ n: 2 }]);
        assert.equal(governor.queryRows, 2, "the subquery's three members read are not query rows");
        assert.equal(governor.soqlQueries, 1, 'nor a query of their own');
        assert.throws(
            () => run(`SELECT Id FROM Lead WHERE LeadSource = 'Event' OR ${member}`, { campaignId: '701A' }),
            /not allowed with the 'OR' operator/
        );
        assert.throws(
            () => run(`SELECT Id FROM Lead WHERE LeadSource = 'Event' AND (${member})`, { campaignId: '701A' }),
            /only allowed at the top level/
        );
        assert.deepEqual(
            ids(`SELECT Id FROM Lead WHERE (LeadSource = 'Event' OR LeadSource = 'Web') AND ${member}`, {
                campaignId: '701A'
            }),
            ['00Q1', '00Q2'],
            'an OR in another group beside a top-level semi-join is allowed'
        );
        assert.throws(
            () => run("SELECT Id FROM Lead WHERE Id IN (SELECT Name FROM Campaign WHERE Name = 'x')"),
            /selects an Id or reference field/
        );
    });

    it('compares date-times as instants, with binds and date literals', () => {
        const window = { startAt: new Date('2026-05-01T00:00:00Z'), endAt: new Date('2026-05-14T00:00:00Z') };
        assert.deepEqual(ids('SELECT Id FROM Lead WHERE MQL_At__c >= :startAt AND MQL_At__c < :endAt', window), ['00Q1', '00Q2']);
        assert.deepEqual(ids('SELECT Id FROM Lead WHERE MQL_At__c = LAST_N_DAYS:7'), ['00Q1']);
        assert.deepEqual(ids('SELECT Id FROM Lead WHERE MQL_At__c < THIS_MONTH'), ['00Q3']);
        assert.deepEqual(ids('SELECT Id FROM Lead WHERE MQL_At__c > 2026-04-30T23:59:59Z'), ['00Q1', '00Q2']);
    });

    it('matches LIKE as SOQL does: _ is one character, % any run, a backslash escapes', () => {
        assert.deepEqual(ids(`SELECT Id FROM Lead WHERE Budget_Evidence__c LIKE '${'_'.repeat(40)}%'`), ['00Q2']);
        // SOQL is two-valued: a comparison with a null field is false, so NOT of it is true (as != keeps nulls).
        assert.deepEqual(ids(`SELECT Id FROM Lead WHERE (NOT Budget_Evidence__c LIKE '${'_'.repeat(40)}%')`), ['00Q1', '00Q3', '00Q4']);
        assert.deepEqual(ids("SELECT Id FROM Lead WHERE LeadSource != 'Web'"), ['00Q3', '00Q4']);
        assert.deepEqual(ids("SELECT Id FROM Lead WHERE Budget_Evidence__c LIKE '50\\%\\_%'"), ['00Q4']);
    });

    it('follows relationships, polymorphic ones too', () => {
        const rows = run('SELECT Id, Lead.Owner.Name, Campaign.Name FROM CampaignMember ORDER BY Lead.Owner.Name DESC').rows;
        assert.deepEqual(
            rows.map((r) => [r.Id, r.Name]),
            [
                ['00v3', 'Trade Show'],
                ['00v1', 'Spring Webinar'],
                ['00v2', 'Spring Webinar']
            ],
            'ordered by the owner through two hops (a queue, then a user); an unaliased path is keyed by its last name'
        );
        assert.deepEqual(
            run('SELECT Lead.Owner.Name owner, COUNT(Id) n FROM CampaignMember GROUP BY Lead.Owner.Name ORDER BY Lead.Owner.Name').rows,
            [
                { owner: 'Ana Reyes', n: 2 },
                { owner: 'Inbound Queue', n: 1 }
            ]
        );
    });

    it('groups by DAY_ONLY, CALENDAR_MONTH and CALENDAR_YEAR of a date-time, in UTC; a blank date-time is its own group', () => {
        const byDay = run('SELECT DAY_ONLY(MQL_At__c) d, COUNT(Id) n FROM Lead GROUP BY DAY_ONLY(MQL_At__c) ORDER BY MQL_At__c').rows;
        assert.deepEqual(
            byDay.map((r) => [r.d, r.n]),
            [
                [null, 1],
                ['2026-03-01', 1],
                ['2026-05-01', 1],
                ['2026-05-13', 1]
            ]
        );
        const byMonth = run(
            'SELECT CALENDAR_YEAR(MQL_At__c) y, CALENDAR_MONTH(MQL_At__c) m, COUNT(Id) n FROM Lead WHERE MQL_At__c != NULL GROUP BY CALENDAR_YEAR(MQL_At__c), CALENDAR_MONTH(MQL_At__c)'
        ).rows;
        assert.deepEqual(byMonth.map((r) => [r.y, r.m, r.n]).sort(), [
            [2026, 3, 1],
            [2026, 5, 2]
        ]);
        assert.throws(
            () => run('SELECT DAY_ONLY(MQL_At__c) d, COUNT(Id) n FROM Lead GROUP BY OwnerId'),
            /must be grouped or aggregated: DAY_ONLY/
        );
        assert.throws(() => run('SELECT DAY_ONLY(LeadSource) d, COUNT(Id) n FROM Lead GROUP BY DAY_ONLY(LeadSource)'), /datetime field/);
        assert.throws(
            () => run('SELECT WEEK_IN_MONTH(MQL_At__c) w, COUNT(Id) n FROM Lead GROUP BY WEEK_IN_MONTH(MQL_At__c)'),
            /not supported/
        );
    });

    it('aggregates: COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX; one row without GROUP BY; LIMIT', () => {
        const [row] = run(
            'SELECT COUNT(Id) n, COUNT(Fit_Score__c) scored, COUNT_DISTINCT(OwnerId) owners, SUM(Fit_Score__c) total, AVG(Fit_Score__c) mean, MIN(MQL_At__c) earliest, MAX(Fit_Score__c) best FROM Lead'
        ).rows;
        assert.deepEqual(row, { n: 4, scored: 3, owners: 3, total: 130, mean: 130 / 3, earliest: '2026-03-01T10:00:00.000Z', best: 80 });
        assert.deepEqual(run("SELECT COUNT(Id) n FROM Lead WHERE LeadSource = 'None'").rows, [{ n: 0 }]);
        assert.equal(run('SELECT COUNT() FROM Lead LIMIT :cap', { cap: 2 }).count, 2);
        assert.equal(run('SELECT Id FROM Lead ORDER BY Fit_Score__c DESC LIMIT 1').rows[0]!.Id, '00Q2');
        assert.throws(
            () => run('SELECT OwnerId, COUNT(Id) n FROM Lead GROUP BY LeadSource'),
            /Field must be grouped or aggregated: OwnerId/
        );
    });
});

describe('user mode', () => {
    const access = (objects: string[], fields: string[]) =>
        userAccess({
            object: (name) => ({ read: objects.includes(name) }),
            canRead: (o, f) => objects.includes(o) && fields.includes(`${o}.${f}`)
        });
    const asUser = (soql: string, objects: string[], fields: string[] = []) =>
        runSoql(soql, { org, governor: new Governor(), accessLevel: 'USER_MODE', access: access(objects, fields), now: NOW });

    it("refuses an object the user cannot read, and a field without field-level security, in the platform's words", () => {
        assert.throws(() => asUser('SELECT COUNT() FROM Lead', []), /System\.QueryException: sObject type 'Lead' is not supported\./);
        assert.throws(
            () => asUser('SELECT COUNT() FROM Lead WHERE MQL_At__c != NULL', ['Lead']),
            /No such column 'MQL_At__c' on entity 'Lead'/
        );
        assert.equal(asUser('SELECT COUNT() FROM Lead WHERE MQL_At__c != NULL', ['Lead'], ['Lead.MQL_At__c']).count, 3);
        assert.throws(() => asUser('SELECT Campaign.Name FROM CampaignMember', ['Lead']), /sObject type 'CampaignMember' is not supported/);
        assert.equal(asUser('SELECT Campaign.Name FROM CampaignMember', ['Lead', 'Campaign']).rows.length, 3);
    });

    it("reads a field required in its metadata with the object (the review's Lead__c), other custom fields only with FLS", () => {
        const reviewOrg = recordsOrg(SCHEMA, (type) =>
            type === 'LeadGate_Evidence_Review__c' ? [{ Id: 'a0R1', Lead__c: '00Q1', Outcome__c: 'Coach' }] : []
        );
        const permissions = {
            object: (name: string) => ({ read: name === 'LeadGate_Evidence_Review__c' }),
            canRead: () => false
        };
        const reviews = (soql: string, schema: typeof SCHEMA | undefined = SCHEMA) =>
            runSoql(soql, {
                org: reviewOrg,
                governor: new Governor(),
                accessLevel: 'USER_MODE',
                access: userAccess(permissions, schema),
                now: NOW
            });
        assert.equal(reviews('SELECT COUNT_DISTINCT(Lead__c) n FROM LeadGate_Evidence_Review__c').rows[0]!.n, 1);
        assert.throws(
            () => reviews('SELECT Outcome__c FROM LeadGate_Evidence_Review__c'),
            /No such column 'Outcome__c' on entity 'LeadGate_Evidence_Review__c'/
        );
        // Planted: without the schema's required flag the required field is refused like any other.
        assert.throws(
            () => reviews('SELECT COUNT_DISTINCT(Lead__c) n FROM LeadGate_Evidence_Review__c', { ...SCHEMA, objects: new Map() }),
            /No such column 'Lead__c'/
        );
    });

    it('enforces WITH USER_MODE written in the query, and reads everything in system mode', () => {
        const soql = 'SELECT COUNT() FROM Lead WITH USER_MODE';
        assert.throws(() => runSoql(soql, { org, governor: new Governor(), access: access([], []), now: NOW }), /not supported/);
        assert.equal(runSoql('SELECT COUNT() FROM Lead', { org, governor: new Governor(), access: access([], []), now: NOW }).count, 4);
    });
});

describe('governor limits, failing as the platform fails', () => {
    it('throws on the 101st SOQL query of a transaction', () => {
        const governor = new Governor();
        for (let i = 0; i < 100; i++) run('SELECT COUNT() FROM Lead LIMIT 1', {}, governor);
        assert.throws(
            () => run('SELECT COUNT() FROM Lead LIMIT 1', {}, governor),
            (e: unknown) => {
                return e instanceof LimitException && e.message === 'System.LimitException: Too many SOQL queries: 101';
            }
        );
    });

    it('counts every row an aggregate reads, and every row a COUNT() counts, against the 50,000 query rows', () => {
        const governor = new Governor();
        run('SELECT OwnerId, COUNT(Id) n FROM Lead GROUP BY OwnerId', {}, governor);
        assert.equal(governor.queryRows, 4, 'four leads aggregated into three rows count four');
        run('SELECT COUNT() FROM Lead LIMIT 3', {}, governor);
        assert.equal(governor.queryRows, 7);
    });

    const bigOrg = (count: number, owners: number) => {
        const many: SoqlRecord[] = Array.from({ length: count }, (_, i) => ({
            Id: `00Q${i}`,
            OwnerId: `005${i % owners}`,
            MQL_At__c: '2026-05-10T10:00:00.000Z'
        }));
        return recordsOrg(SCHEMA, (type) => (type === 'Lead' ? many : []));
    };
    const funnel = renderedQueries().find((q) => q.name === 'FUNNEL')!.soql;
    const window = { startAt: new Date('2026-05-01T00:00:00Z'), endAt: new Date('2026-05-14T00:00:00Z') };

    it('planted: the funnel query over 50,001 leads of one window throws Too many query rows: 50001', () => {
        assert.throws(
            () => runSoql(funnel, { org: bigOrg(50_001, 10), governor: new Governor(), binds: window }),
            (e: unknown) => e instanceof LimitException && e.message === 'System.LimitException: Too many query rows: 50001'
        );
    });

    it('planted: the funnel grouped into 2,001 rows throws in a SOQL for loop; the Apex assigns it to a list, which holds it', () => {
        const wide = bigOrg(2_001, 2_001);
        assert.throws(
            () => runSoql(funnel, { org: wide, governor: new Governor(), binds: window, forLoop: true }),
            (e: unknown) =>
                e instanceof QueryException &&
                e.message ===
                    'System.UnexpectedException: Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch'
        );
        const governor = new Governor();
        assert.equal(runSoql(funnel, { org: wide, governor, binds: window }).rows.length, 2_001);
        assert.equal(governor.largestAggregateRows, 2_001);
    });

    it('estimates the heap of the rows a transaction holds and throws past 6 MB', () => {
        const wide = bigOrg(40_000, 40_000);
        assert.throws(
            () => {
                const governor = new Governor();
                for (let i = 0; i < 2; i++) runSoql('SELECT Id, OwnerId, MQL_At__c FROM Lead', { org: wide, governor });
            },
            (e: unknown) => e instanceof LimitException && /^System\.LimitException: Apex heap size too large: \d+$/.test(e.message)
        );
    });

    it('the controller guard keeps a window too large to count live off the live queries', () => {
        const env: RunnerEnv = { org: bigOrg(50_001, 10), queries: apexQueries(ROOT), governor: new Governor(), now: NOW, userId: '005A' };
        assert.throws(
            () => getFunnel({ windowStart: '2026-05-01', windowEnd: '2026-05-14', teamManagerId: null }, env),
            (e: unknown) => e instanceof DashboardRefusal && e.label === 'LG_Dash_Error_TooLarge'
        );
        assert.ok(env.governor.queryRows < 50_000, `the guard counts stopped at their caps: ${env.governor.queryRows}`);
    });
});

describe('planted faults in the generated query table', () => {
    const scenarioEnv = (specs: QuerySpec[], apexAliasesFromTable = true): RunnerEnv => {
        const planted = renderedQueries(undefined, specs);
        const honest = renderedQueries();
        return {
            org,
            queries: new Map(planted.map((q) => [q.name, q.soql])),
            aliases: new Map((apexAliasesFromTable ? planted : honest).map((q) => [q.name, q.aliases])),
            governor: new Governor(),
            now: NOW,
            userId: '005A'
        };
    };
    const rename = (from: string, to: string): QuerySpec[] =>
        dashboardQueries().map((q) =>
            q.name === 'FUNNEL' ? { ...q, select: q.select.map((c) => (c.alias === from ? { ...c, alias: to } : c)) } : q
        );
    const request = { windowStart: '2026-05-01', windowEnd: '2026-05-14', teamManagerId: null };

    it('an alias typo in the table reaches the reader, which refuses it in the platform words', () => {
        const response = getFunnel(request, scenarioEnv(rename('reasonKey', 'reasonKeyKey')));
        assert.throws(
            () => funnelDataOf(response),
            (e: unknown) =>
                e instanceof AliasError &&
                e.message === 'System.SObjectException: Invalid field reasonKey for AggregateResult (query FUNNEL)'
        );
    });

    it('a select list that disagrees with the alias list fails the run as the org fails result.get(alias)', () => {
        assert.throws(
            () => getFunnel(request, scenarioEnv(rename('reasonKey', 'reasonKeyKey'), false)),
            (e: unknown) =>
                e instanceof QueryException && e.message === 'System.SObjectException: Invalid field reasonKey for AggregateResult'
        );
    });

    it('a misspelt field in the table fails like the org: No such column', () => {
        const specs = dashboardQueries().map((q) =>
            q.name === 'FUNNEL'
                ? { ...q, select: q.select.map((c) => (c.field === 'Rejection_Reason__c' ? { ...c, field: 'Rejection_Reasn__c' } : c)) }
                : q
        );
        assert.throws(() => getFunnel(request, scenarioEnv(specs)), /No such column 'Rejection_Reasn__c' on entity 'Lead'/);
    });
});

describe('range hints (the index on MQL_At__c)', () => {
    it('an org that serves the range from its sorted index answers exactly as a full scan', () => {
        const many: SoqlRecord[] = Array.from({ length: 6_000 }, (_, i) => ({
            Id: `00Q${i}`,
            OwnerId: `005${i % 7}`,
            MQL_At__c: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 6_000) * 3_600_000).toISOString(),
            Rejected_At__c: i % 3 ? null : '2026-02-01T00:00:00.000Z',
            Rejection_Reason__c: i % 3 ? null : 'Poor Fit'
        }));
        const memberRecords: SoqlRecord[] = many
            .filter((_, i) => i % 2)
            .map((l, i) => ({ Id: `00v${i}`, LeadId: l.Id, CampaignId: '701A' }));
        const source = (type: string): readonly SoqlRecord[] =>
            ({ Lead: many, CampaignMember: memberRecords, Campaign: campaigns })[type] ?? [];
        const indexed = recordsOrg(SCHEMA, source);
        const plain = recordsOrg(SCHEMA, source);
        const fullScan = { ...plain, records: (type: string) => plain.records(type) };
        const binds = { startAt: new Date('2026-03-01T00:00:00Z'), endAt: new Date('2026-05-01T00:00:00Z') };
        for (const q of renderedQueries().filter((r) => ['FUNNEL', 'CAMPAIGN_REJECTIONS', 'MQL_COUNT'].includes(r.name))) {
            const a = runSoql(q.soql, { org: indexed, governor: new Governor(), binds: { ...binds, cap: 100_000 } });
            const b = runSoql(q.soql, { org: fullScan, governor: new Governor(), binds: { ...binds, cap: 100_000 } });
            const sorted = (rows: object[]): string[] => rows.map((r) => JSON.stringify(r)).sort();
            assert.deepEqual(sorted(a.rows), sorted(b.rows), `${q.name} (no ORDER BY: the same rows, in any order)`);
            assert.equal(a.count, b.count, q.name);
            assert.equal(a.rowsCounted, b.rowsCounted, q.name);
            assert.ok(a.rowsCounted > 0, `${q.name} found rows in the window`);
        }
    });
});
