/**
 * Speed-to-lead alerts, generated from `alerts` and `sla` in the definition:
 * - the Custom Notification Type LeadGate_Lead_Alert (desktop bell and mobile push);
 * - LeadGate_Lead_Alerts, an after-save record-triggered flow on Lead. One decision, first matching outcome wins,
 *   so one save sends at most one alert per lead:
 *     New_MQL_For_Owner  the lead is an MQL and either just became one or just changed owner -> the owner;
 *     Crossed_SQL_Bar    an open lead (alerts.crossedBar.openStages) meets the bar now and did not before the save.
 *   "Did not before" is computed by the flow formula Met_Bar_Before_Save from $Record__Prior's stored inputs
 *   (the stamped fit score and the signal dates, printed by the same generator functions as Meets_SQL_Bar__c),
 *   never from a formula field in $Record__Prior (see docs/DECISIONS.md).
 *   After the alert is sent, Record_The_Alert stamps Alerted_At__c and Alert_Event__c on the lead (Update Records on
 *   the triggering record) while there is no first action, when the alert is for a new owner or none was recorded:
 *   the time the current owner was first alerted, at which the dashboard splits speed to lead. The update saves
 *   the lead again; that save meets neither outcome (no status or owner change, the bar was met before it), so it
 *   sends nothing and stamps nothing (docs/DECISIONS.md).
 * - LeadGate_Lead_SLA_Escalation, an after-save flow whose entry condition is "an MQL with no first action", set to
 *   run only when a save makes the record meet it, with one scheduled path `sla.minutes` after MQL_At__c: if the lead
 *   is still an MQL with no first action, the owner's manager (or the queue) is notified once.
 * The flows are run offline by scripts/interpreters/flow/interpreter.ts (tests: scripts/interpreters/flow/alerts.test.ts).
 */
import { ALERT_EVENTS, FIELDS, type SqlDefinition } from 'c/sqlDefinition';
import { AND, call, field, IF, lit, num, op, printFormula, text, type Expr, type PrintOptions } from './expr.ts';
import { generatedNote } from './fields.ts';
import { API_VERSION } from './flow.ts';
import { intentScoreExpr } from './formulas.ts';
import type { FormulaEntry, GeneratedFile } from './types.ts';
import { block, leaf, node, textContent, xmlDocument, type XmlElement } from './xml.ts';

export const ALERTS_FLOW = 'LeadGate_Lead_Alerts';
export const ESCALATION_FLOW = 'LeadGate_Lead_SLA_Escalation';
export const MET_BAR_BEFORE = 'Met_Bar_Before_Save';
const FLOWS_DIR = 'force-app/main/default/flows';
const WIDTH = 128;

const PRIOR_REFS: PrintOptions['ref'] = (name) => `{!$Record__Prior.${name}}`;
const RECORD_REFS: PrintOptions['ref'] = (name) => `{!$Record.${name}}`;

type Value = { stringValue: string } | { booleanValue: boolean } | { elementReference: string } | { numberValue: number };
const value = (tag: string, v: Value): XmlElement => {
    const [k, val] = Object.entries(v)[0] as [string, string | number | boolean];
    return node(tag, leaf(k, val));
};
const to = (tag: string, target: string): XmlElement => node(tag, leaf('targetReference', target));
const pos = [leaf('locationX', 0), leaf('locationY', 0)];
const cond = (left: string, operator: string, right: Value): XmlElement =>
    node('conditions', leaf('leftValueReference', left), leaf('operator', operator), value('rightValue', right));

function statusOf(def: SqlDefinition, key: string): string {
    const stage = def.stages.find((s) => s.key === key);
    if (!stage) throw new Error(`alerts: the definition has no stage ${key}`);
    return stage.status;
}

/** The SQL bar over the values stored before the save: stamped fit, intent recomputed from the prior signal dates. */
export function metBarBeforeExpr(def: SqlDefinition): Expr {
    return AND(op('>=', field(FIELDS.fitScore), num(def.bar.minFit)), op('>=', intentScoreExpr(def), num(def.bar.minIntent)));
}

const fullName = (): Expr => call('TRIM', op('&', call('BLANKVALUE', field('FirstName'), text('')), text(' '), field('LastName')));
const minutesSinceMql = (): Expr => call('FLOOR', op('*', op('-', lit('NOW()'), field(FIELDS.mqlAt)), num(1440)));

