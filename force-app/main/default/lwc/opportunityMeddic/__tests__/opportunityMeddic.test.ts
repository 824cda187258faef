import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import OpportunityMeddic from 'c/opportunityMeddic';
import { flushPromises, mount, useComponentTest, testWire, $, $$, visibleText } from '../../../../../../jest/testUtils';

jest.mock('lightning/uiRecordApi', () => {
    const actual = jest.requireActual('lightning/uiRecordApi');
    return { ...actual, updateRecord: jest.fn() };
});

const mockedUpdate = jest.mocked(updateRecord);
const recordAdapter = testWire(getRecord);
const peopleAdapter = testWire(getRelatedListRecords);
const infoAdapter = testWire(getObjectInfo);

const OPP_ID = '006000000000001AAA';
const MEDDIC_FIELDS = ['Metrics', 'Economic_Buyer', 'Decision_Criteria', 'Decision_Process', 'Identify_Pain', 'Champion'].flatMap((k) => [
    `${k}_Status__c`,
    `${k}_Evidence__c`
]);

const field = (value: unknown) => ({ value, displayValue: value === null ? null : String(value) });
/** An Opportunity converted from a BANT lead: Budget and Authority answered, MEDDIC not started. */
const fromBantLead = (extra: Record<string, unknown> = {}) => ({
    id: OPP_ID,
    apiName: 'Opportunity',
    lastModifiedDate: '2026-05-14T15:00:00.000Z',
    fields: Object.fromEntries(
        Object.entries({
            Qualification_Framework__c: 'BANT',
            Budget_Status__c: 'Confirmed',
            Budget_Evidence__c: 'CFO confirmed 80k approved for Q3 in the 2026 plan',
            Authority_Status__c: 'In Progress',
            Authority_Evidence__c: 'VP Sales Dana Lee signs; not met yet',
            Need_Status__c: null,
            Need_Evidence__c: null,
            Fit_At_Conversion__c: 70,
            Intent_At_Conversion__c: 44,
            ...extra
        }).map(([k, v]) => [k, field(v)])
    )
});
const person = (id: string, name: string, role: string) => ({
    id,
    apiName: 'LeadGate_Committee_Member__c',
    fields: { Name: field(name), Role__c: field(role) }
});
/** Object info where the user may edit the MEDDIC fields (`editable`) or only read them. */
const objectInfo = (editable: boolean) => ({
    apiName: 'Opportunity',
    fields: Object.fromEntries(MEDDIC_FIELDS.map((f) => [f, { apiName: f, label: f.replace(/_/g, ' '), updateable: editable }]))
});

async function show(options: { editable?: boolean; people?: unknown[]; record?: unknown } = {}): Promise<HTMLElement> {
    const card = mount('c-opportunity-meddic', OpportunityMeddic, { recordId: OPP_ID });
    await flushPromises();
    recordAdapter.emit(options.record ?? fromBantLead());
    peopleAdapter.emit({ count: (options.people ?? []).length, records: options.people ?? [] });
    infoAdapter.emit(objectInfo(options.editable ?? true));
    await flushPromises();
    return card;
}
const text = (card: HTMLElement, selector: string): string => {
    const node = $(card, selector);
    return node ? visibleText(node) : '';
};
const edit = async (card: HTMLElement, fieldName: string, value: string): Promise<void> => {
    $(card, 'c-criteria-list')!.dispatchEvent(new CustomEvent('edit', { detail: { field: fieldName, value } }));
    await flushPromises();
};

