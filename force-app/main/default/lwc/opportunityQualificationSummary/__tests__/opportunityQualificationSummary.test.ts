import { getRecord } from 'lightning/uiRecordApi';
import OpportunityQualificationSummary from 'c/opportunityQualificationSummary';
import { flushPromises, mount, useComponentTest, testWire, $, $$, visibleText } from '../../../../../../jest/testUtils';
import fromQualifiedLead from './data/getRecord.fromQualifiedLead.json';
import convertedWithoutSql from './data/getRecord.convertedWithoutSql.json';
import notFromLead from './data/getRecord.notFromLead.json';

const getRecordAdapter = testWire(getRecord);

const mountSummary = (recordId: string): HTMLElement =>
    mount('c-opportunity-qualification-summary', OpportunityQualificationSummary, { recordId });
const row = (card: HTMLElement, key: string): string[] =>
    $$(card, `tr[data-row="${key}"] th, tr[data-row="${key}"] td`).map((c) => visibleText(c));
const rowKeys = (card: HTMLElement): string[] => $$(card, 'tr[data-row]').map((r) => r.getAttribute('data-row') ?? '');

describe('c-opportunity-qualification-summary', () => {
    useComponentTest({ frozenAt: null });

    it('shows a spinner until the opportunity arrives, and asks for the carried fields as optional fields', async () => {
        const card = mountSummary(fromQualifiedLead.id);
        await flushPromises();
        expect($(card, 'lightning-spinner')).not.toBeNull();
        const config = getRecordAdapter.getLastConfig();
        expect(config?.recordId).toBe(fromQualifiedLead.id);
        expect(config?.optionalFields).toEqual(
            expect.arrayContaining([
                'Opportunity.Qualification_Framework__c',
                'Opportunity.Budget_Evidence__c',
                'Opportunity.Champion_Status__c',
                'Opportunity.Fit_At_Conversion__c',
                'Opportunity.Intent_At_Conversion__c',
                'Opportunity.Converted_Without_SQL__c',
                'Opportunity.SQL_Qualified_By__r.Name'
            ])
        );
        expect(config?.fields).toBeUndefined();
        await expect(card).toBeAccessible();
    });

    it('from a Sales Qualified lead: the framework, every criterion with its evidence, the scores against the bar, who qualified it', async () => {
        const card = mountSummary(fromQualifiedLead.id);
        getRecordAdapter.emit(fromQualifiedLead);
        await flushPromises();

        expect(visibleText($(card, '[data-id="framework"]')!)).toBe('Qualified with BANT');
        expect($(card, '[data-id="without-sql"]')).toBeNull();
        expect(visibleText($(card, '[data-score="fit"]')!)).toBe('70 (bar 40)');
        expect(visibleText($(card, '[data-score="intent"]')!)).toBe('44 (bar 30)');
        expect(visibleText($(card, '[data-id="bar-verdict"]')!)).toBe('Met the SQL bar at conversion');
        expect(visibleText($(card, '[data-id="qualified-by"]')!)).toBe('Sam Rivera');
        const date = $(card, '[data-id="sql-at"] lightning-formatted-date-time') as unknown as { value: string };
        expect(date.value).toBe('2026-05-12T10:30:00.000Z');

        expect(rowKeys(card)).toEqual(['Budget', 'Authority', 'Need', 'Timeline']);
        expect(row(card, 'Budget')).toEqual(['Budget', 'Confirmed', 'CFO confirmed 80k approved for Q3 in the 2026 plan', 'Complete']);
        expect(row(card, 'Timeline')).toEqual([
            'Timeline',
            'Confirmed',
            'Must be live before the 1 Oct sales kickoff; contract by August',
            'Complete'
        ]);
        expect(visibleText($(card, '[data-id="complete-count"]')!)).toBe('4 of 4 criteria complete');
        await expect(card).toBeAccessible();
    });

    it('converted without becoming Sales Qualified: the warning, the criteria it did record, and what is incomplete', async () => {
        const card = mountSummary(convertedWithoutSql.id);
        getRecordAdapter.emit(convertedWithoutSql);
        await flushPromises();

        expect(visibleText($(card, '[data-id="without-sql"]')!)).toMatch(/^Converted before sales qualified the lead/);
        expect(visibleText($(card, '[data-id="framework"]')!)).toBe('The lead had no qualification framework when it was converted.');
        expect(visibleText($(card, '[data-id="bar-verdict"]')!)).toBe('Below the SQL bar at conversion');
        expect($(card, '[data-id="sql-at"]')).toBeNull();
        expect($(card, '[data-id="qualified-by"]')).toBeNull();
        // Without a framework: only the criteria the lead recorded something on, in the definition's order.
        expect(rowKeys(card)).toEqual(['Budget', 'Need']);
        // Confirmed but with blank evidence is not complete: evidence is what counts.
        expect(row(card, 'Budget')).toEqual(['Budget', 'Confirmed', 'No evidence recorded', 'Incomplete']);
        expect(row(card, 'Need')).toEqual(['Need', 'In Progress', 'Wants fewer spreadsheets', 'Incomplete']);
        expect(visibleText($(card, '[data-id="complete-count"]')!)).toBe('0 of 2 criteria complete');
        await expect(card).toBeAccessible();
    });

    it('an opportunity that did not come from a LeadGate lead shows the empty state, nothing else', async () => {
        const card = mountSummary(notFromLead.id);
        getRecordAdapter.emit(notFromLead);
        await flushPromises();

        expect(visibleText($(card, '[data-id="empty"]')!)).toBe(
            'This opportunity did not come from a LeadGate lead, so there is no qualification evidence to show.'
        );
        expect($(card, '[data-id="criteria"]')).toBeNull();
        expect($(card, '[data-id="framework"]')).toBeNull();
        await expect(card).toBeAccessible();
    });

    it('a score missing from the record reads "Not recorded", and no verdict is guessed', async () => {
        const card = mountSummary(fromQualifiedLead.id);
        const withoutIntent = structuredCloneJson(fromQualifiedLead) as {
            fields: Record<string, { displayValue: unknown; value: unknown }>;
        };
        withoutIntent.fields.Intent_At_Conversion__c = { displayValue: null, value: null };
        getRecordAdapter.emit(withoutIntent);
        await flushPromises();

        expect(visibleText($(card, '[data-score="intent"]')!)).toBe('Not recorded');
        expect($(card, '[data-id="bar-verdict"]')).toBeNull();
    });

    it('a load error is shown as an alert with the reason', async () => {
        const card = mountSummary(fromQualifiedLead.id);
        getRecordAdapter.error({ message: 'You do not have access to this record.' }, 403, 'Forbidden');
        await flushPromises();

        const alert = $(card, '[data-id="load-error"]')!;
        expect(alert.getAttribute('role')).toBe('alert');
        expect(visibleText(alert)).toBe('The qualification evidence could not be loaded: You do not have access to this record.');
        await expect(card).toBeAccessible();
    });
});

/** A deep copy of a JSON fixture (structuredClone is not available in this Jest environment). */
function structuredCloneJson<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}
