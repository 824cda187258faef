/**
 * What the definition studio shows for a set of edits: the problems `validateDefinition` finds (the same check
 * the backtest and the generator make), the backtest's figures on the loaded export, whether each change loosens
 * or tightens the definition on those leads, and the generated metadata that would change (the generator run in
 * memory, with each formula's length against the platform limit). Pure over its inputs.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { validateDefinition, type DefinitionProblem } from 'c/definitionCheck';
import { generateAll } from '../generate/index.ts';
import { SCORE_BANDS, bandIndex, type BacktestResult, type Outcome, type Tally } from '../backtest/analyse.ts';
import { compareGenerated, type FormulaSize, type GeneratedChange } from '../backtest/generatedDiff.ts';
import { applyEdits, editableSettings, effectiveEdits, problemsAtSavedKeys, valueAt, type Edit } from './settings.ts';
import type { LiveBacktest } from './liveBacktest.ts';
import type { BacktestSummary, Direction, RevisionChange } from './revision.ts';

export interface BandRow {
    label: string;
    leads: number;
    sql: number;
    opportunity: number;
    won: number;
    /** Which bars start in this band. */
    marks: string[];
}

export interface Evaluation {
    problems: DefinitionProblem[];
    changes: RevisionChange[];
    /** Whether the revision as a whole lets more past MQLs clear the bar. */
    loosens: boolean;
    figures: {
        mqls: number;
        cleared: { fit: [Tally, Tally]; intent: [Tally, Tally]; both: [Tally, Tally] };
        wonAll: number;
        intentBands: BandRow[];
        fitBands: BandRow[];
        sides: {
            gained: { leads: number; byOutcome: Record<Outcome, number> };
            lost: { leads: number; byOutcome: Record<Outcome, number> };
        };
        examples: Array<{ id: string; side: 'gained' | 'lost'; outcome: Outcome; fit: [number, number]; intent: [number, number] }>;
    } | null;
    summary: BacktestSummary | null;
    generated: { changedFiles: string[]; formulaChanges: GeneratedChange[]; sizes: FormulaSize[]; error: string | null } | null;
    /** Milliseconds spent on the backtest (all runs of this evaluation) and on the generator. */
    timings: { backtestMs: number; generatorMs: number };
}

const bandRows = (bands: Tally[], marks: Array<[number, string]>): BandRow[] =>
    SCORE_BANDS.map((band, i) => ({
        label: band.label,
        ...(bands[i] as Tally),
        marks: marks.filter(([score]) => bandIndex(score) === i).map(([, label]) => label)
    }));

/** Loosens / tightens, from the leads (more or fewer clear the bar) or, for settings the bar does not read, from the rule. */
function direction(saved: SqlDefinition, edit: Edit, clearedDelta: number): { direction: Direction; because: string } {
    const setting = editableSettings(saved).find((s) => s.key === edit.key);
    const from = valueAt(saved, edit.key);
    if (setting?.group === 'criteria' || setting?.group === 'rejection')
        return { direction: 'neutral', because: 'changes what reps read and where a rejected lead goes, not who qualifies' };
    if (setting?.higherMeans === 'neutral')
        return { direction: 'neutral', because: 'changes how the dashboard reads a rate, not who qualifies' };
    if (setting?.higherMeans && typeof edit.value === 'number' && typeof from === 'number') {
        const looser = edit.value > from === (setting.higherMeans === 'looser');
        return {
            direction: looser ? 'loosens' : 'tightens',
            because: looser ? 'asks less of sales or of the evidence' : 'asks more of sales or of the evidence'
        };
    }
    const n = Math.abs(clearedDelta).toLocaleString('en-US');
    if (clearedDelta > 0) return { direction: 'loosens', because: `${n} more past MQLs would clear the bar` };
    if (clearedDelta < 0) return { direction: 'tightens', because: `${n} fewer past MQLs would clear the bar` };
    return { direction: 'neutral', because: 'no past MQL would change side' };
}

const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

export interface EvaluateOptions {
    /** Also run the generator on both definitions (the metadata diff); the page asks for it after the figures. */
    generated?: boolean;
    source: string;
}

