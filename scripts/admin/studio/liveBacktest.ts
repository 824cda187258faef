/**
 * The backtest, live: the definition studio re-runs the backtest's analysis (`Backtest` in
 * scripts/admin/backtest/analyse.ts) on every edit. To keep that fast on 100,000 leads, what an edit cannot change
 * is computed once per export:
 * - the export is parsed once (the backtest's own reader) and kept as records;
 * - each lead's scores under the saved definition (scoreLead at MQL_At__c);
 * - which fit rules hold for each lead (their conditions are not edited, only their points), so a new fit
 *   score is scoreLead's fit of one representative lead per combination of rules;
 * - intent under edited signal points or half-life is scoreLead's intent of each lead, computed once per
 *   distinct intent setting and kept (the last few), so moving the bar afterwards costs only the tallies.
 * Every score is scoreLead's: nothing of the scoring is re-implemented here.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { conditionHolds, scoreLead, type LeadValues } from 'c/leadScoring';
import { Backtest, leadAtMql, type BacktestResult, type ScoreAtMql } from '../backtest/analyse.ts';
import { readLeads, type LeadRecord, type ReadSummary } from '../backtest/readLeads.ts';

export interface LoadedExport {
    records: LeadRecord[];
    summary: ReadSummary;
}

/** Reads an export with the backtest's reader (same checks, same refusals), keeping every record. */
export async function loadExport(file: string, defs: readonly SqlDefinition[], maxUnreadableShare?: number): Promise<LoadedExport> {
    const records: LeadRecord[] = [];
    const summary = await readLeads(file, { defs, ...(maxUnreadableShare !== undefined ? { maxUnreadableShare } : {}) }, (r) =>
        records.push(r)
    );
    return { records, summary };
}

const INTENT_CACHE_SIZE = 4;

const intentKey = (def: SqlDefinition): string => JSON.stringify([def.intent.signals, def.intent.halfLifeDays, def.intent.range]);
const fitConditionsKey = (def: SqlDefinition): string => JSON.stringify([def.fit.rules.map((r) => [r.id, r.when]), def.fit.range]);

export class LiveBacktest {
    private readonly index = new Map<LeadRecord, number>();
    private readonly leads: Array<LeadValues | null> = [];
    private readonly at: number[] = [];
    private readonly current: ScoreAtMql[] = [];
    /** Bitmask (one bit per fit rule of the saved definition) of the rules that hold, per lead. */
    private readonly fitMask: number[] = [];
    /** First lead holding each combination of fit rules. */
    private readonly representative = new Map<number, number>();
    private readonly intents = new Map<string, Int32Array>();
    private readonly fitKey: string;

    constructor(
        readonly records: readonly LeadRecord[],
        readonly saved: SqlDefinition
    ) {
        if (saved.fit.rules.length > 30) throw new Error('LiveBacktest: more than 30 fit rules');
        this.fitKey = fitConditionsKey(saved);
        records.forEach((record, i) => {
            this.index.set(record, i);
            if (record.mqlAt === null) {
                this.leads.push(null);
                this.at.push(0);
                this.current.push({ fit: 0, intent: 0, meetsBar: false });
                this.fitMask.push(0);
                return;
            }
            const { lead } = leadAtMql(record, record.mqlAt);
            const score = scoreLead(lead, record.mqlAt, saved);
            this.leads.push(lead);
            this.at.push(record.mqlAt);
            this.current.push({ fit: score.fit, intent: score.intent, meetsBar: score.meetsBar });
            let mask = 0;
            saved.fit.rules.forEach((rule, bit) => {
                if (conditionHolds(rule.when, lead)) mask |= 1 << bit;
            });
            this.fitMask.push(mask);
            if (!this.representative.has(mask)) this.representative.set(mask, i);
        });
        this.intents.set(
            intentKey(saved),
            Int32Array.from(this.current, (s) => s.intent)
        );
    }

    /** Intent of every lead under `def`'s intent settings (scoreLead with the fit rules left out), cached per setting. */
    private intentsFor(def: SqlDefinition): Int32Array {
        const key = intentKey(def);
        const cached = this.intents.get(key);
        if (cached) {
            this.intents.delete(key);
            this.intents.set(key, cached);
            return cached;
        }
        const intentOnly: SqlDefinition = { ...def, fit: { ...def.fit, rules: [] } };
        const out = new Int32Array(this.records.length);
        this.leads.forEach((lead, i) => {
            if (lead) out[i] = scoreLead(lead, this.at[i] as number, intentOnly).intent;
        });
        this.intents.set(key, out);
        if (this.intents.size > INTENT_CACHE_SIZE) this.intents.delete(this.intents.keys().next().value as string);
        return out;
    }

    /** A scorer for the proposal: scoreLead's fit per rule combination and intent per lead, cached. */
    private scorer(proposed: SqlDefinition): (record: LeadRecord, lead: LeadValues, at: number, which: 0 | 1) => ScoreAtMql {
        const sameFitConditions = fitConditionsKey(proposed) === this.fitKey;
        const intents = this.intentsFor(proposed);
        const fitOnly: SqlDefinition = { ...proposed, intent: { ...proposed.intent, signals: [] } };
        const fitByMask = new Map<number, number>();
        for (const [mask, i] of this.representative) {
            if (sameFitConditions) fitByMask.set(mask, scoreLead(this.leads[i] as LeadValues, this.at[i] as number, fitOnly).fit);
        }
        const { minFit, minIntent } = proposed.bar;
        return (record, lead, at, which) => {
            const i = this.index.get(record);
            if (i === undefined) throw new Error(`LiveBacktest: row ${record.row} is not part of the loaded export`);
            if (which === 0) return this.current[i] as ScoreAtMql;
            const fit = sameFitConditions ? (fitByMask.get(this.fitMask[i] as number) as number) : scoreLead(lead, at, fitOnly).fit;
            const intent = intents[i] as number;
            return { fit, intent, meetsBar: fit >= minFit && intent >= minIntent };
        };
    }

    /** The backtest's result for the saved definition against `proposed`, on every loaded lead. */
    run(proposed: SqlDefinition, labels = { current: 'saved', proposed: 'edited' }): BacktestResult {
        const backtest = new Backtest({
            current: { def: this.saved, label: labels.current },
            proposed: { def: proposed, label: labels.proposed },
            sampleCap: 20,
            score: this.scorer(proposed)
        });
        for (const record of this.records) backtest.add(record);
        return backtest.result();
    }
}
