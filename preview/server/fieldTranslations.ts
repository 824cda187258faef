/**
 * Field labels and help in the user's language, as the org serves them once object translations are deployed:
 * the UI API's object info carries the translated label and inline help of each field the translation names
 * (force-app/main/default/objectTranslations/<Object>-<language>/<Field>.fieldTranslation-meta.xml, generated from
 * data/translations by npm run generate); every other field keeps its own label and help.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface FieldTranslation {
    label?: string;
    help?: string;
}

/** Field API name -> its translation into `language`; empty when the language has no translation of the object. */
export function readFieldTranslations(root: string, objectApiName: string, language: string): Map<string, FieldTranslation> {
    const out = new Map<string, FieldTranslation>();
    const dir = join(root, 'force-app', 'main', 'default', 'objectTranslations', `${objectApiName}-${language}`);
    if (!existsSync(dir)) return out;
    const parser = new XMLParser({ parseTagValue: false, trimValues: true });
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.fieldTranslation-meta.xml'))) {
        const t = (parser.parse(readFileSync(join(dir, file), 'utf8')) as { CustomFieldTranslation?: Record<string, unknown> })
            .CustomFieldTranslation;
        if (!t || typeof t.name !== 'string') continue;
        out.set(t.name, {
            ...(typeof t.label === 'string' && t.label ? { label: t.label } : {}),
            ...(typeof t.help === 'string' && t.help ? { help: t.help } : {})
        });
    }
    return out;
}

/** An object-info body with each translated field's label and inline help replaced; anything else is returned as is. */
export function translateObjectInfo(body: unknown, translations: ReadonlyMap<string, FieldTranslation>): unknown {
    if (translations.size === 0 || typeof body !== 'object' || body === null) return body;
    const fields = (body as { fields?: Record<string, Record<string, unknown>> }).fields;
    if (!fields) return body;
    const translated: Record<string, Record<string, unknown>> = {};
    for (const [name, field] of Object.entries(fields)) {
        const t = translations.get(name);
        translated[name] = t
            ? { ...field, ...(t.label ? { label: t.label } : {}), ...(t.help && field.inlineHelpText ? { inlineHelpText: t.help } : {}) }
            : field;
    }
    return { ...body, fields: translated };
}
