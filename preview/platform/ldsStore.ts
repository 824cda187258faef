/**
 * The preview's stand-in for Lightning Data Service: one shared cache of records, object infos and
 * picklist values for the page, in front of the emulated UI API.
 *
 * Like LDS it
 * - coalesces the getRecord requests that components make while the page renders into one request
 *   per record (the union of their fields, asked as optional so one component's inaccessible field
 *   does not fail another's; each wire then checks its own required fields);
 * - serves later wires from the cache when it already holds their fields (30 s, LDS's record TTL);
 * - pushes every change of a record (an updateRecord response, a refresh) to every wire showing it.
 */
import { requestJson, type FetchResponseError } from './transport.ts';

export interface FieldValue {
    value: unknown;
    displayValue: string | null;
}

export interface RecordRepresentation {
    apiName: string;
    id: string;
    recordTypeId: string | null;
    lastModifiedDate: string;
    systemModstamp: string;
    fields: Record<string, FieldValue>;
    childRelationships: Record<string, unknown>;
}

export const API = '/ui-api';
const RECORD_TTL_MS = 30_000;

/** `Lead.Status`, `{ objectApiName: 'Lead', fieldApiName: 'Status' }` or `Status` -> `Status` (paths keep their dots: `Owner.Name`). */
export function fieldPath(field: unknown, objectApiName?: string): string | null {
    if (field && typeof field === 'object' && typeof (field as { fieldApiName?: unknown }).fieldApiName === 'string') {
        return (field as { fieldApiName: string }).fieldApiName;
    }
    if (typeof field !== 'string' || field.trim() === '') return null;
    const dot = field.indexOf('.');
    if (dot === -1) return field;
    const head = field.slice(0, dot);
    // `Lead.Status` names the object first; `Owner.Name` (no object prefix) is a relationship path.
    if (objectApiName ? head === objectApiName : /^[A-Z]/.test(head) && !head.endsWith('__r') && !isRelationshipName(head)) {
        return field.slice(dot + 1);
    }
    return field;
}

const RELATIONSHIPS = new Set(['Owner', 'CreatedBy', 'LastModifiedBy', 'ConvertedAccount', 'ConvertedContact', 'ConvertedOpportunity']);
function isRelationshipName(name: string): boolean {
    return RELATIONSHIPS.has(name);
}

/** The value at a field path of a record representation (`Owner.Name` walks into the related record). */
export function valueAt(record: RecordRepresentation | undefined, path: string): FieldValue | undefined {
    let current: RecordRepresentation | undefined = record;
    const parts = path.split('.');
    for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        const field: FieldValue | undefined = current?.fields[part];
        if (!field) return undefined;
        if (i === parts.length - 1) return field;
        current = (field.value ?? undefined) as RecordRepresentation | undefined;
    }
    return undefined;
}

interface CachedRecord {
    record: RecordRepresentation;
    /** Paths asked for and not returned: the user cannot read them (or they do not exist). */
    inaccessible: Set<string>;
    fetchedAt: number;
}

export interface RecordSubscriber {
    recordId: string;
    /** The object the wire's fields name (from `Lead.Status`), used to qualify field names in requests. */
    objectApiName: string;
    fields: string[];
    optionalFields: string[];
    /** Called with a fresh projection, or an error, whenever the record changes. */
    deliver(result: { data?: RecordRepresentation; error?: unknown }): void;
}

function errorResponse(status: number, statusText: string, body: unknown): FetchResponseError {
    return { ok: false, status, statusText, body, headers: {} };
}

class LdsStore {
    private records = new Map<string, CachedRecord>();
    private subscribers = new Set<RecordSubscriber>();
    private pending = new Map<string, Set<string>>();
    private flushScheduled = false;
    private lastDelivered = new WeakMap<RecordSubscriber, string>();
    private objectInfos = new Map<string, Promise<unknown>>();
    private picklists = new Map<string, Promise<unknown>>();
    private recordErrors = new Map<string, unknown>();
    private objectOfRecord = new Map<string, string>();

    subscribe(subscriber: RecordSubscriber): () => void {
        this.subscribers.add(subscriber);
        this.objectOfRecord.set(subscriber.recordId, subscriber.objectApiName);
        const cached = this.records.get(subscriber.recordId);
        const wanted = [...subscriber.fields, ...subscriber.optionalFields];
        const fresh = cached && Date.now() - cached.fetchedAt < RECORD_TTL_MS;
        const known = cached && wanted.every((p) => valueAt(cached.record, p) !== undefined || cached.inaccessible.has(p));
        if (fresh && known) this.deliverTo(subscriber);
        else this.request(subscriber.recordId, wanted);
        return () => {
            this.subscribers.delete(subscriber);
        };
    }

    /** Every field path some live wire wants for this record. */
    private trackedPaths(recordId: string): string[] {
        const paths = new Set<string>();
        for (const s of this.subscribers) if (s.recordId === recordId) [...s.fields, ...s.optionalFields].forEach((p) => paths.add(p));
        return [...paths];
    }

