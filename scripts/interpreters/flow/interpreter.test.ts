/**
 * The flow interpreter's before-save behaviour on small hand-written flows: what each element kind and operator does,
 * so a flow another branch generates (a new stamp, a stored alert time) runs here as on the platform, and what is
 * refused with a message naming the element. Each case also shows the opposite outcome, so a broken operator fails.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLeadMetadata } from '../formula/harness.ts';
import { FlowError, parseFlow, runBeforeSave, runImmediate, type RecordValues } from './interpreter.ts';

const meta = loadLeadMetadata();
const NOW = new Date('2026-05-04T09:30:00.000Z');
const USER = '005000000000001AAA';

const value = (v: string | number | boolean): string =>
    typeof v === 'string'
        ? `<stringValue>${v}</stringValue>`
        : typeof v === 'number'
          ? `<numberValue>${v}</numberValue>`
          : `<booleanValue>${v}</booleanValue>`;
const ref = (r: string): string => `<elementReference>${r}</elementReference>`;

/** A before-save Lead flow: one decision (`conditions`, `logic`) whose Yes runs `yes`, then `always`. */
function flow(parts: {
    conditions?: string[];
    logic?: string;
    yes?: string[];
    always?: string[];
    formulas?: string;
    trigger?: string;
}): string {
    const condition = (c: string): string => {
        const [left, operator, right] = c.split(' | ') as [string, string, string];
        const rv = right.startsWith('ref:')
            ? ref(right.slice(4))
            : right.startsWith('dt:')
              ? `<dateTimeValue>${right.slice(3)}</dateTimeValue>`
              : right === 'true' || right === 'false'
                ? value(right === 'true')
                : /^-?\d+(\.\d+)?$/.test(right)
                  ? value(Number(right))
                  : value(right);
        return `<conditions><leftValueReference>${left}</leftValueReference><operator>${operator}</operator><rightValue>${rv}</rightValue></conditions>`;
    };
    const items = (list: string[]): string =>
        list
            .map((i) => {
                const [target, op, v] = i.split(' | ') as [string, string, string];
                const val = v.startsWith('ref:') ? ref(v.slice(4)) : /^-?\d+$/.test(v) ? value(Number(v)) : value(v);
                return `<assignmentItems><assignToReference>${target}</assignToReference><operator>${op}</operator><value>${val}</value></assignmentItems>`;
            })
            .join('');
    return `<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata">
        <assignments><name>Yes</name>${items(parts.yes ?? [])}<connector><targetReference>Always</targetReference></connector></assignments>
        <assignments><name>Always</name>${items(parts.always ?? [])}</assignments>
        <decisions><name>Check</name><defaultConnector><targetReference>Always</targetReference></defaultConnector>
            <rules><name>Rule</name><conditionLogic>${parts.logic ?? 'and'}</conditionLogic>${(parts.conditions ?? []).map(condition).join('')}<connector><targetReference>Yes</targetReference></connector></rules>
        </decisions>${parts.formulas ?? ''}
        <start><connector><targetReference>Check</targetReference></connector><object>Lead</object><recordTriggerType>CreateAndUpdate</recordTriggerType><triggerType>${parts.trigger ?? 'RecordBeforeSave'}</triggerType></start>
        <status>Active</status></Flow>`;
}

const run = (xml: string, record: RecordValues, prior: RecordValues | null = null) =>
    runBeforeSave(parseFlow('Test_Flow', xml), { record, prior, now: NOW, permissions: new Set(), userId: USER, org: {}, meta })
        .recordWrites;

