import { fitEditedBeforeSql } from 'c/leadScoring';
import { FIELDS, SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

const SQL_AT = '2026-05-04T12:00:00.000Z';
const hoursBefore = (h: number): string => new Date(Date.parse(SQL_AT) - h * 3_600_000).toISOString();
const lead = (editedAt: string | null, sqlAt: string | null = SQL_AT) => ({
    [FIELDS.sqlAt]: sqlAt,
    [FIELDS.fitEditedByOwnerAt]: editedAt
});

describe('fitEditedBeforeSql', () => {
    it('flags an SQL whose owner edited a fit fact within the window before qualifying', () => {
        expect(fitEditedBeforeSql(lead(hoursBefore(3)))).toEqual({ editedAt: hoursBefore(3), hoursBeforeSql: 3 });
        expect(fitEditedBeforeSql(lead(SQL_AT))).toEqual({ editedAt: SQL_AT, hoursBeforeSql: 0 });
    });

    it('uses the definition’s window, inclusive', () => {
        const window = SQL_DEFINITION.fitEdits.windowHours;
        expect(fitEditedBeforeSql(lead(hoursBefore(window)))).not.toBeNull();
        expect(fitEditedBeforeSql(lead(hoursBefore(window + 0.01)))).toBeNull();
        const wide: SqlDefinition = { ...SQL_DEFINITION, fitEdits: { windowHours: 72 } };
        expect(fitEditedBeforeSql(lead(hoursBefore(48)), wide)).not.toBeNull();
        expect(fitEditedBeforeSql(lead(hoursBefore(48)))).toBeNull();
    });

    it('does not flag a lead that is not SQL, was never edited, or whose stamp is unreadable', () => {
        expect(fitEditedBeforeSql(lead(hoursBefore(1), null))).toBeNull();
        expect(fitEditedBeforeSql(lead(null))).toBeNull();
        expect(fitEditedBeforeSql(lead('not a date'))).toBeNull();
        expect(fitEditedBeforeSql(lead('2026-05-04T13:00:00.000Z'))).toBeNull();
    });
});
