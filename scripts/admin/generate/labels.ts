/**
 * The definition's shown words as Custom Labels, the module components read them through, and the sample German
 * translation of every label (the components' and the definition's).
 *
 * - force-app/main/default/labels/LeadGateDefinition.labels-meta.xml: one label `LeadGate_Def_<id>` per entry of
 *   definitionTexts (c/definitionText), valued with the definition's English. A second labels file beside
 *   CustomLabels.labels-meta.xml: source format merges every *.labels-meta.xml into the one CustomLabels component.
 * - force-app/main/default/lwc/definitionLabels/definitionLabels.ts: imports every one of those labels
 *   (`@salesforce/label/c.X` can only be imported statically) and exports SHOWN_DEFINITION, the definition in the
 *   user's language.
 * - force-app/main/default/translations/<lang>.translation-meta.xml: the CustomLabel translations for each language
 *   in data/translations/<lang>.json. A label the JSON does not translate is left out (the org then shows the
 *   label's own value); the node test scripts/admin/generate/labels.test.ts fails on any label left out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { SqlDefinition } from 'c/sqlDefinition';
import { criterionTextId, definitionLabelName, definitionTexts } from 'c/definitionText';
import { GENERATED_MARKER } from './locations.ts';
import type { GeneratedFile } from './types.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const DEFINITION_LABELS_PATH = 'force-app/main/default/labels/LeadGateDefinition.labels-meta.xml';
export const COMPONENT_LABELS_PATH = 'force-app/main/default/labels/CustomLabels.labels-meta.xml';
export const DEFINITION_LABELS_MODULE = 'force-app/main/default/lwc/definitionLabels/definitionLabels.ts';
export const TRANSLATIONS_SOURCE_DIR = 'data/translations';
export const translationPath = (language: string): string => `force-app/main/default/translations/${language}.translation-meta.xml`;

/** A Custom Label as the platform stores it (the parts a translation and a check need). */
export interface LabelEntry {
    name: string;
    value: string;
    description: string;
}

/** The sentences of the translated Lead field help; {0}, {1}... are filled from the definition and its labels. */
export interface FieldHelpTemplates {
    /** {0} the frameworks with their criteria, {1} enterprise employees, {2} enterprise annual revenue. */
    framework: string;
    /** Joins the frameworks in {0} of `framework`. */
    frameworkJoin: string;
    /** Criterion status help: {0} the question, {1} the example. */
    status: string;
    /** Appended to `status` when Disqualifying points to a rejection reason: {0} the reason. */
    statusDisqualifying: string;
    /** Criterion evidence help: {0} the question, {1} the evidence minimum, {2} the example. */
    evidence: string;
}

const FIELD_HELP_KEYS: ReadonlyArray<keyof FieldHelpTemplates> = [
    'framework',
    'frameworkJoin',
    'status',
    'statusDisqualifying',
    'evidence'
];

/** One language's translations, as data/translations/<lang>.json holds them: label name -> translated text, and field help. */
export interface LanguageSource {
    language: string;
    labels: Readonly<Record<string, string>>;
    fieldHelp: FieldHelpTemplates;
}

/** The repository root: the component labels and the translation sources are read from here. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

const MAX_DESCRIPTION = 80;
const MAX_VALUE = 1000;

/** The labels the definition needs, in definition order. Throws, naming the text, when one breaks a platform limit. */
export function definitionLabels(def: SqlDefinition): LabelEntry[] {
    const seen = new Set<string>();
    return definitionTexts(def).map((t) => {
        const name = definitionLabelName(t.id);
        if (seen.has(name)) throw new Error(`Two shown texts of the definition share the label ${name}: give their keys distinct names.`);
        seen.add(name);
        if (t.text.trim() === '') throw new Error(`The definition's ${t.path.join('.')} is empty: every shown text needs words.`);
        if (t.text.length > MAX_VALUE)
            throw new Error(
                `The definition's ${t.path.join('.')} is ${t.text.length} characters; a Custom Label holds at most ${MAX_VALUE}.`
            );
        return { name, value: t.text, description: t.about.slice(0, MAX_DESCRIPTION) };
    });
}

/** The component labels, read from CustomLabels.labels-meta.xml under `root`. */
export function readLabelFile(root: string, path: string): LabelEntry[] {
    const parsed = new XMLParser({ parseTagValue: false, trimValues: false }).parse(readFileSync(join(root, path), 'utf8')) as {
        CustomLabels?: { labels?: unknown };
    };
    const raw = parsed.CustomLabels?.labels;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<Record<string, unknown>>;
    return list.map((l) => ({ name: String(l.fullName), value: String(l.value ?? ''), description: String(l.shortDescription ?? '') }));
}

