/**
 * Who may do what, from the project's permission sets: the integration user's validation bypass, the
 * manager's read-only view, the user switcher, and the dashboard for the people it is for.
 */
import { expect, test } from '@playwright/test';
import { leadId, openLead, patchLead, resetData, ruleMessage, signInAs, user } from './support.ts';

test.beforeEach(async ({ request }) => {
    await resetData(request);
});

test('the integration user bypasses the rules that stop an SDR', async ({ browser, baseURL }) => {
    const sdr = await browser.newContext();
    const integration = await browser.newContext();
    await signInAs(sdr, baseURL ?? '', 'SDR');
    await signInAs(integration, baseURL ?? '', 'Integration');
    const id = leadId('bant-mql-partial');

    const refused = await patchLead(sdr.request, id, { Status: 'Sales Qualified' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.output)).toContain(ruleMessage('LeadGate_SQL_Needs_Timeline'));

    const page = await integration.newPage();
    await page.goto(`/lead/${id}`);
    await expect(page.getByTestId('user-access')).toContainText('Validation bypass: yes');
    // The integration user's permission set hides the qualification fields from it.
    await expect(page.locator('c-qualification-panel [data-id="hidden-fields"]')).toBeVisible();
    const loaded = await patchLead(integration.request, id, { Status: 'Sales Qualified' });
    expect(loaded.status).toBe(200);

    // The SDR sees an SQL that reached the stage through the bypass, with its gaps still listed.
    const lead = await openLead(await sdr.newPage(), 'bant-mql-partial');
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Qualified');
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('2 of 4 criteria complete');
    await sdr.close();
    await integration.close();
});

test('the user switcher changes what the page lets you do: a manager reads, an SDR edits', async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL ?? '', 'SDR');
    let lead = await openLead(page, 'bant-mql-partial');
    await expect(lead.evidence('Timeline Evidence')).toBeEditable();
    await expect(page.getByTestId('user-access')).toContainText('Leads: read and edit');

    await page.getByLabel('Viewing as').selectOption(user('Manager').id);
    await page.getByRole('button', { name: 'Switch user' }).click();
    await expect(page.getByTestId('user-access')).toContainText('Leads: read only');
    lead = await openLead(page, 'bant-mql-partial');
    await expect(lead.evidence('Timeline Evidence')).toBeDisabled();
    const refused = await patchLead(page.request, leadId('bant-mql-partial'), { Timeline_Status__c: 'In Progress' });
    expect(refused.status).toBe(403);
});

test("the coaching dashboard shows the funnel to a manager, and an SDR their own leads' figures", async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL ?? '', 'Manager');
    await page.goto('/dashboard');
    const dashboard = page.locator('c-coaching-dashboard');
    await expect(dashboard).toBeVisible();
    await expect(dashboard.getByRole('table').first()).toBeVisible({ timeout: 20_000 });
    await expect(dashboard.getByRole('alert')).toHaveCount(0);

    await signInAs(context, baseURL ?? '', 'SDR');
    await page.goto('/dashboard');
    await expect(dashboard.locator('[data-id="chain"]')).toBeVisible({ timeout: 20_000 });
    await expect(dashboard.getByRole('alert')).toHaveCount(0);
    // One rep row: the SDR's own.
    await expect(dashboard.locator('[data-id="reps"] tbody tr')).toHaveCount(1);
    await expect(dashboard.locator('[data-id="reps"] tbody th')).toHaveText(user('SDR').name);
});
