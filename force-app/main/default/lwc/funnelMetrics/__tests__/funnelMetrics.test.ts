/**
 * The dashboard metrics against hand-worked figures (SPEC.md section 5). Sentences are built from the
 * project's real Custom Labels, read from the labels file, so a label that loses a placeholder fails here.
 */
import fc from 'fast-check';
import {
    COACHING_RULES,
    COACHING_TEXT_LABELS,
    alertSplit,
    bandPosition,
    bandedRates,
    buildDashboard,
    chainOf,
    countOf,
    formatLabel,
    median,
    rate,
    rejectionSeries,
    slaSummary,
    speedBucketIndex,
    speedSeries,
    sumCounts,
    weakestLink,
    windowFor,
    windowProblem,
    type CoachingText,
    type FunnelData,
    type FunnelRow
} from 'c/funnelMetrics';
import { SQL_DEFINITION, type Band, type SqlDefinition } from 'c/sqlDefinition';
import { readCustomLabels } from '../../../../../../jest/customLabels';

const LOCALE = 'en-US';

function coachingText(): CoachingText {
    const labels = readCustomLabels();
    const text = {} as Record<keyof CoachingText, string>;
    for (const [key, name] of Object.entries(COACHING_TEXT_LABELS) as Array<[keyof CoachingText, string]>) {
        const value = labels.get(name);
        if (value === undefined) throw new Error(`Custom Label ${name} is missing from CustomLabels.labels-meta.xml`);
        text[key] = value;
    }
    return text;
}

const TEXT = coachingText();

/** The review outcomes of a rep with `sqls` SQLs and no review. */
const noneReviewed = (sqls: number) => ({
    reviewed: 0,
    holds: 0,
    coach: 0,
    awaiting: sqls,
    text: `None reviewed; ${sqls} awaiting review`
});

type Counts = Partial<Omit<FunnelRow, 'ownerId' | 'leadSource' | 'rejectionReason'>>;

const row = (ownerId: string, leadSource: string | null, rejectionReason: string | null, counts: Counts): FunnelRow => ({
    ownerId,
    leadSource,
    rejectionReason,
    mqls: 0,
    accepted: 0,
    rejected: 0,
    sqls: 0,
    opportunities: 0,
    won: 0,
    actioned: 0,
    ...counts
});

const data = (parts: Partial<FunnelData>): FunnelData => ({
    source: 'live',
    windowStart: '2026-02-14',
    windowEnd: '2026-05-15',
    asOf: null,
    campaignsOrgWide: false,
    thinEvidenceChars: 40,
    rowsUsed: 0,
    owners: [],
    funnel: [],
    speed: [],
    compliance: [],
    campaigns: [],
    campaignRejections: [],
    ...parts
});

const build = (parts: Partial<FunnelData>) => buildDashboard(data(parts), TEXT, { locale: LOCALE });
const band = (metric: string): Band => {
    const found = SQL_DEFINITION.bands.find((b) => b.metric === metric);
    if (!found) throw new Error(`no band ${metric}`);
    return found;
};

describe('the chain MQL -> SAL -> SQL -> Opportunity -> Won', () => {
    const totals = { mqls: 200, accepted: 150, rejected: 50, sqls: 40, opportunities: 18, won: 8, actioned: 200 };

    it('gives each step its count and its conversion from the step before', () => {
        expect(chainOf(totals)).toEqual([
            { key: 'MQL', count: 200, stepRate: null },
            { key: 'SAL', count: 150, stepRate: 0.75 },
            { key: 'SQL', count: 40, stepRate: 40 / 150 },
            { key: 'Opportunity', count: 18, stepRate: 0.45 },
            { key: 'Won', count: 8, stepRate: 8 / 18 }
        ]);
    });

    it('reads every benchmark rate of the definition with its band and reading', () => {
        const rates = bandedRates(totals);
        expect(rates.map((r) => [r.metric, r.numerator, r.denominator, r.value, r.position])).toEqual([
            ['mqlToSql', 40, 200, 0.2, 'within'],
            ['sqlToOpportunity', 18, 40, 0.45, 'within'],
            ['sqlToWon', 8, 40, 0.2, 'within'],
            ['acceptance', 150, 200, 0.75, 'within']
        ]);
        expect(rates[0]?.reading).toBe(band('mqlToSql').within);
    });

    it('computes acceptance as accepted / (accepted + rejected), ignoring MQLs nobody has acted on', () => {
        const rates = bandedRates({ ...totals, mqls: 1000, accepted: 60, rejected: 40 });
        const acceptance = rates.find((r) => r.metric === 'acceptance');
        expect(acceptance?.value).toBe(0.6);
        expect(acceptance?.position).toBe('below');
        expect(acceptance?.reading).toBe(band('acceptance').below);
    });

    it('adds up funnel rows of any grouping', () => {
        expect(
            sumCounts([
                row('a', 'Web', null, { mqls: 3, sqls: 1, won: 1 }),
                row('b', null, 'Poor Fit', { mqls: 2, rejected: 2, actioned: 2 })
            ])
        ).toEqual({ mqls: 5, accepted: 0, rejected: 2, sqls: 1, opportunities: 0, won: 1, actioned: 2 });
    });
});

