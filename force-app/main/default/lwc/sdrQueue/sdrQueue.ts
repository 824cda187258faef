/**
 * The SDR's queue (Home page and utility bar): my open MQLs and SALs, most urgent first. MQLs waiting for a
 * first action come first, ordered by SLA time left (overdue ones on top, the most overdue first), each with a
 * live countdown; then SALs, longest accepted first. Each row shows fit, intent and how many blockers stand
 * between the lead and SQL (`readiness` from c/leadScoring), and opens the record.
 *
 * Data: the generated list views "My MQLs awaiting action" and "My SALs" through Lightning Data Service
 * (getListUi), no Apex: the list views carry the "mine" scope and the status filter, LDS caches and refreshes
 * them, and the fields the scoring reads are requested as optional fields (left out when the user cannot read them).
 *
 * Freshness without polling: LDS does not push list changes, so the queue asks LDS to refresh both lists
 * (refreshApex on the wired results) when the view refreshes (RefreshView API: the page's refresh, or a RefreshEvent
 * a component fires after a save), when the component is shown again (Home page revisited) and when the browser tab
 * becomes visible again. No empApi subscription: Change Data Capture on Lead needs View All on Lead for every
 * subscriber and ignores sharing (docs/DECISIONS.md).
 */
import { LightningElement, wire } from 'lwc';
import { getListUi, type ListUiRepresentation } from 'lightning/uiListApi';
import type { RecordRepresentation, WireResult } from 'lightning/uiRecordApi';
import { NavigationMixin } from 'lightning/navigation';
import { refreshApex } from '@salesforce/apex';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import { FIELDS, QUEUE_LIST_VIEWS } from 'c/sqlDefinition';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import { fieldsRead, readiness, speedToLead, stageOfStatus } from 'c/leadScoring';
import { formatDuration, formatLabel, leadValuesOf, optionalLeadFields, reduceErrors } from 'c/leadGateUi';

import LG_Queue_Title from '@salesforce/label/c.LG_Queue_Title';
import LG_Queue_Loading from '@salesforce/label/c.LG_Queue_Loading';
import LG_Queue_LoadError from '@salesforce/label/c.LG_Queue_LoadError';
import LG_Queue_Empty from '@salesforce/label/c.LG_Queue_Empty';
import LG_Queue_Summary from '@salesforce/label/c.LG_Queue_Summary';
import LG_Queue_TimeLeft from '@salesforce/label/c.LG_Queue_TimeLeft';
import LG_Queue_Overdue from '@salesforce/label/c.LG_Queue_Overdue';
import LG_Queue_NoClock from '@salesforce/label/c.LG_Queue_NoClock';
import LG_Queue_AcceptedAgo from '@salesforce/label/c.LG_Queue_AcceptedAgo';
import LG_Queue_FitIntent from '@salesforce/label/c.LG_Queue_FitIntent';
import LG_Queue_Blockers from '@salesforce/label/c.LG_Queue_Blockers';
import LG_Queue_Ready from '@salesforce/label/c.LG_Queue_Ready';
import LG_Queue_OpenLead from '@salesforce/label/c.LG_Queue_OpenLead';
import LG_Queue_OverdueAnnouncement from '@salesforce/label/c.LG_Queue_OverdueAnnouncement';

const PAGE_SIZE = 50;
const TICK_MS = 1000;
const OPTIONAL_FIELDS = optionalLeadFields(['Name', 'Company', FIELDS.mqlAt, FIELDS.firstActionAt, FIELDS.acceptedAt, ...fieldsRead()]);

export interface QueueRow {
    id: string;
    name: string;
    company: string;
    stage: 'MQL' | 'SAL';
    fit: number;
    intent: number;
    blockers: number;
    /** MQL: milliseconds left in the SLA (negative once overdue); null without an MQL time. SAL: null. */
    leftMs: number | null;
    acceptedAt: number | null;
}

