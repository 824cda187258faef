/**
 * The Definition page's HTML (server-rendered; preview/studio/studioClient.ts makes it live): one form field per
 * setting the studio edits, grouped, each with its label, what the value means, a place for the validation
 * message and for whether the change loosens or tightens the definition; the backtest figures, the generated
 * metadata diff, the reason and the save button. SLDS classes like the other preview pages.
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { escapeHtml } from '../server/pages.ts';
import { editableSettings, type Setting, type SettingGroup } from '../../scripts/admin/studio/settings.ts';
import { MIN_REASON_CHARS, type RevisionEntry } from '../../scripts/admin/studio/revision.ts';
import { SAMPLE_HISTORY } from '../server/sampleHistory.ts';
import { DEFAULT_EXPORT } from '../server/studio.ts';

export const GROUP_TITLES: Record<SettingGroup, { title: string; help: string }> = {
    bar: { title: 'The SQL bar', help: 'Both scores must reach their minimum for a lead to be Sales Qualified.' },
    fit: { title: 'Fit rules: points', help: 'Who the lead is. Each rule adds (or takes off) its points when it holds.' },
    intent: { title: 'Intent signals: points and half-life', help: 'What the lead did, counting less as it ages.' },
    evidence: { title: 'Evidence', help: 'How much a rep must write to confirm a qualification criterion.' },
    sla: { title: 'Speed to lead', help: 'How fast sales must act on a new MQL.' },
    bands: { title: 'Benchmark bands', help: 'The healthy range of each funnel rate on the coaching dashboard.' },
    criteria: {
        title: 'Criteria: questions and examples',
        help: 'What the rep is asked for each criterion, and an example of good evidence.'
    },
    rejection: { title: 'Rejection reasons', help: 'Where a lead rejected for each reason goes, and the guidance the rep sees.' },
    segments: {
        title: 'Segments: names and size bands',
        help: 'The cuts the funnel review reads the chain by. Which values each group lists is edited in the definition module.'
    }
};

/** The id of a setting's input (keys hold dots and brackets). */
export const inputId = (key: string): string => `s-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** The form control of a setting: a number input, a text area, or a list of its options. */
function control(setting: Setting, id: string): string {
    const common = `id="${id}" name="${escapeHtml(setting.key)}" data-kind="${setting.kind}" data-saved="${escapeHtml(setting.value)}" aria-describedby="${id}-help ${id}-error ${id}-direction"`;
    if (setting.kind === 'text')
        return `<textarea class="slds-textarea studio-input studio-text" rows="2" ${common}>${escapeHtml(setting.value)}</textarea>`;
    if (setting.kind === 'choice')
        return `<select class="slds-select studio-input" ${common}>${(setting.options ?? [])
            .map((o) => `<option value="${escapeHtml(o)}"${o === setting.value ? ' selected' : ''}>${escapeHtml(o)}</option>`)
            .join('')}</select>`;
    return `<input class="slds-input studio-input" type="number" value="${escapeHtml(setting.value)}" step="${setting.step}" inputmode="decimal" ${common}>`;
}

function field(setting: Setting): string {
    const id = inputId(setting.key);
    return `<div class="slds-form-element slds-m-bottom_x-small studio-field" data-key="${escapeHtml(setting.key)}">
