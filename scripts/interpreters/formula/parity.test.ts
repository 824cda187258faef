/**
 * Parity, property-based: thousands of random leads and instants through `scoreLead`/`readiness`
 * (c/leadScoring, what the rep sees) and through the generated formulas (what the platform enforces):
 * - fit: scoreLead().fit === the before-save flow's fit formula (stamped into Fit_Score__c), exactly;
 * - intent: scoreLead().intent === Intent_Score__c, or one apart only where the unrounded sum sits at .5
 *   (IEEE doubles here, the platform's decimals there, may round a sum at the boundary apart);
 * - bar: scoreLead().meetsBar === Meets_SQL_Bar__c whenever the two intents agree;
 * - Qualification_Complete__c === readiness() has a framework and every criterion complete;
 * - Minutes_To_First_Action__c === speedToLead() elapsed minutes (1 decimal) when the first action follows the MQL.
 * Counts and time are printed for the record.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readiness, scoreLead, speedToLead } from 'c/leadScoring';
import { CRITERION_STATUSES, FIELDS, SQL_DEFINITION, evidenceField, statusField } from 'c/sqlDefinition';
import { STANDARD_LEAD_FIELDS } from '../../shared/metadata/standardLeadFields.ts';
import {
    computeFormulaFields,
    evaluateFlowFormula,
    flowFormulaStamps,
    isFormulaError,
    loadLeadMetadata,
    type FormulaContext,
    type LeadValues
} from './harness.ts';
import { beforeSave } from './save.ts';

const meta = loadLeadMetadata();
const def = SQL_DEFINITION;
const DAY = 86_400_000;
const fitFormula = meta.flowFormulas.find((f) => f.assignsTo.includes(FIELDS.fitScore));

/* ------------------------------------------------------------------ arbitraries */

const blank = fc.constantFrom(null, undefined, '');
const withCase = (s: string): fc.Arbitrary<string> =>
    fc.constantFrom(
        s,
        s.toUpperCase(),
        s.charAt(0).toUpperCase() + s.slice(1),
        s.replace(/[aeiou]/g, (v) => v.toUpperCase())
    );
const padded = (inner: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc.tuple(fc.constantFrom('', ' ', '  ', '\t', ' \n'), inner, fc.constantFrom('', ' ', '\t', '  \r\n')).map(([a, b, c]) => a + b + c);

const fitWords = def.fit.rules.flatMap((r) => (r.when.kind === 'textHasWord' ? r.when.words : []));
const titleWord = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fitWords).chain(withCase) },
    {
        weight: 3,
        arbitrary: fc
            .constantFrom(
                'contractor',
                'coordinator',
                'headmaster',
                'internal',
                'international',
                'directory',
                'vpn',
                'mischief',
                'cfos',
                'students',
                'co-op'
            )
            .chain(withCase)
    },
    { weight: 3, arbitrary: fc.constantFrom('sales', 'marketing', 'manager', 'of', 'the', 'it', 'ops', 'senior', 'global', 'engineer') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }
);
const separator = fc.constantFrom(' ', ' ', ' ', '-', '/', ', ', ' & ', '.', '_', '\t', '\n', '(', ')', '|', '\u00a0');
const title = fc.oneof(
    {
        weight: 8,
        arbitrary: padded(
            fc.array(fc.tuple(titleWord, separator), { minLength: 1, maxLength: 5 }).map((parts) => parts.map(([w, s]) => w + s).join(''))
        )
    },
    { weight: 1, arbitrary: blank },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }
);

const countries = def.fit.rules.flatMap((r) => (r.when.kind === 'textIn' ? r.when.values : []));
const country = fc.oneof(
    { weight: 5, arbitrary: padded(fc.constantFrom(...countries).chain(withCase)) },
    { weight: 2, arbitrary: fc.constantFrom('Brazil', 'Ukraine', 'India', 'us:ca', 'united', 'U.S.', 'Deutschland', ':', 'de:fr') },
    { weight: 1, arbitrary: blank },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }
);

