/**
 * The shape of LeadGate's sample data (data/), shared by the generator, its tests and the loader the
 * local preview and the org seeding use. Every instant in the data is written relative to SAMPLE_ANCHOR;
 * consumers shift them to "now" with the rule in data/README.md (see shiftToNow in load.ts).
 */

/** The instant the sample data was written for: the last moment of its five-quarter history. */
export const SAMPLE_ANCHOR = '2026-03-02T15:00:00.000Z';

/** Days of lead history before the anchor: five quarters (456) and a few days, so the trend's four quarters are full at any date and the first leads are 456 days old. */
export const HISTORY_DAYS = 462;

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
    /** The owner's edit of fit facts shortly before qualifying (the gaming rep), with the values before it. */
    fitEdit?: FitEdit;
}

/** One fit fact the owner changed: its value before and after the edit. */
export interface FitFactChange {
    field: string;
    before: FieldValue;
    after: FieldValue;
}

/** An owner's edit of fit facts before SQL: when (Fit_Edited_By_Owner_At__c) and what changed. */
export interface FitEdit {
    at: string;
    changes: FitFactChange[];
}

/**
 * A revision of the SQL definition in the sample history only: the shape of data/definition-revisions.json's entries
 * (version, at, reason, summary). The preview adds these to the real revisions log it serves the dashboard; the deployed
 * static resource stays the real log. `at` is anchor-relative like every instant.
 */
export interface SampleRevision {
    version: string;
    at: string;
    reason: string;
    summary: string;
}

/** What only the preview applies to a seeded evidence review, keyed by referenceId in data/preview-extras.json. */
export interface ReviewExtras {
    id: string;
    /** OwnerId (the lead's owner), CreatedById (the reviewing manager), CreatedDate. */
    fields: Record<string, FieldValue>;
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
    /** The sample history's own definition revisions (labelled sample history), oldest first. */
    revisions: SampleRevision[];
    /** Preview-only values of the seeded evidence reviews, keyed by referenceId. */
    reviews: Record<string, ReviewExtras>;
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
export function sampleId(prefix: '005' | '00Q' | '006' | '701' | 'a0R', n: number): string {
    return `${prefix}LG${String(n).padStart(10, '0')}AAA`;
}
