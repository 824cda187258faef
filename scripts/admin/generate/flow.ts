/**
 * The before-save record-triggered flow LeadGate_Lead_Stage_Stamps (Lead, created or updated).
 * stageStamps.ts documents what it does; there is no TypeScript copy of it: the preview and the formula tests run
 * this XML through the shared flow interpreter (scripts/interpreters/flow), and stageStamps.test.ts checks the
 * interpreted XML against the spec for every status transition.
 *
 * Shape: start -> Stamp_Fit_Score -> Fit_Fact_Edited_By_Owner (one outcome per fit fact) -> one decision per stamped stage (Yes -> its stamp assignment -> next)
 * -> one first-action decision (one outcome per first-action stage) -> Stamp_First_Action_At. A before-save flow
 * changes the saved record by assigning to $Record fields (no Update Records element, no extra DML).
 * "Entering" is Status equal to the stage's value while $Record__Prior.Status is not (on create there is no
 * prior record, so the prior status is null and the condition holds). Entering a stage a rejection reason recycles
 * to (Nurture) with Rejection_Reason__c set counts as entering Rejected: one more outcome on the Rejected decision
 * and on the first-action decision (stageEntries in stageStamps.ts).
 */
import { FIELDS, type Segment, type SqlDefinition } from 'c/sqlDefinition';
import { FLOW_RECORD_REFS, printFormula } from './expr.ts';
import { generatedNote } from './fields.ts';
import { fitScoreExpr, intentScoreExpr, qualificationCompleteExpr, segmentExpr } from './formulas.ts';
import { fitFactFields, stageEntries, stampedStages, type StageEntry } from './stageStamps.ts';
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
    const fitEditStamp: Assignment = {
        name: 'Stamp_Fit_Edited_By_Owner_At',
        label: `Stamp ${FIELDS.fitEditedByOwnerAt}`,
        items: [{ field: FIELDS.fitEditedByOwnerAt, value: NOW }]
    };
    steps.push({
        kind: 'decision',
        el: {
            name: 'Fit_Fact_Edited_By_Owner',
            label: 'Owner edited a fit fact before SQL?',
            // One outcome per fit fact (first match wins), each: an update, by the owner, before SQL, changing that field.
            outcomes: fitFactFields(def).map((field) => ({
                name: `Owner_Edited_${elementName(field)}`,
                label: `Owner changed ${field} before SQL`,
                conditions: [
                    isBlank('Id', false, '$Record__Prior'),
                    { left: '$Record.OwnerId', operator: 'EqualTo', right: { kind: 'ref', value: '$User.Id' } },
                    isBlank(FIELDS.sqlAt, true),
                    { left: `$Record.${field}`, operator: 'IsChanged', right: { kind: 'boolean', value: true } }
                ],
                target: fitEditStamp.name
            }))
        }
    });
    steps.push({ kind: 'assignment', el: fitEditStamp });
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
            `${generatedNote(def)} Before save on Lead: stamps Fit_Score__c and Qualification_Complete__c and the segment fields on every save; stamps Fit_Edited_By_Owner_At__c when the owner changes a fit fact before SQL; stamps each stage timestamp (and with SQL_At__c: SQL_Qualified_By__c, the definition version, fit and intent) on first entry only; stamps First_Action_At__c at the first accept or reject after MQL; entering a recycle status (Nurture) with a rejection reason counts as a rejection. Run offline by the project's flow interpreter (scripts/interpreters/flow).`
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
            }))
        ]
    };
}
