/**
 * lightning/refresh for the local preview: a RefreshEvent makes the page shell fetch again every
 * record the page shows (Lightning Experience refreshes the view's data the same way).
 */
export const REFRESH_EVENT_NAME = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<null> {
    constructor() {
        super(REFRESH_EVENT_NAME, { bubbles: true, composed: true, cancelable: true, detail: null });
    }
}

export function registerRefreshHandler(): number {
    return 0;
}

export function unregisterRefreshHandler(): void {}
