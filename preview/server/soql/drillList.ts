/**
 * The preview's LeadGateDrillDownController.getLeads: the same thin shell as the Apex, over the strings of the
 * generated class LeadGateDrillQueries.cls (drillQueries.ts). It checks the request against the generated maps, joins
 * head + cut conditions + tail, runs it through the SOQL evaluator in user mode with one transaction's governor, and
 * returns the rows shaped as the platform serializes SObjects (Owner.Name -> { Owner: { Name } }). Like getFunnel, a
 * user without LeadGate_View_Team_Funnels gets only the leads they own. Every branch is held by data/drill-cases.json,
 * which LeadGateDrillDownCases_Tests replays in the org.
 */
import { MAX_WINDOW_DAYS, windowProblem } from 'c/funnelMetrics';
import { runSoql } from './evaluator.ts';
import type { RunnerEnv } from './dashboardRunner.ts';
import type { DrillQueryClass } from './drillQueries.ts';

export interface DrillLeadsRequest {
    drill: string;
    windowStart: string;
    windowEnd: string;
    teamManagerId: string | null;
    ownerId: string | null;
    cutDimensions: readonly string[];
    cutValues: ReadonlyArray<string | null>;
}

export interface DrillLeads {
    rows: Array<Record<string, unknown>>;
    limitReached: boolean;
    listLimit: number;
}

/** A refusal the Apex throws as an AuraHandledException: a Custom Label and its values. */
export class DrillRefusal extends Error {
    constructor(
        readonly label:
            | 'LG_Drill_Error_Count'
            | 'LG_Drill_Error_Owner'
            | 'LG_Drill_Error_Cuts'
            | 'LG_Drill_Error_Cut'
            | 'LG_Dash_Error_WindowOrder'
            | 'LG_Dash_Error_WindowSpan',
        readonly values: ReadonlyArray<string | number | null>
    ) {
        super(label);
        this.name = 'DrillRefusal';
    }
}

/** A User Id (key prefix 005), 15 or 18 characters: what an Apex Id parameter of a User takes. */
const isUserId = (id: string): boolean => /^005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(id);

/** A flat record row (`Owner.Name`) as an SObject's JSON (`{ Owner: { Name } }`). */
function nested(row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
        const path = key.split('.');
        let at = out;
        for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
        at[path[path.length - 1]!] = value;
    }
    return out;
}

/** The kind of a cut's value, or a refusal when the dimension does not take it (LeadGateDrillDownController.cutKind). */
function cutKind(q: DrillQueryClass, dimension: string, value: string | null): string {
    const pattern = q.cutPatterns.get(dimension);
    const allowed = q.cutValues.get(dimension);
    if (pattern === undefined || (value !== null && (!new RegExp(`^(?:${pattern})$`).test(value) || (allowed && !allowed.has(value)))))
        throw new DrillRefusal('LG_Drill_Error_Cut', [dimension, value]);
    if (value === null) return 'blank';
    if (value === q.unknownValues.get(dimension)) return 'unknown';
    if (value === q.otherValues.get(dimension)) return 'other';
    return 'value';
}

/** LeadGateDrillDownController.getLeads; `lastQuery` receives the text it ran (the case table compares it). */
export function getDrillLeads(
    request: DrillLeadsRequest,
    env: RunnerEnv,
    q: DrillQueryClass,
    lastQuery?: (soql: string) => void
): DrillLeads {
    const object = q.objects.get(request.drill);
    if (object === undefined) throw new DrillRefusal('LG_Drill_Error_Count', [request.drill]);
    const problem = windowProblem({ start: request.windowStart, end: request.windowEnd });
    if (problem === 'span') throw new DrillRefusal('LG_Dash_Error_WindowSpan', [MAX_WINDOW_DAYS]);
    if (problem) throw new DrillRefusal('LG_Dash_Error_WindowOrder', []);
    if ((request.teamManagerId !== null && !isUserId(request.teamManagerId)) || (request.ownerId !== null && !isUserId(request.ownerId)))
        throw new DrillRefusal('LG_Drill_Error_Owner', []);
    if (request.cutDimensions.length !== request.cutValues.length || request.cutDimensions.length > q.maxCuts)
        throw new DrillRefusal('LG_Drill_Error_Cuts', [q.maxCuts]);
    const owner = env.ownLeadsOnly ? env.userId : request.ownerId;
    const manager = env.ownLeadsOnly ? null : request.teamManagerId;
    const run = (soql: string, binds: Record<string, unknown>) =>
        runSoql(soql, { org: env.org, governor: env.governor, binds, accessLevel: 'USER_MODE', access: env.access, now: env.now });
    const binds: Record<string, unknown> = {
        startAt: new Date(`${request.windowStart}T00:00:00.000Z`),
        endAt: new Date(`${request.windowEnd}T00:00:00.000Z`),
        [q.limitBind]: q.listLimit + 1
    };
    let soql = q.heads.get(`${request.drill}${manager !== null ? '|team' : ''}${owner !== null ? '|rep' : ''}`)!;
    if (manager !== null) {
        const members = env.queries.get('TEAM_MEMBERS');
        if (!members) throw new Error('No generated dashboard query TEAM_MEMBERS: run npm run generate.');
        binds.ownerIds = new Set(run(members, { managerId: manager }).rows.map((r) => String(r.Id)));
    }
    if (owner !== null) binds.drillOwner = owner;
    request.cutDimensions.forEach((dimension, i) => {
        const raw = request.cutValues[i];
        const value = raw === null || raw === undefined || raw.trim() === '' ? null : raw;
        const kind = cutKind(q, dimension, value);
        const cut = q.cuts.get(`${object}|${dimension}|${kind}|${i}`);
        if (cut === undefined) throw new DrillRefusal('LG_Drill_Error_Cut', [dimension, value]);
        soql += cut;
        if (kind === 'other') binds[`${q.cutBind}${i}`] = q.otherExcludes.get(dimension);
        else if (kind !== 'blank') binds[`${q.cutBind}${i}`] = value;
    });
    soql += q.tails.get(object)!;
    lastQuery?.(soql);
    const rows = runSoql(soql, {
        org: env.org,
        governor: env.governor,
        binds,
        accessLevel: 'USER_MODE',
        access: env.access,
        now: env.now,
        recordPaths: true
    }).rows;
    const limitReached = rows.length > q.listLimit;
    return { rows: rows.slice(0, q.listLimit).map(nested), limitReached, listLimit: q.listLimit };
}
