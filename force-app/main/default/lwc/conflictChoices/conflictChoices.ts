/**
 * Shown when someone else saved a field the rep also changed: who saved last and when (the user's locale and
 * time zone), then for each such field both values and a one-click choice (keep mine / take theirs).
 * The parent (any component that edits a lead) owns the draft: this component only reports the choice with a
 * `choose` event ({ field, choice }). The decision of what is a conflict lives in `c/leadGateUi` (reconcileFields).
 */
import { LightningElement, api } from 'lwc';
import { formatLabel, type ConflictChoice } from 'c/leadGateUi';
import LG_Ui_ConflictTitle from '@salesforce/label/c.LG_Ui_ConflictTitle';
import LG_Ui_ConflictSavedBy from '@salesforce/label/c.LG_Ui_ConflictSavedBy';
import LG_Ui_ConflictTheirs from '@salesforce/label/c.LG_Ui_ConflictTheirs';
import LG_Ui_ConflictMine from '@salesforce/label/c.LG_Ui_ConflictMine';
import LG_Ui_ConflictBlank from '@salesforce/label/c.LG_Ui_ConflictBlank';
import LG_Ui_ConflictKeepMine from '@salesforce/label/c.LG_Ui_ConflictKeepMine';
import LG_Ui_ConflictTakeTheirs from '@salesforce/label/c.LG_Ui_ConflictTakeTheirs';
import LG_Ui_ConflictKeepMineFor from '@salesforce/label/c.LG_Ui_ConflictKeepMineFor';
import LG_Ui_ConflictTakeTheirsFor from '@salesforce/label/c.LG_Ui_ConflictTakeTheirsFor';

/** One conflicting field as the parent hands it over: its label and both values. */
export interface ConflictRow {
    field: string;
    label: string;
    theirs: unknown;
    mine: unknown;
}

export interface ChooseDetail {
    field: string;
    choice: ConflictChoice;
}

const shown = (value: unknown): string => (value === null || value === undefined || value === '' ? LG_Ui_ConflictBlank : String(value));

export default class ConflictChoices extends LightningElement {
    labels = {
        title: LG_Ui_ConflictTitle,
        theirs: LG_Ui_ConflictTheirs,
        mine: LG_Ui_ConflictMine,
        keepMine: LG_Ui_ConflictKeepMine,
        takeTheirs: LG_Ui_ConflictTakeTheirs
    };

    @api conflicts: ConflictRow[] = [];
    /** Who saved the lead last. */
    @api savedByName = '';
    /** When, already in the user's locale and time zone. */
    @api savedWhen = '';

    get savedByText(): string {
        return formatLabel(LG_Ui_ConflictSavedBy, this.savedByName, this.savedWhen);
    }

    get rows(): Array<Record<string, string>> {
        return (this.conflicts ?? []).map((row) => ({
            field: row.field,
            label: row.label,
            theirs: shown(row.theirs),
            mine: shown(row.mine),
            keepMineName: formatLabel(LG_Ui_ConflictKeepMineFor, row.label),
            takeTheirsName: formatLabel(LG_Ui_ConflictTakeTheirsFor, row.label)
        }));
    }

    /** Moves focus to the box, so keyboard and screen-reader users land on the choice to make. */
    @api
    focusBox(): void {
        this.template?.querySelector<HTMLElement>('[data-id="conflicts"]')?.focus();
    }

    handleChoose(event: Event): void {
        const button = event.currentTarget as HTMLElement;
        const field = button.dataset.field;
        const choice = button.dataset.choice;
        if (!field || (choice !== 'mine' && choice !== 'theirs')) return;
        this.dispatchEvent(new CustomEvent<ChooseDetail>('choose', { detail: { field, choice } }));
    }
}
