import SaveProblem from 'c/saveProblem';
import { mountWired, useComponentTest, $, $$, visibleText, clickAction } from '../../../../../../jest/testUtils';
import validation from './data/problem.validation.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';

const show = (props: Record<string, unknown>): Promise<HTMLElement> => mountWired('c-save-problem', SaveProblem, props);
const messages = (banner: HTMLElement): string[] => $$(banner, '[data-id="problem-messages"] li').map((li) => visibleText(li));

describe('c-save-problem', () => {
    useComponentTest({ frozenAt: null });

    it('lists page errors and the field errors no input on screen shows, with the field labels', async () => {
        const banner = await show({ problem: validation, shownFields: ['Need_Evidence__c'], objectInfo });
        expect(visibleText($(banner, 'h2')!)).toBe('The lead was not saved');
        expect(messages(banner)).toEqual([
            'Sales Qualified leads need a phone number or email address: add one, then save.',
            'Lead Status: Accept the lead first.'
        ]);
        expect($(banner, '[data-action="retry"]')).toBeNull();
        expect($(banner, '[data-action="reload-reapply"]')).toBeNull();
        await expect(banner).toBeAccessible();

        const unlabelled = await show({ problem: validation, headingLevel: 3 });
        expect(visibleText($(unlabelled, 'h3')!)).toBe('The lead was not saved');
        expect(messages(unlabelled)).toContain('Need_Evidence__c: Need is not complete.');
    });

    it('a conflict offers Reload and re-apply, without the raw messages', async () => {
        const conflict = await show({ problem: { ...validation, kind: 'conflict' } });
        expect(messages(conflict)).toEqual([]);
        expect($(conflict, '[data-id="problem"]')!.className).toContain('slds-theme_warning');
        const reload = jest.fn();
        conflict.addEventListener('reloadreapply', reload);
        clickAction(conflict, 'reload-reapply');
        expect(reload).toHaveBeenCalledTimes(1);
    });

    it.each(['network', 'server'])('a %s failure offers Try again', async (kind) => {
        const failed = await show({ problem: { ...validation, kind } });
        const retry = jest.fn();
        failed.addEventListener('retry', retry);
        clickAction(failed, 'retry');
        expect(retry).toHaveBeenCalledTimes(1);
        expect($(failed, '[data-action="reload-reapply"]')).toBeNull();
    });

    it('moves focus to the summary when asked, and shows nothing without a problem', async () => {
        const banner = await show({ problem: validation });
        expect((banner as HTMLElement & { focusSummary(): boolean }).focusSummary()).toBe(true);
        expect(banner.shadowRoot!.activeElement).toBe($(banner, '[data-id="problem"]'));
        const none = await show({ problem: null });
        expect($(none, '[data-id="problem"]')).toBeNull();
        expect((none as HTMLElement & { focusSummary(): boolean }).focusSummary()).toBe(false);
    });
});
