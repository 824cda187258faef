/**
 * The generated validation rules and formula fields, read from the generated XML (never copied here) and
 * evaluated by the harness against:
 *  - the shared case table data/qualification-cases.json (expected values written from the spec);
 *  - a family of saves built from the SQL definition for every criterion of every framework;
 *  - every save again with the bypass permission (no rule may fire).
 * Then every rule is mutated by dropping one condition at a time, and the same saves must catch each mutant.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readiness } from 'c/leadScoring';
import {
    SQL_DEFINITION,
    FIELDS,
    committeeCountField,
    evidenceField,
    statusField,
    type CommitteeRole,
    type Criterion,
    type Framework
} from 'c/sqlDefinition';
import {
    computeFormulaFields,
    isFormulaError,
    loadLeadMetadata,
    ruleFires,
    runValidationRules,
    type LeadMetadata,
    type LeadValues
} from './harness.ts';
import {
    SEGMENT_CASES_FILE,
    loadQualificationCases,
    saveOf,
    type QualificationCase,
    type Save,
    type SegmentCases
} from './qualificationCases.ts';
import { simulateSave } from './save.ts';

const meta = loadLeadMetadata();
const cases = loadQualificationCases();
const def = SQL_DEFINITION;
const BYPASS = def.bypassPermission;
const SQL_STATUS = def.stages.find((s) => s.key === 'SQL')?.status as string;
const SAL_STATUS = def.stages.find((s) => s.key === 'SAL')?.status as string;
const MIN = def.evidence.minLettersAndDigits;

/** Rule names follow the generator's convention; the test fails loudly if one is missing from the metadata. */
const criterionRule = (c: Pick<Criterion, 'key'>): string => `LeadGate_SQL_Needs_${c.key}`;
const committeeRule = (r: Pick<CommitteeRole, 'fieldStem'>): string => `LeadGate_SQL_Needs_Named_${r.fieldStem}`;
/** The committee roles a framework requires named before SQL (def.committee.requiredFor). */
const requiredRoles = (framework: Framework): CommitteeRole[] =>
    def.committee.roles.filter((r) => def.committee.requiredFor[framework.key].includes(r.key));
const RULE = {
    framework: 'LeadGate_SQL_Needs_Framework',
    bar: 'LeadGate_SQL_Needs_Score_Bar',
    accepted: 'LeadGate_SQL_Needs_Sales_Accepted',
    reason: 'LeadGate_Rejected_Needs_Reason',
    exit: 'LeadGate_Exit_Needs_Reason',
    notes: 'LeadGate_Rejection_Notes_Required'
};

/** A save to check: its description, the save, and the rules that must fire (sorted). */
interface Check {
    name: string;
    save: Save;
    expected: string[];
}

function fired(save: Save, m: LeadMetadata = meta): string[] {
    const result = runValidationRules(save.record, save.ctx, m);
    const broken = result.filter((r) => r.error);
    assert.deepEqual(broken, [], 'no rule may fail to evaluate');
    return result.map((r) => r.rule).sort();
}

function withPermission(save: Save, permission: string): Save {
    return { ...save, ctx: { ...save.ctx, permissions: new Set([...save.ctx.permissions, permission]) } };
}

/* ------------------------------------------------------------------ the saves */

const tableChecks: Check[] = cases.map((c) => ({
    name: `table: ${c.name}`,
    save: saveOf(c, meta),
    expected: [...c.expected.rulesFire].sort()
}));

/** A lead ready to become Sales Qualified under `framework`: strong fit, fresh intent, accepted, every criterion complete. */
function readyLead(framework: Framework): Record<string, unknown> {
    const lead: Record<string, unknown> = {
        LastName: 'Lee',
        Company: 'Acme Robotics',
        Industry: 'Technology',
        NumberOfEmployees: 800,
        Title: 'VP Marketing',
        Country: 'Germany',
        AnnualRevenue: 60_000_000,
        Email: 'dana.lee@acme-robotics.com',
        Last_Demo_Request_At__c: '2026-05-14T14:00:00.000Z',
        MQL_At__c: '2026-05-12T10:00:00.000Z',
        Accepted_At__c: '2026-05-12T10:04:00.000Z',
        First_Action_At__c: '2026-05-12T10:04:00.000Z',
        Status: SQL_STATUS,
        [FIELDS.framework]: framework.key
    };
    for (const c of framework.criteria) {
        lead[statusField(c)] = 'Confirmed';
        lead[evidenceField(c)] = `${c.label} confirmed on the discovery call with the buyer`;
    }
    for (const r of requiredRoles(framework)) lead[committeeCountField(r)] = 1;
    return lead;
}

