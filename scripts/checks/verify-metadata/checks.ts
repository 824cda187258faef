/**
 * The metadata gate's checks: what `sf project deploy` or `sf project convert source` would let through silently.
 *
 * Each check is a function over a project root (a directory holding sfdx-project.json) that returns
 * findings, each naming the file at fault and the fix, plus a one-line summary of what it looked at.
 * `verify-metadata.ts` runs them on the repository; the tests run each on a fixture tree with one planted fault.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ForceIgnore, MetadataResolver, RegistryAccess, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { STANDARD_LEAD_FIELDS } from '../../shared/metadata/standardLeadFields';
import { LEAD_REFERENCES, STANDARD_OBJECTS, SYSTEM_FIELDS, SYSTEM_REFERENCES } from '../../shared/metadata/standardObjects';
import { checkConversionMapping } from '../../admin/generate/conversionMapping.ts';
import { LEAD_CONVERT_SETTINGS_PATH } from '../../admin/generate/leadConvert.ts';
import { SF_ENV } from '../../admin/deploy/sf.ts';
import { checkMetadataShape } from './metadataShape.ts';
import { loadMetadataTypes } from './metadataTypes.ts';
import { OPEN_OBJECTS } from './sharingPolicy.ts';

export interface Finding {
    /** Project-relative path, forward slashes. */
    file: string;
    /** 1-based line in the file, when known. */
    line?: number;
    message: string;
    fix: string;
}

export interface CheckResult {
    findings: Finding[];
    /** What the check looked at, for the gate's summary line (e.g. "212 XML files well-formed"). */
    summary: string;
}

export type CheckId = 'xml' | 'types' | 'sharing' | 'claimed' | 'lwc' | 'fields' | 'conversion' | 'convert';

export interface Check {
    id: CheckId;
    title: string;
    run: (root: string) => CheckResult;
}

/** The repository this module lives in: where node_modules/.bin/sf is, whichever project is being checked. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/* ------------------------------------------------------------------ files */

const toPosix = (p: string): string => p.split(sep).join('/');
const rel = (root: string, file: string): string => toPosix(relative(root, file));

/** Package directories named in sfdx-project.json (force-app when the file is missing or unreadable). */
export function packageDirectories(root: string): string[] {
    try {
        const project = JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as {
            packageDirectories?: Array<{ path?: string }>;
        };
        const paths = (project.packageDirectories ?? []).map((d) => d.path).filter((p): p is string => typeof p === 'string' && p !== '');
        return paths.length ? paths : ['force-app'];
    } catch {
        return ['force-app'];
    }
}

