/**
 * Property-based tests of the scoring module (fast-check): bounded scores, intent that only decays as
 * time passes, results that depend on the instant passed in and nothing else, and no NaN or exception for
 * any input at all, including garbage types where the UI API would send strings, numbers and nulls.
 */
import fc from 'fast-check';
import { fieldsRead, intentForecast, readiness, scoreLead, speedToLead, suggestFramework, type LeadScore } from 'c/leadScoring';
import { SQL_DEFINITION } from 'c/sqlDefinition';

const DAY = 86_400_000;
const def = SQL_DEFINITION;
const FIELDS_READ = fieldsRead();

const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) });
const isoAround = (nowMs: number): fc.Arbitrary<string> =>
    fc.double({ min: -60, max: 800, noNaN: true }).map((ageDays) => new Date(Math.round(nowMs - ageDays * DAY)).toISOString());

/** A plausible lead: the values the UI API returns for the fields scoring reads. */
const plausibleLead = (nowMs: number): fc.Arbitrary<Record<string, unknown>> =>
    fc.record(
        {
            Industry: fc.constantFrom('Technology', 'Healthcare', 'Retail', 'Biotechnology', null),
            NumberOfEmployees: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constant(null)),
            AnnualRevenue: fc.oneof(fc.integer({ min: 0, max: 1_000_000_000 }), fc.constant(null)),
            Title: fc.oneof(fc.constantFrom('VP Sales', 'Chief of Staff', 'Intern', 'Student Director', 'Contractor', ''), fc.string()),
            Country: fc.oneof(fc.constantFrom('US', 'Germany', 'Brazil', ' uk '), fc.string()),
            Email: fc.oneof(fc.constantFrom('a@gmail.com', 'b@rivalgate.com', 'c@acme.com'), fc.string()),
            ...Object.fromEntries(def.intent.signals.map((s) => [s.field, fc.oneof(isoAround(nowMs), fc.constant(null))]))
        },
        { requiredKeys: [] }
    );

/** Anything at all in every field scoring reads, plus unknown keys. */
const garbageValue = fc.oneof(
    fc.anything(),
    fc.constantFrom(
        NaN,
        Infinity,
        -Infinity,
        -0,
        '',
        ' ',
        'NaN',
        '1e400',
        '2026-02-30T25:61:00Z',
        '9999-12-31T23:59:59Z',
        '-271821-04-20T00:00:00Z'
    ),
    fc.date({ noInvalidDate: false }),
    fc.bigInt().map((b) => b as unknown),
    fc.func(fc.anything()).map((f) => f as unknown),
    fc.constant(Symbol('x') as unknown)
);
const garbageLead = fc.dictionary(fc.constantFrom(...FIELDS_READ, 'Unknown__c', '__proto__', 'constructor'), garbageValue);
const garbageNow = fc.oneof(
    instant,
    fc.anything(),
    fc.constantFrom(NaN, Infinity, 'yesterday', '', null, undefined),
    fc.date({ noInvalidDate: false })
);

const finite = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n);

function assertWellFormed(score: LeadScore): void {
    expect(Number.isInteger(score.fit)).toBe(true);
    expect(Number.isInteger(score.intent)).toBe(true);
    expect(score.fit).toBeGreaterThanOrEqual(def.fit.range.min);
    expect(score.fit).toBeLessThanOrEqual(def.fit.range.max);
    expect(score.intent).toBeGreaterThanOrEqual(def.intent.range.min);
    expect(score.intent).toBeLessThanOrEqual(def.intent.range.max);
    expect(finite(score.fitSum) && finite(score.intentSum)).toBe(true);
    expect(typeof score.meetsBar).toBe('boolean');
    expect(score.meetsBar).toBe(score.fit >= def.bar.minFit && score.intent >= def.bar.minIntent);
    const badLines = score.ledger.filter(
        (line) =>
            !finite(line.points) ||
            (line.kind === 'intent' &&
                (!finite(line.ageDays) || line.ageDays < 0 || line.points > line.rawPoints || Number.isNaN(Date.parse(line.occurredAt))))
    );
    expect(badLines).toEqual([]);
}

