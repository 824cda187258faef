/**
 * The metadata check of the lead-conversion mapping: every Lead field the opt-in LeadConvertSettings file
 * (optional/lead-convert/, Metadata API format) maps has a target of a compatible type on the target object, read from
 * the project's field XML (never from the generator's memory, so a hand edit of either side is caught). A
 * LeadConvertSettings file under force-app is a finding too: a plain deploy would replace the org's whole mapping.
 *
 * Compatible means what conversion can copy without loss: the same field type; a target at least as long (Text,
 * LongTextArea) or as wide (Number: integer digits and decimals); a picklist target that holds every source value;
 * a lookup to the same object. The source must be a stored field: formula fields cannot be mapped. Each target is
 * filled by one source only.
 *
 *   npx tsx scripts/admin/generate/conversionMapping.ts [root]   prints the findings, exits 1 when there are any
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { LEAD_CONVERT_SETTINGS_PATH } from './leadConvert.ts';

export interface MappingFinding {
    /** Repo-relative path of the file at fault. */
    file: string;
    message: string;
}

interface FieldInfo {
    type: string;
    formula: boolean;
    length: number | null;
    precision: number | null;
    scale: number | null;
    values: string[];
    referenceTo: string[];
    file: string;
}

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => ['objectMapping', 'mappingFields', 'value', 'referenceTo'].includes(name)
});

const MAPPABLE_OBJECTS = new Set(['Account', 'Contact', 'Opportunity']);

function filesUnder(dir: string, suffix: string): string[] {
    if (!existsSync(dir)) return [];
    const out: string[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) out.push(...filesUnder(p, suffix));
        else if (e.name.endsWith(suffix)) out.push(p);
    }
    return out.sort();
}

const num = (v: unknown): number | null => (v === undefined || v === '' ? null : Number(v));

/** Custom fields of every object folder named `objectName` under `<root>/force-app`. */
function customFields(root: string, objectName: string): Map<string, FieldInfo> {
    const fields = new Map<string, FieldInfo>();
    for (const file of filesUnder(join(root, 'force-app'), '.field-meta.xml')) {
        const parts = file.split(/[\\/]/);
        if (parts[parts.length - 3] !== objectName || parts[parts.length - 2] !== 'fields') continue;
        const f = (parser.parse(readFileSync(file, 'utf8')) as { CustomField?: Record<string, unknown> }).CustomField ?? {};
        const name = (parts[parts.length - 1] ?? '').replace(/\.field-meta\.xml$/, '');
        const valueSet = f.valueSet as { valueSetDefinition?: { value?: Array<{ fullName: string }> } } | undefined;
        fields.set(name.toLowerCase(), {
            type: String(f.type ?? ''),
            formula: f.formula !== undefined,
            length: num(f.length),
            precision: num(f.precision),
            scale: num(f.scale),
            values: (valueSet?.valueSetDefinition?.value ?? []).map((v) => String(v.fullName)),
            referenceTo: ((f.referenceTo as unknown[]) ?? []).map(String),
            file: relative(root, file)
        });
    }
    return fields;
}

/** Why `target` cannot receive `source`, or null when it can. */
export function incompatibility(source: FieldInfo, target: FieldInfo): string | null {
    if (source.formula) return 'is a formula field: lead conversion maps stored fields only';
    if (target.formula) return 'targets a formula field, which cannot be written';
    if (source.type !== target.type) return `is ${source.type} but its target is ${target.type}`;
    switch (source.type) {
        case 'Text':
        case 'LongTextArea':
        case 'Html':
            if ((target.length ?? 0) < (source.length ?? 0))
                return `holds ${source.length} characters but its target only ${target.length}`;
            return null;
        case 'Number':
        case 'Currency':
        case 'Percent': {
            const sourceDigits = (source.precision ?? 18) - (source.scale ?? 0);
            const targetDigits = (target.precision ?? 18) - (target.scale ?? 0);
            if (targetDigits < sourceDigits || (target.scale ?? 0) < (source.scale ?? 0)) {
                return `is ${source.precision},${source.scale} but its target is only ${target.precision},${target.scale}`;
            }
            return null;
        }
        case 'Picklist':
        case 'MultiselectPicklist': {
            const missing = source.values.filter((v) => !target.values.includes(v));
            return missing.length ? `has picklist values its target lacks: ${missing.join(', ')}` : null;
        }
        case 'Lookup':
            return source.referenceTo.join(',') === target.referenceTo.join(',')
                ? null
                : `looks up ${source.referenceTo.join(', ')} but its target looks up ${target.referenceTo.join(', ')}`;
        default:
            return null;
    }
}

