/**
 * The formulon adapter: pinned to formulon 6.25.6 and to the behaviour the harness relies on. If an
 * upgrade changes any golden case, this test names it; the planted engines below show that it would.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ast, parse } from 'formulon';
import {
    callKey,
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

    it('a formulon whose three-argument FIND counts from the text start fails the golden case the harness wraps', () => {
        const platformFind = createEngine(
            {
                ast,
                parse: (text, subs) => {
                    if (!/^find\(p0, p1, p2\)$/.test(text)) return parse(text, subs);
                    const [search, within, start] = ['p0', 'p1', 'p2'].map((k) => (subs?.[k] as FormulonLiteral).value) as [
                        string,
                        string,
                        number
                    ];
                    return { type: 'literal', dataType: 'number', value: within.indexOf(search, start - 1) + 1, options: {} };
                }
            },
            FORMULON_VERSION
        );
        const mismatches = goldenMismatches(platformFind);
        assert.deepEqual(mismatches, ['quirk: FIND counts from start_num: expected 3, got 5']);
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

    describe('the remembered results', () => {
        const lit = (dataType: string, value: unknown, options: Record<string, unknown> = {}): FormulonLiteral => ({
            type: 'literal',
            dataType,
            value,
            options
        });
        const long = 'x'.repeat(60);
        const list = ['BANT', 'MEDDIC'];
        /** Calls that formulon may answer differently: no two may share a key. */
        const distinct: Array<[string, FormulonLiteral[]]> = [
            ['add', [lit('text', 'a'), lit('text', 'bc')]],
            ['add', [lit('text', 'ab'), lit('text', 'c')]],
            ['add', [lit('text', 'a|text|b'), lit('text', '')]],
            ['add', [lit('text', 'a'), lit('text', 'text|b')]],
            ['add', [lit('number', 1), lit('number', 2)]],
            ['add', [lit('text', '1'), lit('number', 2)]],
            ['add', [lit('number', 1, { scale: 1 }), lit('number', 2)]],
            ['add', [lit('number', 0), lit('number', 2)]],
            ['add', [lit('number', -0), lit('number', 2)]],
            ['len', [lit('text', long)]],
            ['len', [lit('text', `${long}y`)]],
            ['len', [lit('text', `${long.slice(1)}y`)]],
            ['ispickval', [lit('picklist', 'BANT', { values: list }), lit('text', 'BANT')]],
            ['ispickval', [lit('picklist', 'BANT', { values: [...list, 'Other'] }), lit('text', 'BANT')]],
            ['ispickval', [lit('picklist', 'BANT', { values: ['BANT,MEDDIC'] }), lit('text', 'BANT')]],
            ['year', [lit('date', new Date(Date.UTC(2026, 0, 1)))]],
            ['year', [lit('date', new Date(Date.UTC(2027, 0, 1)))]],
            ['isblank', [lit('null', null)]],
            ['isblank', [lit('text', '')]],
            ['isblank', [lit('checkbox', false)]],
            ['isblank', [lit('checkbox', true)]]
        ];
        const collisions = (key: (id: string, args: FormulonLiteral[]) => string): string[] => {
            const seen = new Map<string, number>();
            const out: string[] = [];
            distinct.forEach(([id, args], i) => {
                const k = key(id, args);
                if (seen.has(k)) out.push(`call ${i} shares its key with call ${seen.get(k)}`);
                else seen.set(k, i);
            });
            return out;
        };

        it('gives different calls different keys, and the same call (equal contents) the same key', () => {
            assert.deepEqual(collisions(callKey), []);
            const [id, args] = distinct[12]!;
            assert.equal(callKey(id, args), callKey(id, structuredClone(args)));
            assert.equal(callKey('len', [lit('text', long)]), callKey('len', [lit('text', 'x'.repeat(60))]));
        });

        it('a key that drops argument boundaries, types or options is caught (planted fault)', () => {
            const naive = (id: string, args: FormulonLiteral[]): string => `${id}(${args.map((a) => String(a.value)).join('')})`;
            assert.ok(collisions(naive).length >= 4, collisions(naive).join('\n'));
        });

        it('asks formulon once per call, and keeps calls in use when the memory turns over', () => {
            const parsed = new Map<string, number>();
            const counting = createEngine(
                {
                    ast,
                    parse: (text, subs) => {
                        const key = `${text} ${JSON.stringify(subs)}`;
                        parsed.set(key, (parsed.get(key) ?? 0) + 1);
                        return parse(text, subs);
                    }
                },
                FORMULON_VERSION,
                100
            );
            const hot = lit('text', 'VP Sales');
            assert.equal((counting.dispatch('lower', [hot]) as FormulonLiteral).value, 'vp sales');
            for (let i = 0; i < 1_000; i++) {
                counting.dispatch('len', [lit('text', `lead ${i}`)]);
                if (i % 50 === 0) assert.equal((counting.dispatch('lower', [hot]) as FormulonLiteral).value, 'vp sales');
            }
            const hotParses = [...parsed].filter(([key]) => key.startsWith('lower(')).map(([, n]) => n);
            assert.deepEqual(hotParses, [1], 'the call made every 50 calls is parsed once over 10 turnovers');
            assert.ok(
                [...parsed.values()].every((n) => n === 1),
                'no call is parsed twice while it is in use'
            );
        });
    });
});
