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

/* ---------------------------------------------------------------- coaching dashboard (issue 6) */

/** Every field of the dashboard's snapshot object (LeadFunnelSnapshotBatch writes them, the dashboard reads them). */
const SNAPSHOT_FIELDS = [
    'Run_Id__c',
    'Month__c',
    'Kind__c',
    'Owner_Id__c',
    'Lead_Source__c',
    'Segment_Company_Size__c',
    'Segment_Industry_Group__c',
    'Segment_Region__c',
    'Rejection_Reason__c',
    'Speed_Max_Minutes__c',
    'Campaign_Id__c',
    'Campaign_Name__c',
    'Snapshot_Key__c',
    'As_Of__c',
    'MQLs__c',
    'Accepted__c',
    'Rejected__c',
    'SQLs__c',
    'Opportunities__c',
    'Won__c',
    'Actioned__c',
    'Leads__c',
    'Bypass_SQLs__c',
    'Thin_Evidence_SQLs__c',
    'Review_Outcome__c',
    'Fit_Edited_SQLs__c'
].map((field) => `LeadGate_Funnel_Snapshot__c.${field}`);

/** What the dashboard's queries read besides the generated Lead fields (they run in user mode). */
const DASHBOARD_READS: ObjectGrant[] = [
    { object: 'Campaign', read: true, reason: 'Rejection reasons by campaign (CampaignMember rows need read on Campaign).' },
    { object: 'Opportunity', read: true, reason: 'Closed Won at the end of the chain (ConvertedOpportunity.IsWon).' }
];

/**
 * Managers and admins see every lead they can read (and pick a team); a user without this custom permission (an SDR)
 * sees the dashboard for the leads they own only (LeadGateDashboardController, preview/server/soql/dashboardRunner.ts).
 */
export const TEAM_FUNNEL_PERMISSION = 'LeadGate_View_Team_Funnels';

/** Custom permissions declared here (besides the definition's bypass), generated as customPermission files. */
export const CUSTOM_PERMISSIONS: ReadonlyArray<{ name: string; label: string; description: string }> = [
    {
        name: TEAM_FUNNEL_PERMISSION,
        label: 'LeadGate View Team Funnels',
        description:
            'The coaching dashboard counts every lead the user can read and offers the team picker. Without it the dashboard shows only the leads the user owns.'
    }
];

const DASHBOARD: PermissionGrants = {
    apexClasses: ['LeadGateDashboardController', 'LeadGateDrillDownController'],
    tabs: ['LeadGate_Coaching'],
    applications: ['LeadGate']
};

/** Fields of the signal reject records (LeadSignalService writes them; admins read them). */
const SIGNAL_REJECT_FIELDS = [
    'Reason__c',
    'Detail__c',
    'Lead_Id__c',
    'Email__c',
    'Signal_Type__c',
    'Occurred_At__c',
    'Source__c',
    'External_Id__c',
    'Replay_Id__c',
    'Payload__c'
].map((field) => `LeadGate_Signal_Reject__c.${field}`);

/** Signals in: integrations publish LeadGate_Signal__e; refused signals are kept as LeadGate_Signal_Reject__c. */
const SIGNAL_INTAKE: PermissionGrants = {
    objects: [
        {
            object: 'LeadGate_Signal__e',
            read: true,
            create: true,
            reason: 'Publishing the platform event is how an integration reports a signal (create is publish).'
        },
        {
            object: 'LeadGate_Signal_Reject__c',
            read: true,
            create: true,
            reason: 'Rejects of the signals the integration sends are recorded for it to read back.'
        }
    ],
    fields: SIGNAL_REJECT_FIELDS.map((field) => ({ field, editable: true }))
};

/** Admins read the rejects on their tab. */
const SIGNAL_REJECTS_READ: PermissionGrants = {
    tabs: ['LeadGate_Signal_Reject__c'],
    objects: [{ object: 'LeadGate_Signal_Reject__c', read: true }],
    fields: SIGNAL_REJECT_FIELDS.map((field) => ({ field, editable: false }))
};

/* ---------------------------------------------------------------- buying committee (issue 19) */

/** The committee member fields besides the generated Role__c (its access follows the qualification group). */
const COMMITTEE_INPUT_FIELDS = ['Title__c', 'Email__c', 'Lead__c', 'Contact__c'].map((f) => `LeadGate_Committee_Member__c.${f}`);
/** Written only by the conversion (LeadCommitteeConversion): read-only for every role. */
const COMMITTEE_CONVERSION_FIELDS = ['Opportunity__c', 'Conversion_Error__c'].map((f) => `LeadGate_Committee_Member__c.${f}`);

