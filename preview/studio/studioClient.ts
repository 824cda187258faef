/**
 * The Definition page in the browser: checks every typed value with the shared check (formCheck.ts ->
 * validateDefinition), asks the server for the consequence of the edits (the backtest on the loaded export and the
 * generated metadata diff), shows beside each setting whether it loosens or tightens the definition, and saves a
 * revision. Messages go next to their field (aria-describedby) and into alert / status regions for screen readers.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import type { DefinitionProblem } from 'c/definitionCheck';
import type { Evaluation, BandRow } from '../../scripts/admin/studio/evaluate.ts';
import type { SaveResult } from '../../scripts/admin/studio/revision.ts';
import type { Tally } from '../../scripts/admin/backtest/analyse.ts';
import { checkForm, type FormCheck } from './formCheck.ts';

interface StudioContext {
    saved: SqlDefinition;
    exportPath: string;
    minReasonChars: number;
    /** The definition module's hash when the page loaded; a save sends it, and the server refuses it if the module changed. */
    definitionHash: string;
}

const byId = <T extends HTMLElement>(id: string): T => {
    const el = document.getElementById(id);
    if (!el) throw new Error(`The Definition page has no #${id}`);
    return el as T;
};
const esc = (value: unknown): string =>
    String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const n = (value: number): string => value.toLocaleString('en-US');
const pct = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : 'n/a');
const signed = (value: number): string => (value > 0 ? `+${n(value)}` : value < 0 ? `−${n(-value)}` : '0');

const context = JSON.parse(byId('studio-context').textContent ?? '{}') as StudioContext;
let saved = context.saved;
let baseHash = context.definitionHash;
const form = byId<HTMLFormElement>('studio-form');
/** The form's controls, one per setting: number inputs, text areas (criteria texts, guidance) and choices. */
type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const inputs = (): Control[] => [...form.querySelectorAll<Control>('.studio-input')];
const reason = byId<HTMLTextAreaElement>('studio-reason');
const saveStatus = byId('studio-save-status');
let latest: Evaluation | null = null;
let sequence = 0;

async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const data = (await res.json()) as unknown;
    if (!res.ok) throw new Error((data as Array<{ message?: string }>)[0]?.message ?? `The preview answered ${res.status}.`);
    return data as T;
}

function check(): FormCheck {
    return checkForm(
        saved,
        inputs().map((input) => ({ key: input.name, text: input.value }))
    );
}

/** Puts each problem under its field (or in the summary when no field holds it) and marks the fields. */
function showProblems(problems: readonly DefinitionProblem[]): void {
    const summary = byId('studio-problems');
    const unplaced: DefinitionProblem[] = [];
    for (const input of inputs()) {
        const mine = problems.filter((p) => p.key === input.name);
        const box = input.closest('.slds-form-element');
        byId(`${input.id}-error`).textContent = mine.map((p) => `${p.message}.`).join(' ');
        box?.classList.toggle('slds-has-error', mine.length > 0);
        if (mine.length) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
    }
    for (const p of problems) if (!inputs().some((i) => i.name === p.key)) unplaced.push(p);
    if (!problems.length) {
        summary.innerHTML = '';
        return;
    }
    const links = problems
        .map((p) => {
            const input = inputs().find((i) => i.name === p.key);
            const label = input ? (form.querySelector(`label[for="${input.id}"]`)?.textContent ?? p.key) : p.key;
            return `<li>${input ? `<a href="#${esc(input.id)}">${esc(label)}</a>` : esc(label)} ${esc(p.message)}</li>`;
        })
        .join('');
    summary.innerHTML = `<div class="slds-notify slds-notify_alert slds-alert_error"><div><p><strong>${problems.length === 1 ? 'One value needs' : `${problems.length} values need`} attention before the figures can update:</strong></p><ul class="slds-list_dotted">${links}</ul></div></div>`;
    void unplaced;
}

