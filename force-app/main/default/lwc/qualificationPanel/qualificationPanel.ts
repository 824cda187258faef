/**
 * The SDR's qualification workspace on the Lead record page.
 *
 * Shows the framework (with the definition's suggestion), each criterion with its status and evidence,
 * how many criteria are complete, and exactly what still blocks Sales Qualified; offers Accept, Mark
 * Sales Qualified and Reject. Every rule comes from `c/leadScoring` (readiness, criterionState,
 * suggestFramework, ...); this component only wires data in and renders.
 *
 * The rep's unsaved edits live in a draft (sessionStorage, per record) merged over the record, so the
 * readiness list and the child score card recompute while the rep types, and a failed save, a conflict
 * or a reload never loses them. Saves go through LDS with `ifUnmodifiedSince`.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, notifyRecordUpdateAvailable, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import {
    getObjectInfo,
    getPicklistValuesByRecordType,
    type ObjectInfo,
    type PicklistValues,
    type PicklistValuesByRecordType,
    type WireResult as InfoWireResult
} from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LEAD_OBJECT from '@salesforce/schema/Lead';
import STATUS_FIELD from '@salesforce/schema/Lead.Status';
import { SQL_DEFINITION, FIELDS, CRITERION_STATUSES, type StageKey } from 'c/sqlDefinition';
import {
    readiness,
    suggestFramework,
    stageOfStatus,
    statusOfStage,
    fieldsRead,
    fitInputFields,
    type Blocker,
    type CriterionState,
    type Readiness
} from 'c/leadScoring';
import {
    leadValuesOf,
    lastModifiedOf,
    optionalLeadFields,
    saveLead,
    describeSaveFailure,
    draftKey,
    readDraft,
    writeDraft,
    clearDraft,
    editDraft,
    mergeDraft,
    reconcileDraft,
    reconcileFields,
    resolveConflict,
    savedByOf,
    rereadNewerVersion,
    LAST_MODIFIED_BY_NAME,
    reduceErrors,
    isNetworkError,
    formatLabel,
    formatNumber,
    isOpenStage,
    type Draft,
    type FieldConflict,
    type FieldValues,
    type SaveFailure
} from 'c/leadGateUi';
import type { ChooseDetail, ConflictRow } from 'c/conflictChoices';

import LG_Panel_Title from '@salesforce/label/c.LG_Panel_Title';
import LG_Panel_Loading from '@salesforce/label/c.LG_Panel_Loading';
import LG_Panel_Saving from '@salesforce/label/c.LG_Panel_Saving';
import LG_Panel_LoadError from '@salesforce/label/c.LG_Panel_LoadError';
import LG_Panel_Stage from '@salesforce/label/c.LG_Panel_Stage';
import LG_Panel_FrameworkLabel from '@salesforce/label/c.LG_Panel_FrameworkLabel';
import LG_Panel_FrameworkSuggestion from '@salesforce/label/c.LG_Panel_FrameworkSuggestion';
import LG_Panel_FrameworkSuggestionWhy from '@salesforce/label/c.LG_Panel_FrameworkSuggestionWhy';
import LG_Panel_UseSuggestion from '@salesforce/label/c.LG_Panel_UseSuggestion';
import LG_Panel_NoFramework from '@salesforce/label/c.LG_Panel_NoFramework';
import LG_Panel_CompleteCount from '@salesforce/label/c.LG_Panel_CompleteCount';
import LG_Panel_CriteriaHeading from '@salesforce/label/c.LG_Panel_CriteriaHeading';
import LG_Panel_StatusSuffix from '@salesforce/label/c.LG_Panel_StatusSuffix';
import LG_Panel_EvidenceSuffix from '@salesforce/label/c.LG_Panel_EvidenceSuffix';
import LG_Panel_StatusPlaceholder from '@salesforce/label/c.LG_Panel_StatusPlaceholder';
import LG_Panel_EvidenceCounter from '@salesforce/label/c.LG_Panel_EvidenceCounter';
import LG_Panel_EvidenceEnough from '@salesforce/label/c.LG_Panel_EvidenceEnough';
import LG_Panel_GoodEvidence from '@salesforce/label/c.LG_Panel_GoodEvidence';
import LG_Panel_StateComplete from '@salesforce/label/c.LG_Panel_StateComplete';
import LG_Panel_StateNeedsEvidence from '@salesforce/label/c.LG_Panel_StateNeedsEvidence';
import LG_Panel_StateNotConfirmed from '@salesforce/label/c.LG_Panel_StateNotConfirmed';
import LG_Panel_StateDisqualifying from '@salesforce/label/c.LG_Panel_StateDisqualifying';
import LG_Panel_DisqualifyingWithReason from '@salesforce/label/c.LG_Panel_DisqualifyingWithReason';
import LG_Panel_DisqualifyingNoReason from '@salesforce/label/c.LG_Panel_DisqualifyingNoReason';
import LG_Panel_RejectAs from '@salesforce/label/c.LG_Panel_RejectAs';
import LG_Panel_ReadinessHeading from '@salesforce/label/c.LG_Panel_ReadinessHeading';
import LG_Panel_Ready from '@salesforce/label/c.LG_Panel_Ready';
import LG_Panel_BlockerFramework from '@salesforce/label/c.LG_Panel_BlockerFramework';
import LG_Panel_BlockerConfirmAndEvidence from '@salesforce/label/c.LG_Panel_BlockerConfirmAndEvidence';
import LG_Panel_BlockerConfirm from '@salesforce/label/c.LG_Panel_BlockerConfirm';
import LG_Panel_BlockerEvidence from '@salesforce/label/c.LG_Panel_BlockerEvidence';
import LG_Panel_BlockerFit from '@salesforce/label/c.LG_Panel_BlockerFit';
import LG_Panel_BlockerIntent from '@salesforce/label/c.LG_Panel_BlockerIntent';
import LG_Panel_BlockerNotAccepted from '@salesforce/label/c.LG_Panel_BlockerNotAccepted';
import LG_Panel_StatusNotSet from '@salesforce/label/c.LG_Panel_StatusNotSet';
import LG_Panel_GoToField from '@salesforce/label/c.LG_Panel_GoToField';
import LG_Panel_ActionsLabel from '@salesforce/label/c.LG_Panel_ActionsLabel';
import LG_Panel_Save from '@salesforce/label/c.LG_Panel_Save';
import LG_Panel_Discard from '@salesforce/label/c.LG_Panel_Discard';
import LG_Panel_Accept from '@salesforce/label/c.LG_Panel_Accept';
import LG_Panel_Qualify from '@salesforce/label/c.LG_Panel_Qualify';
import LG_Panel_Reject from '@salesforce/label/c.LG_Panel_Reject';
import LG_Panel_QualifyBlocked from '@salesforce/label/c.LG_Panel_QualifyBlocked';
import LG_Panel_ReloadReapply from '@salesforce/label/c.LG_Panel_ReloadReapply';
import LG_Panel_TryAgain from '@salesforce/label/c.LG_Panel_TryAgain';
import LG_Panel_Reapplied from '@salesforce/label/c.LG_Panel_Reapplied';
import LG_Panel_RestoredDraft from '@salesforce/label/c.LG_Panel_RestoredDraft';
import LG_Panel_UnsavedChanges from '@salesforce/label/c.LG_Panel_UnsavedChanges';
import LG_Panel_HiddenFields from '@salesforce/label/c.LG_Panel_HiddenFields';
import LG_Panel_DraftNotStored from '@salesforce/label/c.LG_Panel_DraftNotStored';
import LG_Panel_SavedToast from '@salesforce/label/c.LG_Panel_SavedToast';
import LG_Panel_AcceptedToast from '@salesforce/label/c.LG_Panel_AcceptedToast';
import LG_Panel_QualifiedToast from '@salesforce/label/c.LG_Panel_QualifiedToast';
import LG_Panel_RejectedToast from '@salesforce/label/c.LG_Panel_RejectedToast';
import LG_Panel_FieldError from '@salesforce/label/c.LG_Panel_FieldError';
import LG_Panel_FactsHeading from '@salesforce/label/c.LG_Panel_FactsHeading';
import LG_Panel_FactsIntro from '@salesforce/label/c.LG_Panel_FactsIntro';
import LG_Panel_FactsRules from '@salesforce/label/c.LG_Panel_FactsRules';
import LG_Panel_FactsNone from '@salesforce/label/c.LG_Panel_FactsNone';

const LABELS = {
    title: LG_Panel_Title,
    loading: LG_Panel_Loading,
    saving: LG_Panel_Saving,
    frameworkLabel: LG_Panel_FrameworkLabel,
    useSuggestion: LG_Panel_UseSuggestion,
    noFramework: LG_Panel_NoFramework,
    criteriaHeading: LG_Panel_CriteriaHeading,
    statusPlaceholder: LG_Panel_StatusPlaceholder,
    readinessHeading: LG_Panel_ReadinessHeading,
    ready: LG_Panel_Ready,
    goToField: LG_Panel_GoToField,
    actionsLabel: LG_Panel_ActionsLabel,
    save: LG_Panel_Save,
    discard: LG_Panel_Discard,
    accept: LG_Panel_Accept,
    qualify: LG_Panel_Qualify,
    reject: LG_Panel_Reject,
    qualifyBlocked: LG_Panel_QualifyBlocked,
    reloadReapply: LG_Panel_ReloadReapply,
    tryAgain: LG_Panel_TryAgain,
    reapplied: LG_Panel_Reapplied,
    restoredDraft: LG_Panel_RestoredDraft,
    unsavedChanges: LG_Panel_UnsavedChanges,
    hiddenFields: LG_Panel_HiddenFields,
    draftNotStored: LG_Panel_DraftNotStored,
    factsHeading: LG_Panel_FactsHeading,
    factsIntro: LG_Panel_FactsIntro
};

/** The lead facts fit is scored on, from the definition's fit rules (what the rep may correct while qualifying). */
const FIT_INPUTS = fitInputFields();
const FIT_INPUT_FIELDS = new Set(FIT_INPUTS.map((input) => input.field));
/** UI API data types that take a number input. */
const NUMBER_TYPES = new Set(['Int', 'Double', 'Currency', 'Percent', 'Long']);

