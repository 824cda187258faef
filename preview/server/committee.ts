/**
 * The emulated UI API for the buying committee (LeadGate_Committee_Member__c), what c/leadBuyingCommittee calls:
 * - createRecord (POST /ui-api/records) and deleteRecord (DELETE /ui-api/records/{id}) of a person, with the object's
 *   permissions and field-level security, required Name, text lengths, the Email shape and the restricted Role picklist;
 * - getRelatedListRecords (GET /ui-api/related-list-records/{leadId}/LeadGate_Committee_Members__r?fields=&sortBy=).
 * After each change the lead's count fields are recounted as the trigger handler LeadCommitteeCounts does in the org,
 * with c/buyingCommittee committeeCounts (the case table data/committee-count-cases.json holds both to the same
 * numbers), written in system mode through the lead's save pipeline; a lead the rules refuse refuses the change.
 *
 * Sharing: the object is Private in the org; the preview emulates no record sharing (as for Leads, Public Read/Write),
 * so everyone who can read the lead and the object sees its whole committee (docs/DECISIONS.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { COMMITTEE_FIELDS, COMMITTEE_OBJECT, SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { committeeCounts } from 'c/buyingCommittee';
import type { ApiResult, LeadStore } from './leadStore.ts';
import { errorList, recordError, recordErrorBody, type RecordError } from './representation.ts';
import { idSuffix, keyPrefixOf } from './platformValues.ts';
import type { Values } from './seed.ts';

/** The related list of a Lead that holds its committee (the Lead__c lookup's relationship name). */
export const COMMITTEE_RELATED_LIST = 'LeadGate_Committee_Members__r';
/** The key prefix the preview gives committee rows (an org assigns its own to a custom object). */
export const COMMITTEE_KEY_PREFIX = 'a0C';
/** The standard Name field of a custom object holds 80 characters. */
const NAME_LENGTH = 80;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CommitteeField {
    name: string;
    label: string;
    type: string;
    length: number | null;
    custom: boolean;
}

/** The object's fields as deployed: the Name field plus every field file under objects/LeadGate_Committee_Member__c. */
export function loadCommitteeFields(root: string): Map<string, CommitteeField> {
    const dir = join(root, 'force-app/main/default/objects', COMMITTEE_OBJECT, 'fields');
    const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
    const fields = new Map<string, CommitteeField>([
        ['Name', { name: 'Name', label: 'Name', type: 'Text', length: NAME_LENGTH, custom: false }]
    ]);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.field-meta.xml'))) {
        const f = (xml.parse(readFileSync(join(dir, file), 'utf8')) as { CustomField: Record<string, unknown> }).CustomField;
        const name = String(f.fullName);
        fields.set(name, {
            name,
            label: String(f.label ?? name),
            type: String(f.type ?? 'Text'),
            length: f.length === undefined ? null : Number(f.length),
            custom: true
        });
    }
    return fields;
}

const fieldError = (field: CommitteeField, errorCode: string, message: string): RecordError => ({
    ...recordError(errorCode, message),
    field: field.name,
    fieldLabel: field.label
});

const refused = (status: number, message: string, errorCode: string, fieldErrors: Record<string, RecordError[]> = {}): ApiResult => ({
    status,
    body: recordErrorBody(message, Object.keys(fieldErrors).length ? [] : [recordError(errorCode, message)], fieldErrors, errorCode)
});

export class CommitteeApi {
    private sequence = 0;

    constructor(
        private readonly store: LeadStore,
        private readonly fields: ReadonlyMap<string, CommitteeField>,
        private readonly def: SqlDefinition = SQL_DEFINITION,
        private readonly clock: () => Date = () => new Date()
    ) {}

    private get rows(): Map<string, Values> {
        return this.store.table(COMMITTEE_OBJECT);
    }

    /** Whether an Id names a committee row (the UI API routes records by their key prefix). */
    static owns(id: string): boolean {
        return keyPrefixOf(id) === COMMITTEE_KEY_PREFIX;
    }

    private newId(): string {
        let id: string;
        do {
            this.sequence++;
            const id15 = `${COMMITTEE_KEY_PREFIX}${String(this.sequence).padStart(12, '0')}`;
            id = id15 + idSuffix(id15);
        } while (this.rows.has(id));
        return id;
    }

    /** The UI API record representation of one row, with the readable fields asked for. */
    private representation(id: string, values: Values, names: readonly string[]) {
        const fields: Record<string, { value: unknown; displayValue: string | null }> = {};
        for (const name of names) if (this.fields.has(name)) fields[name] = { value: values[name] ?? null, displayValue: null };
        return {
            apiName: COMMITTEE_OBJECT,
            id,
            childRelationships: {},
            fields,
            lastModifiedDate: values.LastModifiedDate ?? null,
            systemModstamp: values.LastModifiedDate ?? null,
            recordTypeId: null
        };
    }

    private readable(userId: string): string[] {
        const access = this.store.accessOf(userId);
        if (!access) return [];
        return [...this.fields.values()].filter((f) => access.canRead(COMMITTEE_OBJECT, f.name, f.custom)).map((f) => f.name);
    }

