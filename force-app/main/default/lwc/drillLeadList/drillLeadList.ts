/**
 * The leads behind a dashboard number, in the org and in the preview alike: a URL-addressable component
 * (/lightning/cmp/c__drillLeadList?c__drill=...) that reads its request from the page's state, asks
 * LeadGateDrillDownController.getLeads (the generated query of c/drillDown, run WITH USER_MODE) and lists the leads,
 * each linking its record, under "N leads: SQLs from .. to .., owner X".
 */
import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import getLeads from '@salesforce/apex/LeadGateDrillDownController.getLeads';
import { SHOWN_DEFINITION } from 'c/definitionLabels';
import {
    DrillError,
    drillDownOf,
    drillFilterWords,
    drillLeadsOf,
    drillLeadsParams,
    drillRequestOf,
    type DrillLead,
    type DrillRequest
} from 'c/drillDown';
import { DRILL_WORDS } from 'c/drillWords';
import { formatLabel } from 'c/funnelMetrics';
import { formatDateTime, reduceErrors } from 'c/leadGateUi';
import LG_Drill_List_Title from '@salesforce/label/c.LG_Drill_List_Title';
import LG_Drill_List_Back from '@salesforce/label/c.LG_Drill_List_Back';
import LG_Drill_List_Loading from '@salesforce/label/c.LG_Drill_List_Loading';
import LG_Drill_List_Empty from '@salesforce/label/c.LG_Drill_List_Empty';
import LG_Drill_List_Limit from '@salesforce/label/c.LG_Drill_List_Limit';
import LG_Drill_Col_Name from '@salesforce/label/c.LG_Drill_Col_Name';
import LG_Drill_Col_Company from '@salesforce/label/c.LG_Drill_Col_Company';
import LG_Drill_Col_Status from '@salesforce/label/c.LG_Drill_Col_Status';
import LG_Drill_Col_Owner from '@salesforce/label/c.LG_Drill_Col_Owner';
import LG_Drill_Col_Mql from '@salesforce/label/c.LG_Drill_Col_Mql';
import LG_Drill_Col_Sql from '@salesforce/label/c.LG_Drill_Col_Sql';

interface PageReference {
    type?: string;
    state?: Record<string, unknown>;
}

interface LeadsResponse {
    rows?: unknown[];
    limitReached?: boolean;
    listLimit?: number;
}

type ShownLead = DrillLead & { url: string; mqlText: string; sqlText: string };

export default class DrillLeadList extends NavigationMixin(LightningElement) {
    labels = {
        title: LG_Drill_List_Title,
        back: LG_Drill_List_Back,
        loading: LG_Drill_List_Loading,
        empty: LG_Drill_List_Empty,
        name: LG_Drill_Col_Name,
        company: LG_Drill_Col_Company,
        status: LG_Drill_Col_Status,
        owner: LG_Drill_Col_Owner,
        mql: LG_Drill_Col_Mql,
        sql: LG_Drill_Col_Sql
    };

    request: DrillRequest | null = null;
    leads: ShownLead[] | null = null;
    limitText = '';
    error = '';
    dashboardUrl = '';

    /** getLeads' parameters; undefined until the address is read, so the wire waits. */
    drill: string | undefined;
    windowStart: string | undefined;
    windowEnd: string | undefined;
    teamManagerId: string | null = null;
    ownerId: string | null = null;
    cutDimensions: string[] = [];
    cutValues: Array<string | null> = [];

    @wire(CurrentPageReference)
    wiredPage(ref: PageReference | undefined): void {
        if (!ref) return;
        try {
            const request = drillRequestOf(ref.state ?? {}, SHOWN_DEFINITION);
            this.request = request;
            this.error = '';
            this.leads = null;
            const params = drillLeadsParams(request);
            this.teamManagerId = params.teamManagerId;
            this.ownerId = params.ownerId;
            this.cutDimensions = params.cutDimensions;
            this.cutValues = params.cutValues;
            this.windowStart = params.windowStart;
            this.windowEnd = params.windowEnd;
            this.drill = params.drill;
        } catch (error) {
            // A bad address: say what is wrong and how to get a good one, without asking the server.
            this.request = null;
            this.error = formatLabel(DRILL_WORDS.error, error instanceof DrillError ? error.message : String(error));
        }
    }

    @wire(getLeads, {
        drill: '$drill',
        windowStart: '$windowStart',
        windowEnd: '$windowEnd',
        teamManagerId: '$teamManagerId',
        ownerId: '$ownerId',
        cutDimensions: '$cutDimensions',
        cutValues: '$cutValues'
    })
    wiredLeads({ data, error }: { data?: LeadsResponse; error?: unknown }): void {
        if (data && this.request) {
            const leads = drillLeadsOf(drillDownOf(this.request.key, SHOWN_DEFINITION), data.rows ?? []);
            this.limitText = data.limitReached ? formatLabel(LG_Drill_List_Limit, data.listLimit ?? leads.length) : '';
            this.leads = leads.map((lead) => ({
                ...lead,
                url: '',
                mqlText: lead.mqlAt ? formatDateTime(lead.mqlAt) : '',
                sqlText: lead.sqlAt ? formatDateTime(lead.sqlAt) : ''
            }));
            this.linkRecords().catch(() => undefined);
        } else if (error) {
            this.error = formatLabel(DRILL_WORDS.error, reduceErrors(error).pageErrors.join(' '));
        }
    }

    override connectedCallback(): void {
        this[NavigationMixin.GenerateUrl]({ type: 'standard__navItemPage', attributes: { apiName: 'LeadGate_Coaching' } })
            .then((url: string) => {
                this.dashboardUrl = url;
            })
            .catch(() => undefined);
    }

    /** Each lead's record page address, as the platform writes it. */
    private async linkRecords(): Promise<void> {
        const leads = this.leads ?? [];
        const urls = await Promise.all(
            leads.map((lead) =>
                this[NavigationMixin.GenerateUrl]({
                    type: 'standard__recordPage',
                    attributes: { recordId: lead.id, objectApiName: 'Lead', actionName: 'view' }
                }).catch(() => '')
            )
        );
        if (this.leads === leads) this.leads = leads.map((lead, i) => ({ ...lead, url: urls[i] ?? '' }));
    }

    get loading(): boolean {
        return !this.error && this.leads === null;
    }

    get hasLeads(): boolean {
        return !this.error && (this.leads?.length ?? 0) > 0;
    }

    get isEmpty(): boolean {
        return !this.error && this.leads !== null && this.leads.length === 0;
    }

    /** "12 leads: SQLs from 2026-09-01 to 2026-11-30, owner Ana Ruiz" (the rep's name from their leads, else the Id). */
    get summary(): string {
        if (!this.request || !this.leads) return '';
        const r = this.request;
        const repName = r.ownerId ? (this.leads.find((l) => l.ownerId === r.ownerId)?.ownerName ?? r.ownerId) : '';
        const words = drillFilterWords(
            r.key,
            {
                window: r.window,
                team: r.teamManagerId ? { managerId: r.teamManagerId, repNames: [] } : null,
                rep: r.ownerId ? { id: r.ownerId, name: repName } : null,
                cuts: r.cuts
            },
            DRILL_WORDS,
            r.teamName ? { manager: r.teamName } : {},
            SHOWN_DEFINITION
        );
        return formatLabel(DRILL_WORDS.count, this.leads.length, words);
    }
}
