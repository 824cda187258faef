/**
 * The formula harness: evaluates the project's generated formula fields and validation rules offline,
 * with formulon 6.25.6 as the function library and the platform's semantics wrapped around it.
 *
 * Used by the formula tests (which read the generated XML, never a copy of a formula) and by the local
 * preview's emulated API. It never throws for odd input: every failure comes back as a `FormulaError`
 * value the caller can show.
 *
 * How it evaluates. Each formula text is parsed once by formulon's public `ast()` and the syntax tree is
 * cached by text. The harness then walks the tree itself and hands every function call to formulon
 * through its public API (engine.ts: one small `parse()` per call, formulon unpatched and pinned by golden
 * cases), except where the platform differs:
 *
 *  quirk of formulon                                   what the harness does (platform semantics)
 *  ------------------------------------------------   ---------------------------------------------------------
 *  ISNEW, ISCHANGED, PRIORVALUE unknown               evaluated from the context: `ctx.isNew`, `ctx.prior`.
 *                                                      ISCHANGED is false on insert; PRIORVALUE on insert returns
 *                                                      the current value (as documented). Only in validation rules.
 *  NOW(), TODAY(), TIMENOW() read the real clock      frozen at `ctx.now`; TODAY() is the UTC date of `ctx.now`.
 *  IF / CASE evaluate every branch; an error in the   lazy: only the chosen branch gives the value. Untaken
 *  branch not taken fails the formula                 branches are still walked, and a structural error there
 *                                                      (unknown field or function, wrong parameter count or type)
 *                                                      is reported, as the platform rejects such a formula on save.
 *  AND / OR: `null && false` is null                   three-valued logic as compiled formulas have: AND is false if
 *                                                      any argument is false, else blank if any is blank.
 *  blank number + 1 is a type error; `blank >= 0`      blank propagates through arithmetic, comparisons and math
 *  is true (JavaScript null coerces to 0)              functions (the result is blank; a blank condition is false).
 *                                                      `&` with a blank text operand concatenates ''.
 *  blank picklist passed as null: TEXT() gives "NULL"  blank picklists are passed as ''.
 *  LEN/LOWER/TRIM of null throw a TypeError            blank text is always passed as ''.
 *  field names are case-sensitive                      resolved case-insensitively to the metadata's API names.
 *  currency and percent are not types                  numbers with the field's scale (formulon rounds to it).
 *  text longer than its option length is truncated     the literal's length is never shorter than the value.
 *  $Permission.X is an unknown identifier              checkbox: `ctx.permissions.has(X)` (case-insensitive).
 *  REGEX is a JavaScript regex anchored as ^a|b$       Java's Pattern.matches, translated in javaRegex.ts from
 *                                                      Java's documentation (whole-text match, Java classes,
 *                                                      possessive, intersection ...); a pattern it cannot
 *                                                      reproduce or an invalid one is an ArgumentError.
 *  TRIM uses JavaScript trim (Unicode spaces)          Java's String.trim: characters up to U+0020 at both ends.
 *  FIND(s, t, start) counts the position from start    the position in the whole text (start <= 0 or past the
 *                                                      text still gives 0, as formulon already does).
 *  text literals cannot carry a backslash escape       \\ \" \' \n \r \t decoded, as the platform does.
 *  1/0 and LN(0) return blank                          ArithmeticError, as the platform shows #Error!.
 *  syntax errors carry no position                     an unclosed or unmatched parenthesis or quote is located.
 *  comments are a syntax error                         comments are blanked out before parsing.
 *  formula field results                               rounded to the field's scale; blank checkbox is false.
 *  formula fields referencing formula fields           the referenced formula is evaluated with its own blank
 *                                                      handling and rounded to its scale.
 *
 * Assumptions about the platform (reasonable, documented, but only an org proves them):
 *  - validation rules and flow formulas read blank number fields as blank (formula fields use their own
 *    formulaTreatBlanksAs; a formula field without the setting is treated as BlankAsZero);
 *  - in flow formulas, merge fields inside text literals are left as text;
 *  - a formula field referenced by a rule or another formula has the value it would display (rounded to its scale).
 *
 * Platform semantics this harness does NOT reproduce (only an org proves them):
 *  - compiled size (5,000 bytes) and "Check Syntax": the harness cannot measure the platform's SQL translation;
 *  - operator precedence of `&`: formulon binds `&` looser than comparisons (`"a" & "b" = "ab"` is a type
 *    error here); parenthesise concatenations that are compared;
 *  - a unary minus before a function or parenthesis (`-LN(2)`) and `^` with a non-integer exponent are syntax or
 *    argument errors in formulon although the platform accepts them;
 *  - TODAY() and DATEVALUE() in the running user's time zone (the harness uses UTC);
 *  - the Java version behind the platform's REGEX (javaRegex.ts refuses \\b, whose meaning changed in JDK 19) and
 *    its Unicode version (\\p{L} of a letter newer than the platform's Java may differ);
 *  - LOWER/UPPER in the user's locale (the harness is locale-independent);
 *  - the platform's decimal arithmetic: EXP and LN here are IEEE doubles, so a sum exactly at .5 may round apart;
 *  - field-length, required-field, restricted-picklist and other system validations that run before custom rules;
 *  - the order of execution around the save (before-save flows run before validation rules: callers must pass the
 *    record as the flow leaves it, e.g. through beforeSave in save.ts, which runs the generated flows);
 *  - functions formulon lacks (VLOOKUP, ISCLONE, HTMLENCODE, INITCAP, ISNUMBER, ...) return NoFunctionError.
 */
