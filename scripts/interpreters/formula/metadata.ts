/**
 * The Lead schema as the formula harness sees it: every field the project's XML declares under
 * objects/Lead/fields (custom fields, generated or hand-written), every standard Lead field from
 * scripts/shared/metadata/standardLeadFields.ts, and the validation rules under objects/Lead/validationRules.
 *
 * Field names are stored as declared and looked up case-insensitively, as the platform resolves them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { STANDARD_LEAD_FIELDS, type StandardField } from '../../shared/metadata/standardLeadFields.ts';

/** The value types formulon evaluates (currency and percent are numbers with a scale). */
export type FormulaDataType = 'text' | 'picklist' | 'multipicklist' | 'number' | 'checkbox' | 'date' | 'datetime' | 'time';

export type BlankHandling = 'BlankAsZero' | 'BlankAsBlank';

export interface LeadField {
    /** API name as declared. */
    name: string;
    label: string;
    /** Metadata API type (`Text`, `Picklist`, `Currency`, ...); for a formula field, its return type. */
    metadataType: string;
    /** The type a formula sees. */
    dataType: FormulaDataType;
    /** Maximum characters for text-like fields. */
    length: number | null;
    precision: number | null;
    /** Decimal places for number, currency and percent fields (0 for integers). */
    scale: number | null;
    /** Declared picklist values, or null when the org decides them (e.g. standard Status). */
    picklistValues: string[] | null;
    restrictedPicklist: boolean;
    description: string | null;
    inlineHelpText: string | null;
    /** Formula text for formula fields. */
    formula: string | null;
    /** Blank handling of a formula field; null for other fields. */
    formulaTreatBlanksAs: BlankHandling | null;
    custom: boolean;
    /** Repo-relative path of the field's XML, or null for standard fields. */
    path: string | null;
}

export interface ValidationRuleMeta {
    name: string;
    active: boolean;
    formula: string;
    errorMessage: string;
    errorDisplayField: string | null;
    description: string | null;
    path: string;
}

/** A formula resource of a Lead record-triggered flow, and the record fields the flow assigns it to. */
export interface FlowFormulaMeta {
    flow: string;
    name: string;
    /** Flow data type (`Number`, `Boolean`, `String`, `DateTime`, `Date`, `Currency`). */
    flowDataType: string;
    scale: number | null;
    /** The expression as stored, with `{!$Record.Field}` merge fields. */
    expression: string;
    /** `$Record` fields an assignment in the flow sets from this formula on every run (no decision leads to it). */
    assignsTo: string[];
    /**
     * `$Record` fields set from this formula only by an assignment a decision outcome leads to (e.g. Intent_At_SQL__c
     * on first entry into SQL): the flow's decisions say when (save.ts runs the flow); the harness evaluates the formula.
     */
    conditionalAssignsTo?: string[];
    path: string;
}

export interface LeadMetadata {
    root: string;
    fields: ReadonlyMap<string, LeadField>;
    /** Formula fields in declaration (file name) order. */
    formulaFields: readonly LeadField[];
    validationRules: readonly ValidationRuleMeta[];
    /** Formula resources of the project's Lead flows (e.g. the fit score the before-save flow stamps). */
    flowFormulas: readonly FlowFormulaMeta[];
    /** Files that could not be read as field or rule metadata: each names the file and the reason. */
    problems: readonly string[];
    /** The field with this API name, matched case-insensitively as the platform does. */
    field(name: string): LeadField | null;
}

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const LEAD_OBJECT_DIR = join('force-app', 'main', 'default', 'objects', 'Lead');

const xml = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (tagName) => tagName === 'value'
});

const FLOW_LISTS = new Set(['formulas', 'assignments', 'assignmentItems', 'recordUpdates', 'inputAssignments', 'decisions', 'rules']);
const flowXml = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (tagName) => FLOW_LISTS.has(tagName)
});

const TEXT_TYPES: Record<string, number | null> = {
    Text: null,
    TextArea: 255,
    LongTextArea: null,
    Html: null,
    EncryptedText: null,
    Email: 80,
    Phone: 40,
    Url: 255,
    Lookup: 18,
    MasterDetail: 18,
    Hierarchy: 18
};

function dataTypeOf(metadataType: string): FormulaDataType | null {
    if (metadataType in TEXT_TYPES) return 'text';
    switch (metadataType) {
        case 'Picklist':
            return 'picklist';
        case 'MultiselectPicklist':
            return 'multipicklist';
        case 'Number':
        case 'Currency':
        case 'Percent':
            return 'number';
        case 'Checkbox':
            return 'checkbox';
        case 'Date':
            return 'date';
        case 'DateTime':
            return 'datetime';
        case 'Time':
            return 'time';
        default:
            return null;
    }
}

