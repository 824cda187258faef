/**
 * An SDR qualifies a BANT lead: the panel says what blocks Sales Qualified and keeps the action
 * unavailable, the list and counters follow the rep's typing before anything is saved, Accept and
 * Mark Sales Qualified go through the server's rules and stamps, and a later edit that would break
 * the evidence of a Sales Qualified lead is refused with the validation rule's own message beside
 * the field, the rep's draft kept.
 */
import { expect, test } from '@playwright/test';
import { detailValue, openLead, resetData, ruleMessage, signInAs, user } from './support.ts';

test.beforeEach(async ({ request, context, baseURL }) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
});

test('an SDR completes a BANT lead, accepts it and marks it Sales Qualified', async ({ page }) => {
    const lead = await openLead(page, 'bant-mql-partial');
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Marketing Qualified');
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('2 of 4 criteria complete');
    await expect(lead.blockers.locator('li')).toHaveCount(3);
    await expect(lead.blockers).toContainText(
        'Authority: set the status to Confirmed (now In Progress) and write at least 20 characters of evidence (now 13).'
    );
    await expect(lead.blockers).toContainText('Accept the lead first');
    // Not ready: the action waits, and says why.
    await expect(lead.button('Mark Sales Qualified')).toBeDisabled();
    await expect(lead.panel.locator('[data-id="qualify-blocked"]')).toBeVisible();

    // The score card explains the score line by line.
    await expect(lead.scoreCard.locator('[data-id="verdict"]')).toHaveText('Meets the SQL bar');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toContainText('Buying authority in title');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toContainText('Demo request');

    // While the rep types, before any save: the counter, the criterion state and the list follow.
    const authority = lead.evidence('Authority Evidence');
    await authority.fill('');
    await authority.pressSequentially('VP Ops Ines Moreau signs', { delay: 5 });
    await expect(lead.panel.locator('[data-counter-for="Authority_Evidence__c"]')).toHaveText('24 characters: enough evidence');
    await expect(lead.blockers).toContainText('Authority: set the status to Confirmed (now In Progress).');
    await lead.setStatus('Authority Status', 'Confirmed');
    await expect(lead.criterion('Authority').locator('[data-id="criterion-state"]')).toHaveText('Complete');
    await lead.setStatus('Timeline Status', 'Confirmed');
    await lead.evidence('Timeline Evidence').fill('Live before the 1 June sales kickoff; contract signed in May');
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('4 of 4 criteria complete');
    await expect(lead.blockers.locator('li')).toHaveCount(1);
    await expect(lead.panel.locator('[data-id="unsaved"]')).toBeVisible();

    // Accept saves the draft with Status = Sales Accepted; the flow stamps the acceptance.
    await lead.button('Accept').click();
    await expect(page.getByRole('status').filter({ hasText: 'Lead accepted' })).toBeVisible();
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Accepted');
    await expect(lead.panel.locator('[data-id="ready"]')).toBeVisible();
    await expect(detailValue(page, 'Accepted_At__c')).not.toBeEmpty();

    await lead.button('Mark Sales Qualified').click();
    await expect(page.getByRole('status').filter({ hasText: 'Lead is now Sales Qualified' })).toBeVisible();
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Qualified');
    // Every component showing the lead follows the save (one LDS cache): the highlights and the details.
    await expect(page.locator('shell-record-highlights [data-field="Status"]')).toHaveText('Sales Qualified');
    await expect(detailValue(page, 'SQL_Qualified_By__c')).toHaveText(user('SDR').name);
    await expect(detailValue(page, 'SQL_At__c')).not.toBeEmpty();
});

test('a Sales Qualified lead keeps its evidence: a weaker edit is refused with the rule beside the field, and the draft stays', async ({
    page
}) => {
    const lead = await openLead(page, 'bant-sal-ready');
    await lead.button('Mark Sales Qualified').click();
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Qualified');

    const budget = lead.evidence('Budget Evidence');
    await budget.fill('maybe later');
    await lead.button('Save').click();
    const problem = lead.panel.locator('[data-id="problem"]');
    await expect(problem).toContainText('The lead was not saved');
    // The validation rule's own words, from force-app, next to the criterion it is about.
    await expect(lead.panel.locator('[data-error-for="Budget_Evidence__c"]')).toHaveText(ruleMessage('LeadGate_SQL_Needs_Budget'));
    await expect(budget).toHaveAttribute('aria-invalid', 'true');
    await expect(budget).toHaveValue('maybe later');
    await expect(detailValue(page, 'Budget_Evidence__c')).not.toHaveText('maybe later');

    await budget.fill('CFO approved 90k for lead routing in the FY26 plan');
    await lead.button('Save').click();
    await expect(page.getByRole('status').filter({ hasText: 'Qualification saved' })).toBeVisible();
    await expect(detailValue(page, 'Budget_Evidence__c')).toHaveText('CFO approved 90k for lead routing in the FY26 plan');
});