    /** POST /ui-api/records for a committee row: `{ apiName, fields }`. */
    create(userId: string, body: unknown): ApiResult {
        const access = this.store.accessOf(userId);
        if (!access)
            return {
                status: 401,
                body: errorList('INVALID_SESSION_ID', 'No preview user is signed in: choose one with the user switcher.')
            };
        const input = body as { apiName?: unknown; fields?: unknown } | null;
        if (
            typeof input !== 'object' ||
            input === null ||
            typeof input.fields !== 'object' ||
            input.fields === null ||
            Array.isArray(input.fields)
        )
            return { status: 400, body: errorList('JSON_PARSER_ERROR', 'The request body needs "apiName" and "fields": { ... }.') };
        if (input.apiName !== COMMITTEE_OBJECT)
            return {
                status: 400,
                body: errorList(
                    'NOT_SUPPORTED',
                    `The preview creates ${COMMITTEE_OBJECT} records only, not ${String(input.apiName).slice(0, 40)}.`
                )
            };
        if (!access.object(COMMITTEE_OBJECT).create) {
            const message = `${access.user.name} cannot add people to a buying committee: none of their permission sets grants Create on ${COMMITTEE_OBJECT}.`;
            return refused(403, message, 'INSUFFICIENT_ACCESS_OR_READONLY');
        }
        const fieldErrors: Record<string, RecordError[]> = {};
        const values: Values = {};
        for (const [name, raw] of Object.entries(input.fields as Record<string, unknown>)) {
            const field = this.fields.get(name);
            if (!field) {
                fieldErrors[name] = [
                    recordError('INVALID_FIELD', `No such column '${name.slice(0, 60)}' on sobject of type ${COMMITTEE_OBJECT}`)
                ];
                continue;
            }
            if (
                !(field.custom ? access.canEdit(COMMITTEE_OBJECT, name, true) : field.name === 'Name') ||
                name === COMMITTEE_FIELDS.opportunity ||
                name === COMMITTEE_FIELDS.conversionError
            ) {
                fieldErrors[name] = [
                    fieldError(
                        field,
                        'INVALID_FIELD_FOR_INSERT_UPDATE',
                        `Unable to create/update fields: ${name}. Check the field's security settings.`
                    )
                ];
                continue;
            }
            const value = typeof raw === 'string' ? (raw.trim() === '' ? null : raw) : raw;
            if (value !== null && typeof value !== 'string') {
                fieldErrors[name] = [fieldError(field, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: expected text.`)];
                continue;
            }
            if (value !== null && field.length !== null && value.length > field.length) {
                fieldErrors[name] = [
                    fieldError(field, 'STRING_TOO_LONG', `${field.label}: data value too large (max length=${field.length})`)
                ];
                continue;
            }
            if (value !== null && field.type === 'Email' && !EMAIL.test(value)) {
                fieldErrors[name] = [
                    fieldError(field, 'INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value.slice(0, 80)}`)
                ];
                continue;
            }
            if (value !== null && name === COMMITTEE_FIELDS.role && !this.def.committee.roles.some((r) => r.label === value)) {
                fieldErrors[name] = [
                    fieldError(
                        field,
                        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                        `${field.label}: bad value for restricted picklist field: ${value.slice(0, 40)}`
                    )
                ];
                continue;
            }
            values[name] = value;
        }
        const nameField = this.fields.get('Name') as CommitteeField;
        if (!fieldErrors.Name && (values.Name ?? null) === null)
            fieldErrors.Name = [fieldError(nameField, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]')];
        const leadId = values[COMMITTEE_FIELDS.lead];
        const leadField = this.fields.get(COMMITTEE_FIELDS.lead) as CommitteeField;
        if (!fieldErrors[COMMITTEE_FIELDS.lead] && leadId !== null && leadId !== undefined) {
            const lead = typeof leadId === 'string' ? this.store.leadValues(leadId) : null;
            if (!lead)
                fieldErrors[COMMITTEE_FIELDS.lead] = [
                    fieldError(
                        leadField,
                        'FIELD_INTEGRITY_EXCEPTION',
                        `${leadField.label}: id value of incorrect type: ${String(leadId).slice(0, 40)}`
                    )
                ];
            else values[COMMITTEE_FIELDS.lead] = lead.Id;
        }
        if (Object.keys(fieldErrors).length)
            return refused(400, 'An error occurred while trying to create the record. Please try again.', 'INVALID_INPUT', fieldErrors);

        const id = this.newId();
        const now = this.clock().toISOString();
        const row: Values = { ...values, Id: id, OwnerId: userId, CreatedDate: now, LastModifiedDate: now, CreatedById: userId };
        this.rows.set(id, row);
        const recount = this.recount(row[COMMITTEE_FIELDS.lead], userId);
        if (recount) {
            this.rows.delete(id); // the trigger's addError rolls the insert back
            return refused(400, recount, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        }
        return { status: 201, body: this.representation(id, row, this.readable(userId)) };
    }

    /** DELETE /ui-api/records/{id} of a committee row. */
    delete(userId: string, id: string): ApiResult {
        const access = this.store.accessOf(userId);
        if (!access)
            return {
                status: 401,
                body: errorList('INVALID_SESSION_ID', 'No preview user is signed in: choose one with the user switcher.')
            };
        const row = this.rows.get(id);
        if (!row || !access.object(COMMITTEE_OBJECT).read)
            return { status: 404, body: errorList('NOT_FOUND', 'The requested resource does not exist') };
        if (!access.object(COMMITTEE_OBJECT).delete) {
            const message = `${access.user.name} cannot remove people from a buying committee: none of their permission sets grants Delete on ${COMMITTEE_OBJECT}.`;
            return refused(403, message, 'INSUFFICIENT_ACCESS_OR_READONLY');
        }
        this.rows.delete(id);
        const recount = this.recount(row[COMMITTEE_FIELDS.lead], userId);
        if (recount) {
            this.rows.set(id, row);
            return refused(400, recount, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        }
        return { status: 204, body: null };
    }

    /** GET the related list of a lead's committee, sorted by the `sortBy` fields (`-Field` descending). */
    relatedList(userId: string, parentId: string, relatedListId: string, params: { fields: string[]; sortBy: string[] }): ApiResult {
        const access = this.store.accessOf(userId);
        if (!access)
            return {
                status: 401,
                body: errorList('INVALID_SESSION_ID', 'No preview user is signed in: choose one with the user switcher.')
            };
        if (relatedListId !== COMMITTEE_RELATED_LIST)
            return {
                status: 404,
                body: errorList(
                    'NOT_FOUND',
                    `The preview emulates the related list ${COMMITTEE_RELATED_LIST} only, not ${relatedListId.slice(0, 60)}.`
                )
            };
        // The committee of a lead, or of the Opportunity it was carried to (the Opportunity__c lookup's related list).
        const opportunity = this.store.table('Opportunity').get(parentId);
        const lead = opportunity ? null : this.store.leadValues(parentId);
        const parent = opportunity
            ? { object: 'Opportunity', id: String(opportunity.Id), lookup: COMMITTEE_FIELDS.opportunity }
            : lead
              ? { object: 'Lead', id: String(lead.Id), lookup: COMMITTEE_FIELDS.lead }
              : null;
        if (!parent || !access.object(parent.object).read)
            return { status: 404, body: errorList('NOT_FOUND', 'The requested resource does not exist') };
        if (!access.object(COMMITTEE_OBJECT).read)
            return { status: 403, body: errorList('INSUFFICIENT_ACCESS', `${access.user.name} cannot read ${COMMITTEE_OBJECT}.`) };
        const strip = (f: string): string => f.replace(/^-/, '').replace(`${COMMITTEE_OBJECT}.`, '');
        const readable = new Set(this.readable(userId));
        const names = ['Id', ...params.fields.map(strip)].filter((n) => n === 'Id' || readable.has(n));
        const sorts = params.sortBy.map((s) => ({ field: strip(s), dir: s.startsWith('-') ? -1 : 1 }));
        const people = [...this.rows.values()]
            .filter((r) => r[parent.lookup] === parent.id)
            .sort((a, b) => {
                for (const { field, dir } of sorts) {
                    const x = String(a[field] ?? '');
                    const y = String(b[field] ?? '');
                    if (x !== y) return x.localeCompare(y) * dir;
                }
                return String(a.Id).localeCompare(String(b.Id));
            });
        return {
            status: 200,
            body: {
                count: people.length,
                currentPageToken: null,
                nextPageToken: null,
                previousPageToken: null,
                listReference: { parentObjectApiName: parent.object, relatedListId, recordId: parent.id },
                records: people.map((r) => this.representation(String(r.Id), r, names))
            }
        };
    }

    /** Every committee row of a lead (Role__c values), for the conversion and the tests. */
    roleValues(leadId: string): Array<string | null> {
        return [...this.rows.values()]
            .filter((r) => r[COMMITTEE_FIELDS.lead] === leadId)
            .map((r) => (r[COMMITTEE_FIELDS.role] as string | null) ?? null);
    }

    /** LeadCommitteeCounts.recount for one lead: null when written, else the message that refused it. */
    private recount(leadId: unknown, userId: string): string | null {
        if (typeof leadId !== 'string') return null;
        const result = this.store.systemUpdate(leadId, committeeCounts(this.roleValues(leadId), this.def), userId);
        return result.ok ? null : result.message;
    }
}

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
let projectFields: Map<string, CommitteeField> | null = null;
const apis = new WeakMap<LeadStore, CommitteeApi>();

/** The committee API over a store (one per store, so a reset of the preview's data starts an empty committee). */
export function committeeApiFor(store: LeadStore): CommitteeApi {
    let api = apis.get(store);
    if (!api) {
        projectFields ??= loadCommitteeFields(PROJECT_ROOT);
        api = new CommitteeApi(store, projectFields);
        apis.set(store, api);
    }
    return api;
}