/** "Name (Company): fit 55, intent 42, 3 min left in the 5-minute SLA" (or "SLA passed 7 min ago"). */
export function ownerBodyExpr(def: SqlDefinition): Expr {
    const sla = def.sla.minutes;
    const left = op('-', num(sla), minutesSinceMql());
    return op(
        '&',
        fullName(),
        text(' ('),
        call('BLANKVALUE', field('Company'), text('')),
        text('): fit '),
        call('TEXT', field(FIELDS.fitScore)),
        text(', intent '),
        call('TEXT', field(FIELDS.intentScore)),
        text(', '),
        IF(
            call('ISBLANK', field(FIELDS.mqlAt)),
            text(`SLA ${sla} min`),
            IF(
                op('>', left, num(0)),
                op('&', call('TEXT', left), text(` min left in the ${sla}-minute SLA`)),
                op('&', text('SLA passed '), call('TEXT', op('-', num(0), left)), text(' min ago'))
            )
        )
    );
}

/** "Name (Company): no accept or reject 5 min after becoming an MQL (SLA 5 min)". */
export function escalationBodyExpr(def: SqlDefinition): Expr {
    return op(
        '&',
        fullName(),
        text(' ('),
        call('BLANKVALUE', field('Company'), text('')),
        text('): no accept or reject '),
        call('TEXT', minutesSinceMql()),
        text(` min after becoming an MQL (SLA ${def.sla.minutes} min)`)
    );
}

interface Formula {
    name: string;
    dataType: 'Boolean' | 'String';
    expr: Expr;
    refs: PrintOptions['ref'];
    description: string;
}

function formulaEl(f: Formula): XmlElement {
    return node(
        'formulas',
        leaf('description', f.description),
        leaf('name', f.name),
        leaf('dataType', f.dataType),
        block('expression', printFormula(f.expr, { ref: f.refs, width: WIDTH }))
    );
}

function formulaEntries(flow: string, path: string, formulas: Formula[]): FormulaEntry[] {
    return formulas.map((f) => ({
        name: `${flow}.${f.name}`,
        kind: 'flowFormula',
        chars: textContent(block('expression', printFormula(f.expr, { ref: f.refs, width: WIDTH })), 8).length,
        expr: f.expr,
        path
    }));
}

const recipients = node(
    'variables',
    leaf('name', 'Recipients'),
    leaf('dataType', 'String'),
    leaf('isCollection', true),
    leaf('isInput', false),
    leaf('isOutput', false)
);
const textVar = (name: string): XmlElement =>
    node(
        'variables',
        leaf('name', name),
        leaf('dataType', 'String'),
        leaf('isCollection', false),
        leaf('isInput', false),
        leaf('isOutput', false)
    );

/** Adds one recipient and sets the title and body, then continues to the notification type lookup. */
function prepare(name: string, label: string, recipient: string, title: string, bodyFormula: string, event?: string): XmlElement {
    return node(
        'assignments',
        leaf('name', name),
        leaf('label', label),
        ...pos,
        node(
            'assignmentItems',
            leaf('assignToReference', 'Recipients'),
            leaf('operator', 'Add'),
            value('value', { elementReference: recipient })
        ),
        node('assignmentItems', leaf('assignToReference', 'Title'), leaf('operator', 'Assign'), value('value', { stringValue: title })),
        node(
            'assignmentItems',
            leaf('assignToReference', 'Body'),
            leaf('operator', 'Assign'),
            value('value', { elementReference: bodyFormula })
        ),
        event === undefined
            ? undefined
            : node(
                  'assignmentItems',
                  leaf('assignToReference', 'Alert_Event'),
                  leaf('operator', 'Assign'),
                  value('value', { stringValue: event })
              ),
        to('connector', 'Get_Notification_Type')
    );
}

function lookup(name: string, label: string, object: string, filters: Array<[string, string]>, next: string, faultTo?: string): XmlElement {
    return node(
        'recordLookups',
        leaf('name', name),
        leaf('label', label),
        ...pos,
        leaf('assignNullValuesIfNoRecordsFound', false),
        to('connector', next),
        faultTo ? to('faultConnector', faultTo) : undefined,
        leaf('filterLogic', 'and'),
        ...filters.map(([f, v]) => node('filters', leaf('field', f), leaf('operator', 'EqualTo'), value('value', { stringValue: v }))),
        leaf('getFirstRecordOnly', true),
        leaf('object', object),
        leaf('queriedFields', 'Id'),
        leaf('storeOutputAutomatically', true)
    );
}

