/**
 * Speed to lead: how long since the lead became an MQL, against the definition's SLA. The clock ticks
 * while nobody has acted and stops for good once First_Action_At__c is stamped (first accept or reject).
 * The arithmetic is `speedToLead` from `c/leadScoring`.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import { FIELDS } from 'c/sqlDefinition';
import { speedToLead, type SpeedToLead } from 'c/leadScoring';
import { leadValuesOf, optionalLeadFields, reduceErrors, formatLabel, formatDuration } from 'c/leadGateUi';

import LG_Clock_Title from '@salesforce/label/c.LG_Clock_Title';
import LG_Clock_Loading from '@salesforce/label/c.LG_Clock_Loading';
import LG_Clock_LoadError from '@salesforce/label/c.LG_Clock_LoadError';
import LG_Clock_NoMql from '@salesforce/label/c.LG_Clock_NoMql';
import LG_Clock_Sla from '@salesforce/label/c.LG_Clock_Sla';
import LG_Clock_Waiting from '@salesforce/label/c.LG_Clock_Waiting';
import LG_Clock_TimeLeft from '@salesforce/label/c.LG_Clock_TimeLeft';
import LG_Clock_Overdue from '@salesforce/label/c.LG_Clock_Overdue';
import LG_Clock_ActionedWithin from '@salesforce/label/c.LG_Clock_ActionedWithin';
import LG_Clock_ActionedLate from '@salesforce/label/c.LG_Clock_ActionedLate';
import LG_Clock_SlaPassedAnnouncement from '@salesforce/label/c.LG_Clock_SlaPassedAnnouncement';
import LG_Clock_ElapsedLabel from '@salesforce/label/c.LG_Clock_ElapsedLabel';

const LABELS = {
    title: LG_Clock_Title,
    loading: LG_Clock_Loading,
    noMql: LG_Clock_NoMql,
    elapsedLabel: LG_Clock_ElapsedLabel
};

const OPTIONAL_FIELDS = optionalLeadFields([FIELDS.mqlAt, FIELDS.firstActionAt]);
const TICK_MS = 1000;

export default class SpeedToLeadClock extends LightningElement {
    labels = LABELS;

    @api recordId: string | undefined;

    record: RecordRepresentation | undefined;
    loadError: unknown;
    now = Date.now();
    /** Said once by the polite live region when a waiting lead passes the SLA. */
    announcement = '';
    private timer: ReturnType<typeof setInterval> | null = null;
    private wasWithinSla: boolean | null = null;

    @wire(getRecord, { recordId: '$recordId', optionalFields: OPTIONAL_FIELDS })
    wiredRecord({ data, error }: WireResult<RecordRepresentation>): void {
        if (data) {
            this.record = data;
            this.loadError = undefined;
            this.now = Date.now();
            this.syncTimer();
        } else if (error) {
            this.loadError = error;
            this.stopTimer();
        }
    }

    override connectedCallback(): void {
        this.syncTimer();
    }

    override disconnectedCallback(): void {
        this.stopTimer();
    }

    get clock(): SpeedToLead | null {
        return this.record ? speedToLead(leadValuesOf(this.record), this.now) : null;
    }

    /** Ticks only while the lead waits for its first action; a final or empty clock needs no timer. */
    private syncTimer(): void {
        const waiting = this.clock?.state === 'waiting';
        if (waiting && !this.timer && this.isConnected) {
            // A live clock needs a timer; it runs only while waiting and is cleared when final or disconnected.
            // eslint-disable-next-line @lwc/lwc/no-async-operation
            this.timer = setInterval(() => this.tick(), TICK_MS);
        } else if (!waiting) {
            this.stopTimer();
        }
        this.noteSlaCrossing();
    }

    private tick(): void {
        this.now = Date.now();
        this.noteSlaCrossing();
    }

    private noteSlaCrossing(): void {
        const clock = this.clock;
        if (!clock || clock.state !== 'waiting') return;
        if (this.wasWithinSla === true && clock.withinSla === false) {
            this.announcement = formatLabel(LG_Clock_SlaPassedAnnouncement, formatDuration(clock.slaMs));
        }
        this.wasWithinSla = clock.withinSla;
    }

    private stopTimer(): void {
        if (this.timer) {
            clearInterval(this.timer);
            this.timer = null;
        }
    }

    get isLoading(): boolean {
        return !this.record && !this.loadError;
    }

    get hasError(): boolean {
        return !this.record && Boolean(this.loadError);
    }

    get loadErrorText(): string {
        return formatLabel(LG_Clock_LoadError, reduceErrors(this.loadError).pageErrors.join(' '));
    }

    get hasNoMql(): boolean {
        return this.clock?.state === 'noMql';
    }

    get isWaiting(): boolean {
        return this.clock?.state === 'waiting';
    }

    get elapsedText(): string {
        return formatDuration(this.clock?.elapsedMs ?? 0);
    }

    get slaText(): string {
        return formatLabel(LG_Clock_Sla, formatDuration(this.clock?.slaMs ?? 0));
    }

    get statusText(): string {
        const c = this.clock;
        if (!c || c.state === 'noMql' || c.elapsedMs === null) return '';
        const over = formatDuration(c.elapsedMs - c.slaMs);
        if (c.state === 'waiting') {
            return c.withinSla
                ? `${LG_Clock_Waiting} ${formatLabel(LG_Clock_TimeLeft, formatDuration(c.remainingMs ?? 0))}`
                : formatLabel(LG_Clock_Overdue, over);
        }
        return c.withinSla
            ? formatLabel(LG_Clock_ActionedWithin, this.elapsedText)
            : formatLabel(LG_Clock_ActionedLate, this.elapsedText, over);
    }

    get statusClass(): string {
        const c = this.clock;
        if (!c) return '';
        return c.withinSla ? 'slds-text-color_success' : 'slds-text-color_error';
    }

    get barStyle(): string {
        const c = this.clock;
        const pct = c && c.elapsedMs !== null ? Math.min(100, (c.elapsedMs / c.slaMs) * 100) : 0;
        return `width: ${pct}%`;
    }

    get barClass(): string {
        return this.clock?.withinSla ? 'slds-progress-bar__value slds-theme_success' : 'slds-progress-bar__value slds-theme_error';
    }

    get barValue(): number {
        const c = this.clock;
        return c && c.elapsedMs !== null ? Math.min(100, Math.round((c.elapsedMs / c.slaMs) * 100)) : 0;
    }
}
