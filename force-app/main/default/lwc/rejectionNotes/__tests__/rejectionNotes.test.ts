import RejectionNotes from 'c/rejectionNotes';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { mountWired, useComponentTest, $, visibleText, typeInto } from '../../../../../../jest/testUtils';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';

const { reason: NEEDS_NOTES, minChars } = SQL_DEFINITION.notesRequiredFor;
const show = (props: Record<string, unknown>): Promise<HTMLElement> =>
    mountWired('c-rejection-notes', RejectionNotes, { fieldInfo: objectInfo.fields.Rejection_Notes__c, ...props });
const counter = (notes: HTMLElement): string => visibleText($(notes, '[data-id="notes-counter"]')!);

describe('c-rejection-notes', () => {
    useComponentTest({ frozenAt: null });

    it("optional for most reasons; for the definition's reason, required with a live counter of trimmed characters", async () => {
        const optional = await show({ reason: 'Bad Timing', notes: '' });
        expect(counter(optional)).toBe('0 characters (optional)');
        expect($<HTMLTextAreaElement>(optional, 'textarea')!.required).toBe(false);

        const short = 'x'.repeat(minChars - 1);
        const required = await show({ reason: NEEDS_NOTES, notes: `  ${short}  ` });
        expect($<HTMLTextAreaElement>(required, 'textarea')!.required).toBe(true);
        expect($<HTMLTextAreaElement>(required, 'textarea')!.value).toBe(`  ${short}  `);
        expect(counter(required)).toBe(`${minChars - 1} of the ${minChars} characters required`);
        expect($(required, '[data-error-for="Rejection_Notes__c"]')).toBeNull();
        await expect(required).toBeAccessible();
    });

    it('after a submit attempt says what is missing, tied to the box; a server message wins', async () => {
        const notes = await show({ reason: NEEDS_NOTES, notes: 'too short', attempted: true });
        const error = $(notes, '[data-error-for="Rejection_Notes__c"]')!;
        expect(visibleText(error)).toBe(`Write at least ${minChars} characters of notes: the reason ${NEEDS_NOTES} needs an explanation.`);
        const box = $<HTMLTextAreaElement>(notes, 'textarea')!;
        expect(box.getAttribute('aria-invalid')).toBe('true');
        expect(box.getAttribute('aria-describedby')).toContain(error.id);

        const refused = await show({ reason: 'Bad Timing', notes: '', serverError: 'Notes are too long for the org.' });
        expect(visibleText($(refused, '[data-error-for="Rejection_Notes__c"]')!)).toBe('Notes are too long for the org.');
        await expect(refused).toBeAccessible();
    });

    it('reports each keystroke as an edit of the notes field', async () => {
        const notes = await show({ reason: 'Bad Timing', notes: '' });
        const edits = jest.fn();
        notes.addEventListener('edit', (event) => edits((event as CustomEvent).detail));
        typeInto($<HTMLTextAreaElement>(notes, 'textarea')!, 'Budget frozen until Q1');
        expect(edits).toHaveBeenCalledWith({ field: 'Rejection_Notes__c', value: 'Budget frozen until Q1' });
    });
});
