/**
 * The settings of the SQL definition the definition studio edits, addressed by the same keys
 * `validateDefinition` reports problems under (`bar.minIntent`, `fit.rules[id=competitor].points`,
 * `bands[metric=mqlToSql].min`), with what each value means. Pure: no I/O, no platform imports.
 */
import type { Segment, SqlDefinition } from 'c/sqlDefinition';

/** One edited value: the setting's key and its new number (or text, for a text or a choice). */
export interface Edit {
    key: string;
    value: number | string;
}

export type SettingGroup = 'bar' | 'fit' | 'intent' | 'evidence' | 'sla' | 'bands' | 'criteria' | 'rejection' | 'segments';

/** What the form asks for: a number, a text, or one of `options`. */
export type SettingKind = 'number' | 'text' | 'choice';

export interface Setting {
    key: string;
    group: SettingGroup;
    label: string;
    /** What the value means, in plain words (the form's inline help). */
    help: string;
    kind: SettingKind;
    value: number | string;
    /** Input step of a number: 1 for whole numbers, 0.01 for band fractions (texts and choices: 0). */
    step: number;
    /** The values a choice allows. */
    options?: readonly string[];
    /** How a higher value moves the definition, when it does not depend on the leads (null: decided by the backtest). */
    higherMeans: 'looser' | 'stricter' | 'neutral' | null;
}

/** One step of a key: a property, or the element of a list whose `prop` equals `value`. */
type Step = { prop: string } | { prop: string; matchBy: string; matchValue: string };

const STEP = /^([A-Za-z_$][\w$]*)(?:\[([A-Za-z_$][\w$]*)=([^\]]+)\])?$/;

/** Splits `fit.rules[id=companySize].points` into its steps; throws on a key of another shape. */
export function parseKey(key: string): Step[] {
    return key.split('.').map((part) => {
        const m = STEP.exec(part);
        if (!m) throw new Error(`"${key}" is not a setting key (expected e.g. bar.minIntent or fit.rules[id=companySize].points)`);
        const [, prop, matchBy, matchValue] = m;
        return matchBy ? { prop: prop as string, matchBy, matchValue: matchValue as string } : { prop: prop as string };
    });
}

type Loose = Record<string, unknown>;

/** The value at `key`, or undefined when the definition has no such setting. */
export function valueAt(def: unknown, key: string): unknown {
    let node: unknown = def;
    for (const step of parseKey(key)) {
        if (typeof node !== 'object' || node === null) return undefined;
        node = (node as Loose)[step.prop];
        if ('matchBy' in step) {
            if (!Array.isArray(node)) return undefined;
            node = node.find(
                (el: unknown) => typeof el === 'object' && el !== null && String((el as Loose)[step.matchBy]) === step.matchValue
            );
        }
    }
    return node;
}

