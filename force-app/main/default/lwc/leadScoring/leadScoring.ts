/**
 * The shared scoring and readiness module: pure functions over the SQL definition.
 *
 * The record page calls these to show the score, its ledger and what still blocks Sales Qualified.
 * `npm run generate` builds the formula fields and validation rules from the same definition and
 * from the same condition patterns exported here (`conditionPattern`), and the formula tests prove
 * that `scoreLead` and the generated formulas agree for random leads and instants.
 *
 * Semantics follow the platform's formula engine wherever the two must agree:
 * - text is trimmed like the formula TRIM (characters up to U+0020 at both ends) and lower-cased;
 * - "whole word" and e-mail domain tests are full-string regular expressions, as REGEX() is;
 * - intent age is fractional days from `now`, never negative; decay is points * e^(ln(0.5) * age / halfLife);
 * - scores round half up and clamp to the definition's range.
 */
import {
    SQL_DEFINITION,
    FIELDS,
    committeeCountField,
    statusField,
    evidenceField,
    type SqlDefinition,
    type FitCondition,
    type FitRule,
    type Framework,
    type CommitteeRole,
    type FrameworkKey,
    type Criterion,
    type CriterionStatus,
    type IntentSignal,
    type Segment,
    type SegmentRule,
    type RejectionReasonValue,
    type StageKey
} from 'c/sqlDefinition';

/** A lead as the UI API returns it: field API name -> value (string, number, boolean, ISO date-time or null). */
export type LeadValues = Readonly<Record<string, unknown>>;

export interface FitLedgerLine {
    kind: 'fit';
    ruleId: string;
    label: string;
    field: string;
    points: number;
}

export interface IntentLedgerLine {
    kind: 'intent';
    ruleId: string;
    label: string;
    field: string;
    /** Points the signal is worth when fresh. */
    rawPoints: number;
    /** When the signal last happened (ISO date-time, as stored). */
    occurredAt: string;
    /** Age in fractional days at the scoring instant; 0 for a future timestamp. */
    ageDays: number;
    /** rawPoints after decay, unrounded. */
    points: number;
}

export type LedgerLine = FitLedgerLine | IntentLedgerLine;

export interface LeadScore {
    fit: number;
    intent: number;
    meetsBar: boolean;
    /** Unclamped sum of fit points, so a rep can see a cap at work. */
    fitSum: number;
    /** Unrounded, unclamped sum of decayed intent points. */
    intentSum: number;
    ledger: LedgerLine[];
    bar: { minFit: number; minIntent: number };
}

const MS_PER_DAY = 86_400_000;

/* ------------------------------------------------------------------ value coercion (never NaN) */

/** Formula TRIM: removes characters up to U+0020 from both ends (the platform trims like Java's String.trim). */
export function formulaTrim(value: string): string {
    let start = 0;
    let end = value.length;
    while (start < end && value.charCodeAt(start) <= 32) start++;
    while (end > start && value.charCodeAt(end - 1) <= 32) end--;
    return value.slice(start, end);
}

/** Text value, or '' for blank and for anything that is not text. */
export function textOf(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return '';
}

/** Finite number, or null for blank and garbage. Numeric strings are accepted (CSV exports, preview input). */
export function numberOf(value: unknown): number | null {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string' && value.trim() !== '') {
        const n = Number(value);
        return Number.isFinite(n) ? n : null;
    }
    return null;
}

/** The largest distance from the epoch a Date can hold (about 275,760 years), in milliseconds. */
const MAX_INSTANT = 8.64e15;

/** Epoch milliseconds of an ISO date-time (or Date, or epoch number), or null when blank, unparseable or outside a Date's range. */
export function instantOf(value: unknown): number | null {
    if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
    if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_INSTANT ? value : null;
    if (typeof value === 'string' && value.trim() !== '') {
        const t = Date.parse(value);
        return Number.isFinite(t) ? t : null;
    }
    return null;
}

/* ------------------------------------------------------------------ conditions */