/** Lead fields the panel reads: everything readiness and scoring read, the stage stamps, rejection and the concurrency stamp. */
const PANEL_FIELDS: string[] = [
    ...fieldsRead(),
    ...SQL_DEFINITION.stages.map((stage) => stage.stampField).filter((field): field is string => Boolean(field)),
    FIELDS.firstActionAt,
    FIELDS.rejectionReason,
    FIELDS.rejectionNotes,
    FIELDS.lastModifiedDate,
    LAST_MODIFIED_BY_NAME
];
const OPTIONAL_FIELDS = optionalLeadFields(PANEL_FIELDS.filter((field) => field !== FIELDS.status));

type SaveAction = 'save' | 'accept' | 'qualify';
/** Saves retried on their own after meeting a newer version, before the rep is asked (signals keep arriving). */
const AUTO_RETRIES = 3;

interface Problem extends SaveFailure {
    title: string;
    message: string;
}

interface Option {
    label: string;
    value: string;
}

export default class QualificationPanel extends LightningElement {
    labels = LABELS;

    private _recordId: string | undefined;

    @api
    get recordId(): string | undefined {
        return this._recordId;
    }
    set recordId(value: string | undefined) {
        this._recordId = value;
        this.draft = value ? readDraft(draftKey(value, 'qualification')) : null;
        this.restoredDraft = Boolean(this.draft);
    }