import { javaMatches, javaTrim } from './javaRegex.ts';
import { formulonEngine, type AstNode, type FormulonErrorValue, type FormulonLiteral, type FormulonValue } from './engine.ts';
import {
    loadLeadMetadata,
    PROJECT_ROOT,
    type BlankHandling,
    type FlowFormulaMeta,
    type LeadField,
    type LeadMetadata,
    type ValidationRuleMeta
} from './metadata.ts';

export { loadLeadMetadata, PROJECT_ROOT };
export type { BlankHandling, FlowFormulaMeta, LeadField, LeadMetadata, ValidationRuleMeta };

/** A lead as the UI API returns it: field API name -> value (string, number, boolean, ISO date-time or null). */
export type LeadValues = Readonly<Record<string, unknown>>;

export interface FormulaContext {
    /** The instant of the save or read: NOW() and TODAY() return it. */
    now: Date;
    /** Whether the record is being created (ISNEW()). */
    isNew: boolean;
    /** The record before this save (ISCHANGED, PRIORVALUE); null on insert. */
    prior: LeadValues | null;
    /** Custom permissions the running user holds ($Permission.X). */
    permissions: ReadonlySet<string>;
    /** The running user's Id ($User.Id); '' when absent. */
    userId?: string;
}

export type FormulaErrorType =
    | 'SyntaxError'
    | 'ReferenceError'
    | 'NoFunctionError'
    | 'NotImplementedError'
    | 'ArgumentError'
    | 'ArithmeticError'
    | 'TypeError'
    | 'InputError'
    | 'InternalError';

/** A formula that could not be evaluated, with a message a person can act on. */
export interface FormulaError {
    readonly isFormulaError: true;
    readonly type: FormulaErrorType;
    readonly message: string;
    /** Where in the formula text, for syntax errors. */
    readonly location?: { offset: number; line: number; column: number };
}

export function isFormulaError(value: unknown): value is FormulaError {
    return typeof value === 'object' && value !== null && (value as FormulaError).isFormulaError === true;
}

export interface FiredRule {
    rule: string;
    message: string;
    field: string | null;
    /** Set when the rule's formula could not be evaluated (the harness then counts the rule as blocking the save). */
    error?: FormulaError;
}

/** Validation rules and flow formulas may use ISNEW, ISCHANGED and PRIORVALUE; formula fields may not. */
export type EvaluationMode = 'validationRule' | 'formulaField' | 'flowFormula';

export interface EvaluateOptions {
    /** Default: validationRule. */
    mode?: EvaluationMode;
    /** How blank number, currency and percent fields read. Default: BlankAsBlank (validation rules have no setting). */
    treatBlanksAs?: BlankHandling;
}

/* ------------------------------------------------------------------ parse once, cached by text */

interface Compiled {
    tree: AstNode | null;
    error: FormulaError | null;
}

const MAX_CACHED_FORMULAS = 2_000;
const cache = new Map<string, Compiled>();
const cacheStats = { hits: 0, misses: 0 };

/** How many formula texts were parsed and how many evaluations reused a parse (for the benchmark). */
export function parseCacheStats(): { hits: number; misses: number; size: number } {
    return { ...cacheStats, size: cache.size };
}

/** Escapes a formula text literal may carry (the platform's backslash escapes); any other is a syntax error. */
const TEXT_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', r: '\r', t: '\t' };

/** Prefix of the identifiers that stand in for text literals with backslash escapes (formulon cannot parse those). */
const ESCAPED_TEXT = 'leadgate_escaped_text_';

interface Prepared {
    /** The formula with comments blanked and every text literal that has an escape replaced by an identifier. */
    source: string;
    /** Identifier -> the decoded text it stands for. */
    texts: Map<string, string>;
}

/**
 * Blanks comments outside text literals and decodes text literals with backslash escapes (`"\\p{L}"`
 * is the two characters `\p{L}`): formulon's grammar accepts neither, the platform accepts both.
 */
function prepare(text: string): Prepared | FormulaError {
    let source = '';
    const texts = new Map<string, string>();
    let i = 0;
    while (i < text.length) {
        const c = text[i] as string;
        if (c === '"' || c === "'") {
            let j = i + 1;
            let value = '';
            let escaped = false;
            while (j < text.length && text[j] !== c) {
                if (text[j] === '\\') {
                    const decoded = TEXT_ESCAPES[text[j + 1] ?? ''];
                    if (decoded === undefined)
                        return syntaxErrorAt(
                            text,
                            j,
                            `the escape \\${text[j + 1] ?? ''} is not allowed in text: write \\\\ for a backslash`
                        );
                    value += decoded;
                    escaped = true;
                    j += 2;
                } else value += text[j++];
            }
            if (j >= text.length) return syntaxErrorAt(text, i, 'this text literal is never closed');
            if (escaped) {
                const name = `${ESCAPED_TEXT}${texts.size}`;
                texts.set(name, value);
                source += name;
            } else source += text.slice(i, j + 1);
            i = j + 1;
        } else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            if (end < 0) return syntaxErrorAt(text, i, 'this comment is never closed');
            source += text.slice(i, end + 2).replace(/[^\n]/g, ' ');
            i = end + 2;
        } else {
            source += c;
            i++;
        }
    }
    return { source, texts };
}

