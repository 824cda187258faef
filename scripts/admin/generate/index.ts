/**
 * The generator: the SQL definition in, every generated LeadGate metadata file out.
 *
 * `generateAll(def)` is pure (no I/O) and deterministic: the same definition gives byte-identical files.
 * It throws `FormulaTooLongError` when a formula exceeds the platform's 3,900-character limit.
 * `formulaReport(def)` measures every formula without refusing, so the CLI can show the headroom of each.
 * The CLI (`generate.ts`) writes the files, or with `--check` names the stale ones.
 */
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { estimateSize, type Expr, type SizeEstimate } from './expr.ts';
import { generateAlerts } from './alerts.ts';
import { generateApexDefinition } from './apexDefinition.ts';
import { generateApexQueries } from './apexQueries.ts';
import { generateDrillQueries } from './drillQueries.ts';
import { generateDrillReports } from './drillReports.ts';
import { generateCommittee } from './committee.ts';
import { generateEvidenceReview } from './evidenceReview.ts';
import { generateLeadFields } from './fields.ts';
import { generateFlow } from './flow.ts';
import { generateLabels } from './labels.ts';
import { generateLeadConvert } from './leadConvert.ts';
import { generateListViews } from './listViews.ts';
import { generateLeadStatus } from './leadStatus.ts';
import { generateOpportunity } from './opportunity.ts';
import { generatePermissions } from './permissionSets.ts';
import { generateValidationRules } from './validationRules.ts';
import { generateParityResources } from './parityResources.ts';
import { FORMULA_CHAR_LIMIT } from './formulas.ts';
import type { FormulaEntry, FormulaKind, GeneratedFile } from './types.ts';
import { versionLockFile } from './definitionVersion.ts';

export type { GeneratedFile, FormulaEntry, FormulaKind } from './types.ts';
export { FORMULA_CHAR_LIMIT } from './formulas.ts';

export interface FormulaReportLine {
    name: string;
    kind: FormulaKind;
    chars: number;
    limit: 3900;
    /** Estimate of compiled size: nodes and field references with referenced formula fields expanded inline. */
    estimate: SizeEstimate;
    path: string;
}

export class FormulaTooLongError extends Error {
    constructor(readonly over: FormulaReportLine[]) {
        super(
            over
                .map((f) => `${f.kind} ${f.name} is ${f.chars} characters, over the platform limit of ${f.limit} by ${f.chars - f.limit}`)
                .join('\n') + '\nShorten the definition (fewer or shorter keywords, countries or domains) and run npm run generate again.'
        );
        this.name = 'FormulaTooLongError';
    }
}

interface Build {
    files: GeneratedFile[];
    formulas: FormulaEntry[];
}

function build(def: SqlDefinition): Build {
    const fields = generateLeadFields(def);
    const opportunity = generateOpportunity(def);
    const committee = generateCommittee(def);
    const parts: Array<{ files: GeneratedFile[]; formulas?: FormulaEntry[] }> = [
        fields,
        generateValidationRules(def),
        generateParityResources(def),
        generateFlow(def),
        generateAlerts(def),
        generateListViews(def),
        opportunity,
        committee,
        generateEvidenceReview(def),
        generateApexDefinition(def),
        generateApexQueries(def),
        generateDrillQueries(def),
        generateDrillReports(def),
        generatePermissions(def, [...fields.specs, ...opportunity.specs, ...committee.specs]),
        generateLeadStatus(def),
        generateLeadConvert(def),
        generateLabels(def)
    ];
    const files = parts.flatMap((p) => p.files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const seen = new Set<string>();
    for (const f of files) {
        if (seen.has(f.path)) throw new Error(`Two generated files share the path ${f.path}`);
        seen.add(f.path);
    }
    return { files, formulas: parts.flatMap((p) => p.formulas ?? []) };
}

function report(formulas: FormulaEntry[]): FormulaReportLine[] {
    const formulaFields = new Map<string, Expr>(formulas.filter((f) => f.kind === 'formulaField').map((f) => [f.name, f.expr]));
    return formulas.map((f) => ({
        name: f.name,
        kind: f.kind,
        chars: f.chars,
        limit: FORMULA_CHAR_LIMIT,
        estimate: estimateSize(f.expr, formulaFields),
        path: f.path
    }));
}

/** Every formula the generator writes, with its character count against the 3,900 limit. Never refuses. */
export function formulaReport(def: SqlDefinition = SQL_DEFINITION): FormulaReportLine[] {
    return report(build(def).formulas);
}

/** Every generated file, sorted by path, then the definition version lock (definitionVersion.ts). Throws FormulaTooLongError if any formula is over the limit. */
export function generateAll(def: SqlDefinition = SQL_DEFINITION): GeneratedFile[] {
    const { files, formulas } = build(def);
    const over = report(formulas).filter((f) => f.chars > f.limit);
    if (over.length > 0) throw new FormulaTooLongError(over);
    return [...files, versionLockFile(def, files).file];
}
