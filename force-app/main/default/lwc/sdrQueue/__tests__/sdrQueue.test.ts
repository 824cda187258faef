import { getListUi } from 'lightning/uiListApi';
import { refreshApex } from '@salesforce/apex';
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import SdrQueue from 'c/sdrQueue';
import { QUEUE_LIST_VIEWS } from 'c/sqlDefinition';
import { NOW, freezeTime, flushPromises, mount, resetDom, testWire, $, $$, visibleText } from '../../../../../../jest/testUtils';

const mockNavigate = jest.fn();
jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const NavigationMixin = Object.assign(
        (Base: new () => object) =>
            class extends Base {
                [Navigate](pageReference: unknown): void {
                    mockNavigate(pageReference);
                }
            },
        { Navigate, GenerateUrl: Symbol('GenerateUrl') }
    );
    return { NavigationMixin };
});

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
const mockRefreshApex = refreshApex as jest.MockedFunction<typeof refreshApex>;

const listUi = testWire(getListUi);
const at = (minutesBeforeNow: number): string => new Date(Date.parse(NOW) - minutesBeforeNow * 60_000).toISOString();

/** A Lead as the UI API list endpoint returns it. Fit 45 (Technology +20, VP +25), intent 40 (a demo request now). */
function lead(id: string, name: string, status: string, extra: Record<string, unknown> = {}) {
    const values: Record<string, unknown> = {
        Name: name,
        Company: `${name} Inc`,
        Status: status,
        Title: 'VP Sales',
        Industry: 'Technology',
        Last_Demo_Request_At__c: NOW,
        ...extra
    };
    return {
        id,
        apiName: 'Lead',
        lastModifiedDate: NOW,
        fields: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, displayValue: null }]))
    };
}
const MQL = 'Marketing Qualified';
const SAL = 'Sales Accepted';
const page = (records: unknown[]) => ({ records: { records } });
const onlyView = (name: string) => (config: Record<string, unknown>) => config.listViewApiName === name;

async function showQueue(mqls: unknown[], sals: unknown[]): Promise<HTMLElement> {
    const el = mount('c-sdr-queue', SdrQueue);
    await flushPromises();
    listUi.emit(page(mqls), onlyView(QUEUE_LIST_VIEWS.mqls));
    listUi.emit(page(sals), onlyView(QUEUE_LIST_VIEWS.sals));
    await flushPromises();
    return el;
}
const names = (el: HTMLElement): string[] => $$(el, '[data-field="name"]').map((n) => visibleText(n));
const times = (el: HTMLElement): string[] => $$(el, '[data-field="time"]').map((n) => visibleText(n));

