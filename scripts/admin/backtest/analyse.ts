/**
 * The backtest itself: every lead that became an MQL is scored by `scoreLead` (c/leadScoring, the
 * same function the record page uses) under the current and the proposed definition, at the instant
 * it became an MQL, and its outcome (SQL, Opportunity, Closed Won) is tallied by whether it cleared
 * each bar and by score band. Memory stays bounded: only counters and a capped sample of the leads
 * that change side are kept, whatever the size of the export.
 */
import { FIELDS, type SqlDefinition } from 'c/sqlDefinition';
import { criteriaColumns } from './columns.ts';
import { readiness, scoreLead, type LeadScore, type LeadValues } from 'c/leadScoring';
import type { LeadRecord } from './readLeads.ts';

export interface Tally {
    /** Leads (MQLs) counted. */
    leads: number;
    /** Of those, how many became SQL (SQL_At__c stamped, or converted with an opportunity). */
    sql: number;
    /** Converted with an opportunity. */
    opportunity: number;
    /** Whose opportunity is Closed Won. */
    won: number;
}

export const emptyTally = (): Tally => ({ leads: 0, sql: 0, opportunity: 0, won: 0 });

export interface Band {
    label: string;
    /** Inclusive score bounds. */
    min: number;
    max: number;
}

/** Ten bands of ten points on the 0..100 scale both scores use: 0-9, 10-19, ..., 90-100. */
export const SCORE_BANDS: readonly Band[] = Array.from({ length: 10 }, (_, i) => ({
    label: i === 9 ? '90-100' : `${i * 10}-${i * 10 + 9}`,
    min: i * 10,
    max: i === 9 ? 100 : i * 10 + 9
}));

export const bandIndex = (score: number): number => Math.min(SCORE_BANDS.length - 1, Math.max(0, Math.floor(score / 10)));

export type Quadrant = 'both' | 'fitOnly' | 'intentOnly' | 'neither';

export interface DefinitionFigures {
    label: string;
    version: string;
    bar: { minFit: number; minIntent: number };
    /** Leads whose fit cleared the fit bar, whatever their intent. */
    clearedFit: Tally;
    /** Leads whose intent cleared the intent bar, whatever their fit. */
    clearedIntent: Tally;
    /** Leads that cleared both: the SQL bar. */
    clearedBoth: Tally;
    quadrants: Record<Quadrant, Tally>;
    fitBands: Tally[];
    intentBands: Tally[];
    /** grid[fitBand][intentBand] */
    grid: Tally[][];
    /**
     * SQLs whose framework and criteria are complete under this definition's evidence rule (only when
     * the export holds Qualification_Framework__c and the criteria columns).
     */
    qualification: { sqls: number; complete: number } | null;
}

export type Outcome = 'Closed Won' | 'Opportunity, not won' | 'SQL, no opportunity' | 'Rejected' | 'Not qualified';
export const OUTCOMES: readonly Outcome[] = ['Closed Won', 'Opportunity, not won', 'SQL, no opportunity', 'Rejected', 'Not qualified'];

export interface ChangedLead {
    id: string;
    row: number;
    mqlAt: string;
    fit: [number, number];
    intent: [number, number];
    outcome: Outcome;
    status: string;
    rejectionReason: string | null;
    leadSource: string | null;
}

export interface SideChange {
    /** `gained`: qualifies only under the proposal; `lost`: qualifies only under the current definition. */
    direction: 'gained' | 'lost';
    tally: Tally;
    byOutcome: Record<Outcome, number>;
    byRejectionReason: Record<string, number>;
    /** Up to `sampleCap` leads per outcome, in file order; list() orders them won first. */
    samples: Record<Outcome, ChangedLead[]>;
}