/** Every setting the studio edits, with its value in `def`. */
export function editableSettings(def: SqlDefinition): Setting[] {
    const fitRange = `${def.fit.range.min} to ${def.fit.range.max}`;
    const intentRange = `${def.intent.range.min} to ${def.intent.range.max}`;
    const settings: Setting[] = [
        {
            key: 'bar.minFit',
            group: 'bar',
            kind: 'number',
            label: 'Minimum fit score',
            help: `A lead must reach this fit score (${fitRange}) to be Sales Qualified. Lower lets more leads through.`,
            value: def.bar.minFit,
            step: 1,
            higherMeans: null
        },
        {
            key: 'bar.minIntent',
            group: 'bar',
            kind: 'number',
            label: 'Minimum intent score',
            help: `A lead must reach this intent score (${intentRange}, decayed over time) to be Sales Qualified. Lower lets more leads through.`,
            value: def.bar.minIntent,
            step: 1,
            higherMeans: null
        }
    ];
    for (const rule of def.fit.rules) {
        settings.push({
            key: `fit.rules[id=${rule.id}].points`,
            group: 'fit',
            kind: 'number',
            label: `${rule.label}: points`,
            help:
                rule.points >= 0
                    ? `Fit points a lead gets when this holds (${rule.when.field}). The fit score is the sum, kept within ${fitRange}.`
                    : `Points taken off (negative) when this holds (${rule.when.field}): a disqualifying sign. The fit score stays within ${fitRange}.`,
            value: rule.points,
            step: 1,
            higherMeans: null
        });
    }
    for (const signal of def.intent.signals) {
        settings.push({
            key: `intent.signals[id=${signal.id}].points`,
            group: 'intent',
            kind: 'number',
            label: `${signal.label}: points`,
            help: `Intent points of a fresh ${signal.label.toLowerCase()} (${signal.field}); they halve every half-life. Above 0, at most the intent range.`,
            value: signal.points,
            step: 1,
            higherMeans: null
        });
    }
    settings.push(
        {
            key: 'intent.halfLifeDays',
            group: 'intent',
            kind: 'number',
            label: 'Intent half-life (days)',
            help: 'After this many days a signal counts for half its points. Longer keeps old interest alive; must be above 0.',
            value: def.intent.halfLifeDays,
            step: 1,
            higherMeans: null
        },
        {
            key: 'evidence.minLettersAndDigits',
            group: 'evidence',
            kind: 'number',
            label: 'Evidence minimum (letters and digits)',
            help: 'A confirmed criterion needs written evidence with at least this many letters and digits (spaces and punctuation do not count). Lower accepts thinner evidence (looser).',
            value: def.evidence.minLettersAndDigits,
            step: 1,
            higherMeans: 'stricter'
        },
        {
            key: 'sla.minutes',
            group: 'sla',
            kind: 'number',
            label: 'Speed-to-lead SLA (minutes)',
            help: "Sales' first action on an MQL is due within this many minutes. Longer gives reps more time (looser).",
            value: def.sla.minutes,
            step: 1,
            higherMeans: 'looser'
        }
    );
    for (const band of def.bands) {
        settings.push({
            key: `bands[metric=${band.metric}].min`,
            group: 'bands',
            kind: 'number',
            label: `${band.label}: healthy from`,
            help: `Lowest healthy ${band.label} rate, as a fraction (0.13 = 13 %). The dashboard reads a team below it as: ${band.below}`,
            value: band.min,
            step: 0.01,
            higherMeans: 'neutral'
        });
        if (band.max !== null)
            settings.push({
                key: `bands[metric=${band.metric}].max`,
                group: 'bands',
                kind: 'number',
                label: `${band.label}: healthy up to`,
                help: `Highest healthy ${band.label} rate, as a fraction. Above it the dashboard reads: ${band.above}`,
                value: band.max,
                step: 0.01,
                higherMeans: 'neutral'
            });
    }
    for (const framework of def.frameworks) {
        for (const criterion of framework.criteria) {
            const at = `frameworks[key=${framework.key}].criteria[key=${criterion.key}]`;
            settings.push(
                {
                    key: `${at}.question`,
                    group: 'criteria',
                    kind: 'text',
                    label: `${framework.label} ${criterion.label}: question`,
                    help: `The question the rep answers for ${criterion.label}; shown as the inline help of its status and evidence fields.`,
                    value: criterion.question,
                    step: 0,
                    higherMeans: 'neutral'
                },
                {
                    key: `${at}.goodEvidence`,
                    group: 'criteria',
                    kind: 'text',
                    label: `${framework.label} ${criterion.label}: example of good evidence`,
                    help: 'An example sentence of evidence that confirms the criterion, shown beside the question ("e.g. ...").',
                    value: criterion.goodEvidence,
                    step: 0,
                    higherMeans: 'neutral'
                }
            );
        }
    }
    for (const reason of def.rejectionReasons) {
        const at = `rejectionReasons[value=${reason.value}]`;
        settings.push(
            {
                key: `${at}.recyclesTo`,
                group: 'rejection',
                kind: 'choice',
                options: RECYCLE_TARGETS,
                label: `${reason.value}: where the lead goes`,
                help: 'Rejected ends the lead; Nurture hands it back to marketing, which keeps nurturing it. Either way the rejection counts.',
                value: reason.recyclesTo,
                step: 0,
                higherMeans: 'neutral'
            },
            {
                key: `${at}.description`,
                group: 'rejection',
                kind: 'text',
                label: `${reason.value}: guidance`,
                help: 'Shown to the rep beside the reason, and the picklist value description in the org.',
                value: reason.description,
                step: 0,
                higherMeans: 'neutral'
            }
        );
    }
    for (const segment of def.segments) settings.push(...segmentSettings(segment));
    return settings;
}

/** How many members a group's help names before "and N more". */
const MEMBERS_SHOWN = 6;

/**
 * A segment's label, and each band's lower bound and name or each group's name. The member lists of a group are not
 * edited here (they are long lists kept in the definition module).
 */