const caseOf = (
    save: 'insert' | 'update',
    lead: Record<string, unknown>,
    prior: Record<string, unknown> | null,
    permissions: string[] = []
): QualificationCase => ({
    name: 'generated',
    summary: '',
    now: '2026-05-14T15:00:00.000Z',
    save,
    permissions,
    prior,
    lead,
    expected: {
        fit: 0,
        intent: 0,
        meetsBar: false,
        qualificationComplete: false,
        minutesToFirstAction: null,
        readinessBlockers: [],
        rulesFire: []
    }
});

/** Ways to leave a criterion incomplete, and two ways to just reach the minimum (built from the definition). */
const pad = (n: number): string => 'e'.repeat(n);
const INCOMPLETE: Array<[string, Record<'status' | 'evidence', unknown>]> = [
    ['status Not Started', { status: 'Not Started', evidence: pad(MIN + 10) }],
    ['status In Progress', { status: 'In Progress', evidence: pad(MIN + 10) }],
    ['status Disqualifying', { status: 'Disqualifying', evidence: pad(MIN + 10) }],
    ['status blank', { status: null, evidence: pad(MIN + 10) }],
    ['evidence blank', { status: 'Confirmed', evidence: null }],
    ['evidence one char short', { status: 'Confirmed', evidence: pad(MIN - 1) }],
    ['evidence whitespace-only', { status: 'Confirmed', evidence: ' \t '.repeat(MIN) }],
    ['evidence padded, one short after trim', { status: 'Confirmed', evidence: `  ${pad(MIN - 1)}\n\t ` }],
    // Characters that are not letters or digits do not count, visible or not (issue 15).
    ['evidence zero-width spaces and one letter', { status: 'Confirmed', evidence: `${'\u200b'.repeat(MIN - 1)}a` }],
    ['evidence ideographic spaces', { status: 'Confirmed', evidence: '\u3000'.repeat(MIN) }],
    ['evidence punctuation only', { status: 'Confirmed', evidence: '.'.repeat(MIN) }],
    ['evidence emoji only', { status: 'Confirmed', evidence: '😀'.repeat(MIN) }],
    ['evidence Japanese, one letter short', { status: 'Confirmed', evidence: '予'.repeat(MIN - 1) }],
    ['evidence letters spread by spaces, one short', { status: 'Confirmed', evidence: `${'e '.repeat(MIN - 1)}!!!` }]
];
const COMPLETE: Array<[string, Record<'status' | 'evidence', unknown>]> = [
    ['evidence exactly at the minimum', { status: 'Confirmed', evidence: pad(MIN) }],
    ['evidence at the minimum after trim', { status: 'Confirmed', evidence: `   ${pad(MIN)}  \n` }],
    ['evidence Japanese at the minimum', { status: 'Confirmed', evidence: '予'.repeat(MIN) }],
    ['evidence Arabic letters and digits with spaces', { status: 'Confirmed', evidence: `${'م ٣ '.repeat(MIN / 2)}` }],
    ['evidence letters among punctuation and emoji', { status: 'Confirmed', evidence: `😀.${'e\u200b'.repeat(MIN)}😀` }]
];

