/**
 * The formulon adapter: pinned to formulon 6.25.6 and to the behaviour the harness relies on. If an
 * upgrade changes any golden case, this test names it; the planted engines below show that it would.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ast, parse } from 'formulon';
import {
    createEngine,
    FORMULON_VERSION,
    formulonEngine,
    goldenMismatches,
    installedFormulonVersion,
    type FormulonLiteral
} from './engine.ts';

describe('formulon adapter', () => {
    it('runs on the pinned formulon version', () => {
        assert.equal(installedFormulonVersion(), FORMULON_VERSION);
    });

    it('the installed formulon answers every golden case as measured', () => {
        assert.deepEqual(goldenMismatches(formulonEngine()), []);
    });

    it('a formulon whose TRIM or REGEX changed fails the golden cases, naming them', () => {
        const fixedQuirks = createEngine(
            {
                ast,
                parse: (text, subs) => {
                    if (/^(trim|regex)\(/.test(text)) return { type: 'literal', dataType: 'text', value: 'changed', options: {} };
                    return parse(text, subs);
                }
            },
            FORMULON_VERSION
        );
        const mismatches = goldenMismatches(fixedQuirks);
        assert.equal(mismatches.length, 2, mismatches.join('\n'));
        assert.match(mismatches.join('\n'), /REGEX anchors/);
        assert.match(mismatches.join('\n'), /TRIM is JavaScript trim/);
    });

    it('a formulon whose substitutions round differently fails the golden cases', () => {
        const noRounding = createEngine(
            { ast, parse: (text, subs) => (text === 'p0' ? (subs?.p0 as FormulonLiteral) : parse(text, subs)) },
            FORMULON_VERSION
        );
        assert.ok(goldenMismatches(noRounding).some((m) => m.startsWith('substitution rounds to scale')));
    });

    it('refuses a formulon whose operator syntax trees it does not know', () => {
        assert.throws(() => createEngine({ ast: () => ({ type: 'error' }), parse }, '9.9.9'), /formulon 9\.9\.9: its syntax tree/);
    });

    it('passes numbers and texts through formulon unchanged (no rounding to scale, no cut to length)', () => {
        const e = formulonEngine();
        const n = (value: number, scale: number): FormulonLiteral => ({
            type: 'literal',
            dataType: 'number',
            value,
            options: { length: 3, scale }
        });
        for (const value of [0.1 + 0.2, 1e-7, 30.0000001157, -2.675, 123456.789012345]) {
            const sum = e.dispatch('add', [n(value, 0), n(0, 0)]) as FormulonLiteral;
            assert.equal(sum.value, value);
        }
        const t: FormulonLiteral = { type: 'literal', dataType: 'text', value: 'abcdef', options: { length: 1 } };
        assert.equal((e.dispatch('lower', [t]) as FormulonLiteral).value, 'abcdef');
    });
});
