/**
 * Evidence a rep might write for each criterion, for the sample history: thorough notes, the bare minimum
 * that passes the evidence rule (what an inflating rep writes), half-finished notes, and disqualifying findings.
 * Slots: {amount} {quarter} {month} {person} {role} {number}.
 */
import type { SeededRandom } from './random';

type Templates = Readonly<Record<string, readonly string[]>>;

const THOROUGH: Templates = {
    Budget: [
        '{role} confirmed {amount} set aside for lead routing in the {quarter} plan',
        'Budget of {amount} approved; it comes out of the sales ops tooling line, signed off by {person}',
        '{person} ({role}) says {amount} is ring-fenced for this; PO process takes two weeks'
    ],
    Authority: [
        '{person}, {role}, signs; joined the discovery call on {month} {number}',
        'Decision sits with {person} ({role}); we met her with the RevOps lead and she asked for a proposal',
        '{role} {person} owns the decision and the budget; confirmed on our second call'
    ],
    Need: [
        'Reps rekey inbound leads by hand and lose about {number} hours a week; two missed quotas blamed on it',
        'MQLs wait {number} hours on average before anyone calls; the board asked for a fix',
        'No shared definition of a qualified lead: marketing and sales argue about the numbers every Monday'
    ],
    Timeline: [
        'Must be live before the {month} sales kickoff; contract needed by {quarter}',
        'Wants a pilot in {month} and a decision by the end of {quarter}, tied to their new territory plan',
        'Current contract ends in {month}; they need the replacement running two weeks before that'
    ],
    Metrics: [
        'Success = lead response time from {number} hours to under one hour, and {number}% more pipeline from inbound',
        'They will judge it on SQL to opportunity rate: today {number}%, target 45% within two quarters',
        'Goal is to cut leads lost between marketing and sales by {number}% this year; tracked in their board deck'
    ],
    Economic_Buyer: [
        '{person}, {role}, owns the budget; 30 minute call on {month} {number}, she asked for the business case',
        'Economic buyer is {person} ({role}); met at the summit and again on a video call',
        '{role} {person} controls the spend; confirmed budget authority on our call last week'
    ],
    Decision_Criteria: [
        'Scored on Salesforce-native, SSO, reporting and price per seat; they shared their RFP sheet',
        'Criteria: no new data silo, works inside the Lead page, admin can change rules without code',
        'Must pass their security review, support 400 users, and report by rep; weighted scorecard seen'
    ],
    Decision_Process: [
        'Pilot in {month}, then security review, then procurement; legal usually takes three weeks',
        'Steering committee meets monthly; {person} presents the pilot results in {month}',
        'Two-step: RevOps recommends, {role} approves; procurement needs three quotes'
    ],
    Identify_Pain: [
        'Board flagged {number}% MQL leakage; the {role} was asked to fix it this half',
        'They missed forecast two quarters running; inbound leads sat untouched for days',
        'Sales and marketing disagree on lead quality; {number} escalations to the CEO this year'
    ],
    Champion: [
        'RevOps lead {person} set up the demo and is briefing the {role}',
        '{person} runs sales ops, pushed for the evaluation and shares internal notes with us',
        '{person} ({role}) is championing it: booked the follow-ups and invited the buyer'
    ]
};

const MINIMAL: Templates = {
    Budget: ['Budget is there for it now', 'They have budget this year', 'Said money is available'],
    Authority: ['Talked to the decision maker', 'Contact says he can sign', 'Manager is on board, all ok'],
    Need: ['They need a better process', 'Interested in the product', 'Have lead problems today'],
    Timeline: ['Want it this quarter ideally', 'Soon, maybe next quarter', 'Looking to buy this year'],
    Metrics: ['Want better conversion rates', 'Faster response to leads'],
    Economic_Buyer: ['Spoke with the budget owner', 'VP is the buyer, met her twice'],
    Decision_Criteria: ['Price and ease of use mostly', 'Needs to work in Salesforce'],
    Decision_Process: ['Pilot first then purchase', 'Usual procurement process'],
    Identify_Pain: ['Leads are falling through', 'Slow follow-up on leads now'],
    Champion: ['Our contact likes us a lot', 'Ops manager is a fan of it']
};

