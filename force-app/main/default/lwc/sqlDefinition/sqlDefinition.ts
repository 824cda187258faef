/**
 * THE SQL DEFINITION: LeadGate's single source of truth.
 *
 * Everything that decides whether a lead is a Sales Qualified Lead lives here, as typed data:
 * stages and their Lead Status values, frameworks and criteria, the evidence minimum, the fit and
 * intent scoring model, the SQL bar, rejection reasons, the speed-to-lead SLA and the funnel
 * benchmark bands.
 *
 * Who reads it:
 * - the Lead record page components, through `c/leadScoring` (what the rep sees);
 * - `npm run generate`, which turns it into formula fields, validation rules and the before-save
 *   flow (what the server enforces);
 * - the coaching dashboard, through `c/funnelMetrics` (bands and their readings);
 * - intent signals from integrations and campaign responses, through `c/leadSignals` (the preview) and the generated
 *   Apex constants class LeadGateDefinition (the org's signal and conversion automation);
 * - the backtest, which compares this definition with a proposed one.
 *
 * Changing the definition: edit this file, run `npm run generate`, read the diff of the generated
 * metadata, run `npm test`, deploy (docs/ADMIN.md walks through an example).
 *
 * This module is data plus types only: no logic, no platform imports, so Node scripts can import it.
 */

/* ---------------------------------------------------------------- stages */

export type StageKey = 'New' | 'MQL' | 'SAL' | 'SQL' | 'Rejected' | 'Nurture' | 'Converted';

export interface Stage {
    key: StageKey;
    /** The Lead Status picklist value this stage maps to (an org may map onto its own values). */
    status: string;
    meaning: string;
    /** DateTime field the before-save flow stamps on first entry into the stage. */
    stampField?: string;
    /** Whether entering this stage counts as sales' first action on an MQL (speed to lead). */
    firstAction?: boolean;
}

/* ---------------------------------------------------------------- criteria */

export type FrameworkKey = 'BANT' | 'MEDDIC';
export type CriterionStatus = 'Not Started' | 'In Progress' | 'Confirmed' | 'Disqualifying';

export interface Criterion {
    /** Field stem: `<key>_Status__c` and `<key>_Evidence__c`. */
    key: string;
    label: string;
    /** The question the rep answers; used as the evidence field's inline help. */
    question: string;
    /** What good evidence looks like, as an example sentence for the rep. */
    goodEvidence: string;
    /** The rejection reason a Disqualifying status points to. */
    disqualifyReason?: RejectionReasonValue;
    /**
     * Keys of the MEDDIC criteria this (BANT) criterion's answer informs: after conversion the Opportunity's MEDDIC panel
     * shows the lead's answer beside them as a starting point for the account executive (c/dealQualification).
     */
    informs?: string[];
}

export interface Framework {
    key: FrameworkKey;
    label: string;
    criteria: Criterion[];
}

/* ---------------------------------------------------------------- scoring */

/** A fit condition over one standard or custom Lead field. Each kind has exactly one formula translation. */
export type FitCondition =
    /** Picklist value (compared exactly) is one of `values`. */
    | { kind: 'picklistIn'; field: string; values: string[] }
    /** Number field is at least `min` (blank counts as 0). */
    | { kind: 'numberAtLeast'; field: string; min: number }
    /** Text field, trimmed and lower-cased, equals one of `values` (blank never matches). */
    | { kind: 'textIn'; field: string; values: string[] }
    /** Text field contains one of `words` as a whole word, case-insensitively. */
    | { kind: 'textHasWord'; field: string; words: string[] }
    /** Email-like field's domain is one of `domains`, or a subdomain of one (case-insensitive). */
    | { kind: 'emailDomainIn'; field: string; domains: string[] }
    /** Email-like field's domain starts with one of `providers` followed by a dot (gmail.com, yahoo.co.uk, ...). */
    | { kind: 'emailProviderIn'; field: string; providers: string[] };

export interface FitRule {
    id: string;
    label: string;
    /** Positive for fit, negative for disqualifying signals. */
    points: number;
    when: FitCondition;
}

export interface IntentSignal {
    id: string;
    label: string;
    /** DateTime field holding the latest occurrence of the signal. */
    field: string;
    points: number;
}

export interface ScoreRange {
    min: number;
    max: number;
}

/* ---------------------------------------------------------------- rejection, SLA, bands */