    record: RecordRepresentation | undefined;
    loadError: unknown;
    objectInfo: ObjectInfo | undefined;
    /** The org's values of every Lead picklist for the lead's record type: criterion statuses and fit facts (e.g. Industry). */
    leadPicklists: Record<string, PicklistValues> | undefined;
    /** Whether "Lead facts that drive fit" is expanded. */
    factsOpen = false;

    draft: Draft | null = null;
    restoredDraft = false;
    draftNotStored = false;
    saving = false;
    problem: Problem | null = null;
    /** After a conflict: waiting for the reloaded record to re-apply the draft on. */
    reloadingAfterConflict = false;
    conflictLastModified: string | null = null;
    reappliedNotice = false;
    /** Fields the rep and someone else both changed: shown with both values until the rep chooses. */
    conflicts: FieldConflict[] = [];
    /** The action to run again once every conflict is chosen (null when the conflicts were found on load). */
    conflictAction: SaveAction | null = null;
    private focusConflicts = false;
    lastAction: SaveAction = 'save';
    showRejection = false;
    private focusProblem = false;
    rejectionPreset: string | undefined;

    /* ------------------------------------------------------------ data */

    @wire(getRecord, { recordId: '$recordId', fields: [STATUS_FIELD], optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }: WireResult<RecordRepresentation>): void {
        if (data) {
            this.record = data;
            this.loadError = undefined;
            this.onRecordLoaded();
        } else if (error) {
            this.loadError = error;
        }
    }

    @wire(getObjectInfo, { objectApiName: LEAD_OBJECT })
    wiredObjectInfo({ data }: InfoWireResult<ObjectInfo>): void {
        // Without object info the panel still works: labels fall back to the definition's wording.
        if (data) this.objectInfo = data;
    }

    /** One request for every Lead picklist the panel offers: the criterion statuses and the picklist facts. */
    @wire(getPicklistValuesByRecordType, { objectApiName: LEAD_OBJECT, recordTypeId: '$recordTypeId' })
    wiredLeadPicklists({ data }: InfoWireResult<PicklistValuesByRecordType>): void {
        // Without them the definition's statuses are offered, and a picklist fact shows its current value, locked:
        // values are never guessed.
        if (data) this.leadPicklists = data.picklistFieldValues;
    }

    get recordTypeId(): string | undefined {
        return this.record?.recordTypeId ?? this.objectInfo?.defaultRecordTypeId ?? undefined;
    }

    /**
     * A version newer than the draft's (after a reload, a signal, another rep's save): the draft moves onto it field
     * by field; only fields someone else also changed become conflicts.
     */
    private onRecordLoaded(): void {
        const current = lastModifiedOf(this.record);
        if (this.draft && this.draft.baseLastModified !== current) {
            const { draft, conflicts } = reconcileDraft(this.draft, this.recordValues, current);
            this.setDraft(draft);
            // A stage action's own conflict (someone else moved the stage) stays until the rep chooses.
            this.conflicts = [...this.conflicts.filter((c) => c.field === FIELDS.status), ...conflicts];
            if (conflicts.length) this.focusConflicts = true;
        }
        if (this.reloadingAfterConflict && current !== this.conflictLastModified) {
            this.reloadingAfterConflict = false;
            this.problem = null;
            this.reappliedNotice = true;
        }
    }

    /* ------------------------------------------------------------ derived state */

    get isLoading(): boolean {
        return !this.record && !this.loadError;
    }

    get loadErrorText(): string {
        return formatLabel(LG_Panel_LoadError, reduceErrors(this.loadError).pageErrors.join(' '));
    }

    get recordValues(): FieldValues {
        return leadValuesOf(this.record);
    }

    /** The lead as the rep sees it: the saved record with the unsaved draft on top (what the score card scores). */
    get draftLead(): FieldValues {
        return mergeDraft(this.recordValues, this.draft);
    }

    get readinessNow(): Readiness | undefined {
        return this.record ? readiness(this.draftLead, Date.now()) : undefined;
    }

