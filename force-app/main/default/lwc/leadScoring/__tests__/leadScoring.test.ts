/**
 * The scoring module against the spec's defaults (SPEC.md section 3): every expected number below is
 * worked out from the spec's rules by hand, never captured from a run of the code.
 */
import {
    criterionState,
    fieldsRead,
    fitInputFields,
    intentForecast,
    readiness,
    scoreLead,
    suggestFramework,
    type FitLedgerLine,
    notesMeetRequirement,
    type IntentLedgerLine
} from 'c/leadScoring';
import { SQL_DEFINITION, evidenceField, statusField, type SqlDefinition } from 'c/sqlDefinition';

const NOW = '2026-05-14T15:00:00.000Z';
const DAY = 86_400_000;
const daysBefore = (days: number, from = NOW): string => new Date(Date.parse(from) - days * DAY).toISOString();

const fitIds = (lead: Record<string, unknown>): string[] =>
    scoreLead(lead, NOW)
        .ledger.filter((line): line is FitLedgerLine => line.kind === 'fit')
        .map((line) => line.ruleId);

/** Twenty characters exactly: the default evidence minimum. */
const EVIDENCE_20 = 'CFO confirmed 80k for Q3';
const EVIDENCE_OK = 'CFO confirmed 80k approved for Q3 in the 2026 plan';

function completeBant(): Record<string, unknown> {
    const lead: Record<string, unknown> = { Qualification_Framework__c: 'BANT' };
    for (const key of ['Budget', 'Authority', 'Need', 'Timeline']) {
        lead[`${key}_Status__c`] = 'Confirmed';
        lead[`${key}_Evidence__c`] = EVIDENCE_OK;
    }
    return lead;
}

/** Fit 20 + 15 + 25 + 10 + 10 = 80; intent: a fresh demo request (40). */
const STRONG_LEAD = {
    Industry: 'Technology',
    NumberOfEmployees: 800,
    Title: 'VP Marketing',
    Country: 'Germany',
    AnnualRevenue: 60_000_000,
    Email: 'dana@acme-robotics.com',
    Last_Demo_Request_At__c: NOW,
    Accepted_At__c: daysBefore(1)
};

describe('scoreLead ledger', () => {
    it('lists every fit rule that fired with its points, and sums them', () => {
        const score = scoreLead(STRONG_LEAD, NOW);
        const fit = score.ledger.filter((line): line is FitLedgerLine => line.kind === 'fit');
        expect(fit.map((line) => [line.ruleId, line.field, line.points])).toEqual([
            ['targetIndustry', 'Industry', 20],
            ['companySize', 'NumberOfEmployees', 15],
            ['buyingAuthority', 'Title', 25],
            ['servedGeography', 'Country', 10],
            ['annualRevenue', 'AnnualRevenue', 10]
        ]);
        expect(score.fitSum).toBe(80);
        expect(score.fit).toBe(80);
    });

    it('shows raw points, age and decayed points for each intent signal', () => {
        const lead = {
            Last_Demo_Request_At__c: daysBefore(30),
            Last_Pricing_Visit_At__c: daysBefore(60),
            Last_Email_Engagement_At__c: NOW
        };
        const score = scoreLead(lead, NOW);
        const intent = score.ledger.filter((line): line is IntentLedgerLine => line.kind === 'intent');
        expect(intent.map((line) => [line.ruleId, line.rawPoints])).toEqual([
            ['demoRequest', 40],
            ['pricingVisit', 15],
            ['emailEngagement', 2]
        ]);
        // One half-life: 40 -> 20; two half-lives: 15 -> 3.75; fresh: 2.
        expect(intent[0]?.ageDays).toBeCloseTo(30, 9);
        expect(intent[0]?.points).toBeCloseTo(20, 9);
        expect(intent[1]?.points).toBeCloseTo(3.75, 9);
        expect(intent[2]?.points).toBe(2);
        expect(intent[0]?.occurredAt).toBe(daysBefore(30));
        expect(score.intentSum).toBeCloseTo(25.75, 9);
        expect(score.intent).toBe(26);
    });

    it('counts a future timestamp as age 0 (full points)', () => {
        const score = scoreLead({ Last_Event_Attended_At__c: daysBefore(-3) }, NOW);
        const line = score.ledger[0] as IntentLedgerLine;
        expect(line.ageDays).toBe(0);
        expect(line.points).toBe(20);
        expect(score.intent).toBe(20);
    });

    it('rounds the intent sum half up', () => {
        // 40 * 0.5^(d/30) = 29.5 exactly at d = 30 * log2(40 / 29.5); a minute either side rounds apart.
        const boundary = 30 * Math.log2(40 / 29.5);
        expect(scoreLead({ Last_Demo_Request_At__c: daysBefore(boundary - 1 / 1440) }, NOW).intent).toBe(30);
        expect(scoreLead({ Last_Demo_Request_At__c: daysBefore(boundary + 1 / 1440) }, NOW).intent).toBe(29);
    });

    it('applies the SQL bar: fit >= 40 AND intent >= 30', () => {
        expect(scoreLead(STRONG_LEAD, NOW).meetsBar).toBe(true);
        expect(scoreLead({ ...STRONG_LEAD, Last_Demo_Request_At__c: null }, NOW).meetsBar).toBe(false);
        // Fit exactly 40 (industry 20 + geography 10 + revenue 10) and intent exactly 30 (demo 20 + event 10 after one half-life each).
        const atBar = {
            Industry: 'Healthcare',
            Country: 'US',
            AnnualRevenue: 50_000_000,
            Last_Demo_Request_At__c: daysBefore(30),
            Last_Event_Attended_At__c: daysBefore(30)
        };
        const score = scoreLead(atBar, NOW);
        expect([score.fit, score.intent, score.meetsBar]).toEqual([40, 30, true]);
        expect(scoreLead({ ...atBar, AnnualRevenue: 49_999_999 }, NOW).meetsBar).toBe(false);
    });
});

