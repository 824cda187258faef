/**
 * The dashboard's SOQL as the org holds it: read from the generated Apex class LeadGateDashboardQueries.cls, so the
 * preview and the bench execute the very strings the Apex runs; plus the query constants of the snapshot batch
 * (LeadFunnelSnapshotBatch.cls, e.g. STALE_ROWS), which the preview's snapshot runner executes as they are written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const APEX_QUERIES_FILE = 'force-app/main/default/classes/LeadGateDashboardQueries.cls';
export const SNAPSHOT_BATCH_FILE = 'force-app/main/default/classes/LeadFunnelSnapshotBatch.cls';

/** An Apex string literal's body (between the quotes) as a regular expression source, and -> text. */
export const APEX_LITERAL = "'((?:\\\\.|[^'\\\\])*)'";
export const unescapeApex = (body: string): string => body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);

/** Every `public static final String NAME = '...';` of an Apex class, by name. */
export function apexStringConstants(source: string): Map<string, string> {
    const strings = new Map<string, string>();
    for (const m of source.matchAll(new RegExp(`^\\s*public static final String (\\w+) = ${APEX_LITERAL};$`, 'gm')))
        strings.set(m[1]!, unescapeApex(m[2]!));
    return strings;
}

/** A generated or hand-written Apex class of the project, read; a missing one says how to get it back. */
export function readApexClass(root: string, file: string, fix: string): string {
    try {
        return readFileSync(join(root, file), 'utf8');
    } catch {
        throw new Error(`${file} is missing: ${fix}.`);
    }
}

/** The class's String constants that are queries (`SELECT ...`), by name. */
export function parseApexQueries(source: string): Map<string, string> {
    return new Map([...apexStringConstants(source)].filter(([, text]) => /^SELECT /.test(text)));
}

let cached: { root: string; queries: Map<string, string> } | null = null;

/** The generated queries of the project at `root`; a missing class says how to make it. */
export function apexQueries(root: string): Map<string, string> {
    if (cached?.root === root) return cached.queries;
    const source = readApexClass(root, APEX_QUERIES_FILE, 'run npm run generate');
    const batch = readApexClass(root, SNAPSHOT_BATCH_FILE, 'restore it from git');
    const queries = parseApexQueries(source);
    for (const [name, soql] of parseApexQueries(batch)) {
        if (queries.has(name)) throw new Error(`${SNAPSHOT_BATCH_FILE} and ${APEX_QUERIES_FILE} both define ${name}: rename the batch's.`);
        queries.set(name, soql);
    }
    cached = { root, queries };
    return cached.queries;
}
