/**
 * One qualification criterion (Budget, Champion, ...) as the rep works on it: its state badge, the status,
 * the evidence box with its live counter and help, the server's message for either field, and, when the status
 * is Disqualifying, the matching rejection. The state comes from `c/leadScoring` (criterionState); the parent
 * owns the draft: this component reports each change with an `edit` event ({ field, value }) and a rejection
 * with a `reject` event ({ reason }).
 */
import { LightningElement, api } from 'lwc';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import type { CriterionState } from 'c/leadScoring';
import { formatLabel } from 'c/leadGateUi';
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
import LG_Panel_Reject from '@salesforce/label/c.LG_Panel_Reject';

type FieldInfo = ObjectInfo['fields'][string];

/** What an `edit` event carries: the field the rep changed and its new value. */
export interface EditDetail {
    field: string;
    value: unknown;
}

const BADGE = 'slds-badge slds-m-left_x-small';

export default class CriterionCard extends LightningElement {
    labels = { statusPlaceholder: LG_Panel_StatusPlaceholder };

    /** The criterion's state for the lead as the rep sees it (the record with the draft on top). */
    @api criterion: CriterionState | undefined;
    /** The status values to offer (the org's picklist values, or the definition's). */
    @api statusOptions: Array<{ label: string; value: string }> = [];
    /** The status and evidence fields' metadata, when known (labels, help, length). */
    @api statusInfo: FieldInfo | undefined;
    @api evidenceInfo: FieldInfo | undefined;
    /** The server's message for each field, or null. */
    @api statusError: string | null = null;
    @api evidenceError: string | null = null;
    @api statusLocked = false;
    @api evidenceLocked = false;
    /** Whether the lead is still open, so a Disqualifying criterion can offer its rejection. */
    @api canReject = false;

    get c(): CriterionState {
        return this.criterion as CriterionState;
    }

    get key(): string {
        return this.criterion?.key ?? '';
    }

    get stateText(): string {
        if (this.c.complete) return LG_Panel_StateComplete;
        if (this.c.disqualifying) return LG_Panel_StateDisqualifying;
        return this.c.confirmed ? LG_Panel_StateNeedsEvidence : LG_Panel_StateNotConfirmed;
    }

    get stateClass(): string {
        if (this.c.complete) return `${BADGE} slds-theme_success`;
        if (this.c.disqualifying) return `${BADGE} slds-theme_error`;
        return this.c.confirmed ? `${BADGE} slds-theme_warning` : BADGE;
    }

    get statusLabel(): string {
        return this.statusInfo?.label ?? formatLabel(LG_Panel_StatusSuffix, this.c.label);
    }

    get statusHelp(): string | undefined {
        return this.statusInfo?.inlineHelpText ?? undefined;
    }

    get statusValue(): string {
        return this.c.status ?? '';
    }

    get evidenceId(): string {
        return `evidence-${this.key}`;
    }

    get counterId(): string {
        return `counter-${this.key}`;
    }

    get helpId(): string {
        return `help-${this.key}`;
    }

    get errorId(): string {
        return `error-${this.key}`;
    }

    get evidenceLabel(): string {
        return this.evidenceInfo?.label ?? formatLabel(LG_Panel_EvidenceSuffix, this.c.label);
    }

    get maxLength(): number {
        return this.evidenceInfo?.length ?? 255;
    }

    get counterText(): string {
        return this.c.evidenceEnough
            ? formatLabel(LG_Panel_EvidenceEnough, this.c.evidenceChars)
            : formatLabel(LG_Panel_EvidenceCounter, this.c.evidenceChars, this.c.evidenceMinChars);
    }

    get counterClass(): string {
        return this.c.evidenceEnough ? 'slds-form-element__help slds-text-color_success' : 'slds-form-element__help';
    }

    /** The field's inline help (generated from the same question and example) wins; without it, the definition's words. */
    get help(): string {
        return this.evidenceInfo?.inlineHelpText ?? `${this.c.question} ${formatLabel(LG_Panel_GoodEvidence, this.c.goodEvidence)}`;
    }

    get evidenceInvalid(): string {
        return this.evidenceError ? 'true' : 'false';
    }

    get describedBy(): string {
        const tail = `${this.counterId} ${this.helpId}`;
        return this.evidenceError ? `${this.errorId} ${tail}` : tail;
    }

    get wrapperClass(): string {
        return this.evidenceError ? 'slds-form-element slds-has-error' : 'slds-form-element';
    }

    get disqualifyText(): string {
        return this.c.disqualifyReason
            ? formatLabel(LG_Panel_DisqualifyingWithReason, this.c.label, this.c.disqualifyReason)
            : formatLabel(LG_Panel_DisqualifyingNoReason, this.c.label);
    }

    get rejectAsLabel(): string {
        return this.c.disqualifyReason ? formatLabel(LG_Panel_RejectAs, this.c.disqualifyReason) : LG_Panel_Reject;
    }

    /** Moves focus to the evidence box when it is `field`; returns whether it did. */
    @api
    focusEvidence(field: string): boolean {
        if (field !== this.criterion?.evidenceField) return false;
        this.template?.querySelector<HTMLElement>('textarea')?.focus();
        return true;
    }

    /** Templates cannot bind a textarea's value (it compiles to an attribute), so the box is kept in step with the criterion. */
    override renderedCallback(): void {
        const box = this.template?.querySelector<HTMLTextAreaElement>('textarea');
        const want = this.criterion?.evidence ?? '';
        if (box && box.value !== want) box.value = want;
    }

    private edit(field: string, value: unknown): void {
        this.dispatchEvent(new CustomEvent<EditDetail>('edit', { detail: { field, value } }));
    }

    handleStatusChange(event: CustomEvent<{ value: string }>): void {
        this.edit(this.c.statusField, event.detail.value);
    }

    handleEvidenceInput(event: Event): void {
        this.edit(this.c.evidenceField, (event.target as HTMLTextAreaElement).value);
    }

    handleReject(): void {
        this.dispatchEvent(new CustomEvent('reject', { detail: { reason: this.c.disqualifyReason ?? undefined } }));
    }
}
