/**
 * A label's value follows the page user's language (`?lang=de` writes `language: "de"` into the page context): the
 * translation when the language has one, else the label's own value, as the org falls back. `@salesforce/i18n/lang`
 * and `/locale` follow the same language.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelInUserLanguage, pageContext, userLanguageTag } from './context.ts';

// pageContext() reads the page's context element on its first call, which comes after this.
const page = { language: 'de' };
(globalThis as { document?: unknown }).document = {
    getElementById: (id: string) => (id === 'leadgate-context' ? { textContent: JSON.stringify(page) } : null)
};

describe('labels and i18n in the user language', () => {
    it('reads the language from the page context', () => {
        assert.equal(pageContext().language, 'de');
    });
    it('shows the translation into the user language, and the label value when that language has none', () => {
        assert.equal(labelInUserLanguage('Save', { de: 'Speichern', fr: 'Enregistrer' }), 'Speichern');
        assert.equal(labelInUserLanguage('Save', { fr: 'Enregistrer' }), 'Save');
        assert.equal(labelInUserLanguage('Save', {}), 'Save');
    });
    it('gives BCP 47 tags for lang and locale', () => {
        assert.equal(userLanguageTag('lang'), 'de');
        assert.equal(userLanguageTag('locale'), 'de-DE');
    });
});
