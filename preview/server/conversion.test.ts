/**
 * Lead conversion in the preview (preview/server/conversion.ts) over the real store: the records the conversion
 * creates, the qualification carried to the Opportunity, the buying committee turned into contact roles by
 * c/buyingCommittee planConversion, and what is refused. Planted faults show the checks can fail.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMITTEE_OBJECT } from 'c/sqlDefinition';
import { loadPreviewStore } from './loadStore.ts';
import type { LeadStore } from './leadStore.ts';
import { CommitteeApi, loadCommitteeFields, COMMITTEE_RELATED_LIST } from './committee.ts';
import { contactRolesOf, convertLead, opportunityRecord, type ConversionOutcome } from './conversion.ts';
import { ROOT } from '../bundler/bundle.ts';

const FIELDS = loadCommitteeFields(ROOT);
const fresh = () => {
    const { store, seed } = loadPreviewStore(ROOT);
    const sdr = seed.users.find((u) => u.role === 'SDR')?.id ?? '';
    const manager = seed.users.find((u) => u.role === 'Manager')?.id ?? '';
    const lead = store.allLeads().find((l) => l.IsConverted !== true && l.Status === 'Sales Qualified');
    assert.ok(lead, 'the sample data has a Sales Qualified lead');
    return { store, api: new CommitteeApi(store, FIELDS), sdr, manager, leadId: String(lead.Id), lead };
};
const name = (store: LeadStore, api: CommitteeApi, sdr: string, leadId: string, who: string, role: string, email: string | null = null) =>
    assert.equal(
        api.create(sdr, { apiName: COMMITTEE_OBJECT, fields: { Lead__c: leadId, Name: who, Role__c: role, Email__c: email } }).status,
        201
    );

describe('lead conversion in the preview', () => {
    it('creates the account, contact and opportunity, carries the qualification and turns the committee into contact roles', () => {
        const { store, api, sdr, leadId, lead } = fresh();
        name(store, api, sdr, leadId, 'Sam Patel', 'Economic Buyer', 'sam.patel@example.com');
        name(store, api, sdr, leadId, 'Ana Ruiz', 'Champion', 'ana.ruiz@example.com');
        name(store, api, sdr, leadId, 'Ana Ruiz (second entry)', 'Influencer', 'ANA.RUIZ@example.com');
        const result = convertLead(store, sdr, leadId);
        assert.equal(result.status, 200, JSON.stringify(result.body));
        const { opportunityId, accountId } = result.body as ConversionOutcome;
        const opportunity = store.table('Opportunity').get(opportunityId) ?? {};
        assert.equal(opportunity.AccountId, accountId);
        assert.equal(opportunity.Qualification_Framework__c, lead.Qualification_Framework__c);
        assert.equal(opportunity.SQL_At__c, lead.SQL_At__c);
        assert.equal(opportunity.Converted_Without_SQL__c, false);
        assert.deepEqual(
            contactRolesOf(store, opportunityId).map((r) => [r.name, r.role]),
            [
                [String(lead.Name), null],
                ['Ana Ruiz', 'Executive Sponsor'],
                ['Ana Ruiz', 'Influencer'],
                ['Sam Patel', 'Economic Buyer']
            ],
            'one Contact per email, one role per contact and role; the lead itself without a role'
        );
        assert.equal([...store.table('Contact').values()].filter((c) => c.AccountId === accountId).length, 3, 'no duplicate Contact');
        const converted = store.leadValues(leadId);
        assert.equal(converted?.IsConverted, true);
        assert.equal(converted?.ConvertedOpportunityId, opportunityId);
        const carried = api.relatedList(sdr, opportunityId, COMMITTEE_RELATED_LIST, { fields: ['Name', 'Role__c'], sortBy: ['Name'] });
        assert.equal((carried.body as { count: number }).count, 3, 'the committee is listed on the Opportunity');
        const read = opportunityRecord(store, sdr, opportunityId, ['Opportunity.Qualification_Framework__c', 'Opportunity.Nope__c']);
        assert.deepEqual(Object.keys((read.body as { fields: object }).fields), ['Qualification_Framework__c']);
    });

    it('the contact-role check fails when the committee is not carried (planted)', () => {
        const { store, api, sdr, leadId } = fresh();
        name(store, api, sdr, leadId, 'Sam Patel', 'Economic Buyer');
        store.table(COMMITTEE_OBJECT).clear(); // planted: the committee is lost before the conversion
        const { opportunityId } = convertLead(store, sdr, leadId).body as ConversionOutcome;
        assert.ok(!contactRolesOf(store, opportunityId).some((r) => r.role === 'Economic Buyer'));
    });

    it('refuses a converted lead, an unknown lead and a user who cannot edit leads, with what happened', () => {
        const { store, sdr, manager, leadId } = fresh();
        const managerCanEdit = store.accessOf(manager)?.object('Lead').edit;
        if (!managerCanEdit) assert.equal(convertLead(store, manager, leadId).status, 403);
        assert.equal(convertLead(store, sdr, leadId).status, 200);
        const again = convertLead(store, sdr, leadId);
        assert.equal(again.status, 400);
        assert.match(JSON.stringify(again.body), /already converted/);
        assert.equal(convertLead(store, sdr, '00Q000000000000AAA').status, 404);
    });
});
