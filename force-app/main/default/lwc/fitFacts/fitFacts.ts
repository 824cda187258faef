/**
 * "Lead facts that drive fit": the lead fields the definition's fit rules read (Industry, Employees, Title, ...),
 * each typed by its field (picklist, number, email, text) and saying which fit rules read it, collapsed until the
 * rep opens it. The facts are part of the parent's draft, so the score card follows every keystroke: this
 * component reports each change with an `edit` event ({ field, value }) and the section's toggle with `toggle`.
 */
import { LightningElement, api } from 'lwc';
import type { ObjectInfo, PicklistValues } from 'lightning/uiObjectInfoApi';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import { fitInputFields } from 'c/leadScoring';
import { formatLabel, type FieldValues } from 'c/leadGateUi';
import LG_Panel_FactsHeading from '@salesforce/label/c.LG_Panel_FactsHeading';
import LG_Panel_FactsIntro from '@salesforce/label/c.LG_Panel_FactsIntro';
import LG_Panel_FactsRules from '@salesforce/label/c.LG_Panel_FactsRules';
import LG_Panel_FactsNone from '@salesforce/label/c.LG_Panel_FactsNone';

/** The lead facts fit is scored on, from the definition's fit rules (what the rep may correct while qualifying). */
export const FIT_INPUTS = fitInputFields();
/** UI API data types that take a number input. */
const NUMBER_TYPES = new Set(['Int', 'Double', 'Currency', 'Percent', 'Long']);
const RULE_LABELS = new Map(SHOWN_DEFINITION.fit.rules.map((rule) => [rule.id, rule.label]));

export default class FitFacts extends LightningElement {
    labels = { heading: LG_Panel_FactsHeading, intro: LG_Panel_FactsIntro };

    /** The lead as the rep sees it (the record with the draft on top). */
    @api lead: FieldValues = {};
    @api objectInfo: ObjectInfo | undefined;
    /** The org's values of every Lead picklist for the lead's record type (without them a picklist fact is shown, locked). */
    @api picklists: Record<string, PicklistValues> | undefined;
    /** The server's messages by field. */
    @api fieldErrors: Record<string, string[]> = {};
    /** Fields the rep cannot change now (not readable, not updateable, or a save in progress). */
    @api lockedFields: string[] = [];
    /** Whether the section is expanded. */
    @api open = false;

    get hasFacts(): boolean {
        return FIT_INPUTS.length > 0;
    }

    get toggleIcon(): string {
        return this.open ? 'utility:chevrondown' : 'utility:chevronright';
    }

    get sectionClass(): string {
        return this.open ? 'slds-section slds-is-open slds-m-top_medium' : 'slds-section slds-m-top_medium';
    }

    get contentHidden(): boolean {
        return !this.open;
    }

    get expanded(): string {
        return this.open ? 'true' : 'false';
    }

    get rows(): Array<Record<string, unknown>> {
        const lead = this.lead ?? {};
        const locked = new Set(this.lockedFields ?? []);
        return FIT_INPUTS.map((input) => {
            const info = this.objectInfo?.fields[input.field];
            const dataType = info?.dataType;
            const picklist = dataType ? dataType === 'Picklist' : input.kind === 'picklist';
            const number = dataType ? NUMBER_TYPES.has(dataType) : input.kind === 'number';
            const email = dataType ? dataType === 'Email' : input.kind === 'email';
            const raw = lead[input.field];
            const value = raw === null || raw === undefined ? '' : String(raw);
            const messages = this.fieldErrors?.[input.field];
            const error = messages && messages.length ? messages.join(' ') : null;
            const ids = { input: `fact-${input.field}`, help: `fact-help-${input.field}`, error: `fact-error-${input.field}` };
            const orgValues = this.picklists?.[input.field]?.values;
            const options = orgValues
                ? [{ label: LG_Panel_FactsNone, value: '' }, ...orgValues.map((v) => ({ label: v.label, value: v.value }))]
                : value
                  ? [{ label: value, value }]
                  : [];
            const rulesText = formatLabel(LG_Panel_FactsRules, input.ruleIds.map((id) => RULE_LABELS.get(id) ?? id).join(', '));
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
                locked: locked.has(input.field) || (picklist && !orgValues),
                error,
                invalid: error ? 'true' : 'false',
                describedBy: error ? `${ids.error} ${ids.help}` : ids.help,
                wrapperClass: error ? 'slds-form-element slds-has-error slds-m-bottom_x-small' : 'slds-form-element slds-m-bottom_x-small'
            };
        });
    }

    /** Keeps each input in step with the lead (templates set only the attribute), except the one the rep is typing in. */
    override renderedCallback(): void {
        const lead = this.lead ?? {};
        const typing = this.template?.activeElement;
        for (const input of this.template?.querySelectorAll<HTMLInputElement>('input[data-fact]') ?? []) {
            const field = input.dataset.fact;
            if (!field || input === typing) continue;
            const raw = lead[field];
            const want = raw === null || raw === undefined ? '' : String(raw);
            if (input.value !== want) input.value = want;
        }
    }

    /** Moves focus to the section's heading (after a save of the facts); returns whether it is shown. */
    @api
    focusHeading(): boolean {
        const heading = this.template?.querySelector<HTMLElement>('[data-id="facts-heading"]');
        heading?.focus();
        return Boolean(heading);
    }

    private edit(field: string, value: unknown): void {
        this.dispatchEvent(new CustomEvent('edit', { detail: { field, value } }));
    }

    handleToggle(): void {
        this.dispatchEvent(new CustomEvent('toggle'));
    }

    handleInput(event: Event): void {
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

    handlePick(event: CustomEvent<{ value: string }>): void {
        const field = (event.target as HTMLElement).dataset.fact;
        if (field) this.edit(field, event.detail.value === '' ? null : event.detail.value);
    }
}
