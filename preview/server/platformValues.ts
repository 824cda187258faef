/**
 * What the org accepts as a value, checked the way its save pipeline checks it: record Ids (shape and the
 * 18-character form's case-checksum suffix), key prefixes, real calendar dates and date-times inside the
 * platform's date range, numbers inside a field's precision and scale, and same-origin paths to go back to.
 * Pure functions, no store: leadStore.ts, signals.ts and http.ts apply them.
 */

/** The alphabet of the 18-character Id's suffix: one character per 5-character chunk, a bit per upper-case letter. */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/** The three-character suffix that turns a 15-character (case-sensitive) Id into its 18-character form. */
export function idSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charCodeAt(chunk * 5 + i);
            if (c >= 65 && c <= 90) bits |= 1 << i;
        }
        suffix += SUFFIX_ALPHABET[bits];
    }
    return suffix;
}

/** Whether the text is an Id the org would parse: 15 letters and digits, or 18 whose suffix matches the first 15. */
export function isWellFormedId(id: string): boolean {
    if (ID_15.test(id)) return true;
    return ID_18.test(id) && id.slice(15).toUpperCase() === idSuffix(id.slice(0, 15));
}

/** The Id's key prefix: the first three characters name the object (005 User, 00Q Lead). */
export const keyPrefixOf = (id: string): string => id.slice(0, 3);

/** The org's key prefixes of the objects the preview's lookups point to. */
export const KEY_PREFIXES: Readonly<Record<string, string>> = {
    Account: '001',
    Contact: '003',
    User: '005',
    Opportunity: '006',
    Group: '00G',
    Lead: '00Q',
    Campaign: '701'
};

/** The platform's date range for Date and Date/Time fields (years 1700 to 4000). */
export const MIN_YEAR = 1700;
export const MAX_YEAR = 4000;

const daysIn = (year: number, month: number): number =>
    month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const realDay = (year: number, month: number, day: number): boolean =>
    year >= MIN_YEAR && year <= MAX_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/** A `YYYY-MM-DD` day that exists in the calendar and in the platform's range, else null (never rolled over). */
export function calendarDate(text: string): string | null {
    const m = DATE.exec(text);
    if (!m) return null;
    return realDay(Number(m[1]), Number(m[2]), Number(m[3])) ? text : null;
}

/**
 * An ISO 8601 date-time (`Z` or an offset; seconds and milliseconds optional) as epoch milliseconds, when every part
 * is real: the day exists, hours 00-23, minutes and seconds 00-59, the offset within a day. Else null: 2026-02-30,
 * T24:00 and year 0000 are refused, not moved to another instant.
 */
export function parseDateTime(text: string): number | null {
    const m = DATE_TIME.exec(text);
    if (!m) return null;
    const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
    const second = m[6] === undefined ? 0 : Number(m[6]);
    if (!realDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
    if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return null;
    const offset = m[8] === 'Z' ? 'Z' : `${m[8]?.[0]}${m[9]}:${m[10]}`;
    const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${offset}`);
    return Number.isFinite(ms) ? ms : null;
}

export interface NumberShape {
    /** Total digits (the metadata's precision). */
    precision: number;
    /** Digits after the decimal point (the metadata's scale). */
    scale: number;
    /** A whole-number type (the UI API's Int, xsd:int): no fraction, 32-bit range. */
    integer: boolean;
}

export type NumberCheck = { value: number } | { errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' | 'NUMBER_OUTSIDE_VALID_RANGE'; why: string };

/** A decimal number as JSON or as text: no hex, no `Infinity`, no thousands separators. */
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INT_MAX = 2_147_483_647;

/**
 * A submitted number checked against its field: a JSON number or decimal text, a whole number for Int fields, and at
 * most precision - scale digits before the decimal point (the range the org enforces; NUMBER_OUTSIDE_VALID_RANGE).
 * Digits after the scale are kept as sent, as the org keeps them from the API (it rounds only for display).
 */
export function checkNumber(raw: unknown, shape: NumberShape): NumberCheck {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && DECIMAL_TEXT.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!Number.isFinite(n)) {
        return typeof raw === 'string' && DECIMAL_TEXT.test(raw.trim())
            ? { errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', why: 'outside of valid range' }
            : { errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', why: shape.integer ? 'not a whole number' : 'not a number' };
    }
    if (shape.integer && !Number.isInteger(n)) return { errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', why: 'not a whole number' };
    const digits = Math.max(0, shape.precision - shape.scale);
    const limit = shape.integer ? Math.min(INT_MAX, 10 ** digits - 1) : 10 ** digits;
    if (shape.integer ? Math.abs(n) > limit : Math.abs(n) >= limit)
        return { errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', why: 'outside of valid range' };
    return { value: n === 0 ? 0 : n };
}

/** Characters a path to return to may never hold, raw or percent-decoded: backslashes, controls, line and paragraph separators. */
const UNSAFE_IN_PATH = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Where the user switcher may send the browser back to: a path on this server (`/lead/00Q…?x=1`), else `/`.
 * Refuses anything a browser could read as another host (`//host`, `/\host`, `/%5Chost`, `/%09/host`) and anything
 * that cannot travel in a Location header (CR, LF, U+2028, other non-ASCII text), so a bad value never errors.
 */
export function safeReturnTo(raw: string | null | undefined): string {
    const fallback = '/';
    if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return fallback;
    if (UNSAFE_IN_PATH.test(raw) || /[^\x21-\x7e]/.test(raw)) return fallback;
    let decoded: string;
    try {
        decoded = decodeURIComponent(raw);
    } catch {
        return fallback;
    }
    if (UNSAFE_IN_PATH.test(decoded) || decoded.startsWith('//')) return fallback;
    const origin = 'http://preview.local';
    const url = new URL(raw, origin);
    if (url.origin !== origin) return fallback;
    return url.pathname + url.search + url.hash;
}
