/**
 * The preview's HTML pages: the page shell (SLDS, the user switcher, a toast region), the Lead list
 * (rendered on the server from the emulated API, with the current user's field access), and the frames
 * of the record page and the dashboard, into which the browser bundle mounts the real components.
 * Every value is HTML-escaped; the page context travels as JSON in a non-executable script element.
 */
import type { PreviewUser, UserAccess } from './permissions.ts';
import type { RecordPagePlan } from './flexipage.ts';
import type { Showcase, Values } from './seed.ts';
import type { BellItem } from './alerts.ts';

export const escapeHtml = (value: unknown): string =>
    String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON safe inside a <script> element (no `</script>`, no HTML comment openers). */
const scriptJson = (value: unknown): string =>
    JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const SHELL_CSS = `
body { background: #b0c4df; min-height: 100vh; }
.preview-header { background: #fff; border-bottom: 1px solid #dddbda; padding: .5rem 1rem; display: flex; align-items: center; gap: 1.5rem; flex-wrap: wrap; }
.preview-header .preview-app { font-weight: 700; font-size: 1rem; }
.preview-header nav a { margin-right: 1rem; }
.preview-header nav a[aria-current="page"] { font-weight: 700; text-decoration: underline; }
.preview-user { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
.preview-user .preview-note { flex-basis: 100%; }
/* The highlights' fields wrap on a phone instead of widening the page. */
shell-record-highlights .slds-page-header__detail-row { flex-wrap: wrap; row-gap: .5rem; }
.preview-page { padding: .75rem; }
.preview-bell { position: relative; }
.preview-bell > ul { position: absolute; z-index: 9100; background: #fff; border: 1px solid #dddbda; padding: .5rem 1rem; width: 26rem; max-height: 24rem; overflow: auto; }
.preview-component { margin-bottom: .75rem; }
.preview-region > .preview-component > * { display: block; }
#toasts { position: fixed; top: 3.5rem; left: 0; right: 0; z-index: 9000; display: flex; flex-direction: column; align-items: center; pointer-events: none; }
#toasts .slds-notify_toast { pointer-events: auto; min-width: 30rem; }
.preview-note { color: #3e3e3c; font-size: .75rem; }
/* A lead's name above its scenario note: underlined, so the link does not rely on colour alone. */
.preview-lead-link { text-decoration: underline; }
.preview-view-as { display: inline-block; margin: .125rem .25rem .125rem 0; }
.preview-start-item { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; justify-content: space-between; }
`;

export interface ShellContext {
    title: string;
    user: PreviewUser;
    access: UserAccess;
    users: PreviewUser[];
    /** Path of the current page (the switcher comes back to it). */
    path: string;
    nav: 'leads' | 'lead' | 'dashboard' | 'definition' | 'home';
    dashboardAvailable: boolean;
    /** Whether the nav offers the Definition page (admins). */
    definitionAvailable?: boolean;
    /** The bundle's entry (absent on pages without components). */
    entry?: string;
    context?: unknown;
    /** Custom notifications the org would have sent this user (newest first). */
    bell?: BellItem[];
}

/** The notification bell: what the generated alert flows sent to this user, as the org's bell would list it. */
export function bellHtml(items: BellItem[]): string {
    const list = items.length
        ? items
              .map(
                  (n) =>
                      `<li class="slds-p-vertical_x-small" data-testid="bell-item"><a href="/lead/${escapeHtml(n.targetId)}"><strong>${escapeHtml(n.title)}</strong></a><br><span>${escapeHtml(n.body)}</span><br><span class="preview-note">${n.ageMinutes === 0 ? 'just now' : `${n.ageMinutes} min ago`}</span></li>`
              )
              .join('')
        : '<li class="preview-note">No notifications yet.</li>';
    return `<details class="preview-bell" data-testid="bell"><summary aria-label="Notifications: ${items.length}">&#128276; <span data-testid="bell-count">${items.length}</span></summary><ul>${list}</ul></details>`;
}

