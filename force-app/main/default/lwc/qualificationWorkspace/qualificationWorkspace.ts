/**
 * What the rep sees and works in on the qualification panel, laid out: the save problem and conflicts, notices
 * about the draft, the stage, the framework, the criteria, what still blocks Sales Qualified, the lead facts that
 * drive fit, the score card, the stage actions, and the rejection form when the rep rejects. On a phone the stage
 * actions (and the rejection form) and what still blocks come first, right under the stage.
 *
 * It holds no lead data of its own: c/qualificationPanel owns the wires, the draft and the save and hands them
 * down. This component decides what each child shows (labels, locks, which messages sit beside which input) and
 * hands the children's events up unchanged: `edit`, `toggle`, `save`, `discard`, `accept`, `qualify`, `retry`,
 * `reloadreapply`, `choose`.
 */
import { LightningElement, api } from 'lwc';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import type { ObjectInfo, PicklistValues } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { FIELDS, CRITERION_STATUSES, type StageKey } from 'c/sqlDefinition';
import { stageOfStatus, type Readiness } from 'c/leadScoring';
import {
    leadValuesOf,
    savedByOf,
    formatLabel,
    isOpenStage,
    conflictRowsOf,
    type FieldConflict,
    type FieldValues,
    type ShownProblem
} from 'c/leadGateUi';
import type { ConflictRow } from 'c/conflictChoices';
import { FIT_INPUTS } from 'c/fitFacts';
import LG_Panel_Stage from '@salesforce/label/c.LG_Panel_Stage';
import LG_Panel_Reapplied from '@salesforce/label/c.LG_Panel_Reapplied';
import LG_Panel_RestoredDraft from '@salesforce/label/c.LG_Panel_RestoredDraft';
import LG_Panel_HiddenFields from '@salesforce/label/c.LG_Panel_HiddenFields';
import LG_Panel_DraftNotStored from '@salesforce/label/c.LG_Panel_DraftNotStored';
import LG_Panel_RejectedToast from '@salesforce/label/c.LG_Panel_RejectedToast';

type FieldInfo = ObjectInfo['fields'][string];
/**
 * Where focus goes after a save went through: the heading of the section saved (the criteria, the lead facts), the
 * readiness section after a stage change (it says what is next, or where the lead now stands), or the notice that the
 * rep's changes were re-applied on the latest version.
 */
export type FocusTarget = 'criteria' | 'facts' | 'standing' | 'reapplied';
type Focusable = HTMLElement & { focusHeading(): boolean };
const FIT_INPUT_FIELDS = FIT_INPUTS.map((input) => input.field);

export default class QualificationWorkspace extends LightningElement {
    labels = {
        reapplied: LG_Panel_Reapplied,
        restoredDraft: LG_Panel_RestoredDraft,
        hiddenFields: LG_Panel_HiddenFields,
        draftNotStored: LG_Panel_DraftNotStored
    };

    @api recordId: string | undefined;
    /** The saved lead, as the wire delivered it. */
    @api record: RecordRepresentation | undefined;
    @api objectInfo: ObjectInfo | undefined;
    /** The org's values of every Lead picklist for the lead's record type. */
    @api leadPicklists: Record<string, PicklistValues> | undefined;
    /** The lead as the rep sees it: the saved record with the unsaved draft on top. */
    @api lead: FieldValues = {};
    /** Readiness of that lead (c/leadScoring). */
    @api readiness: Readiness | undefined;
    /** The rep's unsaved values, and whether there are any. */
    @api draftValues: FieldValues = {};
    @api hasDraft = false;
    @api problem: ShownProblem | null = null;
    @api conflicts: FieldConflict[] = [];
    /** The draft came back from earlier on this device / was re-applied after a reload / could not be stored. */
    @api restoredDraft = false;
    @api reapplied = false;
    @api draftNotStored = false;
    @api saving = false;
    /** Whether "Lead facts that drive fit" is expanded. */
    @api factsOpen = false;
    /** The device's form factor (@salesforce/client/formFactor): on a phone (Small) the stage actions come first. */
    @api formFactor: 'Large' | 'Medium' | 'Small' = 'Large';

    showRejection = false;
    rejectionPreset: string | undefined;
    /** After a rejection: focus the readiness section once the form is gone. */
    private focusStanding = false;

    /* ------------------------------------------------------------ layout */

    /** On a phone: the stage, the stage actions, what still blocks, then the criteria (the SLA clock sits above the panel). */
    get actionsFirst(): boolean {
        return this.formFactor === 'Small';
    }

    /** Elsewhere: the criteria beside what still blocks, and the stage actions under them. */
    get actionsLast(): boolean {
        return !this.actionsFirst;
    }

    /* ------------------------------------------------------------ the lead and its fields */

    get stage(): StageKey | null {
        return stageOfStatus(leadValuesOf(this.record)[FIELDS.status]);
    }

    /** The lead's status as the org names it (its picklist label). */
    get stageName(): string {
        const shown = this.record?.fields[FIELDS.status]?.displayValue ?? leadValuesOf(this.record)[FIELDS.status];
        return String(shown ?? '');
    }

    get stageText(): string {
        return formatLabel(LG_Panel_Stage, this.stageName);
    }

    /** The framework and each criterion's status and evidence field. */
    private get qualificationFields(): string[] {
        return [FIELDS.framework, ...(this.readiness?.criteria ?? []).flatMap((c) => [c.statusField, c.evidenceField])];
    }

