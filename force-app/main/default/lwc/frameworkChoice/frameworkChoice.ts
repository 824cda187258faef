/**
 * The qualification framework of the lead (BANT, MEDDIC, ...) and the one the definition suggests for its company
 * size, with a one-click "use the suggestion". The suggestion comes from `c/leadScoring` (suggestFramework); the
 * parent owns the draft: this component reports the choice with an `edit` event ({ field, value }).
 */
import { LightningElement, api } from 'lwc';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import { SQL_DEFINITION, FIELDS } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import { suggestFramework } from 'c/leadScoring';
import { formatLabel, formatNumber, type FieldValues } from 'c/leadGateUi';
import LG_Panel_FrameworkLabel from '@salesforce/label/c.LG_Panel_FrameworkLabel';
import LG_Panel_FrameworkSuggestion from '@salesforce/label/c.LG_Panel_FrameworkSuggestion';
import LG_Panel_FrameworkSuggestionWhy from '@salesforce/label/c.LG_Panel_FrameworkSuggestionWhy';
import LG_Panel_UseSuggestion from '@salesforce/label/c.LG_Panel_UseSuggestion';

const OPTIONS = SHOWN_DEFINITION.frameworks.map((framework) => ({ label: framework.label, value: framework.key }));

export default class FrameworkChoice extends LightningElement {
    /** The lead as the rep sees it (the record with the draft on top). */
    @api lead: FieldValues = {};
    /** The framework field's metadata, when known (label and help). */
    @api fieldInfo: ObjectInfo['fields'][string] | undefined;
    @api locked = false;

    options = OPTIONS;

    get label(): string {
        return this.fieldInfo?.label ?? LG_Panel_FrameworkLabel;
    }

    get help(): string | undefined {
        return this.fieldInfo?.inlineHelpText ?? undefined;
    }

    get chosen(): string {
        const value = (this.lead ?? {})[FIELDS.framework];
        return typeof value === 'string' ? value : '';
    }

    get suggested(): string {
        return suggestFramework(this.lead ?? {});
    }

    get suggestionText(): string {
        const label = SHOWN_DEFINITION.frameworks.find((f) => f.key === this.suggested)?.label ?? this.suggested;
        const why = formatLabel(
            LG_Panel_FrameworkSuggestionWhy,
            formatNumber(SQL_DEFINITION.enterprise.minEmployees, 0),
            formatNumber(SQL_DEFINITION.enterprise.minAnnualRevenue, 0)
        );
        return `${formatLabel(LG_Panel_FrameworkSuggestion, label)} ${why}`;
    }

    get canUseSuggestion(): boolean {
        return this.chosen !== this.suggested && !this.locked;
    }

    get useSuggestionLabel(): string {
        return formatLabel(LG_Panel_UseSuggestion, this.suggested);
    }

    /** Moves focus to the framework choice. */
    @api
    focusChoice(): void {
        this.template?.querySelector<HTMLElement>('lightning-radio-group')?.focus();
    }

    private edit(value: string): void {
        this.dispatchEvent(new CustomEvent('edit', { detail: { field: FIELDS.framework, value } }));
    }

    handleChange(event: CustomEvent<{ value: string }>): void {
        this.edit(event.detail.value);
    }

    handleUseSuggestion(): void {
        this.edit(this.suggested);
    }
}
