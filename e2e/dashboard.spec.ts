/**
 * The coaching dashboard in the local preview, as the sales manager sees it: the funnel chain, the charts
 * drawn by Chart.js from its static resource, and the SQL inflation finding the sample data builds in
 * (data/README.md: Marcus Webb has more than twice the team's median SQLs, few of them become opportunities).
 */
import { expect, test } from '@playwright/test';

/** Dana Whitfield, the sample manager (LeadGate_Manager): the SDRs report to her. */
const MANAGER = '005LG0000000001AAA';

test.beforeEach(async ({ page }) => {
    const switched = await page.request.post('/preview/user', { form: { userId: MANAGER, returnTo: '/dashboard' }, maxRedirects: 0 });
    expect(switched.status()).toBeLessThan(400);
});

test('the dashboard shows the funnel chain, its charts and the inflation finding', async ({ page }) => {
    await page.goto('/dashboard');

    const chain = page.locator('[data-id="chain"]');
    await expect(chain).toBeVisible({ timeout: 30_000 });
    const steps = chain.locator('li');
    await expect(steps).toHaveCount(5);
    await expect(steps.first()).toHaveAttribute('aria-label', /^Marketing qualified: [\d,]+$/);
    await expect(steps.nth(2)).toHaveAttribute('aria-label', /^Sales qualified: [\d,]+, \d+% of the step before$/);

    const canvases = page.locator('c-funnel-chart canvas');
    await expect(canvases).toHaveCount(2);
    await expect(canvases.first()).toBeVisible();
    // Chart.js comes from the chartjs static resource (loadScript); each canvas then holds a drawn chart.
    await expect
        .poll(() => page.evaluate(() => typeof (window as unknown as { Chart?: unknown }).Chart), { timeout: 15_000 })
        .toBe('function');
    for (const canvas of await canvases.all()) {
        await expect
            .poll(() =>
                canvas.evaluate((element) => {
                    const chart = (
                        window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: unknown[] } } | undefined } }
                    ).Chart;
                    return chart.getChart(element as HTMLCanvasElement)?.data.datasets.length ?? 0;
                })
            )
            .toBeGreaterThan(0);
    }
    await expect(page.locator('[data-chart="speed"] canvas')).toHaveAttribute('aria-label', /of MQLs actioned within the 5-minute SLA\.$/);

    const findings = page.locator('[data-id="findings"] li');
    await expect(
        findings.filter({ hasText: /^Marcus Webb: \d+ SQLs against a team median of \d+, but SQL to Opportunity is \d+%/ })
    ).toHaveCount(1);
    await expect(page.locator('tr[data-owner="005LG0000000012AAA"] th')).toHaveText('Marcus Webb');
});

test('the window picker reloads the figures', async ({ page }) => {
    await page.goto('/dashboard');
    const first = page.locator('[data-id="chain"] li').first();
    await expect(first).toBeVisible({ timeout: 30_000 });
    const ninetyDays = await first.getAttribute('aria-label');

    await page.getByRole('combobox', { name: 'Time window' }).click();
    await page.getByRole('option', { name: 'Last 30 days' }).click();
    await expect(first).not.toHaveAttribute('aria-label', ninetyDays ?? '');
    await expect(first).toHaveAttribute('aria-label', /^Marketing qualified: [\d,]+$/);
});

test('a segment narrows the chain; the breakdown shows each segment and the marketing view by campaign', async ({ page }) => {
    await page.goto('/dashboard');
    const first = page.locator('[data-id="chain"] li').first();
    await expect(first).toBeVisible({ timeout: 30_000 });
    const mqls = async (): Promise<number> => Number(((await first.getAttribute('aria-label')) ?? '').replace(/\D/g, ''));
    const all = await mqls();

    await page.getByRole('combobox', { name: 'Segment, source or campaign' }).click();
    await page.getByRole('option', { name: 'Company size: Enterprise (1,000+)' }).click();
    await expect(page.locator('[data-id="segment-note"]')).toHaveText(
        'Every figure below counts only the MQLs of Company size: Enterprise (1,000+).'
    );
    await expect.poll(mqls).toBeLessThan(all);
    const enterprise = await mqls();
    expect(enterprise).toBeGreaterThan(0);
    // The breakdown reads the whole window: its Enterprise row counts the MQLs the narrowed chain starts with.
    const row = page.locator('c-funnel-breakdown tr[data-group="Enterprise (1,000+)"]');
    await expect(row.locator('td').first()).toHaveText(enterprise.toLocaleString('en-US'));

    await page.getByRole('combobox', { name: 'View by' }).click();
    await page.getByRole('option', { name: 'Campaign (marketing)' }).click();
    await expect(page.locator('[data-id="marketing-note"]')).toContainText('fix the campaign, or the definition');
    await expect(page.locator('c-funnel-breakdown tbody tr').first()).toContainText(/\d+% \((Below|Within|Above) benchmark\)/);

    // A lead source or a campaign narrows the reps table too: its MQL column adds up to the chain's MQLs.
    const repMqls = async (): Promise<number> => {
        const cells = await page.locator('[data-id="reps"] tbody tr td:first-of-type').allTextContents();
        return cells.reduce((n, text) => n + Number(text.replace(/\D/g, '')), 0);
    };
    for (const kind of ['Lead source: ', 'Campaign: ']) {
        await page.getByRole('combobox', { name: 'Segment, source or campaign' }).click();
        const option = page.getByRole('option', { name: new RegExp(`^${kind}`) }).first();
        const label = ((await option.textContent()) ?? '').trim();
        await option.click();
        await expect(page.locator('[data-id="segment-note"]')).toHaveText(`Every figure below counts only the MQLs of ${label}.`);
        await expect.poll(mqls).toBeLessThan(all);
        const chain = await mqls();
        expect(chain, `${label} keeps some MQLs`).toBeGreaterThan(0);
        await expect.poll(repMqls, `${label}: the reps table counts the chain's MQLs`).toBe(chain);
    }
});