function sendAction(next?: string): XmlElement {
    const param = (name: string, ref: string): XmlElement =>
        node('inputParameters', leaf('name', name), value('value', { elementReference: ref }));
    return node(
        'actionCalls',
        leaf('name', 'Send_Alert'),
        leaf('label', 'Send the alert'),
        ...pos,
        leaf('actionName', 'customNotificationAction'),
        leaf('actionType', 'customNotificationAction'),
        next ? to('connector', next) : undefined,
        param('customNotifTypeId', 'Get_Notification_Type.Id'),
        param('recipientIds', 'Recipients'),
        param('title', 'Title'),
        param('body', 'Body'),
        param('targetId', '$Record.Id'),
        leaf('storeOutputAutomatically', true)
    );
}

const meta = (): XmlElement[] => [
    node('processMetadataValues', leaf('name', 'BuilderType'), node('value', leaf('stringValue', 'LightningFlowBuilder'))),
    node('processMetadataValues', leaf('name', 'CanvasMode'), node('value', leaf('stringValue', 'AUTO_LAYOUT_CANVAS'))),
    leaf('processType', 'AutoLaunchedFlow')
];

/**
 * Whether to record the alert just sent: no first action yet, and the alert is a new owner's (new MQL or reassigned)
 * or none is recorded. A later "meets the SQL bar" alert to the same owner keeps the first alert's time.
 */
function recordTheAlert(): XmlElement {
    return node(
        'decisions',
        leaf('name', 'Record_The_Alert'),
        leaf('label', 'Record this alert on the lead?'),
        ...pos,
        leaf('defaultConnectorLabel', 'Keep the recorded alert'),
        node(
            'rules',
            leaf('name', 'First_Alert_For_Owner'),
            leaf('conditionLogic', '1 AND (2 OR 3)'),
            cond(`$Record.${FIELDS.firstActionAt}`, 'IsNull', { booleanValue: true }),
            cond('Alert_Event', 'EqualTo', { stringValue: ALERT_EVENTS.newMql }),
            cond(`$Record.${FIELDS.alertedAt}`, 'IsNull', { booleanValue: true }),
            to('connector', 'Stamp_Alert'),
            leaf('label', "The owner's first alert before the first action")
        )
    );
}

/** Update Records on the triggering lead: when the alert was sent, and which. */
function stampAlert(): XmlElement {
    const assign = (f: string, v: Value): XmlElement => node('inputAssignments', leaf('field', f), value('value', v));
    return node(
        'recordUpdates',
        leaf('name', 'Stamp_Alert'),
        leaf('label', `Stamp ${FIELDS.alertedAt} and ${FIELDS.alertEvent}`),
        ...pos,
        leaf('filterLogic', 'and'),
        node('filters', leaf('field', 'Id'), leaf('operator', 'EqualTo'), value('value', { elementReference: '$Record.Id' })),
        assign(FIELDS.alertedAt, { elementReference: '$Flow.CurrentDateTime' }),
        assign(FIELDS.alertEvent, { elementReference: 'Alert_Event' }),
        leaf('object', 'Lead')
    );
}

