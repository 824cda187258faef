/**
 * The evidence review (issue 18): a rep pumps a fit fact and qualifies; the manager opens the review queue on the
 * coaching page, sees the SQL with its evidence and the fit-edit flag, and marks it "Coach" with a comment; the rep
 * reads the comment on the lead, and another rep does not see it. The rep's evidence-review column on the coaching
 * dashboard counts the verdict: one SQL fewer awaits review, one more is coached.
 */
import { expect, test } from '@playwright/test';
import { SQL_DEFINITION } from '../force-app/main/default/lwc/sqlDefinition/sqlDefinition.ts';
import { leadId, openLead, patchLead, resetData, signInAs, user } from './support.ts';

test.beforeEach(async ({ request }) => {
    await resetData(request);
});

/** The reps table's review cell: "None reviewed; A awaiting review" or "C coach, H holds of R reviewed; A awaiting review". */
const REVIEWS_CELL = /^(None reviewed|\d+ coach, \d+ holds of \d+ reviewed); \d+ awaiting review$/;

function reviewCounts(text: string | null): { coach: number; holds: number; reviewed: number; awaiting: number } {
    const cell = text?.trim() ?? '';
    const counted = /^(\d+) coach, (\d+) holds of (\d+) reviewed; (\d+) awaiting review$/.exec(cell);
    if (counted) return { coach: +counted[1]!, holds: +counted[2]!, reviewed: +counted[3]!, awaiting: +counted[4]! };
    const none = /^None reviewed; (\d+) awaiting review$/.exec(cell);
    if (!none) throw new Error(`The reviews cell reads "${cell}", which is neither form the dashboard writes.`);
    return { coach: 0, holds: 0, reviewed: 0, awaiting: +none[1]! };
}

test('a manager coaches an SQL from its evidence; its rep reads the comment on the lead', async ({ browser, baseURL }) => {
    const base = baseURL ?? '';
    const rep = await browser.newContext();
    const manager = await browser.newContext();
    const otherRep = await browser.newContext();
    await signInAs(rep, base, 'SDR', 0);
    await signInAs(manager, base, 'Manager');
    await signInAs(otherRep, base, 'SDR', 1);
    const id = leadId('bant-sal-ready');

    // The owner raises the title (a fit fact) and qualifies in the next save.
    expect((await patchLead(rep.request, id, { Title: 'VP Sales Operations' })).status).toBe(200);
    expect((await patchLead(rep.request, id, { Status: 'Sales Qualified' })).status).toBe(200);

    const page = await manager.newPage();
    await page.goto('/dashboard');
    // The rep's review column before the verdict (the sample history's manager has reviewed some of their SQLs).
    const repRow = page.locator(`tr[data-owner="${user('SDR', 0).id}"]`);
    const reviews = repRow.locator('[data-cell="reviews"]');
    await expect(reviews).toHaveText(REVIEWS_CELL, { timeout: 30_000 });
    const before = reviewCounts(await reviews.textContent());
    const sqls = repRow.locator('td').nth(1);
    const sqlsBefore = (await sqls.textContent())?.trim() ?? '';
    expect(before.reviewed + before.awaiting).toBe(Number(sqlsBefore));
    const item = page.locator(`c-evidence-review li[data-lead="${id}"]`);
    const awaiting = page.locator('c-evidence-review [data-id="awaiting"]');
    await expect(awaiting).toHaveText(/^\d+ SQLs of the last 4 weeks await review\.$/);
    const waitingBefore = Number((await awaiting.textContent())?.match(/\d+/)?.[0]);
    await expect(item).toContainText(`Qualified by ${user('SDR', 0).name}`);
    await expect(item.locator('[data-id="scores"]')).toContainText(`definition ${SQL_DEFINITION.version}`);
    await expect(item.locator('[data-id="fit-edited"]')).toContainText('before qualifying');
    await expect(item.locator('[data-id="criteria"]')).toBeVisible();

    // SLDS hides the native radio behind its label: a user clicks the label.
    await item.locator('label.slds-radio__label', { hasText: 'Coach' }).click();
    await expect(item.getByLabel('Coach', { exact: true })).toBeChecked();
    await item.getByRole('button', { name: 'Save verdict' }).click();
    await expect(item.locator('[data-id="error"]')).toContainText('a Coach verdict needs a comment');
    await expect(item.getByRole('textbox')).toBeFocused();
    const comment = 'The timeline evidence names no date: ask when the budget is released.';
    await item.getByRole('textbox').fill(comment);
    await item.getByRole('button', { name: 'Save verdict' }).click();
    await expect(item.locator('[data-id="status"]')).toHaveText('Saved: Coach. The rep sees it on the lead.');

    await expect(awaiting).toHaveText(`${waitingBefore - 1} SQLs of the last 4 weeks await review.`);

    // The dashboard counts the verdict for that rep once it loads again; the reviewed SQL leaves the queue.
    await page.reload();
    await expect(awaiting).toHaveText(`${waitingBefore - 1} SQLs of the last 4 weeks await review.`);
    await expect(item).toHaveCount(0);
    const after = `${before.coach + 1} coach, ${before.holds} holds of ${before.reviewed + 1} reviewed; ${before.awaiting - 1} awaiting review`;
    await expect(reviews).toHaveText(after, { timeout: 30_000 });
    await expect(sqls).toHaveText(sqlsBefore);

    const lead = await openLead(await rep.newPage(), 'bant-sal-ready');
    const card = lead.page.locator('c-lead-evidence-reviews');
    await expect(card.locator('[data-id="comment"]')).toHaveText(comment);
    await expect(card.locator('[data-id="outcome"]')).toHaveText('Coach');
    await expect(card.locator('[data-id="byline"]')).toContainText(`${user('Manager').name} on`);
    await expect(card.locator('[data-id="fit-edited"]')).toContainText('before qualifying');

    const other = await openLead(await otherRep.newPage(), 'bant-sal-ready');
    await expect(other.page.locator('c-lead-evidence-reviews [data-id="empty"]')).toBeVisible();
    await Promise.all([rep.close(), manager.close(), otherRep.close()]);
});
