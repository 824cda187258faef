/**
 * The buying-committee conversion case table (data/conversion-cases.json) against the TypeScript side
 * (c/buyingCommittee planConversion and conversionResults). The same file runs in the org as the static resource
 * LeadGateConversionCases, replayed by LeadCommitteeConversionCases_Tests against LeadCommitteeConversion.plan.
 * Each check below is shown to fail on a planted fault (the "plants" block).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
    committeeCoverage,
    conversionResults,
    conversionRows,
    planConversion,
    splitName,
    type ConversionInput,
    type ConversionPlan
} from 'c/buyingCommittee';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

const ROOT = join(__dirname, '..', '..', '..');

interface ConversionCase {
    name: string;
    summary: string;
    input: ConversionInput;
    orgRefuses: Record<string, string>;
    expected: { newContacts: string[]; outcomes: string[]; results: string[] };
}

const table = JSON.parse(readFileSync(join(ROOT, 'data/conversion-cases.json'), 'utf8')) as { cases: ConversionCase[] };

const run = (c: ConversionCase, plan: (input: ConversionInput) => ConversionPlan = (i) => planConversion(i)) => {
    const planned = plan(c.input);
    return conversionRows(planned, conversionResults(planned, c.orgRefuses));
};

describe('conversion case table: c/buyingCommittee', () => {
    for (const c of table.cases) {
        it(c.name, () => {
            assert.deepEqual(run(c), c.expected, c.summary);
        });
    }

    it('covers the cases the issue names', () => {
        const names = table.cases.map((c) => c.name);
        for (const n of ['new-contacts', 'matched-contact', 'duplicate-refused-by-the-org', 'lead-without-committee', 'bulk-of-200'])
            assert.ok(names.includes(n), `no case ${n}`);
        const bulk = table.cases.find((c) => c.name === 'bulk-of-200') as ConversionCase;
        assert.equal(bulk.input.leads.length, 200);
    });

    it('is the static resource the org replays, byte for byte', () => {
        const source = readFileSync(join(ROOT, 'data/conversion-cases.json'));
        const resource = readFileSync(join(ROOT, 'force-app/main/default/staticresources/LeadGateConversionCases.json'));
        assert.ok(Buffer.compare(source, resource) === 0, 'run node scripts/static-resources.mjs');
    });
});

describe('the table catches planted faults', () => {
    const failing = (plan: (input: ConversionInput) => ConversionPlan, refusedToo = false): string[] =>
        table.cases
            .filter((c) => {
                const got = plan(c.input);
                const results = conversionResults(got, refusedToo ? {} : c.orgRefuses);
                return JSON.stringify(conversionRows(got, results)) !== JSON.stringify(c.expected);
            })
            .map((c) => c.name);

    it('never reusing a Contact matched by email (a duplicate Contact would be created)', () => {
        const names = failing((input) => planConversion({ ...input, contacts: [] }));
        assert.ok(names.includes('matched-contact') && names.includes('bulk-of-200'));
    });

    it('matching a Contact of another account', () => {
        const plant = (input: ConversionInput) =>
            planConversion({
                ...input,
                contacts: input.contacts.map((c) => ({ ...c, accountId: input.leads[0]?.accountId ?? c.accountId }))
            });
        assert.ok(failing(plant).length > 0);
    });

    it('a champion mapped to another contact role', () => {
        const def: SqlDefinition = {
            ...SQL_DEFINITION,
            committee: {
                ...SQL_DEFINITION.committee,
                roles: SQL_DEFINITION.committee.roles.map((r) => (r.key === 'champion' ? { ...r, contactRole: 'Influencer' } : r))
            }
        };
        assert.ok(failing((input) => planConversion(input, def)).includes('new-contacts'));
    });

    it('ignoring existing contact roles (duplicates)', () => {
        assert.ok(failing((input) => planConversion({ ...input, contactRoles: [] })).includes('already-a-contact-role'));
    });

    it('dropping refusals silently', () => {
        const names = failing((input) => planConversion(input), true);
        assert.ok(names.includes('duplicate-refused-by-the-org') && names.includes('shared-new-contact-refused'));
    });
});

describe('coverage and names', () => {
    it('a definition that makes MEDDIC require the economic buyer and the champion: the missing one is named; unknown roles are ignored', () => {
        const requiring: SqlDefinition = {
            ...SQL_DEFINITION,
            committee: { ...SQL_DEFINITION.committee, requiredFor: { BANT: [], MEDDIC: ['economicBuyer', 'champion'] } }
        };
        const coverage = committeeCoverage(['Champion', 'Champion', 'Influencer', 'Sponsor', null], 'MEDDIC', requiring);
        assert.equal(coverage.named, 2);
        assert.equal(coverage.total, 5);
        assert.deepEqual(
            coverage.missingRequired.map((r) => r.label),
            ['Economic Buyer']
        );
        assert.deepEqual(committeeCoverage([], 'BANT', requiring).missingRequired, []);
        assert.deepEqual(committeeCoverage([], 'MEDDIC').missingRequired, [], 'as shipped, naming people is not required');
    });

    it('splits the last word off as the last name', () => {
        assert.deepEqual(splitName('  Ana  María Ruiz '), { firstName: 'Ana María', lastName: 'Ruiz' });
        assert.deepEqual(splitName('Cher'), { firstName: null, lastName: 'Cher' });
    });
});
