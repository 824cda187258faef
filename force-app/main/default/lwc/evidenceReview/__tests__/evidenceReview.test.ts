import { createRecord } from 'lightning/uiRecordApi';
import { getListUi } from 'lightning/uiListApi';
import EvidenceReview from 'c/evidenceReview';
import { flushPromises, mount, resetDom, testWire, $, $$, visibleText, typeInto } from '../../../../../../jest/testUtils';

jest.mock('lightning/uiRecordApi', () => {
    const actual = jest.requireActual('lightning/uiRecordApi');
    return { ...actual, createRecord: jest.fn() };
});
const mockedCreate = jest.mocked(createRecord);
const listAdapter = testWire(getListUi);

const v = (value: unknown) => ({ value, displayValue: null });
const sql = (id: string, name: string, sqlAt: string, extra: Record<string, unknown> = {}) => ({
    id,
    apiName: 'Lead',
    lastModifiedDate: sqlAt,
    fields: Object.fromEntries(
        Object.entries({
            Name: name,
            Company: 'Acme',
            OwnerId: '005000000000009AAA',
            Owner: { fields: { Name: v('Sam Rep') } },
            Status: 'Sales Qualified',
            Qualification_Framework__c: 'BANT',
            SQL_At__c: sqlAt,
            Fit_At_SQL__c: 65,
            Intent_At_SQL__c: 40,
            Definition_Version__c: '2026.6',
            Budget_Status__c: 'Confirmed',
            Budget_Evidence__c: 'CFO approved 120k for Q3 in the call on May 2.',
            ...extra
        }).map(([k, value]) => [k, v(value)])
    )
});

async function show(records: unknown[] | null): Promise<HTMLElement> {
    const queue = mount('c-evidence-review', EvidenceReview);
    await flushPromises();
    if (records) listAdapter.emit({ records: { records, count: records.length } });
    await flushPromises();
    return queue;
}

function choose(queue: HTMLElement, leadId: string, outcome: 'holds' | 'coach'): void {
    const radio = $<HTMLInputElement>(queue, `input[data-lead="${leadId}"][data-outcome="${outcome}"]`)!;
    radio.checked = true;
    radio.dispatchEvent(new CustomEvent('change'));
}

async function save(queue: HTMLElement, leadId: string): Promise<void> {
    $(queue, `form[data-lead="${leadId}"]`)!.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await flushPromises();
    await flushPromises();
}

