/**
 * The buying committee on a MEDDIC lead (issue 19): the SDR names the economic buyer and the champion on the Lead page,
 * the lead's count fields follow on the server, the lead still qualifies afterwards (the recount is a save of the lead;
 * the open panel picks up the newer record instead of reporting a conflict), and converting it shows the Opportunity
 * with the committee as contact roles and the MEDDIC panel.
 */
import { expect, test, type Page } from '@playwright/test';
import { detailValue, leadId, openLead, resetData, signInAs } from './support.ts';

test.beforeEach(async ({ request, context, baseURL }) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
});

async function addPerson(page: Page, name: string, title: string, email: string, role: string): Promise<void> {
    const card = page.locator('c-lead-buying-committee');
    await card.locator('[data-field="name"]').fill(name);
    await card.getByLabel('Title (optional)').fill(title);
    await card.getByLabel('Email (optional)').fill(email);
    await card.getByLabel('Role').selectOption(role);
    await card.getByRole('button', { name: 'Add person' }).click();
    await expect(card.locator('[data-id="status"]')).toHaveText(`${name} added as ${role}.`);
}

test('an SDR names the economic buyer and champion of a MEDDIC lead, then qualifies it', async ({ page }) => {
    const lead = await openLead(page, 'meddic-enterprise');
    const card = page.locator('c-lead-buying-committee');
    await expect(card.locator('[data-id="empty"]')).toBeVisible();
    await expect(card.locator('[data-id="coverage"]')).toHaveText('0 of 5 roles named.');

    await addPerson(page, 'Sam Patel', 'CRO', 'sam.patel@example.com', 'Economic Buyer');
    await addPerson(page, 'Ana Ruiz', 'Head of RevOps', 'ana.ruiz@example.com', 'Champion');
    await expect(card.locator('[data-id="coverage"]')).toHaveText('2 of 5 roles named.');
    await expect(card.locator('[data-id="missing"]')).toHaveText(
        'Not named yet: Decision Maker, Influencer, Blocker. Who else is involved?'
    );
    await expect(card.getByRole('list', { name: 'People named on this lead' }).getByRole('listitem')).toHaveText([
        /Ana Ruiz · Champion/,
        /Sam Patel · Economic Buyer/
    ]);

    // The server counted them on the lead, as LeadCommitteeCounts does in the org.
    const read = await page.request.get(
        `/ui-api/records/${leadId('meddic-enterprise')}?fields=Lead.Committee_Economic_Buyer_Count__c,Lead.Committee_Champion_Count__c`
    );
    const fields = ((await read.json()) as { fields: Record<string, { value: unknown }> }).fields;
    expect([fields.Committee_Economic_Buyer_Count__c?.value, fields.Committee_Champion_Count__c?.value]).toEqual([1, 1]);

    // A person named by mistake is removed; the count follows.
    await card.getByRole('button', { name: 'Remove Sam Patel from the buying committee' }).click();
    await expect(card.locator('[data-id="status"]')).toHaveText('Sam Patel removed from the buying committee.');
    await expect(card.locator('[data-id="coverage"]')).toHaveText('1 of 5 roles named.');
    await addPerson(page, 'Sam Patel', 'CRO', 'sam.patel@example.com', 'Economic Buyer');

    // The panel qualifies the lead after the recounts (no conflict with the committee's saves of the lead).
    await lead.setStatus('Decision Process Status', 'Confirmed');
    await lead.evidence('Decision Process Evidence').fill('Pilot in July, security review in August, then procurement signs');
    await lead.setStatus('Champion Status', 'Confirmed');
    await lead.evidence('Champion Evidence').fill('Ana Ruiz set up the demo and is briefing the CRO Sam Patel');
    await lead.button('Mark Sales Qualified').click();
    await expect(page.getByRole('status').filter({ hasText: 'Lead is now Sales Qualified' })).toBeVisible();
    await expect(detailValue(page, 'Status')).toHaveText('Sales Qualified');

    // Convert it: the committee becomes the Opportunity's contact roles, and MEDDIC continues there.
    await page.reload();
    await page.getByRole('button', { name: 'Convert', exact: true }).click();
    await expect(page).toHaveURL(/\/opportunity\/006/);
    const roles = page.getByTestId('contact-roles');
    await expect(roles.locator('[data-contact-role="Sam Patel"] td').first()).toHaveText('Economic Buyer');
    await expect(roles.locator('[data-contact-role="Ana Ruiz"] td').first()).toHaveText('Executive Sponsor');
    const meddic = page.locator('c-opportunity-meddic');
    await expect(meddic.locator('[data-id="started-from"]')).toContainText('The lead was qualified with MEDDIC');
    await expect(meddic.locator('[data-id="coverage"]')).toHaveText('2 of 5 buying-committee roles named on this deal.');
    await expect(meddic.locator('[data-id="complete-count"]')).toHaveText('6 of 6 criteria complete');
    await expect(meddic.locator('[data-id="ready"]')).toHaveText('MEDDIC is complete for this deal.');
    await expect(page.locator('c-opportunity-qualification-summary [data-id="framework"]')).toHaveText('Qualified with MEDDIC');
});

test('a typing mistake is caught before the save, with what to fix', async ({ page }) => {
    await openLead(page, 'meddic-enterprise');
    const card = page.locator('c-lead-buying-committee');
    await card.getByLabel('Email (optional)').fill('sam.patel@');
    await card.getByRole('button', { name: 'Add person' }).click();
    await expect(card.locator('[data-id="name-error"]')).toHaveText("Enter the person's name.");
    await card.locator('[data-field="name"]').fill('Sam Patel');
    await card.getByRole('button', { name: 'Add person' }).click();
    await expect(card.locator('[data-id="email-error"]')).toHaveText('Enter an email like name@company.com, or leave it blank.');
    await expect(card.locator('[data-id="empty"]')).toBeVisible();
});