describe('caps', () => {
    it('clamps fit at 0 when negative rules outweigh the positive ones, keeping the raw sum', () => {
        const score = scoreLead({ ...STRONG_LEAD, Email: 'dana@rivalgate.com' }, NOW);
        expect(score.fitSum).toBe(-20);
        expect(score.fit).toBe(0);
    });

    it('clamps fit and intent at the top of their range', () => {
        const generous: SqlDefinition = {
            ...SQL_DEFINITION,
            fit: {
                ...SQL_DEFINITION.fit,
                rules: [
                    ...SQL_DEFINITION.fit.rules,
                    { id: 'bonus', label: 'Bonus', points: 50, when: { kind: 'numberAtLeast', field: 'NumberOfEmployees', min: 1 } }
                ]
            },
            intent: { ...SQL_DEFINITION.intent, signals: SQL_DEFINITION.intent.signals.map((s) => ({ ...s, points: s.points * 3 })) }
        };
        const lead = { ...STRONG_LEAD, Last_Event_Attended_At__c: NOW };
        const score = scoreLead(lead, NOW, generous);
        expect(score.fitSum).toBe(130);
        expect(score.fit).toBe(100);
        expect(score.intentSum).toBe(180);
        expect(score.intent).toBe(100);
    });
});

describe('negative rules', () => {
    it('takes 40 off for a student or intern, as a whole word only', () => {
        expect(fitIds({ Title: 'Student' })).toEqual(['studentOrIntern']);
        expect(fitIds({ Title: 'Marketing Intern' })).toEqual(['studentOrIntern']);
        expect(fitIds({ Title: 'Internal Audit Lead' })).toEqual([]);
        expect(fitIds({ Title: 'International Sales Director' })).toEqual(['buyingAuthority']);
        expect(scoreLead({ Title: 'Intern', Industry: 'Technology' }, NOW).fitSum).toBe(-20);
    });

    it('takes 30 off for a free e-mail provider and 100 for a competitor domain', () => {
        expect(scoreLead({ Email: 'ana@gmail.com' }, NOW).fitSum).toBe(-30);
        expect(scoreLead({ Email: 'ana@rivalgate.com' }, NOW).fitSum).toBe(-100);
    });
});

describe('title word matching', () => {
    it.each([
        ['Director of Sales', true],
        ['Sales Director', true],
        ['VP-Sales', true],
        ['Vice President, Operations', true],
        ['Head of Growth', true],
        ['Chief Revenue Officer', true],
        ['CEO & Founder', true],
        ['Co-founder / CTO', true],
        ['  cfo  ', true],
        ['Contractor', false],
        ['Coordinator', false],
        ['Headmaster', false],
        ['Mischief Manager', false],
        ['Directory Assistant', false],
        ['Vpn Engineer', false],
        ['', false]
    ])('%j has buying authority: %s', (title, expected) => {
        expect(fitIds({ Title: title }).includes('buyingAuthority')).toBe(expected);
    });
});