/** Every language with a source in data/translations, read and checked for shape. */
export function readLanguageSources(root: string): LanguageSource[] {
    const dir = join(root, TRANSLATIONS_SOURCE_DIR);
    return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((file) => {
            const language = file.slice(0, -'.json'.length);
            const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { labels?: unknown; fieldHelp?: unknown };
            const labels = parsed.labels;
            if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
                throw new Error(`${TRANSLATIONS_SOURCE_DIR}/${file} needs a "labels" object: label name -> translated text.`);
            for (const [name, text] of Object.entries(labels)) {
                if (typeof text !== 'string' || text.trim() === '')
                    throw new Error(`${TRANSLATIONS_SOURCE_DIR}/${file}: the translation of ${name} must be non-empty text.`);
            }
            const help = (parsed.fieldHelp ?? {}) as Record<string, unknown>;
            for (const key of FIELD_HELP_KEYS) {
                if (typeof help[key] !== 'string' || (key !== 'frameworkJoin' && (help[key] as string).trim() === ''))
                    throw new Error(
                        `${TRANSLATIONS_SOURCE_DIR}/${file} needs "fieldHelp.${key}": the ${key} sentence of the Lead field help.`
                    );
            }
            return { language, labels: labels as Record<string, string>, fieldHelp: help as unknown as FieldHelpTemplates };
        });
}

/** Labels of `all` that `source` does not translate, and translations in `source` for labels that do not exist. */
export function translationGaps(all: readonly LabelEntry[], source: LanguageSource): { missing: string[]; unknown: string[] } {
    const names = new Set(all.map((l) => l.name));
    return {
        missing: all.filter((l) => !(l.name in source.labels)).map((l) => l.name),
        unknown: Object.keys(source.labels).filter((n) => !names.has(n))
    };
}

function labelsFile(labels: readonly LabelEntry[]): string {
    const entries = labels.map((l) =>
        node(
            'labels',
            leaf('fullName', l.name),
            leaf('categories', 'LeadGate,Definition'),
            leaf('language', 'en_US'),
            leaf('protected', false),
            leaf('shortDescription', l.description),
            leaf('value', l.value)
        )
    );
    return xmlDocument(node('CustomLabels', ...entries));
}

function labelsModule(def: SqlDefinition): string {
    const texts = definitionTexts(def);
    const imports = texts.map((t) => `import ${definitionLabelName(t.id)} from '@salesforce/label/c.${definitionLabelName(t.id)}';`);
    const entries = texts.map((t) => `    ${t.id}: ${definitionLabelName(t.id)}`);
    return [
        `// ${GENERATED_MARKER} (scripts/admin/generate/labels.ts) from c/sqlDefinition: do not edit.`,
        "// The definition's shown words as Custom Labels, in the user's language (c/definitionText explains which).",
        ...imports,
        "import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';",
        "import { shownDefinition } from 'c/definitionText';",
        '',
        "/** Label value (in the user's language) by definition text id. */",
        'export const DEFINITION_LABELS: Readonly<Record<string, string>> = {',
        entries.join(',\n'),
        '};',
        '',
        '/** The definition with every shown word from its label: what components display. Rules and numbers are unchanged. */',
        'export const SHOWN_DEFINITION: SqlDefinition = shownDefinition(SQL_DEFINITION, (id) => DEFINITION_LABELS[id]);',
        ''
    ].join('\n');
}

const META = `<?xml version="1.0" encoding="UTF-8" ?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <isExposed>false</isExposed>
</LightningComponentBundle>
`;

function translationFile(all: readonly LabelEntry[], source: LanguageSource): string {
    const entries = all
        .filter((l) => l.name in source.labels)
        .map((l) => node('customLabels', leaf('label', source.labels[l.name] as string), leaf('name', l.name)));
    return xmlDocument(node('Translations', ...entries));
}

/** A label text with its {0}, {1}... replaced by `args`. */
export const fill = (template: string, ...args: ReadonlyArray<string | number>): string =>
    template.replace(/\{(\d+)\}/g, (all, i: string) => (args[Number(i)] === undefined ? all : String(args[Number(i)])));

export const fieldTranslationDir = (language: string): string => `force-app/main/default/objectTranslations/Lead-${language}`;

