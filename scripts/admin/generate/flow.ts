/**
 * The before-save record-triggered flow LeadGate_Lead_Stage_Stamps (Lead, created or updated).
 * stageStamps.ts documents what it does; there is no TypeScript copy of it: the preview and the formula tests run
 * this XML through the shared flow interpreter (scripts/interpreters/flow), and stageStamps.test.ts checks the
 * interpreted XML against the spec for every status transition.
 *
 * Shape: start -> Stamp_Fit_Score -> one Owner_Edited_<fit fact> decision per fit fact (Yes -> stamp the time and log
 * the field's before and after values -> next) -> one decision per stamped stage (Yes -> its stamp assignment -> next)
 * -> one first-action decision (one outcome per first-action stage) -> Stamp_First_Action_At. A before-save flow
 * changes the saved record by assigning to $Record fields (no Update Records element, no extra DML).
 * "Entering" is Status equal to the stage's value while $Record__Prior.Status is not (on create there is no
 * prior record, so the prior status is null and the condition holds). Entering a stage a rejection reason recycles
 * to (Nurture) with Rejection_Reason__c set counts as entering Rejected: one more outcome on the Rejected decision
 * and on the first-action decision (stageEntries in stageStamps.ts).
 */
import { FIELDS, type Segment, type SqlDefinition } from 'c/sqlDefinition';
import {
    call,
    field as fieldRef,
    FLOW_RECORD_REFS,
    IF,
    ISBLANK,
    num,
    op,
    printFormula,
    text,
    type Expr,
    type PrintOptions
} from './expr.ts';
import { generatedNote } from './fields.ts';
import { fitScoreExpr, intentScoreExpr, qualificationCompleteExpr, segmentExpr } from './formulas.ts';
import { fitFactFields, stageEntries, stampedStages, type StageEntry } from './stageStamps.ts';
import { FIT_EDIT_LOG } from 'c/leadScoring';
import { STANDARD_LEAD_FIELDS } from '../../shared/metadata/standardLeadFields.ts';
import type { FormulaEntry, GeneratedFile } from './types.ts';
import { block, leaf, node, textContent, xmlDocument, type XmlElement } from './xml.ts';

export const FLOW_NAME = 'LeadGate_Lead_Stage_Stamps';
export const FLOW_PATH = `force-app/main/default/flows/${FLOW_NAME}.flow-meta.xml`;
export const FIT_FORMULA_NAME = 'Fit_Score_Formula';
export const QUALIFICATION_FORMULA_NAME = 'Qualification_Complete_Formula';
export const INTENT_AT_SQL_FORMULA_NAME = 'Intent_At_SQL_Formula';
export const API_VERSION = '65.0';
/** The flow formula whose value the flow stamps into a segment's Text field (`Segment_Region__c` -> `Segment_Region_Formula`). */
export const segmentFormulaName = (segment: Pick<Segment, 'field'>): string => `${segment.field.replace(/__c$/, '')}_Formula`;
const FORMULA_WIDTH = 128;

type Value = { kind: 'string'; value: string } | { kind: 'boolean'; value: boolean } | { kind: 'ref'; value: string };

interface Condition {
    left: string;
    operator: 'EqualTo' | 'NotEqualTo' | 'IsNull' | 'IsChanged';
    right: Value;
}

interface Assignment {
    name: string;
    label: string;
    items: Array<{ field: string; value: Value }>;
}

interface Decision {
    name: string;
    label: string;
    outcomes: Array<{ name: string; label: string; conditions: Condition[]; target: string }>;
}

const valueEl = (tag: string, v: Value): XmlElement =>
    node(
        tag,
        v.kind === 'string'
            ? leaf('stringValue', v.value)
            : v.kind === 'boolean'
              ? leaf('booleanValue', v.value)
              : leaf('elementReference', v.value)
    );

const connector = (tag: string, target: string | null): XmlElement | undefined =>
    target ? node(tag, leaf('targetReference', target)) : undefined;

