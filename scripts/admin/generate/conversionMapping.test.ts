import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { checkConversionMapping } from './conversionMapping.ts';
import { generateAll, type GeneratedFile } from './index.ts';
import { LEAD_CONVERT_SETTINGS_PATH } from './leadConvert.ts';
import { OPPORTUNITY_FIELDS_DIR, conversionMappings } from './opportunity.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A temporary project holding the generated Lead and Opportunity fields and mapping, with `edit` applied to one file. */
function project(edit?: { path: string; change: (content: string) => string | null }): string {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-mapping-'));
    roots.push(root);
    const files: GeneratedFile[] = generateAll().filter(
        (f) =>
            f.path.includes('/objects/Lead/fields/') ||
            f.path.includes('/objects/Opportunity/fields/') ||
            f.path === LEAD_CONVERT_SETTINGS_PATH
    );
    for (const f of files) {
        const content = edit && f.path === edit.path ? edit.change(f.content) : f.content;
        if (content === null) continue;
        mkdirSync(dirname(join(root, f.path)), { recursive: true });
        writeFileSync(join(root, f.path), content);
    }
    return root;
}
const opp = (name: string): string => `${OPPORTUNITY_FIELDS_DIR}/${name}.field-meta.xml`;
const messages = (root: string): string[] => checkConversionMapping(root).map((f) => f.message);

describe('the lead-conversion mapping', () => {
    it('the committed project: every mapped Lead field has a compatible Opportunity target', () => {
        assert.deepEqual(checkConversionMapping(repoRoot), []);
    });

    it('maps the framework, every criterion, the SQL stamp, who qualified, and fit; never a formula', () => {
        const pairs = conversionMappings(SQL_DEFINITION);
        const criteria = SQL_DEFINITION.frameworks.flatMap((f) =>
            f.criteria.flatMap((c) => [`${c.key}_Status__c`, `${c.key}_Evidence__c`])
        );
        const expected = ['Qualification_Framework__c', ...new Set(criteria), 'SQL_At__c', 'SQL_Qualified_By__c', 'Fit_Score__c'];
        assert.deepEqual(
            pairs.map((p) => p.lead),
            expected
        );
        assert.equal(pairs.find((p) => p.lead === 'Fit_Score__c')?.opportunity, 'Fit_At_Conversion__c');
        assert.ok(!pairs.some((p) => p.lead === 'Intent_Score__c'), 'a formula cannot be mapped');
    });

    it('a clean generated tree passes', () => {
        assert.deepEqual(messages(project()), []);
    });

    it('fails when a target is missing', () => {
        const found = messages(project({ path: opp('Budget_Evidence__c'), change: () => null }));
        assert.deepEqual(found, [
            'Lead.Budget_Evidence__c is mapped to Opportunity.Budget_Evidence__c, which the project does not define.'
        ]);
    });

    it('fails when a target has another type', () => {
        const found = messages(project({ path: opp('SQL_At__c'), change: (c) => c.replace('<type>DateTime</type>', '<type>Date</type>') }));
        assert.deepEqual(found, ['Lead.SQL_At__c is DateTime but its target is Date (Opportunity.SQL_At__c).']);
    });

    it('fails when a number target is narrower', () => {
        const found = messages(
            project({ path: opp('Fit_At_Conversion__c'), change: (c) => c.replace('<precision>3</precision>', '<precision>2</precision>') })
        );
        assert.equal(found.length, 1);
        assert.match(found[0] ?? '', /Fit_Score__c is 3,0 but its target is only 2,0/);
    });

    it('fails when a picklist target lacks a value', () => {
        const found = messages(
            project({
                path: opp('Budget_Status__c'),
                change: (c) => c.replace(/<value>\s*<fullName>Disqualifying<\/fullName>[\s\S]*?<\/value>/, '')
            })
        );
        assert.deepEqual(found, [
            'Lead.Budget_Status__c has picklist values its target lacks: Disqualifying (Opportunity.Budget_Status__c).'
        ]);
    });

    it('fails when a lookup points elsewhere', () => {
        const found = messages(
            project({
                path: opp('SQL_Qualified_By__c'),
                change: (c) => c.replace('<referenceTo>User</referenceTo>', '<referenceTo>Contact</referenceTo>')
            })
        );
        assert.deepEqual(found, [
            'Lead.SQL_Qualified_By__c looks up User but its target looks up Contact (Opportunity.SQL_Qualified_By__c).'
        ]);
    });

    it('fails when a formula is mapped, or one target is filled twice', () => {
        const withIntent = messages(
            project({
                path: LEAD_CONVERT_SETTINGS_PATH,
                change: (c) =>
                    c.replace(
                        '<outputObject>',
                        '<mappingFields>\n<inputField>Intent_Score__c</inputField>\n<outputField>Intent_At_Conversion__c</outputField>\n</mappingFields>\n' +
                            '<mappingFields>\n<inputField>Need_Evidence__c</inputField>\n<outputField>Budget_Evidence__c</outputField>\n</mappingFields>\n<outputObject>'
                    )
            })
        );
        assert.ok(
            withIntent.some((m) => /Intent_Score__c is a formula field/.test(m)),
            withIntent.join('\n')
        );
        assert.ok(
            withIntent.includes('Opportunity.Budget_Evidence__c is filled by both Lead.Budget_Evidence__c and Lead.Need_Evidence__c.')
        );
    });

    it('fails when the mapping file is missing', () => {
        assert.deepEqual(messages(project({ path: LEAD_CONVERT_SETTINGS_PATH, change: () => null })), [
            'No LeadConvertSettings file: the opt-in conversion mapping is missing (npm run generate).'
        ]);
    });

    it('the mapping is opt-in: a LeadConvertSettings file under force-app is refused (a plain deploy would replace the org’s mapping)', () => {
        assert.equal(LEAD_CONVERT_SETTINGS_PATH, 'optional/lead-convert/LeadConvertSettings/LeadConvertSettings.LeadConvertSetting');
        const root = project();
        const shipped = 'force-app/main/default/LeadConvertSettings/LeadConvertSettings.LeadConvertSetting-meta.xml';
        mkdirSync(dirname(join(root, shipped)), { recursive: true });
        writeFileSync(join(root, shipped), readFileSync(join(root, LEAD_CONVERT_SETTINGS_PATH), 'utf8'));
        assert.deepEqual(checkConversionMapping(root), [
            {
                file: shipped,
                message: `LeadConvertSettings in force-app ships with every plain deploy and replaces the org's whole conversion mapping: it belongs in ${LEAD_CONVERT_SETTINGS_PATH} (opt-in).`
            }
        ]);
    });
});
