import QualificationWorkspace from 'c/qualificationWorkspace';
import { readiness } from 'c/leadScoring';
import { leadValuesOf } from 'c/leadGateUi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { NOW, flushPromises, mount, useComponentTest, focused, $, visibleText, clickAction } from '../../../../../../jest/testUtils';
import bantIncomplete from '../../qualificationPanel/__tests__/data/getRecord.bantIncomplete.json';
import hiddenEvidence from '../../qualificationPanel/__tests__/data/getRecord.bantIncompleteHiddenEvidence.json';
import bantDisqualifying from '../../qualificationPanel/__tests__/data/getRecord.bantDisqualifying.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';
import problem from '../../saveProblem/__tests__/data/problem.validation.json';

/** The workspace as the panel hands it a loaded lead (no draft unless `props` says so). */
async function show(record: unknown, props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const lead = leadValuesOf(record as RecordRepresentation);
    const workspace = mount('c-qualification-workspace', QualificationWorkspace, {
        recordId: (record as { id: string }).id,
        record,
        objectInfo,
        lead,
        readiness: readiness(lead, NOW),
        ...props
    });
    await flushPromises();
    return workspace;
}

describe('c-qualification-workspace', () => {
    useComponentTest();

    it('on a phone leads with the stage actions, then what still blocks, then the criteria; elsewhere the criteria come first', async () => {
        const order = (workspace: HTMLElement): string[] =>
            Array.from(
                workspace.shadowRoot!.querySelectorAll(
                    'c-stage-actions, c-readiness-list, c-framework-choice, c-criteria-list, c-fit-facts'
                )
            ).map((element) => element.tagName.toLowerCase());
        const phone = await show(bantIncomplete, { formFactor: 'Small' });
        expect(order(phone)).toEqual(['c-stage-actions', 'c-readiness-list', 'c-framework-choice', 'c-criteria-list', 'c-fit-facts']);
        await expect(phone).toBeAccessible();
        const others = await Promise.all(['Large', 'Medium'].map((formFactor) => show(bantIncomplete, { formFactor })));
        for (const workspace of others) {
            expect(order(workspace)).toEqual([
                'c-framework-choice',
                'c-criteria-list',
                'c-readiness-list',
                'c-fit-facts',
                'c-stage-actions'
            ]);
        }
    });

    it('on a phone the rejection form opens right under the stage actions, above the criteria', async () => {
        const phone = await show(bantIncomplete, { formFactor: 'Small' });
        clickAction(phone, 'reject');
        await flushPromises();
        const tags = Array.from(phone.shadowRoot!.querySelectorAll('c-stage-actions, c-lead-rejection, c-criteria-list')).map((element) =>
            element.tagName.toLowerCase()
        );
        expect(tags).toEqual(['c-stage-actions', 'c-lead-rejection', 'c-criteria-list']);
    });

    it('after a rejection the form closes and focus goes to the readiness heading, not the page body', async () => {
        const workspace = await show(bantIncomplete);
        clickAction(workspace, 'reject');
        await flushPromises();
        $(workspace, 'c-lead-rejection')!.dispatchEvent(new CustomEvent('rejected'));
        await flushPromises();
        expect($(workspace, 'c-lead-rejection')).toBeNull();
        expect(visibleText(focused(workspace)!)).toBe('What still blocks Sales Qualified');
    });

    it('shows the stage and explains fields the rep cannot read, locking them', async () => {
        const workspace = await show(hiddenEvidence);
        expect(visibleText($(workspace, '[data-id="stage"]')!)).toBe('Stage: Marketing Qualified');
        expect($(workspace, '[data-id="hidden-fields"]')).not.toBeNull();
        expect($<HTMLTextAreaElement>(workspace, 'textarea[data-field="Authority_Evidence__c"]')!.disabled).toBe(true);
        expect($(await show(bantIncomplete), '[data-id="hidden-fields"]')).toBeNull();
        await expect(workspace).toBeAccessible();
    });

    it('locks every input while saving, and shows a restored draft only until a save problem replaces the notice', async () => {
        const saving = await show(bantIncomplete, { saving: true, hasDraft: true, restoredDraft: true });
        expect($<HTMLTextAreaElement>(saving, 'textarea[data-field="Need_Evidence__c"]')!.disabled).toBe(true);
        expect($(saving, '[data-id="restored"]')).not.toBeNull();
        const failed = await show(bantIncomplete, { hasDraft: true, restoredDraft: true, problem });
        expect($(failed, '[data-id="restored"]')).toBeNull();
        expect($(failed, '[data-id="problem"]')).not.toBeNull();
    });

    it("hands the children's events up unchanged for the panel, which owns the draft and the save", async () => {
        const workspace = await show(bantIncomplete, { hasDraft: true });
        const seen: Array<[string, unknown]> = [];
        for (const name of ['edit', 'save', 'discard', 'accept', 'toggle']) {
            workspace.addEventListener(name, (event) => seen.push([name, (event as CustomEvent).detail]));
        }
        $(workspace, 'c-criteria-list')!.dispatchEvent(
            new CustomEvent('edit', { detail: { field: 'Need_Status__c', value: 'Confirmed' } })
        );
        clickAction(workspace, 'save');
        clickAction(workspace, 'discard');
        clickAction(workspace, 'accept');
        clickAction(workspace, 'toggle-facts');
        expect(seen).toEqual([
            ['edit', { field: 'Need_Status__c', value: 'Confirmed' }],
            ['save', null],
            ['discard', null],
            ['accept', null],
            ['toggle', null]
        ]);
    });

    it('opens the rejection form with the reason a Disqualifying criterion points to, and toasts when rejected', async () => {
        const workspace = await show(bantDisqualifying);
        clickAction(workspace, 'reject-as');
        await flushPromises();
        const form = $(workspace, 'c-lead-rejection') as HTMLElement & { recordId: string; presetReason: string };
        expect(form.recordId).toBe(bantDisqualifying.id);
        expect(form.presetReason).toBe('Bad Timing');
        const toasts = jest.fn();
        workspace.addEventListener('lightning__showtoast', (event) => toasts((event as CustomEvent).detail));
        form.dispatchEvent(new CustomEvent('rejected'));
        await flushPromises();
        expect($(workspace, 'c-lead-rejection')).toBeNull();
        expect(toasts).toHaveBeenCalledWith(expect.objectContaining({ title: 'Lead rejected', variant: 'success' }));
    });
});
