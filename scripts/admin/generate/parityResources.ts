/**
 * LeadGateValidationRules (a static resource): each generated validation rule's name, message and display field, as
 * JSON. The org-side parity test (LeadGateQualificationParity_Tests) reads it to know which words the org must answer
 * with when a case of data/qualification-cases.json expects a rule to fire; the offline formula tests read the same
 * words from the rule XML. Generated beside the rules, from the same specs, so the two cannot differ.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlDefinition } from 'c/sqlDefinition';
import { generatedNote } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { validationRuleSpecs } from './validationRules.ts';
import { resolveCaseTable, type StatedTable } from './qualificationCaseTable.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const STATIC_RESOURCES_DIR = 'force-app/main/default/staticresources';
export const VALIDATION_RULES_RESOURCE = 'LeadGateValidationRules';
export const QUALIFICATION_CASES_RESOURCE = 'LeadGateQualificationCases';
/** The hand-written case table, relative to the bar (qualificationCaseTable.ts), in the project this generator belongs to. */
export const CASE_TABLE_PATH = 'data/qualification-cases.json';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function readCaseTable(root: string = projectRoot): StatedTable {
    return JSON.parse(readFileSync(join(root, CASE_TABLE_PATH), 'utf8')) as StatedTable;
}

export interface ValidationRuleMessage {
    name: string;
    message: string;
    /** The field the message is shown beside, or null for the top of the page. */
    field: string | null;
}

export interface ValidationRulesResource {
    $comment: string;
    rules: ValidationRuleMessage[];
}

export function validationRulesResource(def: SqlDefinition): ValidationRulesResource {
    return {
        $comment: `${generatedNote(def)} Read by LeadGateQualificationParity_Tests.`,
        rules: validationRuleSpecs(def).map((r) => ({ name: r.name, message: r.message, field: r.displayField }))
    };
}

const jsonResource = (path: string, description: string): GeneratedFile => ({
    path,
    content: xmlDocument(
        node('StaticResource', leaf('cacheControl', 'Private'), leaf('contentType', 'application/json'), leaf('description', description))
    )
});

/** Resolved tables by what they depend on (the studio generates on every edit; most edits leave the scores alone). */
const resolvedTables = new Map<string, string>();

function resolvedTableText(caseTable: StatedTable, def: SqlDefinition): string {
    const key = JSON.stringify([caseTable, def.version, def.bar, def.fit, def.intent]);
    let text = resolvedTables.get(key);
    if (text === undefined) {
        text = `${JSON.stringify(resolveCaseTable(caseTable, def), null, 2)}\n`;
        if (resolvedTables.size >= 8) resolvedTables.delete(resolvedTables.keys().next().value as string);
        resolvedTables.set(key, text);
    }
    return text;
}

export function generateParityResources(def: SqlDefinition, caseTable: StatedTable = readCaseTable()): { files: GeneratedFile[] } {
    const base = `${STATIC_RESOURCES_DIR}/${VALIDATION_RULES_RESOURCE}`;
    const cases = `${STATIC_RESOURCES_DIR}/${QUALIFICATION_CASES_RESOURCE}`;
    return {
        files: [
            // Only the table: its resource-meta.xml is written by hand, so a revision does not rewrite it.
            { path: `${cases}.json`, content: resolvedTableText(caseTable, def) },
            { path: `${base}.json`, content: `${JSON.stringify(validationRulesResource(def), null, 2)}\n` },
            jsonResource(
                `${base}.resource-meta.xml`,
                `${generatedNote(def)} Each validation rule's message, for the org-side parity test LeadGateQualificationParity_Tests.`
            )
        ]
    };
}
