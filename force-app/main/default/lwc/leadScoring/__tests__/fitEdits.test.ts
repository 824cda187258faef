import { FIT_EDIT_LOG, fitEditsText, fitEditValue, readFitEdits } from 'c/leadScoring';

describe('readFitEdits', () => {
    it('reads each entry into its label, before and after value, newest first', () => {
        expect(readFitEdits('Title: Manager -> VP Sales; Industry: Retail -> Technology')).toEqual({
            rows: [
                { label: 'Title', before: 'Manager', after: 'VP Sales' },
                { label: 'Industry', before: 'Retail', after: 'Technology' }
            ],
            truncated: false
        });
    });

    it('reads a blank value as an empty text, and a value holding ": " whole', () => {
        expect(readFitEdits('Country:  -> US; Title: Head: Sales -> ').rows).toEqual([
            { label: 'Country', before: '', after: 'US' },
            { label: 'Title', before: 'Head: Sales', after: '' }
        ]);
    });

    it('reads nothing from a blank or non-text value', () => {
        for (const empty of [null, undefined, '', '  ', 42, {}]) expect(readFitEdits(empty)).toEqual({ rows: [], truncated: false });
    });

    it('leaves out the cut-off end of a full log and says it was cut', () => {
        const head = 'Title: Analyst -> VP Sales; Email: a@corp.example -> b@corp.example; ';
        const log = `${head}${'Country: '.padEnd(FIT_EDIT_LOG.maxLength - head.length - 1, 'x')}${FIT_EDIT_LOG.ellipsis}`;
        expect(log).toHaveLength(FIT_EDIT_LOG.maxLength);
        const read = readFitEdits(log);
        expect(read.truncated).toBe(true);
        expect(read.rows.map((r) => r.label)).toEqual(['Title', 'Email']);
        // A short log whose value happens to end with an ellipsis is not cut.
        expect(readFitEdits(`Title: A -> Wait${FIT_EDIT_LOG.ellipsis}`).truncated).toBe(false);
    });
});

describe('fitEditsText', () => {
    it('writes what readFitEdits reads back', () => {
        const rows = [
            { label: 'Title', before: 'Manager', after: 'VP Sales' },
            { label: 'Employees', before: '', after: '900' }
        ];
        expect(fitEditsText(rows)).toBe('Title: Manager -> VP Sales; Employees:  -> 900');
        expect(readFitEdits(fitEditsText(rows)).rows).toEqual(rows);
    });

    it('writes ";" as "," and "->" as "→" so a value cannot forge an entry, and cuts at the field length', () => {
        expect(fitEditValue('VP; Industry: A -> B')).toBe('VP, Industry: A \u2192 B');
        expect(fitEditValue(null)).toBe('');
        expect(fitEditValue(900)).toBe('900');
        const long = fitEditsText([{ label: 'Title', before: 'a'.repeat(200), after: 'b'.repeat(200) }]);
        expect(long).toHaveLength(FIT_EDIT_LOG.maxLength);
        expect(long.endsWith(FIT_EDIT_LOG.ellipsis)).toBe(true);
        // An entry cut after its arrow still reads, its after value ending in the ellipsis.
        expect(readFitEdits(long)).toEqual({
            rows: [{ label: 'Title', before: 'a'.repeat(200), after: `${'b'.repeat(43)}${FIT_EDIT_LOG.ellipsis}` }],
            truncated: true
        });
    });
});
