/**
 * Assembles LeadGate's sample data files (data/) from the showcase leads, the seeded history, the cast of
 * users and the campaigns. Pure: the same inputs always give byte-identical files, which
 * `generate-sample-data.ts --check` compares with the committed ones.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVIDENCE_REVIEW_FIELDS, EVIDENCE_REVIEW_OBJECT } from 'c/sqlDefinition';
import { CAMPAIGNS, MANAGER, USERS } from './cast';
import { HISTORY_DAYS, generateHistory, orderFields, sampleRevision, type HistoryLead } from './history';
import { generateReviews, type HistoryReview } from './reviews';
import {
    EXTRAS_FILE,
    PLAN_FILE,
    RECORDS_PER_FILE,
    SAMPLE_ANCHOR,
    SAMPLE_SEED,
    USERS_FILE,
    sampleId,
    type LeadExtras,
    type PlanEntry,
    type PreviewExtras,
    type TreeFile,
    type TreeRecord,
    type UsersFile
} from './model';
import { SHOWCASE } from './showcase';

/** Where the history's tree files live; the generator owns every file in it. */
export const HISTORY_DIR = 'data/history';

/** Number of history leads (the preview runs each through the before-save flow at start: keep it near 2,500 or less). */
export const HISTORY_COUNT = 2400;
/** The reviews' own seed (SAMPLE_SEED + 1): the review habit can change without redrawing the leads. */
const REVIEW_SEED_OFFSET = 1;
/** referenceId numbers: showcase leads from 1, history leads from 1001 (so adding a showcase lead never renumbers the history). */
const HISTORY_FIRST_REF = 1001;

export interface SampleDataBuild {
    /** Repo-relative path -> JSON value to write. */
    files: Map<string, unknown>;
    history: HistoryLead[];
    reviews: HistoryReview[];
}

const DAY = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function chunks<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

