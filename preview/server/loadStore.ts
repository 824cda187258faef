/**
 * Builds the preview's LeadStore from the project: Lead metadata through the formula harness, the
 * permission sets, the org's Lead Status values (the opt-in standard value set in optional/lead-status,
 * as if deployed; else the definition's stages), lookup targets from the field XML, and the sample data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { loadLeadMetadata } from '../../scripts/interpreters/formula/harness.ts';
import { PreviewAlerts } from './alerts.ts';
import { LeadStore, type PicklistEntry } from './leadStore.ts';
import { loadPermissionSets } from './permissions.ts';
import { checkSeededReviews } from './reviews.ts';
import { loadSeed, type Seed } from './seed.ts';

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (tag) => tag === 'standardValue' });

export function leadStatusValues(root: string): PicklistEntry[] {
    const file = join(root, 'optional', 'lead-status', 'standardValueSets', 'LeadStatus.standardValueSet');
    if (existsSync(file)) {
        const set = xml.parse(readFileSync(file, 'utf8')).StandardValueSet ?? {};
        const values = (Array.isArray(set.standardValue) ? set.standardValue : []) as Array<Record<string, unknown>>;
        const entries = values
            .filter((v) => typeof v.fullName === 'string')
            .map((v) => ({ value: String(v.fullName), label: String(v.label ?? v.fullName), isDefault: String(v.default) === 'true' }));
        if (entries.length) return entries;
    }
    return SQL_DEFINITION.stages.map((s, i) => ({ value: s.status, label: s.status, isDefault: i === 0 }));
}

/** Lookup field -> target object: the standard Lead lookups, plus each custom lookup's <referenceTo>. */
export function lookupTargets(root: string, customLookups: Array<{ name: string; path: string | null }>): Map<string, string> {
    const targets = new Map<string, string>([
        ['OwnerId', 'User'],
        ['CreatedById', 'User'],
        ['LastModifiedById', 'User'],
        ['ConvertedAccountId', 'Account'],
        ['ConvertedContactId', 'Contact'],
        ['ConvertedOpportunityId', 'Opportunity']
    ]);
    for (const field of customLookups) {
        if (!field.path) continue;
        const match = /<referenceTo>\s*(\w+)\s*<\/referenceTo>/.exec(readFileSync(join(root, field.path), 'utf8'));
        if (match?.[1]) targets.set(field.name, match[1]);
    }
    return targets;
}

export interface LoadedPreview {
    store: LeadStore;
    seed: Seed;
    problems: string[];
}

export function loadPreviewStore(root: string, clock: () => Date = () => new Date()): LoadedPreview {
    const meta = loadLeadMetadata(root);
    const seed = loadSeed(root, clock());
    const permissionSets = loadPermissionSets(root);
    const lookups = [...meta.fields.values()].filter((f) => f.custom && f.metadataType === 'Lookup');
    const store = new LeadStore({
        meta,
        users: seed.users,
        permissionSets,
        records: seed.records,
        statusValues: leadStatusValues(root),
        referenceTo: lookupTargets(root, lookups),
        clock,
        alerts: new PreviewAlerts(
            root,
            meta,
            (seed.records.get('User') ?? []).map((u) => u.values)
        )
    });
    const problems = [...meta.problems, ...checkSeededReviews(store)];
    for (const user of seed.users) {
        const missing = user.permissionSets.filter((p) => !permissionSets.has(p));
        if (missing.length)
            problems.push(`data/users.json: ${user.name} is assigned ${missing.join(', ')}, which force-app does not define.`);
    }
    return { store, seed, problems };
}
