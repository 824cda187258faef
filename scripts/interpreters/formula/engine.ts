/**
 * formulon 6.25.6, used only through its public API (`ast`, `parse`), unpatched.
 *
 * The harness needs two things formulon's public `parse(text, substitutions)` does in one go: the syntax
 * tree of a formula (to parse each formula once and walk it in the platform's order), and formulon's
 * function library applied to values the harness has already computed. This adapter gives both:
 *  - `parseTree(text)` is formulon's `ast(text)`;
 *  - `dispatch(id, args)` evaluates a tiny formula that calls the one function, `ID(p0, p1, ...)` (or
 *    `p0 OP p1` for an operator), with each argument passed as a substitution. formulon then runs its
 *    own parameter checks and the function, exactly as inside a whole formula.
 *
 * Two behaviours of `parse` the adapter corrects, because a substitution is coerced on the way in:
 * a number is rounded to its `options.scale` (so the adapter passes the smallest scale at which the value
 * survives unchanged) and a text is cut to its `options.length` (so the adapter passes at least its length).
 *
 * What this relies on is checked by GOLDEN (below), run by engine.test.ts on every test run: an upgrade
 * of formulon that changes any of it fails that test with the case named, before any proof runs on it.
 */
import { createRequire } from 'node:module';
import { ast as formulonAst, parse as formulonParse } from 'formulon';

/** The formulon version this adapter and its golden cases were written against (package.json pins it exactly). */
export const FORMULON_VERSION = '6.25.6';

/** A formulon value: what its functions take and return. */
export interface FormulonLiteral {
    type: 'literal';
    dataType: string;
    value: unknown;
    options?: Record<string, unknown>;
}

/** A formulon error value (formulon returns errors as values rather than throwing). */
export interface FormulonErrorValue {
    type: 'error';
    errorType: string;
    message: string;
    [key: string]: unknown;
}

export type FormulonValue = FormulonLiteral | FormulonErrorValue;

export type AstNode =
    | { type: 'callExpression'; id: string; arguments: AstNode[] }
    | { type: 'identifier'; name: string }
    | FormulonLiteral
    | FormulonErrorValue;

/** The two public functions of formulon the adapter uses (injectable, so the golden check can be shown to fail). */
export interface FormulonPublicApi {
    ast(text: string): unknown;
    parse(text: string, substitutions?: Record<string, unknown>): unknown;
}

export interface FormulonEngine {
    version: string;
    /** formulon's syntax tree of a formula, or formulon's SyntaxError value (formulon gives no position). */
    parseTree(text: string): AstNode;
    /** Applies one formulon function (its parameter checks included) to already-evaluated arguments. */
    dispatch(id: string, args: FormulonLiteral[]): FormulonValue;
    /** formulon's own public `parse`, for differential tests. */
    publicParse(text: string, substitutions?: Record<string, unknown>): FormulonValue;
}

/** Binary operators as formulon's grammar writes them; the syntax-tree id of each is read from formulon itself. */
const OPERATORS = ['+', '-', '*', '/', '^', '=', '<>', '<', '<=', '>', '>=', '&&', '||', '&'];

const argName = (i: number): string => `p${i}`;

/**
 * Function results the adapter remembers (parsing even a one-call formula costs formulon about 20-40 µs), in two
 * generations: when the newer one is full it becomes the older one, and a result found in the older one moves to the
 * newer, so the calls every save makes survive a turnover (a single map that is cleared when full forgets them all).
 */
const MAX_REMEMBERED = 50_000;

/** Longer texts and every object (a multi-select value, a picklist's value list) enter a key as a short id. */
const LONG_TEXT = 48;
const MAX_INTERNED = 20_000;
/** Object -> id of its content: a metadata list is serialised once, not on every call. */
const objectIds = new WeakMap<object, string>();
/** Content (long text, serialised object) -> id. Ids are never reused, so forgetting this map cannot make two contents meet. */
let contentIds = new Map<string, string>();
let nextContentId = 0;

