/**
 * The backtest report as one self-contained HTML page for the quarterly review: inline CSS, inline
 * SVG charts drawn here, no script and no external resource, so it can be mailed or attached as is.
 * Every chart is followed by the table of its numbers.
 */
import { ISSUE_EFFECT, ISSUE_LABELS } from './readLeads.ts';
import { OUTCOMES, SCORE_BANDS, rate, sampleList, wilson, type DefinitionFigures, type SideChange, type Tally } from './analyse.ts';
import { SMALL_SAMPLE, barBand, day, headline, instant, int, pct, showValue, wonSource, type Report } from './report.ts';

const esc = (value: unknown): string =>
    String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const COLOURS = {
    sql: '#9ec5f8',
    opportunity: '#3b82c4',
    won: '#0b5394',
    current: '#5f6b7a',
    proposed: '#c2410c',
    grid: '#d8dde3',
    text: '#1f2933'
};
const f1 = (n: number): string => n.toFixed(1);

let chartCount = 0;

/** Grouped bars of SQL / Opportunity / Closed Won rate per score band, 95 % intervals on the won rate, bar thresholds as lines. */
function bandChart(
    title: string,
    bands: Tally[],
    bars: Array<{ label: string; threshold: number; colour: string; dashed: boolean }>
): string {
    const id = `chart${++chartCount}`;
    const used = bands.map((t, i) => ({ t, i })).filter(({ t }) => t.leads > 0);
    const maxIndex = used.length ? Math.max(...used.map((u) => u.i), ...bars.map((b) => barBand(b.threshold))) : 0;
    const shown = SCORE_BANDS.slice(0, maxIndex + 1);
    const width = 720;
    const height = 300;
    const left = 48;
    const right = 16;
    const top = 28;
    const bottom = 58;
    const plotW = width - left - right;
    const plotH = height - top - bottom;
    const slot = plotW / Math.max(1, shown.length);
    const peak = Math.max(0.05, ...bands.map((t) => rate(t.sql, t.leads) ?? 0));
    const yMax = Math.min(1, Math.ceil(peak * 10) / 10);
    const y = (r: number): number => top + plotH - (r / yMax) * plotH;
    const parts: string[] = [];
    for (let g = 0; g <= 5; g++) {
        const r = (yMax * g) / 5;
        parts.push(`<line x1="${left}" x2="${width - right}" y1="${f1(y(r))}" y2="${f1(y(r))}" stroke="${COLOURS.grid}"/>`);
        parts.push(`<text x="${left - 6}" y="${f1(y(r) + 4)}" text-anchor="end" font-size="11">${Math.round(r * 100)}%</text>`);
    }
    shown.forEach((band, i) => {
        const t = bands[i] as Tally;
        const x0 = left + i * slot;
        const w = (slot - 10) / 3;
        const series: Array<[number, string, string]> = [
            [t.sql, COLOURS.sql, 'SQL'],
            [t.opportunity, COLOURS.opportunity, 'Opportunity'],
            [t.won, COLOURS.won, 'Closed Won']
        ];
        series.forEach(([n, colour, name], k) => {
            const r = rate(n, t.leads);
            if (r === null) return;
            const x = x0 + 5 + k * w;
            parts.push(
                `<rect x="${f1(x)}" y="${f1(y(r))}" width="${f1(w - 1)}" height="${f1(top + plotH - y(r))}" fill="${colour}"${t.leads < SMALL_SAMPLE ? ' fill-opacity="0.45"' : ''}>` +
                    `<title>${esc(band.label)}: ${name} ${int(n)} of ${int(t.leads)} (${pct(r)})</title></rect>`
            );
        });
        const ci = wilson(t.won, t.leads);
        if (ci) {
            const cx = x0 + 5 + 2.5 * w - 0.5;
            parts.push(
                `<line x1="${f1(cx)}" x2="${f1(cx)}" y1="${f1(y(Math.min(yMax, ci[1])))}" y2="${f1(y(ci[0]))}" stroke="${COLOURS.text}" stroke-width="1"/>`
            );
        }
        parts.push(`<text x="${f1(x0 + slot / 2)}" y="${top + plotH + 16}" text-anchor="middle" font-size="11">${esc(band.label)}</text>`);
        parts.push(
            `<text x="${f1(x0 + slot / 2)}" y="${top + plotH + 30}" text-anchor="middle" font-size="10" fill="#52606d">n=${int(t.leads)}</text>`
        );
    });
    bars.forEach((bar, k) => {
        const x = left + (Math.max(0, bar.threshold) / 10) * slot;
        parts.push(
            `<line x1="${f1(x)}" x2="${f1(x)}" y1="${top - 6}" y2="${top + plotH}" stroke="${bar.colour}" stroke-width="2"${bar.dashed ? ' stroke-dasharray="6 4"' : ''}/>` +
                `<text x="${f1(x + 4)}" y="${top - 8 + k * 12}" font-size="11" fill="${bar.colour}">${esc(bar.label)}</text>`
        );
    });
    const legend = [
        [COLOURS.sql, 'SQL rate'],
        [COLOURS.opportunity, 'Opportunity rate'],
        [COLOURS.won, 'Closed Won rate (line: 95 % interval)']
    ]
        .map(
            ([c, l], k) =>
                `<rect x="${left + k * 190}" y="${height - 16}" width="10" height="10" fill="${c}"/><text x="${left + 14 + k * 190}" y="${height - 7}" font-size="11">${l}</text>`
        )
        .join('');
    return (
        `<svg role="img" aria-labelledby="${id}t" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart">` +
        `<title id="${id}t">${esc(title)}</title>${parts.join('')}${legend}</svg>`
    );
}

