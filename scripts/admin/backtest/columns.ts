/**
 * The lead export the backtest reads: which columns it needs, which it uses when present, and the
 * SOQL query that produces exactly those columns with `sf data export bulk` or `sf data query`.
 *
 * The column list is derived from the definitions being compared (every fit field and signal field
 * of the current AND the proposed definition), so a proposal that scores a new field asks for it.
 */
import { FIELDS, statusField, evidenceField, type SqlDefinition } from 'c/sqlDefinition';

/** Columns with a fixed meaning in the export (relationship columns use the dotted names the CLI writes). */
export const COLUMN = {
    id: 'Id',
    status: FIELDS.status,
    leadSource: 'LeadSource',
    mqlAt: FIELDS.mqlAt,
    acceptedAt: FIELDS.acceptedAt,
    sqlAt: FIELDS.sqlAt,
    rejectedAt: FIELDS.rejectedAt,
    rejectionReason: FIELDS.rejectionReason,
    framework: FIELDS.framework,
    isConverted: 'IsConverted',
    convertedDate: 'ConvertedDate',
    opportunityId: 'ConvertedOpportunityId',
    opportunityIsWon: 'ConvertedOpportunity.IsWon',
    opportunityStage: 'ConvertedOpportunity.StageName',
    opportunityCloseDate: 'ConvertedOpportunity.CloseDate'
} as const;

/** Either column tells whether the converted opportunity was won; IsWon is used when both are present. */
export const OUTCOME_COLUMNS = [COLUMN.opportunityIsWon, COLUMN.opportunityStage] as const;

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** Fit-rule fields, then signal fields, of every definition given (first occurrence order). */
export function scoredColumns(defs: readonly SqlDefinition[]): { fit: string[]; signals: string[] } {
    return {
        fit: unique(defs.flatMap((def) => def.fit.rules.map((rule) => rule.when.field))),
        signals: unique(defs.flatMap((def) => def.intent.signals.map((signal) => signal.field)))
    };
}

/** Criterion status and evidence fields of every framework of every definition. */
export function criteriaColumns(defs: readonly SqlDefinition[]): { status: string[]; evidence: string[] } {
    const criteria = defs.flatMap((def) => def.frameworks.flatMap((framework) => framework.criteria));
    return { status: unique(criteria.map(statusField)), evidence: unique(criteria.map(evidenceField)) };
}

/** Columns without which the backtest cannot run (one of OUTCOME_COLUMNS is required as well). */
export function requiredColumns(defs: readonly SqlDefinition[]): string[] {
    const scored = scoredColumns(defs);
    return unique([
        COLUMN.id,
        COLUMN.status,
        ...scored.fit,
        ...scored.signals,
        COLUMN.mqlAt,
        COLUMN.sqlAt,
        COLUMN.isConverted,
        COLUMN.opportunityId
    ]);
}

/** Columns used when present: stage stamps, rejection reason, conversion dates, qualification criteria. */
export function optionalColumns(defs: readonly SqlDefinition[]): string[] {
    const criteria = criteriaColumns(defs);
    return unique([
        COLUMN.leadSource,
        COLUMN.acceptedAt,
        COLUMN.rejectedAt,
        COLUMN.rejectionReason,
        COLUMN.convertedDate,
        COLUMN.opportunityCloseDate,
        COLUMN.framework,
        ...criteria.status,
        ...criteria.evidence
    ]).filter((column) => !requiredColumns(defs).includes(column));
}

/**
 * The SOQL query for the export: every required and optional column, both outcome columns, only
 * leads that became MQLs (the others cannot be backtested). One field per line so a diff reads well.
 */
export function exportQuery(defs: readonly SqlDefinition[]): string {
    const columns = unique([...requiredColumns(defs), ...OUTCOME_COLUMNS, ...optionalColumns(defs)]);
    return `SELECT\n${columns.map((c) => `    ${c}`).join(',\n')}\nFROM Lead\nWHERE ${COLUMN.mqlAt} != null\n`;
}
