/** Rejecting an MQL: a reason is required; with one, the lead lands in the status the definition gives it. */
import { expect, test } from '@playwright/test';
import { detailValue, openLead, resetData, signInAs } from './support.ts';

test.beforeEach(async ({ request, context, baseURL }) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
});

test('a rejection without a reason is refused; with a reason the lead is Rejected', async ({ page }) => {
    const lead = await openLead(page, 'disqualifying-budget');
    // A Disqualifying criterion points to the matching rejection.
    await expect(lead.criterion('Budget').locator('[data-id="disqualifying"]')).toContainText('No Budget');

    await lead.button('Reject').click();
    const form = page.locator('c-lead-rejection');
    await form.getByRole('button', { name: 'Reject lead', exact: true }).click();
    await expect(form.locator('[data-error-for="Rejection_Reason__c"]')).toHaveText(
        'Choose a rejection reason: marketing uses it to fix targeting.'
    );
    await expect(detailValue(page, 'Status')).toHaveText('Sales Accepted');

    // Other needs notes.
    await form.getByRole('combobox', { name: /Rejection Reason/ }).click();
    await form.getByRole('option', { name: 'Other', exact: true }).click();
    await form.getByLabel(/Rejection Notes/).fill('too vague');
    await form.getByRole('button', { name: 'Reject lead', exact: true }).click();
    await expect(form.locator('[data-error-for="Rejection_Notes__c"]')).toBeVisible();
    await expect(detailValue(page, 'Status')).toHaveText('Sales Accepted');

    await form.getByRole('combobox', { name: /Rejection Reason/ }).click();
    await form.getByRole('option', { name: 'Poor Fit', exact: true }).click();
    await expect(form.locator('[data-id="destination"]')).toContainText('The lead moves to Rejected.');
    await form.getByRole('button', { name: 'Reject lead', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Lead rejected' })).toBeVisible();
    await expect(detailValue(page, 'Status')).toHaveText('Rejected');
    await expect(detailValue(page, 'Rejection_Reason__c')).toHaveText('Poor Fit');
    await expect(detailValue(page, 'Rejected_At__c')).not.toBeEmpty();
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Rejected');
});