/** Heat map of the Closed Won rate over fit band (rows) x intent band (columns), with each definition's qualifying corner outlined. */
function heatMap(
    title: string,
    fig: DefinitionFigures,
    bars: Array<{ label: string; minFit: number; minIntent: number; colour: string; dashed: boolean }>
): string {
    const id = `chart${++chartCount}`;
    const rows = SCORE_BANDS.length;
    const usedRow = Math.max(0, ...fig.grid.map((row, i) => (row.some((t) => t.leads > 0) ? i : 0)));
    const usedCol = Math.max(0, ...fig.grid.flatMap((row) => row.map((t, j) => (t.leads > 0 ? j : 0))));
    const nRows = Math.min(rows, usedRow + 1);
    const nCols = Math.min(rows, usedCol + 1);
    const cell = 46;
    const left = 70;
    const top = 26;
    const width = left + nCols * cell + 190;
    const height = top + nRows * cell + 40;
    const peak = Math.max(0.01, ...fig.grid.flatMap((row) => row.map((t) => (t.leads >= SMALL_SAMPLE ? (rate(t.won, t.leads) ?? 0) : 0))));
    const parts: string[] = [];
    for (let i = 0; i < nRows; i++) {
        const yRow = top + (nRows - 1 - i) * cell;
        parts.push(
            `<text x="${left - 6}" y="${yRow + cell / 2 + 4}" text-anchor="end" font-size="11">${esc(SCORE_BANDS[i]?.label)}</text>`
        );
        for (let j = 0; j < nCols; j++) {
            const t = (fig.grid[i] as Tally[])[j] as Tally;
            const r = rate(t.won, t.leads);
            const shade = r === null ? 0 : Math.min(1, r / peak);
            const fill = r === null ? '#f4f5f7' : `rgba(11, 83, 148, ${(0.08 + 0.92 * shade).toFixed(3)})`;
            const ink = shade > 0.55 ? '#ffffff' : COLOURS.text;
            parts.push(
                `<rect x="${left + j * cell}" y="${yRow}" width="${cell - 1}" height="${cell - 1}" fill="${fill}">` +
                    `<title>fit ${esc(SCORE_BANDS[i]?.label)}, intent ${esc(SCORE_BANDS[j]?.label)}: ${int(t.won)} won of ${int(t.leads)} (${pct(r)})</title></rect>`
            );
            if (t.leads > 0) {
                parts.push(
                    `<text x="${left + j * cell + cell / 2}" y="${yRow + 19}" text-anchor="middle" font-size="11" fill="${ink}">${pct(r, 0)}</text>`
                );
                parts.push(
                    `<text x="${left + j * cell + cell / 2}" y="${yRow + 33}" text-anchor="middle" font-size="9" fill="${ink}">${int(t.leads)}</text>`
                );
            }
        }
    }
    for (let j = 0; j < nCols; j++) {
        parts.push(
            `<text x="${left + j * cell + cell / 2}" y="${top + nRows * cell + 14}" text-anchor="middle" font-size="10">${esc(SCORE_BANDS[j]?.label)}</text>`
        );
    }
    parts.push(
        `<text x="${left + (nCols * cell) / 2}" y="${top + nRows * cell + 32}" text-anchor="middle" font-size="11">intent at MQL</text>`
    );
    parts.push(
        `<text x="14" y="${top + (nRows * cell) / 2}" font-size="11" transform="rotate(-90 14 ${top + (nRows * cell) / 2})" text-anchor="middle">fit</text>`
    );
    bars.forEach((bar, k) => {
        const x = left + (Math.max(0, bar.minIntent) / 10) * cell;
        const yTop = top;
        const yBottom = top + nRows * cell - (Math.max(0, bar.minFit) / 10) * cell;
        parts.push(
            `<rect x="${f1(x)}" y="${yTop}" width="${f1(Math.max(0, left + nCols * cell - x))}" height="${f1(Math.max(0, yBottom - yTop))}" fill="none" stroke="${bar.colour}" stroke-width="2.5"${bar.dashed ? ' stroke-dasharray="7 4"' : ''}/>`
        );
        parts.push(
            `<line x1="${left + nCols * cell + 12}" x2="${left + nCols * cell + 34}" y1="${top + 10 + k * 18}" y2="${top + 10 + k * 18}" stroke="${bar.colour}" stroke-width="2.5"${bar.dashed ? ' stroke-dasharray="7 4"' : ''}/>` +
                `<text x="${left + nCols * cell + 40}" y="${top + 14 + k * 18}" font-size="11">${esc(bar.label)}</text>`
        );
    });
    parts.push(`<text x="${left + nCols * cell + 12}" y="${top + 58}" font-size="10" fill="#52606d">cell: Closed Won rate,</text>`);
    parts.push(`<text x="${left + nCols * cell + 12}" y="${top + 71}" font-size="10" fill="#52606d">leads below it</text>`);
    return (
        `<svg role="img" aria-labelledby="${id}t" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart">` +
        `<title id="${id}t">${esc(title)}</title>${parts.join('')}</svg>`
    );
}

