import CriteriaList from 'c/criteriaList';
import { readiness } from 'c/leadScoring';
import { NOW, mountWired, useComponentTest, $, $$, visibleText } from '../../../../../../jest/testUtils';
import lead from '../../criterionCard/__tests__/data/lead.bantMixed.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';

const show = (props: Record<string, unknown>): Promise<HTMLElement> =>
    mountWired('c-criteria-list', CriteriaList, { objectInfo, ...props });

describe('c-criteria-list', () => {
    useComponentTest();

    it("one card per criterion of the lead's framework, with the count, each card given its own locks and messages", async () => {
        const list = await show({
            readiness: readiness(lead, NOW),
            lockedFields: ['Budget_Evidence__c'],
            fieldErrors: { Need_Evidence__c: ['Need is not complete.', 'Write more.'] },
            canReject: true
        });
        expect(visibleText($(list, '[data-id="complete-count"]')!)).toBe('1 of 4 criteria complete');
        expect($$(list, 'fieldset[data-criterion]').map((f) => f.dataset.criterion)).toEqual(['Budget', 'Authority', 'Need', 'Timeline']);
        expect($<HTMLTextAreaElement>(list, 'textarea[data-field="Budget_Evidence__c"]')!.disabled).toBe(true);
        expect($<HTMLTextAreaElement>(list, 'textarea[data-field="Need_Evidence__c"]')!.disabled).toBe(false);
        expect(visibleText($(list, '[data-error-for="Need_Evidence__c"]')!)).toBe('Need is not complete. Write more.');
        expect($(list, '[data-action="reject-as"]')).not.toBeNull();
        await expect(list).toBeAccessible();
    });

    it("hands the cards' edits and rejections on, and focuses the card that has the asked-for evidence box", async () => {
        const list = await show({ readiness: readiness(lead, NOW), canReject: true });
        const seen = jest.fn();
        list.addEventListener('edit', (event) => seen('edit', (event as CustomEvent).detail));
        list.addEventListener('reject', (event) => seen('reject', (event as CustomEvent).detail));
        $(list, 'c-criterion-card')!.dispatchEvent(
            new CustomEvent('edit', { detail: { field: 'Budget_Status__c', value: 'In Progress' } })
        );
        $(list, '[data-action="reject-as"]')!.click();
        expect(seen.mock.calls).toEqual([
            ['edit', { field: 'Budget_Status__c', value: 'In Progress' }],
            ['reject', { reason: 'Bad Timing' }]
        ]);
        const api = list as HTMLElement & { focusEvidence(field: string): boolean };
        expect(api.focusEvidence('Timeline_Evidence__c')).toBe(true);
        expect(api.focusEvidence('Champion_Evidence__c')).toBe(false);
    });

    it('before a framework is chosen, says what to do first', async () => {
        const list = await show({ readiness: readiness({ ...lead, Qualification_Framework__c: null }, NOW) });
        expect(visibleText($(list, '[data-id="no-framework"]')!)).toMatch(/^Choose a qualification framework above/);
        expect($(list, 'c-criterion-card')).toBeNull();
        await expect(list).toBeAccessible();
    });
});