export function evaluate(live: LiveBacktest, edits: readonly Edit[], options: EvaluateOptions): Evaluation {
    const saved = live.saved;
    let proposed: SqlDefinition;
    let effective: Edit[];
    try {
        effective = effectiveEdits(saved, edits);
        proposed = applyEdits(saved, effective);
    } catch (error) {
        return empty([{ key: '(edit)', message: (error as Error).message }]);
    }
    const problems = problemsAtSavedKeys(saved, validateDefinition(proposed), effective);
    if (problems.length) return empty(problems);

    let start = process.hrtime.bigint();
    const result: BacktestResult = live.run(proposed);
    const changes: RevisionChange[] = effective.map((edit) => {
        const from = valueAt(saved, edit.key) as number | string;
        // A text or a choice cannot move a score: no backtest of its own.
        if (typeof edit.value !== 'number') return { key: edit.key, from, to: edit.value, ...direction(saved, edit, 0) };
        const alone = effective.length === 1 ? result : live.run(applyEdits(saved, [edit]));
        const delta = alone.proposed.clearedBoth.leads - alone.current.clearedBoth.leads;
        return { key: edit.key, from, to: edit.value, ...direction(saved, edit, delta) };
    });
    const backtestMs = since(start);
    const { current, proposed: next } = result;
    const loosens = next.clearedBoth.leads > current.clearedBoth.leads || changes.some((c) => c.direction === 'loosens');
    const sideSummary = (side: BacktestResult['changes']['gained']) => ({ leads: side.tally.leads, byOutcome: { ...side.byOutcome } });
    const examples = (['gained', 'lost'] as const).flatMap((side) =>
        Object.values(result.changes[side].samples)
            .flat()
            .slice(0, 10)
            .map((lead) => ({ id: lead.id, side, outcome: lead.outcome, fit: lead.fit, intent: lead.intent }))
    );

    let generated: Evaluation['generated'] = null;
    let generatorMs = 0;
    if (options.generated) {
        start = process.hrtime.bigint();
        const comparison = compareGenerated(saved, proposed);
        let changedFiles: string[] = [];
        if (!comparison.error) {
            const before = new Map(generateAll(saved).map((f) => [f.path, f.content]));
            changedFiles = generateAll(proposed)
                .filter((f) => before.get(f.path) !== f.content)
                .map((f) => f.path);
        }
        generated = { changedFiles, formulaChanges: comparison.changes, sizes: comparison.sizes, error: comparison.error };
        generatorMs = since(start);
    }

    return {
        problems,
        changes,
        loosens,
        figures: {
            mqls: result.counts.mqls,
            cleared: {
                fit: [current.clearedFit, next.clearedFit],
                intent: [current.clearedIntent, next.clearedIntent],
                both: [current.clearedBoth, next.clearedBoth]
            },
            wonAll: result.all.won,
            intentBands: bandRows(next.intentBands, [
                [saved.bar.minIntent, 'saved bar'],
                [proposed.bar.minIntent, 'edited bar']
            ]),
            fitBands: bandRows(next.fitBands, [
                [saved.bar.minFit, 'saved bar'],
                [proposed.bar.minFit, 'edited bar']
            ]),
            sides: { gained: sideSummary(result.changes.gained), lost: sideSummary(result.changes.lost) },
            examples
        },
        summary: {
            source: options.source,
            mqls: result.counts.mqls,
            clearedBefore: current.clearedBoth.leads,
            clearedAfter: next.clearedBoth.leads,
            wonBefore: current.clearedBoth.won,
            wonAfter: next.clearedBoth.won,
            wonLost: result.changes.lost.byOutcome['Closed Won'],
            wonGained: result.changes.gained.byOutcome['Closed Won']
        },
        generated,
        timings: { backtestMs, generatorMs }
    };
}

function empty(problems: DefinitionProblem[]): Evaluation {
    return {
        problems,
        changes: [],
        loosens: false,
        figures: null,
        summary: null,
        generated: null,
        timings: { backtestMs: 0, generatorMs: 0 }
    };
}