function contentId(content: string): string {
    let id = contentIds.get(content);
    if (id === undefined) {
        if (contentIds.size >= MAX_INTERNED) contentIds = new Map();
        id = `#${nextContentId++}`;
        contentIds.set(content, id);
    }
    return id;
}

/**
 * One value as a key part. Short text is length-prefixed and long text and objects become ids of their content, so no
 * two different values share a part. An object is read once: the harness and formulon never change a literal after
 * making it (formulon's results are frozen, the metadata's lists are read-only).
 */
function valueKey(value: unknown): string {
    switch (typeof value) {
        case 'string':
            return value.length > LONG_TEXT ? `l${contentId(value)}` : `s${value.length}:${value}`;
        case 'number':
            return Object.is(value, -0) ? 'n-0' : `n${value}`;
        case 'boolean':
            return value ? 'T' : 'F';
        case 'undefined':
            return 'u';
        default: {
            if (value === null) return 'z';
            if (value instanceof Date) return `d${value.getTime()}`;
            const object = value as object;
            let id = objectIds.get(object);
            if (id === undefined) {
                id = `o${contentId(`${Array.isArray(object) ? 'a' : 'o'}${JSON.stringify(object)}`)}`;
                objectIds.set(object, id);
            }
            return id;
        }
    }
}

/** The call's identity: function id, then each argument's type, data type, value and options (in their own order). */
export function callKey(id: string, args: readonly FormulonLiteral[]): string {
    // Joined once (a flat string): a key grown by += is a chain the map would flatten on every lookup.
    const parts: string[] = [id, String(args.length)];
    for (const arg of args) {
        parts.push(arg.type, arg.dataType, valueKey(arg.value));
        const options = arg.options;
        if (options === undefined) parts.push('-');
        else for (const name in options) parts.push(`${name}=${valueKey(options[name])}`);
        parts.push('.');
    }
    return parts.join('|');
}

/** Number of decimals at which formulon's substitution rounding (half up, away from zero) leaves `value` unchanged. */
function exactScale(value: number, declared: number): number {
    for (let scale = Math.max(0, declared); scale <= 20; scale++) {
        const factor = 10 ** scale;
        const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
        if (rounded === value) return scale;
    }
    return declared;
}

/** The literal as a substitution formulon will not alter. */
function substitution(arg: FormulonLiteral): FormulonLiteral {
    const options = arg.options ?? {};
    if (arg.dataType === 'number' && typeof arg.value === 'number' && Number.isFinite(arg.value)) {
        const declared = typeof options.scale === 'number' ? options.scale : 0;
        const scale = exactScale(arg.value, declared);
        return scale === declared && typeof options.scale === 'number' ? arg : { ...arg, options: { ...options, scale } };
    }
    if (arg.dataType === 'text' && typeof arg.value === 'string') {
        const length = typeof options.length === 'number' ? options.length : 0;
        return length >= arg.value.length ? arg : { ...arg, options: { ...options, length: arg.value.length } };
    }
    return arg;
}

