/**
 * The shared qualification case table (data/qualification-cases.json) is written relative to the definition's bar, so
 * a revision that moves the bar keeps every case meaningful: a case states its scores as a number ("fit": 80) or
 * against the bar ("intent": "bar+9", "fit": "bar-5", "intent": "bar"). Resolving the table against a definition turns
 * each relative score into a lead that scores it, using the one scoring module (c/leadScoring):
 *
 * - intent "bar+N" / "bar-N" / "bar": exactly minIntent + N; "bar*0.33": a third of the bar, rounded. Every intent signal of the case (lead and prior) is moved
 *   by the same number of days, so the decayed sum scales to the target and the case keeps its mix of signals. A target
 *   the case's signals cannot reach without a signal in the future is refused with the case named.
 * - fit "bar+N" / "bar": the lowest fit at or above minFit + N; "bar-N" (or "bar*F"): the highest fit at or below it (fit
 *   moves in steps of the rule points, so "exactly at the bar" means "the least fit that clears it"). The lead's
 *   firmographic fields are changed as little as possible: the fewest fit rules switched on or off.
 *
 * The expectations that depend on the side of the bar (meetsBar, the bar rule, the Fit_Score__c and Intent_Score__c
 * blockers) stay written by hand: the case keeps its side for any bar. The resolved table (plain numbers, the bar it
 * was resolved for) is what the formula tests, the record-page Jest test and the org's parity test
 * (static resource LeadGateQualificationCases, written by npm run generate) replay.
 */
import { conditionHolds, scoreLead, type LeadValues } from 'c/leadScoring';
import type { FitCondition, FitRule, SqlDefinition } from 'c/sqlDefinition';
import { generatedNote } from './fields.ts';

/** A score as the table states it: a number, or relative to the bar ("bar", "bar+9", "bar-2"). */
export type StatedScore = number | string;

export interface QualificationExpectation<Score> {
    fit: Score;
    intent: Score;
    meetsBar: boolean;
    qualificationComplete: boolean;
    minutesToFirstAction: number | null;
    /** Minutes_To_Alert__c and Minutes_Alert_To_First_Action__c; absent means blank (the lead carries no Alerted_At__c). */
    minutesToAlert?: number | null;
    minutesAlertToFirstAction?: number | null;
    /** Fit_Edited_Before_SQL__c; absent means false. */
    fitEditedBeforeSql?: boolean;
    readinessBlockers: string[];
    rulesFire: string[];
    disqualifying?: Array<{ key: string; reason: string }>;
}

export interface QualificationCaseOf<Score> {
    name: string;
    summary: string;
    now: string;
    save: 'insert' | 'update';
    permissions: string[];
    /** For an update: the fields that differed before the save (the prior record is {...lead, ...prior}). */
    prior: Record<string, unknown> | null;
    lead: Record<string, unknown>;
    expected: QualificationExpectation<Score>;
}

/** A case as data/qualification-cases.json writes it. */
export type StatedCase = QualificationCaseOf<StatedScore>;
/** A case resolved against a definition: every score a number, the lead built to score it. */
export type ResolvedCase = QualificationCaseOf<number>;

export interface StatedTable {
    $comment?: string[];
    cases: StatedCase[];
}

export interface ResolvedTable {
    $comment: string[];
    /** The definition version and bar the cases were resolved against. */
    definitionVersion: string;
    bar: { minFit: number; minIntent: number };
    cases: ResolvedCase[];
    /**
     * Cases this bar leaves the table unable to express (an intent bar above what a case's signals reach, a bar so low
     * that "bar-2" is below the range), with why. The generator still writes the definition's metadata; the tests
     * refuse a table with any (unresolvedProblem), so the case is fixed before the revision ships.
     */
    unresolved: Array<{ name: string; problem: string }>;
}

/** A case the table cannot resolve against this definition, with what to change. */
export class CaseTableError extends Error {}

const RELATIVE = /^bar(?:([+-])(\d+)|\*(0?\.\d+))?$/;

