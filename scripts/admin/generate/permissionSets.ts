/**
 * The custom permission LeadGate_Bypass_Validation and the four permission sets, generated from a role matrix
 * over the generated Lead fields plus the extra grants declared in permissionGrants.ts.
 *
 * Least privilege: no View All Data or Modify All Data, no View All / Modify All on Lead. Score and readiness
 * fields (formulas, and Fit_Score__c which the flow stamps) are read-only for everyone. Stage stamps are written by
 * the before-save flow, which runs in system context, so only the Admin may correct them by hand.
 */
import { FIELDS, type SqlDefinition } from 'c/sqlDefinition';
import { generatedNote, type FieldGroup, type LeadFieldSpec } from './fields.ts';
import { CUSTOM_PERMISSIONS, PERMISSION_GRANTS, type PermissionGrants, type PermissionSetRole } from './permissionGrants.ts';
import type { GeneratedFile } from './types.ts';
import { leaf, node, xmlDocument, type XmlElement } from './xml.ts';

export type Access = 'edit' | 'read' | 'none';

export const ROLES: readonly PermissionSetRole[] = ['SDR', 'Manager', 'Admin', 'Integration'];

/** Who may do what with each group of generated Lead fields. */
export const FIELD_ACCESS: Readonly<Record<PermissionSetRole, Readonly<Record<FieldGroup, Access>>>> = {
    SDR: { qualification: 'edit', rejection: 'edit', signal: 'read', stamp: 'read', score: 'read', conversion: 'read' },
    Manager: { qualification: 'read', rejection: 'read', signal: 'read', stamp: 'read', score: 'read', conversion: 'read' },
    Admin: { qualification: 'edit', rejection: 'edit', signal: 'edit', stamp: 'edit', score: 'read', conversion: 'read' },
    Integration: { qualification: 'none', rejection: 'read', signal: 'edit', stamp: 'read', score: 'read', conversion: 'none' }
};

/** Object.Field of a generated field spec. */
export const qualifiedName = (spec: Pick<LeadFieldSpec, 'object' | 'name'>): string => `${spec.object ?? 'Lead'}.${spec.name}`;
/** Computed fields (formulas, stamped scores, conversion evidence written by the platform) are read-only for everyone. */
const isComputed = (spec: LeadFieldSpec): boolean => spec.type === 'Formula' || spec.group === 'score' || spec.group === 'conversion';

/** Lead object access per role. */
export const LEAD_ACCESS: Readonly<Record<PermissionSetRole, { create: boolean; read: boolean; edit: boolean; delete: boolean }>> = {
    SDR: { create: true, read: true, edit: true, delete: false },
    Manager: { create: false, read: true, edit: false, delete: false },
    Admin: { create: true, read: true, edit: true, delete: true },
    Integration: { create: true, read: true, edit: true, delete: false }
};

const ABOUT: Readonly<Record<PermissionSetRole, { label: string; description: string }>> = {
    SDR: {
        label: 'LeadGate SDR',
        description: 'Qualify leads: edit the framework, criteria, evidence and rejection fields; read scores, signals and stage stamps.'
    },
    Manager: { label: 'LeadGate Manager', description: 'Coach the team: read every LeadGate field and the coaching dashboard; no edits.' },
    Admin: {
        label: 'LeadGate Admin',
        description: 'Run LeadGate: edit every LeadGate input field and correct stage stamps; scores stay read-only (they are computed).'
    },
    Integration: {
        label: 'LeadGate Integration',
        description:
            'Marketing automation and data loads: write intent signals, read scores and stamps; bypasses LeadGate validation rules.'
    }
};

export const CUSTOM_PERMISSION_DIR = 'force-app/main/default/customPermissions';
export const PERMISSION_SET_DIR = 'force-app/main/default/permissionsets';

interface FieldPermission {
    field: string;
    editable: boolean;
}

/** The Lead field permissions a role gets from the matrix (readable always; editable only where the matrix and the field allow). */
export function leadFieldPermissions(role: PermissionSetRole, specs: readonly LeadFieldSpec[]): FieldPermission[] {
    return specs.flatMap((spec) => {
        const access = FIELD_ACCESS[role][spec.group];
        if (access === 'none') return [];
        return [{ field: qualifiedName(spec), editable: access === 'edit' && !isComputed(spec) }];
    });
}

const byName =
    <T>(key: (t: T) => string) =>
    (a: T, b: T): number =>
        key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
const unique = (xs: readonly string[] = []): string[] => [...new Set(xs)].sort();

