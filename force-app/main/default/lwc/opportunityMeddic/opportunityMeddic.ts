/**
 * MEDDIC on the Opportunity: the account executive continues the qualification the SDR started on the lead.
 * It starts from what the lead carried (the framework and the scores at conversion, the lead's answers that inform each
 * MEDDIC criterion, the people of the buying committee) and lets the account executive complete MEDDIC with the same
 * evidence discipline as the lead: the criterion cards (c/criteriaList) and the readiness list (c/readinessList) of the
 * Lead page, fed by c/dealQualification; a committee coverage line asks who else is involved.
 *
 * Data: Lightning Data Service only. getRecord for the Opportunity's criterion fields (optional fields, so a field the
 * user cannot read is left out), getRelatedListRecords for the people carried to the deal, getObjectInfo for labels and
 * for which fields the user may edit; updateRecord saves the draft. Fields the user cannot edit stay read-only, and
 * the panel says whom to ask.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, updateRecord, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import { getObjectInfo, type ObjectInfo, type WireResult as InfoWireResult } from 'lightning/uiObjectInfoApi';
import { getRelatedListRecords, type RelatedListRecordCollection } from 'lightning/uiRelatedListApi';
import OPPORTUNITY_OBJECT from '@salesforce/schema/Opportunity';
import {
    COMMITTEE_FIELDS,
    COMMITTEE_OBJECT,
    CRITERION_STATUSES,
    FIELDS,
    OPPORTUNITY_FIELDS,
    SQL_DEFINITION,
    evidenceField,
    statusField
} from 'c/sqlDefinition';
import { DEAL_FRAMEWORK, dealQualification, type DealQualification } from 'c/dealQualification';
import { formatLabel, leadValuesOf, reduceErrors, type FieldValues } from 'c/leadGateUi';
import type { EditDetail } from 'c/criterionCard';

import LG_Deal_Title from '@salesforce/label/c.LG_Deal_Title';
import LG_Deal_Loading from '@salesforce/label/c.LG_Deal_Loading';
import LG_Deal_LoadError from '@salesforce/label/c.LG_Deal_LoadError';
import LG_Deal_StartedFrom from '@salesforce/label/c.LG_Deal_StartedFrom';
import LG_Deal_NotFromLead from '@salesforce/label/c.LG_Deal_NotFromLead';
import LG_Deal_NotRecorded from '@salesforce/label/c.LG_Deal_NotRecorded';
import LG_Deal_Coverage from '@salesforce/label/c.LG_Deal_Coverage';
import LG_Deal_ReadinessHeading from '@salesforce/label/c.LG_Deal_ReadinessHeading';
import LG_Deal_Ready from '@salesforce/label/c.LG_Deal_Ready';
import LG_Deal_FromLeadHeading from '@salesforce/label/c.LG_Deal_FromLeadHeading';
import LG_Deal_FromLead from '@salesforce/label/c.LG_Deal_FromLead';
import LG_Deal_NoStatus from '@salesforce/label/c.LG_Deal_NoStatus';
import LG_Deal_Save from '@salesforce/label/c.LG_Deal_Save';
import LG_Deal_Saving from '@salesforce/label/c.LG_Deal_Saving';
import LG_Deal_Saved from '@salesforce/label/c.LG_Deal_Saved';
import LG_Deal_SaveError from '@salesforce/label/c.LG_Deal_SaveError';
import LG_Deal_ReadOnly from '@salesforce/label/c.LG_Deal_ReadOnly';
import LG_Committee_Missing from '@salesforce/label/c.LG_Committee_Missing';

const RELATED_LIST = 'LeadGate_Committee_Members__r';
const ALL_CRITERIA = SQL_DEFINITION.frameworks.flatMap((f) => f.criteria);
const DEAL_CRITERIA = SQL_DEFINITION.frameworks.find((f) => f.key === DEAL_FRAMEWORK)?.criteria ?? [];
/** The fields the AE edits: the deal framework's criteria. */
const DEAL_FIELDS = DEAL_CRITERIA.flatMap((c) => [statusField(c), evidenceField(c)]);
const OPTIONAL_FIELDS = [
    FIELDS.framework,
    ...new Set(ALL_CRITERIA.flatMap((c) => [statusField(c), evidenceField(c)])),
    OPPORTUNITY_FIELDS.fitAtConversion,
    OPPORTUNITY_FIELDS.intentAtConversion
].map((f) => `Opportunity.${f}`);
const PERSON_FIELDS = [COMMITTEE_FIELDS.name, COMMITTEE_FIELDS.role].map((f) => `${COMMITTEE_OBJECT}.${f}`);

export default class OpportunityMeddic extends LightningElement {
    @api recordId: string | undefined;

