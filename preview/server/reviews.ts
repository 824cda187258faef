/**
 * The evidence reviews in the preview's emulated UI API: createRecord for LeadGate_Evidence_Review__c
 * (POST /ui-api/records) and the Lead's related list of reviews (GET /ui-api/related-list-records/{leadId}/
 * LeadGate_Evidence_Reviews__r). Access follows the generated permission sets: create on the object and edit access to
 * each field set; the lead must be one the user can read; the object is Private, so a user reads a review they own
 * or, with View All on the object, every review. The object's validation rules are the generated ones (reviewProblem).
 */
import { EVIDENCE_REVIEW_FIELDS, EVIDENCE_REVIEW_OBJECT, REVIEW_OUTCOMES } from 'c/sqlDefinition';
import { reviewProblem } from '../../scripts/admin/generate/evidenceReview.ts';
import type { ApiResult, LeadStore } from './leadStore.ts';
import { errorList, recordError, recordErrorBody } from './representation.ts';
import type { Values } from './seed.ts';

export const REVIEW_RELATED_LIST = 'LeadGate_Evidence_Reviews__r';
const F = EVIDENCE_REVIEW_FIELDS;
/**
 * Fields a new review may carry: its custom fields (access by field permission), OwnerId (standard) and the required
 * Lead__c, which takes no field permission (the platform grants a required field to whoever may create the record).
 */
const SETTABLE: Readonly<Record<string, { custom: boolean }>> = {
    [F.lead]: { custom: false },
    [F.outcome]: { custom: true },
    [F.comment]: { custom: true },
    [F.definitionVersion]: { custom: true },
    OwnerId: { custom: false }
};
const LABELS: Readonly<Record<string, string>> = {
    [F.lead]: 'Lead',
    [F.outcome]: 'Outcome',
    [F.comment]: 'Comment',
    [F.definitionVersion]: 'Definition Version'
};
const MAX_COMMENT = 4000;
const MAX_VERSION = 20;

let sequence = 0;
const nextId = (): string => `a0R${String(++sequence).padStart(12, '0')}AAA`;

const fieldError = (field: string, code: string, message: string) => ({
    ...recordError(code, message),
    field,
    fieldLabel: LABELS[field] ?? field
});
const invalid = (field: string, code: string, message: string): ApiResult => ({
    status: 400,
    body: recordErrorBody(message, [], { [field]: [fieldError(field, code, message)] })
});

/** POST /ui-api/records: `{ apiName, fields }`. */
export function createReview(store: LeadStore, userId: string, body: unknown): ApiResult {
    const input = (typeof body === 'object' && body !== null ? body : {}) as { apiName?: unknown; fields?: unknown };
    if (input.apiName !== EVIDENCE_REVIEW_OBJECT)
        return {
            status: 400,
            body: errorList(
                'INVALID_TYPE',
                `The preview creates ${EVIDENCE_REVIEW_OBJECT} records only, not ${String(input.apiName).slice(0, 60)}.`
            )
        };
    const access = store.accessOf(userId);
    if (!access) return { status: 401, body: errorList('INVALID_SESSION_ID', 'Choose a preview user first.') };
    if (!access.object(EVIDENCE_REVIEW_OBJECT).create)
        return {
            status: 403,
            body: errorList(
                'INSUFFICIENT_ACCESS_OR_READONLY',
                `${access.user.name} may not create evidence reviews (it needs LeadGate_Manager).`
            )
        };
    const fields = (
        typeof input.fields === 'object' && input.fields !== null && !Array.isArray(input.fields) ? input.fields : {}
    ) as Record<string, unknown>;
    for (const [name, value] of Object.entries(fields)) {
        const settable = SETTABLE[name];
        if (!settable) return invalid(name, 'INVALID_FIELD', `No such column '${name.slice(0, 60)}' on ${EVIDENCE_REVIEW_OBJECT}.`);
        if (!access.canSetOnCreate(EVIDENCE_REVIEW_OBJECT, name, settable.custom))
            return invalid(name, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update field: ${name}.`);
        if (value !== null && typeof value !== 'string')
            return invalid(name, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${LABELS[name] ?? name}: a text value is expected.`);
    }
    const text = (name: string): string | null => {
        const v = fields[name];
        return typeof v === 'string' && v !== '' ? v : null;
    };
    const leadId = text(F.lead);
    if (!leadId) return invalid(F.lead, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Lead__c]');
    const lead = store.getRecord(userId, leadId, { fields: ['Lead.Id'] });
    if (lead.status !== 200)
        return invalid(
            F.lead,
            'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
            'insufficient access rights on cross-reference id: the lead is not one you can read.'
        );
    const record: Values & { Id: string } = {
        Id: nextId(),
        [F.lead]: leadId,
        [F.outcome]: text(F.outcome),
        [F.comment]: text(F.comment),
        [F.definitionVersion]: text(F.definitionVersion),
        OwnerId: text('OwnerId') ?? userId,
        CreatedById: userId,
        CreatedDate: store.now().toISOString()
    };
    const problem = reviewValueProblem(store, record);
    if (problem)
        return problem.code === 'FIELD_CUSTOM_VALIDATION_EXCEPTION'
            ? {
                  status: 400,
                  body: recordErrorBody(problem.message, [], {
                      [problem.field]: [fieldError(problem.field, problem.code, problem.message)]
                  })
              }
            : invalid(problem.field, problem.code, problem.message);
    record.Name = `ER-${String(store.records(EVIDENCE_REVIEW_OBJECT).length + 1).padStart(6, '0')}`;
    store.insertRecord(EVIDENCE_REVIEW_OBJECT, record);
    return { status: 201, body: representation(store, record, Object.keys(SETTABLE).concat(['Name', 'CreatedDate']), userId) };
}