// One pass: each metacharacter becomes a one-character class (`.` -> `[.]`). Escaping `.` first and then
// the brackets it produced turned `rivalgate.com` into `rivalgate[[].[]]com`, which matches no address.
const escapeForPattern = (literal: string): string => literal.replace(/[.\\^$*+?()[\]{}|/]/g, (c) => `[${c}]`);

/**
 * The full-match regular expression (REGEX() dialect: no backslashes) that a text-pattern condition
 * applies to the lower-cased, trimmed field value. The generator writes exactly this text into the formula.
 */
export function conditionPattern(condition: FitCondition): string | null {
    switch (condition.kind) {
        case 'textHasWord':
            return `.*(^|[^a-z0-9])(${condition.words.map(escapeForPattern).join('|')})([^a-z0-9]|$).*`;
        case 'emailDomainIn':
            return `.*@([a-z0-9-]+[.])*(${condition.domains.map(escapeForPattern).join('|')})`;
        case 'emailProviderIn':
            return `.*@(${condition.providers.map(escapeForPattern).join('|')})[.].*`;
        default:
            return null;
    }
}

const patternCache = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
    let re = patternCache.get(pattern);
    if (!re) {
        re = new RegExp(`^(?:${pattern})$`);
        patternCache.set(pattern, re);
    }
    return re.test(value);
}

/** The ':a:b:c:' list a textIn condition is tested against (CONTAINS in the formula). */
export function textInList(values: readonly string[]): string {
    return `:${values.join(':')}:`;
}

/** The lead's values, or none when `lead` is not an object (a record not loaded yet, or garbage): never a TypeError. */
function valuesOf(lead: unknown): LeadValues {
    return lead !== null && typeof lead === 'object' ? (lead as LeadValues) : {};
}

export function conditionHolds(condition: FitCondition, lead: LeadValues): boolean {
    const raw = valuesOf(lead)[condition.field];
    switch (condition.kind) {
        case 'picklistIn':
            return typeof raw === 'string' && condition.values.includes(raw);
        case 'numberAtLeast':
            return (numberOf(raw) ?? 0) >= condition.min;
        case 'textIn':
            return textInList(condition.values).includes(`:${formulaTrim(textOf(raw)).toLowerCase()}:`);
        case 'textHasWord':
        case 'emailDomainIn':
        case 'emailProviderIn':
            return fullMatch(conditionPattern(condition) as string, formulaTrim(textOf(raw)).toLowerCase());
        default:
            return unknownCondition(condition);
    }
}

function unknownCondition(condition: never): never {
    throw new Error(`Unknown fit condition kind: ${JSON.stringify(condition)}`);
}

/* ------------------------------------------------------------------ segments */

/**
 * Each band or group of a segment rule as a fit condition with its value, most specific first: number bands from the
 * highest `min`. The generator's formula (formulas.ts segmentExpr) is built from the same list, so the UI, the preview
 * and the stamped field cannot disagree.
 */
export function segmentBranches(rule: SegmentRule): Array<{ value: string; when: FitCondition }> {
    switch (rule.kind) {
        case 'numberBands':
            return [...rule.bands]
                .sort((a, b) => b.min - a.min)
                .map((b) => ({ value: b.value, when: { kind: 'numberAtLeast', field: rule.field, min: b.min } }));
        case 'picklistGroups':
            return rule.groups.map((g) => ({ value: g.value, when: { kind: 'picklistIn', field: rule.field, values: g.values } }));
        case 'textGroups':
            return rule.groups.map((g) => ({ value: g.value, when: { kind: 'textIn', field: rule.field, values: g.values } }));
        default:
            return unknownSegmentRule(rule);
    }
}

function unknownSegmentRule(rule: never): never {
    throw new Error(`Unknown segment rule kind: ${JSON.stringify(rule)}`);
}

/** Whether the segment's Lead field is blank, as the formula's ISBLANK sees it (text trimmed first). */
export function segmentSourceBlank(rule: SegmentRule, lead: unknown): boolean {
    const raw = valuesOf(lead)[rule.field];
    return rule.kind === 'numberBands' ? numberOf(raw) === null : formulaTrim(textOf(raw)) === '';
}

