/**
 * Five quarters of lead history for the coaching dashboard, drawn from a seeded generator (fewer leads a week in the
 * older months).
 *
 * Each lead walks the funnel the way the SQL definition and its validation rules allow: New -> MQL ->
 * accepted or rejected with a reason -> Sales Qualified only with every criterion complete and the lead
 * above the bar at that instant (checked with the real scoring module) -> converted with an opportunity
 * that is won, lost or still open. The exceptions are deliberate and few: SQLs written by the
 * integration user through the bypass permission, which skip the rules (qualification compliance).
 *
 * Patterns the dashboard must find are planted through the reps' and campaigns' knobs in cast.ts. In the middle of the
 * history the sample's own definition revision (SAMPLE_REVISION) raises the bar: SQLs before it were qualified under
 * the earlier variant and carry its version. After it, the gaming rep edits fit facts hours before qualifying leads
 * that fall short, and the data keeps what each fact was before the edit.
 */
import { SQL_DEFINITION, FIELDS, evidenceField, statusField, type Framework, type RejectionReasonValue } from 'c/sqlDefinition';
import { fitEditValue, fitEditsText, rejectionStatus, scoreLead, suggestFramework, statusOfStage } from 'c/leadScoring';
import { fitFactLabel } from '../generate/flow';
import { CAMPAIGNS, INTEGRATION, REPS, SAMPLE_REVISION, type CampaignPlan, type FitClass, type RepBehaviour } from './cast';
import { OTHER_REJECTION_NOTES, completeEvidence, disqualifyingEvidence, hasDisqualifyingEvidence, partialEvidence } from './evidence';
import { HISTORY_DAYS, SAMPLE_ANCHOR, type FieldValue, type FitEdit, type SampleOpportunity, type SampleRevision } from './model';
import { SeededRandom } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ANCHOR_MS = Date.parse(SAMPLE_ANCHOR);
export { HISTORY_DAYS };
const START_MS = ANCHOR_MS - HISTORY_DAYS * DAY;
/** The older months (all but the last 182 days) get fewer leads a week: each drawn day there is kept with this chance. */
const OLDER_MONTHS_DENSITY = 0.6;
const RECENT_DAYS = 182;

/** The instant the sample revision took effect: 07:00 UTC, `daysBeforeAnchor` days before the anchor. */
export const SAMPLE_REVISION_MS = ANCHOR_MS - (ANCHOR_MS % DAY) - SAMPLE_REVISION.daysBeforeAnchor * DAY + 7 * HOUR;

/** The sample revision as the revisions log writes it (anchor-relative). */
export function sampleRevision(): SampleRevision {
    return {
        version: SAMPLE_REVISION.version,
        at: new Date(SAMPLE_REVISION_MS).toISOString(),
        reason: SAMPLE_REVISION.reason,
        summary: SAMPLE_REVISION.summary
    };
}

/** The definition a lead qualified at `ms` was read under, and the version stamped on it. */
export function definitionAt(ms: number): { version: string; def: typeof SQL_DEFINITION } {
    if (ms >= SAMPLE_REVISION_MS) return { version: SAMPLE_REVISION.version, def: SQL_DEFINITION };
    return { version: SAMPLE_REVISION.earlier.version, def: { ...SQL_DEFINITION, bar: { ...SAMPLE_REVISION.earlier.bar } } };
}

export type Journey = 'new' | 'mql' | 'rejected' | 'accepted' | 'rejectedAfterAccept' | 'sql' | 'converted' | 'bypassSql';

/** What the evidence review reads of an SQL: when, under which version, who, and how its evidence was written. */
export interface HistorySql {
    atMs: number;
    version: string;
    ownerId: string;
    /** The rep's evidence style, or 'bypass' for an SQL the integration user wrote with incomplete criteria. */
    evidence: 'thorough' | 'minimal' | 'bypass';
}

export interface HistoryLead {
    /** Values an org import sets. */
    fields: Record<string, FieldValue>;
    /** Values only the preview applies (owner, created date, conversion, SQL qualifier). */
    extras: Record<string, FieldValue>;
    opportunity: Omit<SampleOpportunity, 'id'> | null;
    campaign: string | null;
    journey: Journey;
    createdMs: number;
    /** Set for every lead that became Sales Qualified. */
    sql: HistorySql | null;
    /** The owner's edit of fit facts before qualifying (the gaming rep), with the values before it. */
    fitEdit: FitEdit | null;
}