    private request(recordId: string, paths: string[]): void {
        const set = this.pending.get(recordId) ?? new Set<string>();
        paths.forEach((p) => set.add(p));
        this.pending.set(recordId, set);
        if (!this.flushScheduled) {
            this.flushScheduled = true;
            setTimeout(() => this.flush(), 0);
        }
    }

    private flush(): void {
        this.flushScheduled = false;
        const batch = [...this.pending.entries()];
        this.pending.clear();
        for (const [recordId, paths] of batch) void this.fetchRecord(recordId, [...paths]);
    }

    async fetchRecord(recordId: string, paths: string[]): Promise<void> {
        const objectApiName = this.objectOfRecord.get(recordId) ?? 'Lead';
        const query = paths.length ? `?optionalFields=${encodeURIComponent(paths.map((p) => `${objectApiName}.${p}`).join(','))}` : '';
        try {
            const record = (await requestJson('GET', `${API}/records/${encodeURIComponent(recordId)}${query}`)) as RecordRepresentation;
            this.recordErrors.delete(recordId);
            this.merge(record, paths);
        } catch (error) {
            this.recordErrors.set(recordId, error);
            for (const s of this.subscribers) if (s.recordId === recordId) s.deliver({ data: undefined, error });
        }
    }

    /** Takes a record response (from a GET or an update) into the cache and pushes it to every wire of the record. */
    merge(record: RecordRepresentation, askedPaths: string[] = []): void {
        const cached = this.records.get(record.id);
        const sameVersion = cached && cached.record.lastModifiedDate === record.lastModifiedDate;
        const fields = sameVersion ? { ...cached.record.fields, ...record.fields } : { ...record.fields };
        const merged: RecordRepresentation = { ...record, fields };
        const inaccessible = new Set<string>(sameVersion ? cached.inaccessible : []);
        for (const p of askedPaths) if (valueAt(merged, p) === undefined) inaccessible.add(p);
        this.records.set(record.id, { record: merged, inaccessible, fetchedAt: Date.now() });
        const missing = new Set<string>();
        for (const s of this.subscribers) {
            if (s.recordId !== record.id) continue;
            const wanted = [...s.fields, ...s.optionalFields];
            const unknown = wanted.filter((p) => valueAt(merged, p) === undefined && !inaccessible.has(p));
            if (unknown.length) unknown.forEach((p) => missing.add(p));
            else this.deliverTo(s);
        }
        // A newer version arrived without some fields a wire shows: fetch them (one request).
        if (missing.size) this.request(record.id, this.trackedPaths(record.id));
    }

    private deliverTo(subscriber: RecordSubscriber): void {
        const cached = this.records.get(subscriber.recordId);
        if (!cached) return;
        const lacking = subscriber.fields.filter((p) => valueAt(cached.record, p) === undefined);
        if (lacking.length) {
            const error = errorResponse(400, 'Bad Request', [
                {
                    errorCode: 'INVALID_FIELD',
                    message: `You cannot read ${lacking.map((p) => `${cached.record.apiName}.${p}`).join(', ')}: the field does not exist or your permission sets do not give you access to it.`
                }
            ]);
            subscriber.deliver({ data: undefined, error });
            return;
        }
        const projection = project(cached.record, [...subscriber.fields, ...subscriber.optionalFields]);
        const key = JSON.stringify(projection);
        if (this.lastDelivered.get(subscriber) === key) return;
        this.lastDelivered.set(subscriber, key);
        subscriber.deliver({ data: projection, error: undefined });
    }

    /** Fetches the record again for every wire showing it (notifyRecordUpdateAvailable). */
    async refresh(recordId: string): Promise<void> {
        await this.fetchRecord(recordId, this.trackedPaths(recordId));
    }

    objectInfo(objectApiName: string): Promise<unknown> {
        let pending = this.objectInfos.get(objectApiName);
        if (!pending) {
            pending = requestJson('GET', `${API}/object-info/${encodeURIComponent(objectApiName)}`);
            pending.catch(() => this.objectInfos.delete(objectApiName));
            this.objectInfos.set(objectApiName, pending);
        }
        return pending;
    }

    picklistValues(objectApiName: string, recordTypeId: string, field?: string): Promise<unknown> {
        const url = `${API}/object-info/${encodeURIComponent(objectApiName)}/picklist-values/${encodeURIComponent(recordTypeId)}${field ? `/${encodeURIComponent(field)}` : ''}`;
        let pending = this.picklists.get(url);
        if (!pending) {
            pending = requestJson('GET', url);
            pending.catch(() => this.picklists.delete(url));
            this.picklists.set(url, pending);
        }
        return pending;
    }
}

/** The record narrowed to the fields a wire asked for (plus the top-level system properties), as a fresh object. */
function project(record: RecordRepresentation, paths: string[]): RecordRepresentation {
    const fields: Record<string, FieldValue> = {};
    for (const path of paths) {
        const head = path.split('.')[0] as string;
        const value = record.fields[head];
        if (value) fields[head] = value;
    }
    return deepFreeze(JSON.parse(JSON.stringify({ ...record, fields })) as RecordRepresentation);
}

/** LDS hands components read-only data; freezing makes a component that mutates wire data fail here as it would in the org. */
export function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    }
    return value;
}

export const lds = new LdsStore();
