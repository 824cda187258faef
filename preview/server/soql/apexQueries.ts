/**
 * The dashboard's SOQL as the org holds it: read from the generated Apex class LeadGateDashboardQueries.cls, so the
 * preview and the bench execute the very strings the Apex runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const APEX_QUERIES_FILE = 'force-app/main/default/classes/LeadGateDashboardQueries.cls';

/** Apex string literal body -> text. */
const unescapeApex = (body: string): string => body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);

/** Every `public static final String NAME = '...';` of the class, by name. */
export function parseApexQueries(source: string): Map<string, string> {
    const queries = new Map<string, string>();
    for (const match of source.matchAll(/^\s*public static final String (\w+) = '((?:\\.|[^'\\])*)';$/gm))
        if (/^SELECT /.test(unescapeApex(match[2]!))) queries.set(match[1]!, unescapeApex(match[2]!));
    return queries;
}

let cached: { root: string; queries: Map<string, string> } | null = null;

/** The generated queries of the project at `root`; a missing class says how to make it. */
export function apexQueries(root: string): Map<string, string> {
    if (cached?.root === root) return cached.queries;
    let source: string;
    try {
        source = readFileSync(join(root, APEX_QUERIES_FILE), 'utf8');
    } catch {
        throw new Error(`${APEX_QUERIES_FILE} is missing: run npm run generate.`);
    }
    cached = { root, queries: parseApexQueries(source) };
    return cached.queries;
}