/** Every file under `dir`, absolute, sorted; symbolic links and node_modules are not followed. */
export function listFiles(dir: string): string[] {
    const out: string[] = [];
    const walk = (d: string): void => {
        let entries;
        try {
            entries = readdirSync(d, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            if (entry.name === 'node_modules') continue;
            const p = join(d, entry.name);
            if (entry.isDirectory()) walk(p);
            else if (entry.isFile()) out.push(p);
        }
    };
    walk(dir);
    return out.sort();
}

function sourceFiles(root: string): string[] {
    return packageDirectories(root).flatMap((pkg) => listFiles(join(root, pkg)));
}

function lineOf(text: string, index: number): number {
    return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

/* ------------------------------------------------------------------ 1. well-formed XML */

export function checkXmlWellFormed(root: string): CheckResult {
    const files = sourceFiles(root).filter((f) => f.endsWith('.xml'));
    const findings: Finding[] = [];
    for (const file of files) {
        const result = XMLValidator.validate(readFileSync(file, 'utf8'));
        if (result !== true) {
            findings.push({
                file: rel(root, file),
                line: result.err.line,
                message: `malformed XML at line ${result.err.line}, column ${result.err.col}: ${result.err.msg}`,
                fix: 'close or correct the element at that line (the sf CLI may repair or drop it silently, so the org would get something else)'
            });
        }
    }
    return { findings, summary: `${files.length} XML files well-formed` };
}

/* ------------------------------------------------------------------ 1b. the Metadata API's own types and length limits */

/** Folder of metadata kept out of force-app (deployed only on request): checked like force-app. */
export const OPTIONAL_DIR = 'optional';

/** Metadata XML files: every .xml in the package directories, and every XML document under optional/ (Metadata API format). */
export function metadataXmlFiles(root: string): string[] {
    const inPackages = sourceFiles(root).filter((f) => f.endsWith('.xml'));
    const optional = listFiles(join(root, OPTIONAL_DIR)).filter((f) => /^\s*<\?xml/.test(readFileSync(f, 'utf8').slice(0, 100)));
    return [...inPackages, ...optional];
}

export function checkMetadataTypes(root: string): CheckResult {
    const types = loadMetadataTypes();
    const files = metadataXmlFiles(root);
    const findings: Finding[] = [];
    for (const file of files) {
        for (const p of checkMetadataShape(readFileSync(file, 'utf8'), types)) {
            findings.push({ file: rel(root, file), line: p.line, message: p.message, fix: p.fix });
        }
    }
    return {
        findings,
        summary: `${files.length} metadata files checked against the Metadata API types (@salesforce/types) and length limits`
    };
}

/* ------------------------------------------------------------------ 1c. custom objects are Private */

const CLOSED_MODELS = new Set(['Private', 'ControlledByParent']);

/**
 * Every custom object is Private (or ControlledByParent) for internal and external users, unless sharingPolicy.ts
 * names it with a reason: with Read, anyone holding the object permission reads every row, whoever owns it.
 */
export function checkObjectSharing(root: string, openObjects: Readonly<Record<string, string>> = OPEN_OBJECTS): CheckResult {
    const findings: Finding[] = [];
    const objects = sourceFiles(root).filter((f) => /__c\.object-meta\.xml$/.test(f));
    for (const file of objects) {
        const name = basename(file).replace(/\.object-meta\.xml$/, '');
        const text = readFileSync(file, 'utf8');
        const xml = parseXml(file);
        const at = (tag: string): number => lineOf(text, text.indexOf(`<${tag}>`));
        const internal = valuesOf(xml, 'sharingModel')[0];
        const external = valuesOf(xml, 'externalSharingModel')[0];
        const reason = openObjects[name];
        if (reason) {
            if (reason.trim().length < 40) {
                findings.push({
                    file: 'scripts/checks/verify-metadata/sharingPolicy.ts',
                    message: `${name} is allowed open sharing without a real reason`,
                    fix: 'say why the object cannot be Private (40+ characters), or remove the entry'
                });
            }
            continue;
        }
        if (!internal || !CLOSED_MODELS.has(internal)) {
            findings.push({
                file: rel(root, file),
                line: at('sharingModel'),
                message: `${name} has sharingModel ${internal ?? '(none)'}: every user with read on the object sees every row, including rows about records their sharing hides`,
                fix: 'set <sharingModel>Private</sharingModel> and grant access deliberately (owner, role hierarchy, a permission set with View All, or sharing rules), or list the object with a reason in scripts/checks/verify-metadata/sharingPolicy.ts'
            });
        }
        if (!external || !CLOSED_MODELS.has(external)) {
            findings.push({
                file: rel(root, file),
                line: external ? at('externalSharingModel') : at('sharingModel'),
                message: `${name} has externalSharingModel ${external ?? '(none: the org picks the default)'}; external users (Experience Cloud) must not get wider access than Private`,
                fix: 'set <externalSharingModel>Private</externalSharingModel> (it sits just before <label> in the object file)'
            });
        }
    }
    return { findings, summary: `${objects.length} custom objects checked for Private sharing` };
}

/* ------------------------------------------------------------------ 2. every file claimed by source-deploy-retrieve */

const BUNDLE_TYPES = new Set(['LightningComponentBundle', 'AuraDefinitionBundle']);

interface RegistryNames {
    directories: string[];
    suffixes: Set<string>;
}
let registryNames: RegistryNames | null = null;
/** Folder names and file suffixes of every metadata type (and child type) source-deploy-retrieve knows. */
function registryNamesOf(): RegistryNames {
    if (!registryNames) {
        const directories = new Set<string>();
        const suffixes = new Set<string>();
        type RegistryType = { directoryName?: string; suffix?: string; children?: { types: Record<string, RegistryType> } };
        const visit = (types: Record<string, RegistryType>): void => {
            for (const type of Object.values(types)) {
                if (type.directoryName) directories.add(type.directoryName);
                if (type.suffix) suffixes.add(type.suffix);
                if (type.children) visit(type.children.types);
            }
        };
        visit(new RegistryAccess().getRegistry().types as unknown as Record<string, RegistryType>);
        registryNames = { directories: [...directories], suffixes };
    }
    return registryNames;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0] ?? 0;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const temp = row[j] ?? 0;
            row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = temp;
        }
    }
    return row[b.length] ?? 0;
}