function showDirections(evaluation: Evaluation | null): void {
    for (const input of inputs()) {
        const span = byId(`${input.id}-direction`);
        const change = evaluation?.changes.find((c) => c.key === input.name);
        span.dataset.direction = change?.direction ?? '';
        span.textContent = change
            ? `${change.direction === 'loosens' ? 'Loosens' : change.direction === 'tightens' ? 'Tightens' : 'Neutral'}: ${change.because}`
            : '';
    }
}

const tallyCells = (t: Tally, all: number): string => `<td>${n(t.leads)}</td><td>${pct(t.leads, all)}</td><td>${n(t.won)}</td>`;

function bandTable(caption: string, rows: BandRow[]): string {
    const body = rows
        .map(
            (r) =>
                `<tr><th scope="row">${esc(r.label)}</th><td>${n(r.leads)}</td><td>${pct(r.sql, r.leads)}</td><td>${pct(r.opportunity, r.leads)}</td><td>${pct(r.won, r.leads)}</td><td>${esc(r.marks.join(', '))}</td></tr>`
        )
        .join('');
    return `<table class="slds-table slds-table_bordered slds-table_cell-buffer slds-table_striped"><caption class="slds-text-title_bold slds-text-align_left">${esc(caption)}</caption>
<thead><tr><th scope="col">band</th><th scope="col">MQLs</th><th scope="col">to SQL</th><th scope="col">to Opportunity</th><th scope="col">Closed Won</th><th scope="col">bar starts here</th></tr></thead><tbody>${body}</tbody></table>`;
}

function showFigures(e: Evaluation, elapsedMs: number): void {
    const target = byId('studio-figures');
    const f = e.figures;
    if (!f) {
        target.innerHTML = '<p class="studio-help">The figures wait until every value is valid.</p>';
        return;
    }
    const row = (label: string, pair: [Tally, Tally]) =>
        `<tr><th scope="row">${esc(label)}</th>${tallyCells(pair[0], f.mqls)}${tallyCells(pair[1], f.mqls)}<td data-testid="change-${esc(label.split(' ')[0])}">${signed(pair[1].leads - pair[0].leads)}</td></tr>`;
    const [before, after] = f.cleared.both;
    const sides = f.sides;
    target.innerHTML = `<table class="slds-table slds-table_bordered slds-table_cell-buffer"><caption class="slds-text-title_bold slds-text-align_left">Who clears the bar at the moment they became MQLs (${n(f.mqls)} MQLs, ${n(f.wonAll)} won)</caption>
<thead><tr><th scope="col"></th><th scope="col">saved</th><th scope="col">share</th><th scope="col">won</th><th scope="col">edited</th><th scope="col">share</th><th scope="col">won</th><th scope="col">change</th></tr></thead>
<tbody>${row('fit bar', f.cleared.fit)}${row('intent bar', f.cleared.intent)}${row('both (the SQL bar)', f.cleared.both)}</tbody></table>
<p data-testid="won-kept">Closed Won deals from leads that clear the bar: saved <strong>${n(before.won)}</strong>, edited <strong>${n(after.won)}</strong> of ${n(f.wonAll)}. Won rate of the leads that clear it: ${pct(before.won, before.leads)} → ${pct(after.won, after.leads)}.</p>
<p data-testid="sides">Leads that change side: <strong>${n(sides.gained.leads)}</strong> would clear the bar only after the edit (${n(sides.gained.byOutcome['Closed Won'])} of them won), <strong>${n(sides.lost.leads)}</strong> only before it (${n(sides.lost.byOutcome['Closed Won'])} won, ${n(sides.lost.byOutcome['Rejected'])} rejected by sales).</p>
${
    f.examples.length
        ? `<table class="slds-table slds-table_bordered slds-table_cell-buffer" data-testid="examples"><caption class="slds-text-title_bold slds-text-align_left">Leads that change side (first ones, won first)</caption>
<thead><tr><th scope="col">Lead</th><th scope="col">clears the bar</th><th scope="col">outcome</th><th scope="col">fit saved → edited</th><th scope="col">intent saved → edited</th></tr></thead><tbody>${f.examples
              .map(
                  (x) =>
                      `<tr><th scope="row">${esc(x.id)}</th><td>${x.side === 'gained' ? 'only after the edit' : 'only before it'}</td><td>${esc(x.outcome)}</td><td>${x.fit[0]} → ${x.fit[1]}</td><td>${x.intent[0]} → ${x.intent[1]}</td></tr>`
              )
              .join('')}</tbody></table>`
        : ''
}
${bandTable('Conversion by intent band (edited scoring)', f.intentBands)}
${bandTable('Conversion by fit band (edited scoring)', f.fitBands)}
<p class="preview-note" data-testid="timing">Recomputed on ${n(f.mqls)} MQLs in ${Math.round(e.timings.backtestMs)} ms (backtest) + ${Math.round(e.timings.generatorMs)} ms (generator); round trip ${Math.round(elapsedMs)} ms.</p>`;
}