const FIRST_NAMES = [
    'Aaron',
    'Adaeze',
    'Alicia',
    'Amir',
    'Anders',
    'Anika',
    'Ben',
    'Bianca',
    'Caleb',
    'Carmen',
    'Chloe',
    'Daniel',
    'Deepa',
    'Elif',
    'Emma',
    'Ethan',
    'Farah',
    'Felix',
    'Gabriel',
    'Greta',
    'Hamza',
    'Hana',
    'Isaac',
    'Isla',
    'Jakob',
    'Jasmine',
    'Jonas',
    'Julia',
    'Kenji',
    'Laila',
    'Leo',
    'Lina',
    'Lucas',
    'Maya',
    'Mateo',
    'Mila',
    'Nadia',
    'Nathan',
    'Nina',
    'Noah',
    'Olivia',
    'Oscar',
    'Paula',
    'Rafael',
    'Rhea',
    'Samir',
    'Sara',
    'Simon',
    'Sofia',
    'Tariq',
    'Theo',
    'Vera',
    'Victor',
    'Wen',
    'Xavier',
    'Yara',
    'Zoe',
    'Grant',
    'Ingrid',
    'Malik'
];
const LAST_NAMES = [
    'Abbott',
    'Alvarez',
    'Andersen',
    'Bauer',
    'Bennett',
    'Boateng',
    'Carter',
    'Costa',
    'Dahl',
    'Dubois',
    'Eriksen',
    'Evans',
    'Fischer',
    'Flores',
    'Garcia',
    'Greene',
    'Hansen',
    'Hughes',
    'Ibrahim',
    'Ito',
    'Jansen',
    'Kaur',
    'Keller',
    'Kowalski',
    'Larsen',
    'Lopez',
    'Marsh',
    'Meyer',
    'Mensah',
    'Moreno',
    'Murphy',
    'Nakamura',
    'Novak',
    'Olsen',
    'Osei',
    'Park',
    'Patel',
    'Petrov',
    'Quinn',
    'Reyes',
    'Richter',
    'Rossi',
    'Santos',
    'Schmidt',
    'Silva',
    'Singh',
    'Sullivan',
    'Svensson',
    'Taylor',
    'Varga',
    'Vogel',
    'Walker',
    'Weber',
    'Wright',
    'Yilmaz',
    'Young'
];
const NAME_STARTS = [
    'North',
    'Blue',
    'Cedar',
    'Iron',
    'Silver',
    'Bright',
    'Clear',
    'High',
    'Red',
    'Stone',
    'Green',
    'Swift',
    'True',
    'Wide',
    'Oak',
    'Pine',
    'Harbor',
    'Atlas',
    'Nova',
    'Copper'
];
const NAME_ENDS = ['field', 'peak', 'bridge', 'line', 'path', 'works', 'water', 'gate', 'point', 'wave', 'leaf', 'crest', 'view', 'ridge'];
const COMPANY_KINDS: Readonly<Record<string, readonly string[]>> = {
    Technology: ['Software', 'Analytics', 'Systems', 'Cloud', 'Labs'],
    Healthcare: ['Health', 'Medical Group', 'Clinics', 'Care Partners'],
    Biotechnology: ['Biosciences', 'Therapeutics', 'Genomics', 'Bio'],
    Manufacturing: ['Manufacturing', 'Industries', 'Components'],
    Retail: ['Retail', 'Stores', 'Outfitters'],
    Finance: ['Capital', 'Financial', 'Payments'],
    Education: ['Learning', 'Academy', 'Education'],
    Consulting: ['Consulting', 'Advisory', 'Partners'],
    Transportation: ['Logistics', 'Freight', 'Transport'],
    Media: ['Media', 'Studios', 'Publishing'],
    Hospitality: ['Hotels', 'Hospitality', 'Resorts'],
    Insurance: ['Insurance', 'Assurance', 'Mutual']
};
const TARGET_INDUSTRIES = ['Technology', 'Healthcare', 'Biotechnology'];
const OTHER_INDUSTRIES = [
    'Manufacturing',
    'Retail',
    'Finance',
    'Education',
    'Consulting',
    'Transportation',
    'Media',
    'Hospitality',
    'Insurance'
];
const AUTHORITY_TITLES = [
    'VP of Sales',
    'Vice President, Revenue Operations',
    'Director of Sales Operations',
    'Head of Growth',
    'Chief Revenue Officer',
    'CTO',
    'Director of Marketing Operations',
    'VP Marketing',
    'Head of Sales Development'
];
const OTHER_TITLES = [
    'Sales Operations Analyst',
    'Marketing Manager',
    'Account Executive',
    'Operations Specialist',
    'IT Manager',
    'Business Analyst',
    'Office Manager',
    'CRM Administrator'
];
const STUDENT_TITLES = ['Student', 'Marketing Intern', 'MBA Student', 'Sales Intern'];
const SERVED_COUNTRIES: ReadonlyArray<[string, string]> = [
    ['United States', 'com'],
    ['United States', 'com'],
    ['United States', 'io'],
    ['Canada', 'ca'],
    ['United Kingdom', 'co.uk'],
    ['Germany', 'de'],
    ['France', 'fr'],
    ['Netherlands', 'nl'],
    ['Ireland', 'ie'],
    ['Spain', 'es'],
    ['Sweden', 'se']
];
const OTHER_COUNTRIES: ReadonlyArray<[string, string]> = [
    ['Brazil', 'com.br'],
    ['India', 'in'],
    ['Australia', 'com.au'],
    ['Singapore', 'sg'],
    ['South Africa', 'co.za'],
    ['Japan', 'jp'],
    ['Argentina', 'com.ar']
];
const FREE_EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me'];
const COMPETITORS: ReadonlyArray<[string, string]> = [
    ['Rivalgate', 'rivalgate.com'],
    ['QualifyHQ', 'qualifyhq.com'],
    ['LeadLock', 'leadlock.io']
];
const OPEN_STAGES = ['Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const REACHES_MQL: Record<FitClass, number> = { good: 0.95, medium: 0.9, poor: 0.82 };
const WIN_RATE: Record<FitClass, number> = { good: 0.6, medium: 0.42, poor: 0.1 };
/** An SQL under today's bar (with its real fit facts) converts and wins at this share of its fit class's rates. */
const WEAK_SQL_FACTOR = 0.2;
/** Reasons a rep gives when an accepted lead goes nowhere after some qualification work. */
const LATER_REASONS: Readonly<Record<string, number>> = {
    Unresponsive: 0.35,
    'No Budget': 0.2,
    'Bad Timing': 0.2,
    'No Authority': 0.15,
    'No Need': 0.1
};

function must<T>(value: T | undefined): T {
    if (value === undefined) throw new Error('sample data: a lookup that cannot miss missed');
    return value;
}

const iso = (ms: number): string => new Date(Math.round(ms / 1000) * 1000).toISOString();
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const slug = (text: string): string =>
    text
        .normalize('NFD')
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase();

/** A weekday business-hours instant (13:00-22:00 UTC, i.e. US and European working hours overlap) on day `day` of the history. */
function businessInstant(rng: SeededRandom, fromDay: number, toDay: number): number {
    for (;;) {
        const day = Math.floor(rng.between(fromDay, toDay));
        if (day < HISTORY_DAYS - RECENT_DAYS && !rng.chance(OLDER_MONTHS_DENSITY)) continue;
        const midnight = START_MS - (START_MS % DAY) + day * DAY;
        const weekday = new Date(midnight).getUTCDay();
        if ((weekday === 0 || weekday === 6) && rng.chance(0.8)) continue;
        const ms = midnight + 13 * HOUR + rng.between(0, 9 * HOUR);
        if (ms > START_MS && ms < ANCHOR_MS - HOUR) return ms;
    }
}

function profile(rng: SeededRandom, fit: FitClass, competitor: boolean): Record<string, FieldValue> {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    let industry: string;
    let employees: number;
    let title: string;
    let country: [string, string];
    let freeEmail = false;
    if (fit === 'good') {
        industry = rng.pick(TARGET_INDUSTRIES);
        employees = rng.logBetween(500, 30_000);
        title = rng.pick(AUTHORITY_TITLES);
        country = rng.pick(SERVED_COUNTRIES);
    } else if (fit === 'medium') {
        const variant = rng.int(0, 2);
        industry = variant === 1 ? rng.pick(OTHER_INDUSTRIES) : rng.pick(TARGET_INDUSTRIES);
        employees = variant === 0 ? rng.logBetween(60, 480) : rng.logBetween(150, 5_000);
        title = variant === 0 ? rng.pick(OTHER_TITLES) : rng.pick(AUTHORITY_TITLES);
        country = variant === 2 ? rng.pick(OTHER_COUNTRIES) : rng.pick(SERVED_COUNTRIES);
    } else {
        industry = rng.pick(OTHER_INDUSTRIES);
        employees = rng.logBetween(2, 150);
        title = rng.chance(0.35) ? rng.pick(STUDENT_TITLES) : rng.pick(OTHER_TITLES);
        country = rng.chance(0.5) ? rng.pick(OTHER_COUNTRIES) : rng.pick(SERVED_COUNTRIES);
        freeEmail = rng.chance(0.45);
    }
    employees = Math.max(1, Math.round(employees));
    let company = `${rng.pick(NAME_STARTS)}${rng.pick(NAME_ENDS)} ${rng.pick(COMPANY_KINDS[industry] ?? ['Group'])}`;
    let domain = freeEmail ? rng.pick(FREE_EMAIL_DOMAINS) : `${slug(company.split(' ')[0] ?? company)}.${country[1]}`;
    if (competitor) {
        const [name, competitorDomain] = rng.pick(COMPETITORS);
        company = name;
        domain = competitorDomain;
        industry = 'Technology';
        title = rng.pick(OTHER_TITLES);
    }
    const revenue = Math.round((employees * rng.between(80_000, 320_000)) / 100_000) * 100_000;
    return {
        FirstName: firstName,
        LastName: lastName,
        Title: title,
        Company: company,
        Email: `${slug(firstName)}.${slug(lastName)}@${domain}`,
        Industry: industry,
        NumberOfEmployees: employees,
        AnnualRevenue: revenue,
        Country: country[0]
    };
}

/** Minutes from MQL to the rep's first action, drawn from the rep's SLA-bucket profile. */
function firstActionMinutes(rng: SeededRandom, rep: RepBehaviour): number {
    const bucket = rng.weighted({ fast: rep.speed[0], hour: rep.speed[1], day: rep.speed[2], later: rep.speed[3] });
    if (bucket === 'fast') return rng.between(0.5, 5);
    if (bucket === 'hour') return rng.between(5.5, 60);
    if (bucket === 'day') return rng.between(61, 24 * 60);
    return rng.between(24 * 60 + 1, 72 * 60);
}

function rejectionAtFirstAction(rng: SeededRandom, fit: FitClass, title: string, campaign: CampaignPlan | null): RejectionReasonValue {
    if (/student|intern/i.test(title)) return 'Student or Personal';
    if (fit === 'poor') {
        return campaign?.referenceId === 'CampaignRef3'
            ? rng.weighted({ 'Poor Fit': 0.86, 'Student or Personal': 0.06, Duplicate: 0.04, Other: 0.04 })
            : rng.weighted({ 'Poor Fit': 0.45, 'No Need': 0.25, Duplicate: 0.15, Unresponsive: 0.1, Other: 0.05 });
    }
    if (fit === 'medium') {
        return rng.weighted({
            'No Need': 0.25,
            'Bad Timing': 0.2,
            'No Budget': 0.15,
            'Poor Fit': 0.15,
            Duplicate: 0.15,
            Unresponsive: 0.05,
            Other: 0.05
        });
    }
    return rng.weighted({ 'Bad Timing': 0.3, 'No Budget': 0.25, Duplicate: 0.25, 'No Authority': 0.15, Other: 0.05 });
}

function rejectionNotes(rng: SeededRandom, reason: RejectionReasonValue): string | null {
    if (reason === SQL_DEFINITION.notesRequiredFor.reason) return rng.pick(OTHER_REJECTION_NOTES);
    if (reason === 'Duplicate') return 'Duplicate of an open lead at the same company; merged into the older record';
    return null;
}

type CriteriaMode =
    | { kind: 'complete'; style: 'thorough' | 'minimal' }
    | { kind: 'partial' }
    | { kind: 'disqualified'; reason: RejectionReasonValue }
    | { kind: 'sparse' };

function criteriaValues(rng: SeededRandom, framework: Framework, mode: CriteriaMode): Record<string, FieldValue> {
    const values: Record<string, FieldValue> = { [FIELDS.framework]: framework.key };
    const disqualifier =
        mode.kind === 'disqualified'
            ? framework.criteria.find((c) => c.disqualifyReason === mode.reason && hasDisqualifyingEvidence(c.key))
            : undefined;
    for (const criterion of framework.criteria) {
        let status: string;
        let evidence: string | null;
        if (mode.kind === 'complete') {
            status = 'Confirmed';
            evidence = completeEvidence(criterion.key, mode.style, rng);
        } else if (criterion === disqualifier) {
            status = 'Disqualifying';
            evidence = disqualifyingEvidence(criterion.key, rng);
        } else {
            const roll = rng.next();
            const confirmedShare = mode.kind === 'sparse' ? 0.1 : 0.4;
            if (roll < confirmedShare) {
                status = 'Confirmed';
                evidence = completeEvidence(criterion.key, 'thorough', rng);
            } else if (roll < confirmedShare + 0.3) {
                status = 'In Progress';
                evidence = partialEvidence(criterion.key, rng);
            } else {
                status = 'Not Started';
                evidence = null;
            }
        }
        values[statusField(criterion)] = status;
        if (evidence !== null) values[evidenceField(criterion)] = evidence;
    }
    return values;
}

interface SignalPlan {
    level: 'high' | 'medium' | 'low';
    /** The moment the signals lead up to (MQL, or the end of the lead's activity). */
    peak: number;
    floor: number;
}

const SIGNAL = Object.fromEntries(SQL_DEFINITION.intent.signals.map((s) => [s.id, s.field])) as Record<string, string>;

function signals(rng: SeededRandom, plan: SignalPlan): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    const before = (maxMinutes: number, minMinutes = 1): string =>
        iso(Math.max(plan.floor, plan.peak - rng.between(minMinutes, maxMinutes) * MINUTE));
    const set = (id: string, value: string): void => {
        const field = SIGNAL[id];
        if (field) out[field] = value;
    };
    if (plan.level === 'high') {
        set('demoRequest', before(45));
        if (rng.chance(0.7)) set('pricingVisit', before(60 * 24 * 2));
    }
    if (plan.level === 'medium') {
        set('pricingVisit', before(90));
        if (rng.chance(0.4)) set('eventAttended', before(60 * 24 * 10, 60));
    }
    if (rng.chance(plan.level === 'low' ? 0.6 : 0.7)) set('contentDownload', before(60 * 24 * 12, 30));
    if (rng.chance(0.8)) set('emailEngagement', before(60 * 24 * 6, 10));
    return out;
}

