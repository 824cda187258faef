import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { scoreLead, segmentOf } from 'c/leadScoring';
import { FIELDS, SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { evaluateFlowFormula, loadLeadMetadata } from '../../interpreters/formula/harness.ts';
import { FIT_FORMULA_NAME, FLOW_PATH, INTENT_AT_SQL_FORMULA_NAME, QUALIFICATION_FORMULA_NAME, segmentFormulaName } from './flow.ts';
import { generateAll } from './index.ts';
import { SEGMENT_CASES_FILE, type SegmentCases } from '../../interpreters/formula/qualificationCases.ts';
import { stageEntries, stampStages } from './stageStamps.ts';

const NOW = new Date('2026-05-04T09:30:00.000Z');
const EARLIER = '2026-05-01T08:00:00.000Z';
const ctx = { now: NOW, userId: '005000000000001AAA' };
const at = NOW.toISOString();
const status = (key: string, def: SqlDefinition = SQL_DEFINITION): string => {
    const s = def.stages.find((x) => x.key === key);
    assert.ok(s, key);
    return s.status;
};
/** stampStages without the fit stamp, which every save writes. */
const stamps = (prior: Record<string, unknown> | null, next: Record<string, unknown>, def: SqlDefinition = SQL_DEFINITION) => {
    const writes = stampStages(prior, next, ctx, def);
    delete writes[FIELDS.fitScore];
    delete writes[FIELDS.qualificationComplete];
    for (const segment of SQL_DEFINITION.segments) delete writes[segment.field];
    return writes;
};

describe('stampStages', () => {
    it('stamps fit on every save, with scoreLead’s fit', () => {
        const lead = { Status: 'New', Industry: 'Technology', Title: 'Chief Revenue Officer', NumberOfEmployees: 900, Email: 'a@b.com' };
        const writes = stampStages(null, lead, ctx);
        assert.equal(writes[FIELDS.fitScore], scoreLead(lead, NOW).fit);
        assert.equal(writes[FIELDS.fitScore], 60);
        assert.equal(writes[FIELDS.qualificationComplete], false, 'no framework: not complete');
        assert.deepEqual(stamps(null, lead), {});
    });

    it('stamps MQL_At__c when a lead is created as an MQL', () => {
        assert.deepEqual(stamps(null, { Status: status('MQL') }), { [FIELDS.mqlAt]: at });
    });

    it('accepting an MQL stamps Accepted_At__c and the first action', () => {
        const prior = { Status: status('MQL'), MQL_At__c: EARLIER };
        assert.deepEqual(stamps(prior, { ...prior, Status: status('SAL') }), { [FIELDS.acceptedAt]: at, [FIELDS.firstActionAt]: at });
    });

    it('rejecting an MQL stamps Rejected_At__c and the first action', () => {
        const prior = { Status: status('MQL'), MQL_At__c: EARLIER };
        assert.deepEqual(stamps(prior, { ...prior, Status: status('Rejected'), Rejection_Reason__c: 'Poor Fit' }), {
            [FIELDS.rejectedAt]: at,
            [FIELDS.firstActionAt]: at
        });
    });

    it('a rejection that recycles to Nurture counts as a rejection: Rejected_At__c and the first action', () => {
        const prior = { Status: status('MQL'), MQL_At__c: EARLIER };
        const recycling = SQL_DEFINITION.rejectionReasons.filter((r) => r.recyclesTo === 'Nurture');
        assert.ok(recycling.length > 0, 'the default definition recycles some reasons to Nurture');
        for (const reason of recycling) {
            assert.deepEqual(stamps(prior, { ...prior, Status: status('Nurture'), Rejection_Reason__c: reason.value }), {
                [FIELDS.rejectedAt]: at,
                [FIELDS.firstActionAt]: at
            });
        }
    });

    it('marketing recycling to Nurture without a rejection reason is no rejection and no first action', () => {
        const prior = { Status: status('MQL'), MQL_At__c: EARLIER };
        assert.deepEqual(stamps(prior, { ...prior, Status: status('Nurture') }), {});
        assert.deepEqual(stamps(prior, { ...prior, Status: status('Nurture'), Rejection_Reason__c: '' }), {});
    });

    it('a recycling rejection is stamped on entry into Nurture only, first entry only, and is a first action only after MQL', () => {
        const nurtured = { Status: status('Nurture'), MQL_At__c: EARLIER, Rejection_Reason__c: 'Bad Timing' };
        assert.deepEqual(stamps(nurtured, { ...nurtured, Company: 'Acme' }), {}, 'an edit while in Nurture is no entry');
        const rejectedBefore = { Status: status('MQL'), MQL_At__c: EARLIER, Rejected_At__c: EARLIER, First_Action_At__c: EARLIER };
        assert.deepEqual(stamps(rejectedBefore, { ...rejectedBefore, Status: status('Nurture'), Rejection_Reason__c: 'No Budget' }), {});
        assert.deepEqual(stamps({ Status: 'New' }, { Status: status('Nurture'), Rejection_Reason__c: 'No Budget' }), {
            [FIELDS.rejectedAt]: at
        });
    });

    it('follows the reasons’ recyclesTo: a definition that recycles nothing stamps nothing on Nurture', () => {
        const def = structuredClone(SQL_DEFINITION);
        def.rejectionReasons.forEach((r) => (r.recyclesTo = 'Rejected'));
        const prior = { Status: status('MQL'), MQL_At__c: EARLIER };
        assert.deepEqual(stamps(prior, { ...prior, Status: status('Nurture'), Rejection_Reason__c: 'No Budget' }, def), {});
        assert.deepEqual(
            stageEntries(
                def.stages.find((s) => s.key === 'Rejected')!,
                def
            ),
            [{ status: status('Rejected'), withRejectionReason: false }]
        );
    });

    it('qualifying stamps SQL_At__c and who qualified, and never a second first action', () => {
        const prior = { Status: status('SAL'), MQL_At__c: EARLIER, Accepted_At__c: EARLIER, First_Action_At__c: EARLIER };
        const next = { ...prior, Status: status('SQL') };
        assert.deepEqual(stamps(prior, next), {
            [FIELDS.sqlAt]: at,
            [FIELDS.sqlQualifiedBy]: ctx.userId,
            [FIELDS.definitionVersion]: SQL_DEFINITION.version,
            [FIELDS.fitAtSql]: scoreLead(next, NOW).fit,
            [FIELDS.intentAtSql]: scoreLead(next, NOW).intent
        });
    });

    it('qualifying stamps the definition version and the fit and intent of that save; later saves keep them', () => {
        const prior = { Status: status('SAL'), MQL_At__c: EARLIER, Accepted_At__c: EARLIER, First_Action_At__c: EARLIER };
        const next = { ...prior, Status: status('SQL'), Title: 'VP Sales', Industry: 'Technology', Last_Demo_Request_At__c: EARLIER };
        const writes = stamps(prior, next);
        assert.equal(writes[FIELDS.definitionVersion], SQL_DEFINITION.version);
        assert.equal(writes[FIELDS.fitAtSql], 45, 'VP (+25) and Technology (+20)');
        assert.equal(writes[FIELDS.intentAtSql], 37, 'a demo request 3 days and 1.5 hours old: 40 x 0.5^(3.06/30)');
        const revised = { ...structuredClone(SQL_DEFINITION), version: '2027.1' };
        assert.equal(stamps(prior, next, revised)[FIELDS.definitionVersion], '2027.1', 'the version is the definition’s, not a constant');
        const sql = { ...next, ...writes };
        assert.deepEqual(stamps(sql, { ...sql, Title: 'Intern' }), {}, 'an edit of an SQL moves none of them');
    });

    it('first entry only: re-entering a stage keeps the first stamp', () => {
        const prior = { Status: status('Nurture'), MQL_At__c: EARLIER, Rejected_At__c: EARLIER, First_Action_At__c: EARLIER };
        assert.deepEqual(stamps(prior, { ...prior, Status: status('MQL') }), {});
        assert.deepEqual(stamps({ ...prior, Status: status('MQL') }, { ...prior, Status: status('Rejected') }), {});
    });

    it('on entry only: an unrelated edit of a lead already in a stage stamps nothing', () => {
        const legacy = { Status: status('SAL') };
        assert.deepEqual(stamps(legacy, { ...legacy, Company: 'Acme' }), {});
    });

    it('an accept without an MQL is no first action; the first accept after MQL is', () => {
        const accepted = stamps({ Status: 'New' }, { Status: status('SAL') });
        assert.deepEqual(accepted, { [FIELDS.acceptedAt]: at });
        const backToMql = { Status: status('MQL'), Accepted_At__c: EARLIER, MQL_At__c: EARLIER };
        assert.deepEqual(stamps(backToMql, { ...backToMql, Status: status('SAL') }), { [FIELDS.firstActionAt]: at });
    });

    it('follows the definition’s stage mapping (an org that maps stages onto its own Status values)', () => {
        const def = structuredClone(SQL_DEFINITION);
        const mql = def.stages.find((s) => s.key === 'MQL');
        assert.ok(mql);
        mql.status = 'Open - Marketing Qualified';
        assert.deepEqual(stamps(null, { Status: 'Open - Marketing Qualified' }, def), { [FIELDS.mqlAt]: at });
        assert.deepEqual(stamps(null, { Status: 'Marketing Qualified' }, def), {});
    });
});

/* ------------------------------------------------------------------ the generated flow, interpreted */

type Value = { stringValue?: string; booleanValue?: string; elementReference?: string };
interface FlowXml {
    Flow: {
        start: { connector?: { targetReference: string }; object: string; recordTriggerType: string; triggerType: string };
        assignments: Array<{
            name: string;
            connector?: { targetReference: string };
            assignmentItems: Array<{ assignToReference: string; operator: string; value: Value }>;
        }>;
        decisions: Array<{
            name: string;
            defaultConnector?: { targetReference: string };
            rules: Array<{
                name: string;
                conditionLogic: string;
                conditions: Array<{ leftValueReference: string; operator: string; rightValue: Value }>;
                connector: { targetReference: string };
            }>;
        }>;
        formulas: Array<{ name: string; expression: string }>;
        status: string;
    };
}

function parseFlow(): FlowXml['Flow'] {
    const file = generateAll().find((f) => f.path === FLOW_PATH);
    assert.ok(file, 'the flow is generated');
    const parser = new XMLParser({
        parseTagValue: false,
        isArray: (name) => ['assignments', 'decisions', 'rules', 'conditions', 'assignmentItems', 'formulas'].includes(name)
    });
    return (parser.parse(file.content) as FlowXml).Flow;
}

/**
 * A minimal interpreter of the generated flow's elements: decisions (EqualTo, NotEqualTo, IsNull; logic "and"),
 * assignments to $Record fields from $Flow.CurrentDateTime, $User.Id, a string or a formula (reported by name).
 * $Record__Prior is null on create, so its fields read as null, as on the platform.
 */
function runFlow(flow: FlowXml['Flow'], prior: Record<string, unknown> | null, next: Record<string, unknown>): Record<string, unknown> {
    const record: Record<string, unknown> = { ...next };
    const writes: Record<string, unknown> = {};
    const read = (ref: string): unknown => {
        if (ref.startsWith('$Record__Prior.')) return prior ? (prior[ref.slice('$Record__Prior.'.length)] ?? null) : null;
        if (ref.startsWith('$Record.')) return record[ref.slice('$Record.'.length)] ?? null;
        if (ref === '$Flow.CurrentDateTime') return NOW.toISOString();
        if (ref === '$User.Id') return ctx.userId;
        if (flow.formulas.some((f) => f.name === ref)) return `formula:${ref}`;
        throw new Error(`Unknown reference ${ref}`);
    };
    const value = (v: Value): unknown =>
        v.stringValue !== undefined
            ? v.stringValue
            : v.booleanValue !== undefined
              ? v.booleanValue === 'true'
              : read(v.elementReference ?? '');
    const blank = (x: unknown): boolean => x === null || x === undefined || x === '';
    let target = flow.start.connector?.targetReference;
    for (let steps = 0; target && steps < 100; steps++) {
        const assignment = flow.assignments.find((a) => a.name === target);
        if (assignment) {
            for (const item of assignment.assignmentItems) {
                assert.equal(item.operator, 'Assign');
                assert.ok(item.assignToReference.startsWith('$Record.'), 'a before-save flow assigns only to $Record');
                const field = item.assignToReference.slice('$Record.'.length);
                record[field] = writes[field] = value(item.value);
            }
            target = assignment.connector?.targetReference;
            continue;
        }
        const decision = flow.decisions.find((d) => d.name === target);
        assert.ok(decision, `no element ${target}`);
        const outcome = decision.rules.find((rule) => {
            assert.equal(rule.conditionLogic, 'and');
            return rule.conditions.every((c) => {
                const left = read(c.leftValueReference);
                const right = value(c.rightValue);
                if (c.operator === 'EqualTo') return left === right;
                if (c.operator === 'NotEqualTo') return left !== right;
                if (c.operator === 'IsNull') return blank(left) === right;
                throw new Error(`Unknown operator ${c.operator}`);
            });
        });
        target = outcome ? outcome.connector.targetReference : decision.defaultConnector?.targetReference;
    }
    return writes;
}

describe('the generated before-save flow LeadGate_Lead_Stage_Stamps', () => {
    const flow = parseFlow();

    it('is an active before-save flow on Lead for create and update', () => {
        assert.deepEqual(
            [flow.start.object, flow.start.recordTriggerType, flow.start.triggerType, flow.status],
            ['Lead', 'CreateAndUpdate', 'RecordBeforeSave', 'Active']
        );
        assert.deepEqual(
            flow.formulas.map((f) => f.name),
            [FIT_FORMULA_NAME, QUALIFICATION_FORMULA_NAME, INTENT_AT_SQL_FORMULA_NAME, ...SQL_DEFINITION.segments.map(segmentFormulaName)]
        );
    });

    it('its segment formulas give segmentOf’s value for every case of the case table, evaluated by the formula harness', () => {
        const meta = loadLeadMetadata();
        const table = (JSON.parse(readFileSync(SEGMENT_CASES_FILE, 'utf8')) as SegmentCases).cases;
        assert.deepEqual(
            [...new Set(table.map((c) => c.segment))].sort(),
            SQL_DEFINITION.segments.map((x) => x.key).sort(),
            'the table covers every segment'
        );
        for (const { segment: key, value, expected } of table) {
            const segment = SQL_DEFINITION.segments.find((x) => x.key === key);
            assert.ok(segment, `segment-cases.json names ${key}, which the definition does not have`);
            const lead = { [segment.rule.field]: value };
            const evaluated = evaluateFlowFormula(
                segmentFormulaName(segment),
                lead,
                { now: NOW, isNew: true, prior: null, permissions: new Set<string>() },
                meta
            );
            assert.equal(evaluated, expected, `${segment.key} formula, ${JSON.stringify(value)}`);
            assert.equal(segmentOf(segment, lead), expected, `${segment.key} segmentOf, ${JSON.stringify(value)}`);
            assert.equal(stampStages(null, lead, ctx)[segment.field], expected, `${segment.key} stamp, ${JSON.stringify(value)}`);
        }
    });

    it('its intent formula gives scoreLead’s intent (the value stampStages stamps), evaluated by the formula harness', () => {
        const meta = loadLeadMetadata();
        const day = 86_400_000;
        const leads = [
            {},
            { Last_Demo_Request_At__c: new Date(NOW.getTime() - 3 * day).toISOString() },
            { Last_Demo_Request_At__c: NOW.toISOString(), Last_Event_Attended_At__c: new Date(NOW.getTime() - 45 * day).toISOString() },
            { Last_Pricing_Visit_At__c: new Date(NOW.getTime() + 2 * day).toISOString(), Last_Email_Engagement_At__c: EARLIER }
        ];
        for (const lead of leads) {
            const value = evaluateFlowFormula(
                INTENT_AT_SQL_FORMULA_NAME,
                lead,
                { now: NOW, isNew: true, prior: null, permissions: new Set<string>() },
                meta
            );
            assert.equal(value, scoreLead(lead, NOW).intent, JSON.stringify(lead));
        }
    });

    it('writes exactly what stampStages writes, for every status transition and stamp state', () => {
        const statuses = [...new Set(SQL_DEFINITION.stages.map((s) => s.status))];
        const stampFields = [FIELDS.mqlAt, FIELDS.acceptedAt, FIELDS.sqlAt, FIELDS.rejectedAt, FIELDS.firstActionAt];
        const reasons = [null, 'No Budget', 'Poor Fit'];
        let cases = 0;
        let recycledRejections = 0;
        for (const priorStatus of [null, ...statuses]) {
            for (const nextStatus of statuses) {
                for (const reason of reasons) {
                    for (let mask = 0; mask < 1 << stampFields.length; mask++) {
                        const stamped = Object.fromEntries(stampFields.map((f, i) => [f, mask & (1 << i) ? EARLIER : null]));
                        const prior = priorStatus === null ? null : { ...stamped, Status: priorStatus };
                        const next = { ...stamped, Status: nextStatus, Title: 'VP Sales', Rejection_Reason__c: reason };
                        const expected = stampStages(prior, next, ctx);
                        const actual = runFlow(flow, prior, next);
                        assert.equal(actual[FIELDS.fitScore], `formula:${FIT_FORMULA_NAME}`, 'fit comes from the fit formula');
                        assert.equal(actual[FIELDS.qualificationComplete], `formula:${QUALIFICATION_FORMULA_NAME}`);
                        // The SQL stamp copies the fit stamped earlier in the flow and the intent formula's value.
                        if (FIELDS.sqlAt in expected) {
                            assert.equal(expected[FIELDS.fitAtSql], expected[FIELDS.fitScore]);
                            assert.equal(expected[FIELDS.intentAtSql], scoreLead(next, NOW).intent);
                            expected[FIELDS.fitAtSql] = `formula:${FIT_FORMULA_NAME}`;
                            expected[FIELDS.intentAtSql] = `formula:${INTENT_AT_SQL_FORMULA_NAME}`;
                        }
                        for (const segment of SQL_DEFINITION.segments)
                            assert.equal(
                                actual[segment.field],
                                `formula:${segmentFormulaName(segment)}`,
                                'segments come from their formulas'
                            );
                        for (const f of [FIELDS.fitScore, FIELDS.qualificationComplete, ...SQL_DEFINITION.segments.map((x) => x.field)]) {
                            delete expected[f];
                            delete actual[f];
                        }
                        assert.deepEqual(actual, expected, `${priorStatus} -> ${nextStatus}, reason ${reason}, stamps ${mask.toString(2)}`);
                        if (nextStatus === status('Nurture') && FIELDS.rejectedAt in expected) recycledRejections++;
                        cases++;
                    }
                }
            }
        }
        assert.equal(cases, (SQL_DEFINITION.stages.length + 1) * SQL_DEFINITION.stages.length * reasons.length * 32);
        assert.ok(recycledRejections > 0, 'the cases include rejections that recycle to Nurture');
    });

    it('its decisions reference exactly the statuses and fields stampStages uses', () => {
        const statusesInFlow = new Set(
            flow.decisions.flatMap((d) =>
                d.rules.flatMap((r) =>
                    r.conditions.filter((c) => c.leftValueReference === '$Record.Status').map((c) => c.rightValue.stringValue)
                )
            )
        );
        const fieldsInFlow = new Set(
            flow.assignments.flatMap((a) => a.assignmentItems.map((i) => i.assignToReference.slice('$Record.'.length)))
        );
        // What stampStages does, found by behaviour: entering each status from nowhere, with an MQL already stamped.
        const statusesStamped = new Set<string>();
        const fieldsStamped = new Set<string>([
            FIELDS.fitScore,
            FIELDS.qualificationComplete,
            ...SQL_DEFINITION.segments.map((x) => x.field)
        ]);
        for (const s of SQL_DEFINITION.stages) {
            for (const reason of [null, 'No Budget']) {
                const writes = stamps(
                    { Status: 'Somewhere else', MQL_At__c: s.key === 'MQL' ? null : EARLIER },
                    { Status: s.status, MQL_At__c: s.key === 'MQL' ? null : EARLIER, Rejection_Reason__c: reason }
                );
                if (Object.keys(writes).length) statusesStamped.add(s.status);
                Object.keys(writes).forEach((f) => fieldsStamped.add(f));
            }
        }
        assert.deepEqual([...statusesInFlow].sort(), [...statusesStamped].sort());
        assert.deepEqual([...fieldsInFlow].sort(), [...fieldsStamped].sort());
        assert.deepEqual([...statusesStamped].sort(), ['Marketing Qualified', 'Nurture', 'Rejected', 'Sales Accepted', 'Sales Qualified']);
    });
});
