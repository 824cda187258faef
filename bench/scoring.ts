/**
 * Scoring: how fast the rep's screen recomputes, and how that compares with the platform's formulas.
 *
 * The leads are the project's sample data (data/: 8 showcase + 2,400 history leads from a fixed seed), scored
 * at the data's anchor instant, so every run scores the same inputs. Measured in one process, one after the other:
 * - scoreLead (c/leadScoring): throughput over repeated passes, and the latency of one call (p50/p99);
 * - readiness(): the same, since the qualification panel calls it on every keystroke (it includes scoreLead);
 * - the generated formulas through the formula harness (scripts/interpreters/formula/harness.ts): the fit formula of the
 *   before-save flow, then Intent_Score__c and Meets_SQL_Bar__c as formula fields read with that fit. The
 *   harness parses each formula text once (its parse cache), so this is evaluation time, as on a warm platform.
 * The ratio "formula engine is N x slower" is per lead, from the two throughputs of this run. The two paths
 * are checked to agree on every lead first (fit exactly, intent within the one-point rounding the parity
 * tests allow at .5, the bar), so the ratio compares the same answers.
 *
 *   npx tsx bench/scoring.ts
 */
import { readiness, scoreLead, type LeadScore } from 'c/leadScoring';
import { FIELDS } from 'c/sqlDefinition';
import {
    evaluateFlowFormula,
    evaluateFormula,
    isFormulaError,
    loadLeadMetadata,
    parseCacheStats,
    type FormulaContext,
    type LeadMetadata
} from '../scripts/interpreters/formula/harness.ts';
import { loadSampleData } from '../scripts/admin/sample-data/load.ts';
import { duration, GroupPrinter, int, isMain, median, percentile, printEnvironment, ROOT, type GroupResult } from './lib/report.ts';

type Lead = Record<string, unknown>;

export interface ScoringFigures {
    leads: number;
    scoreLeadPerSecond: number;
    scoreLeadP50Ms: number;
    scoreLeadP99Ms: number;
    readinessPerSecond: number;
    readinessP50Ms: number;
    readinessP99Ms: number;
    formulaPerSecond: number;
    formulaP50Ms: number;
    formulaP99Ms: number;
    /** Formula time per lead / scoreLead time per lead, from the throughputs of this run. */
    formulaSlowdown: number;
}

/** Runs `once` over every lead in passes until `minMs` has passed (at least one pass): calls per second. */
function throughput(leads: readonly Lead[], once: (lead: Lead) => unknown, minMs: number): number {
    let calls = 0;
    let sink = 0;
    const started = performance.now();
    let elapsed = 0;
    do {
        for (const lead of leads) if (once(lead)) sink++;
        calls += leads.length;
        elapsed = performance.now() - started;
    } while (elapsed < minMs);
    if (sink < 0) console.log(sink); // keeps the results alive for the optimiser
    return (calls / elapsed) * 1000;
}

/** The time of each single call, over `passes` passes of the leads. */
function latencies(leads: readonly Lead[], once: (lead: Lead) => unknown, passes: number): number[] {
    const samples: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
        for (const lead of leads) {
            const started = performance.now();
            once(lead);
            samples.push(performance.now() - started);
        }
    }
    return samples;
}

/** Fit, intent and the bar as the platform computes them: the flow's fit formula, then the two formula fields. */
function formulaScorer(meta: LeadMetadata, ctx: FormulaContext): (lead: Lead) => { fit: unknown; intent: unknown; meetsBar: unknown } {
    const fitFormula = meta.flowFormulas.find((f) => f.assignsTo.includes(FIELDS.fitScore));
    const intentField = meta.field(FIELDS.intentScore);
    const barField = meta.field(FIELDS.meetsBar);
    if (!fitFormula || !intentField?.formula || !barField?.formula)
        throw new Error(
            'The generated metadata has no fit flow formula, Intent_Score__c or Meets_SQL_Bar__c formula: run npm run generate.'
        );
    const intentOptions = { mode: 'formulaField' as const, treatBlanksAs: intentField.formulaTreatBlanksAs ?? 'BlankAsZero' };
    const barOptions = { mode: 'formulaField' as const, treatBlanksAs: barField.formulaTreatBlanksAs ?? 'BlankAsZero' };
    return (lead) => {
        const fit = evaluateFlowFormula(fitFormula.name, lead, ctx, meta);
        const record = { ...lead, [FIELDS.fitScore]: fit };
        const intent = evaluateFormula(intentField.formula as string, record, ctx, meta, intentOptions);
        const meetsBar = evaluateFormula(barField.formula as string, record, ctx, meta, barOptions);
        return { fit, intent, meetsBar };
    };
}

/** Every lead must get the same answer from both paths, else the ratio compares different work. */
function disagreements(leads: readonly Lead[], now: Date, formulas: ReturnType<typeof formulaScorer>): string[] {
    const problems: string[] = [];
    for (const lead of leads) {
        const score: LeadScore = scoreLead(lead, now);
        const f = formulas(lead);
        const id = String(lead.Id);
        if ([f.fit, f.intent, f.meetsBar].some(isFormulaError)) problems.push(`${id}: a formula failed: ${JSON.stringify(f)}`);
        else if (f.fit !== score.fit) problems.push(`${id}: fit formula ${String(f.fit)} vs scoreLead ${score.fit}`);
        else if (f.intent !== score.intent) {
            const atHalf = Math.abs(score.intentSum - Math.floor(score.intentSum) - 0.5) < 1e-9;
            if (!(atHalf && Math.abs((f.intent as number) - score.intent) === 1))
                problems.push(`${id}: intent formula ${String(f.intent)} vs scoreLead ${score.intent}`);
        } else if (f.meetsBar !== score.meetsBar) problems.push(`${id}: bar formula ${String(f.meetsBar)} vs scoreLead ${score.meetsBar}`);
    }
    return problems;
}