const isBlank = (name: string, blank: boolean, record: '$Record' | '$Record__Prior' = '$Record'): Condition => ({
    left: `${record}.${name}`,
    operator: 'IsNull',
    right: { kind: 'boolean', value: blank }
});
const entering = (entry: StageEntry): Condition[] => [
    { left: '$Record.Status', operator: 'EqualTo', right: { kind: 'string', value: entry.status } },
    { left: '$Record__Prior.Status', operator: 'NotEqualTo', right: { kind: 'string', value: entry.status } },
    ...(entry.withRejectionReason ? [isBlank(FIELDS.rejectionReason, false)] : [])
];
/** Outcome name suffix and label for an entry: the stage's own status, or a recycle status entered with a reason. */
const entrySuffix = (entry: StageEntry): string => (entry.withRejectionReason ? `_Via_${elementName(entry.status)}` : '');
const entryLabel = (entry: StageEntry): string => (entry.withRejectionReason ? `${entry.status} with a rejection reason` : entry.status);
const NOW: Value = { kind: 'ref', value: '$Flow.CurrentDateTime' };

function elementName(raw: string): string {
    const name = raw.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    if (!/^[A-Za-z]/.test(name) || name.length > 80) throw new Error(`Cannot make a flow element name from ${raw}`);
    return name;
}

/**
 * What counts as the owner's edit of a fit fact (docs/DECISIONS.md): an update (there is a prior record), by the
 * lead's owner, while SQL_At__c is blank, that changes `field`.
 */
const fitEditConditions = (field: string): Condition[] => [
    isBlank('Id', false, '$Record__Prior'),
    { left: '$Record.OwnerId', operator: 'EqualTo', right: { kind: 'ref', value: '$User.Id' } },
    isBlank(FIELDS.sqlAt, true),
    { left: `$Record.${field}`, operator: 'IsChanged', right: { kind: 'boolean', value: true } }
];

/** The flow formula that gives Fit_Edits_Before_SQL__c after an edit of `field` (`Fit_Edit_Log_Title`). */
export const fitEditFormulaName = (field: string): string => `Fit_Edit_Log_${elementName(field)}`;
/** The flow formula that gives Fit_Edits_Before_SQL__c without `field`'s older entry (`Fit_Edit_Log_Without_Title`). */
export const fitEditWithoutFormulaName = (field: string): string => `Fit_Edit_Log_Without_${elementName(field)}`;

/** The label the log names a fit fact by: the standard field's label in a new org. */
export function fitFactLabel(field: string): string {
    const known = STANDARD_LEAD_FIELDS[field];
    if (!known)
        throw new Error(
            `Fit rule field ${field} is not a standard Lead field the generator knows; add it to scripts/shared/metadata/standardLeadFields.ts with its label and type.`
        );
    return known.label;
}

/** References in the log formulas: `$Record__Prior.X` as itself, any other field on $Record. */
const PRIOR = '$Record__Prior.';
const LOG_REFS: PrintOptions['ref'] = (name) => (name.startsWith(PRIOR) ? `{!${name}}` : `{!$Record.${name}}`);

/** `value` (a fit fact) as log text: blank as "" (TEXT of a blank number is not relied on), splitting characters replaced. */
function fitFactText(value: Expr, field: string): Expr {
    const type = STANDARD_LEAD_FIELDS[field]?.type;
    let shown: Expr;
    if (type === 'text' || type === 'email' || type === 'phone' || type === 'url') shown = call('BLANKVALUE', value, text(''));
    else if (type === 'picklist') shown = call('TEXT', value);
    // A number's text never holds a splitting character: no replacements (they would cost formula length only).
    else if (type === 'number' || type === 'currency') return IF(ISBLANK(value), text(''), call('TEXT', value));
    else
        throw new Error(
            `Fit rule field ${field} is a ${type ?? 'unknown'} field; the fit-edit log writes text, picklist and number fields only.`
        );
    // The characters that would split an entry (FIT_EDIT_LOG.replacements), in order, as fitEditValue replaces them.
    return FIT_EDIT_LOG.replacements.reduce<Expr>((inner, [from, to]) => call('SUBSTITUTE', inner, text(from), text(to)), shown);
}

