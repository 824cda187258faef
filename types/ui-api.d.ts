// Platform modules that @salesforce/lightning-types 0.8.0 does not declare.
// Shapes follow the UI API (User Interface API) responses that Lightning Data Service hands to components;
// only the parts LeadGate reads are typed.

declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface FieldValue<T = unknown> {
        value: T;
        displayValue: string | null;
    }
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        lastModifiedDate: string;
        systemModstamp?: string;
        recordTypeId?: string | null;
        fields: Record<string, FieldValue>;
    }
    export interface FieldId {
        objectApiName: string;
        fieldApiName: string;
    }
    export interface GetRecordConfig {
        recordId: string | undefined;
        fields?: Array<FieldId | string>;
        optionalFields?: Array<FieldId | string>;
    }
    export interface WireResult<T> {
        data?: T;
        error?: unknown;
    }
    export interface RecordInput {
        fields: Record<string, unknown>;
        apiName?: string;
    }
    export interface ClientOptions {
        ifUnmodifiedSince?: string;
    }
    // LDS wire adapters provision { data, error } (data undefined until loaded, error set on failure).
    export const getRecord: WireAdapterConstructor<GetRecordConfig, WireResult<RecordRepresentation>>;
    export function updateRecord(recordInput: RecordInput, clientOptions?: ClientOptions): Promise<RecordRepresentation>;
    export function createRecord(recordInput: RecordInput & { apiName: string }): Promise<RecordRepresentation>;
    export function deleteRecord(recordId: string): Promise<void>;
    export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void>;
    export function getFieldValue(record: RecordRepresentation | undefined, field: FieldId | string): unknown;
    export function getFieldDisplayValue(record: RecordRepresentation | undefined, field: FieldId | string): unknown;
}

declare module 'lightning/uiRelatedListApi' {
    import type { WireAdapterConstructor } from 'lwc';
    import type { RecordRepresentation, WireResult } from 'lightning/uiRecordApi';

    export interface GetRelatedListRecordsConfig {
        parentRecordId: string | undefined;
        relatedListId: string;
        fields?: string[];
        sortBy?: string[];
        pageSize?: number;
    }
    export interface RelatedListRecordCollection {
        count: number;
        records: RecordRepresentation[];
    }
    export const getRelatedListRecords: WireAdapterConstructor<GetRelatedListRecordsConfig, WireResult<RelatedListRecordCollection>>;
}

declare module 'lightning/uiObjectInfoApi' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface FieldInfo {
        apiName: string;
        label: string;
        inlineHelpText: string | null;
        dataType: string;
        updateable: boolean;
        required?: boolean;
        length?: number;
        calculated?: boolean;
    }
    export interface ObjectInfo {
        apiName: string;
        label: string;
        updateable: boolean;
        fields: Record<string, FieldInfo>;
        defaultRecordTypeId: string;
    }
    export interface PicklistValue {
        label: string;
        value: string;
        validFor: number[];
        attributes: unknown;
    }
    export interface PicklistValues {
        values: PicklistValue[];
        defaultValue: PicklistValue | null;
        controllerValues: Record<string, number>;
    }
    export interface GetObjectInfoConfig {
        objectApiName: string | { objectApiName: string };
    }
    export interface GetPicklistValuesConfig {
        recordTypeId: string | undefined;
        fieldApiName: string | { objectApiName: string; fieldApiName: string };
    }
    export interface WireResult<T> {
        data?: T;
        error?: unknown;
    }
    export const getObjectInfo: WireAdapterConstructor<GetObjectInfoConfig, WireResult<ObjectInfo>>;
    export const getPicklistValues: WireAdapterConstructor<GetPicklistValuesConfig, WireResult<PicklistValues>>;
    export interface GetPicklistValuesByRecordTypeConfig {
        objectApiName: string | { objectApiName: string };
        recordTypeId: string | undefined;
    }
    export interface PicklistValuesByRecordType {
        picklistFieldValues: Record<string, PicklistValues>;
    }
    export const getPicklistValuesByRecordType: WireAdapterConstructor<
        GetPicklistValuesByRecordTypeConfig,
        WireResult<PicklistValuesByRecordType>
    >;
}

declare module 'lightning/platformShowToastEvent' {
    export interface ShowToastEventInit {
        title: string;
        message?: string;
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }
    export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
        constructor(init: ShowToastEventInit);
    }
}

declare module 'lightning/navigation' {
    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, unknown>;
    }
    type Constructor<T = object> = new (...args: any[]) => T;
    export function NavigationMixin<T extends Constructor>(
        base: T
    ): T & {
        new (...args: any[]): {
            [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
            [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
        };
    };
    export namespace NavigationMixin {
        const Navigate: unique symbol;
        const GenerateUrl: unique symbol;
    }
    /** Wire adapter: the page reference of the page the component is on (its state holds a URL-addressable component's c__ keys). */
    export const CurrentPageReference: import('lwc').WireAdapterConstructor<Record<string, never>, PageReference>;
}

declare module '@salesforce/schema/*' {
    const field: { objectApiName: string; fieldApiName: string };
    export default field;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/i18n/*' {
    const value: string;
    export default value;
}

declare module '@salesforce/client/formFactor' {
    /** The device the page runs on: Large (desktop), Medium (tablet), Small (phone). */
    const formFactor: 'Large' | 'Medium' | 'Small';
    export default formFactor;
}

declare module '@salesforce/customPermission/*' {
    const granted: boolean | undefined;
    export default granted;
}

declare module '@salesforce/resourceUrl/*' {
    const url: string;
    export default url;
}

declare module '@salesforce/apex/*' {
    import type { WireAdapterConstructor } from 'lwc';
    type ApexMethod = ((params?: Record<string, unknown>) => Promise<any>) & WireAdapterConstructor<Record<string, unknown>, any>;
    const method: ApexMethod;
    export default method;
}