function permissionSetXml(
    role: PermissionSetRole,
    def: SqlDefinition,
    specs: readonly LeadFieldSpec[],
    grants: PermissionGrants
): XmlElement {
    const fields = new Map<string, FieldPermission>();
    for (const f of leadFieldPermissions(role, specs)) fields.set(f.field, f);
    const computed = new Set(specs.filter(isComputed).map(qualifiedName));
    for (const f of grants.fields ?? []) {
        if (computed.has(f.field) && f.editable) throw new Error(`permissionGrants: ${f.field} is computed and cannot be editable`);
        const seen = fields.get(f.field);
        fields.set(f.field, { field: f.field, editable: f.editable || (seen?.editable ?? false) });
    }
    const customPermissions = unique([...(role === 'Integration' ? [def.bypassPermission] : []), ...(grants.customPermissions ?? [])]);
    const lead = LEAD_ACCESS[role];
    const objects = [
        { object: 'Lead', read: lead.read, create: lead.create, edit: lead.edit, delete: lead.delete, viewAll: false },
        ...(grants.objects ?? []).map((o) => ({
            object: o.object,
            read: o.read || Boolean(o.create || o.edit || o.delete || o.viewAll),
            create: Boolean(o.create),
            edit: Boolean(o.edit || o.delete),
            delete: Boolean(o.delete),
            viewAll: Boolean(o.viewAll)
        }))
    ].sort(byName((o) => o.object));
    const objectNames = objects.map((o) => o.object);
    if (new Set(objectNames).size !== objectNames.length)
        throw new Error(`permissionGrants: ${role} lists an object twice (Lead is generated)`);
    return node(
        'PermissionSet',
        ...unique(grants.applications).map((app) => node('applicationVisibilities', leaf('application', app), leaf('visible', true))),
        ...unique(grants.apexClasses).map((cls) => node('classAccesses', leaf('apexClass', cls), leaf('enabled', true))),
        ...customPermissions.map((name) => node('customPermissions', leaf('enabled', true), leaf('name', name))),
        leaf('description', `${generatedNote(def)} ${ABOUT[role].description}`),
        ...[...fields.values()]
            .sort(byName((f) => f.field))
            .map((f) => node('fieldPermissions', leaf('editable', f.editable), leaf('field', f.field), leaf('readable', true))),
        leaf('hasActivationRequired', false),
        leaf('label', ABOUT[role].label),
        ...objects.map((o) =>
            node(
                'objectPermissions',
                leaf('allowCreate', o.create),
                leaf('allowDelete', o.delete),
                leaf('allowEdit', o.edit),
                leaf('allowRead', o.read),
                leaf('modifyAllRecords', false),
                leaf('object', o.object),
                leaf('viewAllRecords', o.viewAll)
            )
        ),
        ...unique(grants.tabs).map((tab) => node('tabSettings', leaf('tab', tab), leaf('visibility', 'Visible')))
    );
}

export function generatePermissions(
    def: SqlDefinition,
    specs: readonly LeadFieldSpec[],
    grants: Readonly<Record<PermissionSetRole, PermissionGrants>> = PERMISSION_GRANTS
): { files: GeneratedFile[] } {
    if (!specs.some((s) => s.name === FIELDS.fitScore)) throw new Error('Permission sets need the generated Lead field list');
    const files: GeneratedFile[] = [
        {
            path: `${CUSTOM_PERMISSION_DIR}/${def.bypassPermission}.customPermission-meta.xml`,
            content: xmlDocument(
                node(
                    'CustomPermission',
                    leaf(
                        'description',
                        `${generatedNote(def)} Skips every LeadGate validation rule. For integration users and data loads only (LeadGate Integration permission set); never for reps.`
                    ),
                    leaf('isLicensed', false),
                    leaf('label', 'LeadGate Bypass Validation')
                )
            )
        },
        ...CUSTOM_PERMISSIONS.map((permission) => ({
            path: `${CUSTOM_PERMISSION_DIR}/${permission.name}.customPermission-meta.xml`,
            content: xmlDocument(
                node(
                    'CustomPermission',
                    leaf('description', `${generatedNote(def)} ${permission.description}`),
                    leaf('isLicensed', false),
                    leaf('label', permission.label)
                )
            )
        })),
        ...ROLES.map((role) => ({
            path: `${PERMISSION_SET_DIR}/LeadGate_${role}.permissionset-meta.xml`,
            content: xmlDocument(permissionSetXml(role, def, specs, grants[role]))
        }))
    ];
    return { files };
}
