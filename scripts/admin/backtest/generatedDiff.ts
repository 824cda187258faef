/**
 * What a definition change does to the metadata the platform enforces: the generator (`generateAll`,
 * the same code `npm run generate` runs) is called with the current and the proposed definition, and
 * the formula fields, validation rules and the flow's formulas are diffed. `formulaReport` gives each
 * formula's length against the platform's limit for both.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { formulaReport, generateAll, type FormulaReportLine, type GeneratedFile } from '../generate/index.ts';
import { unifiedDiff } from './unifiedDiff.ts';

export interface GeneratedChange {
    path: string;
    status: 'changed' | 'added' | 'removed';
    diff: string;
    added: number;
    removed: number;
}

export interface FormulaSize {
    name: string;
    kind: string;
    limit: number;
    current: number | null;
    proposed: number | null;
    /** The generator's compiled-size estimate: expression nodes with referenced formula fields expanded inline. */
    nodesCurrent: number | null;
    nodesProposed: number | null;
}

export interface GeneratedComparison {
    /** Formula and rule files whose generated text differs, in path order. */
    changes: GeneratedChange[];
    /** How many formula and rule files the generator produced for either definition. */
    formulaFiles: number;
    sizes: FormulaSize[];
    /** Set when the generator refused a definition: the report says so instead of failing. */
    error: string | null;
}

/** Formula fields, validation rules and flows that hold formulas: the files whose logic a definition drives. */
export function isFormulaOrRuleFile(path: string, content: string): boolean {
    if (path.includes('/validationRules/')) return true;
    if (path.includes('/fields/')) return content.includes('<formula>');
    if (path.includes('/flows/')) return content.includes('<formulas>');
    return false;
}

const count = (diff: string, sign: '+' | '-'): number =>
    diff.split('\n').filter((line) => line.startsWith(sign) && !line.startsWith(`${sign}${sign}${sign} `)).length;

export function compareGenerated(current: SqlDefinition, proposed: SqlDefinition): GeneratedComparison {
    // formulaReport measures without refusing; generateAll refuses a formula over the limit (the report says so).
    let sizesBefore: FormulaReportLine[] = [];
    let sizesAfter: FormulaReportLine[] = [];
    let before = new Map<string, string>();
    let after = new Map<string, string>();
    const errors: string[] = [];
    const pick = (files: GeneratedFile[], report: FormulaReportLine[]): Map<string, string> => {
        const formulaPaths = new Set(report.map((line) => line.path));
        return new Map(
            files.filter((f) => formulaPaths.has(f.path) || isFormulaOrRuleFile(f.path, f.content)).map((f) => [f.path, f.content])
        );
    };
    for (const [which, def] of [
        ['current', current],
        ['proposed', proposed]
    ] as const) {
        try {
            const sizes = formulaReport(def);
            const files = pick(generateAll(def), sizes);
            if (which === 'current') [sizesBefore, before] = [sizes, files];
            else [sizesAfter, after] = [sizes, files];
        } catch (error) {
            errors.push(`the generator refused the ${which} definition: ${(error as Error).message}`);
            if (which === 'current') sizesBefore = safeReport(def);
            else sizesAfter = safeReport(def);
        }
    }
    const names = [...new Set([...sizesBefore.map((s) => s.name), ...sizesAfter.map((s) => s.name)])];
    const sizes = names.map((name) => {
        const b = sizesBefore.find((s) => s.name === name);
        const a = sizesAfter.find((s) => s.name === name);
        return {
            name,
            kind: (a ?? b)?.kind ?? '',
            limit: (a ?? b)?.limit ?? 3900,
            current: b?.chars ?? null,
            proposed: a?.chars ?? null,
            nodesCurrent: b?.estimate.nodes ?? null,
            nodesProposed: a?.estimate.nodes ?? null
        };
    });
    if (errors.length > 0) return { changes: [], formulaFiles: Math.max(before.size, after.size), sizes, error: errors.join('; ') };
    const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
    const changes: GeneratedChange[] = [];
    for (const path of paths) {
        const a = before.get(path);
        const b = after.get(path);
        if (a === b) continue;
        const diff = unifiedDiff(a === undefined ? null : path, a ?? '', b === undefined ? null : path, b ?? '');
        changes.push({
            path,
            status: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed',
            diff,
            added: count(diff, '+'),
            removed: count(diff, '-')
        });
    }
    return { changes, formulaFiles: paths.length, sizes, error: null };
}

function safeReport(def: SqlDefinition): FormulaReportLine[] {
    try {
        return formulaReport(def);
    } catch {
        return [];
    }
}
