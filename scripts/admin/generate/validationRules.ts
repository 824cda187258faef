/**
 * Lead validation rules of SPEC section 4, generated from the SQL definition.
 *
 * Every rule starts with NOT($Permission.<bypassPermission>) so integration users and data loads holding
 * the custom permission are never blocked. Status values come from the definition's stage mapping.
 * "Becomes Sales Qualified" means ISNEW() or ISCHANGED(Status) while Status is the SQL value.
 *
 * 1. SQL needs a framework: when becoming SQL, or when an SQL's framework changes.
 * 2. One rule per criterion (displayed on its evidence field, so the rep sees every gap at once): the lead's
 *    framework includes the criterion, and it is not Confirmed or its trimmed evidence is under the minimum.
 *    Fires when becoming SQL, and on an SQL when that criterion's status or evidence, or the framework, changes
 *    (evidence cannot be degraded afterwards). Never on unrelated edits, so a stricter definition later does not
 *    lock old SQLs.
 * 3. The SQL bar (fit and intent), only at the moment of becoming SQL: an SQL whose intent has decayed stays editable.
 *    Fit is read through BLANKVALUE(Fit_Score__c, 0): the before-save flow stamps it in the same save, and a blank
 *    (flow inactive) must block rather than pass.
 * 4. Only when def.requireSalStage: becoming SQL needs Accepted_At__c (stamped by the flow when the lead was Sales Accepted).
 * 5. Rejected needs a reason: when created Rejected, when Status changes to Rejected, or when the reason changes.
 * 6. The reason that needs notes (Other) needs trimmed notes of the minimum length: when created with it, or when
 *    the reason or the notes change.
 * 5b. Leaving MQL or SAL needs a reason too: a Status change away from MQL or SAL to anything but the chain's next
 *    stages (SAL, SQL), Rejected (rule 5 speaks for it) or Converted (a conversion is no rejection; rule 7) needs a
 *    Rejection_Reason__c: a lead parked in Nurture or sent back to New is documented, and counts as actioned.
 * Rules 5 and 6 fire only when the fields they judge change, for the same reason as rule 2 (old records stay editable).
 * 7. Only when def.conversion.requireSql: a lead that never became SQL (SQL_At__c blank) cannot be converted. The
 *    platform runs Lead validation rules during conversion only when the org's Lead Settings have "Require Validation
 *    for Converted Leads" on; LeadConversionEvidence (Apex, after update, which always runs) refuses it too.
 *
 * What the offline formula engine (formulon) cannot express, and how the harness (scripts/interpreters/formula, helper H) handles it:
 * - ISNEW(), ISCHANGED(field) and PRIORVALUE(field) are not implemented in formulon: the harness rewrites them to
 *   context variables (is-new flag, changed flags computed from the prior record) before evaluation.
 * - $Permission.<name> is a plain key in formulon: the harness passes the user's custom permissions.
 * - Order of execution: on the platform the before-save flow runs before these rules, so Fit_Score__c, Accepted_At__c
 *   and the other stamps of the same save are visible to them. The harness runs the generated flow first
 *   (beforeSave in scripts/interpreters/formula/save.ts, through the shared flow interpreter).
 * - Intent_Score__c is a formula field read inside rule 3: the harness computes formula fields before the rules.
 * - Blank picklists: ISBLANK(TEXT(picklist)) is what the platform evaluates; formulon needs a blank picklist as ''.
 * - LEN(TRIM(blank text)) is 0 on the platform; formulon throws on a null, so blank text must be passed as ''.
 */
import { FIELDS, committeeCountField, evidenceField, statusField, type SqlDefinition, type Stage } from 'c/sqlDefinition';
import { AND, ISBLANK, ISPICKVAL, NOT, OR, call, field, lit, num, op, printFormula, text, FIELD_REFS, type Expr } from './expr.ts';
import { uniqueCriteria, generatedNote } from './fields.ts';
import { criterionIncompleteExpr } from './formulas.ts';
import type { FormulaEntry, GeneratedFile } from './types.ts';
import { block, leaf, node, textContent, xmlDocument, type XmlElement } from './xml.ts';

export const VALIDATION_RULES_DIR = 'force-app/main/default/objects/Lead/validationRules';
const FORMULA_WIDTH = 132;

