/**
 * The Apex governor limits one request (one transaction) runs under, counted the way the platform counts them,
 * and the exceptions the platform throws when a query breaks one.
 *
 * - SOQL queries: 100 per synchronous transaction; the 101st throws.
 * - Query rows: 50,000; every row a query reads counts, including each row an aggregate query aggregates and each
 *   row a COUNT() counts (up to its LIMIT). The row that passes the limit throws: "Too many query rows: 50001".
 * - Heap: 6 MB synchronous. The preview estimates the heap its rows take (strings at two bytes a character plus a
 *   fixed cost per value and per row); the platform's own accounting differs in detail, so this is an estimate.
 * - An aggregate query read in a SOQL for loop that returns more than 2,000 rows throws: aggregate queries do not
 *   support queryMore.
 */

export const LIMITS = {
    soqlQueries: 100,
    queryRows: 50_000,
    heapBytes: 6_000_000,
    aggregateRowsInForLoop: 2_000
} as const;

/** A governor limit broken: uncatchable in Apex, the transaction ends. */
export class LimitException extends Error {
    readonly exceptionType = 'System.LimitException';
    constructor(message: string) {
        super(`System.LimitException: ${message}`);
        this.name = 'LimitException';
    }
}

/** A query the platform refuses (unknown field or object, no access, a missing bind). */
export class QueryException extends Error {
    readonly exceptionType: string;
    constructor(message: string, exceptionType = 'System.QueryException') {
        super(`${exceptionType}: ${message}`);
        this.name = 'QueryException';
        this.exceptionType = exceptionType;
    }
}

export interface GovernorUsage {
    soqlQueries: number;
    queryRows: number;
    heapBytes: number;
    /** The largest number of rows one aggregate query returned. */
    largestAggregateRows: number;
}

/** Counts one transaction's use of the limits and throws as the platform would. */
export class Governor {
    soqlQueries = 0;
    queryRows = 0;
    heapBytes = 0;
    largestAggregateRows = 0;

    constructor(readonly limits: { readonly [K in keyof typeof LIMITS]: number } = LIMITS) {}

    query(): void {
        this.soqlQueries++;
        if (this.soqlQueries > this.limits.soqlQueries) throw new LimitException(`Too many SOQL queries: ${this.soqlQueries}`);
    }

    rows(count: number): void {
        this.queryRows += count;
        if (this.queryRows > this.limits.queryRows) throw new LimitException(`Too many query rows: ${this.limits.queryRows + 1}`);
    }

    heap(bytes: number): void {
        this.heapBytes += bytes;
        if (this.heapBytes > this.limits.heapBytes) throw new LimitException(`Apex heap size too large: ${this.heapBytes}`);
    }

    aggregateRows(count: number, forLoop: boolean): void {
        this.largestAggregateRows = Math.max(this.largestAggregateRows, count);
        if (forLoop && count > this.limits.aggregateRowsInForLoop)
            throw new QueryException(
                'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
                'System.UnexpectedException'
            );
    }

    usage(): GovernorUsage {
        return {
            soqlQueries: this.soqlQueries,
            queryRows: this.queryRows,
            heapBytes: this.heapBytes,
            largestAggregateRows: this.largestAggregateRows
        };
    }
}

/** Estimated heap of one value as Apex holds it. */
export function heapOf(value: unknown): number {
    if (value === null || value === undefined) return 8;
    if (typeof value === 'string') return 24 + 2 * value.length;
    return 16;
}
