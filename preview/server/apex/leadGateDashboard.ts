/**
 * The preview's LeadGateDashboardController: a thin runner, like the Apex. getFunnel and getTeams run the generated
 * SOQL strings of LeadGateDashboardQueries.cls through the SOQL evaluator over the emulated org, in user mode and
 * under one transaction's governor limits (preview/server/soql), and return the raw rows keyed by the generated
 * aliases; the dashboard reads them with c/dashboardQueries, exactly as it reads the org's answer.
 *
 * Refusals use the controller's Custom Labels, so the dashboard shows the same words as in an org. A broken governor
 * limit or a refused query fails the call with the platform's message. The preview deploys no reports, so
 * getDrillDownReports returns none, as an org without them (or a user without Run Reports) does, and the dashboard
 * links each number to the preview's lead list instead (docs/DECISIONS.md, "Drill-down from every number"); it has no snapshot rows until something stores them, so a window too large to
 * count live is refused as in an org where the nightly snapshot has not run.
 */
import { readProjectMetadata } from '../../bundler/projectMetadata.ts';
import { TEAM_FUNNEL_PERMISSION } from '../../../scripts/admin/generate/permissionGrants.ts';
import { loadSchema, type Schema } from '../../../scripts/checks/verify-apex/schema.ts';
import { apexQueries } from '../soql/apexQueries.ts';
import { DashboardRefusal, getFunnel, getTeams, getTrend, type RunnerEnv } from '../soql/dashboardRunner.ts';
import { Governor, QueryException } from '../soql/governor.ts';
import { recordsOrg, userAccess } from '../soql/org.ts';
import { ApexUserError, registerApex, type ApexContext } from './registry.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;

let labels: ReadonlyMap<string, string> | null = null;
/** A Custom Label of the project as written, its {0}, {1} ... unfilled (the name when the project has no such label). */
export function labelTemplate(name: string): string {
    labels = labels ?? readProjectMetadata(ROOT).labels;
    return labels.get(name) ?? name;
}

/** A Custom Label of the project with its {0}, {1} ... filled. */
function label(name: string, ...values: Array<string | number>): string {
    const template = labelTemplate(name);
    return template.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
}

let schema: Schema | null = null;

/** One transaction: a fresh governor, the user's access, the generated queries (also the preview's drill-down lists). */
export function envOf(ctx: ApexContext): RunnerEnv {
    schema = schema ?? loadSchema(ROOT);
    return {
        org: recordsOrg(schema, (sobject) => ctx.records(sobject)),
        queries: apexQueries(ROOT),
        ...(ctx.access ? { access: userAccess(ctx.access, schema) } : {}),
        governor: new Governor(),
        now: ctx.now,
        userId: ctx.user.id,
        ownLeadsOnly: !ctx.user.customPermissions.has(TEAM_FUNNEL_PERMISSION)
    };
}

const asDay = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 10) : '');

registerApex('LeadGateDashboardController.getFunnel', async (params, ctx) => {
    const request = {
        windowStart: asDay(params.windowStart),
        windowEnd: asDay(params.windowEnd),
        teamManagerId: typeof params.teamManagerId === 'string' && params.teamManagerId !== '' ? params.teamManagerId : null,
        filter:
            typeof params.filterField === 'string' && params.filterField !== ''
                ? { field: params.filterField, value: typeof params.filterValue === 'string' ? params.filterValue : '' }
                : null
    };
    try {
        return getFunnel(request, envOf(ctx));
    } catch (error) {
        if (error instanceof DashboardRefusal && error.label) throw new ApexUserError(label(error.label, ...error.values));
        // The Apex catches a QueryException and shows its message; a LimitException ends the transaction.
        if (error instanceof QueryException && error.exceptionType === 'System.QueryException') throw new ApexUserError(error.message);
        throw error;
    }
});

registerApex('LeadGateDashboardController.getTrend', async (params, ctx) => {
    const teamManagerId = typeof params.teamManagerId === 'string' && params.teamManagerId !== '' ? params.teamManagerId : null;
    try {
        return getTrend({ teamManagerId }, envOf(ctx));
    } catch (error) {
        if (error instanceof DashboardRefusal && error.label) throw new ApexUserError(label(error.label, ...error.values));
        if (error instanceof QueryException && error.exceptionType === 'System.QueryException') throw new ApexUserError(error.message);
        throw error;
    }
});

registerApex('LeadGateDashboardController.getTeams', async (_params, ctx) => getTeams(envOf(ctx)));

registerApex('LeadGateDashboardController.getDrillDownReports', async () => ({}));