/**
 * Speed-to-lead alerts (custom notifications, bell and mobile), generated as record-triggered flows on Lead.
 * The owner hears of a new (or newly assigned) MQL and of an open lead that just met the SQL bar; when the SLA
 * passes with no first action, the owner's manager (or the named queue when the owner has no manager, or always
 * when `escalateTo` is `queue`) hears once. `bypassUsersAlert`: whether a save by a user holding the bypass
 * permission (integration users, data loads) sends that alert.
 */
export interface AlertSettings {
    /** DeveloperName and label of the Custom Notification Type the flows send. */
    notificationType: { developerName: string; label: string };
    newMql: { title: string; bypassUsersAlert: boolean };
    crossedBar: { title: string; bypassUsersAlert: boolean; openStages: StageKey[] };
    slaMissed: { title: string; escalateTo: 'ownersManager' | 'queue'; queue: string };
}

export type RejectionReasonValue =
    | 'Poor Fit'
    | 'No Budget'
    | 'No Authority'
    | 'No Need'
    | 'Bad Timing'
    | 'Competitor'
    | 'Student or Personal'
    | 'Duplicate'
    | 'Unresponsive'
    | 'Other';

export interface RejectionReason {
    value: RejectionReasonValue;
    /** Where the lead goes: `Rejected`, or back to marketing as `Nurture`. */
    recyclesTo: 'Rejected' | 'Nurture';
    /** Guidance shown beside the reason, and used as the picklist value's description. */
    description: string;
}

export type BandMetric = 'mqlToSql' | 'sqlToOpportunity' | 'sqlToWon' | 'acceptance';

export interface Band {
    metric: BandMetric;
    label: string;
    /** Lower bound as a fraction (0.13 = 13 %). */
    min: number;
    /** Upper bound as a fraction; `null` for "at least min". */
    max: number | null;
    /** What a reading below / within / above the band usually means, in plain words for a manager. */
    below: string;
    within: string;
    above: string;
}

/* ---------------------------------------------------------------- signals in, evidence out */

/**
 * Which campaigns count as which intent signal when a lead responds to them (CampaignMember.HasResponded).
 * Name phrases are checked first, in order, so a specific campaign ("Website Demo Request") wins over its
 * generic Type; then the Type. A campaign that matches neither moves no signal.
 */
export interface CampaignResponseMapping {
    /** A campaign whose Name contains `phrase` (trimmed, case-insensitive) counts as the intent signal with id `signal`. */
    byNamePhrase: Array<{ phrase: string; signal: string }>;
    /** A campaign whose Type equals `type` (trimmed, case-insensitive) counts as the intent signal with id `signal`. */
    byType: Array<{ type: string; signal: string }>;
}

/**
 * How intent signals reach the Lead without a marketing-automation connector.
 *
 * Integrations publish the platform event LeadGate_Signal__e; its Signal_Type__c is the `id` of one of
 * `intent.signals` (compared case-insensitively, e.g. `demoRequest`), and Occurred_At__c an ISO 8601 date-time
 * with a zone (`2026-05-04T09:30:00Z`, `2026-05-04T11:30:00.000+02:00`). A signal only ever moves its Lead field
 * forward: an occurrence older than (or equal to) the stored one changes nothing, so replaying a batch is harmless.
 */
export interface SignalIntake {
    campaignResponses: CampaignResponseMapping;
    /** An occurrence more than this many minutes in the future is rejected (allowance for the sender's clock). */
    futureToleranceMinutes: number;
}

/** What happens when a lead is converted. */
export interface ConversionSetting {
    /** Refuse to convert a lead that never became Sales Qualified (a generated validation rule; needs the org's lead-convert validation setting). */
    requireSql: boolean;
    /** Flag the Opportunity (Converted_Without_SQL__c) when a lead that never became Sales Qualified is converted. */
    recordWarning: boolean;
}

/* ---------------------------------------------------------------- buying committee */

export type CommitteeRoleKey = 'economicBuyer' | 'champion' | 'decisionMaker' | 'influencer' | 'blocker';

/** One role of the buying committee: the people behind the criteria, named on the lead and carried to the Opportunity. */
export interface CommitteeRole {
    key: CommitteeRoleKey;
    /** The LeadGate_Committee_Member__c Role__c picklist value, and what the rep sees. */
    label: string;
    /** Stem of the Lead field counting the people named in this role: `Committee_<stem>_Count__c`. */
    fieldStem: string;
    /** The OpportunityContactRole Role value (standard picklist) the person becomes on conversion. */
    contactRole: string;
    /** Who to look for; the picklist value's description and the editor's hint. */
    description: string;
}

