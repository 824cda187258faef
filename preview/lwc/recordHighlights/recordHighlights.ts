/**
 * The preview's highlights panel: the Lead's name and compact-layout fields at the top of the record
 * page, as Lightning Experience's standard highlights panel shows them. Reads through the same LDS
 * adapters as LeadGate's components, so it shares their request and updates when they save.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, getFieldDisplayValue } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';

const COMPACT_FIELDS = ['Title', 'Company', 'Status', 'Email', 'Phone', 'Owner.Name'];

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

export default class RecordHighlights extends LightningElement {
    @api recordId: string | undefined;
    @api objectApiName = 'Lead';

    @wire(getRecord, { recordId: '$recordId', optionalFields: ['Lead.Name', ...COMPACT_FIELDS.map((f) => `Lead.${f}`)] })
    record: WireResult<import('lightning/uiRecordApi').RecordRepresentation> = {};

    @wire(getObjectInfo, { objectApiName: '$objectApiName' })
    objectInfo: WireResult<import('lightning/uiObjectInfoApi').ObjectInfo> = {};

    get name(): string {
        return String(getFieldValue(this.record.data, 'Lead.Name') ?? '');
    }

    get objectLabel(): string {
        return this.objectInfo.data?.label ?? this.objectApiName;
    }

    get loaded(): boolean {
        return Boolean(this.record.data);
    }

    get errorText(): string | null {
        const error = this.record.error as { body?: unknown } | undefined;
        if (!error) return null;
        const body = error.body as { message?: string } | Array<{ message?: string }> | undefined;
        return Array.isArray(body) ? body.map((b) => b.message).join(' ') : (body?.message ?? 'The record could not be loaded.');
    }

    get fields(): Array<{ key: string; label: string; value: string }> {
        const info = this.objectInfo.data;
        const record = this.record.data;
        if (!record) return [];
        return COMPACT_FIELDS.map((path) => {
            const head = path === 'Owner.Name' ? 'OwnerId' : path;
            const label = path === 'Owner.Name' ? (info?.fields.OwnerId?.label ?? 'Owner') : (info?.fields[head]?.label ?? head);
            const value = getFieldDisplayValue(record, `Lead.${path}`);
            return {
                key: path,
                label,
                value: value === null || value === undefined ? '' : String(value),
                readable: Boolean(info?.fields[head])
            };
        }).filter((f) => f.readable);
    }
}