export interface BacktestCounts {
    rows: number;
    /** Leads with MQL_At__c on or before the as-of instant: the population of the backtest. */
    mqls: number;
    /** Rows without MQL_At__c (never became MQL, or its stamp is unparseable). */
    notMql: number;
    /** Rows whose MQL_At__c is after the as-of instant. */
    afterAsOf: number;
    /** Signal timestamps later than the lead's MQL_At__c, left out of its score at MQL time. */
    signalsAfterMql: number;
    /** Stage stamps or conversions after the as-of instant, not counted as outcomes. */
    outcomesAfterAsOf: number;
    firstMqlAt: number | null;
    lastMqlAt: number | null;
}

export interface BacktestResult {
    asOf: number | null;
    counts: BacktestCounts;
    all: Tally;
    current: DefinitionFigures;
    proposed: DefinitionFigures;
    /** Whether any lead's fit or intent differs between the two definitions (false: only the bar moved). */
    scoresDiffer: boolean;
    changes: { gained: SideChange; lost: SideChange };
}

export interface BacktestOptions {
    current: { def: SqlDefinition; label: string };
    proposed: { def: SqlDefinition; label: string };
    /** Leads that became MQL after this instant are left out; later stage stamps do not count. */
    asOf?: number | null;
    sampleCap?: number;
    /** Called for every scored lead with the exact lead object and instant given to scoreLead (tests use it). */
    onScored?: (record: LeadRecord, lead: LeadValues, at: number, scores: { current: LeadScore; proposed: LeadScore }) => void;
    /**
     * Scores one lead under one of the two definitions (0 current, 1 proposed); default `scoreLead(lead, at, def)`.
     * The definition studio passes a memoising scorer that gives scoreLead's own results for the parts an edit cannot change.
     * Not combined with `onScored` (which receives whole LeadScores, ledger included).
     */
    score?: (record: LeadRecord, lead: LeadValues, at: number, which: 0 | 1, def: SqlDefinition) => ScoreAtMql;
}

/** What the tallies read of a score. */
export type ScoreAtMql = Pick<LeadScore, 'fit' | 'intent' | 'meetsBar'>;

const add = (tally: Tally, sql: boolean, opportunity: boolean, won: boolean): void => {
    tally.leads++;
    if (sql) tally.sql++;
    if (opportunity) tally.opportunity++;
    if (won) tally.won++;
};

function emptyFigures(label: string, def: SqlDefinition): DefinitionFigures {
    return {
        label,
        version: def.version,
        bar: { ...def.bar },
        clearedFit: emptyTally(),
        clearedIntent: emptyTally(),
        clearedBoth: emptyTally(),
        quadrants: { both: emptyTally(), fitOnly: emptyTally(), intentOnly: emptyTally(), neither: emptyTally() },
        fitBands: SCORE_BANDS.map(emptyTally),
        intentBands: SCORE_BANDS.map(emptyTally),
        grid: SCORE_BANDS.map(() => SCORE_BANDS.map(emptyTally)),
        qualification: null
    };
}

function emptySide(direction: 'gained' | 'lost'): SideChange {
    return {
        direction,
        tally: emptyTally(),
        byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
        byRejectionReason: {},
        samples: Object.fromEntries(OUTCOMES.map((o) => [o, []])) as unknown as Record<Outcome, ChangedLead[]>
    };
}

/** The sampled leads of one side, most telling first: won, then opportunities, SQLs, rejections, the rest. */
export function sampleList(side: SideChange): ChangedLead[] {
    return OUTCOMES.flatMap((outcome) => side.samples[outcome]);
}

/**
 * The lead as it stood when it became an MQL, for scoreLead: signal fields hold the latest occurrence,
 * so a timestamp after MQL_At__c did not exist yet at that moment and is left out (scoreLead would
 * count a future timestamp at full points). Returns the lead and how many signals were left out.
 */
