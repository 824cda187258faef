/**
 * axe-core over every page of the preview, at desktop width and at a 390 px phone width: the lead list, the record
 * page in each stage (MQL, Sales Accepted, Sales Qualified, Rejected), and the coaching dashboard as a manager and as
 * an SDR. A serious or critical violation fails the test with the rule, the element and axe's advice.
 *
 * axe-core is the copy @sa11y/jest already brings (node_modules/axe-core), injected into the page; no new dependency.
 * Every component is checked, the qualification panel and the rejection form included (their violations were only
 * listed until the panel was split, issue 21).
 */
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { openLead, resetData, signInAs, type Role } from './support.ts';

const AXE = createRequire(__filename).resolve('axe-core/axe.min.js');
const BLOCKING = new Set(['serious', 'critical']);

interface Found {
    rule: string;
    impact: string;
    help: string;
    target: string;
}

/** Runs axe over the whole document and returns each serious or critical node it flags. */
async function seriousViolations(page: Page): Promise<Found[]> {
    await page.addScriptTag({ path: AXE });
    return page.evaluate(
        async ({ blocking }) => {
            const axe = (window as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
            interface AxeResults {
                violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
            }
            const results = await axe.run(document);
            return results.violations
                .filter((v) => v.impact !== null && blocking.includes(v.impact))
                .flatMap((v) =>
                    v.nodes.map((n) => ({
                        rule: v.id,
                        impact: v.impact ?? '',
                        help: v.help,
                        target: n.target.join(' ')
                    }))
                );
        },
        { blocking: [...BLOCKING] }
    );
}

function expectNone(found: Found[]): void {
    const blocking = found.map((f) => `${f.rule} (${f.impact}) at ${f.target}: ${f.help}`);
    expect(blocking, 'serious or critical axe-core violations').toEqual([]);
}

/** A record page brought into one stage, as an SDR does it. */
const STAGES: Array<{ stage: string; open(page: Page): Promise<void> }> = [
    { stage: 'Marketing Qualified', open: async (page) => void (await openLead(page, 'bant-mql-partial')) },
    { stage: 'Sales Accepted', open: async (page) => void (await openLead(page, 'bant-sal-ready')) },
    {
        stage: 'Sales Qualified',
        open: async (page) => {
            const lead = await openLead(page, 'bant-sal-ready');
            await lead.button('Mark Sales Qualified').click();
            await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Qualified');
        }
    },
    {
        stage: 'Rejected',
        open: async (page) => {
            const lead = await openLead(page, 'disqualifying-budget');
            await lead.button('Reject').click();
            const form = page.locator('c-lead-rejection');
            await form.getByRole('combobox', { name: /Rejection Reason/ }).click();
            await form.getByRole('option', { name: 'Poor Fit', exact: true }).click();
            await form.getByRole('button', { name: 'Reject lead', exact: true }).click();
            await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Rejected');
        }
    }
];

const WIDTHS = [
    { name: 'desktop', viewport: { width: 1400, height: 1000 }, query: '' },
    { name: 'phone (390 px)', viewport: { width: 390, height: 844 }, query: '?formFactor=Small' }
];

for (const width of WIDTHS) {
    test.describe(`axe-core at ${width.name}`, () => {
        test.use({ viewport: width.viewport });

        test.beforeEach(async ({ request, context, baseURL }) => {
            await resetData(request);
            await signInAs(context, baseURL ?? '', 'SDR');
        });

        test('the lead list', async ({ page }) => {
            await page.goto(`/${width.query}`);
            await expect(page.getByRole('table').first()).toBeVisible();
            expectNone(await seriousViolations(page));
        });

        for (const { stage, open } of STAGES) {
            test(`the record page of a ${stage} lead`, async ({ page }) => {
                await open(page);
                if (width.query) {
                    await page.goto(page.url() + width.query);
                    await expect(page.locator('c-qualification-panel [data-id="stage"]')).toBeVisible();
                }
                expectNone(await seriousViolations(page));
            });
        }

        test('the Opportunity page of a converted lead', async ({ page }) => {
            const lead = await openLead(page, 'bant-sal-ready');
            await lead.button('Mark Sales Qualified').click();
            await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Qualified');
            await page.reload();
            await page.getByRole('button', { name: 'Convert', exact: true }).click();
            await expect(page).toHaveURL(/\/opportunity\//);
            if (width.query) await page.goto(page.url() + width.query);
            await expect(page.locator('c-opportunity-meddic [data-id="started-from"]')).toBeVisible();
            await expect(page.locator('c-opportunity-qualification-summary [data-id="framework"]')).toBeVisible();
            expectNone(await seriousViolations(page));
        });

        test('the home page with the SDR queue', async ({ page }) => {
            await page.goto(`/home${width.query}`);
            await expect(page.locator('c-sdr-queue button[data-id]').first()).toBeVisible({ timeout: 30_000 });
            expectNone(await seriousViolations(page));
        });

        test('the Definition page as the admin', async ({ page, context, baseURL }) => {
            await signInAs(context, baseURL ?? '', 'Admin');
            await page.goto(`/definition${width.query}`);
            await expect(page.getByTestId('figures')).toContainText('Who clears the bar', { timeout: 30_000 });
            expectNone(await seriousViolations(page));
        });

        test("the lead list behind a dashboard number (a rep's SQLs)", async ({ page, context, baseURL }) => {
            await signInAs(context, baseURL ?? '', 'Manager');
            await page.goto(`/dashboard${width.query}`);
            const sqls = page.locator('c-coaching-dashboard [data-id="reps"] a[data-drill="sqls"]').first();
            await expect(sqls).toBeVisible({ timeout: 30_000 });
            await page.goto(`${(await sqls.getAttribute('href')) ?? ''}${width.query.replace('?', '&')}`);
            await expect(page.getByTestId('drill-summary')).toBeVisible();
            expectNone(await seriousViolations(page));
        });

        for (const role of ['Manager', 'SDR'] as Role[]) {
            test(`the dashboard as ${role === 'SDR' ? 'an SDR' : 'a manager'}`, async ({ page, context, baseURL }) => {
                await signInAs(context, baseURL ?? '', role);
                await page.goto(`/dashboard${width.query}`);
                await expect(page.locator('c-coaching-dashboard [data-id="chain"]')).toBeVisible({ timeout: 30_000 });
                await expect(page.locator('c-funnel-chart canvas')).toHaveCount(2);
                expectNone(await seriousViolations(page));
            });
        }
    });
}

test('the check itself: a planted image without a text alternative fails it, on the page and inside the panel alike', async ({
    page,
    request,
    context,
    baseURL
}) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
    const lead = await openLead(page, 'bant-mql-partial');
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: '/favicon.ico' })));
    await lead.panel.evaluate((panel) => panel.append(Object.assign(document.createElement('img'), { src: '/favicon.ico' })));
    const planted = (await seriousViolations(page)).filter((f) => f.rule === 'image-alt');
    expect(planted).toHaveLength(2);
    expect(() => expectNone(planted)).toThrow(/image-alt \(critical\)/);
});
