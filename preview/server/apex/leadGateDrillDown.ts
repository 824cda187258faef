/**
 * The preview's LeadGateDrillDownController: getLeads runs the generated strings of LeadGateDrillQueries.cls through
 * the SOQL evaluator (preview/server/soql/drillList.ts), in user mode under one transaction's governor limits, as the
 * Apex does; its refusals use the controller's Custom Labels.
 */
import { QueryException } from '../soql/governor.ts';
import { DrillRefusal, getDrillLeads } from '../soql/drillList.ts';
import { drillQueries } from '../soql/drillQueries.ts';
import { envOf, labelTemplate } from './leadGateDashboard.ts';
import { ApexUserError, registerApex } from './registry.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): Array<string | null> => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : null)) : []);

/** A refusal's words: the label with its {0}, {1} ... filled. */
export function refusalMessage(error: DrillRefusal): string {
    return labelTemplate(error.label).replace(/\{(\d+)\}/g, (_, i: string) => String(error.values[Number(i)] ?? ''));
}

registerApex('LeadGateDrillDownController.getLeads', async (params, ctx) => {
    try {
        return getDrillLeads(
            {
                drill: text(params.drill) ?? '',
                windowStart: (text(params.windowStart) ?? '').slice(0, 10),
                windowEnd: (text(params.windowEnd) ?? '').slice(0, 10),
                teamManagerId: text(params.teamManagerId),
                ownerId: text(params.ownerId),
                cutDimensions: list(params.cutDimensions).map((d) => d ?? ''),
                cutValues: list(params.cutValues)
            },
            envOf(ctx),
            drillQueries(ROOT)
        );
    } catch (error) {
        if (error instanceof DrillRefusal) throw new ApexUserError(refusalMessage(error));
        // The Apex catches a QueryException (a refused field or object in user mode) and shows its message.
        if (error instanceof QueryException && error.exceptionType === 'System.QueryException') throw new ApexUserError(error.message);
        throw error;
    }
});
