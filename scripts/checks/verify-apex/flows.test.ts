/**
 * Flow checks on planted faults: LeadGate's own flow rules (no DML or Apex in a before-save flow, $Record
 * fields exist, no hard-coded Ids, well-formed XML) and Salesforce's Flow Scanner (user data into a
 * without-sharing delete).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf, formatFindingLine, verifyApex } from './checks';
import { checkFlowSource, idChecksum, looksLikeRecordId, runFlowScanner } from './flows';
import { loadSchema } from './schema';
import { beforeSaveFlow, FLOWS_DIR, fixtureProject, INSECURE_SCREEN_FLOW, PRETTIER_CONFIG } from './testProject';

const schema = loadSchema(fixtureProject({}).root);
const messages = (xml: string): string[] => checkFlowSource(xml, schema).map((p) => `${p.line}: ${p.message}`);

const CREATE_TASK = `
    <recordCreates>
        <name>Create_Follow_Up</name>
        <label>Create Follow Up</label>
        <locationX>176</locationX>
        <locationY>400</locationY>
        <inputAssignments>
            <field>Subject</field>
            <value>
                <stringValue>Call</stringValue>
            </value>
        </inputAssignments>
        <object>Task</object>
    </recordCreates>
    <actionCalls>
        <name>Notify</name>
        <label>Notify</label>
        <locationX>176</locationX>
        <locationY>500</locationY>
        <actionName>LeadGateNotifier</actionName>
        <actionType>apex</actionType>
    </actionCalls>`;

describe('LeadGate flow rules', () => {
    it('accept a before-save flow that only assigns $Record fields', () => {
        assert.deepEqual(messages(beforeSaveFlow()), []);
    });

    it('refuse DML and Apex actions in a before-save flow, at their lines', () => {
        const found = messages(beforeSaveFlow(CREATE_TASK));
        assert.ok(
            found.includes('46: Before-save flow creates records (recordCreates "Create_Follow_Up"): only $Record may be changed'),
            found.join('\n')
        );
        assert.ok(
            found.includes('59: Before-save flow calls an action or Apex (actionCalls "Notify"): only $Record may be changed'),
            found.join('\n')
        );
        assert.ok(found.some((m) => m.includes('uses object "Task", which is not in the schema')));
    });

    it('refuse a $Record field that does not exist, and a bad relationship hop', () => {
        assert.deepEqual(messages(beforeSaveFlow('', '$Record.SQL_Stamp__c')), [
            '10: $Record.SQL_Stamp__c: No field "SQL_Stamp__c" on Lead'
        ]);
        assert.deepEqual(messages(beforeSaveFlow('', '$Record.Owner:User.Shoe_Size__c')), [
            '10: $Record.Owner:User.Shoe_Size__c: No field "Shoe_Size__c" on User'
        ]);
        assert.deepEqual(messages(beforeSaveFlow('', '$Record.Qualifier__r.Name')), [
            '10: $Record.Qualifier__r.Name: Lead has no relationship "Qualifier__r"'
        ]);
    });

    it('refuse a hard-coded record Id (15 or 18 characters)', () => {
        const xml = beforeSaveFlow().replace('<stringValue>Sales Qualified</stringValue>', '<stringValue>00G5g00000AbCdE</stringValue>');
        assert.deepEqual(messages(xml), [
            '30: Hard-coded record Id "00G5g00000AbCdE": Ids differ between orgs; look the record up by a stable key'
        ]);
        assert.equal(idChecksum('001A0000006Vm9r'), 'IAC');
        assert.ok(looksLikeRecordId('001A0000006Vm9rIAC'));
        assert.ok(!looksLikeRecordId('001A0000006Vm9rIAD'), 'wrong checksum: not an Id');
        assert.ok(!looksLikeRecordId('RecordBeforeSave'));
        assert.ok(!looksLikeRecordId('CreateAndUpdate'));
    });

    it('refuse malformed XML with its line', () => {
        const found = messages(beforeSaveFlow().replace('</decisions>', ''));
        assert.equal(found.length, 1);
        assert.match(found[0]!, /XML is not well formed/);
    });
});

describe('Salesforce Flow Scanner (run directly, offline, Python 3)', () => {
    it('flags user input flowing into a delete that runs without sharing; passes the stamp flow', async () => {
        const p = fixtureProject({});
        const insecure = p.writeFlow('Delete_Any_Lead', INSECURE_SCREEN_FLOW);
        const clean = p.writeFlow('Fixture_Stamps', beforeSaveFlow());
        const run = await runFlowScanner([insecure, clean]);
        assert.equal(run.error, undefined);
        assert.deepEqual(
            run.issues.map((i) => `${i.file === insecure ? 'insecure' : 'clean'}:${i.line} ${i.rule} ${i.severity}`),
            ['insecure:36 PreventPassingUserDataIntoElementWithoutSharing 2']
        );
    });

    it('fails verify:apex through the scanner when the planted flow is in the project', async () => {
        const p = fixtureProject({});
        p.writeFlow('Delete_Any_Lead', INSECURE_SCREEN_FLOW);
        const report = await verifyApex(p.root, { pmd: false, prettierConfig: PRETTIER_CONFIG, sharingAllowList: {} });
        const scanner = errorsOf(report)
            .filter((f) => f.check === 'flow-scanner')
            .map(formatFindingLine);
        assert.deepEqual(scanner, [
            `${FLOWS_DIR}/Delete_Any_Lead.flow-meta.xml:36:1 error [flow-scanner] flow:PreventPassingUserDataIntoElementWithoutSharing severity 2: User controlled data flows into recordDeletes element selector in run mode: SystemModeWithoutSharing`
        ]);
    });
});
