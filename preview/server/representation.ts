/**
 * UI API shapes for the emulated Lead API: field infos (object-info), field values with display values,
 * and the error bodies the UI API returns. Pure functions over the harness's field metadata.
 */
import type { LeadField } from '../../scripts/interpreters/formula/harness.ts';

export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** The UI API's dataType for a field's Metadata API type. */
export function uiDataType(field: LeadField): string {
    if (field.name === 'Id') return 'Id';
    switch (field.metadataType) {
        case 'Text':
        case 'EncryptedText':
            return 'String';
        case 'TextArea':
        case 'LongTextArea':
        case 'Html':
            return 'TextArea';
        case 'Picklist':
            return 'Picklist';
        case 'MultiselectPicklist':
            return 'MultiPicklist';
        case 'Number':
            return field.scale === 0 && !field.custom ? 'Int' : 'Double';
        case 'Currency':
            return 'Currency';
        case 'Percent':
            return 'Percent';
        case 'Checkbox':
            return 'Boolean';
        case 'Date':
            return 'Date';
        case 'DateTime':
            return 'DateTime';
        case 'Time':
            return 'Time';
        case 'Email':
            return 'Email';
        case 'Phone':
            return 'Phone';
        case 'Url':
            return 'Url';
        case 'Lookup':
        case 'MasterDetail':
        case 'Hierarchy':
            return 'Reference';
        default:
            return 'String';
    }
}

/** Standard fields nobody edits through the UI API (system-maintained, compound or set by conversion). */
export const READ_ONLY_STANDARD_FIELDS = new Set([
    'Id',
    'Name',
    'IsConverted',
    'ConvertedDate',
    'ConvertedAccountId',
    'ConvertedContactId',
    'ConvertedOpportunityId',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'IsDeleted',
    'LastActivityDate'
]);

/** Fields the platform requires on every Lead. */
export const REQUIRED_FIELDS = new Set(['LastName', 'Company', 'Status']);

/** Relationship name of a lookup field (OwnerId -> Owner, X__c -> X__r), or null. */
export function relationshipName(field: string): string | null {
    if (field === 'Id') return null;
    if (field.endsWith('__c')) return `${field.slice(0, -3)}__r`;
    if (field.endsWith('Id')) return field.slice(0, -2);
    return null;
}

export interface RecordError {
    constituentField: null;
    duplicateRecordError: null;
    errorCode: string;
    field: string | null;
    fieldLabel: string | null;
    message: string;
}

export function recordError(errorCode: string, message: string, field: LeadField | null = null): RecordError {
    return {
        constituentField: null,
        duplicateRecordError: null,
        errorCode,
        field: field?.name ?? null,
        fieldLabel: field?.label ?? null,
        message
    };
}

/** An "Error with Output" body whose output is Record Exceptions: what a failed record save returns. */
export function recordErrorBody(message: string, errors: RecordError[], fieldErrors: Record<string, RecordError[]>, errorCode?: string) {
    return {
        message,
        errorCode: errorCode ?? errors[0]?.errorCode ?? Object.values(fieldErrors)[0]?.[0]?.errorCode ?? 'INVALID_INPUT',
        enhancedErrorType: 'RecordError',
        output: { errors, fieldErrors }
    };
}

/** The UI API's generic error body: a list of `{ errorCode, message }`. */
export function errorList(errorCode: string, message: string) {
    return [{ errorCode, message }];
}

const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2, minimumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC'
});
const date = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });

/** The display value the UI API gives a field value (null where it gives none: text, numbers, checkboxes, ids). */
export function displayValueOf(field: LeadField, value: unknown): string | null {
    if (value === null || value === undefined || value === '') return null;
    switch (field.metadataType) {
        case 'Picklist':
            return String(value);
        case 'Currency':
            return typeof value === 'number' ? currency.format(value) : null;
        case 'DateTime': {
            const t = Date.parse(String(value));
            return Number.isFinite(t) ? dateTime.format(t) : null;
        }
        case 'Date': {
            const t = Date.parse(`${String(value)}T00:00:00Z`);
            return Number.isFinite(t) ? date.format(t) : null;
        }
        default:
            return null;
    }
}
