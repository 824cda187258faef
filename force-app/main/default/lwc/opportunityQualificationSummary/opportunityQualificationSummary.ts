/**
 * The qualification an SDR recorded on a lead, as the account team sees it on the Opportunity the lead became:
 * the framework, every criterion with its status and evidence, fit and intent at conversion against the SQL bar,
 * when and by whom the lead was Sales Qualified, and a warning when it was converted without ever being qualified.
 *
 * Read-only. The fields are filled at conversion (the generated lead-conversion mapping and LeadConversionEvidence);
 * which criteria belong to the framework and when a criterion is complete come from the definition through
 * `c/leadScoring` (criterionState), the same rules the Lead record page applies.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import { FIELDS, OPPORTUNITY_FIELDS, SQL_DEFINITION, evidenceField, statusField, type Criterion } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import { criterionState, frameworkOf, numberOf } from 'c/leadScoring';
import { formatLabel, leadValuesOf, reduceErrors, type FieldValues } from 'c/leadGateUi';

import LG_Opp_Title from '@salesforce/label/c.LG_Opp_Title';
import LG_Opp_Loading from '@salesforce/label/c.LG_Opp_Loading';
import LG_Opp_LoadError from '@salesforce/label/c.LG_Opp_LoadError';
import LG_Opp_Empty from '@salesforce/label/c.LG_Opp_Empty';
import LG_Opp_Framework from '@salesforce/label/c.LG_Opp_Framework';
import LG_Opp_NoFramework from '@salesforce/label/c.LG_Opp_NoFramework';
import LG_Opp_WithoutSql from '@salesforce/label/c.LG_Opp_WithoutSql';
import LG_Opp_QualifiedOn from '@salesforce/label/c.LG_Opp_QualifiedOn';
import LG_Opp_QualifiedBy from '@salesforce/label/c.LG_Opp_QualifiedBy';
import LG_Opp_Fit from '@salesforce/label/c.LG_Opp_Fit';
import LG_Opp_Intent from '@salesforce/label/c.LG_Opp_Intent';
import LG_Opp_ScoreAgainstBar from '@salesforce/label/c.LG_Opp_ScoreAgainstBar';
import LG_Opp_NotRecorded from '@salesforce/label/c.LG_Opp_NotRecorded';
import LG_Opp_MetBar from '@salesforce/label/c.LG_Opp_MetBar';
import LG_Opp_BelowBar from '@salesforce/label/c.LG_Opp_BelowBar';
import LG_Opp_CriteriaCaption from '@salesforce/label/c.LG_Opp_CriteriaCaption';
import LG_Opp_CompleteCount from '@salesforce/label/c.LG_Opp_CompleteCount';
import LG_Opp_ColCriterion from '@salesforce/label/c.LG_Opp_ColCriterion';
import LG_Opp_ColStatus from '@salesforce/label/c.LG_Opp_ColStatus';
import LG_Opp_ColEvidence from '@salesforce/label/c.LG_Opp_ColEvidence';
import LG_Opp_ColComplete from '@salesforce/label/c.LG_Opp_ColComplete';
import LG_Opp_NoStatus from '@salesforce/label/c.LG_Opp_NoStatus';
import LG_Opp_NoEvidence from '@salesforce/label/c.LG_Opp_NoEvidence';
import LG_Opp_Complete from '@salesforce/label/c.LG_Opp_Complete';
import LG_Opp_Incomplete from '@salesforce/label/c.LG_Opp_Incomplete';

const LABELS = {
    title: LG_Opp_Title,
    loading: LG_Opp_Loading,
    empty: LG_Opp_Empty,
    noFramework: LG_Opp_NoFramework,
    withoutSql: LG_Opp_WithoutSql,
    qualifiedOn: LG_Opp_QualifiedOn,
    qualifiedBy: LG_Opp_QualifiedBy,
    fit: LG_Opp_Fit,
    intent: LG_Opp_Intent,
    criteriaCaption: LG_Opp_CriteriaCaption,
    colCriterion: LG_Opp_ColCriterion,
    colStatus: LG_Opp_ColStatus,
    colEvidence: LG_Opp_ColEvidence,
    colComplete: LG_Opp_ColComplete
};

/** Every criterion of every framework, each once. */
const ALL_CRITERIA: Criterion[] = [
    ...new Map(SHOWN_DEFINITION.frameworks.flatMap((f) => f.criteria).map((c): [string, Criterion] => [c.key, c])).values()
];

const QUALIFIED_BY_NAME = 'SQL_Qualified_By__r.Name';

/** The Opportunity fields the summary reads, optional so a field the user cannot see is left out instead of failing. */
const OPTIONAL_FIELDS = [
    FIELDS.framework,
    ...ALL_CRITERIA.flatMap((c) => [statusField(c), evidenceField(c)]),
    FIELDS.sqlAt,
    FIELDS.sqlQualifiedBy,
    QUALIFIED_BY_NAME,
    OPPORTUNITY_FIELDS.fitAtConversion,
    OPPORTUNITY_FIELDS.intentAtConversion,
    OPPORTUNITY_FIELDS.convertedWithoutSql
].map((field) => `Opportunity.${field}`);

interface CriterionRow {
    key: string;
    label: string;
    status: string;
    evidence: string;
    evidenceClass: string;
    completeText: string;
    completeClass: string;
}

interface ScoreLine {
    key: string;
    termKey: string;
    detailKey: string;
    label: string;
    text: string;
}

const isBlank = (value: unknown): boolean => value === null || value === undefined || value === '';