/** The most likely fix for a file no metadata type claims. */
export function unclaimedFileFix(relPath: string, packageDirs: readonly string[] = ['force-app'], reason = ''): string {
    const { directories, suffixes } = registryNamesOf();
    const name = basename(relPath);
    const suffixMatch = /^(.+)\.([A-Za-z]+)\.xml$/.exec(name);
    if (suffixMatch && !name.endsWith('-meta.xml')) {
        const [, stem, suffix] = suffixMatch;
        if (suffix && suffixes.has(suffix)) return `rename it to ${stem}.${suffix}-meta.xml (source format needs the -meta suffix)`;
    }
    const contentName = name.replace(/-meta\.xml$/, '');
    if (contentName !== name && /expected source files/i.test(reason)) {
        return `add ${contentName} beside it (this metadata file has no source file), or delete the orphaned ${name}`;
    }
    const pkg = packageDirs.find((dir) => relPath.startsWith(`${dir}/`)) ?? '';
    const segments = relPath
        .slice(pkg ? pkg.length + 1 : 0)
        .split('/')
        .slice(0, -1)
        .filter((segment) => segment !== 'main' && segment !== 'default');
    for (const segment of segments) {
        if (directories.includes(segment)) continue;
        const close = directories
            .map((dir) => ({ dir, distance: editDistance(segment.toLowerCase(), dir.toLowerCase()) }))
            .filter((c) => c.distance > 0 && c.distance <= 2)
            .sort((a, b) => a.distance - b.distance)[0];
        if (close) return `the folder "${segment}" looks like a typo of "${close.dir}": move the file into ${close.dir}/`;
    }
    return 'give it the folder and file suffix its metadata type expects (e.g. objects/Lead/fields/Name__c.field-meta.xml), or list it in .forceignore if it is not metadata';
}

export function checkSourceClaimed(root: string): CheckResult {
    const findings: Finding[] = [];
    const files = sourceFiles(root);
    const resolver = new MetadataResolver();
    const claimed = new Set<string>();
    const components = new Map<string, SourceComponent>();
    let ignored = 0;
    for (const file of files) {
        if (ForceIgnore.findAndCreate(file).denies(file)) {
            ignored++;
            continue;
        }
        if (claimed.has(file)) continue;
        let resolved: SourceComponent[];
        try {
            resolved = resolver.getComponentsFromPath(file);
        } catch (error) {
            const reason = error instanceof Error ? error.message.replace(file, '').replace(/^[:\s]+/, '') : String(error);
            findings.push({
                file: rel(root, file),
                message: `no metadata type claims this file (${reason}); sf deploy would skip or reject it`,
                fix: unclaimedFileFix(rel(root, file), packageDirectories(root), reason)
            });
            continue;
        }
        for (const component of resolved) {
            components.set(`${component.type.name}:${component.fullName}`, component);
            const owned = [component.xml, ...(component.content ? component.walkContent() : [])];
            for (const child of component.getChildren()) owned.push(child.xml);
            for (const path of owned) if (path) claimed.add(path);
        }
        if (!claimed.has(file)) {
            findings.push({
                file: rel(root, file),
                message: `source-deploy-retrieve resolves this path but no component includes the file, so it would never reach the org`,
                fix: unclaimedFileFix(rel(root, file), packageDirectories(root))
            });
        }
    }
    for (const component of components.values()) {
        if (BUNDLE_TYPES.has(component.type.name)) continue; // the LWC check names a bundle's missing .js-meta.xml
        if (component.xml && !existsSync(component.xml)) {
            findings.push({
                file: rel(root, component.content ?? component.xml),
                message: `${component.type.name} ${component.fullName} has no metadata file ${basename(component.xml)}; sf silently drops the component`,
                fix: `add ${rel(root, component.xml)} (apiVersion and status, as for the project's other ${component.type.name} files)`
            });
        }
    }
    return {
        findings,
        summary: `${files.length - ignored} files claimed by ${components.size} components (${ignored} .forceignored)`
    };
}

