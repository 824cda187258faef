/**
 * The backtest report as terminal text. The HTML page (html.ts) shows the same figures; both read
 * the Report assembled by the CLI, and neither computes anything the analysis did not.
 */
import { COLUMN } from './columns.ts';
import { ISSUE_EFFECT, ISSUE_LABELS, type ReadSummary } from './readLeads.ts';
import {
    OUTCOMES,
    SCORE_BANDS,
    rate,
    sampleList,
    type BacktestResult,
    type DefinitionFigures,
    type SideChange,
    type Tally
} from './analyse.ts';
import type { DefinitionChange } from './definitions.ts';
import type { GeneratedComparison } from './generatedDiff.ts';

export interface Report {
    read: ReadSummary;
    result: BacktestResult;
    current: { label: string; source: string };
    proposed: { label: string; source: string };
    changes: DefinitionChange[];
    generated: GeneratedComparison;
    /** Notes the reader must see (outcomes that could not be dated, missing optional columns, ...). */
    notes: string[];
    /** Warnings shown first, above everything (no lead won, ...). */
    warnings: string[];
    htmlPath: string | null;
}

/** Bands with fewer leads than this are marked: their rates move a lot with a few leads. */
export const SMALL_SAMPLE = 30;

export const int = (n: number): string => n.toLocaleString('en-US');
export const pct = (r: number | null, digits = 1): string => (r === null ? '-' : `${(r * 100).toFixed(digits)}%`);
export const instant = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z'));
export const day = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 10));

/** Plain-words form of a value in a definition change. */
export function showValue(value: unknown): string {
    if (value === undefined) return '(none)';
    const text = JSON.stringify(value);
    return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

/** The numbers the before/after comparison is about, for one definition. */
export interface Headline {
    qualified: number;
    qualifiedShare: number | null;
    sqlRate: number | null;
    opportunityRate: number | null;
    wonRate: number | null;
    /** Share of all Closed Won deals that came from leads clearing the bar. */
    wonCaptured: number | null;
    won: number;
    /** Won rate of the leads below the bar. */
    wonRateBelow: number | null;
}

export function headline(fig: DefinitionFigures, all: Tally): Headline {
    const q = fig.clearedBoth;
    const belowLeads = all.leads - q.leads;
    return {
        qualified: q.leads,
        qualifiedShare: rate(q.leads, all.leads),
        sqlRate: rate(q.sql, q.leads),
        opportunityRate: rate(q.opportunity, q.leads),
        wonRate: rate(q.won, q.leads),
        wonCaptured: rate(q.won, all.won),
        won: q.won,
        wonRateBelow: rate(all.won - q.won, belowLeads)
    };
}

/** Where "won" came from, in words: the IsWon column, or StageName compared with the won stage. */
export const wonSource = (read: Pick<ReadSummary, 'outcomeColumn' | 'wonStage'>): string =>
    read.outcomeColumn === COLUMN.opportunityIsWon
        ? `${COLUMN.opportunityIsWon} = true`
        : `${COLUMN.opportunityStage} = "${read.wonStage}" (--won-stage)`;

export const plural = (n: number, noun: string): string => `${int(n)} ${noun}${n === 1 ? '' : 's'}`;
const signed = (n: number): string => (n > 0 ? `+${int(n)}` : n < 0 ? `-${int(-n)}` : '0');
const pad = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const lpad = (text: string, width: number): string => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

const NUMERIC = /^[-+]?[\d.,]+%?( +[-+]?[\d.,]+%?)*( \*)?$|^-$/;

/** Fixed-width table: columns whose cells (header row aside) are all numbers are right-aligned, the rest left-aligned. */
export function table(rows: string[][], indent = '  ', header = true): string[] {
    const widths: number[] = [];
    for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
    const body = header ? rows.slice(1) : rows;
    const right = widths.map((_, i) => i > 0 && body.every((row) => (row[i] ?? '') === '' || NUMERIC.test(row[i] as string)));
    return rows.map(
        (row) =>
            indent +
            row
                .map((cell, i) => (right[i] ? lpad(cell, widths[i] as number) : pad(cell, widths[i] as number)))
                .join('  ')
                .trimEnd()
    );
}

const countAndRate = (part: number, whole: number): string => `${int(part)} ${lpad(pct(rate(part, whole)), 6)}`;

function tallyCells(t: Tally): string[] {
    return [int(t.leads), countAndRate(t.sql, t.leads), countAndRate(t.opportunity, t.leads), countAndRate(t.won, t.leads)];
}

function bandRows(bands: Tally[], markers: (index: number) => string): string[][] {
    const rows: string[][] = [];
    bands.forEach((t, i) => {
        if (t.leads === 0) return;
        const band = SCORE_BANDS[i];
        rows.push([`${band?.label ?? i}${t.leads < SMALL_SAMPLE ? ' *' : ''}`, ...tallyCells(t), markers(i)]);
    });
    return rows;
}

/** Which bands a bar threshold cuts: the band holding the threshold is where "clears" starts. */
export const barBand = (threshold: number): number => SCORE_BANDS.findIndex((b) => threshold >= b.min && threshold <= b.max);

function sideSummary(side: SideChange): string {
    const parts = OUTCOMES.filter((o) => side.byOutcome[o] > 0).map((o) => `${o} ${int(side.byOutcome[o])}`);
    const reasons = Object.entries(side.byRejectionReason)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([reason, n]) => `${reason} ${int(n)}`);
    return `${parts.join('; ')}${reasons.length ? ` (rejected for ${reasons.join(', ')})` : ''}`;
}