function rowOf(record: RecordRepresentation, now: number): QueueRow | null {
    const values = leadValuesOf(record);
    const stage = stageOfStatus(values[FIELDS.status]);
    if (stage !== 'MQL' && stage !== 'SAL') return null; // changed since the list view was read
    const ready = readiness(values, now, SHOWN_DEFINITION);
    const clock = speedToLead(values, now);
    const accepted = Date.parse(String(values[FIELDS.acceptedAt] ?? ''));
    return {
        id: record.id,
        name: String(values.Name ?? ''),
        company: String(values.Company ?? ''),
        stage,
        fit: ready.score.fit,
        intent: ready.score.intent,
        blockers: ready.blockers.length,
        leftMs: stage === 'MQL' && clock.state === 'waiting' && clock.elapsedMs !== null ? clock.slaMs - clock.elapsedMs : null,
        acceptedAt: Number.isNaN(accepted) ? null : accepted
    };
}

/** MQLs by SLA time left (overdue first), MQLs without a clock, then SALs longest accepted first; ties by name. */
export function compareRows(a: QueueRow, b: QueueRow): number {
    const rank = (r: QueueRow): number => (r.stage === 'MQL' ? (r.leftMs !== null ? 0 : 1) : 2);
    return (
        rank(a) - rank(b) ||
        (a.leftMs ?? 0) - (b.leftMs ?? 0) ||
        (a.acceptedAt ?? Infinity) - (b.acceptedAt ?? Infinity) ||
        a.name.localeCompare(b.name)
    );
}

export default class SdrQueue extends NavigationMixin(LightningElement) {
    labels = { title: LG_Queue_Title, loading: LG_Queue_Loading, empty: LG_Queue_Empty };

    mqls: RecordRepresentation[] | undefined;
    sals: RecordRepresentation[] | undefined;
    loadError: unknown;
    now = Date.now();
    announcement = '';
    private timer: ReturnType<typeof setInterval> | null = null;
    private overdueIds = new Set<string>();
    /** The wired results, as refreshApex needs them. */
    private mqlsResult: WireResult<ListUiRepresentation> | undefined;
    private salsResult: WireResult<ListUiRepresentation> | undefined;
    private refreshHandlerId: number | null = null;
    private readonly onVisibility = (): void => {
        // refreshQueue never rejects: a failed refresh shows as the load error.
        if (document.visibilityState === 'visible') this.refreshQueue().catch(() => undefined);
    };

    @wire(getListUi, {
        objectApiName: 'Lead',
        listViewApiName: QUEUE_LIST_VIEWS.mqls,
        pageSize: PAGE_SIZE,
        optionalFields: OPTIONAL_FIELDS
    })
    wiredMqls(result: WireResult<ListUiRepresentation>): void {
        this.mqlsResult = result;
        const { data, error } = result;
        if (data) this.mqls = data.records.records;
        else if (error) this.loadError = error;
        this.refreshClock();
    }

    @wire(getListUi, {
        objectApiName: 'Lead',
        listViewApiName: QUEUE_LIST_VIEWS.sals,
        pageSize: PAGE_SIZE,
        optionalFields: OPTIONAL_FIELDS
    })
    wiredSals(result: WireResult<ListUiRepresentation>): void {
        this.salsResult = result;
        const { data, error } = result;
        if (data) this.sals = data.records.records;
        else if (error) this.loadError = error;
        this.refreshClock();
    }

    override connectedCallback(): void {
        this.refreshClock();
        this.refreshHandlerId = registerRefreshHandler(this, () => this.refreshQueue());
        document.addEventListener('visibilitychange', this.onVisibility);
        // Shown again (the Home page revisited): the cached lists may predate the rep's last save.
        if (this.mqlsResult?.data || this.salsResult?.data) this.refreshQueue().catch(() => undefined);
    }

    override disconnectedCallback(): void {
        this.stopTimer();
        if (this.refreshHandlerId !== null) unregisterRefreshHandler(this.refreshHandlerId);
        this.refreshHandlerId = null;
        document.removeEventListener('visibilitychange', this.onVisibility);
    }

    /** Asks LDS for both lists again; the wires then provision the fresh lists. Resolves false when a refresh fails. */
    async refreshQueue(): Promise<boolean> {
        const results = [this.mqlsResult, this.salsResult].filter((r): r is WireResult<ListUiRepresentation> => r !== undefined);
        try {
            await Promise.all(results.map((r) => refreshApex(r)));
            return true;
        } catch (error) {
            this.loadError = error;
            return false;
        }
    }

