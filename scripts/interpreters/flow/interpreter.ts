/**
 * A record-triggered flow interpreter for the project's generated flows (before-save and after-save), offline: it
 * reads the flow XML and walks its elements as the platform would for one record (one interview), so tests and the
 * local preview run the very metadata that is deployed, not a copy of its logic.
 *
 * Supported (anything else throws, naming the element, so a new element kind cannot be skipped silently):
 * - start: object, triggerType RecordBeforeSave or RecordAfterSave, recordTriggerType, filters (EqualTo / NotEqualTo
 *   / IsNull) with filterLogic `and`, doesRequireRecordChangedToMeetCriteria, scheduledPaths on a record field
 *   (Minutes/Hours/Days);
 * - decisions: rules with conditions (EqualTo, NotEqualTo, IsNull, IsChanged, GreaterThan, GreaterThanOrEqualTo,
 *   LessThan, LessThanOrEqualTo, Contains, StartsWith, EndsWith) and conditionLogic `and`, `or` or a custom
 *   expression such as `1 AND (2 OR 3)`; first matching rule wins;
 * - assignments: Assign (to variables and to `$Record` fields: in a before-save flow that is how the flow changes the
 *   record being saved, and later elements and formulas see the new value), Add (collections, numbers, text) and
 *   Subtract (numbers);
 * - formulas: evaluated by the formula harness (formulon) against the record as the interview holds it at that
 *   moment, checked against the formula's data type and rounded to its scale, as the platform does;
 * - recordLookups: first record matching EqualTo filters, from the tables of an `OrgData` the caller passes;
 * - actionCalls: customNotificationAction only, recorded in an outbox (what the org would send);
 * - recordUpdates: on the triggering record only (one filter, Id EqualTo $Record.Id), with inputAssignments; returned
 *   as updates the caller saves again with the org's automation, as the platform re-runs the save for that DML.
 * Values: string, boolean, number, date and date-time literals. References: `$Record.X`,
 * `$Record.Owner:User.ManagerId`, `$Record__Prior.X`, `$Permission.X`, `$User.Id`, `$Flow.CurrentDateTime`,
 * `$Flow.CurrentDate`, variables, formulas and `Lookup.Field`.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import {
    evaluateFlowFormulaResource,
    isFormulaError,
    type FlowFormulaResource,
    type FormulaError,
    type LeadMetadata
} from '../formula/harness.ts';

type Xml = Record<string, unknown>;
const ARRAYS = new Set([
    'actionCalls',
    'assignments',
    'assignmentItems',
    'decisions',
    'rules',
    'conditions',
    'formulas',
    'recordLookups',
    'filters',
    'inputParameters',
    'inputAssignments',
    'recordUpdates',
    'scheduledPaths',
    'variables'
]);
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ARRAYS.has(name) });
const list = (v: unknown): Xml[] => (Array.isArray(v) ? (v as Xml[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export type RecordValues = Readonly<Record<string, unknown>>;

/** Records the flow may look up, by object: `{ User: [{ Id, ManagerId }], Group: [...], CustomNotificationType: [...] }`. */
export type OrgData = Readonly<Record<string, ReadonlyArray<RecordValues>>>;

/** One custom notification the org would send. */
export interface SentNotification {
    flow: string;
    /** The scheduled path that sent it, or null for the immediate path. */
    path: string | null;
    notificationTypeId: string;
    recipientIds: string[];
    title: string;
    body: string;
    targetId: string;
    at: string;
}

export interface InterviewContext {
    record: RecordValues;
    /** The record before the save; null on insert and on a scheduled path. */
    prior: RecordValues | null;
    now: Date;
    /** Custom permissions of the user whose save started the interview. */
    permissions: ReadonlySet<string>;
    userId: string;
    org: OrgData;
    meta: LeadMetadata;
}

/** A field update an interview made with an Update Records element (one DML row). */
export interface RecordUpdate {
    object: string;
    id: string;
    fields: Record<string, unknown>;
}

