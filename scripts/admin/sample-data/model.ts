/**
 * The shape of LeadGate's sample data (data/), shared by the generator, its tests and the loader the
 * local preview and the org seeding use. Every instant in the data is written relative to SAMPLE_ANCHOR;
 * consumers shift them to "now" with the rule in data/README.md (see shiftToNow in load.ts).
 */

/** The instant the sample data was written for: the last moment of its six-month history. */
export const SAMPLE_ANCHOR = '2026-03-02T15:00:00.000Z';

/** Seed of the history's pseudo-random generator. Changing it rewrites every history file. */
export const SAMPLE_SEED = 20260302;

/** A field value as `sf data tree import` and the UI API carry it. */
export type FieldValue = string | number | boolean | null;

/** One record of an sf data tree file. */
export interface TreeRecord {
    attributes: { type: string; referenceId: string };
    [field: string]: FieldValue | { type: string; referenceId: string };
}

export interface TreeFile {
    records: TreeRecord[];
}

/** One entry of an `sf data tree import --plan` file. */
export interface PlanEntry {
    sobject: string;
    files: string[];
}

export type UserRole = 'SDR' | 'Manager' | 'Admin' | 'Integration';

/** A person (or integration) the preview's user switcher offers, with the permission sets they hold. */
export interface SampleUser {
    /** Stable 18-character User Id used by OwnerId, SQL_Qualified_By__c and the preview. */
    id: string;
    name: string;
    firstName: string;
    lastName: string;
    username: string;
    alias: string;
    title: string;
    /** The team the dashboard's team filter groups by (User.Department). */
    department: string;
    role: UserRole;
    managerId: string | null;
    /** LeadGate permission sets (force-app/main/default/permissionsets) the user is assigned. */
    permissionSets: string[];
}

/** The opportunity a converted lead became: outcomes the dashboard's chain needs, which an import cannot create. */
export interface SampleOpportunity {
    id: string;
    name: string;
    stageName: string;
    amount: number;
    closeDate: string;
    isClosed: boolean;
    isWon: boolean;
    ownerId: string;
}

/** What only the local preview applies to a lead, keyed by referenceId in data/preview-extras.json. */
export interface LeadExtras {
    /** Stable record Id in the preview (URLs, browser tests). */
    id: string;
    /**
     * Field values `sf data tree import` cannot set on a real org (OwnerId to sample users, CreatedDate,
     * IsConverted and the converted status, SQL_Qualified_By__c): the preview lays them over the record.
     */
    fields: Record<string, FieldValue>;
    opportunity?: SampleOpportunity;
}

export interface ShowcaseEntry {
    /** Stable handle for tests and docs, e.g. `bant-sal-ready`. */
    key: string;
    referenceId: string;
    /** What the lead demonstrates on the record page. */
    title: string;
}

export interface PreviewExtras {
    about: string;
    anchor: string;
    showcase: ShowcaseEntry[];
    /** Preview Ids of the campaigns, keyed by referenceId. */
    campaigns: Record<string, { id: string }>;
    leads: Record<string, LeadExtras>;
}

export interface UsersFile {
    about: string;
    users: SampleUser[];
}

/** Repo-relative paths of the sample data. */
export const DATA_DIR = 'data';
export const PLAN_FILE = 'data/sample-plan.json';
export const EXTRAS_FILE = 'data/preview-extras.json';
export const USERS_FILE = 'data/users.json';

/** Records per tree file: the sObject Tree API takes at most 200 records per request, and older CLIs send one file per request. */
export const RECORDS_PER_FILE = 200;

/** An 18-character Salesforce-style Id: key prefix, "LG", a zero-padded number, a fixed suffix. */
export function sampleId(prefix: '005' | '00Q' | '006' | '701', n: number): string {
    return `${prefix}LG${String(n).padStart(10, '0')}AAA`;
}
