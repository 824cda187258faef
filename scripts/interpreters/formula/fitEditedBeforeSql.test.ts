/**
 * Fit_Edited_Before_SQL__c (the generated formula the dashboard filters on) and c/leadScoring fitEditedBeforeSql (what
 * the review queue and the record card show) read one rule: the owner's fit edit at most `fitEdits.windowHours`
 * before SQL_At__c. The deployed formula runs through the formula harness against the TypeScript for random stamps
 * and for the boundaries; a planted window that differs from the formula's is caught.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fitEditedBeforeSql } from 'c/leadScoring';
import { FIELDS, SQL_DEFINITION } from 'c/sqlDefinition';
import { computeFormulaFields, isFormulaError, loadLeadMetadata, type LeadValues } from './harness.ts';

const meta = loadLeadMetadata();
const HOUR = 3_600_000;
const SQL_AT = Date.parse('2026-05-04T09:00:00.000Z');
const WINDOW_HOURS = SQL_DEFINITION.fitEdits.windowHours;

/** The formula field's value for a lead with these stamps (null: blank). */
function formulaFlag(lead: LeadValues): boolean {
    const value = computeFormulaFields(
        lead,
        { now: new Date(SQL_AT + 100 * HOUR), isNew: false, prior: null, permissions: new Set() },
        meta
    )[FIELDS.fitEditedBeforeSql];
    assert.ok(!isFormulaError(value), JSON.stringify(value));
    return value === true;
}

const lead = (sqlAt: number | null, editedAt: number | null): LeadValues => ({
    Id: '00Q1',
    [FIELDS.sqlAt]: sqlAt === null ? null : new Date(sqlAt).toISOString(),
    [FIELDS.fitEditedByOwnerAt]: editedAt === null ? null : new Date(editedAt).toISOString()
});

describe('Fit_Edited_Before_SQL__c agrees with fitEditedBeforeSql', () => {
    it('the formula field is generated', () => {
        assert.ok(meta.formulaFields.some((f) => f.name === FIELDS.fitEditedBeforeSql));
    });

    it('at the boundaries: in the qualifying save, exactly the window before, a second more, after SQL, blanks', () => {
        const cases: Array<[string, number | null, number | null, boolean]> = [
            ['edit in the qualifying save', SQL_AT, SQL_AT, true],
            ['exactly the window before', SQL_AT, SQL_AT - WINDOW_HOURS * HOUR, true],
            ['a second more than the window', SQL_AT, SQL_AT - WINDOW_HOURS * HOUR - 1000, false],
            ['an edit after SQL (a later stamp cannot be; read as no flag)', SQL_AT, SQL_AT + 1000, false],
            ['not SQL', null, SQL_AT, false],
            ['never edited', SQL_AT, null, false]
        ];
        for (const [name, sqlAt, editedAt, flagged] of cases) {
            const record = lead(sqlAt, editedAt);
            assert.equal(fitEditedBeforeSql(record) !== null, flagged, `TypeScript: ${name}`);
            assert.equal(formulaFlag(record), flagged, `formula: ${name}`);
        }
    });

    it('for random stamps, to the second, within two windows of SQL', () => {
        fc.assert(
            fc.property(
                fc.option(fc.integer({ min: -2 * WINDOW_HOURS * 3600, max: 3600 }), { nil: null }),
                fc.boolean(),
                (offsetSeconds, isSql) => {
                    const record = lead(isSql ? SQL_AT : null, offsetSeconds === null ? null : SQL_AT + offsetSeconds * 1000);
                    assert.equal(formulaFlag(record), fitEditedBeforeSql(record) !== null, JSON.stringify(record));
                }
            ),
            { numRuns: 300 }
        );
    });

    it('planted: a TypeScript window that differs from the formula is caught', () => {
        const halfWindow = { ...SQL_DEFINITION, fitEdits: { windowHours: WINDOW_HOURS / 2 } };
        const record = lead(SQL_AT, SQL_AT - 0.75 * WINDOW_HOURS * HOUR);
        assert.notEqual(fitEditedBeforeSql(record, halfWindow) !== null, formulaFlag(record));
    });
});
