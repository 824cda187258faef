/**
 * Formulas: every formula the generator writes (formula fields, validation rules, the before-save flow's
 * formulas) with its characters against the platform's 3,900 limit, straight from the generator's own
 * `formulaReport` (scripts/admin/generate/index.ts; nothing is recounted here). The compiled-size limit (5,000 bytes)
 * can only be measured by an org; the generator's estimate (nodes and field references after inlining the
 * formula fields a formula references) is printed beside it as a relative indicator, not as bytes.
 *
 *   npx tsx bench/formulas.ts
 */
import { atMost, BUDGETS } from './budgets.ts';
import { formulaReport, type FormulaReportLine } from '../scripts/admin/generate/index.ts';
import { GroupPrinter, int, isMain, printEnvironment, type GroupResult } from './lib/report.ts';

export interface FormulaFigures {
    formulas: Array<Pick<FormulaReportLine, 'name' | 'kind' | 'chars' | 'limit'> & { nodes: number; fieldRefs: number }>;
    longest: { name: string; chars: number };
}

export async function runFormulas(): Promise<GroupResult & { figures: FormulaFigures }> {
    const out = new GroupPrinter('Formulas: characters against the 3,900 limit (generator formulaReport)');
    const report = [...formulaReport()].sort((a, b) => b.chars - a.chars);
    out.line(`${'formula'.padEnd(58)} ${'kind'.padEnd(15)} ${'chars'.padStart(6)}  of limit  compiled-size estimate`);
    for (const f of report) {
        const share = `${((f.chars / f.limit) * 100).toFixed(0)}%`;
        out.line(
            `${f.name.padEnd(58)} ${f.kind.padEnd(15)} ${int(f.chars).padStart(6)}  ${share.padStart(8)}  ` +
                `${f.estimate.nodes} nodes, ${f.estimate.fieldRefs} field refs${f.estimate.expanded.length ? `, inlines ${f.estimate.expanded.join(', ')}` : ''}`
        );
    }
    const longest = report[0];
    if (!longest) throw new Error('The generator reports no formulas.');
    out.line(`${report.length} formulas; the longest, ${longest.name}, uses ${int(longest.chars)} of ${int(longest.limit)} characters`);
    out.check(atMost('longest formula (platform limit)', longest.chars, BUDGETS.formulas.maxChars, 'chars', (n) => `${int(n)} chars`));
    return {
        ...out.done(),
        figures: {
            formulas: report.map((f) => ({
                name: f.name,
                kind: f.kind,
                chars: f.chars,
                limit: f.limit,
                nodes: f.estimate.nodes,
                fieldRefs: f.estimate.fieldRefs
            })),
            longest: { name: longest.name, chars: longest.chars }
        }
    };
}

if (isMain(import.meta.url)) {
    printEnvironment();
    runFormulas().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