describe('c-sdr-queue', () => {
    beforeEach(() => freezeTime(NOW));
    afterEach(resetDom);

    it('reads the two generated list views through LDS and shows a spinner until both answer', async () => {
        const el = mount('c-sdr-queue', SdrQueue);
        await flushPromises();
        expect($(el, 'lightning-spinner')).not.toBeNull();
        const config = listUi.getLastConfig();
        expect(config).toMatchObject({ objectApiName: 'Lead', pageSize: 50 });
        expect(config?.optionalFields).toEqual(expect.arrayContaining(['Lead.MQL_At__c', 'Lead.Name', 'Lead.Last_Demo_Request_At__c']));
        listUi.emit(page([]), onlyView(QUEUE_LIST_VIEWS.mqls));
        await flushPromises();
        expect($(el, 'lightning-spinner')).not.toBeNull();
        await expect(el).toBeAccessible();
    });

    it('orders MQLs by SLA time left (overdue first), then SALs longest accepted first', async () => {
        const el = await showQueue(
            [
                lead('00Q000000000004AAA', 'Dana', MQL, { MQL_At__c: at(1) }),
                lead('00Q000000000002AAA', 'Bea', MQL, { MQL_At__c: at(7) }),
                lead('00Q000000000003AAA', 'Cem', MQL, { MQL_At__c: at(4) }),
                lead('00Q000000000007AAA', 'Gus', MQL)
            ],
            [
                lead('00Q000000000006AAA', 'Fay', SAL, { MQL_At__c: at(30), Accepted_At__c: at(10) }),
                lead('00Q000000000005AAA', 'Eli', SAL, { MQL_At__c: at(90), Accepted_At__c: at(60) })
            ]
        );
        expect(names(el)).toEqual(['Bea', 'Cem', 'Dana', 'Gus', 'Eli', 'Fay']);
        expect(times(el)).toEqual([
            'Overdue by 2 min',
            '1 min left',
            '4 min left',
            'No MQL time',
            'Accepted 1 h ago',
            'Accepted 10 min ago'
        ]);
        expect(visibleText($(el, '[data-id="summary"]')!)).toBe('4 MQLs (1 past the SLA), 2 SALs');
        const first = $(el, '[data-row="00Q000000000002AAA"]')!;
        expect(visibleText(first)).toContain('Fit 45, intent 40 · 2 to fix for SQL');
        expect($(el, '[data-row="00Q000000000005AAA"]')!.textContent).toContain('1 to fix for SQL'); // accepted: only the framework left
        expect($(first, 'button')!.getAttribute('aria-label')).toBe('Open Bea, Overdue by 2 min');
        await expect(el).toBeAccessible();
    });

    it('counts down live and announces, once, a lead that passes the SLA', async () => {
        const el = await showQueue([lead('00Q000000000003AAA', 'Cem', MQL, { MQL_At__c: at(4) })], []);
        expect(times(el)).toEqual(['1 min left']);
        expect(jest.getTimerCount()).toBe(1);
        jest.advanceTimersByTime(30_000);
        await flushPromises();
        expect(times(el)).toEqual(['30 s left']);
        expect(visibleText($(el, '[data-id="announcer"]')!)).toBe('');
        jest.advanceTimersByTime(35_000);
        await flushPromises();
        expect(times(el)).toEqual(['Overdue by 5 s']);
        expect(visibleText($(el, '[data-id="announcer"]')!)).toBe('Past the SLA now: Cem');
        expect($(el, '[data-field="time"]')!.className).toContain('slds-text-color_error');
        await expect(el).toBeAccessible();
    });

    it('announces each lead once, when it passes the SLA, not again with the next one', async () => {
        const el = await showQueue(
            [lead('00Q000000000003AAA', 'Cem', MQL, { MQL_At__c: at(4) }), lead('00Q000000000004AAA', 'Dana', MQL, { MQL_At__c: at(3) })],
            []
        );
        jest.advanceTimersByTime(65_000);
        await flushPromises();
        expect(visibleText($(el, '[data-id="announcer"]')!)).toBe('Past the SLA now: Cem');
        jest.advanceTimersByTime(60_000);
        await flushPromises();
        expect(times(el)).toEqual(['Overdue by 1 min 5 s', 'Overdue by 5 s']);
        expect(visibleText($(el, '[data-id="announcer"]')!)).toBe('Past the SLA now: Dana');
        await expect(el).toBeAccessible();
    });

    it('an empty queue says so and runs no timer', async () => {
        const el = await showQueue([], []);
        expect(visibleText($(el, '[data-id="empty"]')!)).toBe(
            'No MQLs or SALs are waiting for you. New MQLs appear here the moment they are assigned to you.'
        );
        expect(jest.getTimerCount()).toBe(0);
        await expect(el).toBeAccessible();
    });

    it('a list that cannot load shows the reason and what to do, in an alert', async () => {
        const el = mount('c-sdr-queue', SdrQueue);
        await flushPromises();
        listUi.error({ message: 'The list view LeadGate_My_SALs is not available.' }, 404, 'Not Found');
        await flushPromises();
        const alert = $(el, '[role="alert"]')!;
        expect(visibleText(alert)).toContain('Your leads could not be loaded:');
        expect(visibleText(alert)).toContain('Reload the page');
        expect($(el, 'lightning-spinner')).toBeNull();
        await expect(el).toBeAccessible();
    });

    it('a row is a button (keyboard and screen reader) that opens the lead record', async () => {
        const el = await showQueue([lead('00Q000000000003AAA', 'Cem', MQL, { MQL_At__c: at(4) })], []);
        const button = $(el, 'button[data-id="00Q000000000003AAA"]')!;
        button.click();
        expect(mockNavigate).toHaveBeenCalledWith({
            type: 'standard__recordPage',
            attributes: { recordId: '00Q000000000003AAA', objectApiName: 'Lead', actionName: 'view' }
        });
    });
    describe('fresh without polling', () => {
        const setVisibility = (state: DocumentVisibilityState): void => {
            Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
            document.dispatchEvent(new CustomEvent('visibilitychange'));
        };
        /** The list views refreshApex was asked to refresh, in call order. */
        const refreshedViews = (): number => mockRefreshApex.mock.calls.length;
        beforeEach(() => mockRefreshApex.mockClear());
        afterEach(() => Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true }));

        it('asks LDS for both lists again when the tab becomes visible, not while it is hidden', async () => {
            const el = await showQueue([lead('00Q000000000001AAA', 'Ada', MQL, { MQL_At__c: at(1) })], []);
            mockRefreshApex.mockClear();
            setVisibility('hidden');
            expect(refreshedViews()).toBe(0);
            setVisibility('visible');
            await flushPromises();
            expect(refreshedViews()).toBe(2);
            // The very objects the wires provisioned (what refreshApex needs), one per list view.
            const refreshed = mockRefreshApex.mock.calls.map(([value]) => value as { data?: { records: { records: unknown[] } } });
            expect(refreshed.map((v) => v.data?.records.records.length)).toEqual([1, 0]);
            el.remove();
            setVisibility('visible');
            expect(refreshedViews()).toBe(2); // a removed queue stops listening
        });

        it('refreshes when the view refreshes (RefreshView API) and when it is shown again, and unregisters on removal', async () => {
            const el = await showQueue([], [lead('00Q000000000002AAA', 'Bo', SAL, { Accepted_At__c: at(30) })]);
            const registered = (registerRefreshHandler as jest.Mock).mock.calls.at(-1) as [unknown, () => Promise<boolean>];
            mockRefreshApex.mockClear();
            await expect(registered[1]()).resolves.toBe(true);
            expect(refreshedViews()).toBe(2);

            el.remove();
            expect(unregisterRefreshHandler).toHaveBeenCalled();
            document.body.appendChild(el);
            await flushPromises();
            expect(refreshedViews()).toBe(4);
            await expect(el).toBeAccessible();
        });

        it('a refresh that fails says so in the alert, and tells the view it failed', async () => {
            const el = await showQueue([lead('00Q000000000001AAA', 'Ada', MQL, { MQL_At__c: at(1) })], []);
            mockRefreshApex.mockRejectedValueOnce({ body: { message: 'Your session has expired.' }, status: 401 });
            const handler = ((registerRefreshHandler as jest.Mock).mock.calls.at(-1) as [unknown, () => Promise<boolean>])[1];
            await expect(handler()).resolves.toBe(false);
            await flushPromises();
            expect(visibleText($(el, '[role="alert"]')!)).toContain('Your session has expired.');
            await expect(el).toBeAccessible();
        });
    });
});