function locate(text: string, offset: number): { offset: number; line: number; column: number } {
    const before = text.slice(0, offset).split('\n');
    return { offset, line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

function syntaxErrorAt(text: string, offset: number, what: string): FormulaError {
    const location = locate(text, offset);
    return {
        isFormulaError: true,
        type: 'SyntaxError',
        message: `Syntax error at line ${location.line}, column ${location.column}: ${what}.`,
        location
    };
}

/**
 * formulon reports a syntax error without a position. The harness finds the two commonest causes itself
 * (a parenthesis never closed, a closing one with no opening) in the text with comments blanked.
 */
function syntaxError(original: string, prepared: string): FormulaError {
    const open: number[] = [];
    let i = 0;
    while (i < prepared.length) {
        const c = prepared[i] as string;
        if (c === '"' || c === "'") {
            const end = prepared.indexOf(c, i + 1);
            i = end < 0 ? prepared.length : end + 1;
            continue;
        }
        if (c === '(') open.push(i);
        else if (c === ')' && open.pop() === undefined) return syntaxErrorAt(original, i, 'this closing parenthesis has no opening one');
        i++;
    }
    const unclosed = open.pop();
    if (unclosed !== undefined && !prepared.includes(ESCAPED_TEXT))
        return syntaxErrorAt(original, unclosed, 'this parenthesis is never closed');
    return formulaError(
        'SyntaxError',
        'Syntax error (formulon gives no position): check operators, commas and quotes; formulon also rejects a unary minus before a function or parenthesis.'
    );
}

/** The tree with each stand-in identifier replaced by its decoded text literal. */
function withTexts(node: AstNode, texts: Map<string, string>): AstNode {
    if (texts.size === 0) return node;
    if (node.type === 'identifier') {
        const value = texts.get(node.name);
        return value === undefined ? node : text(value);
    }
    if (node.type === 'callExpression') return { ...node, arguments: node.arguments.map((arg) => withTexts(arg, texts)) };
    return node;
}

function compile(formula: string): Compiled {
    const hit = cache.get(formula);
    if (hit) {
        cacheStats.hits++;
        return hit;
    }
    cacheStats.misses++;
    let compiled: Compiled;
    const prepared = prepare(formula);
    if (isFormulaError(prepared)) compiled = { tree: null, error: prepared };
    else if (prepared.source.trim() === '') compiled = { tree: null, error: formulaError('SyntaxError', 'The formula is empty.') };
    else {
        // formulon's grammar accepts no leading whitespace: parse the trimmed text.
        let tree: AstNode | null = null;
        let failure: FormulaError | null = null;
        try {
            tree = formulonEngine().parseTree(prepared.source.trim());
        } catch (error) {
            failure = formulaError('InternalError', `The formula engine could not be loaded: ${(error as Error).message}`);
        }
        if (tree?.type === 'error') compiled = { tree: null, error: syntaxError(formula, prepared.source) };
        else if (tree) compiled = { tree: withTexts(tree, prepared.texts), error: null };
        else compiled = { tree: null, error: failure ?? formulaError('InternalError', 'The formula engine returned nothing.') };
    }
    if (cache.size >= MAX_CACHED_FORMULAS) cache.clear();
    cache.set(formula, compiled);
    return compiled;
}

const FLOW_GLOBALS: Record<string, string> = {
    '$flow.currentdatetime': 'NOW()',
    '$flow.currentdate': 'TODAY()'
};

/**
 * A flow formula in field-and-rule syntax: `{!$Record.Title}` -> `Title`, `{!$Record__Prior.Status}` ->
 * `PRIORVALUE(Status)`, `{!$Flow.CurrentDateTime}` -> `NOW()`, `{!$Permission.X}` -> `$Permission.X`.
 * Text literals are left alone. Any other merge field stays a reference the harness reports as unknown.
 */
export function flowExpressionToFormula(expression: string): string {
    let out = '';
    let i = 0;
    while (i < expression.length) {
        const c = expression[i] as string;
        if (c === '"' || c === "'") {
            const end = expression.indexOf(c, i + 1);
            const stop = end < 0 ? expression.length : end + 1;
            out += expression.slice(i, stop);
            i = stop;
        } else if (c === '{' && expression[i + 1] === '!') {
            const end = expression.indexOf('}', i + 2);
            if (end < 0) return out + expression.slice(i);
            const ref = expression.slice(i + 2, end).trim();
            const lower = ref.toLowerCase();
            if (lower.startsWith('$record.')) out += ref.slice('$record.'.length);
            else if (lower.startsWith('$record__prior.')) out += `PRIORVALUE(${ref.slice('$record__prior.'.length)})`;
            else out += FLOW_GLOBALS[lower] ?? ref;
            i = end + 1;
        } else {
            out += c;
            i++;
        }
    }
    return out;
}

/** Every identifier (field, $Permission, ...) a formula references, as written. Empty for a formula that does not parse. */
export function formulaReferences(formula: string): string[] {
    const { tree } = compile(formula);
    const names = new Set<string>();
    const walk = (node: AstNode): void => {
        if (node.type === 'identifier') names.add(node.name);
        else if (node.type === 'callExpression') node.arguments.forEach(walk);
    };
    if (tree) walk(tree);
    return [...names];
}

/* ------------------------------------------------------------------ values in and out */

const formulaError = (type: FormulaErrorType, message: string): FormulaError => ({ isFormulaError: true, type, message });

const NULL_LITERAL: FormulonLiteral = { type: 'literal', dataType: 'null', value: null, options: {} };
const text = (value: string, length = value.length): FormulonLiteral => ({
    type: 'literal',
    dataType: 'text',
    value,
    options: { length: Math.max(length, value.length) }
});
const checkbox = (value: boolean): FormulonLiteral => ({ type: 'literal', dataType: 'checkbox', value, options: {} });
const datetime = (ms: number): FormulonLiteral => ({ type: 'literal', dataType: 'datetime', value: new Date(ms), options: {} });
const dateOf = (ms: number): FormulonLiteral => {
    const d = new Date(ms);
    return {
        type: 'literal',
        dataType: 'date',
        value: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
        options: {}
    };
};

/** Rounds half away from zero to `scale` decimals, as the platform stores numbers. */
export function roundToScale(n: number, scale: number): number {
    const factor = 10 ** scale;
    return (Math.sign(n) * Math.round(Math.abs(n) * factor)) / factor;
}

function numberLiteral(n: number, field: LeadField): FormulonLiteral {
    const scale = field.scale ?? 0;
    const rounded = roundToScale(n, scale);
    const digits = Math.max(1, String(Math.trunc(Math.abs(rounded))).length);
    return {
        type: 'literal',
        dataType: 'number',
        value: rounded,
        options: { length: Math.max(digits, (field.precision ?? 18) - scale), scale }
    };
}

function instantOf(value: unknown): number | null {
    if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string') {
        const t = Date.parse(value);
        return Number.isFinite(t) ? t : null;
    }
    return null;
}

const isBlankInput = (value: unknown): boolean => value === null || value === undefined || value === '';

/** The formulon literal for a stored field value, or an InputError naming the field and the value. */
function fieldLiteral(field: LeadField, raw: unknown, blanks: BlankHandling): FormulonLiteral | FormulaError {
    const bad = (expected: string): FormulaError =>
        formulaError('InputError', `${field.name} holds ${JSON.stringify(raw)?.slice(0, 80) ?? String(raw)}, which is not ${expected}.`);
    switch (field.dataType) {
        case 'text':
            if (isBlankInput(raw)) return text('', field.length ?? 0);
            if (typeof raw === 'string') return text(raw, field.length ?? 0);
            if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean') return text(String(raw), field.length ?? 0);
            return bad('text');
        case 'picklist':
            if (isBlankInput(raw))
                return { type: 'literal', dataType: 'picklist', value: '', options: { values: field.picklistValues ?? [] } };
            if (typeof raw === 'string')
                return { type: 'literal', dataType: 'picklist', value: raw, options: { values: field.picklistValues ?? [] } };
            return bad('a picklist value');
        case 'multipicklist': {
            const values = isBlankInput(raw)
                ? []
                : typeof raw === 'string'
                  ? raw.split(';').filter((v) => v !== '')
                  : Array.isArray(raw) && raw.every((v) => typeof v === 'string')
                    ? [...(raw as string[])]
                    : null;
            if (values === null) return bad('a multi-select picklist value');
            return { type: 'literal', dataType: 'multipicklist', value: values, options: { values: field.picklistValues ?? [] } };
        }
        case 'number': {
            if (isBlankInput(raw)) return blanks === 'BlankAsZero' ? numberLiteral(0, field) : NULL_LITERAL;
            const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
            return Number.isFinite(n) ? numberLiteral(n, field) : bad('a number');
        }
        case 'checkbox':
            if (isBlankInput(raw)) return checkbox(false);
            if (typeof raw === 'boolean') return checkbox(raw);
            if (raw === 'true' || raw === 'false') return checkbox(raw === 'true');
            return bad('true or false');
        case 'date': {
            if (isBlankInput(raw)) return NULL_LITERAL;
            const ms = instantOf(raw);
            return ms === null ? bad('a date') : dateOf(ms);
        }
        case 'datetime': {
            if (isBlankInput(raw)) return NULL_LITERAL;
            const ms = instantOf(raw);
            return ms === null ? bad('a date-time') : datetime(ms);
        }
        case 'time':
            return formulaError('InputError', `${field.name} is a Time field, which the harness does not evaluate.`);
        default:
            return formulaError('InternalError', `${field.name} has an unknown type.`);
    }
}

/** A formulon literal as a plain value: number, string, boolean, ISO date-time, YYYY-MM-DD date, HH:MM:SS.sssZ time, string[] or null. */
function plainValue(literal: FormulonLiteral): unknown {
    switch (literal.dataType) {
        case 'null':
            return null;
        case 'datetime':
            return literal.value instanceof Date ? literal.value.toISOString() : null;
        case 'date':
            return literal.value instanceof Date ? literal.value.toISOString().slice(0, 10) : null;
        case 'number':
            return typeof literal.value === 'number' && Number.isFinite(literal.value) ? literal.value : null;
        case 'time':
            return literal.value instanceof Date ? literal.value.toISOString().slice(11) : null;
        default:
            return literal.value ?? null;
    }
}

/* ------------------------------------------------------------------ evaluation */

interface Env {
    meta: LeadMetadata;
    record: LeadValues;
    /** Lower-case field name -> record key, built once per evaluation when a field is first read. */
    recordKeys: FieldKeys;
    priorKeys: FieldKeys | null;
    ctx: FormulaContext;
    mode: EvaluationMode;
    blanks: BlankHandling;
    /** Formula field values already computed in this evaluation, and the ones being computed (cycle check). */
    formulaValues: Map<string, FormulonLiteral | FormulaError>;
    computing: Set<string>;
}

type Value = FormulonLiteral | FormulaError;

const isLiteral = (value: Value): value is FormulonLiteral => !isFormulaError(value);

function fromFormulon(value: FormulonValue): Value {
    if (value.type === 'error') {
        const error = value as FormulonErrorValue;
        const known: FormulaErrorType[] = ['SyntaxError', 'ReferenceError', 'NoFunctionError', 'NotImplementedError', 'ArgumentError'];
        const type = known.includes(error.errorType as FormulaErrorType) ? (error.errorType as FormulaErrorType) : 'InternalError';
        return formulaError(type, error.message);
    }
    return value;
}

/**
 * Errors that surface even from an untaken branch or a decided AND/OR: the ones the platform reports when
 * the formula is saved, whatever the data, and input the harness cannot read (the platform would not store it).
 */
function isStructural(error: FormulaError): boolean {
    return (
        error.type === 'InputError' ||
        error.type === 'SyntaxError' ||
        error.type === 'ReferenceError' ||
        error.type === 'NoFunctionError' ||
        error.type === 'NotImplementedError' ||
        (error.type === 'ArgumentError' && error.message.startsWith('Incorrect'))
    );
}

const isNull = (value: FormulonLiteral): boolean => value.dataType === 'null';

/** Functions whose result is blank when an argument is blank (arithmetic, comparison, math, date parts). */
const BLANK_PROPAGATING = new Set([
    'add',
    'subtract',
    'multiply',
    'divide',
    'exponentiate',
    'greaterThan',
    'greaterThanOrEqual',
    'lessThan',
    'lessThanOrEqual',
    'abs',
    'ceiling',
    'floor',
    'mceiling',
    'mfloor',
    'exp',
    'ln',
    'log',
    'sqrt',
    'round',
    'mod',
    'min',
    'max',
    'datevalue',
    'datetimevalue',
    'year',
    'month',
    'day',
    'weekday',
    'hour',
    'minute',
    'second',
    'millisecond',
    'addmonths'
]);

function resolveIdentifier(name: string, env: Env): Value {
    const lower = name.toLowerCase();
    if (lower.startsWith('$permission.')) {
        const wanted = lower.slice('$permission.'.length);
        for (const permission of env.ctx.permissions) if (permission.toLowerCase() === wanted) return checkbox(true);
        return checkbox(false);
    }
    if (lower === '$user.id') return text(env.ctx.userId ?? '', 18);
    if (lower.startsWith('$')) return formulaError('ReferenceError', `${name} is not modelled by the formula harness.`);
    const field = env.meta.field(name);
    if (!field) return formulaError('ReferenceError', `Field ${name} does not exist. Check spelling.`);
    if (field.formula !== null) return formulaFieldValue(field, env);
    const key = env.recordKeys.get(lower);
    return fieldLiteral(field, key === undefined ? null : env.record[key], env.blanks);
}

function formulaFieldValue(field: LeadField, env: Env): Value {
    const known = env.formulaValues.get(field.name);
    if (known) return known;
    if (env.computing.has(field.name))
        return formulaError('ReferenceError', `${field.name} refers to itself through other formula fields.`);
    env.computing.add(field.name);
    const result = evaluateFormulaField(field, { ...env, mode: 'formulaField', blanks: field.formulaTreatBlanksAs ?? 'BlankAsZero' });
    env.computing.delete(field.name);
    env.formulaValues.set(field.name, result);
    return result;
}

/** Evaluates a formula field's formula and shapes the result as the field stores it. */
function evaluateFormulaField(field: LeadField, env: Env): Value {
    const { tree, error } = compile(field.formula ?? '');
    if (!tree) return error as FormulaError;
    const result = evaluateNode(tree, env);
    if (!isLiteral(result)) return result;
    if (isNull(result)) return field.dataType === 'checkbox' ? checkbox(false) : field.dataType === 'text' ? text('') : NULL_LITERAL;
    const resultType = result.dataType === 'picklist' ? 'text' : result.dataType;
    if (resultType !== field.dataType) {
        return formulaError('TypeError', `${field.name} is a ${field.metadataType} formula but its formula returns ${result.dataType}.`);
    }
    if (field.dataType === 'number') {
        const n = result.value as number;
        if (!Number.isFinite(n))
            return formulaError('ArithmeticError', `${field.name} evaluates to a number the platform shows as #Error!.`);
        return numberLiteral(n, field);
    }
    return result;
}

function fieldOfArgument(node: AstNode | undefined, fn: string, env: Env): LeadField | FormulaError {
    if (!node || node.type !== 'identifier')
        return formulaError('ArgumentError', `Incorrect parameter for function '${fn}()': expected a field.`);
    const field = env.meta.field(node.name);
    return field ?? formulaError('ReferenceError', `Field ${node.name} does not exist. Check spelling.`);
}

function priorLiteral(field: LeadField, env: Env): Value {
    if (env.ctx.isNew) return resolveIdentifier(field.name, env);
    if (!env.ctx.prior || !env.priorKeys)
        return formulaError('InputError', `PRIORVALUE/ISCHANGED(${field.name}) on an update needs ctx.prior.`);
    if (field.formula !== null) return formulaError('ArgumentError', `Incorrect parameter: ${field.name} is a formula field.`);
    const key = env.priorKeys.get(field.name.toLowerCase());
    return fieldLiteral(field, key === undefined ? null : env.ctx.prior[key], env.blanks);
}

function sameValue(a: FormulonLiteral, b: FormulonLiteral): boolean {
    if (isNull(a) || isNull(b)) return isNull(a) === isNull(b);
    if (a.value instanceof Date && b.value instanceof Date) return a.value.getTime() === b.value.getTime();
    if (Array.isArray(a.value) && Array.isArray(b.value)) return [...a.value].sort().join(';') === [...b.value].sort().join(';');
    return a.value === b.value;
}

function contextFunction(id: string, node: Extract<AstNode, { type: 'callExpression' }>, env: Env): Value {
    const fn = id.toUpperCase();
    if (env.mode === 'formulaField')
        return formulaError('NoFunctionError', `${fn} is not available in formula fields; only in validation rules and flows.`);
    if (id === 'isnew') {
        if (node.arguments.length !== 0)
            return formulaError('ArgumentError', `Incorrect number of parameters for function 'ISNEW()'. Expected 0.`);
        return checkbox(env.ctx.isNew);
    }
    if (node.arguments.length !== 1)
        return formulaError('ArgumentError', `Incorrect number of parameters for function '${fn}()'. Expected 1.`);
    const field = fieldOfArgument(node.arguments[0], fn, env);
    if (isFormulaError(field)) return field;
    if (id === 'priorvalue') return priorLiteral(field, env);
    // ISCHANGED
    if (env.ctx.isNew) return checkbox(false);
    const now = resolveIdentifier(field.name, env);
    const before = priorLiteral(field, env);
    if (!isLiteral(now)) return now;
    if (!isLiteral(before)) return before;
    return checkbox(!sameValue(now, before));
}

function dispatch(id: string, args: FormulonLiteral[]): Value {
    try {
        return fromFormulon(formulonEngine().dispatch(id, args));
    } catch (error) {
        return formulaError('InternalError', `formulon failed in ${id.toUpperCase()}(): ${(error as Error).message}`);
    }
}

/** Evaluates arguments eagerly; the first error wins, as in formulon. */
function evaluateAll(nodes: AstNode[], env: Env): FormulonLiteral[] | FormulaError {
    const values: FormulonLiteral[] = [];
    for (const node of nodes) {
        const value = evaluateNode(node, env);
        if (!isLiteral(value)) return value;
        values.push(value);
    }
    return values;
}

/** Walks nodes whose value is not needed, returning a structural error if one of them has one. */
function structuralErrorIn(nodes: AstNode[], env: Env): FormulaError | null {
    for (const node of nodes) {
        const value = evaluateNode(node, env);
        if (isFormulaError(value) && isStructural(value)) return value;
    }
    return null;
}

function evaluateIf(args: AstNode[], env: Env): Value {
    if (args.length !== 3) {
        const values = evaluateAll(args, env);
        return isFormulaError(values) ? values : dispatch('if', values);
    }
    const condition = evaluateNode(args[0] as AstNode, env);
    if (!isLiteral(condition)) return condition;
    const taken = condition.value === true ? 1 : 2;
    const chosen = evaluateNode(args[taken] as AstNode, env);
    if (!isLiteral(chosen)) return chosen;
    const structural = structuralErrorIn([args[3 - taken] as AstNode], env);
    if (structural) return structural;
    return dispatch('if', [condition, chosen, chosen]);
}

function evaluateCase(args: AstNode[], env: Env): Value {
    if (args.length < 4 || args.length % 2 !== 0) {
        const values = evaluateAll(args, env);
        return isFormulaError(values) ? values : dispatch('case', values);
    }
    const subject = evaluateNode(args[0] as AstNode, env);
    if (!isLiteral(subject)) return subject;
    const keys = evaluateAll(
        args.filter((_, i) => i % 2 === 1 && i < args.length - 1),
        env
    );
    if (isFormulaError(keys)) return keys;
    const match = keys.findIndex((key) => sameValue(key, subject));
    const resultIndex = match >= 0 ? 2 + match * 2 : args.length - 1;
    const chosen = evaluateNode(args[resultIndex] as AstNode, env);
    if (!isLiteral(chosen)) return chosen;
    const others = args.filter((_, i) => i > 0 && i !== resultIndex && (i % 2 === 0 || i === args.length - 1));
    const structural = structuralErrorIn(others, env);
    if (structural) return structural;
    // formulon validates the keys' types; every result slot carries the chosen value.
    const slots: FormulonLiteral[] = [subject];
    keys.forEach((key) => slots.push(key, chosen));
    slots.push(chosen);
    return dispatch('case', slots);
}

function evaluateLogic(id: 'and' | 'or', args: AstNode[], env: Env): Value {
    const decisive = id === 'or';
    const values: FormulonLiteral[] = [];
    let runtimeError: FormulaError | null = null;
    let decided = false;
    for (const node of args) {
        const value = evaluateNode(node, env);
        if (isFormulaError(value)) {
            if (isStructural(value)) return value;
            runtimeError ??= value;
            continue;
        }
        if (value.value === decisive) decided = true;
        values.push(value);
    }
    if (decided) {
        const checked = dispatch(id, values);
        return isLiteral(checked) ? checkbox(decisive) : checked;
    }
    if (runtimeError) return runtimeError;
    const checked = dispatch(id, values);
    if (!isLiteral(checked)) return checked;
    return values.some(isNull) ? NULL_LITERAL : checkbox(!decisive);
}

function evaluateCall(node: Extract<AstNode, { type: 'callExpression' }>, env: Env): Value {
    const id = node.id;
    switch (id) {
        case 'now':
        case 'today':
        case 'timenow': {
            if (node.arguments.length !== 0)
                return formulaError('ArgumentError', `Incorrect number of parameters for function '${id.toUpperCase()}()'. Expected 0.`);
            const ms = env.ctx.now.getTime();
            if (id === 'now') return datetime(ms);
            if (id === 'today') return dateOf(ms);
            return { type: 'literal', dataType: 'time', value: new Date(ms % 86_400_000), options: {} };
        }
        case 'isnew':
        case 'ischanged':
        case 'priorvalue':
            return contextFunction(id, node, env);
        case 'if':
            return evaluateIf(node.arguments, env);
        case 'case':
            return evaluateCase(node.arguments, env);
        case 'and':
        case 'or':
            return evaluateLogic(id, node.arguments, env);
        default:
            break;
    }
    const args = evaluateAll(node.arguments, env);
    if (isFormulaError(args)) return args;
    if (id === 'not' && args.length === 1 && isNull(args[0] as FormulonLiteral)) return NULL_LITERAL;
    if (args.some(isNull) && BLANK_PROPAGATING.has(id)) {
        const textOperand = id === 'add' && args.some((a) => a.dataType === 'text');
        if (!textOperand) return NULL_LITERAL;
        return dispatch(
            'add',
            args.map((a) => (isNull(a) ? text('') : a))
        );
    }
    switch (id) {
        case 'trim': {
            const checked = dispatch(id, args);
            if (!isLiteral(checked)) return checked;
            return text(platformTrim(String((args[0] as FormulonLiteral).value)));
        }
        case 'find': {
            // formulon counts a three-argument FIND from start_num; the platform counts from the text's first character.
            const found = dispatch(id, args);
            const start = args[2];
            if (!isLiteral(found) || typeof found.value !== 'number' || found.value === 0 || typeof start?.value !== 'number') return found;
            return { ...found, value: found.value + Math.trunc(start.value) - 1 };
        }
        case 'regex': {
            // formulon's own REGEX throws on an invalid JavaScript pattern: check only the parameters with it.
            if (args.length !== 2 || args.some((a) => a.dataType !== 'text')) return dispatch(id, args);
            const matched = javaMatches(String(args[0]?.value ?? ''), String(args[1]?.value ?? ''));
            return typeof matched === 'boolean' ? checkbox(matched) : formulaError('ArgumentError', matched.error);
        }
        case 'divide': {
            const divisor = args[1];
            if (divisor?.dataType === 'number' && divisor.value === 0)
                return formulaError('ArithmeticError', 'Division by zero (#Error! on the platform).');
            break;
        }
        case 'ln':
        case 'log':
        case 'sqrt': {
            const x = args[0];
            if (x?.dataType === 'number' && typeof x.value === 'number' && (x.value < 0 || (id !== 'sqrt' && x.value === 0))) {
                return formulaError('ArithmeticError', `${id.toUpperCase()}(${x.value}) is undefined (#Error! on the platform).`);
            }
            break;
        }
        default:
            break;
    }
    return dispatch(id, args);
}

/** TRIM as the platform does it: Java's String.trim (characters up to U+0020 removed at both ends). */
export const platformTrim = javaTrim;

function evaluateNode(node: AstNode, env: Env): Value {
    switch (node.type) {
        case 'literal':
            return node;
        case 'error':
            return fromFormulon(node);
        case 'identifier':
            return resolveIdentifier(node.name, env);
        case 'callExpression':
            return evaluateCall(node, env);
        default:
            return formulaError('InternalError', 'Unknown syntax tree node.');
    }
}

/* ------------------------------------------------------------------ public API */

/**
 * A record's keys by lower-case name (the first key wins when two differ only in case), indexed on the first lookup:
 * most evaluations never read the prior record, and a flow formula's evaluation may read no field at all.
 */
class FieldKeys {
    private keys: Map<string, string> | null = null;

    constructor(private readonly record: LeadValues) {}

    get(lower: string): string | undefined {
        if (!this.keys) {
            this.keys = new Map();
            for (const key of Object.keys(this.record)) if (!this.keys.has(key.toLowerCase())) this.keys.set(key.toLowerCase(), key);
        }
        return this.keys.get(lower);
    }
}

function lowerKeys(record: LeadValues | null): FieldKeys | null {
    return record && typeof record === 'object' ? new FieldKeys(record) : null;
}

function environment(
    record: LeadValues,
    ctx: FormulaContext,
    meta: LeadMetadata,
    mode: EvaluationMode,
    blanks: BlankHandling
): Env | FormulaError {
    if (!meta || typeof meta.field !== 'function') return formulaError('InputError', 'No Lead metadata: call loadLeadMetadata() first.');
    if (!ctx || !(ctx.now instanceof Date) || !Number.isFinite(ctx.now.getTime()))
        return formulaError('InputError', 'ctx.now must be a valid Date.');
    if (!(ctx.permissions instanceof Set)) return formulaError('InputError', 'ctx.permissions must be a Set of custom permission names.');
    if (!record || typeof record !== 'object' || Array.isArray(record))
        return formulaError('InputError', 'The record must be an object keyed by field API name.');
    if (ctx.prior !== null && (typeof ctx.prior !== 'object' || Array.isArray(ctx.prior))) {
        return formulaError('InputError', 'ctx.prior must be null or an object keyed by field API name.');
    }
    return {
        meta,
        record,
        recordKeys: new FieldKeys(record),
        priorKeys: lowerKeys(ctx.prior),
        ctx,
        mode,
        blanks,
        formulaValues: new Map(),
        computing: new Set()
    };
}

function guarded<T>(fn: () => T | FormulaError): T | FormulaError {
    try {
        return fn();
    } catch (error) {
        return formulaError('InternalError', `The formula harness failed: ${(error as Error)?.message ?? String(error)}`);
    }
}

/**
 * Evaluates any formula text against a record. Returns a plain value (number, string, boolean, ISO
 * date-time, YYYY-MM-DD date, string[] for multi-select, null for blank) or a FormulaError.
 */
export function evaluateFormula(
    formula: string,
    record: LeadValues,
    ctx: FormulaContext,
    meta: LeadMetadata,
    options: EvaluateOptions = {}
): unknown {
    return guarded(() => {
        if (typeof formula !== 'string') return formulaError('InputError', 'The formula must be text.');
        const env = environment(record, ctx, meta, options.mode ?? 'validationRule', options.treatBlanksAs ?? 'BlankAsBlank');
        if (isFormulaError(env)) return env;
        const { tree, error } = compile(formula);
        if (!tree) return error as FormulaError;
        const result = evaluateNode(tree, env);
        return isLiteral(result) ? plainValue(result) : result;
    });
}

const FLOW_TYPES: Record<string, string[]> = {
    Number: ['number'],
    Currency: ['number'],
    Boolean: ['checkbox'],
    String: ['text', 'picklist'],
    Date: ['date'],
    DateTime: ['datetime']
};

/** Flow expression -> formula text, remembered like the parse (a flow formula is converted on every reference). */
const flowSources = new Map<string, string>();

function evaluateFlowFormulaIn(formula: FlowFormulaResource, env: Env): Value {
    let source = flowSources.get(formula.expression);
    if (source === undefined) {
        source = flowExpressionToFormula(formula.expression);
        if (flowSources.size >= MAX_CACHED_FORMULAS) flowSources.clear();
        flowSources.set(formula.expression, source);
    }
    const { tree, error } = compile(source);
    if (!tree) return error as FormulaError;
    const result = evaluateNode(tree, env);
    if (!isLiteral(result) || isNull(result)) return result;
    const expected = FLOW_TYPES[formula.flowDataType];
    if (expected && !expected.includes(result.dataType)) {
        return formulaError('TypeError', `Flow formula ${formula.name} is ${formula.flowDataType} but returns ${result.dataType}.`);
    }
    if (result.dataType === 'number' && formula.scale !== null) {
        const n = result.value as number;
        if (!Number.isFinite(n)) return formulaError('ArithmeticError', `Flow formula ${formula.name} evaluates to an undefined number.`);
        return { ...result, value: roundToScale(n, formula.scale) };
    }
    return result;
}

/** A formula resource as a flow declares it: its name, data type, scale and `{!$Record.X}` expression. */
export type FlowFormulaResource = Pick<FlowFormulaMeta, 'name' | 'flowDataType' | 'scale' | 'expression'>;

/** One flow formula's value (by formula name), or a FormulaError. Flow formulas treat blanks as blanks. */
export function evaluateFlowFormula(name: string, record: LeadValues, ctx: FormulaContext, meta: LeadMetadata): unknown {
    const formula = meta?.flowFormulas?.find((f) => f.name === name);
    if (!formula) return formulaError('ReferenceError', `No Lead flow formula named ${name}.`);
    return evaluateFlowFormulaResource(formula, record, ctx, meta);
}

/**
 * A formula resource's value for this record, checked against its data type and rounded to its scale (the flow
 * interpreter calls this whenever an element references the formula), or a FormulaError.
 */
export function evaluateFlowFormulaResource(
    formula: FlowFormulaResource,
    record: LeadValues,
    ctx: FormulaContext,
    meta: LeadMetadata
): unknown {
    return guarded(() => {
        const env = environment(record, ctx, meta, 'flowFormula', 'BlankAsBlank');
        if (isFormulaError(env)) return env;
        const result = evaluateFlowFormulaIn(formula, env);
        return isLiteral(result) ? plainValue(result) : result;
    });
}

/**
 * The values the Lead before-save flows assign from their formulas (e.g. Fit_Score__c), keyed by field:
 * what the record holds when validation rules run. Stage timestamps are not formulas: save.ts runs the whole flow.
 */
export function flowFormulaStamps(record: LeadValues, ctx: FormulaContext, meta: LeadMetadata): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const env = guarded(() => environment(record, ctx, meta, 'flowFormula', 'BlankAsBlank'));
    for (const formula of meta?.flowFormulas ?? []) {
        if (formula.assignsTo.length === 0) continue;
        const value = isFormulaError(env) ? env : guarded(() => evaluateFlowFormulaIn(formula, env));
        for (const fieldName of formula.assignsTo) out[fieldName] = isFormulaError(value) ? value : plainValue(value);
    }
    return out;
}

