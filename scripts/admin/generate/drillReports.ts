/**
 * The drill-down reports (folder LeadGate): one LeadList report per dashboard count and cut that a report filter can
 * express, from the drill-down table (force-app/main/default/lwc/drillDown/drillDown.ts). The window filters come
 * first (fv0, fv1), the owner next (fv2), then the count's own conditions, locked. The report names are printed into
 * LeadGateDashboardQueries.DRILL_DOWN_REPORTS, the list getDrillDownReports looks up.
 */
import { drillReports, type DrillKey, type DrillReport } from 'c/drillDown';
import type { SqlDefinition } from 'c/sqlDefinition';
import { generatedNote } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const DRILL_REPORT_DIR = 'force-app/main/default/reports/LeadGate';

/** The columns every drill-down report lists (LeadList report column names). */
const COLUMNS = [
    'FIRST_NAME',
    'LAST_NAME',
    'COMPANY',
    'OWNER',
    'LEAD_SOURCE',
    'STATUS',
    'Lead.MQL_At__c',
    'Lead.Accepted_At__c',
    'Lead.SQL_At__c',
    'Lead.Rejected_At__c',
    'Lead.Rejection_Reason__c',
    'Lead.Minutes_To_First_Action__c',
    'Lead.Qualification_Complete__c',
    'CONVERTED'
];

/** What each count is, in the report list's words. */
const NOUNS: Readonly<Record<DrillKey, string>> = {
    mqls: 'MQLs',
    accepted: 'accepted MQLs',
    rejected: 'rejected MQLs',
    sqls: 'SQLs',
    opportunities: 'opportunities',
    won: 'won deals',
    bypassSqls: 'incomplete SQLs',
    thinEvidenceSqls: 'thin-evidence SQLs',
    fitEditedSqls: 'fit-edited SQLs',
    alerted: 'alerted MQLs',
    alertedInSla: 'alerted in SLA',
    actionedInSla: 'actioned in SLA',
    campaignMembers: 'campaign members',
    campaignMqls: 'campaign MQLs',
    campaignSqls: 'campaign SQLs',
    campaignRejected: 'campaign rejections'
};

/** A report's name as users see it in the report list (at most 40 characters). */
function title(report: DrillReport): string {
    const name = `Leads behind: ${NOUNS[report.key]}${report.perRep ? ' (rep)' : ''}`;
    if (name.length > 40) throw new Error(`Report ${report.name}: its name "${name}" is over 40 characters.`);
    return name;
}

function reportXml(report: DrillReport, def: SqlDefinition): string {
    // One line (prettier would re-fill a longer one): the filters the links set are the unlocked ones, in order.
    const description = `${generatedNote(def)} Drill-down: ${report.key}${report.perRep ? ' per rep' : ''}.`;
    if (description.length > 255) throw new Error(`Report ${report.name}: its description is over 255 characters.`);
    return xmlDocument(
        node(
            'Report',
            ...COLUMNS.map((field) => node('columns', leaf('field', field))),
            leaf('description', description),
            node(
                'filter',
                ...report.criteria.map((c) =>
                    node(
                        'criteriaItems',
                        leaf('column', c.column),
                        leaf('isUnlocked', c.slot ? 'true' : 'false'),
                        leaf('operator', c.operator),
                        leaf('value', c.value)
                    )
                )
            ),
            leaf('format', 'Tabular'),
            leaf('name', title(report)),
            leaf('reportType', 'LeadList'),
            leaf('scope', 'org'),
            leaf('showDetails', 'true'),
            leaf('showGrandTotal', 'true'),
            leaf('showSubTotals', 'true')
        )
    );
}

export function generateDrillReports(def: SqlDefinition): { files: GeneratedFile[] } {
    return {
        files: drillReports(def).map((report) => ({
            path: `${DRILL_REPORT_DIR}/${report.name}.report-meta.xml`,
            content: reportXml(report, def)
        }))
    };
}
