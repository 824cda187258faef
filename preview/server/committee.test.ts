/**
 * The emulated committee API (preview/server/committee.ts) over the preview's real store: naming and removing people,
 * the lead's count fields recounted as LeadCommitteeCounts does, what bad input and missing permissions get, and a
 * refused recount rolling the change back. Planted faults show the count and rollback checks can fail.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { committeeCounts } from 'c/buyingCommittee';
import { COMMITTEE_OBJECT, SQL_DEFINITION, committeeCountField } from 'c/sqlDefinition';
import { loadPreviewStore } from './loadStore.ts';
import type { LeadStore } from './leadStore.ts';
import { CommitteeApi, COMMITTEE_RELATED_LIST, loadCommitteeFields } from './committee.ts';
import { ROOT } from '../bundler/bundle.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const FIELDS = loadCommitteeFields(ROOT);
const fresh = () => {
    const { store, seed } = loadPreviewStore(ROOT, () => NOW);
    const userOf = (role: string): string => {
        const user = seed.users.find((u) => u.role === role);
        assert.ok(user, `data/users.json has a ${role}`);
        return user.id;
    };
    const lead = store.allLeads().find((l) => l.IsConverted !== true);
    assert.ok(lead, 'the sample data has an open lead');
    return {
        store,
        api: new CommitteeApi(store, FIELDS, SQL_DEFINITION, () => NOW),
        sdr: userOf('SDR'),
        manager: userOf('Manager'),
        leadId: String(lead.Id)
    };
};

const person = (leadId: string, name: string, role: string, extra: Record<string, unknown> = {}) => ({
    apiName: COMMITTEE_OBJECT,
    fields: { Lead__c: leadId, Name: name, Role__c: role, ...extra }
});

/** The lead's count fields as the store holds them, against what committeeCounts gives for the people named. */
const countsOf = (store: LeadStore, leadId: string): Record<string, unknown> =>
    Object.fromEntries(
        SQL_DEFINITION.committee.roles.map((r) => [committeeCountField(r), store.leadValues(leadId)?.[committeeCountField(r)] ?? null])
    );
const countsFollow = (store: LeadStore, api: CommitteeApi, leadId: string): boolean =>
    JSON.stringify(countsOf(store, leadId)) === JSON.stringify(committeeCounts(api.roleValues(leadId)));

type Related = { count: number; records: Array<{ id: string; fields: Record<string, { value: unknown }> }> };
type SaveError = { errorCode: string; message: string; output: { fieldErrors: Record<string, Array<{ errorCode: string }>> } };