/** The lead's value of one segment (what the before-save flow stamps into `segment.field`). */
export function segmentOf(segment: Segment, lead: unknown): string {
    if (segmentSourceBlank(segment.rule, lead)) return segment.unknown;
    const values = valuesOf(lead);
    return segmentBranches(segment.rule).find((b) => conditionHolds(b.when, values))?.value ?? segment.other;
}

/* ------------------------------------------------------------------ scoring */

const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, n));

/** Half-up rounding to an integer, as the formula ROUND(x, 0) does for the non-negative sums we round. */
const roundHalfUp = (n: number): number => Math.sign(n) * Math.round(Math.abs(n));

/** Decayed points of one signal at `ageDays`: points * 0.5 ^ (age / halfLife). */
export function decayedPoints(points: number, ageDays: number, halfLifeDays: number): number {
    return points * Math.exp((Math.log(0.5) * Math.max(0, ageDays)) / halfLifeDays);
}

function fitLines(lead: LeadValues, rules: readonly FitRule[]): FitLedgerLine[] {
    return rules
        .filter((rule) => conditionHolds(rule.when, lead))
        .map((rule) => ({ kind: 'fit', ruleId: rule.id, label: rule.label, field: rule.when.field, points: rule.points }));
}

function intentLines(lead: LeadValues, nowMs: number, signals: readonly IntentSignal[], halfLifeDays: number): IntentLedgerLine[] {
    const lines: IntentLedgerLine[] = [];
    for (const signal of signals) {
        const at = instantOf(lead[signal.field]);
        if (at === null) continue;
        const ageDays = Math.max(0, (nowMs - at) / MS_PER_DAY);
        lines.push({
            kind: 'intent',
            ruleId: signal.id,
            label: signal.label,
            field: signal.field,
            rawPoints: signal.points,
            occurredAt: new Date(at).toISOString(),
            ageDays,
            points: decayedPoints(signal.points, ageDays, halfLifeDays)
        });
    }
    return lines;
}

function intentSumAt(lead: LeadValues, nowMs: number, def: SqlDefinition): number {
    return intentLines(lead, nowMs, def.intent.signals, def.intent.halfLifeDays).reduce((sum, line) => sum + line.points, 0);
}

/**
 * Scores a lead at an instant: fit (who they are), intent (what they did, decayed), whether the
 * lead clears the SQL bar, and the ledger of every rule that fired.
 */
export function scoreLead(lead: LeadValues, now: Date | string | number = Date.now(), def: SqlDefinition = SQL_DEFINITION): LeadScore {
    const nowMs = instantOf(now) ?? Date.now();
    const values = valuesOf(lead);
    const fit = fitLines(values, def.fit.rules);
    const intent = intentLines(values, nowMs, def.intent.signals, def.intent.halfLifeDays);
    const fitSum = fit.reduce((sum, line) => sum + line.points, 0);
    const intentSum = intent.reduce((sum, line) => sum + line.points, 0);
    const fitScore = clamp(fitSum, def.fit.range.min, def.fit.range.max);
    const intentScore = clamp(roundHalfUp(intentSum), def.intent.range.min, def.intent.range.max);
    return {
        fit: fitScore,
        intent: intentScore,
        meetsBar: fitScore >= def.bar.minFit && intentScore >= def.bar.minIntent,
        fitSum,
        intentSum,
        ledger: [...fit, ...intent],
        bar: { ...def.bar }
    };
}

/* ------------------------------------------------------------------ forecast */

export interface IntentForecast {
    /** 'belowAlready': intent is under the bar now; 'decays': it will fall under at `at`; 'noSignals': no intent at all. */
    state: 'belowAlready' | 'decays' | 'noSignals';
    /** The instant intent first rounds below the bar if nothing new happens (ISO), for state 'decays'. */
    at: string | null;
    /** Fractional days from now until `at`. */
    days: number | null;
}

