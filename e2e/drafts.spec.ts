/**
 * Drafts always save. A rep's unsaved evidence survives a background write and a reload, and saves without a
 * conflict; only someone else changing the same field is a conflict, shown with both values and resolved with one
 * click. The background write is an intent signal sent through the preview's integration entry point
 * (POST /preview/signals, as the integration user), which the open page does not hear about: exactly the case a
 * reload used to make unsavable.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { detailValue, leadId, openLead, resetData, signInAs, twoRepsOnLead, user } from './support.ts';

test.beforeEach(async ({ request }) => {
    await resetData(request);
});

/** Publishes a demo request for the lead as the integration user, from a context of its own. */
async function sendDemoRequest(browser: Browser, baseURL: string, id: string): Promise<void> {
    const integration = await browser.newContext();
    await signInAs(integration, baseURL, 'Integration');
    const response = await integration.request.post('/preview/signals', {
        data: { Lead_Id__c: id, Signal_Type__c: 'demoRequest', Occurred_At__c: new Date().toISOString() }
    });
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { updated: unknown[] }).updated).toHaveLength(1);
    await integration.close();
}

/** Who saved the lead last and when, as the conflict box must word it: the preview's user locale (en-US) and zone (UTC). */
async function lastSaved(page: Page, id: string): Promise<{ by: string; when: string }> {
    const response = await page.request.get(`/ui-api/records/${id}?optionalFields=Lead.LastModifiedDate,Lead.LastModifiedBy.Name`);
    const record = (await response.json()) as { fields: { LastModifiedDate: { value: string }; LastModifiedBy: { displayValue: string } } };
    const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
        Date.parse(record.fields.LastModifiedDate.value)
    );
    return { by: record.fields.LastModifiedBy.displayValue, when };
}

test('evidence typed, a signal writes the lead, reload: the draft is back and Save just works', async ({
    page,
    context,
    browser,
    baseURL
}) => {
    await signInAs(context, baseURL ?? '', 'SDR');
    let lead = await openLead(page, 'bant-mql-partial');
    const mine = 'Ines Moreau, VP Operations, signs purchases up to 100k';
    await lead.evidence('Authority Evidence').fill(mine);
    await expect(lead.panel.locator('[data-id="unsaved"]')).toBeVisible();

    await sendDemoRequest(browser, baseURL ?? '', leadId('bant-mql-partial'));
    await page.reload();
    lead = await openLead(page, 'bant-mql-partial');
    await expect(lead.evidence('Authority Evidence')).toHaveValue(mine);
    await expect(lead.panel.locator('[data-id="restored"]')).toBeVisible();
    // The signal is on the record the page shows (its Last_Demo_Request_At__c), under the rep's draft.
    await expect(detailValue(page, 'Last_Demo_Request_At__c')).not.toBeEmpty();

    await lead.button('Save').click();
    await expect(page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();
    await expect(lead.panel.locator('[data-id="problem"]')).toHaveCount(0);
    await expect(lead.panel.locator('c-conflict-choices')).toHaveCount(0);
    await page.reload();
    await expect(detailValue(page, 'Authority_Evidence__c')).toHaveText(mine);
});

test('two reps change the same evidence: the second sees both versions, who saved and when, and one click settles it', async ({
    browser,
    baseURL
}) => {
    const { a, b, close } = await twoRepsOnLead(browser, baseURL ?? '', 'meddic-enterprise');
    const theirs = 'Head of RevOps champions us and briefs the CRO weekly';
    const mine = 'VP Sales is our champion: she sponsored the pilot budget';
    const other = 'Pilot in July, security review in August, then procurement';

    await a.evidence('Champion Evidence').fill(theirs);
    await a.button('Save').click();
    await expect(a.page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();

    await b.evidence('Champion Evidence').fill(mine);
    await b.evidence('Decision Process Evidence').fill(other);
    await b.button('Save').click();
    const box = b.panel.locator('c-conflict-choices');
    await expect(box).toBeVisible();
    const saved = await lastSaved(b.page, leadId('meddic-enterprise'));
    expect(saved.by).toBe(user('SDR', 0).name);
    await expect(box.locator('[data-id="saved-by"]')).toHaveText(
        `Last saved by ${saved.by} on ${saved.when}. Nothing is saved until you choose, for each field below, which version to keep. Your other changes are kept.`,
        { useInnerText: true }
    );
    await expect(box.locator('[data-id="saved-by"]')).not.toContainText(/\dT\d/);
    const row = box.locator('[data-conflict="Champion_Evidence__c"]');
    await expect(row.locator('[data-id="theirs"]')).toHaveText(theirs);
    await expect(row.locator('[data-id="mine"]')).toHaveText(mine);
    await expect(box.locator('[data-conflict]')).toHaveCount(1);
    await expect(b.panel.locator('[data-id="problem"]')).toHaveCount(0);
    await expect(detailValue(b.page, 'Champion_Evidence__c')).not.toHaveText(mine);

    await b.panel.getByRole('button', { name: 'Keep mine for Champion Evidence' }).click();
    await expect(b.page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();
    await expect(box).toHaveCount(0);

    await a.page.reload();
    await expect(detailValue(a.page, 'Champion_Evidence__c')).toHaveText(mine);
    await expect(detailValue(a.page, 'Decision_Process_Evidence__c')).toHaveText(other);
    await close();
});