const providers = def.fit.rules.flatMap((r) => (r.when.kind === 'emailProviderIn' ? r.when.providers : []));
const competitors = def.fit.rules.flatMap((r) => (r.when.kind === 'emailDomainIn' ? r.when.domains : []));
const domain = fc.oneof(
    fc
        .tuple(fc.constantFrom(...providers), fc.constantFrom('.com', '.co.uk', '.fr', '.de', 'com', '-mail.com', '.'))
        .map(([p, t]) => p + t),
    fc
        .tuple(
            fc.constantFrom('', 'eu.', 'mail.', 'x-y.', 'not', 'a.b.'),
            fc.constantFrom(...competitors),
            fc.constantFrom('', '', '.evil.io', 'x')
        )
        .map((p) => p.join('')),
    fc.constantFrom('acme-robotics.com', 'northwind-health.org', 'gmailcompany.com', 'mail.gmail.com', 'rivalgatecom', 'rivalgate.co'),
    fc.string({ maxLength: 10 })
);
const email = fc.oneof(
    {
        weight: 8,
        arbitrary: padded(
            fc
                .tuple(fc.constantFrom('dana', 'a.b', 'x+y', 'me', ''), fc.constantFrom('@', '@', '@', '@@', ' @'), domain)
                .map((p) => p.join(''))
                .chain(withCase)
        )
    },
    { weight: 1, arbitrary: blank },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }
);

const industry = fc.oneof(fc.constantFrom(...(STANDARD_LEAD_FIELDS.Industry?.picklistValues ?? [])), blank);
const employees = fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 495, max: 505 }), blank);
const revenue = fc.oneof(fc.integer({ min: 0, max: 500_000_000 }), fc.integer({ min: 49_999_990, max: 50_000_010 }), blank);

/** An instant in 2020-2030, to the millisecond. */
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) });
/** A signal at a random age (fractional days, up to 400 days old or 30 days in the future) or blank. */
const signalAge = fc.oneof(
    { weight: 3, arbitrary: fc.double({ min: -30, max: 400, noNaN: true }) },
    { weight: 2, arbitrary: fc.constant(null) }
);

const fitLead = fc.record({
    Industry: industry,
    NumberOfEmployees: employees,
    AnnualRevenue: revenue,
    Title: title,
    Country: country,
    Email: email
});

function toLead(fields: Record<string, unknown>, ages: Array<number | null>, nowMs: number): Record<string, unknown> {
    const lead: Record<string, unknown> = { ...fields };
    def.intent.signals.forEach((signal, i) => {
        const age = ages[i];
        lead[signal.field] = age === null || age === undefined ? null : new Date(Math.round(nowMs - age * DAY)).toISOString();
    });
    return lead;
}

const ctxAt = (nowMs: number): FormulaContext => ({ now: new Date(nowMs), isNew: false, prior: null, permissions: new Set() });

/* ------------------------------------------------------------------ parity */

interface Tally {
    cases: number;
    intentBoundary: number;
    meetsBar: number;
    /** How often each fit rule fired, so the generators are shown to exercise every rule. */
    fitRules: Map<string, number>;
}

const newTally = (): Tally => ({ cases: 0, intentBoundary: 0, meetsBar: 0, fitRules: new Map() });

function checkScores(lead: Record<string, unknown>, nowMs: number, tally: Tally): void {
    tally.cases++;
    const ctx = ctxAt(nowMs);
    const score = scoreLead(lead, new Date(nowMs));
    for (const line of score.ledger) if (line.kind === 'fit') tally.fitRules.set(line.ruleId, (tally.fitRules.get(line.ruleId) ?? 0) + 1);
    if (score.meetsBar) tally.meetsBar++;
    const fit = evaluateFlowFormula(fitFormula?.name ?? '', lead, ctx, meta);
    assert.equal(fit, score.fit, `fit: formula ${JSON.stringify(fit)} vs scoreLead ${score.fit} for ${JSON.stringify(lead)}`);
    const record: LeadValues = { ...lead, [FIELDS.fitScore]: fit };
    const values = computeFormulaFields(record, ctx, meta);
    const intent = values[FIELDS.intentScore];
    assert.equal(typeof intent, 'number', JSON.stringify(intent));
    if (intent !== score.intent) {
        const fraction = score.intentSum - Math.floor(score.intentSum);
        assert.ok(
            Math.abs((intent as number) - score.intent) === 1 && Math.abs(fraction - 0.5) < 1e-9,
            `intent: formula ${String(intent)} vs scoreLead ${score.intent} (sum ${score.intentSum}) at ${new Date(nowMs).toISOString()} for ${JSON.stringify(lead)}`
        );
        tally.intentBoundary++;
        return;
    }
    assert.equal(values[FIELDS.meetsBar], score.meetsBar, `meetsBar for ${JSON.stringify(lead)}`);
}

