/**
 * The record page on a phone (390 px wide, ?formFactor=Small), as an SDR on the move meets it: the page does not
 * scroll sideways, and the speed-to-lead clock comes first, right under the highlights (the Lead FlexiPage shows
 * it there on the Small form factor only), inside the first screenful, above the qualification panel. Inside the
 * panel the stage actions (Accept, Mark Sales Qualified, Reject) come first, then what still blocks Sales
 * Qualified, then the criteria: Accept starts inside the first screenful too (it was about 3,270 px down before).
 */
import { expect, test } from '@playwright/test';
import { openLead, resetData, signInAs } from './support.ts';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

test.beforeEach(async ({ request, context, baseURL }) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
});

test('on a phone the speed-to-lead clock comes first, under the highlights, and nothing scrolls sideways', async ({ page }) => {
    const lead = await openLead(page, 'bant-mql-partial');
    await page.goto(`${page.url()}?formFactor=Small`);
    await expect(lead.panel.locator('[data-id="stage"]')).toBeVisible();

    const clocks = page.locator('c-speed-to-lead-clock');
    await expect(clocks).toHaveCount(1);
    const top = async (selector: string): Promise<number> => {
        const box = await page.locator(selector).first().boundingBox();
        if (!box) throw new Error(`${selector} is not on the page`);
        return box.y;
    };
    const highlights = await top('shell-record-highlights');
    const clock = await top('c-speed-to-lead-clock');
    const panel = await top('c-qualification-panel');
    expect(highlights).toBeLessThan(clock);
    expect(clock).toBeLessThan(panel);
    expect(clock, 'the clock starts inside the first screenful').toBeLessThan(PHONE.height);

    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the page scrolls sideways').toBeLessThanOrEqual(PHONE.width);

    // What an SDR needs first, in this order: the clock, the stage actions, what still blocks, then the criteria.
    const accept = await top('c-qualification-panel [data-action="accept"]');
    const blockers = await top('c-readiness-list');
    const criteria = await top('c-criteria-list');
    test.info().annotations.push({ type: 'Accept button top (px)', description: String(Math.round(accept)) });
    expect(clock).toBeLessThan(accept);
    expect(accept, 'Accept starts inside the first screenful').toBeLessThan(PHONE.height);
    expect(accept).toBeLessThan(blockers);
    expect(blockers).toBeLessThan(criteria);
    await expect(lead.button('Accept')).toBeInViewport();
});

test('on a desktop the clock stays beside the details, once', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await openLead(page, 'bant-mql-partial');
    await expect(page.locator('c-speed-to-lead-clock')).toHaveCount(1);
    const clock = await page.locator('c-speed-to-lead-clock').boundingBox();
    const panel = await page.locator('c-qualification-panel').boundingBox();
    // Beside the panel (the sidebar), not above it.
    expect(clock!.x).toBeGreaterThan(panel!.x + panel!.width - 1);
});