    get stage(): StageKey | null {
        return stageOfStatus(this.recordValues[FIELDS.status]);
    }

    get stageText(): string {
        const shown = this.record?.fields[FIELDS.status]?.displayValue ?? this.recordValues[FIELDS.status];
        return formatLabel(LG_Panel_Stage, String(shown ?? ''));
    }

    get hasDraft(): boolean {
        return Boolean(this.draft);
    }

    get showRestoredNotice(): boolean {
        return this.restoredDraft && this.hasDraft && !this.problem;
    }

    get hasConflicts(): boolean {
        return this.conflicts.length > 0;
    }

    get conflictRows(): ConflictRow[] {
        const typed = this.draft?.values ?? {};
        return this.conflicts.map((c) => ({
            field: c.field,
            label: this.fieldLabel(c.field),
            theirs: c.theirs,
            mine: c.field in typed ? typed[c.field] : c.mine
        }));
    }

    get savedBy(): { name: string; when: string } {
        return savedByOf(this.record);
    }

    get showReappliedNotice(): boolean {
        return this.reappliedNotice && !this.problem;
    }

    /** Fields the panel asked for that the record did not return: the rep cannot read them (field-level security). */
    get hasHiddenFields(): boolean {
        if (!this.record) return false;
        const fields = this.record.fields;
        return [FIELDS.framework, ...(this.readinessNow?.criteria ?? []).flatMap((c) => [c.statusField, c.evidenceField])].some(
            (field) => !(field in fields)
        );
    }

    private fieldInfo(field: string): ObjectInfo['fields'][string] | undefined {
        return this.objectInfo?.fields[field];
    }

    private fieldLabel(field: string): string {
        return this.fieldInfo(field)?.label ?? field;
    }

    private editable(field: string): boolean {
        const info = this.fieldInfo(field);
        const readable = Boolean(this.record && field in this.record.fields);
        return readable && (info ? info.updateable : true) && !this.saving;
    }

    /* ------------------------------------------------------------ framework */

    get frameworkLabel(): string {
        return this.fieldInfo(FIELDS.framework)?.label ?? LABELS.frameworkLabel;
    }

    get frameworkHelp(): string | undefined {
        return this.fieldInfo(FIELDS.framework)?.inlineHelpText ?? undefined;
    }

    get frameworkOptions(): Option[] {
        return SQL_DEFINITION.frameworks.map((framework) => ({ label: framework.label, value: framework.key }));
    }

    get frameworkValue(): string {
        const value = this.draftLead[FIELDS.framework];
        return typeof value === 'string' ? value : '';
    }

    get frameworkLocked(): boolean {
        return !this.editable(FIELDS.framework);
    }

    get suggestedFramework(): string {
        return suggestFramework(this.draftLead);
    }

    get suggestionText(): string {
        const label = SQL_DEFINITION.frameworks.find((f) => f.key === this.suggestedFramework)?.label ?? this.suggestedFramework;
        const why = formatLabel(
            LG_Panel_FrameworkSuggestionWhy,
            formatNumber(SQL_DEFINITION.enterprise.minEmployees, 0),
            formatNumber(SQL_DEFINITION.enterprise.minAnnualRevenue, 0)
        );
        return `${formatLabel(LG_Panel_FrameworkSuggestion, label)} ${why}`;
    }

    get canUseSuggestion(): boolean {
        return this.frameworkValue !== this.suggestedFramework && !this.frameworkLocked;
    }

    get useSuggestionLabel(): string {
        return formatLabel(LABELS.useSuggestion, this.suggestedFramework);
    }

    /* ------------------------------------------------------------ criteria */

    get hasCriteria(): boolean {
        return (this.readinessNow?.criteria.length ?? 0) > 0;
    }

    get completeCountText(): string {
        const r = this.readinessNow;
        return formatLabel(LG_Panel_CompleteCount, r?.completeCount ?? 0, r?.total ?? 0);
    }

    get statusOptions(): Option[] {
        // Every criterion status field shares its values: read those of the first criterion of the lead's framework.
        const field = this.readinessNow?.criteria[0]?.statusField;
        const org = field ? this.leadPicklists?.[field]?.values : undefined;
        if (org && org.length) return org.map((v) => ({ label: v.label, value: v.value }));
        // The definition's statuses, offered until (or unless) the org's picklist values arrive.
        return CRITERION_STATUSES.map((value) => ({ label: value, value }));
    }

    private statusLabel(value: string | null): string {
        if (!value) return LG_Panel_StatusNotSet;
        return this.statusOptions.find((o) => o.value === value)?.label ?? value;
    }

    get criteriaRows(): Array<Record<string, unknown>> {
        const criteria = this.readinessNow?.criteria ?? [];
        return criteria.map((c) => this.criterionRow(c));
    }