/**
 * The log without `field`'s older entry (the first of the two log formulas of a fit fact; the record's assignment
 * stores it into Fit_Edits_Before_SQL__c, then the second prepends the new entry). Every entry of `marked` starts with
 * the separator, so the older entry is found by its label alone and ends where the next separator starts (a value
 * never holds one); the result drops the leading separator again.
 */
export function fitEditLogWithoutExpr(field: string): Expr {
    const { entrySeparator: sep, labelEnd } = FIT_EDIT_LOG;
    const log = fieldRef(FIELDS.fitEditsBeforeSql);
    const marked = op('&', text(sep), log);
    const start = call('FIND', text(sep + fitFactLabel(field) + labelEnd), marked);
    // The older entry and all after it, without its leading separator; its end is the first separator in there.
    // (FIND with a start position is not used: formulon counts its result from the start position, the platform
    // from the start of the text.)
    const from = call('MID', marked, op('+', start, num(sep.length)), call('LEN', marked));
    const next = call('FIND', text(sep), from);
    const without = IF(
        op('=', start, num(0)),
        marked,
        op(
            '&',
            call('LEFT', marked, op('-', start, num(1))),
            IF(op('=', next, num(0)), text(''), call('MID', from, next, call('LEN', from)))
        )
    );
    return IF(ISBLANK(log), text(''), call('MID', without, num(sep.length + 1), num(FIT_EDIT_LOG.maxLength)));
}

/**
 * The log with the owner's edit of `field` in this save first (the FIT_EDIT_LOG format of c/leadScoring, which
 * readFitEdits reads): `Label: before -> after`, then the log as the first formula left it, cut at the field's
 * length with an ellipsis. The log already holds the entries of fields logged earlier in this save.
 */
export function fitEditLogExpr(field: string): Expr {
    const { entrySeparator: sep, labelEnd, arrow, ellipsis, maxLength } = FIT_EDIT_LOG;
    const log = fieldRef(FIELDS.fitEditsBeforeSql);
    const full = op(
        '&',
        text(fitFactLabel(field) + labelEnd),
        fitFactText(fieldRef(PRIOR + field), field),
        text(arrow),
        fitFactText(fieldRef(field), field),
        IF(ISBLANK(log), text(''), op('&', text(sep), log))
    );
    return IF(
        op('>', call('LEN', full), num(maxLength)),
        op('&', call('LEFT', full, num(maxLength - ellipsis.length)), text(ellipsis)),
        full
    );
}

/** The two log formulas of a fit fact, in the order the fit fact's assignment applies them. */
const fitEditLogFormulas = (field: string): Array<{ name: string; expr: Expr; description: string }> => [
    {
        name: fitEditWithoutFormulaName(field),
        expr: fitEditLogWithoutExpr(field),
        description: `${FIELDS.fitEditsBeforeSql} without its older entry for ${field}, before the owner's new edit of ${field} is put first.`
    },
    {
        name: fitEditFormulaName(field),
        expr: fitEditLogExpr(field),
        description: `${FIELDS.fitEditsBeforeSql} after the owner changed ${field} before SQL: "${fitFactLabel(field)}${FIT_EDIT_LOG.labelEnd}before${FIT_EDIT_LOG.arrow}after" first, then the older entries of other fields, cut at ${FIT_EDIT_LOG.maxLength} characters (c/leadScoring readFitEdits reads it).`
    }
];