export interface InterviewResult {
    sent: SentNotification[];
    /** `$Record` fields the interview assigned, with their final values (what a before-save flow writes into the save). */
    recordWrites: Record<string, unknown>;
    /** Update Records rows, in order; the platform saves them again with the object's automation. */
    updates: RecordUpdate[];
    /** Update Records elements executed (each is one DML statement, shared by the interviews of a batch). */
    dmlElements: string[];
    /** Elements executed, start excluded (the platform's per-interview element count). */
    elements: number;
    /** Record lookup elements executed (each is one SOQL query, shared by up to 200 interviews in a batch). */
    lookups: string[];
}

export interface ScheduledPath {
    name: string;
    field: string;
    offsetMinutes: number;
    connector: string;
}

export interface ParsedFlow {
    name: string;
    object: string;
    triggerType: string;
    recordTriggerType: string;
    filters: Array<{ field: string; operator: string; value: unknown }>;
    requiresChangeToMeetCriteria: boolean;
    start: string | null;
    scheduledPaths: ScheduledPath[];
    elements: Map<string, { kind: string; el: Xml }>;
    formulas: Map<string, FlowFormulaResource>;
    collections: Set<string>;
}

export class FlowError extends Error {
    constructor(
        readonly flow: string,
        message: string,
        /** Set when the interview failed because a formula resource could not be evaluated. */
        readonly formulaError: FormulaError | null = null
    ) {
        super(`Flow ${flow}: ${message}`);
        this.name = 'FlowError';
    }
}

function literal(v: unknown): unknown {
    const x = (v ?? {}) as Xml;
    if ('stringValue' in x) return typeof x.stringValue === 'string' ? x.stringValue : '';
    if ('booleanValue' in x) return str(x.booleanValue) === 'true';
    if ('numberValue' in x) return Number(str(x.numberValue));
    if ('dateTimeValue' in x) return new Date(str(x.dateTimeValue)).toISOString();
    if ('dateValue' in x) return str(x.dateValue).slice(0, 10);
    if ('elementReference' in x) return { ref: str(x.elementReference) };
    return null;
}

const UNIT_MINUTES: Record<string, number> = { Minutes: 1, Hours: 60, Days: 1440 };

export function parseFlow(name: string, xml: string): ParsedFlow {
    const root = (parser.parse(xml) as Xml).Flow as Xml | undefined;
    if (!root) throw new FlowError(name, 'the file holds no <Flow> element.');
    const start = (root.start ?? {}) as Xml;
    const elements = new Map<string, { kind: string; el: Xml }>();
    for (const kind of ['actionCalls', 'assignments', 'decisions', 'recordLookups', 'recordUpdates']) {
        for (const el of list(root[kind])) elements.set(str(el.name), { kind, el });
    }
    for (const kind of ['screens', 'subflows', 'loops', 'recordCreates', 'recordDeletes', 'waits', 'apexPluginCalls']) {
        if (root[kind] !== undefined)
            throw new FlowError(name, `the interpreter does not run <${kind}> elements yet; add them before using this flow.`);
    }
    const connector = (el: Xml, tag = 'connector'): string | null => str((el[tag] as Xml | undefined)?.targetReference) || null;
    return {
        name,
        object: str(start.object),
        triggerType: str(start.triggerType),
        recordTriggerType: str(start.recordTriggerType),
        filters: list(start.filters).map((f) => ({ field: str(f.field), operator: str(f.operator), value: literal(f.value) })),
        requiresChangeToMeetCriteria: str(start.doesRequireRecordChangedToMeetCriteria) === 'true',
        start: connector(start),
        scheduledPaths: list(start.scheduledPaths).map((p) => {
            const unit = UNIT_MINUTES[str(p.offsetUnit)];
            if (str(p.timeSource) !== 'RecordField' || unit === undefined)
                throw new FlowError(
                    name,
                    `scheduled path ${str(p.name)}: only offsets in Minutes/Hours/Days from a record field are supported.`
                );
            return {
                name: str(p.name),
                field: str(p.recordField),
                offsetMinutes: Number(str(p.offsetNumber)) * unit,
                connector: connector(p) ?? ''
            };
        }),
        elements,
        formulas: new Map(
            list(root.formulas).map((f) => [
                str(f.name),
                {
                    name: str(f.name),
                    flowDataType: str(f.dataType) || 'String',
                    scale: str(f.scale) === '' ? null : Number(str(f.scale)),
                    expression: typeof f.expression === 'string' ? f.expression : ''
                }
            ])
        ),
        collections: new Set(
            list(root.variables)
                .filter((v) => str(v.isCollection) === 'true')
                .map((v) => str(v.name))
        )
    };
}