export function shell(ctx: ShellContext, body: string): string {
    const options = ctx.users
        .map(
            (u) =>
                `<option value="${escapeHtml(u.id)}"${u.id === ctx.user.id ? ' selected' : ''}>${escapeHtml(u.name)} (${escapeHtml(u.role)})</option>`
        )
        .join('');
    const bypass = ctx.access.customPermissions.has('LeadGate_Bypass_Validation');
    const lead = ctx.access.object('Lead');
    const leadAccess = lead.edit ? 'read and edit' : lead.read ? 'read only' : 'no access';
    const language = (ctx.context as { language?: unknown } | undefined)?.language;
    const htmlLang = typeof language === 'string' ? (language.split('_')[0] ?? 'en') : 'en';
    return `<!doctype html>
<html lang="${escapeHtml(htmlLang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(ctx.title)} | LeadGate preview</title>
<link rel="stylesheet" href="/assets/slds/styles/salesforce-lightning-design-system.min.css">
<style>${SHELL_CSS}</style>
${ctx.context !== undefined ? `<script type="application/json" id="leadgate-context">${scriptJson(ctx.context)}</script>` : ''}
${ctx.entry ? `<script type="module" src="/dist/${escapeHtml(ctx.entry)}"></script>` : ''}
</head>
<body>
<header class="preview-header">
<span class="preview-app">LeadGate <span class="preview-note">local preview, no org</span></span>
<nav aria-label="Preview pages">
<a href="/"${ctx.nav === 'leads' ? ' aria-current="page"' : ''}>Leads</a>
<a href="/home"${ctx.nav === 'home' ? ' aria-current="page"' : ''}>Home</a>
${ctx.dashboardAvailable ? `<a href="/dashboard"${ctx.nav === 'dashboard' ? ' aria-current="page"' : ''}>Coaching Dashboard</a>` : ''}
${ctx.definitionAvailable ? `<a href="/definition"${ctx.nav === 'definition' ? ' aria-current="page"' : ''}>SQL Definition</a>` : ''}
</nav>
${bellHtml(ctx.bell ?? [])}
<form class="preview-user" method="post" action="/preview/user">
<label class="slds-form-element__label" for="preview-user">Viewing as</label>
<select class="slds-select" id="preview-user" name="userId" style="width:auto">${options}</select>
<input type="hidden" name="returnTo" value="${escapeHtml(ctx.path)}">
<button class="slds-button slds-button_neutral" type="submit">Switch user</button>
<span class="preview-note" data-testid="user-access">Permission sets: ${escapeHtml(ctx.user.permissionSets.join(', ') || 'none')} · Leads: ${leadAccess} · Validation bypass: ${bypass ? 'yes' : 'no'}</span>
</form>
</header>
<div id="toasts" role="region" aria-label="Notifications" aria-live="polite"></div>
<main class="preview-page">
${body}
</main>
</body>
</html>`;
}

export interface LeadRow {
    values: Values;
    owner: string | null;
    showcase: Showcase | null;
}

/** The columns of the Lead list and whether the user may read each. */
const LIST_COLUMNS: Array<{ field: string; label: string; custom: boolean }> = [
    { field: 'Name', label: 'Name', custom: false },
    { field: 'Company', label: 'Company', custom: false },
    { field: 'Status', label: 'Lead Status', custom: false },
    { field: 'OwnerId', label: 'Owner', custom: false },
    { field: 'Qualification_Framework__c', label: 'Framework', custom: true },
    { field: 'Fit_Score__c', label: 'Fit', custom: true },
    { field: 'Intent_Score__c', label: 'Intent', custom: true },
    { field: 'Meets_SQL_Bar__c', label: 'Meets SQL Bar', custom: true }
];

/** A one-click "view as" button: the user switcher's form with a fixed user and a page to land on. */
export function viewAsButton(user: PreviewUser, returnTo: string, label = `View as ${user.name}`): string {
    return `<form method="post" action="/preview/user" class="preview-view-as">
<input type="hidden" name="userId" value="${escapeHtml(user.id)}"><input type="hidden" name="returnTo" value="${escapeHtml(returnTo)}">
<button class="slds-button slds-button_neutral" type="submit">${escapeHtml(label)}</button></form>`;
}

