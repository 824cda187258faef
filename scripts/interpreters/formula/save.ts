/**
 * One Lead save as the platform runs it, offline: the generated before-save flows (force-app/main/default/flows,
 * e.g. LeadGate_Lead_Stage_Stamps: stage stamps, Fit_Score__c, Qualification_Complete__c) run by the flow
 * interpreter (scripts/interpreters/flow), their formulas evaluated by this harness; then the validation rules;
 * then the formula fields of the saved record. Used by the formula tests and by the preview's emulated API.
 */
import { join } from 'node:path';
import { FlowError, runBeforeSave, type OrgData, type ParsedFlow } from '../flow/interpreter.ts';
import { loadBeforeSaveLeadFlows } from '../flow/runtime.ts';
import {
    computeFormulaFields,
    runValidationRules,
    type FiredRule,
    type FormulaContext,
    type FormulaError,
    type LeadMetadata,
    type LeadValues
} from './harness.ts';

/** Used for $User.Id and SQL_Qualified_By__c when the context names no user. */
export const DEFAULT_USER_ID = '005000000000042AAA';

const flowsOf = new WeakMap<LeadMetadata, ParsedFlow[]>();

/** The before-save Lead flows of the project `meta` was read from, parsed once per metadata load. */
export function beforeSaveFlows(meta: LeadMetadata): ParsedFlow[] {
    let flows = flowsOf.get(meta);
    if (!flows) {
        flows = loadBeforeSaveLeadFlows(join(meta.root, 'force-app', 'main', 'default', 'flows'));
        flowsOf.set(meta, flows);
    }
    return flows;
}

export interface BeforeSaveOptions {
    /** The flows to run (default: the project's before-save Lead flows, beforeSaveFlows(meta)). */
    flows?: readonly ParsedFlow[];
    /** Records a flow's lookups may find (default: none). */
    org?: OrgData;
}

/**
 * The record as the before-save flows leave it: `next` plus every field the flows assign. Each flow sees the
 * record as the previous one left it. Throws a FlowError when a flow fails (the platform then refuses the save).
 */
export function beforeSave(
    prior: LeadValues | null,
    next: LeadValues,
    ctx: FormulaContext,
    meta: LeadMetadata,
    options: BeforeSaveOptions = {}
): Record<string, unknown> {
    let record: Record<string, unknown> = { ...next };
    for (const flow of options.flows ?? beforeSaveFlows(meta)) {
        const result = runBeforeSave(flow, {
            record,
            prior,
            now: ctx.now,
            permissions: ctx.permissions,
            userId: ctx.userId || DEFAULT_USER_ID,
            org: options.org ?? {},
            meta
        });
        record = { ...record, ...result.recordWrites };
    }
    return record;
}

export interface SaveResult {
    /** The record as the platform would store it (before-save writes included), when no rule blocks. */
    record: Record<string, unknown>;
    /** Validation rules that block the save (empty when it succeeds). */
    blocked: FiredRule[];
    /** Formula field values of the saved record. */
    formulas: Record<string, unknown>;
    /** Flow formulas that could not be evaluated, by flow name (the save fails: record is then the submitted one). */
    flowErrors: Record<string, FormulaError>;
}

/** Runs one save: before-save flows, validation rules, formula fields. `ctx.prior` must be the stored record on an update. */
export function simulateSave(next: LeadValues, ctx: FormulaContext, meta: LeadMetadata): SaveResult {
    let record: Record<string, unknown>;
    const flowErrors: Record<string, FormulaError> = {};
    try {
        record = beforeSave(ctx.prior, next, ctx, meta);
    } catch (error) {
        if (!(error instanceof FlowError) || !error.formulaError) throw error;
        flowErrors[error.flow] = error.formulaError;
        record = { ...next };
    }
    return { record, blocked: runValidationRules(record, ctx, meta), formulas: computeFormulaFields(record, ctx, meta), flowErrors };
}