export interface ValidationRuleSpec {
    name: string;
    /** What the rule enforces, for admins (after the generated-by sentence). */
    purpose: string;
    formula: Expr;
    message: string;
    /** The one field at fault, or null to show the message at the top of the page. */
    displayField: string | null;
}

const stageStatus = (def: SqlDefinition, key: Stage['key']): string => {
    const found = def.stages.find((s) => s.key === key);
    if (!found) throw new Error(`The SQL definition has no ${key} stage`);
    return found.status;
};

/** The rule that refuses converting a lead that never became SQL (generated only when def.conversion.requireSql). */
export const CONVERT_NEEDS_SQL_RULE = 'LeadGate_Convert_Needs_SQL';
/** Its message; LeadConversionEvidence (Apex) shows the same words when it refuses. */
export const CONVERT_NEEDS_SQL_MESSAGE = (sql: string): string =>
    `Only a ${sql} lead can be converted: qualify it first (framework, every criterion with evidence, the score bar), then convert.`;

/** The rule that documents every exit from MQL or SAL other than forward, rejected or converted. */
export const EXIT_NEEDS_REASON_RULE = 'LeadGate_Exit_Needs_Reason';

/** The statuses a lead may leave MQL or SAL for only with a rejection reason under EXIT_NEEDS_REASON_RULE. */
export function exitTargets(def: SqlDefinition): string[] {
    const free = new Set((['SAL', 'SQL', 'Rejected', 'Converted'] as const).map((k) => stageStatus(def, k)));
    return [...new Set(def.stages.map((s) => s.status))].filter(
        (s) => !free.has(s) && s !== stageStatus(def, 'MQL') && s !== stageStatus(def, 'SAL')
    );
}

const ISNEW = (): Expr => call('ISNEW');
const ISCHANGED = (name: string): Expr => call('ISCHANGED', field(name));