export interface BuyingCommittee {
    roles: CommitteeRole[];
    /** Per framework, the roles that need at least one named person before a lead can become Sales Qualified. */
    requiredFor: Record<FrameworkKey, CommitteeRoleKey[]>;
}

/** The custom object holding the people the rep names (a contract: reports and the conversion read it). */
export const COMMITTEE_OBJECT = 'LeadGate_Committee_Member__c';

export const COMMITTEE_FIELDS = {
    lead: 'Lead__c',
    contact: 'Contact__c',
    opportunity: 'Opportunity__c',
    name: 'Name',
    title: 'Title__c',
    email: 'Email__c',
    role: 'Role__c',
    conversionError: 'Conversion_Error__c'
} as const;

export const committeeCountField = (role: Pick<CommitteeRole, 'fieldStem'>): string => `Committee_${role.fieldStem}_Count__c`;

/**
 * A manager's review of one SQL's evidence (a contract: the review queue writes it, the record page and the dashboard
 * read it). Every review is a new row, so the history of outcomes and comments is kept; the reviewer is CreatedById.
 */
export const EVIDENCE_REVIEW_OBJECT = 'LeadGate_Evidence_Review__c';

export const EVIDENCE_REVIEW_FIELDS = {
    lead: 'Lead__c',
    outcome: 'Outcome__c',
    comment: 'Comment__c',
    definitionVersion: 'Definition_Version__c'
} as const;

/** The relationship name of Lead__c: the Lead's related list of reviews (`<name>__r` in the UI API). */
export const EVIDENCE_REVIEW_RELATIONSHIP = 'LeadGate_Evidence_Reviews';

/** The outcomes a manager can give; `coach` needs a comment (the object's validation rule and the queue say so). */
export const REVIEW_OUTCOMES = { holds: 'Evidence Holds', coach: 'Coach' } as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[keyof typeof REVIEW_OUTCOMES];

/* ---------------------------------------------------------------- segments */

/**
 * How a segment's value is read from one Lead field. Each kind has exactly one formula translation (the generated
 * before-save flow stamps it) and one TypeScript twin (c/leadScoring segmentOf). A blank field gives the segment's
 * `unknown` value; a value no band or group holds gives `other`.
 */
export type SegmentRule =
    /** Number field: the band with the highest `min` the value reaches (bands listed from the lowest `min`). */
    | { kind: 'numberBands'; field: string; bands: Array<{ value: string; min: number }> }
    /** Picklist field: the group listing the value (compared exactly). */
    | { kind: 'picklistGroups'; field: string; groups: Array<{ value: string; values: string[] }> }
    /** Text field, trimmed and lower-cased: the group listing it. */
    | { kind: 'textGroups'; field: string; groups: Array<{ value: string; values: string[] }> };

/**
 * A cut the funnel review reads the chain by (company size, industry group, region). Its value is stamped on every
 * save into a Text field on Lead (`field`) so the dashboard's queries can GROUP BY it: the platform does not group
 * by formula fields (docs/DECISIONS.md).
 */
export interface Segment {
    key: string;
    /** What the dashboard calls the cut. */
    label: string;
    /** The stamped Lead Text field (`Segment_<Name>__c`). */
    field: string;
    rule: SegmentRule;
    /** The value when the Lead field is blank. */
    unknown: string;
    /** The value when the Lead field holds something no band or group lists. */
    other: string;
}

/* ---------------------------------------------------------------- the definition */