/** A translated Lead field: its API name, label and help in the language. */
export interface FieldTranslation {
    name: string;
    label: string;
    help: string;
}

/**
 * The Lead fields the qualification panel shows (the framework, each criterion's status and evidence), labelled and
 * explained in `source`'s language from the translated labels, as fields.ts words them in English.
 */
export function leadFieldTranslations(def: SqlDefinition, source: LanguageSource): FieldTranslation[] {
    const text = (id: string): string => {
        const name = definitionLabelName(id);
        const value = source.labels[name];
        if (value === undefined) throw new Error(`${TRANSLATIONS_SOURCE_DIR}/${source.language}.json has no translation of ${name}.`);
        return value;
    };
    const label = (name: string): string => {
        const value = source.labels[name];
        if (value === undefined) throw new Error(`${TRANSLATIONS_SOURCE_DIR}/${source.language}.json has no translation of ${name}.`);
        return value;
    };
    const number = (n: number): string => n.toLocaleString(source.language.replace('_', '-'));
    const help = source.fieldHelp;
    const out: FieldTranslation[] = [];
    const frameworks = def.frameworks.map((f) => {
        const criteria = f.criteria.map((c) => text(criterionTextId(f.key, c.key, 'Label'))).join(', ');
        return `${f.key} (${criteria})`;
    });
    out.push({
        name: 'Qualification_Framework__c',
        label: label('LG_Panel_FrameworkLabel'),
        help: fill(
            help.framework,
            frameworks.join(help.frameworkJoin),
            number(def.enterprise.minEmployees),
            number(def.enterprise.minAnnualRevenue)
        )
    });
    const seen = new Set<string>();
    for (const framework of def.frameworks) {
        for (const criterion of framework.criteria) {
            if (seen.has(criterion.key)) continue;
            seen.add(criterion.key);
            const name = text(criterionTextId(framework.key, criterion.key, 'Label'));
            const question = text(criterionTextId(framework.key, criterion.key, 'Question'));
            const example = text(criterionTextId(framework.key, criterion.key, 'Example'));
            const sentence = /[.!?]$/.test(example) ? example : `${example}.`;
            const disqualify = criterion.disqualifyReason ? fill(help.statusDisqualifying, criterion.disqualifyReason) : '';
            out.push({
                name: `${criterion.key}_Status__c`,
                label: fill(label('LG_Panel_StatusSuffix'), name),
                help: fill(help.status, question, sentence) + disqualify
            });
            out.push({
                name: `${criterion.key}_Evidence__c`,
                label: fill(label('LG_Panel_EvidenceSuffix'), name),
                help: fill(help.evidence, question, def.evidence.minLettersAndDigits, sentence)
            });
        }
    }
    for (const f of out) {
        if (f.label.length > 40)
            throw new Error(`The ${source.language} label of ${f.name}, "${f.label}", is over the 40 characters a field label holds.`);
        if (f.help.length > 510) throw new Error(`The ${source.language} help of ${f.name} is over the 510 characters field help holds.`);
    }
    return out;
}

function fieldTranslationFiles(def: SqlDefinition, source: LanguageSource): GeneratedFile[] {
    const dir = fieldTranslationDir(source.language);
    return [
        { path: `${dir}/Lead-${source.language}.objectTranslation-meta.xml`, content: xmlDocument(node('CustomObjectTranslation')) },
        ...leadFieldTranslations(def, source).map((f) => ({
            path: `${dir}/${f.name}.fieldTranslation-meta.xml`,
            content: xmlDocument(node('CustomFieldTranslation', leaf('help', f.help), leaf('label', f.label), leaf('name', f.name)))
        }))
    ];
}

/** The definition's labels file and module, and one translation file per language source under `root`. */
export function generateLabels(def: SqlDefinition, root: string = REPO_ROOT): { files: GeneratedFile[] } {
    const own = definitionLabels(def);
    const all = [...readLabelFile(root, COMPONENT_LABELS_PATH), ...own];
    const files: GeneratedFile[] = [
        { path: DEFINITION_LABELS_PATH, content: labelsFile(own) },
        { path: DEFINITION_LABELS_MODULE, content: labelsModule(def) },
        { path: DEFINITION_LABELS_MODULE.replace(/\.ts$/, '.js-meta.xml'), content: META }
    ];
    for (const source of readLanguageSources(root)) {
        files.push({ path: translationPath(source.language), content: translationFile(all, source) });
        files.push(...fieldTranslationFiles(def, source));
    }
    return { files };
}
