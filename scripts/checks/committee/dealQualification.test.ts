/**
 * c/dealQualification: what the Opportunity's MEDDIC panel shows, from the Opportunity's values and its committee.
 * Each expectation is also run against a planted fault, which it must catch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dealQualification, type DealQualification } from 'c/dealQualification';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

const FROM_BANT = {
    Qualification_Framework__c: 'BANT',
    Budget_Status__c: 'Confirmed',
    Budget_Evidence__c: 'CFO confirmed 80k approved for Q3 in the 2026 plan',
    Authority_Status__c: null,
    Authority_Evidence__c: '',
    Need_Status__c: 'In Progress',
    Need_Evidence__c: 'Reps lose 6 h a week rekeying leads',
    Metrics_Status__c: 'Confirmed',
    Metrics_Evidence__c: 'Cut lead response time from 2 days to 1 hour',
    Fit_At_Conversion__c: 70,
    Intent_At_Conversion__c: '44'
};

const withoutInforms: SqlDefinition = {
    ...SQL_DEFINITION,
    frameworks: SQL_DEFINITION.frameworks.map((f) => ({ ...f, criteria: f.criteria.map(({ informs: _unused, ...c }) => c) }))
};

/** The expectations, as named checks over a result: each returns a message when it does not hold. */
const checks: Record<string, (d: DealQualification) => string | null> = {
    'an incomplete MEDDIC criterion lists the answered BANT criteria that inform it': (d) => {
        const eb = d.criteria.find((c) => c.state.key === 'Economic_Buyer');
        const pain = d.criteria.find((c) => c.state.key === 'Identify_Pain');
        const got = [eb?.fromLead.map((a) => a.key), pain?.fromLead.map((a) => `${a.key}:${a.status}`)];
        return JSON.stringify(got) === JSON.stringify([['Budget'], ['Need:In Progress']]) ? null : JSON.stringify(got);
    },
    'a complete criterion lists nothing and counts as complete': (d) => {
        const metrics = d.criteria.find((c) => c.state.key === 'Metrics');
        return metrics?.state.complete && metrics.fromLead.length === 0 && d.completeCount === 1 ? null : JSON.stringify(metrics);
    },
    'the incomplete criteria are the readiness blockers, in order': (d) =>
        JSON.stringify(d.blockers.map((b) => b.field)) ===
            JSON.stringify(
                ['Economic_Buyer', 'Decision_Criteria', 'Decision_Process', 'Identify_Pain', 'Champion'].map((k) => `${k}_Evidence__c`)
            ) && !d.ready
            ? null
            : JSON.stringify(d.blockers.map((b) => b.field)),
    'the committee coverage counts the roles carried to the deal': (d) =>
        d.coverage.named === 2 && d.coverage.missing.map((r) => r.key).join() === 'decisionMaker,influencer,blocker'
            ? null
            : JSON.stringify(d.coverage),
    'the scores at conversion are read as numbers': (d) =>
        d.fitAtConversion === 70 && d.intentAtConversion === 44 ? null : `${d.fitAtConversion} ${d.intentAtConversion}`
};

const run = (values: Record<string, unknown>, def: SqlDefinition = SQL_DEFINITION): DealQualification =>
    dealQualification(values, ['Economic Buyer', 'Champion', 'Champion'], def);
const failing = (d: DealQualification): string[] =>
    Object.entries(checks)
        .filter(([, check]) => check(d) !== null)
        .map(([name]) => name);

describe('c/dealQualification', () => {
    for (const [name, check] of Object.entries(checks)) it(name, () => assert.equal(check(run(FROM_BANT)), null));

    it('is ready when all six MEDDIC criteria are confirmed with evidence', () => {
        const meddic = Object.fromEntries(
            (SQL_DEFINITION.frameworks.find((f) => f.key === 'MEDDIC')?.criteria ?? []).flatMap((c) => [
                [`${c.key}_Status__c`, 'Confirmed'],
                [`${c.key}_Evidence__c`, 'Twenty letters and digits of evidence here']
            ])
        );
        const d = run({ ...meddic, Qualification_Framework__c: 'MEDDIC' });
        assert.equal(d.ready, true);
        assert.equal(d.leadFramework, 'MEDDIC');
        assert.equal(run({}).leadFramework, null, 'no framework: not from a qualified lead');
    });
});

describe('the checks catch planted faults', () => {
    it('a definition without the BANT -> MEDDIC mapping', () => {
        assert.ok(
            failing(run(FROM_BANT, withoutInforms)).includes(
                'an incomplete MEDDIC criterion lists the answered BANT criteria that inform it'
            )
        );
    });
    it('evidence too short to count', () => {
        assert.ok(
            failing(run({ ...FROM_BANT, Metrics_Evidence__c: 'Faster replies' })).includes(
                'a complete criterion lists nothing and counts as complete'
            )
        );
    });
    it('a lead qualified with MEDDIC already (nothing to map)', () => {
        assert.ok(
            failing(run({ ...FROM_BANT, Qualification_Framework__c: 'MEDDIC' })).includes(
                'an incomplete MEDDIC criterion lists the answered BANT criteria that inform it'
            )
        );
    });
    it('another committee', () => {
        assert.ok(
            failing(dealQualification(FROM_BANT, ['Blocker'])).includes('the committee coverage counts the roles carried to the deal')
        );
    });
    it('an unconfirmed criterion', () => {
        assert.ok(
            failing(run({ ...FROM_BANT, Metrics_Status__c: 'In Progress' })).includes(
                'the incomplete criteria are the readiness blockers, in order'
            )
        );
    });
});
