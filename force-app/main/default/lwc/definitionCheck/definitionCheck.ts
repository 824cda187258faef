/**
 * Is a SQL definition meaningful? One pure check over the definition's values, shared by everything that
 * accepts a definition other than the committed one: `npm run generate` (a proposal must never become
 * metadata no lead can pass), the backtest's `--definition`, and any future form that edits the definition.
 *
 * `validateDefinition(def)` returns every problem as `{ key, message }`: `key` is the setting's path
 * (`bar.minIntent`, `fit.rules[id=competitor].points`), `message` says what is allowed, in plain words.
 * An empty list means the definition can be used. It never throws, whatever it is given, so a malformed
 * module or JSON proposal gets a list of problems rather than a crash.
 */
import type { SqlDefinition } from 'c/sqlDefinition';

export interface DefinitionProblem {
    /** Path of the setting, e.g. `bar.minIntent` or `intent.signals[id=demoRequest].points`. */
    key: string;
    message: string;
}

type Loose = Record<string, unknown>;

const FIT_KINDS = ['picklistIn', 'numberAtLeast', 'textIn', 'textHasWord', 'emailDomainIn', 'emailProviderIn'] as const;

/** The list each fit condition kind compares against (numberAtLeast compares `min`). */
const FIT_LIST_KEY: Record<string, string> = {
    picklistIn: 'values',
    textIn: 'values',
    textHasWord: 'words',
    emailDomainIn: 'domains',
    emailProviderIn: 'providers'
};

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** Longest criterion question or example: with the generated sentences around them they fit the 510-character inline help. */
export const CRITERION_TEXT_MAX = 150;
/** Longest rejection reason guidance (the picklist value's description). */
export const REASON_DESCRIPTION_MAX = 200;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value)));

