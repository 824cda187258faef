/**
 * The preview's sample history as a lead export: the backtest's own export query (exportQuery, the one
 * `npm run backtest -- --print-query` prints) run by the SOQL evaluator on the emulated org, written as the CSV
 * `sf data query --result-format csv` writes (relationship columns as ConvertedOpportunity.IsWon, blanks empty), so the
 * definition studio reads it with the backtest's reader and its checks, exactly like an org's export.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { exportQuery } from '../../scripts/admin/backtest/columns.ts';
import { loadSchema, type Schema } from '../../scripts/checks/verify-apex/schema.ts';
import { runSoql } from './soql/evaluator.ts';
import { recordsOrg } from './soql/org.ts';
import { Governor, LIMITS } from './soql/governor.ts';
import type { SoqlRecord } from './soql/evaluator.ts';

/** What the studio shows as the source of these figures. */
export const SAMPLE_HISTORY = 'sample history';

const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'string' ? value : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The value of a column in a result row: the evaluator keys a relationship field by its last name, as the Apex
 * result does (`ConvertedOpportunity.IsWon` -> `IsWon`); the Lead's own fields by their name.
 */
function valueAt(row: Record<string, unknown>, column: string): unknown {
    const name = (column.split('.').pop() as string).toLowerCase();
    const entry = Object.entries(row).find(([key]) => key.toLowerCase() === name);
    return entry ? entry[1] : null;
}

let schema: Schema | null = null;

/**
 * The export of the sample history's MQLs under `defs` (current and proposed definitions), as CSV text. `records`
 * gives the emulated org's records of an object (the preview store's).
 */
export function sampleHistoryCsv(
    root: string,
    records: (sobject: string) => readonly SoqlRecord[],
    defs: readonly SqlDefinition[],
    now: Date
): string {
    schema = schema ?? loadSchema(root);
    const soql = exportQuery(defs);
    const columns = soql
        .slice(soql.indexOf('SELECT') + 'SELECT'.length, soql.indexOf('FROM'))
        .split(',')
        .map((c) => c.trim());
    // An export is a data load, not a transaction: no row limit beyond the sample's size.
    const governor = new Governor({ ...LIMITS, queryRows: Number.MAX_SAFE_INTEGER, heapBytes: Number.MAX_SAFE_INTEGER });
    const result = runSoql(soql, { org: recordsOrg(schema, records), governor, accessLevel: 'SYSTEM_MODE', now });
    const lines = [columns.join(',')];
    for (const row of result.rows) lines.push(columns.map((c) => cell(valueAt(row, c))).join(','));
    return `${lines.join('\n')}\n`;
}
