/**
 * What `verify:apex` reads out of one Apex file with @apexdevtools/apex-parser: syntax errors, the sharing
 * declaration of every class, and every SOQL query it can see (static `[SELECT ...]` literals, and
 * `Database.query(...)`-family calls whose argument is a string literal, a concatenation of literals, or a
 * variable initialised with one).
 *
 * The parser's `check()` helper returns status 0 even when it found errors, so this module never uses it:
 * it attaches its own error listener to both lexer and parser and counts what arrives.
 */
import {
    ApexErrorListener,
    ApexParserFactory,
    Arth2ExpressionContext,
    BoundExpressionContext,
    ClassBodyDeclarationContext,
    ClassDeclarationContext,
    DotExpressionContext,
    IdPrimaryContext,
    LimitClauseContext,
    LiteralContext,
    LiteralPrimaryContext,
    OffsetClauseContext,
    PrimaryExpressionContext,
    SoqlLiteralContext,
    SubExpressionContext,
    TypeDeclarationContext,
    VariableDeclaratorContext,
    type ApexParserRuleContext,
    type ModifierContext
} from '@apexdevtools/apex-parser';

export interface SyntaxProblem {
    line: number;
    column: number;
    message: string;
}

export type SharingKeyword = 'with sharing' | 'without sharing' | 'inherited sharing' | null;

export interface ApexClassInfo {
    name: string;
    line: number;
    /** Declared at file level (not an inner class). */
    topLevel: boolean;
    isTest: boolean;
    sharing: SharingKeyword;
}

export interface ExtractedQuery {
    kind: 'static' | 'dynamic';
    /** SOQL text ready for a SOQL parser: Apex bind expressions are replaced by simple `:bindN` names. */
    soql: string;
    /** The query as written (static) or as evaluated from its literals (dynamic), for locating fields. */
    original: string;
    line: number;
    column: number;
}

export interface UncheckedQuery {
    line: number;
    column: number;
    method: string;
}

export interface ApexAnalysis {
    syntaxErrors: SyntaxProblem[];
    classes: ApexClassInfo[];
    queries: ExtractedQuery[];
    /** Database.query-family calls whose SOQL is built at run time and cannot be read statically. */
    uncheckedQueries: UncheckedQuery[];
}

/** Methods whose first argument is a SOQL string. */
const DYNAMIC_QUERY_METHODS = new Set(
    ['query', 'queryWithBinds', 'getQueryLocator', 'getQueryLocatorWithBinds', 'countQuery', 'countQueryWithBinds', 'getCursor'].map((m) =>
        m.toLowerCase()
    )
);

class CollectingListener extends ApexErrorListener {
    readonly problems: SyntaxProblem[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        // ANTLR columns are 0-based; editors and the compiler count from 1.
        this.problems.push({ line, column: column + 1, message: msg });
    }
}

interface Node {
    children?: Node[] | null;
    parentCtx?: Node | null;
    start?: { start: number; line: number; column: number } | null;
    stop?: { stop: number } | null;
    getText(): string;
}

const kids = (n: Node): Node[] => (n.children ?? []) as Node[];

function walk(n: Node, visit: (n: Node) => void): void {
    visit(n);
    for (const c of kids(n)) walk(c, visit);
}

function isTrigger(fileName: string): boolean {
    return fileName.toLowerCase().endsWith('.trigger');
}

/** Anonymous Apex (`.apex`, run with `sf apex run --file`): statements, not a class. */
function isAnonymous(fileName: string): boolean {
    return fileName.toLowerCase().endsWith('.apex');
}

/** Parses one Apex class, trigger or anonymous script and extracts what the checks need. Never throws on bad input. */
export function analyzeApex(source: string, fileName: string): ApexAnalysis {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const tree = (isTrigger(fileName)
        ? parser.triggerUnit()
        : isAnonymous(fileName)
          ? parser.anonymousUnit()
          : parser.compilationUnit()) as unknown as Node;
    const analysis: ApexAnalysis = { syntaxErrors: listener.problems, classes: [], queries: [], uncheckedQueries: [] };
    if (listener.problems.length) return analysis;

    const declarations = new Map<string, Node[]>();
    walk(tree, (n) => {
        if (n instanceof VariableDeclaratorContext) {
            const name = n.id().getText().toLowerCase();
            const list = declarations.get(name) ?? [];
            list.push(n as unknown as Node);
            declarations.set(name, list);
        }
    });

    // String variables initialised with SOQL (`private static final String X = 'SELECT ...'`): checked where declared,
    // whatever run-time code later does with them (a selector may trim a clause before Database.query).
    const seen = new Set<string>();
    for (const list of declarations.values()) {
        if (list.length !== 1) continue;
        const init = (list[0] as unknown as VariableDeclaratorContext).expression() as unknown as Node | null;
        const text = init ? evaluateString(init, declarations, 0) : undefined;
        if (text === undefined || !/^\s*SELECT\s/i.test(text)) continue;
        seen.add(text);
        analysis.queries.push({
            kind: 'dynamic',
            soql: bindCounts(text),
            original: text,
            line: init!.start!.line,
            column: init!.start!.column + 1
        });
    }

    walk(tree, (n) => {
        if (n instanceof ClassDeclarationContext) analysis.classes.push(classInfo(n));
        else if (n instanceof SoqlLiteralContext) analysis.queries.push(staticQuery(n as unknown as Node, source));
        else if (n instanceof DotExpressionContext) {
            const call = n.dotMethodCall();
            if (!call || n.expression().getText().toLowerCase() !== 'database') return;
            const method = call.anyId().getText();
            if (!DYNAMIC_QUERY_METHODS.has(method.toLowerCase())) return;
            const arg = call.expressionList()?.expression(0) as unknown as Node | undefined;
            const start = (n as unknown as Node).start!;
            const text = arg ? evaluateString(arg, declarations, 0) : undefined;
            if (text === undefined) {
                analysis.uncheckedQueries.push({ line: start.line, column: start.column + 1, method: `Database.${method}` });
                return;
            }
            if (seen.has(text)) return; // already checked where the constant is declared
            const argStart = arg!.start!;
            analysis.queries.push({
                kind: 'dynamic',
                soql: bindCounts(text),
                original: text,
                line: argStart.line,
                column: argStart.column + 1
            });
        }
    });
    return analysis;
}

