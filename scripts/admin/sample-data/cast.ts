/**
 * The people and campaigns of the sample data. The SDRs' behaviour knobs are what the coaching
 * dashboard must surface: Marcus inflates SQLs, Hannah is slow to act on MQLs, Luis pumps fit facts just
 * before qualifying once the bar goes up, Priya is the benchmark. The sample history's own definition revision
 * and the manager's review habit are knobs here too.
 */
import { HISTORY_DAYS, sampleId, type SampleUser } from './model';

const MANAGER_ID = sampleId('005', 1);

function user(
    n: number,
    firstName: string,
    lastName: string,
    rest: Omit<SampleUser, 'id' | 'name' | 'firstName' | 'lastName' | 'username' | 'alias'>
): SampleUser {
    return {
        id: sampleId('005', n),
        name: `${firstName} ${lastName}`,
        firstName,
        lastName,
        username: `${firstName}.${lastName}@leadgate.example`.toLowerCase(),
        alias: `${firstName.slice(0, 1)}${lastName.slice(0, 4)}`.toLowerCase(),
        ...rest
    };
}

const sdr = (n: number, firstName: string, lastName: string, department: string): SampleUser =>
    user(n, firstName, lastName, {
        title: 'Sales Development Representative',
        department,
        role: 'SDR',
        managerId: MANAGER_ID,
        permissionSets: ['LeadGate_SDR']
    });

export const MANAGER = user(1, 'Dana', 'Whitfield', {
    title: 'Sales Development Manager',
    department: 'Sales Development',
    role: 'Manager',
    managerId: null,
    permissionSets: ['LeadGate_Manager']
});
export const ADMIN = user(2, 'Jordan', 'Blake', {
    title: 'Salesforce Administrator',
    department: 'Revenue Operations',
    role: 'Admin',
    managerId: null,
    permissionSets: ['LeadGate_Admin']
});
export const INTEGRATION = user(3, 'Marketing', 'Integration', {
    title: 'Marketing automation sync (integration user)',
    department: 'Integrations',
    role: 'Integration',
    managerId: null,
    permissionSets: ['LeadGate_Integration']
});

export const PRIYA = sdr(11, 'Priya', 'Nair', 'SDR Inbound');
export const MARCUS = sdr(12, 'Marcus', 'Webb', 'SDR Inbound');
export const HANNAH = sdr(13, 'Hannah', 'Okafor', 'SDR Inbound');
export const LUIS = sdr(14, 'Luis', 'Ortega', 'SDR Outbound');
export const MEI = sdr(15, 'Mei', 'Chen', 'SDR Outbound');

export const USERS: readonly SampleUser[] = [PRIYA, MARCUS, HANNAH, LUIS, MEI, MANAGER, ADMIN, INTEGRATION];

/** Minutes from MQL to first action: probability of landing in each SLA bucket (<= 5 min, 5-60 min, 1-24 h, 24-72 h). */
export type SpeedProfile = readonly [number, number, number, number];

export interface RepBehaviour {
    user: SampleUser;
    /** Share of the history's leads routed to this rep. */
    share: number;
    speed: SpeedProfile;
    /** Probability of accepting an MQL, by fit class. */
    accept: Record<FitClass, number>;
    /** Probability that an accepted lead becomes Sales Qualified, by fit class (the validation rules still apply). */
    qualify: Record<FitClass, number>;
    /** Probability that an SQL converts with an opportunity, by fit class. */
    convert: Record<FitClass, number>;
    /** Evidence style: thorough notes, or the bare minimum that passes the rule. */
    evidence: 'thorough' | 'minimal';
    /**
     * Share of the rep's would-be SQLs (under the revised, higher bar) whose fit facts the rep edits a few hours before
     * qualifying: a title without buying authority becomes a VP title, a small company grows past the size rule.
     */
    pumpsFit: number;
}

export type FitClass = 'good' | 'medium' | 'poor';

/**
 * The sample history's own revision of the SQL definition, in the middle of the history: before it, leads were
 * qualified under an earlier variant with a lower bar (and reps qualified more of what they accepted); from it on,
 * under today's bar. SQLs are stamped with the version they were qualified under. Sample history only: the preview
 * adds it to the real revisions log it serves (data/README.md, docs/DECISIONS.md).
 */
export const SAMPLE_REVISION = {
    /** Days before the anchor when it took effect (07:00 UTC that day). */
    daysBeforeAnchor: 228,
    version: '2025.4-sample',
    reason: 'Sample history: too many SQLs went nowhere, so the team raised the bar and began reviewing the evidence of every SQL each week.',
    summary:
        "Sample history: the SQL bar rose from fit 10 and intent 20 to fit 40 and intent 30; managers review each SQL's evidence (Evidence Holds or Coach).",
    earlier: {
        version: '2025.3-sample',
        bar: { minFit: 10, minIntent: 20 },
        /** How readily reps qualified an accepted lead whose fit met the lower bar but not today's. */
        qualifyUnderTodaysBar: 0.8
    }
} as const;