    private criterionRow(c: CriterionState): Record<string, unknown> {
        const statusInfo = this.fieldInfo(c.statusField);
        const evidenceInfo = this.fieldInfo(c.evidenceField);
        const evidenceError = this.fieldErrorText(c.evidenceField);
        const statusError = this.fieldErrorText(c.statusField);
        const ids = { counter: `counter-${c.key}`, help: `help-${c.key}`, error: `error-${c.key}` };
        let stateText = LG_Panel_StateNotConfirmed;
        let stateClass = 'slds-badge slds-m-left_x-small';
        if (c.complete) {
            stateText = LG_Panel_StateComplete;
            stateClass = 'slds-badge slds-m-left_x-small slds-theme_success';
        } else if (c.disqualifying) {
            stateText = LG_Panel_StateDisqualifying;
            stateClass = 'slds-badge slds-m-left_x-small slds-theme_error';
        } else if (c.confirmed) {
            stateText = LG_Panel_StateNeedsEvidence;
            stateClass = 'slds-badge slds-m-left_x-small slds-theme_warning';
        }
        return {
            key: c.key,
            label: c.label,
            stateText,
            stateClass,
            statusField: c.statusField,
            statusLabel: statusInfo?.label ?? formatLabel(LG_Panel_StatusSuffix, c.label),
            statusHelp: statusInfo?.inlineHelpText ?? undefined,
            statusValue: c.status ?? '',
            statusLocked: !this.editable(c.statusField),
            statusError,
            evidenceField: c.evidenceField,
            evidenceId: `evidence-${c.key}`,
            evidenceLabel: evidenceInfo?.label ?? formatLabel(LG_Panel_EvidenceSuffix, c.label),
            evidence: c.evidence,
            evidenceLocked: !this.editable(c.evidenceField),
            maxLength: evidenceInfo?.length ?? 255,
            counterId: ids.counter,
            counterText: c.evidenceEnough
                ? formatLabel(LG_Panel_EvidenceEnough, c.evidenceChars)
                : formatLabel(LG_Panel_EvidenceCounter, c.evidenceChars, c.evidenceMinChars),
            counterClass: c.evidenceEnough ? 'slds-form-element__help slds-text-color_success' : 'slds-form-element__help',
            helpId: ids.help,
            // The field's inline help (generated from the same question and example) wins; without it, the definition's words.
            help: evidenceInfo?.inlineHelpText ?? `${c.question} ${formatLabel(LG_Panel_GoodEvidence, c.goodEvidence)}`,
            errorId: ids.error,
            evidenceError,
            evidenceInvalid: evidenceError ? 'true' : 'false',
            describedBy: evidenceError ? `${ids.error} ${ids.counter} ${ids.help}` : `${ids.counter} ${ids.help}`,
            wrapperClass: evidenceError ? 'slds-form-element slds-has-error' : 'slds-form-element',
            disqualifying: c.disqualifying,
            disqualifyText: c.disqualifyReason
                ? formatLabel(LG_Panel_DisqualifyingWithReason, c.label, c.disqualifyReason)
                : formatLabel(LG_Panel_DisqualifyingNoReason, c.label),
            disqualifyReason: c.disqualifyReason ?? '',
            rejectAsLabel: c.disqualifyReason ? formatLabel(LG_Panel_RejectAs, c.disqualifyReason) : LABELS.reject,
            canRejectHere: this.canReject
        };
    }

    private fieldErrorText(field: string): string | null {
        const messages = this.problem?.fieldErrors[field];
        return messages && messages.length ? messages.join(' ') : null;
    }

    /* ------------------------------------------------------------ lead facts that drive fit */

    get hasFacts(): boolean {
        return FIT_INPUTS.length > 0;
    }

    get factsToggleIcon(): string {
        return this.factsOpen ? 'utility:chevrondown' : 'utility:chevronright';
    }

    get factsSectionClass(): string {
        return this.factsOpen ? 'slds-section slds-is-open slds-m-top_medium' : 'slds-section slds-m-top_medium';
    }

    get factsHidden(): boolean {
        return !this.factsOpen;
    }

    get factsExpanded(): string {
        return this.factsOpen ? 'true' : 'false';
    }

    get factRows(): Array<Record<string, unknown>> {
        const lead = this.draftLead;
        const rules = new Map(SQL_DEFINITION.fit.rules.map((rule) => [rule.id, rule.label]));
        return FIT_INPUTS.map((input) => {
            const info = this.fieldInfo(input.field);
            const dataType = info?.dataType;
            const picklist = dataType ? dataType === 'Picklist' : input.kind === 'picklist';
            const number = dataType ? NUMBER_TYPES.has(dataType) : input.kind === 'number';
            const email = dataType ? dataType === 'Email' : input.kind === 'email';
            const raw = lead[input.field];
            const value = raw === null || raw === undefined ? '' : String(raw);
            const error = this.fieldErrorText(input.field);
            const ids = { input: `fact-${input.field}`, help: `fact-help-${input.field}`, error: `fact-error-${input.field}` };
            const orgValues = this.leadPicklists?.[input.field]?.values;
            const options = orgValues
                ? [{ label: LG_Panel_FactsNone, value: '' }, ...orgValues.map((v) => ({ label: v.label, value: v.value }))]
                : value
                  ? [{ label: value, value }]
                  : [];
            const rulesText = formatLabel(LG_Panel_FactsRules, input.ruleIds.map((id) => rules.get(id) ?? id).join(', '));
            return {
                key: input.field,
                field: input.field,
                inputId: ids.input,
                helpId: ids.help,
                errorId: ids.error,
                label: info?.label ?? input.field,
                // The field's inline help when it has one; always which fit rules read it.
                help: info?.inlineHelpText ? `${info.inlineHelpText} ${rulesText}` : rulesText,
                isPicklist: picklist,
                inputType: number ? 'number' : email ? 'email' : 'text',
                step: dataType === 'Int' ? '1' : 'any',
                maxLength: !number && info?.length ? info.length : undefined,
                value,
                options,
                // A picklist without the org's values is shown, not edited: its values are never guessed.
                locked: !this.editable(input.field) || (picklist && !orgValues),
                error,
                invalid: error ? 'true' : 'false',
                describedBy: error ? `${ids.error} ${ids.help}` : ids.help,
                wrapperClass: error ? 'slds-form-element slds-has-error slds-m-bottom_x-small' : 'slds-form-element slds-m-bottom_x-small'
            };
        });
    }

