/**
 * Access to formulon's parser and function library, one level below its public `parse()`.
 *
 * formulon's public `parse(text, substitutions)` re-parses the text on every call (parsing is most of
 * its cost), evaluates both branches of every IF, reads the real clock for NOW()/TODAY() and reports
 * syntax errors without a position. The harness needs the pieces separately: the parser (to parse a
 * formula once and keep its syntax tree) and the function dispatcher (to evaluate a tree node by node,
 * in its own order). formulon exports `ast()` but not its dispatcher, so this module loads formulon's
 * own distributed file (the exact pinned version) as a CommonJS module whose exports are extended with
 * its internal `dispatch` function and Peggy parser. Nothing of formulon is copied: the file is read
 * from node_modules at run time, and a changed internal layout is reported as a clear error.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';

/** The formulon version whose internals this module was written against (package.json pins it exactly). */
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

interface PeggySyntaxError extends Error {
    location?: { start: { offset: number; line: number; column: number } };
}

export interface FormulonEngine {
    version: string;
    /** Parses formula text to formulon's syntax tree, or throws the parser's SyntaxError (with its location). */
    parseTree(text: string): AstNode;
    /** Applies one formulon function (validations included) to already-evaluated arguments. */
    dispatch(name: string, args: FormulonValue[]): FormulonValue;
    /** Whether formulon implements a function of this (lower-case) name. */
    hasFunction(name: string): boolean;
    /** formulon's own public `parse`, for differential tests. */
    publicParse(text: string, substitutions?: Record<string, unknown>): FormulonValue;
}

let loaded: FormulonEngine | null = null;
let loadError: Error | null = null;

/** Loads formulon once. Throws only if the installed formulon is not the version this module knows. */
export function formulonEngine(): FormulonEngine {
    if (loaded) return loaded;
    if (loadError) throw loadError;
    try {
        loaded = load();
        return loaded;
    } catch (error) {
        loadError = error instanceof Error ? error : new Error(String(error));
        throw loadError;
    }
}

function load(): FormulonEngine {
    const projectRequire = createRequire(import.meta.url);
    const packageJsonPath = projectRequire.resolve('formulon/package.json');
    const { version, main } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version: string; main: string };
    if (version !== FORMULON_VERSION) {
        throw new Error(
            `The formula harness was written against formulon ${FORMULON_VERSION} but ${version} is installed: ` +
                're-check the quirks in scripts/formula/harness.ts and update FORMULON_VERSION.'
        );
    }
    const file = join(dirname(packageJsonPath), main);
    const source = readFileSync(file, 'utf8');
    for (const internal of ['const dispatch = (name, args)', 'var salesforceParser =', 'const existingFunctions =']) {
        if (!source.includes(internal)) throw new Error(`formulon ${version}: internal "${internal}" not found in ${file}.`);
    }
    // The CommonJS wrapper Node itself would use, with three more exports appended inside its scope.
    const wrapper =
        '(function (exports, require, module, __filename, __dirname) {' +
        source +
        '\n;exports.__leadgate = { dispatch, salesforceParser, existingFunctions };\n})';
    const compiled = runInThisContext(wrapper, { filename: file }) as (...args: unknown[]) => void;
    const mod = { exports: {} as Record<string, unknown> };
    compiled(mod.exports, createRequire(file), mod, file, dirname(file));
    const internals = mod.exports.__leadgate as {
        dispatch: (name: string, args: FormulonValue[]) => FormulonValue;
        salesforceParser: { parse(text: string): AstNode };
        existingFunctions: Record<string, unknown>;
    };
    const publicParse = mod.exports.parse as (text: string, substitutions?: Record<string, unknown>) => FormulonValue;
    return {
        version,
        parseTree: (text) => internals.salesforceParser.parse(text),
        dispatch: (name, args) => internals.dispatch(name, args),
        hasFunction: (name) => Object.prototype.hasOwnProperty.call(internals.existingFunctions, name),
        publicParse
    };
}

/** The location of a parser SyntaxError, if the error carries one. */
export function syntaxErrorLocation(error: unknown): { offset: number; line: number; column: number } | null {
    const location = (error as PeggySyntaxError | null)?.location;
    return location ? { offset: location.start.offset, line: location.start.line, column: location.start.column } : null;
}