describe('parity: scoreLead vs the generated formulas', () => {
    it('the before-save flow stamps fit from a generated formula', () => {
        assert.ok(fitFormula, 'no flow formula assigns Fit_Score__c');
    });

    it('random leads and instants: fit exactly, intent within rounding at .5, the bar identically', () => {
        const tally = newTally();
        const started = performance.now();
        fc.assert(
            fc.property(
                fitLead,
                fc.array(signalAge, { minLength: def.intent.signals.length, maxLength: def.intent.signals.length }),
                instant,
                (fields, ages, nowMs) => {
                    checkScores(toLead(fields, ages, nowMs), nowMs, tally);
                }
            ),
            { numRuns: 4000 }
        );
        const seconds = (performance.now() - started) / 1000;
        console.log(
            `parity (scores): ${tally.cases} random leads x instants in ${seconds.toFixed(1)} s ` +
                `(${Math.round(tally.cases / seconds)}/s); intent one apart at a .5 boundary: ${tally.intentBoundary}; meeting the bar: ${tally.meetsBar}`
        );
        for (const rule of def.fit.rules) {
            const hits = tally.fitRules.get(rule.id) ?? 0;
            assert.ok(
                hits > tally.cases / 50 && hits < tally.cases - tally.cases / 50,
                `fit rule ${rule.id} fired in ${hits} of ${tally.cases} leads`
            );
        }
        assert.ok(tally.meetsBar > tally.cases / 50, `only ${tally.meetsBar} leads met the bar`);
    });

    it('instants chosen so one signal decays to exactly k + 0.5 points: intent within one, never further', () => {
        const tally = newTally();
        const started = performance.now();
        fc.assert(
            fc.property(
                fc.integer({ min: 0, max: def.intent.signals.length - 1 }),
                fc.integer({ min: 0, max: 38 }),
                instant,
                (i, k, nowMs) => {
                    const signal = def.intent.signals[i];
                    if (!signal || k + 0.5 >= signal.points) return;
                    const ageDays = def.intent.halfLifeDays * Math.log2(signal.points / (k + 0.5));
                    const lead = {
                        [signal.field]: new Date(Math.round(nowMs - ageDays * DAY)).toISOString(),
                        Industry: 'Technology',
                        Title: 'VP Sales',
                        Country: 'US'
                    };
                    checkScores(lead, nowMs, tally);
                }
            ),
            { numRuns: 1000 }
        );
        console.log(
            `parity (.5 boundaries): ${tally.cases} leads in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
                `rounded one apart: ${tally.intentBoundary}`
        );
    });

    it('Qualification_Complete__c (stamped by the flow formula) agrees with readiness() criteria; Minutes_To_First_Action__c with speedToLead()', () => {
        const criteria = def.frameworks.flatMap((f) => f.criteria);
        const min = def.evidence.minLettersAndDigits;
        // Letters and digits of several scripts, and characters that must not count: spaces of every kind,
        // zero-width and control characters, punctuation, emoji, a combining accent.
        const counted = fc.constantFrom('e', 'Q', '7', '日', 'م', 'ж', '٣', 'é');
        const notCounted = fc.constantFrom(' ', '.', '\u200b', '\u3000', '\u00a0', '\ufeff', '😀', '\u0301', '\u0001', '\n', '-', '、');
        const mixed = (letters: { min: number; max: number }): fc.Arbitrary<string> =>
            fc
                .tuple(fc.array(counted, { minLength: letters.min, maxLength: letters.max }), fc.array(notCounted, { maxLength: 25 }))
                .chain(([l, n]) => fc.shuffledSubarray([...l, ...n], { minLength: l.length + n.length }))
                .map((chars) => chars.join(''));
        const evidence = fc.oneof(
            { weight: 12, arbitrary: padded(fc.integer({ min, max: min + 40 }).map((n) => 'e'.repeat(n))) },
            { weight: 6, arbitrary: mixed({ min: min - 1, max: min + 6 }) },
            { weight: 2, arbitrary: padded(fc.integer({ min: min - 2, max: min + 1 }).map((n) => 'e'.repeat(Math.max(0, n)))) },
            {
                weight: 1,
                arbitrary: fc.constantFrom(
                    ' '.repeat(min + 5),
                    '\u00a0'.repeat(min),
                    `${'x'.repeat(min - 1)}\u0001`,
                    `${'\u200b'.repeat(min - 1)}a`,
                    '\u3000'.repeat(min),
                    '.'.repeat(min),
                    '😀'.repeat(min),
                    '予算は第三四半期に承認済みで来月発注予定です',
                    'وافق المدير المالي على الميزانية'
                )
            },
            { weight: 1, arbitrary: fc.string({ maxLength: min + 5 }) },
            { weight: 1, arbitrary: blank }
        );
        const status = fc.oneof(fc.constantFrom(...CRITERION_STATUSES), blank);
        const qualification = fc.record({
            framework: fc.oneof(fc.constantFrom(...def.frameworks.map((f) => f.key)), blank),
            statuses: fc.array(status, { minLength: criteria.length, maxLength: criteria.length }),
            evidence: fc.array(evidence, { minLength: criteria.length, maxLength: criteria.length }),
            allConfirmed: fc.boolean(),
            mqlMinutesAgo: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true })),
            actionAfter: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }))
        });
        let count = 0;
        let complete = 0;
        const started = performance.now();
        fc.assert(
            fc.property(qualification, instant, (q, nowMs) => {
                count++;
                const lead: Record<string, unknown> = { [FIELDS.framework]: q.framework };
                criteria.forEach((c, i) => {
                    lead[statusField(c)] = q.allConfirmed ? 'Confirmed' : q.statuses[i];
                    lead[evidenceField(c)] = q.evidence[i];
                });
                if (q.mqlMinutesAgo !== null) {
                    const mql = Math.round(nowMs - q.mqlMinutesAgo * 60_000);
                    lead[FIELDS.mqlAt] = new Date(mql).toISOString();
                    if (q.actionAfter !== null)
                        lead[FIELDS.firstActionAt] = new Date(Math.round(mql + q.actionAfter * 60_000)).toISOString();
                }
                const values = computeFormulaFields({ ...lead, [FIELDS.fitScore]: 0 }, ctxAt(nowMs), meta);
                assert.ok(!Object.values(values).some(isFormulaError), JSON.stringify(values));
                const stamped = flowFormulaStamps(lead, ctxAt(nowMs), meta)[FIELDS.qualificationComplete];
                const r = readiness(lead, new Date(nowMs));
                const expected = r.framework !== null && r.criteria.every((c) => c.complete);
                if (expected) complete++;
                assert.equal(stamped, expected, JSON.stringify(lead));
                assert.equal(beforeSave(null, lead, ctxAt(nowMs), meta)[FIELDS.qualificationComplete], expected, 'the flow stamps it');
                const speed = speedToLead(lead, new Date(nowMs));
                const minutes = values[FIELDS.minutesToFirstAction];
                if (speed.state === 'actioned') assert.equal(minutes, Math.round(((speed.elapsedMs as number) / 60_000) * 10) / 10);
                else assert.equal(minutes, null);
            }),
            { numRuns: 3000 }
        );
        console.log(
            `parity (qualification): ${count} random criteria sets in ${((performance.now() - started) / 1000).toFixed(1)} s, ${complete} of them complete`
        );
        assert.ok(complete > count / 20, 'the generator reaches complete qualifications often enough to mean something');
    });
});