    /* ------------------------------------------------------------ readiness */

    get isReady(): boolean {
        return Boolean(this.readinessNow?.ready);
    }

    get blockerItems(): Array<{ key: string; text: string; focusField: string | null }> {
        return (this.readinessNow?.blockers ?? []).map((blocker) => ({
            key: `${blocker.kind}:${blocker.field}`,
            text: this.blockerText(blocker),
            focusField: blocker.kind === 'criterion' || blocker.kind === 'framework' ? blocker.field : null
        }));
    }

    private blockerText(blocker: Blocker): string {
        switch (blocker.kind) {
            case 'framework':
                return LG_Panel_BlockerFramework;
            case 'criterion': {
                const c = blocker.criterion;
                if (!c.confirmed && !c.evidenceEnough) {
                    return formatLabel(
                        LG_Panel_BlockerConfirmAndEvidence,
                        c.label,
                        this.statusLabel(c.status),
                        c.evidenceMinChars,
                        c.evidenceChars
                    );
                }
                if (!c.confirmed) return formatLabel(LG_Panel_BlockerConfirm, c.label, this.statusLabel(c.status));
                return formatLabel(LG_Panel_BlockerEvidence, c.label, c.evidenceMinChars, c.evidenceChars);
            }
            case 'fitBelowBar':
                return formatLabel(LG_Panel_BlockerFit, blocker.fit, blocker.minFit);
            case 'intentBelowBar':
                return formatLabel(LG_Panel_BlockerIntent, blocker.intent, blocker.minIntent);
            case 'notAccepted':
                return LG_Panel_BlockerNotAccepted;
            default:
                return '';
        }
    }

    /* ------------------------------------------------------------ actions */

    get isOpen(): boolean {
        return isOpenStage(this.stage);
    }

    get canAccept(): boolean {
        return this.stage === 'MQL';
    }

    /** Open stages past New: a New lead is not yet marketing-qualified, so sales cannot accept or qualify it. */
    get canQualify(): boolean {
        return this.isOpen && this.stage !== 'New';
    }

    /**
     * Mark Sales Qualified stays available while things still block: the readiness list is the guide, and the
     * generated validation rules are the judge. A refusal shows each rule's message beside its criterion.
     */
    get qualifyDisabled(): boolean {
        return this.saving;
    }

    get showQualifyBlocked(): boolean {
        return this.canQualify && !this.isReady;
    }

    /** The qualify button's accessible description: how many blockers the readiness list still shows. */
    get qualifyBlockedText(): string {
        return formatLabel(LABELS.qualifyBlocked, this.readinessNow?.blockers.length ?? 0);
    }

    get qualifyDescribedBy(): string | undefined {
        return this.showQualifyBlocked ? 'qualify-blocked' : undefined;
    }

    get canReject(): boolean {
        return this.isOpen;
    }

    get saveDisabled(): boolean {
        return this.saving || !this.hasDraft;
    }

    get actionDisabled(): boolean {
        return this.saving;
    }

    /* ------------------------------------------------------------ problems */

    get problemTitle(): string {
        return this.problem?.title ?? '';
    }

    get problemMessage(): string {
        return this.problem?.message ?? '';
    }

    /** Messages shown at the top: page errors, and field errors for fields the panel does not show. */
    get problemTopMessages(): Array<{ key: string; text: string }> {
        if (!this.problem) return [];
        // A conflict's own message carries raw timestamps: who saved and when are shown in the user's words instead.
        if (this.problem.kind === 'conflict') return [];
        const shown = new Set<string>([FIELDS.framework]);
        for (const c of this.readinessNow?.criteria ?? []) shown.add(c.statusField).add(c.evidenceField);
        if (this.factsOpen) for (const field of FIT_INPUT_FIELDS) shown.add(field);
        const messages = [...this.problem.pageErrors];
        for (const [field, list] of Object.entries(this.problem.fieldErrors)) {
            if (!shown.has(field))
                for (const message of list) messages.push(formatLabel(LG_Panel_FieldError, this.fieldLabel(field), message));
        }
        return messages.map((text, index) => ({ key: `${index}`, text }));
    }

    get hasProblemTopMessages(): boolean {
        return this.problemTopMessages.length > 0;
    }

    get problemIsConflict(): boolean {
        return this.problem?.kind === 'conflict';
    }

    get problemCanRetry(): boolean {
        return this.problem?.kind === 'network' || this.problem?.kind === 'server';
    }

