/**
 * Formula expressions built from the SQL definition. Text-pattern conditions use exactly the patterns
 * `c/leadScoring` exports (`conditionPattern`, `textInList`), so the UI and the server apply one rule set.
 *
 * DECISION: Fit_Score__c is a Number field stamped on every save by the before-save flow
 * (LeadGate_Lead_Stage_Stamps) from the flow formula `Fit_Score_Formula`, not a formula field:
 * 1. The fit rules match whole words and e-mail domains with REGEX(), and the platform does not offer
 *    REGEX() in formula fields (it does in validation rules and flow formulas).
 * 2. Compiled size: the platform compiles a referenced formula field inline. Meets_SQL_Bar__c and the
 *    SQL-bar validation rule reference both scores, so a fit formula (country list, keyword patterns)
 *    would be compiled into each of them on top of the intent formula, against the 5,000-byte compiled
 *    limit that cannot be measured offline. As a stored number, fit costs one column reference.
 * 3. Fit does not decay, so a value computed on save is never stale between saves. Intent does decay,
 *    so Intent_Score__c stays a formula field, computed at read time.
 * Cost: when the fit rules change, existing leads keep their old fit until next saved. The recalculation
 * step (touch every open lead so the flow re-stamps fit) is documented in docs/DECISIONS.md.
 */
import { conditionPattern, evidencePattern, segmentBranches, textInList } from 'c/leadScoring';
import { FIELDS, evidenceField, statusField, type Criterion, type FitCondition, type Segment, type SqlDefinition } from 'c/sqlDefinition';
import { AND, IF, ISBLANK, ISPICKVAL, NOT, OR, call, field, lit, num, op, text, type Expr } from './expr.ts';

export const FORMULA_CHAR_LIMIT = 3900;
export const CONFIRMED = 'Confirmed';

const normalisedText = (name: string): Expr => call('LOWER', call('TRIM', field(name)));

/** The formula translation of one fit condition; mirrors `conditionHolds` in c/leadScoring. */
export function conditionExpr(condition: FitCondition): Expr {
    switch (condition.kind) {
        case 'picklistIn':
            if (condition.values.length === 0) throw new Error(`Fit condition on ${condition.field} lists no picklist values`);
            return OR(...condition.values.map((value) => ISPICKVAL(condition.field, value)));
        case 'numberAtLeast':
            return op('>=', call('BLANKVALUE', field(condition.field), num(0)), num(condition.min));
        case 'textIn':
            return call('CONTAINS', text(textInList(condition.values)), op('&', text(':'), normalisedText(condition.field), text(':')));
        case 'textHasWord':
        case 'emailDomainIn':
        case 'emailProviderIn': {
            const pattern = conditionPattern(condition);
            if (pattern === null) throw new Error(`c/leadScoring has no pattern for ${condition.kind}`);
            if (pattern.includes('\\')) throw new Error(`Pattern for ${condition.field} contains a backslash, which formulas cannot carry`);
            return call('REGEX', normalisedText(condition.field), text(pattern));
        }
        default:
            return unknownCondition(condition);
    }
}

function unknownCondition(condition: never): never {
    throw new Error(`No formula translation for fit condition ${JSON.stringify(condition)}`);
}

/**
 * A segment's value (a flow formula the before-save flow stamps into the segment's Text field): `unknown` when the
 * source field is blank, else the first band or group whose condition holds (the fit conditions' own translations),
 * else `other`. Mirrors c/leadScoring segmentOf.
 */
export function segmentExpr(segment: Segment): Expr {
    const source = segment.rule.field;
    const blank =
        segment.rule.kind === 'numberBands'
            ? ISBLANK(field(source))
            : segment.rule.kind === 'picklistGroups'
              ? ISBLANK(call('TEXT', field(source)))
              : ISBLANK(call('TRIM', field(source)));
    if (segment.rule.kind === 'picklistGroups') {
        // CASE over the picklist's text: the same exact comparison as picklistIn, at a third of ISPICKVAL's length.
        const pairs = segment.rule.groups.flatMap((g) => g.values.flatMap((v) => [text(v), text(g.value)]));
        return IF(blank, text(segment.unknown), call('CASE', call('TEXT', field(source)), ...pairs, text(segment.other)));
    }
    const branches = segmentBranches(segment.rule).reduceRight<Expr>(
        (otherwise, b) => IF(conditionExpr(b.when), text(b.value), otherwise),
        text(segment.other)
    );
    return IF(blank, text(segment.unknown), branches);
}

const clamp = (e: Expr, range: { min: number; max: number }): Expr => call('MAX', num(range.min), call('MIN', num(range.max), e));

/** Fit: the sum of the points of every rule that holds, clamped to the definition's range. */
export function fitScoreExpr(def: SqlDefinition): Expr {
    if (def.fit.rules.length === 0) return num(Math.min(def.fit.range.max, Math.max(def.fit.range.min, 0)));
    const terms = def.fit.rules.map((rule) => IF(conditionExpr(rule.when), num(rule.points), num(0)));
    return clamp(terms.length === 1 ? (terms[0] as Expr) : op('+', ...terms), def.fit.range);
}