export interface SqlDefinition {
    /**
     * Bumped by hand on every revision; written into generated metadata descriptions and stamped on each lead as it
     * becomes Sales Qualified (Definition_Version__c). npm run generate refuses output that changed under an unchanged
     * version (scripts/admin/generate/definitionVersion.ts).
     */
    version: string;
    stages: Stage[];
    frameworks: Framework[];
    /** When the panel suggests MEDDIC instead of BANT. */
    enterprise: { minEmployees: number; minAnnualRevenue: number };
    /**
     * Evidence counts toward a criterion when it has at least this many letters and digits, of any script
     * (Unicode categories L and N). Spaces, punctuation, emoji and characters that render as nothing (zero-width,
     * ideographic space) do not count, so padding cannot pass the rule.
     */
    evidence: { minLettersAndDigits: number };
    fit: { rules: FitRule[]; range: ScoreRange };
    intent: { signals: IntentSignal[]; halfLifeDays: number; range: ScoreRange };
    /** How signals arrive from integrations and campaign responses. */
    signalIntake: SignalIntake;
    conversion: ConversionSetting;
    /** The buying committee: roles, their Opportunity contact roles, and which a framework requires before SQL. */
    committee: BuyingCommittee;
    bar: { minFit: number; minIntent: number };
    /** Whether a lead must pass through Sales Accepted before it may become Sales Qualified. */
    requireSalStage: boolean;
    rejectionReasons: RejectionReason[];
    /** Reason whose notes are mandatory, and their minimum length. */
    notesRequiredFor: { reason: RejectionReasonValue; minChars: number };
    sla: { minutes: number; buckets: Array<{ label: string; maxMinutes: number | null }> };
    alerts: AlertSettings;
    bands: Band[];
    /** SQL inflation: a rep's SQL count at least this multiple of the team median, with SQL->Opportunity below its band. */
    inflation: { volumeMultipleOfMedian: number; minSqls: number };
    /**
     * Fit facts pumped before qualifying: the before-save flow stamps Fit_Edited_By_Owner_At__c when the lead's owner
     * changes a field a fit rule reads while the lead has no SQL_At__c; an SQL whose stamp lies at most `windowHours`
     * before its SQL_At__c is flagged in the evidence review (c/leadScoring fitEditedBeforeSql).
     */
    fitEdits: { windowHours: number };
    /**
     * The evidence review queue lists the SQLs of the last `backlogWeeks` weeks (7 days each, today included) that no
     * manager has reviewed yet, oldest first, so an SQL left unreviewed last week stays in the queue.
     */
    review: { backlogWeeks: number };
    /** The custom permission that exempts integration users and data loads from every rule. */
    bypassPermission: string;
    /** The cuts the funnel review reads the chain by, in the order the dashboard offers them. */
    segments: Segment[];
}

/** Field API names shared by the generator, the UI and the flow. A contract: external checks use them. */
export const FIELDS = {
    framework: 'Qualification_Framework__c',
    rejectionReason: 'Rejection_Reason__c',
    rejectionNotes: 'Rejection_Notes__c',
    mqlAt: 'MQL_At__c',
    acceptedAt: 'Accepted_At__c',
    sqlAt: 'SQL_At__c',
    sqlQualifiedBy: 'SQL_Qualified_By__c',
    rejectedAt: 'Rejected_At__c',
    firstActionAt: 'First_Action_At__c',
    alertedAt: 'Alerted_At__c',
    alertEvent: 'Alert_Event__c',
    definitionVersion: 'Definition_Version__c',
    fitAtSql: 'Fit_At_SQL__c',
    fitEditedByOwnerAt: 'Fit_Edited_By_Owner_At__c',
    fitEditsBeforeSql: 'Fit_Edits_Before_SQL__c',
    fitEditedBeforeSql: 'Fit_Edited_Before_SQL__c',
    intentAtSql: 'Intent_At_SQL__c',
    fitScore: 'Fit_Score__c',
    intentScore: 'Intent_Score__c',
    meetsBar: 'Meets_SQL_Bar__c',
    qualificationComplete: 'Qualification_Complete__c',
    minutesToFirstAction: 'Minutes_To_First_Action__c',
    minutesToAlert: 'Minutes_To_Alert__c',
    minutesAlertToFirstAction: 'Minutes_Alert_To_First_Action__c',
    status: 'Status',
    lastModifiedDate: 'LastModifiedDate'
} as const;

/**
 * Which alert Alerted_At__c records (the values of Alert_Event__c), stamped by the generated alert flow when it
 * alerts the lead's owner: a new (or newly assigned) MQL, or an open lead that just met the SQL bar.
 */
export const ALERT_EVENTS = { newMql: 'New MQL', crossedBar: 'Met SQL bar' } as const;

/** Generated Lead list views behind the SDR's queue (c/sdrQueue reads them; scripts/admin/generate/listViews.ts writes them). */
export const QUEUE_LIST_VIEWS = { mqls: 'LeadGate_My_MQLs_Awaiting_Action', sals: 'LeadGate_My_SALs' } as const;

/** The review queue's list views: the SQLs of the backlog window, and the reviews written in it (on the review object). */
export const REVIEW_LIST_VIEWS = { backlog: 'LeadGate_SQLs_Review_Backlog', reviews: 'LeadGate_Recent_Evidence_Reviews' } as const;

/** The list views' date filter for the review backlog: LAST_N_DAYS over `review.backlogWeeks` weeks. */
export const reviewBacklogFilter = (def: Pick<SqlDefinition, 'review'>): string => `LAST_N_DAYS:${def.review.backlogWeeks * 7}`;

/**
 * Opportunity fields that only the conversion writes (the other LeadGate Opportunity fields carry the Lead field's own
 * name: framework, criteria, SQL_At__c, SQL_Qualified_By__c). A contract like FIELDS: the generator writes them and the
 * Opportunity summary reads them.
 */
