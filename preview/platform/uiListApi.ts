/**
 * lightning/uiListApi (getListUi) for the local preview, over the emulated UI API's list endpoint
 * (GET /ui-api/list-ui/<object>/<listView>), which answers from the emulated store with the generated list
 * view's scope and filters. Provisions `{ data: undefined, error: undefined }` first, then the list (or an error),
 * and asks again every 15 s while connected, so a lead moved by a signal or another user shows up.
 */
import { requestJson } from './transport.ts';
import { API, deepFreeze } from './ldsStore.ts';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

interface GetListUiConfig {
    objectApiName?: unknown;
    listViewApiName?: unknown;
    pageSize?: unknown;
    optionalFields?: unknown;
}

const REFRESH_MS = 15_000;

export class getListUi {
    private readonly callback: DataCallback;
    private config: GetListUiConfig | null = null;
    private connected = false;
    private timer: ReturnType<typeof setInterval> | null = null;
    private generation = 0;

    constructor(callback: DataCallback) {
        this.callback = callback;
    }

    connect(): void {
        this.connected = true;
        this.callback({ data: undefined, error: undefined });
        this.load();
        this.timer = setInterval(() => this.load(), REFRESH_MS);
    }

    disconnect(): void {
        this.connected = false;
        if (this.timer) clearInterval(this.timer);
        this.timer = null;
    }

    update(config: GetListUiConfig): void {
        this.config = config;
        if (this.connected) this.load();
    }

    private load(): void {
        const c = this.config;
        if (!c || typeof c.objectApiName !== 'string' || typeof c.listViewApiName !== 'string') return;
        const params = new URLSearchParams();
        if (typeof c.pageSize === 'number') params.set('pageSize', String(c.pageSize));
        if (Array.isArray(c.optionalFields)) params.set('optionalFields', c.optionalFields.join(','));
        const url = `${API}/list-ui/${encodeURIComponent(c.objectApiName)}/${encodeURIComponent(c.listViewApiName)}?${params.toString()}`;
        const generation = ++this.generation;
        requestJson('GET', url).then(
            (data) => {
                if (this.connected && generation === this.generation) this.callback({ data: deepFreeze(data), error: undefined });
            },
            (error: unknown) => {
                if (this.connected && generation === this.generation) this.callback({ data: undefined, error });
            }
        );
    }
}

export const MRU = Symbol.for('MRU');
