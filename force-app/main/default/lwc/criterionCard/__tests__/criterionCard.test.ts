import CriterionCard from 'c/criterionCard';
import { readiness, type CriterionState } from 'c/leadScoring';
import { NOW, flushPromises, mount, useComponentTest, $, visibleText, typeInto, pick } from '../../../../../../jest/testUtils';
import lead from './data/lead.bantMixed.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';

const criterion = (key: string): CriterionState => readiness(lead, NOW).criteria.find((c) => c.key === key)!;
const statusOptions = ['Not Started', 'In Progress', 'Confirmed', 'Disqualifying'].map((value) => ({ label: value, value }));

async function showCard(key: string, props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const card = mount('c-criterion-card', CriterionCard, { criterion: criterion(key), statusOptions, ...props });
    await flushPromises();
    return card;
}

describe('c-criterion-card', () => {
    useComponentTest();

    it('shows the state, the status, the evidence with its counter and help, tied together for screen readers', async () => {
        const card = await showCard('Need', {
            statusInfo: objectInfo.fields.Need_Status__c,
            evidenceInfo: objectInfo.fields.Need_Evidence__c
        });
        expect(visibleText($(card, '[data-id="criterion-state"]')!)).toBe('Needs evidence');
        expect($(card, '[data-id="criterion-state"]')!.className).toContain('slds-theme_warning');
        expect(($(card, 'lightning-combobox') as HTMLElement & { value: string; label: string }).value).toBe('Confirmed');
        const box = $<HTMLTextAreaElement>(card, 'textarea')!;
        expect(box.value).toBe('Slow');
        expect(visibleText($(card, '[data-counter-for="Need_Evidence__c"]')!)).toBe('4 of the 20 letters and digits of evidence needed');
        const [counterId, helpId] = box.getAttribute('aria-describedby')!.split(' ');
        expect($(card, `[id="${counterId}"]`)!.dataset.counterFor).toBe('Need_Evidence__c');
        expect(visibleText($(card, `[id="${helpId}"]`)!)).toBe(objectInfo.fields.Need_Evidence__c.inlineHelpText);
        expect($(card, '[data-id="disqualifying"]')).toBeNull();
        await expect(card).toBeAccessible();
    });

    it("reports each change as an edit of its own field, and puts the server's message first in the box's description", async () => {
        const card = await showCard('Authority', { evidenceError: 'Write at least 20 letters and digits.' });
        const edits = jest.fn();
        card.addEventListener('edit', (event) => edits((event as CustomEvent).detail));
        typeInto($<HTMLTextAreaElement>(card, 'textarea')!, 'VP Ops Priya Shah signs off');
        pick($(card, 'lightning-combobox')!, 'Confirmed');
        expect(edits.mock.calls.map((call) => call[0])).toEqual([
            { field: 'Authority_Evidence__c', value: 'VP Ops Priya Shah signs off' },
            { field: 'Authority_Status__c', value: 'Confirmed' }
        ]);
        const box = $<HTMLTextAreaElement>(card, 'textarea')!;
        expect(box.getAttribute('aria-invalid')).toBe('true');
        expect(box.getAttribute('aria-describedby')!.split(' ')[0]).toBe($(card, '[data-error-for="Authority_Evidence__c"]')!.id);
        expect(visibleText($(card, 'label')!)).toBe('Authority evidence');
        await expect(card).toBeAccessible();
    });

    it('a Disqualifying status offers the rejection with its reason, only while the lead is open', async () => {
        const card = await showCard('Timeline', { canReject: true });
        expect(visibleText($(card, '[data-id="criterion-state"]')!)).toBe('Disqualifying');
        const rejects = jest.fn();
        card.addEventListener('reject', (event) => rejects((event as CustomEvent).detail));
        $(card, '[data-action="reject-as"]')!.click();
        expect(rejects).toHaveBeenCalledWith({ reason: 'Bad Timing' });

        const closed = await showCard('Timeline', { canReject: false });
        expect($(closed, '[data-id="disqualifying"]')).not.toBeNull();
        expect($(closed, '[data-action="reject-as"]')).toBeNull();
    });

    it('locks what the rep cannot change, and focuses its evidence box only when asked for its own field', async () => {
        const card = await showCard('Budget', { statusLocked: true, evidenceLocked: true });
        expect($<HTMLTextAreaElement>(card, 'textarea')!.disabled).toBe(true);
        expect(($(card, 'lightning-combobox') as HTMLElement & { disabled: boolean }).disabled).toBe(true);
        const api = card as HTMLElement & { focusEvidence(field: string): boolean };
        expect(api.focusEvidence('Need_Evidence__c')).toBe(false);
        expect(api.focusEvidence('Budget_Evidence__c')).toBe(true);
    });
});
