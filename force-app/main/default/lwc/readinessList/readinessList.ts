/**
 * "What still blocks Sales Qualified": each blocker of the lead as the rep sees it, in the rep's words, with a
 * button that takes the rep to the field to fix, or that nothing blocks. The blockers come from `c/leadScoring`
 * (readiness); this component only words them and reports `gotofield` ({ field }) for the parent to focus.
 */
import { LightningElement, api } from 'lwc';
import type { Blocker, Readiness } from 'c/leadScoring';
import { formatLabel } from 'c/leadGateUi';
import LG_Panel_ReadinessHeading from '@salesforce/label/c.LG_Panel_ReadinessHeading';
import LG_Panel_Ready from '@salesforce/label/c.LG_Panel_Ready';
import LG_Panel_GoToField from '@salesforce/label/c.LG_Panel_GoToField';
import LG_Panel_BlockerFramework from '@salesforce/label/c.LG_Panel_BlockerFramework';
import LG_Panel_BlockerConfirmAndEvidence from '@salesforce/label/c.LG_Panel_BlockerConfirmAndEvidence';
import LG_Panel_BlockerConfirm from '@salesforce/label/c.LG_Panel_BlockerConfirm';
import LG_Panel_BlockerEvidence from '@salesforce/label/c.LG_Panel_BlockerEvidence';
import LG_Panel_BlockerFit from '@salesforce/label/c.LG_Panel_BlockerFit';
import LG_Panel_BlockerIntent from '@salesforce/label/c.LG_Panel_BlockerIntent';
import LG_Panel_BlockerNotAccepted from '@salesforce/label/c.LG_Panel_BlockerNotAccepted';
import LG_Panel_BlockerCommitteeRole from '@salesforce/label/c.LG_Panel_BlockerCommitteeRole';
import LG_Panel_StatusNotSet from '@salesforce/label/c.LG_Panel_StatusNotSet';

export default class ReadinessList extends LightningElement {
    labels = { heading: LG_Panel_ReadinessHeading, ready: LG_Panel_Ready, goToField: LG_Panel_GoToField };

    /** The lead's readiness as the rep sees it (the record with the draft on top), or a deal's (c/dealQualification). */
    @api readiness: Pick<Readiness, 'blockers' | 'ready'> | undefined;
    /** The status values offered, so a status is named by its label. */
    @api statusOptions: Array<{ label: string; value: string }> = [];
    /** Words for another goal than Sales Qualified (the Opportunity's MEDDIC panel); the lead's by default. */
    @api heading: string | undefined;
    @api readyText: string | undefined;

    get headingText(): string {
        return this.heading || LG_Panel_ReadinessHeading;
    }

    get readyMessage(): string {
        return this.readyText || LG_Panel_Ready;
    }

    get isReady(): boolean {
        return Boolean(this.readiness?.ready);
    }

    get items(): Array<{ key: string; text: string; focusField: string | null }> {
        return (this.readiness?.blockers ?? []).map((blocker) => ({
            key: `${blocker.kind}:${blocker.field}`,
            text: this.blockerText(blocker),
            focusField: blocker.kind === 'criterion' || blocker.kind === 'framework' ? blocker.field : null
        }));
    }

    private statusLabel(value: string | null): string {
        if (!value) return LG_Panel_StatusNotSet;
        return (this.statusOptions ?? []).find((o) => o.value === value)?.label ?? value;
    }

    private blockerText(blocker: Blocker): string {
        switch (blocker.kind) {
            case 'framework':
                return LG_Panel_BlockerFramework;
            case 'criterion': {
                const c = blocker.criterion;
                if (!c.confirmed && !c.evidenceEnough) {
                    return formatLabel(
                        LG_Panel_BlockerConfirmAndEvidence,
                        c.label,
                        this.statusLabel(c.status),
                        c.evidenceMinChars,
                        c.evidenceChars
                    );
                }
                if (!c.confirmed) return formatLabel(LG_Panel_BlockerConfirm, c.label, this.statusLabel(c.status));
                return formatLabel(LG_Panel_BlockerEvidence, c.label, c.evidenceMinChars, c.evidenceChars);
            }
            case 'fitBelowBar':
                return formatLabel(LG_Panel_BlockerFit, blocker.fit, blocker.minFit);
            case 'intentBelowBar':
                return formatLabel(LG_Panel_BlockerIntent, blocker.intent, blocker.minIntent);
            case 'notAccepted':
                return LG_Panel_BlockerNotAccepted;
            case 'committeeRole':
                return formatLabel(LG_Panel_BlockerCommitteeRole, blocker.role.label);
            default:
                return '';
        }
    }

    handleGoToField(event: Event): void {
        const field = (event.currentTarget as HTMLElement).dataset.field;
        if (field) this.dispatchEvent(new CustomEvent('gotofield', { detail: { field } }));
    }
}
