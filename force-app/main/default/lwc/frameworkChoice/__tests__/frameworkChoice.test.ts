import FrameworkChoice from 'c/frameworkChoice';
import { mountWired, useComponentTest, $, visibleText, pick, clickAction } from '../../../../../../jest/testUtils';
import enterprise from './data/lead.enterpriseNoFramework.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';

const show = (props: Record<string, unknown>): Promise<HTMLElement> => mountWired('c-framework-choice', FrameworkChoice, props);

describe('c-framework-choice', () => {
    useComponentTest({ frozenAt: null });

    it("suggests the definition's framework for the company size, and one click chooses it", async () => {
        const choice = await show({ lead: enterprise, fieldInfo: objectInfo.fields.Qualification_Framework__c });
        const group = $(choice, 'lightning-radio-group') as HTMLElement & {
            value: string;
            label: string;
            options: Array<{ value: string }>;
        };
        expect(group.label).toBe('Qualification Framework');
        expect(group.value).toBe('');
        expect(group.options.map((o) => o.value)).toEqual(['BANT', 'MEDDIC']);
        expect(visibleText($(choice, '[data-id="suggestion"]')!)).toMatch(
            /^Suggested for this lead: MEDDIC\. LeadGate suggests MEDDIC for companies with 1,000\+/
        );
        const edits = jest.fn();
        choice.addEventListener('edit', (event) => edits((event as CustomEvent).detail));
        clickAction(choice, 'use-suggestion');
        pick($(choice, 'lightning-radio-group')!, 'BANT');
        expect(edits.mock.calls.map((call) => call[0])).toEqual([
            { field: 'Qualification_Framework__c', value: 'MEDDIC' },
            { field: 'Qualification_Framework__c', value: 'BANT' }
        ]);
        await expect(choice).toBeAccessible();
    });

    it('offers no shortcut when the suggestion is chosen or the field is locked, and names the field without metadata', async () => {
        const chosen = await show({ lead: { ...enterprise, Qualification_Framework__c: 'MEDDIC' } });
        expect($(chosen, '[data-action="use-suggestion"]')).toBeNull();
        expect(($(chosen, 'lightning-radio-group') as HTMLElement & { label: string }).label).toBe('Qualification framework');
        const locked = await show({ lead: enterprise, locked: true });
        expect($(locked, '[data-action="use-suggestion"]')).toBeNull();
        expect(($(locked, 'lightning-radio-group') as HTMLElement & { disabled: boolean }).disabled).toBe(true);
    });
});
