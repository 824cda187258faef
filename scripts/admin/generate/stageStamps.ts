/**
 * The generator's reading of the definition for the before-save flow LeadGate_Lead_Stage_Stamps (flow.ts): which
 * stages are stamped and the ways a lead enters each. There is no TypeScript copy of the flow: the preview and the
 * formula tests run the generated XML through the shared flow interpreter (scripts/interpreters/flow), and
 * stageStamps.test.ts checks that XML, interpreted, against the spec for every status transition.
 *
 * What the flow does, in order:
 * 1. Fit_Score__c, Qualification_Complete__c and each segment's Text field: stamped on every save (scoreLead's fit,
 *    leadScoring's qualificationComplete and segmentOf; see formulas.ts).
 * 2. For each stage with a stampField (MQL, SAL, SQL, Rejected by default): when the lead enters the stage
 *    (created with that Status, or Status changed to it) and the stamp is still blank, stamp now. Entering SQL
 *    also stamps SQL_Qualified_By__c with the saving user, Definition_Version__c with the definition's version, and
 *    Fit_At_SQL__c and Intent_At_SQL__c with the scores of that save (fit as stamped in 1., intent from the signals
 *    as of now, by the same rules as Intent_Score__c). First entry only: a stamp is never overwritten, and a
 *    lead that already sat in a stage before LeadGate was installed is not stamped by an unrelated edit.
 * 2a. Fit_Edited_By_Owner_At__c (checked before 2., so SQL_At__c is still as submitted): on an update by the lead's
 *    owner ($User.Id equals OwnerId) that changes a field a fit rule reads (fitInputFields: Title, Industry, ...)
 *    while SQL_At__c is blank, stamp now; every such save moves it, so it holds the owner's latest edit before SQL.
 *    An edit in the very save that qualifies counts (the rep who pumps Title and qualifies at once). Creating a
 *    lead is not an edit. The same decision (one per fit fact) logs the change in Fit_Edits_Before_SQL__c:
 *    `Label: before -> after` first, replacing that field's older entry, cut at 255 characters (FIT_EDIT_LOG in
 *    c/leadScoring; readFitEdits reads it).
 * 3. First_Action_At__c: when the lead enters a stage marked firstAction (Sales Accepted or Rejected), the lead
 *    has an MQL_At__c, and First_Action_At__c is blank, stamp now.
 *
 * A rejection that recycles: a rejection reason may send the lead to another stage instead of Rejected (by default
 * No Budget, No Authority, Bad Timing and Unresponsive go to Nurture). Entering such a recycle stage WITH a
 * Rejection_Reason__c counts as entering Rejected for 2. and 3.: it stamps Rejected_At__c (first entry only) and,
 * after MQL, First_Action_At__c. Entering it without a reason (marketing recycling on its own) does not.
 * `stageEntries` lists these ways in; the flow has one decision outcome per entry.
 */
import { fitInputFields } from 'c/leadScoring';
import type { SqlDefinition, Stage } from 'c/sqlDefinition';

/** One way of entering a stage: Status becomes `status` (it was not before), and, if `withRejectionReason`, Rejection_Reason__c is set. */
export interface StageEntry {
    status: string;
    withRejectionReason: boolean;
}

/**
 * The ways a lead enters `stage`, as the flow checks them: its own Status value; for the Rejected stage also each
 * stage a rejection reason recycles to (Nurture by default), entered with a rejection reason.
 */
export function stageEntries(stage: Stage, def: SqlDefinition): StageEntry[] {
    const entries: StageEntry[] = [{ status: stage.status, withRejectionReason: false }];
    if (stage.key !== 'Rejected') return entries;
    for (const key of new Set(def.rejectionReasons.map((r) => r.recyclesTo))) {
        const target = def.stages.find((s) => s.key === key);
        if (!target) throw new Error(`Rejection reasons recycle to stage ${key}, which the SQL definition does not have`);
        if (!entries.some((e) => e.status === target.status)) entries.push({ status: target.status, withRejectionReason: true });
    }
    return entries;
}

/** The fields whose change by the owner before SQL stamps Fit_Edited_By_Owner_At__c: each field a fit rule reads. */
export function fitFactFields(def: SqlDefinition): string[] {
    return fitInputFields(def).map((f) => f.field);
}

/** Stages the flow stamps, in the order the flow checks them. */
export function stampedStages(def: SqlDefinition): Array<Stage & { stampField: string }> {
    return def.stages.filter((s): s is Stage & { stampField: string } => Boolean(s.stampField));
}
