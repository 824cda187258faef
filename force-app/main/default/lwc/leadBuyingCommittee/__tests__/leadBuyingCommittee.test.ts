import { getRecord, createRecord, deleteRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { refreshApex } from '@salesforce/apex';
import LeadBuyingCommittee from 'c/leadBuyingCommittee';
import { flushPromises, mount, resetDom, testWire, $, $$, visibleText, typeInto, clickAction } from '../../../../../../jest/testUtils';

// Naming roles before Sales Qualified is opt-in (committee.requiredFor, empty as shipped): this suite switches it on for
// MEDDIC, as an admin would, to show what the rep then sees.
jest.mock('c/sqlDefinition', () => {
    const actual = jest.requireActual('c/sqlDefinition');
    const committee = { ...actual.SQL_DEFINITION.committee, requiredFor: { BANT: [], MEDDIC: ['economicBuyer', 'champion'] } };
    return { ...actual, SQL_DEFINITION: { ...actual.SQL_DEFINITION, committee } };
});

jest.mock('lightning/uiRecordApi', () => {
    const actual = jest.requireActual('lightning/uiRecordApi');
    return {
        ...actual,
        createRecord: jest.fn(),
        deleteRecord: jest.fn(),
        notifyRecordUpdateAvailable: jest.fn(() => Promise.resolve())
    };
});
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

const mockedCreate = jest.mocked(createRecord);
const mockedDelete = jest.mocked(deleteRecord);
const leadAdapter = testWire(getRecord);
const peopleAdapter = testWire(getRelatedListRecords);

const LEAD_ID = '00Q000000000001AAA';
const lead = (framework: string | null) => ({
    id: LEAD_ID,
    apiName: 'Lead',
    lastModifiedDate: '2026-05-14T15:00:00.000Z',
    fields: { Qualification_Framework__c: { value: framework, displayValue: framework } }
});
const person = (id: string, name: string, role: string, title: string | null = null, email: string | null = null) => ({
    id,
    apiName: 'LeadGate_Committee_Member__c',
    lastModifiedDate: '2026-05-14T15:00:00.000Z',
    fields: {
        Name: { value: name, displayValue: null },
        Title__c: { value: title, displayValue: null },
        Email__c: { value: email, displayValue: null },
        Role__c: { value: role, displayValue: role }
    }
});

async function show(framework: string | null, people: unknown[]): Promise<HTMLElement> {
    const card = mount('c-lead-buying-committee', LeadBuyingCommittee, { recordId: LEAD_ID });
    await flushPromises();
    leadAdapter.emit(lead(framework));
    peopleAdapter.emit({ count: people.length, records: people });
    await flushPromises();
    return card;
}

const text = (card: HTMLElement, selector: string): string => {
    const node = $(card, selector);
    return node ? visibleText(node) : '';
};

function fill(card: HTMLElement, values: { name?: string; title?: string; email?: string; role?: string }): void {
    for (const [key, value] of Object.entries(values)) {
        const input = $<HTMLInputElement | HTMLSelectElement>(card, `[data-field="${key}"]`);
        if (!input) throw new Error(`no input ${key}`);
        if (input instanceof HTMLSelectElement) {
            input.value = value;
            input.dispatchEvent(new CustomEvent('change'));
        } else typeInto(input, value);
    }
}

async function submit(card: HTMLElement): Promise<void> {
    const form = $(card, 'form');
    form?.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flushPromises();
    await flushPromises();
}

describe('c-lead-buying-committee', () => {
    afterEach(resetDom);

    it('shows a spinner with an accessible name until the committee loads', async () => {
        const card = mount('c-lead-buying-committee', LeadBuyingCommittee, { recordId: LEAD_ID });
        await flushPromises();
        expect($(card, '[data-id="loading"]')).not.toBeNull();
        expect($(card, 'form')).toBeNull();
        await expect(card).toBeAccessible();
    });

    it('MEDDIC with a champion only: lists the people, counts the coverage and names the missing economic buyer', async () => {
        const card = await show('MEDDIC', [
            person('a01000000000001AAA', 'Raj Patel', 'Champion', 'Head of Ops', 'raj@acme.example'),
            person('a01000000000002AAA', 'Kim Wu', 'Blocker')
        ]);
        expect($$(card, '[data-person]')).toHaveLength(2);
        expect(text(card, '[data-person="a01000000000001AAA"]')).toContain('Raj Patel · Champion');
        expect(text(card, '[data-id="coverage"]')).toBe('2 of 5 roles named.');
        expect(text(card, '[data-id="required"]')).toBe('MEDDIC needs a named Economic Buyer before this lead can be Sales Qualified.');
        expect(text(card, '[data-id="missing"]')).toBe('Not named yet: Economic Buyer, Decision Maker, Influencer. Who else is involved?');
        const remove = $$(card, '[data-action="remove"]').map((b) => b.getAttribute('aria-label'));
        expect(remove).toEqual(['Remove Raj Patel from the buying committee', 'Remove Kim Wu from the buying committee']);
        await expect(card).toBeAccessible();
    });

    it('BANT with nobody named: the empty state, and no role is required', async () => {
        const card = await show('BANT', []);
        expect(text(card, '[data-id="empty"]')).toMatch(/^Nobody named yet\./);
        expect($(card, '[data-id="required"]')).toBeNull();
        expect(text(card, '[data-id="coverage"]')).toBe('0 of 5 roles named.');
        await expect(card).toBeAccessible();
    });

    it('a load failure is an alert that says what to do', async () => {
        const card = mount('c-lead-buying-committee', LeadBuyingCommittee, { recordId: LEAD_ID });
        await flushPromises();
        peopleAdapter.error({ message: 'You do not have access to LeadGate Committee Members.' }, 403, 'Forbidden');
        await flushPromises();
        expect(text(card, '[data-id="load-error"]')).toBe(
            'The buying committee could not be loaded: You do not have access to LeadGate Committee Members. Reload the page; if it persists, ask your admin for access to LeadGate Committee Members.'
        );
        expect($(card, '[data-id="load-error"]')?.getAttribute('role')).toBe('alert');
        await expect(card).toBeAccessible();
    });

    it('refuses a blank name and a malformed email before saving, and focuses the first error', async () => {
        const card = await show('MEDDIC', []);
        fill(card, { email: 'ana at acme' });
        await submit(card);
        expect(mockedCreate).not.toHaveBeenCalled();
        expect(text(card, '[data-id="name-error"]')).toBe("Enter the person's name.");
        expect(text(card, '[data-id="email-error"]')).toBe('Enter an email like name@company.com, or leave it blank.');
        expect($(card, '[data-field="name"]')?.getAttribute('aria-invalid')).toBe('true');
        await expect(card).toBeAccessible();
    });

    it('adds a person with Lightning Data Service, refreshes the list and the lead, and announces it', async () => {
        mockedCreate.mockResolvedValueOnce(person('a01000000000003AAA', 'Ana Ruiz', 'Economic Buyer') as never);
        const card = await show('MEDDIC', []);
        fill(card, { name: '  Ana Ruiz ', title: 'CFO', email: 'ana.ruiz@acme.example', role: 'Economic Buyer' });
        await submit(card);
        expect(mockedCreate).toHaveBeenCalledWith({
            apiName: 'LeadGate_Committee_Member__c',
            fields: {
                Lead__c: LEAD_ID,
                Name: 'Ana Ruiz',
                Title__c: 'CFO',
                Email__c: 'ana.ruiz@acme.example',
                Role__c: 'Economic Buyer'
            }
        });
        expect(refreshApex).toHaveBeenCalledTimes(1);
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: LEAD_ID }]);
        expect(text(card, '[data-id="status"]')).toBe('Ana Ruiz added as Economic Buyer.');
        expect(($(card, '[data-field="name"]') as HTMLInputElement).value).toBe('');
    });

    it('shows the server refusal as an alert and keeps what the rep typed', async () => {
        mockedCreate.mockRejectedValueOnce({
            body: { message: 'Role: bad value for restricted picklist field: Sponsor' },
            status: 400
        } as never);
        const card = await show('MEDDIC', []);
        fill(card, { name: 'Ana Ruiz' });
        await submit(card);
        expect(text(card, '[data-id="save-error"]')).toBe(
            'Not saved: Role: bad value for restricted picklist field: Sponsor Correct it and try again.'
        );
        expect(($(card, '[data-field="name"]') as HTMLInputElement).value).toBe('Ana Ruiz');
        await expect(card).toBeAccessible();
    });

    it('removes a person by the button that names them', async () => {
        mockedDelete.mockResolvedValueOnce(undefined as never);
        const card = await show('MEDDIC', [person('a01000000000001AAA', 'Raj Patel', 'Champion')]);
        clickAction(card, 'remove');
        await flushPromises();
        await flushPromises();
        expect(mockedDelete).toHaveBeenCalledWith('a01000000000001AAA');
        expect(text(card, '[data-id="status"]')).toBe('Raj Patel removed from the buying committee.');
    });
});