const orderedFieldNames = (): string[] => [
    'FirstName',
    'LastName',
    'Title',
    'Company',
    'Email',
    'Industry',
    'NumberOfEmployees',
    'AnnualRevenue',
    'Country',
    'LeadSource',
    FIELDS.status,
    FIELDS.framework,
    ...SQL_DEFINITION.frameworks.flatMap((f) => f.criteria.flatMap((c) => [statusField(c), evidenceField(c)])),
    FIELDS.rejectionReason,
    FIELDS.rejectionNotes,
    ...SQL_DEFINITION.intent.signals.map((s) => s.field),
    FIELDS.mqlAt,
    FIELDS.acceptedAt,
    FIELDS.rejectedAt,
    FIELDS.sqlAt,
    FIELDS.firstActionAt,
    FIELDS.definitionVersion,
    FIELDS.fitAtSql,
    FIELDS.intentAtSql,
    FIELDS.fitEditedByOwnerAt
];

/** Field values in a stable, readable order, blanks left out (an import leaves them blank). */
export function orderFields(values: Record<string, FieldValue | undefined>): Record<string, FieldValue> {
    const order = orderedFieldNames();
    const keys = Object.keys(values).sort((a, b) => {
        const ia = order.indexOf(a);
        const ib = order.indexOf(b);
        return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
    });
    const out: Record<string, FieldValue> = {};
    for (const key of keys) {
        const value = values[key];
        if (value !== undefined && value !== null && value !== '') out[key] = value;
    }
    return out;
}