/**
 * When the lead's intent falls below the SQL bar if no new signal arrives. Intent never rises
 * without a new signal, so the first instant below the bar is found by bisection to the minute.
 */
export function intentForecast(
    lead: LeadValues,
    now: Date | string | number = Date.now(),
    def: SqlDefinition = SQL_DEFINITION
): IntentForecast {
    const nowMs = instantOf(now) ?? Date.now();
    const values = valuesOf(lead);
    const below = (ms: number): boolean =>
        clamp(roundHalfUp(intentSumAt(values, ms, def)), def.intent.range.min, def.intent.range.max) < def.bar.minIntent;
    const lines = intentLines(values, nowMs, def.intent.signals, def.intent.halfLifeDays);
    if (lines.length === 0) return { state: 'noSignals', at: null, days: null };
    if (below(nowMs)) return { state: 'belowAlready', at: null, days: null };
    // Upper bound: the latest signal (even a future one) plus enough half-lives for every point to decay away.
    const latest = Math.max(nowMs, ...lines.map((line) => Date.parse(line.occurredAt)));
    const totalRaw = lines.reduce((sum, line) => sum + line.rawPoints, 0);
    // Capped at the last instant a Date can hold, so a garbage far-future signal still yields a valid answer.
    let hi = Math.min(MAX_INSTANT, latest + Math.ceil(def.intent.halfLifeDays * (Math.log2(Math.max(1, totalRaw)) + 2)) * MS_PER_DAY);
    while (!below(hi) && hi < MAX_INSTANT) hi = Math.min(MAX_INSTANT, hi + def.intent.halfLifeDays * MS_PER_DAY);
    let lo = nowMs;
    while (hi - lo > 60_000) {
        const mid = lo + (hi - lo) / 2;
        if (below(mid)) hi = mid;
        else lo = mid;
    }
    return { state: 'decays', at: new Date(hi).toISOString(), days: (hi - nowMs) / MS_PER_DAY };
}

/* ------------------------------------------------------------------ criteria and readiness */

export interface CriterionState {
    key: string;
    label: string;
    question: string;
    goodEvidence: string;
    statusField: string;
    evidenceField: string;
    status: CriterionStatus | null;
    evidence: string;
    /** Letters and digits in the evidence (any script), as the validation rules count them: see evidenceCount. */
    evidenceChars: number;
    /** The definition's minimum of letters and digits. */
    evidenceMinChars: number;
    confirmed: boolean;
    evidenceEnough: boolean;
    complete: boolean;
    disqualifying: boolean;
    disqualifyReason: RejectionReasonValue | null;
}

export type Blocker =
    | { kind: 'framework'; field: string }
    | { kind: 'criterion'; field: string; criterion: CriterionState }
    | { kind: 'fitBelowBar'; field: string; fit: number; minFit: number }
    | { kind: 'intentBelowBar'; field: string; intent: number; minIntent: number }
    | { kind: 'notAccepted'; field: string }
    /** The framework needs someone named in this buying-committee role (LeadGate_SQL_Needs_Named_<stem>). */
    | { kind: 'committeeRole'; field: string; role: CommitteeRole };

export interface Readiness {
    framework: FrameworkKey | null;
    suggestedFramework: FrameworkKey;
    criteria: CriterionState[];
    completeCount: number;
    total: number;
    disqualifying: CriterionState[];
    /** Everything that would stop the lead becoming Sales Qualified now, in the order a rep should fix it. */
    blockers: Blocker[];
    ready: boolean;
    score: LeadScore;
}

export function frameworkOf(value: unknown, def: SqlDefinition = SQL_DEFINITION): Framework | null {
    return def.frameworks.find((framework) => framework.key === value) ?? null;
}

/** The definition's suggestion: MEDDIC for enterprise-sized leads, BANT otherwise. */
export function suggestFramework(lead: LeadValues, def: SqlDefinition = SQL_DEFINITION): FrameworkKey {
    const values = valuesOf(lead);
    const employees = numberOf(values.NumberOfEmployees) ?? 0;
    const revenue = numberOf(values.AnnualRevenue) ?? 0;
    return employees >= def.enterprise.minEmployees || revenue >= def.enterprise.minAnnualRevenue ? 'MEDDIC' : 'BANT';
}