describe('e-mail domains', () => {
    it.each([
        ['ana@gmail.com', 'freeEmail'],
        ['ANA@GMAIL.CO.UK', 'freeEmail'],
        ['ana@yahoo.fr', 'freeEmail'],
        ['me@me.com', 'freeEmail'],
        ['ana@gmailcompany.com', null],
        ['ana@mail.gmail.com', null],
        ['ana@notgmail.com', null],
        ['x@rivalgate.com', 'competitor'],
        ['x@eu.rivalgate.com', 'competitor'],
        ['x@RivalGate.com ', 'competitor'],
        ['x@notrivalgate.com', null],
        ['x@rivalgate.com.example.org', null],
        ['rivalgate.com', null],
        ['x@leadlock.io', 'competitor']
    ])('%j -> %s', (email, expected) => {
        const hits = fitIds({ Email: email }).filter((id) => id === 'freeEmail' || id === 'competitor');
        expect(hits).toEqual(expected ? [expected] : []);
    });
});

describe('served geography and numbers', () => {
    it('matches the country list case-insensitively after trimming, whole entries only', () => {
        expect(fitIds({ Country: ' united kingdom ' })).toEqual(['servedGeography']);
        expect(fitIds({ Country: 'UK' })).toEqual(['servedGeography']);
        expect(fitIds({ Country: 'Ukraine' })).toEqual([]);
        expect(fitIds({ Country: 'us:ca' })).toEqual([]);
    });

    it('uses the thresholds inclusively and treats blank as 0', () => {
        expect(fitIds({ NumberOfEmployees: 500 })).toEqual(['companySize']);
        expect(fitIds({ NumberOfEmployees: 499 })).toEqual([]);
        expect(fitIds({ NumberOfEmployees: null, AnnualRevenue: null })).toEqual([]);
        expect(fitIds({ AnnualRevenue: 50_000_000 })).toEqual(['annualRevenue']);
    });

    it('matches the industry picklist exactly', () => {
        expect(fitIds({ Industry: 'Biotechnology' })).toEqual(['targetIndustry']);
        expect(fitIds({ Industry: 'technology' })).toEqual([]);
    });
});

describe('intentForecast', () => {
    it('finds when a fresh demo request decays below the bar (to the minute)', () => {
        // 40 * 0.5^(d/30) rounds below 30 once it is under 29.5: d = 30 * log2(40 / 29.5) days.
        const expectedDays = 30 * Math.log2(40 / 29.5);
        const forecast = intentForecast({ Last_Demo_Request_At__c: NOW }, NOW);
        expect(forecast.state).toBe('decays');
        expect(Math.abs((forecast.days as number) - expectedDays)).toBeLessThan(1.5 / 1440);
        expect(Date.parse(forecast.at as string) - Date.parse(NOW)).toBeCloseTo((forecast.days as number) * DAY, 0);
        expect(scoreLead({ Last_Demo_Request_At__c: NOW }, forecast.at as string).intent).toBe(29);
    });

    it('counts from a future signal', () => {
        const forecast = intentForecast({ Last_Demo_Request_At__c: daysBefore(-10) }, NOW);
        expect(forecast.days).toBeGreaterThan(10 + 30 * Math.log2(40 / 29.5) - 1 / 1440);
    });

    it('says when intent is already below the bar, or there is no intent', () => {
        expect(intentForecast({ Last_Pricing_Visit_At__c: NOW }, NOW)).toEqual({ state: 'belowAlready', at: null, days: null });
        expect(intentForecast({}, NOW)).toEqual({ state: 'noSignals', at: null, days: null });
    });
});

describe('suggestFramework', () => {
    it.each([
        [{ NumberOfEmployees: 1000 }, 'MEDDIC'],
        [{ NumberOfEmployees: 999, AnnualRevenue: 99_999_999 }, 'BANT'],
        [{ AnnualRevenue: 100_000_000 }, 'MEDDIC'],
        [{ NumberOfEmployees: '1500' }, 'MEDDIC'],
        [{ NumberOfEmployees: 'many' }, 'BANT'],
        [{}, 'BANT']
    ])('%j -> %s', (lead, expected) => {
        expect(suggestFramework(lead)).toBe(expected);
    });
});