/**
 * The first thing a newcomer reads: which sample user to view as for each part of LeadGate, with one click to switch.
 * Roles come from data/users.json; the first user of a role stands for it.
 */
export function startHere(users: PreviewUser[], current: PreviewUser): string {
    const first = (role: string): PreviewUser | undefined => users.find((u) => u.role === role);
    const parts: Array<{ role: string; what: string; where: string }> = [
        {
            role: 'SDR',
            what: 'Qualify a lead on its record page (BANT or MEDDIC, the score, what blocks Sales Qualified, reject)',
            where: '/'
        },
        { role: 'Manager', what: 'Run the funnel review and coach from the Coaching Dashboard', where: '/dashboard' },
        {
            role: 'Integration',
            what: 'Send intent signals from a record page (the integration user holds the validation bypass)',
            where: '/'
        },
        { role: 'Admin', what: 'See every field and setting as the LeadGate admin', where: '/' }
    ];
    const items = parts
        .map(({ role, what, where }) => {
            const user = first(role);
            if (!user) return '';
            const action =
                user.id === current.id
                    ? `<span class="preview-note">You are viewing as ${escapeHtml(user.name)}.</span>`
                    : viewAsButton(user, where);
            return `<li class="slds-item preview-start-item"><span><strong>${escapeHtml(role)}</strong>: ${escapeHtml(what)}.</span> ${action}</li>`;
        })
        .join('\n');
    return `<section class="slds-box slds-theme_default slds-m-bottom_small" aria-labelledby="start-here" data-testid="start-here">
<h2 class="slds-text-heading_small" id="start-here">Start here: who to view as</h2>
<p class="preview-note">Each sample user has the permission sets a real user of that role gets in the org, so each sees what they would see there.</p>
<ul class="slds-has-dividers_bottom-space">${items}</ul>
</section>`;
}

/**
 * The dashboard for a user whose permission sets do not grant its Apex class: the component shows the platform's own
 * error; above it, a preview-only note names the sample users who do have access.
 */
export function dashboardAccessNote(current: PreviewUser, withAccess: PreviewUser[]): string {
    const buttons = withAccess.map((u) => viewAsButton(u, '/dashboard', `View as ${u.name} (${u.role})`)).join(' ');
    return `<div class="slds-box slds-theme_shade slds-m-bottom_small" data-testid="dashboard-access-note">
<p><strong>Preview note:</strong> ${escapeHtml(current.name)}'s permission sets (${escapeHtml(current.permissionSets.join(', ') || 'none')}) do not include the dashboard, so Salesforce shows the error below.${withAccess.length ? ' In this preview these users have access:' : ''}</p>
${buttons}
</div>`;
}

/**
 * The dashboard for a user who has it without LeadGate_View_Team_Funnels (an SDR): a preview-only note says the
 * figures are the user's own leads, and names the sample users who see every rep.
 */
export function dashboardOwnLeadsNote(current: PreviewUser, seeEveryone: PreviewUser[]): string {
    const buttons = seeEveryone.map((u) => viewAsButton(u, '/dashboard', `View as ${u.name} (${u.role})`)).join(' ');
    return `<div class="slds-box slds-theme_shade slds-m-bottom_small" data-testid="dashboard-access-note">
<p><strong>Preview note:</strong> ${escapeHtml(current.name)}'s permission sets (${escapeHtml(current.permissionSets.join(', ') || 'none')}) include the dashboard but not the team view, so it counts only the leads ${escapeHtml(current.name)} owns.${seeEveryone.length ? ' These users see every rep:' : ''}</p>
${buttons}
</div>`;
}