/**
 * The number a score states against `bar`: "bar+N" and "bar-N" offset it, "bar*F" (F below 1, e.g. "bar*0.33") is
 * that share of it, rounded (for a case far below a bar that may itself be low); null for a plain number.
 */
export function statedTarget(score: StatedScore, bar: number, where: string): number | null {
    if (typeof score === 'number') return null;
    const m = RELATIVE.exec(score.replace(/\s+/g, ''));
    if (!m) throw new CaseTableError(`${where} is "${score}": write a number, "bar", "bar+N", "bar-N" or "bar*F" (F below 1)`);
    if (m[3]) return Math.round(bar * Number(m[3]));
    return bar + (m[1] ? (m[1] === '-' ? -1 : 1) * Number(m[2]) : 0);
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** The case with every intent signal moved so the lead's intent is exactly `target` at the case's `now`. */
function withIntent(c: StatedCase, target: number, def: SqlDefinition): StatedCase {
    const where = `case ${c.name}: intent ${String(c.expected.intent)} = ${target}`;
    if (target <= def.intent.range.min || target > def.intent.range.max)
        throw new CaseTableError(`${where} is outside the intent range ${def.intent.range.min} to ${def.intent.range.max}`);
    const now = Date.parse(c.now);
    const sum = scoreLead(c.lead, now, def).intentSum;
    if (!(sum > 0)) throw new CaseTableError(`${where}, but the lead has no intent signal to move: give it one`);
    // Every signal decays by the same factor when all move by the same days: sum * 0.5^(days / halfLife) = target.
    const days = def.intent.halfLifeDays * Math.log2(sum / target);
    const fields = def.intent.signals.map((s) => s.field);
    const move = (record: Record<string, unknown>): Record<string, unknown> => {
        const out = { ...record };
        for (const field of fields) {
            const at = typeof out[field] === 'string' ? Date.parse(out[field] as string) : NaN;
            if (Number.isNaN(at)) continue;
            const moved = Math.round(at - days * MS_PER_DAY);
            if (moved > now)
                throw new CaseTableError(`${where} needs ${field} after the case's now (${c.now}): give the case more or older signals`);
            out[field] = new Date(moved).toISOString();
        }
        return out;
    };
    return { ...c, lead: move(c.lead), prior: c.prior ? move(c.prior) : null };
}

/** A value that makes `condition` hold, starting from the field's current value. */
function holdingValue(condition: FitCondition, current: unknown): unknown {
    switch (condition.kind) {
        case 'picklistIn':
        case 'textIn':
            return condition.values[0];
        case 'numberAtLeast':
            return condition.min;
        case 'textHasWord':
            return [typeof current === 'string' ? current : '', condition.words[0]].join(' ').trim();
        case 'emailDomainIn':
            return `${localPart(current)}@${condition.domains[0]}`;
        case 'emailProviderIn':
            return `${localPart(current)}@${condition.providers[0]}.com`;
    }
}

const localPart = (email: unknown): string => (typeof email === 'string' && email.includes('@') ? email.split('@')[0] : 'lead') as string;

/** The lead with the rules in `flip` switched (on when they hold now, off when they do not); null when the switch cannot be made. */
function flipped(lead: Record<string, unknown>, rules: readonly FitRule[], flip: readonly FitRule[]): Record<string, unknown> | null {
    const out = { ...lead };
    for (const rule of flip) out[rule.when.field] = conditionHolds(rule.when, lead) ? null : holdingValue(rule.when, out[rule.when.field]);
    // Only the flipped rules may change state (two rules can share a field: the title, the e-mail).
    const ok = rules.every((r) => conditionHolds(r.when, out) === (conditionHolds(r.when, lead) !== flip.includes(r)));
    return ok ? out : null;
}

/** The case's lead changed in the fewest fit rules so its fit is the one the relative score asks for. */
function withFit(c: StatedCase, goal: number, def: SqlDefinition): StatedCase {
    const below = goal < def.bar.minFit;
    const rules = def.fit.rules;
    const fitFields = new Set(rules.map((r) => r.when.field));
    if (c.prior && Object.keys(c.prior).some((f) => fitFields.has(f)))
        throw new CaseTableError(
            `case ${c.name}: a relative fit needs the prior record to leave the fit fields (${[...fitFields].join(', ')}) alone`
        );
    const now = Date.parse(c.now);
    const candidates: Array<{ lead: Record<string, unknown>; fit: number; flips: number }> = [];
    for (let mask = 0; mask < 1 << rules.length; mask++) {
        const flip = rules.filter((_, i) => mask & (1 << i));
        const lead = flipped(c.lead, rules, flip);
        if (lead) candidates.push({ lead, fit: scoreLead(lead, now, def).fit, flips: flip.length });
    }
    const fits = candidates.map((x) => x.fit).filter((fit) => (below ? fit <= goal : fit >= goal));
    if (fits.length === 0)
        throw new CaseTableError(
            `case ${c.name}: fit ${String(c.expected.fit)} asks for a fit ${below ? 'at or below' : 'at or above'} ${goal}, and no combination of the fit rules scores that`
        );
    const fit = below ? Math.max(...fits) : Math.min(...fits);
    const best = candidates.filter((x) => x.fit === fit).sort((a, b) => a.flips - b.flips)[0] as { lead: Record<string, unknown> };
    return { ...c, lead: best.lead };
}

/** One case resolved against `def`: relative scores turned into leads that score them, expected scores as numbers. */
export function resolveCase(c: StatedCase, def: SqlDefinition): ResolvedCase {
    const fitGoal = statedTarget(c.expected.fit, def.bar.minFit, `case ${c.name}: expected.fit`);
    const intentGoal = statedTarget(c.expected.intent, def.bar.minIntent, `case ${c.name}: expected.intent`);
    let out = c;
    if (fitGoal !== null) out = withFit(out, fitGoal, def);
    if (intentGoal !== null) out = withIntent(out, intentGoal, def);
    const score = scoreLead(out.lead as LeadValues, Date.parse(out.now), def);
    if (intentGoal !== null && score.intent !== intentGoal)
        throw new CaseTableError(`case ${c.name}: the moved signals score intent ${score.intent}, not ${intentGoal}`);
    const fit = fitGoal === null ? (c.expected.fit as number) : score.fit;
    const intent = intentGoal === null ? (c.expected.intent as number) : score.intent;
    return { ...out, expected: { ...out.expected, fit, intent } };
}

/** The whole table resolved against `def` (the definition the generated metadata comes from). */
export function resolveCaseTable(table: StatedTable, def: SqlDefinition): ResolvedTable {
    const cases: ResolvedCase[] = [];
    const unresolved: ResolvedTable['unresolved'] = [];
    for (const c of table.cases) {
        try {
            cases.push(resolveCase(c, def));
        } catch (e) {
            if (!(e instanceof CaseTableError)) throw e;
            unresolved.push({ name: c.name, problem: e.message });
        }
    }
    return {
        $comment: [
            `${generatedNote(def)} data/qualification-cases.json resolved against the bar (fit ${def.bar.minFit}, intent ${def.bar.minIntent}): edit that table, then npm run generate.`,
            'Scores the table states against the bar ("bar+9") are numbers here, and the lead is built to score them.',
            ...(table.$comment ?? [])
        ],
        definitionVersion: def.version,
        bar: { ...def.bar },
        cases,
        unresolved
    };
}

/** Why the tests cannot replay `table` (null when every case resolved): the cases this bar leaves out, and what to do. */
export function unresolvedProblem(table: Pick<ResolvedTable, 'unresolved' | 'bar'>): string | null {
    if (table.unresolved.length === 0) return null;
    return (
        `The qualification case table cannot express ${table.unresolved.length} case(s) at the bar (fit ${table.bar.minFit}, intent ${table.bar.minIntent}):\n` +
        table.unresolved.map((u) => `  ${u.problem}`).join('\n') +
        '\nChange those cases in data/qualification-cases.json (their signals or their place against the bar), then npm run generate.'
    );
}
