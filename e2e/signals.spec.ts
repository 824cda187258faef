/**
 * Intent signals in the local preview: a demo request sent through the emulated integration entry point
 * (POST /preview/signals, the same applySignals rules as LeadGate_Signal__e in an org) reaches the open record
 * page without a reload. The showcase lead "High fit, no intent" has the ideal customer profile (fit 80) and no
 * recent buying signal, so a fresh demo request (40 points) lifts intent over the bar of 30.
 */
import { expect, test, type Page } from '@playwright/test';

/** Priya Nair, a sample SDR (LeadGate_SDR). The signal itself is sent as the sample integration user. */
const SDR = '005LG0000000011AAA';

async function openShowcaseLead(page: Page, scenario: string): Promise<void> {
    await page.goto('/');
    await page.locator('tr', { hasText: scenario }).getByRole('link').first().click();
    await expect(page.locator('body')).toHaveAttribute('data-mounted', 'true', { timeout: 30_000 });
}

test.beforeEach(async ({ page }) => {
    // Fresh sample data: the lead must start without the demo request an earlier run sent.
    expect((await page.request.post('/preview/reset')).ok()).toBe(true);
    const switched = await page.request.post('/preview/user', { form: { userId: SDR, returnTo: '/' }, maxRedirects: 0 });
    expect(switched.status()).toBeLessThan(400);
});

test('a demo request lifts intent, the ledger and the readiness list change, and the lead crosses the bar without a reload', async ({
    page
}) => {
    await openShowcaseLead(page, 'High fit, no intent');
    const card = page.locator('c-lead-score-card');
    const intent = card.locator('[data-meter="intent"] [data-id="meter-text"]');
    const verdict = card.locator('[data-id="verdict"]');
    const intentBlocker = page.locator('c-qualification-panel [data-blocker^="intentBelowBar"]');

    await expect(verdict).toHaveText('Below the SQL bar', { timeout: 30_000 });
    await expect(intent).toHaveText('Intent: 0 of 100 (bar 30)');
    await expect(card.locator('[data-meter="fit"] [data-id="meter-text"]')).toHaveText('Fit: 80 of 100 (bar 40)');
    await expect(intentBlocker).toHaveCount(1);
    await expect(card.locator('tr[data-row="intent:demoRequest"]')).toHaveCount(0);

    // A marker on the window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { signalMarker?: string }).signalMarker = 'still here'));
    await page.getByLabel('Signal', { exact: true }).selectOption('demoRequest');
    await page.getByRole('button', { name: 'Send signal' }).click();

    await expect(page.locator('[data-id="send-signal-result"]')).toHaveText(/^Demo request recorded: Last_Demo_Request_At__c is now /);
    await expect(intent).toHaveText('Intent: 40 of 100 (bar 30)');
    await expect(verdict).toHaveText('Meets the SQL bar');
    await expect(card.locator('tr[data-row="intent:demoRequest"] td').first()).toHaveText('+40');
    await expect(intentBlocker).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { signalMarker?: string }).signalMarker)).toBe('still here');
});

test('sending an older demo request afterwards changes nothing: a signal only moves forward', async ({ page }) => {
    await openShowcaseLead(page, 'High fit, no intent');
    const intent = page.locator('c-lead-score-card [data-meter="intent"] [data-id="meter-text"]');
    await expect(intent).toHaveText('Intent: 0 of 100 (bar 30)', { timeout: 30_000 });

    await page.getByLabel('Signal', { exact: true }).selectOption('demoRequest');
    await page.getByRole('button', { name: 'Send signal' }).click();
    await expect(intent).toHaveText('Intent: 40 of 100 (bar 30)');

    await page.getByLabel('Minutes ago').fill('120');
    await page.getByRole('button', { name: 'Send signal' }).click();
    await expect(page.locator('[data-id="send-signal-result"]')).toHaveText(
        'No change: the lead already holds a demo request at that time or later.'
    );
    await expect(intent).toHaveText('Intent: 40 of 100 (bar 30)');
});