test.describe('at a 1,280 px laptop width', () => {
    test.use({ viewport: { width: 1280, height: 900 } });

    test('the page and the reps table fit the card; the chain rates sit above their arrows', async ({ page }) => {
        await page.goto('/dashboard');
        const reps = page.locator('[data-id="reps"]');
        await expect(reps).toBeVisible({ timeout: 30_000 });
        await expect(page.locator('c-funnel-chart canvas')).toHaveCount(2);
        // The trend loads on its own request: measure once it has drawn, or a late, wide part would go unseen.
        await expect(page.locator('c-funnel-trend canvas')).toHaveCount(1, { timeout: 30_000 });

        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, 'the page scrolls sideways').toBeLessThanOrEqual(1280);
        const card = await page.locator('c-coaching-dashboard article').boundingBox();
        const scroller = await page.locator('[data-id="reps-scroller"]').boundingBox();
        expect(card && scroller).toBeTruthy();
        expect(scroller!.x + scroller!.width).toBeLessThanOrEqual(card!.x + card!.width);
        const [tableWidth, visibleWidth] = await page
            .locator('[data-id="reps-scroller"]')
            .evaluate((el) => [el.scrollWidth, el.clientWidth]);
        expect(tableWidth, 'the reps table needs a sideways scroll at 1,280 px').toBeLessThanOrEqual(visibleWidth);

        const links = page.locator('[data-id="chain"] .lg-chain__link');
        await expect(links).toHaveCount(4);
        for (const link of await links.all()) {
            const rate = await link.locator('.lg-chain__rate').boundingBox();
            const arrow = await link.locator('.lg-chain__arrow').boundingBox();
            expect(rate && arrow).toBeTruthy();
            // The arrow's line starts below the text's box: no line through "75% of the step before".
            expect(arrow!.y).toBeGreaterThanOrEqual(rate!.y + rate!.height);
        }
    });
});

test('the trend draws each definition revision as a line on its time axis, and the hidden table names it', async ({ page }) => {
    await page.goto('/dashboard');
    const canvas = page.locator('c-funnel-trend canvas');
    await expect(canvas).toHaveAttribute('data-revision-marks', /\S+@\d+/, { timeout: 30_000 });
    const marks = ((await canvas.getAttribute('data-revision-marks')) ?? '').split(' ');
    const [version, x] = marks[0]!.split('@');
    // The oldest mark is the sample history's own revision (data/README.md), in the middle of the axis; the real ones follow.
    expect(version).toBe('2025.4-sample');
    const width = (await canvas.boundingBox())!.width;
    expect(Number(x) / width).toBeGreaterThan(0.2);
    expect(Number(x) / width).toBeLessThan(0.75);
    expect(marks.length).toBeGreaterThanOrEqual(2);
    // The pixels under the line are the marker's red (#ba0517), read back from the canvas Chart.js drew on.
    const red = await canvas.evaluate((element, at) => {
        const c = element as HTMLCanvasElement;
        const chart = (
            window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { chartArea: { top: number; bottom: number } } | undefined } }
        ).Chart.getChart(c)!;
        const scale = c.width / c.getBoundingClientRect().width;
        const ctx = c.getContext('2d')!;
        let hits = 0;
        for (let y = chart.chartArea.top + 20; y < chart.chartArea.bottom; y += 4) {
            const [r, g, b] = ctx.getImageData(Math.round(at * scale), Math.round(y * scale), 1, 1).data;
            if (r! > 150 && g! < 60 && b! < 60) hits++;
        }
        return hits;
    }, Number(x));
    expect(red).toBeGreaterThan(5);
    // Revisions in one period share its row: "(revision 2026.5, 2026.6)".
    await expect(page.locator('c-funnel-trend [data-id="periods"]')).toContainText(
        new RegExp(`\\(revision [^)]*${version!.replace('.', '\\.')}[,)]`)
    );
    await expect(page.locator('c-funnel-trend [data-id="comparison"]').first()).toContainText(version!);
});

test("a rep's SQL count opens the lead list of exactly those SQLs", async ({ page }) => {
    await page.goto('/dashboard');
    const marcus = page.locator('tr[data-owner="005LG0000000012AAA"]');
    await expect(marcus).toBeVisible({ timeout: 30_000 });
    const sqls = marcus.locator('a[data-drill="sqls"]');
    const count = Number((await sqls.innerText()).replace(/[^\d]/g, ''));
    expect(count, 'the sample data gives Marcus Webb SQLs').toBeGreaterThan(0);
    await expect(sqls).toHaveAttribute('aria-label', `View the ${count} SQLs of Marcus Webb`);
    // Keyboard reachable: focus the link and follow it with Enter.
    await sqls.focus();
    await expect(sqls).toBeFocused();
    await sqls.press('Enter');
    await expect(page).toHaveURL(
        // The manager opens the dashboard on her own team: the list keeps the team as the number did.
        /\/lightning\/cmp\/c__drillLeadList\?c__drill=sqls&c__start=\d{4}-\d{2}-\d{2}&c__end=\d{4}-\d{2}-\d{2}&c__team=005LG0000000001AAA&c__owner=005LG0000000012AAA$/
    );
    // The list is the component c/drillLeadList, as the org opens it: its rows come from LeadGateDrillDownController.getLeads.
    await expect(page.getByTestId('drill-summary')).toHaveText(
        new RegExp(`^${count} leads: SQLs from \\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}, owner Marcus Webb$`)
    );
    await expect(page.getByTestId('drill-list').locator('tbody tr')).toHaveCount(count);
});