/** The Lead list's table: the columns the user may read, one row per lead. */
function leadTable(access: UserAccess, rows: LeadRow[], label: string): string {
    const columns = LIST_COLUMNS.filter((c) => access.canRead('Lead', c.field, c.custom));
    const cell = (row: LeadRow, field: string): string => {
        const v = row.values[field];
        if (field === 'Name') {
            const scenario = row.showcase ? `<div class="preview-note">${escapeHtml(row.showcase.title)}</div>` : '';
            return `<th scope="row"><a class="preview-lead-link" href="/lead/${encodeURIComponent(String(row.values.Id))}">${escapeHtml(v)}</a>${scenario}</th>`;
        }
        if (field === 'OwnerId') return `<td>${escapeHtml(row.owner ?? v ?? '')}</td>`;
        if (typeof v === 'boolean') return `<td>${v ? 'Yes' : 'No'}</td>`;
        return `<td>${escapeHtml(v ?? '')}</td>`;
    };
    const head = columns.map((c) => `<th scope="col"><div class="slds-truncate">${escapeHtml(c.label)}</div></th>`).join('');
    const body = rows.map((row) => `<tr>${columns.map((c) => cell(row, c.field)).join('')}</tr>`).join('\n');
    return `<table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-label="${escapeHtml(label)}">
<thead><tr class="slds-line-height_reset">${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

const noLeadAccess = (access: UserAccess): string =>
    `<div class="slds-box slds-theme_shade" role="alert">${escapeHtml(access.user.name)} has no access to Leads: none of their permission sets grants Read on Lead.</div>`;

export function leadListPage(
    access: UserAccess,
    rows: LeadRow[],
    paging: { page: number; pages: number; total: number; query: string },
    notes: { showcaseCount: number }
): string {
    if (!access.object('Lead').read) return noLeadAccess(access);
    const q = paging.query ? `&q=${encodeURIComponent(paging.query)}` : '';
    const prev = paging.page > 1 ? `<a class="slds-button slds-button_neutral" href="/?page=${paging.page - 1}${q}">Previous</a>` : '';
    const next =
        paging.page < paging.pages ? `<a class="slds-button slds-button_neutral" href="/?page=${paging.page + 1}${q}">Next</a>` : '';
    return `<article class="slds-card">
<div class="slds-card__header slds-grid">
<header class="slds-media slds-media_center slds-has-flexi-truncate">
<div class="slds-media__body"><h1 class="slds-card__header-title">Leads</h1>
<p class="preview-note">${paging.total} leads${notes.showcaseCount ? `; the first ${notes.showcaseCount} are the showcase scenarios` : ''}.</p></div>
</header>
<form method="get" action="/" role="search" class="slds-grid slds-grid_vertical-align-center">
<label class="slds-assistive-text" for="lead-search">Search leads</label>
<input class="slds-input" id="lead-search" name="q" type="search" placeholder="Name or company" value="${escapeHtml(paging.query)}">
<button class="slds-button slds-button_neutral slds-m-left_x-small" type="submit">Search</button>
</form>
</div>
<div class="slds-card__body">
${leadTable(access, rows, 'Leads')}
</div>
<footer class="slds-card__footer">Page ${paging.page} of ${paging.pages} ${prev} ${next}</footer>
</article>`;
}

/** The record page's frame: one element per FlexiPage region, laid out as Lightning Experience lays out its template. */
export function recordPageFrame(plan: RecordPagePlan): string {
    const names = plan.regions.filter((r) => r.components.length > 0).map((r) => r.name);
    const width = (name: string): string => {
        if (names.includes('main') && names.includes('sidebar')) {
            if (name === 'main') return 'slds-size_1-of-1 slds-large-size_8-of-12';
            if (name === 'sidebar') return 'slds-size_1-of-1 slds-large-size_4-of-12';
        }
        return 'slds-size_1-of-1';
    };
    // A region with nothing to show on this form factor is left out: an empty labelled element is noise to a screen reader.
    const regions = plan.regions
        .filter((r) => r.components.length > 0)
        .map(
            (r) =>
                `<div class="slds-col ${width(r.name)} preview-region" data-region="${escapeHtml(r.name)}" role="region" aria-label="${escapeHtml(r.name)} region"></div>`
        )
        .join('\n');
    const source = plan.source
        ? `Layout from ${escapeHtml(plan.source)}.`
        : 'No Lead record page FlexiPage in force-app yet: a Lightning Experience-like default layout.';
    const skipped = plan.notShown.length ? ` Not shown in the preview: ${escapeHtml(plan.notShown.join(', '))}.` : '';
    return `<div class="slds-grid slds-wrap slds-gutters_x-small">
${regions}
</div>
<p class="preview-note slds-m-top_small">${source}${skipped}</p>`;
}

export function appPageFrame(available: boolean): string {
    return available
        ? '<div class="slds-grid slds-wrap"><div class="slds-col slds-size_1-of-1 preview-region" data-region="main" aria-label="main region"></div></div>'
        : '<div class="slds-box slds-theme_shade">The coaching dashboard component (c/coachingDashboard) is not in force-app yet.</div>';
}

export function messagePage(message: string): string {
    return `<div class="slds-box slds-theme_shade" role="alert">${escapeHtml(message)}</div>`;
}

/** The page for a browser whose user cookie names nobody the preview has: says so, and offers every sample user. */
export function unknownUserPage(message: string, users: PreviewUser[], returnTo: string): string {
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Choose a preview user | LeadGate preview</title>
<link rel="stylesheet" href="/assets/slds/styles/salesforce-lightning-design-system.min.css">
<style>${SHELL_CSS}</style>
</head>
<body>
<main class="preview-page">
${messagePage(message)}
<div class="slds-box slds-theme_default slds-m-top_small">${users.map((u) => viewAsButton(u, returnTo)).join('')}</div>
</main>
</body>
</html>`;
}

