/**
 * The record page as Lightning Experience lays it out. A screenshot goes to test-results/ on every run; the README's
 * images in docs/screenshots/ are taken by `npm run screenshots` (e2e/screenshots.capture.ts), never by a test run.
 */
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
    await page.screenshot({ path: join(__dirname, '..', 'test-results', 'record-page.png') });
});

test('every help button names its field, the details show only the lead framework criteria, and the facts chevron points the right way', async ({
    page,
    context,
    request,
    baseURL
}) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
    const lead = await openLead(page, 'bant-mql-partial');
    const toggle = lead.panel.locator('[data-action="toggle-facts"]');
    const chevron = toggle.locator('lightning-icon');
    // Closed: a right-pointing chevron, not turned by any style (SLDS turns .slds-section__title-action-icon a quarter left).
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(chevron).toHaveAttribute('icon-name', 'utility:chevronright');
    expect(await chevron.evaluate((icon) => getComputedStyle(icon).transform)).toBe('none');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(chevron).toHaveAttribute('icon-name', 'utility:chevrondown');
    expect(await chevron.evaluate((icon) => getComputedStyle(icon).transform)).toBe('none');

    // With the facts open, every help button on the page (panel and details) names its field.
    const helps = page.getByRole('button', { name: /^Help\b/ });
    await expect(helps.first()).toBeVisible();
    const names = await helps.evaluateAll((buttons) => buttons.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()));
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !/^Help: \S/.test(name))).toEqual([]);
    await expect(page.getByRole('button', { name: 'Help', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Help: Budget Status', exact: true })).toHaveCount(2); // the panel and the details

    // A BANT lead's details list the four BANT criteria, none of MEDDIC's.
    await expect(lead.details.locator('[data-field="Budget_Status__c"]')).toHaveCount(1);
    await expect(lead.details.locator('[data-field="Timeline_Evidence__c"]')).toHaveCount(1);
    await expect(lead.details.locator('[data-field="Metrics_Status__c"]')).toHaveCount(0);
    await expect(lead.details.locator('[data-field="Champion_Evidence__c"]')).toHaveCount(0);
});
