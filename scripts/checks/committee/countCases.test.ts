/**
 * The committee count table (data/committee-count-cases.json) against c/buyingCommittee committeeCounts, which the
 * preview writes on every change of a lead's committee. The same file is the static resource LeadGateCommitteeCountCases
 * that LeadCommitteeCounts_Tests replays through the trigger in the org. The last block plants faults the table catches.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { committeeCounts } from 'c/buyingCommittee';
import { SQL_DEFINITION, committeeCountField, type SqlDefinition } from 'c/sqlDefinition';

const ROOT = join(__dirname, '..', '..', '..');

interface CountCase {
    name: string;
    summary: string;
    people: Array<{ role: string; changedTo?: string; removed?: boolean }>;
    expected: Record<string, number>;
}

const table = JSON.parse(readFileSync(join(ROOT, 'data/committee-count-cases.json'), 'utf8')) as { cases: CountCase[] };

/** The Role__c values still on the lead once every change of the case is made. */
const standing = (c: CountCase): string[] => c.people.filter((p) => !p.removed).map((p) => p.changedTo ?? p.role);

const failing = (count: (roles: string[]) => Record<string, number>): string[] =>
    table.cases.filter((c) => JSON.stringify(count(standing(c))) !== JSON.stringify(c.expected)).map((c) => c.name);

describe('committee count table: c/buyingCommittee committeeCounts', () => {
    for (const c of table.cases) {
        it(c.name, () => assert.deepEqual(committeeCounts(standing(c)), c.expected, c.summary));
    }

    it('names every count field of the definition in every case', () => {
        const fields = SQL_DEFINITION.committee.roles.map(committeeCountField).sort();
        for (const c of table.cases) assert.deepEqual(Object.keys(c.expected).sort(), fields, c.name);
    });

    it('is the static resource the org replays, byte for byte', () => {
        const source = readFileSync(join(ROOT, 'data/committee-count-cases.json'));
        const resource = readFileSync(join(ROOT, 'force-app/main/default/staticresources/LeadGateCommitteeCountCases.json'));
        assert.ok(Buffer.compare(source, resource) === 0, 'run node scripts/static-resources.mjs');
    });

    it('counts unknown role values nowhere', () => {
        const counts = committeeCounts(['Economic Buyer', 'Procurement', null]);
        assert.equal(
            Object.values(counts).reduce((a, b) => a + b, 0),
            1
        );
    });
});

describe('the count table catches planted faults', () => {
    it('leaving a role nobody holds blank instead of 0', () => {
        const plant = (roles: string[]) =>
            Object.fromEntries(Object.entries(committeeCounts(roles)).filter(([, n]) => n > 0)) as Record<string, number>;
        assert.ok(failing(plant).includes('nobody-named'));
    });

    it('counting people once they are removed', () => {
        const all = new Map(table.cases.map((c) => [standing(c).join('|'), c]));
        const plant = (roles: string[]) => {
            const c = all.get(roles.join('|'));
            return committeeCounts(c ? c.people.map((p) => p.changedTo ?? p.role) : roles);
        };
        assert.ok(failing(plant).includes('removed-person'));
    });

    it('counting a person under the role they had before a change', () => {
        const all = new Map(table.cases.map((c) => [standing(c).join('|'), c]));
        const plant = (roles: string[]) => {
            const c = all.get(roles.join('|'));
            return committeeCounts(c ? c.people.filter((p) => !p.removed).map((p) => p.role) : roles);
        };
        assert.ok(failing(plant).includes('role-changed'));
    });

    it('counting one role per lead instead of people', () => {
        const plant = (roles: string[]) => committeeCounts([...new Set(roles)]);
        assert.ok(failing(plant).includes('economic-buyer-and-two-champions'));
    });

    it('a definition with a role renamed', () => {
        const renamed: SqlDefinition = {
            ...SQL_DEFINITION,
            committee: {
                ...SQL_DEFINITION.committee,
                roles: SQL_DEFINITION.committee.roles.map((r) => (r.key === 'champion' ? { ...r, label: 'Coach' } : r))
            }
        };
        assert.ok(failing((roles) => committeeCounts(roles, renamed)).includes('economic-buyer-and-two-champions'));
    });
});