/** Builds the adapter over formulon's public API. Throws when the operator table cannot be read from formulon. */
export function createEngine(api: FormulonPublicApi, version: string, remembered = MAX_REMEMBERED): FormulonEngine {
    const operatorOf = new Map<string, string>();
    for (const op of OPERATORS) {
        const tree = api.ast(`p0 ${op} p1`) as AstNode;
        if (tree?.type === 'callExpression' && !operatorOf.has(tree.id)) operatorOf.set(tree.id, op);
    }
    if (!operatorOf.has('add') || !operatorOf.has('greaterThanOrEqual')) {
        throw new Error(`formulon ${version}: its syntax tree for "p0 + p1" and "p0 >= p1" is not the one this adapter knows.`);
    }
    const callTexts = new Map<string, string>();
    let results = new Map<string, FormulonValue>();
    let older = new Map<string, FormulonValue>();
    const remember = (key: string, result: FormulonValue): void => {
        if (results.size >= remembered) {
            older = results;
            results = new Map();
        }
        results.set(key, result);
    };
    const callText = (id: string, arity: number): string => {
        const key = `${id}/${arity}`;
        let found = callTexts.get(key);
        if (found === undefined) {
            const names = Array.from({ length: arity }, (_, i) => argName(i));
            const op = operatorOf.get(id);
            found = op !== undefined && arity === 2 ? `p0 ${op} p1` : `${id}(${names.join(', ')})`;
            callTexts.set(key, found);
        }
        return found;
    };
    return {
        version,
        parseTree: (text) => api.ast(text) as AstNode,
        dispatch: (id, args) => {
            // formulon's functions are pure (the harness answers NOW and TODAY itself): the same call gives the same value.
            const key = callKey(id, args);
            const known = results.get(key);
            if (known) return known;
            const kept = older.get(key);
            if (kept) {
                remember(key, kept);
                return kept;
            }
            const substitutions: Record<string, FormulonLiteral> = {};
            args.forEach((arg, i) => {
                substitutions[argName(i)] = substitution(arg);
            });
            const result = Object.freeze(api.parse(callText(id, args.length), substitutions) as FormulonValue);
            remember(key, result);
            return result;
        },
        publicParse: (text, substitutions) => api.parse(text, substitutions) as FormulonValue
    };
}

/** The installed formulon's version, read from its package.json. */
export function installedFormulonVersion(): string {
    const require = createRequire(import.meta.url);
    return (require('formulon/package.json') as { version: string }).version;
}

let loaded: FormulonEngine | null = null;

/** The adapter over the installed formulon. Throws a clear error when it is not the pinned version. */
export function formulonEngine(): FormulonEngine {
    if (loaded) return loaded;
    const version = installedFormulonVersion();
    if (version !== FORMULON_VERSION) {
        throw new Error(
            `The formula harness was written against formulon ${FORMULON_VERSION} but ${version} is installed: ` +
                'run node scripts/run-node-tests.mjs scripts/interpreters/formula/engine, fix what its golden cases report, then update FORMULON_VERSION.'
        );
    }
    loaded = createEngine({ ast: formulonAst, parse: formulonParse }, version);
    return loaded;
}

/* ------------------------------------------------------------------ golden cases the adapter and the harness rely on */

const num = (value: number, scale = 0): FormulonLiteral => ({ type: 'literal', dataType: 'number', value, options: { length: 18, scale } });
const txt = (value: string, length = value.length): FormulonLiteral => ({ type: 'literal', dataType: 'text', value, options: { length } });
const NULL: FormulonLiteral = { type: 'literal', dataType: 'null', value: null, options: {} };

export interface GoldenCase {
    name: string;
    /** What the engine answers, reduced to a comparable plain value. */
    run(engine: FormulonEngine): unknown;
    expected: unknown;
}

const valueOf = (v: FormulonValue): unknown => (v.type === 'error' ? `error:${v.errorType}` : v.value);

/**
 * Behaviour of formulon 6.25.6 the harness depends on, each answer measured by hand. Some are quirks
 * the harness wraps (REGEX anchoring, TRIM, FIND's start, eager IF, TEXT of a null picklist): if formulon fixes one,
 * the case fails and the wrapper must be revisited rather than silently applied twice.
 */
