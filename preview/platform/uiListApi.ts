/**
 * lightning/uiListApi (getListUi) for the local preview, over the emulated UI API's list endpoint
 * (GET /ui-api/list-ui/<object>/<listView>), which answers from the emulated store with the generated list
 * view's scope and filters. Provisions `{ data: undefined, error: undefined }` first, then the list (or an error).
 * Like LDS it does not poll: the list is asked for again only when the component calls refreshApex on the value it
 * was provisioned (or the config changes), so the preview shows what the org would show.
 */
import { requestJson } from './transport.ts';
import { API, deepFreeze } from './ldsStore.ts';
import { refreshableWith } from './apex.ts';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

interface GetListUiConfig {
    objectApiName?: unknown;
    listViewApiName?: unknown;
    pageSize?: unknown;
    optionalFields?: unknown;
}

export class getListUi {
    private readonly callback: DataCallback;
    private config: GetListUiConfig | null = null;
    private connected = false;
    private generation = 0;

    constructor(callback: DataCallback) {
        this.callback = callback;
    }

    connect(): void {
        this.connected = true;
        this.callback({ data: undefined, error: undefined });
        void this.load();
    }

    disconnect(): void {
        this.connected = false;
    }

    update(config: GetListUiConfig): void {
        this.config = config;
        if (this.connected) void this.load();
    }

    /** refreshApex on a provisioned value lands here. */
    run(): Promise<void> {
        return this.load();
    }

    private provision(value: { data?: unknown; error?: unknown }): void {
        this.callback(refreshableWith(value, () => this.load()));
    }

    private load(): Promise<void> {
        const c = this.config;
        if (!c || typeof c.objectApiName !== 'string' || typeof c.listViewApiName !== 'string') return Promise.resolve();
        const params = new URLSearchParams();
        if (typeof c.pageSize === 'number') params.set('pageSize', String(c.pageSize));
        if (Array.isArray(c.optionalFields)) params.set('optionalFields', c.optionalFields.join(','));
        const url = `${API}/list-ui/${encodeURIComponent(c.objectApiName)}/${encodeURIComponent(c.listViewApiName)}?${params.toString()}`;
        const generation = ++this.generation;
        return requestJson('GET', url).then(
            (data) => {
                if (this.connected && generation === this.generation) this.provision({ data: deepFreeze(data), error: undefined });
            },
            (error: unknown) => {
                if (this.connected && generation === this.generation) this.provision({ data: undefined, error });
            }
        );
    }
}

export const MRU = Symbol.for('MRU');