    get problemClass(): string {
        return this.problem?.kind === 'conflict'
            ? 'slds-box slds-theme_warning slds-m-bottom_small problem'
            : 'slds-box slds-theme_error slds-m-bottom_small problem';
    }

    /**
     * Templates cannot bind a textarea's value (it compiles to an attribute), so each evidence box is kept in
     * step with the draft-merged lead here: after a load, a discard, a save or a reload and re-apply.
     */
    override renderedCallback(): void {
        if (this.focusConflicts) {
            const box = this.template?.querySelector<HTMLElement & { focusBox(): void }>('c-conflict-choices');
            if (box) {
                box.focusBox();
                this.focusConflicts = false;
            }
        }
        if (this.focusProblem) {
            const summary = this.template?.querySelector<HTMLElement>('[data-id="problem"]');
            if (summary) {
                summary.focus();
                this.focusProblem = false;
            }
        }
        const lead = this.draftLead;
        for (const box of this.template?.querySelectorAll<HTMLTextAreaElement>('textarea[data-field]') ?? []) {
            const field = box.dataset.field;
            if (!field) continue;
            const want = typeof lead[field] === 'string' ? (lead[field] as string) : '';
            if (box.value !== want) box.value = want;
        }
        const typing = this.template?.activeElement;
        for (const input of this.template?.querySelectorAll<HTMLInputElement>('input[data-fact]') ?? []) {
            const field = input.dataset.fact;
            if (!field || input === typing) continue;
            const raw = lead[field];
            const want = raw === null || raw === undefined ? '' : String(raw);
            if (input.value !== want) input.value = want;
        }
    }

    /* ------------------------------------------------------------ handlers */

    private setDraft(next: Draft | null): void {
        this.draft = next;
        if (!this._recordId) return;
        this.draftNotStored = !writeDraft(draftKey(this._recordId, 'qualification'), next);
    }

    private edit(field: string, value: unknown): void {
        if (!this.record) return;
        this.setDraft(editDraft(this.draft, this.recordValues, lastModifiedOf(this.record), field, value));
        this.reappliedNotice = false;
        if (this.problem && this.problem.fieldErrors[field]) {
            // The rep is fixing this field: its server message no longer describes what is on screen.
            const fieldErrors = { ...this.problem.fieldErrors };
            delete fieldErrors[field];
            this.problem = { ...this.problem, fieldErrors };
        }
    }

    handleFrameworkChange(event: CustomEvent<{ value: string }>): void {
        this.edit(FIELDS.framework, event.detail.value);
    }

    handleUseSuggestion(): void {
        this.edit(FIELDS.framework, this.suggestedFramework);
    }

    handleStatusChange(event: CustomEvent<{ value: string }>): void {
        const field = (event.target as HTMLElement).dataset.field;
        if (field) this.edit(field, event.detail.value);
    }

    handleEvidenceInput(event: Event): void {
        const target = event.target as HTMLTextAreaElement;
        const field = target.dataset.field;
        if (field) this.edit(field, target.value);
    }

    handleToggleFacts(): void {
        this.factsOpen = !this.factsOpen;
    }

    handleFactInput(event: Event): void {
        const target = event.target as HTMLInputElement;
        const field = target.dataset.fact;
        if (!field) return;
        if (target.type === 'number') {
            // A number box being typed in ("1e", "-") reports '' until it holds a number: keep the last number meanwhile.
            if (target.value === '' && !target.validity.valid) return;
            this.edit(field, target.value === '' ? null : Number(target.value));
        } else {
            this.edit(field, target.value === '' ? null : target.value);
        }
    }

    handleFactPick(event: CustomEvent<{ value: string }>): void {
        const field = (event.target as HTMLElement).dataset.fact;
        if (field) this.edit(field, event.detail.value === '' ? null : event.detail.value);
    }

    handleGoToField(event: Event): void {
        const field = (event.currentTarget as HTMLElement).dataset.field;
        if (!field) return;
        const target =
            field === FIELDS.framework
                ? this.template?.querySelector<HTMLElement>('lightning-radio-group')
                : this.template?.querySelector<HTMLElement>(`textarea[data-field="${field}"]`);
        target?.focus();
    }

    handleDiscard(): void {
        if (this._recordId) clearDraft(draftKey(this._recordId, 'qualification'));
        this.draft = null;
        this.problem = null;
        this.restoredDraft = false;
        this.reappliedNotice = false;
        this.conflicts = [];
        this.conflictAction = null;
    }

    /** The rep chose, for one conflicting field, which version to keep; once all are chosen the interrupted save runs again. */
    async handleConflictChoice(event: CustomEvent<ChooseDetail>): Promise<void> {
        const conflict = this.conflicts.find((c) => c.field === event.detail.field);
        if (!conflict) return;
        this.conflicts = this.conflicts.filter((c) => c !== conflict);
        if (this.draft && conflict.field in this.draft.values) this.setDraft(resolveConflict(this.draft, conflict, event.detail.choice));
        else if (event.detail.choice === 'theirs') this.conflictAction = this.conflictAction && 'save'; // their stage stands
        const action = this.conflictAction;
        if (this.conflicts.length || !action) return;
        this.conflictAction = null;
        await this.save(action);
    }

    handleSave(): Promise<void> {
        return this.save('save');
    }

