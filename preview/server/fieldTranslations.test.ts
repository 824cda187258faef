/** Object info in the user's language: translated fields get their German label and help, every other field keeps its own. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readFieldTranslations, translateObjectInfo } from './fieldTranslations.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('field translations in object info', () => {
    it('reads the generated German Lead field translations, and nothing for a language without them', () => {
        const de = readFieldTranslations(ROOT, 'Lead', 'de');
        assert.equal(de.get('Budget_Status__c')?.label, 'Status Budget');
        assert.match(de.get('Budget_Evidence__c')?.help ?? '', /^Ist dafür Geld eingeplant/);
        assert.equal(readFieldTranslations(ROOT, 'Lead', 'fr').size, 0);
    });

    it('replaces label and help of translated fields only, and keeps a field without help without help', () => {
        const body = {
            apiName: 'Lead',
            fields: {
                Budget_Status__c: { apiName: 'Budget_Status__c', label: 'Budget Status', inlineHelpText: 'Is money set aside?' },
                Industry: { apiName: 'Industry', label: 'Industry', inlineHelpText: null },
                Need_Status__c: { apiName: 'Need_Status__c', label: 'Need Status', inlineHelpText: null }
            }
        };
        const translations = new Map([
            ['Budget_Status__c', { label: 'Status Budget', help: 'Ist Geld eingeplant?' }],
            ['Need_Status__c', { label: 'Status Bedarf', help: 'Hilfe' }]
        ]);
        assert.deepEqual(translateObjectInfo(body, translations), {
            apiName: 'Lead',
            fields: {
                Budget_Status__c: { apiName: 'Budget_Status__c', label: 'Status Budget', inlineHelpText: 'Ist Geld eingeplant?' },
                Industry: { apiName: 'Industry', label: 'Industry', inlineHelpText: null },
                Need_Status__c: { apiName: 'Need_Status__c', label: 'Status Bedarf', inlineHelpText: null }
            }
        });
        assert.equal(translateObjectInfo(body, new Map()), body);
    });
});