    get rows(): QueueRow[] {
        const records = [...(this.mqls ?? []), ...(this.sals ?? [])];
        return records
            .map((r) => rowOf(r, this.now))
            .filter((r): r is QueueRow => r !== null)
            .sort(compareRows);
    }

    get items(): Array<
        QueueRow & {
            key: string;
            timeText: string;
            timeClass: string;
            fitIntentText: string;
            blockersText: string;
            openLabel: string;
            overdue: boolean;
            stageBadge: string;
        }
    > {
        return this.rows.map((r) => {
            const overdue = r.leftMs !== null && r.leftMs < 0;
            const timeText =
                r.stage === 'SAL'
                    ? r.acceptedAt !== null
                        ? formatLabel(LG_Queue_AcceptedAgo, formatDuration(Math.max(0, this.now - r.acceptedAt)))
                        : ''
                    : r.leftMs === null
                      ? LG_Queue_NoClock
                      : overdue
                        ? formatLabel(LG_Queue_Overdue, formatDuration(-r.leftMs))
                        : formatLabel(LG_Queue_TimeLeft, formatDuration(r.leftMs));
            return {
                ...r,
                key: r.id,
                overdue,
                stageBadge: r.stage,
                timeText,
                timeClass: overdue ? 'slds-text-color_error slds-text-title_bold' : 'slds-text-color_default',
                fitIntentText: formatLabel(LG_Queue_FitIntent, r.fit, r.intent),
                blockersText: r.blockers === 0 ? LG_Queue_Ready : formatLabel(LG_Queue_Blockers, r.blockers),
                openLabel: formatLabel(LG_Queue_OpenLead, r.name, timeText)
            };
        });
    }

    get isLoading(): boolean {
        return !this.loadError && (this.mqls === undefined || this.sals === undefined);
    }

    get hasError(): boolean {
        return Boolean(this.loadError);
    }

    get loadErrorText(): string {
        return formatLabel(LG_Queue_LoadError, reduceErrors(this.loadError).pageErrors.join(' '));
    }

    get isEmpty(): boolean {
        return !this.isLoading && !this.hasError && this.rows.length === 0;
    }

    get hasRows(): boolean {
        return !this.isLoading && !this.hasError && this.rows.length > 0;
    }

    get summary(): string {
        const rows = this.rows;
        const mqls = rows.filter((r) => r.stage === 'MQL').length;
        const overdue = rows.filter((r) => r.leftMs !== null && r.leftMs < 0).length;
        return formatLabel(LG_Queue_Summary, mqls, overdue, rows.length - mqls);
    }

    handleOpen(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.id;
        if (!id) return;
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId: id, objectApiName: 'Lead', actionName: 'view' }
        });
    }

    /** Ticks once a second while an MQL's clock runs; announces (once per lead) when one passes the SLA. */
    private refreshClock(): void {
        this.now = Date.now();
        const ticking = this.rows.some((r) => r.leftMs !== null);
        if (ticking && !this.timer && this.isConnected) {
            // A live countdown needs a timer; it runs only while an MQL waits and is cleared on disconnect.
            // eslint-disable-next-line @lwc/lwc/no-async-operation
            this.timer = setInterval(() => this.tick(), TICK_MS);
        } else if (!ticking) this.stopTimer();
        this.noteOverdue(false);
    }

    private tick(): void {
        this.now = Date.now();
        this.noteOverdue(true);
    }

    private noteOverdue(announce: boolean): void {
        const newly = this.rows.filter((r) => r.leftMs !== null && r.leftMs < 0 && !this.overdueIds.has(r.id));
        for (const r of newly) this.overdueIds.add(r.id);
        if (announce && newly.length > 0)
            this.announcement = formatLabel(LG_Queue_OverdueAnnouncement, newly.map((r) => r.name).join(', '));
    }

    private stopTimer(): void {
        if (this.timer) {
            clearInterval(this.timer);
            this.timer = null;
        }
    }
}
