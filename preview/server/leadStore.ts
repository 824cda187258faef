/**
 * The emulated Lead API: what the UI API and the platform's save pipeline do with LeadGate's Lead, over
 * the preview's seeded records. Pure (no HTTP, no files): the HTTP layer (http.ts) only parses requests
 * and writes these results, and the tests drive it directly.
 *
 * It honours the project's own metadata, read from force-app:
 * - object info from the field XML (types, labels, inline help, picklist values), limited to what the
 *   user's permission sets let them read; field edits checked against their field-level security;
 * - on save, in the platform's order: system checks (types, lengths, restricted picklists, required fields),
 *   the generated before-save flows (force-app/main/default/flows) run by the flow interpreter, exactly as deployed
 *   (scripts/interpreters/formula/save.ts), then the validation rules evaluated by
 *   the formula harness with the saving user's custom permissions (the bypass), each fired rule reported
 *   beside its errorDisplayField or at the top, as the UI API reports it;
 * - `If-Unmodified-Since`: a save based on an older LastModifiedDate is refused with 412;
 * - formula fields evaluated by the harness when the record is read (Intent_Score__c decays with time).
 * Every method returns `{ status, body }` and never throws on bad input.
 */
import { FIELDS, SQL_DEFINITION } from 'c/sqlDefinition';
import {
    computeFormulaFields,
    isFormulaError,
    runValidationRules,
    type FormulaContext,
    type LeadField,
    type LeadMetadata
} from '../../scripts/interpreters/formula/harness.ts';
import { FlowError, type RecordUpdate } from '../../scripts/interpreters/flow/interpreter.ts';
import { beforeSave, simulateSave } from '../../scripts/interpreters/formula/save.ts';
import { accessFor, type PermissionSetGrants, type PreviewUser, type UserAccess } from './permissions.ts';
import {
    MASTER_RECORD_TYPE_ID,
    READ_ONLY_STANDARD_FIELDS,
    REQUIRED_FIELDS,
    displayValueOf,
    errorList,
    recordError,
    recordErrorBody,
    relationshipName,
    uiDataType,
    type RecordError
} from './representation.ts';
import type { SeedRecord, Values } from './seed.ts';
import type { PreviewAlerts } from './alerts.ts';
import { calendarDate, checkNumber, isWellFormedId, KEY_PREFIXES, keyPrefixOf, parseDateTime } from './platformValues.ts';

export interface ApiResult {
    status: number;
    body: unknown;
}

export interface PicklistEntry {
    value: string;
    label: string;
    isDefault: boolean;
}

export interface LeadStoreOptions {
    meta: LeadMetadata;
    users: PreviewUser[];
    permissionSets: ReadonlyMap<string, PermissionSetGrants>;
    /** Seeded records by sObject type; the store keeps its own copies. */
    records: ReadonlyMap<string, readonly SeedRecord[]>;
    /** The org's Lead Status values (the standard value set), in order. */
    statusValues: PicklistEntry[];
    /** Lookup field -> the object it points to (OwnerId -> User). */
    referenceTo: ReadonlyMap<string, string>;
    clock?: () => Date;
    /** The org's after-save automation (the generated alert flows, run by the flow interpreter). */
    alerts?: PreviewAlerts;
}

export interface RecordQuery {
    fields?: string[];
    optionalFields?: string[];
    layoutTypes?: string[];
}

interface StoredLead {
    id: string;
    values: Values;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const RELATED_FIELDS = ['Id', 'Name', 'FirstName', 'LastName', 'Title', 'Email', 'Username', 'Alias', 'Department', 'StageName', 'Amount'];

const notFound = (): ApiResult => ({ status: 404, body: errorList('NOT_FOUND', 'The requested resource does not exist') });
const badRequest = (errorCode: string, message: string): ApiResult => ({ status: 400, body: errorList(errorCode, message) });
const notSignedIn = (): ApiResult => ({
    status: 401,
    body: errorList('INVALID_SESSION_ID', 'No preview user is signed in: choose one with the user switcher.')
});
const notLeadObject = (objectApiName: unknown): ApiResult => ({
    status: 404,
    body: errorList('NOT_FOUND', `The preview emulates the Lead object only, not ${String(objectApiName).slice(0, 40)}.`)
});
const noLeadAccess = (access: UserAccess): ApiResult => ({
    status: 403,
    body: errorList('INSUFFICIENT_ACCESS', `${access.user.name} has no access to Leads.`)
});

export class LeadStore {
    readonly meta: LeadMetadata;
    private readonly clock: () => Date;
    private readonly leads = new Map<string, StoredLead>();
    private readonly others = new Map<string, Map<string, Values>>();
    private readonly usersById = new Map<string, PreviewUser>();
    private readonly access = new Map<string, UserAccess>();
    private readonly statusValues: PicklistEntry[];
    private readonly referenceTo: ReadonlyMap<string, string>;
    /** Formula values per lead, computed for one instant (the list page and Apex read many leads at once). */
    private formulaCache = new Map<string, { at: number; version: unknown; values: Record<string, unknown> }>();

