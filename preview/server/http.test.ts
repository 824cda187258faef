/**
 * The HTTP layer: pages, the UI API routes, Apex, static files, and that no request, however malformed,
 * gets anything but a clear 4xx (or crashes the server).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { ApexRegistry } from './apex/registry.ts';
import { defaultRecordPage } from './flexipage.ts';
import { createPreviewServer } from './http.ts';
import { loadPreviewStore } from './loadStore.ts';
import { ROOT } from '../bundler/bundle.ts';
import { previewResourceBodies } from './definitionRevisions.ts';

const dist = mkdtempSync(join(tmpdir(), 'leadgate-dist-'));
writeFileSync(join(dist, 'main.js'), 'export {};\n');
let loaded = loadPreviewStore(ROOT);
const apex = new ApexRegistry();
apex.register('LeadGateDashboardController.getTeams', async (params, ctx) => ({
    caller: ctx.user.name,
    leads: ctx.records('Lead').length,
    params
}));
apex.register('NoGrant.method', async () => 1);
const logged: string[] = [];
const server = createPreviewServer({
    store: () => loaded.store,
    reset: () => {
        loaded = loadPreviewStore(ROOT);
    },
    apex,
    showcase: () => loaded.seed.showcase,
    recordPage: defaultRecordPage(['c/qualificationPanel']),
    dashboardAvailable: true,
    entry: 'main.js',
    distDir: dist,
    sldsDir: join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets'),
    staticResources: new Map(),
    resourceBodies: previewResourceBodies(ROOT, () => loaded.seed),
    log: (m) => logged.push(m)
});
let base = '';
const users = loaded.store.users();
const SDR = users.find((u) => u.role === 'SDR')?.id ?? '';
const MANAGER = users.find((u) => u.role === 'Manager')?.id ?? '';
const INTEGRATION = users.find((u) => u.role === 'Integration')?.id ?? '';
const LEAD = loaded.seed.showcase[0]?.id ?? '';

before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(base + path, { redirect: 'manual', ...init });
    const text = await response.text();
    let json: unknown = null;
    try {
        json = JSON.parse(text);
    } catch {
        // pages are HTML
    }
    return { status: response.status, text, json, headers: response.headers };
};
const as = (userId: string, init: RequestInit = {}): RequestInit => ({
    ...init,
    headers: { 'X-LeadGate-User': userId, ...(init.headers ?? {}) }
});

describe('pages', () => {
    it('lists leads with the showcase first, escaped, with paging and search', async () => {
        const page = await call('/', as(SDR));
        assert.equal(page.status, 200);
        assert.match(page.text, new RegExp(`href="/lead/${LEAD}"`));
        assert.match(page.text, /2408 leads; the first 8 are the showcase scenarios/);
        const links = [...page.text.matchAll(/href="\/lead\/([^"]+)"/g)].map((m) => m[1]);
        assert.deepEqual(
            links.slice(0, 8),
            loaded.seed.showcase.map((s) => s.id),
            'the showcase leads come first'
        );
        assert.equal(links.length, 50, 'one page holds 50 leads');
        const search = await call('/?q=Moreau', as(SDR));
        assert.match(search.text, /Ines Moreau/);
        assert.doesNotMatch(search.text, /Halden.*Halden.*Halden/s);
        const last = await call('/?page=9999', as(SDR));
        assert.match(last.text, /Page 49 of 49/);
        assert.equal((await call('/?q=%3Cscript%3E', as(SDR))).text.includes('<script>'), false);
    });

    it('serves the record page frame with the page plan as inert JSON, and 404 for an unknown lead', async () => {
        const page = await call(`/lead/${LEAD}`, as(SDR));
        assert.equal(page.status, 200);
        const json = /<script type="application\/json" id="leadgate-context">(.*?)<\/script>/s.exec(page.text)?.[1];
        assert.ok(json);
        const context = JSON.parse(json);
        assert.equal(context.page.recordId, LEAD);
        assert.deepEqual(
            context.page.regions.map((r: { name: string }) => r.name),
            ['header', 'main', 'sidebar']
        );
        assert.equal(context.user.id, SDR);
        assert.equal(context.formFactor, 'Large');
        const phone = await call(`/lead/${LEAD}?formFactor=Small`, as(SDR));
        assert.match(phone.text, /"formFactor":"Small"/);
        assert.match(page.text, /data-region="main"/);
        assert.match(page.text, /<script type="module" src="\/dist\/main.js">/);
        // An unknown lead with a well-formed Id (its checksum suffix matches) is not found; the placeholder suffix of an
        // Id the sample data does not hold is malformed, as the org reads it (issue 15).
        assert.equal((await call('/lead/00QLG00000099992AA', as(SDR))).status, 404);
        assert.equal((await call('/lead/00QLG0000009999AAA', as(SDR))).status, 400);
        assert.equal((await call('/lead/%E0%A4%A', as(SDR))).status, 400);
    });

    it('switches the user with a cookie and shows what they may do', async () => {
        const switched = await call('/preview/user', {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: `userId=${MANAGER}&returnTo=/lead/${LEAD}`
        });
        assert.equal(switched.status, 303);
        assert.equal(switched.headers.get('location'), `/lead/${LEAD}`);
        const cookie = switched.headers.get('set-cookie')?.split(';')[0] ?? '';
        const page = await call(`/lead/${LEAD}`, { headers: { cookie } });
        assert.match(page.text, /Leads: read only · Validation bypass: no/);
        const offsite = await call('/preview/user', {
            method: 'POST',
            body: `userId=${MANAGER}&returnTo=//evil.example`,
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
        });
        assert.equal(offsite.headers.get('location'), '/');
        assert.equal((await call('/preview/user', { method: 'POST', body: 'userId=nobody' })).status, 400);
    });
});

describe('first five minutes', () => {
    it('opens on a page that says who to view as for each part, with one click to switch', async () => {
        const page = await call('/', as(SDR));
        const panel = /<section[^>]*data-testid="start-here"[^>]*>([\s\S]*?)<\/section>/.exec(page.text)?.[1] ?? '';
        assert.match(panel, /<strong>SDR<\/strong>: Qualify a lead on its record page/);
        assert.match(panel, /You are viewing as Priya Nair/, 'the current SDR is named, not offered');
        const manager = users.find((u) => u.id === MANAGER);
        assert.match(panel, /<strong>Manager<\/strong>: Run the funnel review/);
        assert.match(panel, new RegExp(`name="userId" value="${MANAGER}"><input type="hidden" name="returnTo" value="/dashboard">`));
        assert.match(panel, new RegExp(`View as ${manager?.name}`));
    });

    it('tells a user without the dashboard, in the preview only, which sample users have it; none of it for the manager', async () => {
        const integration = await call('/dashboard', as(INTEGRATION));
        const note = /data-testid="dashboard-access-note">([\s\S]*?)<\/div>/.exec(integration.text)?.[1] ?? '';
        assert.match(note, /permission sets \(LeadGate_Integration\) do not include the dashboard/);
        assert.match(note, /View as Dana Whitfield \(Manager\)/);
        assert.doesNotMatch(note, /scripts\/|npm run/, 'no developer instructions');
        assert.doesNotMatch((await call('/dashboard', as(MANAGER))).text, /dashboard-access-note/);
    });

    it('tells an SDR, in the preview only, that the dashboard counts only the leads they own', async () => {
        const sdr = await call('/dashboard', as(SDR));
        const note = /data-testid="dashboard-access-note">([\s\S]*?)<\/div>/.exec(sdr.text)?.[1] ?? '';
        assert.match(
            note,
            /Priya Nair's permission sets \(LeadGate_SDR\) include the dashboard but not the team view, so it counts only the leads Priya Nair owns/
        );
        assert.match(note, /View as Dana Whitfield \(Manager\)/);
    });
});

describe('UI API routes', () => {
    it('reads and saves a record, with If-Unmodified-Since conflicts as 412', async () => {
        const read = await call(`/ui-api/records/${LEAD}?fields=Lead.Status,Lead.LastModifiedDate`, as(SDR));
        assert.equal(read.status, 200);
        const since = (read.json as { lastModifiedDate: string }).lastModifiedDate;
        const saved = await call(
            `/ui-api/records/${LEAD}`,
            as(SDR, {
                method: 'PATCH',
                body: JSON.stringify({ fields: { Timeline_Status__c: 'In Progress' } }),
                headers: { 'If-Unmodified-Since': since, 'Content-Type': 'application/json' }
            })
        );
        assert.equal(saved.status, 200);
        const stale = await call(
            `/ui-api/records/${LEAD}`,
            as(SDR, {
                method: 'PATCH',
                body: JSON.stringify({ fields: { Timeline_Status__c: 'Not Started' } }),
                headers: { 'If-Unmodified-Since': since }
            })
        );
        assert.equal(stale.status, 412);
        assert.equal((stale.json as { errorCode: string }).errorCode, 'ENTITY_FAILED_IFLASTMODIFIED_ON_UPDATE_CHECK');
        await call('/preview/reset', { method: 'POST' });
        const after = await call(`/ui-api/records/${LEAD}?fields=Lead.Timeline_Status__c`, as(SDR));
        assert.equal(
            (after.json as { fields: Record<string, { value: unknown }> }).fields.Timeline_Status__c?.value,
            'Not Started',
            'reset restores the sample data'
        );
    });

    it('serves object info and picklist values', async () => {
        const info = await call('/ui-api/object-info/Lead', as(SDR));
        assert.equal(info.status, 200);
        assert.equal((info.json as { defaultRecordTypeId: string }).defaultRecordTypeId, '012000000000000AAA');
        const values = await call('/ui-api/object-info/Lead/picklist-values/012000000000000AAA/Rejection_Reason__c', as(SDR));
        assert.equal(values.status, 200);
        assert.ok((values.json as { values: unknown[] }).values.length >= 10);
    });

    it('answers malformed requests with 4xx and a message, and keeps serving', async () => {
        const patch = (body: string, headers: Record<string, string> = {}) =>
            call(`/ui-api/records/${LEAD}`, as(SDR, { method: 'PATCH', body, headers }));
        const cases: Array<[Promise<{ status: number; json: unknown }>, number]> = [
            [patch('{not json'), 400],
            [patch('[]'), 400],
            [patch('{"fields": 3}'), 400],
            [patch('{"fields": {}}', { 'If-Unmodified-Since': 'whenever' }), 400],
            [patch('x'.repeat(1_100_000)), 413],
            [call(`/ui-api/records/${LEAD}`, as(SDR, { method: 'DELETE' })), 405],
            [call('/ui-api/records/%ZZ', as(SDR)), 400],
            [call('/ui-api/records/not-an-id?fields=Lead.Name', as(SDR)), 400],
            [call('/ui-api/nothing', as(SDR)), 404],
            [call(`/ui-api/records/${LEAD}?fields=Lead.Name`, as('nobody')), 401],
            [call('/dist/../../package.json'), 404],
            [call('/dist/..%2F..%2Fpackage.json'), 403],
            [call('/dist/missing.js'), 404],
            [call('/nowhere'), 404],
            [call('/', { method: 'PUT' }), 405],
            [call('/preview/resources/NoSuchResource'), 404],
            [call('/preview/resources/LeadGateDefinitionRevisions/revisions.json'), 404]
        ];
        for (const [pending, status] of cases) {
            const r = await pending;
            assert.equal(r.status, status, JSON.stringify(r.json));
            assert.ok(
                Array.isArray(r.json) ? (r.json as Array<{ message?: string }>)[0]?.message : (r.json as { message?: string }).message,
                'a message says what is wrong'
            );
        }
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
        assert.equal((await call('/', as(SDR))).status, 200, 'still serving');
    });
});

describe('the buying committee and the conversion over HTTP (issue 19)', () => {
    it('names a person, lists them, converts the lead and opens its Opportunity page', async () => {
        const lead = loaded.store.allLeads().find((l) => l.Status === 'Sales Qualified' && l.IsConverted !== true);
        assert.ok(lead, 'a Sales Qualified lead');
        const created = await call(
            '/ui-api/records',
            as(SDR, {
                method: 'POST',
                body: JSON.stringify({
                    apiName: 'LeadGate_Committee_Member__c',
                    fields: { Lead__c: lead.Id, Name: 'Sam Patel', Role__c: 'Economic Buyer' }
                })
            })
        );
        assert.equal(created.status, 201, JSON.stringify(created.json));
        const listed = await call(
            `/ui-api/related-list-records/${String(lead.Id)}/LeadGate_Committee_Members__r?fields=LeadGate_Committee_Member__c.Name`,
            as(SDR)
        );
        assert.equal((listed.json as { count: number }).count, 1);
        const converted = await call(`/preview/convert/${String(lead.Id)}`, as(SDR, { method: 'POST' }));
        assert.equal(converted.status, 303);
        const page = converted.headers.get('location') ?? '';
        assert.match(page, /^\/opportunity\/006/);
        const opportunityPage = await call(page, as(SDR));
        assert.equal(opportunityPage.status, 404, 'this server was given no Opportunity page');
        assert.match(opportunityPage.text, /no Opportunity record page/);
        const again = await call(`/preview/convert/${String(lead.Id)}`, as(SDR, { method: 'POST' }));
        assert.equal(again.status, 400);
        assert.match(again.text, /already converted/);
        const removed = await call(`/ui-api/records/${(created.json as { id: string }).id}`, as(SDR, { method: 'DELETE' }));
        assert.equal(removed.status, 204, 'removing a person of a converted lead leaves its counts alone');
        await call('/preview/reset', { method: 'POST' });
    });

    it('answers bad committee and conversion requests with 4xx and a message', async () => {
        const cases: Array<[Promise<{ status: number; json: unknown; text: string }>, number]> = [
            [call('/ui-api/records', as(SDR, { method: 'POST', body: '{' })), 400],
            [call('/ui-api/records', as(SDR, { method: 'POST', body: JSON.stringify({ apiName: 'Account', fields: {} }) })), 400],
            [call(`/ui-api/related-list-records/${LEAD}/Contacts`, as(SDR)), 404],
            [call('/ui-api/records/a0C000000000001AAA', as(SDR, { method: 'DELETE' })), 404],
            [call('/preview/convert/00Q000000000000AAA', as(SDR, { method: 'POST' })), 404],
            [call('/opportunity/006000000000000AAA', as(SDR)), 404]
        ];
        for (const [pending, status] of cases) {
            const r = await pending;
            assert.equal(r.status, status, r.text.slice(0, 300));
            assert.ok(r.text.length > 0, 'a message says what is wrong');
        }
        assert.deepEqual(logged, [], 'no request failed unexpectedly');
    });
});

describe('Apex', () => {
    it('calls a registered handler with the user and the records, and 404s an unknown method', async () => {
        const ok = await call(
            '/preview/apex/LeadGateDashboardController.getTeams',
            as(MANAGER, { method: 'POST', body: JSON.stringify({ params: { x: 1 } }) })
        );
        assert.equal(ok.status, 200, JSON.stringify(ok.json));
        assert.deepEqual(ok.json, { caller: users.find((u) => u.id === MANAGER)?.name, leads: 2408, params: { x: 1 } });
        const missing = await call('/preview/apex/Nope.nothing', as(SDR, { method: 'POST', body: '{}' }));
        assert.equal(missing.status, 404);
        assert.match((missing.json as { message: string }).message, /No preview handler for the Apex method Nope\.nothing/);
        assert.equal((await call('/preview/apex/Nope.nothing', as(SDR))).status, 405);
        assert.equal((await call('/preview/apex/Nope.nothing', as(SDR, { method: 'POST', body: '{' }))).status, 400);
    });

    it('refuses a class no permission set of the user grants', async () => {
        const denied = await call('/preview/apex/NoGrant.method', as(SDR, { method: 'POST', body: '{}' }));
        assert.equal(denied.status, 403);
        assert.match(
            (denied.json as { message: string }).message,
            /^You do not have access to the Apex class named 'NoGrant'\.$/,
            'the platform’s words, no developer instructions on a user’s screen'
        );
    });
});

describe('the revisions log the dashboard reads', () => {
    it('is the real log with the revision of the sample history added, shifted to now', async () => {
        const served = await call('/preview/resources/LeadGateDefinitionRevisions');
        assert.equal(served.status, 200);
        const versions = (served.json as { revisions: Array<{ version: string; at: string }> }).revisions;
        const real = JSON.parse(readFileSync(join(ROOT, 'data/definition-revisions.json'), 'utf8')) as { revisions: unknown[] };
        assert.deepEqual(versions.slice(1), real.revisions, 'the real revisions, unchanged');
        const sample = versions[0]!;
        assert.match(sample.version, /sample/);
        const daysAgo = (Date.now() - Date.parse(sample.at)) / 86_400_000;
        assert.ok(daysAgo > 200 && daysAgo < 260, `the sample revision took effect ${daysAgo.toFixed(0)} days ago`);
    });
});