/* ------------------------------------------------------------------ 3. LWC bundles */

/** Files the platform accepts inside a Lightning web component bundle (after .forceignore). */
const BUNDLE_FILE = /\.(js|html|css|svg)$|\.js-meta\.xml$/;

function lwcBundleDirs(root: string): string[] {
    const bundles: string[] = [];
    const visit = (dir: string): void => {
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            if (!entry.isDirectory() || entry.name === 'node_modules') continue;
            const path = join(dir, entry.name);
            if (entry.name === 'lwc') {
                for (const bundle of readdirSync(path, { withFileTypes: true })) {
                    if (bundle.isDirectory() && !bundle.name.startsWith('__') && !bundle.name.startsWith('.'))
                        bundles.push(join(path, bundle.name));
                }
            } else visit(path);
        }
    };
    for (const pkg of packageDirectories(root)) visit(join(root, pkg));
    return bundles.sort();
}

export function checkLwcBundles(root: string): CheckResult {
    const findings: Finding[] = [];
    const bundles = lwcBundleDirs(root);
    for (const dir of bundles) {
        const name = basename(dir);
        const relDir = rel(root, dir);
        if (!existsSync(join(dir, `${name}.ts`))) {
            findings.push({
                file: `${relDir}/${name}.ts`,
                message: `bundle ${name} has no TypeScript source ${name}.ts (LeadGate's components are authored in TypeScript; the .js is emitted)`,
                fix: `write the component in ${relDir}/${name}.ts and run npm run build`
            });
        }
        if (!existsSync(join(dir, `${name}.js-meta.xml`))) {
            findings.push({
                file: `${relDir}/${name}.js-meta.xml`,
                message: `bundle ${name} has no ${name}.js-meta.xml, so the platform cannot deploy it`,
                fix: `add ${relDir}/${name}.js-meta.xml with apiVersion and isExposed (and targets if it goes on a page)`
            });
        }
        if (!existsSync(join(dir, `${name}.js`))) {
            findings.push({
                file: `${relDir}/${name}.js`,
                message: `bundle ${name} has no emitted ${name}.js; sf deploys the bundle without its code and the CLI does not complain`,
                fix: 'run npm run build (tsc emits the .js beside the .ts) before converting or deploying'
            });
        }
        for (const file of listFiles(dir)) {
            if (ForceIgnore.findAndCreate(file).denies(file)) continue;
            if (!BUNDLE_FILE.test(basename(file))) {
                findings.push({
                    file: rel(root, file),
                    message: `would be deployed inside bundle ${name}, which accepts only .js, .html, .css, .svg and its .js-meta.xml`,
                    fix: 'move the file out of the bundle, or list it in .forceignore'
                });
            }
        }
    }
    return { findings, summary: `${bundles.length} LWC bundles with source, metadata and emitted .js` };
}

/* ------------------------------------------------------------------ 4. field references */

export interface ObjectSchema {
    name: string;
    /** Lower-cased field API name -> field API name as declared. */
    fields: Map<string, string>;
    /** Lookup field (lower-cased) -> referenced object, for custom lookups declared in the project. */
    lookups: Map<string, string>;
    /** Whether the object's standard fields are known (a standard list, or a custom object). */
    standardFieldsKnown: boolean;
}

export interface SchemaIndex {
    objects: Map<string, ObjectSchema>;
    customPermissions: Set<string>;
}

const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

function parseXml(file: string): unknown {
    try {
        return xmlParser.parse(readFileSync(file, 'utf8'));
    } catch {
        return null; // malformed XML is the XML check's finding
    }
}

/** Every string value of elements named `tag`, at any depth (optionally only inside an element named `parent`). */
export function valuesOf(node: unknown, tag: string, parent?: string, insideParent = parent === undefined): string[] {
    const out: string[] = [];
    if (Array.isArray(node)) {
        for (const item of node) out.push(...valuesOf(item, tag, parent, insideParent));
    } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            const inside = insideParent || key === parent;
            if (key === tag && inside) {
                for (const v of Array.isArray(value) ? value : [value])
                    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
            }
            out.push(...valuesOf(value, tag, parent, inside));
        }
    }
    return out;
}

function objectEntry(index: SchemaIndex, name: string): ObjectSchema {
    const key = name.toLowerCase();
    let entry = index.objects.get(key);
    if (!entry) {
        entry = { name, fields: new Map(), lookups: new Map(), standardFieldsKnown: false };
        index.objects.set(key, entry);
    }
    return entry;
}

