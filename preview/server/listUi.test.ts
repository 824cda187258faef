/** The emulated list endpoint behind c/sdrQueue: the generated list views' scope and filters over the store. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVIDENCE_REVIEW_OBJECT, QUEUE_LIST_VIEWS, REVIEW_LIST_VIEWS, SQL_DEFINITION } from 'c/sqlDefinition';
import { ROOT } from '../bundler/bundle.ts';
import { listUi } from './listUi.ts';
import { loadPreviewStore } from './loadStore.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
type Body = { records: { records: Array<{ id: string; fields: Record<string, { value: unknown }> }> } };

describe('GET /ui-api/list-ui/Lead/<list view>', () => {
    const { store } = loadPreviewStore(ROOT, () => NOW);
    const leads = store.allLeads();

    it('"My MQLs awaiting action" holds exactly the signed-in user’s MQLs, with the optional fields asked for', () => {
        const owners = [...new Set(leads.filter((l) => l.Status === 'Marketing Qualified').map((l) => String(l.OwnerId)))];
        assert.ok(owners.length > 0, 'the sample data has MQLs');
        for (const owner of owners) {
            const r = listUi(store, owner, 'Lead', QUEUE_LIST_VIEWS.mqls, new URLSearchParams({ optionalFields: 'Lead.MQL_At__c' }), NOW);
            assert.equal(r.status, 200);
            const got = (r.body as Body).records.records;
            const expected = leads.filter((l) => l.Status === 'Marketing Qualified' && l.OwnerId === owner).map((l) => l.Id);
            assert.deepEqual(got.map((x) => x.id).sort(), [...expected].sort());
            for (const rec of got) assert.ok('MQL_At__c' in rec.fields && 'Name' in rec.fields);
        }
    });

    it('an unknown list view says what to do', () => {
        const r = listUi(store, String(leads[0]?.OwnerId), 'Lead', 'Nope', new URLSearchParams(), NOW);
        assert.equal(r.status, 404);
        assert.match(JSON.stringify(r.body), /no Lead list view Nope; run npm run generate/);
    });
});

describe('the review backlog list views (LAST_N_DAYS over review.backlogWeeks, and the Private review object)', () => {
    const { store } = loadPreviewStore(ROOT, () => NOW);
    const days = SQL_DEFINITION.review.backlogWeeks * 7;
    const dayMs = 86_400_000;
    const today = Date.UTC(2026, 4, 4);
    const leads = store.allLeads();
    /** Sample users (data/users.json): the manager Dana Whitfield and two SDRs. */
    const MANAGER = '005LG0000000001AAA';
    const REP = '005LG0000000011AAA';
    const OTHER_REP = '005LG0000000012AAA';

    it('the backlog holds the SQLs from the start of the day n days ago to today, none older', () => {
        const someone = leads.find((l) => l.SQL_At__c) ?? leads[0]!;
        const viewer = String(someone.OwnerId);
        const r = listUi(store, viewer, 'Lead', REVIEW_LIST_VIEWS.backlog, new URLSearchParams(), NOW);
        assert.equal(r.status, 200);
        const got = new Set((r.body as Body).records.records.map((x) => x.id));
        const inWindow = (l: (typeof leads)[number]) =>
            typeof l.SQL_At__c === 'string' && Date.parse(l.SQL_At__c) >= today - days * dayMs && Date.parse(l.SQL_At__c) < today + dayMs;
        assert.ok(got.size > 0, 'the sample data has SQLs in the backlog window');
        for (const id of got) assert.ok(inWindow(leads.find((l) => l.Id === id)!), `${id} in the window`);
        const older = leads.filter((l) => typeof l.SQL_At__c === 'string' && !inWindow(l));
        assert.ok(older.length > 0, 'the sample data has older SQLs');
        for (const l of older) assert.ok(!got.has(String(l.Id)), `${String(l.Id)} is older than ${days} days`);
    });

    it('reviews list the rows the user owns, or every row with View All, within the window', () => {
        const owner = REP;
        store.insertRecord(EVIDENCE_REVIEW_OBJECT, {
            Id: 'a0R1',
            Lead__c: String(leads[0]!.Id),
            Outcome__c: 'Coach',
            OwnerId: owner,
            CreatedById: MANAGER,
            CreatedDate: new Date(today - dayMs).toISOString()
        });
        store.insertRecord(EVIDENCE_REVIEW_OBJECT, {
            Id: 'a0R2',
            Lead__c: String(leads[1]!.Id),
            Outcome__c: 'Evidence Holds',
            OwnerId: owner,
            CreatedById: MANAGER,
            CreatedDate: new Date(today - (days + 1) * dayMs).toISOString()
        });
        const fields = new URLSearchParams({ optionalFields: `${EVIDENCE_REVIEW_OBJECT}.Lead__c` });
        const r = listUi(store, owner, EVIDENCE_REVIEW_OBJECT, REVIEW_LIST_VIEWS.reviews, fields, NOW);
        assert.equal(r.status, 200);
        // The sample history's own reviews are in the store too: read the two planted here.
        const planted = (records: Body['records']['records']) => records.filter((x) => x.id === 'a0R1' || x.id === 'a0R2');
        const got = planted((r.body as Body).records.records);
        assert.deepEqual(
            got.map((x) => [x.id, x.fields.Lead__c?.value]),
            [['a0R1', leads[0]!.Id]],
            'the review older than the window is left out'
        );
        const theirs = listUi(store, OTHER_REP, EVIDENCE_REVIEW_OBJECT, REVIEW_LIST_VIEWS.reviews, fields, NOW);
        assert.equal(theirs.status, 200);
        assert.deepEqual(planted((theirs.body as Body).records.records), [], 'another rep reads none of them');
        const managers = listUi(store, MANAGER, EVIDENCE_REVIEW_OBJECT, REVIEW_LIST_VIEWS.reviews, fields, NOW);
        assert.deepEqual(
            planted((managers.body as Body).records.records).map((x) => x.id),
            ['a0R1'],
            'the manager reads it through View All'
        );
    });
});
