/**
 * lightning/uiRelatedListApi (getRelatedListRecords) for the local preview, over the emulated UI API's related list
 * endpoint (GET /ui-api/related-list-records/<parentId>/<relatedListId>?fields=), which answers from the emulated store
 * with sharing and field-level security (preview/server/reviews.ts). Provisions `{ data: undefined, error: undefined }`
 * first, then the records (or an error); a record created through createRecord refreshes every connected list.
 */
import { requestJson } from './transport.ts';
import { API, deepFreeze } from './ldsStore.ts';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

interface GetRelatedListRecordsConfig {
    parentRecordId?: unknown;
    relatedListId?: unknown;
    fields?: unknown;
    optionalFields?: unknown;
}

const connected = new Set<getRelatedListRecords>();

/** Reloads every connected related list (after createRecord, as LDS refreshes what a new record belongs to). */
export function refreshRelatedLists(): void {
    for (const adapter of connected) adapter.reload();
}

export class getRelatedListRecords {
    private readonly callback: DataCallback;
    private config: GetRelatedListRecordsConfig | null = null;
    private generation = 0;

    constructor(callback: DataCallback) {
        this.callback = callback;
    }

    connect(): void {
        connected.add(this);
        this.callback({ data: undefined, error: undefined });
        this.reload();
    }

    disconnect(): void {
        connected.delete(this);
    }

    update(config: GetRelatedListRecordsConfig): void {
        this.config = config;
        if (connected.has(this)) this.reload();
    }

    reload(): void {
        const c = this.config;
        if (!c || typeof c.parentRecordId !== 'string' || c.parentRecordId === '' || typeof c.relatedListId !== 'string') return;
        const fields = [...(Array.isArray(c.fields) ? c.fields : []), ...(Array.isArray(c.optionalFields) ? c.optionalFields : [])];
        const params = new URLSearchParams();
        if (fields.length) params.set('fields', fields.join(','));
        const url = `${API}/related-list-records/${encodeURIComponent(c.parentRecordId)}/${encodeURIComponent(c.relatedListId)}?${params.toString()}`;
        const generation = ++this.generation;
        requestJson('GET', url).then(
            (data) => {
                if (connected.has(this) && generation === this.generation) this.callback({ data: deepFreeze(data), error: undefined });
            },
            (error: unknown) => {
                if (connected.has(this) && generation === this.generation) this.callback({ data: undefined, error });
            }
        );
    }
}
