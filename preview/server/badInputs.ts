/**
 * Bad inputs the org refuses, with the error code it answers: one table (data, no logic) that drives both the
 * emulator's node tests (badInputs.test.ts: each row, as written) and the API fuzz (apiFuzz.ts: rows mixed with
 * valid fields, other users and generated garbage). Issue 15: the preview must refuse what the org refuses.
 *
 * Codes are the platform's (REST and UI API): INVALID_FIELD for a field Lead does not have, INVALID_TYPE_ON_FIELD_IN_RECORD
 * for a value of the wrong type or a date that does not exist, NUMBER_OUTSIDE_VALID_RANGE past a number field's precision
 * and scale, STRING_TOO_LONG past a text field's length, MALFORMED_ID for text that is not an Id (or whose 18-character
 * checksum does not match), FIELD_INTEGRITY_EXCEPTION for an Id of the wrong object in a lookup, INVALID_CROSS_REFERENCE_KEY
 * for an Id of the right object that names no record, JSON_PARSER_ERROR for a body or value the JSON reader cannot map,
 * INVALID_SESSION_ID for a caller who is nobody.
 */

/** Sample users by their role in data/users.json. */
export type BadInputRole = 'SDR' | 'Integration';

/** A PATCH of a showcase lead (data/preview-extras.json) that the org refuses, naming the field it refuses. */
export interface BadSave {
    kind: 'save';
    name: string;
    as: BadInputRole;
    lead: string;
    /** The `fields` object, or the raw request body when the JSON text itself matters (`__proto__`, broken JSON). */
    fields?: Record<string, unknown>;
    body?: string;
    expect: { status: 400; errorCode: string; field?: string };
}

/** A read of a record Id the org refuses. */
export interface BadRead {
    kind: 'read';
    name: string;
    id: string;
    expect: { status: 400; errorCode: string };
}

/** One event of a signal batch that the platform refuses to publish; the batch's other events still go through. */
export interface BadSignal {
    kind: 'signal';
    name: string;
    event: unknown;
    expect: { reason: 'NotPublished'; errorCode: string };
}

/** A caller who is no preview user, by header or cookie, on an API route or a page. */
export interface BadUser {
    kind: 'user';
    name: string;
    via: 'header' | 'cookie';
    userId: string;
    path: string;
    expect: { status: 401; errorCode: string };
}

/** A `returnTo` on the user switcher that must not leave the preview (or break the Location header): sent to `/`. */
export interface BadReturnTo {
    kind: 'returnTo';
    name: string;
    returnTo: string;
    expect: { status: 303; location: '/' };
}

export type BadInput = BadSave | BadRead | BadSignal | BadUser | BadReturnTo;

const LEAD = 'bant-mql-partial';
/** Well-formed Ids (checksum suffix computed) that name no record: a user and a lead. */
export const UNKNOWN_USER_ID = '005LG0000000099YAA';
export const UNKNOWN_LEAD_ID = '00QLG00000099992AA';

const save = (name: string, as: BadInputRole, fields: Record<string, unknown>, errorCode: string, field: string): BadSave => ({
    kind: 'save',
    name,
    as,
    lead: LEAD,
    fields,
    expect: { status: 400, errorCode, field }
});
const rawSave = (name: string, body: string, errorCode: string, field?: string): BadSave => ({
    kind: 'save',
    name,
    as: 'SDR',
    lead: LEAD,
    body,
    expect: { status: 400, errorCode, ...(field ? { field } : {}) }
});
const signal = (name: string, event: unknown, errorCode: string): BadSignal => ({
    kind: 'signal',
    name,
    event,
    expect: { reason: 'NotPublished', errorCode }
});
const returnTo = (name: string, value: string): BadReturnTo => ({
    kind: 'returnTo',
    name,
    returnTo: value,
    expect: { status: 303, location: '/' }
});