const STANDARD_TYPE_TO_METADATA: Record<StandardField['type'], string> = {
    id: 'Lookup',
    reference: 'Lookup',
    text: 'Text',
    email: 'Email',
    phone: 'Phone',
    url: 'Url',
    textarea: 'TextArea',
    picklist: 'Picklist',
    number: 'Number',
    currency: 'Currency',
    base64: 'Base64',
    datetime: 'DateTime',
    date: 'Date',
    checkbox: 'Checkbox'
};

function standardField(name: string, field: StandardField): LeadField {
    const metadataType = STANDARD_TYPE_TO_METADATA[field.type];
    const numeric = field.type === 'number' || field.type === 'currency';
    return {
        name,
        label: field.label,
        metadataType,
        dataType: dataTypeOf(metadataType) as FormulaDataType,
        length: field.length ?? TEXT_TYPES[metadataType] ?? null,
        precision: numeric ? 18 : null,
        // NumberOfEmployees is an integer; AnnualRevenue is stored with no decimals in a standard org.
        scale: numeric ? 0 : null,
        picklistValues: field.picklistValues ? [...field.picklistValues] : null,
        restrictedPicklist: false,
        description: null,
        inlineHelpText: null,
        formula: null,
        formulaTreatBlanksAs: null,
        custom: false,
        path: null
    };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);
const int = (value: unknown): number | null => {
    const s = str(value);
    if (s === null || s.trim() === '') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : null;
};

function picklistValuesOf(node: Record<string, unknown>): string[] | null {
    const valueSet = node.valueSet as Record<string, unknown> | undefined;
    const definition = valueSet?.valueSetDefinition as Record<string, unknown> | undefined;
    const values = definition?.value as Array<Record<string, unknown>> | undefined;
    if (!values) return null;
    return values.map((value) => str(value.fullName) ?? '').filter((value) => value !== '');
}

function readXml(file: string, rootTag: string, parser: XMLParser = xml): Record<string, unknown> {
    const text = readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
    const parsed = parser.parse(text) as Record<string, unknown>;
    const node = parsed[rootTag];
    if (!node || typeof node !== 'object') throw new Error(`no <${rootTag}> root element`);
    return node as Record<string, unknown>;
}

function customField(file: string, root: string): LeadField {
    const node = readXml(file, 'CustomField');
    const name = str(node.fullName);
    if (!name) throw new Error('no <fullName>');
    const metadataType = str(node.type);
    if (!metadataType) throw new Error('no <type>');
    const dataType = dataTypeOf(metadataType);
    if (!dataType) throw new Error(`field type ${metadataType} is not one the harness can evaluate`);
    const formula = str(node.formula);
    const blanks = str(node.formulaTreatBlanksAs);
    if (blanks !== null && blanks !== 'BlankAsZero' && blanks !== 'BlankAsBlank') throw new Error(`unknown formulaTreatBlanksAs ${blanks}`);
    const valueSet = node.valueSet as Record<string, unknown> | undefined;
    return {
        name,
        label: str(node.label) ?? name,
        metadataType,
        dataType,
        length: int(node.length) ?? TEXT_TYPES[metadataType] ?? null,
        precision: int(node.precision),
        scale: dataType === 'number' ? (int(node.scale) ?? 0) : null,
        picklistValues: picklistValuesOf(node),
        restrictedPicklist: str(valueSet?.restricted) === 'true',
        description: str(node.description),
        inlineHelpText: str(node.inlineHelpText),
        formula,
        // The Metadata API's default when a formula omits the setting.
        formulaTreatBlanksAs: formula === null ? null : ((blanks as BlankHandling | null) ?? 'BlankAsZero'),
        custom: true,
        path: relative(root, file)
    };
}

function validationRule(file: string, root: string): ValidationRuleMeta {
    const node = readXml(file, 'ValidationRule');
    const name = str(node.fullName);
    if (!name) throw new Error('no <fullName>');
    const formula = str(node.errorConditionFormula);
    if (formula === null) throw new Error('no <errorConditionFormula>');
    return {
        name,
        active: str(node.active) === 'true',
        formula,
        errorMessage: str(node.errorMessage) ?? '',
        errorDisplayField: str(node.errorDisplayField),
        description: str(node.description),
        path: relative(root, file)
    };
}

const list = (value: unknown): Array<Record<string, unknown>> => (Array.isArray(value) ? (value as Array<Record<string, unknown>>) : []);

