/**
 * The emulated org as the SOQL evaluator reads it: the project's schema, the preview's records, and what the
 * signed-in user may read.
 */
import type { Schema } from '../../../scripts/verify-apex/schema.ts';
import type { SoqlAccess, SoqlOrg, SoqlRecord } from './evaluator.ts';

/**
 * An org over record arrays (the preview's store, a test's fixtures). Each object's records are fetched once per org
 * (one org per request: the store evaluates formula fields on every fetch) and indexed by Id on first lookup.
 */
export function recordsOrg(schema: Schema, records: (sobject: string) => readonly SoqlRecord[]): SoqlOrg {
    const fetched = new Map<string, readonly SoqlRecord[]>();
    const indexes = new Map<string, Map<string, SoqlRecord>>();
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
    return {
        schema,
        records: all,
        byId(id, sobjects) {
            for (const sobject of sobjects) {
                const found = index(sobject).get(id);
                if (found) return found;
            }
            return undefined;
        }
    };
}

/** Object permission and field-level security as the preview computes them from the permission sets. */
export interface PermissionView {
    object(name: string): { read: boolean };
    canRead(objectName: string, field: string, custom: boolean): boolean;
}

/**
 * User-mode access: the permission sets' object and field permissions, with the platform rules the preview assumes
 * for objects no permission set grants: every user reads User and Group (names of owners and queues), and a campaign
 * member is readable to a user who reads Campaign and Lead.
 */
export function userAccess(permissions: PermissionView): SoqlAccess {
    const readsObject = (name: string): boolean => {
        if (name === 'User' || name === 'Group') return true;
        if (name === 'CampaignMember') return permissions.object('Campaign').read && permissions.object('Lead').read;
        return permissions.object(name).read;
    };
    return {
        canReadObject: readsObject,
        canReadField: (sobject, field) =>
            readsObject(sobject) &&
            (!field.endsWith('__c') || ['User', 'Group', 'CampaignMember'].includes(sobject) || permissions.canRead(sobject, field, true))
    };
}