describe('benchmark bands', () => {
    it('places a rate below, within or above its band, bounds inclusive', () => {
        const mqlToSql = band('mqlToSql');
        expect(bandPosition(0.1299, mqlToSql)).toBe('below');
        expect(bandPosition(0.13, mqlToSql)).toBe('within');
        expect(bandPosition(0.3, mqlToSql)).toBe('within');
        expect(bandPosition(0.3001, mqlToSql)).toBe('above');
        expect(bandPosition(null, mqlToSql)).toBe('noData');
    });

    it('never calls a rate above a band without an upper bound', () => {
        expect(bandPosition(1, band('acceptance'))).toBe('within');
        expect(bandPosition(0.69, band('acceptance'))).toBe('below');
    });

    it('gives the plain-language reading the definition holds for each position', () => {
        const low = bandedRates({ mqls: 100, accepted: 0, rejected: 0, sqls: 10, opportunities: 0, won: 0, actioned: 0 });
        const high = bandedRates({ mqls: 100, accepted: 0, rejected: 0, sqls: 40, opportunities: 0, won: 0, actioned: 0 });
        expect(low[0]).toMatchObject({ position: 'below', reading: band('mqlToSql').below });
        expect(high[0]).toMatchObject({ position: 'above', reading: band('mqlToSql').above });
    });

    it('reads the rates together: the first one off its band in chain order is the weakest link', () => {
        const rates = bandedRates({ mqls: 100, accepted: 30, rejected: 30, sqls: 20, opportunities: 2, won: 1, actioned: 60 });
        expect(rates.filter((r) => r.position === 'below').map((r) => r.metric)).toEqual(['sqlToOpportunity', 'sqlToWon', 'acceptance']);
        expect(weakestLink(rates)?.metric).toBe('acceptance');
    });

    it('prefers a below-band rate to an above-band one, and finds none when every rate is within', () => {
        const rates = bandedRates({ mqls: 100, accepted: 80, rejected: 20, sqls: 40, opportunities: 10, won: 8, actioned: 100 });
        expect(rates.map((r) => r.position)).toEqual(['above', 'below', 'within', 'within']);
        expect(weakestLink(rates)?.metric).toBe('sqlToOpportunity');
        expect(
            weakestLink(bandedRates({ mqls: 200, accepted: 150, rejected: 50, sqls: 40, opportunities: 18, won: 8, actioned: 0 }))
        ).toBeNull();
    });

    it('writes the weakest link as a team finding with the rate, the benchmark and the reading', () => {
        const dashboard = build({
            owners: [{ ownerId: 'u1', name: 'Ana Reyes' }],
            funnel: [row('u1', 'Web', null, { mqls: 100, accepted: 25, rejected: 25, sqls: 20, opportunities: 10, won: 4, actioned: 50 })],
            speed: [{ ownerId: 'u1', maxMinutes: 5, leads: 50 }]
        });
        expect(dashboard.findings[0]).toEqual({
            kind: 'weakestLink',
            subjectId: 'acceptance',
            subject: 'MQL acceptance rate',
            text: `MQL acceptance rate is 50% against a benchmark of at least 70%. ${band('acceptance').below}`
        });
    });
});

