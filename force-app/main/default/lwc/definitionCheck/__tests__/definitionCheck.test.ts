/**
 * validateDefinition as properties over generated values: a bar is accepted exactly when it lies in its score
 * range, a half-life exactly when it is above 0, and no input whatsoever makes the check throw.
 */
import fc from 'fast-check';
import { validateDefinition } from 'c/definitionCheck';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

const withChange = (change: (def: SqlDefinition) => void): SqlDefinition => {
    // jsdom has no structuredClone; the definition is plain data, so a JSON copy is exact.
    const def = JSON.parse(JSON.stringify(SQL_DEFINITION)) as SqlDefinition;
    change(def);
    return def;
};
const keysOf = (def: SqlDefinition): string[] => validateDefinition(def).map((p) => p.key);
const RUNS = { numRuns: 300, seed: 20260415 };

describe('validateDefinition', () => {
    it('accepts a bar exactly when it lies within its score range', () => {
        fc.assert(
            fc.property(
                fc.constantFrom('minFit' as const, 'minIntent' as const),
                // The edges of both ranges and their neighbours, whole numbers around them, then any number.
                fc.oneof(
                    fc.constantFrom(0, 100, -0.001, 100.001, 0.001, 99.999),
                    fc.integer({ min: -50, max: 150 }),
                    fc.double({ min: -1e6, max: 1e6, noNaN: true })
                ),
                (key, value) => {
                    const range = key === 'minFit' ? SQL_DEFINITION.fit.range : SQL_DEFINITION.intent.range;
                    const keys = keysOf(withChange((def) => (def.bar[key] = value)));
                    const inside = value >= range.min && value <= range.max;
                    expect(keys).toEqual(inside ? [] : [`bar.${key}`]);
                }
            ),
            RUNS
        );
    });

    it('refuses a BANT answer that informs a criterion no other framework has (planted typo)', () => {
        expect(keysOf(SQL_DEFINITION)).toEqual([]);
        const typo = withChange((def) => {
            const budget = def.frameworks[0]?.criteria.find((c) => c.key === 'Budget');
            if (budget) budget.informs = ['Economic_Buyer', 'Metric'];
        });
        expect(validateDefinition(typo)).toEqual([
            expect.objectContaining({
                key: 'frameworks[key=BANT].criteria[key=Budget].informs',
                message: expect.stringContaining('names "Metric", which no other framework has') as unknown
            })
        ]);
        const ownFramework = withChange((def) => {
            const need = def.frameworks[0]?.criteria.find((c) => c.key === 'Need');
            if (need) need.informs = ['Budget'];
        });
        expect(keysOf(ownFramework)).toEqual(['frameworks[key=BANT].criteria[key=Need].informs']);
    });

    it('accepts a half-life exactly when it is a number above 0', () => {
        fc.assert(
            fc.property(fc.oneof(fc.constantFrom(0, -0, 1e-9, -1e-9, Infinity, NaN), fc.double({ noNaN: false })), (days) => {
                const keys = keysOf(withChange((def) => (def.intent.halfLifeDays = days)));
                expect(keys).toEqual(Number.isFinite(days) && days > 0 ? [] : ['intent.halfLifeDays']);
            }),
            RUNS
        );
    });

    it('never throws, whatever it is given, and reports something for anything that is not a definition', () => {
        fc.assert(
            fc.property(fc.anything(), (junk) => {
                const problems = validateDefinition(junk as SqlDefinition);
                expect(problems.length).toBeGreaterThan(0);
                for (const p of problems) expect(typeof p.key === 'string' && p.message.length > 0).toBe(true);
            }),
            RUNS
        );
    });
});
