/**
 * The preview's integration entry point for signals (POST /preview/signals) over the real sample data, metadata and
 * permission sets: who may publish, what moves, what the record then reads, replay, rejects, malformed input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT } from '../bundler/bundle.ts';
import { loadPreviewStore } from './loadStore.ts';
import { integrationUser, receiveSignals, signalFormHtml, type SignalReceipt } from './signals.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
const fresh = () => loadPreviewStore(ROOT, () => NOW);
const { store, seed } = fresh();
const userOf = (role: string): string => {
    const user = seed.users.find((u) => u.role === role);
    assert.ok(user, `data/users.json has a ${role}`);
    return user.id;
};
const INTEGRATION = userOf('Integration');
const SDR = userOf('SDR');
const leadOf = (key: string): string => {
    const entry = seed.showcase.find((s) => s.key === key);
    assert.ok(entry, `showcase lead ${key}`);
    return entry.id;
};
const TARGET = leadOf('high-fit-no-intent');
const receipt = (r: { status: number; body: unknown }): SignalReceipt => {
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 400));
    return r.body as SignalReceipt;
};
const read = (s: typeof store, id: string, fields: string[]) => {
    const r = s.getRecord(SDR, id, { optionalFields: fields.map((f) => `Lead.${f}`) });
    assert.equal(r.status, 200);
    return (r.body as { fields: Record<string, { value: unknown }>; lastModifiedById: string }).fields;
};

describe('POST /preview/signals: the emulated integration entry point', () => {
    it('a demo request from the integration user moves the lead’s field, and the record then reads intent over the bar', () => {
        const { store: s } = fresh();
        const before = read(s, TARGET, ['Intent_Score__c', 'Meets_SQL_Bar__c', 'Fit_Score__c']);
        assert.equal(before.Meets_SQL_Bar__c?.value, false);
        assert.ok(Number(before.Fit_Score__c?.value) >= 40, 'the showcase lead has the fit, only intent is missing');

        const at = '2026-05-04T09:55:00.000Z';
        const r = receipt(
            receiveSignals(
                s,
                INTEGRATION,
                { Lead_Id__c: TARGET, Signal_Type__c: 'demoRequest', Occurred_At__c: at, Source__c: 'website' },
                undefined,
                NOW
            )
        );
        assert.deepEqual(r.updated, [{ leadId: TARGET, values: { Last_Demo_Request_At__c: at } }]);
        assert.deepEqual(r.rejects, []);

        const after = read(s, TARGET, ['Last_Demo_Request_At__c', 'Intent_Score__c', 'Meets_SQL_Bar__c']);
        assert.equal(after.Last_Demo_Request_At__c?.value, at);
        assert.ok(Number(after.Intent_Score__c?.value) >= 40, `intent ${String(after.Intent_Score__c?.value)}`);
        assert.equal(after.Meets_SQL_Bar__c?.value, true);
        const saved = s.getRecord(SDR, TARGET, { optionalFields: ['Lead.Name'] }).body as { lastModifiedById: string };
        assert.equal(saved.lastModifiedById, INTEGRATION, 'saved through the store as the integration user');
    });

    it('replaying the same events changes nothing the second time', () => {
        const { store: s } = fresh();
        const events = [
            { Lead_Id__c: TARGET, Signal_Type__c: 'pricingVisit', Occurred_At__c: '2026-05-04T08:00:00Z' },
            { Email__c: 'LUKAS.BRANDT@ardentgenomics.de', Signal_Type__c: 'contentDownload', Occurred_At__c: '2026-05-03T08:00:00+02:00' }
        ];
        const first = receipt(receiveSignals(s, INTEGRATION, events, undefined, NOW));
        assert.equal(first.updated.length, 1);
        const modified = (s.getRecord(SDR, TARGET, { optionalFields: ['Lead.Name'] }).body as { lastModifiedDate: string })
            .lastModifiedDate;

        const second = receipt(receiveSignals(s, INTEGRATION, events, undefined, NOW));
        assert.deepEqual(second.updated, []);
        assert.deepEqual(
            second.ignored.map((i) => i.reason),
            ['notNewer', 'notNewer']
        );
        assert.equal(
            (s.getRecord(SDR, TARGET, { optionalFields: ['Lead.Name'] }).body as { lastModifiedDate: string }).lastModifiedDate,
            modified
        );
    });

    it('refused events come back with their reasons, and never stop the rest', () => {
        const { store: s } = fresh();
        const r = receipt(
            receiveSignals(
                s,
                INTEGRATION,
                [
                    { Lead_Id__c: '00QLG0000000999AAA', Signal_Type__c: 'demoRequest', Occurred_At__c: '2026-05-04T09:00:00Z' },
                    { Lead_Id__c: TARGET, Signal_Type__c: 'webinarSignup', Occurred_At__c: '2026-05-04T09:00:00Z' },
                    { Lead_Id__c: TARGET, Signal_Type__c: 'demoRequest', Occurred_At__c: '04/05/2026 09:00' },
                    { Lead_Id__c: TARGET, Signal_Type__c: 'demoRequest', Occurred_At__c: '2026-05-05T09:00:00Z' },
                    { Signal_Type__c: 'demoRequest', Occurred_At__c: '2026-05-04T09:00:00Z' },
                    { Lead_Id__c: TARGET, Signal_Type__c: 'eventAttended', Occurred_At__c: '2026-05-04T09:00:00Z' }
                ],
                undefined,
                NOW
            )
        );
        assert.deepEqual(
            r.rejects.map((x) => [x.index, x.reason]),
            [
                [0, 'UnknownLead'],
                [1, 'UnknownSignalType'],
                [2, 'MalformedTime'],
                [3, 'FutureTime'],
                [4, 'MissingLead']
            ]
        );
        assert.deepEqual(r.updated, [{ leadId: TARGET, values: { Last_Event_Attended_At__c: '2026-05-04T09:00:00.000Z' } }]);
    });

    it('only a user allowed to publish the event may send signals (LeadGate_Integration)', () => {
        const r = receiveSignals(
            store,
            SDR,
            { Lead_Id__c: TARGET, Signal_Type__c: 'demoRequest', Occurred_At__c: '2026-05-04T09:00:00Z' },
            undefined,
            NOW
        );
        assert.equal(r.status, 403);
        assert.match(JSON.stringify(r.body), /cannot publish LeadGate_Signal__e.*LeadGate_Integration/);
        assert.equal(integrationUser(store)?.id, INTEGRATION);
    });

    it('refuses malformed requests with a clear 400, and a malformed event alone with the platform’s code', () => {
        const bad = (body: unknown): string => {
            const r = receiveSignals(store, INTEGRATION, body, undefined, NOW);
            assert.equal(r.status, 400, JSON.stringify(r.body));
            return (r.body as Array<{ message: string }>)[0]?.message ?? '';
        };
        assert.match(bad([]), /at least one event/);
        assert.match(bad('demoRequest'), /Send one LeadGate_Signal__e event/);
        assert.match(bad(Array.from({ length: 2001 }, () => ({ Lead_Id__c: TARGET }))), /at most 2000 events/);
        // Issue 15: the org publishes events one by one, so these fail alone (they failed the whole request before).
        const one = (event: unknown) => receipt(receiveSignals(store, INTEGRATION, [event], undefined, NOW)).rejects[0];
        assert.deepEqual(
            [one('demoRequest'), one({ Lead_Id__c: TARGET, Signal__c: 'demoRequest' })].map((r) => [r?.reason, r?.errorCode]),
            [
                ['NotPublished', 'JSON_PARSER_ERROR'],
                ['NotPublished', 'INVALID_FIELD']
            ]
        );
        assert.match(
            one({ Lead_Id__c: TARGET, Signal__c: 'demoRequest' })?.message ?? '',
            /fields LeadGate_Signal__e does not have: Signal__c/
        );
    });

    it('the record page form lists every signal and names the integration user it sends as', () => {
        const user = integrationUser(store);
        const html = signalFormHtml(TARGET, user);
        assert.match(html, /data-preview="send-signal"/);
        assert.match(html, new RegExp(`data-sender="${INTEGRATION}"`));
        assert.match(html, /<option value="demoRequest">Demo request \(40 points\)<\/option>/);
        assert.match(signalFormHtml(TARGET, null), /No preview user holds LeadGate_Integration/);
    });
});