<label class="slds-form-element__label" for="${id}">${escapeHtml(setting.label)}</label>
<div class="slds-form-element__control studio-control">
${control(setting, id)}
<span class="studio-direction" id="${id}-direction" data-testid="direction"></span>
</div>
<div class="slds-form-element__help studio-help" id="${id}-help">${escapeHtml(setting.help)}</div>
<div class="slds-form-element__help studio-error" id="${id}-error" data-testid="error"></div>
</div>`;
}

const STUDIO_CSS = `
.studio-grid { display: grid; grid-template-columns: minmax(22rem, 1fr) minmax(26rem, 1.3fr); gap: .75rem; align-items: start; }
.studio-control { display: flex; gap: .5rem; align-items: center; }
.studio-control .slds-input { max-width: 9rem; }
.studio-control .studio-text { flex: 1; }
.studio-help { color: #3e3e3c; }
.studio-error { color: #ba0517; font-weight: 700; }
.studio-error:empty { display: none; }
.studio-note { white-space: pre-wrap; }
.studio-direction { font-size: .75rem; }
.studio-direction[data-direction="loosens"] { color: #8c4b02; font-weight: 700; }
.studio-direction[data-direction="tightens"] { color: #2e844a; font-weight: 700; }
.studio-figures table { margin-bottom: .75rem; }
.studio-diff { white-space: pre-wrap; font-family: monospace; font-size: .75rem; background: #f3f3f3; padding: .5rem; max-height: 20rem; overflow: auto; }
.studio-over { color: #ba0517; font-weight: 700; }
fieldset.studio-group { margin-bottom: .75rem; }
`;

export interface StudioPageInput {
    saved: SqlDefinition;
    exportPath: string;
    revisions: RevisionEntry[];
    /** definitionHash of the module the page shows (the save's concurrency guard). */
    definitionHash: string;
    /** Leads in the preview's sample history (null: no sample history to offer). */
    sampleHistoryLeads: number | null;
}

/** The choice of the preview's sample history (when the server has one) over a CSV path. */
function sourceChoice(input: StudioPageInput): string {
    if (input.sampleHistoryLeads === null) return '';
    const sample = input.exportPath === SAMPLE_HISTORY;
    return `<fieldset class="slds-form-element slds-m-bottom_x-small"><legend class="slds-form-element__legend slds-form-element__label">Read the past leads from</legend>
<div class="slds-form-element__control">
<span class="slds-radio"><input type="radio" id="studio-source-sample" name="studio-source" value="${SAMPLE_HISTORY}"${sample ? ' checked' : ''}><label class="slds-radio__label" for="studio-source-sample"><span class="slds-radio_faux"></span><span class="slds-form-element__label">Sample history (${input.sampleHistoryLeads.toLocaleString('en-US')} leads)</span></label></span>
<span class="slds-radio"><input type="radio" id="studio-source-export" name="studio-source" value="export"${sample ? '' : ' checked'}><label class="slds-radio__label" for="studio-source-export"><span class="slds-radio_faux"></span><span class="slds-form-element__label">A lead export (CSV), below</span></label></span>
</div></fieldset>`;
}

/** The page body (inside the preview shell). */
export function studioPageBody(input: StudioPageInput): string {
    const settings = editableSettings(input.saved);
    const groups = (Object.keys(GROUP_TITLES) as SettingGroup[])
        .map((group) => {
            const inGroup = settings.filter((s) => s.group === group);
            return `<fieldset class="slds-box slds-theme_default studio-group" aria-describedby="g-${group}-help">
<legend class="slds-text-heading_small">${escapeHtml(GROUP_TITLES[group].title)}</legend>
<p class="studio-help slds-m-bottom_x-small" id="g-${group}-help">${escapeHtml(GROUP_TITLES[group].help)}</p>
${inGroup.map(field).join('\n')}
</fieldset>`;
        })
        .join('\n');
    const last = input.revisions[input.revisions.length - 1];
    const context = JSON.stringify({
        saved: input.saved,
        exportPath: input.exportPath,
        minReasonChars: MIN_REASON_CHARS,
        definitionHash: input.definitionHash
    })
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026');
    return `<style>${STUDIO_CSS}</style>
<div class="slds-page-header slds-m-bottom_small"><h1 class="slds-page-header__title">SQL definition v<span data-testid="saved-version">${escapeHtml(input.saved.version)}</span></h1>
<p class="studio-help">Change a value to see, before saving, how it would have sorted your past MQLs and which generated metadata it rewrites.${last ? ` Last revision: v${escapeHtml(last.version)}, ${escapeHtml(last.at.slice(0, 10))}${last.savedBy ? ` by ${escapeHtml(last.savedBy)}` : ''}.` : ''}</p></div>
<div id="studio-problems" role="alert" class="slds-m-bottom_small" data-testid="problems"></div>
<form id="studio-form" novalidate>
<div class="studio-grid">
<div>${groups}</div>
<div>
<section class="slds-box slds-theme_default slds-m-bottom_small" aria-labelledby="export-title">
<h2 class="slds-text-heading_small" id="export-title">Past leads</h2>
${sourceChoice(input)}
<div class="slds-form-element">
<label class="slds-form-element__label" for="studio-export">Lead export (CSV path on this machine)</label>
<div class="slds-form-element__help studio-help" id="studio-export-help">The backtest's export (docs/BACKTEST.md, section 1), for example the synthetic export of 30,000 MQLs, ${escapeHtml(DEFAULT_EXPORT)}.</div>
<div class="studio-control"><input class="slds-input" id="studio-export" type="text" value="${escapeHtml(input.exportPath === SAMPLE_HISTORY ? DEFAULT_EXPORT : input.exportPath)}" aria-describedby="studio-export-help studio-export-status" style="max-width:none">
<button type="button" class="slds-button slds-button_neutral" id="studio-use-export">Use this export</button></div>
<div class="slds-form-element__help" id="studio-export-status" aria-live="polite" data-testid="export-status">${input.exportPath === SAMPLE_HISTORY ? 'Using the sample history.' : `Using ${escapeHtml(input.exportPath)}.`}</div>
</div>
</section>
<section class="slds-box slds-theme_default slds-m-bottom_small studio-figures" aria-labelledby="figures-title" aria-live="polite" aria-busy="false" id="studio-figures-section">
<h2 class="slds-text-heading_small" id="figures-title">What it would have done to your past MQLs</h2>
<div id="studio-figures" data-testid="figures"><p class="studio-help">Loading the export...</p></div>
</section>
<section class="slds-box slds-theme_default slds-m-bottom_small" aria-labelledby="generated-title">
<h2 class="slds-text-heading_small" id="generated-title">Generated metadata it rewrites</h2>
<div id="studio-generated" data-testid="generated" aria-live="polite"><p class="studio-help">No change yet.</p></div>
</section>
<section class="slds-box slds-theme_default" aria-labelledby="save-title">
<h2 class="slds-text-heading_small" id="save-title">Save as a revision</h2>
<div class="slds-form-element slds-m-bottom_x-small">
<label class="slds-form-element__label" for="studio-reason">Why this revision</label>
<div class="slds-form-element__help studio-help" id="studio-reason-help">Kept with the revision in data/definition-revisions.json. Required (at least ${MIN_REASON_CHARS} characters) when the revision loosens the definition.</div>
<textarea class="slds-textarea" id="studio-reason" rows="3" aria-describedby="studio-reason-help studio-save-status"></textarea>
</div>
<button type="submit" class="slds-button slds-button_brand" id="studio-save">Save revision</button>
<div id="studio-save-status" role="status" class="slds-m-top_x-small" data-testid="save-status"></div>
</section>
</div>
</div>
</form>
<script type="application/json" id="studio-context">${context}</script>
<script type="importmap">{"imports":{"c/definitionCheck":"/studio/src/force-app/main/default/lwc/definitionCheck/definitionCheck.ts"}}</script>
<script type="module" src="/studio/src/preview/studio/studioClient.ts"></script>`;
}

/** What a user without the admin permission set gets (the platform answers such a request with an access error). */
export function studioNoAccessBody(userName: string): string {
    return `<div class="slds-box slds-theme_shade" role="alert" data-testid="studio-no-access"><h1 class="slds-text-heading_small">Insufficient privileges</h1>
<p>${escapeHtml(userName)}'s permission sets do not include LeadGate_Admin, so the SQL definition cannot be viewed or changed. Ask an admin, or switch to the admin user in this preview.</p></div>`;
}
