import CardState from 'c/cardState';
import { mountWired, useComponentTest, $, visibleText } from '../../../../../../jest/testUtils';

const show = (props: Record<string, unknown>): Promise<HTMLElement> => mountWired('c-card-state', CardState, props);

describe('c-card-state', () => {
    useComponentTest({ frozenAt: null });

    it.each([
        ['loading', 'slds-p-vertical_large'],
        ['saving', 'slds-p-vertical_medium']
    ])('%s: a spinner named by the message, announced as a status', async (state, padding) => {
        const card = await show({ state, message: 'Loading the lead' });
        const spinner = $(card, 'lightning-spinner') as HTMLElement & { alternativeText: string };
        expect(spinner.alternativeText).toBe('Loading the lead');
        expect($(card, '[role="status"]')!.className).toContain(padding);
        expect($(card, '[data-id="load-error"]')).toBeNull();
        await expect(card).toBeAccessible();
    });

    it('error: an alert with what to do next; empty: the message under its own data-id', async () => {
        const error = await show({ state: 'error', message: 'LeadGate could not load this lead: reload the page.' });
        expect($(error, '[role="alert"]')).toBe($(error, '[data-id="load-error"]'));
        expect(visibleText($(error, '[data-id="load-error"]')!)).toBe('LeadGate could not load this lead: reload the page.');
        expect($(error, 'lightning-spinner')).toBeNull();

        const empty = await show({ state: 'empty', message: 'No MQL time yet.', emptyId: 'no-mql' });
        expect(visibleText($(empty, '[data-id="no-mql"]')!)).toBe('No MQL time yet.');
        expect($(empty, '[role="alert"]')).toBeNull();
        await expect(empty).toBeAccessible();
    });
});
