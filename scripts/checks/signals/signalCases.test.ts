/**
 * The signal case table (data/signal-cases.json) against the TypeScript side (c/leadSignals), and the table's own
 * completeness: every reject reason the org can record, every message and every saving outcome has a case. The same
 * file runs in the org (LeadSignalCases_Tests, static resource LeadGateSignalCases); each check here is shown to fail
 * on a planted fault.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { SIGNAL_MESSAGES, settleSignals, signalMessage, type SignalMessage } from 'c/leadSignals';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { readSignalCases, runCampaignCase, runSignalCase, TYPESCRIPT_SIDE, withIds, type SignalCaseTable } from './signalCases.ts';

const ROOT = join(__dirname, '..', '..', '..');
const table = readSignalCases(ROOT);
const REASON_FIELD = 'force-app/main/default/objects/LeadGate_Signal_Reject__c/fields/Reason__c.field-meta.xml';

/** Every reason value of the reject object's restricted picklist. */
function picklistReasons(): string[] {
    const xml = new XMLParser({ isArray: (n) => n === 'value' }).parse(readFileSync(join(ROOT, REASON_FIELD), 'utf8')) as {
        CustomField: { valueSet: { valueSetDefinition: { value: Array<{ fullName: string }> } } };
    };
    return xml.CustomField.valueSet.valueSetDefinition.value.map((v) => v.fullName);
}

/** What the table leaves without a case: reasons, message templates, refusals of either save, fields never named. */
function gaps(t: SignalCaseTable): string[] {
    const batches = t.cases.flatMap((c) => c.batches);
    const rejects = batches.flatMap((b) => b.expect.rejects);
    const out: string[] = [];
    for (const reason of picklistReasons()) if (!rejects.some(([, r]) => r === reason)) out.push(`no case expects a ${reason} reject`);
    for (const key of Object.keys(SIGNAL_MESSAGES) as SignalMessage[]) {
        const pattern = new RegExp(`^${SIGNAL_MESSAGES[key].replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\d\}/g, '.*')}$`);
        if (!rejects.some(([, , m]) => pattern.test(m))) out.push(`no case expects the message ${key}`);
    }
    if (!batches.some((b) => Object.keys(b.refuse?.leads ?? {}).length)) out.push('no case has a lead that refuses its save');
    if (!batches.some((b) => b.expect.unrecorded.length)) out.push('no case has a reject that fails to save');
    if (!batches.some((b) => b.expect.ignored.length)) out.push('no case has a signal that changes nothing');
    if (!t.cases.some((c) => c.batches.length > 1)) out.push('no case replays a batch');
    const { byNamePhrase, byType } = SQL_DEFINITION.signalIntake.campaignResponses;
    const names = t.campaignResponses.map((c) => (c.campaignName ?? '').toLowerCase());
    const types = t.campaignResponses.map((c) => (c.campaignType ?? '').trim().toLowerCase());
    for (const r of byNamePhrase)
        if (!names.some((n) => n.includes(r.phrase.toLowerCase()))) out.push(`no campaign case has "${r.phrase}"`);
    for (const r of byType) if (!types.includes(r.type.toLowerCase())) out.push(`no campaign case has the type ${r.type}`);
    if (!t.campaignResponses.some((c) => c.expect.field === null)) out.push('no campaign case moves nothing');
    for (const s of SQL_DEFINITION.intent.signals)
        if (!batches.some((b) => Object.values(b.expect.updated).some((v) => s.field in v))) out.push(`no case moves ${s.field}`);
    return out;
}

describe('data/signal-cases.json against c/leadSignals', () => {
    for (const c of table.cases) {
        it(`${c.branch}: ${c.name}`, () => {
            assert.deepEqual(runSignalCase(table, c), []);
        });
    }
});

describe('data/signal-cases.json campaign responses against c/leadSignals', () => {
    for (const c of table.campaignResponses) {
        it(c.name, () => {
            assert.deepEqual(runCampaignCase(c), []);
        });
    }

    it('planted: a mapping that checks types before name phrases fails the phrase case', () => {
        const def = structuredClone(SQL_DEFINITION);
        def.signalIntake.campaignResponses.byNamePhrase = [];
        const c = table.campaignResponses.find((x) => x.name === 'a name phrase wins over the type');
        assert.ok(c);
        assert.match(runCampaignCase(c, def).join('\n'), /field: got Last_Event_Attended_At__c/);
    });
});

