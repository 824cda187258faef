/**
 * lightning/uiObjectInfoApi for the local preview: object info (field types, labels, inline help,
 * what the current user may read and edit) and picklist values, read from the project's field XML
 * by the emulated UI API. Provisions `{ data: undefined, error: undefined }` first, then data or error.
 */
import { lds, deepFreeze } from './ldsStore.ts';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

const objectName = (value: unknown): string | null => {
    if (typeof value === 'string' && value !== '') return value;
    if (value && typeof value === 'object' && typeof (value as { objectApiName?: unknown }).objectApiName === 'string')
        return (value as { objectApiName: string }).objectApiName;
    return null;
};

abstract class FetchingAdapter<C> {
    private readonly callback: DataCallback;
    private connected = false;
    private config: C | null = null;
    private generation = 0;

    constructor(callback: DataCallback) {
        this.callback = callback;
    }

    connect(): void {
        this.connected = true;
        this.callback({ data: undefined, error: undefined });
        this.load();
    }

    disconnect(): void {
        this.connected = false;
        this.generation++;
    }

    update(config: C): void {
        this.config = config;
        if (this.connected) this.load();
    }

    protected abstract fetch(config: C): Promise<unknown> | null;

    private load(): void {
        if (!this.config) return;
        const pending = this.fetch(this.config);
        if (!pending) return; // incomplete config (e.g. recordTypeId not known yet): wait, as LDS does
        const generation = ++this.generation;
        pending.then(
            (data) => generation === this.generation && this.callback({ data: deepFreeze(structuredClone(data)), error: undefined }),
            (error) => generation === this.generation && this.callback({ data: undefined, error })
        );
    }
}

export class getObjectInfo extends FetchingAdapter<{ objectApiName?: unknown }> {
    protected fetch(config: { objectApiName?: unknown }): Promise<unknown> | null {
        const name = objectName(config.objectApiName);
        return name ? lds.objectInfo(name) : null;
    }
}

export class getPicklistValues extends FetchingAdapter<{ recordTypeId?: unknown; fieldApiName?: unknown }> {
    protected fetch(config: { recordTypeId?: unknown; fieldApiName?: unknown }): Promise<unknown> | null {
        const field = config.fieldApiName;
        let objectApiName: string | null = null;
        let fieldApiName: string | null = null;
        if (field && typeof field === 'object') {
            objectApiName = objectName(field);
            fieldApiName =
                typeof (field as { fieldApiName?: unknown }).fieldApiName === 'string'
                    ? (field as { fieldApiName: string }).fieldApiName
                    : null;
        } else if (typeof field === 'string' && field.includes('.')) {
            objectApiName = field.slice(0, field.indexOf('.'));
            fieldApiName = field.slice(field.indexOf('.') + 1);
        }
        if (typeof config.recordTypeId !== 'string' || !objectApiName || !fieldApiName) return null;
        return lds.picklistValues(objectApiName, config.recordTypeId, fieldApiName);
    }
}

export class getPicklistValuesByRecordType extends FetchingAdapter<{ objectApiName?: unknown; recordTypeId?: unknown }> {
    protected fetch(config: { objectApiName?: unknown; recordTypeId?: unknown }): Promise<unknown> | null {
        const name = objectName(config.objectApiName);
        if (!name || typeof config.recordTypeId !== 'string') return null;
        return lds.picklistValues(name, config.recordTypeId);
    }
}
