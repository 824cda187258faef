// Platform modules the coaching dashboard uses that @salesforce/lightning-types 0.8.0 does not declare
// (its index does not import its platformResourceLoader file).

declare module '@salesforce/apex' {
    /** Calls a wired Apex method again and provisions its fresh result to the wire. */
    export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module 'lightning/platformResourceLoader' {
    import type { LightningElement } from 'lwc';
    /** Adds a script tag for the URL (once per page) and resolves when it has loaded. */
    export function loadScript(component: LightningElement, url: string): Promise<void>;
    /** Adds a style sheet link for the URL (once per page) and resolves when it has loaded. */
    export function loadStyle(component: LightningElement, url: string): Promise<void>;
}