describe('scoreLead properties', () => {
    it('keeps fit and intent integers inside their ranges, the bar consistent, the ledger finite', () => {
        expect(() =>
            fc.assert(
                fc.property(
                    instant.chain((nowMs) => fc.tuple(fc.constant(nowMs), plausibleLead(nowMs))),
                    ([nowMs, lead]) => assertWellFormed(scoreLead(lead, nowMs))
                ),
                { numRuns: 1000 }
            )
        ).not.toThrow();
    });

    it('never raises intent as time passes without new signals', () => {
        fc.assert(
            fc.property(
                instant.chain((nowMs) => fc.tuple(fc.constant(nowMs), plausibleLead(nowMs), fc.double({ min: 0, max: 3650, noNaN: true }))),
                ([nowMs, lead, laterDays]) => {
                    const earlier = scoreLead(lead, nowMs);
                    const later = scoreLead(lead, nowMs + laterDays * DAY);
                    expect(later.intentSum).toBeLessThanOrEqual(earlier.intentSum);
                    expect(later.intent).toBeLessThanOrEqual(earlier.intent);
                    expect(later.fit).toBe(earlier.fit);
                    expect(!later.meetsBar || earlier.meetsBar).toBe(true);
                }
            ),
            { numRuns: 1000 }
        );
    });

    it('depends on the instant passed in, not on the clock', () => {
        fc.assert(
            fc.property(
                instant.chain((nowMs) => fc.tuple(fc.constant(nowMs), plausibleLead(nowMs))),
                instant,
                ([nowMs, lead], clockMs) => {
                    jest.useFakeTimers({ now: clockMs });
                    try {
                        const first = scoreLead(lead, new Date(nowMs));
                        jest.setSystemTime(clockMs + 123 * DAY);
                        expect(scoreLead(lead, new Date(nowMs))).toEqual(first);
                        expect(scoreLead(lead, new Date(nowMs).toISOString())).toEqual(first);
                        expect(readiness(lead, nowMs)).toEqual(readiness(lead, nowMs));
                        expect(intentForecast(lead, nowMs)).toEqual(intentForecast(lead, nowMs));
                    } finally {
                        jest.useRealTimers();
                    }
                }
            ),
            { numRuns: 300 }
        );
    });

    it('agrees with its own forecast: intent stays at or above the bar until the forecast instant, then falls below', () => {
        fc.assert(
            fc.property(
                instant.chain((nowMs) => fc.tuple(fc.constant(nowMs), plausibleLead(nowMs))),
                ([nowMs, lead]) => {
                    const forecast = intentForecast(lead, nowMs);
                    const now = scoreLead(lead, nowMs);
                    const at = forecast.state === 'decays' ? Date.parse(forecast.at as string) : null;
                    expect({
                        noSignalsMeansNoIntentLines: forecast.state !== 'noSignals' || !now.ledger.some((l) => l.kind === 'intent'),
                        belowAlreadyMeansBelow: forecast.state !== 'belowAlready' || now.intent < def.bar.minIntent,
                        belowAtTheForecastInstant: at === null || scoreLead(lead, at).intent < def.bar.minIntent,
                        stillAtTheBarTwoMinutesBefore: at === null || scoreLead(lead, at - 2 * 60_000).intent >= def.bar.minIntent
                    }).toEqual({
                        noSignalsMeansNoIntentLines: true,
                        belowAlreadyMeansBelow: true,
                        belowAtTheForecastInstant: true,
                        stillAtTheBarTwoMinutesBefore: true
                    });
                }
            ),
            { numRuns: 500 }
        );
    });
});

describe('no NaN and no exception for any input', () => {
    it('scoreLead, readiness, intentForecast, suggestFramework and speedToLead accept garbage in every field and instant', () => {
        fc.assert(
            fc.property(garbageLead, garbageNow, (lead, now) => {
                const at = now as Date | string | number;
                assertWellFormed(scoreLead(lead, at));
                const r = readiness(lead, at);
                expect(r.ready).toBe(r.blockers.length === 0);
                expect(['BANT', 'MEDDIC']).toContain(r.suggestedFramework);
                expect(r.criteria.every((c) => Number.isInteger(c.evidenceChars) && c.evidenceChars >= 0)).toBe(true);
                const forecast = intentForecast(lead, at);
                expect(forecast.state === 'decays' ? finite(forecast.days) && (forecast.days as number) >= 0 : forecast.days === null).toBe(
                    true
                );
                expect(['BANT', 'MEDDIC']).toContain(suggestFramework(lead));
                const speed = speedToLead(lead, at);
                expect(speed.elapsedMs === null || (finite(speed.elapsedMs) && speed.elapsedMs >= 0)).toBe(true);
            }),
            { numRuns: 2000 }
        );
    });

    it('accepts a lead that is not an object at all', () => {
        fc.assert(
            fc.property(
                fc.oneof(fc.constantFrom(null, undefined, 42, 'lead', true, NaN), fc.string(), fc.double(), fc.array(fc.anything())),
                instant,
                (lead, nowMs) => {
                    const asLead = lead as unknown as Record<string, unknown>;
                    assertWellFormed(scoreLead(asLead, nowMs));
                    expect(readiness(asLead, nowMs).blockers.length).toBeGreaterThan(0);
                    expect(intentForecast(asLead, nowMs).state).toBe('noSignals');
                    expect(['BANT', 'MEDDIC']).toContain(suggestFramework(asLead));
                    expect(speedToLead(asLead, nowMs).state).toBe('noMql');
                }
            ),
            { numRuns: 300 }
        );
    });
});
