/**
 * The buying committee: the people the rep names on a lead (LeadGate_Committee_Member__c), generated where the
 * definition decides something. The object and its plain fields (lookups, title, email, conversion error) are
 * hand-written under objects/LeadGate_Committee_Member__c; the Role__c picklist comes from def.committee.roles, and the
 * per-role Lead counts (fields.ts) and the "named economic buyer / champion" validation rules (validationRules.ts)
 * from def.committee.requiredFor.
 */
import { COMMITTEE_FIELDS, COMMITTEE_OBJECT, type SqlDefinition } from 'c/sqlDefinition';
import { fieldXml, type LeadFieldSpec } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { xmlDocument } from './xml.ts';

export const COMMITTEE_FIELDS_DIR = `force-app/main/default/objects/${COMMITTEE_OBJECT}/fields`;

export function committeeFieldSpecs(def: SqlDefinition): LeadFieldSpec[] {
    const roles = def.committee.roles;
    if (roles.length === 0) throw new Error('The definition names no buying-committee roles (committee.roles)');
    const seen = new Set<string>();
    for (const r of roles) {
        if (seen.has(r.label)) throw new Error(`Two buying-committee roles share the label ${r.label}`);
        seen.add(r.label);
    }
    return [
        {
            object: COMMITTEE_OBJECT,
            name: COMMITTEE_FIELDS.role,
            label: 'Role',
            group: 'qualification',
            type: 'Picklist',
            trackHistory: false,
            values: roles.map((r) => ({ value: r.label, description: `${r.description} Becomes the contact role ${r.contactRole}.` })),
            purpose: `The person's part in the buying decision; each value names its contact role.`,
            help: `Who this person is in the buying decision: ${roles.map((r) => r.label).join(', ')}. Name everyone involved, blockers too.`,
            security: 'Internal'
        }
    ];
}

export function generateCommittee(def: SqlDefinition): { files: GeneratedFile[]; specs: LeadFieldSpec[] } {
    const specs = committeeFieldSpecs(def);
    return {
        files: specs.map((spec) => ({
            path: `${COMMITTEE_FIELDS_DIR}/${spec.name}.field-meta.xml`,
            content: xmlDocument(fieldXml(spec, def))
        })),
        specs
    };
}
