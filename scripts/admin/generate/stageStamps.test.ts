/**
 * The generated before-save flow LeadGate_Lead_Stage_Stamps, run offline by the shared flow interpreter
 * (scripts/interpreters/flow/interpreter.ts) as the preview and the formula tests run it: the committed XML for the
 * default definition (what is deployed), the generator's XML for a changed definition. Expected stamps come from each
 * case, and for the exhaustive table from `expectedStamps` below: the spec's stamping rules written out once,
 * here, as the test's oracle (no production code reads it).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import fc from 'fast-check';
import { fitEditsText, qualificationComplete, readFitEdits, scoreLead, segmentOf } from 'c/leadScoring';
import { FIELDS, SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { loadFlow, parseFlow, runBeforeSave, type ParsedFlow } from '../../interpreters/flow/interpreter.ts';
import { evaluateFlowFormula, loadLeadMetadata, PROJECT_ROOT } from '../../interpreters/formula/harness.ts';
import {
    FIT_FORMULA_NAME,
    FLOW_NAME,
    FLOW_PATH,
    generateFlow,
    fitEditFormulaName,
    fitEditWithoutFormulaName,
    INTENT_AT_SQL_FORMULA_NAME,
    QUALIFICATION_FORMULA_NAME,
    segmentFormulaName
} from './flow.ts';
import { SEGMENT_CASES_FILE, type SegmentCases } from '../../interpreters/formula/qualificationCases.ts';
import { fitFactFields, stageEntries } from './stageStamps.ts';
import { STANDARD_LEAD_FIELDS } from '../../shared/metadata/standardLeadFields.ts';

const NOW = new Date('2026-05-04T09:30:00.000Z');
const EARLIER = '2026-05-01T08:00:00.000Z';
const ctx = { now: NOW, userId: '005000000000001AAA' };
const at = NOW.toISOString();
const meta = loadLeadMetadata();
const status = (key: string, def: SqlDefinition = SQL_DEFINITION): string => {
    const s = def.stages.find((x) => x.key === key);
    assert.ok(s, key);
    return s.status;
};

/** The deployed flow for the default definition; the generator's output for any other. */
const DEPLOYED = loadFlow(join(PROJECT_ROOT, FLOW_PATH));
const flowFor = (def: SqlDefinition): ParsedFlow => {
    if (def === SQL_DEFINITION) return DEPLOYED;
    const file = generateFlow(def).files.find((f) => f.path === FLOW_PATH);
    assert.ok(file, 'the generator writes the flow');
    return parseFlow(FLOW_NAME, file.content);
};

type Lead = Record<string, unknown>;

/** What the flow writes into this save (every $Record field it assigns), run by the shared interpreter. */
function runFlow(
    prior: Lead | null,
    next: Lead,
    def: SqlDefinition = SQL_DEFINITION,
    flow: ParsedFlow = flowFor(def),
    userId: string = ctx.userId
): Lead {
    return runBeforeSave(flow, { record: next, prior, now: NOW, permissions: new Set(), userId, org: {}, meta }).recordWrites;
}

/** The flow's writes without the fit and qualification stamps, which every save writes. */
const stamps = (prior: Lead | null, next: Lead, def: SqlDefinition = SQL_DEFINITION) => {
    const writes = runFlow(prior, next, def);
    assert.equal(writes[FIELDS.fitScore], scoreLead(next, NOW, def).fit, 'every save stamps scoreLead’s fit');
    assert.equal(writes[FIELDS.qualificationComplete], qualificationComplete(next, def), 'and the qualification');
    delete writes[FIELDS.fitScore];
    delete writes[FIELDS.qualificationComplete];
    for (const segment of def.segments) {
        assert.equal(writes[segment.field], segmentOf(segment, next), `every save stamps the ${segment.key} segment`);
        delete writes[segment.field];
    }
    return writes;
};

/**
 * The oracle: the spec's stamping rules (SPEC.md, stage timestamps), for the exhaustive table. A lead enters a
 * stage when Status becomes the stage's value; entering a status a rejection reason recycles to, with a reason set,
 * counts as entering Rejected. On first entry (stamp blank) the stage's stamp is set to now; entering SQL also sets
 * who qualified, the definition version, fit and intent. The first accept or reject after MQL sets the first action.
 * When the lead's owner changes a fact a fit rule reads, on an update, while SQL_At__c is blank (the qualifying save
 * included), Fit_Edited_By_Owner_At__c is set to now; a blank changed to another blank is no change. Each such
 * change is logged in Fit_Edits_Before_SQL__c (expectedFitEditLog).
 */