describe('SQL inflation by rep', () => {
    const owners = [
        { ownerId: 'ana', name: 'Ana Reyes' },
        { ownerId: 'ben', name: 'Ben Okafor' },
        { ownerId: 'cy', name: 'Cy Park' },
        { ownerId: 'dee', name: 'Dee Laurent' },
        { ownerId: 'eli', name: 'Eli Novak' }
    ];
    const team = [
        row('ana', 'Web', null, { mqls: 60, accepted: 50, rejected: 10, sqls: 18, opportunities: 4, won: 1, actioned: 60 }),
        row('ben', 'Web', null, { mqls: 40, accepted: 30, rejected: 10, sqls: 9, opportunities: 5, won: 2, actioned: 40 }),
        row('cy', 'Web', null, { mqls: 45, accepted: 35, rejected: 10, sqls: 9, opportunities: 4, won: 2, actioned: 45 }),
        row('dee', 'Web', null, { mqls: 35, accepted: 30, rejected: 5, sqls: 8, opportunities: 4, won: 1, actioned: 35 }),
        row('eli', 'Web', null, { mqls: 40, accepted: 30, rejected: 10, sqls: 10, opportunities: 5, won: 2, actioned: 40 })
    ];
    const speed = owners.map((o) => ({ ownerId: o.ownerId, maxMinutes: 5, leads: 100 }));

    it('flags the rep with well above the median SQL volume and SQL -> Opportunity under its band, in plain words', () => {
        const dashboard = build({ owners, funnel: team, speed });
        expect(dashboard.teamMedianSqls).toBe(9);
        const inflation = dashboard.findings.filter((f) => f.kind === 'inflation');
        expect(inflation).toEqual([
            {
                kind: 'inflation',
                subjectId: 'ana',
                subject: 'Ana Reyes',
                text: '18 SQLs against a team median of 9, but SQL to Opportunity is 22% (benchmark 40%\u201360%): review what gets marked Sales Qualified.'
            }
        ]);
        expect(dashboard.reps.map((r) => [r.name, r.inflated])).toEqual([
            ['Ana Reyes', true],
            ['Eli Novak', false],
            ['Cy Park', false],
            ['Ben Okafor', false],
            ['Dee Laurent', false]
        ]);
        expect(inflation[0]?.text).not.toMatch(/\b(she|he|her|his|they)\b/i);
    });

    it('does not flag high volume when the SQLs turn into pipeline', () => {
        const healthy = team.map((r) => (r.ownerId === 'ana' ? { ...r, opportunities: 9 } : r));
        expect(build({ owners, funnel: healthy, speed }).findings.filter((f) => f.kind === 'inflation')).toEqual([]);
    });

    it('does not flag a low SQL -> Opportunity rate at ordinary volume', () => {
        const ordinary = team.map((r) => (r.ownerId === 'ana' ? { ...r, sqls: 13, opportunities: 2 } : r));
        const dashboard = build({ owners, funnel: ordinary, speed });
        expect(dashboard.reps.find((r) => r.ownerId === 'ana')?.rates.find((r) => r.metric === 'sqlToOpportunity')?.position).toBe('below');
        expect(dashboard.findings.filter((f) => f.kind === 'inflation')).toEqual([]);
    });

    it("needs the definition's minimum SQL count before calling anything inflation", () => {
        const small = [
            row('ana', 'Web', null, { mqls: 20, sqls: 4, opportunities: 0, actioned: 20 }),
            row('ben', 'Web', null, { mqls: 20, sqls: 1, opportunities: 1, actioned: 20 }),
            row('cy', 'Web', null, { mqls: 20, sqls: 2, opportunities: 1, actioned: 20 })
        ];
        expect(SQL_DEFINITION.inflation.minSqls).toBe(5);
        expect(build({ owners, funnel: small, speed }).reps.some((r) => r.inflated)).toBe(false);
    });

    it('follows the definition: a lower multiple of the median flags more reps', () => {
        const loose: SqlDefinition = { ...SQL_DEFINITION, inflation: { volumeMultipleOfMedian: 1, minSqls: 5 } };
        const lowConversion = team.map((r) => (r.ownerId === 'eli' ? { ...r, opportunities: 2 } : r));
        const dashboard = buildDashboard(data({ owners, funnel: lowConversion, speed }), TEXT, { locale: LOCALE, def: loose });
        expect(dashboard.reps.filter((r) => r.inflated).map((r) => r.ownerId)).toEqual(['ana', 'eli']);
    });

    it('takes the median over every rep with MQLs in the window', () => {
        expect(median([18, 9, 9, 8, 10])).toBe(9);
        expect(median([4, 1, 3, 2])).toBe(2.5);
        expect(median([])).toBe(0);
    });
});

describe('speed to lead split at the alert', () => {
    it('reads each part as the share of alerted MQLs within the SLA, unactioned ones as misses, per rep', () => {
        const rows = [
            { ownerId: 'a', alerted: 8, alertedWithinSla: 6, actionedWithinSla: 2 },
            { ownerId: 'a', alerted: 2, alertedWithinSla: 2, actionedWithinSla: 2 },
            { ownerId: 'b', alerted: 0, alertedWithinSla: 0, actionedWithinSla: 0 }
        ];
        expect(alertSplit(rows.filter((r) => r.ownerId === 'a'))).toEqual({
            alerted: 10,
            alertedWithinSla: 8,
            actionedWithinSla: 4,
            mqlToAlert: 0.8,
            alertToAction: 0.4
        });
        expect(alertSplit(rows.filter((r) => r.ownerId === 'b'))).toMatchObject({ mqlToAlert: null, alertToAction: null });
        expect(alertSplit([])).toMatchObject({ alerted: 0, mqlToAlert: null, alertToAction: null });
    });

    it('never reads over 100% from inconsistent rows, and ignores negative or non-finite counts', () => {
        expect(alertSplit([{ ownerId: 'a', alerted: 3, alertedWithinSla: 5, actionedWithinSla: Number.NaN }])).toEqual({
            alerted: 3,
            alertedWithinSla: 3,
            actionedWithinSla: 0,
            mqlToAlert: 1,
            alertToAction: 0
        });
        expect(alertSplit([{ ownerId: 'a', alerted: -2, alertedWithinSla: 1, actionedWithinSla: 1 }]).mqlToAlert).toBeNull();
    });

    it('gives each rep of the dashboard their own split (absent from older answers: no data, not zero)', () => {
        const funnelRow = (ownerId: string) => ({
            ownerId,
            leadSource: null,
            rejectionReason: null,
            mqls: 10,
            accepted: 5,
            rejected: 0,
            sqls: 2,
            opportunities: 0,
            won: 0,
            actioned: 5
        });
        const loaded = {
            source: 'live',
            windowStart: '2026-01-01',
            windowEnd: '2026-02-01',
            asOf: null,
            campaignsOrgWide: false,
            thinEvidenceChars: 40,
            rowsUsed: 0,
            owners: [],
            funnel: [funnelRow('a'), funnelRow('b')],
            speed: [],
            alertSpeed: [{ ownerId: 'a', alerted: 4, alertedWithinSla: 4, actionedWithinSla: 1 }],
            compliance: [],
            campaigns: [],
            campaignRejections: []
        } as FunnelData;
        const reps = buildDashboard(loaded, TEXT).reps;
        expect(reps.find((r) => r.ownerId === 'a')?.alertSplit).toMatchObject({ mqlToAlert: 1, alertToAction: 0.25 });
        expect(reps.find((r) => r.ownerId === 'b')?.alertSplit).toMatchObject({ alerted: 0, alertToAction: null });
        const { alertSpeed: _omitted, ...older } = loaded;
        expect(buildDashboard(older, TEXT).reps[0]?.alertSplit.alertToAction).toBeNull();
    });
});