describe('the flow interpreter, before save', () => {
    it('assigns to $Record; later elements and formulas see the new value, and the final values are the writes', () => {
        const xml = flow({
            conditions: ['$Record.NumberOfEmployees | GreaterThan | 100'],
            yes: ['$Record.Title | Assign | Big', '$Record.NumberOfEmployees | Add | 5'],
            always: ['$Record.Description | Assign | ref:Title_Formula', '$Record.NumberOfEmployees | Subtract | 1'],
            formulas: `<formulas><name>Title_Formula</name><dataType>String</dataType><expression>"T:" &amp; {!$Record.Title}</expression></formulas>`
        });
        assert.deepEqual(run(xml, { NumberOfEmployees: 101, Title: 'x' }), { Title: 'Big', NumberOfEmployees: 105, Description: 'T:Big' });
        assert.deepEqual(run(xml, { NumberOfEmployees: 100, Title: 'x' }), { Description: 'T:x', NumberOfEmployees: 99 });
    });

    it('compares numbers and date-times in order, and text by contains / starts / ends', () => {
        const when = (op: string, right: string, record: RecordValues): boolean =>
            'Title' in run(flow({ conditions: [`$Record.MQL_At__c | ${op} | ${right}`], yes: ['$Record.Title | Assign | hit'] }), record);
        const at = { MQL_At__c: '2026-05-04T09:00:00.000Z' };
        assert.equal(when('LessThan', 'dt:2026-05-04T09:30:00.000Z', at), true);
        assert.equal(when('LessThan', 'dt:2026-05-04T08:59:00.000Z', at), false);
        assert.equal(when('LessThanOrEqualTo', 'dt:2026-05-04T09:00:00.000Z', at), true);
        assert.equal(when('LessThan', 'dt:2026-05-04T09:00:00.000Z', at), false, 'equal is not less');
        assert.equal(when('GreaterThan', 'dt:2026-05-04T09:00:00.000Z', at), false, 'equal is not greater');
        assert.equal(when('GreaterThanOrEqualTo', 'dt:2026-05-04T09:00:00.000Z', at), true);
        assert.equal(when('LessThanOrEqualTo', 'dt:2026-05-04T08:59:59.000Z', at), false);
        assert.equal(when('GreaterThan', 'ref:$Flow.CurrentDateTime', at), false);
        assert.equal(when('GreaterThan', 'dt:2026-05-04T08:00:00.000Z', at), true);
        assert.equal(when('GreaterThan', 'dt:2026-05-04T08:00:00.000Z', {}), false, 'a blank is in no order');
        const text = (op: string, right: string): boolean =>
            'Title' in
            run(flow({ conditions: [`$Record.Company | ${op} | ${right}`], yes: ['$Record.Title | Assign | hit'] }), {
                Company: 'Acme Corp'
            });
        assert.deepEqual([text('Contains', 'me C'), text('StartsWith', 'Acme'), text('EndsWith', 'Corp')], [true, true, true]);
        assert.deepEqual([text('Contains', 'xyz'), text('StartsWith', 'Corp'), text('EndsWith', 'Acme')], [false, false, false]);
    });

    it('reads $Record__Prior (null on create), $User.Id and custom logic', () => {
        const xml = flow({
            conditions: ['$Record.Status | EqualTo | SQL', '$Record__Prior.Status | NotEqualTo | SQL', '$Record.Title | IsNull | true'],
            logic: '1 AND (2 OR 3)',
            yes: ['$Record.SQL_Qualified_By__c | Assign | ref:$User.Id']
        });
        assert.deepEqual(run(xml, { Status: 'SQL' }), { SQL_Qualified_By__c: USER }, 'create: no prior');
        assert.deepEqual(run(xml, { Status: 'SQL', Title: 'VP' }, { Status: 'SQL' }), {}, 'already SQL and a title: neither 2 nor 3');
        assert.deepEqual(run(xml, { Status: 'SQL' }, { Status: 'SQL' }), { SQL_Qualified_By__c: USER }, '3 holds');
    });

    it('fails with the element named: a formula that cannot be evaluated, an unknown operator, a relationship, the wrong trigger', () => {
        const bad = flow({
            always: ['$Record.NumberOfEmployees | Assign | ref:Broken'],
            formulas: `<formulas><name>Broken</name><dataType>Number</dataType><expression>1 / 0</expression></formulas>`
        });
        assert.throws(
            () => run(bad, {}),
            (e: unknown) => e instanceof FlowError && e.formulaError !== null && /formula Broken cannot be evaluated/.test(e.message)
        );
        const typed = flow({
            always: ['$Record.NumberOfEmployees | Assign | ref:Wrong'],
            formulas: `<formulas><name>Wrong</name><dataType>Number</dataType><expression>"text"</expression></formulas>`
        });
        assert.throws(() => run(typed, {}), /Flow formula Wrong is Number but returns text/);
        assert.throws(() => run(flow({ conditions: ['$Record.Title | Matches | x'] }), {}), /condition operator Matches is not supported/);
        assert.throws(
            () => run(flow({ always: ['$Record.Owner.Name | Assign | x'] }), {}),
            /assignment Always: \$Record.Owner.Name crosses a relationship/
        );
        assert.throws(
            () => run(flow({ always: ['$Record.Title | Subtract | x'] }), {}),
            /Subtract of "x" to \$Record.Title is not supported/
        );
        assert.throws(
            () =>
                runImmediate(parseFlow('Test_Flow', flow({})), {
                    record: {},
                    prior: null,
                    now: NOW,
                    permissions: new Set(),
                    userId: USER,
                    org: {},
                    meta
                }),
            /only after-save flows are run here, not RecordBeforeSave/
        );
        assert.throws(() => run(flow({ trigger: 'RecordAfterSave' }), {}), /only before-save flows are run here, not RecordAfterSave/);
    });
});
