/**
 * Fit-fact edits with their values (issue 18): the owner changes Title twice before qualifying; the lead's review
 * card and the manager's review queue show the latest change with its value before and after, from the log the
 * generated before-save flow wrote in the preview's save.
 */
import { expect, test } from '@playwright/test';
import { leadId, openLead, patchLead, resetData, signInAs } from './support.ts';

test.beforeEach(async ({ request }) => {
    await resetData(request);
});

test('the rep and the manager see what the rep changed in the fit facts before qualifying', async ({ browser, baseURL }) => {
    const base = baseURL ?? '';
    const rep = await browser.newContext();
    const manager = await browser.newContext();
    await signInAs(rep, base, 'SDR', 0);
    await signInAs(manager, base, 'Manager');
    const id = leadId('bant-sal-ready');

    expect((await patchLead(rep.request, id, { Title: 'Sales Analyst' })).status).toBe(200);
    expect((await patchLead(rep.request, id, { Title: 'VP Sales', Status: 'Sales Qualified' })).status).toBe(200);

    const lead = await openLead(await rep.newPage(), 'bant-sal-ready');
    const card = lead.page.locator('c-lead-evidence-reviews');
    await expect(card.locator('[data-id="fit-edited"]')).toContainText('before qualifying');
    const table = card.getByRole('table', { name: 'What the rep changed' });
    await expect(table.getByRole('columnheader')).toHaveText(['Field', 'Before', 'After']);
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.getByRole('row', { name: /Title/ }).getByRole('cell')).toHaveText(['Sales Analyst', 'VP Sales']);

    const page = await manager.newPage();
    await page.goto('/dashboard');
    const item = page.locator(`c-evidence-review li[data-lead="${id}"]`);
    await expect(item.getByRole('row', { name: /Title/ }).getByRole('cell')).toHaveText(['Sales Analyst', 'VP Sales']);
    await Promise.all([rep.close(), manager.close()]);
});
