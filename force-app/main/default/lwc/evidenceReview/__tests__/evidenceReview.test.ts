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

const BACKLOG = (config: Record<string, unknown>) => config.listViewApiName === 'LeadGate_SQLs_Review_Backlog';
const REVIEWS = (config: Record<string, unknown>) => config.listViewApiName === 'LeadGate_Recent_Evidence_Reviews';
/** A review of `leadId` as the recent reviews list view returns it. */
const review = (id: string, leadId: string) => ({ id, apiName: 'LeadGate_Evidence_Review__c', fields: { Lead__c: v(leadId) } });

/** Mounts the queue; `records` are the backlog's SQLs (null: still loading), `reviews` the recent reviews. */
async function show(records: unknown[] | null, reviews: unknown[] = []): Promise<HTMLElement> {
    const queue = mount('c-evidence-review', EvidenceReview);
    await flushPromises();
    if (records) {
        listAdapter.emit({ records: { records, count: records.length } }, BACKLOG);
        listAdapter.emit({ records: { records: reviews, count: reviews.length } }, REVIEWS);
    }
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

    it('reads the backlog’s SQLs and the recent reviews from the generated list views', async () => {
        const configs: Array<Record<string, unknown>> = [];
        mount('c-evidence-review', EvidenceReview);
        await flushPromises();
        listAdapter.emit({ records: { records: [], count: 0 } }, (config) => {
            configs.push(config);
            return false;
        });
        const backlog = configs.find(BACKLOG) as { objectApiName: string; optionalFields: string[] };
        expect(backlog.objectApiName).toBe('Lead');
        expect(backlog.optionalFields).toEqual(
            expect.arrayContaining(['Lead.Budget_Evidence__c', 'Lead.Metrics_Evidence__c', 'Lead.Fit_At_SQL__c'])
        );
        expect(configs.find(REVIEWS)).toMatchObject({
            objectApiName: 'LeadGate_Evidence_Review__c',
            optionalFields: ['LeadGate_Evidence_Review__c.Lead__c']
        });
    });

    it('lists only the SQLs without a review, oldest first, with how many await review', async () => {
        const queue = await show(
            [
                sql('00Q3', 'This Week', '2026-05-13T10:00:00.000Z'),
                sql('00Q1', 'Last Week', '2026-05-05T10:00:00.000Z'),
                sql('00Q2', 'Reviewed', '2026-05-04T10:00:00.000Z')
            ],
            [review('a01', '00Q2'), review('a02', '00Q2')]
        );
        expect($$(queue, 'li[data-lead]').map((i) => i.dataset.lead)).toEqual(['00Q1', '00Q3']);
        expect(visibleText($(queue, '[data-id="awaiting"]')!)).toBe('2 SQLs of the last 4 weeks await review.');
        await expect(queue).toBeAccessible();
    });

    it('says when every SQL of the backlog has a review', async () => {
        const queue = await show([sql('00Q2', 'Reviewed', '2026-05-04T10:00:00.000Z')], [review('a01', '00Q2')]);
        expect(visibleText($(queue, '[data-id="empty"]')!)).toBe('No SQL awaits review.');
    });

    it('keeps loading until the reviews arrive, and shows an error when they cannot be read', async () => {
        const queue = mount('c-evidence-review', EvidenceReview);
        await flushPromises();
        listAdapter.emit({ records: { records: [sql('00Q1', 'Lead One', '2026-05-13T10:00:00.000Z')], count: 1 } }, BACKLOG);
        await flushPromises();
        expect($(queue, '[data-id="loading"]')).not.toBeNull();
        expect($(queue, 'li[data-lead]')).toBeNull();
        listAdapter.error({ message: 'No access to evidence reviews' });
        await flushPromises();
        expect(visibleText($(queue, '[data-id="load-error"]')!)).toContain('The SQLs awaiting review could not be loaded');
        await expect(queue).toBeAccessible();
    });

    it('has loading, error and empty states', async () => {
        const queue = await show(null);
        expect($(queue, '[data-id="loading"]')).not.toBeNull();
        await expect(queue).toBeAccessible();
        listAdapter.error({ message: 'No access to the list view' });
        await flushPromises();
        expect(visibleText($(queue, '[data-id="load-error"]')!)).toContain('The SQLs awaiting review could not be loaded');
        resetDom();
        const empty = await show([]);
        expect(visibleText($(empty, '[data-id="empty"]')!)).toBe('No SQL awaits review.');
        await expect(empty).toBeAccessible();
    });

    it('shows each SQL, oldest first, with its evidence, scores at SQL, version and the fit-edit flag', async () => {
        const queue = await show([
            sql('00Q1', 'Old Lead', '2026-05-11T10:00:00.000Z'),
            sql('00Q2', 'New Lead', '2026-05-13T10:00:00.000Z', {
                Fit_Edited_By_Owner_At__c: '2026-05-13T08:00:00.000Z',
                Need_Evidence__c: null
            })
        ]);
        const items = $$(queue, 'li[data-lead]');
        // The backlog puts the longest waiting SQL first (issue 18; this week's queue put the newest first).
        expect(items.map((i) => i.dataset.lead)).toEqual(['00Q1', '00Q2']);
        items.reverse();
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
        // The backlog's list view asks for the log (the filter sees every wired config and emits nothing).
        const asked: unknown[] = [];
        listAdapter.emit(null, (config) => {
            asked.push(...((config.optionalFields as unknown[] | undefined) ?? []));
            return false;
        });
        expect(asked).toContain('Lead.Fit_Edits_Before_SQL__c');
        // Oldest first: the old edit's SQL, then the pumped one.
        const [old, pumped] = $$(queue, 'li[data-lead]');
        expect(pumped!.getAttribute('data-lead')).toBe('00Q1');
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
        // The reviewed SQL stays in place with its confirmation; it no longer counts as awaiting review.
        expect($(queue, 'li[data-lead="00Q1"]')).not.toBeNull();
        expect(visibleText($(queue, '[data-id="awaiting"]')!)).toBe('0 SQLs of the last 4 weeks await review.');
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