function criterionChecks(): Check[] {
    const checks: Check[] = [];
    for (const framework of def.frameworks) {
        const ready = readyLead(framework);
        const other = def.frameworks.find((f) => f.key !== framework.key) as Framework;
        for (const c of framework.criteria) {
            const rule = criterionRule(c);
            const set = (lead: Record<string, unknown>, v: Record<'status' | 'evidence', unknown>) => ({
                ...lead,
                [statusField(c)]: v.status,
                [evidenceField(c)]: v.evidence
            });
            const add = (name: string, qc: QualificationCase, expected: string[]) =>
                checks.push({ name: `${framework.key} ${c.key}: ${name}`, save: saveOf(qc, meta), expected });
            for (const [variant, v] of INCOMPLETE) {
                const lead = set(ready, v);
                add(`becomes SQL, ${variant}`, caseOf('update', lead, { Status: SAL_STATUS }), [rule]);
                add(`created as SQL, ${variant}`, caseOf('insert', lead, null), [rule]);
                add(`existing SQL, unrelated edit, ${variant}`, caseOf('update', { ...lead, Phone: '2' }, { Phone: '1' }), []);
                add(`existing SQL switched from ${other.key}, ${variant}`, caseOf('update', lead, { [FIELDS.framework]: other.key }), [
                    rule
                ]);
                add(
                    `accepted (not SQL), ${variant}`,
                    caseOf('update', { ...lead, Status: SAL_STATUS }, { Status: 'Marketing Qualified' }),
                    []
                );
            }
            for (const [variant, v] of COMPLETE)
                add(`becomes SQL, ${variant}`, caseOf('update', set(ready, v), { Status: SAL_STATUS }), []);
            const degraded = set(ready, INCOMPLETE[5]?.[1] as Record<'status' | 'evidence', unknown>);
            add('existing SQL, evidence degraded', caseOf('update', degraded, { [evidenceField(c)]: ready[evidenceField(c)] }), [rule]);
            const downgraded = set(ready, INCOMPLETE[1]?.[1] as Record<'status' | 'evidence', unknown>);
            add('existing SQL, status downgraded', caseOf('update', downgraded, { [statusField(c)]: 'Confirmed' }), [rule]);
        }
    }
    return checks;
}

/** For each role a framework requires named: nobody named blocks becoming SQL, never an unrelated edit of an SQL. */
function committeeChecks(): Check[] {
    const checks: Check[] = [];
    for (const framework of def.frameworks) {
        const ready = readyLead(framework);
        const other = def.frameworks.find((f) => f.key !== framework.key) as Framework;
        for (const r of requiredRoles(framework)) {
            const add = (name: string, qc: QualificationCase, expected: string[]) =>
                checks.push({ name: `${framework.key} committee ${r.label}: ${name}`, save: saveOf(qc, meta), expected });
            for (const [variant, count] of [
                ['nobody named (blank)', null],
                ['nobody named (0)', 0]
            ] as const) {
                const lead = { ...ready, [committeeCountField(r)]: count };
                add(`becomes SQL, ${variant}`, caseOf('update', lead, { Status: SAL_STATUS }), [committeeRule(r)]);
                add(`created as SQL, ${variant}`, caseOf('insert', lead, null), [committeeRule(r)]);
                add(`existing SQL switched from ${other.key}, ${variant}`, caseOf('update', lead, { [FIELDS.framework]: other.key }), [
                    committeeRule(r)
                ]);
                add(`existing SQL, unrelated edit, ${variant}`, caseOf('update', { ...lead, Phone: '2' }, { Phone: '1' }), []);
                add(
                    `accepted (not SQL), ${variant}`,
                    caseOf('update', { ...lead, Status: SAL_STATUS }, { Status: 'Marketing Qualified' }),
                    []
                );
            }
            add('becomes SQL, two named', caseOf('update', { ...ready, [committeeCountField(r)]: 2 }, { Status: SAL_STATUS }), []);
        }
    }
    return checks;
}

const familyChecks = [...criterionChecks(), ...committeeChecks()];
const baseChecks = [...tableChecks, ...familyChecks];
/** Every save again by a user holding the bypass permission: no rule fires. */
const bypassChecks: Check[] = baseChecks
    .filter((check) => check.expected.length > 0)
    .map((check) => ({ name: `${check.name} (bypass)`, save: withPermission(check.save, BYPASS), expected: [] }));
const allChecks = [...baseChecks, ...bypassChecks];

/* ------------------------------------------------------------------ tests */

describe('generated validation rules: the case table', () => {
    it('reads the generated rules without problems', () => {
        assert.deepEqual(meta.problems, []);
        const names = meta.validationRules.map((r) => r.name).sort();
        const expected = [
            RULE.framework,
            ...def.frameworks.flatMap((f) => f.criteria.map(criterionRule)),
            ...def.committee.roles.filter((r) => def.frameworks.some((f) => requiredRoles(f).includes(r))).map(committeeRule),
            RULE.bar,
            ...(def.requireSalStage ? [RULE.accepted] : []),
            RULE.reason,
            RULE.exit,
            RULE.notes
        ].sort();
        assert.deepEqual(names, expected);
        assert.ok(meta.validationRules.every((r) => r.active));
    });

    for (const check of tableChecks) {
        it(check.name, () => assert.deepEqual(fired(check.save), check.expected));
    }
});

