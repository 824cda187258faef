/**
 * The record page as Lightning Experience lays it out, captured for the README. The screenshot goes to
 * test-results/ on every run, and to docs/screenshots/record-page.png when that file is missing or with
 * UPDATE_SCREENSHOTS=1 (`UPDATE_SCREENSHOTS=1 npm run test:e2e -- record-page`), so a test run does not
 * rewrite a committed image whose clock reads a few seconds differently.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openLead, resetData, signInAs } from './support.ts';

test('the record page shows the lead with LeadGate placed per its FlexiPage, and a screenshot is saved', async ({
    page,
    context,
    request,
    baseURL
}) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const lead = await openLead(page, 'bant-mql-partial');
    await expect(page.locator('[data-region="header"] shell-record-highlights h1')).toHaveText('Ines Moreau');
    await expect(page.locator('[data-region="main"] c-qualification-panel')).toBeVisible();
    await expect(page.locator('[data-region="sidebar"] c-speed-to-lead-clock')).toBeVisible();
    await expect(page.locator('[data-region="main"] shell-record-details')).toContainText('Lead Information');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toBeVisible();
    await expect(page.locator('c-speed-to-lead-clock')).toContainText('Speed to lead');
    await expect(page.locator('lightning-icon').first()).toBeVisible();
    expect(errors).toEqual([]);
    const docs = join(__dirname, '..', 'docs', 'screenshots', 'record-page.png');
    await page.screenshot({ path: join(__dirname, '..', 'test-results', 'record-page.png') });
    if (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(docs)) await page.screenshot({ path: docs });
});