/* ------------------------------------------------------------------ evidence */

/** The characters that count as evidence: letters and digits of any script (Unicode categories L and N). */
const EVIDENCE_CHAR = /[\p{L}\p{N}]/gu;

/**
 * How much evidence a text holds: its letters and digits, in any script, counted by code point. Spaces of
 * every kind, punctuation, emoji and characters that render as nothing (zero-width space, ideographic space)
 * count zero. The generated rules test the same with REGEX and `evidencePattern`.
 */
export function evidenceCount(text: string): number {
    return text.match(EVIDENCE_CHAR)?.length ?? 0;
}

/**
 * The pattern (Java regular expression, for the platform's REGEX) that a text with at least `min` letters
 * or digits matches as a whole: `min` times "any non-letters, then one letter or digit", then anything.
 * The generator writes exactly this text into the validation rules and the before-save flow formula.
 */
export function evidencePattern(min: number): string {
    if (!Number.isInteger(min) || min < 1) throw new Error(`The evidence minimum must be a whole number of at least 1, not ${min}.`);
    return `(?s)(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){${min}}.*`;
}

/** A criterion is complete when Confirmed and its evidence has at least the minimum of letters and digits. */
export function criterionState(criterion: Criterion, lead: LeadValues, def: SqlDefinition = SQL_DEFINITION): CriterionState {
    const sField = statusField(criterion);
    const eField = evidenceField(criterion);
    const values = valuesOf(lead);
    const rawStatus = values[sField];
    const status = (typeof rawStatus === 'string' && rawStatus !== '' ? rawStatus : null) as CriterionStatus | null;
    const evidence = textOf(values[eField]);
    const evidenceChars = evidenceCount(evidence);
    const confirmed = status === 'Confirmed';
    const evidenceEnough = evidenceChars >= def.evidence.minLettersAndDigits;
    return {
        key: criterion.key,
        label: criterion.label,
        question: criterion.question,
        goodEvidence: criterion.goodEvidence,
        statusField: sField,
        evidenceField: eField,
        status,
        evidence,
        evidenceChars,
        evidenceMinChars: def.evidence.minLettersAndDigits,
        confirmed,
        evidenceEnough,
        complete: confirmed && evidenceEnough,
        disqualifying: status === 'Disqualifying',
        disqualifyReason: criterion.disqualifyReason ?? null
    };
}

export function statusOfStage(stage: StageKey, def: SqlDefinition = SQL_DEFINITION): string {
    const found = def.stages.find((s) => s.key === stage);
    if (!found) throw new Error(`The SQL definition has no stage ${stage}.`);
    return found.status;
}

export function stageOfStatus(status: unknown, def: SqlDefinition = SQL_DEFINITION): StageKey | null {
    return def.stages.find((s) => s.status === status)?.key ?? null;
}

/** The Lead Status a rejection with this reason lands in (Rejected, or Nurture for reasons that recycle). */
export function rejectionStatus(reason: RejectionReasonValue, def: SqlDefinition = SQL_DEFINITION): string {
    const found = def.rejectionReasons.find((r) => r.value === reason);
    return statusOfStage(found?.recyclesTo ?? 'Rejected', def);
}

/** Whether a rejection with this reason needs notes, and how long they must be. */
export function notesRequirement(reason: unknown, def: SqlDefinition = SQL_DEFINITION): number | null {
    return reason === def.notesRequiredFor.reason ? def.notesRequiredFor.minChars : null;
}

/** Whether `notes` are long enough for the rejection reason (trimmed as the validation rule trims them). */
export function notesMeetRequirement(reason: unknown, notes: string, def: SqlDefinition = SQL_DEFINITION): boolean {
    const min = notesRequirement(reason, def);
    return min === null || formulaTrim(notes).length >= min;
}