describe('speed to lead', () => {
    it('puts minutes into the definition buckets, bounds inclusive, negative minutes in the first', () => {
        expect([-3, 0, 5, 5.1, 60, 61, 1440, 1441, 99999].map((m) => speedBucketIndex(m))).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3]);
    });

    it('derives the open bucket from the actioned count, counts unactioned MQLs as misses', () => {
        const counts = { mqls: 20, accepted: 0, rejected: 0, sqls: 0, opportunities: 0, won: 0, actioned: 17 };
        const sla = slaSummary(
            [
                { ownerId: 'sam', maxMinutes: 5, leads: 2 },
                { ownerId: 'sam', maxMinutes: 60, leads: 5 },
                { ownerId: 'sam', maxMinutes: 1440, leads: 4 }
            ],
            counts
        );
        expect(sla.buckets.map((b) => [b.label, b.leads])).toEqual([
            ['<= 5 min', 2],
            ['5-60 min', 5],
            ['1-24 h', 4],
            ['> 24 h', 6]
        ]);
        expect(sla).toMatchObject({ mqls: 20, withinSla: 2, attainment: 0.1, notActioned: 3 });
    });

    it('writes a finding for a rep well under the SLA, against the team figure', () => {
        const dashboard = build({
            owners: [
                { ownerId: 'sam', name: 'Sam Ito' },
                { ownerId: 'tia', name: 'Tia Moreau' }
            ],
            funnel: [
                row('sam', 'Web', null, { mqls: 20, accepted: 17, sqls: 4, opportunities: 2, won: 1, actioned: 17 }),
                row('tia', 'Web', null, { mqls: 10, accepted: 10, sqls: 2, opportunities: 1, actioned: 10 })
            ],
            speed: [
                { ownerId: 'sam', maxMinutes: 5, leads: 2 },
                { ownerId: 'sam', maxMinutes: 60, leads: 5 },
                { ownerId: 'sam', maxMinutes: 1440, leads: 4 },
                { ownerId: 'tia', maxMinutes: 5, leads: 8 },
                { ownerId: 'tia', maxMinutes: 60, leads: 2 }
            ]
        });
        expect(dashboard.sla.attainment).toBeCloseTo(10 / 30);
        expect(dashboard.findings.filter((f) => f.kind === 'slowResponse')).toEqual([
            {
                kind: 'slowResponse',
                subjectId: 'sam',
                subject: 'Sam Ito',
                text: '10% of MQLs actioned within the 5-minute SLA (2 of 20; team 33%): work new MQLs before anything else.'
            }
        ]);
    });

    it("leaves a rep under the floor alone when the whole team is as slow (the gap is the team's, not the rep's)", () => {
        const dashboard = build({
            funnel: [row('a', 'Web', null, { mqls: 20, actioned: 20 }), row('b', 'Web', null, { mqls: 20, actioned: 20 })],
            speed: [
                { ownerId: 'a', maxMinutes: 5, leads: 8 },
                { ownerId: 'b', maxMinutes: 5, leads: 10 }
            ]
        });
        expect(dashboard.reps.map((r) => r.sla.attainment)).toEqual([0.4, 0.5]);
        expect(dashboard.findings.filter((f) => f.kind === 'slowResponse')).toEqual([]);
    });

    it('draws no speed finding for a rep with too few MQLs to judge', () => {
        const dashboard = build({ funnel: [row('new', 'Web', null, { mqls: COACHING_RULES.minMqlsForSpeed - 1, actioned: 0 })] });
        expect(dashboard.findings.filter((f) => f.kind === 'slowResponse')).toEqual([]);
    });

    it('ignores speed rows for buckets the definition does not have', () => {
        const sla = slaSummary([{ ownerId: 'a', maxMinutes: 7, leads: 3 }], {
            mqls: 3,
            accepted: 0,
            rejected: 0,
            sqls: 0,
            opportunities: 0,
            won: 0,
            actioned: 3
        });
        expect(sla.buckets.map((b) => b.leads)).toEqual([0, 0, 0, 3]);
    });
});