describe('c-opportunity-meddic', () => {
    useComponentTest({ frozenAt: null });

    it('shows a spinner until the opportunity arrives, asking for the criterion fields as optional fields', async () => {
        const card = mount('c-opportunity-meddic', OpportunityMeddic, { recordId: OPP_ID });
        await flushPromises();
        expect($(card, 'lightning-spinner')).not.toBeNull();
        const config = recordAdapter.getLastConfig();
        expect(config?.optionalFields).toEqual(
            expect.arrayContaining([
                'Opportunity.Qualification_Framework__c',
                'Opportunity.Budget_Evidence__c',
                'Opportunity.Metrics_Status__c'
            ])
        );
        expect(peopleAdapter.getLastConfig()).toEqual(
            expect.objectContaining({ parentRecordId: OPP_ID, relatedListId: 'LeadGate_Committee_Members__r' })
        );
        await expect(card).toBeAccessible();
    });

    it('says what went wrong when the opportunity cannot be read', async () => {
        const card = mount('c-opportunity-meddic', OpportunityMeddic, { recordId: OPP_ID });
        await flushPromises();
        recordAdapter.error({ message: 'You do not have access to this record.' });
        await flushPromises();
        expect(text(card, '[data-id="load-error"]')).toContain('MEDDIC for this deal could not be loaded');
        expect($(card, 'c-criteria-list')).toBeNull();
        await expect(card).toBeAccessible();
    });

    it('starts from what the BANT lead carried: scores, the answers that inform MEDDIC, the committee coverage', async () => {
        const card = await show({ people: [person('a0C1', 'Sam Patel', 'Economic Buyer'), person('a0C2', 'Ana Ruiz', 'Champion')] });
        expect(text(card, '[data-id="started-from"]')).toBe('The lead was qualified with BANT: fit 70, intent 44 at conversion.');
        expect(text(card, '[data-id="coverage"]')).toBe('2 of 5 buying-committee roles named on this deal.');
        expect(text(card, '[data-id="missing"]')).toBe('Not named yet: Decision Maker, Influencer, Blocker. Who else is involved?');
        expect($$(card, '[data-answer]').map((li) => li.getAttribute('data-answer'))).toEqual([
            'Metrics:Budget',
            'Economic_Buyer:Budget',
            'Economic_Buyer:Authority',
            'Decision_Process:Authority'
        ]);
        expect(text(card, '[data-answer="Economic_Buyer:Budget"]')).toBe(
            "Economic Buyer, from the lead's Budget (Confirmed): CFO confirmed 80k approved for Q3 in the 2026 plan"
        );
        // The readiness list of the Lead page, in the deal's words, listing all six MEDDIC criteria.
        expect(text(card, '[data-id="readiness"] h2')).toBe('What MEDDIC still needs on this deal');
        expect($$(card, '[data-blocker]')).toHaveLength(6);
        expect(text(card, '[data-id="complete-count"]')).toBe('0 of 6 criteria complete');
        await expect(card).toBeAccessible();
    });

    it('the account executive completes a criterion with evidence and saves it through LDS', async () => {
        mockedUpdate.mockResolvedValue({} as never);
        const card = await show();
        const save = $(card, '[data-action="save"]') as HTMLButtonElement;
        expect(save.disabled).toBe(true);
        await edit(card, 'Metrics_Status__c', 'Confirmed');
        await edit(card, 'Metrics_Evidence__c', 'Cut lead response time from 2 days to 1 hour');
        expect(text(card, '[data-id="complete-count"]')).toBe('1 of 6 criteria complete');
        expect($$(card, '[data-answer^="Metrics:"]')).toHaveLength(0);
        // A field of another framework is never sent.
        await edit(card, 'Budget_Status__c', 'Disqualifying');
        save.click();
        await flushPromises();
        expect(mockedUpdate).toHaveBeenCalledWith({
            fields: { Id: OPP_ID, Metrics_Status__c: 'Confirmed', Metrics_Evidence__c: 'Cut lead response time from 2 days to 1 hour' }
        });
        expect(text(card, '[data-id="status"]')).toBe('MEDDIC saved.');
        await expect(card).toBeAccessible();
    });

    it('a refused save keeps the draft and says why', async () => {
        mockedUpdate.mockRejectedValue({ body: { message: 'Metrics Evidence: data value too large' } } as never);
        const card = await show();
        await edit(card, 'Metrics_Evidence__c', 'Too long');
        ($(card, '[data-action="save"]') as HTMLButtonElement).click();
        await flushPromises();
        expect(text(card, '[data-id="save-error"]')).toBe('Not saved: Metrics Evidence: data value too large Correct it and try again.');
        expect(($(card, '[data-action="save"]') as HTMLButtonElement).disabled).toBe(false);
        await expect(card).toBeAccessible();
    });

    it('read-only for a user who cannot edit the MEDDIC fields, with whom to ask', async () => {
        const card = await show({ editable: false });
        expect($(card, '[data-action="save"]')).toBeNull();
        expect(text(card, '[data-id="read-only"]')).toContain('ask your admin for edit access');
        await expect(card).toBeAccessible();
    });

    it('a MEDDIC lead carries its own answers: nothing to map, complete criteria counted', async () => {
        const card = await show({
            record: fromBantLead({
                Qualification_Framework__c: 'MEDDIC',
                Champion_Status__c: 'Confirmed',
                Champion_Evidence__c: 'RevOps lead Ana Ruiz set up the demo and is briefing the CRO'
            }),
            people: []
        });
        expect(text(card, '[data-id="started-from"]')).toBe('The lead was qualified with MEDDIC: fit 70, intent 44 at conversion.');
        expect($(card, '[data-id="from-lead"]')).toBeNull();
        expect(text(card, '[data-id="complete-count"]')).toBe('1 of 6 criteria complete');
        expect(text(card, '[data-id="coverage"]')).toBe('0 of 5 buying-committee roles named on this deal.');
        await expect(card).toBeAccessible();
    });

    it('an opportunity that did not come from a qualified lead starts MEDDIC from nothing', async () => {
        const card = await show({ record: fromBantLead({ Qualification_Framework__c: null, Fit_At_Conversion__c: null }) });
        expect(text(card, '[data-id="started-from"]')).toBe('This opportunity carries no qualification from a lead: start MEDDIC here.');
        expect($(card, '[data-id="from-lead"]')).toBeNull();
        await expect(card).toBeAccessible();
    });
});
