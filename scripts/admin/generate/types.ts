import type { Expr } from './expr.ts';

/** One generated file: repo-relative path and its exact content. */
export interface GeneratedFile {
    path: string;
    content: string;
}

export type FormulaKind = 'formulaField' | 'validationRule' | 'flowFormula';

/** A generated formula, measured as the org receives it (the text between its tags, layout included). */
export interface FormulaEntry {
    name: string;
    kind: FormulaKind;
    chars: number;
    expr: Expr;
    /** The generated file that carries it. */
    path: string;
}
