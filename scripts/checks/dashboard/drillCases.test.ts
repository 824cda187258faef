/**
 * The drill-down lead list's case table (data/drill-cases.json) played against the preview's handler of
 * LeadGateDrillDownController.getLeads (preview/server/soql/drillList.ts over the generated LeadGateDrillQueries.cls):
 * each case's count of leads, the generated texts its query joins, or its refusal. LeadGateDrillDownCases_Tests plays
 * the same table in the org (never run in an org by this project: only an org proves the Apex half).
 *
 * Planted faults (a handler that ignores the team permission, one that drops a cut, a class whose "other" text lost its
 * != NULL) must each make the table fail. The generated texts are also checked against c/drillDown for every count, owner
 * scope and cut shape the class holds: head + cuts + tail is drillListQuery's text, and its WHERE is drillQuery's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { drillCutKinds, drillDimensions, drillDowns, drillListQuery, drillQuery, type Dimension, type DrillScope } from 'c/drillDown';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { loadSchema } from '../verify-apex/schema.ts';
import { apexQueries } from '../../../preview/server/soql/apexQueries.ts';
import { DrillRefusal, getDrillLeads, type DrillLeadsRequest } from '../../../preview/server/soql/drillList.ts';
import { DRILL_QUERIES_FILE, parseDrillQueries, type DrillQueryClass } from '../../../preview/server/soql/drillQueries.ts';
import { Governor } from '../../../preview/server/soql/governor.ts';
import { recordsOrg } from '../../../preview/server/soql/org.ts';
import type { SoqlRecord } from '../../../preview/server/soql/evaluator.ts';
import type { RunnerEnv } from '../../../preview/server/soql/dashboardRunner.ts';

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA = loadSchema(ROOT);
const QUERIES = apexQueries(ROOT);
const SOURCE = readFileSync(join(ROOT, DRILL_QUERIES_FILE), 'utf8');
const CLASS = parseDrillQueries(SOURCE);

interface Case {
    name: string;
    user: 'manager' | 'Ana';
    drill: string;
    window: { startDays: number; endDays: number };
    team: string | null;
    owner: string | null;
    cuts: Array<{ dimension: string; value: string | null }>;
    leads: Array<{ owner: string; source: string | null }>;
    expected: { leads?: number; head?: string; cuts?: string[]; error?: string; errorValues?: Array<string | number> };
}
const TABLE = JSON.parse(readFileSync(join(ROOT, 'data', 'drill-cases.json'), 'utf8')) as { cases: Case[] };

const NOW = new Date('2026-05-14T12:00:00.000Z');
const day = (offset: number): string => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
/** The case table's users, with User Ids; notAUser is a Lead-shaped Id. */
const IDS: Record<string, string> = {
    manager: '005CASE00000MGR',
    Ana: '005CASE00000ANA',
    Ben: '005CASE00000BEN',
    Cy: '005CASE000000CY',
    notAUser: '00QCASE00000001'
};
const USERS: SoqlRecord[] = [
    { Id: IDS.manager, Name: 'Manager', ManagerId: null, IsActive: true },
    { Id: IDS.Ana, Name: 'Ana', ManagerId: IDS.manager, IsActive: true },
    { Id: IDS.Ben, Name: 'Ben', ManagerId: IDS.manager, IsActive: true },
    { Id: IDS.Cy, Name: 'Cy', ManagerId: null, IsActive: true }
];

type Handler = typeof getDrillLeads;

