/**
 * The preview's LeadGateDashboardController: getFunnel, getTeams and getDrillDownReports answered over the
 * emulated org with the same aggregate contract as the Apex (preview/server/dashboardAggregate.ts).
 *
 * Errors use the controller's Custom Labels, so the dashboard shows the same words as in an org. The preview
 * has no reports, so getDrillDownReports returns none and the dashboard shows no report links. When a window
 * holds too many MQLs to count live, the Apex reads the nightly snapshot; the preview computes the same
 * monthly figures from its leads and marks them as a snapshot taken at the last 02:00 UTC.
 */
import { readProjectMetadata } from '../../bundler/projectMetadata.ts';
import { aggregateFunnel, FunnelRequestError, teamOptions, type FunnelSource } from '../dashboardAggregate.ts';
import { ApexUserError, registerApex, type ApexContext } from './registry.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;

let labels: ReadonlyMap<string, string> | null = null;
/** A Custom Label of the project with its {0}, {1} ... filled. */
function label(name: string, ...values: Array<string | number>): string {
    labels = labels ?? readProjectMetadata(ROOT).labels;
    const template = labels.get(name) ?? name;
    return template.replace(/\{(\d+)\}/g, (_, i: string) => String(values[Number(i)] ?? ''));
}

const asDay = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 10) : '');

function sourceOf(ctx: ApexContext): FunnelSource {
    return {
        leads: ctx.records('Lead'),
        users: ctx.records('User'),
        campaigns: ctx.records('Campaign'),
        campaignMembers: ctx.records('CampaignMember'),
        opportunities: ctx.records('Opportunity')
    };
}

registerApex('LeadGateDashboardController.getFunnel', async (params, ctx) => {
    const request = {
        windowStart: asDay(params.windowStart),
        windowEnd: asDay(params.windowEnd),
        teamManagerId: typeof params.teamManagerId === 'string' && params.teamManagerId !== '' ? params.teamManagerId : null
    };
    try {
        return aggregateFunnel(sourceOf(ctx), request, ctx.now);
    } catch (error) {
        if (error instanceof FunnelRequestError) {
            throw new ApexUserError(
                error.reason === 'span' ? label('LG_Dash_Error_WindowSpan', error.message) : label('LG_Dash_Error_WindowOrder')
            );
        }
        throw error;
    }
});

registerApex('LeadGateDashboardController.getTeams', async (_params, ctx) => teamOptions(ctx.records('User'), ctx.user.id));

registerApex('LeadGateDashboardController.getDrillDownReports', async () => ({}));