describe('readiness', () => {
    const ready = (): Record<string, unknown> => ({ ...STRONG_LEAD, ...completeBant() });

    it('is ready when every BANT criterion is complete, the bar is met and the lead was accepted', () => {
        const r = readiness(ready(), NOW);
        expect(r.blockers).toEqual([]);
        expect(r.ready).toBe(true);
        expect([r.framework, r.completeCount, r.total]).toEqual(['BANT', 4, 4]);
    });

    it('lists blockers in the order a rep fixes them: framework, criteria, fit, intent, acceptance', () => {
        const r = readiness({ Title: 'Student' }, NOW);
        expect(r.blockers.map((b) => b.kind)).toEqual(['framework', 'fitBelowBar', 'intentBelowBar', 'notAccepted']);
        const bant = readiness({ Qualification_Framework__c: 'BANT' }, NOW);
        expect(bant.blockers.map((b) => b.field)).toEqual([
            'Budget_Evidence__c',
            'Authority_Evidence__c',
            'Need_Evidence__c',
            'Timeline_Evidence__c',
            'Fit_Score__c',
            'Intent_Score__c',
            'Accepted_At__c'
        ]);
    });

    it('needs Confirmed AND evidence of at least 20 letters and digits (any script; nothing else counts)', () => {
        const lead = ready();
        const blocked = (patch: Record<string, unknown>): string[] => readiness({ ...lead, ...patch }, NOW).blockers.map((b) => b.field);
        expect(EVIDENCE_20.replace(/[^a-zA-Z0-9]/g, '')).toHaveLength(20);
        // Characters that render as nothing, spaces of any kind, punctuation and emoji do not count (issue 15).
        for (const padding of [
            `${'\u200b'.repeat(19)}a`,
            '\u3000'.repeat(20),
            '.'.repeat(20),
            '\u{1F600}'.repeat(20),
            `${EVIDENCE_20.slice(1)}!!!`
        ]) {
            expect(blocked({ Budget_Evidence__c: padding })).toEqual(['Budget_Evidence__c']);
        }
        expect(blocked({ Budget_Evidence__c: '予'.repeat(20) })).toEqual([]);
        expect(blocked({ Budget_Evidence__c: 'وافق المدير المالي على الميزانية' })).toEqual([]);
        expect(blocked({ Budget_Evidence__c: EVIDENCE_20 })).toEqual([]);
        expect(blocked({ Budget_Evidence__c: EVIDENCE_20.slice(1) })).toEqual(['Budget_Evidence__c']);
        expect(blocked({ Budget_Evidence__c: `   ${EVIDENCE_20.slice(1)}\t\n ` })).toEqual(['Budget_Evidence__c']);
        expect(blocked({ Budget_Evidence__c: ' '.repeat(40) })).toEqual(['Budget_Evidence__c']);
        expect(blocked({ Budget_Status__c: 'In Progress' })).toEqual(['Budget_Evidence__c']);
        expect(blocked({ Budget_Status__c: null })).toEqual(['Budget_Evidence__c']);
    });

    it('reports a Disqualifying criterion with the rejection reason it points to', () => {
        const r = readiness({ ...ready(), Timeline_Status__c: 'Disqualifying' }, NOW);
        expect(r.disqualifying.map((c) => [c.key, c.disqualifyReason])).toEqual([['Timeline', 'Bad Timing']]);
        expect(r.ready).toBe(false);
    });

    it('uses the MEDDIC criteria when the lead is on MEDDIC', () => {
        const r = readiness({ ...ready(), Qualification_Framework__c: 'MEDDIC' }, NOW);
        expect(r.total).toBe(6);
        expect(r.criteria.map((c) => c.evidenceField)).toEqual([
            'Metrics_Evidence__c',
            'Economic_Buyer_Evidence__c',
            'Decision_Criteria_Evidence__c',
            'Decision_Process_Evidence__c',
            'Identify_Pain_Evidence__c',
            'Champion_Evidence__c'
        ]);
        expect(r.completeCount).toBe(0);
    });

    it('treats an unknown framework value as no framework', () => {
        expect(readiness({ ...ready(), Qualification_Framework__c: 'SPICED' }, NOW).blockers[0]?.kind).toBe('framework');
    });

    it('does not require acceptance when the definition drops the SAL stage', () => {
        const def: SqlDefinition = { ...SQL_DEFINITION, requireSalStage: false };
        expect(readiness({ ...ready(), Accepted_At__c: null }, NOW, def).ready).toBe(true);
        expect(readiness({ ...ready(), Accepted_At__c: null }, NOW).blockers.map((b) => b.kind)).toEqual(['notAccepted']);
    });

    it('measures evidence with the definition minimum', () => {
        const def: SqlDefinition = { ...SQL_DEFINITION, evidence: { minLettersAndDigits: 60 } };
        const budget = SQL_DEFINITION.frameworks[0]?.criteria[0];
        if (!budget) throw new Error('BANT has no Budget criterion');
        const state = criterionState(budget, ready(), def);
        // Letters and digits only: the spaces and punctuation of EVIDENCE_OK do not count.
        expect([state.evidenceChars, state.evidenceMinChars, state.complete]).toEqual([
            EVIDENCE_OK.replace(/[^a-zA-Z0-9]/g, '').length,
            60,
            false
        ]);
    });
});