describe('generated validation rules: every criterion of every framework', () => {
    it(`${familyChecks.length} saves built from the definition`, () => {
        const wrong = familyChecks
            .map((check) => ({ name: check.name, expected: check.expected, got: fired(check.save) }))
            .filter((r) => JSON.stringify(r.expected) !== JSON.stringify(r.got));
        assert.deepEqual(wrong, []);
    });

    it(`the bypass permission silences every rule (${bypassChecks.length} saves)`, () => {
        const wrong = bypassChecks.filter((check) => fired(check.save).length > 0).map((check) => check.name);
        assert.deepEqual(wrong, []);
    });
});

describe('generated formula fields: the case table', () => {
    for (const c of cases) {
        it(c.name, () => {
            const { record, ctx } = saveOf(c, meta);
            const values = computeFormulaFields(record, ctx, meta);
            assert.ok(
                Object.values(values).every((v) => !isFormulaError(v)),
                JSON.stringify(values)
            );
            assert.deepEqual(
                {
                    fit: record[FIELDS.fitScore],
                    intent: values[FIELDS.intentScore],
                    meetsBar: values[FIELDS.meetsBar],
                    qualificationComplete: record[FIELDS.qualificationComplete],
                    minutesToFirstAction: values[FIELDS.minutesToFirstAction],
                    minutesToAlert: values[FIELDS.minutesToAlert] ?? null,
                    minutesAlertToFirstAction: values[FIELDS.minutesAlertToFirstAction] ?? null,
                    fitEditedBeforeSql: values[FIELDS.fitEditedBeforeSql] === true
                },
                {
                    fit: c.expected.fit,
                    intent: c.expected.intent,
                    meetsBar: c.expected.meetsBar,
                    qualificationComplete: c.expected.qualificationComplete,
                    minutesToFirstAction: c.expected.minutesToFirstAction,
                    minutesToAlert: c.expected.minutesToAlert ?? null,
                    minutesAlertToFirstAction: c.expected.minutesAlertToFirstAction ?? null,
                    fitEditedBeforeSql: c.expected.fitEditedBeforeSql ?? false
                }
            );
        });
    }
});

describe('simulateSave: before-save flow, rules and formulas in one call', () => {
    it('gives every table case its expected outcome', () => {
        for (const c of cases) {
            const { ctx } = saveOf(c, meta);
            const result = simulateSave(c.lead, ctx, meta);
            assert.deepEqual(result.flowErrors, {}, c.name);
            assert.deepEqual(result.blocked.map((r) => r.rule).sort(), [...c.expected.rulesFire].sort(), c.name);
            assert.equal(result.record[FIELDS.fitScore], c.expected.fit, c.name);
            assert.equal(result.record[FIELDS.qualificationComplete], c.expected.qualificationComplete, c.name);
            assert.equal(result.formulas[FIELDS.intentScore], c.expected.intent, c.name);
            assert.equal(result.formulas[FIELDS.minutesToFirstAction], c.expected.minutesToFirstAction, c.name);
        }
    });
});

