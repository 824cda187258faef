/** The emulated list endpoint behind c/sdrQueue: the generated list views' scope and filters over the store. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_LIST_VIEWS } from 'c/sqlDefinition';
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
