import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreLead } from 'c/leadScoring';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { readCaseTable } from './parityResources.ts';
import { generateAll } from './index.ts';
import {
    CaseTableError,
    resolveCase,
    resolveCaseTable,
    statedTarget,
    unresolvedProblem,
    type StatedCase
} from './qualificationCaseTable.ts';

const table = readCaseTable();
const withBar = (minFit: number, minIntent: number): SqlDefinition => ({ ...SQL_DEFINITION, bar: { minFit, minIntent } });
const named = (name: string): StatedCase => {
    const c = table.cases.find((x) => x.name === name);
    assert.ok(c, `the table has the case ${name}`);
    return c;
};

describe('the qualification case table, resolved against the bar', () => {
    it('reads "bar", "bar+N", "bar-N" and "bar*F"; refuses other text with the forms it accepts', () => {
        assert.equal(statedTarget(39, 30, 'x'), null);
        assert.equal(statedTarget('bar', 30, 'x'), 30);
        assert.equal(statedTarget('bar+9', 30, 'x'), 39);
        assert.equal(statedTarget('bar - 2', 30, 'x'), 28);
        assert.equal(statedTarget('bar*0.33', 30, 'x'), 10);
        assert.throws(() => statedTarget('bar+', 30, 'case a: expected.intent'), /case a: expected\.intent is "bar\+": write a number/);
        assert.throws(() => statedTarget('30', 30, 'x'), CaseTableError);
    });

    for (const [minFit, minIntent] of [
        [40, 30],
        [55, 40],
        [25, 12],
        [42, 54]
    ] as const) {
        it(`at a bar of fit ${minFit} and intent ${minIntent}, every case's lead scores what the case expects, on its side of the bar`, () => {
            const def = withBar(minFit, minIntent);
            const resolved = resolveCaseTable(table, def);
            assert.deepEqual(resolved.bar, def.bar);
            for (const c of resolved.cases) {
                const score = scoreLead(c.lead, c.now, def);
                assert.equal(score.fit, c.expected.fit, `${c.name} fit`);
                assert.equal(score.intent, c.expected.intent, `${c.name} intent`);
                assert.equal(score.meetsBar, c.expected.meetsBar, `${c.name} stays on its side of the bar`);
            }
        });
    }

    it("keeps the current bar's numbers for the boundary cases and moves them with the bar", () => {
        const at = (def: SqlDefinition, name: string) => resolveCase(named(name), def).expected;
        assert.deepEqual([at(SQL_DEFINITION, 'exactly-at-bar').fit, at(SQL_DEFINITION, 'exactly-at-bar').intent], [40, 30]);
        assert.deepEqual([at(SQL_DEFINITION, 'fit-below-bar').fit, at(SQL_DEFINITION, 'intent-below-bar').intent], [35, 28]);
        // Fit moves in steps of the rule points: "bar" is the least fit that clears 42, "bar-5" the most at or under 37.
        assert.equal(at(withBar(42, 30), 'exactly-at-bar').fit, 45);
        assert.equal(at(withBar(42, 30), 'fit-below-bar').fit, 35);
        assert.equal(at(withBar(40, 47), 'exactly-at-bar').intent, 47);
    });

    it('changes the fewest fit rules of the written lead: none when it already scores right, only the fields of the rules that must switch', () => {
        /** The fields other than the intent signals that differ between the written and the resolved lead. */
        const changed = (name: string, def: SqlDefinition): string[] => {
            const written = named(name).lead;
            const moved = resolveCase(named(name), def).lead;
            return Object.keys(written).filter((field) => written[field] !== moved[field] && !field.startsWith('Last_'));
        };
        for (const name of ['exactly-at-bar', 'fit-below-bar', 'free-mail-still-fits'])
            assert.deepEqual(changed(name, SQL_DEFINITION), [], name);
        // 45, the least fit over 42: the industry rule off and the buying-title rule on (two fields; no single switch scores 42 to 45).
        assert.deepEqual(changed('exactly-at-bar', withBar(42, 30)), ['Industry', 'Title']);
    });

    it('moves every signal of a case by the same days (the mix of signals stays)', () => {
        const c = named('intent-below-bar');
        const moved = resolveCase(c, withBar(40, 45)).lead;
        const gap = (lead: Record<string, unknown>): number =>
            Date.parse(lead.Last_Demo_Request_At__c as string) - Date.parse(lead.Last_Event_Attended_At__c as string);
        assert.equal(gap(moved), gap(c.lead));
        assert.notEqual(moved.Last_Demo_Request_At__c, c.lead.Last_Demo_Request_At__c);
    });

    it('refuses a target the case cannot reach, naming the case and what to change', () => {
        // Intent 9 over a bar of 90: the lead's three signals, fresh, give 74.
        assert.throws(
            () => resolveCase(named('bant-complete-becomes-sql'), withBar(40, 90)),
            /case bant-complete-becomes-sql: .*after the case's now/
        );
        assert.throws(
            () => resolveCase(named('free-mail-still-fits'), withBar(95, 30)),
            /case free-mail-still-fits: fit bar\+10 asks for a fit at or above 105/
        );
        const noSignals: StatedCase = {
            ...named('bypass-everything-missing'),
            expected: { ...named('bypass-everything-missing').expected, intent: 'bar' }
        };
        assert.throws(() => resolveCase(noSignals, SQL_DEFINITION), /has no intent signal to move/);
    });

    it('a bar the table cannot express still generates; the resolved table lists the cases and the tests refuse it', () => {
        const def = withBar(40, 0);
        const resolved = resolveCaseTable(table, def);
        assert.ok(resolved.unresolved.some((u) => u.name === 'intent-below-bar'));
        assert.equal(resolved.cases.length + resolved.unresolved.length, table.cases.length);
        assert.match(
            unresolvedProblem(resolved) ?? '',
            /cannot express \d+ case\(s\) at the bar \(fit 40, intent 0\)[\s\S]*case intent-below-bar[\s\S]*then npm run generate/
        );
        assert.equal(unresolvedProblem(resolveCaseTable(table, SQL_DEFINITION)), null);
        // Generated right after the committed definition's (the generator keeps resolved tables): each has its own bar.
        const resourceOf = (d: SqlDefinition) =>
            JSON.parse(generateAll(d).find((f) => f.path.endsWith('LeadGateQualificationCases.json'))?.content ?? '{}') as {
                bar: unknown;
                unresolved: unknown;
            };
        assert.deepEqual(resourceOf(SQL_DEFINITION).bar, SQL_DEFINITION.bar);
        const resource = resourceOf(def);
        assert.deepEqual(resource.bar, def.bar);
        assert.deepEqual(resource.unresolved, resolved.unresolved);
    });
});
