/**
 * The shared table of qualification cases (data/qualification-cases.json) and how one case becomes a
 * save the platform would see: the prior record, the context, and the record as the before-save flow
 * leaves it (the generated before-save flow run by the flow interpreter: stage stamps, Fit_Score__c and
 * Qualification_Complete__c from its formulas).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { resolveCaseTable, unresolvedProblem, type ResolvedCase, type StatedTable } from '../../admin/generate/qualificationCaseTable.ts';
import { flowFormulaStamps, PROJECT_ROOT, type FormulaContext, type LeadMetadata, type LeadValues } from './harness.ts';
import { beforeSave, DEFAULT_USER_ID } from './save.ts';

/** A case of the table resolved against the definition's bar: its lead scores the numbers it expects. */
export type QualificationCase = ResolvedCase;

export const CASES_FILE = join(PROJECT_ROOT, 'data', 'qualification-cases.json');
/** The segment formulas' case table: per segment, a source field value and the segment expected. */
export const SEGMENT_CASES_FILE = join(PROJECT_ROOT, 'data', 'segment-cases.json');
export interface SegmentCases {
    cases: Array<{ segment: string; value: unknown; expected: string }>;
}

/**
 * The table's cases resolved against `def` (scores stated against the bar become numbers; qualificationCaseTable.ts).
 * Throws, naming the cases, when the bar leaves some of them unable to resolve: a test must not run a shorter table.
 */
export function loadQualificationCases(file: string = CASES_FILE, def: SqlDefinition = SQL_DEFINITION): QualificationCase[] {
    const table = resolveCaseTable(JSON.parse(readFileSync(file, 'utf8')) as StatedTable, def);
    const problem = unresolvedProblem(table);
    if (problem) throw new Error(problem);
    return table.cases;
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