const isCustomObject = (name: string): boolean => /__(c|mdt|e|b|x)$/i.test(name);

/** The schema the project can rely on: its own objects and fields, plus the standard field lists in scripts/shared/metadata. */
/** Standard fields every custom object has besides the system fields. */
const CUSTOM_OBJECT_FIELDS = ['Name', 'OwnerId', 'LastActivityDate', 'LastViewedDate', 'LastReferencedDate'];

/**
 * The schema the project can rely on: its own objects and fields, plus the standard lists in scripts/shared/metadata
 * (standardLeadFields.ts for Lead, standardObjects.ts for the other standard objects and their relationships).
 */
export function loadSchema(root: string): SchemaIndex {
    const index: SchemaIndex = { objects: new Map(), customPermissions: new Set() };
    const addStandard = (
        objectName: string,
        fields: readonly string[],
        references: Readonly<Record<string, { referenceTo: string[] }>>
    ): void => {
        const entry = objectEntry(index, objectName);
        entry.standardFieldsKnown = true;
        for (const field of [...Object.keys(SYSTEM_FIELDS), ...fields]) entry.fields.set(field.toLowerCase(), field);
        for (const [field, reference] of Object.entries({ ...SYSTEM_REFERENCES, ...references })) {
            const target = reference.referenceTo[0];
            if (target) entry.lookups.set(field.toLowerCase(), reference.referenceTo.length > 1 ? 'Name' : target);
        }
    };
    addStandard('Lead', Object.keys(STANDARD_LEAD_FIELDS), LEAD_REFERENCES);
    for (const [objectName, object] of Object.entries(STANDARD_OBJECTS))
        addStandard(objectName, Object.keys(object.fields), object.references ?? {});
    for (const file of sourceFiles(root)) {
        const parts = toPosix(file).split('/');
        const objectsAt = parts.lastIndexOf('objects');
        if (objectsAt >= 0 && parts.length === objectsAt + 4 && parts[objectsAt + 2] === 'fields' && file.endsWith('.field-meta.xml')) {
            const entry = objectEntry(index, parts[objectsAt + 1] ?? '');
            const field = basename(file).replace(/\.field-meta\.xml$/, '');
            entry.fields.set(field.toLowerCase(), field);
            const referenceTo = valuesOf(parseXml(file), 'referenceTo')[0];
            if (referenceTo) entry.lookups.set(field.toLowerCase(), referenceTo);
        } else if (objectsAt >= 0 && parts.length === objectsAt + 3 && file.endsWith('.object-meta.xml')) {
            objectEntry(index, parts[objectsAt + 1] ?? '');
        } else if (file.endsWith('.customPermission-meta.xml')) {
            index.customPermissions.add(
                basename(file)
                    .replace(/\.customPermission-meta\.xml$/, '')
                    .toLowerCase()
            );
        }
    }
    for (const entry of index.objects.values()) {
        if (isCustomObject(entry.name)) {
            entry.standardFieldsKnown = true;
            for (const field of [...Object.keys(SYSTEM_FIELDS), ...CUSTOM_OBJECT_FIELDS]) entry.fields.set(field.toLowerCase(), field);
            entry.lookups.set('ownerid', 'Name');
            for (const [field, reference] of Object.entries(SYSTEM_REFERENCES))
                entry.lookups.set(field.toLowerCase(), reference.referenceTo[0] ?? 'User');
        }
    }
    return index;
}

/** Why `Object.Field` (or `Object.Relationship.Field`) does not resolve in the schema, or null when it does. */
export function unresolvedReason(index: SchemaIndex, objectName: string, path: string): string | null {
    const object = index.objects.get(objectName.toLowerCase());
    if (!object) return `object ${objectName} is neither in the project nor in scripts/shared/metadata/standardObjects.ts`;
    const [first = '', ...rest] = path.split('.');
    const head = first.replace(/:.*$/, ''); // polymorphic Owner:User.Name
    if (rest.length === 0) {
        if (object.fields.has(head.toLowerCase())) return null;
        if (!object.standardFieldsKnown && !/__c$/i.test(head)) {
            return `${objectName}.${head} cannot be verified: the project has no list of ${objectName}'s standard fields`;
        }
        return `field ${objectName}.${head} does not exist`;
    }
    // A relationship: Owner -> OwnerId, Foo__r -> Foo__c.
    const idField = /__r$/i.test(head) ? head.replace(/__r$/i, '__c') : `${head}Id`;
    if (!object.fields.has(idField.toLowerCase())) return `relationship ${objectName}.${head} has no lookup field ${objectName}.${idField}`;
    const target = object.lookups.get(idField.toLowerCase());
    return target ? unresolvedReason(index, target, rest.join('.')) : null;
}

