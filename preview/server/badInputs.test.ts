/**
 * Issue 15: the emulated API refuses what the org refuses. Each row of the bad-input table (badInputs.ts) over real
 * HTTP, with the org's error code; the pure checks behind them (platformValues.ts) at their edges; and that a
 * `__proto__` key never reaches an object's prototype.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mismatch, requestOf, send, startFuzzServer, type FuzzServer } from './apiFuzz.ts';
import { BAD_INPUTS } from './badInputs.ts';
import { calendarDate, checkNumber, idSuffix, isWellFormedId, parseDateTime, safeReturnTo } from './platformValues.ts';

let server: FuzzServer;
before(async () => {
    server = await startFuzzServer();
});
after(() => server.close());

describe('the bad-input table: each row gets the org’s answer', () => {
    for (const row of BAD_INPUTS) {
        it(`${row.kind}: ${row.name}`, async () => {
            const answer = await send(server.base, requestOf(row, server));
            assert.equal(mismatch(row, answer), null);
            assert.deepEqual(server.logged, [], 'no request failed unexpectedly');
        });
    }

    it('a __proto__ key is refused, never written to any object’s prototype', async () => {
        const lead = server.leadOf('bant-mql-partial');
        const answer = await send(server.base, {
            method: 'PATCH',
            path: `/ui-api/records/${lead}`,
            body: '{"fields":{"__proto__":{"polluted":true},"Title":"CEO"}}',
            headers: { 'Content-Type': 'application/json', 'X-LeadGate-User': server.userOf('SDR') }
        });
        assert.equal(answer.status, 400);
        assert.deepEqual(answer.fieldCodes.__proto__, ['INVALID_FIELD']);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        const stored = server
            .loaded()
            .store.records('Lead')
            .find((l) => l.Id === lead);
        assert.notEqual(stored?.Title, 'CEO', 'the refused save wrote nothing');
        assert.equal(Object.getPrototypeOf(stored), Object.prototype);
    });

    it('a valid owner is accepted and stored as the user’s 18-character Id, given 15 or 18', async () => {
        const lead = server.leadOf('bant-mql-partial');
        const manager = server.loaded().seed.users.find((u) => u.role === 'SDR' && u.id !== server.userOf('SDR'));
        assert.ok(manager);
        const answer = await send(server.base, {
            method: 'PATCH',
            path: `/ui-api/records/${lead}`,
            body: JSON.stringify({ fields: { OwnerId: manager.id.slice(0, 15), NumberOfEmployees: '500', AnnualRevenue: 1234.5 } }),
            headers: { 'Content-Type': 'application/json', 'X-LeadGate-User': server.userOf('SDR') }
        });
        assert.equal(answer.status, 200, answer.text.slice(0, 300));
        const fields = (answer.json as { fields: Record<string, { value: unknown }> }).fields;
        assert.deepEqual([fields.OwnerId?.value, fields.NumberOfEmployees?.value, fields.AnnualRevenue?.value], [manager.id, 500, 1234.5]);
        await send(server.base, { method: 'POST', path: '/preview/reset' });
    });
});

describe('what the org accepts as a value', () => {
    it('Ids: 15 characters, or 18 whose suffix encodes the upper-case letters of the first 15', () => {
        assert.equal(idSuffix('001D000000IqhSL'), 'IAZ');
        assert.equal(isWellFormedId('001D000000IqhSLIAZ'), true);
        assert.equal(isWellFormedId('001D000000IqhSLiaz'), true, 'the suffix is read case-insensitively');
        assert.equal(isWellFormedId('001D000000IqhSLAAA'), false);
        assert.equal(isWellFormedId('001D000000IqhSL'), true);
        assert.equal(isWellFormedId('001D000000IqhS'), false);
        assert.equal(isWellFormedId('001D000000IqhSL-AZ'), false);
    });

    it('dates and date-times: real days in 1700-4000, hours 00-23, never rolled over', () => {
        assert.equal(calendarDate('2024-02-29'), '2024-02-29');
        for (const bad of ['2025-02-29', '2026-04-31', '2026-13-01', '0000-01-01', '1699-12-31', '4001-01-01', '2026-5-4'])
            assert.equal(calendarDate(bad), null, bad);
        assert.equal(parseDateTime('2026-05-04T09:30:00Z'), Date.parse('2026-05-04T09:30:00Z'));
        assert.equal(parseDateTime('2026-05-04T09:30:00.250+02:00'), Date.parse('2026-05-04T07:30:00.250Z'));
        assert.equal(parseDateTime('2026-05-04T09:30+0200'), Date.parse('2026-05-04T07:30:00Z'));
        for (const bad of [
            '2026-02-30T10:00:00Z',
            '2026-05-04T24:00:00Z',
            '0000-01-01T00:00:00Z',
            '2026-05-04T10:00:60Z',
            '2026-05-04T10:00:00+24:00',
            '2026-05-04 10:00:00Z'
        ])
            assert.equal(parseDateTime(bad), null, bad);
    });

    it('numbers: decimal only, whole for Int, at most precision - scale digits before the point', () => {
        const int = { precision: 8, scale: 0, integer: true };
        const money = { precision: 18, scale: 2, integer: false };
        assert.deepEqual(checkNumber('500', int), { value: 500 });
        assert.deepEqual(checkNumber(99_999_999, int), { value: 99_999_999 });
        assert.equal(
            (checkNumber(100_000_000, int) as { errorCode: string }).errorCode,
            'NUMBER_OUTSIDE_VALID_RANGE',
            'nine digits in precision 8'
        );
        assert.deepEqual(
            ['0x1F4', 1.5, '1e300', 1e300, 'NaN', ' ', true, '1,000'].map((v) => {
                const r = checkNumber(v, int);
                return 'errorCode' in r ? r.errorCode : r.value;
            }),
            [
                'INVALID_TYPE_ON_FIELD_IN_RECORD',
                'INVALID_TYPE_ON_FIELD_IN_RECORD',
                'NUMBER_OUTSIDE_VALID_RANGE',
                'NUMBER_OUTSIDE_VALID_RANGE',
                'INVALID_TYPE_ON_FIELD_IN_RECORD',
                'INVALID_TYPE_ON_FIELD_IN_RECORD',
                'INVALID_TYPE_ON_FIELD_IN_RECORD',
                'INVALID_TYPE_ON_FIELD_IN_RECORD'
            ]
        );
        assert.deepEqual(checkNumber(9_999_999_999_999_998, money), { value: 9_999_999_999_999_998 });
        assert.equal(
            (checkNumber(1e16, money) as { errorCode: string }).errorCode,
            'NUMBER_OUTSIDE_VALID_RANGE',
            '16 digits before the point of 18, 2'
        );
        assert.deepEqual(
            checkNumber(12.345, money),
            { value: 12.345 },
            'digits past the scale are kept, as the org keeps them from the API'
        );
    });

    it('returnTo: a path on this server, else /', () => {
        assert.equal(safeReturnTo('/lead/00QLG0000000001AAA?formFactor=Small'), '/lead/00QLG0000000001AAA?formFactor=Small');
        assert.equal(safeReturnTo('/?q=caf%C3%A9&page=2'), '/?q=caf%C3%A9&page=2');
        for (const bad of [
            null,
            '',
            'lead',
            '//x.example',
            '/\\x.example',
            '/%5Cx.example',
            '/%09/x.example',
            '/a\r\nb',
            '/a\u2028',
            '/%E0%A4%A',
            'javascript:alert(1)'
        ])
            assert.equal(safeReturnTo(bad), '/', JSON.stringify(bad));
    });
});
