/**
 * The generated alert flows (LeadGate_Lead_Alerts, LeadGate_Lead_SLA_Escalation) run by the flow interpreter over
 * a case table: each save goes through the before-save flow, validation rules and formula fields (simulateSave),
 * then the after-save flows. Checks who is notified, how often and with what text.
 *
 * Platform limits that bound the alerts (scripts/interpreters/flow/limits.ts, docs/ADMIN.md 7a): a trigger batch holds
 * 200 records; the flows' Get Records and Update Records are bulkified per batch (counted below as queries and DML
 * statements); the alert stamp's save is a nested save (the platform stops at 16); mobile push is capped per org per
 * hour (the bulk case stays under it); scheduled paths run in batches as the Automated Process user.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALERT_EVENTS, FIELDS, SQL_DEFINITION } from 'c/sqlDefinition';
import { generateAll } from '../../admin/generate/index.ts';
import { simulateSave } from '../formula/save.ts';
import { loadLeadMetadata } from '../formula/harness.ts';
import { parseFlow, type OrgData, type RecordUpdate, type RecordValues } from './interpreter.ts';
import { ALERT_LIMITS, loadsPerHour } from './limits.ts';
import { loadAfterSaveLeadFlows, LeadFlowRuntime, MAX_SAVE_DEPTH, saveWithAutomation, type SavingUser } from './runtime.ts';

const meta = loadLeadMetadata();
const A = SQL_DEFINITION.alerts;
const MQL = 'Marketing Qualified';
const SAL = 'Sales Accepted';
const T0 = new Date('2026-05-04T09:00:00.000Z');
const plus = (min: number): Date => new Date(T0.getTime() + min * 60_000);
const daysBefore = (d: number): string => new Date(T0.getTime() - d * 86_400_000).toISOString();

const SDR = '005000000000SDRAAA';
const SDR2 = '005000000000SD2AAA';
const MANAGER = '005000000000MGRAAA';
const ORPHAN_SDR = '005000000000ORPAAA';
const QUEUE_ID = '00G000000000QUEAAA';
const TYPE_ID = '0ML000000000TYPAAA';
const ORG: OrgData = {
    User: [
        { Id: SDR, ManagerId: MANAGER },
        { Id: SDR2, ManagerId: MANAGER },
        { Id: ORPHAN_SDR, ManagerId: null }
    ],
    Group: [{ Id: QUEUE_ID, DeveloperName: A.slaMissed.queue, Type: 'Queue' }],
    CustomNotificationType: [{ Id: TYPE_ID, DeveloperName: A.notificationType.developerName }]
};
const rep: SavingUser = { id: SDR, permissions: new Set() };
const integration: SavingUser = { id: '005000000000INTAAA', permissions: new Set([SQL_DEFINITION.bypassPermission]) };

/** A good-fit lead (fit 70) with no recent intent. */
const base = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    Id: id,
    FirstName: 'Ines',
    LastName: 'Moreau',
    Company: 'Halden Biotech',
    Title: 'VP of Operations',
    Industry: 'Biotechnology',
    NumberOfEmployees: 650,
    Country: 'United States',
    Status: 'New',
    OwnerId: SDR,
    ...extra
});

/**
 * One org: stored leads, the runtime, and saves as the platform runs them: before-save flow and validation rules
 * (simulateSave), then the after-save flows; rows the flows update are saved again the same way (saveWithAutomation).
 */
function org(runtime = new LeadFlowRuntime(loadAfterSaveLeadFlows(), ORG, meta)) {
    const store = new Map<string, RecordValues>();
    const write = (changes: ReadonlyArray<Record<string, unknown>>, user: SavingUser, now: Date) =>
        changes.map((c) => {
            const id = String(c.Id);
            const prior = store.get(id) ?? null;
            const next = { ...(prior ?? {}), ...c };
            const result = simulateSave(next, { now, isNew: prior === null, prior, permissions: user.permissions, userId: user.id }, meta);
            assert.deepEqual(result.blocked, [], `save of ${id} is blocked`);
            const record = { ...result.record, ...result.formulas };
            store.set(id, record);
            return { record, prior };
        });
    const save = (changes: Array<Record<string, unknown>>, user: SavingUser, now: Date) =>
        saveWithAutomation(runtime, write(changes, user, now), user, now, (updates: RecordUpdate[]) =>
            write(
                updates.map((u) => ({ ...u.fields, Id: u.id })),
                user,
                now
            )
        );
    return { runtime, store, save, due: (now: Date) => runtime.runDue(now, (id) => store.get(id) ?? null) };
}

