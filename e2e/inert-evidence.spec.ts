/** Evidence is text: HTML and script a rep (or an import) puts into it are shown as typed, never run. */
import { expect, test } from '@playwright/test';
import { detailValue, openLead, resetData, signInAs } from './support.ts';

test('evidence containing HTML and script is shown inert everywhere the lead appears', async ({ page, context, request, baseURL }) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
    const hostile = '<img src=x onerror="window.__leadgatePwned=1"><script>window.__leadgatePwned=2</script> budget 50k';
    let lead = await openLead(page, 'bant-mql-partial');
    await lead.evidence('Budget Evidence').fill(hostile);
    await lead.button('Save').click();
    await expect(page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();

    lead = await openLead(page, 'bant-mql-partial');
    await expect(lead.evidence('Budget Evidence')).toHaveValue(hostile);
    await expect(detailValue(page, 'Budget_Evidence__c')).toHaveText(hostile);
    await expect(
        page.locator('c-qualification-panel img, shell-record-details img, c-qualification-panel script, shell-record-details script')
    ).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __leadgatePwned?: number }).__leadgatePwned)).toBeUndefined();
});
