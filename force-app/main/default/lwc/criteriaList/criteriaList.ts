/**
 * The criteria of the lead's framework: how many are complete, then one card per criterion (c/criterionCard), or,
 * before a framework is chosen, what to do first. It passes each card what it needs from the field metadata and
 * the last save, and hands the cards' `edit` and `reject` events on to the parent, which owns the draft.
 */
import { LightningElement, api } from 'lwc';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';
import type { Readiness } from 'c/leadScoring';
import { formatLabel } from 'c/leadGateUi';
import type { EditDetail } from 'c/criterionCard';
import LG_Panel_NoFramework from '@salesforce/label/c.LG_Panel_NoFramework';
import LG_Panel_CompleteCount from '@salesforce/label/c.LG_Panel_CompleteCount';
import LG_Panel_CriteriaHeading from '@salesforce/label/c.LG_Panel_CriteriaHeading';

export default class CriteriaList extends LightningElement {
    labels = { heading: LG_Panel_CriteriaHeading, noFramework: LG_Panel_NoFramework };

    /** The lead's readiness as the rep sees it (the record with the draft on top), or a deal's (c/dealQualification). */
    @api readiness: Pick<Readiness, 'criteria' | 'completeCount' | 'total'> | undefined;
    @api objectInfo: ObjectInfo | undefined;
    /** The status values to offer on every card. */
    @api statusOptions: Array<{ label: string; value: string }> = [];
    /** The server's messages by field, from the last save. */
    @api fieldErrors: Record<string, string[]> = {};
    /** Fields the rep cannot change now. */
    @api lockedFields: string[] = [];
    /** Whether the lead is still open, so a Disqualifying criterion can offer its rejection. */
    @api canReject = false;

    get hasCriteria(): boolean {
        return (this.readiness?.criteria.length ?? 0) > 0;
    }

    get completeCountText(): string {
        return formatLabel(LG_Panel_CompleteCount, this.readiness?.completeCount ?? 0, this.readiness?.total ?? 0);
    }

    get cards(): Array<Record<string, unknown>> {
        const locked = new Set(this.lockedFields ?? []);
        const errorOf = (field: string): string | null => {
            const messages = this.fieldErrors?.[field];
            return messages && messages.length ? messages.join(' ') : null;
        };
        return (this.readiness?.criteria ?? []).map((c) => ({
            key: c.key,
            criterion: c,
            statusInfo: this.objectInfo?.fields[c.statusField],
            evidenceInfo: this.objectInfo?.fields[c.evidenceField],
            statusError: errorOf(c.statusField),
            evidenceError: errorOf(c.evidenceField),
            statusLocked: locked.has(c.statusField),
            evidenceLocked: locked.has(c.evidenceField)
        }));
    }

    /** Moves focus to the "Criteria" heading (after a save of the criteria); returns whether it is shown. */
    @api
    focusHeading(): boolean {
        const heading = this.template?.querySelector<HTMLElement>('[data-id="criteria-heading"]');
        heading?.focus();
        return Boolean(heading);
    }

    /** Moves focus to the evidence box `field`; returns whether a card has it. */
    @api
    focusEvidence(field: string): boolean {
        const cards = this.template?.querySelectorAll<HTMLElement & { focusEvidence(f: string): boolean }>('c-criterion-card') ?? [];
        return Array.from(cards).some((card) => card.focusEvidence(field));
    }

    handleEdit(event: CustomEvent<EditDetail>): void {
        this.dispatchEvent(new CustomEvent<EditDetail>('edit', { detail: event.detail }));
    }

    handleReject(event: CustomEvent<{ reason?: string }>): void {
        this.dispatchEvent(new CustomEvent('reject', { detail: event.detail }));
    }
}
