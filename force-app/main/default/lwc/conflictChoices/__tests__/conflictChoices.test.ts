import ConflictChoices from 'c/conflictChoices';
import { flushPromises, mount, useComponentTest, $, $$, visibleText } from '../../../../../../jest/testUtils';

const rows = [
    { field: 'Need_Evidence__c', label: 'Need Evidence', theirs: null, mine: 'Reps lose 6 h a week rekeying leads' },
    { field: 'NumberOfEmployees', label: 'Employees', theirs: 900, mine: '' }
];

describe('c-conflict-choices', () => {
    useComponentTest({ frozenAt: null });

    it('shows both values of each field (blank shown as such), who saved and when, and names each choice by its field', async () => {
        const box = mount('c-conflict-choices', ConflictChoices, {
            conflicts: rows,
            savedByName: 'Ravi Patel',
            savedWhen: 'May 14, 2026, 7:58 AM'
        });
        await flushPromises();
        expect(visibleText($(box, '[data-id="saved-by"]')!)).toBe(
            'Last saved by Ravi Patel on May 14, 2026, 7:58 AM. Nothing is saved until you choose, for each field below, which version to keep. Your other changes are kept.'
        );
        expect(
            $$(box, '[data-conflict]').map((row) => [
                visibleText($(row, 'h3')!),
                visibleText($(row, '[data-id="theirs"]')!),
                visibleText($(row, '[data-id="mine"]')!)
            ])
        ).toEqual([
            ['Need Evidence', '(blank)', 'Reps lose 6 h a week rekeying leads'],
            ['Employees', '900', '(blank)']
        ]);
        expect($$(box, 'button').map((b) => b.getAttribute('aria-label'))).toEqual([
            'Keep mine for Need Evidence',
            'Take theirs for Need Evidence',
            'Keep mine for Employees',
            'Take theirs for Employees'
        ]);
        await expect(box).toBeAccessible();
    });

    it('reports the choice with the field, and leaves the draft to the component that owns it', async () => {
        const box = mount('c-conflict-choices', ConflictChoices, { conflicts: rows, savedByName: 'Ravi Patel', savedWhen: 'now' });
        await flushPromises();
        const chosen = jest.fn();
        box.addEventListener('choose', (event) => chosen((event as CustomEvent).detail));
        $(box, 'button[data-field="NumberOfEmployees"][data-choice="theirs"]')!.click();
        $(box, 'button[data-field="Need_Evidence__c"][data-choice="mine"]')!.click();
        expect(chosen.mock.calls.map((call) => call[0])).toEqual([
            { field: 'NumberOfEmployees', choice: 'theirs' },
            { field: 'Need_Evidence__c', choice: 'mine' }
        ]);
        expect($$(box, '[data-conflict]')).toHaveLength(2);
    });
});
