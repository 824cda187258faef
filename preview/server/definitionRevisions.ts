/**
 * The revisions log the preview serves as the static resource LeadGateDefinitionRevisions: the real log
 * (data/definition-revisions.json, which the org deploys unchanged) with the sample history's own revisions added,
 * shifted to now like every sample instant. So the funnel trend marks a revision in the middle of the sample history,
 * while the deployed resource stays the record of real revisions. Each sample revision says "Sample history" itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleRevision } from '../../scripts/admin/sample-data/model.ts';
import type { Seed } from './seed.ts';

/** The static resource the dashboard's trend reads, and the project file it is copied from (scripts/static-resources.mjs). */
export const REVISIONS_RESOURCE = 'LeadGateDefinitionRevisions';
export const REVISIONS_FILE = 'data/definition-revisions.json';

interface RevisionsLog {
    $comment?: string;
    revisions: SampleRevision[];
}

/** The real log with `sample` added, oldest first (the order the log keeps). */
export function previewRevisionsLog(root: string, sample: readonly SampleRevision[]): RevisionsLog {
    const log = JSON.parse(readFileSync(join(root, REVISIONS_FILE), 'utf8')) as RevisionsLog;
    const revisions = [...sample, ...(Array.isArray(log.revisions) ? log.revisions : [])].sort(
        (a, b) => Date.parse(a.at) - Date.parse(b.at)
    );
    return { ...log, revisions };
}

/** The static resources the preview answers itself (http.ts `resourceBodies`), from the seed loaded now. */
export function previewResourceBodies(root: string, seed: () => Seed): ReadonlyMap<string, () => unknown> {
    return new Map([[REVISIONS_RESOURCE, () => previewRevisionsLog(root, seed().revisions)]]);
}
