/**
 * The README's pictures, taken from the local preview as the people who use LeadGate see it (`npm run screenshots`):
 * the SDR's record page of a lead being qualified at desktop width (1,400 px) and on a phone (390 px, the Small form
 * factor), and the coaching dashboard as the manager. Each is clipped to what a reader wants to see, so the images
 * stay small: the panel down to its stage actions, the phone's first two screens, the dashboard down to its trend chart.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openLead, resetData, signInAs } from './support.ts';

const OUT = join(__dirname, '..', 'docs', 'screenshots');

/** Saves the page from the top down to `height` px (or the page's end), the full width of the viewport. */
async function capture(page: Page, file: string, height: number): Promise<void> {
    const size = page.viewportSize();
    if (!size) throw new Error('the page has no viewport size');
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({
        path: join(OUT, file),
        clip: { x: 0, y: 0, width: size.width, height: Math.min(height, pageHeight) },
        fullPage: true,
        animations: 'disabled',
        caret: 'hide'
    });
}

/** Where an element ends on the page (its bottom edge), in px from the top. */
async function bottomOf(page: Page, selector: string): Promise<number> {
    const box = await page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not on the page`);
    return Math.ceil(box.y + box.height);
}

test.beforeEach(async ({ request, context, baseURL }) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
});

test('the record page at desktop width', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    const lead = await openLead(page, 'bant-mql-partial');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toBeVisible();
    await capture(page, 'record-page.png', (await bottomOf(page, 'c-qualification-panel')) + 16);
});

test('the record page on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const lead = await openLead(page, 'bant-mql-partial');
    await page.goto(`${page.url()}?formFactor=Small`);
    await expect(lead.button('Accept')).toBeVisible();
    await expect(page.locator('c-speed-to-lead-clock')).toContainText('Speed to lead');
    await capture(page, 'record-page-phone.png', 2 * 844);
});

test('the coaching dashboard as the manager', async ({ page, context, baseURL }) => {
    await signInAs(context, baseURL ?? '', 'Manager');
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto('/dashboard');
    await expect(page.locator('c-coaching-dashboard [data-id="chain"]')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('c-funnel-chart canvas')).toHaveCount(2);
    // The trend loads on its own request; each chart is drawn once Chart.js (a static resource) has loaded.
    await expect(page.locator('c-funnel-trend canvas')).toHaveCount(1, { timeout: 30_000 });
    const canvases = page.locator('c-coaching-dashboard canvas');
    await expect
        .poll(
            () =>
                canvases.evaluateAll((elements) => {
                    const chart = (window as unknown as { Chart?: { getChart(canvas: HTMLCanvasElement): unknown } }).Chart;
                    return elements.length > 0 && elements.every((canvas) => chart?.getChart(canvas as HTMLCanvasElement) !== undefined);
                }),
            { timeout: 30_000 }
        )
        .toBe(true);
    // Down to the trend chart (the revision tables under it would push the image past ~400 KB).
    await capture(page, 'dashboard.png', (await bottomOf(page, 'c-funnel-trend canvas')) + 24);
});