/** Every problem of `def` (see the module comment); `[]` when it can be used. */
export function validateDefinition(def: SqlDefinition): DefinitionProblem[] {
    const problems: DefinitionProblem[] = [];
    const add = (key: string, message: string): void => {
        problems.push({ key, message });
    };
    const root: unknown = def;
    if (!isObject(root)) return [{ key: '(definition)', message: 'is not a definition object' }];

    /** A whole number from `min` up (and to `max` when given). */
    const wholeNumber = (key: string, value: unknown, min: number, what: string): void => {
        if (!Number.isInteger(value) || (value as number) < min)
            add(key, `is ${show(value)}: ${what} must be a whole number of at least ${min}`);
    };

    if (!isText(root.version)) add('version', 'must be a non-blank text such as "2026.5" (it is written into every generated description)');

    // Score ranges first: the bars and the points are checked against them.
    const ranges: Record<'fit' | 'intent', { min: number; max: number } | null> = { fit: null, intent: null };
    for (const part of ['fit', 'intent'] as const) {
        const section = root[part];
        if (!isObject(section)) {
            add(part, 'is missing: the definition needs its fit and intent sections');
            continue;
        }
        const range = section.range;
        if (!isObject(range) || !isNumber(range.min) || !isNumber(range.max)) add(`${part}.range`, 'must be { min, max } with two numbers');
        else if (range.min >= range.max) add(`${part}.range`, `is ${range.min} to ${range.max}: min must be below max`);
        else ranges[part] = { min: range.min, max: range.max };
    }

    const bar = root.bar;
    if (!isObject(bar)) add('bar', 'is missing: the SQL bar needs minFit and minIntent');
    else {
        for (const [key, part, score] of [
            ['minFit', 'fit', 'fit score'],
            ['minIntent', 'intent', 'intent score']
        ] as const) {
            const value = bar[key];
            const range = ranges[part];
            if (!isNumber(value)) add(`bar.${key}`, `is ${show(value)}: it must be a number`);
            else if (range && (value < range.min || value > range.max)) {
                add(
                    `bar.${key}`,
                    `is ${value}: it must be from ${range.min} to ${range.max}, the ${score} range (${
                        value > range.max ? 'no lead could ever clear it' : 'every lead would clear it'
                    })`
                );
            }
        }
    }

    const fit = root.fit;
    const fitSpan = ranges.fit ? ranges.fit.max - ranges.fit.min : null;
    if (isObject(fit)) {
        if (!Array.isArray(fit.rules)) add('fit.rules', 'must be a list of rules');
        else {
            const ids = new Set<string>();
            for (const [i, rule] of (fit.rules as unknown[]).entries()) {
                const at = isObject(rule) && isText(rule.id) ? `fit.rules[id=${rule.id}]` : `fit.rules[${i}]`;
                if (!isObject(rule)) {
                    add(at, 'must be a rule { id, label, points, when }');
                    continue;
                }
                if (!isText(rule.id)) add(at, 'needs an id');
                else if (ids.has(rule.id)) add(at, `repeats the id "${rule.id}": every rule needs its own`);
                else ids.add(rule.id);
                if (!isNumber(rule.points) || rule.points === 0)
                    add(`${at}.points`, `is ${show(rule.points)}: it must be a number other than 0`);
                else if (fitSpan !== null && Math.abs(rule.points) > fitSpan) {
                    add(`${at}.points`, `is ${rule.points}: it must be from -${fitSpan} to ${fitSpan}, the width of the fit score range`);
                }
                const when = rule.when;
                if (!isObject(when) || !FIT_KINDS.includes(when.kind as (typeof FIT_KINDS)[number])) {
                    add(`${at}.when.kind`, `is ${show(isObject(when) ? when.kind : when)}: it must be one of ${FIT_KINDS.join(', ')}`);
                    continue;
                }
                if (!isText(when.field)) add(`${at}.when.field`, 'must name a Lead field');
                if (when.kind === 'numberAtLeast') {
                    if (!isNumber(when.min)) add(`${at}.when.min`, `is ${show(when.min)}: it must be a number`);
                } else {
                    const listKey = FIT_LIST_KEY[when.kind as string] as string;
                    const list = when[listKey];
                    if (!Array.isArray(list) || list.length === 0 || !list.every(isText)) {
                        add(`${at}.when.${listKey}`, 'must be a list of at least one non-blank text');
                    }
                }
            }
        }
    }

    const intent = root.intent;
    const intentSpan = ranges.intent ? ranges.intent.max - ranges.intent.min : null;
    const signalIds = new Set<string>();
    if (isObject(intent)) {
        if (!isNumber(intent.halfLifeDays) || intent.halfLifeDays <= 0) {
            add('intent.halfLifeDays', `is ${show(intent.halfLifeDays)}: it must be a number of days above 0`);
        }
        if (!Array.isArray(intent.signals)) add('intent.signals', 'must be a list of signals');
        else {
            const fields = new Set<string>();
            for (const [i, signal] of (intent.signals as unknown[]).entries()) {
                const at = isObject(signal) && isText(signal.id) ? `intent.signals[id=${signal.id}]` : `intent.signals[${i}]`;
                if (!isObject(signal)) {
                    add(at, 'must be a signal { id, label, field, points }');
                    continue;
                }
                if (!isText(signal.id)) add(at, 'needs an id');
                else if (signalIds.has(signal.id.toLowerCase())) add(at, `repeats the id "${signal.id}" (ids are compared ignoring case)`);
                else signalIds.add(signal.id.toLowerCase());
                if (!isText(signal.field)) add(`${at}.field`, 'must name a Lead date-time field');
                else if (fields.has(signal.field)) add(`${at}.field`, `repeats ${signal.field}: each signal needs its own field`);
                else fields.add(signal.field);
                if (!isNumber(signal.points) || signal.points <= 0)
                    add(`${at}.points`, `is ${show(signal.points)}: it must be a number above 0`);
                else if (intentSpan !== null && signal.points > intentSpan) {
                    add(`${at}.points`, `is ${signal.points}: it must be at most ${intentSpan}, the width of the intent score range`);
                }
            }
        }
    }

    const intake = root.signalIntake;
    if (isObject(intake)) {
        if (!isNumber(intake.futureToleranceMinutes) || intake.futureToleranceMinutes < 0) {
            add(
                'signalIntake.futureToleranceMinutes',
                `is ${show(intake.futureToleranceMinutes)}: it must be a number of minutes, 0 or more`
            );
        }
        const responses = intake.campaignResponses;
        if (isObject(responses)) {
            for (const list of ['byNamePhrase', 'byType'] as const) {
                const entries = responses[list];
                if (!Array.isArray(entries)) continue;
                entries.forEach((entry: unknown, i) => {
                    const signal = isObject(entry) ? entry.signal : undefined;
                    if (
                        isObject(intent) &&
                        Array.isArray(intent.signals) &&
                        !(typeof signal === 'string' && signalIds.has(signal.toLowerCase()))
                    ) {
                        add(
                            `signalIntake.campaignResponses.${list}[${i}].signal`,
                            `is ${show(signal)}: it must be the id of one of intent.signals`
                        );
                    }
                });
            }
        }
    }

    const evidence = root.evidence;
    if (isObject(evidence))
        wholeNumber('evidence.minLettersAndDigits', evidence.minLettersAndDigits, 0, 'the evidence minimum (letters and digits)');
    const notes = root.notesRequiredFor;
    if (isObject(notes)) {
        wholeNumber('notesRequiredFor.minChars', notes.minChars, 0, 'the notes minimum');
        const reasons = Array.isArray(root.rejectionReasons) ? root.rejectionReasons : [];
        if (!reasons.some((reason: unknown) => isObject(reason) && reason.value === notes.reason)) {
            add('notesRequiredFor.reason', `is ${show(notes.reason)}: it must be one of the rejectionReasons values`);
        }
    }
    // Criteria texts: the rep reads the question and the example in the evidence field's inline help (510 characters
    // with the generated sentences around them, so each text stays within CRITERION_TEXT_MAX).
    if (Array.isArray(root.frameworks)) {
        for (const framework of root.frameworks as unknown[]) {
            if (!isObject(framework) || !Array.isArray(framework.criteria)) continue;
            for (const criterion of framework.criteria as unknown[]) {
                if (!isObject(criterion)) continue;
                const at = `frameworks[key=${String(framework.key)}].criteria[key=${String(criterion.key)}]`;
                for (const [field, what] of [
                    ['question', 'the question the rep answers'],
                    ['goodEvidence', 'the example of good evidence']
                ] as const) {
                    const text = criterion[field];
                    if (!isText(text)) add(`${at}.${field}`, `is ${show(text)}: write ${what}`);
                    else if (text.length > CRITERION_TEXT_MAX)
                        add(
                            `${at}.${field}`,
                            `is ${text.length} characters: keep ${what} to ${CRITERION_TEXT_MAX} (it is shown as inline help)`
                        );
                }
            }
        }
    }
    if (Array.isArray(root.rejectionReasons)) {
        for (const reason of root.rejectionReasons as unknown[]) {
            if (!isObject(reason)) continue;
            const at = `rejectionReasons[value=${String(reason.value)}]`;
            if (reason.recyclesTo !== 'Rejected' && reason.recyclesTo !== 'Nurture')
                add(
                    `${at}.recyclesTo`,
                    `is ${show(reason.recyclesTo)}: a rejected lead goes to "Rejected" or back to marketing as "Nurture"`
                );
            if (!isText(reason.description))
                add(`${at}.description`, `is ${show(reason.description)}: write the guidance shown beside the reason`);
            else if (reason.description.length > REASON_DESCRIPTION_MAX)
                add(`${at}.description`, `is ${reason.description.length} characters: keep the guidance to ${REASON_DESCRIPTION_MAX}`);
        }
    }
    for (const list of ['stages', 'frameworks', 'rejectionReasons'] as const) {
        if (!Array.isArray(root[list]) || (root[list] as unknown[]).length === 0) add(list, 'must be a list with at least one entry');
    }
    // What a BANT answer informs on the Opportunity's MEDDIC panel must name criteria of another framework.
    if (Array.isArray(root.frameworks)) {
        const frameworks = (root.frameworks as unknown[]).filter(isObject);
        const criteriaOf = (f: Record<string, unknown>): Array<Record<string, unknown>> => {
            return Array.isArray(f.criteria) ? (f.criteria as unknown[]).filter(isObject) : [];
        };
        for (const framework of frameworks) {
            const others = new Set(frameworks.filter((f) => f !== framework).flatMap((f) => criteriaOf(f).map((c) => String(c.key))));
            for (const criterion of criteriaOf(framework)) {
                if (criterion.informs === undefined) continue;
                const at = `frameworks[key=${String(framework.key)}].criteria[key=${String(criterion.key)}].informs`;
                if (!Array.isArray(criterion.informs)) add(at, 'must be a list of criterion keys of another framework');
                else
                    for (const key of criterion.informs as unknown[])
                        if (!others.has(String(key)))
                            add(
                                at,
                                `names ${show(key)}, which no other framework has: use a criterion key such as ${[...others][0] ?? 'Metrics'}`
                            );
            }
        }
    }
    const enterprise = root.enterprise;
    if (isObject(enterprise)) {
        for (const key of ['minEmployees', 'minAnnualRevenue'] as const) {
            if (!isNumber(enterprise[key]) || enterprise[key] < 0)
                add(`enterprise.${key}`, `is ${show(enterprise[key])}: it must be a number, 0 or more`);
        }
    }
    const sla = root.sla;
    if (isObject(sla) && (!isNumber(sla.minutes) || sla.minutes <= 0))
        add('sla.minutes', `is ${show(sla.minutes)}: it must be a number of minutes above 0`);
    if (Array.isArray(root.bands)) {
        for (const [i, band] of (root.bands as unknown[]).entries()) {
            const at = isObject(band) && isText(band.metric) ? `bands[metric=${band.metric}]` : `bands[${i}]`;
            if (!isObject(band)) {
                add(at, 'must be a band { metric, label, min, max, ... }');
                continue;
            }
            if (!isNumber(band.min) || band.min < 0 || band.min > 1)
                add(`${at}.min`, `is ${show(band.min)}: it must be a fraction from 0 to 1 (0.13 = 13 %)`);
            else if (band.max !== null && (!isNumber(band.max) || band.max < band.min || band.max > 1)) {
                add(`${at}.max`, `is ${show(band.max)}: it must be null or a fraction from min (${band.min}) to 1`);
            }
        }
    }
    if (Array.isArray(root.segments)) checkSegments(root.segments as unknown[], add);
    else add('segments', 'must be a list of segments (company size, industry group, region): restore it in the definition module');
    const inflation = root.inflation;
    if (isObject(inflation)) {
        if (!isNumber(inflation.volumeMultipleOfMedian) || inflation.volumeMultipleOfMedian <= 0) {
            add('inflation.volumeMultipleOfMedian', `is ${show(inflation.volumeMultipleOfMedian)}: it must be a number above 0`);
        }
        wholeNumber('inflation.minSqls', inflation.minSqls, 0, 'the SQL count');
    }
    return problems;
}