function alertsFlow(def: SqlDefinition): { file: GeneratedFile; formulas: FormulaEntry[] } {
    const path = `${FLOWS_DIR}/${ALERTS_FLOW}.flow-meta.xml`;
    const a = def.alerts;
    const mql = statusOf(def, 'MQL');
    const open = a.crossedBar.openStages.map((k) => statusOf(def, k));
    const formulas: Formula[] = [
        {
            name: MET_BAR_BEFORE,
            dataType: 'Boolean',
            expr: metBarBeforeExpr(def),
            refs: PRIOR_REFS,
            description: 'The SQL bar over the values stored before this save (stamped fit, intent from the prior signal dates).'
        },
        {
            name: 'Owner_Alert_Body',
            dataType: 'String',
            expr: ownerBodyExpr(def),
            refs: RECORD_REFS,
            description: "The lead's name, fit, intent and time left in the SLA."
        }
    ];
    const bypass = `$Permission.${def.bypassPermission}`;
    const notBypass = (sends: boolean): XmlElement[] => (sends ? [] : [cond(bypass, 'EqualTo', { booleanValue: false })]);
    // New MQL: (1 Status is MQL) AND ((2 prior status is not MQL) OR (3 owner changed)) [AND 4 not a bypass user]
    const mqlConds = [
        cond('$Record.Status', 'EqualTo', { stringValue: mql }),
        cond('$Record__Prior.Status', 'NotEqualTo', { stringValue: mql }),
        cond('$Record.OwnerId', 'IsChanged', { booleanValue: true }),
        ...notBypass(a.newMql.bypassUsersAlert)
    ];
    const mqlLogic = `1 AND (2 OR 3)${mqlConds.length > 3 ? ' AND 4' : ''}`;
    // Crossed the bar: (open status 1..n, any) AND bar now AND NOT bar before [AND not a bypass user]
    const barConds = [
        ...open.map((s) => cond('$Record.Status', 'EqualTo', { stringValue: s })),
        cond(`$Record.${FIELDS.meetsBar}`, 'EqualTo', { booleanValue: true }),
        cond(MET_BAR_BEFORE, 'EqualTo', { booleanValue: false }),
        ...notBypass(a.crossedBar.bypassUsersAlert)
    ];
    const n = open.length;
    const barLogic = `(${open.map((_, i) => i + 1).join(' OR ')})${barConds
        .slice(n)
        .map((_, i) => ` AND ${n + i + 1}`)
        .join('')}`;
    const flow = node(
        'Flow',
        sendAction('Record_The_Alert'),
        leaf('apiVersion', API_VERSION),
        prepare(
            'Alert_Owner_New_MQL',
            'Alert the owner: new MQL',
            '$Record.OwnerId',
            a.newMql.title,
            'Owner_Alert_Body',
            ALERT_EVENTS.newMql
        ),
        prepare(
            'Alert_Owner_Crossed_Bar',
            'Alert the owner: meets the SQL bar',
            '$Record.OwnerId',
            a.crossedBar.title,
            'Owner_Alert_Body',
            ALERT_EVENTS.crossedBar
        ),
        recordTheAlert(),
        node(
            'decisions',
            leaf('name', 'Which_Alert'),
            leaf('label', 'Which alert, if any?'),
            ...pos,
            leaf('defaultConnectorLabel', 'None'),
            node(
                'rules',
                leaf('name', 'New_MQL_For_Owner'),
                leaf('conditionLogic', mqlLogic),
                ...mqlConds,
                to('connector', 'Alert_Owner_New_MQL'),
                leaf('label', 'New MQL for this owner')
            ),
            node(
                'rules',
                leaf('name', 'Crossed_SQL_Bar'),
                leaf('conditionLogic', barLogic),
                ...barConds,
                to('connector', 'Alert_Owner_Crossed_Bar'),
                leaf('label', 'Open lead just met the SQL bar')
            )
        ),
        leaf(
            'description',
            `${generatedNote(def)} After save on Lead: alerts the owner (custom notification ${a.notificationType.developerName}) when the lead becomes an MQL or an MQL changes owner, or when an open lead meets the SQL bar it did not meet before the save. At most one alert per save. Before the first action, stamps ${FIELDS.alertedAt} and ${FIELDS.alertEvent} when the alert is for a new owner or none is recorded yet. Run offline by scripts/interpreters/flow/interpreter.ts.`
        ),
        ...formulas.map(formulaEl),
        leaf('interviewLabel', 'LeadGate Lead Alerts {!$Flow.CurrentDateTime}'),
        leaf('label', 'LeadGate Lead Alerts'),
        ...meta(),
        lookup(
            'Get_Notification_Type',
            'Get the notification type',
            'CustomNotificationType',
            [['DeveloperName', a.notificationType.developerName]],
            'Send_Alert'
        ),
        stampAlert(),
        node(
            'start',
            ...pos,
            to('connector', 'Which_Alert'),
            leaf('object', 'Lead'),
            leaf('recordTriggerType', 'CreateAndUpdate'),
            leaf('triggerType', 'RecordAfterSave')
        ),
        leaf('status', 'Active'),
        textVar('Alert_Event'),
        textVar('Body'),
        recipients,
        textVar('Title')
    );
    return { file: { path, content: xmlDocument(flow) }, formulas: formulaEntries(ALERTS_FLOW, path, formulas) };
}