interface Case {
    name: string;
    steps: Array<{ at: number; as?: SavingUser; save?: Array<Record<string, unknown>>; runDueAt?: number }>;
    expect: Array<{ title: string; to: string; body?: RegExp }>;
    /** The lead's recorded alert at the end: minute of Alerted_At__c and Alert_Event__c (null: none recorded). */
    recorded?: { id: string; at: number | null; event: string | null };
}

const CASES: Case[] = [
    {
        name: 'becomes MQL: the owner, once, with name, fit, intent and time left',
        steps: [
            { at: 0, save: [base('00Q1')] },
            { at: 1, save: [{ Id: '00Q1', Status: MQL }] },
            { at: 2, save: [{ Id: '00Q1', Phone: '+1 555' }] }
        ],
        expect: [
            { title: A.newMql.title, to: SDR, body: /^Ines Moreau \(Halden Biotech\): fit 70, intent 0, 5 min left in the 5-minute SLA$/ }
        ],
        recorded: { id: '00Q1', at: 1, event: ALERT_EVENTS.newMql }
    },
    {
        name: 'an MQL reassigned: the new owner hears, the old one does not hear again',
        steps: [
            { at: 0, save: [base('00Q2', { Status: MQL })] },
            { at: 3, save: [{ Id: '00Q2', OwnerId: SDR2 }] }
        ],
        expect: [
            { title: A.newMql.title, to: SDR, body: /5 min left/ },
            { title: A.newMql.title, to: SDR2, body: /2 min left in the 5-minute SLA$/ }
        ],
        // The alert time moves with the lead: the new owner's clock starts at their alert.
        recorded: { id: '00Q2', at: 3, event: ALERT_EVENTS.newMql }
    },
    {
        name: 'a demo request lifts an open MQL over the bar (integration user): the owner hears once',
        steps: [
            { at: 0, save: [base('00Q3', { Status: MQL, Last_Content_Download_At__c: daysBefore(1) })] },
            { at: 1, save: [{ Id: '00Q3', Status: SAL }] },
            { at: 2, as: integration, save: [{ Id: '00Q3', Last_Demo_Request_At__c: T0.toISOString() }] },
            { at: 3, as: integration, save: [{ Id: '00Q3', Last_Pricing_Visit_At__c: T0.toISOString() }] }
        ],
        expect: [
            { title: A.newMql.title, to: SDR },
            { title: A.crossedBar.title, to: SDR, body: /fit 70, intent 45/ }
        ],
        // Accepted at minute 1 (the first action): the later alert does not move the recorded one.
        recorded: { id: '00Q3', at: 0, event: ALERT_EVENTS.newMql }
    },
    {
        name: 'already over the bar: a further signal sends nothing',
        steps: [
            { at: 0, save: [base('00Q4', { Status: SAL, Last_Demo_Request_At__c: daysBefore(1) })] },
            { at: 1, save: [{ Id: '00Q4', Last_Pricing_Visit_At__c: T0.toISOString() }] }
        ],
        expect: [],
        recorded: { id: '00Q4', at: null, event: null }
    },
    {
        name: 'an alerted MQL then meets the bar before any action: the owner hears twice, the first alert stays recorded',
        steps: [
            { at: 0, save: [base('00Q10', { Status: MQL })] },
            { at: 1, as: integration, save: [{ Id: '00Q10', Last_Demo_Request_At__c: T0.toISOString() }] }
        ],
        expect: [
            { title: A.newMql.title, to: SDR },
            { title: A.crossedBar.title, to: SDR }
        ],
        recorded: { id: '00Q10', at: 0, event: ALERT_EVENTS.newMql }
    },
    {
        name: 'a data-loaded MQL (no alert) later meets the bar: that alert is the one recorded',
        steps: [
            { at: 0, as: integration, save: [base('00Q11', { Status: MQL })] },
            { at: 2, as: integration, save: [{ Id: '00Q11', Last_Demo_Request_At__c: T0.toISOString() }] }
        ],
        expect: [{ title: A.crossedBar.title, to: SDR }],
        recorded: { id: '00Q11', at: 2, event: ALERT_EVENTS.crossedBar }
    },
    {
        name: 'over the bar while New (not open): no alert',
        steps: [
            { at: 0, save: [base('00Q5')] },
            { at: 1, save: [{ Id: '00Q5', Last_Demo_Request_At__c: T0.toISOString() }] }
        ],
        expect: []
    },
    {
        name: 'SLA passed with no first action: the manager, once',
        steps: [
            { at: 0, save: [base('00Q6', { Status: MQL })] },
            { runDueAt: 4, at: 4 },
            { runDueAt: 5, at: 5 },
            { runDueAt: 60, at: 60 }
        ],
        expect: [
            { title: A.newMql.title, to: SDR },
            {
                title: A.slaMissed.title,
                to: MANAGER,
                body: /^Ines Moreau \(Halden Biotech\): no accept or reject 5 min after becoming an MQL \(SLA 5 min\)$/
            }
        ]
    },
    {
        name: 'SLA met (accepted in time): no escalation',
        steps: [
            { at: 0, save: [base('00Q7', { Status: MQL })] },
            { at: 2, save: [{ Id: '00Q7', Status: SAL }] },
            { runDueAt: 10, at: 10 }
        ],
        expect: [{ title: A.newMql.title, to: SDR }]
    },
    {
        name: 'SLA passed, owner without a manager: the queue',
        steps: [
            { at: 0, save: [base('00Q8', { Status: MQL, OwnerId: ORPHAN_SDR })] },
            { runDueAt: 6, at: 6 }
        ],
        expect: [
            { title: A.newMql.title, to: ORPHAN_SDR },
            { title: A.slaMissed.title, to: QUEUE_ID }
        ]
    },
    {
        name: 'bypass user (data load) creates an MQL: no new-MQL alert; the SLA escalation still runs',
        steps: [
            { at: 0, as: integration, save: [base('00Q9', { Status: MQL })] },
            { runDueAt: 5, at: 5 }
        ],
        expect: [{ title: A.slaMissed.title, to: MANAGER }],
        recorded: { id: '00Q9', at: null, event: null }
    }
];