/** The whole report as lines of text. `listChanged` caps how many changed leads are listed per side. */
export function renderText(report: Report, listChanged = 10): string {
    const { read, result: r, generated } = report;
    const cur = r.current;
    const prop = r.proposed;
    const out: string[] = [];
    const size = read.bytes >= 1_048_576 ? `${(read.bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(read.bytes / 1024))} KB`;
    out.push('LeadGate backtest: what the proposed SQL definition would have done to your own leads');
    out.push('');
    for (const warning of report.warnings) out.push(`WARNING: ${warning}`);
    if (report.warnings.length) out.push('');
    const meta: string[][] = [
        ['Export', `${read.file} (${plural(read.rows, 'row')}, ${size})`],
        ['Won', `${plural(r.all.won, 'MQL')} won, read from ${wonSource(read)}`],
        ['Current', report.current.label],
        ['Proposed', report.proposed.label],
        ['As of', r.asOf === null ? 'the export (no cut-off)' : `${instant(r.asOf)}: later MQLs left out, later stage stamps not counted`],
        [
            'Scored',
            `${int(r.counts.mqls)} MQLs (${day(r.counts.firstMqlAt)} to ${day(r.counts.lastMqlAt)}), each by scoreLead at its MQL_At__c`
        ]
    ];
    const skipped: string[] = [];
    if (r.counts.notMql) skipped.push(`${plural(r.counts.notMql, 'row')} without MQL_At__c`);
    if (r.counts.afterAsOf) skipped.push(`${plural(r.counts.afterAsOf, 'MQL')} after the as-of date`);
    if (read.rowsSkipped) skipped.push(`${plural(read.rowsSkipped, 'unreadable row')}`);
    if (r.counts.outcomesAfterAsOf)
        skipped.push(`stage stamps or conversions after the as-of date (${plural(r.counts.outcomesAfterAsOf, 'lead')})`);
    if (skipped.length) meta.push(['Left out', skipped.join('; ')]);
    if (r.counts.signalsAfterMql) {
        meta.push([
            'Note',
            `${plural(r.counts.signalsAfterMql, 'signal timestamp')} later than the lead's MQL_At__c: left out of its score at MQL time`
        ]);
    }
    for (const note of report.notes) meta.push(['Note', note]);
    out.push(...table(meta, '  ', false));

    out.push('', 'What the proposal changes in the definition');
    if (report.changes.length === 0) out.push('  nothing: the proposed definition equals the current one');
    else
        out.push(
            ...table(
                report.changes.map((c) => [c.path, `${showValue(c.before)} -> ${showValue(c.after)}`]),
                '  ',
                false
            )
        );

    out.push('', 'Who cleared each bar at the moment they became MQLs');
    const all = r.all;
    const clearRow = (name: string, a: Tally, b: Tally): string[] => [
        name,
        int(a.leads),
        pct(rate(a.leads, all.leads)),
        int(a.won),
        int(b.leads),
        pct(rate(b.leads, all.leads)),
        int(b.won),
        signed(b.leads - a.leads)
    ];
    out.push(
        ...table([
            ['', 'current', '', 'won', 'proposed', '', 'won', 'change'],
            clearRow(`fit bar (fit >= ${cur.bar.minFit} | ${prop.bar.minFit})`, cur.clearedFit, prop.clearedFit),
            clearRow(`intent bar (intent >= ${cur.bar.minIntent} | ${prop.bar.minIntent})`, cur.clearedIntent, prop.clearedIntent),
            clearRow('both: the SQL bar', cur.clearedBoth, prop.clearedBoth),
            ['all MQLs', int(all.leads), '100.0%', int(all.won), int(all.leads), '100.0%', int(all.won), '']
        ])
    );

    out.push('', 'Outcomes on each side of the bar (rates of MQLs)');
    const below = (fig: DefinitionFigures): Tally => ({
        leads: all.leads - fig.clearedBoth.leads,
        sql: all.sql - fig.clearedBoth.sql,
        opportunity: all.opportunity - fig.clearedBoth.opportunity,
        won: all.won - fig.clearedBoth.won
    });
    out.push(
        ...table([
            ['', 'leads', 'SQL', 'Opportunity', 'Closed Won'],
            ['current: clears', ...tallyCells(cur.clearedBoth)],
            ['current: below', ...tallyCells(below(cur))],
            ['proposed: clears', ...tallyCells(prop.clearedBoth)],
            ['proposed: below', ...tallyCells(below(prop))],
            ['all MQLs', ...tallyCells(all)]
        ])
    );
    const hc = headline(cur, all);
    const hp = headline(prop, all);
    out.push(
        `  Closed Won deals from leads that clear the bar: current ${int(hc.won)} of ${int(all.won)} (${pct(hc.wonCaptured)}),` +
            ` proposed ${int(hp.won)} (${pct(hp.wonCaptured)}).`,
        `  Won rate of the leads that clear it: current ${pct(hc.wonRate)}, proposed ${pct(hp.wonRate)};` +
            ` of the leads below it: ${pct(hc.wonRateBelow)} -> ${pct(hp.wonRateBelow)}.`
    );
    if (cur.qualification && prop.qualification) {
        out.push(
            `  SQLs whose criteria and evidence are complete: current ${int(cur.qualification.complete)} of ${int(cur.qualification.sqls)},` +
                ` proposed ${int(prop.qualification.complete)} of ${int(prop.qualification.sqls)}.`
        );
    }

    const bandSection = (title: string, pick: (f: DefinitionFigures) => Tally[], bar: (f: DefinitionFigures) => number): void => {
        const marker = (i: number): string =>
            [barBand(bar(cur)) === i ? `current bar ${bar(cur)}` : '', barBand(bar(prop)) === i ? `proposed bar ${bar(prop)}` : '']
                .filter(Boolean)
                .join(', ');
        const head = [title, 'leads', 'SQL', 'Opportunity', 'Closed Won', 'bar starts in'];
        if (!r.scoresDiffer) {
            out.push('', `Conversion by ${title} band (scores are the same under both definitions)`);
            out.push(...table([head, ...bandRows(pick(cur), marker)]));
        } else {
            for (const fig of [cur, prop]) {
                out.push('', `Conversion by ${title} band, ${fig === cur ? 'current' : 'proposed'} scoring`);
                out.push(...table([head, ...bandRows(pick(fig), (i) => (barBand(bar(fig)) === i ? `bar ${bar(fig)}` : ''))]));
            }
        }
    };
    bandSection(
        'intent',
        (f) => f.intentBands,
        (f) => f.bar.minIntent
    );
    bandSection(
        'fit',
        (f) => f.fitBands,
        (f) => f.bar.minFit
    );
    out.push(`  * fewer than ${SMALL_SAMPLE} leads: read the rate with care (the HTML report draws 95 % intervals).`);

    out.push('', 'Leads that change side');
    const { gained, lost } = r.changes;
    out.push(`  Clear the bar only under the proposal: ${int(gained.tally.leads)}${gained.tally.leads ? `: ${sideSummary(gained)}` : ''}`);
    out.push(`  Clear it only under the current one:   ${int(lost.tally.leads)}${lost.tally.leads ? `: ${sideSummary(lost)}` : ''}`);
    for (const side of [gained, lost]) {
        const list = sampleList(side).slice(0, listChanged);
        if (list.length === 0) continue;
        out.push(`  ${side.direction === 'gained' ? 'Gained' : 'Lost'} (first ${list.length}, won first):`);
        out.push(
            ...table(
                [
                    ['Id', 'MQL at', 'fit', 'intent', 'outcome', 'status', 'reason'],
                    ...list.map((l) => [
                        l.id,
                        l.mqlAt.slice(0, 16).replace('T', ' '),
                        l.fit[0] === l.fit[1] ? String(l.fit[0]) : `${l.fit[0]}->${l.fit[1]}`,
                        l.intent[0] === l.intent[1] ? String(l.intent[0]) : `${l.intent[0]}->${l.intent[1]}`,
                        l.outcome,
                        l.status,
                        l.rejectionReason ?? ''
                    ])
                ],
                '    '
            )
        );
    }

    out.push('', 'Generated formulas and validation rules (the generator run on each definition; version stamps left out)');
    if (generated.error) out.push(`  ${generated.error}`);
    else if (generated.changes.length === 0) out.push(`  No formula or rule changes (${int(generated.formulaFiles)} files compared).`);
    else {
        out.push(`  ${generated.changes.length} of ${int(generated.formulaFiles)} formula and rule files change:`);
        out.push(
            ...table(
                generated.changes.map((c) => [c.path, c.status, `+${c.added} -${c.removed}`]),
                '    '
            )
        );
        for (const change of generated.changes)
            out.push(
                '',
                ...change.diff
                    .trimEnd()
                    .split('\n')
                    .map((line) => `  ${line}`)
            );
    }
    if (generated.sizes.length) {
        const changed = generated.sizes.filter((s) => s.current !== s.proposed);
        const tightest = [...generated.sizes]
            .filter((s) => s.proposed !== null)
            .sort((a, b) => (b.proposed as number) / b.limit - (a.proposed as number) / a.limit);
        const shown = [...changed, ...tightest.filter((s) => !changed.includes(s)).slice(0, Math.max(0, 3 - changed.length))];
        out.push(
            '',
            `  Formula length in characters (${changed.length ? `${changed.length} changed` : 'none changed'}; the longest shown; every one in the HTML report).`
        );
        out.push(
            '  Only the org\'s "Check Syntax" measures compiled size; "nodes" is the generator\'s estimate with referenced formula fields inlined.'
        );
        out.push(
            ...table(
                [
                    ['formula', 'kind', 'current', 'proposed', 'limit', 'headroom', 'nodes'],
                    ...shown.map((s) => [
                        s.name,
                        s.kind,
                        s.current === null ? '-' : int(s.current),
                        s.proposed === null ? '-' : int(s.proposed),
                        int(s.limit),
                        s.proposed === null ? '-' : s.proposed > s.limit ? 'OVER' : pct(rate(s.limit - s.proposed, s.limit), 0),
                        s.nodesCurrent === s.nodesProposed
                            ? String(s.nodesProposed ?? '-')
                            : `${s.nodesCurrent ?? '-'} -> ${s.nodesProposed ?? '-'}`
                    ])
                ],
                '    '
            )
        );
    }

    out.push('', 'Input problems');
    if (read.issues.length === 0) out.push('  none');
    else {
        for (const issue of read.issues) {
            const where = issue.examples.map((e) => `row ${e.row} (line ${e.line}) "${e.value}"`).join('; ');
            out.push(
                `  ${int(issue.count)} x ${ISSUE_LABELS[issue.kind]}${issue.column ? ` in ${issue.column}` : ''}, ${ISSUE_EFFECT[issue.kind]}: ${where}` +
                    `${issue.count > issue.examples.length ? '; ...' : ''}`
            );
        }
    }
    if (report.htmlPath) out.push('', `HTML report: ${report.htmlPath}`);
    return `${out.join('\n')}\n`;
}