describe('fieldsRead', () => {
    it('asks for every field the score and readiness read', () => {
        const fields = fieldsRead();
        for (const f of [
            'Status',
            'Qualification_Framework__c',
            'Accepted_At__c',
            'Industry',
            'Title',
            'Email',
            'Country',
            'Last_Demo_Request_At__c'
        ]) {
            expect(fields).toContain(f);
        }
        for (const framework of SQL_DEFINITION.frameworks) {
            for (const c of framework.criteria) {
                expect(fields).toContain(statusField(c));
                expect(fields).toContain(evidenceField(c));
            }
        }
        expect(new Set(fields).size).toBe(fields.length);
    });
});

describe('fitInputFields', () => {
    it('offers each field a fit rule reads once, in the order the definition names it, with the input its conditions need', () => {
        expect(fitInputFields().map(({ field, kind }) => [field, kind])).toEqual([
            ['Industry', 'picklist'],
            ['NumberOfEmployees', 'number'],
            ['Title', 'text'],
            ['Country', 'text'],
            ['AnnualRevenue', 'number'],
            ['Email', 'email']
        ]);
        // Title feeds both the authority bonus and the student penalty; Email both e-mail rules.
        expect(fitInputFields().find((f) => f.field === 'Title')?.ruleIds).toEqual(['buyingAuthority', 'studentOrIntern']);
        expect(fitInputFields().find((f) => f.field === 'Email')?.ruleIds).toEqual(['freeEmail', 'competitor']);
        for (const { field } of fitInputFields()) expect(fieldsRead()).toContain(field);
    });

    it('follows the definition: a rule on a new field adds it, and no fit rules means no facts', () => {
        const withSource: SqlDefinition = {
            ...SQL_DEFINITION,
            fit: {
                ...SQL_DEFINITION.fit,
                rules: [
                    ...SQL_DEFINITION.fit.rules,
                    { id: 'webSource', label: 'Web source', points: 5, when: { kind: 'textIn', field: 'LeadSource', values: ['web'] } }
                ]
            }
        };
        expect(fitInputFields(withSource).at(-1)).toEqual({ field: 'LeadSource', kind: 'text', ruleIds: ['webSource'] });
        expect(fitInputFields({ ...SQL_DEFINITION, fit: { ...SQL_DEFINITION.fit, rules: [] } })).toEqual([]);
    });
});

describe('notesMeetRequirement', () => {
    it("asks notes only for the definition's reason, counted after trimming as the validation rule does", () => {
        const { reason, minChars } = SQL_DEFINITION.notesRequiredFor;
        const enough = 'x'.repeat(minChars);
        expect(notesMeetRequirement('Bad Timing', '')).toBe(true);
        expect(notesMeetRequirement(reason, enough)).toBe(true);
        expect(notesMeetRequirement(reason, enough.slice(1))).toBe(false);
        expect(notesMeetRequirement(reason, `   ${enough.slice(1)}   `)).toBe(false);
    });
});
