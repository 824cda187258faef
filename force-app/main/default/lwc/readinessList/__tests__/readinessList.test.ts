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
});
