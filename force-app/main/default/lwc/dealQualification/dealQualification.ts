/**
 * MEDDIC on the deal: how far the account executive has qualified a converted Opportunity, and what the lead carried
 * to start from. Pure functions over plain data (the Opportunity's field values and its committee's Role__c values),
 * used by c/opportunityMeddic; no platform imports, so Node and Jest run them.
 *
 * - The deal is qualified with DEAL_FRAMEWORK (MEDDIC) whatever the lead used: "BANT for initial qualification and
 *   MEDDIC as the deal progresses". Its criteria are read from the Opportunity's own criterion fields (the generated
 *   `<Criterion>_Status__c` / `_Evidence__c`, filled at conversion for a MEDDIC lead) with the same completeness rule as
 *   the lead (c/leadScoring criterionState: Confirmed and enough evidence).
 * - A criterion still incomplete lists the answers of the lead's other framework that inform it (`informs` in the
 *   definition, e.g. Budget -> Economic Buyer, Metrics), as a starting point; a blank answer is not listed.
 * - The committee coverage comes from c/buyingCommittee (committeeCoverage), over the people carried to the deal.
 */
import { SQL_DEFINITION, FIELDS, OPPORTUNITY_FIELDS, type CriterionStatus, type FrameworkKey, type SqlDefinition } from 'c/sqlDefinition';
import { criterionState, frameworkOf, numberOf, type Blocker, type CriterionState, type LeadValues } from 'c/leadScoring';
import { committeeCoverage, type CommitteeCoverage } from 'c/buyingCommittee';

/** The framework the account executive completes on the Opportunity. */
export const DEAL_FRAMEWORK: FrameworkKey = 'MEDDIC';

/** One answer the lead carried that informs a deal criterion. */
export interface CarriedAnswer {
    /** The lead's criterion (e.g. Budget). */
    key: string;
    label: string;
    status: CriterionStatus | null;
    evidence: string;
}

export interface DealCriterion {
    state: CriterionState;
    /** The lead's answers that inform this criterion, when it is not complete yet. */
    fromLead: CarriedAnswer[];
}

export interface DealQualification {
    /** The framework the lead was qualified with (null when it had none). */
    leadFramework: FrameworkKey | null;
    criteria: DealCriterion[];
    completeCount: number;
    total: number;
    /** The incomplete criteria, in the definition's order, as c/readinessList words them. */
    blockers: Blocker[];
    ready: boolean;
    coverage: CommitteeCoverage;
    fitAtConversion: number | null;
    intentAtConversion: number | null;
}

/**
 * The deal's MEDDIC state from the Opportunity's values and the Role__c values of the people carried to it.
 * `opportunity` uses the Lead field names the conversion copies (Qualification_Framework__c, `<Criterion>_Status__c`,
 * ...) plus Fit_At_Conversion__c and Intent_At_Conversion__c.
 */
export function dealQualification(
    opportunity: LeadValues,
    committeeRoles: ReadonlyArray<string | null>,
    def: SqlDefinition = SQL_DEFINITION
): DealQualification {
    const deal = frameworkOf(DEAL_FRAMEWORK, def);
    const leadFramework = frameworkOf(opportunity[FIELDS.framework], def);
    const informing = (leadFramework && leadFramework.key !== DEAL_FRAMEWORK ? leadFramework.criteria : []).map((c) =>
        criterionState(c, opportunity, def)
    );
    const informs = new Map((leadFramework?.criteria ?? []).map((c) => [c.key, new Set(c.informs ?? [])] as const));
    const criteria = (deal?.criteria ?? []).map((criterion): DealCriterion => {
        const state = criterionState(criterion, opportunity, def);
        const fromLead = state.complete
            ? []
            : informing
                  .filter(
                      (answer) => informs.get(answer.key)?.has(criterion.key) && (answer.status !== null || answer.evidence.trim() !== '')
                  )
                  .map((answer) => ({ key: answer.key, label: answer.label, status: answer.status, evidence: answer.evidence }));
        return { state, fromLead };
    });
    const blockers: Blocker[] = criteria
        .filter((c) => !c.state.complete)
        .map((c) => ({ kind: 'criterion', field: c.state.evidenceField, criterion: c.state }));
    return {
        leadFramework: leadFramework?.key ?? null,
        criteria,
        completeCount: criteria.length - blockers.length,
        total: criteria.length,
        blockers,
        ready: criteria.length > 0 && blockers.length === 0,
        coverage: committeeCoverage(committeeRoles, DEAL_FRAMEWORK, def),
        fitAtConversion: numberOf(opportunity[OPPORTUNITY_FIELDS.fitAtConversion]),
        intentAtConversion: numberOf(opportunity[OPPORTUNITY_FIELDS.intentAtConversion])
    };
}
