/**
 * Evidence out: the Opportunity fields that carry a converted lead's qualification to the account team, and the
 * Lead -> Opportunity pairs of the lead-conversion field mapping (Metadata API type LeadConvertSettings) that fill them,
 * generated from the definition. The mapping itself is opt-in (leadConvert.ts, optional/lead-convert/): deploying it
 * replaces the org's whole conversion mapping.
 *
 * What the mapping can carry and what it cannot (see docs/DECISIONS.md, "Evidence out"):
 * - Stored Lead fields map one to one: the framework, every criterion's status and evidence, SQL_At__c,
 *   SQL_Qualified_By__c, and Fit_Score__c (stamped on save by the before-save flow) into Fit_At_Conversion__c.
 * - Intent_Score__c is a formula (it decays when read), so it cannot be mapped: LeadConversionEvidence (Apex, Lead
 *   after update, which runs on every conversion) reads it at the moment of conversion into Intent_At_Conversion__c,
 *   and sets Converted_Without_SQL__c when the definition says to record that warning. The same Apex fills any mapped
 *   field the mapping left blank (an org that did not install the opt-in mapping, or kept its own), from the generated
 *   pair list in LeadGateDefinition.cls, so both paths use one list.
 *
 * `conversionMappings(def)` is that one list; the opt-in LeadConvertSettings file, the Opportunity fields, the Apex pair list
 * and the mapping check (conversionMapping.ts) all come from it.
 */
import { FIELDS, OPPORTUNITY_FIELDS, type SqlDefinition } from 'c/sqlDefinition';
import { fieldXml, leadFieldSpecs, type LeadFieldSpec } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { xmlDocument } from './xml.ts';

export const OPPORTUNITY_FIELDS_DIR = 'force-app/main/default/objects/Opportunity/fields';

export { OPPORTUNITY_FIELDS };

export interface ConversionMapping {
    /** Lead field API name. */
    lead: string;
    /** Opportunity field API name. */
    opportunity: string;
}

const leadSpec = (specs: readonly LeadFieldSpec[], name: string): LeadFieldSpec => {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`Conversion mapping: the generated Lead fields have no ${name}`);
    return spec;
};

/** The Lead -> Opportunity field pairs of the conversion mapping, in a stable order. */
export function conversionMappings(def: SqlDefinition): ConversionMapping[] {
    const specs = leadFieldSpecs(def);
    const carried = specs.filter((s) => s.group === 'qualification').map((s) => s.name);
    const pairs: ConversionMapping[] = [
        ...carried.map((name) => ({ lead: name, opportunity: name })),
        { lead: FIELDS.sqlAt, opportunity: FIELDS.sqlAt },
        { lead: FIELDS.sqlQualifiedBy, opportunity: FIELDS.sqlQualifiedBy },
        { lead: FIELDS.fitScore, opportunity: OPPORTUNITY_FIELDS.fitAtConversion }
    ];
    for (const p of pairs) {
        const spec = leadSpec(specs, p.lead);
        if (spec.type === 'Formula') throw new Error(`Conversion mapping: ${p.lead} is a formula field, which lead conversion cannot map`);
    }
    return pairs;
}