/** Intent: each signal's points halve every halfLife days from its latest occurrence (a future date counts as now). */
export function intentScoreExpr(def: SqlDefinition): Expr {
    if (!(def.intent.halfLifeDays > 0)) throw new Error('intent.halfLifeDays must be positive');
    if (def.intent.signals.length === 0) return num(Math.min(def.intent.range.max, Math.max(def.intent.range.min, 0)));
    const terms = def.intent.signals.map((signal) =>
        IF(
            ISBLANK(field(signal.field)),
            num(0),
            op(
                '*',
                num(signal.points),
                call(
                    'EXP',
                    op(
                        '/',
                        op('*', call('LN', num(0.5)), call('MAX', num(0), op('-', lit('NOW()'), field(signal.field)))),
                        num(def.intent.halfLifeDays)
                    )
                )
            )
        )
    );
    return clamp(call('ROUND', terms.length === 1 ? (terms[0] as Expr) : op('+', ...terms), num(0)), def.intent.range);
}

export function meetsBarExpr(def: SqlDefinition): Expr {
    return AND(op('>=', field(FIELDS.fitScore), num(def.bar.minFit)), op('>=', field(FIELDS.intentScore), num(def.bar.minIntent)));
}

/**
 * The SQL's owner changed a fit fact at most `fitEdits.windowHours` before SQL_At__c (the stamp of the before-save
 * flow read against SQL_At__c, as c/leadScoring fitEditedBeforeSql reads it). Date-time differences are in days.
 */
export function fitEditedBeforeSqlExpr(def: SqlDefinition): Expr {
    const sqlAt = field(FIELDS.sqlAt);
    const editedAt = field(FIELDS.fitEditedByOwnerAt);
    return AND(
        NOT(ISBLANK(sqlAt)),
        NOT(ISBLANK(editedAt)),
        op('>=', sqlAt, editedAt),
        op('>=', op('/', num(def.fitEdits.windowHours), num(24)), op('-', sqlAt, editedAt))
    );
}

/**
 * The evidence has at least the definition's minimum of letters and digits: REGEX with the pattern
 * c/leadScoring exports (`evidencePattern`, counted there by `evidenceCount`). REGEX is available in
 * validation rules and flow formulas, not in formula fields: see qualificationCompleteExpr.
 */
export function evidenceEnoughExpr(criterion: Pick<Criterion, 'key'>, def: SqlDefinition): Expr {
    return call('REGEX', field(evidenceField(criterion)), text(evidencePattern(def.evidence.minLettersAndDigits)));
}

/** Confirmed, with evidence of at least the minimum of letters and digits. */
export function criterionCompleteParts(criterion: Pick<Criterion, 'key'>, def: SqlDefinition): Expr[] {
    return [ISPICKVAL(statusField(criterion), CONFIRMED), evidenceEnoughExpr(criterion, def)];
}

/** Not complete: status is not Confirmed, or the evidence has fewer letters and digits than the minimum. */
export function criterionIncompleteExpr(criterion: Pick<Criterion, 'key'>, def: SqlDefinition): Expr {
    return OR(NOT(ISPICKVAL(statusField(criterion), CONFIRMED)), NOT(evidenceEnoughExpr(criterion, def)));
}

/**
 * Every criterion of the lead's chosen framework is complete (false without a framework). Uses REGEX, so it
 * is the before-save flow's formula that stamps Qualification_Complete__c (a stored checkbox), not a formula
 * field: see docs/DECISIONS.md.
 */
export function qualificationCompleteExpr(def: SqlDefinition): Expr {
    return OR(
        ...def.frameworks.map((framework) =>
            AND(
                ISPICKVAL(FIELDS.framework, framework.key),
                ...framework.criteria.flatMap((criterion) => criterionCompleteParts(criterion, def))
            )
        )
    );
}

/** Minutes from one stamp to a later one; blank while either is blank. */
function minutesBetweenExpr(from: string, to: string): Expr {
    return IF(OR(ISBLANK(field(to)), ISBLANK(field(from))), lit('NULL'), op('*', op('-', field(to), field(from)), num(1440)));
}

/** Minutes from MQL to sales' first action (accept or reject); blank until actioned. */
export function minutesToFirstActionExpr(): Expr {
    return minutesBetweenExpr(FIELDS.mqlAt, FIELDS.firstActionAt);
}

/** Minutes from MQL to the owner's alert (Alerted_At__c); blank until alerted. */
export function minutesToAlertExpr(): Expr {
    return minutesBetweenExpr(FIELDS.mqlAt, FIELDS.alertedAt);
}

/** Minutes from the owner's alert to sales' first action; blank until both happened. */
export function minutesAlertToFirstActionExpr(): Expr {
    return minutesBetweenExpr(FIELDS.alertedAt, FIELDS.firstActionAt);
}
