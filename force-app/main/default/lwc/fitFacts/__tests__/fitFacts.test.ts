import FitFacts, { FIT_INPUTS } from 'c/fitFacts';
import { mountWired, useComponentTest, $, $$, visibleText, typeInto, pick } from '../../../../../../jest/testUtils';
import lead from './data/lead.techVp.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';
import leadPicklists from '../../qualificationPanel/__tests__/data/getPicklistValuesByRecordType.lead.json';

const show = (props: Record<string, unknown> = {}): Promise<HTMLElement> =>
    mountWired('c-fit-facts', FitFacts, { lead, objectInfo, picklists: leadPicklists.picklistFieldValues, ...props });

describe('c-fit-facts', () => {
    useComponentTest({ frozenAt: null });

    it('collapsed until opened; each fact typed by its field and saying which fit rules read it', async () => {
        const closed = await show();
        const toggle = $(closed, '[data-action="toggle-facts"]')!;
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect($(closed, '#' + toggle.getAttribute('aria-controls'))!.hidden).toBe(true);
        const toggles = jest.fn();
        closed.addEventListener('toggle', toggles);
        toggle.click();
        expect(toggles).toHaveBeenCalledTimes(1);

        const open = await show({ open: true });
        // Exactly the definition's fit inputs, in its order.
        expect($$(open, '[data-fact-row]').map((row) => row.dataset.factRow)).toEqual(FIT_INPUTS.map((input) => input.field));
        expect($<HTMLInputElement>(open, 'input[data-fact="NumberOfEmployees"]')!.type).toBe('number');
        expect($<HTMLInputElement>(open, 'input[data-fact="Email"]')!.type).toBe('email');
        expect($<HTMLInputElement>(open, 'input[data-fact="Title"]')!.value).toBe('VP Operations');
        const titleHelp = $<HTMLInputElement>(open, 'input[data-fact="Title"]')!.getAttribute('aria-describedby')!;
        expect(visibleText($(open, `[id="${titleHelp}"]`)!)).toMatch(/Scored by: .+\./);
        await expect(open).toBeAccessible();
    });

    it('the chevron points right while closed and down while open, never turned by the section style, with aria-expanded', async () => {
        const [closed, open] = await Promise.all([show({ open: false }), show({ open: true })]);
        for (const [facts, icon, expanded] of [
            [closed, 'utility:chevronright', 'false'],
            [open, 'utility:chevrondown', 'true']
        ] as const) {
            const chevron = $<HTMLElement & { iconName: string }>(facts, '[data-action="toggle-facts"] lightning-icon')!;
            expect(chevron.iconName).toBe(icon);
            // SLDS turns .slds-section__title-action-icon a quarter left while closed: a right chevron would point up.
            expect(chevron.classList.contains('slds-section__title-action-icon')).toBe(false);
            expect($(facts, '[data-action="toggle-facts"]')!.getAttribute('aria-expanded')).toBe(expanded);
        }
    });

    it('reports edits typed by field (a number, a cleared value as null), and keeps a half-typed number', async () => {
        const facts = await show({ open: true });
        const edits = jest.fn();
        facts.addEventListener('edit', (event) => edits((event as CustomEvent).detail));
        typeInto($<HTMLInputElement>(facts, 'input[data-fact="NumberOfEmployees"]')!, '1200');
        typeInto($<HTMLInputElement>(facts, 'input[data-fact="Title"]')!, '');
        pick($(facts, 'lightning-combobox[data-fact="Industry"]')!, '');
        // A browser reports '' with validity.valid false while a number is half typed ("1e", "-"): nothing is reported.
        const employees = $<HTMLInputElement>(facts, 'input[data-fact="NumberOfEmployees"]')!;
        Object.defineProperty(employees, 'validity', { value: { valid: false }, configurable: true });
        typeInto(employees, '');
        expect(edits.mock.calls.map((call) => call[0])).toEqual([
            { field: 'NumberOfEmployees', value: 1200 },
            { field: 'Title', value: null },
            { field: 'Industry', value: null }
        ]);
    });

    it("a picklist fact without the org's values is shown, not edited; locked and refused facts say so", async () => {
        const facts = await show({
            open: true,
            picklists: undefined,
            lockedFields: ['Title'],
            fieldErrors: { Email: ['Use a work email address.'] }
        });
        const industry = $(facts, 'lightning-combobox[data-fact="Industry"]') as HTMLElement & { disabled: boolean; options: unknown[] };
        expect(industry.disabled).toBe(true);
        expect(industry.options).toEqual([{ label: 'Technology', value: 'Technology' }]);
        expect($<HTMLInputElement>(facts, 'input[data-fact="Title"]')!.disabled).toBe(true);
        const email = $<HTMLInputElement>(facts, 'input[data-fact="Email"]')!;
        expect(email.getAttribute('aria-invalid')).toBe('true');
        expect(email.getAttribute('aria-describedby')!.split(' ')[0]).toBe($(facts, '[data-error-for="Email"]')!.id);
        await expect(facts).toBeAccessible();
    });
});
