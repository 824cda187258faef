/**
 * Strict readers for the values a Salesforce CSV export holds. `Date.parse` accepts almost anything
 * ("garbage 2024" is a date to it), so date-times are matched against the forms the CLI writes and
 * checked against the calendar; anything else is reported, never guessed.
 */

/** Date-time as the CLI writes it: `2026-01-15T10:30:00.000+0000` (REST) or `...000Z` (Bulk API 2.0); a space instead of T is accepted. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

function calendarOk(year: number, month: number, day: number): boolean {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Epoch milliseconds of a date-time or date cell; `null` for a blank cell; `undefined` when the cell
 * is not a date the backtest can trust. A value without a zone is read as UTC (exports are in UTC);
 * a date alone is its midnight UTC.
 */
export function parseInstant(text: string): number | null | undefined {
    const value = text.trim();
    if (value === '') return null;
    const dateOnly = DATE_ONLY.exec(value);
    if (dateOnly) {
        const [year, month, day] = [Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3])];
        return calendarOk(year, month, day) ? Date.UTC(year, month - 1, day) : undefined;
    }
    const m = DATE_TIME.exec(value);
    if (!m) return undefined;
    const [year, month, day, hour, minute] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
    const second = Number(m[6] ?? 0);
    const millis = Number(`0.${m[7] ?? '0'}`) * 1000;
    if (!calendarOk(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
    let offsetMinutes = 0;
    const zone = m[8];
    if (zone && zone !== 'Z') {
        const digits = zone.slice(1).replace(':', '');
        const hours = Number(digits.slice(0, 2));
        const minutes = Number(digits.slice(2));
        if (hours > 14 || minutes > 59) return undefined;
        offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
    }
    return Date.UTC(year, month - 1, day, hour, minute, second, Math.round(millis)) - offsetMinutes * 60_000;
}

/** `true`/`false` (any case, also 1/0); `null` for blank; `undefined` for anything else. */
export function parseBoolean(text: string): boolean | null | undefined {
    const value = text.trim().toLowerCase();
    if (value === '') return null;
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return undefined;
}

/** A finite number (plain or exponent notation, as Bulk API writes large currency values); `null` for blank; `undefined` otherwise. */
export function parseNumber(text: string): number | null | undefined {
    const value = text.trim();
    if (value === '') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
}