export function checkConversionMapping(root: string): MappingFinding[] {
    const findings: MappingFinding[] = [];
    for (const file of filesUnder(join(root, 'force-app'), '.LeadConvertSetting-meta.xml')) {
        findings.push({
            file: relative(root, file),
            message: `LeadConvertSettings in force-app ships with every plain deploy and replaces the org's whole conversion mapping: it belongs in ${LEAD_CONVERT_SETTINGS_PATH} (opt-in).`
        });
    }
    const settings = join(root, LEAD_CONVERT_SETTINGS_PATH);
    if (!existsSync(settings)) {
        return [
            ...findings,
            {
                file: LEAD_CONVERT_SETTINGS_PATH,
                message: 'No LeadConvertSettings file: the opt-in conversion mapping is missing (npm run generate).'
            }
        ];
    }
    const lead = customFields(root, 'Lead');
    const rel = LEAD_CONVERT_SETTINGS_PATH;
    const doc = parser.parse(readFileSync(settings, 'utf8')) as {
        LeadConvertSettings?: {
            objectMapping?: Array<{ inputObject?: string; outputObject?: string; mappingFields?: Array<Record<string, string>> }>;
        };
    };
    const mappings = doc.LeadConvertSettings?.objectMapping ?? [];
    if (mappings.length === 0) findings.push({ file: rel, message: 'LeadConvertSettings has no objectMapping.' });
    const outputs = new Set<string>();
    for (const mapping of mappings) {
        const out = String(mapping.outputObject ?? '');
        if (mapping.inputObject !== 'Lead')
            findings.push({ file: rel, message: `objectMapping inputObject must be Lead, not ${mapping.inputObject}.` });
        if (!MAPPABLE_OBJECTS.has(out)) {
            findings.push({ file: rel, message: `objectMapping outputObject ${out} is not Account, Contact or Opportunity.` });
            continue;
        }
        if (outputs.has(out))
            findings.push({ file: rel, message: `${out} has two objectMapping entries; the platform allows one per object.` });
        outputs.add(out);
        const targets = customFields(root, out);
        const filled = new Map<string, string>();
        for (const pair of mapping.mappingFields ?? []) {
            const input = String(pair.inputField ?? '');
            const output = String(pair.outputField ?? '');
            const source = lead.get(input.toLowerCase());
            const target = targets.get(output.toLowerCase());
            if (!source) {
                findings.push({ file: rel, message: `Lead.${input} is mapped but the project has no such Lead custom field.` });
                continue;
            }
            if (!target) {
                findings.push({
                    file: rel,
                    message: `Lead.${input} is mapped to ${out}.${output}, which the project does not define.`
                });
                continue;
            }
            const previous = filled.get(output.toLowerCase());
            if (previous) findings.push({ file: rel, message: `${out}.${output} is filled by both Lead.${previous} and Lead.${input}.` });
            filled.set(output.toLowerCase(), input);
            const why = incompatibility(source, target);
            if (why) findings.push({ file: target.file, message: `Lead.${input} ${why} (${out}.${output}).` });
        }
    }
    return findings;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const root = resolve(process.argv[2] ?? join(fileURLToPath(import.meta.url), '..', '..', '..', '..'));
    const findings = checkConversionMapping(root);
    for (const f of findings) console.error(`${f.file}: ${f.message}`);
    console.log(
        findings.length
            ? `${findings.length} conversion mapping problem(s).`
            : 'Conversion mapping: every mapped Lead field has a compatible target.'
    );
    process.exit(findings.length ? 1 : 0);
}