export function validationRuleSpecs(def: SqlDefinition): ValidationRuleSpec[] {
    const sql = stageStatus(def, 'SQL');
    const sal = stageStatus(def, 'SAL');
    const rejected = stageStatus(def, 'Rejected');
    const mql = stageStatus(def, 'MQL');
    const converted = stageStatus(def, 'Converted');
    // The status a rejection with the notes-required reason lands in (Rejected, or Nurture if that reason recycles).
    const notesStatus = stageStatus(
        def,
        def.rejectionReasons.find((r) => r.value === def.notesRequiredFor.reason)?.recyclesTo ?? 'Rejected'
    );
    const bypass = NOT(lit(`$Permission.${def.bypassPermission}`));
    const isSql = ISPICKVAL(FIELDS.status, sql);
    const becomesSql = OR(ISNEW(), ISCHANGED(FIELDS.status));
    const frameworks = def.frameworks.map((f) => f.key).join(' or ');
    const min = def.evidence.minLettersAndDigits;

    const rules: ValidationRuleSpec[] = [
        {
            name: 'LeadGate_SQL_Needs_Framework',
            purpose: `SPEC 4.1: a lead cannot be ${sql} without a qualification framework. Checked when it becomes ${sql} and when its framework changes while it is ${sql}.`,
            formula: AND(
                bypass,
                isSql,
                OR(ISNEW(), ISCHANGED(FIELDS.status), ISCHANGED(FIELDS.framework)),
                ISBLANK(call('TEXT', field(FIELDS.framework)))
            ),
            message: `Choose a Qualification Framework (${frameworks}) before this lead can be ${sql}, then complete each of its criteria with evidence.`,
            displayField: FIELDS.framework
        },
        ...uniqueCriteria(def).map(({ criterion, frameworks: fws }): ValidationRuleSpec => {
            const inFramework = OR(...fws.map((fw) => ISPICKVAL(FIELDS.framework, fw)));
            return {
                name: `LeadGate_SQL_Needs_${criterion.key}`,
                purpose: `SPEC 4.2: ${fws.join('/')} criterion ${criterion.label} must be Confirmed with evidence of at least ${min} letters and digits (any language; spaces, punctuation and emoji do not count) for a lead in ${sql}. Checked when the lead becomes ${sql}, and when the framework or this criterion's fields of a lead in ${sql} change.`,
                formula: AND(
                    bypass,
                    isSql,
                    inFramework,
                    OR(
                        ISNEW(),
                        ISCHANGED(FIELDS.status),
                        ISCHANGED(FIELDS.framework),
                        ISCHANGED(statusField(criterion)),
                        ISCHANGED(evidenceField(criterion))
                    ),
                    criterionIncompleteExpr(criterion, def)
                ),
                message: `${criterion.label} is not complete: set ${criterion.label} Status to Confirmed and write evidence of at least ${min} letters and digits (what you learned, from whom) before ${sql}.`,
                displayField: evidenceField(criterion)
            };
        }),
        ...def.committee.roles.flatMap((role): ValidationRuleSpec[] => {
            const fws = def.frameworks.filter((f) => def.committee.requiredFor[f.key].includes(role.key)).map((f) => f.key);
            if (fws.length === 0) return [];
            return [
                {
                    name: `LeadGate_SQL_Needs_Named_${role.fieldStem}`,
                    purpose: `Buying committee: a ${fws.join('/')} lead cannot be ${sql} without at least one person named as ${role.label} (${committeeCountField(role)}, kept current by LeadCommitteeCounts). Checked when the lead becomes ${sql} and when its framework changes while it is ${sql}.`,
                    formula: AND(
                        bypass,
                        isSql,
                        OR(...fws.map((fw) => ISPICKVAL(FIELDS.framework, fw))),
                        OR(ISNEW(), ISCHANGED(FIELDS.status), ISCHANGED(FIELDS.framework)),
                        op('<', call('BLANKVALUE', field(committeeCountField(role)), num(0)), num(1))
                    ),
                    message: `Name the ${role.label} in the Buying Committee card (name, title, email, role ${role.label}) before this ${fws.join('/')} lead can be ${sql}.`,
                    displayField: null
                }
            ];
        }),
        {
            name: 'LeadGate_SQL_Needs_Score_Bar',
            purpose: `SPEC 4.3: a lead cannot become ${sql} below the SQL bar (fit at least ${def.bar.minFit}, intent at least ${def.bar.minIntent}). Checked only when it becomes ${sql}, so a lead in ${sql} whose intent has since decayed stays editable.`,
            formula: AND(
                bypass,
                isSql,
                becomesSql,
                OR(
                    op('<', call('BLANKVALUE', field(FIELDS.fitScore), num(0)), num(def.bar.minFit)),
                    op('<', field(FIELDS.intentScore), num(def.bar.minIntent))
                )
            ),
            message: `Below the SQL bar: ${sql} needs fit of at least ${def.bar.minFit} and intent of at least ${def.bar.minIntent} (see the score card). Keep working the lead until intent rises, or reject it with a reason.`,
            displayField: null
        }
    ];
    if (def.requireSalStage) {
        rules.push({
            name: 'LeadGate_SQL_Needs_Sales_Accepted',
            purpose: `SPEC 4.4: a lead cannot become ${sql} without having been ${sal} first (${FIELDS.acceptedAt} set). Present because the definition requires the SAL stage.`,
            formula: AND(bypass, isSql, becomesSql, ISBLANK(field(FIELDS.acceptedAt))),
            message: `Accept the lead first: set Status to ${sal}, save, then qualify it. A lead must be ${sal} before it can become ${sql}.`,
            displayField: FIELDS.status
        });
    }
    rules.push(
        {
            name: 'LeadGate_Rejected_Needs_Reason',
            purpose: `SPEC 4.5: a lead cannot be ${rejected} without a Rejection Reason. Checked when the lead becomes ${rejected} and when the reason changes.`,
            formula: AND(
                bypass,
                ISPICKVAL(FIELDS.status, rejected),
                OR(ISNEW(), ISCHANGED(FIELDS.status), ISCHANGED(FIELDS.rejectionReason)),
                ISBLANK(call('TEXT', field(FIELDS.rejectionReason)))
            ),
            message: `Choose a Rejection Reason before setting Status to ${rejected}, so marketing can see why the lead was declined and fix the targeting.`,
            displayField: FIELDS.rejectionReason
        },
        {
            name: EXIT_NEEDS_REASON_RULE,
            purpose: `SPEC 4.5: no lead leaves ${mql} or ${sal} for a status other than ${sal}, ${sql}, ${rejected} or ${converted} (${exitTargets(def).join(', ') || 'none today'}) without a Rejection Reason. Checked when Status changes.`,
            formula: AND(
                bypass,
                ISCHANGED(FIELDS.status),
                OR(...[mql, sal].map((s) => call('ISPICKVAL', call('PRIORVALUE', field(FIELDS.status)), text(s)))),
                NOT(OR(...[sal, sql, rejected, converted].map((s) => ISPICKVAL(FIELDS.status, s)))),
                ISBLANK(call('TEXT', field(FIELDS.rejectionReason)))
            ),
            message: `Choose a Rejection Reason before moving this lead out of ${mql} or ${sal} to another status, so the decision is documented and marketing can see why.`,
            displayField: FIELDS.rejectionReason
        },
        {
            name: 'LeadGate_Rejection_Notes_Required',
            purpose: `SPEC 4.6: rejection reason ${def.notesRequiredFor.reason} needs Rejection Notes of at least ${def.notesRequiredFor.minChars} characters (trimmed). Checked when the reason or the notes change, and when the lead enters ${notesStatus} again with that reason (a re-rejection).`,
            formula: AND(
                bypass,
                ISPICKVAL(FIELDS.rejectionReason, def.notesRequiredFor.reason),
                OR(
                    ISNEW(),
                    ISCHANGED(FIELDS.rejectionReason),
                    ISCHANGED(FIELDS.rejectionNotes),
                    AND(ISCHANGED(FIELDS.status), ISPICKVAL(FIELDS.status, notesStatus))
                ),
                op('<', call('LEN', call('TRIM', field(FIELDS.rejectionNotes))), num(def.notesRequiredFor.minChars))
            ),
            message: `Rejection reason ${def.notesRequiredFor.reason} needs notes of at least ${def.notesRequiredFor.minChars} characters: say what you found, so marketing can fix the targeting.`,
            displayField: FIELDS.rejectionNotes
        }
    );
    if (def.conversion.requireSql) {
        rules.push({
            name: CONVERT_NEEDS_SQL_RULE,
            purpose: `SPEC conversion setting (requireSql): a lead that never became ${sql} (${FIELDS.sqlAt} blank) cannot be converted. Runs on conversion when Lead Settings require validation for converted leads.`,
            formula: AND(bypass, field('IsConverted'), ISCHANGED('IsConverted'), ISBLANK(field(FIELDS.sqlAt))),
            message: CONVERT_NEEDS_SQL_MESSAGE(sql),
            displayField: null
        });
    }
    for (const rule of rules) {
        if (rule.name.length > 40 || !/^[A-Za-z](?!.*__)\w*[A-Za-z0-9]$/.test(rule.name)) {
            throw new Error(`Validation rule name ${rule.name} is not a valid API name of at most 40 characters`);
        }
    }
    return rules;
}

