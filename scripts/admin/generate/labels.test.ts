/**
 * Every word the definition shows is a Custom Label, and every label has a German translation.
 *
 * - The definition's data is walked: each string under a key that holds words for people (label, question, ...) is
 *   either listed by definitionTexts (so it becomes a LeadGate_Def_ label and components read it through
 *   c/definitionLabels) or is one of the few strings only metadata carries (NOT_ON_SCREEN, each with its reason).
 * - shownDefinition swaps exactly those strings and nothing else, so scoring on it is scoring on the definition.
 * - data/translations/de.json translates every label of both labels files, keeping each {n} placeholder.
 * Each check is also run on a planted fault (a dropped text, a missing translation, a lost placeholder, ...).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { definitionLabelName, definitionTexts, shownDefinition, type DefinitionText } from 'c/definitionText';
import { scoreLead, readiness } from 'c/leadScoring';
import {
    COMPONENT_LABELS_PATH,
    DEFINITION_LABELS_PATH,
    REPO_ROOT,
    definitionLabels,
    readLabelFile,
    readLanguageSources,
    translationGaps,
    translationPath,
    leadFieldTranslations,
    fieldTranslationDir,
    type LabelEntry,
    type LanguageSource
} from './labels.ts';

/** Keys whose string values are words for people, wherever they sit in the definition. */
const WORDS_KEYS = new Set(['label', 'question', 'goodEvidence', 'description', 'meaning', 'below', 'within', 'above', 'title']);

/** Strings under those keys that no component shows, and why (docs/DECISIONS.md). */
const NOT_ON_SCREEN: ReadonlyArray<{ path: RegExp; why: string }> = [
    { path: /^stages\.\d+\.meaning$/, why: 'the Lead Status value descriptions in generated metadata' },
    { path: /^committee\.roles\.\d+\.label$/, why: 'a Role__c picklist value: translated by the platform picklist translation' },
    { path: /^committee\.roles\.\d+\.description$/, why: 'the Role__c picklist value description in generated metadata' },
    { path: /^alerts\./, why: 'custom notification texts sent by the generated flows' }
];

type Leaf = { path: string; value: string };

function wordLeaves(value: unknown, path: Array<string | number> = []): Leaf[] {
    if (typeof value === 'string') {
        const key = path[path.length - 1];
        return typeof key === 'string' && WORDS_KEYS.has(key) ? [{ path: path.join('.'), value }] : [];
    }
    if (Array.isArray(value)) return value.flatMap((v, i) => wordLeaves(v, [...path, i]));
    if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => wordLeaves(v, [...path, k]));
    return [];
}

/** Words in the definition that are neither a label nor known to stay in metadata. */
function wordsWithoutLabel(def: SqlDefinition, texts: readonly DefinitionText[]): string[] {
    const labelled = new Set(texts.map((t) => t.path.join('.')));
    return wordLeaves(def)
        .filter((leaf) => !labelled.has(leaf.path) && !NOT_ON_SCREEN.some((n) => n.path.test(leaf.path)))
        .map((leaf) => leaf.path);
}

const valueAt = (def: unknown, path: ReadonlyArray<string | number>): unknown =>
    path.reduce<unknown>((v, step) => (v as Record<string | number, unknown>)[step], def);

/** Every {n} placeholder of a label text, sorted. */
const placeholders = (text: string): string[] => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

function placeholderMismatches(all: readonly LabelEntry[], source: LanguageSource): string[] {
    return all
        .filter((l) => l.name in source.labels)
        .filter((l) => placeholders(l.value).join() !== placeholders(source.labels[l.name] as string).join())
        .map((l) => l.name);
}

const allLabels = (): LabelEntry[] => [
    ...readLabelFile(REPO_ROOT, COMPONENT_LABELS_PATH),
    ...readLabelFile(REPO_ROOT, DEFINITION_LABELS_PATH)
];
const german = (): LanguageSource => {
    const de = readLanguageSources(REPO_ROOT).find((s) => s.language === 'de');
    assert.ok(de, 'data/translations/de.json is missing');
    return de;
};

