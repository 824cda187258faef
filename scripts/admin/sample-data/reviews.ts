/**
 * The manager's evidence reviews of the sample history's SQLs (LeadGate_Evidence_Review__c), drawn from their own
 * seeded generator so the review habit can change without redrawing the leads. Reviews began with the sample
 * revision; most SQLs of older weeks are reviewed within days, the last weeks are mostly still waiting (the backlog).
 * Evidence Holds for most; Coach, always with a comment, for a pumped fit, a bypass SQL with open criteria, and much
 * of the bare-minimum evidence.
 */
import { REVIEW_OUTCOMES, type ReviewOutcome } from 'c/sqlDefinition';
import { REVIEW_HABIT } from './cast';
import { SAMPLE_REVISION_MS, type HistoryLead } from './history';
import { SAMPLE_ANCHOR, type FitEdit } from './model';
import { SeededRandom } from './random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ANCHOR_MS = Date.parse(SAMPLE_ANCHOR);

export interface HistoryReview {
    /** Index of the reviewed lead in the history (oldest first). */
    leadIndex: number;
    outcome: ReviewOutcome;
    comment: string | null;
    /** The version the SQL was qualified under (the queue copies the lead's Definition_Version__c). */
    version: string;
    /** The lead's owner: the review is theirs to read. */
    ownerId: string;
    createdMs: number;
}

const THIN_EVIDENCE_COACHING = [
    'The evidence is one line per criterion. Write who confirmed the budget, the amount and when, so the AE can pick it up without a second call.',
    'Authority says "decision maker" only. Name the person and their role, and how you know they sign.',
    'Timeline reads "this quarter" with nothing behind it. What event drives the date? Add it before the next SQL.',
    "Need is a restatement of our pitch. Quote the pain in the buyer's words and what it costs them.",
    "These notes pass the rule but would not survive the AE's first call. Add the numbers you heard on discovery."
];
const BYPASS_COACHING = [
    'Arrived through the partner portal sync with criteria still open. Confirm budget and timeline with the partner before the AE spends time on it.',
    'Partner sync marked this Sales Qualified without our criteria. Work it as an MQL: discovery call first, then qualify it yourself.'
];
const THOROUGH_COACHING = [
    'Solid notes, but the champion is the same person as the economic buyer. Find out who else signs off.',
    'Good detail on need; budget rests on a single email. Get it confirmed on a call.'
];
const HOLDS_NOTES = [
    'Clear evidence on every criterion.',
    'Good discovery notes: the AE can start from here.',
    'Budget and timeline well documented.'
];

const hours = (n: number): string => `${Math.max(1, Math.round(n))} hour${Math.round(n) === 1 ? '' : 's'}`;

/** The coaching comment on a pumped fit: what changed and how long before qualifying. */
function pumpedFitComment(edit: FitEdit, sqlAtMs: number): string {
    const changed = edit.changes.map((c) => `${c.field === 'NumberOfEmployees' ? 'employees' : c.field} from ${c.before} to ${c.after}`);
    return (
        `You changed ${changed.join(' and ')} ${hours((sqlAtMs - Date.parse(edit.at)) / HOUR)} before qualifying. ` +
        'Where does the new value come from? Put the source in the notes, or change it back and requalify.'
    );
}

/** The reviews, oldest first. Deterministic for a given seed and history. */
export function generateReviews(seed: number, history: readonly HistoryLead[]): HistoryReview[] {
    const rng = new SeededRandom(seed);
    const reviews: HistoryReview[] = [];
    history.forEach((lead, leadIndex) => {
        const sql = lead.sql;
        if (!sql || sql.atMs < SAMPLE_REVISION_MS) return;
        const backlog = sql.atMs >= ANCHOR_MS - REVIEW_HABIT.backlogDays * DAY;
        if (!rng.chance(backlog ? REVIEW_HABIT.backlogReviewedShare : REVIEW_HABIT.reviewedShare)) return;
        const createdMs = sql.atMs + rng.between(REVIEW_HABIT.delayDays.min, REVIEW_HABIT.delayDays.max) * DAY;
        if (createdMs >= ANCHOR_MS - HOUR) return;
        let outcome: ReviewOutcome = REVIEW_OUTCOMES.holds;
        let comment: string | null = null;
        if (lead.fitEdit) {
            outcome = REVIEW_OUTCOMES.coach;
            comment = pumpedFitComment(lead.fitEdit, sql.atMs);
        } else if (sql.evidence === 'bypass') {
            outcome = REVIEW_OUTCOMES.coach;
            comment = rng.pick(BYPASS_COACHING);
        } else if (sql.evidence === 'minimal' && rng.chance(REVIEW_HABIT.coachMinimal)) {
            outcome = REVIEW_OUTCOMES.coach;
            comment = rng.pick(THIN_EVIDENCE_COACHING);
        } else if (sql.evidence === 'thorough' && rng.chance(REVIEW_HABIT.coachThorough)) {
            outcome = REVIEW_OUTCOMES.coach;
            comment = rng.pick(THOROUGH_COACHING);
        } else if (rng.chance(0.3)) {
            comment = rng.pick(HOLDS_NOTES);
        }
        reviews.push({
            leadIndex,
            outcome,
            comment,
            version: sql.version,
            ownerId: sql.ownerId,
            createdMs: Math.round(createdMs / 1000) * 1000
        });
    });
    return reviews.sort((a, b) => a.createdMs - b.createdMs);
}
