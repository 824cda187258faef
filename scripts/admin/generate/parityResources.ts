/**
 * LeadGateValidationRules (a static resource): each generated validation rule's name, message and display field, as
 * JSON. The org-side parity test (LeadGateQualificationParity_Tests) reads it to know which words the org must answer
 * with when a case of data/qualification-cases.json expects a rule to fire; the offline formula tests read the same
 * words from the rule XML. Generated beside the rules, from the same specs, so the two cannot differ.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { generatedNote } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { validationRuleSpecs } from './validationRules.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const STATIC_RESOURCES_DIR = 'force-app/main/default/staticresources';
export const VALIDATION_RULES_RESOURCE = 'LeadGateValidationRules';

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

export function generateParityResources(def: SqlDefinition): { files: GeneratedFile[] } {
    const base = `${STATIC_RESOURCES_DIR}/${VALIDATION_RULES_RESOURCE}`;
    return {
        files: [
            { path: `${base}.json`, content: `${JSON.stringify(validationRulesResource(def), null, 2)}\n` },
            {
                path: `${base}.resource-meta.xml`,
                content: xmlDocument(
                    node(
                        'StaticResource',
                        leaf('cacheControl', 'Private'),
                        leaf('contentType', 'application/json'),
                        leaf(
                            'description',
                            `${generatedNote(def)} Each validation rule's message, for the org-side parity test LeadGateQualificationParity_Tests.`
                        )
                    )
                )
            }
        ]
    };
}