export function loadFlow(path: string): ParsedFlow {
    const name = path.replace(/^.*\//, '').replace(/\.flow-meta\.xml$/, '');
    return parseFlow(name, readFileSync(path, 'utf8'));
}

/* ------------------------------------------------------------------ one interview */

const EMPTY_RESULT = (): InterviewResult => ({ sent: [], recordWrites: {}, updates: [], dmlElements: [], elements: 0, lookups: [] });
const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';

class Interview {
    readonly vars = new Map<string, unknown>();
    readonly lookupResults = new Map<string, RecordValues | null>();
    readonly result: InterviewResult = EMPTY_RESULT();
    /** $Record as this interview holds it: the saved record plus the interview's own assignments. */
    readonly record: Record<string, unknown>;

    constructor(
        readonly flow: ParsedFlow,
        readonly ctx: InterviewContext,
        readonly path: string | null
    ) {
        for (const c of flow.collections) this.vars.set(c, []);
        this.record = { ...ctx.record };
    }

    fail(message: string): never {
        throw new FlowError(this.flow.name, message);
    }

    resolve(ref: string): unknown {
        const { record, prior, ctx } = { record: this.record, prior: this.ctx.prior, ctx: this.ctx };
        if (ref === '$Flow.CurrentDateTime') return ctx.now.toISOString();
        if (ref === '$Flow.CurrentDate') return ctx.now.toISOString().slice(0, 10);
        if (ref === '$User.Id') return ctx.userId;
        if (ref.startsWith('$User.')) this.fail(`the reference ${ref} is not known offline; only $User.Id is.`);
        if (ref.startsWith('$Permission.')) return ctx.permissions.has(ref.slice('$Permission.'.length));
        if (ref.startsWith('$Record__Prior.')) return prior ? (prior[ref.slice('$Record__Prior.'.length)] ?? null) : null;
        if (ref.startsWith('$Record.')) {
            const path = ref.slice('$Record.'.length);
            const hop = /^Owner:User\.(\w+)$/.exec(path);
            if (hop) {
                const owner = ctx.org.User?.find((u) => u.Id === record.OwnerId);
                return owner ? (owner[hop[1] as string] ?? null) : null; // a queue owner is no User: every field is null
            }
            if (path.includes('.') || path.includes(':'))
                this.fail(`the reference ${ref} crosses a relationship the interpreter does not know.`);
            return record[path] ?? null;
        }
        if (this.vars.has(ref)) return this.vars.get(ref);
        const formula = this.flow.formulas.get(ref);
        if (formula) {
            const value = evaluateFlowFormulaResource(
                formula,
                record,
                { now: ctx.now, isNew: prior === null, prior: prior ?? record, permissions: ctx.permissions, userId: ctx.userId },
                ctx.meta
            );
            if (isFormulaError(value)) throw new FlowError(this.flow.name, `formula ${ref} cannot be evaluated: ${value.message}`, value);
            return value;
        }
        const dot = ref.indexOf('.');
        if (dot > 0 && this.lookupResults.has(ref.slice(0, dot))) {
            const found = this.lookupResults.get(ref.slice(0, dot));
            return found ? (found[ref.slice(dot + 1)] ?? null) : null;
        }
        if (dot > 0 && this.flow.elements.get(ref.slice(0, dot))?.kind === 'recordLookups') return null; // lookup not run on this path
        return this.fail(`unknown reference ${ref}.`);
    }

    valueOf(v: unknown): unknown {
        return v !== null && typeof v === 'object' && 'ref' in v ? this.resolve((v as { ref: string }).ref) : v;
    }

    condition(c: Xml): boolean {
        const left = str(c.leftValueReference);
        const operator = str(c.operator);
        const right = this.valueOf(literal(c.rightValue));
        const value = this.resolve(left);
        switch (operator) {
            case 'EqualTo':
                return typeof right === 'boolean' ? Boolean(value) === right : value === right;
            case 'NotEqualTo':
                return typeof right === 'boolean' ? Boolean(value) !== right : value !== right;
            case 'IsNull':
                return isBlank(value) === right;
            case 'IsChanged': {
                if (!left.startsWith('$Record.')) this.fail(`IsChanged needs a $Record field, not ${left}.`);
                // The platform: IsChanged is false on create; a text field stores a blank as null, so a blank
                // changed to another blank ('' and null) is no change.
                const before = this.ctx.prior === null ? null : (this.ctx.prior[left.slice(8)] ?? null);
                const changed = this.ctx.prior !== null && !(isBlank(before) && isBlank(value)) && before !== value;
                return changed === right;
            }
            case 'GreaterThan':
            case 'GreaterThanOrEqualTo':
            case 'LessThan':
            case 'LessThanOrEqualTo':
                return compare(operator, value, right);
            case 'Contains':
            case 'StartsWith':
            case 'EndsWith': {
                if (typeof value !== 'string' || typeof right !== 'string') return false;
                if (operator === 'Contains') return value.includes(right);
                return operator === 'StartsWith' ? value.startsWith(right) : value.endsWith(right);
            }
            default:
                return this.fail(`condition operator ${operator} is not supported.`);
        }
    }

    rule(rule: Xml): boolean {
        const results = list(rule.conditions).map((c) => this.condition(c));
        const logic = str(rule.conditionLogic).toLowerCase() || 'and';
        if (logic === 'and') return results.every(Boolean);
        if (logic === 'or') return results.some(Boolean);
        return evaluateLogic(logic, results, (m) => this.fail(`rule ${str(rule.name)}: ${m}`));
    }

    run(from: string | null): InterviewResult {
        let current = from;
        let guard = 0;
        while (current) {
            if (++guard > 2000) this.fail('more than 2,000 elements executed: a loop without an exit?');
            const found = this.flow.elements.get(current);
            if (!found) this.fail(`no element named ${current}.`);
            this.result.elements++;
            current = this.step(found.kind, found.el);
        }
        return this.result;
    }

    /** One assignment item: to a variable, a collection or a $Record field (in the order the flow lists them). */
    assign(element: string, item: Xml): void {
        const target = str(item.assignToReference);
        const value = this.valueOf(literal(item.value));
        const op = str(item.operator);
        const field = target.startsWith('$Record.') ? target.slice('$Record.'.length) : null;
        if (field !== null && (field.includes('.') || field.includes(':')))
            this.fail(`assignment ${element}: ${target} crosses a relationship; a flow can set only the record's own fields.`);
        if (field === null && target.startsWith('$')) this.fail(`assignment ${element}: ${target} cannot be assigned.`);
        const current = field !== null ? (this.record[field] ?? null) : this.vars.get(target);
        let updated: unknown;
        if (op === 'Assign') updated = value;
        else if (op === 'Add' && field === null && this.flow.collections.has(target)) updated = [...(current as unknown[]), value];
        else if (op === 'Add' && typeof value === 'number') updated = (typeof current === 'number' ? current : 0) + value;
        else if (op === 'Add' && typeof value === 'string') updated = (typeof current === 'string' ? current : '') + value;
        else if (op === 'Subtract' && typeof value === 'number') updated = (typeof current === 'number' ? current : 0) - value;
        else return this.fail(`assignment ${element}: ${op} of ${JSON.stringify(value)} to ${target} is not supported.`);
        if (field === null) this.vars.set(target, updated);
        else {
            this.record[field] = updated;
            this.result.recordWrites[field] = updated;
        }
    }

    step(kind: string, el: Xml): string | null {
        const next = (tag = 'connector'): string | null => str((el[tag] as Xml | undefined)?.targetReference) || null;
        switch (kind) {
            case 'decisions': {
                for (const rule of list(el.rules))
                    if (this.rule(rule)) return str((rule.connector as Xml | undefined)?.targetReference) || null;
                return next('defaultConnector');
            }
            case 'assignments': {
                for (const item of list(el.assignmentItems)) this.assign(str(el.name), item);
                return next();
            }
            case 'recordLookups': {
                const object = str(el.object);
                if (str(el.filterLogic || 'and') !== 'and') this.fail(`lookup ${str(el.name)}: only filterLogic "and" is supported.`);
                const filters = list(el.filters).map((f) => {
                    if (str(f.operator) !== 'EqualTo') this.fail(`lookup ${str(el.name)}: only EqualTo filters are supported.`);
                    return [str(f.field), this.valueOf(literal(f.value))] as const;
                });
                const found = (this.ctx.org[object] ?? []).find((r) => filters.every(([f, v]) => r[f] === v)) ?? null;
                this.lookupResults.set(str(el.name), found);
                this.result.lookups.push(str(el.name));
                return next();
            }
            case 'recordUpdates': {
                const name = str(el.name);
                const object = str(el.object);
                const filters = list(el.filters);
                const onRecord =
                    object === this.flow.object &&
                    filters.length === 1 &&
                    str(filters[0]?.field) === 'Id' &&
                    str(filters[0]?.operator) === 'EqualTo' &&
                    str((filters[0]?.value as Xml | undefined)?.elementReference) === '$Record.Id';
                if (!onRecord || el.inputReference !== undefined)
                    this.fail(`update ${name}: only updates of the triggering record (filter Id EqualTo $Record.Id) are supported.`);
                const fields: Record<string, unknown> = {};
                for (const a of list(el.inputAssignments)) fields[str(a.field)] = this.valueOf(literal(a.value));
                const id = String(this.ctx.record.Id ?? '');
                if (!id) this.fail(`update ${name}: the triggering record has no Id.`);
                this.result.updates.push({ object, id, fields });
                this.result.dmlElements.push(name);
                return next();
            }
            case 'actionCalls': {
                if (str(el.actionType) !== 'customNotificationAction')
                    this.fail(`action ${str(el.name)} of type ${str(el.actionType)} is not supported.`);
                const input = new Map(list(el.inputParameters).map((p) => [str(p.name), this.valueOf(literal(p.value))]));
                const typeId = input.get('customNotifTypeId');
                const recipients = ((input.get('recipientIds') as unknown[] | undefined) ?? []).filter(
                    (r) => typeof r === 'string' && r !== ''
                );
                // The platform fails the interview (and the save, on the immediate path) without a type or a recipient.
                if (typeof typeId !== 'string' || !typeId)
                    this.fail(
                        `action ${str(el.name)}: no Custom Notification Type found; deploy force-app/main/default/notificationtypes.`
                    );
                if (recipients.length === 0) this.fail(`action ${str(el.name)}: no recipient (recipientIds is empty).`);
                this.result.sent.push({
                    flow: this.flow.name,
                    path: this.path,
                    notificationTypeId: typeId,
                    recipientIds: recipients as string[],
                    title: String(input.get('title') ?? ''),
                    body: String(input.get('body') ?? ''),
                    targetId: String(input.get('targetId') ?? ''),
                    at: this.ctx.now.toISOString()
                });
                return next();
            }
            default:
                return this.fail(`element kind ${kind} is not supported.`);
        }
    }
}

/** Ordering conditions: numbers by value, dates and date-times (ISO text) by time; anything else (a blank) is false. */
function compare(operator: string, value: unknown, right: unknown): boolean {
    const key = (v: unknown): number =>
        typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
    const [a, b] = [key(value), key(right)];
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    if (operator === 'GreaterThan') return a > b;
    if (operator === 'GreaterThanOrEqualTo') return a >= b;
    if (operator === 'LessThan') return a < b;
    return a <= b;
}

/** `1 AND (2 OR NOT 3)` over the rule's condition results (1-based). */
export function evaluateLogic(logic: string, results: boolean[], fail: (m: string) => never): boolean {
    const tokens = logic.toUpperCase().match(/\d+|AND|OR|NOT|\(|\)|\S/g) ?? [];
    let i = 0;
    const peek = (): string | undefined => tokens[i];
    const primary = (): boolean => {
        const t = tokens[i++];
        if (t === 'NOT') return !primary();
        if (t === '(') {
            const v = or();
            if (tokens[i++] !== ')') fail(`unbalanced parentheses in "${logic}".`);
            return v;
        }
        if (t && /^\d+$/.test(t)) {
            const r = results[Number(t) - 1];
            if (r === undefined) fail(`condition ${t} does not exist in "${logic}".`);
            return r;
        }
        return fail(`cannot read "${logic}" at "${t ?? 'the end'}".`);
    };
    const and = (): boolean => {
        let v = primary();
        while (peek() === 'AND') {
            i++;
            v = primary() && v;
        }
        return v;
    };
    const or = (): boolean => {
        let v = and();
        while (peek() === 'OR') {
            i++;
            v = and() || v;
        }
        return v;
    };
    const v = or();
    if (i !== tokens.length) fail(`cannot read "${logic}" at "${tokens[i]}".`);
    return v;
}

/** Whether the start element's filters hold for a record (an empty filter list always holds). */
export function meetsEntry(flow: ParsedFlow, record: RecordValues): boolean {
    return flow.filters.every((f) => {
        const v = record[f.field] ?? null;
        if (f.operator === 'EqualTo') return v === f.value;
        if (f.operator === 'NotEqualTo') return v !== f.value;
        if (f.operator === 'IsNull') return (v === null || v === '') === f.value;
        throw new FlowError(flow.name, `start filter operator ${f.operator} is not supported.`);
    });
}

/** Whether this save starts the flow: filters hold, and (when required) did not hold before the save. */
export function triggers(flow: ParsedFlow, record: RecordValues, prior: RecordValues | null): boolean {
    if (prior === null ? flow.recordTriggerType === 'Update' : flow.recordTriggerType === 'Create') return false;
    if (!meetsEntry(flow, record)) return false;
    return !(flow.requiresChangeToMeetCriteria && prior !== null && meetsEntry(flow, prior));
}

/** Runs the immediate path of an after-save flow for one saved record (nothing when the save does not start it). */
export function runImmediate(flow: ParsedFlow, ctx: InterviewContext): InterviewResult {
    if (flow.triggerType !== 'RecordAfterSave')
        throw new FlowError(flow.name, `only after-save flows are run here, not ${flow.triggerType}.`);
    if (!flow.start || !triggers(flow, ctx.record, ctx.prior)) return EMPTY_RESULT();
    return new Interview(flow, ctx, null).run(flow.start);
}

/**
 * Runs a before-save flow for one record being saved (`ctx.record` as submitted, `ctx.prior` the stored record or
 * null on create). `recordWrites` holds what the flow sets on the record: merge it over the submitted values to get
 * what validation rules see and what is stored. Nothing when the save does not start the flow.
 */
export function runBeforeSave(flow: ParsedFlow, ctx: InterviewContext): InterviewResult {
    if (flow.triggerType !== 'RecordBeforeSave')
        throw new FlowError(flow.name, `only before-save flows are run here, not ${flow.triggerType}.`);
    if (flow.scheduledPaths.length > 0) throw new FlowError(flow.name, 'a before-save flow cannot have scheduled paths.');
    if (!flow.start || !triggers(flow, ctx.record, ctx.prior)) return EMPTY_RESULT();
    return new Interview(flow, ctx, null).run(flow.start);
}

/** Runs one scheduled path for the record as it is when the path runs (no prior record). */
export function runScheduledPath(flow: ParsedFlow, path: ScheduledPath, ctx: Omit<InterviewContext, 'prior'>): InterviewResult {
    return new Interview(flow, { ...ctx, prior: null }, path.name).run(path.connector);
}
