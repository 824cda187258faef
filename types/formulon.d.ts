/** The public API of formulon 6.25.6 the formula harness uses (the package ships no types). */
declare module 'formulon' {
    export function ast(formula: string): unknown;
    export function parse(formula: string, substitutions?: Record<string, unknown>): unknown;
}