/** Before/after bars for the headline figures. */
function beforeAfterChart(report: Report): string {
    const id = `chart${++chartCount}`;
    const { all } = report.result;
    const hc = headline(report.result.current, all);
    const hp = headline(report.result.proposed, all);
    const metrics: Array<{ label: string; a: number | null; b: number | null; text: (v: number | null) => string; max: number }> = [
        { label: 'MQLs clearing the bar', a: hc.qualifiedShare, b: hp.qualifiedShare, text: (v) => pct(v), max: 1 },
        { label: 'Closed Won deals they hold', a: hc.wonCaptured, b: hp.wonCaptured, text: (v) => pct(v), max: 1 },
        { label: 'Won rate above the bar', a: hc.wonRate, b: hp.wonRate, text: (v) => pct(v), max: 1 },
        { label: 'Won rate below the bar', a: hc.wonRateBelow, b: hp.wonRateBelow, text: (v) => pct(v), max: 1 }
    ];
    const peak = Math.max(0.05, ...metrics.flatMap((m) => [m.a ?? 0, m.b ?? 0]));
    const width = 720;
    const rowH = 50;
    const left = 200;
    const plotW = width - left - 80;
    const height = 20 + metrics.length * rowH + 24;
    const parts: string[] = [];
    metrics.forEach((m, i) => {
        const y0 = 14 + i * rowH;
        parts.push(`<text x="${left - 10}" y="${y0 + 22}" text-anchor="end" font-size="12">${esc(m.label)}</text>`);
        (
            [
                [m.a, COLOURS.current, 'current'],
                [m.b, COLOURS.proposed, 'proposed']
            ] as const
        ).forEach(([v, colour, name], k) => {
            const w = ((v ?? 0) / peak) * plotW;
            const y = y0 + 4 + k * 19;
            parts.push(
                `<rect x="${left}" y="${y}" width="${f1(Math.max(0.5, w))}" height="16" fill="${colour}"><title>${name}: ${m.text(v)}</title></rect>`
            );
            parts.push(`<text x="${f1(left + w + 6)}" y="${y + 12}" font-size="11">${m.text(v)}</text>`);
        });
    });
    parts.push(
        `<rect x="${left}" y="${height - 16}" width="10" height="10" fill="${COLOURS.current}"/><text x="${left + 14}" y="${height - 7}" font-size="11">current (${esc(report.current.label)})</text>` +
            `<rect x="${left + 250}" y="${height - 16}" width="10" height="10" fill="${COLOURS.proposed}"/><text x="${left + 264}" y="${height - 7}" font-size="11">proposed</text>`
    );
    return (
        `<svg role="img" aria-labelledby="${id}t" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart">` +
        `<title id="${id}t">Before and after: share of MQLs that clear the bar, the won deals among them, and won rates</title>${parts.join('')}</svg>`
    );
}