/** The manager's review habit: most SQLs of older weeks reviewed, the latest weeks mostly waiting. */
export const REVIEW_HABIT = {
    /** SQLs qualified within this many days of the anchor are the backlog. */
    backlogDays: 18,
    reviewedShare: 0.9,
    backlogReviewedShare: 0.15,
    /** Days from SQL to the review. */
    delayDays: { min: 1, max: 6 },
    /** Share of minimal-evidence SQLs the manager coaches (a pumped fit or a bypass SQL is always coached). */
    coachMinimal: 0.6,
    /** Share of thorough SQLs coached anyway (one criterion thinner than the rest). */
    coachThorough: 0.05
} as const;

const steady = {
    accept: { good: 0.96, medium: 0.8, poor: 0.25 },
    qualify: { good: 0.45, medium: 0.25, poor: 0.05 },
    convert: { good: 0.62, medium: 0.42, poor: 0.1 },
    pumpsFit: 0
};

export const REPS: readonly RepBehaviour[] = [
    { user: PRIYA, share: 0.21, speed: [0.72, 0.23, 0.05, 0], ...steady, evidence: 'thorough' },
    {
        // SQL inflation: accepts nearly everything and qualifies most of it; the account team opens few opportunities.
        user: MARCUS,
        share: 0.21,
        speed: [0.45, 0.4, 0.15, 0],
        accept: { good: 0.98, medium: 0.95, poor: 0.7 },
        qualify: { good: 0.92, medium: 0.9, poor: 0.6 },
        convert: { good: 0.3, medium: 0.14, poor: 0.05 },
        evidence: 'minimal',
        pumpsFit: 0
    },
    // Slow to lead: most MQLs wait hours, a quarter wait more than a day.
    { user: HANNAH, share: 0.2, speed: [0.08, 0.2, 0.47, 0.25], ...steady, evidence: 'thorough' },
    // Games the bar: once it is raised, pumps the fit facts of leads that fall short, hours before qualifying them.
    {
        user: LUIS,
        share: 0.19,
        speed: [0.5, 0.35, 0.13, 0.02],
        ...steady,
        accept: { good: 0.96, medium: 0.85, poor: 0.6 },
        evidence: 'thorough',
        pumpsFit: 0.9
    },
    { user: MEI, share: 0.19, speed: [0.46, 0.38, 0.14, 0.02], ...steady, evidence: 'thorough' }
];

export interface CampaignPlan {
    referenceId: string;
    name: string;
    type: string;
    /** LeadSource of the campaign's leads. */
    leadSource: string;
    /** Share of the history's leads that come from this campaign (a short campaign's leads all arrive in its days). */
    share: number;
    /** Fit mix of its leads. */
    fit: Record<FitClass, number>;
    /** Days after the history's start when the campaign starts and ends (leads arrive in between). */
    startDay: number;
    endDay: number;
}

/** The history's campaigns; leads not in one come from the website or the phone (no campaign). */
export const CAMPAIGNS: readonly CampaignPlan[] = [
    {
        // Monthly webinar on lead routing and qualification for revenue operations teams.
        referenceId: 'CampaignRef1',
        name: 'RevOps Webinar Series',
        type: 'Webinar',
        leadSource: 'Web',
        share: 0.16,
        fit: { good: 0.45, medium: 0.4, poor: 0.15 },
        startDay: 0,
        endDay: HISTORY_DAYS
    },
    {
        // Gated eBook promoted by email and on the website.
        referenceId: 'CampaignRef2',
        name: 'Pipeline Playbook eBook',
        type: 'Email',
        leadSource: 'Web',
        share: 0.15,
        fit: { good: 0.3, medium: 0.45, poor: 0.25 },
        startDay: 0,
        endDay: HISTORY_DAYS
    },
    {
        // Paid social lead forms with a broad audience: students, tiny companies, out-of-region clicks.
        // Sales rejects most of it for Poor Fit: the dashboard's "fix the targeting" finding.
        referenceId: 'CampaignRef3',
        name: 'Social Lead Gen Ads - Broad Audience',
        type: 'Advertisement',
        leadSource: 'Web',
        share: 0.1,
        fit: { good: 0.05, medium: 0.2, poor: 0.75 },
        startDay: HISTORY_DAYS - 152,
        endDay: HISTORY_DAYS
    },
    {
        // Badge scans and booth demos at the annual revenue operations summit.
        referenceId: 'CampaignRef4',
        name: 'RevOps Summit Booth',
        type: 'Conference',
        leadSource: 'Other',
        share: 0.05,
        fit: { good: 0.55, medium: 0.35, poor: 0.1 },
        startDay: HISTORY_DAYS - 108,
        endDay: HISTORY_DAYS - 98
    },
    {
        // Leads referred by implementation partners through the partner portal.
        referenceId: 'CampaignRef5',
        name: 'Partner Referral Program',
        type: 'Referral Program',
        leadSource: 'Partner Referral',
        share: 0.1,
        fit: { good: 0.6, medium: 0.32, poor: 0.08 },
        startDay: 0,
        endDay: HISTORY_DAYS
    },
    {
        // A purchased list of healthcare IT leaders, worked by phone.
        referenceId: 'CampaignRef6',
        name: 'Healthcare IT Contact List',
        type: 'Telemarketing',
        leadSource: 'Purchased List',
        share: 0.06,
        fit: { good: 0.35, medium: 0.45, poor: 0.2 },
        startDay: HISTORY_DAYS - 72,
        endDay: HISTORY_DAYS - 62
    }
];