export function buildSampleData(seed = SAMPLE_SEED, historyCount = HISTORY_COUNT): SampleDataBuild {
    const anchorMs = Date.parse(SAMPLE_ANCHOR);
    const startMs = anchorMs - HISTORY_DAYS * DAY;
    const files = new Map<string, unknown>();
    const extras: PreviewExtras = {
        about:
            'Preview-only values for the sample leads, keyed by referenceId: what sf data tree import cannot set on a real org ' +
            '(owners, created dates, conversions and their opportunities, the SQL qualifier). Read by the local preview only; ' +
            'instants are relative to "anchor" (see data/README.md). "revisions" are the sample history\'s own definition revisions, ' +
            'which the preview adds to the real revisions log; "reviews" are the evidence reviews\' owner, reviewer and date.',
        anchor: SAMPLE_ANCHOR,
        showcase: [],
        campaigns: {},
        leads: {},
        revisions: [sampleRevision()],
        reviews: {}
    };

    const campaigns: TreeRecord[] = CAMPAIGNS.map((campaign, i) => {
        extras.campaigns[campaign.referenceId] = { id: sampleId('701', i + 1) };
        const running = campaign.endDay >= HISTORY_DAYS;
        return {
            attributes: { type: 'Campaign', referenceId: campaign.referenceId },
            Name: campaign.name,
            Type: campaign.type,
            Status: running ? 'In Progress' : 'Completed',
            StartDate: isoDate(startMs + campaign.startDay * DAY),
            EndDate: isoDate(startMs + campaign.endDay * DAY),
            IsActive: running
        };
    });

    const showcaseLeads: TreeRecord[] = [];
    const showcaseMembers: TreeRecord[] = [];
    SHOWCASE.forEach((lead, i) => {
        const referenceId = `LeadRef${i + 1}`;
        showcaseLeads.push({ attributes: { type: 'Lead', referenceId }, ...orderFields(lead.fields) });
        extras.showcase.push({ key: lead.key, referenceId, title: lead.title });
        extras.leads[referenceId] = { id: sampleId('00Q', i + 1), fields: orderFields(lead.extras) };
        for (const campaign of lead.campaigns) {
            showcaseMembers.push({
                attributes: { type: 'CampaignMember', referenceId: `CampaignMemberRef${showcaseMembers.length + 1}` },
                CampaignId: `@${campaign}`,
                LeadId: `@${referenceId}`,
                Status: 'Responded'
            });
        }
    });

    const history = generateHistory(seed, historyCount);
    const historyLeads: TreeRecord[] = [];
    const historyMembers: TreeRecord[] = [];
    history.forEach((lead, i) => {
        const n = HISTORY_FIRST_REF + i;
        const referenceId = `LeadRef${n}`;
        historyLeads.push({ attributes: { type: 'Lead', referenceId }, ...lead.fields });
        const entry: LeadExtras = { id: sampleId('00Q', n), fields: { ...lead.extras } };
        if (lead.opportunity) {
            const id = sampleId('006', n);
            entry.fields.ConvertedOpportunityId = id;
            entry.fields = orderFields(entry.fields);
            entry.opportunity = { id, ...lead.opportunity };
        }
        if (lead.fitEdit) entry.fitEdit = lead.fitEdit;
        extras.leads[referenceId] = entry;
        if (lead.campaign) {
            historyMembers.push({
                attributes: { type: 'CampaignMember', referenceId: `CampaignMemberRef${HISTORY_FIRST_REF + historyMembers.length}` },
                CampaignId: `@${lead.campaign}`,
                LeadId: `@${referenceId}`,
                Status: 'Responded'
            });
        }
    });

    const reviews = generateReviews(seed + REVIEW_SEED_OFFSET, history);
    const F = EVIDENCE_REVIEW_FIELDS;
    const reviewRecords: TreeRecord[] = reviews.map((review, i) => {
        const referenceId = `EvidenceReviewRef${i + 1}`;
        extras.reviews[referenceId] = {
            id: sampleId('a0R', i + 1),
            fields: { OwnerId: review.ownerId, CreatedById: MANAGER.id, CreatedDate: new Date(review.createdMs).toISOString() }
        };
        return {
            attributes: { type: EVIDENCE_REVIEW_OBJECT, referenceId },
            [F.lead]: `@LeadRef${HISTORY_FIRST_REF + review.leadIndex}`,
            [F.outcome]: review.outcome,
            ...(review.comment ? { [F.comment]: review.comment } : {}),
            [F.definitionVersion]: review.version
        };
    });

    const tree = (records: TreeRecord[]): TreeFile => ({ records });
    const plan: PlanEntry[] = [
        { sobject: 'Campaign', files: ['Campaign.json'] },
        { sobject: 'Lead', files: ['Lead.json'] },
        { sobject: 'CampaignMember', files: ['CampaignMember.json'] },
        { sobject: EVIDENCE_REVIEW_OBJECT, files: [] }
    ];
    files.set('data/Campaign.json', tree(campaigns));
    files.set('data/Lead.json', tree(showcaseLeads));
    files.set('data/CampaignMember.json', tree(showcaseMembers));
    chunks(historyLeads, RECORDS_PER_FILE).forEach((records, i) => {
        const name = `${HISTORY_DIR.slice('data/'.length)}/Lead-${twoDigits(i + 1)}.json`;
        plan[1]?.files.push(name);
        files.set(`data/${name}`, tree(records));
    });
    chunks(historyMembers, RECORDS_PER_FILE).forEach((records, i) => {
        const name = `${HISTORY_DIR.slice('data/'.length)}/CampaignMember-${twoDigits(i + 1)}.json`;
        plan[2]?.files.push(name);
        files.set(`data/${name}`, tree(records));
    });
    chunks(reviewRecords, RECORDS_PER_FILE).forEach((records, i) => {
        const name = `${HISTORY_DIR.slice('data/'.length)}/EvidenceReview-${twoDigits(i + 1)}.json`;
        plan[3]?.files.push(name);
        files.set(`data/${name}`, tree(records));
    });
    files.set(PLAN_FILE, plan);
    files.set(EXTRAS_FILE, extras);
    const users: UsersFile = {
        about: 'Sample users: the local preview offers them in its user switcher, and they own the sample leads. Ids are stable; permission sets are the project ones.',
        users: [...USERS]
    };
    files.set(USERS_FILE, users);
    return { files, history, reviews };
}

const PRINT_WIDTH = 140;

/**
 * The text written for a data file: two-space JSON with a final newline, laid out as prettier lays out JSON
 * (an array of plain values on one line when it fits the print width), so `npm run format:verify` accepts it
 * without running prettier over megabytes of records.
 */
export function serialise(value: unknown): string {
    const text = JSON.stringify(value, null, 2).replace(
        /^( *)(.*)\[\n((?: *(?:"(?:[^"\\]|\\.)*"|-?\d[\d.e+-]*|true|false|null),?\n)+) *\]/gm,
        (whole, indent: string, head: string, items: string) => {
            const inline = `${indent}${head}[${items
                .split('\n')
                .map((item) => item.trim())
                .filter(Boolean)
                .join(' ')}]`;
            return inline.length <= PRINT_WIDTH ? inline : whole;
        }
    );
    return `${text}\n`;
}

/** Files the generator owns that differ from what it would write now, or that it would delete. */
export function staleFiles(root: string, files: Map<string, unknown>): string[] {
    const stale: string[] = [];
    for (const [path, value] of files) {
        const absolute = join(root, path);
        if (!existsSync(absolute) || readFileSync(absolute, 'utf8') !== serialise(value)) stale.push(path);
    }
    const historyDir = join(root, HISTORY_DIR);
    if (existsSync(historyDir)) {
        for (const name of readdirSync(historyDir)) if (!files.has(`${HISTORY_DIR}/${name}`)) stale.push(`${HISTORY_DIR}/${name}`);
    }
    return stale.sort();
}