    /** Fields the panel asked for that the record did not return: the rep cannot read them (field-level security). */
    get hasHiddenFields(): boolean {
        const fields = this.record?.fields;
        return Boolean(fields) && this.qualificationFields.some((field) => !(field in (fields ?? {})));
    }

    private fieldInfo(field: string): FieldInfo | undefined {
        return this.objectInfo?.fields[field];
    }

    private editable(field: string): boolean {
        const info = this.fieldInfo(field);
        const readable = Boolean(this.record && field in this.record.fields);
        return readable && (info ? info.updateable : true) && !this.saving;
    }

    /** The fields the panel edits (framework, criteria, fit facts) that the rep cannot change now. */
    get lockedFields(): string[] {
        return [...this.qualificationFields, ...FIT_INPUT_FIELDS].filter((field) => !this.editable(field));
    }

    get frameworkInfo(): FieldInfo | undefined {
        return this.fieldInfo(FIELDS.framework);
    }

    get frameworkLocked(): boolean {
        return !this.editable(FIELDS.framework);
    }

    get statusOptions(): Array<{ label: string; value: string }> {
        // Every criterion status field shares its values: read those of the first criterion of the lead's framework.
        const field = this.readiness?.criteria[0]?.statusField;
        const org = field ? this.leadPicklists?.[field]?.values : undefined;
        if (org && org.length) return org.map((v) => ({ label: v.label, value: v.value }));
        // The definition's statuses, offered until (or unless) the org's picklist values arrive.
        return CRITERION_STATUSES.map((value) => ({ label: value, value }));
    }

    get isReady(): boolean {
        return Boolean(this.readiness?.ready);
    }

    get blockerCount(): number {
        return this.readiness?.blockers.length ?? 0;
    }

    get canReject(): boolean {
        return isOpenStage(this.stage);
    }

    /* ------------------------------------------------------------ the draft and the last save */

    get fieldErrors(): Record<string, string[]> {
        return this.problem?.fieldErrors ?? {};
    }

    /** Fields whose server messages are shown beside their own input: the rest are listed in the save-problem banner. */
    get problemShownFields(): string[] {
        return this.factsOpen ? [...this.qualificationFields, ...FIT_INPUT_FIELDS] : this.qualificationFields;
    }

    get showRestoredNotice(): boolean {
        return this.restoredDraft && this.hasDraft && !this.problem;
    }

    get showReappliedNotice(): boolean {
        return this.reapplied && !this.problem;
    }

    get conflictRows(): ConflictRow[] {
        return conflictRowsOf(this.conflicts ?? [], this.draftValues ?? {}, (field) => this.fieldInfo(field)?.label ?? field);
    }

    get savedBy(): { name: string; when: string } {
        return savedByOf(this.record);
    }

    /** Moves focus to the conflict choices; returns whether they are shown. */
    @api
    focusConflicts(): boolean {
        const banner = this.template?.querySelector<HTMLElement & { focusConflicts(): boolean }>('c-save-problem');
        return Boolean(banner?.focusConflicts());
    }

    /** Moves focus to the save-problem summary; returns whether it is shown. */
    @api
    focusProblem(): boolean {
        const banner = this.template?.querySelector<HTMLElement & { focusSummary(): boolean }>('c-save-problem');
        return Boolean(banner?.focusSummary());
    }

    /**
     * Moves focus to `target` (see FocusTarget); when that section is not shown, to the readiness section's heading.
     * Returns whether focus moved.
     */
    @api
    focusSection(target: FocusTarget): boolean {
        if (target === 'reapplied') {
            const notice = this.template?.querySelector<HTMLElement>('[data-id="reapplied"]');
            notice?.focus();
            if (notice) return true;
        }
        const section = target === 'criteria' ? 'c-criteria-list' : target === 'facts' ? 'c-fit-facts' : null;
        if (section && this.template?.querySelector<Focusable>(section)?.focusHeading()) return true;
        return Boolean(this.template?.querySelector<Focusable>('c-readiness-list')?.focusHeading());
    }

    override renderedCallback(): void {
        if (this.focusStanding && !this.showRejection) {
            this.focusStanding = false;
            this.focusSection('standing');
        }
    }

    /* ------------------------------------------------------------ handlers */

    /** Hands a child's event (an edit, a stage action, a conflict choice, ...) up to the panel, which owns the draft. */
    handOn(event: CustomEvent): void {
        this.dispatchEvent(new CustomEvent(event.type, { detail: event.detail }));
    }

    /** "Go to field" in the readiness list: the framework choice, or the evidence box of the criterion. */
    handleGoToField(event: CustomEvent<{ field: string }>): void {
        const field = event.detail.field;
        if (field === FIELDS.framework) {
            this.template?.querySelector<HTMLElement & { focusChoice(): void }>('c-framework-choice')?.focusChoice();
            return;
        }
        this.template?.querySelector<HTMLElement & { focusEvidence(f: string): boolean }>('c-criteria-list')?.focusEvidence(field);
    }

    /** Reject (no reason yet) from the actions, or Reject as <reason> from a Disqualifying criterion. */
    handleRejectClick(event: CustomEvent<{ reason?: string } | null>): void {
        this.rejectionPreset = event.detail?.reason || undefined;
        this.showRejection = true;
    }

    handleRejectionCancel(): void {
        this.showRejection = false;
        this.rejectionPreset = undefined;
    }

    handleRejected(): void {
        this.showRejection = false;
        this.rejectionPreset = undefined;
        this.focusStanding = true;
        this.dispatchEvent(new ShowToastEvent({ title: LG_Panel_RejectedToast, variant: 'success' }));
    }
}