    labels = {
        title: LG_Deal_Title,
        loading: LG_Deal_Loading,
        readinessHeading: LG_Deal_ReadinessHeading,
        ready: LG_Deal_Ready,
        fromLeadHeading: LG_Deal_FromLeadHeading,
        readOnly: LG_Deal_ReadOnly
    };

    draft: FieldValues = {};
    saving = false;
    saveError = '';
    statusText = '';
    fieldErrors: Record<string, string[]> = {};

    private record: RecordRepresentation | undefined;
    private recordError: unknown;
    private roles: Array<string | null> = [];
    objectInfo: ObjectInfo | undefined;

    @wire(getRecord, { recordId: '$recordId', optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }: WireResult<RecordRepresentation>): void {
        this.record = data;
        this.recordError = error;
    }

    @wire(getRelatedListRecords, { parentRecordId: '$recordId', relatedListId: RELATED_LIST, fields: PERSON_FIELDS })
    wiredPeople({ data }: WireResult<RelatedListRecordCollection>): void {
        // Without the committee (no access to it) the panel still works: coverage then counts nobody.
        if (data) this.roles = data.records.map((r) => (r.fields[COMMITTEE_FIELDS.role]?.value as string | null) ?? null);
    }

    @wire(getObjectInfo, { objectApiName: OPPORTUNITY_OBJECT })
    wiredObjectInfo({ data }: InfoWireResult<ObjectInfo>): void {
        if (data) this.objectInfo = data;
    }

    get isLoading(): boolean {
        return !this.record && !this.recordError;
    }

    get loadError(): string {
        if (!this.recordError) return '';
        const reduced = reduceErrors(this.recordError);
        return formatLabel(LG_Deal_LoadError, reduced.pageErrors.join(' ') || String(this.recordError));
    }

    private get deal(): DealQualification {
        return dealQualification({ ...leadValuesOf(this.record), ...this.draft }, this.roles);
    }

    get startedFrom(): string {
        const deal = this.deal;
        if (!deal.leadFramework) return LG_Deal_NotFromLead;
        const score = (n: number | null): string => (n === null ? LG_Deal_NotRecorded : String(n));
        return formatLabel(LG_Deal_StartedFrom, deal.leadFramework, score(deal.fitAtConversion), score(deal.intentAtConversion));
    }

    get coverageText(): string {
        return formatLabel(LG_Deal_Coverage, this.deal.coverage.named, this.deal.coverage.total);
    }

    get missingText(): string {
        const missing = this.deal.coverage.missing;
        return missing.length ? formatLabel(LG_Committee_Missing, missing.map((r) => r.label).join(', ')) : '';
    }

    get readiness() {
        const deal = this.deal;
        return {
            criteria: deal.criteria.map((c) => c.state),
            completeCount: deal.completeCount,
            total: deal.total,
            blockers: deal.blockers,
            ready: deal.ready
        };
    }

    get fromLead(): Array<{ key: string; text: string }> {
        return this.deal.criteria.flatMap((c) =>
            c.fromLead.map((answer) => ({
                key: `${c.state.key}:${answer.key}`,
                text: formatLabel(LG_Deal_FromLead, c.state.label, answer.label, answer.status ?? LG_Deal_NoStatus, answer.evidence || '-')
            }))
        );
    }

    get hasFromLead(): boolean {
        return this.fromLead.length > 0;
    }

    get statusOptions(): Array<{ label: string; value: string }> {
        return CRITERION_STATUSES.map((value) => ({ label: value, value }));
    }

    /** Fields the user may not edit (until the object info says otherwise, none are editable). */
    get lockedFields(): string[] {
        return DEAL_FIELDS.filter((f) => !this.objectInfo?.fields[f]?.updateable);
    }

    get canEdit(): boolean {
        return this.lockedFields.length < DEAL_FIELDS.length;
    }

    get nothingToSave(): boolean {
        return this.saving || Object.keys(this.draft).length === 0;
    }

    get saveLabel(): string {
        return this.saving ? LG_Deal_Saving : LG_Deal_Save;
    }

    handleEdit(event: CustomEvent<EditDetail>): void {
        const { field, value } = event.detail;
        if (!DEAL_FIELDS.includes(field)) return;
        this.draft = { ...this.draft, [field]: value };
        this.statusText = '';
    }

    async handleSave(): Promise<void> {
        if (this.nothingToSave || !this.recordId) return;
        this.saving = true;
        this.saveError = '';
        this.fieldErrors = {};
        try {
            await updateRecord({ fields: { Id: this.recordId, ...this.draft } });
            this.draft = {};
            this.statusText = LG_Deal_Saved;
        } catch (error) {
            const reduced = reduceErrors(error);
            this.fieldErrors = reduced.fieldErrors;
            const messages = [...reduced.pageErrors, ...Object.values(reduced.fieldErrors).flat()];
            this.saveError = formatLabel(LG_Deal_SaveError, messages.join(' ') || String(error));
        } finally {
            this.saving = false;
        }
    }
}