function classInfo(ctx: ClassDeclarationContext): ApexClassInfo {
    const parent = ctx.parentCtx as unknown;
    let modifiers: ModifierContext[] = [];
    let topLevel = false;
    if (parent instanceof TypeDeclarationContext) {
        modifiers = parent.modifier_list();
        topLevel = true;
    } else {
        const member = (parent as { parentCtx?: unknown } | null)?.parentCtx;
        if (member instanceof ClassBodyDeclarationContext) modifiers = member.modifier_list();
    }
    let sharing: SharingKeyword = null;
    let isTest = false;
    for (const m of modifiers) {
        const text = m.getText().toLowerCase();
        if (text === 'withsharing') sharing = 'with sharing';
        else if (text === 'withoutsharing') sharing = 'without sharing';
        else if (text === 'inheritedsharing') sharing = 'inherited sharing';
        else if (text.startsWith('@istest')) isTest = true;
    }
    const start = (ctx as unknown as Node).start!;
    const nameLine = (ctx.id() as unknown as Node).start?.line ?? start.line;
    return { name: ctx.id().getText(), line: nameLine, topLevel, isTest, sharing };
}

function staticQuery(literal: Node, source: string): ExtractedQuery {
    const query = kids(literal).find((c) => c.constructor.name === 'QueryContext') ?? literal;
    const from = query.start!.start;
    const to = query.stop!.stop + 1;
    const original = source.slice(from, to);
    const binds: Array<{ from: number; to: number; replacement: string }> = [];
    let counter = 0;
    walk(query, (n) => {
        if (!(n instanceof BoundExpressionContext)) return;
        const inCount = n.parentCtx instanceof LimitClauseContext || n.parentCtx instanceof OffsetClauseContext;
        counter += 1;
        binds.push({ from: n.start!.start - from, to: n.stop!.stop + 1 - from, replacement: inCount ? '1' : `:bind${counter}` });
    });
    // Bound expressions never nest inside one another in SOQL, so replacing from the end keeps offsets valid.
    let soql = original;
    for (const b of binds.sort((x, y) => y.from - x.from)) soql = soql.slice(0, b.from) + b.replacement + soql.slice(b.to);
    return { kind: 'static', soql, original, line: query.start!.line, column: query.start!.column + 1 };
}

/** `LIMIT :cap` / `OFFSET :n` in a dynamic query string as numbers: the SOQL parser accepts binds only in conditions. */
const bindCounts = (soql: string): string => soql.replace(/\b(LIMIT|OFFSET)\s+:\s*\w+/gi, '$1 1');

/** Apex string literal body to its value ('It\'s' -> It's). */
export function unescapeApexString(literal: string): string {
    const body = literal.slice(1, -1);
    return body.replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' })[ch] ?? ch);
}

/** Value of an expression built only from string literals (and variables initialised with such), else undefined. */
function evaluateString(expr: Node, declarations: Map<string, Node[]>, depth: number): string | undefined {
    if (depth > 8) return undefined;
    if (expr instanceof SubExpressionContext) return evaluateString(kids(expr)[1]!, declarations, depth + 1);
    if (expr instanceof Arth2ExpressionContext) {
        const [left, op, right] = kids(expr);
        if (op?.getText() !== '+') return undefined;
        const l = evaluateString(left!, declarations, depth + 1);
        const r = evaluateString(right!, declarations, depth + 1);
        return l === undefined || r === undefined ? undefined : l + r;
    }
    if (expr instanceof PrimaryExpressionContext) {
        const primary = kids(expr)[0];
        if (primary instanceof LiteralPrimaryContext) {
            const literal = kids(primary)[0];
            if (literal instanceof LiteralContext && literal.StringLiteral()) return unescapeApexString(literal.getText());
            return undefined;
        }
        if (primary instanceof IdPrimaryContext) {
            const found = declarations.get(primary.getText().toLowerCase());
            // One declaration with a literal initialiser: a constant in all but keyword. Anything else is run-time data.
            if (!found || found.length !== 1) return undefined;
            const init = (found[0] as unknown as VariableDeclaratorContext).expression() as unknown as Node | null;
            return init ? evaluateString(init, declarations, depth + 1) : undefined;
        }
    }
    return undefined;
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text[i] === '\n') {
            line += 1;
            lineStart = i + 1;
        }
    }
    return { line, column: offset - lineStart + 1 };
}

export type { ApexParserRuleContext };
