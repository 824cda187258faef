/**
 * A user whose language is German (`?lang=de`, preview/server/http.ts) sees the qualification panel, the score card
 * and the coaching dashboard in German: no text on screen is the English value of a Custom Label that German
 * translates differently (the components' labels and the definition's LeadGate_Def_ labels alike).
 *
 * The same check on the English page must find many English labels: that proves it can fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { leadId, resetData, signInAs } from './support.ts';

const ROOT = join(__dirname, '..');
const LABEL_FILES = ['CustomLabels.labels-meta.xml', 'LeadGateDefinition.labels-meta.xml'];

/** English value of every label whose German text differs (a label German keeps as is, like "BANT", proves nothing). */
function labelsGermanChanges(): Array<{ name: string; english: string }> {
    const parser = new XMLParser({ parseTagValue: false });
    const german = JSON.parse(readFileSync(join(ROOT, 'data', 'translations', 'de.json'), 'utf8')) as { labels: Record<string, string> };
    return LABEL_FILES.flatMap((file) => {
        const xml = parser.parse(readFileSync(join(ROOT, 'force-app', 'main', 'default', 'labels', file), 'utf8')) as {
            CustomLabels: { labels: Array<{ fullName: string; value: string }> };
        };
        return xml.CustomLabels.labels
            .filter((l) => german.labels[l.fullName] !== undefined && german.labels[l.fullName] !== l.value)
            .map((l) => ({ name: l.fullName, english: String(l.value) }));
    });
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Lines of `text` that show an English label: a whole line that is the label (its {n} filled with anything; labels with
 * at least 4 letters of their own, so "{0} d" is not every line ending in d), or, for labels with at least 15 letters
 * of their own, the label anywhere in a line.
 */
function englishLabelsIn(text: string, labels: ReadonlyArray<{ name: string; english: string }>): string[] {
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const found: string[] = [];
    for (const label of labels) {
        const parts = label.english.split(/\{\d+\}/);
        const pattern = parts.map(escape).join('.+?');
        const ownLetters = parts.join('').replace(/[^\p{L}]/gu, '').length;
        const whole = ownLetters >= 4 ? new RegExp(`^${pattern}$`) : null;
        const inside = ownLetters >= 15 ? new RegExp(pattern) : null;
        const line = lines.find((l) => (whole !== null && whole.test(l)) || (inside !== null && inside.test(l)));
        if (line !== undefined) found.push(`${label.name}: "${line}"`);
    }
    return found;
}

const LABELS = labelsGermanChanges();

async function shownText(page: Page, parts: Locator[]): Promise<string> {
    const texts = await Promise.all(parts.map((p) => p.innerText()));
    return texts.join('\n');
}

async function openLeadIn(page: Page, key: string, lang: string | null): Promise<Locator[]> {
    await page.goto(`/lead/${leadId(key)}${lang ? `?lang=${lang}` : ''}`);
    const panel = page.locator('c-qualification-panel');
    await expect(panel.locator('[data-id="stage"]')).toBeVisible();
    const scoreCard = page.locator('c-lead-score-card');
    await expect(scoreCard.locator('[data-id="ledger"]')).toBeVisible();
    return [panel, scoreCard, page.locator('c-speed-to-lead-clock')];
}

test.describe('a German-speaking user', () => {
    test.beforeEach(async ({ request }) => {
        await resetData(request);
    });

    test('sees the qualification panel and the score card of a BANT and a MEDDIC lead in German', async ({ page, context, baseURL }) => {
        expect(LABELS.length).toBeGreaterThan(300);
        await signInAs(context, baseURL ?? '', 'SDR');
        for (const key of ['bant-mql-partial', 'meddic-enterprise']) {
            const parts = await openLeadIn(page, key, 'de');
            await expect(page.locator('html')).toHaveAttribute('lang', 'de');
            // German words from both kinds of label: a component label and a definition one.
            await expect(parts[0] as Locator).toContainText('Qualifizierung');
            await expect(parts[1] as Locator).toContainText('Wie sich der Score zusammensetzt', { ignoreCase: true });
            expect(englishLabelsIn(await shownText(page, parts), LABELS), `English on the German page of ${key}`).toEqual([]);
        }
        await expect(page.locator('c-lead-score-card')).toContainText('Demo-Anfrage');
    });

    test('sees the coaching dashboard in German', async ({ page, context, baseURL }) => {
        await signInAs(context, baseURL ?? '', 'Manager');
        await page.goto('/dashboard?lang=de');
        const dashboard = page.locator('c-coaching-dashboard');
        await expect(dashboard.locator('[data-id="chain"]')).toBeVisible({ timeout: 30_000 });
        await expect(dashboard.locator('[data-id="reps"]')).toBeVisible();
        await expect(dashboard).toContainText('Im Vergleich zu den Richtwerten');
        await expect(dashboard).toContainText('MQL-Annahmequote');
        // A revision's summary is the revisions log's text, written by whoever revised the definition: data, not a label.
        const summaries = await dashboard.locator('[data-id="revision-summary"]').allInnerTexts();
        expect(summaries.length).toBeGreaterThan(0);
        const shown = summaries.reduce((text, summary) => text.split(summary).join(''), await shownText(page, [dashboard]));
        expect(englishLabelsIn(shown, LABELS), 'English on the German dashboard').toEqual([]);
    });

    test('the check finds the English labels on the English pages (it can fail)', async ({ page, context, baseURL }) => {
        await signInAs(context, baseURL ?? '', 'SDR');
        const found = englishLabelsIn(await shownText(page, await openLeadIn(page, 'bant-mql-partial', null)), LABELS);
        expect(found.length).toBeGreaterThan(20);
        expect(found.some((f) => f.startsWith('LeadGate_Def_Fit_'))).toBe(true);
        expect(found.some((f) => f.startsWith('LG_Panel_'))).toBe(true);
    });
});
