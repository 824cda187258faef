/**
 * Rejects an MQL with a documented reason, so marketing gets the reason as data.
 *
 * Reasons are the org's Rejection_Reason__c picklist values (never a hard-coded list). The definition
 * decides which reason needs notes and how long they must be (`notesRequirement`) and where the lead goes
 * (`rejectionStatus`: Rejected, or Nurture for reasons that recycle). One updateRecord sets Status, the
 * reason and the notes, with `ifUnmodifiedSince`. Used on its own on a Lead page or embedded in the
 * qualification panel (which may preset the reason a Disqualifying criterion points to).
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import {
    getObjectInfo,
    getPicklistValues,
    type ObjectInfo,
    type PicklistValues,
    type WireResult as InfoWireResult
} from 'lightning/uiObjectInfoApi';
import LEAD_OBJECT from '@salesforce/schema/Lead';
import STATUS_FIELD from '@salesforce/schema/Lead.Status';
import REASON_FIELD from '@salesforce/schema/Lead.Rejection_Reason__c';
import { FIELDS, type RejectionReasonValue } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import { rejectionStatus, notesMeetRequirement, stageOfStatus } from 'c/leadScoring';
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
    reconcileFields,
    savedByOf,
    rereadNewerVersion,
    LAST_MODIFIED_BY_NAME,
    reduceErrors,
    formatLabel,
    isOpenStage,
    type Draft,
    type FieldConflict,
    shownProblem,
    withoutFieldError,
    reloadRecord,
    conflictRowsOf,
    type ShownProblem,
    type SaveFailure
} from 'c/leadGateUi';
import type { ChooseDetail, ConflictRow } from 'c/conflictChoices';

import LG_Reject_Title from '@salesforce/label/c.LG_Reject_Title';
import LG_Reject_Loading from '@salesforce/label/c.LG_Reject_Loading';
import LG_Reject_LoadError from '@salesforce/label/c.LG_Reject_LoadError';
import LG_Reject_ReasonLabel from '@salesforce/label/c.LG_Reject_ReasonLabel';
import LG_Reject_ReasonPlaceholder from '@salesforce/label/c.LG_Reject_ReasonPlaceholder';
import LG_Reject_ReasonRequired from '@salesforce/label/c.LG_Reject_ReasonRequired';
import LG_Reject_NoReasons from '@salesforce/label/c.LG_Reject_NoReasons';
import LG_Reject_Destination from '@salesforce/label/c.LG_Reject_Destination';
import LG_Reject_Submit from '@salesforce/label/c.LG_Reject_Submit';
import LG_Reject_Cancel from '@salesforce/label/c.LG_Reject_Cancel';
import LG_Reject_Saving from '@salesforce/label/c.LG_Reject_Saving';
import LG_Reject_Done from '@salesforce/label/c.LG_Reject_Done';
import LG_Reject_NotOpen from '@salesforce/label/c.LG_Reject_NotOpen';
import LG_Reject_Reapplied from '@salesforce/label/c.LG_Reject_Reapplied';

const LABELS = {
    title: LG_Reject_Title,
    loading: LG_Reject_Loading,
    reasonPlaceholder: LG_Reject_ReasonPlaceholder,
    noReasons: LG_Reject_NoReasons,
    submit: LG_Reject_Submit,
    cancel: LG_Reject_Cancel,
    saving: LG_Reject_Saving,
    reapplied: LG_Reject_Reapplied
};

const OPTIONAL_FIELDS = optionalLeadFields([FIELDS.rejectionReason, FIELDS.rejectionNotes, FIELDS.lastModifiedDate, LAST_MODIFIED_BY_NAME]);
/** Submits retried on their own after meeting a newer version, before the rep is asked. */
const AUTO_RETRIES = 3;

export default class LeadRejection extends LightningElement {
    labels = LABELS;

    private _recordId: string | undefined;

    @api
    get recordId(): string | undefined {
        return this._recordId;
    }
    set recordId(value: string | undefined) {
        this._recordId = value;
        this.draft = value ? readDraft(draftKey(value, 'rejection')) : null;
    }

    /** A reason to preselect (e.g. the one a Disqualifying criterion points to); the rep can change it. */
    @api presetReason: string | undefined;

    record: RecordRepresentation | undefined;
    loadError: unknown;
    objectInfo: ObjectInfo | undefined;
    reasonValues: PicklistValues | undefined;
    reasonValuesError: unknown;
    draft: Draft | null = null;
    saving = false;
    done = false;
    problem: ShownProblem | null = null;
    /** The rep tried to submit: show what is missing next to the fields. */
    attempted = false;
    reloadingAfterConflict = false;
    conflictLastModified: string | null = null;
    reapplied = false;
    private focusProblem = false;
    /** Reason or notes someone else also changed: shown with both values until the rep chooses. */
    conflicts: FieldConflict[] = [];
    private focusConflicts = false;

