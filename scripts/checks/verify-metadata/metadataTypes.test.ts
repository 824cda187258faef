/**
 * The Metadata API type check: the types come from @salesforce/types (not typed by hand), the shipped metadata passes,
 * and each kind of planted fault in a temp copy of this project (never in force-app) fails at its file and line.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { REPO_ROOT, checkMetadataTypes, formatFinding, type CheckResult } from './checks';
import { LENGTH_LIMITS, measured } from './lengthLimits';
import { loadMetadataTypes } from './metadataTypes';

const SRC = 'force-app/main/default';
const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temp copy of this project's metadata (sfdx-project.json, force-app, optional). */
function projectCopy(): string {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-types-'));
    temps.push(root);
    for (const part of ['sfdx-project.json', 'force-app', 'optional']) cpSync(join(REPO_ROOT, part), join(root, part), { recursive: true });
    return root;
}

/** Replaces the first `find` in a file of the copy; returns the 1-based line of the change. */
function plant(root: string, file: string, find: string | RegExp, replacement: string): number {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const match = typeof find === 'string' ? { index: text.indexOf(find), 0: find } : find.exec(text);
    assert.ok(match && (match.index ?? -1) >= 0, `cannot plant: ${String(find)} is not in ${file} any more; update the test`);
    const at = match.index ?? 0;
    writeFileSync(path, text.slice(0, at) + replacement + text.slice(at + match[0].length));
    return text.slice(0, at).split('\n').length;
}

describe('Metadata API types from @salesforce/types', () => {
    const types = loadMetadataTypes();

    test('CustomLabel: elements in WSDL order (fullName from Metadata first), required ones, types', () => {
        const label = types.complex.get('CustomLabel');
        assert.ok(label);
        assert.deepEqual(
            label.elements.map((e) => `${e.name}${e.required ? '!' : ''}:${e.type.kind}`),
            ['fullName:string', 'categories:string', 'language!:string', 'protected!:boolean', 'shortDescription!:string', 'value!:string']
        );
        const labels = types.complex.get('CustomLabels')?.byName.get('labels');
        assert.deepEqual(labels && { many: labels.many, type: labels.type }, {
            many: true,
            type: { kind: 'complex', name: 'CustomLabel' }
        });
    });

    test('enumerations are the string-literal unions; inherited elements keep their declaring type', () => {
        const sharing = types.complex.get('CustomObject')?.byName.get('sharingModel')?.type;
        assert.equal(sharing?.kind, 'enum');
        assert.ok(sharing?.kind === 'enum' && sharing.values.includes('Private') && sharing.values.includes('ControlledByParent'));
        assert.equal(types.complex.get('StandardValue')?.byName.get('label')?.declaredIn, 'CustomValue');
        assert.deepEqual(
            types.complex.get('ReportFolder')?.elements.map((e) => e.name),
            types.complex.get('Folder')?.elements.map((e) => e.name)
        );
    });

    test('API-name limits count the name without namespace and suffix', () => {
        const field = LENGTH_LIMITS['CustomField.fullName']!;
        assert.equal(measured('Lead.Budget_Evidence__c', field), 'Budget_Evidence');
        assert.equal(measured('ns__Budget__c', field), 'Budget');
        assert.equal(measured('A description', LENGTH_LIMITS['CustomField.description']!), 'A description');
    });
});

describe('the shipped metadata and planted faults', () => {
    let clean: CheckResult;
    let planted: CheckResult;
    const lines: Record<string, number> = {};
    const files = {
        field: `${SRC}/objects/Lead/fields/Accepted_At__c.field-meta.xml`,
        rule: `${SRC}/objects/Lead/validationRules/LeadGate_Rejected_Needs_Reason.validationRule-meta.xml`,
        object: `${SRC}/objects/LeadGate_Funnel_Snapshot__c/LeadGate_Funnel_Snapshot__c.object-meta.xml`,
        labels: `${SRC}/labels/CustomLabels.labels-meta.xml`,
        valueSet: 'optional/lead-status/standardValueSets/LeadStatus.standardValueSet'
    };

    before(() => {
        clean = checkMetadataTypes(projectCopy());
        const root = projectCopy();
        lines.unknownElement = plant(root, files.field, '<inlineHelpText>', '<inlineHelpTxt>');
        plant(root, files.field, '</inlineHelpText>', '</inlineHelpTxt>');
        lines.badEnum = plant(root, files.object, /<sharingModel>\w+<\/sharingModel>/, '<sharingModel>private</sharingModel>');
        // The first label loses <protected> and gets a long short description.
        plant(root, files.labels, /\n\s*<protected>false<\/protected>/, '');
        lines.firstLabel =
            readFileSync(join(root, files.labels), 'utf8')
                .split('\n')
                .findIndex((l) => l.includes('<labels>')) + 1;
        lines.longShortDescription = plant(
            root,
            files.labels,
            /<shortDescription>[^<]*<\/shortDescription>/,
            `<shortDescription>${'x'.repeat(81)}</shortDescription>`
        );
        lines.outOfOrder = plant(root, files.rule, /\n\s*<active>true<\/active>/, '');
        plant(root, files.rule, '</errorConditionFormula>', '</errorConditionFormula>\n    <active>true</active>');
        lines.outOfOrder =
            readFileSync(join(root, files.rule), 'utf8')
                .split('\n')
                .findIndex((l) => l.includes('<active>')) + 1;
        lines.longErrorMessage = plant(
            root,
            files.rule,
            /<errorMessage>[^<]*<\/errorMessage>/,
            `<errorMessage>${'é'.repeat(256)}</errorMessage>`
        );
        lines.badBoolean = plant(root, files.valueSet, /<default>false<\/default>/, '<default>no</default>');
        planted = checkMetadataTypes(root);
    });

    test('every metadata file in force-app and optional/ passes', () => {
        assert.deepEqual(clean.findings.map(formatFinding), []);
        assert.match(clean.summary, /^\d{3} metadata files checked against the Metadata API types/);
    });

    test('each planted fault fails at its file and line, and nothing else does', () => {
        const got = planted.findings.map((f) => `${f.file}:${f.line}: ${f.message}`).sort();
        const want = [
            `${files.field}:${lines.unknownElement}: <inlineHelpTxt> is not an element of CustomField in the Metadata API`,
            `${files.object}:${lines.badEnum}: <sharingModel> is "private", which is not a SharingModel value the Metadata API accepts`,
            `${files.labels}:${lines.longShortDescription}: Custom Label short description is 81 characters; the platform allows at most 80 (<shortDescription> of CustomLabel)`,
            `${files.rule}:${lines.outOfOrder}: <active> comes after <errorConditionFormula>, but ValidationRule declares its elements in this order: fullName, active, description, errorConditionFormula, errorDisplayField, errorMessage`,
            `${files.rule}:${lines.longErrorMessage}: validation rule error message is 256 characters; the platform allows at most 255 (<errorMessage> of ValidationRule)`,
            `${files.valueSet}:${lines.badBoolean}: <default> is "no" but StandardValue.default is a boolean`,
            `${files.labels}:${lines.firstLabel}: CustomLabel requires <protected>, which is missing`
        ];
        assert.deepEqual(got, want.sort());
        for (const f of planted.findings) assert.ok(f.fix.length > 5, `no fix in ${formatFinding(f)}`);
        assert.match(planted.findings.find((f) => f.message.includes('"private"'))!.fix, /use "Private"/);
        assert.match(planted.findings.find((f) => f.message.includes('inlineHelpTxt'))!.fix, /did you mean <inlineHelpText>\?/);
    });
});
