/**
 * The notes of a rejection: a box with a live counter of what the definition asks for the chosen reason
 * (`notesRequirement`: required and how long, or optional), the field's help, and the message when the notes are
 * missing or too short or the server refused them. The parent owns the draft: this component reports each
 * keystroke with an `edit` event ({ field, value }).
 */
import { LightningElement, api } from 'lwc';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import { FIELDS } from 'c/sqlDefinition';
import { notesRequirement, notesMeetRequirement, formulaTrim } from 'c/leadScoring';
import { formatLabel } from 'c/leadGateUi';
import LG_Reject_NotesLabel from '@salesforce/label/c.LG_Reject_NotesLabel';
import LG_Reject_NotesOptional from '@salesforce/label/c.LG_Reject_NotesOptional';
import LG_Reject_NotesCounter from '@salesforce/label/c.LG_Reject_NotesCounter';
import LG_Reject_NotesEnough from '@salesforce/label/c.LG_Reject_NotesEnough';
import LG_Reject_NotesTooShort from '@salesforce/label/c.LG_Reject_NotesTooShort';
import LG_Reject_Required from '@salesforce/label/c.LG_Reject_Required';

export default class RejectionNotes extends LightningElement {
    labels = { required: LG_Reject_Required };

    /** The chosen rejection reason ('' before one is chosen) and the notes as the rep typed them. */
    @api reason = '';
    @api notes = '';
    /** The notes field's metadata, when known (label, help, length). */
    @api fieldInfo: ObjectInfo['fields'][string] | undefined;
    /** The server's message for the notes, or null. */
    @api serverError: string | null = null;
    /** The rep tried to submit: say what is missing. */
    @api attempted = false;

    get label(): string {
        return this.fieldInfo?.label ?? LG_Reject_NotesLabel;
    }

    get help(): string {
        return this.fieldInfo?.inlineHelpText ?? '';
    }

    get maxLength(): number {
        return this.fieldInfo?.length ?? 255;
    }

    /** Minimum notes length for the chosen reason, or null when notes are optional (the definition decides). */
    get minChars(): number | null {
        return notesRequirement(this.reason);
    }

    get required(): boolean {
        return this.minChars !== null;
    }

    get chars(): number {
        return formulaTrim(this.notes ?? '').length;
    }

    get counterText(): string {
        const min = this.minChars;
        if (min === null) return formatLabel(LG_Reject_NotesOptional, this.chars);
        return notesMeetRequirement(this.reason, this.notes ?? '')
            ? formatLabel(LG_Reject_NotesEnough, this.chars)
            : formatLabel(LG_Reject_NotesCounter, this.chars, min);
    }

    get error(): string | null {
        if (this.serverError) return this.serverError;
        const min = this.minChars;
        if (this.attempted && min !== null && !notesMeetRequirement(this.reason, this.notes ?? '')) {
            return formatLabel(LG_Reject_NotesTooShort, min, this.reason);
        }
        return null;
    }

    get invalid(): string {
        return this.error ? 'true' : 'false';
    }

    get wrapperClass(): string {
        return this.error ? 'slds-form-element slds-m-top_small slds-has-error' : 'slds-form-element slds-m-top_small';
    }

    get describedBy(): string {
        return this.error ? 'notes-error notes-counter notes-help' : 'notes-counter notes-help';
    }

    /** Moves focus to the notes box. */
    @api
    focusBox(): void {
        this.template?.querySelector<HTMLElement>('textarea')?.focus();
    }

    /** Templates cannot bind a textarea's value (it compiles to an attribute), so the box is kept in step here. */
    override renderedCallback(): void {
        const box = this.template?.querySelector<HTMLTextAreaElement>('textarea');
        if (box && box.value !== (this.notes ?? '')) box.value = this.notes ?? '';
    }

    handleInput(event: Event): void {
        const value = (event.target as HTMLTextAreaElement).value;
        this.dispatchEvent(new CustomEvent('edit', { detail: { field: FIELDS.rejectionNotes, value } }));
    }
}
