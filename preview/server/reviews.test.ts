/** The emulated createRecord and related list behind the review queue and the rep's review card. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REVIEW_OUTCOMES } from 'c/sqlDefinition';
import { ROOT } from '../bundler/bundle.ts';
import { loadPreviewStore } from './loadStore.ts';
import { checkSeededReviews, createReview, REVIEW_RELATED_LIST, reviewRelatedList } from './reviews.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
type Listed = { count: number; records: Array<{ id: string; fields: Record<string, { value: unknown }> }> };

describe('evidence reviews in the preview', () => {
    const { store } = loadPreviewStore(ROOT, () => NOW);
    const users = store.users();
    const byRole = (set: string) => users.filter((u) => u.permissionSets.includes(set));
    const manager = byRole('LeadGate_Manager')[0]!;
    const [rep, otherRep] = byRole('LeadGate_SDR');
    const lead = store.allLeads().find((l) => l.OwnerId === rep!.id)!;
    const review = (outcome: string | null, comment: string | null, extra: Record<string, unknown> = {}) => ({
        apiName: 'LeadGate_Evidence_Review__c',
        fields: { Lead__c: lead.Id, Outcome__c: outcome, Comment__c: comment, Definition_Version__c: '2026.6', OwnerId: rep!.id, ...extra }
    });
    const list = (userId: string) =>
        reviewRelatedList(store, userId, String(lead.Id), REVIEW_RELATED_LIST, [
            'LeadGate_Evidence_Review__c.Outcome__c',
            'LeadGate_Evidence_Review__c.Comment__c',
            'LeadGate_Evidence_Review__c.CreatedBy.Name'
        ]);

    it('a manager saves a Coach verdict with a comment; the rep who owns the lead reads it, another rep does not', () => {
        assert.ok(manager && rep && otherRep && lead, 'the sample data has a manager, two reps and a lead');
        const created = createReview(store, manager.id, review(REVIEW_OUTCOMES.coach, 'Ask who signs the PO.'));
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const mine = list(rep!.id);
        assert.equal(mine.status, 200);
        const body = mine.body as Listed;
        assert.equal(body.count, 1);
        assert.equal(body.records[0]!.fields.Comment__c!.value, 'Ask who signs the PO.');
        assert.deepEqual(body.records[0]!.fields.CreatedBy!.value, {
            apiName: 'User',
            id: manager.id,
            fields: { Name: { value: manager.name, displayValue: null } }
        });
        assert.equal((list(manager.id).body as Listed).count, 1, 'the manager reads it with View All');
        assert.equal((list(otherRep!.id).body as Listed).count, 0, 'not their review');
    });

    it('refuses what the org refuses, saying what to do', () => {
        const noComment = createReview(store, manager.id, review(REVIEW_OUTCOMES.coach, null));
        assert.equal(noComment.status, 400);
        assert.match(JSON.stringify(noComment.body), /needs a comment/);
        assert.match(JSON.stringify(createReview(store, manager.id, review(null, null)).body), /Choose an outcome/);
        assert.match(JSON.stringify(createReview(store, manager.id, review('Great', null)).body), /restricted picklist/);
        const bySdr = createReview(store, rep!.id, review(REVIEW_OUTCOMES.holds, null));
        assert.equal(bySdr.status, 403, 'an SDR cannot review');
        assert.match(JSON.stringify(bySdr.body), /needs LeadGate_Manager/);
        assert.equal(createReview(store, manager.id, review(REVIEW_OUTCOMES.holds, null, { Status__c: 'x' })).status, 400);
        assert.equal(createReview(store, manager.id, { apiName: 'Lead', fields: {} }).status, 400);
        assert.equal((list(rep!.id).body as Listed).count, 1, 'nothing refused was stored');
    });

    it('every verdict is a new row: the history reads newest first', () => {
        assert.equal(createReview(store, manager.id, review(REVIEW_OUTCOMES.holds, 'Better now.')).status, 201);
        const rows = (list(rep!.id).body as Listed).records;
        assert.equal(rows.length, 2);
        assert.deepEqual(rows.map((r) => r.fields.Outcome__c!.value).sort(), [REVIEW_OUTCOMES.coach, REVIEW_OUTCOMES.holds].sort());
    });

    it('seeds the sample reviews through the same checks, and leaves out (naming the fix) a seeded review the org would refuse', () => {
        const seeded = loadPreviewStore(ROOT, () => NOW);
        const reviews = seeded.store.records('LeadGate_Evidence_Review__c');
        assert.deepEqual(seeded.problems, []);
        assert.ok(reviews.length > 300, `${reviews.length} seeded reviews`);
        const reviewed = seeded.store.allLeads().find((l) => l.Id === reviews[0]!.Lead__c)!;
        const owned = reviewRelatedList(seeded.store, String(reviewed.OwnerId), String(reviewed.Id), REVIEW_RELATED_LIST, [
            'LeadGate_Evidence_Review__c.Outcome__c'
        ]);
        assert.ok((owned.body as Listed).count >= 1, 'the rep reads the seeded review of their SQL');
        const table = seeded.store.table('LeadGate_Evidence_Review__c');
        const good = reviews[0]!;
        const sdr = seeded.store.users().find((u) => u.permissionSets.includes('LeadGate_SDR'))!;
        const plant = (id: string, change: Record<string, unknown>) => table.set(id, { ...good, Id: id, ...change });
        plant('planted-coach', { Outcome__c: REVIEW_OUTCOMES.coach, Comment__c: null });
        plant('planted-lead', { Lead__c: '00QNOSUCHLEAD00AAA' });
        plant('planted-owner', {
            OwnerId: seeded.store.users().find((u) => u.id !== good.OwnerId && u.permissionSets.includes('LeadGate_SDR'))!.id
        });
        plant('planted-reviewer', { CreatedById: sdr.id });
        plant('planted-outcome', { Outcome__c: 'Looks fine' });
        const problems = checkSeededReviews(seeded.store);
        assert.equal(problems.length, 5, problems.join('\n'));
        for (const [id, why] of [
            ['planted-coach', /needs a comment/],
            ['planted-lead', /is no sample lead/],
            ['planted-owner', /not the lead's owner/],
            ['planted-reviewer', /may not create evidence reviews/],
            ['planted-outcome', /restricted picklist/]
        ] as const) {
            const line = problems.find((p) => p.includes(`review ${id} `)) ?? '';
            assert.match(line, why);
            assert.match(line, /Fix: the sample-data generator/);
            assert.equal(table.has(id), false, `${id} was left out`);
        }
        assert.equal(table.size, reviews.length, 'the good seeded reviews stay');
    });
});