/** Longest segment label: the dashboard's segment picker shows it whole. */
export const SEGMENT_LABEL_MAX = 40;
/** Characters a segment value name cannot hold: the Definition page addresses each band or group by its name. */
const NAME_RESERVED = /[.[\]]/;

/** A segment's label, band lower bounds and band or group names (the member lists are the generator's to check). */
function checkSegments(segments: unknown[], add: (key: string, message: string) => void): void {
    for (const [i, segment] of segments.entries()) {
        const at = isObject(segment) && isText(segment.key) ? `segments[key=${segment.key}]` : `segments[${i}]`;
        if (!isObject(segment) || !isObject(segment.rule)) {
            add(at, 'must be a segment { key, label, field, rule, unknown, other }: restore it in the definition module');
            continue;
        }
        if (!isText(segment.label)) add(`${at}.label`, 'is blank: name the segment as the dashboard should show it');
        else if (segment.label.trim().length > SEGMENT_LABEL_MAX)
            add(`${at}.label`, `has ${segment.label.trim().length} characters: shorten it to at most ${SEGMENT_LABEL_MAX}`);
        const rule = segment.rule;
        const listKey = rule.kind === 'numberBands' ? 'bands' : 'groups';
        const list = rule[listKey];
        if (!Array.isArray(list) || list.length === 0) {
            add(
                `${at}.rule.${listKey}`,
                `must list at least one ${listKey === 'bands' ? 'band' : 'group'}: add one in the definition module`
            );
            continue;
        }
        const reserved = new Map<string, string>();
        for (const which of ['unknown', 'other'] as const) {
            if (isText(segment[which])) reserved.set(segment[which].trim().toLowerCase(), which);
        }
        const seen = new Set<string>();
        let previousMin: number | null = null;
        for (const [j, item] of (list as unknown[]).entries()) {
            const itemAt =
                isObject(item) && isText(item.value) ? `${at}.rule.${listKey}[value=${item.value}]` : `${at}.rule.${listKey}[${j}]`;
            if (!isObject(item)) {
                add(itemAt, `must be { value, ${listKey === 'bands' ? 'min' : 'values'} }`);
                continue;
            }
            const name = isText(item.value) ? item.value.trim().toLowerCase() : null;
            if (name === null) add(`${itemAt}.value`, 'is blank: give the value a name the dashboard can show');
            else if (NAME_RESERVED.test(String(item.value)))
                add(
                    `${itemAt}.value`,
                    `is ${show(item.value)}: leave out dots and square brackets, the Definition page finds the value by its name`
                );
            else if (reserved.has(name))
                add(
                    `${itemAt}.value`,
                    `is ${show(item.value)}, the segment's value for ${reserved.get(name) === 'unknown' ? 'a blank field' : 'a value no band or group lists'}: choose another name`
                );
            else if (seen.has(name)) add(`${itemAt}.value`, `is ${show(item.value)} twice in this segment: give each one its own name`);
            if (name !== null) seen.add(name);
            if (listKey !== 'bands') continue;
            const min = item.min;
            if (!Number.isInteger(min) || (min as number) < 0)
                add(`${itemAt}.min`, `is ${show(min)}: a band's lower bound must be a whole number, 0 or more`);
            else if (previousMin === null && min !== 0)
                add(`${itemAt}.min`, `is ${show(min)}: the first band must start at 0, so every lead with a number falls in a band`);
            else if (previousMin !== null && (min as number) <= previousMin)
                add(
                    `${itemAt}.min`,
                    `is ${show(min)}: enter more than the band before it (${previousMin}); bands go from the lowest bound up`
                );
            if (Number.isInteger(min)) previousMin = min as number;
        }
    }
}

/** The problems as one line each, `key: message`, for a terminal. */
export function describeProblems(problems: readonly DefinitionProblem[]): string {
    return problems.map((p) => `  ${p.key}: ${p.message}`).join('\n');
}
