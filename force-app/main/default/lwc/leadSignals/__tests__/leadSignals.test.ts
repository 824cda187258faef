/**
 * Signal application (leadSignals) against the rules of its module comment: mapping, forward-only, idempotence,
 * ordering, rejects. Expected values are worked out from the rules, never captured from a run.
 */
import fc from 'fast-check';
import { scoreLead } from 'c/leadScoring';
import {
    applySignals,
    campaignResponseTime,
    campaignSignal,
    leadsToLoad,
    parseSignalTime,
    signalFieldsRead,
    signalOfType,
    withUpdates,
    type SignalEvent,
    type SignalResult
} from 'c/leadSignals';
import { SQL_DEFINITION, type IntentSignal, type SqlDefinition } from 'c/sqlDefinition';
import { mulberry32 as random } from '../../../../../../scripts/admin/sample-data/random';

const NOW = Date.parse('2026-05-14T15:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const minutesBefore = (m: number): string => iso(NOW - m * 60_000);
const DEMO = 'Last_Demo_Request_At__c';
const EVENT = 'Last_Event_Attended_At__c';
const PRICING = 'Last_Pricing_Visit_At__c';

const lead = (id: string, values: Record<string, unknown> = {}): Record<string, unknown> => ({
    Id: id,
    Email: null,
    IsConverted: false,
    ...Object.fromEntries(SQL_DEFINITION.intent.signals.map((s) => [s.field, null])),
    ...values
});
const ID_A = '00Q000000000001AAA';
const ID_B = '00Q000000000002AAA';
const ID_C = '00Q000000000003AAA';

const run = (leads: Array<Record<string, unknown>>, events: SignalEvent[], def: SqlDefinition = SQL_DEFINITION): SignalResult =>
    applySignals(leads, events, def, NOW);

describe('parseSignalTime', () => {
    it('reads ISO 8601 with Z or an offset, to the whole second', () => {
        expect(parseSignalTime('2026-05-04T09:30:00Z')).toBe(Date.UTC(2026, 4, 4, 9, 30, 0));
        expect(parseSignalTime('2026-05-04T11:30:00.000+02:00')).toBe(Date.UTC(2026, 4, 4, 9, 30, 0));
        expect(parseSignalTime('2026-05-04T04:00:00-05:30')).toBe(Date.UTC(2026, 4, 4, 9, 30, 0));
        expect(parseSignalTime('2026-05-04T09:30:00.999Z')).toBe(Date.UTC(2026, 4, 4, 9, 30, 0));
        expect(parseSignalTime('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
    });

    it.each([
        ['no zone', '2026-05-04T09:30:00'],
        ['a date only', '2026-05-04'],
        ['a space instead of T', '2026-05-04 09:30:00Z'],
        ['no seconds', '2026-05-04T09:30Z'],
        ['30 February', '2026-02-30T09:30:00Z'],
        ['29 February of a common year', '2027-02-29T09:30:00Z'],
        ['hour 24', '2026-05-04T24:00:00Z'],
        ['second 60', '2026-05-04T09:30:60Z'],
        ['zone minutes 60', '2026-05-04T09:30:00+01:60'],
        ['before 1700', '1699-12-31T23:59:59Z'],
        ['after 4000', '4001-01-01T00:00:00Z'],
        ['an epoch number', 1777000000000],
        ['words', 'yesterday'],
        ['blank', ''],
        ['null', null]
    ])('refuses %s', (_what, value) => {
        expect(parseSignalTime(value)).toBeNull();
    });
});

describe('which signal', () => {
    it('an integration names a signal by its id, case-insensitively', () => {
        expect(signalOfType('demoRequest')?.field).toBe(DEMO);
        expect(signalOfType('  DEMOREQUEST ')?.field).toBe(DEMO);
        expect(signalOfType('demo_request')).toBeNull();
        expect(signalOfType('')).toBeNull();
    });

    it('a campaign maps by name phrase first, then by type (both case-insensitive)', () => {
        expect(campaignSignal('Webinar', 'Q2 product webinar')?.field).toBe(EVENT);
        expect(campaignSignal(' conference ', 'Summit 2026')?.field).toBe(EVENT);
        expect(campaignSignal('Webinar', 'Webinar: live Demo Request hour')?.field).toBe(DEMO);
        expect(campaignSignal('Other', 'Website demo request form')?.field).toBe(DEMO);
        expect(campaignSignal('Content', 'Buyer guide')?.field).toBe('Last_Content_Download_At__c');
        expect(campaignSignal('Direct Mail', 'Spring postcard')).toBeNull();
        expect(campaignSignal(null, null)).toBeNull();
    });

    it('the mapping is the definition’s: a new phrase maps without code changes', () => {
        const { byNamePhrase, byType } = SQL_DEFINITION.signalIntake.campaignResponses;
        const def: SqlDefinition = {
            ...SQL_DEFINITION,
            signalIntake: {
                ...SQL_DEFINITION.signalIntake,
                campaignResponses: { byNamePhrase: [...byNamePhrase, { phrase: 'roadshow', signal: 'eventAttended' }], byType }
            }
        };
        expect(campaignSignal('Direct Mail', 'Nordic Roadshow', def)?.field).toBe(EVENT);
        expect(campaignSignal('Direct Mail', 'Nordic Roadshow')).toBeNull();
    });

    it('every campaign mapping names a real intent signal', () => {
        const { byNamePhrase, byType } = SQL_DEFINITION.signalIntake.campaignResponses;
        for (const rule of [...byNamePhrase, ...byType]) expect(signalOfType(rule.signal)).not.toBeNull();
    });
});

describe('campaignResponseTime', () => {
    it('a response dated today, or undated, happened now (whole seconds)', () => {
        expect(campaignResponseTime('2026-05-14', NOW + 123)).toBe('2026-05-14T15:00:00.000Z');
        expect(campaignResponseTime(null, NOW + 999)).toBe('2026-05-14T15:00:00.000Z');
    });

    it('a response dated earlier (a back-filled import) counts from midnight UTC of that day, never fresher', () => {
        expect(campaignResponseTime('2026-04-02', NOW)).toBe('2026-04-02T00:00:00.000Z');
    });
});

describe('applySignals: forward only', () => {
    it('writes a new occurrence into a blank field', () => {
        const at = minutesBefore(10);
        const result = run([lead(ID_A)], [{ leadId: ID_A, signalType: 'demoRequest', occurredAt: at }]);
        expect(result).toEqual({
            updates: [{ leadId: ID_A, values: { [DEMO]: at } }],
            rejects: [],
            ignored: [],
            written: [{ leadId: ID_A, field: DEMO, index: 0 }]
        });
    });

    it('moves a field forward to a later occurrence', () => {
        const result = run(
            [lead(ID_A, { [DEMO]: minutesBefore(600) })],
            [{ leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(5) }]
        );
        expect(result.updates).toEqual([{ leadId: ID_A, values: { [DEMO]: minutesBefore(5) } }]);
    });

    it('ignores an occurrence older than, or equal to, the stored one', () => {
        const stored = lead(ID_A, { [DEMO]: minutesBefore(60) });
        const older = run([stored], [{ leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(61) }]);
        const same = run([stored], [{ leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(60) }]);
        for (const result of [older, same]) {
            expect(result.updates).toEqual([]);
            expect(result.rejects).toEqual([]);
            expect(result.ignored).toEqual([{ index: 0, reason: 'notNewer', leadId: ID_A }]);
        }
    });

    it('compares instants, not text: a stored value in another layout is still the same moment', () => {
        const stored = lead(ID_A, { [DEMO]: '2026-05-14T14:00:00Z' });
        expect(run([stored], [{ leadId: ID_A, signalType: 'demoRequest', occurredAt: '2026-05-14T16:00:00+02:00' }]).updates).toEqual([]);
    });

    it('keeps the whole second: sub-second differences never count as newer (a DateTime field stores seconds)', () => {
        const stored = lead(ID_A, { [DEMO]: '2026-05-14T14:00:00.000Z' });
        expect(run([stored], [{ leadId: ID_A, signalType: 'demoRequest', occurredAt: '2026-05-14T14:00:00.900Z' }]).updates).toEqual([]);
    });

    it('moves each field on its own: one signal never touches another field', () => {
        const result = run(
            [lead(ID_A, { [EVENT]: minutesBefore(5) })],
            [
                { leadId: ID_A, signalType: 'pricingVisit', occurredAt: minutesBefore(30) },
                { leadId: ID_A, signalType: 'eventAttended', occurredAt: minutesBefore(50) }
            ]
        );
        expect(result.updates).toEqual([{ leadId: ID_A, values: { [PRICING]: minutesBefore(30) } }]);
        expect(result.ignored).toEqual([{ index: 1, reason: 'notNewer', leadId: ID_A }]);
    });
});

describe('applySignals: which lead', () => {
    it('finds a lead by its 15-character Id too', () => {
        const result = run([lead(ID_A)], [{ leadId: ID_A.slice(0, 15), signalType: 'demoRequest', occurredAt: minutesBefore(1) }]);
        expect(result.updates).toEqual([{ leadId: ID_A, values: { [DEMO]: minutesBefore(1) } }]);
    });

    it('finds every open lead with the email, case-insensitively, and skips converted ones', () => {
        const leads = [
            lead(ID_A, { Email: 'Dana.Lee@Acme.example' }),
            lead(ID_B, { Email: 'dana.lee@acme.example' }),
            lead(ID_C, { Email: 'dana.lee@acme.example', IsConverted: true })
        ];
        const result = run(leads, [{ email: ' DANA.LEE@acme.example ', signalType: 'pricingVisit', occurredAt: minutesBefore(3) }]);
        expect(result.updates).toEqual([
            { leadId: ID_A, values: { [PRICING]: minutesBefore(3) } },
            { leadId: ID_B, values: { [PRICING]: minutesBefore(3) } }
        ]);
    });

    it('the Id wins over the email when both are given', () => {
        const leads = [lead(ID_A, { Email: 'a@acme.example' }), lead(ID_B, { Email: 'b@acme.example' })];
        const result = run(leads, [{ leadId: ID_B, email: 'a@acme.example', signalType: 'demoRequest', occurredAt: minutesBefore(1) }]);
        expect(result.updates.map((u) => u.leadId)).toEqual([ID_B]);
    });

    it('leadsToLoad names the Ids and emails to fetch, one lookup each', () => {
        expect(
            leadsToLoad([
                { leadId: ID_A, email: 'ignored@acme.example', signalType: 'demoRequest', occurredAt: '' },
                { email: ' X@Acme.example ', signalType: 'demoRequest', occurredAt: '' },
                { email: 'x@acme.example', signalType: 'demoRequest', occurredAt: '' },
                { kind: 'campaignResponse', leadId: ID_B, campaignType: 'Webinar', respondedAt: '' }
            ])
        ).toEqual({ ids: [ID_A, ID_B], emails: ['x@acme.example'] });
        expect(signalFieldsRead()).toEqual(expect.arrayContaining(['Id', 'Email', 'IsConverted', DEMO, EVENT, PRICING]));
    });
});

describe('applySignals: rejects, with reasons an admin can act on', () => {
    const leads = [lead(ID_A, { Email: 'a@acme.example' }), lead(ID_B, { IsConverted: true })];
    const cases: Array<[string, SignalEvent, string, RegExp]> = [
        ['an unknown Id', { leadId: ID_C, signalType: 'demoRequest', occurredAt: minutesBefore(1) }, 'UnknownLead', /00Q000000000003AAA/],
        [
            'an unknown email',
            { email: 'nobody@acme.example', signalType: 'demoRequest', occurredAt: minutesBefore(1) },
            'UnknownLead',
            /nobody@acme/
        ],
        ['no lead at all', { signalType: 'demoRequest', occurredAt: minutesBefore(1) }, 'MissingLead', /Lead_Id__c or Email__c/],
        ['a converted lead', { leadId: ID_B, signalType: 'demoRequest', occurredAt: minutesBefore(1) }, 'LeadConverted', /converted/],
        [
            'an unknown type',
            { leadId: ID_A, signalType: 'webinarSignup', occurredAt: minutesBefore(1) },
            'UnknownSignalType',
            /webinarSignup.*demoRequest/
        ],
        ['a blank type', { leadId: ID_A, signalType: ' ', occurredAt: minutesBefore(1) }, 'UnknownSignalType', /blank/],
        ['a malformed time', { leadId: ID_A, signalType: 'demoRequest', occurredAt: '14/05/2026 15:00' }, 'MalformedTime', /ISO 8601/],
        [
            'a time too far ahead',
            { leadId: ID_A, signalType: 'demoRequest', occurredAt: iso(NOW + 16 * 60_000) },
            'FutureTime',
            /15 minutes/
        ]
    ];
    it.each(cases)('rejects %s', (_what, event, reason, message) => {
        const result = run(leads, [event]);
        expect(result.updates).toEqual([]);
        expect(result.rejects).toEqual([{ index: 0, reason, message: expect.stringMatching(message), event }]);
    });

    it('accepts a time ahead of now within the tolerance (the sender’s clock may run fast)', () => {
        const ahead = iso(NOW + 14 * 60_000);
        expect(run(leads, [{ leadId: ID_A, signalType: 'demoRequest', occurredAt: ahead }]).updates).toEqual([
            { leadId: ID_A, values: { [DEMO]: ahead } }
        ]);
    });

    it('a reject never stops the rest of the batch', () => {
        const result = run(leads, [
            { leadId: ID_C, signalType: 'demoRequest', occurredAt: minutesBefore(1) },
            { leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(2) }
        ]);
        expect(result.rejects.map((r) => r.index)).toEqual([0]);
        expect(result.updates).toEqual([{ leadId: ID_A, values: { [DEMO]: minutesBefore(2) } }]);
    });

    it('a campaign that is no intent signal is ignored, not rejected', () => {
        const result = run(leads, [
            { kind: 'campaignResponse', leadId: ID_A, campaignType: 'Direct Mail', campaignName: 'Postcard', respondedAt: minutesBefore(1) }
        ]);
        expect(result).toEqual({
            updates: [],
            rejects: [],
            ignored: [{ index: 0, reason: 'campaignNotMapped', leadId: ID_A }],
            written: []
        });
    });
});

describe('applySignals: campaign responses', () => {
    it('a response to a demo-request campaign moves the demo request forward and lifts intent over the bar', () => {
        const fitLead = lead(ID_A, {
            Industry: 'Technology',
            NumberOfEmployees: 800,
            Title: 'VP Marketing',
            Country: 'Germany',
            Email: 'dana@acme-robotics.example'
        });
        expect(scoreLead(fitLead, NOW).meetsBar).toBe(false);
        const respondedAt = campaignResponseTime('2026-05-14', NOW);
        const result = run(
            [fitLead],
            [{ kind: 'campaignResponse', leadId: ID_A, campaignType: 'Other', campaignName: 'Website Demo Request', respondedAt }]
        );
        expect(result.updates).toEqual([{ leadId: ID_A, values: { [DEMO]: '2026-05-14T15:00:00.000Z' } }]);
        const after = withUpdates([fitLead], result.updates).get(ID_A) ?? {};
        expect(scoreLead(after, NOW)).toMatchObject({ intent: 40, meetsBar: true });
    });
});

/* ------------------------------------------------------------------ batches: idempotence, ordering, size */

function bigBatch(leadCount: number, eventCount: number, seed: number): { leads: Array<Record<string, unknown>>; events: SignalEvent[] } {
    const rnd = random(seed);
    const signals = SQL_DEFINITION.intent.signals;
    const signalAt = (i: number): IntentSignal => signals[i % signals.length] as IntentSignal;
    const leads = Array.from({ length: leadCount }, (_, i) => {
        const values: Record<string, unknown> = { Email: `lead${i}@acme.example` };
        if (rnd() < 0.5) values[signalAt(i).field] = minutesBefore(Math.floor(rnd() * 20_000));
        return lead(`00Q${String(i).padStart(12, '0')}AAA`, values);
    });
    const events: SignalEvent[] = Array.from({ length: eventCount }, () => {
        const i = Math.floor(rnd() * leadCount);
        const byEmail = rnd() < 0.3;
        const roll = rnd();
        return {
            leadId: byEmail ? null : `00Q${String(i).padStart(12, '0')}AAA`,
            email: byEmail ? `LEAD${i}@acme.example` : null,
            signalType: roll < 0.02 ? 'notASignal' : signalAt(Math.floor(rnd() * signals.length)).id,
            occurredAt: roll > 0.98 ? 'garbage' : minutesBefore(Math.floor(rnd() * 20_000)),
            source: 'website',
            externalId: `evt-${Math.floor(rnd() * 1e9)}`
        };
    });
    return { leads, events };
}

/** The expected end state worked out independently: per lead and field, the latest valid occurrence if later than stored. */
function expectedState(leads: Array<Record<string, unknown>>, events: SignalEvent[]): Map<string, Record<string, unknown>> {
    const state = new Map(leads.map((l) => [String(l.Id), { ...l }]));
    for (const e of events) {
        if (e.kind === 'campaignResponse') continue;
        const signal = SQL_DEFINITION.intent.signals.find((s) => s.id === e.signalType);
        const ms = Date.parse(String(e.occurredAt));
        if (!signal || !/Z$/.test(String(e.occurredAt)) || Number.isNaN(ms)) continue;
        const target = e.leadId
            ? state.get(e.leadId)
            : [...state.values()].find((l) => String(l.Email).toLowerCase() === String(e.email).toLowerCase());
        if (!target) continue;
        const stored = target[signal.field] ? Date.parse(String(target[signal.field])) : -Infinity;
        if (ms > stored) target[signal.field] = iso(ms);
    }
    return state;
}

const sortedUpdates = (result: SignalResult): string =>
    JSON.stringify(
        [...result.updates]
            .sort((a, b) => a.leadId.localeCompare(b.leadId))
            .map((u) => ({ leadId: u.leadId, values: Object.fromEntries(Object.entries(u.values).sort()) }))
    );

describe('applySignals on whole batches', () => {
    it('2,000 events in one batch: the end state is the latest valid occurrence per lead and field', () => {
        const { leads, events } = bigBatch(400, 2000, 7);
        const started = performance.now();
        const result = run(leads, events);
        const elapsed = performance.now() - started;
        const after = withUpdates(leads, result.updates);
        expect(Object.fromEntries(after)).toEqual(Object.fromEntries(expectedState(leads, events)));
        expect(result.rejects.length).toBeGreaterThan(0);
        expect(result.rejects.every((r) => r.reason === 'UnknownSignalType' || r.reason === 'MalformedTime')).toBe(true);
        expect(result.updates.length).toBeGreaterThan(100);
        expect(result.rejects.length + result.ignored.length).toBeLessThanOrEqual(2000);
        // Generous bound (2 shared cores): the work is linear, a quadratic slip would take seconds.
        expect(elapsed).toBeLessThan(1000);
    });

    it('replaying the same batch twice leaves every lead unchanged the second time', () => {
        const { leads, events } = bigBatch(400, 2000, 11);
        const first = run(leads, events);
        expect(first.updates.length).toBeGreaterThan(0);
        const afterFirst = [...withUpdates(leads, first.updates).values()];
        const second = run(afterFirst, events);
        expect(second.updates).toEqual([]);
        expect(second.rejects).toEqual(first.rejects);
        expect(Object.fromEntries(withUpdates(afterFirst, second.updates))).toEqual(Object.fromEntries(withUpdates(leads, first.updates)));
    });

    it('the same signal twice in one batch changes the lead once', () => {
        const e: SignalEvent = { leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(1) };
        const result = run([lead(ID_A)], [e, { ...e }]);
        expect(result.updates).toEqual([{ leadId: ID_A, values: { [DEMO]: minutesBefore(1) } }]);
        expect(result.ignored).toEqual([{ index: 1, reason: 'notNewer', leadId: ID_A }]);
        expect(result.written).toEqual([{ leadId: ID_A, field: DEMO, index: 0 }]);
    });

    it('ordering within a batch does not matter: the latest occurrence wins whatever the order', () => {
        const events: SignalEvent[] = [
            { leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(30) },
            { leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(10) },
            { leadId: ID_A, signalType: 'demoRequest', occurredAt: minutesBefore(20) }
        ];
        for (const order of [
            [0, 1, 2],
            [2, 1, 0],
            [1, 0, 2]
        ]) {
            const result = run(
                [lead(ID_A)],
                order.map((i) => events[i] as SignalEvent)
            );
            expect(result.updates).toEqual([{ leadId: ID_A, values: { [DEMO]: minutesBefore(10) } }]);
        }
    });

    it('ordering, as a property: any permutation of a random batch gives the same updates', () => {
        const { leads, events } = bigBatch(30, 120, 3);
        const reference = sortedUpdates(run(leads, events));
        fc.assert(
            fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (shuffled) => {
                expect(sortedUpdates(run(leads, shuffled))).toBe(reference);
            }),
            { numRuns: 200, seed: 42 }
        );
    });
});