/** Field tokens of a formula: identifiers that are not functions, literals, keywords or $globals. */
export function formulaReferences(formula: string): string[] {
    const code = formula
        .replace(/\/\*[\s\S]*?\*\//g, ' ')
        .replace(/"(?:\\.|[^"\\])*"/g, '""')
        .replace(/'(?:\\.|[^'\\])*'/g, "''");
    const refs = new Set<string>();
    const token = /(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_$][\w$.:]*)(\s*\()?/g;
    for (let m = token.exec(code); m; m = token.exec(code)) {
        const [, number, name, call] = m;
        if (number || !name || call) continue;
        if (/^(true|false|null)$/i.test(name) || name.startsWith('$')) continue;
        refs.add(name);
    }
    return [...refs];
}

/** `$Permission.X` names a formula uses. */
export function formulaPermissions(formula: string): string[] {
    return [...formula.matchAll(/\$Permission\.(\w+)/gi)].map((m) => m[1] ?? '');
}

interface Reference {
    file: string;
    object: string;
    field: string;
    /** What holds the reference, for the message ("permission set field permission"). */
    via: string;
}

function referencesIn(root: string): { refs: Reference[]; permissions: Array<{ file: string; name: string }> } {
    const refs: Reference[] = [];
    const permissions: Array<{ file: string; name: string }> = [];
    for (const file of sourceFiles(root)) {
        const name = basename(file);
        const parts = toPosix(file).split('/');
        const objectsAt = parts.lastIndexOf('objects');
        const objectName = objectsAt >= 0 ? (parts[objectsAt + 1] ?? '') : '';
        if (name.endsWith('.permissionset-meta.xml') || name.endsWith('.profile-meta.xml')) {
            for (const value of valuesOf(parseXml(file), 'field', 'fieldPermissions')) {
                const [object = '', ...field] = value.split('.');
                refs.push({ file, object, field: field.join('.'), via: 'field permission' });
            }
        } else if (name.endsWith('.layout-meta.xml')) {
            const object = name.split('-')[0] ?? '';
            for (const field of valuesOf(parseXml(file), 'field', 'layoutItems')) refs.push({ file, object, field, via: 'layout item' });
        } else if (name.endsWith('.flexipage-meta.xml')) {
            const xml = parseXml(file);
            const object = valuesOf(xml, 'sobjectType')[0];
            for (const item of valuesOf(xml, 'fieldItem')) {
                const field = item.replace(/^Record\./, '');
                if (object) refs.push({ file, object, field, via: 'flexipage field' });
                else refs.push({ file, object: '(no sobjectType)', field, via: 'flexipage field on a page without sobjectType' });
            }
        } else if (name.endsWith('.field-meta.xml') && objectName) {
            for (const formula of valuesOf(parseXml(file), 'formula')) {
                for (const field of formulaReferences(formula)) refs.push({ file, object: objectName, field, via: 'formula' });
                for (const permission of formulaPermissions(formula)) permissions.push({ file, name: permission });
            }
        } else if (name.endsWith('.validationRule-meta.xml') && objectName) {
            const xml = parseXml(file);
            for (const formula of valuesOf(xml, 'errorConditionFormula')) {
                for (const field of formulaReferences(formula))
                    refs.push({ file, object: objectName, field, via: 'validation rule formula' });
                for (const permission of formulaPermissions(formula)) permissions.push({ file, name: permission });
            }
            for (const field of valuesOf(xml, 'errorDisplayField'))
                refs.push({ file, object: objectName, field, via: 'errorDisplayField' });
        } else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && parts.includes('lwc')) {
            const text = readFileSync(file, 'utf8');
            for (const m of text.matchAll(/['"]@salesforce\/schema\/([^'"]+)['"]/g)) {
                const [object = '', ...field] = (m[1] ?? '').split('.');
                refs.push({ file, object, field: field.join('.'), via: '@salesforce/schema import' });
            }
        }
    }
    return { refs, permissions };
}