/** Every formula field's value for this record at `ctx.now` (a FormulaError in place of a value that cannot be computed). */
export function computeFormulaFields(record: LeadValues, ctx: FormulaContext, meta: LeadMetadata): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const env = guarded(() => environment(record, ctx, meta, 'formulaField', 'BlankAsZero'));
    if (isFormulaError(env)) {
        for (const field of meta?.formulaFields ?? []) out[field.name] = env;
        return out;
    }
    for (const field of meta.formulaFields) {
        const value = guarded(() => formulaFieldValue(field, env));
        out[field.name] = isFormulaError(value) ? value : plainValue(value);
    }
    return out;
}

/**
 * The active validation rules whose formula is true for this save: what the platform would refuse,
 * with each rule's message and display field. A rule that cannot be evaluated is returned with `error`.
 */
export function runValidationRules(record: LeadValues, ctx: FormulaContext, meta: LeadMetadata): FiredRule[] {
    const fired: FiredRule[] = [];
    const env = guarded(() => environment(record, ctx, meta, 'validationRule', 'BlankAsBlank'));
    for (const rule of meta?.validationRules ?? []) {
        if (!rule.active) continue;
        const result = isFormulaError(env) ? env : evaluateRule(rule, env);
        if (isFormulaError(result))
            fired.push({ rule: rule.name, message: rule.errorMessage, field: rule.errorDisplayField, error: result });
        else if (result) fired.push({ rule: rule.name, message: rule.errorMessage, field: rule.errorDisplayField });
    }
    return fired;
}

/** Whether one validation rule fires (true), passes (false), or cannot be evaluated (FormulaError). */
function evaluateRule(rule: Pick<ValidationRuleMeta, 'formula'>, env: Env): boolean | FormulaError {
    return guarded(() => {
        const { tree, error } = compile(rule.formula);
        if (!tree) return error as FormulaError;
        const result = evaluateNode(tree, env);
        if (!isLiteral(result)) return result;
        if (result.dataType === 'null') return false;
        if (result.dataType !== 'checkbox')
            return formulaError('TypeError', `A validation rule must return a checkbox; this one returns ${result.dataType}.`);
        return result.value === true;
    });
}

/** One rule, evaluated with its own record and context (for tests that mutate a rule's formula). */
export function ruleFires(formula: string, record: LeadValues, ctx: FormulaContext, meta: LeadMetadata): boolean | FormulaError {
    const env = guarded(() => environment(record, ctx, meta, 'validationRule', 'BlankAsBlank'));
    return isFormulaError(env) ? env : evaluateRule({ formula }, env);
}