function tallyTd(t: Tally): string {
    const cell = (n: number): string => `<td>${int(n)}</td><td>${pct(rate(n, t.leads))}</td>`;
    return `<td>${int(t.leads)}</td>${cell(t.sql)}${cell(t.opportunity)}${cell(t.won)}`;
}

function bandTable(caption: string, bands: Tally[], marker: (i: number) => string): string {
    const rows = bands
        .map((t, i) => ({ t, i }))
        .filter(({ t }) => t.leads > 0)
        .map(({ t, i }) => {
            const ci = wilson(t.won, t.leads);
            return (
                `<tr${t.leads < SMALL_SAMPLE ? ' class="small"' : ''}><th scope="row">${esc(SCORE_BANDS[i]?.label)}</th>${tallyTd(t)}` +
                `<td>${ci ? `${pct(ci[0])} - ${pct(ci[1])}` : '-'}</td><td class="l">${esc(marker(i))}</td></tr>`
            );
        })
        .join('');
    return (
        `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col">band</th><th scope="col">leads</th><th scope="col" colspan="2">SQL</th>` +
        `<th scope="col" colspan="2">Opportunity</th><th scope="col" colspan="2">Closed Won</th><th scope="col">won 95 % interval</th><th scope="col" class="l">bar starts</th></tr></thead>` +
        `<tbody>${rows}</tbody></table>`
    );
}

function sideHtml(side: SideChange, title: string): string {
    const outcomes = OUTCOMES.filter((o) => side.byOutcome[o] > 0)
        .map((o) => `<li>${esc(o)}: ${int(side.byOutcome[o])}</li>`)
        .join('');
    const reasons = Object.entries(side.byRejectionReason)
        .sort((a, b) => b[1] - a[1])
        .map(([reason, n]) => `${esc(reason)} ${int(n)}`)
        .join(', ');
    const list = sampleList(side);
    const rows = list
        .map(
            (l) =>
                `<tr><td>${esc(l.id)}</td><td>${esc(l.mqlAt.slice(0, 16).replace('T', ' '))}</td><td>${esc(l.fit[0] === l.fit[1] ? l.fit[0] : `${l.fit[0]} → ${l.fit[1]}`)}</td>` +
                `<td>${esc(l.intent[0] === l.intent[1] ? l.intent[0] : `${l.intent[0]} → ${l.intent[1]}`)}</td><td>${esc(l.outcome)}</td><td>${esc(l.status)}</td>` +
                `<td>${esc(l.rejectionReason ?? '')}</td><td>${esc(l.leadSource ?? '')}</td></tr>`
        )
        .join('');
    return (
        `<h3>${esc(title)}: ${int(side.tally.leads)}</h3>` +
        (side.tally.leads === 0
            ? '<p>None.</p>'
            : `<ul>${outcomes}</ul>${reasons ? `<p>Rejected for: ${reasons}</p>` : ''}` +
              `<details><summary>${int(list.length)} of them listed (won first)</summary><table><thead><tr><th>Id</th><th>MQL at</th><th>fit</th><th>intent</th>` +
              `<th>outcome</th><th>status</th><th>rejection reason</th><th>source</th></tr></thead><tbody>${rows}</tbody></table></details>`)
    );
}

