/**
 * A tiny formula expression tree and its printer. The generator builds every formula (formula fields,
 * validation rules, the flow's fit formula) as a tree, so it can
 * - print it readably within a width (a call or chain that does not fit breaks one argument per line),
 *   in the two reference syntaxes the platform uses: `Field__c` in fields and rules, `{!$Record.Field__c}` in flows;
 * - estimate compiled size: count the nodes and field references after expanding referenced formula fields
 *   (the platform compiles a referenced formula field inline; only an org's Check Syntax gives the real size).
 *
 * Printing rules chosen to stay clear of formulon's and prettier's quirks:
 * - no unary minus before a call (written `0 - x`), negative numeric literals are fine;
 * - `<` is only ever printed with spaces around it, and `<=` / `<>` are never printed (use `>=`, `!=`, NOT);
 * - `&` (concatenation) always has spaces around it;
 * - a text literal too long for its line is split into pieces joined with + (text concatenation; same value).
 */

export type BinaryOp = '+' | '-' | '*' | '/' | '&' | '>=' | '>' | '<' | '=' | '!=';

export type Expr =
    | { k: 'call'; fn: string; args: Expr[] }
    | { k: 'op'; op: BinaryOp; args: Expr[] }
    | { k: 'field'; name: string }
    | { k: 'text'; value: string }
    | { k: 'num'; value: number }
    /** A bare keyword or global reference: TRUE, FALSE, NULL, $Permission.X, $User.Id. */
    | { k: 'lit'; value: string };

export const call = (fn: string, ...args: Expr[]): Expr => ({ k: 'call', fn, args });
export const op = (o: BinaryOp, ...args: Expr[]): Expr => ({ k: 'op', op: o, args });
export const field = (name: string): Expr => ({ k: 'field', name });
export const text = (value: string): Expr => ({ k: 'text', value });
export const num = (value: number): Expr => {
    if (!Number.isFinite(value)) throw new Error(`Formula number must be finite, got ${value}`);
    return { k: 'num', value };
};
export const lit = (value: string): Expr => ({ k: 'lit', value });

export const AND = (...args: Expr[]): Expr => (args.length === 1 ? (args[0] as Expr) : call('AND', ...args));
export const OR = (...args: Expr[]): Expr => (args.length === 1 ? (args[0] as Expr) : call('OR', ...args));
export const NOT = (e: Expr): Expr => call('NOT', e);
export const IF = (c: Expr, a: Expr, b: Expr): Expr => call('IF', c, a, b);
export const ISPICKVAL = (f: string, value: string): Expr => call('ISPICKVAL', field(f), text(value));
export const ISBLANK = (e: Expr): Expr => call('ISBLANK', e);

export interface PrintOptions {
    /** How a field reference is written: `Name` in fields and rules, `{!$Record.Name}` in flow formulas. */
    ref: (name: string) => string;
    /** Maximum line width, counted from the start of the formula's first line. */
    width: number;
}

export const FIELD_REFS: PrintOptions['ref'] = (name) => name;
export const FLOW_RECORD_REFS: PrintOptions['ref'] = (name) => `{!$Record.${name}}`;

function numberText(value: number): string {
    // Plain decimal notation (no exponent): the formula language has no 1e7 syntax.
    if (Number.isInteger(value)) return value.toFixed(0);
    const s = String(value);
    if (/e/i.test(s)) throw new Error(`Cannot print ${value} without an exponent`);
    return s;
}

const quote = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function flat(e: Expr, o: Pick<PrintOptions, 'ref'>): string {
    switch (e.k) {
        case 'call':
            return `${e.fn}(${e.args.map((a) => flat(a, o)).join(', ')})`;
        case 'op':
            return e.args.map((a) => (a.k === 'op' ? `(${flat(a, o)})` : flat(a, o))).join(` ${e.op} `);
        case 'field':
            return o.ref(e.name);
        case 'text':
            return quote(e.value);
        case 'num':
            return numberText(e.value);
        case 'lit':
            return e.value;
    }
}

const pad = (n: number): string => ' '.repeat(n);