/** Plays one case through `handler` over `q`; returns what it found or refused, and the query text it ran. */
function play(c: Case, handler: Handler = getDrillLeads, q: DrillQueryClass = CLASS) {
    const yesterdayNoon = new Date(NOW.getTime() - 86_400_000).toISOString();
    const leads: SoqlRecord[] = c.leads.map((l, i) => ({
        Id: `00QCASE${String(i).padStart(8, '0')}`,
        Name: `Lead ${i}`,
        OwnerId: IDS[l.owner]!,
        LeadSource: l.source,
        MQL_At__c: yesterdayNoon,
        CreatedDate: yesterdayNoon
    }));
    const org = recordsOrg(SCHEMA, (type) => (type === 'Lead' ? leads : type === 'User' ? USERS : []));
    const env: RunnerEnv = {
        org,
        queries: QUERIES,
        governor: new Governor(),
        now: NOW,
        userId: IDS[c.user]!,
        ownLeadsOnly: c.user !== 'manager'
    };
    const request: DrillLeadsRequest = {
        drill: c.drill,
        windowStart: day(c.window.startDays),
        windowEnd: day(c.window.endDays),
        teamManagerId: c.team ? IDS[c.team]! : null,
        ownerId: c.owner ? IDS[c.owner]! : null,
        cutDimensions: c.cuts.map((x) => x.dimension),
        cutValues: c.cuts.map((x) => x.value)
    };
    let ran = '';
    try {
        const result = handler(request, env, q, (soql) => (ran = soql));
        return { leads: result.rows.length, ran, refusal: null };
    } catch (error) {
        if (error instanceof DrillRefusal) return { leads: null, ran, refusal: { label: error.label, values: [...error.values] } };
        throw error;
    }
}

/** What a case's outcome breaks of its expectation (empty: none). */
function mismatches(c: Case, outcome: ReturnType<typeof play>, q: DrillQueryClass = CLASS): string[] {
    const e = c.expected;
    if (e.error) {
        if (!outcome.refusal) return [`${c.name}: expected the refusal ${e.error}, got ${outcome.leads} leads`];
        const wrong: string[] = [];
        if (outcome.refusal.label !== e.error) wrong.push(`${c.name}: refused with ${outcome.refusal.label}, not ${e.error}`);
        if (JSON.stringify(outcome.refusal.values) !== JSON.stringify(e.errorValues ?? []))
            wrong.push(`${c.name}: refusal values ${JSON.stringify(outcome.refusal.values)}`);
        return wrong;
    }
    if (outcome.refusal) return [`${c.name}: refused with ${outcome.refusal.label}`];
    const object = q.objects.get(c.drill)!;
    const expectedQuery = `${q.heads.get(e.head!)}${(e.cuts ?? []).map((k) => q.cuts.get(k)).join('')}${q.tails.get(object)}`;
    const wrong: string[] = [];
    if (outcome.leads !== e.leads) wrong.push(`${c.name}: ${outcome.leads} leads, not ${e.leads}`);
    if (outcome.ran !== expectedQuery) wrong.push(`${c.name}: ran ${outcome.ran}`);
    return wrong;
}

const failures = (handler: Handler = getDrillLeads, q: DrillQueryClass = CLASS): string[] =>
    TABLE.cases.flatMap((c) => mismatches(c, play(c, handler, q), q));

