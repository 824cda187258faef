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
import { getRecord, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import {
    getObjectInfo,
    getPicklistValuesByRecordType,
    type ObjectInfo,
    type PicklistValues,
    type PicklistValuesByRecordType,
    type WireResult as InfoWireResult
} from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import FORM_FACTOR from '@salesforce/client/formFactor';
import LEAD_OBJECT from '@salesforce/schema/Lead';
import STATUS_FIELD from '@salesforce/schema/Lead.Status';
import { SQL_DEFINITION, FIELDS } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import { readiness, statusOfStage, fieldsRead, type Readiness } from 'c/leadScoring';
import {
    leadValuesOf,
    lastModifiedOf,
    optionalLeadFields,
    saveLead,
    draftKey,
    readDraft,
    writeDraft,
    clearDraft,
    editDraft,
    mergeDraft,
    reconcileDraft,
    reconcileFields,
    resolveConflict,
    rereadNewerVersion,
    LAST_MODIFIED_BY_NAME,
    reduceErrors,
    formatLabel,
    type Draft,
    type FieldConflict,
    type FieldValues,
    shownProblem,
    withoutFieldError,
    reloadRecord,
    type ShownProblem,
    type SaveFailure
} from 'c/leadGateUi';
import type { ChooseDetail } from 'c/conflictChoices';
import type { EditDetail } from 'c/criterionCard';
import type { FocusTarget } from 'c/qualificationWorkspace';
import { FIT_INPUTS } from 'c/fitFacts';

import LG_Panel_Title from '@salesforce/label/c.LG_Panel_Title';
import LG_Panel_Loading from '@salesforce/label/c.LG_Panel_Loading';
import LG_Panel_Saving from '@salesforce/label/c.LG_Panel_Saving';
import LG_Panel_LoadError from '@salesforce/label/c.LG_Panel_LoadError';
import LG_Panel_Reapplied from '@salesforce/label/c.LG_Panel_Reapplied';
import LG_Panel_RestoredDraft from '@salesforce/label/c.LG_Panel_RestoredDraft';
import LG_Panel_HiddenFields from '@salesforce/label/c.LG_Panel_HiddenFields';
import LG_Panel_DraftNotStored from '@salesforce/label/c.LG_Panel_DraftNotStored';
import LG_Panel_SavedToast from '@salesforce/label/c.LG_Panel_SavedToast';
import LG_Panel_AcceptedToast from '@salesforce/label/c.LG_Panel_AcceptedToast';
import LG_Panel_QualifiedToast from '@salesforce/label/c.LG_Panel_QualifiedToast';

const LABELS = {
    title: LG_Panel_Title,
    loading: LG_Panel_Loading,
    saving: LG_Panel_Saving,
    reapplied: LG_Panel_Reapplied,
    restoredDraft: LG_Panel_RestoredDraft,
    hiddenFields: LG_Panel_HiddenFields,
    draftNotStored: LG_Panel_DraftNotStored
};

const FIT_INPUT_FIELDS = new Set(FIT_INPUTS.map((input) => input.field));

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

/** The section a plain save went through for: the lead facts when only facts were saved, else the criteria. */
function savedSection(fields: FieldValues): FocusTarget {
    return Object.keys(fields).every((field) => FIT_INPUT_FIELDS.has(field)) ? 'facts' : 'criteria';
}
/** Saves retried on their own after meeting a newer version, before the rep is asked (signals keep arriving). */
const AUTO_RETRIES = 3;

export default class QualificationPanel extends LightningElement {
    labels = LABELS;
    /** The device's form factor: the workspace leads with the stage actions on a phone. */
    formFactor = FORM_FACTOR;

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
    problem: ShownProblem | null = null;
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
    private focusProblem = false;
    /** After a save went through or changes were re-applied: where focus goes once the panel has re-rendered. */
    private focusAfter: FocusTarget | null = null;

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
            this.focusAfter = 'reapplied';
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
        return this.record ? readiness(this.draftLead, Date.now(), SHOWN_DEFINITION) : undefined;
    }

    get hasDraft(): boolean {
        return Boolean(this.draft);
    }

    get hasConflicts(): boolean {
        return this.conflicts.length > 0;
    }

    /** The rep's unsaved values (what the conflict choices show as "mine"). */
    get draftValues(): FieldValues {
        return this.draft?.values ?? {};
    }

    /**
     * Focus follows the outcome, so keyboard and screen-reader users land on what to do next: the conflict choices,
     * the save problem's summary, or (once) the section a save went through for.
     */
    override renderedCallback(): void {
        const workspace = this.template?.querySelector<
            HTMLElement & { focusConflicts(): boolean; focusProblem(): boolean; focusSection(target: FocusTarget): boolean }
        >('c-qualification-workspace');
        if (!workspace) return;
        if (this.focusConflicts && workspace.focusConflicts()) {
            this.focusConflicts = false;
            this.focusAfter = null;
        }
        if (this.focusProblem && workspace.focusProblem()) {
            this.focusProblem = false;
            this.focusAfter = null;
        }
        if (this.focusAfter && !this.focusConflicts) {
            workspace.focusSection(this.focusAfter);
            this.focusAfter = null;
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
        this.problem = withoutFieldError(this.problem, field);
    }

    /** The rep changed a field (the framework, a criterion, a fit fact). */
    handleEdit(event: CustomEvent<EditDetail>): void {
        this.edit(event.detail.field, event.detail.value);
    }

    handleToggleFacts(): void {
        this.factsOpen = !this.factsOpen;
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
        const failure = await reloadRecord(this._recordId);
        if (failure) {
            this.reloadingAfterConflict = false;
            this.showProblem(failure);
        }
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
            this.focusAfter = action === 'save' ? savedSection(fields) : 'standing';
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
        this.problem = shownProblem(failure);
        // A refused fact is shown beside its input, so its section opens.
        if (Object.keys(failure.fieldErrors).some((field) => FIT_INPUT_FIELDS.has(field))) this.factsOpen = true;
        // Focus moves to the summary once it is rendered, so keyboard and screen-reader users land on what to do next.
        this.focusProblem = true;
    }

    private toast(title: string, variant: 'success' | 'error'): void {
        this.dispatchEvent(new ShowToastEvent({ title, variant }));
    }
}
