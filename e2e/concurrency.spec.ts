/**
 * Two people edit the same lead, and saves that fail on the way: a second save that changed other fields goes
 * through on its own (a same-field conflict is in drafts.spec.ts); a dropped connection keeps the draft. Nothing is
 * overwritten or lost.
 */
import { expect, test } from '@playwright/test';
import { detailValue, openLead, resetData, signInAs, twoRepsOnLead } from './support.ts';

test.beforeEach(async ({ request }) => {
    await resetData(request);
});

test('the second of two editors, who changed other fields, saves without a conflict, and both saves are on the record', async ({
    browser,
    baseURL
}) => {
    const { a, b, close } = await twoRepsOnLead(browser, baseURL ?? '', 'meddic-enterprise');

    await a.evidence('Decision Process Evidence').fill('Pilot in July, security review in August, then procurement');
    await a.button('Save').click();
    await expect(a.page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();

    // The second save meets the newer version, re-reads it, finds no field both changed and saves again on its own
    // (this used to end in "Someone else saved this lead first" and Reload and re-apply).
    const draft = 'Head of RevOps is our champion and briefs the CRO weekly';
    await b.evidence('Champion Evidence').fill(draft);
    await b.button('Save').click();
    await expect(b.page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();
    await expect(b.panel.locator('[data-id="problem"]')).toHaveCount(0);
    await expect(b.panel.locator('c-conflict-choices')).toHaveCount(0);
    // The other editor's save is now on the page too.
    await expect(b.evidence('Decision Process Evidence')).toHaveValue('Pilot in July, security review in August, then procurement');

    await a.page.reload();
    await expect(detailValue(a.page, 'Champion_Evidence__c')).toHaveText(draft);
    await expect(detailValue(a.page, 'Decision_Process_Evidence__c')).toHaveText(
        'Pilot in July, security review in August, then procurement'
    );
    await close();
});

test('a save that cannot reach the server keeps the draft and can be retried', async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL ?? '', 'SDR');
    const lead = await openLead(page, 'bant-mql-partial');
    const text = 'Ines Moreau, VP Operations, signs purchases up to 100k';
    await lead.evidence('Authority Evidence').fill(text);
    await page.route('**/ui-api/records/**', (route) =>
        route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.fallback()
    );
    await lead.button('Save').click();
    await expect(lead.panel.locator('[data-id="problem"]')).toContainText('Salesforce could not be reached');
    await expect(lead.evidence('Authority Evidence')).toHaveValue(text);
    await expect(detailValue(page, 'Authority_Evidence__c')).toHaveText('VP Ops signs?');

    await page.unroute('**/ui-api/records/**');
    await lead.panel.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();
    await expect(detailValue(page, 'Authority_Evidence__c')).toHaveText(text);
});