function escalationFlow(def: SqlDefinition): { file: GeneratedFile; formulas: FormulaEntry[] } {
    const path = `${FLOWS_DIR}/${ESCALATION_FLOW}.flow-meta.xml`;
    const s = def.alerts.slaMissed;
    const mql = statusOf(def, 'MQL');
    const formulas: Formula[] = [
        {
            name: 'Escalation_Body',
            dataType: 'String',
            expr: escalationBodyExpr(def),
            refs: RECORD_REFS,
            description: 'The lead, and how long it has waited since becoming an MQL.'
        }
    ];
    const manager = s.escalateTo === 'ownersManager';
    const flow = node(
        'Flow',
        sendAction(),
        leaf('apiVersion', API_VERSION),
        manager
            ? prepare('Alert_Manager', "Alert the owner's manager", '$Record.Owner:User.ManagerId', s.title, 'Escalation_Body')
            : undefined,
        prepare('Alert_Queue', `Alert the queue ${s.queue}`, 'Get_Escalation_Queue.Id', s.title, 'Escalation_Body'),
        node(
            'decisions',
            leaf('name', 'Still_Waiting'),
            leaf('label', 'Still an MQL with no first action?'),
            ...pos,
            leaf('defaultConnectorLabel', 'Actioned in time'),
            node(
                'rules',
                leaf('name', 'No_First_Action'),
                leaf('conditionLogic', 'and'),
                cond('$Record.Status', 'EqualTo', { stringValue: mql }),
                cond(`$Record.${FIELDS.firstActionAt}`, 'IsNull', { booleanValue: true }),
                to('connector', manager ? 'Has_Manager' : 'Get_Escalation_Queue'),
                leaf('label', 'No first action')
            )
        ),
        manager
            ? node(
                  'decisions',
                  leaf('name', 'Has_Manager'),
                  leaf('label', 'Does the owner have a manager?'),
                  ...pos,
                  to('defaultConnector', 'Get_Escalation_Queue'),
                  leaf('defaultConnectorLabel', 'No manager (or a queue owns the lead)'),
                  node(
                      'rules',
                      leaf('name', 'Manager_Known'),
                      leaf('conditionLogic', 'and'),
                      cond('$Record.Owner:User.ManagerId', 'IsNull', { booleanValue: false }),
                      to('connector', 'Alert_Manager'),
                      leaf('label', 'Manager known')
                  )
              )
            : undefined,
        leaf(
            'description',
            `${generatedNote(def)} After save on Lead, scheduled path ${def.sla.minutes} minutes after ${FIELDS.mqlAt}: when the lead is still an MQL with no first action, alerts ${manager ? `the owner's manager (the queue ${s.queue} when there is none)` : `the queue ${s.queue}`} once. Run offline by scripts/interpreters/flow/interpreter.ts.`
        ),
        ...formulas.map(formulaEl),
        leaf('interviewLabel', 'LeadGate Lead SLA Escalation {!$Flow.CurrentDateTime}'),
        leaf('label', 'LeadGate Lead SLA Escalation'),
        ...meta(),
        lookup(
            'Get_Escalation_Queue',
            `Get the queue ${s.queue}`,
            'Group',
            [
                ['DeveloperName', s.queue],
                ['Type', 'Queue']
            ],
            'Alert_Queue'
        ),
        lookup(
            'Get_Notification_Type',
            'Get the notification type',
            'CustomNotificationType',
            [['DeveloperName', def.alerts.notificationType.developerName]],
            'Send_Alert'
        ),
        node(
            'start',
            ...pos,
            leaf('doesRequireRecordChangedToMeetCriteria', true),
            leaf('filterLogic', 'and'),
            node('filters', leaf('field', 'Status'), leaf('operator', 'EqualTo'), value('value', { stringValue: mql })),
            node('filters', leaf('field', FIELDS.mqlAt), leaf('operator', 'IsNull'), value('value', { booleanValue: false })),
            node('filters', leaf('field', FIELDS.firstActionAt), leaf('operator', 'IsNull'), value('value', { booleanValue: true })),
            leaf('object', 'Lead'),
            leaf('recordTriggerType', 'CreateAndUpdate'),
            node(
                'scheduledPaths',
                leaf('name', 'SLA_Passed'),
                to('connector', 'Still_Waiting'),
                leaf('label', 'SLA passed'),
                leaf('offsetNumber', def.sla.minutes),
                leaf('offsetUnit', 'Minutes'),
                leaf('recordField', FIELDS.mqlAt),
                leaf('timeSource', 'RecordField')
            ),
            leaf('triggerType', 'RecordAfterSave')
        ),
        leaf('status', 'Active'),
        textVar('Body'),
        recipients,
        textVar('Title')
    );
    return { file: { path, content: xmlDocument(flow) }, formulas: formulaEntries(ESCALATION_FLOW, path, formulas) };
}

function notificationType(def: SqlDefinition): GeneratedFile {
    const t = def.alerts.notificationType;
    return {
        path: `force-app/main/default/notificationtypes/${t.developerName}.notiftype-meta.xml`,
        content: xmlDocument(
            node(
                'CustomNotificationType',
                leaf('customNotifTypeName', t.label),
                leaf('description', `${generatedNote(def)} Speed-to-lead alerts sent by ${ALERTS_FLOW} and ${ESCALATION_FLOW}.`),
                leaf('desktop', true),
                leaf('masterLabel', t.label),
                leaf('mobile', true)
            )
        )
    };
}

export function generateAlerts(def: SqlDefinition): { files: GeneratedFile[]; formulas: FormulaEntry[] } {
    const alerts = alertsFlow(def);
    const escalation = escalationFlow(def);
    return { files: [notificationType(def), alerts.file, escalation.file], formulas: [...alerts.formulas, ...escalation.formulas] };
}