export function checkFieldReferences(root: string): CheckResult {
    const index = loadSchema(root);
    const { refs, permissions } = referencesIn(root);
    const findings: Finding[] = [];
    const texts = new Map<string, string>();
    const lineFor = (file: string, needle: string): number => {
        if (!texts.has(file)) texts.set(file, readFileSync(file, 'utf8'));
        const text = texts.get(file) ?? '';
        return lineOf(text, text.indexOf(needle));
    };
    for (const ref of refs) {
        const reason =
            ref.field === ''
                ? index.objects.has(ref.object.toLowerCase())
                    ? null
                    : `object ${ref.object} is unknown`
                : unresolvedReason(index, ref.object, ref.field);
        if (!reason) continue;
        const unknownObject = !index.objects.has(ref.object.toLowerCase());
        findings.push({
            file: rel(root, ref.file),
            line: lineFor(ref.file, ref.field || ref.object),
            message: `${ref.via} references ${ref.object}${ref.field ? `.${ref.field}` : ''}: ${reason}`,
            fix: unknownObject
                ? `correct the object name, or add ${ref.object} and its standard fields to scripts/shared/metadata/standardObjects.ts`
                : /__c$/i.test(ref.field.split('.')[0] ?? '')
                  ? `correct the name, or add objects/${ref.object}/fields/${ref.field.split('.')[0]}.field-meta.xml (LeadGate fields come from npm run generate)`
                  : `correct the name, or add it to the standard field lists in scripts/shared/metadata/ if it is a real standard field`
        });
    }
    for (const permission of permissions) {
        if (index.customPermissions.has(permission.name.toLowerCase())) continue;
        findings.push({
            file: rel(root, permission.file),
            line: lineFor(permission.file, permission.name),
            message: `formula references $Permission.${permission.name}, which is not a custom permission in the project`,
            fix: `correct the name, or add customPermissions/${permission.name}.customPermission-meta.xml`
        });
    }
    const files = new Set(refs.map((r) => r.file)).size;
    return { findings, summary: `${refs.length + permissions.length} field and permission references in ${files} files resolved` };
}

/* ------------------------------------------------------------------ 5. sf project convert source */

/** Files that must never reach a deploy: TypeScript, its configs, tests, docs. */
const NEVER_DEPLOYED =
    /(\.ts$|(^|\/)tsconfig\.json$|(^|\/)jsconfig\.json$|(^|\/)\.eslintrc\.json$|(^|\/)__tests__\/|(^|\/)__mocks__\/|\.md$)/;

/** Files in a converted (Metadata API format) tree that are sources or tooling rather than metadata. */
export function leakedSourceFiles(outputDir: string): string[] {
    return listFiles(outputDir)
        .map((f) => toPosix(relative(outputDir, f)))
        .filter((f) => NEVER_DEPLOYED.test(f));
}

export const CONVERT_OUTPUT = 'build/mdapi';

export function checkConvert(root: string): CheckResult {
    const outputDir = join(root, CONVERT_OUTPUT);
    rmSync(outputDir, { recursive: true, force: true });
    const sf = join(REPO_ROOT, 'node_modules', '.bin', 'sf');
    const run = spawnSync(sf, ['project', 'convert', 'source', '--output-dir', CONVERT_OUTPUT, '--json'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ...SF_ENV },
        timeout: 120_000
    });
    let output: { status?: number; message?: string; name?: string } = {};
    try {
        output = JSON.parse(run.stdout || '{}') as typeof output;
    } catch {
        output = { message: (run.stdout || run.stderr || '').trim().split('\n').slice(-3).join(' ') };
    }
    if (run.status !== 0 || run.error) {
        const detail = run.error ? run.error.message : (output.message ?? run.stderr.trim());
        const fileInMessage = /(\/[^\s:]+)/.exec(detail ?? '')?.[1];
        return {
            findings: [
                {
                    file: fileInMessage && fileInMessage.startsWith(root) ? rel(root, fileInMessage) : 'sfdx-project.json',
                    message: `sf project convert source failed (${output.name ?? `exit ${run.status}`}): ${(detail ?? '').replace(`${root}/`, '')}`,
                    fix: 'fix the file named above (the earlier checks usually name it too), then run npm run verify:metadata again'
                }
            ],
            summary: 'sf project convert source failed'
        };
    }
    const findings: Finding[] = leakedSourceFiles(outputDir).map((file) => ({
        file: `${CONVERT_OUTPUT}/${file}`,
        message: 'a source or tooling file reached the converted package, so it would be deployed to the org',
        fix: 'add its pattern to .forceignore (TypeScript, tsconfig.json, __tests__ and docs never deploy)'
    }));
    const packageXml = join(outputDir, 'package.xml');
    const members = existsSync(packageXml) ? valuesOf(parseXml(packageXml), 'members').length : 0;
    if (!existsSync(packageXml) || !statSync(packageXml).isFile()) {
        findings.push({
            file: `${CONVERT_OUTPUT}/package.xml`,
            message: 'sf project convert source wrote no package.xml',
            fix: 'check that sfdx-project.json names the package directory and that it holds metadata'
        });
    }
    return { findings, summary: `sf project convert source wrote ${members} components to ${CONVERT_OUTPUT}` };
}