/**
 * What the org refuses in a review's values, whoever saves it: the restricted Outcome picklist, the fields' lengths, an
 * owner who is no active user, and the object's validation rules. The first problem, or null.
 */
export function reviewValueProblem(store: LeadStore, record: Values): { field: string; code: string; message: string } | null {
    const text = (name: string): string => (typeof record[name] === 'string' ? (record[name] as string) : '');
    const outcome = text(F.outcome);
    if (outcome !== '' && !(Object.values(REVIEW_OUTCOMES) as string[]).includes(outcome))
        return {
            field: F.outcome,
            code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            message: `Outcome: bad value for restricted picklist field: ${outcome.slice(0, 40)}`
        };
    if (text(F.comment).length > MAX_COMMENT)
        return { field: F.comment, code: 'STRING_TOO_LONG', message: `Comment: data value too large (max length=${MAX_COMMENT})` };
    if (text(F.definitionVersion).length > MAX_VERSION)
        return {
            field: F.definitionVersion,
            code: 'STRING_TOO_LONG',
            message: `Definition Version: data value too large (max length=${MAX_VERSION})`
        };
    if (!store.user(text('OwnerId')))
        return {
            field: 'OwnerId',
            code: 'INVALID_CROSS_REFERENCE_KEY',
            message: 'Owner ID: id value of incorrect type or not an active user.'
        };
    const problem = reviewProblem(record);
    return problem ? { ...problem, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' } : null;
}

/**
 * The seeded reviews through the checks a saved review passes (reviewValueProblem), plus what the seed itself must
 * hold: a lead that exists, the lead's owner as the review's owner, and a reviewer who may create reviews. A failing
 * review is left out of the store, and each is named with what to fix.
 */
export function checkSeededReviews(store: LeadStore): string[] {
    const problems: string[] = [];
    const table = store.table(EVIDENCE_REVIEW_OBJECT);
    for (const [id, review] of [...table]) {
        const leadOwner = store.leadOwnerId(String(review[F.lead] ?? ''));
        const reviewer = String(review.CreatedById ?? '');
        const value = reviewValueProblem(store, review);
        const problem = !leadOwner
            ? `${F.lead} ${String(review[F.lead] ?? '(blank)').slice(0, 40)} is no sample lead`
            : review.OwnerId !== leadOwner
              ? `its owner is not the lead's owner (the rep reads their reviews)`
              : !store.accessOf(reviewer)?.object(EVIDENCE_REVIEW_OBJECT).create
                ? `its reviewer ${reviewer.slice(0, 20)} may not create evidence reviews (it needs LeadGate_Manager)`
                : value
                  ? value.message
                  : null;
        if (!problem) continue;
        table.delete(id);
        problems.push(
            `data/: the sample evidence review ${id} is left out: ${problem}. Fix: the sample-data generator (scripts/admin/sample-data/reviews.ts), then regenerate.`
        );
    }
    return problems;
}

/** A review as the UI API represents it, with the fields the user may read. */
export function representation(store: LeadStore, review: Values, fields: string[], userId: string) {
    const access = store.accessOf(userId);
    const out: Record<string, unknown> = {};
    for (const name of fields) {
        if (name === 'CreatedBy.Name') {
            const creator = store.user(String(review.CreatedById));
            out.CreatedBy = {
                value: creator ? { apiName: 'User', id: creator.id, fields: { Name: { value: creator.name, displayValue: null } } } : null,
                displayValue: creator?.name ?? null
            };
            continue;
        }
        const custom = name.endsWith('__c') && name !== F.lead;
        if (!access?.canRead(EVIDENCE_REVIEW_OBJECT, name, custom)) continue;
        const value = review[name] ?? null;
        out[name] = { value, displayValue: name === F.outcome ? value : null };
    }
    return {
        apiName: EVIDENCE_REVIEW_OBJECT,
        id: review.Id,
        fields: out,
        lastModifiedDate: review.CreatedDate,
        childRelationships: {},
        recordTypeId: null
    };
}

/** GET /ui-api/related-list-records/{leadId}/{relatedListId}?fields=: the lead's reviews the user may read, newest first. */
export function reviewRelatedList(
    store: LeadStore,
    userId: string,
    leadId: string,
    relatedListId: string,
    fieldsParam: string[]
): ApiResult {
    if (relatedListId !== REVIEW_RELATED_LIST)
        return { status: 404, body: errorList('NOT_FOUND', `The preview emulates the related list ${REVIEW_RELATED_LIST} only.`) };
    const lead = store.getRecord(userId, leadId, { fields: ['Lead.Id'] });
    if (lead.status !== 200) return lead;
    const access = store.accessOf(userId);
    const object = access?.object(EVIDENCE_REVIEW_OBJECT);
    if (!object?.read) return { status: 403, body: errorList('INSUFFICIENT_ACCESS', 'You cannot read evidence reviews.') };
    const fields = fieldsParam.map((f) => (f.startsWith(`${EVIDENCE_REVIEW_OBJECT}.`) ? f.slice(EVIDENCE_REVIEW_OBJECT.length + 1) : f));
    const rows = store
        .records(EVIDENCE_REVIEW_OBJECT)
        .filter((r) => r[F.lead] === leadId && (r.OwnerId === userId || object.viewAll))
        .sort((a, b) => String(b.CreatedDate).localeCompare(String(a.CreatedDate)));
    const records = rows.map((r) => representation(store, r, fields, userId));
    return {
        status: 200,
        body: {
            count: records.length,
            records,
            listReference: { relatedListId, parentObjectApiName: 'Lead' },
            pageSize: 50,
            nextPageToken: null
        }
    };
}