describe('the definition shows only labelled words', () => {
    const texts = definitionTexts(SQL_DEFINITION);

    it('lists every word on screen: nothing under a words key is left unlabelled', () => {
        assert.deepEqual(wordsWithoutLabel(SQL_DEFINITION, texts), []);
        assert.ok(texts.length > 50, `only ${texts.length} texts listed`);
    });

    it('catches a shown word that is not listed (planted: one text dropped from the list)', () => {
        const dropped = texts.find((t) => t.path.join('.') === 'fit.rules.0.label');
        assert.ok(dropped);
        assert.deepEqual(
            wordsWithoutLabel(
                SQL_DEFINITION,
                texts.filter((t) => t !== dropped)
            ),
            ['fit.rules.0.label']
        );
    });

    it('catches a new kind of shown word added to the definition (planted: a band with a hint)', () => {
        const planted = JSON.parse(JSON.stringify(SQL_DEFINITION)) as SqlDefinition & { bands: Array<{ title?: string }> };
        (planted.bands[0] as { title?: string }).title = 'How fast leads move';
        assert.deepEqual(wordsWithoutLabel(planted, definitionTexts(planted)), ['bands.0.title']);
    });

    it('each listed text is the definition value at its path, with a valid, unique label name', () => {
        for (const t of texts) assert.equal(valueAt(SQL_DEFINITION, t.path), t.text, t.id);
        const names = texts.map((t) => definitionLabelName(t.id));
        assert.equal(new Set(names).size, names.length);
    });

    it('the generated labels file holds exactly these labels, values and descriptions within limits', () => {
        const onDisk = readLabelFile(REPO_ROOT, DEFINITION_LABELS_PATH);
        assert.deepEqual(onDisk, definitionLabels(SQL_DEFINITION));
        for (const l of onDisk) {
            assert.ok(l.description.length > 0 && l.description.length <= 80, `${l.name}: description ${l.description.length} chars`);
            assert.ok(l.value.length <= 1000, `${l.name}: value too long`);
        }
    });

    it('refuses a key that makes an invalid label name, saying what to do', () => {
        assert.throws(() => definitionLabelName('Fit_a__b'), /refuses .*Shorten or rename the key/);
        assert.throws(() => definitionLabelName(`Fit_${'x'.repeat(80)}`), /at most 80 characters/);
        const twice = JSON.parse(JSON.stringify(SQL_DEFINITION)) as SqlDefinition;
        twice.fit.rules.push({ ...(twice.fit.rules[0] as SqlDefinition['fit']['rules'][number]) });
        assert.throws(() => definitionLabels(twice), /share the label LeadGate_Def_Fit_targetIndustry/);
    });
});

describe('shownDefinition', () => {
    const texts = definitionTexts(SQL_DEFINITION);
    const shown = shownDefinition(SQL_DEFINITION, (id) => `<${id}>`);

    it('takes every listed word from the lookup', () => {
        for (const t of texts) assert.equal(valueAt(shown, t.path), `<${t.id}>`, t.id);
    });

    it('changes nothing else: every other value is the same and scoring gives the same result', () => {
        const textPaths = new Set(texts.map((t) => t.path.join('.')));
        const leaves = (v: unknown, path: string[] = []): Array<[string, unknown]> =>
            v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, c]) => leaves(c, [...path, k])) : [[path.join('.'), v]];
        const before = leaves(SQL_DEFINITION).filter(([p]) => !textPaths.has(p));
        const after = leaves(shown).filter(([p]) => !textPaths.has(p));
        assert.deepEqual(after, before);
        const lead = { Qualification_Framework__c: 'BANT', Industry: 'Technology', Title: 'VP Sales', Status: 'Sales Accepted' };
        const now = '2026-06-01T00:00:00Z';
        assert.equal(scoreLead(lead, now, shown).fit, scoreLead(lead, now).fit);
        assert.deepEqual(
            readiness(lead, now, shown).blockers.map((b) => b.kind),
            readiness(lead, now).blockers.map((b) => b.kind)
        );
    });

    it('keeps the English when a label has no value (the org always has one; this guards a missing import)', () => {
        assert.deepEqual(
            shownDefinition(SQL_DEFINITION, () => undefined),
            SQL_DEFINITION
        );
    });
});

