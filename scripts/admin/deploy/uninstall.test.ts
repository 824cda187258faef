/**
 * Uninstall: the manifests never delete lead data unless the admin asks for the field step by naming the
 * org twice; rules and flows are switched off, not deleted; the CLI writes the manifests and runs in order.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { main, OUT_DIR, parseUninstallArgs, readUninstallInput } from './uninstall';
import { buildUninstall, FIELD_STEP_TYPES, inactiveRuleBody, manifest } from './uninstallManifest';
import { deployFixture, recordingRunner, sfJson } from './testProject';

const DATA_TYPES = ['CustomField', 'CustomObject', 'StandardValueSet'];

const membersOf = (xml: string): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const t of xml.matchAll(/<types>([\s\S]*?)<\/types>/g)) {
        const name = /<name>([^<]+)<\/name>/.exec(t[1]!)![1]!;
        out[name] = [...t[1]!.matchAll(/<members>([^<]+)<\/members>/g)].map((m) => m[1]!);
    }
    return out;
};

describe('uninstall manifests', () => {
    const root = deployFixture();
    const input = readUninstallInput(root, false);

    it('by default delete code and configuration only: no field, object, value set, rule or flow', () => {
        const a = buildUninstall(input);
        const destructive: Record<string, string[]> = membersOf(a.remove.files['destructiveChangesPost.xml']!);
        assert.deepEqual(destructive, {
            ApexClass: ['LeadGateDashboardController', 'LeadGateDashboardController_Tests'],
            PermissionSet: ['LeadGate_Integration', 'LeadGate_SDR']
        });
        for (const t of [...DATA_TYPES, ...FIELD_STEP_TYPES]) assert.equal(Object.hasOwn(destructive, t), false, t);
        assert.equal(a.fields, null);
        assert.deepEqual(a.kept.CustomField, ['Lead.MQL_At__c']);
        assert.deepEqual(membersOf(a.remove.files['package.xml']!), {}, 'the deploy manifest beside the destructive one is empty');
        assert.match(a.remove.files['package.xml']!, /<version>65\.0<\/version>/);
    });

    it('switch the validation rules and flows off instead of deleting them', () => {
        const a = buildUninstall(input);
        assert.deepEqual(a.deactivate.members, {
            ValidationRule: ['Lead.LeadGate_Rejected_Needs_Reason'],
            FlowDefinition: ['LeadGate_Lead_Stage_Stamps']
        });
        const object = a.deactivate.files['objects/Lead.object']!;
        assert.equal(XMLValidator.validate(object), true);
        assert.match(object, /<validationRules>\s*<fullName>LeadGate_Rejected_Needs_Reason<\/fullName>\s*<active>false<\/active>/);
        assert.doesNotMatch(object, /<active>true<\/active>/);
        assert.match(object, /Choose a Rejection Reason &amp; try again\./, 'the rule keeps its formula and message');
        assert.match(
            a.deactivate.files['flowDefinitions/LeadGate_Lead_Stage_Stamps.flowDefinition']!,
            /<activeVersionNumber>0<\/activeVersionNumber>/
        );
        for (const content of Object.values(a.deactivate.files)) assert.equal(XMLValidator.validate(content), true);
        assert.throws(() => inactiveRuleBody('<CustomField/>', 'X'), /Not a validation rule file/);
    });

    it('list fields, rules, flows, the bypass, labels and custom objects only in the explicit field step', () => {
        const a = buildUninstall({
            ...readUninstallInput(root, true),
            components: { ...input.components, CustomObject: ['Lead', 'LeadGate_Funnel_Snapshot__c'] }
        });
        const fields = membersOf(a.fields!.files['destructiveChangesPost.xml']!);
        assert.deepEqual(fields, {
            CustomField: ['Lead.MQL_At__c'],
            CustomLabel: ['LG_Panel_Title'],
            CustomObject: ['LeadGate_Funnel_Snapshot__c'],
            CustomPermission: ['LeadGate_Bypass_Validation'],
            Flow: ['LeadGate_Lead_Stage_Stamps'],
            ValidationRule: ['Lead.LeadGate_Rejected_Needs_Reason']
        });
        assert.deepEqual(a.kept.CustomObject, ['Lead'], 'a standard object is never deleted');
    });

    it('write sorted, escaped manifests', () => {
        assert.equal(
            manifest({ B: ['z', 'a&b'], A: ['x'] }, '65.0'),
            '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n    <types>\n        <members>x</members>\n        <name>A</name>\n    </types>\n    <types>\n        <members>a&amp;b</members>\n        <members>z</members>\n        <name>B</name>\n    </types>\n    <version>65.0</version>\n</Package>\n'
        );
    });
});

describe('npm run org:uninstall', () => {
    it('refuses the field step unless the org alias is repeated in --confirm-data-loss', () => {
        const r = parseUninstallArgs(['--target-org', 'uat', '--remove-fields']);
        assert.ok('error' in r && /AND THEIR DATA.*--confirm-data-loss uat/s.test(r.error));
        assert.ok('error' in parseUninstallArgs(['--target-org', 'uat', '--remove-fields', '--confirm-data-loss', 'prod']));
        assert.ok('options' in parseUninstallArgs(['--target-org', 'uat', '--remove-fields', '--confirm-data-loss', 'uat']));
        assert.ok('error' in parseUninstallArgs([]), 'an org is required outside a dry run');
    });

    it('--dry-run writes the manifests for review and sends nothing', () => {
        const root = deployFixture();
        const runner = recordingRunner();
        const out: string[] = [];
        assert.equal(main(['--target-org', 'uat', '--dry-run'], { root, runner, log: (l) => out.push(l) }), 0);
        assert.equal(runner.calls.length, 0);
        assert.ok(existsSync(join(root, OUT_DIR, 'deactivate', 'package.xml')));
        assert.ok(existsSync(join(root, OUT_DIR, 'remove', 'destructiveChangesPost.xml')));
        assert.ok(!existsSync(join(root, OUT_DIR, 'fields')));
        assert.match(out.join('\n'), /fields step: {2}not requested \(fields and their data stay\)/);
    });

    it('runs login check, assignment removal, deactivation, then deletion, in that order', () => {
        const root = deployFixture();
        const runner = recordingRunner([
            {
                startsWith: 'sf org display',
                result: sfJson({ status: 0, result: { username: 'a@b.example', connectedStatus: 'Connected' } })
            }
        ]);
        const out: string[] = [];
        const code = main(['--target-org', 'uat', '--production'], {
            root,
            runner: (command, options) => {
                const r = runner(command, options);
                // The query writes the CSV the delete step reads: two assignments.
                if (command.args[1] === 'query') {
                    writeFileSync(join(root, OUT_DIR, 'assignments.csv'), 'Id\n0PaA\n0PaB\n');
                }
                return r;
            },
            log: (l) => out.push(l)
        });
        assert.equal(code, 0, out.join('\n'));
        assert.deepEqual(
            runner.calls.map((c) => c.command.args.slice(0, 3).join(' ')),
            ['org display --target-org', 'data query --query', 'data delete bulk', 'project deploy start', 'project deploy start']
        );
        assert.match(runner.calls[1]!.command.args[3]!, /PermissionSet\.Name IN \('LeadGate_Integration', 'LeadGate_SDR'\)/);
        assert.ok(runner.calls[3]!.command.args.includes(`${OUT_DIR}/deactivate`));
        assert.ok(runner.calls[4]!.command.args.includes('--post-destructive-changes'));
        assert.ok(runner.calls[4]!.command.args.includes('RunLocalTests'), 'deleting Apex in production runs the local tests');
        assert.equal(readFileSync(join(root, OUT_DIR, 'remove', 'package.xml'), 'utf8').includes('<types>'), false);
    });
});