describe('coverage of the generated metadata', () => {
    it('every rule blocks at least one save and lets through at least one save with the same Status', () => {
        const outcomes = baseChecks.map((check) => ({ status: check.save.record[FIELDS.status], fired: fired(check.save) }));
        for (const rule of meta.validationRules) {
            const blocking = outcomes.filter((o) => o.fired.includes(rule.name));
            assert.ok(blocking.length > 0, `${rule.name} never blocks a save in the table or the criterion family`);
            const statuses = new Set(blocking.map((o) => o.status));
            assert.ok(
                outcomes.some((o) => statuses.has(o.status) && !o.fired.includes(rule.name)),
                `${rule.name} never passes a save with the same Status as one it blocks`
            );
        }
    });

    it('every formula field and every flow formula has expected values in the case table', () => {
        // Where each generated formula's expected value lives in data/qualification-cases.json.
        const expectedKey: Record<string, keyof QualificationCase['expected']> = {
            [FIELDS.intentScore]: 'intent',
            [FIELDS.meetsBar]: 'meetsBar',
            [FIELDS.qualificationComplete]: 'qualificationComplete',
            [FIELDS.minutesToFirstAction]: 'minutesToFirstAction',
            [FIELDS.minutesToAlert]: 'minutesToAlert',
            [FIELDS.minutesAlertToFirstAction]: 'minutesAlertToFirstAction',
            [FIELDS.fitScore]: 'fit',
            [FIELDS.fitEditedBeforeSql]: 'fitEditedBeforeSql'
        };
        for (const field of meta.formulaFields)
            assert.ok(expectedKey[field.name], `formula field ${field.name} has no expected value in the case table`);
        // Segment formulas have their own table (data/segment-cases.json): at least two different values each.
        const segmentCases = (JSON.parse(readFileSync(SEGMENT_CASES_FILE, 'utf8')) as SegmentCases).cases;
        const segmentTable = (target: string): boolean => {
            const segment = SQL_DEFINITION.segments.find((x) => x.field === target);
            return !!segment && new Set(segmentCases.filter((c) => c.segment === segment.key).map((c) => c.expected)).size > 1;
        };
        for (const formula of meta.flowFormulas) {
            for (const target of formula.assignsTo)
                assert.ok(expectedKey[target] || segmentTable(target), `flow formula ${formula.name} (-> ${target}) has no expected value`);
        }
        assert.ok(
            meta.flowFormulas.some((f) => f.assignsTo.includes(FIELDS.fitScore)),
            'the before-save flow stamps Fit_Score__c from a formula'
        );
        for (const key of new Set(Object.values(expectedKey))) {
            const values = new Set(cases.map((c) => JSON.stringify(c.expected[key])));
            assert.ok(values.size > 1, `the table never varies ${key}`);
        }
    });
});

describe('readiness() agrees with the rules', () => {
    // The rule that enforces each readiness blocker when a lead becomes Sales Qualified.
    const ruleForBlocker = (field: string): string => {
        if (field === FIELDS.framework) return RULE.framework;
        if (field === FIELDS.fitScore || field === FIELDS.intentScore) return RULE.bar;
        if (field === FIELDS.acceptedAt) return RULE.accepted;
        const role = def.committee.roles.find((r) => committeeCountField(r) === field);
        if (role) return committeeRule(role);
        const criterion = def.frameworks.flatMap((f) => f.criteria).find((c) => evidenceField(c) === field);
        assert.ok(criterion, `no rule for blocker ${field}`);
        return criterionRule(criterion);
    };

    for (const c of cases) {
        it(c.name, () => {
            const blockers = readiness(c.lead, c.now).blockers.map((b) => b.field);
            assert.deepEqual(blockers, c.expected.readinessBlockers, 'readiness() matches the table');
            // The same lead, moved to Sales Qualified now by a user without the bypass: the rules must block exactly the blockers.
            const qualifying: QualificationCase = { ...c, save: 'update', permissions: [], prior: { [FIELDS.status]: SAL_STATUS } };
            const lead: LeadValues = { ...c.lead, [FIELDS.status]: SQL_STATUS };
            const rules = fired(saveOf(qualifying, meta, lead));
            assert.deepEqual(rules, [...new Set(blockers.map(ruleForBlocker))].sort());
            if (c.expected.disqualifying) {
                assert.deepEqual(
                    readiness(c.lead, c.now).disqualifying.map((d) => ({ key: d.key, reason: d.disqualifyReason })),
                    c.expected.disqualifying
                );
            }
        });
    }
});

/* ------------------------------------------------------------------ mutants: drop one condition */

/** Top-level arguments of a call starting at `open` (the index of its '('), with their text spans. */
function callArguments(text: string, open: number): Array<{ start: number; end: number }> | null {
    const spans: Array<{ start: number; end: number }> = [];
    let depth = 0;
    let start = open + 1;
    for (let i = open; i < text.length; i++) {
        const ch = text[i];
        if (ch === '"' || ch === "'") {
            i = text.indexOf(ch, i + 1);
            if (i < 0) return null;
        } else if (ch === '(') depth++;
        else if (ch === ')') {
            depth--;
            if (depth === 0) {
                spans.push({ start, end: i });
                return spans;
            }
        } else if (ch === ',' && depth === 1) {
            spans.push({ start, end: i });
            start = i + 1;
        }
    }
    return null;
}

