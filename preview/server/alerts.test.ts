/**
 * The preview's bell: the generated alert flows, run by the flow interpreter after each save the emulated API
 * accepts (an SDR's edit, an integration signal), and the SLA escalation when its time has come.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ALERT_EVENTS, FIELDS, SQL_DEFINITION } from 'c/sqlDefinition';
import { ROOT } from '../bundler/bundle.ts';
import { PreviewAlerts } from './alerts.ts';
import { loadPreviewStore } from './loadStore.ts';
import { receiveSignals } from './signals.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const A = SQL_DEFINITION.alerts;

describe('preview bell: what the org would send', () => {
    it('an MQL, then a demo-request signal from the integration user: the owner sees both alerts; the manager the missed SLA', () => {
        let clock = NOW;
        const { store, seed } = loadPreviewStore(ROOT, () => clock);
        const target = seed.showcase.find((s) => s.key === 'high-fit-no-intent')?.id ?? '';
        const lead = store.leadValues(target);
        assert.ok(lead, 'the showcase lead exists');
        const owner = String(lead.OwnerId);
        const manager = String(store.records('User').find((u) => u.Id === owner)?.ManagerId);
        const integration = seed.users.find((u) => u.role === 'Integration')?.id ?? '';
        const bell = (userId: string, at = clock) => store.alerts?.bell(userId, at, (id) => store.leadValues(id)) ?? [];
        assert.deepEqual(bell(owner), []);

        const saved = store.updateRecord(owner, target, { fields: { Status: 'Marketing Qualified' } });
        assert.equal(saved.status, 200, JSON.stringify(saved.body).slice(0, 300));
        assert.deepEqual(
            bell(owner).map((n) => n.title),
            [A.newMql.title]
        );
        // The alert flow stamps the lead (Update Records, saved again through the before-save flow and the rules).
        assert.equal(store.leadValues(target)?.[FIELDS.alertedAt], NOW.toISOString());
        assert.equal(store.leadValues(target)?.[FIELDS.alertEvent], ALERT_EVENTS.newMql);

        clock = new Date(NOW.getTime() + 60_000);
        const signal = receiveSignals(
            store,
            integration,
            { Lead_Id__c: target, Signal_Type__c: 'demoRequest', Occurred_At__c: clock.toISOString(), Source__c: 'website' },
            undefined,
            clock
        );
        assert.equal(signal.status, 200, JSON.stringify(signal.body).slice(0, 300));
        const items = bell(owner);
        assert.deepEqual(
            items.map((n) => n.title),
            [A.crossedBar.title, A.newMql.title]
        );
        assert.match(items[0]?.body ?? '', /^Lukas Brandt \(.+\): fit \d+, intent \d+, 4 min left in the 5-minute SLA$/);
        assert.equal(items[0]?.targetId, target);
        assert.deepEqual(bell(manager), [], 'nothing for the manager while the SLA runs');
        assert.deepEqual(
            bell(manager, new Date(NOW.getTime() + 6 * 60_000)).map((n) => n.title),
            [A.slaMissed.title]
        );
        assert.equal(bell(manager, new Date(NOW.getTime() + 60 * 60_000)).length, 1, 'once');
    });

    it('without the generated notification type deployed, the flow fails as in the org (the store then rolls the save back)', () => {
        const root = mkdtempSync(join(tmpdir(), 'lg-alerts-'));
        try {
            cpSync(join(ROOT, 'force-app', 'main', 'default', 'flows'), join(root, 'force-app', 'main', 'default', 'flows'), {
                recursive: true
            });
            const { store } = loadPreviewStore(ROOT, () => NOW);
            const alerts = new PreviewAlerts(root, store.meta, store.records('User'));
            const lead = store.allLeads()[0] ?? {};
            assert.throws(
                () =>
                    alerts.afterSave(
                        { ...lead, Status: 'Marketing Qualified' },
                        { ...lead, Status: 'New' },
                        { id: '005', permissions: new Set() },
                        NOW
                    ),
                /no Custom Notification Type found/
            );
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
