/**
 * How the preview's platform modules reach the emulated API: same-origin fetch (the preview user
 * travels in a cookie), JSON in and out, and failures shaped like Lightning Data Service's
 * FetchResponse (`{ ok: false, status, statusText, body }`) so components read `error.body` as on
 * the platform. A network failure stays what fetch makes it: a TypeError. Every request names the page user's
 * language (X-LeadGate-Language), so object info carries field labels and help in it, as the org does.
 */
import { pageContext } from './context.ts';

export interface FetchResponseError {
    ok: false;
    status: number;
    statusText: string;
    body: unknown;
    headers: Record<string, string>;
}

export function isFetchResponseError(value: unknown): value is FetchResponseError {
    return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false && 'status' in value;
}

export async function requestJson(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {}
): Promise<unknown> {
    let response: Response;
    try {
        response = await fetch(url, {
            method,
            credentials: 'same-origin',
            headers: {
                'X-LeadGate-Language': pageContext().language,
                ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
                ...headers
            },
            body: body === undefined ? undefined : JSON.stringify(body)
        });
    } catch (cause) {
        // As fetch reports it (and LDS passes it on): a TypeError, with no response to read.
        throw new TypeError(
            `Failed to fetch ${url}: the server could not be reached (${cause instanceof Error ? cause.message : String(cause)}).`
        );
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
        parsed = text ? JSON.parse(text) : null;
    } catch {
        parsed = { message: text };
    }
    if (!response.ok) {
        const error: FetchResponseError = {
            ok: false,
            status: response.status,
            statusText: response.statusText,
            body: parsed,
            headers: {}
        };
        throw error;
    }
    return parsed;
}
