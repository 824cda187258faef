/**
 * The preview's Lightning Data Service stand-in, run in Node against a scripted fetch: what components
 * receive from getRecord and updateRecord, and how many requests a page makes.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { getFieldDisplayValue, getFieldValue, getRecord, notifyRecordUpdateAvailable, updateRecord } from './uiRecordApi.ts';
import { getObjectInfo, getPicklistValues } from './uiObjectInfoApi.ts';
import { isFetchResponseError } from './transport.ts';

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown };
let calls: Call[] = [];
const realFetch = globalThis.fetch;
afterEach(() => {
    globalThis.fetch = realFetch;
    calls = [];
});

/** A UI API that knows one lead per id; `fields` holds every field the server would return. */
function serve(
    records: Record<string, Record<string, unknown>>,
    patch?: (id: string, body: unknown, headers: Record<string, string>) => Response
) {
    globalThis.fetch = (async (input: string, init: RequestInit = {}) => {
        const url = new URL(input, 'http://preview.local');
        const headers = (init.headers ?? {}) as Record<string, string>;
        calls.push({
            method: init.method ?? 'GET',
            url: url.pathname + url.search,
            headers,
            body: init.body ? JSON.parse(String(init.body)) : undefined
        });
        const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
        if (init.method === 'PATCH' && patch) return patch(id, init.body ? JSON.parse(String(init.body)) : undefined, headers);
        if (url.pathname.startsWith('/ui-api/object-info/'))
            return Response.json({ apiName: 'Lead', fields: { Status: { label: 'Lead Status' } } });
        const record = records[id];
        if (!record) return Response.json([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], { status: 404 });
        const asked = (url.searchParams.get('optionalFields') ?? '')
            .split(',')
            .filter(Boolean)
            .map((f) => f.replace(/^Lead\./, ''));
        const fields: Record<string, unknown> = {};
        for (const f of asked) if (f in record) fields[f] = { value: record[f], displayValue: null };
        if (asked.includes('Owner.Name'))
            fields.Owner = {
                value: { apiName: 'User', fields: { Name: { value: 'Priya Nair', displayValue: null } } },
                displayValue: 'Priya Nair'
            };
        return Response.json({
            apiName: 'Lead',
            id,
            lastModifiedDate: record.LastModifiedDate,
            systemModstamp: record.LastModifiedDate,
            fields,
            recordTypeId: null,
            childRelationships: {}
        });
    }) as typeof fetch;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
type Result = { data?: { fields: Record<string, { value: unknown }>; lastModifiedDate: string }; error?: unknown };
function wire(config: Record<string, unknown>) {
    const values: Result[] = [];
    const adapter = new getRecord((value) => values.push(value as Result));
    adapter.update(config);
    adapter.connect();
    return { values, adapter, last: () => values[values.length - 1] as Result };
}

describe('getRecord', () => {
    it('provisions { data: undefined, error: undefined } first, then the record; two wires share one request', async () => {
        serve({ '00Q000000000001AAA': { Status: 'New', Title: 'VP', LastModifiedDate: '2026-05-01T00:00:00.000Z' } });
        const a = wire({ recordId: '00Q000000000001AAA', fields: ['Lead.Status'] });
        const b = wire({
            recordId: '00Q000000000001AAA',
            optionalFields: [{ objectApiName: 'Lead', fieldApiName: 'Title' }, 'Lead.Owner.Name']
        });
        assert.deepEqual(a.values[0], { data: undefined, error: undefined });
        await settle();
        assert.equal(calls.length, 1, 'one request for both wires');
        assert.match(calls[0]?.url ?? '', /optionalFields=Lead\.Status%2CLead\.Title%2CLead\.Owner\.Name/);
        assert.deepEqual(Object.keys(a.last().data?.fields ?? {}), ['Status']);
        assert.deepEqual(Object.keys(b.last().data?.fields ?? {}).sort(), ['Owner', 'Title']);
        assert.equal(getFieldValue(b.last().data as never, 'Lead.Owner.Name'), 'Priya Nair');
        assert.equal(getFieldDisplayValue(b.last().data as never, 'Lead.Owner.Name'), 'Priya Nair');
        assert.throws(
            () => {
                (a.last().data?.fields as Record<string, unknown>).Status = 'x';
            },
            TypeError,
            'wire data is read-only, as LDS makes it'
        );
        // A later wire whose fields are cached is served without a request.
        const c = wire({ recordId: '00Q000000000001AAA', fields: ['Lead.Title'] });
        await settle();
        assert.equal(calls.length, 1);
        assert.equal(getFieldValue(c.last().data as never, 'Lead.Title'), 'VP');
    });

    it('gives an error to the wire whose required field is not returned, and data to the others', async () => {
        serve({ '00Q000000000002AAA': { Status: 'New', LastModifiedDate: '2026-05-01T00:00:00.000Z' } });
        const strict = wire({ recordId: '00Q000000000002AAA', fields: ['Lead.Budget_Evidence__c'] });
        const lenient = wire({ recordId: '00Q000000000002AAA', fields: ['Lead.Status'], optionalFields: ['Lead.Budget_Evidence__c'] });
        await settle();
        const error = strict.last().error as { status: number; body: Array<{ errorCode: string; message: string }> };
        assert.equal(error.status, 400);
        assert.equal(error.body[0]?.errorCode, 'INVALID_FIELD');
        assert.match(error.body[0]?.message ?? '', /Lead\.Budget_Evidence__c/);
        assert.deepEqual(Object.keys(lenient.last().data?.fields ?? {}), ['Status']);
    });

    it('waits for a recordId, and passes a 404 on as the error', async () => {
        serve({});
        const waiting = wire({ recordId: undefined, fields: ['Lead.Status'] });
        await settle();
        assert.equal(calls.length, 0);
        assert.deepEqual(waiting.values, [{ data: undefined, error: undefined }]);
        const missing = wire({ recordId: '00Q000000000404AAA', fields: ['Lead.Status'] });
        await settle();
        assert.equal((missing.last().error as { status: number }).status, 404);
    });
});

describe('updateRecord', () => {
    it('sends If-Unmodified-Since and the fields without Id, and every wire of the record receives the saved version', async () => {
        const id = '00Q000000000003AAA';
        const records = { [id]: { Status: 'Marketing Qualified', Title: 'VP', LastModifiedDate: '2026-05-01T00:00:00.000Z' } };
        serve(records, (_id, body) => {
            Object.assign(records[id] ?? {}, (body as { fields: object }).fields, { LastModifiedDate: '2026-05-01T00:01:00.000Z' });
            const r = records[id] as Record<string, unknown>;
            return Response.json({
                apiName: 'Lead',
                id,
                lastModifiedDate: r.LastModifiedDate,
                fields: { Status: { value: r.Status, displayValue: null }, Title: { value: r.Title, displayValue: null } }
            });
        });
        const panel = wire({ recordId: id, fields: ['Lead.Status'] });
        const header = wire({ recordId: id, optionalFields: ['Lead.Title', 'Lead.Status'] });
        await settle();
        const saved = await updateRecord(
            { fields: { Id: id, Status: 'Sales Accepted' } },
            { ifUnmodifiedSince: '2026-05-01T00:00:00.000Z' }
        );
        const patch = calls.find((c) => c.method === 'PATCH');
        assert.equal(patch?.url, `/ui-api/records/${id}`);
        assert.deepEqual(patch?.body, { fields: { Status: 'Sales Accepted' } });
        assert.equal(patch?.headers['If-Unmodified-Since'], '2026-05-01T00:00:00.000Z');
        assert.equal(saved.lastModifiedDate, '2026-05-01T00:01:00.000Z');
        await settle();
        assert.equal(getFieldValue(panel.last().data as never, 'Lead.Status'), 'Sales Accepted');
        assert.equal(getFieldValue(header.last().data as never, 'Lead.Status'), 'Sales Accepted');
        assert.equal(header.last().data?.lastModifiedDate, '2026-05-01T00:01:00.000Z');
    });

    it('rejects with the server response as LDS does (status and body), and with a TypeError when the network fails', async () => {
        serve({}, () =>
            Response.json(
                { errorCode: 'ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE_CHECK', message: 'modified' },
                { status: 412, statusText: 'Precondition Failed' }
            )
        );
        await assert.rejects(updateRecord({ fields: { Id: '00Q000000000005AAA', Status: 'Rejected' } }), (error: unknown) => {
            assert.ok(isFetchResponseError(error));
            assert.equal(error.status, 412);
            assert.equal((error.body as { errorCode: string }).errorCode, 'ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE_CHECK');
            return true;
        });
        globalThis.fetch = (async () => {
            throw new TypeError('fetch failed');
        }) as typeof fetch;
        await assert.rejects(updateRecord({ fields: { Id: '00Q000000000005AAA', Status: 'Rejected' } }), TypeError);
        await assert.rejects(
            updateRecord({ fields: { Status: 'Rejected' } }),
            (error: unknown) => isFetchResponseError(error) && error.status === 400
        );
    });

    it('notifyRecordUpdateAvailable fetches the record again for the wires showing it', async () => {
        const id = '00Q000000000006AAA';
        const records = { [id]: { Status: 'New', LastModifiedDate: '2026-05-01T00:00:00.000Z' } };
        serve(records);
        const w = wire({ recordId: id, fields: ['Lead.Status'] });
        await settle();
        Object.assign(records[id] ?? {}, { Status: 'Nurture', LastModifiedDate: '2026-05-02T00:00:00.000Z' });
        await notifyRecordUpdateAvailable([{ recordId: id }]);
        assert.equal(getFieldValue(w.last().data as never, 'Lead.Status'), 'Nurture');
        assert.equal(calls.length, 2);
    });
});

describe('object info and picklists', () => {
    it('fetches object info once per page and waits for a record type before asking for picklist values', async () => {
        serve({});
        const seen: unknown[] = [];
        for (let i = 0; i < 2; i++) {
            const info = new getObjectInfo((v) => seen.push(v));
            info.update({ objectApiName: { objectApiName: 'Lead' } });
            info.connect();
        }
        const picklist = new getPicklistValues((v) => seen.push(v));
        picklist.update({ recordTypeId: undefined, fieldApiName: { objectApiName: 'Lead', fieldApiName: 'Status' } });
        picklist.connect();
        await settle();
        assert.equal(calls.filter((c) => c.url === '/ui-api/object-info/Lead').length, 1, 'object info is cached for the page');
        assert.equal(
            calls.some((c) => c.url.includes('picklist-values')),
            false
        );
        picklist.update({ recordTypeId: '012000000000000AAA', fieldApiName: { objectApiName: 'Lead', fieldApiName: 'Status' } });
        await settle();
        assert.ok(calls.some((c) => c.url === '/ui-api/object-info/Lead/picklist-values/012000000000000AAA/Status'));
    });
});