export function leadAtMql(record: LeadRecord, mqlAt: number): { lead: Record<string, string | number | null>; leftOut: number } {
    const lead: Record<string, string | number | null> = { ...record.values };
    let leftOut = 0;
    for (const field in record.signalAt) {
        if ((record.signalAt[field] as number) > mqlAt) {
            lead[field] = null;
            leftOut++;
        }
    }
    return { lead, leftOut };
}

export class Backtest {
    private readonly counts: BacktestCounts = {
        rows: 0,
        mqls: 0,
        notMql: 0,
        afterAsOf: 0,
        signalsAfterMql: 0,
        outcomesAfterAsOf: 0,
        firstMqlAt: null,
        lastMqlAt: null
    };
    private readonly all = emptyTally();
    private readonly figures: [DefinitionFigures, DefinitionFigures];
    private readonly defs: [SqlDefinition, SqlDefinition];
    private readonly changes = { gained: emptySide('gained'), lost: emptySide('lost') };
    private readonly asOf: number | null;
    private readonly sampleCap: number;
    private scoresDiffer = false;
    private qualificationColumns = false;

    constructor(private readonly options: BacktestOptions) {
        this.defs = [options.current.def, options.proposed.def];
        this.figures = [
            emptyFigures(options.current.label, options.current.def),
            emptyFigures(options.proposed.label, options.proposed.def)
        ];
        this.asOf = options.asOf ?? null;
        this.sampleCap = options.sampleCap ?? 200;
        if (options.score && options.onScored) throw new Error('Backtest: onScored needs the default scorer (whole LeadScores)');
    }

    private within(instant: number | null): boolean {
        return instant !== null && (this.asOf === null || instant <= this.asOf);
    }

    /**
     * Tells the backtest which columns the export has: evidence completeness of SQLs is reported only
     * when the framework and every criterion status and evidence column of both definitions are there.
     */
    useColumns(header: readonly string[]): void {
        const present = new Set(header);
        const criteria = criteriaColumns(this.defs);
        this.qualificationColumns = [FIELDS.framework, ...criteria.status, ...criteria.evidence].every((c) => present.has(c));
        if (this.qualificationColumns) for (const fig of this.figures) fig.qualification ??= { sqls: 0, complete: 0 };
    }