export default class OpportunityQualificationSummary extends LightningElement {
    labels = LABELS;

    @api recordId: string | undefined;

    record: RecordRepresentation | undefined;
    loadError: unknown;

    @wire(getRecord, { recordId: '$recordId', optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }: WireResult<RecordRepresentation>): void {
        if (data) {
            this.record = data;
            this.loadError = undefined;
        } else if (error) {
            this.record = undefined;
            this.loadError = error;
        }
    }

    private get values(): FieldValues {
        return leadValuesOf(this.record);
    }

    get isLoading(): boolean {
        return !this.record && !this.loadError;
    }

    get hasError(): boolean {
        return !this.record && Boolean(this.loadError);
    }

    get loadErrorText(): string {
        return formatLabel(LG_Opp_LoadError, reduceErrors(this.loadError).pageErrors.join(' '));
    }

    /** Whether the opportunity came from a LeadGate lead: any evidence, score or stamp the conversion carries. */
    get hasEvidence(): boolean {
        const v = this.values;
        const carried = [
            FIELDS.framework,
            FIELDS.sqlAt,
            OPPORTUNITY_FIELDS.fitAtConversion,
            OPPORTUNITY_FIELDS.intentAtConversion,
            ...ALL_CRITERIA.flatMap((c) => [statusField(c), evidenceField(c)])
        ];
        return carried.some((field) => !isBlank(v[field])) || v[OPPORTUNITY_FIELDS.convertedWithoutSql] === true;
    }

    get isEmpty(): boolean {
        return Boolean(this.record) && !this.hasEvidence;
    }

    get showSummary(): boolean {
        return Boolean(this.record) && this.hasEvidence;
    }

    get convertedWithoutSql(): boolean {
        return this.values[OPPORTUNITY_FIELDS.convertedWithoutSql] === true;
    }

    get frameworkText(): string {
        const framework = frameworkOf(this.values[FIELDS.framework], SHOWN_DEFINITION);
        return framework ? formatLabel(LG_Opp_Framework, framework.label) : LG_Opp_NoFramework;
    }

    get sqlAt(): string | null {
        const value = this.values[FIELDS.sqlAt];
        return typeof value === 'string' && value !== '' ? value : null;
    }

    get qualifiedByName(): string | null {
        const field = this.record?.fields?.SQL_Qualified_By__r as unknown as
            { value?: { fields?: { Name?: { value?: unknown } } } } | undefined;
        const name = field?.value?.fields?.Name?.value;
        return typeof name === 'string' && name !== '' ? name : null;
    }

    get scores(): ScoreLine[] {
        const fit = numberOf(this.values[OPPORTUNITY_FIELDS.fitAtConversion]);
        const intent = numberOf(this.values[OPPORTUNITY_FIELDS.intentAtConversion]);
        const line = (key: string, label: string, value: number | null, bar: number): ScoreLine => ({
            key,
            termKey: `${key}-term`,
            detailKey: `${key}-detail`,
            label,
            text: value === null ? LG_Opp_NotRecorded : formatLabel(LG_Opp_ScoreAgainstBar, value, bar)
        });
        return [
            line('fit', LG_Opp_Fit, fit, SQL_DEFINITION.bar.minFit),
            line('intent', LG_Opp_Intent, intent, SQL_DEFINITION.bar.minIntent)
        ];
    }

    /** Met the bar at conversion, below it, or null when a score was not recorded. */
    get barVerdict(): string | null {
        const fit = numberOf(this.values[OPPORTUNITY_FIELDS.fitAtConversion]);
        const intent = numberOf(this.values[OPPORTUNITY_FIELDS.intentAtConversion]);
        if (fit === null || intent === null) return null;
        return fit >= SQL_DEFINITION.bar.minFit && intent >= SQL_DEFINITION.bar.minIntent ? LG_Opp_MetBar : LG_Opp_BelowBar;
    }

    get barVerdictClass(): string {
        return this.barVerdict === LG_Opp_MetBar ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_warning';
    }

    /** The framework's criteria; without a framework, every criterion the lead recorded anything on. */
    private get criteria(): Criterion[] {
        const framework = frameworkOf(this.values[FIELDS.framework], SHOWN_DEFINITION);
        if (framework) return framework.criteria;
        const v = this.values;
        return ALL_CRITERIA.filter((c) => !isBlank(v[statusField(c)]) || !isBlank(v[evidenceField(c)]));
    }

    get criterionRows(): CriterionRow[] {
        return this.criteria.map((criterion) => {
            const state = criterionState(criterion, this.values, SHOWN_DEFINITION);
            const hasEvidence = state.evidence.trim() !== '';
            return {
                key: criterion.key,
                label: criterion.label,
                status: state.status ?? LG_Opp_NoStatus,
                evidence: hasEvidence ? state.evidence : LG_Opp_NoEvidence,
                evidenceClass: hasEvidence ? 'slds-cell-wrap' : 'slds-cell-wrap slds-text-color_weak',
                completeText: state.complete ? LG_Opp_Complete : LG_Opp_Incomplete,
                completeClass: state.complete ? 'slds-badge slds-theme_success' : 'slds-badge slds-theme_warning'
            };
        });
    }

    get hasCriteria(): boolean {
        return this.criterionRows.length > 0;
    }

    get completeCountText(): string {
        const rows = this.criteria.map((c) => criterionState(c, this.values, SHOWN_DEFINITION));
        return formatLabel(LG_Opp_CompleteCount, rows.filter((r) => r.complete).length, rows.length);
    }
}
