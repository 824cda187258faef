/**
 * The harness itself: every formulon quirk it wraps, proved with hand-written formulas against the
 * project's standard Lead fields and a small fixture tree (scripts/interpreters/formula/__fixtures__/harness).
 * The generated formulas are tested in generatedRules.test.ts and parity.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formulonEngine } from './engine.ts';
import {
    computeFormulaFields,
    evaluateFlowFormula,
    evaluateFormula,
    flowExpressionToFormula,
    flowFormulaStamps,
    formulaReferences,
    isFormulaError,
    loadLeadMetadata,
    parseCacheStats,
    platformTrim,
    runValidationRules,
    type FormulaContext,
    type FormulaError
} from './harness.ts';

const FIXTURE = join(import.meta.dirname, '__fixtures__', 'harness');
const fixture = loadLeadMetadata(FIXTURE);
const project = loadLeadMetadata();

const NOW = new Date('2001-02-03T04:05:06.000Z');
const update = (prior: Record<string, unknown>, permissions: string[] = []): FormulaContext => ({
    now: NOW,
    isNew: false,
    prior,
    permissions: new Set(permissions)
});
const insert = (permissions: string[] = []): FormulaContext => ({ now: NOW, isNew: true, prior: null, permissions: new Set(permissions) });
const evalIn = (formula: string, record: Record<string, unknown> = {}, ctx: FormulaContext = insert()): unknown =>
    evaluateFormula(formula, record, ctx, fixture);
const errorOf = (value: unknown): FormulaError => {
    assert.ok(isFormulaError(value), `expected a FormulaError, got ${JSON.stringify(value)}`);
    return value;
};

describe('loadLeadMetadata', () => {
    it('reads field types, sizes, picklist values, help text and blank handling from the XML', () => {
        assert.deepEqual(fixture.problems, []);
        const deal = fixture.field('deal_size__c');
        assert.ok(deal);
        assert.equal(deal.name, 'Deal_Size__c');
        assert.deepEqual([deal.metadataType, deal.dataType, deal.precision, deal.scale], ['Currency', 'number', 16, 2]);
        assert.equal(deal.inlineHelpText, 'Expected deal size & currency <EUR>.');
        assert.equal(deal.description, 'Fixture: a currency field with two decimals.');
        const color = fixture.field('Stage_Color__c');
        assert.deepEqual([color?.dataType, color?.picklistValues, color?.restrictedPicklist], ['picklist', ['Red', 'Green'], true]);
        assert.deepEqual(
            [fixture.field('Deal_Plus_One_Zero__c')?.formula, fixture.field('Deal_Plus_One_Zero__c')?.formulaTreatBlanksAs],
            ['deal_size__c + 1', 'BlankAsZero']
        );
        assert.equal(fixture.field('Big_Deal__c')?.formula, 'Deal_Plus_One_Zero__c > 1000');
        assert.equal(fixture.field('Big_Deal__c')?.formulaTreatBlanksAs, 'BlankAsZero', 'the Metadata API default when omitted');
        assert.equal(fixture.field('Title')?.length, 128, 'standard fields come from standardLeadFields.ts');
    });

    it('reads validation rules and the formulas a Lead flow assigns to fields', () => {
        const rule = fixture.validationRules.find((r) => r.name === 'Red_Needs_Deal_Size');
        assert.ok(rule);
        assert.deepEqual(
            [rule.active, rule.errorDisplayField, rule.errorMessage],
            [true, 'Deal_Size__c', 'A red lead needs a deal size > 0.']
        );
        assert.match(rule.formula, /^AND\(/);
        assert.equal(fixture.validationRules.find((r) => r.name === 'Inactive_Rule')?.active, false);
        const stamp = fixture.flowFormulas.find((f) => f.name === 'Win_Rate_Formula');
        assert.deepEqual(
            [stamp?.flow, stamp?.flowDataType, stamp?.scale, stamp?.assignsTo],
            ['Fixture_Lead_Stamps', 'Number', 1, ['Win_Rate__c']]
        );
        assert.deepEqual(fixture.flowFormulas.find((f) => f.name === 'Seen_Recently')?.assignsTo, []);
    });

    it('names malformed or unsupported files instead of throwing', () => {
        const broken = loadLeadMetadata(join(import.meta.dirname, '__fixtures__', 'broken'));
        assert.equal(broken.problems.length, 2);
        assert.ok(broken.problems.some((p) => p.includes('Unclosed__c') && p.includes('malformed XML')));
        assert.ok(broken.problems.some((p) => p.includes('Odd_Type__c') && p.includes('Location')));
        assert.equal(broken.field('Unclosed__c'), null);
    });

    it('reads the project metadata without problems', () => {
        assert.deepEqual(project.problems, []);
        assert.ok(project.field('Qualification_Framework__c'), 'generated Lead fields are present');
    });
});

describe('frozen clock', () => {
    it('NOW(), TODAY() and TIMENOW() return ctx.now, where formulon reads the real clock', () => {
        const real = formulonEngine().publicParse('NOW()') as { value: Date };
        assert.ok(Math.abs(real.value.getTime() - Date.now()) < 60_000, 'formulon alone answers with the real clock');
        assert.equal(evalIn('NOW()'), '2001-02-03T04:05:06.000Z');
        assert.equal(evalIn('TODAY()'), '2001-02-03');
        assert.equal(evalIn('NOW() - DATETIMEVALUE("2001-02-01 04:05:06")'), 2);
        assert.equal(evalIn('TIMENOW()'), '04:05:06.000Z');
    });

    it('formula fields read the frozen clock too', () => {
        const values = computeFormulaFields({ Seen_At__c: '2001-02-02T16:05:06.000Z' }, insert(), fixture);
        assert.equal(values.Hours_Since_Seen__c, 12);
    });
});

describe('lazy IF and CASE', () => {
    const blankIf = 'IF(ISBLANK(Seen_At__c), 0, NOW() - Seen_At__c)';

    it('evaluates only the chosen branch: a blank date-time in the other branch is fine', () => {
        const eager = formulonEngine().publicParse(blankIf, {
            Seen_At__c: { type: 'literal', dataType: 'null', value: null, options: {} }
        });
        assert.equal(eager.type, 'error', 'formulon alone fails on the branch it does not take');
        assert.equal(evalIn(blankIf, { Seen_At__c: null }), 0);
        assert.equal(evalIn(blankIf, { Seen_At__c: '2001-02-02T04:05:06.000Z' }), 1);
        // A runtime error (not a blank) in the untaken branch: formulon fails eagerly, the harness does not.
        assert.equal(evalIn('IF(ISBLANK(Seen_At__c), 7, DATEVALUE("not a date"))'), 7);
        assert.equal(evalIn('CASE(Stage_Color__c, "Red", 1, "Green", DATEVALUE("x") - DATEVALUE("x"), 0)', { Stage_Color__c: 'Red' }), 1);
        assert.equal(evalIn('CASE(Stage_Color__c, "Red", 1, "Green", 2, 0)', { Stage_Color__c: 'Green' }), 2);
        assert.equal(evalIn('CASE(Stage_Color__c, "Red", 1, "Green", 2, 0)', {}), 0);
    });

    it('still reports structural errors in an untaken branch, as the platform rejects such a formula', () => {
        assert.equal(errorOf(evalIn('IF(TRUE, 1, Missing__c)')).type, 'ReferenceError');
        assert.equal(errorOf(evalIn('IF(TRUE, 1, VLOOKUP(1, 2, 3))')).type, 'NoFunctionError');
        assert.equal(errorOf(evalIn('IF(FALSE, LEN("a", "b"), 1)')).type, 'ArgumentError');
    });
});

describe('blank values', () => {
    it('passes blank picklists as "" so TEXT() is "" and ISBLANK(TEXT()) is true', () => {
        const p = { type: 'literal', dataType: 'picklist', value: null, options: { values: [] } };
        assert.deepEqual((formulonEngine().publicParse('TEXT(p)', { p }) as { value: unknown }).value, 'NULL', 'the formulon quirk');
        for (const blank of [null, undefined, '']) {
            assert.equal(evalIn('TEXT(Stage_Color__c)', { Stage_Color__c: blank }), '');
            assert.equal(evalIn('ISBLANK(TEXT(Stage_Color__c))', { Stage_Color__c: blank }), true);
            assert.equal(evalIn('ISPICKVAL(Stage_Color__c, "Red")', { Stage_Color__c: blank }), false);
        }
    });

    it('passes blank text as "" so LEN, TRIM and LOWER work on missing, null and empty values alike', () => {
        for (const record of [{}, { Title: null }, { Title: '' }]) {
            assert.equal(evalIn('LEN(TRIM(Title))', record), 0);
            assert.equal(evalIn('LOWER(Title)', record), '');
            assert.equal(evalIn('ISBLANK(Title)', record), true);
        }
    });

    it('propagates blank through arithmetic and comparisons (validation rules treat blanks as blanks)', () => {
        assert.equal(evalIn('NumberOfEmployees + 1'), null);
        assert.equal(evalIn('NumberOfEmployees >= 0'), null, 'formulon alone says true: JavaScript null >= 0');
        assert.equal(evalIn('MAX(0, NumberOfEmployees)'), null);
        assert.equal(evalIn('BLANKVALUE(NumberOfEmployees, 0) >= 0'), true);
        assert.equal(evalIn('"a" & Title & "b"'), 'ab');
    });

    it('uses three-valued AND/OR/NOT: false wins over blank in AND, true in OR', () => {
        assert.equal(evalIn('AND(NumberOfEmployees > 5, FALSE)'), false);
        assert.equal(evalIn('AND(FALSE, NumberOfEmployees > 5)'), false);
        assert.equal(evalIn('AND(NumberOfEmployees > 5, TRUE)'), null);
        assert.equal(evalIn('OR(NumberOfEmployees > 5, TRUE)'), true);
        assert.equal(evalIn('OR(NumberOfEmployees > 5, FALSE)'), null);
        assert.equal(evalIn('NOT(NumberOfEmployees > 5)'), null);
        assert.equal(evalIn('AND(DATEVALUE("x") > TODAY(), FALSE)'), false, 'a runtime error does not outweigh a deciding FALSE');
    });

    it('applies each formula field its own formulaTreatBlanksAs', () => {
        const blank = computeFormulaFields({}, insert(), fixture);
        assert.equal(blank.Deal_Plus_One_Zero__c, 1);
        assert.equal(blank.Deal_Plus_One_Blank__c, null);
        const filled = computeFormulaFields({ Deal_Size__c: 999.5 }, insert(), fixture);
        assert.deepEqual([filled.Deal_Plus_One_Zero__c, filled.Deal_Plus_One_Blank__c, filled.Big_Deal__c], [1000.5, 1000.5, true]);
        assert.equal(computeFormulaFields({}, insert(), fixture).Big_Deal__c, false, 'a blank checkbox formula is unchecked');
    });
});

describe('names, numbers and permissions', () => {
    it('resolves field names case-insensitively, in the formula and in the record', () => {
        assert.equal(evalIn('LOWER(title) & TITLE', { Title: 'Vp' }), 'vpVp');
        assert.equal(evalIn('Title', { TITLE: 'CEO' }), 'CEO');
        assert.deepEqual(formulaReferences('AND(title > "", $Permission.X)'), ['title', '$Permission.X']);
    });

    it('passes currency and percent as numbers rounded to the field scale', () => {
        assert.equal(evalIn('Deal_Size__c * 2', { Deal_Size__c: 10.005 }), 20.02);
        assert.equal(evalIn('Deal_Size__c', { Deal_Size__c: '12.5' }), 12.5);
        assert.equal(evalIn('Win_Rate__c / 10', { Win_Rate__c: 33.35 }), 3.34);
        assert.equal(evalIn('NumberOfEmployees', { NumberOfEmployees: 499.5 }), 500, 'an integer field stores whole numbers');
        assert.equal(evalIn('Deal_Size__c * -1', { Deal_Size__c: 0.125 }), -0.13);
    });

    it('reads $Permission.X from ctx.permissions, case-insensitively', () => {
        assert.equal(evalIn('$Permission.Fixture_Bypass', {}, insert(['fixture_bypass'])), true);
        assert.equal(evalIn('$Permission.Fixture_Bypass', {}, insert(['Other'])), false);
        assert.equal(evalIn('$User.Id', {}, { ...insert(), userId: '005000000000001AAA' }), '005000000000001AAA');
    });

    it('keeps text longer than the field length whole (formulon would cut it)', () => {
        const long = 'x'.repeat(300);
        assert.equal(evalIn('LEN(Title)', { Title: long }), 300);
    });
});

describe('ISNEW, ISCHANGED and PRIORVALUE from the context', () => {
    it('on insert: ISNEW is true, ISCHANGED false, PRIORVALUE the current value', () => {
        assert.equal(evalIn('ISNEW()'), true);
        assert.equal(evalIn('ISCHANGED(Stage_Color__c)', { Stage_Color__c: 'Red' }), false);
        assert.equal(evalIn('TEXT(PRIORVALUE(Stage_Color__c))', { Stage_Color__c: 'Red' }), 'Red');
    });

    it('on update: compares with ctx.prior by value and type', () => {
        const ctx = update({ Stage_Color__c: 'Red', Title: null, Seen_At__c: '2001-01-01T00:00:00.000Z', Deal_Size__c: 5 });
        assert.equal(evalIn('ISNEW()', {}, ctx), false);
        assert.equal(evalIn('ISCHANGED(Stage_Color__c)', { Stage_Color__c: 'Green' }, ctx), true);
        assert.equal(evalIn('ISCHANGED(stage_color__c)', { Stage_Color__c: 'Red' }, ctx), false);
        assert.equal(evalIn('ISCHANGED(Title)', { Title: 'CEO' }, ctx), true, 'blank to a value is a change');
        assert.equal(evalIn('ISCHANGED(Title)', { Title: '' }, ctx), false, 'null and "" are the same blank');
        assert.equal(evalIn('ISCHANGED(Seen_At__c)', { Seen_At__c: '2001-01-01T00:00:00Z' }, ctx), false, 'same instant, other spelling');
        assert.equal(evalIn('ISCHANGED(Deal_Size__c)', { Deal_Size__c: 5.001 }, ctx), false, 'compared at the stored scale');
        assert.equal(evalIn('ISPICKVAL(PRIORVALUE(Stage_Color__c), "Red")', { Stage_Color__c: 'Green' }, ctx), true);
    });

    it('refuses them in formula fields, and asks for ctx.prior on an update', () => {
        assert.equal(errorOf(evaluateFormula('ISNEW()', {}, insert(), fixture, { mode: 'formulaField' })).type, 'NoFunctionError');
        assert.equal(errorOf(evalIn('ISCHANGED(Title)', {}, { ...update({}), prior: null })).type, 'InputError');
        assert.equal(errorOf(evalIn('ISCHANGED("x")')).type, 'ArgumentError');
    });
});

describe('formulon function quirks', () => {
    it('REGEX matches the whole text against the whole pattern', () => {
        assert.equal(evalIn('REGEX("ab", "a|b")'), false, 'formulon alone anchors as ^a|b$ and says true');
        assert.equal(evalIn('REGEX("b", "a|b")'), true);
        assert.equal(errorOf(evalIn('REGEX("b", "(")')).type, 'ArgumentError'); // Java's dialect, through the platform's backslash escapes in text (javaRegex.test.ts has the full table).
        assert.equal(evalIn('REGEX(Title, "\\\\p{L}+")', { Title: '日本語' }), true);
        assert.equal(evalIn('REGEX(Title, "\\\\p{Alpha}+")', { Title: 'é' }), false, 'POSIX Alpha is US-ASCII in Java');
        assert.equal(evalIn('REGEX(Title, "[a-z&&[^e]]+")', { Title: 'abe' }), false);
        assert.equal(evalIn('REGEX(Title, "a*+a")', { Title: 'aaa' }), false, 'possessive');
        assert.match(errorOf(evalIn('REGEX(Title, "\\\\bx")', { Title: 'x' })).message, /boundary/);
        assert.equal(errorOf(evalIn('REGEX(Title, "\\p")', { Title: 'x' })).type, 'SyntaxError', 'an unknown text escape');
    });

    it('TRIM removes characters up to U+0020 (spaces, tabs, newlines) and nothing else', () => {
        assert.equal(evalIn('TRIM(Title)', { Title: ' \t\n a b \r\u0001' }), 'a b');
        assert.equal(evalIn('LEN(TRIM(Title))', { Title: '\u00a0x\u00a0' }), 3);
        assert.equal(platformTrim('\u0000 x \u001f'), 'x');
    });

    /**
     * The platform's FIND (Salesforce Help, "FIND"): the position of search_text in the whole text, 1 for its first
     * character; start_num defaults to 1; 0 when nothing is found, when the text is blank, when start_num is 0 or less
     * and when it is past the text's length.
     */
    const FIND_CASES: Array<[string, Record<string, unknown>, unknown]> = [
        ['FIND("b", Title, 3)', { Title: 'abcabc' }, 5],
        ['FIND("b", Title, 2)', { Title: 'abcabc' }, 2],
        ['FIND("abc", Title, 2)', { Title: 'abcabc' }, 4],
        ['FIND("c", Title, 6)', { Title: 'abcabc' }, 6],
        ['FIND("b", Title)', { Title: 'abcabc' }, 2],
        ['FIND("b", Title, 1)', { Title: 'abcabc' }, 2],
        ['FIND("B", Title, 1)', { Title: 'abcabc' }, 0],
        ['FIND("a", Title, 5)', { Title: 'abcabc' }, 0],
        ['FIND("b", Title, 0)', { Title: 'abcabc' }, 0],
        ['FIND("b", Title, -2)', { Title: 'abcabc' }, 0],
        ['FIND("b", Title, 7)', { Title: 'abcabc' }, 0],
        ['FIND("b", Title, 2)', { Title: null }, 0],
        ['MID(Title, FIND(" ", Title, 6) + 1, 5)', { Title: 'Head of Sales, EMEA' }, 'Sales']
    ];
    const findMismatches = (evaluate: typeof evaluateFormula): string[] =>
        FIND_CASES.flatMap(([formula, record, expected]) => {
            const got = evaluate(formula, record, insert(), fixture);
            return got === expected
                ? []
                : [`${formula} on ${JSON.stringify(record)}: expected ${String(expected)}, got ${JSON.stringify(got)}`];
        });

    it("FIND with a start position answers the platform's position in the whole text", () => {
        assert.deepEqual(findMismatches(evaluateFormula), []);
    });

    it("catches a harness that passes formulon's FIND through (planted fault)", async () => {
        const source = readFileSync(join(import.meta.dirname, 'harness.ts'), 'utf8');
        assert.ok(source.includes("case 'find': {"), "the planted fault no longer applies: harness.ts has no case 'find'");
        const file = join(import.meta.dirname, `.harness.planted-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
        writeFileSync(file, source.replace("case 'find': {", "case 'find-unwrapped': {"));
        let planted: typeof import('./harness.ts');
        try {
            planted = (await import(file)) as typeof import('./harness.ts');
        } finally {
            rmSync(file, { force: true });
        }
        const found = findMismatches(planted.evaluateFormula);
        assert.ok(
            found.some((m) => m.startsWith('FIND("b", Title, 3)')),
            found.join('\n') || 'no mismatch'
        );
        assert.ok(
            found.some((m) => m.startsWith('MID(')),
            found.join('\n')
        );
    });

    it('turns division by zero and LN(0) into errors the platform shows as #Error!', () => {
        assert.equal(errorOf(evalIn('1 / 0')).type, 'ArithmeticError');
        assert.equal(errorOf(evalIn('LN(0)')).type, 'ArithmeticError');
    });

    it('accepts comments, and reports syntax errors with a position', () => {
        assert.equal(evalIn('/* lead */ 1 + /* two */ 2'), 3);
        // formulon's public API gives no position; the harness points at the parenthesis never closed
        // (it used formulon's internal parser before, which pointed at the end of the text: line 2, column 8).
        const error = errorOf(evalIn('AND(TRUE,\n  FALSE'));
        assert.equal(error.type, 'SyntaxError');
        assert.deepEqual([error.location?.line, error.location?.column], [1, 4]);
        assert.deepEqual(errorOf(evalIn('1 +\n 2)')).location?.line, 2, 'a closing parenthesis with no opening one');
        assert.deepEqual(errorOf(evalIn('LEN("abc)')).location?.column, 5, 'a text never closed');
        assert.equal(errorOf(evalIn('"unclosed')).type, 'SyntaxError');
        assert.equal(errorOf(evalIn('-LN(2)')).type, 'SyntaxError', 'a documented formulon limitation');
    });

    it('names functions formulon lacks', () => {
        assert.equal(errorOf(evalIn('ISNUMBER("1")')).type, 'NotImplementedError');
        assert.equal(errorOf(evalIn('INITCAP("a")')).type, 'NoFunctionError');
    });
});

describe('agrees with formulon where no quirk applies', () => {
    // Substitutions as formulon takes them, for the same values the harness reads from the record.
    const record = { Title: '  Head of Sales ', NumberOfEmployees: 750, Industry: 'Technology', Seen_At__c: '2001-01-30T04:05:06.000Z' };
    const subs = {
        Title: { type: 'literal', dataType: 'text', value: '  Head of Sales ', options: { length: 128 } },
        NumberOfEmployees: { type: 'literal', dataType: 'number', value: 750, options: { length: 18, scale: 0 } },
        Industry: { type: 'literal', dataType: 'picklist', value: 'Technology', options: { values: [] } },
        Seen_At__c: { type: 'literal', dataType: 'datetime', value: new Date('2001-01-30T04:05:06.000Z'), options: {} }
    };
    for (const formula of [
        'IF(NumberOfEmployees >= 500, 15, 0) + IF(ISPICKVAL(Industry, "Technology"), 20, 0)',
        'CONTAINS(":vp:head of sales:", ":" & LOWER(TRIM(Title)) & ":")',
        'ROUND(40 * EXP((LN(0.5) * MAX(0, DATETIMEVALUE("2001-02-03 04:05:06") - Seen_At__c)) / 30), 2)',
        'CASE(TEXT(Industry), "Technology", 1, "Healthcare", 2, 0) * 10 - LEN(Title)',
        'AND(NOT(ISBLANK(Title)), OR(NumberOfEmployees < 100, BEGINS(UPPER(Title), "  HEAD")))',
        'MIN(100, MAX(0, FLOOR(NumberOfEmployees / 7)))'
    ]) {
        it(formula, () => {
            const expected = formulonEngine().publicParse(formula, subs) as { type: string; value: unknown };
            assert.equal(expected.type, 'literal');
            assert.deepEqual(evalIn(formula, record), expected.value);
        });
    }
});

describe('flow formulas', () => {
    it('translates merge fields outside text literals', () => {
        assert.equal(
            flowExpressionToFormula('IF({!$Record.Title} = "{!$Record.Title}", {!$Flow.CurrentDateTime}, {!$Record__Prior.Seen_At__c})'),
            'IF(Title = "{!$Record.Title}", NOW(), PRIORVALUE(Seen_At__c))'
        );
    });

    it('evaluates flow formulas and the field stamps a before-save flow assigns', () => {
        assert.equal(evaluateFlowFormula('Win_Rate_Formula', { Stage_Color__c: 'Green', Title: 'xo' }, insert(), fixture), 13.3);
        assert.equal(evaluateFlowFormula('Seen_Recently', { Seen_At__c: '2001-02-03T00:00:00Z' }, insert(), fixture), true);
        assert.deepEqual(flowFormulaStamps({ Stage_Color__c: 'Red' }, insert(), fixture), { Win_Rate__c: 0 });
        assert.equal(errorOf(evaluateFlowFormula('Nope', {}, insert(), fixture)).type, 'ReferenceError');
    });
});

describe('validation rules', () => {
    // The fixture's Broken_Formula rule fires on every save (see the next test); these look at the others.
    const firing = (record: Record<string, unknown>, ctx: FormulaContext) =>
        runValidationRules(record, ctx, fixture).filter((fired) => fired.rule !== 'Broken_Formula');

    it('returns the active rules that fire, with message and display field', () => {
        const fired = firing({ Stage_Color__c: 'Red' }, insert());
        assert.deepEqual(fired, [{ rule: 'Red_Needs_Deal_Size', message: 'A red lead needs a deal size > 0.', field: 'Deal_Size__c' }]);
        assert.deepEqual(firing({ Stage_Color__c: 'Red', Deal_Size__c: 0 }, insert()), []);
        assert.deepEqual(firing({ Stage_Color__c: 'Red' }, insert(['Fixture_Bypass'])), []);
        assert.deepEqual(firing({ Stage_Color__c: 'Red' }, update({ Stage_Color__c: 'Red' })), []);
        assert.equal(firing({ Stage_Color__c: 'Red' }, update({ Stage_Color__c: 'Green' })).length, 1);
    });

    it('reports a rule that cannot be evaluated as blocking, with the error, whatever the data', () => {
        for (const color of ['Green', 'Red', null]) {
            const broken = runValidationRules({ Stage_Color__c: color, Deal_Size__c: 1 }, insert(), fixture);
            assert.equal(broken.length, 1);
            assert.equal(broken[0]?.rule, 'Broken_Formula');
            assert.equal(broken[0]?.error?.type, 'ReferenceError');
        }
    });
});

describe('never throws', () => {
    it('returns InputErrors for odd records and contexts', () => {
        const cases: Array<[unknown, unknown]> = [
            [null, insert()],
            [[1, 2], insert()],
            ['lead', insert()],
            [{}, null],
            [{}, { now: 'yesterday', isNew: true, prior: null, permissions: new Set() }],
            [{}, { now: new Date(NaN), isNew: true, prior: null, permissions: new Set() }],
            [{}, { now: NOW, isNew: true, prior: null, permissions: ['x'] }],
            [{ Seen_At__c: 'not a date' }, insert()],
            [{ Deal_Size__c: 'ten' }, insert()],
            [{ Deal_Size__c: {} }, insert()],
            [{ Stage_Color__c: 42 }, insert()],
            [{ Title: { nested: true } }, insert()]
        ];
        for (const [record, ctx] of cases) {
            const value = evaluateFormula(
                'AND(Seen_At__c < NOW(), Deal_Size__c > 0, ISPICKVAL(Stage_Color__c, "Red"), LEN(Title) > 0)',
                record as Record<string, unknown>,
                ctx as FormulaContext,
                fixture
            );
            assert.equal(errorOf(value).type, 'InputError', JSON.stringify(record));
            assert.ok(errorOf(value).message.length > 10);
        }
        assert.equal(errorOf(evaluateFormula(42 as unknown as string, {}, insert(), fixture)).type, 'InputError');
        const fired = runValidationRules(null as unknown as Record<string, unknown>, insert(), fixture);
        assert.ok(fired.every((f) => f.error?.type === 'InputError'));
        const values = computeFormulaFields({}, null as unknown as FormulaContext, fixture);
        assert.ok(Object.values(values).every((v) => isFormulaError(v)));
    });

    it('never throws for random formula text and random records', () => {
        const fieldNames = ['Title', 'Seen_At__c', 'Deal_Size__c', 'Stage_Color__c', 'NumberOfEmployees', 'Nope__c'];
        const token = fc.oneof(
            fc.constantFrom(
                ...fieldNames,
                'IF(',
                'AND(',
                'OR(',
                'NOT(',
                'LEN(',
                'TRIM(',
                'ISBLANK(',
                'ISCHANGED(',
                'PRIORVALUE(',
                'REGEX('
            ),
            fc.constantFrom(
                ')',
                ',',
                ' + ',
                ' - ',
                ' * ',
                ' / ',
                ' & ',
                ' = ',
                ' < ',
                ' >= ',
                '"a"',
                '"(["',
                '0',
                '1.5',
                'NOW()',
                'NULL',
                'TRUE',
                '/*',
                '*/'
            ),
            fc.string({ maxLength: 4 })
        );
        const value = fc.oneof(fc.anything(), fc.date({ noInvalidDate: false }), fc.constantFrom('2001-01-01T00:00:00Z', 'Red', '', null));
        fc.assert(
            fc.property(
                fc.array(token, { maxLength: 14 }),
                fc.dictionary(fc.constantFrom(...fieldNames), value),
                fc.boolean(),
                (tokens, record, isNew) => {
                    const ctx: FormulaContext = { now: NOW, isNew, prior: isNew ? null : record, permissions: new Set() };
                    const result = evaluateFormula(tokens.join(''), record, ctx, fixture);
                    if (isFormulaError(result)) assert.ok(result.message.length > 0);
                    else assert.ok(result === null || ['string', 'number', 'boolean', 'object'].includes(typeof result));
                }
            ),
            { numRuns: 3000 }
        );
    });
});

describe('parse once', () => {
    it('parses each formula text once and reuses the tree (measured against formulon parse per call)', () => {
        const rule =
            'AND(ISPICKVAL(Stage_Color__c, "Red"), NOT($Permission.Fixture_Bypass), OR(ISBLANK(Deal_Size__c), LEN(TRIM(Title)) < 20), Seen_At__c < NOW())';
        const record = { Stage_Color__c: 'Red', Title: 'short', Seen_At__c: '2001-01-01T00:00:00Z' };
        const before = parseCacheStats();
        const runs = 2000;
        let started = performance.now();
        for (let i = 0; i < runs; i++) assert.equal(evalIn(rule, record), true);
        const harnessMs = performance.now() - started;
        const after = parseCacheStats();
        assert.equal(after.misses - before.misses, 1, 'one parse');
        assert.equal(after.hits - before.hits, runs - 1, 'every later evaluation reuses it');
        const subs = {
            Stage_Color__c: { type: 'literal', dataType: 'picklist', value: 'Red', options: { values: [] } },
            '$Permission.Fixture_Bypass': { type: 'literal', dataType: 'checkbox', value: false, options: {} },
            Deal_Size__c: { type: 'literal', dataType: 'null', value: null, options: {} },
            Title: { type: 'literal', dataType: 'text', value: 'short', options: { length: 128 } },
            Seen_At__c: { type: 'literal', dataType: 'datetime', value: new Date('2001-01-01T00:00:00Z'), options: {} }
        };
        started = performance.now();
        for (let i = 0; i < runs / 4; i++) formulonEngine().publicParse(rule, subs);
        const formulonMs = (performance.now() - started) * 4;
        console.log(
            `parse cache: ${rule.length}-char rule, ${Math.round((runs / harnessMs) * 1000)} evaluations/s with the cached tree vs ` +
                `${Math.round((runs / formulonMs) * 1000)}/s with formulon.parse per call (x${(formulonMs / harnessMs).toFixed(1)})`
        );
    });
});