describe('rejection reasons by source and campaign', () => {
    const funnel = [
        row('u1', 'Webinar', 'Poor Fit', { mqls: 20, rejected: 20, actioned: 20 }),
        row('u1', 'Webinar', 'No Budget', { mqls: 3, rejected: 3, actioned: 3 }),
        row('u1', 'Webinar', null, { mqls: 27, accepted: 27, sqls: 8, opportunities: 4, actioned: 27 }),
        row('u2', 'Web', 'Bad Timing', { mqls: 6, rejected: 6, actioned: 6 }),
        row('u2', 'Web', null, { mqls: 14, accepted: 14, sqls: 4, opportunities: 2, actioned: 14 }),
        row('u2', 'Partner', 'No Need', { mqls: 4, rejected: 4, actioned: 4 }),
        row('u2', 'Partner', null, { mqls: 6, accepted: 6, sqls: 2, opportunities: 1, actioned: 6 }),
        row('u2', null, null, { mqls: 5, rejected: 2, accepted: 3, actioned: 5 })
    ];
    const speed = [
        { ownerId: 'u1', maxMinutes: 5, leads: 50 },
        { ownerId: 'u2', maxMinutes: 5, leads: 35 }
    ];

    it('gives each source its reasons as a share of its leads, blank source and reason named', () => {
        const dashboard = build({ funnel, speed });
        expect(dashboard.sources.map((s) => [s.name, s.counts.mqls, s.reasons.map((r) => [r.reason, r.rejected, r.shareOfLeads])])).toEqual(
            [
                [
                    'Webinar',
                    50,
                    [
                        ['Poor Fit', 20, 0.4],
                        ['No Budget', 3, 0.06]
                    ]
                ],
                ['Web', 20, [['Bad Timing', 6, 0.3]]],
                ['Partner', 10, [['No Need', 4, 0.4]]],
                ['No lead source', 5, [['No reason given', 2, 0.4]]]
            ]
        );
    });

    it('turns a reason that takes a large share of a source into a finding with advice that fits the reason', () => {
        const texts = build({ funnel, speed })
            .findings.filter((f) => f.kind === 'reasonBySource')
            .map((f) => f.text);
        expect(texts).toEqual([
            '40% of leads from Webinar were rejected as Poor Fit (20 of 50): fix the targeting.',
            '30% of leads from Web were rejected as Bad Timing (6 of 20): agree with marketing when these leads come back from nurture.'
        ]);
    });

    it('names the campaign behind a Poor Fit cluster and a list full of duplicates', () => {
        const dashboard = build({
            funnel,
            speed,
            campaigns: [
                { campaignId: '701A', campaignName: 'Spring Webinar', members: 50 },
                { campaignId: '701B', campaignName: 'Trade show list', members: 20 },
                { campaignId: '701C', campaignName: 'Newsletter', members: 40 }
            ],
            campaignRejections: [
                { campaignId: '701A', rejectionReason: 'Poor Fit', rejected: 20 },
                { campaignId: '701A', rejectionReason: 'Duplicate', rejected: 2 },
                { campaignId: '701B', rejectionReason: 'Duplicate', rejected: 8 },
                { campaignId: '701C', rejectionReason: 'Other', rejected: 4 }
            ]
        });
        expect(dashboard.findings.filter((f) => f.kind === 'reasonByCampaign')).toEqual([
            {
                kind: 'reasonByCampaign',
                subjectId: '701A',
                subject: 'Spring Webinar',
                text: '40% of leads from the campaign Spring Webinar were rejected as Poor Fit (20 of 50): fix the targeting.'
            },
            {
                kind: 'reasonByCampaign',
                subjectId: '701B',
                subject: 'Trade show list',
                text: '40% of leads from the campaign Trade show list were rejected as Duplicate (8 of 20): deduplicate the list before it is loaded.'
            }
        ]);
        // The top reason's two shares: of the campaign's leads (what the finding reads) and of its rejections.
        expect(dashboard.campaigns[0]?.reasons[0]).toEqual({
            reason: 'Poor Fit',
            rejected: 20,
            shareOfLeads: 0.4,
            shareOfRejected: 20 / 22
        });
        expect(dashboard.campaigns.map((c) => [c.name, c.members, c.rejected])).toEqual([
            ['Spring Webinar', 50, 22],
            ['Newsletter', 40, 4],
            ['Trade show list', 20, 8]
        ]);
    });

    it('keeps rejections of a campaign with no member count, without a share and without a finding', () => {
        const dashboard = build({ campaignRejections: [{ campaignId: '701Z', rejectionReason: 'Poor Fit', rejected: 9 }] });
        expect(dashboard.campaigns).toEqual([
            {
                campaignId: '701Z',
                name: '701Z',
                members: 0,
                rejected: 9,
                reasons: [{ reason: 'Poor Fit', rejected: 9, shareOfLeads: null, shareOfRejected: 1 }]
            }
        ]);
        expect(dashboard.findings).toEqual([]);
    });
});

