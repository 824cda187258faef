/**
 * "What still blocks Sales Qualified": each blocker of the lead as the rep sees it, in the rep's words, with a
 * button that takes the rep to the field to fix, or that nothing blocks. The blockers come from `c/leadScoring`
 * (readiness); this component only words them and reports `gotofield` ({ field }) for the parent to focus.
 * Once the lead has left the open stages the section says where it stands instead: a Sales Qualified lead is
 * qualified (with the scores that have fallen since, as information, never as a reason to reject), and a
 * rejected, nurtured or converted lead is no longer being qualified.
 */
import { LightningElement, api } from 'lwc';
import type { StageKey } from 'c/sqlDefinition';
import type { Blocker, Readiness } from 'c/leadScoring';
import { formatLabel, isOpenStage } from 'c/leadGateUi';
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
import LG_Panel_StandingHeading from '@salesforce/label/c.LG_Panel_StandingHeading';
import LG_Panel_IsQualified from '@salesforce/label/c.LG_Panel_IsQualified';
import LG_Panel_IsClosed from '@salesforce/label/c.LG_Panel_IsClosed';
import LG_Panel_SinceHeading from '@salesforce/label/c.LG_Panel_SinceHeading';
import LG_Panel_SinceIntent from '@salesforce/label/c.LG_Panel_SinceIntent';
import LG_Panel_SinceFit from '@salesforce/label/c.LG_Panel_SinceFit';

export default class ReadinessList extends LightningElement {
    labels = { ready: LG_Panel_Ready, goToField: LG_Panel_GoToField, qualified: LG_Panel_IsQualified, since: LG_Panel_SinceHeading };

    /** The lead's readiness as the rep sees it (the record with the draft on top), or a deal's (c/dealQualification). */
    @api readiness: Pick<Readiness, 'blockers' | 'ready'> | undefined;
    /** The status values offered, so a status is named by its label. */
    @api statusOptions: Array<{ label: string; value: string }> = [];
    /** Words for another goal than Sales Qualified (the Opportunity's MEDDIC panel); the lead's by default. */
    @api heading: string | undefined;
    @api readyText: string | undefined;

    /** The lead's saved stage (unknown: treated as open), and its status as the org names it (e.g. "Rejected"). */
    @api stage: StageKey | null = null;
    @api stageName = '';

    /** Past the open stages: the section says where the lead stands, not what blocks it. */
    get isSettled(): boolean {
        return this.stage !== null && this.stage !== undefined && !isOpenStage(this.stage);
    }

    get isQualified(): boolean {
        return this.stage === 'SQL';
    }

    get isClosed(): boolean {
        return this.isSettled && !this.isQualified;
    }

    get headingText(): string {
        if (this.heading) return this.heading;
        return this.isSettled ? LG_Panel_StandingHeading : LG_Panel_ReadinessHeading;
    }

    get readyMessage(): string {
        return this.readyText || LG_Panel_Ready;
    }

    get closedText(): string {
        return formatLabel(LG_Panel_IsClosed, this.stageName || String(this.stage ?? ''));
    }

    get isReady(): boolean {
        return Boolean(this.readiness?.ready);
    }

    /** On a Sales Qualified lead: the scores that have fallen under their bars since, worded as news, not as blockers. */
    get sinceItems(): Array<{ key: string; text: string }> {
        if (!this.isQualified) return [];
        return (this.readiness?.blockers ?? []).flatMap((blocker): Array<{ key: string; text: string }> => {
            if (blocker.kind === 'intentBelowBar') {
                return [{ key: blocker.kind, text: formatLabel(LG_Panel_SinceIntent, blocker.intent, blocker.minIntent) }];
            }
            if (blocker.kind === 'fitBelowBar')
                return [{ key: blocker.kind, text: formatLabel(LG_Panel_SinceFit, blocker.fit, blocker.minFit) }];
            return [];
        });
    }

    get hasSince(): boolean {
        return this.sinceItems.length > 0;
    }

    /** Moves focus to the section's heading (after a stage change, so the rep hears where the lead now stands). */
    @api
    focusHeading(): boolean {
        const heading = this.template?.querySelector<HTMLElement>('h2');
        heading?.focus();
        return Boolean(heading);
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
