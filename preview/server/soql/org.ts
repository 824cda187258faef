/**
 * The emulated org as the SOQL evaluator reads it: the project's schema, the preview's records, and what the
 * signed-in user may read.
 */
import type { Schema } from '../../../scripts/checks/verify-apex/schema.ts';
import type { SoqlAccess, SoqlOrg, SoqlRecord } from './evaluator.ts';

/**
 * An org over record arrays (the preview's store, a test's fixtures). Each object's records are fetched once per org
 * (one org per request: the store evaluates formula fields on every fetch) and indexed by Id on first lookup. A
 * query's range hint on a field path (`MQL_At__c`, `Lead.MQL_At__c`) is served from a sorted index built on first
 * use, as the database's index serves it: only the records inside the range are scanned.
 */
export function recordsOrg(schema: Schema, records: (sobject: string) => readonly SoqlRecord[]): SoqlOrg {
    const fetched = new Map<string, readonly SoqlRecord[]>();
    const indexes = new Map<string, Map<string, SoqlRecord>>();
    const ranges = new Map<string, { at: Float64Array; records: SoqlRecord[] }>();
    const all = (sobject: string): readonly SoqlRecord[] => {
        let found = fetched.get(sobject);
        if (!found) fetched.set(sobject, (found = records(sobject)));
        return found;
    };
    const index = (sobject: string): Map<string, SoqlRecord> => {
        let byId = indexes.get(sobject);
        if (!byId) {
            byId = new Map();
            for (const r of all(sobject)) if (typeof r.Id === 'string') byId.set(r.Id, r);
            indexes.set(sobject, byId);
        }
        return byId;
    };
    const byId = (id: string, sobjects: readonly string[]): SoqlRecord | undefined => {
        for (const sobject of sobjects) {
            const found = index(sobject).get(id);
            if (found) return found;
        }
        return undefined;
    };
    /** The value of a path as a number (instants for date-times), or null. */
    const valueAt = (sobject: string, path: string[], record: SoqlRecord): number | null => {
        let current: SoqlRecord | undefined = record;
        let object = schema.objects.get(sobject.toLowerCase());
        for (const rel of path.slice(0, -1)) {
            const relationship = object?.relationships.get(rel);
            if (!relationship || !current) return null;
            const id: unknown = current[relationship.field];
            current = typeof id === 'string' ? byId(id, relationship.referenceTo) : undefined;
            object = schema.objects.get(relationship.referenceTo[0]!.toLowerCase());
        }
        const field = object?.fields.get(path[path.length - 1]!);
        const value = field && current ? current[field.name] : null;
        const at = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Date.parse(value) : NaN;
        return Number.isFinite(at) ? at : null;
    };
    /** The path's steps from the object (an own-name prefix dropped), when its field is a number, date or date-time. */
    const indexable = (sobject: string, path: string): string[] | null => {
        const steps = path.split('.');
        let object = schema.objects.get(sobject.toLowerCase());
        if (steps.length > 1 && steps[0] === sobject.toLowerCase() && !object?.relationships.has(steps[0])) steps.shift();
        for (const rel of steps.slice(0, -1))
            object = schema.objects.get(object?.relationships.get(rel)?.referenceTo[0]?.toLowerCase() ?? '');
        const type = object?.fields.get(steps[steps.length - 1]!)?.type.toLowerCase() ?? '';
        return ['datetime', 'date', 'number', 'currency', 'percent', 'double', 'int'].includes(type) ? steps : null;
    };
    const sortedBy = (sobject: string, path: string, steps: string[]): { at: Float64Array; records: SoqlRecord[] } => {
        const key = `${sobject}|${path}`;
        let found = ranges.get(key);
        if (!found) {
            const keyed = all(sobject)
                .map((record) => ({ record, at: valueAt(sobject, steps, record) }))
                .filter((k): k is { record: SoqlRecord; at: number } => k.at !== null)
                .sort((a, b) => a.at - b.at);
            found = { at: Float64Array.from(keyed.map((k) => k.at)), records: keyed.map((k) => k.record) };
            ranges.set(key, found);
        }
        return found;
    };
    const lowerBound = (at: Float64Array, value: number): number => {
        let lo = 0;
        let hi = at.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (at[mid]! < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    };
    return {
        schema,
        records(sobject, hints) {
            const records = all(sobject);
            const hint = records.length >= RANGE_INDEX_FROM ? hints?.find((h) => indexable(sobject, h.path)) : undefined;
            const steps = hint ? indexable(sobject, hint.path) : null;
            if (!hint || !steps) return records;
            const sameField = hints!.filter((h) => h.path === hint.path);
            const from = Math.max(...sameField.map((h) => h.from ?? -Infinity));
            const to = Math.min(...sameField.map((h) => h.to ?? Infinity));
            const { at, records: sorted } = sortedBy(sobject, hint.path, steps);
            return sorted.slice(Number.isFinite(from) ? lowerBound(at, from) : 0, Number.isFinite(to) ? lowerBound(at, to) : sorted.length);
        },
        byId
    };
}

/** Objects with fewer records are scanned whole: sorting them would cost more than it saves. */
const RANGE_INDEX_FROM = 5_000;

/** Object permission and field-level security as the preview computes them from the permission sets. */
export interface PermissionView {
    object(name: string): { read: boolean };
    canRead(objectName: string, field: string, custom: boolean): boolean;
}

/**
 * User-mode access: the permission sets' object and field permissions, with the platform rules the preview assumes
 * for objects no permission set grants: every user reads User and Group (names of owners and queues), and a campaign
 * member is readable to a user who reads Campaign and Lead. A custom field required in its metadata (the review's
 * Lead__c) takes no field permission: whoever reads the object reads it, as in the org (`schema` tells which).
 */
export function userAccess(permissions: PermissionView, schema?: Schema): SoqlAccess {
    const required = (sobject: string, field: string): boolean =>
        Boolean(schema?.objects.get(sobject.toLowerCase())?.fields.get(field.toLowerCase())?.required);
    const readsObject = (name: string): boolean => {
        if (name === 'User' || name === 'Group') return true;
        if (name === 'CampaignMember') return permissions.object('Campaign').read && permissions.object('Lead').read;
        return permissions.object(name).read;
    };
    return {
        canReadObject: readsObject,
        canReadField: (sobject, field) =>
            readsObject(sobject) &&
            (!field.endsWith('__c') ||
                ['User', 'Group', 'CampaignMember'].includes(sobject) ||
                required(sobject, field) ||
                permissions.canRead(sobject, field, true))
    };
}