export async function runScoring(
    options: { rounds?: number; roundMs?: number; passes?: number } = {}
): Promise<GroupResult & { figures: ScoringFigures }> {
    const out = new GroupPrinter('Scoring: scoreLead and readiness vs the generated formulas');
    const rounds = options.rounds ?? 7;
    const roundMs = options.roundMs ?? 250;
    const passes = options.passes ?? 3;
    const data = loadSampleData(ROOT);
    const now = new Date(data.anchor);
    const leads: Lead[] = data.leads.map((l) => ({ ...l.fields, Id: l.id }));
    const meta = loadLeadMetadata(ROOT);
    const ctx: FormulaContext = { now, isNew: false, prior: null, permissions: new Set() };
    const formulas = formulaScorer(meta, ctx);
    const score = (lead: Lead) => scoreLead(lead, now);
    const ready = (lead: Lead) => readiness(lead, now);

    out.line(`${int(leads.length)} sample leads (data/, fixed seed) scored at the data's anchor ${data.anchor}`);
    const problems = disagreements(leads, now, formulas);
    if (problems.length) {
        problems.slice(0, 5).forEach((p) => out.line(`DISAGREEMENT ${p}`));
        throw new Error(
            `scoreLead and the generated formulas disagree on ${problems.length} of ${leads.length} leads (first shown above).`
        );
    }
    out.line(`both paths agree on every lead (fit, intent within the .5 rounding, the bar)`);

    // Warm up each path (JIT, the harness's parse cache). Then rounds that take turns between the paths, so a
    // burst of load from other processes lands on all of them; each figure is the median over the rounds.
    throughput(leads, score, 300);
    throughput(leads, ready, 300);
    throughput(leads, formulas, 300);
    const cacheBefore = parseCacheStats();
    const perRound = { score: [] as number[], ready: [] as number[], formulas: [] as number[], ratio: [] as number[] };
    for (let round = 0; round < rounds; round++) {
        const s = throughput(leads, score, roundMs);
        const r = throughput(leads, ready, roundMs);
        const f = throughput(leads, formulas, roundMs);
        perRound.score.push(s);
        perRound.ready.push(r);
        perRound.formulas.push(f);
        perRound.ratio.push(s / f);
    }
    const scoreSamples: number[] = [];
    const readinessSamples: number[] = [];
    const formulaSamples: number[] = [];
    for (let pass = 0; pass < passes; pass++) {
        scoreSamples.push(...latencies(leads, score, 1));
        readinessSamples.push(...latencies(leads, ready, 1));
        formulaSamples.push(...latencies(leads, formulas, 1));
    }
    const cacheAfter = parseCacheStats();
    const scorePerSecond = median(perRound.score);
    const readinessPerSecond = median(perRound.ready);
    const formulaPerSecond = median(perRound.formulas);

    const figures: ScoringFigures = {
        leads: leads.length,
        scoreLeadPerSecond: scorePerSecond,
        scoreLeadP50Ms: percentile(scoreSamples, 50),
        scoreLeadP99Ms: percentile(scoreSamples, 99),
        readinessPerSecond,
        readinessP50Ms: percentile(readinessSamples, 50),
        readinessP99Ms: percentile(readinessSamples, 99),
        formulaPerSecond,
        formulaP50Ms: percentile(formulaSamples, 50),
        formulaP99Ms: percentile(formulaSamples, 99),
        formulaSlowdown: median(perRound.ratio)
    };
    const row = (name: string, perSecond: number, p50: number, p99: number) =>
        out.line(
            `${name.padEnd(44)} ${int(perSecond).padStart(9)} leads/s   p50 ${duration(p50).padStart(9)}   p99 ${duration(p99).padStart(9)}`
        );
    out.line(
        `throughput: median of ${rounds} rounds of >= ${roundMs} ms per path, the paths taking turns; ` +
            `latency of one call: ${passes} passes (${int(scoreSamples.length)} calls per path)`
    );
    row('scoreLead (c/leadScoring)', figures.scoreLeadPerSecond, figures.scoreLeadP50Ms, figures.scoreLeadP99Ms);
    row('readiness() (per keystroke in the panel)', figures.readinessPerSecond, figures.readinessP50Ms, figures.readinessP99Ms);
    row('formulas: fit (flow) + Intent + Meets_SQL_Bar', figures.formulaPerSecond, figures.formulaP50Ms, figures.formulaP99Ms);
    out.line(
        `formula engine is ${figures.formulaSlowdown.toFixed(1)} x slower than scoreLead per lead (median of the ${rounds} per-round ratios; ` +
            `parse cache: ${int(cacheAfter.misses - cacheBefore.misses)} parses, ${int(cacheAfter.hits - cacheBefore.hits)} reuses while measuring)`
    );
    return { ...out.done(), figures };
}

if (isMain(import.meta.url)) {
    printEnvironment();
    runScoring().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
