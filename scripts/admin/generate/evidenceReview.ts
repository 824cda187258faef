/**
 * The evidence review (LeadGate_Evidence_Review__c): a manager's verdict on one SQL's evidence. The object, its lookup,
 * comment and version fields are hand-written under objects/LeadGate_Evidence_Review__c; the Outcome__c picklist and
 * the two validation rules are generated from REVIEW_OUTCOMES, the values the review queue writes and the dashboard
 * counts, so they cannot disagree. The preview applies the same rules (reviewProblem). Access is granted in permissionGrants.ts (EVIDENCE_REVIEW_FIELD_NAMES), not by the Lead matrix.
 */
import { EVIDENCE_REVIEW_FIELDS, EVIDENCE_REVIEW_OBJECT, REVIEW_OUTCOMES, type SqlDefinition } from 'c/sqlDefinition';
import { fieldXml, generatedNote, type LeadFieldSpec } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const EVIDENCE_REVIEW_FIELDS_DIR = `force-app/main/default/objects/${EVIDENCE_REVIEW_OBJECT}/fields`;

export function evidenceReviewFieldSpecs(): LeadFieldSpec[] {
    return [
        {
            object: EVIDENCE_REVIEW_OBJECT,
            name: EVIDENCE_REVIEW_FIELDS.outcome,
            label: 'Outcome',
            group: 'qualification',
            type: 'Picklist',
            trackHistory: false,
            values: [
                { value: REVIEW_OUTCOMES.holds, description: 'The evidence supports each criterion: nothing to coach.' },
                { value: REVIEW_OUTCOMES.coach, description: 'The evidence does not hold up; the comment says what to do next time.' }
            ],
            purpose: `The manager's verdict on the SQL's evidence. ${REVIEW_OUTCOMES.coach} needs a comment (validation rule LeadGate_Coach_Needs_Comment).`,
            help: `${REVIEW_OUTCOMES.holds}: the evidence supports each criterion. ${REVIEW_OUTCOMES.coach}: it does not; say what was missing in the comment.`,
            security: 'Internal'
        }
    ];
}

export const EVIDENCE_REVIEW_RULES_DIR = `force-app/main/default/objects/${EVIDENCE_REVIEW_OBJECT}/validationRules`;

export interface ReviewRule {
    name: string;
    description: string;
    /** The platform formula (errorConditionFormula). */
    formula: string;
    field: string;
    message: string;
    /** The same condition over a review as the preview holds it. */
    fails: (review: Readonly<Record<string, unknown>>) => boolean;
}

const blank = (v: unknown): boolean => v === null || v === undefined || v === '';

/** The review's validation rules, each as platform formula and as the preview's check. */
export function evidenceReviewRules(): ReviewRule[] {
    const F = EVIDENCE_REVIEW_FIELDS;
    return [
        {
            name: 'LeadGate_Review_Needs_Outcome',
            description: 'A review without an outcome says nothing; the dashboard counts outcomes.',
            formula: `ISBLANK(TEXT(${F.outcome}))`,
            field: F.outcome,
            message: `Choose an outcome: ${REVIEW_OUTCOMES.holds} or ${REVIEW_OUTCOMES.coach}.`,
            fails: (r) => blank(r[F.outcome])
        },
        {
            name: 'LeadGate_Coach_Needs_Comment',
            description: 'A Coach review must say what to coach: the rep reads the comment on the lead.',
            // ISBLANK is what long text areas allow; the queue trims the comment before it saves.
            formula: `AND(ISPICKVAL(${F.outcome}, '${REVIEW_OUTCOMES.coach}'), ISBLANK(${F.comment}))`,
            field: F.comment,
            message: `Say what to coach: a ${REVIEW_OUTCOMES.coach} review needs a comment the rep can act on.`,
            fails: (r) => r[F.outcome] === REVIEW_OUTCOMES.coach && blank(r[F.comment])
        }
    ];
}

/** The first rule a review breaks, as the platform reports it, or null. */
export function reviewProblem(review: Readonly<Record<string, unknown>>): { field: string; message: string } | null {
    const rule = evidenceReviewRules().find((r) => r.fails(review));
    return rule ? { field: rule.field, message: rule.message } : null;
}

export function generateEvidenceReview(def: SqlDefinition): { files: GeneratedFile[] } {
    return {
        files: [
            ...evidenceReviewFieldSpecs().map((spec) => ({
                path: `${EVIDENCE_REVIEW_FIELDS_DIR}/${spec.name}.field-meta.xml`,
                content: xmlDocument(fieldXml(spec, def))
            })),
            ...evidenceReviewRules().map((rule) => ({
                path: `${EVIDENCE_REVIEW_RULES_DIR}/${rule.name}.validationRule-meta.xml`,
                content: xmlDocument(
                    node(
                        'ValidationRule',
                        leaf('fullName', rule.name),
                        leaf('active', true),
                        leaf('description', `${generatedNote(def)} ${rule.description}`),
                        leaf('errorConditionFormula', rule.formula),
                        leaf('errorDisplayField', rule.field),
                        leaf('errorMessage', rule.message)
                    )
                )
            }))
        ]
    };
}