describe('the case table itself', () => {
    it('has a case for every reject reason, message, refused save, campaign rule, a no-op and a replay', () => {
        assert.deepEqual(gaps(table), []);
    });

    it('ships to the org byte for byte as the static resource LeadGateSignalCases (node scripts/static-resources.mjs)', () => {
        const resource = join(ROOT, 'force-app/main/default/staticresources/LeadGateSignalCases');
        assert.equal(readFileSync(`${resource}.json`, 'utf8'), readFileSync(join(ROOT, 'data/signal-cases.json'), 'utf8'));
        assert.match(readFileSync(`${resource}.resource-meta.xml`, 'utf8'), /<contentType>application\/json<\/contentType>/);
    });

    it('keeps its cases apart: lead keys and emails are unique across the table (the org runs them in one test)', () => {
        const keys = table.cases.flatMap((c) => c.leads.map((l) => l.key));
        assert.equal(new Set(keys).size, keys.length, 'duplicate lead key');
        const emails = table.cases.flatMap((c) => [...new Set(c.leads.flatMap((l) => (l.Email ? [l.Email.toLowerCase()] : [])))]);
        assert.equal(new Set(emails).size, emails.length, 'an email is used by two cases');
    });

    it('planted: a table without the refused-reject case, or without a reason, shows the gap', () => {
        const trimmed = structuredClone(table);
        trimmed.cases = trimmed.cases.filter((c) => c.branch !== 'a reject that fails to save' && c.branch !== 'converted lead');
        trimmed.campaignResponses = trimmed.campaignResponses.filter((c) => c.campaignType !== 'Trade Show');
        assert.deepEqual(gaps(trimmed), [
            'no case expects a LeadConverted reject',
            'no case expects the message leadConverted',
            'no case has a reject that fails to save',
            'no campaign case has the type Trade Show'
        ]);
    });
});

describe('the runner catches a side that disagrees with the table (planted faults)', () => {
    const byBranch = (branch: string) => {
        const c = table.cases.find((x) => x.branch === branch);
        assert.ok(c, branch);
        return c;
    };

    it('a side that drops a reject it could not record fails the refused-reject case', () => {
        const dropping = {
            ...TYPESCRIPT_SIDE,
            settle: (...args: Parameters<typeof settleSignals>) => ({ ...settleSignals(...args), unrecorded: [] })
        };
        assert.match(runSignalCase(table, byBranch('a reject that fails to save'), dropping).join('\n'), /unrecorded: got \[\]/);
    });

    it('a side that never checks the stored value fails the forward-only case', () => {
        const backwards = {
            ...TYPESCRIPT_SIDE,
            apply: ((leads, events, def, now) =>
                TYPESCRIPT_SIDE.apply(
                    [...leads].map((l) => ({ ...l, Last_Demo_Request_At__c: null })),
                    events,
                    def,
                    now
                )) as typeof TYPESCRIPT_SIDE.apply
        };
        const problems = runSignalCase(table, byBranch('forward only: older'), backwards).join('\n');
        assert.match(problems, /updated: got \{"f2"/);
        assert.match(problems, /stored f2\.Last_Demo_Request_At__c/);
    });

    it('a side that trims like JavaScript (non-breaking spaces too) fails the case Apex String.trim decides', () => {
        const jsTrim = (v: string | null | undefined): string | null | undefined => (typeof v === 'string' ? v.trim() : v);
        const lenient = {
            ...TYPESCRIPT_SIDE,
            apply: ((leads, events, def, now) =>
                TYPESCRIPT_SIDE.apply(
                    leads,
                    events.map((e) =>
                        e.kind === 'campaignResponse' ? e : { ...e, signalType: jsTrim(e.signalType), email: jsTrim(e.email) }
                    ),
                    def,
                    now
                )) as typeof TYPESCRIPT_SIDE.apply
        };
        assert.match(runSignalCase(table, byBranch('field-level: non-breaking space'), lenient).join('\n'), /updated: got .*Last_Demo/);
    });

    it('a different future allowance fails the future-time case', () => {
        const def = structuredClone(SQL_DEFINITION);
        def.signalIntake.futureToleranceMinutes = 30;
        assert.match(runSignalCase(table, byBranch('future timestamp'), TYPESCRIPT_SIDE, def).join('\n'), /rejects: got \[\]/);
    });

    it('different words for a reject fail the case that expects them', () => {
        const c = structuredClone(byBranch('missing lead'));
        const first = c.batches[0]?.expect.rejects[0];
        assert.ok(first);
        first[2] = 'The signal names no lead.';
        assert.match(runSignalCase(table, c).join('\n'), /rejects: got .*give Lead_Id__c or Email__c/);
    });
});

describe('message templates', () => {
    it('fill {n} in order, and stay inside what Apex String.format reads literally (no apostrophes, no other braces)', () => {
        assert.equal(signalMessage('saveFailed', '00Q1', 'locked'), 'Lead 00Q1 could not be saved: locked');
        for (const [key, template] of Object.entries(SIGNAL_MESSAGES)) {
            assert.doesNotMatch(template, /'/, key);
            assert.doesNotMatch(template.replace(/\{\d\}/g, ''), /[{}]/, key);
        }
        assert.throws(() => withIds('{lead:nobody}', new Map()), /names no lead/);
    });
});