/**
 * What still stops this lead becoming Sales Qualified, computed exactly as the generated
 * validation rules decide it (framework, each criterion, the bar, the Sales Accepted stage).
 */
export function readiness(lead: LeadValues, now: Date | string | number = Date.now(), def: SqlDefinition = SQL_DEFINITION): Readiness {
    const values = valuesOf(lead);
    const framework = frameworkOf(values[FIELDS.framework], def);
    const criteria = framework ? framework.criteria.map((criterion) => criterionState(criterion, values, def)) : [];
    const score = scoreLead(values, now, def);
    const blockers: Blocker[] = [];
    if (!framework) blockers.push({ kind: 'framework', field: FIELDS.framework });
    for (const c of criteria) if (!c.complete) blockers.push({ kind: 'criterion', field: c.evidenceField, criterion: c });
    for (const role of requiredCommitteeRoles(framework?.key ?? null, def)) {
        const field = committeeCountField(role);
        if ((numberOf(values[field]) ?? 0) < 1) blockers.push({ kind: 'committeeRole', field, role });
    }
    if (score.fit < def.bar.minFit) blockers.push({ kind: 'fitBelowBar', field: FIELDS.fitScore, fit: score.fit, minFit: def.bar.minFit });
    if (score.intent < def.bar.minIntent) {
        blockers.push({ kind: 'intentBelowBar', field: FIELDS.intentScore, intent: score.intent, minIntent: def.bar.minIntent });
    }
    if (def.requireSalStage && instantOf(values[FIELDS.acceptedAt]) === null)
        blockers.push({ kind: 'notAccepted', field: FIELDS.acceptedAt });
    return {
        framework: framework?.key ?? null,
        suggestedFramework: suggestFramework(values, def),
        criteria,
        completeCount: criteria.filter((c) => c.complete).length,
        total: criteria.length,
        disqualifying: criteria.filter((c) => c.disqualifying),
        blockers,
        ready: blockers.length === 0,
        score
    };
}

/** The buying-committee roles a lead of this framework must have named before it can become Sales Qualified. */
export function requiredCommitteeRoles(framework: FrameworkKey | null, def: SqlDefinition = SQL_DEFINITION): CommitteeRole[] {
    if (!framework) return [];
    const keys = def.committee.requiredFor[framework];
    return def.committee.roles.filter((role) => keys.includes(role.key));
}

/** Qualification_Complete__c as the before-save flow stamps it: a framework is chosen and each of its criteria is complete. */
export function qualificationComplete(lead: LeadValues, def: SqlDefinition = SQL_DEFINITION): boolean {
    const values = valuesOf(lead);
    const framework = frameworkOf(values[FIELDS.framework], def);
    return framework !== null && framework.criteria.every((criterion) => criterionState(criterion, values, def).complete);
}

/** Every Lead field the scoring and readiness read: what a component must request from getRecord. */
export function fieldsRead(def: SqlDefinition = SQL_DEFINITION): string[] {
    const fields = new Set<string>([
        FIELDS.status,
        FIELDS.framework,
        FIELDS.acceptedAt,
        'NumberOfEmployees',
        'AnnualRevenue',
        ...def.fit.rules.map((rule) => rule.when.field),
        ...def.intent.signals.map((signal) => signal.field)
    ]);
    for (const framework of def.frameworks) {
        for (const criterion of framework.criteria) {
            fields.add(statusField(criterion));
            fields.add(evidenceField(criterion));
        }
    }
    for (const role of def.committee.roles) fields.add(committeeCountField(role));
    return [...fields];
}

/** The kind of input a fit field needs, from the conditions that test it. */
export type FitInputKind = 'picklist' | 'number' | 'email' | 'text';

export interface FitInputField {
    /** Lead field API name (a fit rule's `when.field`). */
    field: string;
    kind: FitInputKind;
    /** Ids of the fit rules that read this field, in the definition's order. */
    ruleIds: string[];
}