/** Every formula obtained by deleting one argument of one AND(...) or OR(...) that has at least two. */
export function dropOneCondition(formula: string): Array<{ dropped: string; formula: string }> {
    const mutants: Array<{ dropped: string; formula: string }> = [];
    const calls = /\b(AND|OR)\s*\(/gi;
    let match: RegExpExecArray | null;
    while ((match = calls.exec(formula))) {
        const open = match.index + match[0].length - 1;
        const args = callArguments(formula, open);
        if (!args || args.length < 2) continue;
        args.forEach((arg, i) => {
            // Remove the argument with one neighbouring comma.
            const from = i === 0 ? arg.start : (args[i - 1] as { end: number }).end;
            const to = i === 0 ? (args[1] as { start: number }).start : arg.end;
            mutants.push({
                dropped: formula.slice(arg.start, arg.end).trim().replace(/\s+/g, ' '),
                formula: formula.slice(0, from) + formula.slice(to)
            });
        });
    }
    return mutants;
}

function withRuleFormula(name: string, formula: string): LeadMetadata {
    return { ...meta, validationRules: meta.validationRules.map((r) => (r.name === name ? { ...r, formula } : r)) };
}

describe('a rule hand-edited to drop a condition is caught', () => {
    it('dropping the evidence clause of the Budget rule fails the table case "evidence-one-char-short"', () => {
        const budget = meta.validationRules.find((r) => r.name === criterionRule({ key: 'Budget' }));
        assert.ok(budget);
        const mutant = dropOneCondition(budget.formula).find((m) => /^NOT\(REGEX\(Budget_Evidence__c/.test(m.dropped));
        assert.ok(mutant, 'the Budget rule has an evidence clause to drop');
        const edited = withRuleFormula(budget.name, mutant.formula);
        const c = cases.find((x) => x.name === 'evidence-one-char-short') as QualificationCase;
        assert.deepEqual(fired(saveOf(c, meta), meta), c.expected.rulesFire, 'the generated rule blocks');
        assert.notDeepEqual(fired(saveOf(c, edited), edited), c.expected.rulesFire, 'the edited rule lets the save through');
    });

    it('a Budget rule that counts trimmed characters again (the old rule) lets the invisible-evidence table cases through', () => {
        const budget = meta.validationRules.find((r) => r.name === criterionRule({ key: 'Budget' }));
        assert.ok(budget);
        const clause = /NOT\(REGEX\(Budget_Evidence__c, "(?:[^"\\]|\\.)*"\)\)/;
        assert.match(budget.formula, clause);
        const edited = withRuleFormula(budget.name, budget.formula.replace(clause, `LEN(TRIM(Budget_Evidence__c)) < ${MIN}`));
        for (const name of [
            'evidence-zero-width-padding',
            'evidence-ideographic-spaces',
            'evidence-punctuation-only',
            'evidence-emoji-only'
        ]) {
            const c = cases.find((x) => x.name === name) as QualificationCase;
            assert.ok(c, name);
            assert.deepEqual(fired(saveOf(c, meta), meta), c.expected.rulesFire, `${name}: the generated rule blocks`);
            assert.deepEqual(fired(saveOf(c, edited), edited), [], `${name}: counting characters lets it through`);
        }
    });

    it('every single-condition deletion in every generated rule is caught by some save', () => {
        let mutants = 0;
        const survivors: string[] = [];
        const started = performance.now();
        for (const rule of meta.validationRules) {
            for (const mutant of dropOneCondition(rule.formula)) {
                mutants++;
                // The other rules are unchanged (and checked against every save above): only this rule's verdict can differ.
                const caught = allChecks.some((check) => {
                    const verdict = ruleFires(mutant.formula, check.save.record, check.save.ctx, meta);
                    return isFormulaError(verdict) || verdict !== check.expected.includes(rule.name);
                });
                if (!caught) survivors.push(`${rule.name}: without ${mutant.dropped}`);
            }
        }
        console.log(
            `mutants: ${mutants} single-condition deletions over ${meta.validationRules.length} rules, ${allChecks.length} saves each ` +
                `(${tableChecks.length} table, ${familyChecks.length} criterion family, ${bypassChecks.length} bypass), ` +
                `${mutants - survivors.length} caught in ${((performance.now() - started) / 1000).toFixed(1)} s`
        );
        assert.ok(mutants >= meta.validationRules.length * 3);
        assert.deepEqual(survivors, []);
    });
});