function expectedStamps(prior: Lead | null, next: Lead, def: SqlDefinition = SQL_DEFINITION, userId: string = ctx.userId): Lead {
    const writes: Lead = {};
    const blank = (v: unknown): boolean => v === null || v === undefined || v === '';
    const same = (a: unknown, b: unknown): boolean => (blank(a) && blank(b)) || a === b;
    const edited =
        prior === null || !blank(next[FIELDS.sqlAt]) || userId === '' || String(next.OwnerId ?? '') !== userId
            ? []
            : fitFactFields(def).filter((field) => !same(prior[field], next[field]));
    if (prior !== null && edited.length > 0) {
        writes[FIELDS.fitEditedByOwnerAt] = at;
        writes[FIELDS.fitEditsBeforeSql] = expectedFitEditLog(next[FIELDS.fitEditsBeforeSql], edited, prior, next);
    }
    const current = (f: string): unknown => (f in writes ? writes[f] : next[f]);
    const priorStatus = prior ? prior.Status : null;
    const recycleStatuses = def.rejectionReasons.map((r) => def.stages.find((s) => s.key === r.recyclesTo)?.status);
    const enters = (stageStatus: string): boolean => next.Status === stageStatus && priorStatus !== stageStatus;
    const entering = (key: string): boolean => {
        const own = status(key, def);
        if (enters(own)) return true;
        return (
            key === 'Rejected' &&
            !blank(next[FIELDS.rejectionReason]) &&
            recycleStatuses.some((s) => s !== undefined && s !== own && enters(s))
        );
    };
    const score = scoreLead(next, NOW, def);
    for (const stage of def.stages) {
        if (!stage.stampField || !entering(stage.key) || !blank(current(stage.stampField))) continue;
        writes[stage.stampField] = at;
        if (stage.key === 'SQL')
            Object.assign(writes, {
                [FIELDS.sqlQualifiedBy]: ctx.userId,
                [FIELDS.definitionVersion]: def.version,
                [FIELDS.fitAtSql]: score.fit,
                [FIELDS.intentAtSql]: score.intent
            });
    }
    if (def.stages.some((s) => s.firstAction && entering(s.key)) && blank(current(FIELDS.firstActionAt)) && !blank(current(FIELDS.mqlAt)))
        writes[FIELDS.firstActionAt] = at;
    return writes;
}

/**
 * The oracle for Fit_Edits_Before_SQL__c (docs/DECISIONS.md): the log the save started with, then for each changed
 * fit fact in the definition's order, `Label: before -> after` (the field's label, blank as nothing, a ';' in a value
 * as ',' and '->' as '→') put first, replacing that field's older entry; after each field, a log over 255 characters
 * is cut to 254 and ends with '…'.
 */
function expectedFitEditLog(log: unknown, edited: readonly string[], prior: Lead, next: Lead): string {
    const shown = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).replaceAll(';', ',').replaceAll('->', '\u2192');
    let entries = typeof log === 'string' && log !== '' ? log.split('; ') : [];
    for (const field of edited) {
        const label = STANDARD_LEAD_FIELDS[field]?.label ?? field;
        entries = [`${label}: ${shown(prior[field])} -> ${shown(next[field])}`, ...entries.filter((e) => !e.startsWith(`${label}: `))];
        const text = entries.join('; ');
        entries = (text.length > 255 ? `${text.slice(0, 254)}\u2026` : text).split('; ');
    }
    return entries.join('; ');
}

