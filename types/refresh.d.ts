// lightning/refresh (RefreshView API), which @salesforce/lightning-types does not declare.
declare module 'lightning/refresh' {
    /** Asks the view this component sits in to refresh its data. */
    export class RefreshEvent extends CustomEvent<null> {
        constructor();
    }
    /** Registers `handler` to run when the view refreshes; resolves true once the component's data is fresh. */
    export function registerRefreshHandler(element: object, handler: () => Promise<boolean>): number;
    export function unregisterRefreshHandler(id: number): void;
}