const PARTIAL: Templates = {
    Budget: ['Asking finance', 'Maybe next FY?', 'TBC'],
    Authority: ['Not sure who signs', 'Ask about VP', 'TBC'],
    Need: ['Some pain?', 'Check on call', 'TBC'],
    Timeline: ['Unclear', 'Q3 maybe', 'TBC'],
    Metrics: ['Ask for KPIs', 'TBC'],
    Economic_Buyer: ['CFO? unsure', 'TBC'],
    Decision_Criteria: ['RFP coming', 'TBC'],
    Decision_Process: ['Ask about steps', 'TBC'],
    Identify_Pain: ['Lead leakage?', 'TBC'],
    Champion: ['Maybe the ops lead', 'TBC']
};

const DISQUALIFYING: Templates = {
    Budget: [
        'Budget frozen until the FY2027 cycle; the CFO confirmed no new software spend this year',
        'No budget: they just signed a three-year deal with another vendor and cannot add spend'
    ],
    Authority: [
        'Contact has no say in tooling; headquarters decides and would not take a call',
        'Decisions are made by the parent company abroad; no access'
    ],
    Need: [
        'Fewer than 20 leads a month, all handled by the founder; nothing for us to fix',
        'Existing process works for them; no pain they would pay to solve'
    ],
    Timeline: [
        'Reorganisation until next year; they asked us to come back in twelve months',
        'Hiring freeze and a system migration block anything new this year'
    ],
    Economic_Buyer: ['The budget owner declined to meet; the contact cannot get time with her'],
    Identify_Pain: ['No urgency: leadership is happy with current conversion and response times']
};

const PEOPLE = [
    'Dana Lee',
    'Ana Ruiz',
    'Sam Okafor',
    'Ilse Berg',
    'Ravi Menon',
    'Clara Stein',
    'Tom Achebe',
    'Yuki Sato',
    'Nora Walsh',
    'Omar Haddad'
];
const ROLES = ['VP Sales', 'CFO', 'CRO', 'Head of RevOps', 'VP Marketing', 'COO', 'Director of Sales Ops'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function fill(template: string, rng: SeededRandom): string {
    return template
        .replace(/\{amount\}/g, () => `${rng.int(3, 24) * 10}k`)
        .replace(/\{quarter\}/g, () => `Q${rng.int(1, 4)}`)
        .replace(/\{month\}/g, () => rng.pick(MONTHS))
        .replace(/\{person\}/g, () => rng.pick(PEOPLE))
        .replace(/\{role\}/g, () => rng.pick(ROLES))
        .replace(/\{number\}/g, () => String(rng.int(3, 40)));
}

function from(templates: Templates, key: string, rng: SeededRandom): string {
    const options = templates[key];
    if (!options || options.length === 0) throw new Error(`No sample evidence for criterion ${key}`);
    return fill(rng.pick(options), rng);
}

/** Evidence that completes the criterion: thorough notes, or the minimum an inflating rep writes (still at least the definition's minimum of letters and digits). */
export const completeEvidence = (key: string, style: 'thorough' | 'minimal', rng: SeededRandom): string =>
    from(style === 'thorough' ? THOROUGH : MINIMAL, key, rng);

/** A note too short to count: work in progress. */
export const partialEvidence = (key: string, rng: SeededRandom): string => from(PARTIAL, key, rng);

/** What the rep found that rules the lead out, for criteria that point to a rejection reason. */
export const disqualifyingEvidence = (key: string, rng: SeededRandom): string => from(DISQUALIFYING, key, rng);

export const hasDisqualifyingEvidence = (key: string): boolean => Boolean(DISQUALIFYING[key]);

/** Notes for a rejection with reason Other (the rule needs at least 20 characters). */
export const OTHER_REJECTION_NOTES = [
    'Reseller asking for partner pricing for a client; routed to the partner team',
    'Journalist researching an article on sales tooling, not a buyer',
    'Existing customer asking for support; passed to customer success',
    'Job applicant who filled in the demo form to reach the hiring manager'
];