describe('qualification compliance', () => {
    const owners = [{ ownerId: 'kim', name: 'Kim Haas' }];
    const funnel = [row('kim', 'Web', null, { mqls: 40, accepted: 35, rejected: 5, sqls: 10, opportunities: 5, won: 2, actioned: 40 })];
    const speed = [{ ownerId: 'kim', maxMinutes: 5, leads: 40 }];

    it('reports SQLs through the bypass and SQLs on thin evidence', () => {
        const dashboard = build({ owners, funnel, speed, compliance: [{ ownerId: 'kim', bypassSqls: 2, thinEvidenceSqls: 6 }] });
        // The compliance figures now also carry the review outcomes (issue 18): none reviewed here.
        expect(dashboard.reps[0]?.compliance).toEqual({
            sqls: 10,
            bypassSqls: 2,
            thinEvidenceSqls: 6,
            fitEditedSqls: 0,
            reviews: noneReviewed(10)
        });
        expect(dashboard.findings.map((f) => f.text)).toEqual([
            '2 of 10 SQLs reached Sales Qualified without complete qualification: check how they were entered.',
            '6 of 10 SQLs carry under 40 characters of evidence on a criterion: ask for what the buyer actually said.'
        ]);
    });

    it('stays quiet about evidence when thin evidence is the exception', () => {
        const dashboard = build({ owners, funnel, speed, compliance: [{ ownerId: 'kim', bypassSqls: 0, thinEvidenceSqls: 4 }] });
        expect(dashboard.findings).toEqual([]);
    });

    it('never reports more non-compliant SQLs than SQLs', () => {
        const dashboard = build({ owners, funnel, speed, compliance: [{ ownerId: 'kim', bypassSqls: 15, thinEvidenceSqls: 99 }] });
        expect(dashboard.reps[0]?.compliance).toEqual({
            sqls: 10,
            bypassSqls: 10,
            thinEvidenceSqls: 10,
            fitEditedSqls: 0,
            reviews: noneReviewed(10)
        });
        const fitEdited = build({
            owners,
            funnel,
            speed,
            compliance: [{ ownerId: 'kim', bypassSqls: 0, thinEvidenceSqls: 0, fitEditedSqls: 12 }]
        });
        expect(fitEdited.reps[0]?.compliance.fitEditedSqls).toBe(10);
    });
});

describe('evidence review outcomes per rep', () => {
    const owners = [
        { ownerId: 'kim', name: 'Kim Haas' },
        { ownerId: 'lou', name: 'Lou Berg' }
    ];
    const funnel = [
        row('kim', 'Web', null, { mqls: 40, accepted: 35, rejected: 5, sqls: 10, opportunities: 5, won: 2, actioned: 40 }),
        row('lou', 'Web', null, { mqls: 8, accepted: 6, sqls: 2, opportunities: 1, actioned: 8 })
    ];
    const reviewsOf = (compliance: FunnelData['compliance'], ownerId = 'kim') =>
        build({ owners, funnel, compliance }).reps.find((r) => r.ownerId === ownerId)?.compliance.reviews;
    const reviewRow = (ownerId: string, reviewedSqls: number, holdsSqls: number, coachSqls: number) => ({
        ownerId,
        bypassSqls: 0,
        thinEvidenceSqls: 0,
        reviewedSqls,
        holdsSqls,
        coachSqls
    });

    it('none reviewed: every SQL awaits review, and no finding', () => {
        expect(reviewsOf([])).toEqual(noneReviewed(10));
        expect(reviewsOf([reviewRow('kim', 0, 0, 0)])).toEqual(noneReviewed(10));
        expect(build({ owners, funnel, compliance: [] }).findings).toEqual([]);
    });

    it('all reviewed: nothing awaits, and a high coach share is a finding in plain words', () => {
        expect(reviewsOf([reviewRow('kim', 10, 4, 7)])).toEqual({
            reviewed: 10,
            holds: 4,
            coach: 7,
            awaiting: 0,
            text: '7 coach, 4 holds of 10 reviewed; 0 awaiting review'
        });
        const findings = build({ owners, funnel, compliance: [reviewRow('kim', 10, 4, 7)] }).findings;
        expect(findings.map((f) => [f.kind, f.subject, f.text])).toEqual([
            ['coachShare', 'Kim Haas', '7 of 10 reviewed SQLs were marked Coach: go through the evidence of the next SQLs together.']
        ]);
    });

    it('a coach share under the rule is no finding', () => {
        const findings = build({ owners, funnel, compliance: [reviewRow('kim', 10, 6, 4)] }).findings;
        expect(findings).toEqual([]);
    });

    it('small samples: two of two reviewed SQLs coached is no finding (under minReviewedForCoach)', () => {
        expect(COACHING_RULES.minReviewedForCoach).toBe(3);
        const dashboard = build({ owners, funnel, compliance: [reviewRow('lou', 2, 0, 2)] });
        expect(dashboard.reps.find((r) => r.ownerId === 'lou')?.compliance.reviews.text).toBe(
            '2 coach, 0 holds of 2 reviewed; 0 awaiting review'
        );
        expect(dashboard.findings).toEqual([]);
        const three = build({
            owners,
            funnel,
            compliance: [reviewRow('kim', 3, 0, 3)]
        }).findings.map((f) => f.kind);
        expect(three).toEqual(['coachShare']);
    });

    it('never counts more reviewed SQLs than SQLs, nor an outcome above the reviewed', () => {
        expect(reviewsOf([reviewRow('lou', 5, 9, 9)], 'lou')).toMatchObject({ reviewed: 2, holds: 2, coach: 2, awaiting: 0 });
    });

    it('adds the rows of one rep (live rows by query, snapshot rows by month)', () => {
        expect(reviewsOf([reviewRow('kim', 2, 1, 1), reviewRow('kim', 3, 3, 0)])).toMatchObject({
            reviewed: 5,
            holds: 4,
            coach: 1,
            awaiting: 5
        });
    });
});