function diffHtml(diff: string): string {
    return diff
        .trimEnd()
        .split('\n')
        .map((line) => {
            const cls =
                line.startsWith('+++') || line.startsWith('---')
                    ? 'h'
                    : line.startsWith('@@')
                      ? 'at'
                      : line.startsWith('+')
                        ? 'add'
                        : line.startsWith('-')
                          ? 'del'
                          : '';
            return `<span${cls ? ` class="${cls}"` : ''}>${esc(line)}</span>`;
        })
        .join('\n');
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;margin:0;background:#f7f8fa}
main{max-width:1040px;margin:0 auto;padding:24px 32px 64px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d8dde3;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:8px 0 16px;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{padding:3px 8px;border-bottom:1px solid #e4e7eb;text-align:right}th:first-child,td:first-child,.l{text-align:left}thead th{background:#f0f2f5}
tr.small td{color:#7b8794}.meta td,.meta th{text-align:left;border:none;padding:2px 12px 2px 0}
.chart{max-width:100%;height:auto;display:block;margin:8px 0}.chart text{fill:#1f2933;font-family:inherit}
.kpis{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.kpi{border:1px solid #d8dde3;border-radius:6px;padding:8px 12px;min-width:200px}
.kpi b{display:block;font-size:18px}.cur{color:#5f6b7a}.prop{color:#c2410c}
pre{background:#0f1720;color:#e4e7eb;padding:12px;overflow:auto;font-size:12px;border-radius:4px}pre .add{color:#7ee787}pre .del{color:#ff7b72}pre .at{color:#79c0ff}pre .h{color:#d2a8ff}
.note{color:#52606d}.warn{color:#b42318}
`;

export function renderHtml(report: Report): string {
    chartCount = 0;
    const { read, result: r, generated } = report;
    const cur = r.current;
    const prop = r.proposed;
    const all = r.all;
    const hc = headline(cur, all);
    const hp = headline(prop, all);
    const b: string[] = [];
    b.push(`<h1>LeadGate backtest: ${esc(report.proposed.label)} against ${esc(report.current.label)}</h1>`);
    for (const warning of report.warnings) b.push(`<p class="warn"><strong>Warning:</strong> ${esc(warning)}</p>`);
    b.push(
        `<table class="meta"><tr><th>Export</th><td>${esc(read.file)}: ${int(read.rows)} rows</td></tr>` +
            `<tr><th>Won</th><td>${int(all.won)} MQLs won, read from ${esc(wonSource(read))}</td></tr>` +
            `<tr><th>MQLs scored</th><td>${int(r.counts.mqls)} (${day(r.counts.firstMqlAt)} to ${day(r.counts.lastMqlAt)}), each scored by scoreLead at the moment it became an MQL</td></tr>` +
            `<tr><th>As of</th><td>${r.asOf === null ? 'the export (no cut-off)' : esc(instant(r.asOf))}</td></tr>` +
            `<tr><th>Left out</th><td>${int(r.counts.notMql)} rows without MQL_At__c, ${int(r.counts.afterAsOf)} MQLs after the as-of date, ${int(read.rowsSkipped)} unreadable rows; ` +
            `${int(r.counts.signalsAfterMql)} signal timestamps later than MQL_At__c did not count</td></tr></table>`
    );
    for (const note of report.notes) b.push(`<p class="note">${esc(note)}</p>`);

    b.push('<h2>What the proposal changes</h2>');
    b.push(
        report.changes.length === 0
            ? '<p>Nothing: the proposed definition equals the current one.</p>'
            : `<table><thead><tr><th>setting</th><th>current</th><th>proposed</th></tr></thead><tbody>${report.changes
                  .map(
                      (c) =>
                          `<tr><td><code>${esc(c.path)}</code></td><td>${esc(showValue(c.before))}</td><td>${esc(showValue(c.after))}</td></tr>`
                  )
                  .join('')}</tbody></table>`
    );

    b.push('<h2>Before and after</h2>');
    b.push(
        '<div class="kpis">' +
            [
                [
                    'MQLs that clear the bar',
                    `${int(hc.qualified)} (${pct(hc.qualifiedShare)})`,
                    `${int(hp.qualified)} (${pct(hp.qualifiedShare)})`
                ],
                [
                    'Closed Won among them',
                    `${int(hc.won)} of ${int(all.won)} (${pct(hc.wonCaptured)})`,
                    `${int(hp.won)} (${pct(hp.wonCaptured)})`
                ],
                ['Their won rate', pct(hc.wonRate), pct(hp.wonRate)],
                ['Won rate below the bar', pct(hc.wonRateBelow), pct(hp.wonRateBelow)]
            ]
                .map(
                    ([label, a, z]) =>
                        `<div class="kpi">${esc(label)}<b><span class="cur">${esc(a)}</span> → <span class="prop">${esc(z)}</span></b></div>`
                )
                .join('') +
            '</div>'
    );
    b.push(beforeAfterChart(report));
    const clearRow = (name: string, a: Tally, z: Tally): string =>
        `<tr><th scope="row">${esc(name)}</th><td>${int(a.leads)}</td><td>${pct(rate(a.leads, all.leads))}</td><td>${int(a.won)}</td>` +
        `<td>${int(z.leads)}</td><td>${pct(rate(z.leads, all.leads))}</td><td>${int(z.won)}</td></tr>`;
    b.push(
        `<table><caption>Who cleared each bar at the moment they became MQLs</caption><thead><tr><th></th><th colspan="3">current: ${esc(`fit ≥ ${cur.bar.minFit}, intent ≥ ${cur.bar.minIntent}`)}</th>` +
            `<th colspan="3">proposed: ${esc(`fit ≥ ${prop.bar.minFit}, intent ≥ ${prop.bar.minIntent}`)}</th></tr>` +
            '<tr><th></th><th>leads</th><th>share</th><th>won</th><th>leads</th><th>share</th><th>won</th></tr></thead><tbody>' +
            clearRow('fit bar', cur.clearedFit, prop.clearedFit) +
            clearRow('intent bar', cur.clearedIntent, prop.clearedIntent) +
            clearRow('both: the SQL bar', cur.clearedBoth, prop.clearedBoth) +
            clearRow('all MQLs', all, all) +
            '</tbody></table>'
    );
    const quadrantNames = { both: 'clears both', fitOnly: 'fit only', intentOnly: 'intent only', neither: 'neither' } as const;
    for (const fig of [cur, prop]) {
        b.push(
            `<table><caption>Outcomes by quadrant, ${fig === cur ? 'current' : 'proposed'} definition</caption><thead><tr><th></th><th>leads</th><th colspan="2">SQL</th>` +
                `<th colspan="2">Opportunity</th><th colspan="2">Closed Won</th></tr></thead><tbody>` +
                (Object.keys(quadrantNames) as Array<keyof typeof quadrantNames>)
                    .map((q) => `<tr><th scope="row">${quadrantNames[q]}</th>${tallyTd(fig.quadrants[q])}</tr>`)
                    .join('') +
                '</tbody></table>'
        );
    }
    if (cur.qualification && prop.qualification) {
        b.push(
            `<p>SQLs whose framework criteria and evidence are complete: current ${int(cur.qualification.complete)} of ${int(cur.qualification.sqls)}, ` +
                `proposed ${int(prop.qualification.complete)} of ${int(prop.qualification.sqls)}.</p>`
        );
    }

    const barLines = (pick: (f: DefinitionFigures) => number, both: boolean, fig?: DefinitionFigures) =>
        both
            ? [
                  { label: `current bar ${pick(cur)}`, threshold: pick(cur), colour: COLOURS.current, dashed: false },
                  { label: `proposed bar ${pick(prop)}`, threshold: pick(prop), colour: COLOURS.proposed, dashed: true }
              ]
            : [
                  {
                      label: `bar ${pick(fig as DefinitionFigures)}`,
                      threshold: pick(fig as DefinitionFigures),
                      colour: fig === cur ? COLOURS.current : COLOURS.proposed,
                      dashed: fig !== cur
                  }
              ];
    for (const [name, pick, bar] of [
        ['intent', (f: DefinitionFigures) => f.intentBands, (f: DefinitionFigures) => f.bar.minIntent],
        ['fit', (f: DefinitionFigures) => f.fitBands, (f: DefinitionFigures) => f.bar.minFit]
    ] as const) {
        b.push(`<h2>Conversion by ${name} band at MQL time</h2>`);
        const figs = r.scoresDiffer ? [cur, prop] : [cur];
        if (!r.scoresDiffer)
            b.push(
                '<p class="note">The proposal does not change how leads score, only where the bar sits: one set of bands, both bars drawn.</p>'
            );
        for (const fig of figs) {
            const lines = r.scoresDiffer ? barLines(bar, false, fig) : barLines(bar, true);
            const scoring = r.scoresDiffer ? (fig === cur ? 'current scoring' : 'proposed scoring') : 'both definitions';
            b.push(bandChart(`SQL, opportunity and won rate by ${name} band, ${scoring}`, pick(fig), lines));
            b.push(
                bandTable(`${name} bands, ${scoring}`, pick(fig), (i) =>
                    lines
                        .filter((l) => barBand(l.threshold) === i)
                        .map((l) => l.label)
                        .join(', ')
                )
            );
        }
    }
    b.push('<h2>Where the bar separates buyers: Closed Won rate by fit and intent</h2>');
    const corners = [
        {
            label: `current bar (${cur.bar.minFit}/${cur.bar.minIntent})`,
            minFit: cur.bar.minFit,
            minIntent: cur.bar.minIntent,
            colour: COLOURS.current,
            dashed: false
        },
        {
            label: `proposed bar (${prop.bar.minFit}/${prop.bar.minIntent})`,
            minFit: prop.bar.minFit,
            minIntent: prop.bar.minIntent,
            colour: COLOURS.proposed,
            dashed: true
        }
    ];
    if (r.scoresDiffer) {
        b.push(heatMap('Closed Won rate by fit and intent band, current scoring', cur, [corners[0] as (typeof corners)[number]]));
        b.push(heatMap('Closed Won rate by fit and intent band, proposed scoring', prop, [corners[1] as (typeof corners)[number]]));
    } else {
        b.push(heatMap('Closed Won rate by fit and intent band, with both bars outlined', cur, corners));
    }
    b.push(
        `<p class="note">Shading is relative to the best band with at least ${SMALL_SAMPLE} leads; the small number in each cell is its lead count.</p>`
    );

    b.push('<h2>Leads that change side</h2>');
    b.push(sideHtml(r.changes.gained, 'Clear the bar only under the proposal'));
    b.push(sideHtml(r.changes.lost, 'Clear the bar only under the current definition'));

    b.push('<h2>Generated formulas and validation rules</h2>');
    if (generated.error) b.push(`<p class="warn">${esc(generated.error)}</p>`);
    else if (generated.changes.length === 0) b.push(`<p>No formula or rule changes (${int(generated.formulaFiles)} files compared).</p>`);
    else {
        b.push(`<p>${generated.changes.length} of ${int(generated.formulaFiles)} formula and rule files change.</p>`);
        for (const change of generated.changes) {
            b.push(
                `<h3><code>${esc(change.path)}</code> (${esc(change.status)}, +${change.added} −${change.removed})</h3><pre>${diffHtml(change.diff)}</pre>`
            );
        }
    }
    if (generated.sizes.length) {
        b.push(
            '<table><caption>Formula length in characters against the limit (compiled size is measured only by the org\'s "Check Syntax")</caption>' +
                '<thead><tr><th>formula</th><th class="l">kind</th><th>current</th><th>proposed</th><th>limit</th><th>nodes (estimate)</th></tr></thead><tbody>' +
                generated.sizes
                    .map(
                        (s) =>
                            `<tr${s.proposed !== null && s.proposed > s.limit ? ' class="warn"' : ''}><td>${esc(s.name)}</td><td class="l">${esc(s.kind)}</td>` +
                            `<td>${s.current === null ? '-' : int(s.current)}</td><td>${s.proposed === null ? '-' : int(s.proposed)}</td><td>${int(s.limit)}</td>` +
                            `<td>${s.nodesCurrent === s.nodesProposed ? (s.nodesProposed ?? '-') : `${s.nodesCurrent ?? '-'} → ${s.nodesProposed ?? '-'}`}</td></tr>`
                    )
                    .join('') +
                '</tbody></table>'
        );
    }

    b.push('<h2>Input problems</h2>');
    if (read.issues.length === 0) b.push('<p>None.</p>');
    else {
        b.push(
            '<table><thead><tr><th>problem</th><th>column</th><th>count</th><th>effect</th><th>first rows</th></tr></thead><tbody>' +
                read.issues
                    .map(
                        (i) =>
                            `<tr><td>${esc(ISSUE_LABELS[i.kind])}</td><td>${esc(i.column ?? '')}</td><td>${int(i.count)}</td><td>${esc(ISSUE_EFFECT[i.kind])}</td>` +
                            `<td>${i.examples.map((e) => `row ${e.row} (line ${e.line}) “${esc(e.value)}”`).join('; ')}</td></tr>`
                    )
                    .join('') +
                '</tbody></table>'
        );
    }
    return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n<title>LeadGate backtest</title><style>${CSS}</style></head>\n<body><main>\n${b.join('\n')}\n</main></body></html>\n`;
}
