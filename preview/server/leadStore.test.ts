/**
 * The emulated Lead API against the project's real metadata (force-app), sample data (data/) and
 * permission sets, at a fixed instant: what a save is refused with, what it stamps, who may do what.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { scoreLead } from 'c/leadScoring';
import { loadPreviewStore } from './loadStore.ts';
import { parseSince, type LeadStore } from './leadStore.ts';
import { ROOT } from '../bundler/bundle.ts';

const NOW = new Date('2026-05-04T10:00:00.000Z');
let clock = NOW;
const fresh = () => {
    clock = NOW;
    return loadPreviewStore(ROOT, () => clock);
};
const { store, seed } = fresh();
const userOf = (role: string) => {
    const user = seed.users.find((u) => u.role === role);
    assert.ok(user, `data/users.json has a ${role}`);
    return user.id;
};
const SDR = userOf('SDR');
const MANAGER = userOf('Manager');
const INTEGRATION = userOf('Integration');
const leadOf = (key: string) => {
    const entry = seed.showcase.find((s) => s.key === key);
    assert.ok(entry, `showcase lead ${key}`);
    return entry.id;
};

type Rep = {
    id: string;
    lastModifiedDate: string;
    lastModifiedById: string;
    fields: Record<string, { value: unknown; displayValue: string | null }>;
};
type SaveError = {
    errorCode: string;
    message: string;
    output: {
        errors: Array<{ errorCode: string; message: string }>;
        fieldErrors: Record<string, Array<{ errorCode: string; message: string; field: string; fieldLabel: string }>>;
    };
};
const rep = (r: { status: number; body: unknown }) => {
    assert.equal(r.status, 200, JSON.stringify(r.body).slice(0, 400));
    return r.body as Rep;
};
const saveError = (r: { status: number; body: unknown }, status = 400) => {
    assert.equal(r.status, status, JSON.stringify(r.body).slice(0, 400));
    return r.body as SaveError;
};
const ruleMessage = (name: string, s: LeadStore = store) => {
    const rule = s.meta.validationRules.find((r) => r.name === name);
    assert.ok(rule, `validation rule ${name} exists in force-app`);
    return rule.errorMessage;
};
const lastModified = (s: LeadStore, id: string) => rep(s.getRecord(SDR, id, { fields: ['Lead.LastModifiedDate'] })).lastModifiedDate;

describe('reading a lead', () => {
    it('returns the asked fields, formula fields evaluated now, the compound Name and related names', () => {
        const id = leadOf('bant-mql-partial');
        const r = rep(
            store.getRecord(SDR, id, {
                fields: ['Lead.Name', 'Lead.Intent_Score__c', 'Lead.Status'],
                optionalFields: ['Lead.Owner.Name', 'Lead.Fit_Score__c']
            })
        );
        assert.equal(r.fields.Name?.value, 'Ines Moreau');
        assert.equal(r.fields.Status?.value, 'Marketing Qualified');
        const all = store.records('Lead').find((l) => l.Id === id);
        assert.ok(all);
        // The generated formula, evaluated by the harness, agrees with the shared scoring module at the same instant.
        assert.equal(r.fields.Intent_Score__c?.value, scoreLead(all, NOW).intent);
        assert.equal(r.fields.Fit_Score__c?.value, scoreLead(all, NOW).fit);
        assert.equal(r.fields.Owner?.displayValue, seed.users.find((u) => u.id === all.OwnerId)?.name);
        assert.deepEqual(Object.keys(r.fields).sort(), ['Fit_Score__c', 'Intent_Score__c', 'Name', 'Owner', 'Status']);
    });

    it('shifts the sample data to now: the showcase MQL is minutes old', () => {
        const r = rep(store.getRecord(SDR, leadOf('bant-mql-partial'), { fields: ['Lead.MQL_At__c'] }));
        const ageMinutes = (NOW.getTime() - Date.parse(String(r.fields.MQL_At__c?.value))) / 60_000;
        assert.ok(ageMinutes > 0 && ageMinutes < 60, `MQL ${ageMinutes} minutes ago`);
    });

    it('refuses a required field the user cannot read, and leaves out such an optional field', () => {
        const id = leadOf('bant-mql-partial');
        const refused = store.getRecord(INTEGRATION, id, { fields: ['Lead.Budget_Evidence__c'] });
        assert.equal(refused.status, 400);
        assert.match(JSON.stringify(refused.body), /INVALID_FIELD.*Budget_Evidence__c/);
        const r = rep(store.getRecord(INTEGRATION, id, { optionalFields: ['Lead.Budget_Evidence__c', 'Lead.Last_Demo_Request_At__c'] }));
        assert.deepEqual(Object.keys(r.fields), ['Last_Demo_Request_At__c']);
    });

    it('answers bad ids, unknown leads and unknown users with 4xx', () => {
        assert.equal(store.getRecord(SDR, 'not-an-id', { fields: ['Lead.Name'] }).status, 400);
        assert.equal(store.getRecord(SDR, '00QLG00000099992AA', { fields: ['Lead.Name'] }).status, 404);
        assert.equal(store.getRecord(SDR, '00QLG0000009999AAA', { fields: ['Lead.Name'] }).status, 400, 'checksum suffix does not match');
        assert.equal(store.getRecord('005000000000000AAA', leadOf('competitor'), { fields: ['Lead.Name'] }).status, 401);
        assert.equal(store.getRecord(SDR, leadOf('competitor'), {}).status, 400);
        assert.equal(store.getRecord(SDR, leadOf('competitor').slice(0, 15), { fields: ['Lead.Name'] }).status, 200);
    });
});

describe('saving a lead', () => {
    it('refuses Sales Qualified with each incomplete criterion rule beside its evidence field, and the stage rule', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-mql-partial');
        const body = saveError(s.updateRecord(SDR, id, { fields: { Status: 'Sales Qualified' } }));
        assert.equal(body.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
        assert.deepEqual(
            body.output.fieldErrors.Authority_Evidence__c?.map((e) => e.message),
            [ruleMessage('LeadGate_SQL_Needs_Authority', s)]
        );
        assert.deepEqual(
            body.output.fieldErrors.Timeline_Evidence__c?.map((e) => e.message),
            [ruleMessage('LeadGate_SQL_Needs_Timeline', s)]
        );
        assert.equal(body.output.fieldErrors.Authority_Evidence__c?.[0]?.fieldLabel, 'Authority Evidence');
        assert.equal(body.output.fieldErrors.Budget_Evidence__c, undefined, 'a complete criterion is not reported');
        const stage = ruleMessage('LeadGate_SQL_Needs_Sales_Accepted', s);
        assert.ok(JSON.stringify(body.output).includes(JSON.stringify(stage).slice(1, -1)));
        // Nothing was written.
        assert.equal(rep(s.getRecord(SDR, id, { fields: ['Lead.Status'] })).fields.Status?.value, 'Marketing Qualified');
    });

    it('accepts an MQL: the before-save flow stamps Accepted_At__c and the first action at the save instant', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-mql-partial');
        clock = new Date(NOW.getTime() + 5_000);
        const r = rep(s.updateRecord(SDR, id, { fields: { Status: 'Sales Accepted' } }, lastModified(s, id)));
        assert.equal(r.fields.Status?.value, 'Sales Accepted');
        assert.equal(r.fields.Accepted_At__c?.value, clock.toISOString());
        assert.equal(r.fields.First_Action_At__c?.value, clock.toISOString());
        assert.equal(r.lastModifiedDate, clock.toISOString());
        assert.equal(r.lastModifiedById, SDR);
        assert.equal(typeof r.fields.Minutes_To_First_Action__c?.value, 'number');
    });

    it('qualifies a complete BANT lead: SQL_At__c and SQL_Qualified_By__c stamped with the saving user', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-sal-ready');
        const r = rep(s.updateRecord(SDR, id, { fields: { Status: 'Sales Qualified' } }));
        assert.equal(r.fields.Status?.value, 'Sales Qualified');
        assert.equal(r.fields.SQL_At__c?.value, NOW.toISOString());
        assert.equal(r.fields.SQL_Qualified_By__c?.value, SDR);
    });

    it('stamps Fit_Edited_By_Owner_At__c when the owner changes a fit fact before SQL, and not for another user or after SQL', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-sal-ready');
        const owner = String(s.leadValues(id)?.OwnerId);
        const stamp = () => s.getRecord(owner, id, { fields: ['Lead.Fit_Edited_By_Owner_At__c'] });
        assert.equal(rep(stamp()).fields.Fit_Edited_By_Owner_At__c?.value, null);
        const admin = seed.users.find((u) => u.role === 'Admin')!.id;
        rep(s.updateRecord(admin, id, { fields: { Title: 'Chief Revenue Officer' } }));
        assert.equal(rep(stamp()).fields.Fit_Edited_By_Owner_At__c?.value, null, 'an admin is not the owner');
        clock = new Date(NOW.getTime() + 60_000);
        rep(s.updateRecord(owner, id, { fields: { Title: 'VP Sales' } }));
        assert.equal(rep(stamp()).fields.Fit_Edited_By_Owner_At__c?.value, clock.toISOString());
        rep(s.updateRecord(owner, id, { fields: { Status: 'Sales Qualified' } }));
        const after = new Date(clock.getTime() + 60_000);
        clock = after;
        rep(s.updateRecord(owner, id, { fields: { Title: 'Director' } }));
        assert.equal(rep(stamp()).fields.Fit_Edited_By_Owner_At__c?.value, new Date(NOW.getTime() + 60_000).toISOString(), 'already SQL');
    });

    it('logs the owner’s fit-fact edits with their values before and after; the rep reads the log and cannot write it', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-sal-ready');
        const owner = String(s.leadValues(id)?.OwnerId);
        const log = () => rep(s.getRecord(owner, id, { fields: ['Lead.Fit_Edits_Before_SQL__c'] })).fields.Fit_Edits_Before_SQL__c?.value;
        const seededTitle = String(s.leadValues(id)?.Title ?? '');
        rep(s.updateRecord(owner, id, { fields: { Title: 'VP Sales' } }));
        assert.equal(log(), `Title: ${seededTitle} -> VP Sales`);
        rep(s.updateRecord(owner, id, { fields: { NumberOfEmployees: 900, Status: 'Sales Qualified' } }));
        assert.match(String(log()), /^Employees: \d* -> 900; Title: /);
        const forged = s.updateRecord(owner, id, { fields: { Fit_Edits_Before_SQL__c: '' } });
        assert.notEqual(forged.status, 200, 'the SDR has no edit access to the log');
        assert.match(JSON.stringify(forged.body), /Fit_Edits_Before_SQL__c/, JSON.stringify(forged.body));
        assert.match(String(log()), /^Employees: /, 'and the log is unchanged');
    });

    it('lets the integration user (bypass permission) set Sales Qualified on an incomplete lead', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-mql-partial');
        assert.equal(s.updateRecord(SDR, id, { fields: { Status: 'Sales Qualified' } }).status, 400);
        const r = rep(s.updateRecord(INTEGRATION, id, { fields: { Status: 'Sales Qualified' } }));
        assert.equal(r.fields.Status?.value, 'Sales Qualified');
        assert.equal(r.fields.Budget_Evidence__c, undefined, 'the response holds only what the integration user may read');
    });

    it('refuses a rejection without a reason, and Other with short notes; a reason lands as Rejected', () => {
        const { store: s } = fresh();
        const id = leadOf('disqualifying-budget');
        const none = saveError(s.updateRecord(SDR, id, { fields: { Status: 'Rejected' } }));
        assert.deepEqual(
            Object.values(none.output.fieldErrors)
                .flat()
                .concat(none.output.errors as never[])
                .map((e) => e.message),
            [ruleMessage('LeadGate_Rejected_Needs_Reason', s)]
        );
        const other = saveError(
            s.updateRecord(SDR, id, { fields: { Status: 'Rejected', Rejection_Reason__c: 'Other', Rejection_Notes__c: 'too short' } })
        );
        assert.match(JSON.stringify(other.output), new RegExp(ruleMessage('LeadGate_Rejection_Notes_Required', s).slice(0, 30)));
        const r = rep(s.updateRecord(SDR, id, { fields: { Status: 'Rejected', Rejection_Reason__c: 'Poor Fit' } }));
        assert.equal(r.fields.Status?.value, 'Rejected');
        assert.equal(r.fields.Rejected_At__c?.value, NOW.toISOString());
    });

    it('refuses a save based on an older LastModifiedDate with 412, naming who saved', () => {
        const { store: s } = fresh();
        const id = leadOf('meddic-enterprise');
        const seen = lastModified(s, id);
        clock = new Date(NOW.getTime() + 60_000);
        rep(s.updateRecord(SDR, id, { fields: { Metrics_Evidence__c: 'Cut first-response time from two days to one hour' } }, seen));
        const conflict = saveError(
            s.updateRecord(SDR, id, { fields: { Champion_Evidence__c: 'RevOps lead is briefing the CRO on our pilot' } }, seen),
            412
        );
        assert.equal(conflict.errorCode, 'ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE_CHECK');
        assert.match(conflict.message, /modified since/);
        assert.match(conflict.output.errors[0]?.message ?? '', /Reload/);
        // The current LastModifiedDate passes, also as an HTTP date at second precision.
        const current = lastModified(s, id);
        rep(s.updateRecord(SDR, id, { fields: { Champion_Status__c: 'In Progress' } }, new Date(Date.parse(current) + 1000).toUTCString()));
        assert.equal(s.updateRecord(SDR, id, { fields: { Champion_Status__c: 'Confirmed' } }, 'yesterday').status, 400);
    });

    it('enforces permissions: the manager reads but cannot edit; nobody edits formula or read-only fields', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-mql-partial');
        rep(s.getRecord(MANAGER, id, { fields: ['Lead.Budget_Evidence__c'] }));
        const manager = saveError(s.updateRecord(MANAGER, id, { fields: { Budget_Status__c: 'Confirmed' } }), 403);
        assert.equal(manager.output.errors[0]?.errorCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
        const sdr = saveError(
            s.updateRecord(SDR, id, { fields: { Intent_Score__c: 99, Fit_Score__c: 99, Accepted_At__c: NOW.toISOString(), Name: 'x' } })
        );
        assert.deepEqual(Object.keys(sdr.output.fieldErrors).sort(), ['Accepted_At__c', 'Fit_Score__c', 'Intent_Score__c', 'Name']);
        assert.ok(Object.values(sdr.output.fieldErrors).every((e) => e[0]?.errorCode === 'INVALID_FIELD_FOR_INSERT_UPDATE'));
        const integration = saveError(s.updateRecord(INTEGRATION, id, { fields: { Budget_Status__c: 'Confirmed' } }));
        assert.equal(integration.output.fieldErrors.Budget_Status__c?.[0]?.errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    });

    it('checks values as the platform does before any rule runs', () => {
        const { store: s } = fresh();
        const id = leadOf('bant-mql-partial');
        const body = saveError(
            s.updateRecord(SDR, id, {
                fields: {
                    Budget_Status__c: 'Maybe',
                    Need_Evidence__c: 'x'.repeat(256),
                    NumberOfEmployees: 'many',
                    Email: 'not-an-email',
                    LastName: '',
                    Nope__c: 1,
                    Last_Demo_Request_At__c: 'tomorrow'
                }
            })
        );
        const codes = Object.fromEntries(Object.entries(body.output.fieldErrors).map(([f, e]) => [f, e[0]?.errorCode]));
        assert.deepEqual(codes, {
            Budget_Status__c: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            Need_Evidence__c: 'STRING_TOO_LONG',
            NumberOfEmployees: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
            Email: 'INVALID_EMAIL_ADDRESS',
            LastName: 'REQUIRED_FIELD_MISSING',
            Nope__c: 'INVALID_FIELD',
            Last_Demo_Request_At__c: 'INVALID_FIELD_FOR_INSERT_UPDATE'
        });
    });

    it('keeps converted leads read-only', () => {
        const converted = store.records('Lead').find((l) => l.IsConverted === true);
        assert.ok(converted, 'the sample data has converted leads');
        const body = saveError(store.updateRecord(SDR, String(converted.Id), { fields: { Budget_Status__c: 'Confirmed' } }));
        assert.equal(body.output.errors[0]?.errorCode, 'CANNOT_UPDATE_CONVERTED_LEAD');
    });

    it('answers any malformed body with a 4xx and never throws', () => {
        const { store: s } = fresh();
        const id = leadOf('competitor');
        for (const body of [null, [], 'x', 3, { fields: null }, { fields: [] }, { fields: 'Status' }, {}]) {
            const r = s.updateRecord(SDR, id, body);
            assert.equal(r.status, 400, JSON.stringify(body));
        }
        fc.assert(
            fc.property(
                fc.oneof(
                    fc.jsonValue(),
                    fc.record({
                        fields: fc.dictionary(
                            fc.constantFrom('Status', 'Budget_Status__c', 'Title', 'NumberOfEmployees', 'Rejection_Reason__c', 'x'),
                            fc.jsonValue()
                        )
                    })
                ),
                fc.option(fc.string(), { nil: undefined }),
                (body, since) => {
                    const r = s.updateRecord(SDR, id, body, since);
                    return r.status >= 200 && r.status < 500;
                }
            ),
            { numRuns: 300 }
        );
    });
});

/**
 * A copy of the project whose before-save flow XML is changed by `plant` (everything else linked to the real files):
 * the preview must run the deployed XML, so a fault planted in it shows in the preview's saves.
 */
