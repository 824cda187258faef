import StageActions from 'c/stageActions';
import { mountWired, useComponentTest, $, visibleText, clickAction } from '../../../../../../jest/testUtils';

const show = (props: Record<string, unknown>): Promise<HTMLElement> => mountWired('c-stage-actions', StageActions, props);
const offered = (actions: HTMLElement): string[] =>
    ['save', 'discard', 'accept', 'qualify', 'reject'].filter((action) => $(actions, `[data-action="${action}"]`));

describe('c-stage-actions', () => {
    useComponentTest();

    it('offers what the stage allows: Accept for an MQL, Mark Sales Qualified past New, Reject while open', async () => {
        expect(offered(await show({ stage: 'MQL' }))).toEqual(['accept', 'qualify', 'reject']);
        expect(offered(await show({ stage: 'SAL', ready: true }))).toEqual(['qualify', 'reject']);
        expect(offered(await show({ stage: 'New' }))).toEqual(['reject']);
        expect(offered(await show({ stage: 'SQL' }))).toEqual([]);
        expect(offered(await show({ stage: 'SAL', hasDraft: true, ready: true }))).toEqual(['save', 'discard', 'qualify', 'reject']);
    });

    it('ties how many blockers remain to Mark Sales Qualified, and reports each click by its action', async () => {
        const actions = await show({ stage: 'MQL', blockerCount: 3, hasDraft: true });
        const qualify = $<HTMLButtonElement>(actions, '[data-action="qualify"]')!;
        expect(qualify.getAttribute('aria-describedby')).toBe($(actions, '[data-id="qualify-blocked"]')!.id);
        expect(visibleText($(actions, '[data-id="qualify-blocked"]')!)).toMatch(/^Still blocking Sales Qualified: 3 /);
        const clicked: string[] = [];
        for (const name of ['save', 'discard', 'accept', 'qualify', 'reject']) actions.addEventListener(name, () => clicked.push(name));
        for (const name of ['save', 'discard', 'accept', 'qualify', 'reject']) clickAction(actions, name);
        expect(clicked).toEqual(['save', 'discard', 'accept', 'qualify', 'reject']);
        await expect(actions).toBeAccessible();
    });

    it('Mark Sales Qualified is solid green only when nothing blocks; while items block it is neutral, reachable, and says why', async () => {
        const blocked = await show({ stage: 'MQL', blockerCount: 3 });
        const button = $<HTMLButtonElement>(blocked, '[data-action="qualify"]')!;
        expect(button.classList.contains('slds-button_success')).toBe(false);
        expect(button.classList.contains('slds-button_neutral')).toBe(true);
        // Still a button the keyboard reaches: the rep tabs to it and hears the reason.
        expect(button.disabled).toBe(false);
        expect(button.tabIndex).toBe(0);
        expect(visibleText($(blocked, `#${button.getAttribute('aria-describedby')}`)!)).toMatch(/^Still blocking Sales Qualified: 3 /);

        const ready = await show({ stage: 'SAL', ready: true });
        const go = $<HTMLButtonElement>(ready, '[data-action="qualify"]')!;
        expect(go.classList.contains('slds-button_success')).toBe(true);
        expect(go.getAttribute('aria-describedby')).toBeNull();
        expect($(ready, '[data-id="qualify-blocked"]')).toBeNull();
        await expect(blocked).toBeAccessible();
    });

    it('disables every action while saving', async () => {
        const actions = await show({ stage: 'MQL', hasDraft: true, saving: true });
        for (const action of ['save', 'discard', 'accept', 'qualify', 'reject']) {
            expect(($(actions, `[data-action="${action}"]`) as HTMLElement & { disabled: boolean }).disabled).toBe(true);
        }
    });
});
