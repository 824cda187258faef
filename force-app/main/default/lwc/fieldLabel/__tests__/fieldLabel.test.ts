import FieldLabel from 'c/fieldLabel';
import { mountWired, useComponentTest, $, helpButtonNames, visibleText } from '../../../../../../jest/testUtils';

const show = (props: Record<string, unknown>): Promise<HTMLElement> => mountWired('c-field-label', FieldLabel, props);

describe('c-field-label', () => {
    useComponentTest({ frozenAt: null });

    it("shows the label and a help button named after the field, with the field's help", async () => {
        const label = await show({ label: 'Budget Status', help: 'Is money set aside for this?' });
        expect(visibleText($(label, '[data-id="label"]')!)).toBe('Budget Status');
        // The input beside it announces the label: the visible copy is not read twice.
        expect($(label, '[data-id="label"]')!.getAttribute('aria-hidden')).toBe('true');
        expect(helpButtonNames(label)).toEqual(['Help: Budget Status']);
        expect($<HTMLElement & { content: string }>(label, 'lightning-helptext')!.content).toBe('Is money set aside for this?');
        await expect(label).toBeAccessible();
    });

    it('draws no help button without help, and the required mark when asked', async () => {
        const plain = await show({ label: 'Industry', help: null });
        expect(helpButtonNames(plain)).toEqual([]);
        expect($(plain, 'abbr')).toBeNull();
        const required = await show({ label: 'Rejection Reason', required: true });
        expect($(required, 'abbr.slds-required')!.getAttribute('title')).toBe('required');
    });
});
