/**
 * An SDR qualifies a BANT lead: the panel lists what blocks Sales Qualified, and Mark Sales Qualified,
 * tried early, is refused by the server with the generated rules' own messages beside the incomplete
 * criteria; the score card and ledger follow a new Title before anything is saved; the list and
 * counters follow the rep's typing; Accept and Mark Sales Qualified then go through the server's rules
 * and stamps. A later edit that would break the evidence of a Sales Qualified lead is refused with the
 * validation rule's own message beside the field, the rep's draft kept.
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
        'Authority: set the status to Confirmed (now In Progress) and write evidence of at least 20 letters and digits (now 10).'
    );
    await expect(lead.blockers).toContainText('Accept the lead first');
    // Not ready, and the action says so, but stays available: the server's rules are the judge.
    const qualify = lead.button('Mark Sales Qualified');
    await expect(qualify).toBeEnabled();
    await expect(qualify).toHaveAccessibleDescription(/^Still blocking Sales Qualified: 3 \(see the list\)\./);
    await expect(lead.panel.locator('[data-id="qualify-blocked"]')).toBeVisible();

    // Tried now, it is refused with the generated rules' own messages (read from force-app) beside the incomplete criteria.
    await qualify.click();
    const problem = lead.panel.locator('[data-id="problem"]');
    await expect(problem).toContainText('The lead was not saved');
    for (const criterion of ['Authority', 'Timeline']) {
        await expect(lead.criterion(criterion).locator(`[data-error-for="${criterion}_Evidence__c"]`)).toHaveText(
            ruleMessage(`LeadGate_SQL_Needs_${criterion}`)
        );
        await expect(lead.evidence(`${criterion} Evidence`)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(lead.panel.locator('[data-error-for="Budget_Evidence__c"]')).toHaveCount(0);
    await expect(lead.panel.locator('[data-error-for="Need_Evidence__c"]')).toHaveCount(0);
    // The acceptance rule is shown on Status, which the panel has no box for: at the top.
    await expect(problem.locator('[data-id="problem-messages"]')).toContainText(ruleMessage('LeadGate_SQL_Needs_Sales_Accepted'));
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Marketing Qualified');
    await expect(detailValue(page, 'Status')).toHaveText('Marketing Qualified');

    // The score card explains the score line by line.
    await expect(lead.scoreCard.locator('[data-id="verdict"]')).toHaveText('Meets the SQL bar');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toContainText('Buying authority in title');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toContainText('Demo request');

    // The lead facts that drive fit: a new Title rescores the lead while the rep types, before any save.
    const fitText = lead.scoreCard.locator('[data-id="meter-text"]').first();
    await expect(fitText).toHaveText('Fit: 80 of 100 (bar 40)');
    await lead.panel.getByRole('button', { name: 'Lead facts that drive fit' }).click();
    const title = lead.panel.getByLabel('Title', { exact: true });
    await expect(title).toHaveValue('VP of Operations');
    await title.fill('');
    await title.pressSequentially('Operations Manager', { delay: 5 });
    await expect(fitText).toHaveText('Fit: 55 of 100 (bar 40)');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).not.toContainText('Buying authority in title');
    await title.fill('');
    await title.pressSequentially('Head of Operations', { delay: 5 });
    await expect(fitText).toHaveText('Fit: 80 of 100 (bar 40)');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toContainText('Buying authority in title');
    await expect(detailValue(page, 'Title')).toHaveText('VP of Operations');

    // While the rep types, before any save: the counter, the criterion state and the list follow.
    const authority = lead.evidence('Authority Evidence');
    await authority.fill('');
    await authority.pressSequentially('VP Ops Ines Moreau signs', { delay: 5 });
    await expect(lead.panel.locator('[data-counter-for="Authority_Evidence__c"]')).toHaveText('20 letters and digits: enough evidence');
    await expect(lead.blockers).toContainText('Authority: set the status to Confirmed (now In Progress).');
    await lead.setStatus('Authority Status', 'Confirmed');
    await expect(lead.criterion('Authority').locator('[data-id="criterion-state"]')).toHaveText('Complete');
    await lead.setStatus('Timeline Status', 'Confirmed');
    await lead.evidence('Timeline Evidence').fill('Live before the 1 June sales kickoff; contract signed in May');
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('4 of 4 criteria complete');
    await expect(lead.blockers.locator('li')).toHaveCount(1);
    await expect(lead.panel.locator('[data-id="unsaved"]')).toBeVisible();
    // Completing a criterion cleared its message.
    await expect(lead.panel.locator('[data-error-for="Authority_Evidence__c"]')).toHaveCount(0);

    // Accept saves the draft with Status = Sales Accepted; the flow stamps the acceptance.
    await lead.button('Accept').click();
    await expect(page.getByRole('status').filter({ hasText: 'Lead accepted' })).toBeVisible();
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Accepted');
    await expect(lead.panel.locator('[data-id="ready"]')).toBeVisible();
    await expect(detailValue(page, 'Accepted_At__c')).not.toBeEmpty();
    await expect(detailValue(page, 'Title')).toHaveText('Head of Operations');

    await lead.button('Mark Sales Qualified').click();
    await expect(page.getByRole('status').filter({ hasText: 'Lead is now Sales Qualified' })).toBeVisible();
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Qualified');
    // Right after qualifying the section says where the lead stands, no longer that it "can be marked Sales Qualified".
    await expect(lead.panel.locator('[data-id="qualified"]')).toHaveText('This lead is Sales Qualified. Nothing more is needed here.');
    await expect(lead.panel.locator('[data-id="ready"]')).toHaveCount(0);
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
