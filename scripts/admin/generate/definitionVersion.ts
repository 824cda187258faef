/**
 * The definition version moves whenever the metadata that enforces it moves. The generator keeps a lock file,
 * scripts/admin/generate/definition-version.json, holding the version and a hash of the generated output it produced;
 * `npm run generate` and `npm run generate:check` refuse output that differs from the locked hash under the locked
 * version, so a revision can never ship under an old version (leads stamp Definition_Version__c with it).
 *
 * The hash covers every generated file except the lock itself, the dashboard's query class (what the dashboard
 * reads is not the definition: a new dashboard query does not change how a lead qualifies; docs/DECISIONS.md), and
 * the words on screen: the definition's labels, their module and the translations (labels.ts). The English of a
 * shown text still moves the version through the metadata that also carries it (inline help, descriptions).
 */
import { createHash } from 'node:crypto';
import type { SqlDefinition } from 'c/sqlDefinition';
import type { GeneratedFile } from './types.ts';

export const VERSION_LOCK_PATH = 'scripts/admin/generate/definition-version.json';
/** Generated files outside the hash: the lock, and the dashboard's query constants. */
export const UNVERSIONED_PATHS: ReadonlySet<string> = new Set([
    VERSION_LOCK_PATH,
    'force-app/main/default/classes/LeadGateDashboardQueries.cls',
    // The drill-down's lead lists (c/drillDown): queries, like the dashboard's.
    'force-app/main/default/classes/LeadGateDrillQueries.cls',
    'force-app/main/default/classes/LeadGateDrillQueries.cls-meta.xml',
    'force-app/main/default/labels/LeadGateDefinition.labels-meta.xml',
    'force-app/main/default/lwc/definitionLabels/definitionLabels.ts',
    'force-app/main/default/lwc/definitionLabels/definitionLabels.js-meta.xml',
    // The case table the tests replay (resolved against the bar): a new case is not a new definition.
    'force-app/main/default/staticresources/LeadGateQualificationCases.json'
]);
/** Translations are words on screen, not rules: a new or corrected translation does not change how a lead qualifies. */
const UNVERSIONED_DIRS: readonly string[] = ['force-app/main/default/translations/', 'force-app/main/default/objectTranslations/'];

export interface VersionLock {
    version: string;
    generatedHash: string;
}

/** sha256 over each versioned file's path and content, in path order. */
export function generatedHash(files: readonly GeneratedFile[]): string {
    const hash = createHash('sha256');
    for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
        if (UNVERSIONED_PATHS.has(f.path) || UNVERSIONED_DIRS.some((d) => f.path.startsWith(d))) continue;
        hash.update(`${f.path}\n${f.content.length}\n${f.content}`);
    }
    return hash.digest('hex');
}

/** The lock file for this definition and its generated files. */
export function versionLockFile(def: SqlDefinition, files: readonly GeneratedFile[]): { file: GeneratedFile; lock: VersionLock } {
    const lock: VersionLock = { version: def.version, generatedHash: generatedHash(files) };
    return { file: { path: VERSION_LOCK_PATH, content: `${JSON.stringify(lock, null, 2)}\n` }, lock };
}

/** Reads a lock file's text; null when there is none or it is not a lock (then nothing is enforced against it). */
export function parseVersionLock(text: string | null): VersionLock | null {
    if (text === null) return null;
    try {
        const value = JSON.parse(text) as Partial<VersionLock>;
        return typeof value.version === 'string' && typeof value.generatedHash === 'string'
            ? { version: value.version, generatedHash: value.generatedHash }
            : null;
    } catch {
        return null;
    }
}

/**
 * Why this output may not be written over the committed lock: the generated metadata changed while the version
 * stayed the same. Null when the output is unchanged or the version moved.
 */
export function versionProblem(committed: VersionLock | null, next: VersionLock): string | null {
    if (!committed || committed.version !== next.version || committed.generatedHash === next.generatedHash) return null;
    return (
        `The generated metadata changed but the SQL definition's version is still ${next.version}. ` +
        `Leads qualified under the new rules would be stamped with the old version. Bump version in ` +
        `force-app/main/default/lwc/sqlDefinition/sqlDefinition.ts, add the revision to data/definition-revisions.json, ` +
        `then run npm run generate again; nothing was written.`
    );
}