/* ------------------------------------------------------------------ lead-conversion mapping */

/**
 * The lead-conversion mapping (opt-in, generated into optional/lead-convert): every mapped Lead field exists and has an
 * Opportunity target of a compatible type, and no LeadConvertSettings file sits in force-app, where a plain deploy would
 * replace the org's whole mapping. A project without a mapping has nothing to check.
 */
export function checkLeadConversionMapping(root: string): CheckResult {
    const optIn = existsSync(join(root, LEAD_CONVERT_SETTINGS_PATH));
    const findings: Finding[] = checkConversionMapping(root)
        .filter((f) => optIn || !f.message.startsWith('No LeadConvertSettings file'))
        .map((f) => ({
            file: toPosix(f.file),
            message: f.message,
            fix: f.message.includes('force-app')
                ? `Delete it: \`npm run generate\` writes the mapping to ${LEAD_CONVERT_SETTINGS_PATH}, deployed only with --install-convert-mapping.`
                : 'Map the Lead field to an Opportunity field of a compatible type in the SQL definition, then run `npm run generate`.'
        }));
    return {
        findings,
        summary: optIn ? `lead-conversion mapping checked (${LEAD_CONVERT_SETTINGS_PATH})` : 'no lead-conversion mapping in this project'
    };
}

/* ------------------------------------------------------------------ all checks */

export const CHECKS: readonly Check[] = [
    { id: 'xml', title: 'XML is well-formed', run: checkXmlWellFormed },
    { id: 'types', title: 'metadata matches the Metadata API types and length limits', run: checkMetadataTypes },
    { id: 'sharing', title: 'custom objects are Private unless allowed with a reason', run: checkObjectSharing },
    { id: 'claimed', title: 'source-deploy-retrieve claims every file', run: checkSourceClaimed },
    { id: 'lwc', title: 'LWC bundles are complete', run: checkLwcBundles },
    { id: 'fields', title: 'referenced fields exist', run: checkFieldReferences },
    { id: 'conversion', title: 'the lead-conversion mapping is opt-in and type-safe', run: checkLeadConversionMapping },
    { id: 'convert', title: 'sf project convert source succeeds', run: checkConvert }
];

export interface CheckRun {
    check: Check;
    result: CheckResult;
    ms: number;
}

/** Runs the named checks (all by default) in order; a check that throws becomes a finding, never a crash. */
export function runChecks(root: string, ids: readonly CheckId[] = CHECKS.map((c) => c.id)): CheckRun[] {
    return CHECKS.filter((c) => ids.includes(c.id)).map((check) => {
        const started = performance.now();
        let result: CheckResult;
        try {
            result = check.run(root);
        } catch (error) {
            result = {
                findings: [
                    {
                        file: '.',
                        message: `the check "${check.title}" crashed: ${error instanceof Error ? error.message : String(error)}`,
                        fix: 'fix the cause above; if it is a bug in the gate, report it with this message'
                    }
                ],
                summary: `${check.title}: crashed`
            };
        }
        return { check, result, ms: performance.now() - started };
    });
}

export function formatFinding(finding: Finding): string {
    return `${finding.file}${finding.line ? `:${finding.line}` : ''}: ${finding.message}. Fix: ${finding.fix}.`;
}