    readonly alerts: PreviewAlerts | null;

    constructor(options: LeadStoreOptions) {
        this.meta = options.meta;
        this.alerts = options.alerts ?? null;
        this.clock = options.clock ?? (() => new Date());
        this.statusValues = options.statusValues;
        this.referenceTo = options.referenceTo;
        for (const user of options.users) {
            this.usersById.set(user.id, user);
            this.access.set(user.id, accessFor(user, options.permissionSets));
        }
        const now = this.clock();
        for (const [sobject, list] of options.records) {
            if (sobject === 'Lead') {
                for (const r of list) this.leads.set(r.id, { id: r.id, values: this.seededLead(r.values, now) });
            } else {
                this.others.set(sobject, new Map(list.map((r) => [r.id, { ...r.values }])));
            }
        }
    }

    /**
     * A seeded lead as the org holds it: the every-save stamps the before-save flow would have written (fit,
     * qualification, segments) filled in when the data has none (the flow run as on an insert, only those taken: the
     * data's own stage stamps are history), system fields defaulted.
     */
    private seededLead(raw: Values, now: Date): Values {
        const values: Values = { ...raw };
        const everySave = [FIELDS.fitScore, FIELDS.qualificationComplete, ...SQL_DEFINITION.segments.map((s) => s.field)];
        if (everySave.some((field) => values[field] === undefined)) {
            const ctx: FormulaContext = { now, isNew: true, prior: null, permissions: new Set(), userId: String(values.OwnerId ?? '') };
            const stamped = beforeSave(null, values, ctx, this.meta);
            for (const field of everySave) if (values[field] === undefined) values[field] = stamped[field];
        }
        const created = typeof values.CreatedDate === 'string' ? values.CreatedDate : now.toISOString();
        values.CreatedDate = created;
        if (typeof values.LastModifiedDate !== 'string') {
            // The latest instant the record holds that is not in the future: its last save cannot be earlier.
            const instants = Object.values(values)
                .filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v))
                .map((v) => Date.parse(v))
                .filter((t) => Number.isFinite(t) && t <= now.getTime());
            values.LastModifiedDate = new Date(Math.max(Date.parse(created) || 0, ...instants)).toISOString();
        }
        values.SystemModstamp = values.LastModifiedDate;
        values.IsConverted = values.IsConverted === true;
        values.IsDeleted = false;
        return values;
    }

    /* ------------------------------------------------------------------ users */

    users(): PreviewUser[] {
        return [...this.usersById.values()];
    }

    user(id: string | undefined): PreviewUser | null {
        return (id && this.usersById.get(id)) || null;
    }

    accessOf(userId: string): UserAccess | null {
        return this.access.get(userId) ?? null;
    }

    /* ------------------------------------------------------------------ reads */

    private findLead(id: string): StoredLead | null {
        if (this.leads.has(id)) return this.leads.get(id) ?? null;
        if (id.length === 15) for (const lead of this.leads.values()) if (lead.id.slice(0, 15) === id) return lead;
        return null;
    }

    private formulaValues(lead: StoredLead, now: Date): Record<string, unknown> {
        const version = lead.values.SystemModstamp;
        const cached = this.formulaCache.get(lead.id);
        if (cached && cached.version === version && cached.at === now.getTime()) return cached.values;
        const ctx: FormulaContext = { now, isNew: false, prior: null, permissions: new Set(), userId: '' };
        const values = computeFormulaFields(lead.values, ctx, this.meta);
        this.formulaCache.set(lead.id, { at: now.getTime(), version, values });
        return values;
    }

    /** Every field value of a lead at `now`: stored values, formula fields, and the compound Name. */
    private fullValues(lead: StoredLead, now: Date): Values {
        const formulas = this.formulaValues(lead, now);
        const values: Values = { ...lead.values };
        for (const [name, value] of Object.entries(formulas)) values[name] = isFormulaError(value) ? null : value;
        values.Id = lead.id;
        values.Name = [lead.values.Salutation, lead.values.FirstName, lead.values.LastName]
            .filter((v) => typeof v === 'string' && v !== '')
            .join(' ');
        return values;
    }

    private readableFields(access: UserAccess): LeadField[] {
        return [...this.meta.fields.values()].filter((f) => access.canRead('Lead', f.name, f.custom));
    }

    private relatedRecord(field: string, id: unknown, subFields: string[]) {
        const target = this.referenceTo.get(field);
        const related = typeof id === 'string' && target ? this.others.get(target)?.get(id) : undefined;
        if (!related || !target) return null;
        const fields: Record<string, { value: unknown; displayValue: string | null }> = {};
        for (const name of subFields) if (name in related) fields[name] = { value: related[name] ?? null, displayValue: null };
        return {
            apiName: target,
            id,
            childRelationships: {},
            fields,
            lastModifiedDate: null,
            recordTypeId: null,
            systemModstamp: null,
            name: related.Name ?? null
        };
    }

    /** The UI API record representation of a lead with the given field paths (`Status`, `Owner.Name`). */
    private representation(lead: StoredLead, paths: string[], now: Date) {
        const values = this.fullValues(lead, now);
        const fields: Record<string, unknown> = {};
        const relationships = new Map<string, { lookup: string; subFields: string[] }>();
        for (const path of paths) {
            const [head, ...rest] = path.split('.');
            if (!head) continue;
            if (rest.length) {
                const lookup = this.lookupOfRelationship(head);
                if (!lookup) continue;
                const entry = relationships.get(head) ?? { lookup, subFields: [] };
                entry.subFields.push(rest.join('.'));
                relationships.set(head, entry);
                continue;
            }
            const field = this.meta.field(head);
            if (!field) continue;
            const value = values[field.name] ?? null;
            fields[field.name] = { value, displayValue: displayValueOf(field, value) };
        }
        for (const [relationship, { lookup, subFields }] of relationships) {
            const related = this.relatedRecord(lookup, values[lookup], subFields);
            fields[relationship] = related
                ? { value: { ...related, name: undefined }, displayValue: typeof related.name === 'string' ? related.name : null }
                : { value: null, displayValue: null };
        }
        return {
            apiName: 'Lead',
            childRelationships: {},
            eTag: `${lead.id}-${String(values.SystemModstamp)}`,
            fields: JSON.parse(JSON.stringify(fields)),
            id: lead.id,
            lastModifiedById: values.LastModifiedById ?? null,
            lastModifiedDate: values.LastModifiedDate,
            recordTypeId: MASTER_RECORD_TYPE_ID,
            recordTypeInfo: null,
            systemModstamp: values.SystemModstamp,
            weakEtag: Date.parse(String(values.SystemModstamp)) || 0
        };
    }

    /** `Owner` -> `OwnerId`, `SQL_Qualified_By__r` -> `SQL_Qualified_By__c`, when that lookup exists. */
    private lookupOfRelationship(name: string): string | null {
        for (const lookup of this.referenceTo.keys())
            if (relationshipName(lookup)?.toLowerCase() === name.toLowerCase() && this.meta.field(lookup))
                return this.meta.field(lookup)?.name ?? null;
        return null;
    }

    /** Parses `Lead.X`, `X` or `Lead.Owner.Name` into a path on Lead, or null for another object. */
    private pathOf(raw: string): string | null {
        const name = raw.trim();
        if (name === '') return null;
        return name.startsWith('Lead.')
            ? name.slice('Lead.'.length)
            : name.includes('.') && !this.lookupOfRelationship(name.split('.')[0] ?? '')
              ? null
              : name;
    }

    /** Whether the user may read this path (the field, or the lookup behind a relationship). */
    private canReadPath(access: UserAccess, path: string): boolean {
        const [head, ...rest] = path.split('.');
        if (!head) return false;
        const fieldName = rest.length ? this.lookupOfRelationship(head) : head;
        const field = fieldName ? this.meta.field(fieldName) : null;
        if (!field) return false;
        if (rest.length && !RELATED_FIELDS.includes(rest.join('.'))) return false;
        return access.canRead('Lead', field.name, field.custom);
    }

    getRecord(userId: string, recordId: string, query: RecordQuery): ApiResult {
        try {
            const access = this.access.get(userId);
            if (!access) return notSignedIn();
            if (typeof recordId !== 'string' || !this.wellFormedId(recordId))
                return badRequest('MALFORMED_ID', `Invalid record id: ${String(recordId).slice(0, 40)}`);
            if (!access.object('Lead').read) return noLeadAccess(access);
            const lead = this.findLead(recordId);
            if (!lead) return notFound();
            const required: string[] = [];
            for (const raw of query.fields ?? []) {
                const path = this.pathOf(raw);
                if (path === null || !this.canReadPath(access, path)) {
                    return badRequest('INVALID_FIELD', `No such column '${raw}' on entity 'Lead', or ${access.user.name} cannot read it.`);
                }
                required.push(path);
            }
            const optional = (query.optionalFields ?? [])
                .map((raw) => this.pathOf(raw))
                .filter((p): p is string => p !== null && this.canReadPath(access, p));
            const full = (query.layoutTypes ?? []).some((t) => t === 'Full' || t === 'Compact')
                ? this.readableFields(access).map((f) => f.name)
                : [];
            const paths = [...new Set([...required, ...optional, ...full])];
            if (
                paths.length === 0 &&
                (query.fields ?? []).length + (query.optionalFields ?? []).length + (query.layoutTypes ?? []).length === 0
            ) {
                return badRequest('INVALID_INPUT', 'Name the fields to read: fields, optionalFields or layoutTypes.');
            }
            return { status: 200, body: this.representation(lead, paths, this.clock()) };
        } catch (error) {
            return internalError(error);
        }
    }

    /* ------------------------------------------------------------------ the save pipeline */

    /**
     * Whether the org would parse this record Id: 15 or 18 letters and digits, the 18-character form with its checksum
     * suffix. The preview's sample records keep their stable placeholder suffix (data/, docs/DECISIONS.md), so an Id the
     * store holds is accepted as it is written there.
     */
    private wellFormedId(id: string): boolean {
        return isWellFormedId(id) || this.leads.has(id) || [...this.others.values()].some((records) => records.has(id));
    }

    /** The stored Id of a record of `sobject` that this Id (15 or 18 characters) names, or null. */
    private existingId(sobject: string, id: string): string | null {
        if (sobject === 'Lead') return this.findLead(id)?.id ?? null;
        const records = this.others.get(sobject);
        if (!records) return null;
        if (records.has(id)) return id;
        if (id.length === 15) for (const key of records.keys()) if (key.slice(0, 15) === id) return key;
        if (id.length === 18) for (const key of records.keys()) if (key.slice(0, 15) === id.slice(0, 15)) return key;
        return null;
    }

    /** A lookup value: a well-formed Id (MALFORMED_ID) of the right object (FIELD_INTEGRITY_EXCEPTION) that exists (INVALID_CROSS_REFERENCE_KEY). */
    private lookupValue(field: LeadField, value: string): { value: unknown } | { error: RecordError } {
        const bad = (code: string, message: string) => ({ error: recordError(code, message, field) });
        if (!this.wellFormedId(value)) return bad('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value.slice(0, 40)}`);
        const target = this.referenceTo.get(field.name);
        if (!target) return bad('INVALID_FIELD_FOR_INSERT_UPDATE', `${field.label}: the preview does not know what this lookup points to.`);
        const prefix = KEY_PREFIXES[target] ?? [...(this.others.get(target)?.keys() ?? [])].map(keyPrefixOf)[0];
        if (prefix && keyPrefixOf(value) !== prefix)
            return bad(
                'FIELD_INTEGRITY_EXCEPTION',
                `${field.label}: id value of incorrect type: ${value} (a ${target} Id starts with ${prefix}, this one with ${keyPrefixOf(value)}).`
            );
        const existing = this.existingId(target, value);
        if (!existing)
            return bad('INVALID_CROSS_REFERENCE_KEY', `${field.label}: invalid cross reference id: no ${target} has the Id ${value}.`);
        return { value: existing };
    }

    /** A submitted field value checked and converted as the platform does, or the error it reports. */
    private coerce(field: LeadField, value: unknown): { value: unknown } | { error: RecordError } {
        const bad = (code: string, message: string) => ({ error: recordError(code, message, field) });
        const shown = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))).slice(0, 40);
        if (value === null || value === '') {
            if (REQUIRED_FIELDS.has(field.name)) return bad('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`);
            return { value: field.dataType === 'checkbox' ? false : null };
        }
        switch (field.dataType) {
            case 'text': {
                if (typeof value !== 'string') return bad('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value must be text.`);
                if (field.length !== null && value.length > field.length) {
                    return bad('STRING_TOO_LONG', `${field.label}: data value too large (max length=${field.length}).`);
                }
                if (field.metadataType === 'Email' && !EMAIL.test(value))
                    return bad('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`);
                if (field.metadataType === 'Lookup') return this.lookupValue(field, value);
                return { value };
            }
            case 'picklist': {
                if (typeof value !== 'string') return bad('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value must be text.`);
                const allowed = this.picklistEntries(field)?.map((e) => e.value);
                if (allowed && !allowed.includes(value))
                    return bad(
                        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        `${field.label}: bad value for restricted picklist field: ${value}`
                    );
                return { value };
            }
            case 'number': {
                const integer = uiDataType(field) === 'Int';
                const checked = checkNumber(value, { precision: field.precision ?? 18, scale: field.scale ?? 0, integer });
                if ('value' in checked) return checked;
                const digits = Math.max(0, (field.precision ?? 18) - (field.scale ?? 0));
                return checked.errorCode === 'NUMBER_OUTSIDE_VALID_RANGE'
                    ? bad(
                          checked.errorCode,
                          `${field.label}: value outside of valid range on numeric field: ${shown(value)} (at most ${digits} digits before the decimal point${integer ? ', up to 2,147,483,647' : ''}).`
                      )
                    : bad(
                          checked.errorCode,
                          `${field.label}: value not of required type: ${shown(value)} (${integer ? 'a whole number' : 'a decimal number'}, digits only).`
                      );
            }
            case 'checkbox':
                if (typeof value !== 'boolean')
                    return bad('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value must be true or false.`);
                return { value };
            case 'datetime': {
                const ms = typeof value === 'string' ? parseDateTime(value) : null;
                if (ms === null) {
                    return bad(
                        'INVALID_TYPE_ON_FIELD_IN_RECORD',
                        `${field.label}: value not of required type: ${shown(value)} (a real date and time between the years 1700 and 4000, as ISO 8601: 2026-05-04T09:30:00Z).`
                    );
                }
                return { value: new Date(ms).toISOString() };
            }
            case 'date':
                if (typeof value !== 'string' || calendarDate(value) === null)
                    return bad(
                        'INVALID_TYPE_ON_FIELD_IN_RECORD',
                        `${field.label}: value not of required type: ${shown(value)} (a real date between the years 1700 and 4000, YYYY-MM-DD).`
                    );
                return { value };
            default:
                return bad('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: the preview cannot store this type.`);
        }
    }

    /**
     * PATCH a lead, as `PATCH /ui-api/records/{id}` does. `ifUnmodifiedSince` is the If-Unmodified-Since header
     * (ISO 8601 or HTTP date); the body is `{ fields: { ... } }`.
     */
    updateRecord(userId: string, recordId: string, body: unknown, ifUnmodifiedSince?: string): ApiResult {
        try {
            const access = this.access.get(userId);
            if (!access) return notSignedIn();
            if (typeof recordId !== 'string' || !this.wellFormedId(recordId))
                return badRequest('MALFORMED_ID', `Invalid record id: ${String(recordId).slice(0, 40)}`);
            if (typeof body !== 'object' || body === null || Array.isArray(body))
                return badRequest('JSON_PARSER_ERROR', 'The request body must be a JSON object: { "fields": { ... } }.');
            const submitted = (body as { fields?: unknown }).fields;
            if (typeof submitted !== 'object' || submitted === null || Array.isArray(submitted)) {
                return badRequest('JSON_PARSER_ERROR', 'The request body needs "fields": an object of field API names to values.');
            }
            const lead = this.findLead(recordId);
            if (!lead || !access.object('Lead').read) return notFound();
            const now = this.clock();
            if (ifUnmodifiedSince !== undefined) {
                const since = parseSince(ifUnmodifiedSince);
                if (since === null)
                    return badRequest('INVALID_INPUT', `If-Unmodified-Since is not a date: ${ifUnmodifiedSince.slice(0, 60)}`);
                const modified = Date.parse(String(lead.values.LastModifiedDate));
                const modifiedAtPrecision = since.precision === 'second' ? Math.floor(modified / 1000) * 1000 : modified;
                if (modifiedAtPrecision > since.ms) {
                    const message = `The record has been modified since ${new Date(since.ms).toISOString()} (last modified ${new Date(modified).toISOString()} by ${this.user(String(lead.values.LastModifiedById))?.name ?? 'another user'}). Reload it and apply your changes again.`;
                    return {
                        status: 412,
                        body: recordErrorBody(
                            message,
                            [recordError('ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE_CHECK', message)],
                            {},
                            'ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE_CHECK'
                        )
                    };
                }
            }
            if (!access.object('Lead').edit) {
                const message = `${access.user.name} cannot edit Leads: none of their permission sets (${access.user.permissionSets.join(', ') || 'none'}) grants Edit on Lead.`;
                return { status: 403, body: recordErrorBody(message, [recordError('INSUFFICIENT_ACCESS_OR_READONLY', message)], {}) };
            }
            if (lead.values.IsConverted === true) {
                const message = 'You cannot update a converted lead.';
                return { status: 400, body: recordErrorBody(message, [recordError('CANNOT_UPDATE_CONVERTED_LEAD', message)], {}) };
            }
            // System validation: known, writable, well-typed fields.
            // Null-prototype maps: a submitted `__proto__` is a key like any other (refused below), never a prototype.
            const fieldErrors: Record<string, RecordError[]> = Object.create(null) as Record<string, RecordError[]>;
            const changes: Values = Object.create(null) as Values;
            for (const [name, value] of Object.entries(submitted as Record<string, unknown>)) {
                const field = this.meta.field(name);
                if (!field) {
                    fieldErrors[name] = [recordError('INVALID_FIELD', `No such column '${name}' on sobject of type Lead`)];
                    continue;
                }
                const writable =
                    !field.formula &&
                    !(!field.custom && READ_ONLY_STANDARD_FIELDS.has(field.name)) &&
                    access.canEdit('Lead', field.name, field.custom);
                if (!writable) {
                    fieldErrors[field.name] = [
                        recordError(
                            'INVALID_FIELD_FOR_INSERT_UPDATE',
                            `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
                            field
                        )
                    ];
                    continue;
                }
                const coerced = this.coerce(field, value);
                if ('error' in coerced) fieldErrors[field.name] = [coerced.error];
                else changes[field.name] = coerced.value;
            }
            if (Object.keys(fieldErrors).length) {
                return {
                    status: 400,
                    body: recordErrorBody('An error occurred while trying to update the record. Please try again.', [], fieldErrors)
                };
            }
            // The before-save flow, then the validation rules, then the write.
            const prior = lead.values;
            const next: Values = { ...prior, ...changes };
            const ctx: FormulaContext = { now, isNew: false, prior, permissions: access.customPermissions, userId: access.user.id };
            let stamped: Values;
            try {
                stamped = beforeSave(prior, next, ctx, this.meta);
            } catch (error) {
                if (!(error instanceof FlowError)) throw error;
                // The platform refuses the save when a before-save flow fails; nothing is written.
                const message = `The save was refused because a LeadGate flow failed: ${error.message}`;
                return { status: 400, body: recordErrorBody(message, [recordError('CANNOT_EXECUTE_FLOW_TRIGGER', message)], {}) };
            }
            const fired = runValidationRules(stamped, ctx, this.meta);
            if (fired.length) {
                const errors: RecordError[] = [];
                const byField: Record<string, RecordError[]> = {};
                for (const rule of fired) {
                    const message = rule.error
                        ? `${rule.message} (The preview could not evaluate rule ${rule.rule}: ${rule.error.message})`
                        : rule.message;
                    const field = rule.field ? this.meta.field(rule.field) : null;
                    const error = recordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', message, field);
                    if (field) (byField[field.name] ??= []).push(error);
                    else errors.push(error);
                }
                const first = fired[0]?.message ?? '';
                return { status: 400, body: recordErrorBody(first, errors, byField, 'FIELD_CUSTOM_VALIDATION_EXCEPTION') };
            }
            const previous = Date.parse(String(prior.LastModifiedDate)) || 0;
            const modified = new Date(Math.max(now.getTime(), previous + 1)).toISOString();
            for (const f of this.meta.formulaFields) delete stamped[f.name];
            stamped.LastModifiedDate = modified;
            stamped.SystemModstamp = modified;
            stamped.LastModifiedById = access.user.id;
            lead.values = stamped;
            if (this.alerts) {
                try {
                    this.runAfterSaveFlows(lead, prior, access.user.id, access.customPermissions, now);
                } catch (error) {
                    lead.values = prior; // an after-save flow that fails rolls the whole save back
                    const message = `The save was rolled back because a LeadGate flow failed: ${error instanceof Error ? error.message : String(error)}`;
                    return { status: 400, body: recordErrorBody(message, [recordError('CANNOT_EXECUTE_FLOW_TRIGGER', message)], {}) };
                }
            }
            return {
                status: 200,
                body: this.representation(
                    lead,
                    this.readableFields(access).map((f) => f.name),
                    now
                )
            };
        } catch (error) {
            return internalError(error);
        }
    }

    /**
     * A flow's Update Records on the saved lead (the alert stamp), saved as the platform saves it: the before-save
     * flow and validation rules run again (simulateSave), in system context (no field-level security). Throws when a
     * rule blocks it; the caller rolls the whole save back.
     */
    private saveFlowUpdate(
        lead: StoredLead,
        update: RecordUpdate,
        userId: string,
        permissions: ReadonlySet<string>,
        now: Date
    ): { record: Values; prior: Values } {
        if (update.object !== 'Lead' || update.id !== lead.id)
            throw new Error(`a flow updated ${update.object} ${update.id}; the preview saves only the lead being saved.`);
        const prior = lead.values;
        const result = simulateSave({ ...prior, ...update.fields }, { now, isNew: false, prior, permissions, userId }, this.meta);
        const blocked = result.blocked[0];
        if (blocked) throw new Error(`validation rule ${blocked.rule} blocked the flow's update: ${blocked.message}`);
        const values: Values = { ...result.record };
        for (const f of this.meta.formulaFields) delete values[f.name];
        lead.values = values;
        return { record: this.fullValues(lead, now), prior: { ...prior, Id: lead.id } };
    }

    /* ------------------------------------------------------------------ object info and picklists */

    private picklistEntries(field: LeadField): PicklistEntry[] | null {
        if (field.name === 'Status') return this.statusValues;
        return field.picklistValues?.map((v) => ({ value: v, label: v, isDefault: false })) ?? null;
    }

    objectInfo(userId: string, objectApiName: string): ApiResult {
        try {
            const access = this.access.get(userId);
            if (!access) return notSignedIn();
            if (objectApiName !== 'Lead') return notLeadObject(objectApiName);
            const lead = access.object('Lead');
            if (!lead.read) return noLeadAccess(access);
            const fields: Record<string, unknown> = {};
            for (const field of this.readableFields(access)) {
                const dataType = uiDataType(field);
                const reference = dataType === 'Reference';
                const target = this.referenceTo.get(field.name);
                const updateable =
                    !field.formula &&
                    !(!field.custom && READ_ONLY_STANDARD_FIELDS.has(field.name)) &&
                    access.canEdit('Lead', field.name, field.custom);
                fields[field.name] = {
                    apiName: field.name,
                    calculated: Boolean(field.formula),
                    compound: field.name === 'Name',
                    compoundFieldName: null,
                    controllerName: null,
                    controllingFields: [],
                    createable: updateable && lead.create,
                    custom: field.custom,
                    dataType,
                    extraTypeInfo: field.metadataType === 'TextArea' ? 'PlainTextArea' : null,
                    filterable: true,
                    highScaleNumber: false,
                    htmlFormatted: false,
                    inlineHelpText: field.inlineHelpText,
                    label: field.label,
                    length: field.length ?? 0,
                    nameField: field.name === 'Name',
                    polymorphicForeignKey: field.name === 'OwnerId',
                    precision: field.precision ?? 0,
                    reference,
                    referenceTargetField: null,
                    referenceToInfos: reference && target ? [{ apiName: target, nameFields: ['Name'] }] : [],
                    relationshipName: reference ? relationshipName(field.name) : null,
                    required: REQUIRED_FIELDS.has(field.name),
                    scale: field.scale ?? 0,
                    searchPrefilterable: false,
                    sortable: true,
                    unique: false,
                    updateable
                };
            }
            return {
                status: 200,
                body: {
                    apiName: 'Lead',
                    associateEntityType: null,
                    associateParentEntity: null,
                    childRelationships: [],
                    createable: lead.create,
                    custom: false,
                    defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
                    deletable: lead.delete,
                    dependentFields: {},
                    eTag: `Lead-${access.user.id}`,
                    feedEnabled: false,
                    fields,
                    keyPrefix: '00Q',
                    label: 'Lead',
                    labelPlural: 'Leads',
                    layoutable: true,
                    mruEnabled: true,
                    nameFields: ['Name', 'FirstName', 'LastName'],
                    queryable: true,
                    recordTypeInfos: {
                        [MASTER_RECORD_TYPE_ID]: {
                            available: true,
                            defaultRecordTypeMapping: true,
                            master: true,
                            name: 'Master',
                            recordTypeId: MASTER_RECORD_TYPE_ID
                        }
                    },
                    searchable: true,
                    themeInfo: { color: 'F88962', iconUrl: '/assets/slds/icons/standard/lead_120.png' },
                    updateable: lead.edit
                }
            };
        } catch (error) {
            return internalError(error);
        }
    }

    private picklistBody(field: LeadField) {
        const entries = this.picklistEntries(field) ?? [];
        const toValue = (e: PicklistEntry) => ({ attributes: null, label: e.label, validFor: [], value: e.value });
        const def = entries.find((e) => e.isDefault);
        return {
            controllerValues: {},
            defaultValue: def ? toValue(def) : null,
            eTag: `${field.name}-${entries.length}`,
            url: `/ui-api/object-info/Lead/picklist-values/${MASTER_RECORD_TYPE_ID}/${field.name}`,
            values: entries.map(toValue)
        };
    }

    picklistValues(userId: string, objectApiName: string, recordTypeId: string, fieldApiName?: string): ApiResult {
        try {
            const access = this.access.get(userId);
            if (!access) return notSignedIn();
            if (objectApiName !== 'Lead') return notLeadObject(objectApiName);
            if (!access.object('Lead').read) return noLeadAccess(access);
            if (!isWellFormedId(recordTypeId) || recordTypeId.slice(0, 15) !== MASTER_RECORD_TYPE_ID.slice(0, 15)) {
                return {
                    status: 404,
                    body: errorList(
                        'NOT_FOUND',
                        `Lead has no record type ${String(recordTypeId).slice(0, 40)}; the master record type is ${MASTER_RECORD_TYPE_ID}.`
                    )
                };
            }
            if (fieldApiName === undefined) {
                const picklistFieldValues: Record<string, unknown> = {};
                for (const field of this.readableFields(access))
                    if (field.dataType === 'picklist') picklistFieldValues[field.name] = this.picklistBody(field);
                return { status: 200, body: { eTag: `Lead-picklists-${access.user.id}`, picklistFieldValues } };
            }
            const field = this.meta.field(fieldApiName);
            if (!field || !access.canRead('Lead', field.name, field.custom))
                return { status: 404, body: errorList('NOT_FOUND', `Lead has no field ${fieldApiName} that you can read.`) };
            if (field.dataType !== 'picklist') return badRequest('INVALID_TYPE', `${field.name} is not a picklist.`);
            return { status: 200, body: this.picklistBody(field) };
        } catch (error) {
            return internalError(error);
        }
    }

    /* ------------------------------------------------------------------ lists and Apex */

    /**
     * Field values of every lead (for the list page and Apex handlers), stable order by id. Formula fields are
     * evaluated at the current minute, so that many reads in a row share one evaluation per lead.
     */
    allLeads(): Values[] {
        const now = new Date(Math.floor(this.clock().getTime() / 60_000) * 60_000);
        return [...this.leads.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((lead) => this.fullValues(lead, now));
    }

    /** Records of any seeded type, as Apex handlers read them (Lead values include formula fields). */
    records(sobject: string): Values[] {
        if (sobject === 'Lead') return this.allLeads();
        return [...(this.others.get(sobject)?.values() ?? [])].map((v) => ({ ...v }));
    }

    /** The stored rows of another object (by Id), for the preview's other emulated APIs (committee.ts); empty on first use. */
    table(sobject: string): Map<string, Values> {
        let rows = this.others.get(sobject);
        if (!rows) {
            rows = new Map();
            this.others.set(sobject, rows);
        }
        return rows;
    }

    /**
     * The after-save flows of one saved lead (the generated alert flows, through the interpreter); rows they update are
     * saved again with the org's automation (saveFlowUpdate). Every kind of save runs them the same way. Throws when a
     * flow fails; the caller rolls the save back.
     */
    private runAfterSaveFlows(lead: StoredLead, prior: Values, userId: string, permissions: ReadonlySet<string>, now: Date): void {
        this.alerts?.afterSave(this.fullValues(lead, now), { ...prior, Id: lead.id }, { id: userId, permissions }, now, (updates) =>
            updates.map((u) => this.saveFlowUpdate(lead, u, userId, permissions, now))
        );
    }

    /**
     * A Lead update made by server-side automation in system mode (LeadCommitteeCounts' recount): no field-level
     * security, but the before-save flow, the validation rules and the after-save flows run as in the org. A converted
     * lead is left alone (the org refuses to update it); a refusal comes back as the first rule's message.
     */
    systemUpdate(leadId: string, changes: Values, userId: string): { ok: true } | { ok: false; message: string } {
        const lead = this.findLead(leadId);
        const access = this.access.get(userId);
        if (!lead || !access || lead.values.IsConverted === true) return { ok: true };
        const now = this.clock();
        const prior = lead.values;
        const next: Values = { ...prior, ...changes };
        const ctx: FormulaContext = { now, isNew: false, prior, permissions: access.customPermissions, userId };
        let stamped: Values;
        try {
            stamped = beforeSave(prior, next, ctx, this.meta);
        } catch (error) {
            if (!(error instanceof FlowError)) throw error;
            return { ok: false, message: `The save was refused because a LeadGate flow failed: ${error.message}` };
        }
        const fired = runValidationRules(stamped, ctx, this.meta);
        if (fired.length) return { ok: false, message: fired[0]?.message ?? 'A validation rule refused the change.' };
        const previous = Date.parse(String(prior.LastModifiedDate)) || 0;
        const modified = new Date(Math.max(now.getTime(), previous + 1)).toISOString();
        for (const f of this.meta.formulaFields) delete stamped[f.name];
        stamped.LastModifiedDate = modified;
        stamped.SystemModstamp = modified;
        stamped.LastModifiedById = userId;
        lead.values = stamped;
        try {
            this.runAfterSaveFlows(lead, prior, userId, access.customPermissions, now);
        } catch (error) {
            lead.values = prior;
            return { ok: false, message: `A LeadGate flow failed: ${error instanceof Error ? error.message : String(error)}` };
        }
        return { ok: true };
    }

    /** The platform's side of a conversion (preview/server/conversion.ts): the lead is converted and points to what it became. */
    markConverted(leadId: string, into: { accountId: string; contactId: string; opportunityId: string }, userId: string): void {
        const lead = this.findLead(leadId);
        if (!lead) return;
        const now = this.clock();
        const modified = new Date(Math.max(now.getTime(), (Date.parse(String(lead.values.LastModifiedDate)) || 0) + 1)).toISOString();
        lead.values = {
            ...lead.values,
            IsConverted: true,
            Status: SQL_DEFINITION.stages.find((s) => s.key === 'Converted')?.status ?? 'Converted',
            ConvertedDate: modified.slice(0, 10),
            ConvertedAccountId: into.accountId,
            ConvertedContactId: into.contactId,
            ConvertedOpportunityId: into.opportunityId,
            LastModifiedDate: modified,
            SystemModstamp: modified,
            LastModifiedById: userId
        };
    }

    /** Stores a record of another object (the evidence reviews the preview creates: reviews.ts). */
    insertRecord(sobject: string, values: Values & { Id: string }): void {
        this.table(sobject).set(values.Id, { ...values });
    }

    /** The preview's clock. */
    now(): Date {
        return this.clock();
    }

    /** One lead's field values now (formula fields included), or null. */
    leadValues(id: string): Values | null {
        const lead = this.findLead(id);
        return lead ? this.fullValues(lead, this.clock()) : null;
    }

    /** A lead's owner as stored (no formula evaluated), or null when there is no such lead. */
    leadOwnerId(id: string): string | null {
        const owner = this.findLead(id)?.values.OwnerId;
        return typeof owner === 'string' ? owner : null;
    }

    leadName(id: string): string | null {
        const lead = this.findLead(id);
        return lead ? String(this.fullValues(lead, this.clock()).Name) : null;
    }
}

/** If-Unmodified-Since as ISO 8601 (millisecond precision) or an HTTP date (second precision). */
export function parseSince(header: string): { ms: number; precision: 'ms' | 'second' } | null {
    const value = header.trim();
    const ms = parseDateTime(value);
    if (ms !== null) return { ms, precision: 'ms' };
    if (/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value)) {
        const ms = Date.parse(value);
        return Number.isFinite(ms) ? { ms, precision: 'second' } : null;
    }
    return null;
}

function internalError(error: unknown): ApiResult {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: errorList('UNKNOWN_EXCEPTION', `The preview's Lead API failed: ${message}`) };
}
