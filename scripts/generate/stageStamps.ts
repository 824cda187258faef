/**
 * The TypeScript mirror of the generated before-save flow LeadGate_Lead_Stage_Stamps (flow.ts): given the
 * record before and after a save, the field values the flow writes into the save. The local preview's
 * emulated API calls it on every save, and the formula harness applies it before validation rules (on the
 * platform, before-save flows run before validation rules). stageStamps.test.ts checks the generated flow
 * XML against this function, so the two cannot drift apart.
 *
 * What the flow does, in order:
 * 1. Fit_Score__c: stamped on every save with the definition's fit score (scoreLead's fit; see formulas.ts).
 * 2. For each stage with a stampField (MQL, SAL, SQL, Rejected by default): when the lead enters the stage
 *    (created with that Status, or Status changed to it) and the stamp is still blank, stamp now. Entering SQL
 *    also stamps SQL_Qualified_By__c with the saving user. First entry only: a stamp is never overwritten, and a
 *    lead that already sat in a stage before LeadGate was installed is not stamped by an unrelated edit.
 * 3. First_Action_At__c: when the lead enters a stage marked firstAction (Sales Accepted or Rejected), the lead
 *    has an MQL_At__c, and First_Action_At__c is blank, stamp now.
 */
import { scoreLead, type LeadValues } from 'c/leadScoring';
import { FIELDS, SQL_DEFINITION, type SqlDefinition, type Stage } from 'c/sqlDefinition';

export interface StampContext {
    now: Date;
    /** The saving user's Id ($User.Id in the flow). */
    userId: string;
}

const isBlank = (value: unknown): boolean => value === null || value === undefined || value === '';

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
    const entering = (value: string): boolean => status === value && priorStatus !== value;

    writes[FIELDS.fitScore] = scoreLead(next, ctx.now, def).fit;

    for (const stage of stampedStages(def)) {
        if (entering(stage.status) && isBlank(current(stage.stampField))) {
            writes[stage.stampField] = nowIso;
            if (stage.key === 'SQL') writes[FIELDS.sqlQualifiedBy] = ctx.userId;
        }
    }
    for (const stage of def.stages.filter((s) => s.firstAction)) {
        if (entering(stage.status) && isBlank(current(FIELDS.firstActionAt)) && !isBlank(current(FIELDS.mqlAt))) {
            writes[FIELDS.firstActionAt] = nowIso;
            break;
        }
    }
    return writes;
}
