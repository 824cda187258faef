import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { FIELDS, SQL_DEFINITION } from 'c/sqlDefinition';
import { leadFieldSpecs } from './fields.ts';
import { generateAll } from './index.ts';
import { PERMISSION_GRANTS } from './permissionGrants.ts';
import { generatePermissions } from './permissionSets.ts';

interface PermissionSetXml {
    PermissionSet: {
        customPermissions?: Array<{ name: string; enabled: string }>;
        fieldPermissions?: Array<{ field: string; editable: string; readable: string }>;
        objectPermissions: Array<Record<string, string>>;
        classAccesses?: Array<{ apexClass: string }>;
        userPermissions?: unknown;
    };
}
const parser = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['customPermissions', 'fieldPermissions', 'objectPermissions', 'classAccesses'].includes(name)
});
const sets = Object.fromEntries(
    generateAll()
        .filter((f) => f.path.includes('/permissionsets/'))
        .map((f) => [
            f.path.replace(/.*LeadGate_(\w+)\.permissionset-meta\.xml$/, '$1'),
            (parser.parse(f.content) as PermissionSetXml).PermissionSet
        ])
);
const specs = leadFieldSpecs(SQL_DEFINITION);
const computed = specs.filter((s) => s.type === 'Formula' || s.group === 'score').map((s) => `Lead.${s.name}`);
const editable = (role: string, field: string): boolean | null => {
    const p = sets[role]?.fieldPermissions?.find((f) => f.field === `Lead.${field}`);
    return p ? p.editable === 'true' : null;
};

