/**
 * Shared steps of the browser journeys: who the user is, which showcase lead, and waiting for the real
 * components to render. Lead and user ids come from the sample data (scripts/admin/sample-data/load.ts), by key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

const ROOT = join(__dirname, '..');

export type Role = 'SDR' | 'Manager' | 'Admin' | 'Integration';

interface SampleUser {
    id: string;
    name: string;
    role: Role;
}

let users: SampleUser[] | null = null;
let showcase: Array<{ key: string; id: string; title: string }> | null = null;

/** The sample users and showcase leads, as the running preview seeded them from data/. */
export async function loadSample(request: APIRequestContext): Promise<void> {
    users ??= (await (await request.get('/preview/users')).json()) as SampleUser[];
    showcase ??= (await (await request.get('/preview/showcase')).json()) as Array<{ key: string; id: string; title: string }>;
}

export function user(role: Role, nth = 0): SampleUser {
    const found = users?.filter((u) => u.role === role)[nth];
    if (!found) throw new Error(`no ${role} #${nth} in data/users.json (call loadSample first)`);
    return found;
}

/** The preview Id of a showcase lead, by its key in data/preview-extras.json (e.g. `bant-mql-partial`). */
export function leadId(key: string): string {
    const entry = showcase?.find((s) => s.key === key);
    if (!entry) throw new Error(`no showcase lead ${key} (call loadSample first)`);
    return entry.id;
}

/** Restores the sample data, so every journey starts from the same org. */
export async function resetData(request: APIRequestContext): Promise<void> {
    const response = await request.post('/preview/reset');
    expect(response.status()).toBe(200);
    await loadSample(request);
}

/** Signs the browser context in as a preview user (the user switcher's cookie). */
export async function signInAs(context: BrowserContext, baseURL: string, role: Role, nth = 0): Promise<void> {
    await context.addCookies([{ name: 'leadgate_user', value: user(role, nth).id, url: baseURL }]);
}

export interface RecordPage {
    page: Page;
    panel: Locator;
    scoreCard: Locator;
    details: Locator;
    criterion(key: string): Locator;
    evidence(label: string): Locator;
    blockers: Locator;
    button(name: string): Locator;
    setStatus(criterionLabel: string, value: string): Promise<void>;
}

/** Opens a lead's record page and waits until the qualification panel shows the record. */
export async function openLead(page: Page, key: string): Promise<RecordPage> {
    await page.goto(`/lead/${leadId(key)}`);
    const panel = page.locator('c-qualification-panel');
    await expect(panel.locator('[data-id="stage"]')).toBeVisible();
    const recordPage: RecordPage = {
        page,
        panel,
        scoreCard: page.locator('c-lead-score-card'),
        details: page.locator('shell-record-details'),
        criterion: (key) => panel.locator(`fieldset[data-criterion="${key}"]`),
        evidence: (label) => panel.getByLabel(label, { exact: true }),
        blockers: panel.locator('[data-id="blockers"]'),
        button: (name) => panel.getByRole('button', { name, exact: true }),
        async setStatus(criterionLabel, value) {
            await panel.getByRole('combobox', { name: criterionLabel, exact: true }).click();
            await panel.getByRole('option', { name: value, exact: true }).click();
        }
    };
    return recordPage;
}

/** The value the details panel shows for a field (the preview's standard record details). */
export function detailValue(page: Page, field: string): Locator {
    return page.locator(`shell-record-details [data-field="${field}"]`);
}

/** A validation rule's own error message, read from its XML in force-app (the words the platform shows). */
export function ruleMessage(rule: string): string {
    const file = join(ROOT, 'force-app', 'main', 'default', 'objects', 'Lead', 'validationRules', `${rule}.validationRule-meta.xml`);
    const parsed = new XMLParser({ parseTagValue: false, trimValues: true }).parse(readFileSync(file, 'utf8'));
    const message = parsed?.ValidationRule?.errorMessage;
    if (typeof message !== 'string') throw new Error(`${file} has no errorMessage`);
    return message;
}

/** Saves through the emulated UI API as the browser context's user (what an integration or data load does). */
export async function patchLead(request: APIRequestContext, id: string, fields: Record<string, unknown>) {
    const response = await request.patch(`/ui-api/records/${id}`, { data: { fields } });
    return {
        status: response.status(),
        body: (await response.json()) as {
            output?: { errors: Array<{ message: string }>; fieldErrors: Record<string, Array<{ message: string }>> };
        }
    };
}

/**
 * Two SDRs, each in their own browser context, with the same lead open: for journeys about concurrent edits.
 * `close()` ends both contexts.
 */
export async function twoRepsOnLead(
    browser: Browser,
    baseURL: string,
    key: string
): Promise<{ a: RecordPage; b: RecordPage; close: () => Promise<void> }> {
    const first = await browser.newContext();
    const second = await browser.newContext();
    await signInAs(first, baseURL, 'SDR', 0);
    await signInAs(second, baseURL, 'SDR', 1);
    const a = await openLead(await first.newPage(), key);
    const b = await openLead(await second.newPage(), key);
    return { a, b, close: async () => void (await Promise.all([first.close(), second.close()])) };
}