/** Formula resources of one flow, when the flow is triggered by Lead records (other flows are ignored). */
function flowFormulas(file: string, root: string): FlowFormulaMeta[] {
    const node = readXml(file, 'Flow', flowXml);
    const start = node.start as Record<string, unknown> | undefined;
    if (str(start?.object) !== 'Lead') return [];
    const flow = basename(file, '.flow-meta.xml');
    // Where each formula lands: `$Record.Field = formula` in assignments, or `Field = formula` in record updates.
    const targets = new Map<string, string[]>();
    const conditionalTargets = new Map<string, string[]>();
    const assign = (formula: string | null, fieldName: string | null, conditional = false): void => {
        if (!formula || !fieldName) return;
        const into = conditional ? conditionalTargets : targets;
        into.set(formula, [...(into.get(formula) ?? []), fieldName]);
    };
    // Assignments a decision outcome connects to run only when that outcome holds.
    const decided = new Set(
        list(node.decisions).flatMap((d) =>
            list(d.rules).map((r) => str((r.connector as Record<string, unknown> | undefined)?.targetReference))
        )
    );
    for (const assignment of list(node.assignments)) {
        const conditional = decided.has(str(assignment.name));
        for (const item of list(assignment.assignmentItems)) {
            const target = str(item.assignToReference);
            const value = item.value as Record<string, unknown> | undefined;
            if (target?.startsWith('$Record.') && str(item.operator) === 'Assign')
                assign(str(value?.elementReference), target.slice('$Record.'.length), conditional);
        }
    }
    for (const update of list(node.recordUpdates)) {
        for (const item of list(update.inputAssignments)) {
            const value = item.value as Record<string, unknown> | undefined;
            assign(str(value?.elementReference), str(item.field));
        }
    }
    return list(node.formulas).map((formula) => {
        const name = str(formula.name);
        const expression = str(formula.expression);
        if (!name || expression === null) throw new Error('a <formulas> element without <name> or <expression>');
        return {
            flow,
            name,
            flowDataType: str(formula.dataType) ?? 'String',
            scale: int(formula.scale),
            expression,
            assignsTo: targets.get(name) ?? [],
            conditionalAssignsTo: conditionalTargets.get(name) ?? [],
            path: relative(root, file)
        };
    });
}

function filesIn(dir: string, suffix: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
        .filter((name) => name.endsWith(suffix))
        .sort()
        .map((name) => join(dir, name));
}

/**
 * Reads the Lead schema from a project tree (default: this project). Never throws for a bad file:
 * the file is left out and named in `problems`, which tests assert empty.
 */
/** Lead's fields, rules and flow formulas; `objectDir` reads another object's fields and rules (with Lead's standard fields). */
export function loadLeadMetadata(root: string = PROJECT_ROOT, objectDir: string = LEAD_OBJECT_DIR): LeadMetadata {
    const fields = new Map<string, LeadField>();
    const byLower = new Map<string, LeadField>();
    const problems: string[] = [];
    const add = (field: LeadField): void => {
        const key = field.name.toLowerCase();
        const existing = byLower.get(key);
        if (existing && existing.custom === field.custom) {
            problems.push(`${field.path ?? field.name}: field ${field.name} is declared twice`);
            return;
        }
        // A project XML for a standard field (e.g. a picklist's values) wins over the built-in description.
        if (existing) fields.delete(existing.name);
        fields.set(field.name, field);
        byLower.set(key, field);
    };
    for (const [name, field] of Object.entries(STANDARD_LEAD_FIELDS)) add(standardField(name, field));
    const dir = join(root, objectDir);
    for (const file of filesIn(join(dir, 'fields'), '.field-meta.xml')) {
        try {
            add(customField(file, root));
        } catch (error) {
            problems.push(`${relative(root, file)}: ${(error as Error).message}`);
        }
    }
    const validationRules: ValidationRuleMeta[] = [];
    for (const file of filesIn(join(dir, 'validationRules'), '.validationRule-meta.xml')) {
        try {
            validationRules.push(validationRule(file, root));
        } catch (error) {
            problems.push(`${relative(root, file)}: ${(error as Error).message}`);
        }
    }
    const flows: FlowFormulaMeta[] = [];
    for (const file of filesIn(join(root, 'force-app', 'main', 'default', 'flows'), '.flow-meta.xml')) {
        try {
            flows.push(...flowFormulas(file, root));
        } catch (error) {
            problems.push(`${relative(root, file)}: ${(error as Error).message}`);
        }
    }
    const formulaFields = [...fields.values()].filter((field) => field.formula !== null);
    return {
        root,
        fields,
        formulaFields,
        validationRules,
        flowFormulas: flows,
        problems,
        field: (name) => byLower.get(name.toLowerCase()) ?? null
    };
}
