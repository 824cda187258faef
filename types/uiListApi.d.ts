// lightning/uiListApi (getListUi): a list view's records through Lightning Data Service. Only what c/sdrQueue reads.
declare module 'lightning/uiListApi' {
    import type { WireAdapterConstructor } from 'lwc';
    import type { RecordRepresentation, WireResult } from 'lightning/uiRecordApi';

    export interface GetListUiConfig {
        objectApiName: string;
        listViewApiName: string;
        pageSize?: number;
        optionalFields?: string[];
        sortBy?: string[];
    }
    export interface ListUiRepresentation {
        info?: { label?: string };
        records: { records: RecordRepresentation[]; count?: number; nextPageToken?: string | null };
    }
    export const getListUi: WireAdapterConstructor<GetListUiConfig, WireResult<ListUiRepresentation>>;
}