/** Lines of `e` laid out at `indent` (every line carries its full indentation). */
function layout(e: Expr, indent: number, o: PrintOptions): string[] {
    const one = flat(e, o);
    if (indent + one.length <= o.width) return [pad(indent) + one];
    switch (e.k) {
        case 'call': {
            const lines = [`${pad(indent)}${e.fn}(`];
            e.args.forEach((arg, i) => {
                const argLines = layout(arg, indent + 4, o);
                if (i < e.args.length - 1) argLines[argLines.length - 1] += ',';
                lines.push(...argLines);
            });
            lines.push(`${pad(indent)})`);
            return lines;
        }
        case 'op': {
            // An operator that is an XML entity (& and <) must never start or end a line: prettier's XML formatting
            // would join the lines. Such chains break as parenthesised halves instead (see nestedChain).
            if (ENTITY_OPS.has(e.op)) return nestedChain(e, indent, o);
            const lines: string[] = [];
            e.args.forEach((arg, i) => {
                const argLines = arg.k === 'op' ? parenthesised(arg, indent, o) : layout(arg, indent, o);
                if (i > 0) argLines[0] = `${pad(indent)}${e.op} ${(argLines[0] ?? '').trimStart()}`;
                lines.push(...argLines);
            });
            return lines;
        }
        case 'text': {
            // Split a long literal into concatenated pieces that each fit (the value is unchanged).
            const room = Math.max(20, o.width - indent - 6);
            if (e.value.length <= room) return [pad(indent) + one];
            const pieces: Expr[] = [];
            let rest = e.value;
            while (rest.length > room) {
                // Prefer to cut after a list separator (':' in lists, '|' in patterns, a space in prose) so pieces read whole.
                const window = rest.slice(0, room);
                const cut = Math.max(window.lastIndexOf(':'), window.lastIndexOf('|'), window.lastIndexOf(' ')) + 1;
                const at = cut > room / 2 ? cut : room;
                pieces.push(text(rest.slice(0, at)));
                rest = rest.slice(at);
            }
            if (rest !== '') pieces.push(text(rest));
            // Joined with + (text concatenation on the platform and in formulon), not &, which is an XML entity that
            // must not start a line.
            return layout(op('+', ...pieces), indent, o);
        }
        default:
            return [pad(indent) + one];
    }
}

const ENTITY_OPS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['&', '<']);

/**
 * A chain of & or < laid out as a balanced tree of parenthesised halves, `(` / left / `) & (` / right / `)`, so the
 * entity operator always sits mid-line and the nesting depth grows only with the logarithm of the chain length.
 */
function nestedChain(e: Extract<Expr, { k: 'op' }>, indent: number, o: PrintOptions): string[] {
    const chain = (args: Expr[], at: number): string[] => {
        const whole: Expr = args.length === 1 ? (args[0] as Expr) : { k: 'op', op: e.op, args };
        const one = flat(whole, o);
        if (at + one.length <= o.width || args.length === 1) return args.length === 1 ? layout(whole, at, o) : [pad(at) + one];
        const mid = Math.ceil(args.length / 2);
        return [
            `${pad(at)}(`,
            ...chain(args.slice(0, mid), at + 4),
            `${pad(at)}) ${e.op} (`,
            ...chain(args.slice(mid), at + 4),
            `${pad(at)})`
        ];
    };
    return chain(e.args, indent);
}

function parenthesised(e: Expr, indent: number, o: PrintOptions): string[] {
    const one = `(${flat(e, o)})`;
    if (indent + one.length <= o.width) return [pad(indent) + one];
    return [`${pad(indent)}(`, ...layout(e, indent + 4, o), `${pad(indent)})`];
}

/** The formula's lines, the first without indentation, later ones indented relative to it. */
export function printFormula(e: Expr, o: PrintOptions): string[] {
    return layout(e, 0, o);
}

/* ------------------------------------------------------------------ compiled-size estimate */

export interface SizeEstimate {
    /** Nodes (calls, operators, literals, references) after expanding referenced formula fields inline. */
    nodes: number;
    /** Field references after expansion (each occurrence counts: the compiled SQL repeats them). */
    fieldRefs: number;
    /** Formula fields expanded inline, by name (a field referenced twice is expanded twice). */
    expanded: string[];
}

/** Estimate of compiled size: the platform inlines every referenced formula field, so this counts them expanded. */
export function estimateSize(e: Expr, formulaFields: ReadonlyMap<string, Expr>): SizeEstimate {
    const est: SizeEstimate = { nodes: 0, fieldRefs: 0, expanded: [] };
    const visit = (x: Expr, depth: number): void => {
        if (depth > 20) throw new Error('Formula fields reference each other in a cycle');
        est.nodes++;
        if (x.k === 'call' || x.k === 'op') x.args.forEach((a) => visit(a, depth));
        else if (x.k === 'field') {
            const inner = formulaFields.get(x.name);
            if (inner) {
                est.expanded.push(x.name);
                visit(inner, depth + 1);
            } else est.fieldRefs++;
        }
    };
    visit(e, 0);
    return est;
}
