/**
 * What stands between the rep and a saved lead, and what to do next: the last save's problem (the title and
 * message for its kind, the server's messages that no input on screen shows, and Reload and re-apply for a
 * conflict or Try again for a network or server failure), and the fields someone else also changed, each with
 * both values to choose from (c/conflictChoices). The parent owns the save: this component only reports the rep's
 * choice with a `reloadreapply`, `retry` or `choose` event. The problem itself is built by `shownProblem` in c/leadGateUi.
 */
import { LightningElement, api } from 'lwc';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import { formatLabel, type ShownProblem } from 'c/leadGateUi';
import type { ConflictRow } from 'c/conflictChoices';
import LG_Ui_ReloadReapply from '@salesforce/label/c.LG_Ui_ReloadReapply';
import LG_Ui_TryAgain from '@salesforce/label/c.LG_Ui_TryAgain';
import LG_Ui_FieldError from '@salesforce/label/c.LG_Ui_FieldError';

export default class SaveProblem extends LightningElement {
    labels = { reloadReapply: LG_Ui_ReloadReapply, tryAgain: LG_Ui_TryAgain };

    @api problem: ShownProblem | null = null;
    /** Fields whose server messages the parent shows beside their own input (not repeated here). */
    @api shownFields: string[] = [];
    /** The Lead's object info, for field labels (the API name is shown without it). */
    @api objectInfo: ObjectInfo | undefined;
    /** Fields the rep and someone else both changed, and who saved last and when (the user's words). */
    @api conflicts: ConflictRow[] = [];
    @api savedByName = '';
    @api savedWhen = '';
    /** The heading level that fits where the parent places the banner (2 or 3). */
    @api headingLevel: number | string = 2;

    get isSubHeading(): boolean {
        return Number(this.headingLevel) === 3;
    }

    get heading(): string {
        return this.problem?.title ?? '';
    }

    get message(): string {
        return this.problem?.message ?? '';
    }

    /** Page errors, and field errors for fields no input on screen shows. */
    get topMessages(): Array<{ key: string; text: string }> {
        const problem = this.problem;
        // A conflict's own message carries raw timestamps: who saved and when are shown in the user's words instead.
        if (!problem || problem.kind === 'conflict') return [];
        const shown = new Set(this.shownFields ?? []);
        const messages = [...problem.pageErrors];
        for (const [field, list] of Object.entries(problem.fieldErrors)) {
            if (shown.has(field)) continue;
            const label = this.objectInfo?.fields[field]?.label ?? field;
            for (const message of list) messages.push(formatLabel(LG_Ui_FieldError, label, message));
        }
        return messages.map((text, index) => ({ key: `${index}`, text }));
    }

    get hasTopMessages(): boolean {
        return this.topMessages.length > 0;
    }

    get hasConflicts(): boolean {
        return (this.conflicts ?? []).length > 0;
    }

    get isConflict(): boolean {
        return this.problem?.kind === 'conflict';
    }

    get canRetry(): boolean {
        return this.problem?.kind === 'network' || this.problem?.kind === 'server';
    }

    get boxClass(): string {
        return this.isConflict
            ? 'slds-box slds-theme_warning slds-m-bottom_small problem'
            : 'slds-box slds-theme_error slds-m-bottom_small problem';
    }

    /** Moves focus to the summary, so keyboard and screen-reader users land on what to do next. Returns whether it could. */
    @api
    focusSummary(): boolean {
        const summary = this.template?.querySelector<HTMLElement>('[data-id="problem"]');
        summary?.focus();
        return Boolean(summary);
    }

    /** Moves focus to the conflict choices; returns whether they are shown. */
    @api
    focusConflicts(): boolean {
        const box = this.template?.querySelector<HTMLElement & { focusBox(): void }>('c-conflict-choices');
        box?.focusBox();
        return Boolean(box);
    }

    handleChoose(event: CustomEvent): void {
        this.dispatchEvent(new CustomEvent('choose', { detail: event.detail }));
    }

    handleReloadAndReapply(): void {
        this.dispatchEvent(new CustomEvent('reloadreapply'));
    }

    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry'));
    }
}