const INPUT_KIND: Readonly<Record<FitCondition['kind'], FitInputKind>> = {
    picklistIn: 'picklist',
    numberAtLeast: 'number',
    emailDomainIn: 'email',
    emailProviderIn: 'email',
    textIn: 'text',
    textHasWord: 'text'
};

/**
 * The lead facts that drive fit: each distinct field a fit rule reads, in the order the definition first
 * names it, with the input it needs. The record page offers exactly these, so a new fit rule on a new
 * field shows up without a UI change.
 */
export function fitInputFields(def: SqlDefinition = SQL_DEFINITION): FitInputField[] {
    const byField = new Map<string, FitInputField>();
    for (const rule of def.fit.rules) {
        const existing = byField.get(rule.when.field);
        if (existing) existing.ruleIds.push(rule.id);
        else byField.set(rule.when.field, { field: rule.when.field, kind: INPUT_KIND[rule.when.kind], ruleIds: [rule.id] });
    }
    return [...byField.values()];
}

/* ------------------------------------------------------------------ fit facts edited before qualifying */

export interface FitEditBeforeSql {
    /** Fit_Edited_By_Owner_At__c: the owner's latest change of a fit fact before SQL, ISO date-time. */
    editedAt: string;
    /** Hours from that edit to SQL_At__c (0 when in the qualifying save itself). */
    hoursBeforeSql: number;
}

/**
 * An SQL whose owner changed a fit fact at most `fitEdits.windowHours` before it qualified (the generated flow stamps
 * Fit_Edited_By_Owner_At__c; this reads it against SQL_At__c). Null when the lead is not SQL, nothing was edited,
 * or the edit lies outside the window. Fit_Edits_Before_SQL__c holds the values before and after (readFitEdits).
 */
export function fitEditedBeforeSql(lead: LeadValues, def: SqlDefinition = SQL_DEFINITION): FitEditBeforeSql | null {
    const sqlAt = instantOf(lead[FIELDS.sqlAt]);
    const editedAt = instantOf(lead[FIELDS.fitEditedByOwnerAt]);
    if (sqlAt === null || editedAt === null || editedAt > sqlAt) return null;
    const hoursBeforeSql = (sqlAt - editedAt) / 3_600_000;
    if (hoursBeforeSql > def.fitEdits.windowHours) return null;
    return { editedAt: new Date(editedAt).toISOString(), hoursBeforeSql };
}

/**
 * Fit_Edits_Before_SQL__c, the owner's fit-fact edits before SQL as the generated before-save flow writes them
 * (scripts/admin/generate/flow.ts builds its formulas from these constants): one entry per field, the latest edit of
 * that field, newest first, `Label: before -> after`, entries joined by `; `. A value never holds a `;` or a `->`
 * (the flow writes them as `,` and `→`), so each entry splits at its first `: ` and first ` -> `. A log longer than
 * the field ends in `…` at exactly `maxLength` characters.
 */
export const FIT_EDIT_LOG = {
    entrySeparator: '; ',
    labelEnd: ': ',
    arrow: ' -> ',
    ellipsis: '\u2026',
    maxLength: 255,
    /** What the flow writes in place of text that would split an entry, in this order. */
    replacements: [
        [';', ','],
        ['->', '\u2192']
    ]
} as const;

/** One fit fact the owner changed before SQL: the field's label, and its value before and after that save ('' for blank). */
export interface FitEditRow {
    label: string;
    before: string;
    after: string;
}

export interface FitEditLog {
    /** Newest first, one per field. */
    rows: FitEditRow[];
    /** The log filled the field and older edits were cut off (field history keeps them). */
    truncated: boolean;
}

/**
 * Reads Fit_Edits_Before_SQL__c into rows. A fragment that is not a whole entry (the end of a log cut off at the
 * field's length) is left out; anything that is not text reads as no edits.
 */