function segmentSettings(segment: Segment): Setting[] {
    const at = `segments[key=${segment.key}]`;
    const text = (key: string, label: string, help: string, value: string): Setting => ({
        key,
        group: 'segments',
        kind: 'text',
        label,
        help,
        value,
        step: 0,
        higherMeans: 'neutral'
    });
    const reservedNote = `unique in the segment and not "${segment.unknown}" or "${segment.other}"`;
    const settings = [
        text(
            `${at}.label`,
            `${segment.label}: name`,
            'What the dashboard calls this cut of the funnel (at most 40 characters).',
            segment.label
        )
    ];
    const rule = segment.rule;
    if (rule.kind === 'numberBands') {
        for (const [i, band] of rule.bands.entries()) {
            const bandAt = `${at}.rule.bands[value=${band.value}]`;
            const next = rule.bands[i + 1];
            settings.push(
                {
                    key: `${bandAt}.min`,
                    group: 'segments',
                    kind: 'number',
                    label: `${segment.label} "${band.value}": from`,
                    help: `Leads with at least this many ${rule.field} fall in this band${next ? `, up to the next band's lower bound (${next.min})` : ''}. The first band starts at 0; each bound is above the one before.`,
                    value: band.min,
                    step: 1,
                    higherMeans: 'neutral'
                },
                text(
                    `${bandAt}.value`,
                    `${segment.label} "${band.value}": name`,
                    `What the lead is stamped with and the dashboard shows for this band; ${reservedNote}.`,
                    band.value
                )
            );
        }
    } else {
        for (const group of rule.groups) {
            const shown = group.values.slice(0, MEMBERS_SHOWN).join(', ');
            const more = group.values.length > MEMBERS_SHOWN ? ` and ${group.values.length - MEMBERS_SHOWN} more` : '';
            settings.push(
                text(
                    `${at}.rule.groups[value=${group.value}].value`,
                    `${segment.label} "${group.value}": name`,
                    `What a lead whose ${rule.field} is ${shown}${more} is stamped with; ${reservedNote}. The list itself is edited in the definition module.`,
                    group.value
                )
            );
        }
    }
    return settings;
}

/** Where a rejected lead can go (RejectionReason.recyclesTo). */
export const RECYCLE_TARGETS: readonly string[] = ['Rejected', 'Nurture'];

/** A copy of `def` with the edits applied; an unknown key or a non-number value is refused with the key named. */
export function applyEdits(def: SqlDefinition, edits: readonly Edit[]): SqlDefinition {
    const known = new Map(editableSettings(def).map((s) => [s.key, s]));
    const copy = structuredClone(def);
    const writes: Array<{ parent: Loose; prop: string; value: number | string }> = [];
    for (const edit of edits) {
        const setting = known.get(edit.key);
        if (!setting) throw new Error(`${edit.key}: the studio does not edit this setting`);
        if (setting.kind === 'number' && (typeof edit.value !== 'number' || Number.isNaN(edit.value)))
            throw new Error(`${edit.key}: enter a number`);
        if (setting.kind !== 'number' && typeof edit.value !== 'string') throw new Error(`${edit.key}: enter a text`);
        if (setting.kind === 'choice' && !(setting.options ?? []).includes(edit.value as string))
            throw new Error(`${edit.key}: choose one of ${(setting.options ?? []).join(', ')}`);
        const steps = parseKey(edit.key);
        const last = steps[steps.length - 1] as Step;
        // Found before any edit is written: a band renamed in the same batch is still found by its saved name.
        writes.push({ parent: valueAt(copy, steps.slice(0, -1).map(stepText).join('.')) as Loose, prop: last.prop, value: edit.value });
    }
    for (const w of writes) w.parent[w.prop] = w.value;
    return copy;
}

const stepText = (step: Step): string => ('matchBy' in step ? `${step.prop}[${step.matchBy}=${step.matchValue}]` : step.prop);

/** The edits that differ from `def` (edits setting a value to what it already is are dropped). */
export function effectiveEdits(def: SqlDefinition, edits: readonly Edit[]): Edit[] {
    const last = new Map<string, number | string>();
    for (const e of edits) last.set(e.key, e.value);
    return [...last].filter(([key, value]) => valueAt(def, key) !== value).map(([key, value]) => ({ key, value }));
}

const RENAME = /^(.*)\[value=([^\]]+)\]\.value$/;

/**
 * `problems` of `applyEdits(saved, edits)` under the keys the page's fields carry: the edited definition names a
 * renamed band or group by its new name (or by its place, when the new name is blank), the page by its saved name.
 */
export function problemsAtSavedKeys<P extends { key: string }>(saved: SqlDefinition, problems: readonly P[], edits: readonly Edit[]): P[] {
    const renames: Array<{ from: string; to: string }> = [];
    for (const edit of edits) {
        const m = RENAME.exec(edit.key);
        if (!m || typeof edit.value !== 'string' || edit.value === m[2]) continue;
        const [, list, name] = m as unknown as [string, string, string];
        const to = `${list}[value=${name}]`;
        renames.push({ from: `${list}[value=${edit.value}]`, to });
        const items = valueAt(saved, list);
        const place = Array.isArray(items) ? items.findIndex((el: unknown) => (el as Loose | null)?.value === name) : -1;
        if (place >= 0) renames.push({ from: `${list}[${place}]`, to });
    }
    return problems.map((p) => {
        const r = renames.find(({ from }) => p.key === from || p.key.startsWith(`${from}.`));
        return r ? { ...p, key: r.to + p.key.slice(r.from.length) } : p;
    });
}

/** The next revision's version: the last number part plus one ("2026.4" -> "2026.5", "3" -> "4"). */
export function nextVersion(version: string): string {
    const m = /^(.*?)(\d+)$/.exec(version.trim());
    if (!m) return `${version.trim()}.1`;
    return `${m[1]}${Number(m[2]) + 1}`;
}