describe('the generated before-save flow, run by the shared flow interpreter', () => {
    it('stamps fit on every save, with scoreLead’s fit (the generated formula, evaluated by formulon)', () => {
        const lead = { Status: 'New', Industry: 'Technology', Title: 'Chief Revenue Officer', NumberOfEmployees: 900, Email: 'a@b.com' };
        const writes = runFlow(null, lead);
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

/* ------------------------------------------------------------------ the flow's shape, and every transition */

describe('the generated before-save flow LeadGate_Lead_Stage_Stamps', () => {
    const flow = new XMLParser({ parseTagValue: false, isArray: (name) => ['formulas'].includes(name) }).parse(
        generateFlow(SQL_DEFINITION).files[0]!.content
    ).Flow as { start: Record<string, string>; status: string; formulas: Array<{ name: string }> };

    it('is an active before-save flow on Lead for create and update', () => {
        assert.deepEqual(
            [flow.start.object, flow.start.recordTriggerType, flow.start.triggerType, flow.status],
            ['Lead', 'CreateAndUpdate', 'RecordBeforeSave', 'Active']
        );
        assert.deepEqual(
            flow.formulas.map((f) => f.name),
            [
                FIT_FORMULA_NAME,
                QUALIFICATION_FORMULA_NAME,
                INTENT_AT_SQL_FORMULA_NAME,
                ...SQL_DEFINITION.segments.map(segmentFormulaName),
                // 2026.7: two log formulas per fit fact (Fit_Edits_Before_SQL__c).
                ...fitFactFields(SQL_DEFINITION).flatMap((f) => [fitEditWithoutFormulaName(f), fitEditFormulaName(f)])
            ]
        );
        assert.deepEqual([DEPLOYED.triggerType, DEPLOYED.object], ['RecordBeforeSave', 'Lead'], 'the committed file is the same flow');
    });

    it('stamps each segment as the case table says, the formula alone and the whole flow on create (interpreted)', () => {
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
            assert.equal(runFlow(null, lead)[segment.field], expected, `${segment.key} stamp, ${JSON.stringify(value)}`);
        }
    });

    it('its intent formula gives scoreLead’s intent, evaluated by the formula harness', () => {
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

    it('writes what the spec says for every status transition, rejection reason and stamp state (the deployed XML, interpreted)', () => {
        const statuses = [...new Set(SQL_DEFINITION.stages.map((s) => s.status))];
        const stampFields = [FIELDS.mqlAt, FIELDS.acceptedAt, FIELDS.sqlAt, FIELDS.rejectedAt, FIELDS.firstActionAt];
        const reasons = [null, 'No Budget', 'Poor Fit'];
        let cases = 0;
        let recycledRejections = 0;
        const started = performance.now();
        for (const priorStatus of [null, ...statuses]) {
            for (const nextStatus of statuses) {
                for (const reason of reasons) {
                    for (let mask = 0; mask < 1 << stampFields.length; mask++) {
                        const stamped = Object.fromEntries(stampFields.map((f, i) => [f, mask & (1 << i) ? EARLIER : null]));
                        const prior = priorStatus === null ? null : { ...stamped, Status: priorStatus };
                        const next = { ...stamped, Status: nextStatus, Title: 'VP Sales', Rejection_Reason__c: reason };
                        const expected = {
                            [FIELDS.fitScore]: scoreLead(next, NOW).fit,
                            [FIELDS.qualificationComplete]: qualificationComplete(next),
                            ...Object.fromEntries(SQL_DEFINITION.segments.map((segment) => [segment.field, segmentOf(segment, next)])),
                            ...expectedStamps(prior, next)
                        };
                        assert.deepEqual(
                            runFlow(prior, next),
                            expected,
                            `${priorStatus} -> ${nextStatus}, reason ${reason}, stamps ${mask.toString(2)}`
                        );
                        if (nextStatus === status('Nurture') && FIELDS.rejectedAt in expected) recycledRejections++;
                        cases++;
                    }
                }
            }
        }
        assert.equal(cases, (SQL_DEFINITION.stages.length + 1) * SQL_DEFINITION.stages.length * reasons.length * 32);
        assert.ok(recycledRejections > 0, 'the cases include rejections that recycle to Nurture');
        console.log(`before-save flow: ${cases} saves interpreted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });

    it('catches a planted fault: a flipped decision in the flow XML changes what the table expects', () => {
        const xml = generateFlow(SQL_DEFINITION).files[0]!.content;
        // The first-entry check of MQL_At__c inverted: "stamp is blank" becomes "stamp is set".
        const marker = '<leftValueReference>$Record.MQL_At__c</leftValueReference>';
        const at0 = xml.indexOf(marker);
        assert.ok(at0 > 0);
        const planted =
            xml.slice(0, at0) + xml.slice(at0).replace('<booleanValue>true</booleanValue>', '<booleanValue>false</booleanValue>');
        const faulty = parseFlow(FLOW_NAME, planted);
        const next = { Status: status('MQL') };
        assert.deepEqual(expectedStamps(null, next), { [FIELDS.mqlAt]: at });
        assert.equal(runFlow(null, next, SQL_DEFINITION, faulty)[FIELDS.mqlAt], undefined, 'the flipped flow no longer stamps MQL_At__c');
        assert.equal(runFlow(null, next)[FIELDS.mqlAt], at, 'the deployed flow does');
    });
});

/** A stored Working lead of `owner` (it has its Id: the flow tells an update from a create by $Record__Prior.Id). */
const workingLead = (owner: string) => ({
    Id: '00Q000000000001AAA',
    Status: 'Working',
    OwnerId: owner,
    Title: 'Analyst',
    Industry: 'Retail',
    Email: 'a@corp.example'
});

describe('the fit-fact edit stamp (Fit_Edited_By_Owner_At__c), interpreted', () => {
    const OWNER = ctx.userId;
    const MANAGER = '005000000000002AAA';
    const working = workingLead(OWNER);
    const changed: Record<string, unknown> = {
        Title: 'VP Sales',
        Industry: 'Technology',
        Email: 'a@other.example',
        Country: 'US',
        NumberOfEmployees: 900,
        AnnualRevenue: 5e7
    };

    it('stamps when the owner changes a fit fact before SQL, with each fit fact of the definition', () => {
        const facts = fitFactFields(SQL_DEFINITION);
        assert.deepEqual(
            [...facts].sort(),
            ['AnnualRevenue', 'Country', 'Email', 'Industry', 'NumberOfEmployees', 'Title'],
            'the fit rules read these fields'
        );
        for (const field of facts)
            assert.equal(stamps(working, { ...working, [field]: changed[field] })[FIELDS.fitEditedByOwnerAt], at, field);
    });

    it('does not stamp for another user, after SQL, on create, for other fields or for blank to blank', () => {
        const pumped = { ...working, Title: 'VP Sales' };
        assert.equal(
            runFlow(working, pumped, SQL_DEFINITION, flowFor(SQL_DEFINITION), MANAGER)[FIELDS.fitEditedByOwnerAt],
            undefined,
            'a manager'
        );
        const sql = { ...working, Status: status('SQL'), SQL_At__c: EARLIER };
        assert.equal(stamps(sql, { ...sql, Title: 'VP Sales' })[FIELDS.fitEditedByOwnerAt], undefined, 'already SQL');
        assert.equal(stamps(null, pumped)[FIELDS.fitEditedByOwnerAt], undefined, 'creating is not editing');
        assert.equal(stamps(working, { ...working, Description: 'x' })[FIELDS.fitEditedByOwnerAt], undefined, 'not a fit fact');
        assert.equal(
            stamps({ ...working, Country: '' }, { ...working, Country: null })[FIELDS.fitEditedByOwnerAt],
            undefined,
            'blank to blank'
        );
    });

    it('counts an edit in the very save that qualifies', () => {
        const writes = stamps({ ...working, Status: status('SAL') }, { ...working, Status: status('SQL'), Title: 'Chief Revenue Officer' });
        assert.equal(writes[FIELDS.fitEditedByOwnerAt], at);
        assert.equal(writes[FIELDS.sqlAt], at);
    });

    it('the deployed flow stamps exactly when the spec says, for every user, stage, create or update and field', () => {
        let stamped = 0;
        let cases = 0;
        for (const user of [OWNER, MANAGER])
            for (const sqlAt of [null, EARLIER])
                for (const created of [false, true])
                    for (const field of [...fitFactFields(SQL_DEFINITION), 'Description', null]) {
                        const prior = created ? null : { ...working, SQL_At__c: sqlAt };
                        const next = { ...working, SQL_At__c: sqlAt, ...(field ? { [field]: changed[field] ?? 'changed' } : {}) };
                        const oracle = expectedStamps(prior, next, SQL_DEFINITION, user);
                        const writes = runFlow(prior, next, SQL_DEFINITION, flowFor(SQL_DEFINITION), user);
                        const expected = oracle[FIELDS.fitEditedByOwnerAt];
                        const label = `${user} ${String(sqlAt)} ${String(created)} ${String(field)}`;
                        assert.equal(writes[FIELDS.fitEditedByOwnerAt], expected, label);
                        assert.equal(writes[FIELDS.fitEditsBeforeSql], oracle[FIELDS.fitEditsBeforeSql], `${label}: the log`);
                        if (expected) stamped++;
                        cases++;
                    }
        assert.equal(stamped, fitFactFields(SQL_DEFINITION).length, 'one stamping case per fit fact: owner, update, before SQL');
        assert.equal(cases, 2 * 2 * 2 * (fitFactFields(SQL_DEFINITION).length + 2));
    });
});

describe('the fit-edit log (Fit_Edits_Before_SQL__c), interpreted', () => {
    const OWNER = ctx.userId;
    const LOG = FIELDS.fitEditsBeforeSql;
    const working = workingLead(OWNER);
    /** One save by `user`: the flow's writes merged over the submitted record (what is stored). */
    const save = (prior: Lead, changes: Lead, user: string = OWNER, flow: ParsedFlow = DEPLOYED): Lead => {
        const next = { ...prior, ...changes };
        return { ...next, ...runFlow(prior, next, SQL_DEFINITION, flow, user) };
    };

    it('logs the field label with the value before and after, blank as nothing, numbers as digits', () => {
        assert.equal(save(working, { Title: 'VP Sales' })[LOG], 'Title: Analyst -> VP Sales');
        assert.equal(save(working, { Country: 'US' })[LOG], 'Country:  -> US');
        assert.equal(save({ ...working, NumberOfEmployees: 40 }, { NumberOfEmployees: 900 })[LOG], 'Employees: 40 -> 900');
        assert.equal(save(working, { AnnualRevenue: 5e7 })[LOG], 'Annual Revenue:  -> 50000000');
        assert.equal(save(working, { Industry: null })[LOG], 'Industry: Retail -> ');
        assert.deepEqual(readFitEdits(save(working, { Title: 'VP Sales' })[LOG]).rows, [
            { label: 'Title', before: 'Analyst', after: 'VP Sales' }
        ]);
    });

    it('keeps the latest edit per field, newest first, across saves and within one save', () => {
        const first = save(working, { Title: 'Manager' });
        const second = save(first, { Industry: 'Technology' });
        assert.equal(second[LOG], 'Industry: Retail -> Technology; Title: Analyst -> Manager');
        const third = save(second, { Title: 'VP Sales' });
        assert.equal(third[LOG], 'Title: Manager -> VP Sales; Industry: Retail -> Technology');
        const both = save(working, { Title: 'VP Sales', Email: 'a@other.example' });
        assert.equal(
            both[LOG],
            expectedFitEditLog(null, ['Title', 'Email'], working, { ...working, Title: 'VP Sales', Email: 'a@other.example' })
        );
        assert.equal(readFitEdits(both[LOG]).rows.length, 2);
    });

    it('is written only for the owner before SQL; a manager’s edit and later edits leave it alone', () => {
        const logged = save(working, { Title: 'VP Sales' });
        assert.equal(save(logged, { Title: 'CEO' }, '005000000000002AAA')[LOG], logged[LOG], 'a manager');
        const sql = save(logged, { Status: status('SQL') });
        assert.equal(sql[LOG], logged[LOG]);
        assert.equal(save(sql, { Title: 'Intern' })[LOG], logged[LOG], 'after SQL');
    });

    it('a value cannot forge an entry: ";" is written as "," and "->" as "→", and the rows read back', () => {
        const forged = save(working, { Title: 'Analyst; Industry: Retail -> Retail' });
        assert.equal(forged[LOG], 'Title: Analyst -> Analyst, Industry: Retail \u2192 Retail');
        assert.deepEqual(readFitEdits(forged[LOG]).rows, [
            { label: 'Title', before: 'Analyst', after: 'Analyst, Industry: Retail \u2192 Retail' }
        ]);
    });

    it('is cut at 255 characters with an ellipsis; the reader keeps the whole entries and says it was cut', () => {
        let lead: Lead = working;
        const long = (c: string, n: number): string => c.repeat(n);
        lead = save(lead, { Title: long('t', 100) });
        lead = save(lead, { Email: `${long('e', 60)}@x.example` });
        lead = save(lead, { Country: long('c', 70) });
        const log = lead[LOG] as string;
        assert.equal(log.length, 255);
        assert.ok(log.endsWith('\u2026'));
        const read = readFitEdits(log);
        assert.equal(read.truncated, true);
        assert.deepEqual(
            read.rows.slice(0, 2).map((r) => r.label),
            ['Country', 'Email']
        );
        // The field's older entry is replaced even when it was the cut-off one.
        const again = save(lead, { Title: 'VP Sales' });
        assert.ok((again[LOG] as string).startsWith('Title: '));
        assert.equal((again[LOG] as string).split('Title: ').length, 2, 'one Title entry');
    });

    it('round trip: for random edit sequences the flow writes what the oracle says, fitEditsText writes the same text, and readFitEdits reads its rows', () => {
        const facts = fitFactFields(SQL_DEFINITION);
        const value = (field: string): fc.Arbitrary<unknown> =>
            STANDARD_LEAD_FIELDS[field]?.type === 'number' || STANDARD_LEAD_FIELDS[field]?.type === 'currency'
                ? fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null })
                : field === 'Industry'
                  ? fc.constantFrom(null, 'Retail', 'Technology', 'Finance')
                  : fc.option(fc.stringMatching(/^[A-Za-z ;>\-:.@]{1,60}$/), { nil: null });
        const saveArb = fc.record(Object.fromEntries(facts.map((f) => [f, value(f)])), { requiredKeys: [] });
        fc.assert(
            fc.property(fc.array(saveArb, { minLength: 1, maxLength: 5 }), (saves) => {
                let lead: Lead = working;
                for (const changes of saves) {
                    const next = { ...lead, ...changes };
                    const oracle = expectedStamps(lead, next);
                    const stored = { ...next, ...runFlow(lead, next) };
                    assert.equal(stored[LOG] ?? null, oracle[LOG] ?? lead[LOG] ?? null);
                    lead = stored;
                }
                const log = lead[LOG];
                if (typeof log !== 'string') return;
                const read = readFitEdits(log);
                if (!read.truncated) assert.equal(fitEditsText(read.rows), log, 'the TypeScript format writes the flow’s text');
                for (const row of read.rows)
                    assert.ok(
                        facts.some((f) => STANDARD_LEAD_FIELDS[f]?.label === row.label),
                        row.label
                    );
            }),
            { numRuns: 60, seed: 18 }
        );
    });

    it('catches a planted fault: a log formula that records the after value as the before', () => {
        const xml = generateFlow(SQL_DEFINITION).files[0]!.content;
        assert.ok(xml.includes('{!$Record__Prior.Title}'));
        const faulty = parseFlow(FLOW_NAME, xml.replaceAll('{!$Record__Prior.Title}', '{!$Record.Title}'));
        const next = { ...working, Title: 'VP Sales' };
        const oracle = expectedStamps(working, next);
        assert.equal(oracle[LOG], 'Title: Analyst -> VP Sales');
        assert.equal(runFlow(working, next, SQL_DEFINITION, faulty)[LOG], 'Title: VP Sales -> VP Sales', 'the planted flow');
        assert.notEqual(runFlow(working, next, SQL_DEFINITION, faulty)[LOG], oracle[LOG]);
        assert.equal(runFlow(working, next)[LOG], oracle[LOG], 'the deployed flow');
    });

    it('catches a planted fault: a log formula that keeps the field’s older entry', () => {
        const xml = generateFlow(SQL_DEFINITION).files[0]!.content;
        // The Title formula that drops the older entry now searches for a label no entry has.
        const faulty = parseFlow(FLOW_NAME, xml.replaceAll('"; Title: "', '"; No such label: "'));
        const first = save(working, { Title: 'Manager' });
        const next = { ...first, Title: 'VP Sales' };
        assert.equal(expectedStamps(first, next)[LOG], 'Title: Manager -> VP Sales');
        assert.equal(runFlow(first, next, SQL_DEFINITION, faulty)[LOG], 'Title: Manager -> VP Sales; Title: Analyst -> Manager');
    });
});