export function readFitEdits(text: unknown): FitEditLog {
    if (typeof text !== 'string' || text.trim() === '') return { rows: [], truncated: false };
    const { entrySeparator, labelEnd, arrow, ellipsis, maxLength } = FIT_EDIT_LOG;
    const rows: FitEditRow[] = [];
    for (const entry of text.split(entrySeparator)) {
        const colon = entry.indexOf(labelEnd);
        const at = colon < 1 ? -1 : entry.indexOf(arrow, colon + labelEnd.length);
        if (at < 0) continue;
        rows.push({
            label: entry.slice(0, colon),
            before: entry.slice(colon + labelEnd.length, at),
            after: entry.slice(at + arrow.length)
        });
    }
    return { rows, truncated: text.length >= maxLength && text.endsWith(ellipsis) };
}

/** A value as the flow writes it into the log: blank as '', with the characters that would split an entry replaced. */
export function fitEditValue(value: unknown): string {
    if (value === null || value === undefined) return '';
    let out = String(value);
    for (const [from, to] of FIT_EDIT_LOG.replacements) out = out.split(from).join(to);
    return out;
}

/**
 * The log text for `rows` (newest first), as the flow writes it: for sample data and tests that need a stored log
 * without running the flow. stageStamps.test.ts holds it to the flow's own output.
 */
export function fitEditsText(rows: readonly FitEditRow[]): string {
    const { entrySeparator, labelEnd, arrow, ellipsis, maxLength } = FIT_EDIT_LOG;
    const full = rows.map((r) => `${r.label}${labelEnd}${fitEditValue(r.before)}${arrow}${fitEditValue(r.after)}`).join(entrySeparator);
    return full.length > maxLength ? full.slice(0, maxLength - ellipsis.length) + ellipsis : full;
}

/* ------------------------------------------------------------------ speed to lead */

export interface SpeedToLead {
    /** 'noMql': no MQL timestamp yet; 'waiting': an MQL nobody has acted on; 'actioned': the first action is recorded. */
    state: 'noMql' | 'waiting' | 'actioned';
    /** MQL_At__c as an ISO date-time, or null. */
    mqlAt: string | null;
    /** First_Action_At__c as an ISO date-time, or null. */
    firstActionAt: string | null;
    /** Milliseconds from the MQL to the first action ('actioned') or to now ('waiting'); never negative; null for 'noMql'. */
    elapsedMs: number | null;
    /** The SLA from the definition, in milliseconds. */
    slaMs: number;
    /** Whether the elapsed time is still within the SLA (at most `sla.minutes`, the same bound as the first report bucket). */
    withinSla: boolean | null;
    /** 'waiting' only: milliseconds left before the SLA passes (0 once it has passed). */
    remainingMs: number | null;
}

/**
 * Speed to lead: the time from MQL_At__c to First_Action_At__c (or to `now` while nobody has acted)
 * against the definition's SLA. Minutes_To_First_Action__c measures the same span on the server.
 */
export function speedToLead(lead: LeadValues, now: Date | string | number = Date.now(), def: SqlDefinition = SQL_DEFINITION): SpeedToLead {
    const slaMs = def.sla.minutes * 60_000;
    const values = valuesOf(lead);
    const mql = instantOf(values[FIELDS.mqlAt]);
    const firstAction = instantOf(values[FIELDS.firstActionAt]);
    if (mql === null) {
        return { state: 'noMql', mqlAt: null, firstActionAt: null, elapsedMs: null, slaMs, withinSla: null, remainingMs: null };
    }
    const mqlAt = new Date(mql).toISOString();
    if (firstAction !== null) {
        const elapsedMs = Math.max(0, firstAction - mql);
        return {
            state: 'actioned',
            mqlAt,
            firstActionAt: new Date(firstAction).toISOString(),
            elapsedMs,
            slaMs,
            withinSla: elapsedMs <= slaMs,
            remainingMs: null
        };
    }
    const elapsedMs = Math.max(0, (instantOf(now) ?? Date.now()) - mql);
    return {
        state: 'waiting',
        mqlAt,
        firstActionAt: null,
        elapsedMs,
        slaMs,
        withinSla: elapsedMs <= slaMs,
        remainingMs: Math.max(0, slaMs - elapsedMs)
    };
}
