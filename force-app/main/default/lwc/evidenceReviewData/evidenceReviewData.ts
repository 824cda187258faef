/**
 * The evidence review as data, for the manager's review queue (c/evidenceReview) and the rep's card on the lead
 * (c/leadEvidenceReviews): which fields they read, what an SQL in the queue shows, what a saved review says, and the
 * record a verdict becomes. Pure: no platform modules, so Jest tests it without wires.
 */
import {
    EVIDENCE_REVIEW_FIELDS,
    EVIDENCE_REVIEW_OBJECT,
    EVIDENCE_REVIEW_RELATIONSHIP,
    FIELDS,
    REVIEW_OUTCOMES,
    SQL_DEFINITION,
    evidenceField,
    statusField,
    type ReviewOutcome,
    type SqlDefinition
} from 'c/sqlDefinition';
import { fitEditedBeforeSql, frameworkOf, type LeadValues } from 'c/leadScoring';

/** The Lead's related list of reviews, as the UI API names it. */
export const REVIEW_RELATED_LIST = `${EVIDENCE_REVIEW_RELATIONSHIP}__r`;

const F = EVIDENCE_REVIEW_FIELDS;
/** Review fields the rep's card reads (qualified, for getRelatedListRecords). */
export const REVIEW_FIELDS: readonly string[] = [F.outcome, F.comment, F.definitionVersion, 'CreatedBy.Name', 'CreatedDate'].map(
    (f) => `${EVIDENCE_REVIEW_OBJECT}.${f}`
);

/** Lead fields the review queue reads for each SQL: who, scores and version at SQL, the fit-edit stamp and log, every criterion. */
export function queueLeadFields(def: SqlDefinition = SQL_DEFINITION): string[] {
    const criteria = def.frameworks.flatMap((f) => f.criteria.flatMap((c) => [statusField(c), evidenceField(c)]));
    return [
        'Name',
        'Company',
        'OwnerId',
        'Owner.Name',
        FIELDS.status,
        FIELDS.framework,
        FIELDS.sqlAt,
        FIELDS.fitAtSql,
        FIELDS.intentAtSql,
        FIELDS.definitionVersion,
        FIELDS.fitEditedByOwnerAt,
        FIELDS.fitEditsBeforeSql,
        ...new Set(criteria)
    ];
}

export interface CriterionEvidence {
    key: string;
    label: string;
    status: string;
    evidence: string;
}