describe('permission sets', () => {
    it('are the four roles of the spec', () => {
        assert.deepEqual(Object.keys(sets).sort(), ['Admin', 'Integration', 'Manager', 'SDR']);
    });

    // Issue 14 made the funnel snapshot Private: the Manager set reads it with View All (counts only), nothing else does.
    it('never grant edit on a computed field, Modify All, View All (but the Manager set on the Private snapshot), or user permissions', () => {
        assert.ok(computed.includes('Lead.Fit_Score__c') && computed.includes('Lead.Intent_Score__c'));
        for (const [role, set] of Object.entries(sets)) {
            for (const f of set.fieldPermissions ?? [])
                if (computed.includes(f.field)) assert.equal(f.editable, 'false', `${role} edits ${f.field}`);
            for (const o of set.objectPermissions) {
                // Issue 18: reviews are owned by the rep, so the writing manager and the correcting admin read them with View All.
                const viewAll =
                    (role === 'Manager' && o.object === 'LeadGate_Funnel_Snapshot__c') ||
                    (role !== 'SDR' && o.object === 'LeadGate_Evidence_Review__c')
                        ? 'true'
                        : 'false';
                assert.deepEqual([o.viewAllRecords, o.modifyAllRecords], [viewAll, 'false'], `${role} ${o.object}`);
            }
            assert.equal(set.userPermissions, undefined, `${role} has user permissions`);
        }
    });

    it('only the Integration set holds the bypass permission', () => {
        for (const [role, set] of Object.entries(sets)) {
            const holds = (set.customPermissions ?? []).some((c) => c.name === SQL_DEFINITION.bypassPermission && c.enabled === 'true');
            assert.equal(holds, role === 'Integration', role);
        }
    });

    it('follows the role matrix: SDR qualifies, Integration writes signals, Manager reads', () => {
        assert.equal(editable('SDR', 'Budget_Evidence__c'), true);
        assert.equal(editable('SDR', 'Rejection_Reason__c'), true);
        assert.equal(editable('SDR', 'Last_Demo_Request_At__c'), false);
        assert.equal(editable('SDR', 'SQL_At__c'), false);
        assert.equal(editable('Integration', 'Last_Demo_Request_At__c'), true);
        assert.equal(editable('Integration', 'Budget_Evidence__c'), null, 'integration does not see evidence');
        assert.equal(editable('Admin', 'SQL_At__c'), true);
        for (const spec of specs) assert.equal(editable('Manager', spec.name), false, spec.name);
        const lead = (role: string) => sets[role]?.objectPermissions.find((o) => o.object === 'Lead');
        assert.equal(lead('Manager')?.allowEdit, 'false');
        assert.equal(lead('SDR')?.allowDelete, 'false');
    });

    it('evidence review: the Manager creates and reads (never edits a review or a lead), the SDR reads, the Admin does all', () => {
        const access = (set: PermissionSetXml['PermissionSet'] | undefined, object: string): string =>
            ['allowCreate', 'allowRead', 'allowEdit', 'allowDelete']
                .map((k) => (set?.objectPermissions.find((o) => o.object === object)?.[k] === 'true' ? k.slice(5, 6) : '-'))
                .join('');
        const review = 'LeadGate_Evidence_Review__c';
        assert.deepEqual(Object.fromEntries(Object.entries(sets).map(([role, set]) => [role, access(set, review)])), {
            SDR: '-R--',
            Manager: 'CR--',
            Admin: 'CRED',
            Integration: '----'
        });
        assert.equal(access(sets.Manager, 'Lead'), '-R--', 'a manager reviews without edit on Lead');
        const field = (role: string, name: string) => sets[role]?.fieldPermissions?.find((f) => f.field === `${review}.${name}`);
        assert.equal(field('SDR', 'Comment__c')?.editable, 'false');
        assert.equal(field('Manager', 'Comment__c')?.editable, 'true', 'filled on create');
        assert.equal(field('Manager', 'Lead__c'), undefined, 'a required field takes no field permission');
        // Planted: a grant table that lets managers edit reviews is caught by the same check.
        const planted = {
            ...PERMISSION_GRANTS,
            Manager: { ...PERMISSION_GRANTS.Manager, objects: [{ object: review, read: true, create: true, edit: true }] }
        };
        const file = generatePermissions(SQL_DEFINITION, specs, planted).files.find((f) =>
            f.path.endsWith('LeadGate_Manager.permissionset-meta.xml')
        );
        assert.ok(file);
        assert.notEqual(access((parser.parse(file.content) as PermissionSetXml).PermissionSet, review), 'CR--');
    });

    it('adds the extra grants declared in permissionGrants.ts, and refuses edit on a computed field', () => {
        const grants = {
            ...PERMISSION_GRANTS,
            Manager: { apexClasses: ['LeadGateDashboardController'], objects: [{ object: 'LeadGate_Snapshot__c', read: true }] }
        };
        const manager = generatePermissions(SQL_DEFINITION, specs, grants).files.find((f) =>
            f.path.endsWith('LeadGate_Manager.permissionset-meta.xml')
        );
        assert.ok(manager);
        const set = (parser.parse(manager.content) as PermissionSetXml).PermissionSet;
        assert.deepEqual(
            set.classAccesses?.map((c) => c.apexClass),
            ['LeadGateDashboardController']
        );
        assert.deepEqual(
            set.objectPermissions.map((o) => o.object),
            ['Lead', 'LeadGate_Snapshot__c']
        );
        const bad = { ...PERMISSION_GRANTS, SDR: { fields: [{ field: 'Lead.Intent_Score__c', editable: true }] } };
        assert.throws(() => generatePermissions(SQL_DEFINITION, specs, bad), /computed and cannot be editable/);
    });

    // Issue 18: the flow writes the fit-edit stamp and its before/after log; the rep whose edits they record reads them.
    it('the fit-edit stamp and log: the SDR and the Manager read them and cannot edit them', () => {
        const fitEditFields = [FIELDS.fitEditedByOwnerAt, FIELDS.fitEditsBeforeSql];
        const readOnly = (roleSets: typeof sets): Array<[string, string, boolean | null]> =>
            fitEditFields.flatMap((field) =>
                ['SDR', 'Manager'].map((role): [string, string, boolean | null] => {
                    const p = roleSets[role]?.fieldPermissions?.find((f) => f.field === `Lead.${field}`);
                    return [role, field, p ? p.readable === 'true' && p.editable === 'false' : null];
                })
            );
        assert.ok(
            readOnly(sets).every(([, , ok]) => ok === true),
            JSON.stringify(readOnly(sets))
        );
        // A planted fault: the log filed with the fields the rep qualifies with would be editable by the SDR.
        const planted = specs.map((s) => (s.name === FIELDS.fitEditsBeforeSql ? { ...s, group: 'qualification' as const } : s));
        const plantedSets = Object.fromEntries(
            generatePermissions(SQL_DEFINITION, planted)
                .files.filter((f) => f.path.includes('/permissionsets/'))
                .map((f) => [
                    f.path.replace(/.*LeadGate_(\w+)\.permissionset-meta\.xml$/, '$1'),
                    (parser.parse(f.content) as PermissionSetXml).PermissionSet
                ])
        );
        assert.deepEqual(
            readOnly(plantedSets)
                .filter(([, , ok]) => ok !== true)
                .map(([role, field]) => `${role} ${field}`),
            [`SDR ${FIELDS.fitEditsBeforeSql}`]
        );
    });
});