describe('German translation', () => {
    it('translates every label of both labels files, and nothing that is not a label', () => {
        const all = allLabels();
        assert.ok(all.length > 300);
        assert.deepEqual(translationGaps(all, german()), { missing: [], unknown: [] });
    });

    it('catches a label without translation and a translation of no label (planted faults)', () => {
        const de = german();
        const labels: Record<string, string> = { ...de.labels, LG_Gone_Label: 'Weg' };
        delete labels.LeadGate_Def_Fit_targetIndustry;
        delete labels.LG_Panel_Save;
        assert.deepEqual(translationGaps(allLabels(), { ...de, labels }), {
            missing: ['LG_Panel_Save', 'LeadGate_Def_Fit_targetIndustry'],
            unknown: ['LG_Gone_Label']
        });
    });

    it('keeps every {n} placeholder of the English text', () => {
        assert.deepEqual(placeholderMismatches(allLabels(), german()), []);
        const planted = { ...german(), labels: { ...german().labels, LG_Panel_Stage: 'Phase' } };
        assert.deepEqual(placeholderMismatches(allLabels(), planted), ['LG_Panel_Stage']);
    });

    it('the generated translation file carries every German text', () => {
        const xml = new XMLParser({ parseTagValue: false }).parse(readFileSync(join(REPO_ROOT, translationPath('de')), 'utf8')) as {
            Translations: { customLabels: Array<{ name: string; label: string }> };
        };
        const inFile = Object.fromEntries(xml.Translations.customLabels.map((c) => [c.name, c.label]));
        assert.deepEqual(inFile, german().labels);
    });
});

describe('German Lead field labels and help', () => {
    const fields = leadFieldTranslations(SQL_DEFINITION, german());

    it('cover the framework and every criterion status and evidence field, from the German labels', () => {
        const criteria = new Set(SQL_DEFINITION.frameworks.flatMap((f) => f.criteria.map((c) => c.key)));
        assert.deepEqual(
            fields.map((f) => f.name).sort(),
            ['Qualification_Framework__c', ...[...criteria].flatMap((k) => [`${k}_Status__c`, `${k}_Evidence__c`])].sort()
        );
        const authority = fields.find((f) => f.name === 'Authority_Evidence__c');
        assert.equal(authority?.label, 'Nachweis Entscheidungsbefugnis');
        assert.ok(authority?.help.startsWith(german().labels.LeadGate_Def_Criterion_BANT_Authority_Question as string));
        assert.match(authority?.help ?? '', /mindestens 20 Buchstaben und Ziffern/);
        assert.match(fields[0]?.help ?? '', /1\.000\+ Mitarbeiter/);
        for (const f of fields) assert.doesNotMatch(f.help, /\{\d+\}/, `${f.name} has an unfilled placeholder`);
    });

    it('the generated files carry them', () => {
        for (const f of fields) {
            const xml = readFileSync(join(REPO_ROOT, fieldTranslationDir('de'), `${f.name}.fieldTranslation-meta.xml`), 'utf8');
            const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as { CustomFieldTranslation: Record<string, string> };
            assert.deepEqual(parsed.CustomFieldTranslation, { help: f.help, label: f.label, name: f.name });
        }
    });

    it('refuses a field label over 40 characters and a missing label translation (planted faults)', () => {
        const long = { ...german(), labels: { ...german().labels, LG_Panel_EvidenceSuffix: 'Ein sehr langer Nachweis zum Kriterium {0}' } };
        assert.throws(() => leadFieldTranslations(SQL_DEFINITION, long), /over the 40 characters a field label holds/);
        const labels: Record<string, string> = { ...german().labels };
        delete labels.LeadGate_Def_Criterion_BANT_Need_Question;
        assert.throws(
            () => leadFieldTranslations(SQL_DEFINITION, { ...german(), labels }),
            /no translation of LeadGate_Def_Criterion_BANT_Need_Question/
        );
    });
});
