/**
 * The project's schema as SOQL sees it: every object and field a query may name, built from
 * - the project's own metadata: `force-app/**\/objects/<Object>/fields/*.field-meta.xml` (+ `<Object>.object-meta.xml`
 *   for custom objects: name field, owner);
 * - scripts/shared/metadata/standardLeadFields.ts (standard Lead fields) and scripts/shared/metadata/standardObjects.ts
 *   (the few other standard objects LeadGate touches, and where standard references point).
 * Lookups yield relationship paths (`SQL_Qualified_By__r.Name`) and child relationships for subqueries.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { STANDARD_LEAD_FIELDS } from '../../shared/metadata/standardLeadFields';
import {
    LEAD_CHILD_RELATIONSHIPS,
    LEAD_REFERENCES,
    STANDARD_OBJECTS,
    SYSTEM_FIELDS,
    SYSTEM_REFERENCES,
    type StandardReference
} from '../../shared/metadata/standardObjects';

export interface SchemaField {
    name: string;
    type: string;
    /** A custom field required in its metadata: the platform takes no field permission for it (read with the object). */
    required?: boolean;
}

export interface SchemaRelationship {
    name: string;
    field: string;
    referenceTo: string[];
}

export interface SchemaObject {
    name: string;
    /** Lower-cased API name -> field. */
    fields: Map<string, SchemaField>;
    /** Lower-cased relationship name -> relationship (child to parent: `Owner`, `Foo__r`). */
    relationships: Map<string, SchemaRelationship>;
    /** Lower-cased child relationship name -> child object API name (parent to children, for subqueries). */
    children: Map<string, string>;
}

export interface Schema {
    objects: Map<string, SchemaObject>;
    /** Where each custom field came from (repo-relative), for messages. */
    sources: Map<string, string>;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'referenceTo' });

function emptyObject(name: string): SchemaObject {
    return { name, fields: new Map(), relationships: new Map(), children: new Map() };
}

function ensure(schema: Schema, name: string): SchemaObject {
    const key = name.toLowerCase();
    let obj = schema.objects.get(key);
    if (!obj) {
        obj = emptyObject(name);
        schema.objects.set(key, obj);
    }
    return obj;
}

function addField(obj: SchemaObject, name: string, type: string, required = false): void {
    obj.fields.set(name.toLowerCase(), required ? { name, type, required } : { name, type });
}

function addReference(obj: SchemaObject, field: string, ref: StandardReference): void {
    obj.relationships.set(ref.relationshipName.toLowerCase(), { name: ref.relationshipName, field, referenceTo: ref.referenceTo });
}

function addSystemFields(obj: SchemaObject): void {
    if (obj.name === 'Name') {
        addField(obj, 'Id', 'id');
        return;
    }
    for (const [name, f] of Object.entries(SYSTEM_FIELDS)) addField(obj, name, f.type);
    for (const [field, ref] of Object.entries(SYSTEM_REFERENCES)) addReference(obj, field, ref);
}

/** Folders named `objects` under the package directory (force-app/main/default/objects and any others). */
function objectFolders(root: string): string[] {
    const found: string[] = [];
    const visit = (dir: string, depth: number): void => {
        if (depth > 6 || !existsSync(dir)) return;
        for (const e of readdirSync(dir, { withFileTypes: true })) {
            if (!e.isDirectory() || e.name === 'node_modules' || e.name.startsWith('.')) continue;
            const p = join(dir, e.name);
            if (e.name === 'objects') found.push(p);
            else visit(p, depth + 1);
        }
    };
    visit(join(root, 'force-app'), 0);
    return found;
}

/** Builds the schema from the standard lists and the project's object metadata under `root`. */
export function loadSchema(root: string): Schema {
    const schema: Schema = { objects: new Map(), sources: new Map() };

    for (const [name, def] of Object.entries(STANDARD_OBJECTS)) {
        const obj = ensure(schema, name);
        for (const [field, f] of Object.entries(def.fields)) addField(obj, field, f.type);
        for (const [field, ref] of Object.entries(def.references ?? {})) addReference(obj, field, ref);
        for (const [rel, child] of Object.entries(def.childRelationships ?? {})) obj.children.set(rel.toLowerCase(), child);
    }
    const lead = ensure(schema, 'Lead');
    for (const [field, f] of Object.entries(STANDARD_LEAD_FIELDS)) addField(lead, field, f.type);
    for (const [field, ref] of Object.entries(LEAD_REFERENCES)) addReference(lead, field, ref);
    for (const [rel, child] of Object.entries(LEAD_CHILD_RELATIONSHIPS)) lead.children.set(rel.toLowerCase(), child);

    const lookups: Array<{ child: string; relationshipName: string; referenceTo: string[] }> = [];
    for (const folder of objectFolders(root)) {
        for (const objectName of readdirSync(folder)) {
            const dir = join(folder, objectName);
            if (!statSync(dir).isDirectory()) continue;
            const obj = ensure(schema, objectName);
            const objectFile = join(dir, `${objectName}.object-meta.xml`);
            if (objectName.endsWith('__c') || objectName.endsWith('__mdt')) {
                const meta = existsSync(objectFile) ? (xml.parse(readFileSync(objectFile, 'utf8'))?.CustomObject ?? {}) : {};
                addField(obj, 'Name', 'text');
                const controlledByParent = meta.sharingModel === 'ControlledByParent';
                if (objectName.endsWith('__c') && !controlledByParent) {
                    addField(obj, 'OwnerId', 'reference');
                    addReference(obj, 'OwnerId', { relationshipName: 'Owner', referenceTo: ['User', 'Group'] });
                }
                if (objectName.endsWith('__mdt'))
                    for (const f of ['DeveloperName', 'MasterLabel', 'Label', 'QualifiedApiName']) addField(obj, f, 'text');
            }
            const fieldsDir = join(dir, 'fields');
            if (!existsSync(fieldsDir)) continue;
            for (const file of readdirSync(fieldsDir).filter((f) => f.endsWith('.field-meta.xml'))) {
                const apiName = file.slice(0, -'.field-meta.xml'.length);
                const parsed = xml.parse(readFileSync(join(fieldsDir, file), 'utf8'))?.CustomField ?? {};
                const type = String(parsed.type ?? 'unknown');
                addField(obj, apiName, type.toLowerCase(), String(parsed.required) === 'true' || type === 'MasterDetail');
                schema.sources.set(`${objectName}.${apiName}`.toLowerCase(), join(fieldsDir, file));
                const referenceTo = (parsed.referenceTo ?? []).map(String);
                if ((type === 'Lookup' || type === 'MasterDetail') && referenceTo.length && apiName.endsWith('__c')) {
                    addReference(obj, apiName, { relationshipName: `${apiName.slice(0, -3)}__r`, referenceTo });
                    if (parsed.relationshipName)
                        lookups.push({ child: objectName, relationshipName: `${parsed.relationshipName}__r`, referenceTo });
                }
            }
        }
    }
    for (const l of lookups)
        for (const parent of l.referenceTo) ensure(schema, parent).children.set(l.relationshipName.toLowerCase(), l.child);
    for (const obj of schema.objects.values()) addSystemFields(obj);
    return schema;
}
