import { getRecord } from 'lightning/uiRecordApi';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import LeadEvidenceReviews from 'c/leadEvidenceReviews';
import { flushPromises, mount, resetDom, testWire, $, $$, visibleText } from '../../../../../../jest/testUtils';

const leadAdapter = testWire(getRecord);
const reviewsAdapter = testWire(getRelatedListRecords);
const LEAD_ID = '00Q000000000001AAA';

const review = (id: string, outcome: string, comment: string | null, createdAt: string, reviewer = 'Maria Manager') => ({
    id,
    apiName: 'LeadGate_Evidence_Review__c',
    lastModifiedDate: createdAt,
    fields: {
        Outcome__c: { value: outcome, displayValue: outcome },
        Comment__c: { value: comment, displayValue: null },
        Definition_Version__c: { value: '2026.6', displayValue: null },
        CreatedDate: { value: createdAt, displayValue: null },
        CreatedBy: { value: { fields: { Name: { value: reviewer, displayValue: null } } }, displayValue: reviewer }
    }
});
const lead = (sqlAt: string | null, editedAt: string | null, log: string | null = null) => ({
    id: LEAD_ID,
    apiName: 'Lead',
    lastModifiedDate: '2026-05-14T15:00:00.000Z',
    fields: {
        SQL_At__c: { value: sqlAt, displayValue: null },
        Fit_Edited_By_Owner_At__c: { value: editedAt, displayValue: null },
        Fit_Edits_Before_SQL__c: { value: log, displayValue: null }
    }
});

async function show(reviews: unknown[] | null, leadRecord = lead(null, null)): Promise<HTMLElement> {
    const card = mount('c-lead-evidence-reviews', LeadEvidenceReviews, { recordId: LEAD_ID });
    await flushPromises();
    leadAdapter.emit(leadRecord);
    if (reviews) reviewsAdapter.emit({ count: reviews.length, records: reviews });
    await flushPromises();
    return card;
}

describe('c-lead-evidence-reviews', () => {
    afterEach(resetDom);

    it('reads the Lead’s related list of reviews', async () => {
        await show([]);
        expect(reviewsAdapter.getLastConfig()).toMatchObject({ parentRecordId: LEAD_ID, relatedListId: 'LeadGate_Evidence_Reviews__r' });
    });

    it('shows a spinner while loading, and an alert when the reviews cannot be read', async () => {
        const card = await show(null);
        expect($(card, '[data-id="loading"]')).not.toBeNull();
        await expect(card).toBeAccessible();
        reviewsAdapter.error({ message: 'Insufficient access' });
        await flushPromises();
        expect(visibleText($(card, '[data-id="load-error"]')!)).toContain('The reviews could not be loaded');
        await expect(card).toBeAccessible();
    });

    it('says when nobody has reviewed the lead', async () => {
        const card = await show([]);
        expect(visibleText($(card, '[data-id="empty"]')!)).toBe("No manager has reviewed this lead's evidence yet.");
        await expect(card).toBeAccessible();
    });

    it('lists every verdict newest first, with the comment, the reviewer and the definition', async () => {
        const card = await show([
            review('a1', 'Evidence Holds', null, '2026-05-10T09:00:00.000Z', 'Ann Lead'),
            review('a2', 'Coach', 'Budget evidence names no amount: ask for the approved figure.', '2026-05-12T09:00:00.000Z')
        ]);
        const items = $$(card, '[data-review]');
        expect(items.map((i) => i.dataset.review)).toEqual(['a2', 'a1']);
        expect(visibleText(items[0]!)).toContain('Coach');
        expect(visibleText(items[0]!)).toContain('ask for the approved figure');
        expect(visibleText(items[0]!)).toContain('Maria Manager on');
        expect(visibleText(items[0]!)).toContain('under definition 2026.6');
        expect(visibleText(items[1]!)).toContain('Evidence Holds');
        expect($(card, 'ol')?.getAttribute('aria-label')).toBe('Reviews, newest first');
        await expect(card).toBeAccessible();
    });

    it('flags fit facts the rep changed shortly before qualifying, and not otherwise', async () => {
        const flagged = await show([], lead('2026-05-12T12:00:00.000Z', '2026-05-12T09:00:00.000Z'));
        expect(visibleText($(flagged, '[data-id="fit-edited"]')!)).toContain('changed by the rep 3 h before qualifying');
        await expect(flagged).toBeAccessible();
        resetDom();
        const old = await show([], lead('2026-05-12T12:00:00.000Z', '2026-05-01T09:00:00.000Z'));
        expect($(old, '[data-id="fit-edited"]')).toBeNull();
    });

    it('shows under the flag what the rep changed, before and after, and nothing without the flag', async () => {
        const log = 'Title: Analyst -> VP Sales; Industry: Retail -> Technology';
        const flagged = await show([], lead('2026-05-12T12:00:00.000Z', '2026-05-12T09:00:00.000Z', log));
        expect(leadAdapter.getLastConfig()).toMatchObject({ optionalFields: expect.arrayContaining(['Lead.Fit_Edits_Before_SQL__c']) });
        const rows = $$(flagged, 'table[data-id="fit-edits"] tbody tr');
        expect(rows.map((r) => visibleText(r))).toEqual(['Title Analyst VP Sales', 'Industry Retail Technology']);
        await expect(flagged).toBeAccessible();
        resetDom();
        // An edit outside the window is no finding: neither the flag nor the values.
        const old = await show([], lead('2026-05-12T12:00:00.000Z', '2026-05-01T09:00:00.000Z', log));
        expect($(old, 'table')).toBeNull();
    });
});