const formulaEl = (expr: Expr): XmlElement => block('errorConditionFormula', printFormula(expr, { ref: FIELD_REFS, width: FORMULA_WIDTH }));

function check(what: string, value: string, max: number): void {
    if (value.length > max) throw new Error(`${what} is ${value.length} characters; the platform allows ${max}: ${value.slice(0, 80)}...`);
}

export function generateValidationRules(def: SqlDefinition): {
    files: GeneratedFile[];
    formulas: FormulaEntry[];
    specs: ValidationRuleSpec[];
} {
    const specs = validationRuleSpecs(def);
    const files: GeneratedFile[] = [];
    const formulas: FormulaEntry[] = [];
    for (const rule of specs) {
        const path = `${VALIDATION_RULES_DIR}/${rule.name}.validationRule-meta.xml`;
        const description = leaf('description', `${generatedNote(def)} ${rule.purpose}`);
        const message = leaf('errorMessage', rule.message);
        const formula = formulaEl(rule.formula);
        check(`${rule.name} description`, textContent(description, 4), 1000);
        check(`${rule.name} error message`, textContent(message, 4), 255);
        files.push({
            path,
            content: xmlDocument(
                node(
                    'ValidationRule',
                    leaf('fullName', rule.name),
                    leaf('active', true),
                    description,
                    formula,
                    rule.displayField ? leaf('errorDisplayField', rule.displayField) : undefined,
                    message
                )
            )
        });
        formulas.push({ name: rule.name, kind: 'validationRule', chars: textContent(formula, 4).length, expr: rule.formula, path });
    }
    return { files, formulas, specs };
}
