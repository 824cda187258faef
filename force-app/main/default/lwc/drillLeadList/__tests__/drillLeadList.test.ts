/**
 * c/drillLeadList: reads its request from the page's state, asks getLeads for it, and lists the leads with the
 * drill-down's words; a bad address is refused before any call, a refused call shows the server's words, an empty
 * list and a cut list say so. Checked with sa11y in each state.
 */
import { CurrentPageReference } from 'lightning/navigation';
import getLeads from '@salesforce/apex/LeadGateDrillDownController.getLeads';
import DrillLeadList from 'c/drillLeadList';
import { flushPromises, mount, testWire, useComponentTest, $, $$, visibleText } from '../../../../../../jest/testUtils';

interface ApexTestUtils {
    createApexTestWireAdapter(fn: jest.Mock): unknown;
}

jest.mock(
    '@salesforce/apex/LeadGateDrillDownController.getLeads',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual<ApexTestUtils>('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);

const pageWire = testWire(CurrentPageReference);
const leadsWire = testWire(getLeads);

const ANA = '005000000000001AAA';
const STATE = { c__drill: 'sqls', c__start: '2026-02-14', c__end: '2026-05-15', c__team: '005000000000009AAA', c__owner: ANA };
const lead = (i: number, ownerId = ANA, ownerName = 'Ana Reyes') => ({
    Id: `00Q00000000000${i}AAA`,
    Name: `Lead ${i}`,
    Company: `Company ${i}`,
    Status: 'Sales Qualified',
    OwnerId: ownerId,
    Owner: { Name: ownerName, Id: ownerId },
    MQL_At__c: '2026-03-01T10:00:00.000Z',
    SQL_At__c: '2026-03-02T10:00:00.000Z'
});

async function opened(state: Record<string, string>): Promise<HTMLElement> {
    const host = mount('c-drill-lead-list', DrillLeadList);
    await flushPromises();
    pageWire.emit({ type: 'standard__component', attributes: { componentName: 'c__drillLeadList' }, state });
    await flushPromises();
    return host;
}

describe('c-drill-lead-list', () => {
    useComponentTest();

    it("names a team's list by the team the dashboard showed, not by its manager's Id", async () => {
        const host = await opened({
            c__drill: 'mqls',
            c__start: '2026-02-14',
            c__end: '2026-05-15',
            c__team: '005000000000009AAA',
            c__teamName: 'Dana Whitfield'
        });
        leadsWire.emit({ rows: [lead(1)], limitReached: false, listLimit: 2000 });
        await flushPromises();
        await flushPromises();
        expect(visibleText($(host, '[data-testid="drill-summary"]')!)).toBe(
            '1 leads: MQLs from 2026-02-14 to 2026-05-14, team of Dana Whitfield'
        );
    });

    it('asks getLeads for the address, then lists each lead with a link to its record and the filter in words', async () => {
        const host = await opened({ ...STATE, c__cut0: 'source=Web' });
        expect(leadsWire.getLastConfig()).toEqual({
            drill: 'sqls',
            windowStart: '2026-02-14',
            windowEnd: '2026-05-15',
            teamManagerId: '005000000000009AAA',
            ownerId: ANA,
            cutDimensions: ['source'],
            cutValues: ['Web']
        });
        expect($(host, '[data-id="loading"]')).not.toBeNull();
        await expect(host).toBeAccessible();
        leadsWire.emit({ rows: [lead(1), lead(2), lead(1)], limitReached: false, listLimit: 2000 });
        await flushPromises();
        await flushPromises();
        // A lead is listed once (a lead in two campaigns comes back twice).
        const rows = $$(host, 'tbody tr');
        expect(rows.map((r) => r.dataset.lead)).toEqual(['00Q000000000001AAA', '00Q000000000002AAA']);
        expect(visibleText($(host, '[data-testid="drill-summary"]')!)).toBe(
            '2 leads: SQLs from 2026-02-14 to 2026-05-14, owner Ana Reyes, lead source Web'
        );
        const link = $<HTMLAnchorElement>(host, 'tbody tr th a')!;
        expect(link.textContent).toBe('Lead 1');
        expect(link.getAttribute('href')).toBe('https://www.example.com');
        expect($$(host, 'thead th').map((th) => th.getAttribute('scope'))).toEqual(['col', 'col', 'col', 'col', 'col', 'col']);
        expect($(host, '[data-id="limit"]')).toBeNull();
        await expect(host).toBeAccessible();
    });

    it('says when the list was cut at its limit', async () => {
        const host = await opened(STATE);
        leadsWire.emit({ rows: [lead(1)], limitReached: true, listLimit: 2000 });
        await flushPromises();
        expect(visibleText($(host, '[data-id="limit"]')!)).toBe(
            'Showing the first 2000 leads only. Narrow the window or pick a rep to see the rest.'
        );
    });

    it('says so when no lead matches', async () => {
        const host = await opened(STATE);
        leadsWire.emit({ rows: [], limitReached: false, listLimit: 2000 });
        await flushPromises();
        expect(visibleText($(host, '[data-id="empty"]')!)).toBe('No lead you can see matches this number.');
        expect($(host, 'table')).toBeNull();
        await expect(host).toBeAccessible();
    });

    it('refuses a bad address with what to do, without asking the server', async () => {
        const host = await opened({ c__drill: 'revenue', c__start: '2026-02-14', c__end: '2026-05-15' });
        expect(leadsWire.getLastConfig()?.drill).toBeUndefined();
        const error = $(host, '[data-id="load-error"]')!;
        expect(visibleText(error)).toBe(
            'These leads cannot be listed: There is no count "revenue" on the dashboard. Open the number again from the dashboard.'
        );
        await expect(host).toBeAccessible();
    });

    it("shows the server's refusal", async () => {
        const host = await opened(STATE);
        leadsWire.error({ message: 'The team or rep in the address is not a user. Open the number again from the dashboard.' });
        await flushPromises();
        expect(visibleText($(host, '[data-id="load-error"]')!)).toContain('The team or rep in the address is not a user.');
    });
});