describe('edge cases: empty windows, reps without MQLs, division by zero', () => {
    it('reads an empty window as empty, every rate without data, and no finding', () => {
        const dashboard = build({});
        expect(dashboard.empty).toBe(true);
        expect(dashboard.totals).toEqual({ mqls: 0, accepted: 0, rejected: 0, sqls: 0, opportunities: 0, won: 0, actioned: 0 });
        expect(dashboard.chain.map((s) => s.stepRate)).toEqual([null, null, null, null, null]);
        expect(dashboard.rates.map((r) => [r.value, r.position, r.reading])).toEqual([
            [null, 'noData', ''],
            [null, 'noData', ''],
            [null, 'noData', ''],
            [null, 'noData', '']
        ]);
        expect(dashboard).toMatchObject({ weakest: null, reps: [], sources: [], campaigns: [], findings: [], teamMedianSqls: 0 });
        expect(dashboard.sla.attainment).toBeNull();
    });

    it('leaves a rep with zero MQLs out of the rep table and the median', () => {
        const dashboard = build({
            funnel: [
                row('zed', 'Web', null, { mqls: 0, sqls: 0 }),
                row('amy', 'Web', null, { mqls: 10, accepted: 8, rejected: 2, sqls: 2, opportunities: 1, actioned: 10 })
            ],
            speed: [{ ownerId: 'amy', maxMinutes: 5, leads: 10 }]
        });
        expect(dashboard.reps.map((r) => r.ownerId)).toEqual(['amy']);
        expect(dashboard.teamMedianSqls).toBe(2);
        expect(dashboard.reps[0]?.name).toBe('Unknown owner');
    });

    it('gives a rep with MQLs but no SQL, no acceptance and no action rates of null, never NaN', () => {
        const dashboard = build({ funnel: [row('amy', 'Web', null, { mqls: 7 })] });
        const rep = dashboard.reps[0];
        expect(rep?.rates.map((r) => r.value)).toEqual([0, null, null, null]);
        expect(rep?.sla).toMatchObject({ attainment: 0, withinSla: 0, notActioned: 7 });
    });

    it('counts garbage from the server as zero', () => {
        expect([NaN, -4, Infinity, '7', null, undefined, '', 'x', 2.9, 1e300].map(countOf)).toEqual([0, 0, 0, 7, 0, 0, 0, 0, 2, 0]);
        expect(rate(1, 0)).toBeNull();
        expect(rate(0, 0)).toBeNull();
        expect(rate(NaN, 3)).toBeNull();
        expect(rate(3, 4)).toBe(0.75);
    });

    it('fills label placeholders by position and leaves a missing one empty', () => {
        expect(formatLabel('{0} of {1}: {2}', 3, 'ten')).toBe('3 of ten: ');
        expect(formatLabel('{1} before {0}', 'a', 'b')).toBe('b before a');
    });
});