describe('the buying committee in the preview', () => {
    it('naming people lists them on the lead and recounts its count fields', () => {
        const { store, api, sdr, leadId } = fresh();
        const before = String(store.leadValues(leadId)?.LastModifiedDate);
        for (const [name, role] of [
            ['Sam Patel', 'Economic Buyer'],
            ['Ana Ruiz', 'Champion'],
            ['Kim Wu', 'Champion']
        ] as const) {
            const created = api.create(sdr, person(leadId, name, role, { Email__c: `${name.split(' ')[0]?.toLowerCase()}@acme.example` }));
            assert.equal(created.status, 201, JSON.stringify(created.body));
        }
        assert.deepEqual(countsOf(store, leadId), {
            Committee_Economic_Buyer_Count__c: 1,
            Committee_Champion_Count__c: 2,
            Committee_Decision_Maker_Count__c: 0,
            Committee_Influencer_Count__c: 0,
            Committee_Blocker_Count__c: 0
        });
        assert.ok(String(store.leadValues(leadId)?.LastModifiedDate) > before, 'the recount is a save of the lead');
        const list = api.relatedList(sdr, leadId, COMMITTEE_RELATED_LIST, {
            fields: [`${COMMITTEE_OBJECT}.Name`, `${COMMITTEE_OBJECT}.Role__c`],
            sortBy: [`${COMMITTEE_OBJECT}.Name`]
        });
        assert.equal(list.status, 200);
        const body = list.body as Related;
        assert.deepEqual(
            body.records.map((r) => [r.fields.Name?.value, r.fields.Role__c?.value]),
            [
                ['Ana Ruiz', 'Champion'],
                ['Kim Wu', 'Champion'],
                ['Sam Patel', 'Economic Buyer']
            ]
        );
        const removed = api.delete(sdr, body.records[2]?.id ?? '');
        assert.equal(removed.status, 204);
        assert.equal(store.leadValues(leadId)?.Committee_Economic_Buyer_Count__c, 0, 'the removed economic buyer is no longer counted');
        assert.ok(countsFollow(store, api, leadId));
    });

    it('the count check fails when the recount is left out (planted)', () => {
        const { store, api, sdr, leadId } = fresh();
        store.systemUpdate = () => ({ ok: true }); // planted: the trigger never writes the lead
        assert.equal(api.create(sdr, person(leadId, 'Sam Patel', 'Economic Buyer')).status, 201);
        assert.ok(!countsFollow(store, api, leadId));
    });

    it('a recount the lead refuses refuses the change, and the person is not kept', () => {
        const { store, api, sdr, leadId } = fresh();
        store.systemUpdate = () => ({ ok: false, message: 'Planted rule: the lead refuses this save.' });
        const created = api.create(sdr, person(leadId, 'Sam Patel', 'Economic Buyer'));
        assert.equal(created.status, 400);
        assert.equal((created.body as SaveError).message, 'Planted rule: the lead refuses this save.');
        assert.deepEqual(api.roleValues(leadId), [], 'rolled back as the trigger addError does');
    });

    it('refuses bad input field by field, with what to fix', () => {
        const { api, sdr, leadId } = fresh();
        const codes = (body: unknown) =>
            Object.fromEntries(Object.entries((body as SaveError).output.fieldErrors).map(([f, e]) => [f, e[0]?.errorCode]));
        assert.deepEqual(codes(api.create(sdr, person(leadId, '  ', 'Champion')).body), { Name: 'REQUIRED_FIELD_MISSING' });
        assert.deepEqual(codes(api.create(sdr, person(leadId, 'Ana', 'Champion', { Email__c: 'ana@' })).body), {
            Email__c: 'INVALID_EMAIL_ADDRESS'
        });
        assert.deepEqual(codes(api.create(sdr, person(leadId, 'Ana', 'Coach')).body), {
            Role__c: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        });
        assert.deepEqual(codes(api.create(sdr, person(leadId, 'Ana', 'Champion', { Title__c: 'x'.repeat(129) })).body), {
            Title__c: 'STRING_TOO_LONG'
        });
        assert.deepEqual(codes(api.create(sdr, person(leadId, 'Ana', 'Champion', { Opportunity__c: '006000000000001AAA' })).body), {
            Opportunity__c: 'INVALID_FIELD_FOR_INSERT_UPDATE'
        });
        assert.deepEqual(codes(api.create(sdr, person('00Q000000000000', 'Ana', 'Champion')).body), {
            Lead__c: 'FIELD_INTEGRITY_EXCEPTION'
        });
        assert.equal(api.create(sdr, { apiName: 'Account', fields: { Name: 'Acme' } }).status, 400);
        assert.equal(api.create(sdr, 'not an object').status, 400);
        assert.deepEqual(api.roleValues(leadId), [], 'nothing was stored');
    });

    it('follows the permission sets: a manager reads the committee but cannot change it', () => {
        const { api, sdr, manager, leadId } = fresh();
        assert.equal(api.create(sdr, person(leadId, 'Ana Ruiz', 'Champion')).status, 201);
        const refused = api.create(manager, person(leadId, 'Sam Patel', 'Economic Buyer'));
        assert.equal(refused.status, 403);
        assert.match((refused.body as SaveError).message, /cannot add people/);
        const list = api.relatedList(manager, leadId, COMMITTEE_RELATED_LIST, { fields: ['Name'], sortBy: [] });
        assert.equal((list.body as Related).count, 1);
        const id = (list.body as Related).records[0]?.id ?? '';
        assert.equal(api.delete(manager, id).status, 403);
        assert.equal(api.delete(sdr, id).status, 204);
        assert.equal(api.delete(sdr, id).status, 404, 'a person removed twice is not found');
    });

    it('answers other related lists and unknown leads with a clear 404', () => {
        const { api, sdr, leadId } = fresh();
        const other = api.relatedList(sdr, leadId, 'Contacts', { fields: [], sortBy: [] });
        assert.equal(other.status, 404);
        assert.match(JSON.stringify(other.body), /LeadGate_Committee_Members__r only/);
        assert.equal(api.relatedList(sdr, '00Q000000000000', COMMITTEE_RELATED_LIST, { fields: [], sortBy: [] }).status, 404);
    });
});
