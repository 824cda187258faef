import ReadinessList from 'c/readinessList';
import { readiness } from 'c/leadScoring';
import { NOW, flushPromises, mount, useComponentTest, $, $$, visibleText } from '../../../../../../jest/testUtils';
import lead from '../../criterionCard/__tests__/data/lead.bantMixed.json';

describe('c-readiness-list', () => {
    useComponentTest();

    it("words each blocker with the status's label, and offers a way to each criterion's evidence", async () => {
        const list = mount('c-readiness-list', ReadinessList, {
            readiness: readiness(lead, NOW),
            statusOptions: [{ label: 'Being checked', value: 'In Progress' }]
        });
        await flushPromises();
        expect($$(list, '[data-blocker] > span').map((el) => visibleText(el))).toEqual([
            'Authority: set the status to Confirmed (now Being checked) and write evidence of at least 20 letters and digits (now 10).',
            'Need: write evidence of at least 20 letters and digits (now 4).',
            'Timeline: set the status to Confirmed (now Disqualifying) and write evidence of at least 20 letters and digits (now 0).',
            // The fixture carries no company facts and no buying signals: both scores are 0, below their bars.
            'Fit score 0 is below the bar of 40. Check the company details (industry, size, title, country); if they are right, this lead is not a fit.',
            'Intent score 0 is below the bar of 30. Wait for new buying activity, or reject the lead so marketing can nurture it.',
            'Accept the lead first: it must be Sales Accepted before it can be Sales Qualified.'
        ]);
        const wanted = jest.fn();
        list.addEventListener('gotofield', (event) => wanted((event as CustomEvent).detail));
        $$<HTMLButtonElement>(list, '[data-blocker] button')[1]!.click();
        expect(wanted).toHaveBeenCalledWith({ field: 'Need_Evidence__c' });
        expect($(list, '[data-id="ready"]')).toBeNull();
        await expect(list).toBeAccessible();
    });

    it('names the committee role a framework requires (when the definition makes it required)', async () => {
        const role = { key: 'champion', label: 'Champion', fieldStem: 'Champion', contactRole: 'Executive Sponsor', description: '' };
        const list = mount('c-readiness-list', ReadinessList, {
            readiness: {
                ...readiness(lead, NOW),
                ready: false,
                blockers: [{ kind: 'committeeRole', field: 'Committee_Champion_Count__c', role }]
            }
        });
        await flushPromises();
        expect($$(list, '[data-blocker] > span').map((el) => visibleText(el))).toEqual([
            'Name the Champion in the buying committee: this framework needs one before Sales Qualified.'
        ]);
        await expect(list).toBeAccessible();
    });

    it('says nothing blocks when the lead is ready', async () => {
        const list = mount('c-readiness-list', ReadinessList, { readiness: { ...readiness(lead, NOW), ready: true, blockers: [] } });
        await flushPromises();
        expect(visibleText($(list, '[data-id="ready"]')!)).toBe('Nothing blocks this lead: it can be marked Sales Qualified.');
        expect($(list, '[data-id="blockers"]')).toBeNull();
        await expect(list).toBeAccessible();
    });

    it('on a Sales Qualified lead: says it is qualified, lists a decayed intent as news, and never offers rejecting', async () => {
        // The fixture's intent (0) and fit (0) are under their bars, as after the signals decayed since qualifying.
        const list = mount('c-readiness-list', ReadinessList, {
            readiness: readiness(lead, NOW),
            stage: 'SQL',
            stageName: 'Sales Qualified'
        });
        await flushPromises();
        expect(visibleText($(list, 'h2')!)).toBe('Where this lead stands');
        expect(visibleText($(list, '[data-id="qualified"]')!)).toBe('This lead is Sales Qualified. Nothing more is needed here.');
        expect($$(list, '[data-since]').map((el) => visibleText(el))).toEqual([
            'Fit is now 0, under the bar of 40: the company details changed. The lead stays Sales Qualified.',
            'Intent is now 0, under the bar of 30: buying activity has slowed. The lead stays Sales Qualified.'
        ]);
        const shown = visibleText(list);
        expect(shown).not.toMatch(/reject/i);
        expect(shown).not.toMatch(/blocks Sales Qualified|can be marked Sales Qualified/);
        expect($(list, '[data-id="blockers"]')).toBeNull();
        expect($(list, 'button')).toBeNull();
        await expect(list).toBeAccessible();
    });

    it('right after qualifying (ready, now Sales Qualified) it no longer says the lead can be marked Sales Qualified', async () => {
        const ready = { ...readiness(lead, NOW), ready: true, blockers: [] };
        const list = mount('c-readiness-list', ReadinessList, { readiness: ready, stage: 'SAL', stageName: 'Sales Accepted' });
        await flushPromises();
        expect(visibleText($(list, '[data-id="ready"]')!)).toBe('Nothing blocks this lead: it can be marked Sales Qualified.');
        Object.assign(list, { stage: 'SQL', stageName: 'Sales Qualified' });
        await flushPromises();
        expect($(list, '[data-id="ready"]')).toBeNull();
        expect(visibleText($(list, '[data-id="qualified"]')!)).toBe('This lead is Sales Qualified. Nothing more is needed here.');
        expect($(list, '[data-id="since"]')).toBeNull();
    });

    it('on a rejected lead: says it is no longer being qualified, without blockers', async () => {
        const list = mount('c-readiness-list', ReadinessList, {
            readiness: readiness(lead, NOW),
            stage: 'Rejected',
            stageName: 'Rejected'
        });
        await flushPromises();
        expect(visibleText($(list, '[data-id="closed"]')!)).toBe('This lead is Rejected: it is no longer being qualified.');
        expect($(list, '[data-id="blockers"]')).toBeNull();
        expect($(list, '[data-id="qualified"]')).toBeNull();
        await expect(list).toBeAccessible();
    });

    it('moves focus to its heading when asked (after a stage change)', async () => {
        const list = mount('c-readiness-list', ReadinessList, {
            readiness: readiness(lead, NOW),
            stage: 'SQL',
            stageName: 'Sales Qualified'
        });
        await flushPromises();
        expect((list as unknown as { focusHeading(): boolean }).focusHeading()).toBe(true);
        expect(list.shadowRoot!.activeElement).toBe($(list, 'h2'));
    });
});