const plantedRoots: string[] = [];
after(() => plantedRoots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function withPlantedFlow(plant: (xml: string) => string): LeadStore {
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-planted-flow-'));
    plantedRoots.push(dir);
    for (const top of ['data', 'optional']) symlinkSync(join(ROOT, top), join(dir, top));
    const defaults = join('force-app', 'main', 'default');
    mkdirSync(join(dir, defaults), { recursive: true });
    for (const entry of readdirSync(join(ROOT, defaults)))
        if (entry !== 'flows') symlinkSync(join(ROOT, defaults, entry), join(dir, defaults, entry));
    cpSync(join(ROOT, defaults, 'flows'), join(dir, defaults, 'flows'), { recursive: true });
    const file = join(dir, defaults, 'flows', 'LeadGate_Lead_Stage_Stamps.flow-meta.xml');
    const xml = readFileSync(file, 'utf8');
    const planted = plant(xml);
    assert.notEqual(planted, xml, 'the fault is planted');
    writeFileSync(file, planted);
    clock = NOW;
    return loadPreviewStore(dir, () => clock).store;
}

describe('the save runs the deployed before-save flow XML (planted faults)', () => {
    it('a flipped decision in the flow (first action only when it is already set) changes what the save stamps', () => {
        const s = withPlantedFlow((xml) => {
            const rule = xml.indexOf('<name>First_Action_SAL</name>');
            const blank = xml.indexOf('<leftValueReference>$Record.First_Action_At__c</leftValueReference>', rule);
            return (
                xml.slice(0, blank) + xml.slice(blank).replace('<booleanValue>true</booleanValue>', '<booleanValue>false</booleanValue>')
            );
        });
        const id = leadOf('bant-mql-partial');
        const r = rep(s.updateRecord(SDR, id, { fields: { Status: 'Sales Accepted' } }));
        assert.equal(r.fields.Accepted_At__c?.value, NOW.toISOString(), 'the untouched decision still stamps');
        assert.equal(r.fields.First_Action_At__c?.value ?? null, null, 'the flipped decision no longer stamps the first action');
        const real = fresh().store;
        assert.equal(
            rep(real.updateRecord(SDR, id, { fields: { Status: 'Sales Accepted' } })).fields.First_Action_At__c?.value,
            NOW.toISOString()
        );
    });

    it('a flow formula that fails refuses the save with a flow error, and writes nothing', () => {
        const s = withPlantedFlow((xml) => {
            const at = xml.indexOf('<name>Intent_At_SQL_Formula</name>');
            return xml.slice(0, at) + xml.slice(at).replace(/<expression>[\s\S]*?<\/expression>/, '<expression>1 / 0</expression>');
        });
        const id = leadOf('bant-sal-ready');
        const body = saveError(s.updateRecord(SDR, id, { fields: { Status: 'Sales Qualified' } }));
        assert.equal(body.errorCode, 'CANNOT_EXECUTE_FLOW_TRIGGER');
        assert.match(
            body.message,
            /LeadGate flow failed: Flow LeadGate_Lead_Stage_Stamps: formula Intent_At_SQL_Formula cannot be evaluated/
        );
        assert.equal(rep(s.getRecord(SDR, id, { fields: ['Lead.Status'] })).fields.Status?.value, 'Sales Accepted', 'nothing was written');
    });
});

describe('object info and picklists', () => {
    it('describes the fields the user can read, with labels, help, types and editability from the metadata', () => {
        const sdr = store.objectInfo(SDR, 'Lead').body as {
            fields: Record<
                string,
                { label: string; inlineHelpText: string | null; dataType: string; updateable: boolean; calculated: boolean }
            >;
        };
        const budget = store.meta.field('Budget_Evidence__c');
        assert.equal(sdr.fields.Budget_Evidence__c?.label, budget?.label);
        assert.equal(sdr.fields.Budget_Evidence__c?.inlineHelpText, budget?.inlineHelpText);
        assert.equal(sdr.fields.Budget_Evidence__c?.dataType, 'TextArea');
        assert.equal(sdr.fields.Budget_Evidence__c?.updateable, true);
        assert.equal(sdr.fields.Intent_Score__c?.calculated, true);
        assert.equal(sdr.fields.Intent_Score__c?.updateable, false);
        assert.equal(sdr.fields.MQL_At__c?.dataType, 'DateTime');
        const integration = store.objectInfo(INTEGRATION, 'Lead').body as { fields: Record<string, unknown> };
        assert.equal(integration.fields.Budget_Evidence__c, undefined);
        assert.ok(integration.fields.Last_Demo_Request_At__c);
        assert.equal(store.objectInfo(SDR, 'Account').status, 404);
    });

    it('gives picklist values from the field XML and Status from the lead status value set', () => {
        const reasons = store.picklistValues(SDR, 'Lead', '012000000000000AAA', 'Rejection_Reason__c').body as {
            values: Array<{ value: string }>;
        };
        assert.deepEqual(
            reasons.values.map((v) => v.value),
            store.meta.field('Rejection_Reason__c')?.picklistValues
        );
        const status = store.picklistValues(SDR, 'Lead', '012000000000000AAA', 'Status').body as {
            values: Array<{ value: string }>;
            defaultValue: { value: string };
        };
        assert.ok(status.values.some((v) => v.value === 'Sales Qualified'));
        assert.equal(status.defaultValue.value, 'New');
        assert.equal(store.picklistValues(SDR, 'Lead', '012000000000001AAA', 'Status').status, 404);
        assert.equal(store.picklistValues(SDR, 'Lead', '012000000000000AAA', 'Title').status, 400);
        const all = store.picklistValues(SDR, 'Lead', '012000000000000AAA').body as { picklistFieldValues: Record<string, unknown> };
        assert.ok(all.picklistFieldValues.Budget_Status__c && all.picklistFieldValues.Status);
    });
});

it('parses If-Unmodified-Since as ISO 8601 or HTTP date, and nothing else', () => {
    assert.deepEqual(parseSince('2026-05-04T10:00:00.123Z'), { ms: Date.parse('2026-05-04T10:00:00.123Z'), precision: 'ms' });
    assert.deepEqual(parseSince('Mon, 04 May 2026 10:00:00 GMT'), { ms: Date.parse('2026-05-04T10:00:00Z'), precision: 'second' });
    assert.equal(parseSince('soon'), null);
    assert.equal(parseSince('2026-13-45T99:00:00Z'), null);
});