    handleAccept(): Promise<void> {
        return this.save('accept');
    }

    handleQualify(): Promise<void> {
        return this.save('qualify');
    }

    handleRetry(): Promise<void> {
        return this.save(this.lastAction);
    }

    async handleReloadAndReapply(): Promise<void> {
        if (!this._recordId) return;
        this.reloadingAfterConflict = true;
        this.conflictLastModified = lastModifiedOf(this.record);
        try {
            await notifyRecordUpdateAvailable([{ recordId: this._recordId }]);
        } catch (error) {
            this.reloadingAfterConflict = false;
            this.showProblem({ ...reduceErrors(error), kind: isNetworkError(error) ? 'network' : 'server', status: null });
        }
    }

    handleRejectClick(event: Event): void {
        const reason = (event.currentTarget as HTMLElement).dataset.reason;
        this.rejectionPreset = reason || undefined;
        this.showRejection = true;
    }

    handleRejectionCancel(): void {
        this.showRejection = false;
        this.rejectionPreset = undefined;
    }

    handleRejected(): void {
        this.showRejection = false;
        this.rejectionPreset = undefined;
        this.toast(LG_Panel_RejectedToast, 'success');
    }

    private async save(action: SaveAction, attempt = 0): Promise<void> {
        if (!this._recordId || !this.record || this.saving) return;
        if (this.hasConflicts) {
            // The rep chooses first: saving now would overwrite the other person's change unseen.
            this.focusConflicts = true;
            return;
        }
        const fields: FieldValues = { ...(this.draft?.values ?? {}) };
        if (action === 'accept') fields[FIELDS.status] = statusOfStage('SAL');
        if (action === 'qualify') fields[FIELDS.status] = statusOfStage('SQL');
        if (Object.keys(fields).length === 0) return;
        this.lastAction = action;
        this.saving = true;
        this.problem = null;
        this.reappliedNotice = false;
        // Concurrency is checked against the version the draft is based on.
        const sent = this.draft?.baseLastModified ?? lastModifiedOf(this.record);
        const stageBefore = this.recordValues[FIELDS.status];
        const outcome = await saveLead(this._recordId, fields, sent);
        const next =
            !outcome.ok && outcome.kind === 'conflict' && attempt < AUTO_RETRIES
                ? await this.afterNewerVersion(action, sent, fields[FIELDS.status], stageBefore)
                : null;
        this.saving = false;
        if (next === 'choose') {
            this.conflictAction = action;
            this.focusConflicts = true;
            return;
        }
        if (next) {
            await this.save(next, attempt + 1);
            return;
        }
        if (outcome.ok) {
            this.applySaved(outcome.record, fields);
            this.handleDiscard();
            this.toast(
                action === 'accept' ? LG_Panel_AcceptedToast : action === 'qualify' ? LG_Panel_QualifiedToast : LG_Panel_SavedToast,
                'success'
            );
            return;
        }
        this.showProblem(outcome);
    }

    /**
     * After a save met a newer version: re-reads the lead (the wire delivers it before the refresh resolves, and
     * onRecordLoaded moves the draft onto it). Returns the action to retry, 'choose' when the rep must choose, or
     * null when no newer version could be read (the conflict is then explained with Reload and re-apply).
     */
    private async afterNewerVersion(
        action: SaveAction,
        sent: string | null,
        stageMine: unknown,
        stageBefore: unknown
    ): Promise<SaveAction | 'choose' | null> {
        if (!(await rereadNewerVersion(this._recordId as string, sent, () => lastModifiedOf(this.record)))) return null;
        let next = action;
        if (action !== 'save') {
            const stage = reconcileFields({ [FIELDS.status]: stageMine }, { [FIELDS.status]: stageBefore }, this.recordValues);
            if (stage.agreed.length) next = 'save'; // someone else already moved the lead to this stage
            this.conflicts = [...this.conflicts, ...stage.conflicts];
        }
        return this.hasConflicts ? 'choose' : next;
    }

    /** Shows the saved values at once (LDS refreshes the wire shortly after with the authoritative record). */
    private applySaved(saved: RecordRepresentation | undefined, fields: FieldValues): void {
        if (!this.record) return;
        const merged: Record<string, { value: unknown; displayValue: string | null }> = { ...this.record.fields };
        for (const [field, value] of Object.entries(fields)) merged[field] = { value, displayValue: null };
        if (saved && saved.fields) for (const [field, fieldValue] of Object.entries(saved.fields)) merged[field] = fieldValue;
        this.record = {
            ...this.record,
            fields: merged,
            lastModifiedDate: saved?.lastModifiedDate ?? this.record.lastModifiedDate
        };
    }

    private showProblem(failure: SaveFailure): void {
        const { title, message } = describeSaveFailure(failure.kind);
        this.problem = { ...failure, title, message };
        // A refused fact is shown beside its input, so its section opens.
        if (Object.keys(failure.fieldErrors).some((field) => FIT_INPUT_FIELDS.has(field))) this.factsOpen = true;
        // Focus moves to the summary once it is rendered, so keyboard and screen-reader users land on what to do next.
        this.focusProblem = true;
    }

    private toast(title: string, variant: 'success' | 'error'): void {
        this.dispatchEvent(new ShowToastEvent({ title, variant }));
    }
}