export const OPPORTUNITY_FIELDS = {
    fitAtConversion: 'Fit_At_Conversion__c',
    intentAtConversion: 'Intent_At_Conversion__c',
    convertedWithoutSql: 'Converted_Without_SQL__c'
} as const;

export const statusField = (criterion: Pick<Criterion, 'key'>): string => `${criterion.key}_Status__c`;
export const evidenceField = (criterion: Pick<Criterion, 'key'>): string => `${criterion.key}_Evidence__c`;

export const CRITERION_STATUSES: readonly CriterionStatus[] = ['Not Started', 'In Progress', 'Confirmed', 'Disqualifying'];

/** Country values (trimmed, lower-cased) by region: the served geography (fit) and the region segment read them. */
const NORTH_AMERICA = ['us', 'usa', 'united states', 'united states of america', 'ca', 'canada', 'mx', 'mexico'];
const EUROPE = [
    'gb',
    'uk',
    'united kingdom',
    'ie',
    'ireland',
    'de',
    'germany',
    'fr',
    'france',
    'es',
    'spain',
    'it',
    'italy',
    'nl',
    'netherlands',
    'be',
    'belgium',
    'lu',
    'luxembourg',
    'ch',
    'switzerland',
    'at',
    'austria',
    'pt',
    'portugal',
    'se',
    'sweden',
    'no',
    'norway',
    'dk',
    'denmark',
    'fi',
    'finland',
    'is',
    'iceland',
    'pl',
    'poland',
    'cz',
    'czechia',
    'gr',
    'greece',
    'ee',
    'estonia'
];
const LATIN_AMERICA = ['br', 'brazil', 'ar', 'argentina', 'cl', 'chile', 'co', 'colombia', 'pe', 'peru'];
const ASIA_PACIFIC = [
    'au',
    'australia',
    'nz',
    'new zealand',
    'jp',
    'japan',
    'in',
    'india',
    'sg',
    'singapore',
    'cn',
    'china',
    'kr',
    'south korea'
];
const MIDDLE_EAST_AFRICA = ['za', 'south africa', 'ae', 'united arab emirates', 'il', 'israel', 'ng', 'nigeria', 'ke', 'kenya'];

