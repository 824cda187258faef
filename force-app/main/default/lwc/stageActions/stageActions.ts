/**
 * The buttons that move a lead on from the qualification panel: Save and Discard while there are unsaved
 * changes, Accept (an MQL), Mark Sales Qualified (an open lead past New), Reject (an open lead), with how many
 * blockers remain tied to Mark Sales Qualified. The parent saves: this component reports the rep's click with a
 * `save`, `discard`, `accept`, `qualify` or `reject` event.
 */
import { LightningElement, api } from 'lwc';
import type { StageKey } from 'c/sqlDefinition';
import { formatLabel, isOpenStage } from 'c/leadGateUi';
import LG_Panel_ActionsLabel from '@salesforce/label/c.LG_Panel_ActionsLabel';
import LG_Panel_Save from '@salesforce/label/c.LG_Panel_Save';
import LG_Panel_Discard from '@salesforce/label/c.LG_Panel_Discard';
import LG_Panel_Accept from '@salesforce/label/c.LG_Panel_Accept';
import LG_Panel_Qualify from '@salesforce/label/c.LG_Panel_Qualify';
import LG_Panel_Reject from '@salesforce/label/c.LG_Panel_Reject';
import LG_Panel_QualifyBlocked from '@salesforce/label/c.LG_Panel_QualifyBlocked';
import LG_Panel_UnsavedChanges from '@salesforce/label/c.LG_Panel_UnsavedChanges';

export default class StageActions extends LightningElement {
    labels = {
        actions: LG_Panel_ActionsLabel,
        save: LG_Panel_Save,
        discard: LG_Panel_Discard,
        accept: LG_Panel_Accept,
        qualify: LG_Panel_Qualify,
        reject: LG_Panel_Reject,
        unsavedChanges: LG_Panel_UnsavedChanges
    };

    /** The lead's saved stage. */
    @api stage: StageKey | null = null;
    /** Whether the rep has unsaved changes. */
    @api hasDraft = false;
    @api saving = false;
    /** Whether nothing blocks Sales Qualified, and how many blockers the readiness list shows otherwise. */
    @api ready = false;
    @api blockerCount = 0;

    get canAccept(): boolean {
        return this.stage === 'MQL';
    }

    /** Open stages past New: a New lead is not yet marketing-qualified, so sales cannot accept or qualify it. */
    get canQualify(): boolean {
        return isOpenStage(this.stage) && this.stage !== 'New';
    }

    get canReject(): boolean {
        return isOpenStage(this.stage);
    }

    /**
     * Mark Sales Qualified stays available while things still block: the readiness list is the guide, and the
     * generated validation rules are the judge. A refusal shows each rule's message beside its criterion.
     */
    get showQualifyBlocked(): boolean {
        return this.canQualify && !this.ready;
    }

    /** The qualify button's accessible description: how many blockers the readiness list still shows. */
    get qualifyBlockedText(): string {
        return formatLabel(LG_Panel_QualifyBlocked, this.blockerCount);
    }

    /**
     * Solid green only when nothing blocks: while items still block, the button is neutral, with the reason tied to
     * it, and stays clickable (the rep may try; the rules then say what is missing beside each criterion).
     */
    get qualifyClass(): string {
        return this.ready ? 'slds-button slds-button_success' : 'slds-button slds-button_neutral';
    }

    get qualifyDescribedBy(): string | undefined {
        return this.showQualifyBlocked ? 'qualify-blocked' : undefined;
    }

    get saveDisabled(): boolean {
        return this.saving || !this.hasDraft;
    }

    handleClick(event: Event): void {
        const action = (event.currentTarget as HTMLElement).dataset.action;
        if (action) this.dispatchEvent(new CustomEvent(action));
    }
}
