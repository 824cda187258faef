/**
 * lightning/uiRelatedListApi (getRelatedListRecords) for the local preview, over the emulated UI API's
 * GET /ui-api/related-list-records/{parentRecordId}/{relatedListId}. Provisions `{ data: undefined, error: undefined }`
 * first, then the records (or an error); refreshApex on a provisioned value asks again, as on the platform, and a
 * record created through createRecord reloads every connected list (refreshRelatedLists).
 */
import { requestJson } from './transport.ts';
import { API, deepFreeze, fieldPath } from './ldsStore.ts';
import { refreshableWith } from './apex.ts';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

interface GetRelatedListRecordsConfig {
    parentRecordId?: unknown;
    relatedListId?: unknown;
    fields?: unknown;
    optionalFields?: unknown;
    sortBy?: unknown;
}

const names = (value: unknown): string[] =>
    (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])
        .map((f) => (typeof f === 'string' && f.startsWith('-') ? `-${fieldPath(f.slice(1)) ?? ''}` : fieldPath(f)))
        .filter((f): f is string => typeof f === 'string' && f !== '' && f !== '-');

const live = new Set<getRelatedListRecords>();

/** Reloads every connected related list (after createRecord, as LDS refreshes the lists a new record belongs to). */
export function refreshRelatedLists(): void {
    for (const adapter of live) void adapter.reload();
}

export class getRelatedListRecords {
    private readonly callback: DataCallback;
    private config: GetRelatedListRecordsConfig | null = null;
    private connected = false;
    private generation = 0;

    constructor(callback: DataCallback) {
        this.callback = callback;
    }

    connect(): void {
        this.connected = true;
        live.add(this);
        this.callback({ data: undefined, error: undefined });
        void this.load();
    }

    disconnect(): void {
        this.connected = false;
        live.delete(this);
        this.generation++;
    }

    update(config: GetRelatedListRecordsConfig): void {
        this.config = config;
        if (this.connected) void this.load();
    }

    reload(): Promise<void> {
        return this.load();
    }

    private async load(): Promise<void> {
        const c = this.config;
        if (!c || typeof c.parentRecordId !== 'string' || c.parentRecordId === '' || typeof c.relatedListId !== 'string') return;
        const params = new URLSearchParams();
        const fields = names(c.fields);
        const optional = names(c.optionalFields);
        const sortBy = names(c.sortBy);
        if (fields.length) params.set('fields', fields.join(','));
        if (optional.length) params.set('optionalFields', optional.join(','));
        if (sortBy.length) params.set('sortBy', sortBy.join(','));
        const url = `${API}/related-list-records/${encodeURIComponent(c.parentRecordId)}/${encodeURIComponent(c.relatedListId)}?${params.toString()}`;
        const generation = ++this.generation;
        const provision = (value: { data?: unknown; error?: unknown }): void => {
            if (this.connected && generation === this.generation) this.callback(refreshableWith(value, () => this.load()));
        };
        try {
            provision({ data: deepFreeze(await requestJson('GET', url)), error: undefined });
        } catch (error) {
            provision({ data: undefined, error });
        }
    }
}