/** Every generated Opportunity field, in a stable order. */
export function opportunityFieldSpecs(def: SqlDefinition): LeadFieldSpec[] {
    const specs = leadFieldSpecs(def);
    const sql = def.stages.find((s) => s.key === 'SQL')?.status ?? 'Sales Qualified';
    const copy = (name: string, purpose: string, help: string, overrides: Partial<LeadFieldSpec> = {}): LeadFieldSpec =>
        ({
            ...leadSpec(specs, name),
            object: 'Opportunity',
            group: 'conversion',
            purpose,
            help,
            ...(leadSpec(specs, name).type === 'Picklist' ? { trackHistory: false } : {}),
            ...overrides
        }) as LeadFieldSpec;
    const fitSpec = leadSpec(specs, FIELDS.fitScore);
    const fromLead =
        'Copied from the converted lead at conversion: by LeadConversionEvidence (Apex) when blank, or by the opt-in lead-conversion field mapping.';
    const out: LeadFieldSpec[] = specs
        .filter((s) => s.group === 'qualification')
        .map((s) =>
            copy(
                s.name,
                `${fromLead} ${s.purpose}`,
                s.name === FIELDS.framework
                    ? 'The qualification framework the SDR used on the lead. Start the account plan from the criteria below.'
                    : `What the SDR recorded on the lead before conversion. ${s.help}`
            )
        );
    out.push(
        copy(
            FIELDS.sqlAt,
            `${fromLead} When the lead first became ${sql}; blank when it was converted without becoming ${sql}.`,
            `When the lead became ${sql}, before it was converted into this opportunity.`,
            { label: 'SQL At' }
        ),
        copy(
            FIELDS.sqlQualifiedBy,
            `${fromLead} Who first moved the lead to ${sql}.`,
            `The SDR who qualified the lead. Ask them for context the evidence leaves out.`,
            { relationshipName: 'LeadGate_SQL_Qualified_Opportunities' } as Partial<LeadFieldSpec>
        ),
        {
            object: 'Opportunity',
            name: OPPORTUNITY_FIELDS.fitAtConversion,
            label: 'Fit At Conversion',
            group: 'conversion',
            type: 'Number',
            precision: fitSpec.type === 'Number' ? fitSpec.precision : 3,
            scale: 0,
            purpose: `${fromLead} The lead's Fit_Score__c when it was converted (${def.fit.range.min} to ${def.fit.range.max}).`,
            help: `How well the lead matched the customers we win when it was converted, ${def.fit.range.min} to ${def.fit.range.max}. ${sql} needed at least ${def.bar.minFit}.`,
            security: 'Internal'
        },
        {
            object: 'Opportunity',
            name: OPPORTUNITY_FIELDS.intentAtConversion,
            label: 'Intent At Conversion',
            group: 'conversion',
            type: 'Number',
            precision: 3,
            scale: 0,
            purpose: `The lead's Intent_Score__c at the moment of conversion, written by LeadConversionEvidence (Apex): a formula field cannot be mapped.`,
            help: `How much buying activity the lead showed when it was converted, ${def.intent.range.min} to ${def.intent.range.max}. ${sql} needed at least ${def.bar.minIntent}. Intent decays, so this is a snapshot.`,
            security: 'Internal'
        },
        {
            object: 'Opportunity',
            name: OPPORTUNITY_FIELDS.convertedWithoutSql,
            label: 'Converted Without SQL',
            group: 'conversion',
            type: 'Checkbox',
            purpose: `Checked by LeadConversionEvidence (Apex) when the lead was converted without ever becoming ${sql} (the definition records this warning${def.conversion.recordWarning ? '' : '; currently switched off'}).`,
            help: `Checked when the lead was converted before sales qualified it: the criteria below may be incomplete. Qualify the deal before forecasting it.`,
            security: 'Internal'
        }
    );
    const names = new Set<string>();
    for (const spec of out) {
        if (names.has(spec.name)) throw new Error(`Two generated Opportunity fields are both named ${spec.name}`);
        names.add(spec.name);
    }
    const targets = new Set(conversionMappings(def).map((m) => m.opportunity));
    for (const t of targets) if (!names.has(t)) throw new Error(`Conversion mapping targets Opportunity.${t}, which is not generated`);
    return out;
}

export function generateOpportunity(def: SqlDefinition): { files: GeneratedFile[]; specs: LeadFieldSpec[] } {
    const specs = opportunityFieldSpecs(def);
    const files: GeneratedFile[] = specs.map((spec) => ({
        path: `${OPPORTUNITY_FIELDS_DIR}/${spec.name}.field-meta.xml`,
        content: xmlDocument(fieldXml(spec, def))
    }));
    return { files, specs };
}