describe('no NaN or Infinity for any rows (property)', () => {
    const count = fc.oneof(
        fc.integer({ min: -5, max: 100_000 }),
        fc.double(),
        fc.constantFrom(NaN, Infinity, -Infinity, null, undefined, '12', '')
    ) as unknown as fc.Arbitrary<number>;
    const owner = fc.constantFrom('u1', 'u2', 'u3', '');
    const text = fc.option(fc.constantFrom('Web', 'Webinar', 'Poor Fit', 'Duplicate', 'No Budget', 'Other', 'Unknown', ''), { nil: null });
    const funnelRow = fc.record({
        ownerId: owner,
        leadSource: text,
        rejectionReason: text,
        mqls: count,
        accepted: count,
        rejected: count,
        sqls: count,
        opportunities: count,
        won: count,
        actioned: count
    });
    const funnelData = fc.record({
        funnel: fc.array(funnelRow, { maxLength: 12 }),
        speed: fc.array(fc.record({ ownerId: owner, maxMinutes: fc.constantFrom(5, 60, 1440, 7, NaN), leads: count }), {
            maxLength: 8
        }),
        compliance: fc.array(fc.record({ ownerId: owner, bypassSqls: count, thinEvidenceSqls: count }), { maxLength: 4 }),
        campaigns: fc.array(fc.record({ campaignId: fc.constantFrom('c1', 'c2', ''), campaignName: text, members: count }), {
            maxLength: 4
        }),
        campaignRejections: fc.array(fc.record({ campaignId: fc.constantFrom('c1', 'c3'), rejectionReason: text, rejected: count }), {
            maxLength: 4
        })
    });

    const badNumbers = (value: unknown, path = '$'): string[] => {
        if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
        if (typeof value === 'string') return /NaN|Infinity|undefined/.test(value) ? [`${path}: ${value}`] : [];
        if (Array.isArray(value)) return value.flatMap((v, i) => badNumbers(v, `${path}[${i}]`));
        if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => badNumbers(v, `${path}.${k}`));
        return [];
    };

    it('keeps every number finite and every sentence free of NaN', () => {
        fc.assert(
            fc.property(funnelData, (parts) => {
                const dashboard = buildDashboard(data(parts), TEXT, { locale: LOCALE });
                const series = [speedSeries(dashboard, 'Not actioned'), rejectionSeries(dashboard)];
                expect(badNumbers({ dashboard, series })).toEqual([]);
            }),
            { numRuns: 300 }
        );
    });
});

describe('time windows', () => {
    it('turns each preset into a window that ends after today', () => {
        const today = '2026-05-14';
        expect(windowFor('last30', today)).toEqual({ start: '2026-04-15', end: '2026-05-15' });
        expect(windowFor('last90', today)).toEqual({ start: '2026-02-14', end: '2026-05-15' });
        expect(windowFor('last180', today)).toEqual({ start: '2025-11-16', end: '2026-05-15' });
        expect(windowFor('last365', today)).toEqual({ start: '2025-05-15', end: '2026-05-15' });
        expect(windowFor('thisQuarter', today)).toEqual({ start: '2026-04-01', end: '2026-05-15' });
        expect(windowFor('lastQuarter', today)).toEqual({ start: '2026-01-01', end: '2026-04-01' });
        expect(windowFor('lastQuarter', '2026-01-10')).toEqual({ start: '2025-10-01', end: '2026-01-01' });
    });

    it('accepts windows up to 366 days and rejects reversed, too long or malformed ones', () => {
        expect(windowProblem({ start: '2024-01-01', end: '2025-01-01' })).toBeNull();
        expect(windowProblem({ start: '2024-01-01', end: '2025-01-02' })).toBe('span');
        expect(windowProblem({ start: '2026-05-01', end: '2026-05-01' })).toBe('order');
        expect(windowProblem({ start: '2026-05-02', end: '2026-05-01' })).toBe('order');
        expect(windowProblem({ start: '1 May', end: '2026-05-01' })).toBe('format');
    });
});

describe('chart series', () => {
    it('lays out speed to lead per rep, one series per bucket plus MQLs not actioned', () => {
        const dashboard = build({
            owners: [{ ownerId: 'sam', name: 'Sam Ito' }],
            funnel: [row('sam', 'Web', null, { mqls: 20, actioned: 17 })],
            speed: [
                { ownerId: 'sam', maxMinutes: 5, leads: 2 },
                { ownerId: 'sam', maxMinutes: 60, leads: 5 },
                { ownerId: 'sam', maxMinutes: 1440, leads: 4 }
            ]
        });
        expect(speedSeries(dashboard, 'Not actioned yet')).toEqual({
            labels: ['Sam Ito'],
            series: [
                { key: 'bucket0', label: '<= 5 min', values: [2] },
                { key: 'bucket1', label: '5-60 min', values: [5] },
                { key: 'bucket2', label: '1-24 h', values: [4] },
                { key: 'bucket3', label: '> 24 h', values: [6] },
                { key: 'notActioned', label: 'Not actioned yet', values: [3] }
            ]
        });
    });

    it('lays out rejections per source, one series per reason, largest reason first', () => {
        const dashboard = build({
            funnel: [
                row('u', 'Web', 'No Need', { mqls: 2, rejected: 2 }),
                row('u', 'Webinar', 'Poor Fit', { mqls: 5, rejected: 5 }),
                row('u', 'Webinar', null, { mqls: 5, accepted: 5 })
            ]
        });
        expect(rejectionSeries(dashboard)).toEqual({
            labels: ['Webinar', 'Web'],
            series: [
                { key: 'reason0', label: 'Poor Fit', values: [5, 0] },
                { key: 'reason1', label: 'No Need', values: [0, 2] }
            ]
        });
    });
});