    @wire(getRecord, { recordId: '$recordId', fields: [STATUS_FIELD], optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }: WireResult<RecordRepresentation>): void {
        if (data) {
            this.record = data;
            this.loadError = undefined;
            // The form always saves on the version it shows (see submit), so a restored draft needs no re-basing.
            const current = lastModifiedOf(data);
            if (this.reloadingAfterConflict && current !== this.conflictLastModified) {
                this.reloadingAfterConflict = false;
                this.problem = null;
                this.reapplied = true;
            }
        } else if (error) {
            this.loadError = error;
        }
    }

    @wire(getObjectInfo, { objectApiName: LEAD_OBJECT })
    wiredObjectInfo({ data }: InfoWireResult<ObjectInfo>): void {
        if (data) this.objectInfo = data;
    }

    @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: REASON_FIELD })
    wiredReasons({ data, error }: InfoWireResult<PicklistValues>): void {
        if (data) {
            this.reasonValues = data;
            this.reasonValuesError = undefined;
        } else if (error) {
            this.reasonValuesError = error;
        }
    }

    get recordTypeId(): string | undefined {
        return this.record?.recordTypeId ?? this.objectInfo?.defaultRecordTypeId ?? undefined;
    }

    /* ------------------------------------------------------------ state */

    get isLoading(): boolean {
        return !this.loadError && (!this.record || (!this.reasonValues && !this.reasonValuesError));
    }

    get loadErrorText(): string {
        return formatLabel(LG_Reject_LoadError, reduceErrors(this.loadError ?? this.reasonValuesError).pageErrors.join(' '));
    }

    get hasLoadError(): boolean {
        return Boolean(this.loadError) || (Boolean(this.reasonValuesError) && !this.reasonValues);
    }

    /** Whether the lead can still be rejected here (not already Rejected, Nurture, Sales Qualified or Converted). */
    get isOpen(): boolean {
        return isOpenStage(stageOfStatus(leadValuesOf(this.record)[FIELDS.status]));
    }

    get notOpenText(): string {
        const status = this.record?.fields[FIELDS.status];
        return formatLabel(LG_Reject_NotOpen, String(status?.displayValue ?? status?.value ?? ''));
    }

    get reasonOptions(): Array<{ label: string; value: string }> {
        return (this.reasonValues?.values ?? []).map((v) => ({ label: v.label, value: v.value }));
    }

    get hasReasons(): boolean {
        return this.reasonOptions.length > 0;
    }

    get reason(): string {
        const drafted = this.draft?.values[FIELDS.rejectionReason];
        if (typeof drafted === 'string') return drafted;
        const preset = this.presetReason;
        if (preset && this.reasonOptions.some((o) => o.value === preset)) return preset;
        return '';
    }

    get notes(): string {
        const drafted = this.draft?.values[FIELDS.rejectionNotes];
        return typeof drafted === 'string' ? drafted : '';
    }

    private fieldInfo(field: string): ObjectInfo['fields'][string] | undefined {
        return this.objectInfo?.fields[field];
    }

    get reasonLabel(): string {
        return this.fieldInfo(FIELDS.rejectionReason)?.label ?? LG_Reject_ReasonLabel;
    }

    get reasonHelp(): string | undefined {
        return this.fieldInfo(FIELDS.rejectionReason)?.inlineHelpText ?? undefined;
    }

    get notesInfo(): ObjectInfo['fields'][string] | undefined {
        return this.fieldInfo(FIELDS.rejectionNotes);
    }

    /** What the rep sees next to the reason: guidance from the definition and the status the lead lands in. */
    get destinationText(): string {
        if (!this.reason) return '';
        const guidance = SHOWN_DEFINITION.rejectionReasons.find((r) => r.value === this.reason)?.description ?? '';
        const status = rejectionStatus(this.reason as RejectionReasonValue);
        return `${formatLabel(LG_Reject_Destination, status)} ${guidance}`.trim();
    }

    get reasonError(): string | null {
        const server = this.problem?.fieldErrors[FIELDS.rejectionReason];
        if (server && server.length) return server.join(' ');
        return this.attempted && !this.reason ? LG_Reject_ReasonRequired : null;
    }

    get notesServerError(): string | null {
        const server = this.problem?.fieldErrors[FIELDS.rejectionNotes];
        return server && server.length ? server.join(' ') : null;
    }

    /** Reason and notes show their server messages beside their own input: the banner lists the rest. */
    get problemShownFields(): string[] {
        return [FIELDS.rejectionReason, FIELDS.rejectionNotes];
    }

    get hasConflicts(): boolean {
        return this.conflicts.length > 0;
    }

    get conflictRows(): ConflictRow[] {
        const typed = { [FIELDS.rejectionReason]: this.reason, [FIELDS.rejectionNotes]: this.notes };
        return conflictRowsOf(this.conflicts, typed, (field) => this.fieldInfo(field)?.label ?? field);
    }

    get savedBy(): { name: string; when: string } {
        return savedByOf(this.record);
    }

    get doneText(): string {
        return LG_Reject_Done;
    }

    /** Focus goes where the rep must act next once it is rendered: the conflict choices, or the save problem. */
    override renderedCallback(): void {
        const banner = this.template?.querySelector<HTMLElement & { focusConflicts(): boolean; focusSummary(): boolean }>('c-save-problem');
        if (this.focusConflicts && banner?.focusConflicts()) this.focusConflicts = false;
        if (this.focusProblem && banner?.focusSummary()) this.focusProblem = false;
    }

    /* ------------------------------------------------------------ handlers */

    private setDraft(next: Draft | null): void {
        this.draft = next;
        if (this._recordId) writeDraft(draftKey(this._recordId, 'rejection'), next);
    }

    private edit(field: string, value: string): void {
        if (!this.record) return;
        // A rejection starts from a blank form (not from an earlier rejection's values), so the baseline is empty.
        this.setDraft(editDraft(this.draft, {}, lastModifiedOf(this.record), field, value));
        this.reapplied = false;
        this.problem = withoutFieldError(this.problem, field);
    }

    handleReasonChange(event: CustomEvent<{ value: string }>): void {
        this.edit(FIELDS.rejectionReason, event.detail.value);
    }

    handleNotesEdit(event: CustomEvent<{ value: string }>): void {
        this.edit(FIELDS.rejectionNotes, event.detail.value);
    }

    handleCancel(): void {
        if (this._recordId) clearDraft(draftKey(this._recordId, 'rejection'));
        this.draft = null;
        this.problem = null;
        this.conflicts = [];
        this.attempted = false;
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    /** The rep chose, for reason or notes, which version to keep; once all are chosen the rejection is submitted again. */
    async handleConflictChoice(event: CustomEvent<ChooseDetail>): Promise<void> {
        const conflict = this.conflicts.find((c) => c.field === event.detail.field);
        if (!conflict) return;
        this.conflicts = this.conflicts.filter((c) => c !== conflict);
        if (event.detail.choice === 'theirs') this.edit(conflict.field, typeof conflict.theirs === 'string' ? conflict.theirs : '');
        if (!this.conflicts.length) await this.submit();
    }

    handleSubmit(): Promise<void> {
        return this.submit();
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

    private async submit(attempt = 0): Promise<void> {
        if (!this._recordId || !this.record || this.saving) return;
        if (this.hasConflicts) {
            this.focusConflicts = true;
            return;
        }
        this.attempted = true;
        const reason = this.reason;
        if (!reason || !notesMeetRequirement(reason, this.notes)) {
            // Take the rep to what is missing (both fields are on screen already).
            if (!reason) this.template?.querySelector<HTMLElement>('lightning-combobox')?.focus();
            else this.template?.querySelector<HTMLElement & { focusBox(): void }>('c-rejection-notes')?.focusBox();
            return;
        }
        const notes = this.notes.trim() === '' ? null : this.notes;
        const status = rejectionStatus(reason as RejectionReasonValue);
        this.saving = true;
        this.problem = null;
        this.reapplied = false;
        // The form saves on the version it shows: a draft restored after a reload is never based on an older one.
        const sent = lastModifiedOf(this.record);
        const before = leadValuesOf(this.record);
        const fields = { [FIELDS.status]: status, [FIELDS.rejectionReason]: reason, [FIELDS.rejectionNotes]: notes };
        const outcome = await saveLead(this._recordId, fields, sent);
        const next =
            !outcome.ok && outcome.kind === 'conflict' && attempt < AUTO_RETRIES
                ? await this.afterNewerVersion(fields, before, sent)
                : null;
        this.saving = false;
        if (next === 'choose') {
            this.focusConflicts = true;
            return;
        }
        if (next === 'retry') {
            await this.submit(attempt + 1);
            return;
        }
        if (outcome.ok) {
            if (this._recordId) clearDraft(draftKey(this._recordId, 'rejection'));
            this.draft = null;
            this.attempted = false;
            this.done = true;
            this.dispatchEvent(new CustomEvent('rejected', { detail: { status, reason } }));
            return;
        }
        this.showProblem(outcome);
    }

    /**
     * After a submit met a newer version: re-reads the lead and compares reason and notes with what the form was
     * based on. Status is left out: while the lead is still open the rep's decision to reject stands, and a lead
     * someone else closed is shown as not open (the draft is kept). Returns 'retry', 'choose', or null when no newer
     * version could be read.
     */
    private async afterNewerVersion(
        fields: Record<string, unknown>,
        before: Record<string, unknown>,
        sent: string | null
    ): Promise<'retry' | 'choose' | null> {
        if (!(await rereadNewerVersion(this._recordId as string, sent, () => lastModifiedOf(this.record))) || !this.isOpen) return null;
        const mine = { [FIELDS.rejectionReason]: fields[FIELDS.rejectionReason], [FIELDS.rejectionNotes]: fields[FIELDS.rejectionNotes] };
        this.conflicts = reconcileFields(mine, before, leadValuesOf(this.record)).conflicts;
        return this.hasConflicts ? 'choose' : 'retry';
    }

    private showProblem(failure: SaveFailure): void {
        this.problem = shownProblem(failure);
        // Focus moves to the summary once it is rendered, so keyboard and screen-reader users land on what to do next.
        this.focusProblem = true;
    }
}
