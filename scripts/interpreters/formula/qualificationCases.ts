/**
 * The shared table of qualification cases (data/qualification-cases.json) and how one case becomes a
 * save the platform would see: the prior record, the context, and the record as the before-save flow
 * leaves it (the generated before-save flow run by the flow interpreter: stage stamps, Fit_Score__c and
 * Qualification_Complete__c from its formulas).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowFormulaStamps, PROJECT_ROOT, type FormulaContext, type LeadMetadata, type LeadValues } from './harness.ts';
import { beforeSave, DEFAULT_USER_ID } from './save.ts';

export interface QualificationCase {
    name: string;
    summary: string;
    now: string;
    save: 'insert' | 'update';
    permissions: string[];
    /** For an update: the fields that differed before the save (the prior record is {...lead, ...prior}). */
    prior: Record<string, unknown> | null;
    lead: Record<string, unknown>;
    expected: {
        fit: number;
        intent: number;
        meetsBar: boolean;
        qualificationComplete: boolean;
        minutesToFirstAction: number | null;
        /** Minutes_To_Alert__c and Minutes_Alert_To_First_Action__c; absent means blank (the lead carries no Alerted_At__c). */
        minutesToAlert?: number | null;
        minutesAlertToFirstAction?: number | null;
        readinessBlockers: string[];
        rulesFire: string[];
        disqualifying?: Array<{ key: string; reason: string }>;
    };
}

export const CASES_FILE = join(PROJECT_ROOT, 'data', 'qualification-cases.json');
/** The segment formulas' case table: per segment, a source field value and the segment expected. */
export const SEGMENT_CASES_FILE = join(PROJECT_ROOT, 'data', 'segment-cases.json');
export interface SegmentCases {
    cases: Array<{ segment: string; value: unknown; expected: string }>;
}

export function loadQualificationCases(file: string = CASES_FILE): QualificationCase[] {
    return (JSON.parse(readFileSync(file, 'utf8')) as { cases: QualificationCase[] }).cases;
}

export const SAVING_USER_ID = DEFAULT_USER_ID;

export interface Save {
    prior: LeadValues | null;
    /** The record as saved: the lead plus what the before-save flow writes in this save. */
    record: LeadValues;
    ctx: FormulaContext;
}

/** The save a case describes: prior record, context and the record as the flow leaves it. */
export function saveOf(c: QualificationCase, meta: LeadMetadata, lead: LeadValues = c.lead): Save {
    const now = new Date(c.now);
    const isNew = c.save === 'insert';
    const submittedPrior = isNew ? null : { ...lead, ...(c.prior ?? {}) };
    const ctx: FormulaContext = { now, isNew, prior: null, permissions: new Set(c.permissions), userId: SAVING_USER_ID };
    // The prior record carries the fit its own save stamped.
    const prior = submittedPrior ? { ...submittedPrior, ...flowFormulaStamps(submittedPrior, ctx, meta) } : null;
    const withPrior: FormulaContext = { ...ctx, prior };
    const record = beforeSave(prior, lead, withPrior, meta);
    return { prior, record, ctx: withPrior };
}