export const GOLDEN: GoldenCase[] = [
    { name: 'operator tree: p0 >= p1', run: (e) => (e.parseTree('p0 >= p1') as { id?: string }).id, expected: 'greaterThanOrEqual' },
    { name: 'operator tree: p0 & p1 is add', run: (e) => (e.parseTree('p0 & p1') as { id?: string }).id, expected: 'add' },
    { name: 'function ids are lower-case', run: (e) => (e.parseTree('IsPickVal(p0, "a")') as { id?: string }).id, expected: 'ispickval' },
    { name: 'syntax error is a value', run: (e) => (e.parseTree('AND(TRUE,') as FormulonValue).type, expected: 'error' },
    { name: 'unary minus before a call', run: (e) => (e.parseTree('-LN(2)') as FormulonValue).type, expected: 'error' },
    { name: 'add numbers', run: (e) => valueOf(e.dispatch('add', [num(1.5, 1), num(2)])), expected: 3.5 },
    { name: 'concatenate text', run: (e) => valueOf(e.dispatch('add', [txt('a'), txt('b')])), expected: 'ab' },
    { name: 'compare numbers', run: (e) => valueOf(e.dispatch('greaterThanOrEqual', [num(20), num(20)])), expected: true },
    { name: 'number kept exact', run: (e) => valueOf(e.dispatch('add', [num(1e-7, 0), num(30)])), expected: 30.0000001 },
    { name: 'substitution rounds to scale', run: (e) => valueOf(e.publicParse('p0', { p0: num(1.25, 1) })), expected: 1.3 },
    { name: 'substitution cuts text to length', run: (e) => valueOf(e.publicParse('p0', { p0: txt('abcdef', 2) })), expected: 'ab' },
    { name: 'text kept whole', run: (e) => valueOf(e.dispatch('len', [txt('abcdef', 2)])), expected: 6 },
    { name: 'parameter count checked', run: (e) => valueOf(e.dispatch('len', [txt('a'), txt('b')])), expected: 'error:ArgumentError' },
    { name: 'parameter type checked', run: (e) => valueOf(e.dispatch('equal', [txt('a'), num(1)])), expected: 'error:ArgumentError' },
    { name: 'unknown function', run: (e) => valueOf(e.dispatch('vlookup', [num(1), num(2), num(3)])), expected: 'error:NoFunctionError' },
    { name: 'ISNUMBER not implemented', run: (e) => valueOf(e.dispatch('isnumber', [txt('1')])), expected: 'error:NotImplementedError' },
    { name: 'quirk: REGEX anchors as ^a|b$', run: (e) => valueOf(e.dispatch('regex', [txt('ab'), txt('a|b')])), expected: true },
    { name: 'quirk: TRIM is JavaScript trim', run: (e) => valueOf(e.dispatch('trim', [txt('\u3000a\u00a0')])), expected: 'a' },
    {
        name: 'quirk: FIND counts from start_num',
        run: (e) => valueOf(e.dispatch('find', [txt('b'), txt('abcabc'), num(3)])),
        expected: 3
    },
    {
        name: 'quirk: TEXT of a null picklist',
        run: (e) => valueOf(e.publicParse('TEXT(p0)', { p0: { type: 'literal', dataType: 'picklist', value: null, options: {} } })),
        expected: 'NULL'
    },
    {
        name: 'quirk: IF fails on the untaken branch',
        run: (e) => valueOf(e.publicParse('IF(TRUE, 1, NOW() - p0)', { p0: NULL })),
        expected: 'error:ArgumentError'
    },
    {
        name: 'ISPICKVAL',
        run: (e) => valueOf(e.dispatch('ispickval', [{ ...txt('Red'), dataType: 'picklist' }, txt('Red')])),
        expected: true
    },
    { name: 'EXP(LN(0.5))', run: (e) => valueOf(e.dispatch('exp', [e.dispatch('ln', [num(0.5, 1)]) as FormulonLiteral])), expected: 0.5 },
    { name: 'division', run: (e) => valueOf(e.dispatch('divide', [num(1), num(4)])), expected: 0.25 },
    { name: 'ROUND half up', run: (e) => valueOf(e.dispatch('round', [num(2.5, 1), num(0)])), expected: 3 }
];

/** The golden cases an engine answers differently, as "name: expected X, got Y" lines (empty when all agree). */
export function goldenMismatches(engine: FormulonEngine): string[] {
    const out: string[] = [];
    for (const c of GOLDEN) {
        let got: unknown;
        try {
            got = c.run(engine);
        } catch (error) {
            got = `threw ${(error as Error).message}`;
        }
        if (JSON.stringify(got) !== JSON.stringify(c.expected))
            out.push(`${c.name}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(got)}`);
    }
    return out;
}