describe('generated alert flows over the case table', () => {
    for (const c of CASES) {
        it(c.name, () => {
            const o = org();
            for (const step of c.steps) {
                if (step.save) o.save(step.save, step.as ?? rep, plus(step.at));
                if (step.runDueAt !== undefined) o.due(plus(step.runDueAt));
            }
            const sent = o.runtime.outbox;
            assert.deepEqual(
                sent.map((n) => ({ title: n.title, to: n.recipientIds.join(',') })),
                c.expect.map((e) => ({ title: e.title, to: e.to }))
            );
            c.expect.forEach((e, i) => {
                if (e.body) assert.match(sent[i]?.body ?? '', e.body);
                assert.equal(sent[i]?.notificationTypeId, TYPE_ID);
                assert.ok(sent[i]?.targetId.startsWith('00Q'));
            });
            if (c.recorded) {
                const lead = o.store.get(c.recorded.id) ?? {};
                assert.deepEqual(
                    { at: lead[FIELDS.alertedAt] ?? null, event: lead[FIELDS.alertEvent] ?? null },
                    { at: c.recorded.at === null ? null : plus(c.recorded.at).toISOString(), event: c.recorded.event }
                );
            }
        });
    }

    it('a bulk load of 200 new MQLs sends one alert per lead, in one batch within the flow limits', () => {
        const o = org();
        const leads = Array.from({ length: 200 }, (_, i) => base(`00QB${String(i).padStart(4, '0')}`, { Status: MQL }));
        const stats = o.save(leads, rep, T0);
        assert.equal(stats.notifications, 200);
        assert.equal(new Set(o.runtime.outbox.map((n) => n.targetId)).size, 200);
        const [first, again] = stats.rounds;
        assert.ok(first && first.queries <= 2, `bulkified lookups: ${first?.queries} queries`);
        // decision, assignment, Get Records, send, record-the-alert decision, Update Records
        assert.ok(first.maxElementsPerInterview <= 6, `elements per interview: ${first.maxElementsPerInterview}`);
        // The alert stamp is one Update Records for the batch; its save runs the flows again and ends there.
        assert.equal(stats.dml, 1);
        assert.equal(stats.rounds.length, 2);
        assert.equal(again?.notifications, 0);
        assert.equal(again?.updates.length, 0);
        assert.ok(stats.dml <= ALERT_LIMITS.dmlStatements && first.queries + (again?.queries ?? 0) <= ALERT_LIMITS.soqlQueries);
        assert.equal(new Set(leads.map((l) => o.store.get(String(l.Id))?.[FIELDS.alertedAt])).size, 1, 'every lead stamped');
        // A second save of the same 200 (an unrelated field) sends nothing more; the SLA sends at most one per lead.
        o.save(
            leads.map((l) => ({ Id: l.Id, Phone: '1' })),
            rep,
            plus(1)
        );
        const escalations = o.due(plus(30));
        assert.equal(escalations.length, 200);
        assert.equal(o.due(plus(60)).length, 0);
        assert.equal(o.runtime.outbox.length, 400);
        // The hourly push cap: one load's whole life (alert + escalation) is 400 pushes, so 25 such loads an hour fit.
        const pushes = o.runtime.outbox.reduce((n, s) => n + s.recipientIds.length, 0);
        assert.ok(pushes <= ALERT_LIMITS.pushPerHour, `${pushes} pushes for one bulk load`);
        assert.equal(loadsPerHour(pushes), 25);
        assert.throws(() => o.save([...leads, base('00QX')], rep, T0), /at most 200 records/);
    });

    it('the generated flows are what the interpreter runs (regenerated text = files on disk)', () => {
        const generated = generateAll().filter((f) => /LeadGate_Lead_(Alerts|SLA_Escalation)\.flow/.test(f.path));
        assert.equal(generated.length, 2);
        const names = loadAfterSaveLeadFlows().map((f) => f.name);
        assert.deepEqual(names, ['LeadGate_Lead_Alerts', 'LeadGate_Lead_SLA_Escalation']);
        assert.equal(FIELDS.mqlAt, loadAfterSaveLeadFlows()[1]?.scheduledPaths[0]?.field);
        assert.equal(loadAfterSaveLeadFlows()[1]?.scheduledPaths[0]?.offsetMinutes, SQL_DEFINITION.sla.minutes);
    });
});

