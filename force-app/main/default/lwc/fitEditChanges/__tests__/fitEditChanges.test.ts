import FitEditChanges from 'c/fitEditChanges';
import { FIT_EDIT_LOG, fitEditsText } from 'c/leadScoring';
import { flushPromises, mount, resetDom, $, $$, visibleText } from '../../../../../../jest/testUtils';

async function show(log: string | null): Promise<HTMLElement> {
    const el = mount('c-fit-edit-changes', FitEditChanges, { log });
    await flushPromises();
    return el;
}

const cells = (row: Element): string[] => Array.from(row.querySelectorAll('th, td')).map((c) => visibleText(c));

describe('c-fit-edit-changes', () => {
    afterEach(resetDom);

    it('shows one row per changed field, newest first, with the value before and after under column headers', async () => {
        const el = await show('Title: Manager -> VP Sales; Employees: 40 -> 900');
        const table = $(el, 'table[data-id="fit-edits"]')!;
        expect(visibleText(table.querySelector('caption')!)).toBe('What the rep changed');
        expect(Array.from(table.querySelectorAll('thead th')).map((th) => [visibleText(th), th.getAttribute('scope')])).toEqual([
            ['Field', 'col'],
            ['Before', 'col'],
            ['After', 'col']
        ]);
        const rows = $$(el, 'tbody tr');
        expect(rows.map(cells)).toEqual([
            ['Title', 'Manager', 'VP Sales'],
            ['Employees', '40', '900']
        ]);
        expect(rows[0]!.querySelector('th')?.getAttribute('scope')).toBe('row');
        expect($(el, '[data-id="fit-edits-truncated"]')).toBeNull();
        await expect(el).toBeAccessible();
    });

    it('names a blank value instead of leaving an empty cell', async () => {
        const el = await show('Country:  -> US');
        expect(cells($$(el, 'tbody tr')[0]!)).toEqual(['Country', '(blank)', 'US']);
        await expect(el).toBeAccessible();
    });

    it('says when older changes were cut off', async () => {
        const log = fitEditsText([
            { label: 'Title', before: 'Analyst', after: 'VP Sales' },
            { label: 'Email', before: 'a'.repeat(120), after: 'b'.repeat(120) }
        ]);
        expect(log).toHaveLength(FIT_EDIT_LOG.maxLength);
        const el = await show(log);
        expect($$(el, 'tbody tr')).toHaveLength(2);
        expect(visibleText($(el, '[data-id="fit-edits-truncated"]')!)).toContain('the field history holds them');
        await expect(el).toBeAccessible();
    });

    it('says the values were not recorded when the log is blank (an edit from before the log existed)', async () => {
        const el = await show(null);
        expect($(el, 'table')).toBeNull();
        expect(visibleText($(el, '[data-id="fit-edits-not-logged"]')!)).toContain('were not recorded');
        await expect(el).toBeAccessible();
    });
});