describe('c-evidence-review', () => {
    afterEach(() => {
        resetDom();
        mockedCreate.mockReset();
    });

    it('reads this week’s SQLs from the generated list view with every criterion’s fields', async () => {
        await show([]);
        const config = listAdapter.getLastConfig() as { listViewApiName: string; optionalFields: string[] };
        expect(config.listViewApiName).toBe('LeadGate_SQLs_This_Week');
        expect(config.optionalFields).toEqual(
            expect.arrayContaining(['Lead.Budget_Evidence__c', 'Lead.Metrics_Evidence__c', 'Lead.Fit_At_SQL__c'])
        );
    });

    it('has loading, error and empty states', async () => {
        const queue = await show(null);
        expect($(queue, '[data-id="loading"]')).not.toBeNull();
        await expect(queue).toBeAccessible();
        listAdapter.error({ message: 'No access to the list view' });
        await flushPromises();
        expect(visibleText($(queue, '[data-id="load-error"]')!)).toContain("This week's SQLs could not be loaded");
        resetDom();
        const empty = await show([]);
        expect(visibleText($(empty, '[data-id="empty"]')!)).toBe('No new SQLs this week to review.');
        await expect(empty).toBeAccessible();
    });

    it('shows each SQL, newest first, with its evidence, scores at SQL, version and the fit-edit flag', async () => {
        const queue = await show([
            sql('00Q1', 'Old Lead', '2026-05-11T10:00:00.000Z'),
            sql('00Q2', 'New Lead', '2026-05-13T10:00:00.000Z', {
                Fit_Edited_By_Owner_At__c: '2026-05-13T08:00:00.000Z',
                Need_Evidence__c: null
            })
        ]);
        const items = $$(queue, 'li[data-lead]');
        expect(items.map((i) => i.dataset.lead)).toEqual(['00Q2', '00Q1']);
        const text = visibleText(items[0]!);
        expect(text).toContain('Qualified by Sam Rep');
        expect(text).toContain('At SQL: fit 65, intent 40, definition 2026.6');
        expect(text).toContain('CFO approved 120k');
        expect(text).toContain('No evidence written');
        expect(visibleText($(items[0]!, '[data-id="fit-edited"]')!)).toContain('2 h before qualifying');
        expect($(items[1]!, '[data-id="fit-edited"]')).toBeNull();
        await expect(queue).toBeAccessible();
    });

    it('shows under the fit-edit flag the rows of what the rep changed, before and after', async () => {
        const queue = await show([
            sql('00Q1', 'Pumped Lead', '2026-05-13T10:00:00.000Z', {
                Fit_Edited_By_Owner_At__c: '2026-05-13T08:00:00.000Z',
                Fit_Edits_Before_SQL__c: 'Title: Analyst -> VP Sales; Employees:  -> 900'
            }),
            sql('00Q2', 'Old Edit', '2026-05-12T10:00:00.000Z', {
                Fit_Edited_By_Owner_At__c: '2026-05-01T08:00:00.000Z',
                Fit_Edits_Before_SQL__c: 'Title: Analyst -> CEO'
            })
        ]);
        const config = listAdapter.getLastConfig() as { optionalFields: string[] };
        expect(config.optionalFields).toContain('Lead.Fit_Edits_Before_SQL__c');
        const [pumped, old] = $$(queue, 'li[data-lead]');
        const rows = $$(pumped!, 'tbody tr');
        expect(rows.map((r) => visibleText(r))).toEqual(['Title Analyst VP Sales', 'Employees (blank) 900']);
        expect($(old!, 'table')).toBeNull();
        await expect(queue).toBeAccessible();
    });

    it('refuses Coach without a comment, says why and moves focus to the comment', async () => {
        const queue = await show([sql('00Q1', 'Lead One', '2026-05-13T10:00:00.000Z')]);
        await save(queue, '00Q1');
        expect(visibleText($(queue, '[data-id="error"]')!)).toBe('Choose Evidence holds or Coach first.');
        choose(queue, '00Q1', 'coach');
        typeInto($<HTMLTextAreaElement>(queue, 'textarea')!, '   ');
        await save(queue, '00Q1');
        expect(mockedCreate).not.toHaveBeenCalled();
        expect(visibleText($(queue, '[data-id="error"]')!)).toContain('a Coach verdict needs a comment');
        expect($(queue, 'textarea')!.getAttribute('aria-invalid')).toBe('true');
        expect(queue.shadowRoot!.activeElement).toBe($(queue, 'textarea'));
        await expect(queue).toBeAccessible();
    });

    it('saves a Coach verdict as a new review the rep owns, with the trimmed comment and the version', async () => {
        mockedCreate.mockResolvedValue({ id: 'a01', apiName: 'LeadGate_Evidence_Review__c', lastModifiedDate: '', fields: {} });
        const queue = await show([sql('00Q1', 'Lead One', '2026-05-13T10:00:00.000Z')]);
        choose(queue, '00Q1', 'coach');
        typeInto($<HTMLTextAreaElement>(queue, 'textarea')!, '  Ask who signs the PO.  ');
        await save(queue, '00Q1');
        expect(mockedCreate).toHaveBeenCalledWith({
            apiName: 'LeadGate_Evidence_Review__c',
            fields: {
                Lead__c: '00Q1',
                Outcome__c: 'Coach',
                Comment__c: 'Ask who signs the PO.',
                Definition_Version__c: '2026.6',
                OwnerId: '005000000000009AAA'
            }
        });
        expect(visibleText($(queue, '[data-id="status"]')!)).toBe('Saved: Coach. The rep sees it on the lead.');
        await expect(queue).toBeAccessible();
    });

    it('says why the platform refused a verdict', async () => {
        mockedCreate.mockRejectedValue({ body: { message: 'insufficient access rights on cross-reference id' }, status: 400 });
        const queue = await show([sql('00Q1', 'Lead One', '2026-05-13T10:00:00.000Z')]);
        choose(queue, '00Q1', 'holds');
        await save(queue, '00Q1');
        expect(visibleText($(queue, '[data-id="error"]')!)).toContain('The verdict was not saved: insufficient access');
    });
});