/** The standard Convert action on a Sales Qualified lead (the preview emulates the org's conversion). */
export function convertForm(leadId: string): string {
    return `<form method="post" action="/preview/convert/${escapeHtml(encodeURIComponent(leadId))}" class="slds-m-bottom_small" data-testid="convert-form">
<button type="submit" class="slds-button slds-button_brand">Convert</button>
<span class="preview-note slds-m-left_x-small">Creates the Account, Contact and Opportunity as the org's conversion does, then runs LeadGate's conversion handlers.</span>
</form>`;
}

/** The Opportunity page's header and its contact roles (standard panels the preview draws itself). */
export function opportunityHeader(
    opportunity: Record<string, unknown>,
    accountName: unknown,
    roles: Array<{ name: string; title: string | null; email: string | null; role: string | null; primary: boolean }>
): string {
    const rows = roles
        .map(
            (r) =>
                `<tr data-contact-role="${escapeHtml(r.name)}"><th scope="row">${escapeHtml(r.name)}</th><td>${escapeHtml(r.role ?? (r.primary ? 'Primary (the converted lead)' : ''))}</td><td>${escapeHtml(r.title ?? '')}</td><td>${escapeHtml(r.email ?? '')}</td></tr>`
        )
        .join('\n');
    return `<header class="slds-page-header slds-m-bottom_small" data-testid="opportunity-header">
<h1 class="slds-page-header__title">${escapeHtml(opportunity.Name)}</h1>
<p>Account: ${escapeHtml(accountName ?? '')} · Stage: ${escapeHtml(opportunity.StageName ?? '')}</p>
</header>
<section class="slds-card slds-card_boundary slds-m-bottom_small" aria-labelledby="contact-roles-title">
<div class="slds-card__header"><h2 class="slds-card__header-title slds-text-heading_small" id="contact-roles-title">Contact Roles (${roles.length})</h2></div>
<div class="slds-card__body slds-card__body_inner">
<table class="slds-table slds-table_bordered" data-testid="contact-roles"><caption class="slds-assistive-text">Contact roles of this opportunity</caption>
<thead><tr><th scope="col">Contact</th><th scope="col">Role</th><th scope="col">Title</th><th scope="col">Email</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</div></section>`;
}
