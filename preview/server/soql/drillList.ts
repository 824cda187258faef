/**
 * The leads behind a dashboard number, as the preview's lead list finds them: the drill-down query of c/drillDown run
 * through the SOQL evaluator in user mode, with the dashboard controller's own rules for who is counted (a user
 * without LeadGate_View_Team_Funnels sees only the leads they own; a team is its manager's reps, by TEAM_MEMBERS).
 */
import { drillDownOf, drillQuery, scopeOfUrl, type DrillKey, type DrillScope } from 'c/drillDown';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { runSoql } from './evaluator.ts';
import type { RunnerEnv } from './dashboardRunner.ts';

export interface DrillListRequest {
    key: DrillKey;
    window: DrillScope['window'];
    cuts: DrillScope['cuts'];
    teamManagerId: string | null;
    ownerId: string | null;
}

export interface DrillList {
    key: DrillKey;
    scope: DrillScope;
    /** The lead Ids behind the number, each once. */
    leadIds: string[];
}

/** The request a lead list address carries (`?drill=&start=&end=&team=&owner=&cut=`); a DrillError names what is wrong. */
export function drillRequestOf(params: URLSearchParams): DrillListRequest {
    const { key, scope } = scopeOfUrl(params, SQL_DEFINITION);
    return { key, window: scope.window, cuts: scope.cuts, teamManagerId: scope.teamManagerId, ownerId: scope.ownerId };
}

/** Runs the drill-down query of a request for the running user; `ownerName` names a rep for the scope's words. */
export function drillList(request: DrillListRequest, env: RunnerEnv, ownerName: (id: string) => string): DrillList {
    const def = env.def ?? SQL_DEFINITION;
    const drill = drillDownOf(request.key, def);
    const run = (soql: string, binds: Record<string, unknown>) =>
        runSoql(soql, { org: env.org, governor: env.governor, binds, accessLevel: 'USER_MODE', access: env.access, now: env.now });
    // As getFunnel: a user who sees only their own leads gets them, whatever rep or team the address asks for.
    const ownerId = env.ownLeadsOnly ? env.userId : request.ownerId;
    const teamManagerId = env.ownLeadsOnly ? null : request.teamManagerId;
    let ownerIds: Set<string> | null = null;
    if (teamManagerId) {
        const members = env.queries.get('TEAM_MEMBERS');
        if (!members) throw new Error('No generated dashboard query TEAM_MEMBERS: run npm run generate.');
        ownerIds = new Set(run(members, { managerId: teamManagerId }).rows.map((r) => String(r.Id)));
    }
    const scope: DrillScope = {
        window: request.window,
        team: teamManagerId ? { managerId: teamManagerId, repNames: [...(ownerIds ?? [])].map(ownerName) } : null,
        rep: ownerId ? { id: ownerId, name: ownerName(ownerId) } : null,
        cuts: request.cuts
    };
    const query = drillQuery(drill, scope, def);
    const binds = query.needsTeam ? { ...query.binds, ownerIds } : query.binds;
    const rows = run(query.soql, binds).rows;
    return { key: drill.key, scope, leadIds: [...new Set(rows.map((r) => String(r[query.leadIdField])))] };
}