function showGenerated(e: Evaluation): void {
    const target = byId('studio-generated');
    const g = e.generated;
    if (!g) return;
    if (g.error) {
        target.innerHTML = `<p class="studio-error">${esc(g.error)}</p>`;
        return;
    }
    const sizes = g.sizes
        .filter((s) => s.current !== s.proposed)
        .map(
            (s) =>
                `<tr><th scope="row">${esc(s.name)}</th><td>${n(s.current ?? 0)}</td><td class="${(s.proposed ?? 0) > s.limit ? 'studio-over' : ''}">${n(s.proposed ?? 0)}</td><td>${n(s.limit)}</td></tr>`
        )
        .join('');
    const largest = [...g.sizes].sort((a, b) => (b.proposed ?? 0) - (a.proposed ?? 0))[0];
    target.innerHTML = g.changedFiles.length
        ? `<p data-testid="changed-files-count">${g.changedFiles.length} generated file${g.changedFiles.length === 1 ? '' : 's'} change:</p>
<ul class="slds-list_dotted" data-testid="changed-files">${g.changedFiles.map((p) => `<li><code>${esc(p)}</code></li>`).join('')}</ul>
<table class="slds-table slds-table_bordered slds-table_cell-buffer"><caption class="slds-text-title_bold slds-text-align_left">Formula length in characters (platform limit ${n(largest?.limit ?? 3900)})</caption>
<thead><tr><th scope="col">formula</th><th scope="col">saved</th><th scope="col">edited</th><th scope="col">limit</th></tr></thead><tbody>${sizes || `<tr><td colspan="4">No formula changes length; the longest is ${esc(largest?.name ?? '')} at ${n(largest?.proposed ?? 0)}.</td></tr>`}</tbody></table>
${g.formulaChanges.map((c) => `<details><summary>${esc(c.path)} (+${c.added} −${c.removed})</summary><pre class="studio-diff">${esc(c.diff)}</pre></details>`).join('')}`
        : '<p class="studio-help">No generated file changes.</p>';
}

async function refresh(): Promise<void> {
    const mine = ++sequence;
    const checked = check();
    showProblems(checked.problems);
    if (checked.problems.length) {
        latest = null;
        showDirections(null);
        showFigures({ figures: null } as Evaluation, 0);
        return;
    }
    const section = byId('studio-figures-section');
    section.setAttribute('aria-busy', 'true');
    const started = performance.now();
    try {
        const e = await post<Evaluation>('/preview/studio/evaluate', { edits: checked.edits, generated: true });
        if (mine !== sequence) return;
        latest = e;
        showProblems(e.problems);
        showDirections(e);
        showFigures(e, performance.now() - started);
        showGenerated(e);
    } catch (error) {
        if (mine === sequence)
            byId('studio-figures').innerHTML = `<p class="studio-error" role="alert">${esc((error as Error).message)}</p>`;
    } finally {
        if (mine === sequence) section.setAttribute('aria-busy', 'false');
    }
}

