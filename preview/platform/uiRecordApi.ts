/**
 * lightning/uiRecordApi for the local preview, over the emulated UI API (preview/server).
 * Behaves as Lightning Data Service does for what LeadGate uses: getRecord provisions
 * `{ data: undefined, error: undefined }` first, then data (or an error); updateRecord sends
 * `If-Unmodified-Since` from `ifUnmodifiedSince` and, on success, every wire showing the record updates.
 */
import { lds, fieldPath, valueAt, deepFreeze, type RecordRepresentation } from './ldsStore.ts';
import { requestJson, type FetchResponseError } from './transport.ts';
import { API } from './ldsStore.ts';
import { refreshRelatedLists } from './uiRelatedListApi.ts';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

interface GetRecordConfig {
    recordId?: string;
    fields?: unknown[] | unknown;
    optionalFields?: unknown[] | unknown;
    layoutTypes?: string[] | string;
}

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

function objectOf(fields: unknown[]): string {
    for (const f of fields) {
        if (f && typeof f === 'object' && typeof (f as { objectApiName?: unknown }).objectApiName === 'string')
            return (f as { objectApiName: string }).objectApiName;
        if (typeof f === 'string' && f.includes('.')) return f.slice(0, f.indexOf('.'));
    }
    return 'Lead';
}

export class getRecord {
    private readonly callback: DataCallback;
    private unsubscribe: (() => void) | null = null;
    private connected = false;
    private config: GetRecordConfig | null = null;

    constructor(callback: DataCallback) {
        this.callback = callback;
    }

    connect(): void {
        this.connected = true;
        this.callback({ data: undefined, error: undefined });
        this.subscribe();
    }

    disconnect(): void {
        this.connected = false;
        this.unsubscribe?.();
        this.unsubscribe = null;
    }

    update(config: GetRecordConfig): void {
        this.config = config;
        if (this.connected) this.subscribe();
    }

    private subscribe(): void {
        this.unsubscribe?.();
        this.unsubscribe = null;
        const config = this.config;
        if (!config || typeof config.recordId !== 'string' || config.recordId === '') return;
        const rawFields = asList(config.fields);
        const rawOptional = asList(config.optionalFields);
        const objectApiName = objectOf([...rawFields, ...rawOptional]);
        const fields = rawFields.map((f) => fieldPath(f, objectApiName)).filter((f): f is string => f !== null);
        const optionalFields = rawOptional.map((f) => fieldPath(f, objectApiName)).filter((f): f is string => f !== null);
        if (!fields.length && !optionalFields.length && asList(config.layoutTypes).length === 0) {
            this.callback({
                data: undefined,
                error: {
                    ok: false,
                    status: 400,
                    statusText: 'Bad Request',
                    body: [{ errorCode: 'INVALID_INPUT', message: 'getRecord needs fields, optionalFields or layoutTypes.' }],
                    headers: {}
                }
            });
            return;
        }
        this.unsubscribe = lds.subscribe({
            recordId: config.recordId,
            objectApiName,
            fields,
            optionalFields,
            deliver: (result) => this.callback(result)
        });
    }
}

export interface RecordInput {
    fields: Record<string, unknown>;
    apiName?: string | null;
}

export async function updateRecord(
    recordInput: RecordInput,
    clientOptions?: { ifUnmodifiedSince?: string }
): Promise<RecordRepresentation> {
    const fields = { ...(recordInput?.fields ?? {}) };
    const id = fields.Id;
    if (typeof id !== 'string' || id === '') {
        const error: FetchResponseError = {
            ok: false,
            status: 400,
            statusText: 'Bad Request',
            body: {
                message: 'updateRecord needs recordInput.fields.Id.',
                errorCode: 'INVALID_INPUT',
                enhancedErrorType: null,
                output: null
            },
            headers: {}
        };
        throw error;
    }
    delete fields.Id;
    const headers: Record<string, string> = {};
    if (clientOptions?.ifUnmodifiedSince) headers['If-Unmodified-Since'] = clientOptions.ifUnmodifiedSince;
    const record = (await requestJson('PATCH', `${API}/records/${encodeURIComponent(id)}`, { fields }, headers)) as RecordRepresentation;
    lds.merge(record);
    return deepFreeze(JSON.parse(JSON.stringify(record)) as RecordRepresentation);
}

/** createRecord: POST /ui-api/records (committee people, evidence reviews); connected related lists reload. */
export async function createRecord(recordInput: RecordInput): Promise<RecordRepresentation> {
    const record = (await requestJson('POST', `${API}/records`, {
        apiName: recordInput?.apiName ?? null,
        fields: { ...(recordInput?.fields ?? {}) }
    })) as RecordRepresentation;
    refreshRelatedLists();
    return deepFreeze(JSON.parse(JSON.stringify(record)) as RecordRepresentation);
}

/** Deletes a record; resolves with nothing, as on the platform. */
export async function deleteRecord(recordId: string): Promise<void> {
    await requestJson('DELETE', `${API}/records/${encodeURIComponent(String(recordId))}`);
}

export async function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void> {
    await Promise.all(asList(items).map((item) => lds.refresh((item as { recordId: string }).recordId)));
}

/** Deprecated in the platform in favour of notifyRecordUpdateAvailable; same behaviour here. */
export function getRecordNotifyChange(items: Array<{ recordId: string }>): void {
    void notifyRecordUpdateAvailable(items);
}

export function getFieldValue(record: RecordRepresentation | undefined, field: unknown): unknown {
    const path = fieldPath(field, record?.apiName);
    if (!record || !path) return undefined;
    return valueAt(record, path)?.value;
}

export function getFieldDisplayValue(record: RecordRepresentation | undefined, field: unknown): unknown {
    const path = fieldPath(field, record?.apiName);
    if (!record || !path) return undefined;
    const field_ = valueAt(record, path);
    return field_ ? (field_.displayValue ?? field_.value) : undefined;
}

/** A RecordInput holding the record's updateable fields (the object info says which), as the platform builds it. */
export function generateRecordInputForUpdate(
    record: RecordRepresentation,
    objectInfo?: { fields: Record<string, { updateable: boolean }> }
): RecordInput {
    const fields: Record<string, unknown> = { Id: record.id };
    for (const [name, value] of Object.entries(record.fields)) {
        if (objectInfo && !objectInfo.fields[name]?.updateable) continue;
        if (value.value !== null && typeof value.value === 'object') continue;
        fields[name] = value.value;
    }
    return { fields };
}
