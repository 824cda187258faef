/**
 * The words the SQL definition shows to reps and managers, each with a stable id.
 *
 * The definition (c/sqlDefinition) stays the one source of the English text. `npm run generate` turns every entry
 * listed here into a Custom Label `LeadGate_Def_<id>` (force-app/main/default/labels/LeadGateDefinition.labels-meta.xml)
 * and writes c/definitionLabels, which imports those labels and hands components `shownDefinition(...)`: the same
 * definition with each of these strings replaced by the label's value in the user's language.
 *
 * Not listed, on purpose (docs/DECISIONS.md): picklist values (rejection reason values, buying-committee role labels,
 * Lead Status), which the platform translates through its own picklist translations; stage meanings, role
 * descriptions and alert titles, which only generated metadata (descriptions, flows) carries.
 *
 * Pure: no platform imports, so Node scripts (the generator, tests) import it too.
 */
import type { SqlDefinition } from 'c/sqlDefinition';

/** One shown string: where it sits in the definition, its label id, what it is (the label's description). */
export interface DefinitionText {
    /** Stable id; the Custom Label is `LeadGate_Def_<id>`. */
    id: string;
    /** Property path inside the definition, e.g. `['fit', 'rules', 0, 'label']`. */
    path: ReadonlyArray<string | number>;
    /** The English text, as the definition holds it. */
    text: string;
    /** What the text is, for translators (becomes the label's short description). */
    about: string;
}

export const DEFINITION_LABEL_PREFIX = 'LeadGate_Def_';

/** Letters and digits of a key, joined by single underscores (a Custom Label name never holds spaces or `__`). */
const idPart = (value: string): string =>
    value
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .replace(/_+/g, '_');

/** The text id of a criterion's name, question or example within a framework. */
export const criterionTextId = (frameworkKey: string, criterionKey: string, part: 'Label' | 'Question' | 'Example'): string =>
    `Criterion_${idPart(frameworkKey)}_${idPart(criterionKey)}_${part}`;

/** The Custom Label name for a text id. Throws, naming the id, when the platform would refuse the name. */
export function definitionLabelName(id: string): string {
    const name = DEFINITION_LABEL_PREFIX + id;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || name.includes('__') || name.endsWith('_') || name.length > 80) {
        throw new Error(
            `The definition text id "${id}" makes the Custom Label name "${name}", which the platform refuses (letters, digits and single underscores, at most 80 characters). Shorten or rename the key in the definition.`
        );
    }
    return name;
}

/** Every string of the definition that a rep or manager sees on screen, in definition order. */
export function definitionTexts(def: SqlDefinition): DefinitionText[] {
    const out: DefinitionText[] = [];
    const add = (id: string, path: ReadonlyArray<string | number>, text: string, about: string): void => {
        out.push({ id, path, text, about });
    };
    def.frameworks.forEach((framework, f) => {
        const fw = idPart(framework.key);
        add(`Framework_${fw}`, ['frameworks', f, 'label'], framework.label, `Name of the ${framework.key} qualification framework.`);
        framework.criteria.forEach((criterion, c) => {
            const at = ['frameworks', f, 'criteria', c];
            const id = (part: 'Label' | 'Question' | 'Example') => criterionTextId(framework.key, criterion.key, part);
            add(id('Label'), [...at, 'label'], criterion.label, `${framework.key} criterion name (${criterion.key}).`);
            add(id('Question'), [...at, 'question'], criterion.question, `Question the rep answers for ${framework.key} ${criterion.key}.`);
            add(
                id('Example'),
                [...at, 'goodEvidence'],
                criterion.goodEvidence,
                `Example of good evidence for ${framework.key} ${criterion.key}.`
            );
        });
    });
    def.fit.rules.forEach((rule, i) => {
        add(`Fit_${idPart(rule.id)}`, ['fit', 'rules', i, 'label'], rule.label, `Fit rule shown in the score card (${rule.id}).`);
    });
    def.intent.signals.forEach((signal, i) => {
        add(
            `Signal_${idPart(signal.id)}`,
            ['intent', 'signals', i, 'label'],
            signal.label,
            `Intent signal shown in the score card (${signal.id}).`
        );
    });
    def.rejectionReasons.forEach((reason, i) => {
        add(
            `Reason_${idPart(reason.value)}_Hint`,
            ['rejectionReasons', i, 'description'],
            reason.description,
            `Guidance beside the rejection reason ${reason.value}.`
        );
    });
    def.sla.buckets.forEach((bucket, i) => {
        add(`Sla_Bucket_${i + 1}`, ['sla', 'buckets', i, 'label'], bucket.label, `Speed-to-lead bucket ${i + 1} on the dashboard.`);
    });
    def.segments.forEach((segment, i) => {
        add(
            `Segment_${idPart(segment.key)}`,
            ['segments', i, 'label'],
            segment.label,
            `Name of the ${segment.key} segment the dashboard filters and breaks down by.`
        );
    });
    def.bands.forEach((band, i) => {
        const stem = `Band_${idPart(band.metric)}`;
        add(stem, ['bands', i, 'label'], band.label, `Name of the ${band.metric} benchmark on the dashboard.`);
        add(`${stem}_Below`, ['bands', i, 'below'], band.below, `Reading when ${band.metric} is below its band.`);
        add(`${stem}_Within`, ['bands', i, 'within'], band.within, `Reading when ${band.metric} is within its band.`);
        add(`${stem}_Above`, ['bands', i, 'above'], band.above, `Reading when ${band.metric} is above its band.`);
    });
    return out;
}

/**
 * The definition as a user sees it: a copy whose shown strings come from `textOf(id)` (a label lookup), each
 * falling back to the definition's English when the lookup has nothing. Every rule, key and number is unchanged,
 * so scoring and readiness on the copy give the same results as on the definition.
 */
export function shownDefinition(def: SqlDefinition, textOf: (id: string) => string | undefined): SqlDefinition {
    const copy = JSON.parse(JSON.stringify(def)) as SqlDefinition;
    for (const entry of definitionTexts(def)) {
        const shown = textOf(entry.id);
        if (shown === undefined || shown === '') continue;
        let target: unknown = copy;
        for (const step of entry.path.slice(0, -1)) target = (target as Record<string | number, unknown>)[step];
        (target as Record<string | number, unknown>)[entry.path[entry.path.length - 1] as string | number] = shown;
    }
    return copy;
}