export interface QueueItem {
    id: string;
    name: string;
    company: string;
    ownerId: string;
    ownerName: string;
    sqlAt: string | null;
    fitAtSql: number | null;
    intentAtSql: number | null;
    definitionVersion: string;
    /** Framework label, or '' when the lead names none. */
    framework: string;
    criteria: CriterionEvidence[];
    /** Hours between the owner's last fit-fact edit and SQL, when within the definition's window. */
    fitEditedHoursBeforeSql: number | null;
    /** The owner's fit-fact edits with their before and after values (Fit_Edits_Before_SQL__c), '' when not flagged. */
    fitEditsLog: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What the queue shows for one SQL, from the lead's field values (`Owner.Name` as a dotted key). */
export function queueItemOf(id: string, lead: LeadValues, def: SqlDefinition = SQL_DEFINITION): QueueItem {
    const framework = frameworkOf(lead[FIELDS.framework], def);
    const edit = fitEditedBeforeSql(lead, def);
    return {
        id,
        name: text(lead.Name),
        company: text(lead.Company),
        ownerId: text(lead.OwnerId),
        ownerName: text(lead['Owner.Name']),
        sqlAt: text(lead[FIELDS.sqlAt]) || null,
        fitAtSql: num(lead[FIELDS.fitAtSql]),
        intentAtSql: num(lead[FIELDS.intentAtSql]),
        definitionVersion: text(lead[FIELDS.definitionVersion]),
        framework: framework?.label ?? '',
        criteria: (framework?.criteria ?? []).map((c) => ({
            key: c.key,
            label: c.label,
            status: text(lead[statusField(c)]),
            evidence: text(lead[evidenceField(c)]).trim()
        })),
        fitEditedHoursBeforeSql: edit ? edit.hoursBeforeSql : null,
        // Shown under the flag only: edits outside the window are no finding.
        fitEditsLog: edit ? text(lead[FIELDS.fitEditsBeforeSql]) : ''
    };
}

/** Review fields the queue reads from the recent reviews list view (which SQLs already have a verdict). */
export const REVIEWED_LEAD_FIELDS: readonly string[] = [`${EVIDENCE_REVIEW_OBJECT}.${F.lead}`];

/** The leads that already have a review, from the recent reviews' records. */
export function reviewedLeadIds(records: readonly ReviewRecord[]): Set<string> {
    const ids = new Set<string>();
    for (const r of records) {
        const lead = r.fields[F.lead]?.value;
        if (typeof lead === 'string' && lead !== '') ids.add(lead);
    }
    return ids;
}

/**
 * The review backlog: the SQLs no manager has reviewed yet, oldest SQL first (the longest waiting at the top; leads
 * without an SQL stamp last). `keep` holds SQLs reviewed in this visit, which stay in place with their confirmation
 * until the queue loads again.
 */
export function awaitingReview(
    items: readonly QueueItem[],
    reviewed: ReadonlySet<string>,
    keep: ReadonlySet<string> = new Set()
): QueueItem[] {
    return items
        .filter((i) => keep.has(i.id) || !reviewed.has(i.id))
        .sort((a, b) => (a.sqlAt === null ? 1 : b.sqlAt === null ? -1 : a.sqlAt.localeCompare(b.sqlAt)));
}

export type ReviewInputResult =
    { ok: true; input: { apiName: string; fields: Record<string, unknown> } } | { ok: false; problem: 'noOutcome' | 'commentRequired' };

/**
 * The createRecord input for a verdict on `item`: owned by the lead's owner (so the rep reads it; docs/DECISIONS.md),
 * with the definition version the lead was qualified under and the comment trimmed. Refuses what the object's rules
 * refuse, before the round trip: no outcome, or Coach without a comment.
 */
export function reviewInput(
    item: Pick<QueueItem, 'id' | 'ownerId' | 'definitionVersion'>,
    outcome: unknown,
    comment: string
): ReviewInputResult {
    const values = Object.values(REVIEW_OUTCOMES) as string[];
    if (typeof outcome !== 'string' || !values.includes(outcome)) return { ok: false, problem: 'noOutcome' };
    const trimmed = comment.trim();
    if (outcome === REVIEW_OUTCOMES.coach && trimmed === '') return { ok: false, problem: 'commentRequired' };
    const fields: Record<string, unknown> = {
        [F.lead]: item.id,
        [F.outcome]: outcome,
        [F.comment]: trimmed === '' ? null : trimmed,
        [F.definitionVersion]: item.definitionVersion === '' ? null : item.definitionVersion
    };
    if (item.ownerId !== '') fields.OwnerId = item.ownerId;
    return { ok: true, input: { apiName: EVIDENCE_REVIEW_OBJECT, fields } };
}

export interface SavedReview {
    id: string;
    outcome: ReviewOutcome | null;
    /** The outcome as the org labels it. */
    outcomeLabel: string;
    comment: string;
    definitionVersion: string;
    reviewer: string;
    createdAt: string;
}

interface ReviewRecord {
    id: string;
    fields: Record<string, { value: unknown; displayValue?: string | null } | undefined>;
}

/** A Lead's reviews from its related list, newest first (history: every verdict is a row). */
export function reviewsOf(records: readonly ReviewRecord[]): SavedReview[] {
    const values = Object.values(REVIEW_OUTCOMES) as string[];
    return records
        .map((r) => {
            const outcome = r.fields[F.outcome]?.value;
            const createdBy = r.fields.CreatedBy?.value as { fields?: Record<string, { value: unknown } | undefined> } | null | undefined;
            return {
                id: r.id,
                outcome: typeof outcome === 'string' && values.includes(outcome) ? (outcome as ReviewOutcome) : null,
                outcomeLabel: r.fields[F.outcome]?.displayValue ?? text(outcome),
                comment: text(r.fields[F.comment]?.value),
                definitionVersion: text(r.fields[F.definitionVersion]?.value),
                reviewer: text(createdBy?.fields?.Name?.value),
                createdAt: text(r.fields.CreatedDate?.value)
            };
        })
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
