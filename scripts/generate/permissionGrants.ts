/**
 * Extra grants other parts of LeadGate need in the four permission sets (Apex classes, tabs, apps, custom
 * objects, fields outside the generated Lead fields, custom permissions). The Lead field grants come from the
 * role matrix in permissionSets.ts; everything else is declared here.
 *
 * To add a grant: edit ONLY this file, run `npm run generate`, and commit this file together with the
 * regenerated force-app/main/default/permissionsets/*.permissionset-meta.xml.
 *
 * Least privilege: grant each role only what its work needs. There is deliberately no way to grant
 * Modify All on an object here, and View All / Modify All Data are never granted.
 */
export type PermissionSetRole = 'SDR' | 'Manager' | 'Admin' | 'Integration';

export interface ObjectGrant {
    /** API name, e.g. LeadGate_Funnel_Snapshot__c. */
    object: string;
    read: boolean;
    create?: boolean;
    edit?: boolean;
    delete?: boolean;
    /** View All records of this object (sharing bypass for this object only). Use sparingly, say why in `reason`. */
    viewAll?: boolean;
    reason?: string;
}

export interface FieldGrant {
    /** Object.Field, e.g. Opportunity.LeadGate_Source_Lead__c. */
    field: string;
    editable: boolean;
}

export interface PermissionGrants {
    apexClasses?: string[];
    /** Tabs made Visible (custom object tabs, Lightning page tabs). */
    tabs?: string[];
    /** Apps made visible. */
    applications?: string[];
    objects?: ObjectGrant[];
    fields?: FieldGrant[];
    customPermissions?: string[];
}

export const PERMISSION_GRANTS: Readonly<Record<PermissionSetRole, PermissionGrants>> = {
    SDR: {},
    Manager: {},
    Admin: {},
    Integration: {}
};