const committee = (edit: boolean): PermissionGrants => ({
    objects: [
        edit
            ? {
                  object: 'LeadGate_Committee_Member__c',
                  read: true,
                  create: true,
                  edit: true,
                  delete: true,
                  reason: 'Reps name, correct and remove the people of their own leads (the object is Private: only their own rows and what sharing grants).'
              }
            : { object: 'LeadGate_Committee_Member__c', read: true },
        ...(edit
            ? [
                  {
                      object: 'Contact',
                      read: true,
                      reason: "The committee card offers the account's Contacts with the same email, so a person is not created twice."
                  }
              ]
            : [])
    ],
    fields: [
        ...COMMITTEE_INPUT_FIELDS.map((field) => ({ field, editable: edit })),
        ...COMMITTEE_CONVERSION_FIELDS.map((field) => ({ field, editable: false })),
        ...(edit
            ? [
                  { field: 'Contact.Email', editable: false },
                  { field: 'Contact.Title', editable: false }
              ]
            : [])
    ]
});

/* ---------------------------------------------------------------- evidence review (issue 18) */

const REVIEW_OBJECT = 'LeadGate_Evidence_Review__c';
/** The review's fields besides Name (an auto-number) and Lead__c (required: the platform grants it to whoever can read the object, and refuses a permission for it). */
const REVIEW_FIELDS = ['Outcome__c', 'Comment__c', 'Definition_Version__c'].map((f) => `${REVIEW_OBJECT}.${f}`);

/**
 * Reviews are owned by the rep whose lead they review (the queue sets OwnerId), so a rep reads the reviews of their own
 * leads through ownership on a Private object and nobody else's. Managers write reviews but never edit one: a new
 * verdict is a new row, so the history stays. Admins correct or remove a review made in error.
 */
const evidenceReview = (role: 'SDR' | 'Manager' | 'Admin'): PermissionGrants => ({
    objects: [
        role === 'SDR'
            ? { object: REVIEW_OBJECT, read: true }
            : role === 'Manager'
              ? {
                    object: REVIEW_OBJECT,
                    read: true,
                    create: true,
                    viewAll: true,
                    reason: 'The rep owns each review of their lead; the manager who wrote it must keep reading it whatever the role hierarchy. Coaching verdicts only, no lead data (docs/DECISIONS.md).'
                }
              : {
                    object: REVIEW_OBJECT,
                    read: true,
                    create: true,
                    edit: true,
                    delete: true,
                    viewAll: true,
                    reason: 'Admins correct or remove a review written in error, whoever owns it.'
                }
    ],
    // Editable field access lets a manager fill the fields on create; without edit on the object no review changes after.
    fields: REVIEW_FIELDS.map((field) => ({ field, editable: role !== 'SDR' }))
});

const merge = (...parts: PermissionGrants[]): PermissionGrants => ({
    apexClasses: parts.flatMap((p) => p.apexClasses ?? []),
    tabs: parts.flatMap((p) => p.tabs ?? []),
    applications: parts.flatMap((p) => p.applications ?? []),
    objects: parts.flatMap((p) => p.objects ?? []),
    fields: parts.flatMap((p) => p.fields ?? []),
    customPermissions: parts.flatMap((p) => p.customPermissions ?? [])
});

export const PERMISSION_GRANTS: Readonly<Record<PermissionSetRole, PermissionGrants>> = {
    SDR: merge(committee(true), evidenceReview('SDR'), {
        // Their own figures only: without TEAM_FUNNEL_PERMISSION the controller counts the leads they own.
        ...DASHBOARD,
        objects: DASHBOARD_READS,
        fields: [{ field: 'Lead.LeadSource', editable: false }]
    }),
    Manager: merge(committee(false), evidenceReview('Manager'), {
        ...DASHBOARD,
        customPermissions: [TEAM_FUNNEL_PERMISSION],
        objects: [
            {
                object: 'LeadGate_Funnel_Snapshot__c',
                read: true,
                viewAll: true,
                reason: 'The object is Private and its rows belong to the admin who runs the nightly batch; the dashboard reads them for windows too large to count live. Counts only, never lead data (docs/DECISIONS.md).'
            },
            ...DASHBOARD_READS
        ],
        fields: [{ field: 'Lead.LeadSource', editable: false }, ...SNAPSHOT_FIELDS.map((field) => ({ field, editable: false }))]
    }),
    Admin: merge(committee(true), evidenceReview('Admin'), {
        ...DASHBOARD,
        customPermissions: [TEAM_FUNNEL_PERMISSION],
        objects: [
            {
                object: 'LeadGate_Funnel_Snapshot__c',
                read: true,
                create: true,
                edit: true,
                delete: true,
                reason: 'The nightly snapshot runs as the admin who schedules it (LeadFunnelSnapshotBatch.scheduleNightly) and replaces older runs.'
            },
            ...DASHBOARD_READS,
            ...(SIGNAL_REJECTS_READ.objects ?? [])
        ],
        fields: [
            { field: 'Lead.LeadSource', editable: false },
            ...SNAPSHOT_FIELDS.map((field) => ({ field, editable: true })),
            ...(SIGNAL_REJECTS_READ.fields ?? [])
        ],
        tabs: [...(DASHBOARD.tabs ?? []), ...(SIGNAL_REJECTS_READ.tabs ?? [])]
    }),
    Integration: SIGNAL_INTAKE
};
