/**
 * One Lead save as the platform runs it, offline: the before-save flow (stage stamps, mirrored by
 * scripts/admin/generate/stageStamps.ts, and every formula the flow assigns, such as Fit_Score__c, evaluated
 * from the generated flow XML), then the validation rules, then the formula fields of the saved record.
 * Used by the formula tests and available to the preview's emulated API.
 */
import { stampStages } from '../../admin/generate/stageStamps.ts';
import {
    computeFormulaFields,
    flowFormulaStamps,
    isFormulaError,
    runValidationRules,
    type FiredRule,
    type FormulaContext,
    type FormulaError,
    type LeadMetadata,
    type LeadValues
} from './harness.ts';

/** Used for $User.Id and SQL_Qualified_By__c when the context names no user. */
export const DEFAULT_USER_ID = '005000000000042AAA';

/**
 * The record as the before-save flow leaves it: `next` plus the stage stamps and the flow's formula
 * assignments. A flow formula that cannot be evaluated is returned as the FormulaError in its field.
 */
export function beforeSave(prior: LeadValues | null, next: LeadValues, ctx: FormulaContext, meta: LeadMetadata): Record<string, unknown> {
    const stamps = stampStages(prior, next, { now: ctx.now, userId: ctx.userId ?? DEFAULT_USER_ID });
    return { ...next, ...stamps, ...flowFormulaStamps(next, ctx, meta) };
}

export interface SaveResult {
    /** The record as the platform would store it (before-save writes included), when no rule blocks. */
    record: Record<string, unknown>;
    /** Validation rules that block the save (empty when it succeeds). */
    blocked: FiredRule[];
    /** Formula field values of the saved record. */
    formulas: Record<string, unknown>;
    /** Flow formulas that could not be evaluated, by the field they assign. */
    flowErrors: Record<string, FormulaError>;
}

/** Runs one save: before-save flow, validation rules, formula fields. `ctx.prior` must be the stored record on an update. */
export function simulateSave(next: LeadValues, ctx: FormulaContext, meta: LeadMetadata): SaveResult {
    const record = beforeSave(ctx.prior, next, ctx, meta);
    const flowErrors: Record<string, FormulaError> = {};
    for (const [field, value] of Object.entries(record)) if (isFormulaError(value)) flowErrors[field] = value;
    return { record, blocked: runValidationRules(record, ctx, meta), formulas: computeFormulaFields(record, ctx, meta), flowErrors };
}