function oneLead(rng: SeededRandom): HistoryLead {
    const campaignKey = rng.weighted({ ...Object.fromEntries(CAMPAIGNS.map((c) => [c.referenceId, c.share])), none: 0.25 });
    const campaign = CAMPAIGNS.find((c) => c.referenceId === campaignKey) ?? null;
    const repId = rng.weighted(Object.fromEntries(REPS.map((r) => [r.user.id, r.share])));
    const rep = must(REPS.find((r) => r.user.id === repId));
    const fit = rng.weighted(campaign?.fit ?? { good: 0.35, medium: 0.4, poor: 0.25 });
    const competitor = campaign?.referenceId !== 'CampaignRef5' && rng.chance(0.012);
    const createdMs = businessInstant(rng, campaign?.startDay ?? 0, campaign?.endDay ?? HISTORY_DAYS);
    const leadSource = campaign?.leadSource ?? rng.weighted({ Web: 0.7, 'Phone Inquiry': 0.3 });
    const person = profile(rng, fit, competitor);
    const title = String(person.Title);
    const fields: Record<string, FieldValue> = { ...person, LeadSource: leadSource };
    const extras: Record<string, FieldValue> = { OwnerId: rep.user.id, CreatedDate: iso(createdMs) };
    let journey: Journey = 'new';
    let opportunity: HistoryLead['opportunity'] = null;
    let sql: HistorySql | null = null;
    let fitEdit: FitEdit | null = null;

    const mqlMs = createdMs + rng.logBetween(10, 60 * 24 * 4) * MINUTE;
    const becomesMql = rng.chance(REACHES_MQL[fit]) && mqlMs < ANCHOR_MS;
    if (!becomesMql) {
        Object.assign(
            fields,
            { Status: statusOfStage('New') },
            signals(rng, { level: 'low', peak: Math.min(ANCHOR_MS, createdMs + 20 * DAY), floor: createdMs })
        );
        return finish();
    }
    fields[FIELDS.mqlAt] = iso(mqlMs);
    const framework = must(SQL_DEFINITION.frameworks.find((f) => f.key === suggestFramework(person)));

    // A partner portal sync that writes Sales Qualified directly, with the bypass: no acceptance, rules skipped.
    if (campaign?.referenceId === 'CampaignRef5' && rng.chance(0.06)) {
        const sqlMs = mqlMs + rng.between(2, 30) * MINUTE;
        if (sqlMs < ANCHOR_MS) {
            journey = 'bypassSql';
            Object.assign(fields, signals(rng, { level: 'medium', peak: mqlMs, floor: createdMs }));
            if (rng.chance(0.5)) Object.assign(fields, criteriaValues(rng, framework, { kind: 'sparse' }));
            qualify(sqlMs, INTEGRATION.id, 'bypass');
            convertMaybe(sqlMs);
            return finish();
        }
    }

    const actionMs = mqlMs + firstActionMinutes(rng, rep) * MINUTE;
    const intentLevel = rng.weighted({ high: 0.45, medium: 0.4, low: 0.15 });
    if (actionMs >= ANCHOR_MS) {
        journey = 'mql';
        Object.assign(fields, { Status: statusOfStage('MQL') }, signals(rng, { level: intentLevel, peak: mqlMs, floor: createdMs }));
        return finish();
    }
    fields[FIELDS.firstActionAt] = iso(actionMs);
    const accepted = !competitor && rng.chance(rep.accept[fit]);
    if (!accepted) {
        const reason: RejectionReasonValue = competitor ? 'Competitor' : rejectionAtFirstAction(rng, fit, title, campaign);
        journey = 'rejected';
        Object.assign(fields, signals(rng, { level: intentLevel, peak: mqlMs, floor: createdMs }));
        reject(reason, actionMs);
        return finish();
    }
    fields[FIELDS.acceptedAt] = iso(actionMs);
    journey = 'accepted';
    const sqlMs = actionMs + rng.between(0.2, 7) * DAY;
    const rules = definitionAt(sqlMs);
    // A lead whose fit is under today's bar: the lower bar let reps qualify most of them, and the gaming rep still does.
    const fitFacts = scoreLead(fields, sqlMs).fit;
    const underTodaysBar = fitFacts < SQL_DEFINITION.bar.minFit;
    const lowerBarLetsIn = rules.def !== SQL_DEFINITION && fitFacts >= rules.def.bar.minFit;
    const pumpable = rules.def === SQL_DEFINITION && rep.pumpsFit > 0;
    const qualifies = rng.chance(
        underTodaysBar && (lowerBarLetsIn || pumpable) ? SAMPLE_REVISION.earlier.qualifyUnderTodaysBar : rep.qualify[fit]
    );
    if (qualifies && sqlMs < ANCHOR_MS) {
        Object.assign(fields, signals(rng, { level: 'high', peak: mqlMs, floor: createdMs }));
        // A return visit after the sales conversation, shortly before qualification.
        fields[SIGNAL.returnVisit ?? ''] = iso(Math.max(actionMs, sqlMs - rng.between(1, 36) * HOUR));
        Object.assign(fields, criteriaValues(rng, framework, { kind: 'complete', style: rep.evidence }));
        let bar = scoreLead(fields, sqlMs, rules.def);
        if (!bar.meetsBar && bar.fit < rules.def.bar.minFit && rules.def === SQL_DEFINITION && rng.chance(rep.pumpsFit)) {
            // Gaming the bar: hours before qualifying, the owner edits the fit facts that fall short.
            fitEdit = pumpFitFacts(Math.max(actionMs + MINUTE, sqlMs - rng.between(1, 10) * HOUR));
            bar = scoreLead(fields, sqlMs, rules.def);
        }
        if (!bar.meetsBar && bar.fit >= rules.def.bar.minFit) {
            // The buyer came back for a second demo before the rep qualified: the latest demo request is recent.
            fields[SIGNAL.demoRequest ?? ''] = iso(sqlMs - rng.between(1, 24) * HOUR);
            bar = scoreLead(fields, sqlMs, rules.def);
        }
        if (bar.meetsBar) {
            journey = 'sql';
            qualify(sqlMs, rep.user.id, rep.evidence);
            convertMaybe(sqlMs);
            return finish();
        }
        if (fitEdit) {
            // Pumped and still short: put the facts back, and let the rep reject it after all.
            for (const change of fitEdit.changes) fields[change.field] = change.before;
            delete fields[FIELDS.fitEditedByOwnerAt];
            delete fields[FIELDS.fitEditsBeforeSql];
            fitEdit = null;
        }
        // Below the bar (fit): the rules would refuse Sales Qualified, so the rep rejects it after all.
        journey = 'rejectedAfterAccept';
        Object.assign(fields, criteriaValues(rng, framework, { kind: 'partial' }));
        reject('Poor Fit', sqlMs);
        return finish();
    }
    Object.assign(fields, signals(rng, { level: intentLevel, peak: mqlMs, floor: createdMs }));
    const laterMs = actionMs + rng.between(1, 21) * DAY;
    if (laterMs < ANCHOR_MS && rng.chance(0.7)) {
        const reason = rng.weighted(LATER_REASONS) as RejectionReasonValue;
        journey = 'rejectedAfterAccept';
        Object.assign(fields, criteriaValues(rng, framework, { kind: 'disqualified', reason }));
        reject(reason, laterMs);
        return finish();
    }
    fields.Status = statusOfStage('SAL');
    Object.assign(fields, criteriaValues(rng, framework, { kind: 'partial' }));
    return finish();

    /** Sales Qualified at `atMs` by `by`: the stamps the flow writes on the first entry (version, fit and intent at SQL). */
    function qualify(atMs: number, by: string, evidence: HistorySql['evidence']): void {
        const rules = definitionAt(atMs);
        const score = scoreLead(fields, atMs, rules.def);
        fields.Status = statusOfStage('SQL');
        fields[FIELDS.sqlAt] = iso(atMs);
        fields[FIELDS.definitionVersion] = rules.version;
        fields[FIELDS.fitAtSql] = score.fit;
        fields[FIELDS.intentAtSql] = score.intent;
        extras[FIELDS.sqlQualifiedBy] = by;
        sql = { atMs, version: rules.version, ownerId: rep.user.id, evidence };
    }

    /** The owner's edit: a VP title where the title has no buying authority, a company grown past the size rule. */
    function pumpFitFacts(atMs: number): FitEdit | null {
        const changes: FitEdit['changes'] = [];
        const change = (field: string, after: FieldValue): void => {
            changes.push({ field, before: fields[field] ?? null, after });
            fields[field] = after;
        };
        if (!AUTHORITY_TITLES.includes(String(fields.Title))) change('Title', rng.pick(['VP of Sales', 'VP Marketing', 'Head of Growth']));
        if (Number(fields.NumberOfEmployees) < 500 && rng.chance(0.8)) change('NumberOfEmployees', 500 + rng.int(0, 40) * 10);
        if (!changes.length) return null;
        fields[FIELDS.fitEditedByOwnerAt] = iso(atMs);
        // What the before-save flow logs for this save: each field's edit, the later-processed field first.
        fields[FIELDS.fitEditsBeforeSql] = fitEditsText(
            [...changes]
                .reverse()
                .map((c) => ({ label: fitFactLabel(c.field), before: fitEditValue(c.before), after: fitEditValue(c.after) }))
        );
        return { at: iso(atMs), changes };
    }

    function reject(reason: RejectionReasonValue, atMs: number): void {
        fields.Status = rejectionStatus(reason);
        fields[FIELDS.rejectionReason] = reason;
        fields[FIELDS.rejectionNotes] = rejectionNotes(rng, reason);
        fields[FIELDS.rejectedAt] = iso(atMs);
    }

    function convertMaybe(sqlMs: number): void {
        const convertedMs = sqlMs + rng.between(1, 14) * DAY;
        // A lead under today's bar with its real facts (let in by the lower bar, or pumped) rarely becomes a deal.
        const real = { ...fields };
        for (const change of fitEdit?.changes ?? []) real[change.field] = change.before;
        const weak = !scoreLead(real, sqlMs).meetsBar;
        if (!rng.chance(rep.convert[fit] * (weak ? WEAK_SQL_FACTOR : 1)) || convertedMs >= ANCHOR_MS) return;
        journey = 'converted';
        const closeMs = convertedMs + rng.between(15, 75) * DAY;
        const closed = closeMs < ANCHOR_MS;
        const won = closed && rng.chance(WIN_RATE[fit] * (weak ? WEAK_SQL_FACTOR : 1));
        const employees = Number(fields.NumberOfEmployees) || 10;
        extras.Status = statusOfStage('Converted');
        extras.IsConverted = true;
        extras.ConvertedDate = isoDate(convertedMs);
        opportunity = {
            name: `${String(fields.Company)} - New Business`,
            stageName: closed ? (won ? 'Closed Won' : 'Closed Lost') : rng.pick(OPEN_STAGES),
            amount: Math.round(Math.min(400_000, Math.max(8_000, employees * rng.between(40, 120))) / 500) * 500,
            closeDate: isoDate(closeMs),
            isClosed: closed,
            isWon: won,
            ownerId: rep.user.id
        };
    }

    function finish(): HistoryLead {
        const instants = [
            createdMs,
            ...Object.values(fields).map((v) => (typeof v === 'string' && /T\d\d:/.test(v) ? Date.parse(v) : NaN))
        ].filter(Number.isFinite);
        if (extras.ConvertedDate) instants.push(Date.parse(`${extras.ConvertedDate}T18:00:00.000Z`));
        extras.LastModifiedDate = iso(Math.min(ANCHOR_MS, Math.max(...instants)));
        return {
            fields: orderFields(fields),
            extras: orderFields(extras),
            opportunity,
            campaign: campaign?.referenceId ?? null,
            journey,
            createdMs,
            sql,
            fitEdit
        };
    }
}

/** The history, oldest lead first. Deterministic for a given seed and count. */
export function generateHistory(seed: number, count: number): HistoryLead[] {
    const rng = new SeededRandom(seed);
    const leads: HistoryLead[] = [];
    for (let i = 0; i < count; i++) leads.push(oneLead(rng));
    return leads.sort((a, b) => a.createdMs - b.createdMs);
}