let timer: ReturnType<typeof setTimeout> | undefined;
form.addEventListener('input', (event) => {
    if (!(event.target instanceof HTMLElement) || !event.target.classList.contains('studio-input')) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 150);
});

/** Reads the past leads from `path` (a CSV path, or the sample history) and refreshes the figures. */
function useSource(path: string, what: string): void {
    const status = byId('studio-export-status');
    status.textContent = `Reading ${what}...`;
    post<{ path: string; rows: number; mqls: number }>('/preview/studio/export', { path })
        .then((r) => {
            status.textContent = `Using ${what}: ${n(r.rows)} rows, ${n(r.mqls)} MQLs.`;
            return refresh();
        })
        .catch((error: unknown) => {
            status.textContent = (error as Error).message;
        });
}

byId('studio-use-export').addEventListener('click', () => {
    const path = byId<HTMLInputElement>('studio-export').value;
    const exportChoice = document.getElementById('studio-source-export') as HTMLInputElement | null;
    if (exportChoice) exportChoice.checked = true;
    useSource(path, path);
});

document.getElementById('studio-source-sample')?.addEventListener('change', (event) => {
    const radio = event.target as HTMLInputElement;
    if (radio.checked) useSource(radio.value, 'the sample history');
});

form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = check();
    showProblems(checked.problems);
    const firstInvalid = inputs().find((i) => i.getAttribute('aria-invalid') === 'true');
    if (firstInvalid) {
        saveStatus.textContent = 'Fix the values marked in red first.';
        firstInvalid.focus();
        return;
    }
    if (!checked.edits.length) {
        saveStatus.textContent = 'Nothing changed: edit a value before saving a revision.';
        return;
    }
    if (latest?.loosens && reason.value.trim().length < context.minReasonChars) {
        reason.setAttribute('aria-invalid', 'true');
        reason.closest('.slds-form-element')?.classList.add('slds-has-error');
        saveStatus.textContent = `This revision loosens the definition (more past leads would clear it): write why, in at least ${context.minReasonChars} characters, before saving.`;
        reason.focus();
        return;
    }
    reason.removeAttribute('aria-invalid');
    reason.closest('.slds-form-element')?.classList.remove('slds-has-error');
    saveStatus.textContent = 'Saving: writing the definition and running the generator...';
    post<SaveResult>('/preview/studio/save', { edits: checked.edits, reason: reason.value, baseHash })
        .then((result) => {
            saved = result.definition;
            baseHash = result.hash;
            for (const input of inputs()) input.dataset.saved = input.value;
            byId('studio-figures').dataset.version = saved.version;
            const version = document.querySelector('[data-testid="saved-version"]');
            if (version) version.textContent = saved.version;
            reason.value = '';
            saveStatus.innerHTML = `<div class="slds-box slds-theme_success slds-m-top_x-small" data-testid="saved"><p><strong>Saved as v${esc(result.entry.version)}.</strong> The definition module and the generated metadata were written; the reason and the backtest summary were added to data/definition-revisions.json.</p></div>
<p class="slds-m-top_x-small">Check and deploy it, in this order (the dry run first; <code>&lt;alias&gt;</code> is your org's alias):</p>
${result.notes.map((note) => `<p class="slds-text-color_error studio-note" data-testid="revision-note">${esc(note)}</p>`).join('')}
<ol class="slds-list_ordered" data-testid="commands">${result.commands.map((c) => `<li><code>${esc(c)}</code></li>`).join('')}</ol>
<details><summary>Generator output</summary><pre class="studio-diff">${esc(result.generatorOutput)}</pre></details>`;
            return refresh();
        })
        .catch((error: unknown) => {
            saveStatus.innerHTML = `<p class="studio-error" data-testid="save-error">${esc((error as Error).message)}</p>`;
        });
});

void refresh();
