// validateDefinition (c/definitionCheck): the one check of a definition's values that the generator, the
// backtest and any future definition editor share. Each planted value outside its meaning is named by key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { validateDefinition } from 'c/definitionCheck';

const changed = (change: (def: SqlDefinition) => void): SqlDefinition => {
    const def = structuredClone(SQL_DEFINITION);
    change(def);
    return def;
};
const SIZE = 'segments[key=size].rule.bands';
const INDUSTRY = 'segments[key=industry].rule.groups';
const sizeBands = (def: SqlDefinition): Array<{ value: string; min: number }> => {
    const rule = def.segments.find((s) => s.key === 'size')?.rule;
    assert.ok(rule?.kind === 'numberBands');
    return rule.bands;
};
const industryGroups = (def: SqlDefinition): Array<{ value: string; values: string[] }> => {
    const rule = def.segments.find((s) => s.key === 'industry')?.rule;
    assert.ok(rule?.kind === 'picklistGroups');
    return rule.groups;
};
const keys = (def: SqlDefinition): string[] => validateDefinition(def).map((p) => p.key);

test('the committed definition has no problems', () => {
    assert.deepEqual(validateDefinition(SQL_DEFINITION), []);
});

test('each value outside its meaning is refused under its own key, with what is allowed', () => {
    const cases: Array<[string, (def: SqlDefinition) => void, string, RegExp]> = [
        ['intent bar above the range', (d) => (d.bar.minIntent = 500), 'bar.minIntent', /from 0 to 100.*no lead could ever clear it/],
        ['intent bar below the range', (d) => (d.bar.minIntent = -20), 'bar.minIntent', /from 0 to 100.*every lead would clear it/],
        ['fit bar not a number', (d) => ((d.bar as { minFit: unknown }).minFit = '40'), 'bar.minFit', /must be a number/],
        ['fit bar above the range', (d) => (d.bar.minFit = 101), 'bar.minFit', /from 0 to 100, the fit score range/],
        ['half-life of zero', (d) => (d.intent.halfLifeDays = 0), 'intent.halfLifeDays', /above 0/],
        ['negative half-life', (d) => (d.intent.halfLifeDays = -3), 'intent.halfLifeDays', /above 0/],
        ['range upside down', (d) => (d.intent.range = { min: 100, max: 0 }), 'intent.range', /min must be below max/],
        [
            'fit points beyond the range',
            (d) => ((d.fit.rules[0] as { points: number }).points = 101),
            `fit.rules[id=${SQL_DEFINITION.fit.rules[0]?.id}].points`,
            /from -100 to 100/
        ],
        [
            'signal points beyond the range',
            (d) => ((d.intent.signals[0] as { points: number }).points = 150),
            'intent.signals[id=demoRequest].points',
            /at most 100/
        ],
        [
            'signal points not positive',
            (d) => ((d.intent.signals[0] as { points: number }).points = -5),
            'intent.signals[id=demoRequest].points',
            /above 0/
        ],
        [
            'duplicate rule id',
            (d) => d.fit.rules.push(structuredClone(d.fit.rules[0]!)),
            `fit.rules[id=${SQL_DEFINITION.fit.rules[0]?.id}]`,
            /repeats the id/
        ],
        [
            'two signals on one field',
            (d) => d.intent.signals.push({ id: 'webinar', label: 'Webinar', field: 'Last_Demo_Request_At__c', points: 5 }),
            'intent.signals[id=webinar].field',
            /repeats Last_Demo_Request_At__c/
        ],
        [
            'unknown fit kind',
            (d) => ((d.fit.rules[0] as { when: { kind: string } }).when.kind = 'regex'),
            `fit.rules[id=${SQL_DEFINITION.fit.rules[0]?.id}].when.kind`,
            /must be one of picklistIn/
        ],
        [
            'campaign mapped to no signal',
            (d) => d.signalIntake.campaignResponses.byType.push({ type: 'Podcast', signal: 'podcast' }),
            `signalIntake.campaignResponses.byType[${SQL_DEFINITION.signalIntake.campaignResponses.byType.length}].signal`,
            /id of one of intent\.signals/
        ],
        [
            'evidence minimum not whole',
            (d) => (d.evidence.minLettersAndDigits = 2.5),
            'evidence.minLettersAndDigits',
            /whole number of at least 0/
        ],
        ['band above 100 %', (d) => ((d.bands[0] as { min: number }).min = 13), 'bands[metric=mqlToSql].min', /fraction from 0 to 1/],
        [
            'notes reason unknown',
            (d) => ((d.notesRequiredFor as { reason: string }).reason = 'Whatever'),
            'notesRequiredFor.reason',
            /rejectionReasons/
        ],
        ['SLA of zero minutes', (d) => (d.sla.minutes = 0), 'sla.minutes', /above 0/],
        ['blank version', (d) => (d.version = ' '), 'version', /non-blank/],
        [
            'first size band above 0',
            (d) => (sizeBands(d)[0]!.min = 10),
            `${SIZE}[value=Small (under 200)].min`,
            /first band must start at 0/
        ],
        [
            'size bands out of order',
            (d) => (sizeBands(d)[2]!.min = 200),
            `${SIZE}[value=Enterprise (1,000+)].min`,
            /more than the band before it \(200\)/
        ],
        ['size band bound not whole', (d) => (sizeBands(d)[1]!.min = 250.5), `${SIZE}[value=Mid-market (200-999)].min`, /whole number/],
        [
            'two size bands with one name',
            (d) => (sizeBands(d)[2]!.value = ' small (UNDER 200) '),
            `${SIZE}[value= small (UNDER 200) ].value`,
            /twice in this segment/
        ],
        ['blank size band name', (d) => (sizeBands(d)[1]!.value = '  '), `${SIZE}[1].value`, /is blank: give the value a name/],
        [
            'band named like the blank value',
            (d) => (sizeBands(d)[1]!.value = 'Unknown'),
            `${SIZE}[value=Unknown].value`,
            /blank field: choose another name/
        ],
        [
            'group named like the other value',
            (d) => (industryGroups(d)[0]!.value = 'other'),
            `${INDUSTRY}[value=other].value`,
            /no band or group lists: choose another name/
        ],
        [
            'group name with a dot',
            (d) => (industryGroups(d)[0]!.value = 'Tech.'),
            `${INDUSTRY}[value=Tech.].value`,
            /leave out dots and square brackets/
        ],
        ['blank segment label', (d) => (d.segments[2]!.label = ' '), 'segments[key=region].label', /is blank: name the segment/],
        [
            'segment label too long',
            (d) => (d.segments[0]!.label = 'x'.repeat(41)),
            'segments[key=size].label',
            /41 characters: shorten it to at most 40/
        ]
    ];
    for (const [name, change, key, message] of cases) {
        const problems = validateDefinition(changed(change));
        const problem = problems.find((p) => p.key === key);
        assert.ok(problem, `${name}: expected a problem at ${key}, got ${JSON.stringify(problems)}`);
        assert.match(problem.message, message, name);
        assert.equal(problems.length, 1, `${name}: only ${key} is wrong, got ${JSON.stringify(problems)}`);
    }
});

test('never throws, whatever it is given: a malformed proposal gets problems, not a crash', () => {
    for (const junk of [null, undefined, 42, 'def', [], {}, { bar: {}, fit: {}, intent: {} }, { fit: { rules: [null, { when: null }] } }]) {
        const problems = validateDefinition(junk as unknown as SqlDefinition);
        assert.ok(problems.length > 0, JSON.stringify(junk));
    }
    assert.ok(keys({ bar: {}, fit: {}, intent: {} } as unknown as SqlDefinition).includes('bar.minIntent'));
});
