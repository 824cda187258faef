/**
 * The dashboard's SOQL as the org holds it: read from the generated Apex class LeadGateDashboardQueries.cls, so the
 * preview and the bench execute the very strings the Apex runs; plus the query constants of the snapshot batch
 * (LeadFunnelSnapshotBatch.cls, e.g. STALE_ROWS), which the preview's snapshot runner executes as they are written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const APEX_QUERIES_FILE = 'force-app/main/default/classes/LeadGateDashboardQueries.cls';
export const SNAPSHOT_BATCH_FILE = 'force-app/main/default/classes/LeadFunnelSnapshotBatch.cls';

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
    let batch: string;
    try {
        batch = readFileSync(join(root, SNAPSHOT_BATCH_FILE), 'utf8');
    } catch {
        throw new Error(`${SNAPSHOT_BATCH_FILE} is missing: restore it from git.`);
    }
    const queries = parseApexQueries(source);
    for (const [name, soql] of parseApexQueries(batch)) {
        if (queries.has(name)) throw new Error(`${SNAPSHOT_BATCH_FILE} and ${APEX_QUERIES_FILE} both define ${name}: rename the batch's.`);
        queries.set(name, soql);
    }
    cached = { root, queries };
    return cached.queries;
}