export function generateFlow(def: SqlDefinition): { files: GeneratedFile[]; formulas: FormulaEntry[] } {
    const fitExpr = fitScoreExpr(def);
    const qualificationExpr = qualificationCompleteExpr(def);
    const intentExpr = intentScoreExpr(def);
    const steps: Array<{ kind: 'assignment'; el: Assignment } | { kind: 'decision'; el: Decision }> = [];
    steps.push({
        kind: 'assignment',
        el: {
            name: 'Stamp_Fit_Score',
            label: 'Stamp Fit Score',
            items: [
                { field: FIELDS.fitScore, value: { kind: 'ref', value: FIT_FORMULA_NAME } },
                { field: FIELDS.qualificationComplete, value: { kind: 'ref', value: QUALIFICATION_FORMULA_NAME } },
                // Segments are stamped with fit on every save: Text fields the dashboard's queries can GROUP BY.
                ...def.segments.map((segment) => ({
                    field: segment.field,
                    value: { kind: 'ref', value: segmentFormulaName(segment) } as Value
                }))
            ]
        }
    });
    // Before the SQL stamp, so $Record.SQL_At__c is still as submitted: an edit in the qualifying save counts.
    // One decision per fit fact (the one rule of what an edit is, fitEditConditions), each Yes stamping the time and
    // logging that field's before and after values, so a save that changes two fit facts logs both.
    for (const field of fitFactFields(def)) {
        const record: Assignment = {
            name: `Record_Edit_Of_${elementName(field)}`,
            label: `Stamp ${FIELDS.fitEditedByOwnerAt} and log ${field}`,
            items: [
                { field: FIELDS.fitEditedByOwnerAt, value: NOW },
                // In order: the log without the field's older entry, then with its new entry first.
                { field: FIELDS.fitEditsBeforeSql, value: { kind: 'ref', value: fitEditWithoutFormulaName(field) } },
                { field: FIELDS.fitEditsBeforeSql, value: { kind: 'ref', value: fitEditFormulaName(field) } }
            ]
        };
        steps.push({
            kind: 'decision',
            el: {
                name: `Owner_Edited_${elementName(field)}`,
                label: `Owner changed ${field} before SQL?`,
                outcomes: [
                    { name: `Owner_Changed_${elementName(field)}`, label: 'Yes', conditions: fitEditConditions(field), target: record.name }
                ]
            }
        });
        steps.push({ kind: 'assignment', el: record });
    }
    for (const stage of stampedStages(def)) {
        const key = elementName(stage.key);
        const stamp: Assignment = {
            name: elementName(`Stamp_${stage.stampField.replace(/__c$/, '')}`),
            label: `Stamp ${stage.stampField}`,
            items: [{ field: stage.stampField, value: NOW }]
        };
        if (stage.key === 'SQL')
            stamp.items.push(
                { field: FIELDS.sqlQualifiedBy, value: { kind: 'ref', value: '$User.Id' } },
                { field: FIELDS.definitionVersion, value: { kind: 'string', value: def.version } },
                // Fit_Score__c was assigned by Stamp_Fit_Score earlier in this flow: the fit of this save.
                { field: FIELDS.fitAtSql, value: { kind: 'ref', value: `$Record.${FIELDS.fitScore}` } },
                { field: FIELDS.intentAtSql, value: { kind: 'ref', value: INTENT_AT_SQL_FORMULA_NAME } }
            );
        steps.push({
            kind: 'decision',
            el: {
                name: `Entering_${key}`,
                label: `Entering ${stage.key} for the first time?`,
                outcomes: stageEntries(stage, def).map((entry) => ({
                    name: `${key}_First_Entry${entrySuffix(entry)}`,
                    label: `First entry into ${stage.status}${entry.withRejectionReason ? ` (${entryLabel(entry)})` : ''}`,
                    conditions: [...entering(entry), isBlank(stage.stampField, true)],
                    target: stamp.name
                }))
            }
        });
        steps.push({ kind: 'assignment', el: stamp });
    }
    const firstActionStages = def.stages.filter((s) => s.firstAction);
    if (firstActionStages.length > 0) {
        const stamp: Assignment = {
            name: 'Stamp_First_Action_At',
            label: `Stamp ${FIELDS.firstActionAt}`,
            items: [{ field: FIELDS.firstActionAt, value: NOW }]
        };
        steps.push({
            kind: 'decision',
            el: {
                name: 'First_Action_After_MQL',
                label: 'First accept or reject after MQL?',
                outcomes: firstActionStages.flatMap((stage) =>
                    stageEntries(stage, def).map((entry) => ({
                        name: `First_Action_${elementName(stage.key)}${entrySuffix(entry)}`,
                        label: `First action: ${entryLabel(entry)}`,
                        conditions: [...entering(entry), isBlank(FIELDS.firstActionAt, true), isBlank(FIELDS.mqlAt, false)],
                        target: stamp.name
                    }))
                )
            }
        });
        steps.push({ kind: 'assignment', el: stamp });
    }

    // Every element continues to the next decision: a decision's "No" skips its own stamp, and the stamp rejoins there.
    const nextDecisionAfter = (i: number): string | null => {
        const next = steps.slice(i + 1).find((s) => s.kind === 'decision');
        return next ? next.el.name : null;
    };
    const assignments: XmlElement[] = [];
    const decisions: XmlElement[] = [];
    steps.forEach((step, i) => {
        if (step.kind === 'assignment') {
            assignments.push(
                node(
                    'assignments',
                    leaf('name', step.el.name),
                    leaf('label', step.el.label),
                    leaf('locationX', 0),
                    leaf('locationY', 0),
                    ...step.el.items.map((item) =>
                        node(
                            'assignmentItems',
                            leaf('assignToReference', `$Record.${item.field}`),
                            leaf('operator', 'Assign'),
                            valueEl('value', item.value)
                        )
                    ),
                    connector('connector', nextDecisionAfter(i))
                )
            );
        } else {
            decisions.push(
                node(
                    'decisions',
                    leaf('name', step.el.name),
                    leaf('label', step.el.label),
                    leaf('locationX', 0),
                    leaf('locationY', 0),
                    connector('defaultConnector', nextDecisionAfter(i)),
                    leaf('defaultConnectorLabel', 'No'),
                    ...step.el.outcomes.map((o) =>
                        node(
                            'rules',
                            leaf('name', o.name),
                            leaf('conditionLogic', 'and'),
                            ...o.conditions.map((c) =>
                                node(
                                    'conditions',
                                    leaf('leftValueReference', c.left),
                                    leaf('operator', c.operator),
                                    valueEl('rightValue', c.right)
                                )
                            ),
                            connector('connector', o.target),
                            leaf('label', o.label)
                        )
                    )
                )
            );
        }
    });

    const fitFormula = block('expression', printFormula(fitExpr, { ref: FLOW_RECORD_REFS, width: FORMULA_WIDTH }));
    const qualificationFormula = block('expression', printFormula(qualificationExpr, { ref: FLOW_RECORD_REFS, width: FORMULA_WIDTH }));
    const intentFormula = block('expression', printFormula(intentExpr, { ref: FLOW_RECORD_REFS, width: FORMULA_WIDTH }));
    const segmentFormulas = def.segments.map((segment) => ({
        segment,
        expr: segmentExpr(segment),
        el: block('expression', printFormula(segmentExpr(segment), { ref: FLOW_RECORD_REFS, width: FORMULA_WIDTH }))
    }));
    const first = steps[0];
    const flow = node(
        'Flow',
        leaf('apiVersion', API_VERSION),
        ...assignments,
        ...decisions,
        leaf(
            'description',
            `${generatedNote(def)} Before save on Lead: stamps Fit_Score__c and Qualification_Complete__c and the segment fields on every save; stamps Fit_Edited_By_Owner_At__c and logs the before and after values in Fit_Edits_Before_SQL__c when the owner changes a fit fact before SQL; stamps each stage timestamp (and with SQL_At__c: SQL_Qualified_By__c, the definition version, fit and intent) on first entry only; stamps First_Action_At__c at the first accept or reject after MQL; entering a recycle status (Nurture) with a rejection reason counts as a rejection. Run offline by the project's flow interpreter (scripts/interpreters/flow).`
        ),
        node(
            'formulas',
            leaf(
                'description',
                `Fit score from the definition's fit rules, the same rules c/leadScoring scoreLead applies. A flow formula because REGEX is not available in formula fields; see docs/DECISIONS.md.`
            ),
            leaf('name', FIT_FORMULA_NAME),
            leaf('dataType', 'Number'),
            fitFormula,
            leaf('scale', 0)
        ),
        node(
            'formulas',
            leaf(
                'description',
                `Every criterion of the chosen framework Confirmed with evidence of at least ${def.evidence.minLettersAndDigits} letters and digits, as c/leadScoring readiness counts them. A flow formula because REGEX is not available in formula fields; see docs/DECISIONS.md.`
            ),
            leaf('name', QUALIFICATION_FORMULA_NAME),
            leaf('dataType', 'Boolean'),
            qualificationFormula
        ),
        node(
            'formulas',
            leaf(
                'description',
                `Intent at this save from the definition's signals, the same expression as Intent_Score__c, stamped into ${FIELDS.intentAtSql} on first entry into SQL.`
            ),
            leaf('name', INTENT_AT_SQL_FORMULA_NAME),
            leaf('dataType', 'Number'),
            intentFormula,
            leaf('scale', 0)
        ),
        ...segmentFormulas.map(({ segment, el }) =>
            node(
                'formulas',
                leaf(
                    'description',
                    `The lead's ${segment.label.toLowerCase()} segment from ${segment.rule.field} (the definition's segments, as c/leadScoring segmentOf reads them), stamped into ${segment.field}: ${segment.unknown} when blank, ${segment.other} when no band or group lists the value.`
                ),
                leaf('name', segmentFormulaName(segment)),
                leaf('dataType', 'String'),
                el
            )
        ),
        ...fitFactFields(def).flatMap((field) =>
            fitEditLogFormulas(field).map((f) =>
                node(
                    'formulas',
                    leaf('description', f.description),
                    leaf('name', f.name),
                    leaf('dataType', 'String'),
                    block('expression', printFormula(f.expr, { ref: LOG_REFS, width: FORMULA_WIDTH }))
                )
            )
        ),
        leaf('interviewLabel', `LeadGate Lead Stage Stamps {!$Flow.CurrentDateTime}`),
        leaf('label', 'LeadGate Lead Stage Stamps'),
        node('processMetadataValues', leaf('name', 'BuilderType'), node('value', leaf('stringValue', 'LightningFlowBuilder'))),
        node('processMetadataValues', leaf('name', 'CanvasMode'), node('value', leaf('stringValue', 'AUTO_LAYOUT_CANVAS'))),
        leaf('processType', 'AutoLaunchedFlow'),
        node(
            'start',
            leaf('locationX', 0),
            leaf('locationY', 0),
            connector('connector', first ? first.el.name : null),
            leaf('object', 'Lead'),
            leaf('recordTriggerType', 'CreateAndUpdate'),
            leaf('triggerType', 'RecordBeforeSave')
        ),
        leaf('status', 'Active')
    );
    return {
        files: [{ path: FLOW_PATH, content: xmlDocument(flow) }],
        // <expression> sits at indent 8 (Flow > formulas > expression).
        formulas: [
            {
                name: `${FLOW_NAME}.${FIT_FORMULA_NAME}`,
                kind: 'flowFormula',
                chars: textContent(fitFormula, 8).length,
                expr: fitExpr,
                path: FLOW_PATH
            },
            {
                name: `${FLOW_NAME}.${QUALIFICATION_FORMULA_NAME}`,
                kind: 'flowFormula',
                chars: textContent(qualificationFormula, 8).length,
                expr: qualificationExpr,
                path: FLOW_PATH
            },
            {
                name: `${FLOW_NAME}.${INTENT_AT_SQL_FORMULA_NAME}`,
                kind: 'flowFormula',
                chars: textContent(intentFormula, 8).length,
                expr: intentExpr,
                path: FLOW_PATH
            },
            ...segmentFormulas.map(({ segment, expr, el }) => ({
                name: `${FLOW_NAME}.${segmentFormulaName(segment)}`,
                kind: 'flowFormula' as const,
                chars: textContent(el, 8).length,
                expr,
                path: FLOW_PATH
            })),
            ...fitFactFields(def).flatMap((field) =>
                fitEditLogFormulas(field).map((f) => ({
                    name: `${FLOW_NAME}.${f.name}`,
                    kind: 'flowFormula' as const,
                    chars: textContent(block('expression', printFormula(f.expr, { ref: LOG_REFS, width: FORMULA_WIDTH })), 8).length,
                    expr: f.expr,
                    path: FLOW_PATH
                }))
            )
        ]
    };
}