export const SQL_DEFINITION: SqlDefinition = {
    version: '2026.7',
    stages: [
        { key: 'New', status: 'New', meaning: 'Raw lead, not yet qualified by marketing.' },
        { key: 'MQL', status: 'Marketing Qualified', meaning: "Marketing's hypothesis: worth sales' attention.", stampField: FIELDS.mqlAt },
        {
            key: 'SAL',
            status: 'Sales Accepted',
            meaning: 'Sales acknowledged the MQL and accepted it for qualification.',
            stampField: FIELDS.acceptedAt,
            firstAction: true
        },
        {
            key: 'SQL',
            status: 'Sales Qualified',
            meaning: "Sales' commitment: fit, intent, authority and timing validated.",
            stampField: FIELDS.sqlAt
        },
        {
            key: 'Rejected',
            status: 'Rejected',
            meaning: 'Sales declined the MQL with a documented reason.',
            stampField: FIELDS.rejectedAt,
            firstAction: true
        },
        { key: 'Nurture', status: 'Nurture', meaning: 'Recycled to marketing nurture.' },
        { key: 'Converted', status: 'Converted', meaning: 'Converted to Contact, Account and Opportunity.' }
    ],
    frameworks: [
        {
            key: 'BANT',
            label: 'BANT',
            criteria: [
                {
                    key: 'Budget',
                    label: 'Budget',
                    question: 'Is money set aside for this, and how much?',
                    goodEvidence: 'e.g. "CFO confirmed 80k approved for Q3 in the 2026 plan"',
                    disqualifyReason: 'No Budget',
                    informs: ['Economic_Buyer', 'Metrics']
                },
                {
                    key: 'Authority',
                    label: 'Authority',
                    question: 'Who signs, and have you spoken to them?',
                    goodEvidence: 'e.g. "VP Sales Dana Lee signs; joined the discovery call on 3 May"',
                    disqualifyReason: 'No Authority',
                    informs: ['Economic_Buyer', 'Decision_Process']
                },
                {
                    key: 'Need',
                    label: 'Need',
                    question: 'What problem hurts, in their words?',
                    goodEvidence: 'e.g. "Reps lose 6 h a week rekeying leads; two missed quotas blamed on it"',
                    disqualifyReason: 'No Need',
                    informs: ['Identify_Pain', 'Metrics']
                },
                {
                    key: 'Timeline',
                    label: 'Timeline',
                    question: 'When must it be live, and what drives that date?',
                    goodEvidence: 'e.g. "Must be live before the 1 Oct sales kickoff; contract by August"',
                    disqualifyReason: 'Bad Timing',
                    informs: ['Decision_Process']
                }
            ]
        },
        {
            key: 'MEDDIC',
            label: 'MEDDIC',
            criteria: [
                {
                    key: 'Metrics',
                    label: 'Metrics',
                    question: 'Which measurable gain will the buyer judge success by?',
                    goodEvidence: 'e.g. "Cut lead response time from 2 days to 1 hour; worth 12 % more pipeline"'
                },
                {
                    key: 'Economic_Buyer',
                    label: 'Economic Buyer',
                    question: 'Who controls the budget, and have you met them?',
                    goodEvidence: 'e.g. "CRO Sam Patel owns the budget; 30 min call on 12 June"',
                    disqualifyReason: 'No Authority'
                },
                {
                    key: 'Decision_Criteria',
                    label: 'Decision Criteria',
                    question: 'How will they compare options?',
                    goodEvidence: 'e.g. "Scored on Salesforce-native, SSO, price per seat; RFP sheet shared"'
                },
                {
                    key: 'Decision_Process',
                    label: 'Decision Process',
                    question: 'Which steps and people stand between today and a signature?',
                    goodEvidence: 'e.g. "Pilot in July, security review, then procurement; legal takes 3 weeks"'
                },
                {
                    key: 'Identify_Pain',
                    label: 'Identify Pain',
                    question: 'What pain makes this a priority now?',
                    goodEvidence: 'e.g. "Board flagged 40 % MQL leakage; CEO asked for a fix this half"',
                    disqualifyReason: 'No Need'
                },
                {
                    key: 'Champion',
                    label: 'Champion',
                    question: 'Who sells for you inside the account, and what do they gain?',
                    goodEvidence: 'e.g. "RevOps lead Ana Ruiz set up the demo and is briefing the CRO"'
                }
            ]
        }
    ],
    enterprise: { minEmployees: 1000, minAnnualRevenue: 100_000_000 },
    evidence: { minLettersAndDigits: 20 },
    fit: {
        range: { min: 0, max: 100 },
        rules: [
            {
                id: 'targetIndustry',
                label: 'Target industry',
                points: 20,
                when: { kind: 'picklistIn', field: 'Industry', values: ['Biotechnology', 'Healthcare', 'Technology'] }
            },
            {
                id: 'companySize',
                label: 'Company size 500+ employees',
                points: 15,
                when: { kind: 'numberAtLeast', field: 'NumberOfEmployees', min: 500 }
            },
            {
                id: 'buyingAuthority',
                label: 'Buying authority in title',
                points: 25,
                when: {
                    kind: 'textHasWord',
                    field: 'Title',
                    words: ['vp', 'vice president', 'chief', 'head of', 'director', 'ceo', 'cfo', 'cio', 'cto', 'coo', 'cmo', 'cro', 'cso']
                }
            },
            {
                id: 'servedGeography',
                label: 'Served geography (North America, Europe)',
                points: 10,
                when: {
                    kind: 'textIn',
                    field: 'Country',
                    values: [...NORTH_AMERICA, ...EUROPE]
                }
            },
            {
                id: 'annualRevenue',
                label: 'Annual revenue 50M+',
                points: 10,
                when: { kind: 'numberAtLeast', field: 'AnnualRevenue', min: 50_000_000 }
            },
            {
                id: 'freeEmail',
                label: 'Free email domain',
                points: -30,
                when: {
                    kind: 'emailProviderIn',
                    field: 'Email',
                    providers: [
                        'gmail',
                        'googlemail',
                        'yahoo',
                        'ymail',
                        'hotmail',
                        'outlook',
                        'live',
                        'msn',
                        'aol',
                        'icloud',
                        'me',
                        'proton',
                        'protonmail',
                        'gmx',
                        'yandex'
                    ]
                }
            },
            {
                id: 'studentOrIntern',
                label: 'Student or intern in title',
                points: -40,
                when: { kind: 'textHasWord', field: 'Title', words: ['student', 'intern'] }
            },
            {
                id: 'competitor',
                label: 'Competitor email domain',
                points: -100,
                when: { kind: 'emailDomainIn', field: 'Email', domains: ['rivalgate.com', 'qualifyhq.com', 'leadlock.io'] }
            }
        ]
    },
    intent: {
        halfLifeDays: 30,
        range: { min: 0, max: 100 },
        signals: [
            { id: 'demoRequest', label: 'Demo request', field: 'Last_Demo_Request_At__c', points: 40 },
            { id: 'eventAttended', label: 'High-intent event attended', field: 'Last_Event_Attended_At__c', points: 20 },
            { id: 'pricingVisit', label: 'Pricing page visit', field: 'Last_Pricing_Visit_At__c', points: 15 },
            { id: 'returnVisit', label: 'Return visit after a sales conversation', field: 'Last_Return_Visit_At__c', points: 10 },
            { id: 'contentDownload', label: 'Content download', field: 'Last_Content_Download_At__c', points: 5 },
            { id: 'emailEngagement', label: 'Email engagement', field: 'Last_Email_Engagement_At__c', points: 2 }
        ]
    },
    signalIntake: {
        campaignResponses: {
            byNamePhrase: [
                { phrase: 'demo request', signal: 'demoRequest' },
                { phrase: 'pricing', signal: 'pricingVisit' }
            ],
            byType: [
                { type: 'Webinar', signal: 'eventAttended' },
                { type: 'Event', signal: 'eventAttended' },
                { type: 'Conference', signal: 'eventAttended' },
                { type: 'Trade Show', signal: 'eventAttended' },
                { type: 'Content', signal: 'contentDownload' },
                { type: 'Email', signal: 'emailEngagement' }
            ]
        },
        futureToleranceMinutes: 15
    },
    conversion: { requireSql: false, recordWarning: true },
    committee: {
        roles: [
            {
                key: 'economicBuyer',
                label: 'Economic Buyer',
                fieldStem: 'Economic_Buyer',
                contactRole: 'Economic Buyer',
                description: 'Owns the budget and can say yes when everyone else says no.'
            },
            {
                key: 'champion',
                label: 'Champion',
                fieldStem: 'Champion',
                contactRole: 'Executive Sponsor',
                description: 'Sells for us inside the account when we are not in the room.'
            },
            {
                key: 'decisionMaker',
                label: 'Decision Maker',
                fieldStem: 'Decision_Maker',
                contactRole: 'Decision Maker',
                description: 'Has a vote in the decision: evaluates, signs off or vetoes.'
            },
            {
                key: 'influencer',
                label: 'Influencer',
                fieldStem: 'Influencer',
                contactRole: 'Influencer',
                description: 'Shapes the requirements or the shortlist without a vote.'
            },
            {
                key: 'blocker',
                label: 'Blocker',
                fieldStem: 'Blocker',
                contactRole: 'Other',
                description: 'Prefers another option or the status quo: plan how to address them.'
            }
        ],
        requiredFor: { BANT: [], MEDDIC: [] }
    },
    bar: { minFit: 40, minIntent: 30 },
    requireSalStage: true,
    rejectionReasons: [
        { value: 'Poor Fit', recyclesTo: 'Rejected', description: 'Outside the ideal customer profile: industry, size or geography.' },
        { value: 'No Budget', recyclesTo: 'Nurture', description: 'No money set aside now; marketing keeps nurturing.' },
        { value: 'No Authority', recyclesTo: 'Nurture', description: 'No route to the person who decides; find the buyer, then retry.' },
        { value: 'No Need', recyclesTo: 'Rejected', description: 'No pain we solve.' },
        { value: 'Bad Timing', recyclesTo: 'Nurture', description: 'Real need, wrong quarter; marketing keeps nurturing.' },
        { value: 'Competitor', recyclesTo: 'Rejected', description: 'Works for a competitor, or is researching us for one.' },
        { value: 'Student or Personal', recyclesTo: 'Rejected', description: 'Student, job seeker or personal use.' },
        { value: 'Duplicate', recyclesTo: 'Rejected', description: 'Already a lead or contact: merge instead.' },
        { value: 'Unresponsive', recyclesTo: 'Nurture', description: 'No reply after the full outreach cadence.' },
        { value: 'Other', recyclesTo: 'Rejected', description: 'Anything else: explain in the notes.' }
    ],
    notesRequiredFor: { reason: 'Other', minChars: 20 },
    sla: {
        minutes: 5,
        buckets: [
            { label: '<= 5 min', maxMinutes: 5 },
            { label: '5-60 min', maxMinutes: 60 },
            { label: '1-24 h', maxMinutes: 1440 },
            { label: '> 24 h', maxMinutes: null }
        ]
    },
    alerts: {
        notificationType: { developerName: 'LeadGate_Lead_Alert', label: 'LeadGate lead alert' },
        // Data loads and migrations run as bypass users: a bulk load of MQLs must not ring every bell.
        newMql: { title: 'New MQL for you', bypassUsersAlert: false },
        // Integrations deliver the signals that lift a lead over the bar: those alerts are the point.
        crossedBar: { title: 'Lead now meets the SQL bar', bypassUsersAlert: true, openStages: ['MQL', 'SAL'] },
        slaMissed: { title: 'Speed-to-lead SLA missed', escalateTo: 'ownersManager', queue: 'LeadGate_SDR_Managers' }
    },
    bands: [
        {
            metric: 'mqlToSql',
            label: 'MQL to SQL',
            min: 0.13,
            max: 0.3,
            below: 'The MQL definition is too loose: marketing passes leads sales cannot qualify.',
            within: 'Marketing and sales agree on what a lead is worth.',
            above: 'Marketing may be too conservative: good leads may be held back.'
        },
        {
            metric: 'sqlToOpportunity',
            label: 'SQL to Opportunity',
            min: 0.4,
            max: 0.6,
            below: 'SQLs are being inflated: reps pass leads the account team will not work.',
            within: 'SQLs turn into real pipeline.',
            above: 'The SQL bar may be too strict: reps may sit on leads that are ready.'
        },
        {
            metric: 'sqlToWon',
            label: 'SQL to Closed Won',
            min: 0.15,
            max: 0.3,
            below: 'Qualified leads rarely close: check fit criteria and the handoff to the account team.',
            within: 'Qualified leads close at a healthy rate.',
            above: 'Strong close rate: the team could take more SQLs.'
        },
        {
            metric: 'acceptance',
            label: 'MQL acceptance rate',
            min: 0.7,
            max: null,
            below: 'An alignment problem, not a lead problem: sales and marketing disagree on what an MQL is.',
            within: 'Sales accepts what marketing sends.',
            above: 'Sales accepts what marketing sends.'
        }
    ],
    inflation: { volumeMultipleOfMedian: 1.5, minSqls: 5 },
    fitEdits: { windowHours: 24 },
    review: { backlogWeeks: 4 },
    bypassPermission: 'LeadGate_Bypass_Validation',
    segments: [
        {
            key: 'size',
            label: 'Company size',
            field: 'Segment_Company_Size__c',
            rule: {
                kind: 'numberBands',
                field: 'NumberOfEmployees',
                bands: [
                    { value: 'Small (under 200)', min: 0 },
                    { value: 'Mid-market (200-999)', min: 200 },
                    { value: 'Enterprise (1,000+)', min: 1000 }
                ]
            },
            unknown: 'Unknown',
            other: 'Other'
        },
        {
            key: 'industry',
            label: 'Industry group',
            field: 'Segment_Industry_Group__c',
            rule: {
                kind: 'picklistGroups',
                field: 'Industry',
                groups: [
                    { value: 'Technology', values: ['Technology', 'Communications', 'Electronics', 'Telecommunications'] },
                    { value: 'Life sciences', values: ['Biotechnology', 'Healthcare'] },
                    { value: 'Financial services', values: ['Banking', 'Finance', 'Insurance'] },
                    {
                        value: 'Industrial',
                        values: [
                            'Manufacturing',
                            'Machinery',
                            'Chemicals',
                            'Construction',
                            'Engineering',
                            'Energy',
                            'Utilities',
                            'Transportation',
                            'Shipping'
                        ]
                    },
                    {
                        value: 'Consumer and services',
                        values: [
                            'Retail',
                            'Apparel',
                            'Consulting',
                            'Media',
                            'Entertainment',
                            'Hospitality',
                            'Food & Beverage',
                            'Recreation'
                        ]
                    },
                    { value: 'Public and education', values: ['Education', 'Government', 'Not For Profit'] }
                ]
            },
            unknown: 'Unknown',
            other: 'Other'
        },
        {
            key: 'region',
            label: 'Region',
            field: 'Segment_Region__c',
            rule: {
                kind: 'textGroups',
                field: 'Country',
                groups: [
                    { value: 'North America', values: NORTH_AMERICA },
                    { value: 'Europe', values: EUROPE },
                    { value: 'Latin America', values: LATIN_AMERICA },
                    { value: 'Asia Pacific', values: ASIA_PACIFIC },
                    { value: 'Middle East and Africa', values: MIDDLE_EAST_AFRICA }
                ]
            },
            unknown: 'Unknown',
            other: 'Other'
        }
    ]
};