describe('planted faults are caught', () => {
    const alertsXml = generateAll().find((f) => f.path.endsWith('LeadGate_Lead_Alerts.flow-meta.xml'))?.content ?? '';
    const withFlow = (xml: string) => {
        const flows = loadAfterSaveLeadFlows().map((f) => (f.name === 'LeadGate_Lead_Alerts' ? parseFlow(f.name, xml) : f));
        return org(new LeadFlowRuntime(flows, ORG, meta));
    };

    it('a new-MQL rule without the "prior status was not MQL" condition alerts on every save, and so loops on its own stamp', () => {
        const o = withFlow(
            alertsXml.replace('<conditionLogic>1 AND (2 OR 3) AND 4</conditionLogic>', '<conditionLogic>1 AND 4</conditionLogic>')
        );
        // Each alert stamps the lead, the stamp's save alerts again: the platform ends the transaction at the depth limit.
        assert.throws(() => o.save([base('00QF1', { Status: MQL })], rep, T0), new RegExp(`Maximum save depth \\(${MAX_SAVE_DEPTH}\\)`));
        assert.equal(o.runtime.outbox.length, MAX_SAVE_DEPTH, 'one alert per nested save until the limit');
    });

    it('recording every alert (not only the first before the first action) moves the alert time a later alert', () => {
        const o = withFlow(alertsXml.replace('<conditionLogic>1 AND (2 OR 3)</conditionLogic>', '<conditionLogic>1</conditionLogic>'));
        o.save([base('00QF4', { Status: MQL })], rep, T0);
        o.save([{ Id: '00QF4', Last_Demo_Request_At__c: T0.toISOString() }], integration, plus(1));
        assert.equal(o.store.get('00QF4')?.[FIELDS.alertedAt], plus(1).toISOString(), 'the fault shows as a moved stamp');
        assert.equal(o.store.get('00QF4')?.[FIELDS.alertEvent], ALERT_EVENTS.crossedBar);
    });

    it('a crossed-bar rule that ignores the bar before the save alerts an already-qualified lead', () => {
        const o = withFlow(
            alertsXml.replace(
                /<leftValueReference>Met_Bar_Before_Save<\/leftValueReference>\s*<operator>EqualTo<\/operator>/,
                '<leftValueReference>Met_Bar_Before_Save</leftValueReference><operator>NotEqualTo</operator>'
            )
        );
        o.save([base('00QF2', { Status: SAL, Last_Demo_Request_At__c: daysBefore(1) })], rep, T0);
        o.save([{ Id: '00QF2', Phone: '1' }], rep, plus(1));
        // The correct flow sends none: the lead never crossed the bar. The faulty one alerts on each save, including
        // the save of its own alert stamp (which records only the first alert, so it ends there).
        assert.equal(o.runtime.outbox.length, 3);
    });

    it('a send action without a notification type fails the interview with a message that says what to deploy', () => {
        const o = org(new LeadFlowRuntime(loadAfterSaveLeadFlows(), { ...ORG, CustomNotificationType: [] }, meta));
        assert.throws(() => o.save([base('00QF3', { Status: MQL })], rep, T0), /no Custom Notification Type found; deploy/);
    });

    it('an unsupported element is refused, not skipped', () => {
        assert.throws(
            () => parseFlow('X', alertsXml.replace('<decisions>', '<loops><name>L</name></loops><decisions>')),
            /does not run <loops>/
        );
    });
});
