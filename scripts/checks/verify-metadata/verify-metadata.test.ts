/**
 * Each check of the metadata gate, fed the good fixture project (__fixtures__/good) with ONE planted fault,
 * must fail naming the file at fault and a fix; the untouched fixture must pass every check.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    REPO_ROOT,
    checkConvert,
    checkFieldReferences,
    checkLeadConversionMapping,
    checkLwcBundles,
    checkSourceClaimed,
    checkXmlWellFormed,
    formatFinding,
    formulaReferences,
    runChecks,
    type CheckResult
} from './checks';

const GOOD = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'good');
const SRC = 'force-app/main/default';
const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh copy of the good fixture, with `plant` applied to it. */
function project(plant: (root: string) => void = () => {}): string {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-verify-'));
    temps.push(root);
    cpSync(GOOD, root, { recursive: true });
    plant(root);
    return root;
}

const edit = (root: string, file: string, change: (text: string) => string): void => {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const after = change(before);
    assert.notEqual(after, before, `the planted fault must change ${file}`);
    writeFileSync(path, after);
};

/** The check failed, exactly one finding names `file`, and every finding says how to fix it. */
function assertNames(result: CheckResult, file: string, messagePart?: RegExp): void {
    assert.ok(result.findings.length > 0, `expected a finding for ${file}, got none`);
    const named = result.findings.filter((f) => f.file === file);
    assert.equal(named.length, 1, `expected one finding naming ${file}, got: ${result.findings.map(formatFinding).join(' | ')}`);
    for (const finding of result.findings) assert.ok(finding.fix.length > 10, `finding without a fix: ${formatFinding(finding)}`);
    if (messagePart) assert.match(named[0]?.message ?? '', messagePart);
}

describe('the good fixture project', () => {
    test('passes every check, including sf project convert source', () => {
        const runs = runChecks(project());
        for (const run of runs)
            assert.deepEqual(run.result.findings.map(formatFinding), [], `${run.check.title} should pass on the good tree`);
        const summary = runs.map((r) => r.result.summary).join('; ');
        assert.match(summary, /10 XML files well-formed/);
        assert.match(summary, /1 LWC bundles/);
        assert.match(summary, /wrote 10 components/);
    });
});