    /** Adds one lead of the export. */
    add(record: LeadRecord): void {
        const counts = this.counts;
        counts.rows++;
        const mqlAt = record.mqlAt;
        if (mqlAt === null) {
            counts.notMql++;
            return;
        }
        if (this.asOf !== null && mqlAt > this.asOf) {
            counts.afterAsOf++;
            return;
        }
        counts.mqls++;
        if (counts.firstMqlAt === null || mqlAt < counts.firstMqlAt) counts.firstMqlAt = mqlAt;
        if (counts.lastMqlAt === null || mqlAt > counts.lastMqlAt) counts.lastMqlAt = mqlAt;

        // Outcomes as known at the as-of instant (a conversion without a ConvertedDate column cannot be dated and counts).
        const converted = record.isConverted && record.opportunityId !== null;
        const opportunity = converted && (this.asOf === null || record.convertedAt === null || record.convertedAt <= this.asOf);
        const won = opportunity && record.won && (this.asOf === null || record.closeAt === null || record.closeAt <= this.asOf);
        const sqlStamped = this.within(record.sqlAt);
        const sql = sqlStamped || opportunity;
        const rejected = this.within(record.rejectedAt);
        if (
            (record.sqlAt !== null && !sqlStamped) ||
            (converted && !opportunity) ||
            (record.won && opportunity && !won) ||
            (record.rejectedAt !== null && !rejected)
        ) {
            counts.outcomesAfterAsOf++;
        }
        add(this.all, sql, opportunity, won);

        const { lead, leftOut } = leadAtMql(record, mqlAt);
        counts.signalsAfterMql += leftOut;
        let scores: readonly [ScoreAtMql, ScoreAtMql];
        if (this.options.score) {
            scores = [this.options.score(record, lead, mqlAt, 0, this.defs[0]), this.options.score(record, lead, mqlAt, 1, this.defs[1])];
        } else {
            const full = [scoreLead(lead, mqlAt, this.defs[0]), scoreLead(lead, mqlAt, this.defs[1])] as const;
            this.options.onScored?.(record, lead, mqlAt, { current: full[0], proposed: full[1] });
            scores = full;
        }
        if (scores[0].fit !== scores[1].fit || scores[0].intent !== scores[1].intent) this.scoresDiffer = true;

        for (let i = 0; i < 2; i++) {
            const score = scores[i] as ScoreAtMql;
            const def = this.defs[i] as SqlDefinition;
            const fig = this.figures[i] as DefinitionFigures;
            const fitOk = score.fit >= def.bar.minFit;
            const intentOk = score.intent >= def.bar.minIntent;
            if (fitOk) add(fig.clearedFit, sql, opportunity, won);
            if (intentOk) add(fig.clearedIntent, sql, opportunity, won);
            if (score.meetsBar) add(fig.clearedBoth, sql, opportunity, won);
            add(fig.quadrants[fitOk ? (intentOk ? 'both' : 'fitOnly') : intentOk ? 'intentOnly' : 'neither'], sql, opportunity, won);
            const f = bandIndex(score.fit);
            const t = bandIndex(score.intent);
            add(fig.fitBands[f] as Tally, sql, opportunity, won);
            add(fig.intentBands[t] as Tally, sql, opportunity, won);
            add((fig.grid[f] as Tally[])[t] as Tally, sql, opportunity, won);
            if (this.qualificationColumns && fig.qualification) {
                if (sqlStamped) {
                    fig.qualification.sqls++;
                    const ready = readiness(lead, record.sqlAt as number, def);
                    if (!ready.blockers.some((b) => b.kind === 'framework' || b.kind === 'criterion')) fig.qualification.complete++;
                }
            }
        }

        if (scores[0].meetsBar !== scores[1].meetsBar) {
            const side = scores[1].meetsBar ? this.changes.gained : this.changes.lost;
            add(side.tally, sql, opportunity, won);
            const outcome: Outcome = won
                ? 'Closed Won'
                : opportunity
                  ? 'Opportunity, not won'
                  : sql
                    ? 'SQL, no opportunity'
                    : rejected
                      ? 'Rejected'
                      : 'Not qualified';
            side.byOutcome[outcome]++;
            if (rejected && record.rejectionReason) {
                side.byRejectionReason[record.rejectionReason] = (side.byRejectionReason[record.rejectionReason] ?? 0) + 1;
            }
            const samples = side.samples[outcome];
            if (samples.length < this.sampleCap) {
                samples.push({
                    id: record.id || `(row ${record.row})`,
                    row: record.row,
                    mqlAt: new Date(mqlAt).toISOString(),
                    fit: [scores[0].fit, scores[1].fit],
                    intent: [scores[0].intent, scores[1].intent],
                    outcome,
                    status: record.status,
                    rejectionReason: rejected ? record.rejectionReason : null,
                    leadSource: record.leadSource
                });
            }
        }
    }

    result(): BacktestResult {
        return {
            asOf: this.asOf,
            counts: { ...this.counts },
            all: { ...this.all },
            current: this.figures[0],
            proposed: this.figures[1],
            scoresDiffer: this.scoresDiffer,
            changes: this.changes
        };
    }
}

/** Share as a fraction, or null when the denominator is 0. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Wilson score interval (95 %) for a rate: honest error bars for small bands. */
export function wilson(part: number, whole: number, z = 1.96): [number, number] | null {
    if (whole <= 0) return null;
    const p = part / whole;
    const z2 = z * z;
    const centre = (p + z2 / (2 * whole)) / (1 + z2 / whole);
    const half = (z * Math.sqrt((p * (1 - p)) / whole + z2 / (4 * whole * whole))) / (1 + z2 / whole);
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