describe('the drill-down lead list case table (data/drill-cases.json)', () => {
    it('covers every refusal label and each owner scope', () => {
        const labels = new Set(TABLE.cases.map((c) => c.expected.error).filter(Boolean));
        for (const label of ['LG_Drill_Error_Count', 'LG_Drill_Error_Owner', 'LG_Drill_Error_Cuts', 'LG_Drill_Error_Cut'])
            assert.ok(labels.has(label), label);
        const heads = new Set(TABLE.cases.map((c) => c.expected.head?.replace(/^[^|]+/, '')).filter((h) => h !== undefined));
        assert.deepEqual([...heads].sort(), ['', '|rep', '|team', '|team|rep']);
    });

    for (const c of TABLE.cases)
        it(`${c.name}: ${c.expected.error ? `refused with ${c.expected.error}` : `${c.expected.leads} leads`}`, () => {
            assert.deepEqual(mismatches(c, play(c)), []);
        });

    it('fails on a planted handler that ignores the team permission (a rep sees another rep)', () => {
        const ignoring: Handler = (request, env, q, last) => getDrillLeads(request, { ...env, ownLeadsOnly: false }, q, last);
        assert.ok(
            failures(ignoring).some((f) => f.startsWith('rep-sees-own-leads-only:')),
            'the own-leads case fails'
        );
    });

    it('fails on a planted handler that drops the second cut', () => {
        const dropping: Handler = (request, env, q, last) =>
            getDrillLeads(
                { ...request, cutDimensions: request.cutDimensions.slice(0, 1), cutValues: request.cutValues.slice(0, 1) },
                env,
                q,
                last
            );
        const found = failures(dropping);
        assert.ok(
            found.some((f) => f.startsWith('two-cuts:')),
            found.join('\n')
        );
    });

    it('fails on a planted class whose "other" condition lost its != NULL (NOT IN keeps blank stamps)', () => {
        const planted = parseDrillQueries(SOURCE.replace(/([\w.]+) != NULL AND \1 NOT IN/g, '$1 NOT IN'));
        assert.notEqual(planted.cuts.get('Lead|segment:size|other|0'), CLASS.cuts.get('Lead|segment:size|other|0'), 'the fault is planted');
        const found = failures(getDrillLeads, planted);
        assert.ok(
            found.some((f) => f.startsWith('segment-other:')),
            found.join('\n')
        );
    });
});

describe('the generated drill-down texts are c/drillDown', () => {
    const window = { start: '2026-04-01', end: '2026-05-01' };
    it('head + cuts + tail of every count, owner scope and cut is drillListQuery, and its WHERE is drillQuery', () => {
        let compared = 0;
        for (const drill of drillDowns(SQL_DEFINITION)) {
            const dims = drillDimensions(drill, SQL_DEFINITION);
            const values = (dimension: Dimension) =>
                drillCutKinds(dimension).map((kind) => {
                    const segment = SQL_DEFINITION.segments.find((s) => `segment:${s.key}` === dimension);
                    const value =
                        kind === 'blank'
                            ? null
                            : kind === 'unknown'
                              ? segment!.unknown
                              : kind === 'other'
                                ? segment!.other
                                : segment
                                  ? [...CLASS.cutValues.get(dimension)!].find((v) => v !== segment.unknown && v !== segment.other)!
                                  : dimension === 'campaign'
                                    ? '701000000000001AAA'
                                    : 'Web';
                    return { kind, cut: { dimension, value } };
                });
            const shapes: Array<Array<{ kind: string; cut: DrillScope['cuts'][number] }>> = [[]];
            for (const a of dims) for (const va of values(a)) shapes.push([va]);
            for (const a of dims) for (const b of dims) if (a !== b) for (const va of values(a)) shapes.push([va, values(b)[0]!]);
            for (const team of [false, true])
                for (const rep of [false, true])
                    for (const shape of shapes) {
                        const scope: DrillScope = {
                            window,
                            team: team ? { managerId: IDS.manager!, repNames: [] } : null,
                            rep: rep ? { id: IDS.Ana!, name: 'Ana' } : null,
                            cuts: shape.map((s) => s.cut)
                        };
                        const head = CLASS.heads.get([drill.key, ...(team ? ['team'] : []), ...(rep ? ['rep'] : [])].join('|'));
                        const cuts = shape.map((s, i) => CLASS.cuts.get(`${drill.object}|${s.cut.dimension}|${s.kind}|${i}`));
                        assert.ok(head && cuts.every((x) => x !== undefined), `${drill.key}: every text is generated`);
                        const joined = `${head}${cuts.join('')}${CLASS.tails.get(drill.object)}`;
                        assert.equal(joined, drillListQuery(drill, scope, SQL_DEFINITION));
                        const where = (soql: string) => soql.slice(soql.indexOf(' WHERE ')).replace(/ ORDER BY .*$/, '');
                        assert.equal(where(joined), where(drillQuery(drill, scope, SQL_DEFINITION).soql));
                        compared++;
                    }
        }
        assert.ok(compared > 1000, `${compared} shapes compared`);
    });
});
