/**
 * The TypeScript mirror of the generated before-save flow LeadGate_Lead_Stage_Stamps (flow.ts): given the
 * record before and after a save, the field values the flow writes into the save. The local preview's
 * emulated API calls it on every save, and the formula harness applies it before validation rules (on the
 * platform, before-save flows run before validation rules). stageStamps.test.ts checks the generated flow
 * XML against this function, so the two cannot drift apart.
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
 * 3. First_Action_At__c: when the lead enters a stage marked firstAction (Sales Accepted or Rejected), the lead
 *    has an MQL_At__c, and First_Action_At__c is blank, stamp now.
 *
 * A rejection that recycles: a rejection reason may send the lead to another stage instead of Rejected (by default
 * No Budget, No Authority, Bad Timing and Unresponsive go to Nurture). Entering such a recycle stage WITH a
 * Rejection_Reason__c counts as entering Rejected for 2. and 3.: it stamps Rejected_At__c (first entry only) and,
 * after MQL, First_Action_At__c. Entering it without a reason (marketing recycling on its own) does not.
 * `stageEntries` lists these ways in; the flow has one decision outcome per entry.
 */
import { qualificationComplete, scoreLead, segmentOf, type LeadValues } from 'c/leadScoring';
import { FIELDS, SQL_DEFINITION, type SqlDefinition, type Stage } from 'c/sqlDefinition';

export interface StampContext {
    now: Date;
    /** The saving user's Id ($User.Id in the flow). */
    userId: string;
}

const isBlank = (value: unknown): boolean => value === null || value === undefined || value === '';

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

/** Stages the flow stamps, in the order the flow checks them. */
export function stampedStages(def: SqlDefinition): Array<Stage & { stampField: string }> {
    return def.stages.filter((s): s is Stage & { stampField: string } => Boolean(s.stampField));
}

/**
 * The values the before-save flow writes for this save. `prior` is the record before the save (null on create),
 * `next` the record as submitted. Returns only the fields the flow sets; merge them over `next` to get the saved record.
 */
export function stampStages(
    prior: LeadValues | null,
    next: LeadValues,
    ctx: StampContext,
    def: SqlDefinition = SQL_DEFINITION
): Record<string, unknown> {
    const writes: Record<string, unknown> = {};
    const current = (name: string): unknown => (name in writes ? writes[name] : next[name]);
    const nowIso = ctx.now.toISOString();
    const status = next[FIELDS.status];
    const priorStatus = prior ? prior[FIELDS.status] : null;
    const hasReason = !isBlank(next[FIELDS.rejectionReason]);
    const entering = (stage: Stage): boolean =>
        stageEntries(stage, def).some((e) => status === e.status && priorStatus !== e.status && (!e.withRejectionReason || hasReason));

    const score = scoreLead(next, ctx.now, def);
    writes[FIELDS.fitScore] = score.fit;
    writes[FIELDS.qualificationComplete] = qualificationComplete(next, def);
    for (const segment of def.segments) writes[segment.field] = segmentOf(segment, next);

    for (const stage of stampedStages(def)) {
        if (entering(stage) && isBlank(current(stage.stampField))) {
            writes[stage.stampField] = nowIso;
            if (stage.key === 'SQL') {
                writes[FIELDS.sqlQualifiedBy] = ctx.userId;
                writes[FIELDS.definitionVersion] = def.version;
                writes[FIELDS.fitAtSql] = score.fit;
                writes[FIELDS.intentAtSql] = score.intent;
            }
        }
    }
    for (const stage of def.stages.filter((s) => s.firstAction)) {
        if (entering(stage) && isBlank(current(FIELDS.firstActionAt)) && !isBlank(current(FIELDS.mqlAt))) {
            writes[FIELDS.firstActionAt] = nowIso;
            break;
        }
    }
    return writes;
}
