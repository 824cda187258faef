/**
 * `@salesforce/apex` and `@salesforce/apex/Class.method` for the local preview. Each imported method
 * is a function that POSTs its parameters to the preview server (`/preview/apex/Class.method`, where a
 * registered TypeScript handler answers) and carries an `adapter`, so the same import works imperatively
 * and with @wire. Errors arrive as the platform shapes them: `{ status, body: { message, exceptionType } }`.
 */
import { requestJson } from './transport.ts';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

const wired = new WeakMap<object, { run(): Promise<void> }>();

class ApexWire {
    private readonly name: string;
    private readonly callback: DataCallback;
    private connected = false;
    private params: Record<string, unknown> | null = null;
    private generation = 0;

    constructor(name: string, callback: DataCallback) {
        this.name = name;
        this.callback = callback;
    }

    connect(): void {
        this.connected = true;
        this.callback(this.emit({ data: undefined, error: undefined }));
        if (this.params) void this.run();
    }

    disconnect(): void {
        this.connected = false;
        this.generation++;
    }

    update(config: Record<string, unknown>): void {
        // As on the platform, a wire whose parameters include undefined values waits.
        if (Object.values(config ?? {}).some((value) => value === undefined)) return;
        this.params = { ...config };
        if (this.connected) void this.run();
    }

    async run(): Promise<void> {
        const generation = ++this.generation;
        try {
            const data = await callApex(this.name, this.params ?? {});
            if (generation === this.generation) this.callback(this.emit({ data, error: undefined }));
        } catch (error) {
            if (generation === this.generation) this.callback(this.emit({ data: undefined, error }));
        }
    }

    private emit(value: { data?: unknown; error?: unknown }): { data?: unknown; error?: unknown } {
        wired.set(value, this);
        return value;
    }
}

export function callApex(name: string, params: Record<string, unknown>): Promise<unknown> {
    return requestJson('POST', `/preview/apex/${encodeURIComponent(name)}`, { params: params ?? {} });
}

export function apexMethod(name: string) {
    const method = (params?: Record<string, unknown>) => callApex(name, params ?? {});
    method.adapter = class extends ApexWire {
        constructor(callback: DataCallback) {
            super(name, callback);
        }
    };
    return method;
}

/** Lets refreshApex refresh a value another wire adapter provisioned (LDS adapters such as getListUi). */
export function markRefreshable(value: object, wire: { run(): Promise<void> }): void {
    wired.set(value, wire);
}

/** Calls a wired Apex method again and provisions its new result. */
export function refreshApex(wiredValue: unknown): Promise<void> {
    const wire = wiredValue && typeof wiredValue === 'object' ? wired.get(wiredValue) : undefined;
    return wire ? wire.run() : Promise.resolve();
}

export function getSObjectValue(record: Record<string, unknown>, field: { fieldApiName: string } | string): unknown {
    const path = typeof field === 'string' ? field.slice(field.indexOf('.') + 1) : field.fieldApiName;
    return path
        .split('.')
        .reduce<unknown>(
            (value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined),
            record
        );
}
