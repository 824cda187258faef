/**
 * What the preview's bundler needs to know about the project's own metadata, read from force-app:
 * the LWC bundles and where they may be placed, Custom Labels, custom permissions, static resources,
 * Apex classes and the Lead fields that `@salesforce/schema` imports may name.
 *
 * Each platform import is checked against these at build time, as a deploy would check it:
 * an unknown label, permission, resource, Apex method or Lead field fails the build.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { STANDARD_LEAD_FIELDS } from '../../scripts/shared/metadata/standardLeadFields.ts';

export const FORCE_APP = join('force-app', 'main', 'default');

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

export interface LwcBundle {
    name: string;
    /** Absolute path of the bundle's emitted JavaScript entry. */
    entry: string;
    isExposed: boolean;
    /** Targets from the bundle's js-meta.xml, e.g. lightning__RecordPage. */
    targets: string[];
    /** Objects a record-page target is restricted to (empty = any). */
    objects: string[];
}

export interface ProjectMetadata {
    root: string;
    bundles: LwcBundle[];
    /** Custom Label name -> its value (the org's default language), from every *.labels-meta.xml. */
    labels: ReadonlyMap<string, string>;
    /** Custom Label name -> language -> translated value, from translations/<language>.translation-meta.xml. */
    labelTranslations: ReadonlyMap<string, Readonly<Record<string, string>>>;
    customPermissions: ReadonlySet<string>;
    /** Static resource name -> absolute path of its file or folder. */
    staticResources: ReadonlyMap<string, string>;
    /** Apex class name -> names of its @AuraEnabled methods. */
    apexClasses: ReadonlyMap<string, ReadonlySet<string>>;
    /** Lead field API names (standard and project), lower-cased for case-insensitive checks. */
    leadFields: ReadonlySet<string>;
    /** Custom objects defined in the project (API names). */
    customObjects: ReadonlySet<string>;
}

const listDir = (dir: string): string[] => {
    try {
        return readdirSync(dir).sort();
    } catch {
        return [];
    }
};

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function readBundles(root: string): LwcBundle[] {
    const lwcDir = join(root, FORCE_APP, 'lwc');
    const bundles: LwcBundle[] = [];
    for (const name of listDir(lwcDir)) {
        const dir = join(lwcDir, name);
        const metaPath = join(dir, `${name}.js-meta.xml`);
        if (!statSync(dir).isDirectory() || !existsSync(join(dir, `${name}.ts`))) continue;
        let isExposed = false;
        let targets: string[] = [];
        const objects: string[] = [];
        if (existsSync(metaPath)) {
            const meta = xml.parse(readFileSync(metaPath, 'utf8')).LightningComponentBundle ?? {};
            isExposed = String(meta.isExposed) === 'true';
            targets = asArray<string>(meta.targets?.target).map(String);
            for (const config of asArray<Record<string, unknown>>(meta.targetConfigs?.targetConfig)) {
                const objs = (config.objects as { object?: string | string[] } | undefined)?.object;
                objects.push(...asArray(objs).map(String));
            }
        }
        bundles.push({ name, entry: join(dir, `${name}.js`), isExposed, targets, objects });
    }
    return bundles;
}

/** Every labels file of the folder: source format merges them all into the one CustomLabels component, as a deploy does. */
function readLabels(root: string): Map<string, string> {
    const labels = new Map<string, string>();
    const dir = join(root, FORCE_APP, 'labels');
    for (const name of listDir(dir).filter((f) => f.endsWith('.labels-meta.xml'))) {
        const parsed = xml.parse(readFileSync(join(dir, name), 'utf8')).CustomLabels ?? {};
        for (const label of asArray<Record<string, unknown>>(parsed.labels)) {
            if (typeof label.fullName !== 'string') continue;
            if (labels.has(label.fullName))
                throw new Error(`Custom label ${label.fullName} is defined twice in force-app/main/default/labels.`);
            labels.set(label.fullName, typeof label.value === 'string' ? label.value : '');
        }
    }
    return labels;
}

/** CustomLabel translations per language, from translations/<language>.translation-meta.xml. */
function readLabelTranslations(root: string): Map<string, Record<string, string>> {
    const byLabel = new Map<string, Record<string, string>>();
    const dir = join(root, FORCE_APP, 'translations');
    for (const file of listDir(dir).filter((f) => f.endsWith('.translation-meta.xml'))) {
        const language = file.slice(0, -'.translation-meta.xml'.length);
        const parsed = xml.parse(readFileSync(join(dir, file), 'utf8')).Translations ?? {};
        for (const entry of asArray<Record<string, unknown>>(parsed.customLabels)) {
            if (typeof entry.name !== 'string' || typeof entry.label !== 'string') continue;
            byLabel.set(entry.name, { ...byLabel.get(entry.name), [language]: entry.label });
        }
    }
    return byLabel;
}

/** Names of the @AuraEnabled methods in an Apex class source (comments removed first). */
export function auraEnabledMethods(source: string): Set<string> {
    const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
    const methods = new Set<string>();
    const pattern =
        /@AuraEnabled\b(?:\s*\([^)]*\))?\s*((?:public|global|private|protected|static|override|virtual|with|without|sharing|\s)+)[\w<>,.\s[\]]+?\s(\w+)\s*\(/gi;
    for (const match of code.matchAll(pattern)) if (match[2]) methods.add(match[2]);
    return methods;
}

export function readProjectMetadata(root: string): ProjectMetadata {
    const base = join(root, FORCE_APP);
    const customPermissions = new Set(
        listDir(join(base, 'customPermissions'))
            .filter((f) => f.endsWith('.customPermission-meta.xml'))
            .map((f) => f.replace('.customPermission-meta.xml', ''))
    );
    const staticResources = new Map<string, string>();
    const resourceDir = join(base, 'staticresources');
    for (const entry of listDir(resourceDir)) {
        if (entry.endsWith('.resource-meta.xml')) continue;
        const name = entry.replace(/\.[^.]+$/, '');
        if (existsSync(join(resourceDir, `${name}.resource-meta.xml`))) staticResources.set(name, join(resourceDir, entry));
    }
    const apexClasses = new Map<string, Set<string>>();
    for (const file of listDir(join(base, 'classes')).filter((f) => f.endsWith('.cls'))) {
        apexClasses.set(file.slice(0, -4), auraEnabledMethods(readFileSync(join(base, 'classes', file), 'utf8')));
    }
    const leadFields = new Set(Object.keys(STANDARD_LEAD_FIELDS).map((f) => f.toLowerCase()));
    for (const file of listDir(join(base, 'objects', 'Lead', 'fields'))) {
        if (file.endsWith('.field-meta.xml')) leadFields.add(file.replace('.field-meta.xml', '').toLowerCase());
    }
    const customObjects = new Set(listDir(join(base, 'objects')).filter((name) => name.endsWith('__c')));
    return {
        root,
        bundles: readBundles(root),
        labels: readLabels(root),
        labelTranslations: readLabelTranslations(root),
        customPermissions,
        staticResources,
        apexClasses,
        leadFields,
        customObjects
    };
}
