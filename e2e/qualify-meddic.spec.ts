/**
 * MEDDIC for an enterprise lead, and a lead below the bar: complete criteria are not enough when the
 * score is below the bar, in the panel and on the server.
 */
import { expect, test } from '@playwright/test';
import { detailValue, leadId, openLead, patchLead, resetData, ruleMessage, signInAs } from './support.ts';

test.beforeEach(async ({ request, context, baseURL }) => {
    await resetData(request);
    await signInAs(context, baseURL ?? '', 'SDR');
});

test('an SDR completes the MEDDIC criteria of an enterprise lead; Sales Qualified still waits for the named economic buyer and champion', async ({
    page
}) => {
    const lead = await openLead(page, 'meddic-enterprise');
    await expect(lead.panel.locator('[data-id="suggestion"]')).toContainText('Suggested for this lead: MEDDIC.');
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('4 of 6 criteria complete');
    await expect(lead.criterion('Metrics')).toBeVisible();
    // Tried early, Mark Sales Qualified is refused with the two incomplete criteria's own rule messages beside them.
    await lead.button('Mark Sales Qualified').click();
    await expect(lead.panel.locator('[data-id="problem"]')).toContainText('The lead was not saved');
    await expect(lead.criterion('Decision_Process').locator('[data-error-for="Decision_Process_Evidence__c"]')).toHaveText(
        ruleMessage('LeadGate_SQL_Needs_Decision_Process')
    );
    await expect(lead.criterion('Champion').locator('[data-error-for="Champion_Evidence__c"]')).toHaveText(
        ruleMessage('LeadGate_SQL_Needs_Champion')
    );
    await expect(lead.panel.locator('[data-error-for="Metrics_Evidence__c"]')).toHaveCount(0);
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Accepted');

    await lead.setStatus('Decision Process Status', 'Confirmed');
    await lead.evidence('Decision Process Evidence').fill('Pilot in July, security review in August, then procurement signs');
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('5 of 6 criteria complete');
    await lead.setStatus('Champion Status', 'Confirmed');
    await lead.evidence('Champion Evidence').fill('Head of RevOps set up the demo and is briefing the CRO');
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('6 of 6 criteria complete');
    // Issue 19: MEDDIC also needs a named economic buyer and champion (LeadGate_Committee_Member__c). The preview cannot
    // host the buying committee card yet, so the lead stays refused here, with the two rules' words; the evidence is kept.
    await expect(lead.panel.locator('[data-id="ready"]')).toHaveCount(0);
    await lead.button('Mark Sales Qualified').click();
    await expect(lead.panel.locator('[data-id="problem"]')).toContainText('The lead was not saved');
    await expect(lead.panel).toContainText(ruleMessage('LeadGate_SQL_Needs_Named_Economic_Buyer'));
    await expect(lead.panel).toContainText(ruleMessage('LeadGate_SQL_Needs_Named_Champion'));
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Accepted');
    await expect(detailValue(page, 'Status')).toHaveText('Sales Accepted');
});

test('a lead below the bar stays unqualified with every criterion complete', async ({ page }) => {
    const lead = await openLead(page, 'high-intent-poor-fit');
    await expect(lead.scoreCard.locator('[data-id="verdict"]')).toHaveText('Below the SQL bar');
    await expect(lead.scoreCard.locator('[data-id="ledger"]')).toContainText('Free email domain');

    // No framework yet: choose BANT and complete all four criteria.
    await lead.panel.getByText('BANT', { exact: true }).click();
    await expect(lead.criterion('Budget')).toBeVisible();
    const evidence: Record<string, string> = {
        Budget: 'Owner set aside 8k for tooling this quarter',
        Authority: 'Kai is the owner and signs every purchase',
        Need: 'Loses two days a week to manual lead follow-up',
        Timeline: 'Wants it running before the autumn campaign'
    };
    for (const [criterion, text] of Object.entries(evidence)) {
        await lead.setStatus(`${criterion} Status`, 'Confirmed');
        await lead.evidence(`${criterion} Evidence`).fill(text);
    }
    await expect(lead.panel.locator('[data-id="complete-count"]')).toHaveText('4 of 4 criteria complete');
    await lead.button('Accept').click();
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Accepted');

    // Complete evidence does not lift the fit score: the bar still blocks.
    await expect(lead.blockers).toContainText('is below the bar of 40');
    // Mark Sales Qualified is refused in the score-bar rule's own words, at the top (the rule names no field).
    await lead.button('Mark Sales Qualified').click();
    await expect(lead.panel.locator('[data-id="problem-messages"]')).toContainText(ruleMessage('LeadGate_SQL_Needs_Score_Bar'));
    await expect(lead.panel.locator('[data-id="stage"]')).toHaveText('Stage: Sales Accepted');
    // The server agrees through the API too.
    const refused = await patchLead(page.request, leadId('high-intent-poor-fit'), { Status: 'Sales Qualified' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.output)).toContain(ruleMessage('LeadGate_SQL_Needs_Score_Bar'));
});