export const BAD_INPUTS: readonly BadInput[] = [
    // Numbers: NumberOfEmployees is an Int (whole, 32-bit); AnnualRevenue a Currency(18, 0).
    save('hexadecimal text in a number', 'SDR', { NumberOfEmployees: '0x1F4' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'NumberOfEmployees'),
    save('a fraction in a whole-number field', 'SDR', { NumberOfEmployees: 1.5 }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'NumberOfEmployees'),
    save('1e300 employees', 'SDR', { NumberOfEmployees: 1e300 }, 'NUMBER_OUTSIDE_VALID_RANGE', 'NumberOfEmployees'),
    save('employees past a 32-bit int', 'SDR', { NumberOfEmployees: 2_147_483_648 }, 'NUMBER_OUTSIDE_VALID_RANGE', 'NumberOfEmployees'),
    save('Infinity as text', 'SDR', { NumberOfEmployees: 'Infinity' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'NumberOfEmployees'),
    save('a list in a number', 'SDR', { NumberOfEmployees: [500] }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'NumberOfEmployees'),
    save('revenue past precision 18, scale 0', 'SDR', { AnnualRevenue: 1e18 }, 'NUMBER_OUTSIDE_VALID_RANGE', 'AnnualRevenue'),
    save('revenue with a thousands separator', 'SDR', { AnnualRevenue: '12,000' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'AnnualRevenue'),
    // Date-times: real calendar instants only, never rolled over to another day.
    save(
        '30 February',
        'Integration',
        { Last_Demo_Request_At__c: '2026-02-30T10:00:00Z' },
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        'Last_Demo_Request_At__c'
    ),
    save(
        'hour 24',
        'Integration',
        { Last_Demo_Request_At__c: '2026-05-04T24:00:00Z' },
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        'Last_Demo_Request_At__c'
    ),
    save(
        'minute 60',
        'Integration',
        { Last_Demo_Request_At__c: '2026-05-04T10:60:00Z' },
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        'Last_Demo_Request_At__c'
    ),
    save(
        'year 0000',
        'Integration',
        { Last_Demo_Request_At__c: '0000-01-01T00:00:00Z' },
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        'Last_Demo_Request_At__c'
    ),
    save(
        '29 February of a common year',
        'Integration',
        { Last_Demo_Request_At__c: '2025-02-29T00:00:00Z' },
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        'Last_Demo_Request_At__c'
    ),
    save(
        'a date-time without a zone',
        'Integration',
        { Last_Demo_Request_At__c: '2026-05-04T10:00:00' },
        'INVALID_TYPE_ON_FIELD_IN_RECORD',
        'Last_Demo_Request_At__c'
    ),
    // Lookups: a well-formed Id of an existing record of the right object.
    save('a Lead Id as owner', 'SDR', { OwnerId: UNKNOWN_LEAD_ID }, 'FIELD_INTEGRITY_EXCEPTION', 'OwnerId'),
    save('an owner who does not exist', 'SDR', { OwnerId: UNKNOWN_USER_ID }, 'INVALID_CROSS_REFERENCE_KEY', 'OwnerId'),
    save('an owner that is not an Id', 'SDR', { OwnerId: 'priya.nair' }, 'MALFORMED_ID', 'OwnerId'),
    save('an owner Id with a wrong checksum', 'SDR', { OwnerId: '005LG0000000011ZZZ' }, 'MALFORMED_ID', 'OwnerId'),
    // Fields Lead does not have, including the names of JavaScript's prototype machinery.
    save('an unknown field', 'SDR', { Nope__c: 1 }, 'INVALID_FIELD', 'Nope__c'),
    rawSave('__proto__ in fields', '{"fields":{"__proto__":{"Title":"polluted"}}}', 'INVALID_FIELD', '__proto__'),
    rawSave('__proto__ beside a real field', '{"fields":{"Title":"CEO","__proto__":[]}}', 'INVALID_FIELD', '__proto__'),
    save('constructor in fields', 'SDR', { constructor: 'x' }, 'INVALID_FIELD', 'constructor'),
    save('prototype in fields', 'SDR', { prototype: { Title: 'x' } }, 'INVALID_FIELD', 'prototype'),
    // Text: type and length.
    save('a list in a text field', 'SDR', { Title: ['CEO'] }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'Title'),
    save('evidence past its length', 'SDR', { Need_Evidence__c: 'x'.repeat(256) }, 'STRING_TOO_LONG', 'Need_Evidence__c'),
    rawSave('a body that is not JSON', '{"fields":', 'JSON_PARSER_ERROR'),
    // Record Ids in the URL.
    {
        kind: 'read',
        name: 'an 18-character Id whose checksum does not match',
        id: '00QLG0000009999AAA',
        expect: { status: 400, errorCode: 'MALFORMED_ID' }
    },
    { kind: 'read', name: 'a 16-character Id', id: '00QLG00000099992', expect: { status: 400, errorCode: 'MALFORMED_ID' } },
    // Signal events: each refused alone.
    signal(
        'a list in Lead_Id__c',
        { Lead_Id__c: [UNKNOWN_LEAD_ID], Signal_Type__c: 'demoRequest', Occurred_At__c: '2026-05-04T09:00:00Z' },
        'JSON_PARSER_ERROR'
    ),
    signal('an object in Signal_Type__c', { Lead_Id__c: UNKNOWN_LEAD_ID, Signal_Type__c: { id: 'demoRequest' } }, 'JSON_PARSER_ERROR'),
    signal('a field the event does not have', { Lead_Id__c: UNKNOWN_LEAD_ID, Signal__c: 'demoRequest' }, 'INVALID_FIELD'),
    signal('__proto__ in an event', JSON.parse('{"__proto__":{"Signal_Type__c":"demoRequest"}}'), 'INVALID_FIELD'),
    signal('a source past its length', { Lead_Id__c: UNKNOWN_LEAD_ID, Source__c: 's'.repeat(81) }, 'STRING_TOO_LONG'),
    signal('an event that is not an object', 'demoRequest', 'JSON_PARSER_ERROR'),
    // Callers who are nobody.
    {
        kind: 'user',
        name: 'unknown user cookie on the UI API',
        via: 'cookie',
        userId: 'nobody',
        path: '/ui-api/object-info/Lead',
        expect: { status: 401, errorCode: 'INVALID_SESSION_ID' }
    },
    {
        kind: 'user',
        name: 'unknown user cookie on a page',
        via: 'cookie',
        userId: UNKNOWN_USER_ID,
        path: '/',
        expect: { status: 401, errorCode: 'INVALID_SESSION_ID' }
    },
    {
        kind: 'user',
        name: 'unknown user header',
        via: 'header',
        userId: UNKNOWN_USER_ID,
        path: '/ui-api/object-info/Lead',
        expect: { status: 401, errorCode: 'INVALID_SESSION_ID' }
    },
    // Where the user switcher goes back to.
    returnTo('an encoded backslash', '/%5Cevil.example'),
    returnTo('an encoded tab before a second slash', '/%09/evil.example'),
    returnTo('a backslash', '/\\evil.example'),
    returnTo('two slashes', '//evil.example'),
    returnTo('another origin', 'https://evil.example/'),
    returnTo('CR LF', '/lead\r\nSet-Cookie: leadgate_user=x'),
    returnTo('an encoded CR LF', '/lead%0D%0ASet-Cookie:%20x=1'),
    returnTo('a line separator', '/lead\u2028x'),
    returnTo('a paragraph separator', '/lead\u2029x'),
    returnTo('a NUL', '/lead\u0000'),
    returnTo('an encoded backslash after a slash', '/%2F%5Cevil.example'),
    returnTo('broken percent-encoding', '/%E0%A4%A')
];
