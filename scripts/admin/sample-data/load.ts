/**
 * Reads LeadGate's sample data (data/) the way consumers need it: the local preview seeds its emulated
 * org from `loadSampleData()` and `shiftToNow()`; the org seeding can shift the tree files the same way
 * before `sf data tree import` so the showcase leads' intent is fresh.
 *
 * One source: the records come from the sf data tree plan (data/sample-plan.json); preview-only values
 * come from data/preview-extras.json; users from data/users.json. Nothing here is generated or copied.
 */
import { readFileSync } from 'node:fs';
import { EVIDENCE_REVIEW_FIELDS, EVIDENCE_REVIEW_OBJECT } from 'c/sqlDefinition';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    EXTRAS_FILE,
    PLAN_FILE,
    USERS_FILE,
    type FieldValue,
    type PlanEntry,
    type FitEdit,
    type PreviewExtras,
    type SampleOpportunity,
    type SampleRevision,
    type SampleUser,
    type ShowcaseEntry,
    type TreeFile,
    type TreeRecord,
    type UsersFile
} from './model';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface SampleRecord {
    referenceId: string;
    /** Preview record Id. */
    id: string;
    /** Field values: the tree file's, with the preview-only extras laid over them; references resolved to preview Ids. */
    fields: Record<string, FieldValue>;
}

export interface SampleLead extends SampleRecord {
    opportunity: SampleOpportunity | null;
    /** Preview Ids of the campaigns the lead is a member of. */
    campaignIds: string[];
    /** The owner's edit of fit facts before SQL, with the values before it (the gaming rep's leads). */
    fitEdit: FitEdit | null;
}

export interface SampleData {
    /** The instant every date and time in the data is written relative to. */
    anchor: string;
    users: SampleUser[];
    campaigns: SampleRecord[];
    leads: SampleLead[];
    showcase: ShowcaseEntry[];
    /** The sample history's own definition revisions (the preview adds them to the real revisions log). */
    revisions: SampleRevision[];
    /** Evidence reviews: the tree file's fields with the preview-only ones laid over them, Lead__c resolved to the lead's preview Id. */
    reviews: SampleRecord[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function plainFields(record: TreeRecord): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const [key, value] of Object.entries(record))
        if (key !== 'attributes' && (value === null || typeof value !== 'object')) out[key] = value;
    return out;
}

/** Every record of the plan, by sObject, in plan order. */
export function readPlan(root: string = REPO_ROOT): Map<string, TreeRecord[]> {
    const planPath = join(root, PLAN_FILE);
    const bySObject = new Map<string, TreeRecord[]>();
    for (const entry of readJson<PlanEntry[]>(planPath)) {
        const records = bySObject.get(entry.sobject) ?? [];
        for (const file of entry.files) records.push(...readJson<TreeFile>(join(dirname(planPath), file)).records);
        bySObject.set(entry.sobject, records);
    }
    return bySObject;
}

/** The sample data as the preview seeds it (instants still relative to the anchor: see shiftToNow). */
export function loadSampleData(root: string = REPO_ROOT): SampleData {
    const plan = readPlan(root);
    const extras = readJson<PreviewExtras>(join(root, EXTRAS_FILE));
    const { users } = readJson<UsersFile>(join(root, USERS_FILE));
    const campaigns: SampleRecord[] = (plan.get('Campaign') ?? []).map((record) => {
        const referenceId = record.attributes.referenceId;
        const id = extras.campaigns[referenceId]?.id;
        if (!id) throw new Error(`${EXTRAS_FILE} has no preview Id for campaign ${referenceId}`);
        return { referenceId, id, fields: plainFields(record) };
    });
    const campaignId = new Map(campaigns.map((c) => [c.referenceId, c.id]));
    const membership = new Map<string, string[]>();
    for (const member of plan.get('CampaignMember') ?? []) {
        const lead = String(member.LeadId).replace(/^@/, '');
        const campaign = campaignId.get(String(member.CampaignId).replace(/^@/, ''));
        if (campaign) membership.set(lead, [...(membership.get(lead) ?? []), campaign]);
    }
    const leads: SampleLead[] = (plan.get('Lead') ?? []).map((record) => {
        const referenceId = record.attributes.referenceId;
        const extra = extras.leads[referenceId];
        if (!extra) throw new Error(`${EXTRAS_FILE} has no entry for lead ${referenceId}`);
        return {
            referenceId,
            id: extra.id,
            fields: { ...plainFields(record), ...extra.fields },
            opportunity: extra.opportunity ?? null,
            campaignIds: membership.get(referenceId) ?? [],
            fitEdit: extra.fitEdit ?? null
        };
    });
    const leadId = new Map(leads.map((l) => [l.referenceId, l.id]));
    const reviews: SampleRecord[] = [];
    for (const [sobject, records] of plan) {
        if (sobject !== EVIDENCE_REVIEW_OBJECT) continue;
        for (const record of records) {
            const referenceId = record.attributes.referenceId;
            const extra = extras.reviews?.[referenceId];
            if (!extra) throw new Error(`${EXTRAS_FILE} has no entry for evidence review ${referenceId}`);
            const fields = { ...plainFields(record), ...extra.fields };
            const lead = String(fields[EVIDENCE_REVIEW_FIELDS.lead] ?? '');
            // An unknown @reference stays as written: the preview's seed check names it.
            fields[EVIDENCE_REVIEW_FIELDS.lead] = leadId.get(lead.replace(/^@/, '')) ?? lead;
            reviews.push({ referenceId, id: extra.id, fields });
        }
    }
    return { anchor: extras.anchor, users, campaigns, leads, showcase: extras.showcase, revisions: extras.revisions ?? [], reviews };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

/**
 * The rule of data/README.md: every date-time value moves by (now - anchor); every date value moves by the
 * same offset in whole days (rounded). The history keeps its shape and ends at `now`; the showcase
 * leads' signals are as fresh at `now` as they were at the anchor.
 */
export function shiftValue(value: FieldValue, offsetMs: number): FieldValue {
    if (typeof value !== 'string') return value;
    if (DATE_TIME.test(value)) return new Date(Date.parse(value) + offsetMs).toISOString();
    if (DATE.test(value))
        return new Date(Date.parse(`${value}T00:00:00.000Z`) + Math.round(offsetMs / DAY) * DAY).toISOString().slice(0, 10);
    return value;
}

export function shiftFields(fields: Record<string, FieldValue>, offsetMs: number): Record<string, FieldValue> {
    return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, shiftValue(value, offsetMs)]));
}

/** The sample data moved so that its anchor is `now`. */
export function shiftToNow(data: SampleData, now: Date = new Date()): SampleData {
    const offset = now.getTime() - Date.parse(data.anchor);
    return {
        ...data,
        anchor: now.toISOString(),
        campaigns: data.campaigns.map((c) => ({ ...c, fields: shiftFields(c.fields, offset) })),
        revisions: data.revisions.map((r) => ({ ...r, at: String(shiftValue(r.at, offset)) })),
        reviews: data.reviews.map((r) => ({ ...r, fields: shiftFields(r.fields, offset) })),
        leads: data.leads.map((lead) => ({
            ...lead,
            fields: shiftFields(lead.fields, offset),
            opportunity: lead.opportunity
                ? { ...lead.opportunity, closeDate: String(shiftValue(lead.opportunity.closeDate, offset)) }
                : null,
            fitEdit: lead.fitEdit ? { ...lead.fitEdit, at: String(shiftValue(lead.fitEdit.at, offset)) } : null
        }))
    };
}
