import { getRecord } from 'lightning/uiRecordApi';
import LeadScoreCard from 'c/leadScoreCard';
import { leadValuesOf } from 'c/leadGateUi';
import { flushPromises, mount, useComponentTest, testWire, $, $$, visibleText } from '../../../../../../jest/testUtils';
import aboveBar from './data/getRecord.aboveBar.json';
import belowBar from './data/getRecord.belowBar.json';
import decayedIntent from './data/getRecord.decayedIntent.json';

const getRecordAdapter = testWire(getRecord);

function mountCard(props: Record<string, unknown> = { recordId: aboveBar.id }): HTMLElement {
    return mount('c-lead-score-card', LeadScoreCard, props);
}

const meterText = (card: HTMLElement, key: string): string => visibleText($(card, `[data-meter="${key}"]`)!);
const ledgerRow = (card: HTMLElement, key: string): string[] =>
    $$(card, `tr[data-row="${key}"] th, tr[data-row="${key}"] td`).map((c) => visibleText(c));

describe('c-lead-score-card', () => {
    useComponentTest();

    it('shows a spinner until the lead arrives, and asks only for the fields scoring reads', async () => {
        const card = mountCard();
        await flushPromises();
        expect($(card, 'lightning-spinner')).not.toBeNull();
        const config = getRecordAdapter.getLastConfig();
        expect(config?.recordId).toBe(aboveBar.id);
        expect(config?.optionalFields).toEqual(expect.arrayContaining(['Lead.Title', 'Lead.Last_Demo_Request_At__c', 'Lead.Email']));
        await expect(card).toBeAccessible();
    });

    it('above the bar: fit and intent against the bar, every rule with its points, and when intent decays below the bar', async () => {
        const card = mountCard();
        getRecordAdapter.emit(aboveBar);
        await flushPromises();

        expect(visibleText($(card, '[data-id="verdict"]')!)).toBe('Meets the SQL bar');
        expect(meterText(card, 'fit')).toBe('Fit: 70 of 100 (bar 40) At or above the bar of 40.');
        expect(meterText(card, 'intent')).toBe('Intent: 44 of 100 (bar 30) At or above the bar of 30.');
        const intentMeter = $(card, '[data-meter="intent"] [role="meter"]')!;
        expect(intentMeter.getAttribute('aria-valuenow')).toBe('44');
        expect(intentMeter.getAttribute('aria-valuemax')).toBe('100');

        expect(ledgerRow(card, 'fit:targetIndustry')).toEqual(['Target industry', '+20', 'no decay', '+20']);
        expect(ledgerRow(card, 'fit:buyingAuthority')).toEqual(['Buying authority in title', '+25', 'no decay', '+25']);
        // 40 points * 0.5 ^ (10 / 30) = 31.7; 20 * 0.5 ^ (20 / 30) = 12.6.
        expect(ledgerRow(card, 'intent:demoRequest')).toEqual(['Demo request', '+40', '10', '+31.7']);
        expect(ledgerRow(card, 'intent:eventAttended')).toEqual(['High-intent event attended', '+20', '20', '+12.6']);
        // 44.35 * 0.5 ^ (t / 30) < 29.5 after 17.6 days.
        expect(visibleText($(card, '[data-id="forecast"]')!)).toBe('Intent falls below the bar in 17 days without new activity.');
        expect($(card, '[data-id="capped"]')).toBeNull();
        await expect(card).toBeAccessible();
    });

    it('below the bar: negative rules are listed with their minus points, and the floor of the fit range is explained', async () => {
        const card = mountCard({ recordId: belowBar.id });
        getRecordAdapter.emit(belowBar);
        await flushPromises();

        expect(visibleText($(card, '[data-id="verdict"]')!)).toBe('Below the SQL bar');
        expect(meterText(card, 'fit')).toBe('Fit: 0 of 100 (bar 40) 40 points below the bar of 40.');
        expect(meterText(card, 'intent')).toBe('Intent: 5 of 100 (bar 30) 25 points below the bar of 30.');
        expect(ledgerRow(card, 'fit:freeEmail')).toEqual(['Free email domain', '-30', 'no decay', '-30']);
        expect(ledgerRow(card, 'fit:studentOrIntern')).toEqual(['Student or intern in title', '-40', 'no decay', '-40']);
        expect($(card, 'tr[data-row="fit:studentOrIntern"] .slds-text-color_error')).not.toBeNull();
        expect(visibleText($(card, '[data-id="capped"]')!)).toBe(
            'The fit rules add up to -70; scores are kept between 0 and 100, so fit shows 0.'
        );
        expect(visibleText($(card, '[data-id="forecast"]')!)).toBe('Intent is already below the bar: only new buying activity raises it.');
        await expect(card).toBeAccessible();
    });

    it('decayed intent: old signals show their age and what is left of their points', async () => {
        const card = mountCard({ recordId: decayedIntent.id });
        getRecordAdapter.emit(decayedIntent);
        await flushPromises();

        expect(meterText(card, 'fit')).toBe('Fit: 80 of 100 (bar 40) At or above the bar of 40.');
        // 40 * 0.5 ^ 2.5 = 7.07, 20 * 0.5 ^ 2 = 5, 2 * 0.5 ^ 1.5 = 0.71: 12.8 rounds to 13.
        expect(meterText(card, 'intent')).toBe('Intent: 13 of 100 (bar 30) 17 points below the bar of 30.');
        expect(ledgerRow(card, 'intent:demoRequest')).toEqual(['Demo request', '+40', '75', '+7.1']);
        expect(ledgerRow(card, 'intent:eventAttended')).toEqual(['High-intent event attended', '+20', '60', '+5']);
        expect(ledgerRow(card, 'intent:emailEngagement')).toEqual(['Email engagement', '+2', '45', '+0.7']);
        expect(visibleText($(card, '[data-id="forecast"]')!)).toMatch(/already below the bar/);
        await expect(card).toBeAccessible();
    });

    it('as a child given the lead: recomputes when the lead changes and announces the change politely, not on first show', async () => {
        const values = leadValuesOf(aboveBar as never);
        const card = mountCard({ lead: values });
        await flushPromises();
        // No record id: the card scores what it is given and reads nothing itself.
        expect(getRecordAdapter.getLastConfig()?.recordId).toBeUndefined();
        const announcer = $(card, '[data-id="announcer"]')!;
        expect(announcer.getAttribute('aria-live')).toBe('polite');
        expect(announcer.textContent).toBe('');

        (card as unknown as { lead: Record<string, unknown> }).lead = { ...values, Last_Demo_Request_At__c: null };
        await flushPromises();
        expect(meterText(card, 'intent')).toBe('Intent: 13 of 100 (bar 30) 17 points below the bar of 30.');
        expect(announcer.textContent).toBe('Score updated: fit 70, intent 13. Below the SQL bar.');
        expect($(card, 'tr[data-row="intent:demoRequest"]')).toBeNull();
        await expect(card).toBeAccessible();
    });

    it('tells the rep what to do when the lead cannot be read', async () => {
        const card = mountCard();
        getRecordAdapter.error({ message: 'Insufficient access' }, 403, 'Forbidden');
        await flushPromises();
        expect(visibleText($(card, '[data-id="load-error"]')!)).toBe(
            'LeadGate could not load the score: Insufficient access Reload the page. If it happens again, ask your Salesforce admin to check your access to the LeadGate fields.'
        );
        await expect(card).toBeAccessible();
    });
});
