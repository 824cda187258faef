/**
 * Small SFDX projects in temp folders for the deploy tooling tests (never under force-app), and a recording
 * Runner that answers `sf` calls the way the CLI does, without an org.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Command, CommandResult, Runner } from './sf';

/** Temp folders made by this test run; removed when the process exits. */
const created: string[] = [];
process.on('exit', () => {
    for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

const classMeta = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

const permissionSet = (label: string) => `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>${label}</label>
</PermissionSet>
`;

const rule = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <active>true</active>
    <errorConditionFormula>AND(NOT($Permission.LeadGate_Bypass_Validation), ISPICKVAL(Status, "Rejected"), ISBLANK(TEXT(Rejection_Reason__c)))</errorConditionFormula>
    <errorDisplayField>Rejection_Reason__c</errorDisplayField>
    <errorMessage>Choose a Rejection Reason &amp; try again.</errorMessage>
</ValidationRule>
`;

export const ANCHOR = '2026-03-02T15:00:00.000Z';

/** A project with two classes (one a test), two permission sets, a Lead field, a rule, a flow, sample data and both opt-in packages. */
export function deployFixture(): string {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-deploy-'));
    created.push(root);
    const write = (p: string, content: string) => {
        mkdirSync(dirname(join(root, p)), { recursive: true });
        writeFileSync(join(root, p), content);
    };
    const d = 'force-app/main/default';
    write('sfdx-project.json', JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' }));
    write(`${d}/classes/LeadGateDashboardController.cls`, 'public with sharing class LeadGateDashboardController {\n}\n');
    write(`${d}/classes/LeadGateDashboardController.cls-meta.xml`, classMeta);
    write(`${d}/classes/LeadGateDashboardController_Tests.cls`, '@IsTest\nprivate class LeadGateDashboardController_Tests {\n}\n');
    write(`${d}/classes/LeadGateDashboardController_Tests.cls-meta.xml`, classMeta);
    write(`${d}/permissionsets/LeadGate_SDR.permissionset-meta.xml`, permissionSet('LeadGate SDR'));
    write(`${d}/permissionsets/LeadGate_Integration.permissionset-meta.xml`, permissionSet('LeadGate Integration'));
    write(
        `${d}/objects/Lead/fields/MQL_At__c.field-meta.xml`,
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <fullName>MQL_At__c</fullName>\n    <label>MQL At</label>\n    <type>DateTime</type>\n</CustomField>\n'
    );
    write(
        `${d}/objects/Lead/validationRules/LeadGate_Rejected_Needs_Reason.validationRule-meta.xml`,
        rule('LeadGate_Rejected_Needs_Reason')
    );
    write(
        `${d}/customPermissions/LeadGate_Bypass_Validation.customPermission-meta.xml`,
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomPermission xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Bypass</label>\n</CustomPermission>\n'
    );
    write(
        `${d}/flows/LeadGate_Lead_Stage_Stamps.flow-meta.xml`,
        '<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>65.0</apiVersion>\n    <label>Stamps</label>\n    <processType>AutoLaunchedFlow</processType>\n    <status>Active</status>\n</Flow>\n'
    );
    write(
        `${d}/labels/CustomLabels.labels-meta.xml`,
        '<?xml version="1.0" encoding="UTF-8"?>\n<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">\n    <labels>\n        <fullName>LG_Panel_Title</fullName>\n        <language>en_US</language>\n        <protected>false</protected>\n        <shortDescription>Title</shortDescription>\n        <value>Qualification</value>\n    </labels>\n</CustomLabels>\n'
    );
    write(
        'optional/lead-status/package.xml',
        '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"/>\n'
    );
    write(
        'optional/lead-convert/package.xml',
        '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata"/>\n'
    );
    write('data/sample-plan.json', JSON.stringify([{ sobject: 'Lead', saveRefs: true, resolveRefs: true, files: ['Lead.json'] }]));
    write(
        'data/Lead.json',
        JSON.stringify({
            records: [
                {
                    attributes: { type: 'Lead', referenceId: 'LeadRef1' },
                    LastName: 'Okafor',
                    Company: 'Acme',
                    MQL_At__c: '2026-03-02T14:55:00.000Z',
                    ConvertedDate: '2026-02-28',
                    NumberOfEmployees: 500
                }
            ]
        })
    );
    write('data/preview-extras.json', JSON.stringify({ anchor: ANCHOR }));
    return root;
}

export interface RecordedCall {
    command: Command;
    capture: boolean;
}

/**
 * A Runner that records every call and answers from `answers` (first matching prefix of the command line
 * wins); unmatched calls succeed with empty output.
 */
export function recordingRunner(
    answers: Array<{ startsWith: string; result: Partial<CommandResult> }> = []
): Runner & { calls: RecordedCall[] } {
    const calls: RecordedCall[] = [];
    const runner = ((command: Command, options: { capture: boolean }) => {
        calls.push({ command, capture: options.capture });
        const line = [command.program, ...command.args].join(' ');
        const hit = answers.find((a) => line.startsWith(a.startsWith));
        return { status: 0, stdout: '', stderr: '', ...(hit?.result ?? {}) };
    }) as Runner & { calls: RecordedCall[] };
    runner.calls = calls;
    return runner;
}

export const sfJson = (value: unknown): CommandResult => ({ status: 0, stdout: JSON.stringify(value), stderr: '' });