describe('XML is well-formed', () => {
    test('an unclosed tag in a permission set fails with its file and line', () => {
        const file = `${SRC}/permissionsets/LeadGate_SDR.permissionset-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('<readable>true</readable>', '<readable>true')));
        const result = checkXmlWellFormed(root);
        // The parser reports the line where it meets the mismatched closing tag, and where the element opened.
        assertNames(result, file, /malformed XML at line 7, column \d+: .*opened in line 6/);
        assert.equal(result.findings[0]?.line, 7);
    });
});

describe('source-deploy-retrieve claims every file', () => {
    test('a .validationRule.xml without -meta fails, and the fix is the rename', () => {
        const from = `${SRC}/objects/Lead/validationRules/Budget_Evidence_Required.validationRule-meta.xml`;
        const to = `${SRC}/objects/Lead/validationRules/Budget_Evidence_Required.validationRule.xml`;
        const root = project((r) => renameSync(join(r, from), join(r, to)));
        const result = checkSourceClaimed(root);
        assertNames(result, to);
        assert.match(result.findings[0]?.fix ?? '', /rename it to Budget_Evidence_Required\.validationRule-meta\.xml/);
    });

    test('a typo in a metadata folder name fails and suggests the right folder', () => {
        const root = project((r) => renameSync(join(r, `${SRC}/objects`), join(r, `${SRC}/objets`)));
        const result = checkSourceClaimed(root);
        assertNames(result, `${SRC}/objets/Lead/fields/Budget_Status__c.field-meta.xml`);
        assert.match(result.findings[0]?.fix ?? '', /typo of "objects"/);
    });

    test('a metadata file without its source fails and says which file to add', () => {
        const file = `${SRC}/classes/LeadBadgeController.cls-meta.xml`;
        const root = project((r) => unlinkSync(join(r, `${SRC}/classes/LeadBadgeController.cls`)));
        const result = checkSourceClaimed(root);
        assertNames(result, file);
        assert.match(result.findings[0]?.fix ?? '', /add LeadBadgeController\.cls beside it/);
    });

    test('an Apex class without its -meta.xml fails (sf would drop it silently)', () => {
        const root = project((r) => unlinkSync(join(r, `${SRC}/classes/LeadBadgeController.cls-meta.xml`)));
        assertNames(checkSourceClaimed(root), `${SRC}/classes/LeadBadgeController.cls`, /has no metadata file/);
    });
});

describe('LWC bundles are complete', () => {
    test('a bundle without its .js-meta.xml fails naming the missing file', () => {
        const file = `${SRC}/lwc/leadBadge/leadBadge.js-meta.xml`;
        const root = project((r) => unlinkSync(join(r, file)));
        assertNames(checkLwcBundles(root), file, /no leadBadge\.js-meta\.xml/);
    });

    test('a bundle without its emitted .js fails and says to build', () => {
        const file = `${SRC}/lwc/leadBadge/leadBadge.js`;
        const root = project((r) => unlinkSync(join(r, file)));
        const result = checkLwcBundles(root);
        assertNames(result, file);
        assert.match(result.findings[0]?.fix ?? '', /npm run build/);
    });

    test('a bundle without its TypeScript source fails', () => {
        const file = `${SRC}/lwc/leadBadge/leadBadge.ts`;
        const root = project((r) => unlinkSync(join(r, file)));
        assertNames(checkLwcBundles(root), file, /no TypeScript source/);
    });

    test('a stray file that would deploy inside a bundle fails', () => {
        const file = `${SRC}/lwc/leadBadge/notes.txt`;
        const root = project((r) => writeFileSync(join(r, file), 'todo'));
        assertNames(checkLwcBundles(root), file, /accepts only/);
    });
});

describe('referenced fields exist', () => {
    test('a permission set naming a field that does not exist fails', () => {
        const file = `${SRC}/permissionsets/LeadGate_SDR.permissionset-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('Lead.Budget_Evidence__c', 'Lead.Budget_Evidense__c')));
        const result = checkFieldReferences(root);
        assertNames(result, file, /Lead\.Budget_Evidense__c: field Lead\.Budget_Evidense__c does not exist/);
        assert.equal(result.findings[0]?.line, 10);
        assert.match(result.findings[0]?.fix ?? '', /npm run generate/);
    });

    test('a validation rule referencing a missing field fails', () => {
        const file = `${SRC}/objects/Lead/validationRules/Budget_Evidence_Required.validationRule-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('NOT(Budget_Confirmed__c)', 'NOT(Budget_Verified__c)')));
        assertNames(checkFieldReferences(root), file, /validation rule formula references Lead\.Budget_Verified__c/);
    });

    test("a validation rule's errorDisplayField naming a missing field fails", () => {
        const file = `${SRC}/objects/Lead/validationRules/Budget_Evidence_Required.validationRule-meta.xml`;
        const root = project((r) =>
            edit(r, file, (t) => t.replace('<errorDisplayField>Budget_Evidence__c', '<errorDisplayField>Budget_Notes__c'))
        );
        assertNames(checkFieldReferences(root), file, /errorDisplayField references Lead\.Budget_Notes__c/);
    });

    test('a validation rule using a custom permission that does not exist fails', () => {
        const file = `${SRC}/objects/Lead/validationRules/Budget_Evidence_Required.validationRule-meta.xml`;
        const root = project((r) =>
            edit(r, file, (t) => t.replace('$Permission.LeadGate_Bypass_Validation', '$Permission.LeadGate_Bypass'))
        );
        assertNames(checkFieldReferences(root), file, /\$Permission\.LeadGate_Bypass,/);
    });

    test('an LWC @salesforce/schema import of a missing field fails', () => {
        const file = `${SRC}/lwc/leadBadge/leadBadge.ts`;
        const root = project((r) => edit(r, file, (t) => t.replace('Lead.Budget_Status__c', 'Lead.Budget_State__c')));
        assertNames(checkFieldReferences(root), file, /@salesforce\/schema import references Lead\.Budget_State__c/);
    });

    test('an LWC schema import through a relationship that does not exist fails', () => {
        const file = `${SRC}/lwc/leadBadge/leadBadge.ts`;
        const root = project((r) => edit(r, file, (t) => t.replace('Lead.Owner.Name', 'Lead.Manager.Name')));
        assertNames(checkFieldReferences(root), file, /relationship Lead\.Manager has no lookup field Lead\.ManagerId/);
    });

    test('a formula field referencing a missing field fails', () => {
        const file = `${SRC}/objects/Lead/fields/Budget_Confirmed__c.field-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('TRIM(Budget_Evidence__c)', 'TRIM(Budget_Proof__c)')));
        assertNames(checkFieldReferences(root), file, /formula references Lead\.Budget_Proof__c/);
    });

    test('a layout item naming a missing field fails', () => {
        const file = `${SRC}/layouts/Lead-LeadGate Lead Layout.layout-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('<field>Budget_Status__c', '<field>Budget_Stage__c')));
        assertNames(checkFieldReferences(root), file, /layout item references Lead\.Budget_Stage__c/);
    });

    test('a flexipage field instance naming a missing field fails', () => {
        const file = `${SRC}/flexipages/Lead_Record.flexipage-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('Record.Budget_Evidence__c', 'Record.Budget_Text__c')));
        assertNames(checkFieldReferences(root), file, /flexipage field references Lead\.Budget_Text__c/);
    });

    test('a misspelt standard field fails and points at the standard field lists', () => {
        const file = `${SRC}/layouts/Lead-LeadGate Lead Layout.layout-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('<field>Company', '<field>Compnay')));
        const result = checkFieldReferences(root);
        assertNames(result, file, /Lead\.Compnay does not exist/);
        assert.match(result.findings[0]?.fix ?? '', /standard field lists/);
    });

    test('formula tokens skip functions, literals, comments and $globals', () => {
        assert.deepEqual(
            formulaReferences('IF(AND(ISPICKVAL(Status, "A_Field__c"), $User.Id = OwnerId, 1.5e3 > Score__c /* Hidden__c */), TRUE, NULL)'),
            ['Status', 'OwnerId', 'Score__c']
        );
        assert.deepEqual(formulaReferences("Owner:User.Name & 'x' & TEXT(Rating)"), ['Owner:User.Name', 'Rating']);
    });
});

describe('the lead-conversion mapping is opt-in and type-safe', () => {
    const settings = (pairs: Array<[string, string]>): string =>
        [
            '<?xml version="1.0" encoding="UTF-8" ?>',
            '<LeadConvertSettings xmlns="http://soap.sforce.com/2006/04/metadata">',
            '    <objectMapping>',
            '        <inputObject>Lead</inputObject>',
            ...pairs.map(
                ([lead, opp]) => `        <mappingFields><inputField>${lead}</inputField><outputField>${opp}</outputField></mappingFields>`
            ),
            '        <outputObject>Opportunity</outputObject>',
            '    </objectMapping>',
            '</LeadConvertSettings>',
            ''
        ].join('\n');
    const plantMapping = (root: string, path: string, pairs: Array<[string, string]>): void => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), settings(pairs));
    };

    test('a project without a mapping has nothing to check', () => {
        const result = checkLeadConversionMapping(project());
        assert.deepEqual(result.findings, []);
        assert.match(result.summary, /no lead-conversion mapping/);
    });

    test('a mapping in force-app, where a plain deploy would replace the org mapping, fails naming the file', () => {
        const file = `${SRC}/LeadConvertSettings/LeadConvertSettings.LeadConvertSetting-meta.xml`;
        const root = project((r) => plantMapping(r, file, [['Budget_Evidence__c', 'Budget_Evidence__c']]));
        assertNames(checkLeadConversionMapping(root), file, /replaces the org's whole conversion mapping/);
    });

    test('an opt-in mapping to an Opportunity field that does not exist fails', () => {
        const file = 'optional/lead-convert/LeadConvertSettings/LeadConvertSettings.LeadConvertSetting';
        const root = project((r) => plantMapping(r, file, [['Budget_Evidence__c', 'Budget_Evidence__c']]));
        const result = checkLeadConversionMapping(root);
        assert.ok(result.findings.length > 0, 'expected a finding');
        assert.ok(result.findings.every((f) => f.file === file && f.fix.length > 10));
        assert.match(result.findings.map((f) => f.message).join(' | '), /Budget_Evidence__c/);
    });
});

describe('sf project convert source succeeds', () => {
    test('a .forceignore that lets TypeScript through fails, naming the leaked file in the converted package', () => {
        const root = project((r) => edit(r, '.forceignore', (t) => t.replace('**/*.ts\n', '')));
        assertNames(checkConvert(root), 'build/mdapi/lwc/leadBadge/leadBadge.ts', /reached the converted package/);
    });
});

describe('the verify:metadata command', () => {
    test('prints file, message and fix for each finding and exits 1', () => {
        const file = `${SRC}/objects/Lead/fields/Budget_Evidence__c.field-meta.xml`;
        const root = project((r) => edit(r, file, (t) => t.replace('</label>', '')));
        const run = spawnSync(
            process.execPath,
            ['--import', 'tsx', join(REPO_ROOT, 'scripts/checks/verify-metadata/verify-metadata.ts'), '--root', root, '--only', 'xml,lwc'],
            {
                cwd: REPO_ROOT,
                encoding: 'utf8'
            }
        );
        assert.equal(run.status, 1, run.stderr);
        assert.match(
            run.stdout,
            new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+: malformed XML at line \\d+, column \\d+: .+\\. Fix: .+\\.$`, 'm')
        );
        assert.match(run.stdout, /^verify:metadata: 1 problem \(10 XML files well-formed; 1 LWC bundles .*\) in \d+\.\d s$/m);
    });
});
