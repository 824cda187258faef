/**
 * lightning/refresh for the local preview: a RefreshEvent makes the page shell fetch again every
 * record the page shows (Lightning Experience refreshes the view's data the same way) and runs every refresh
 * handler a component registered (RefreshView API), as the view's refresh does.
 */
export const REFRESH_EVENT_NAME = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<null> {
    constructor() {
        super(REFRESH_EVENT_NAME, { bubbles: true, composed: true, cancelable: true, detail: null });
    }
}

const handlers = new Map<number, () => Promise<boolean>>();
let lastId = 0;

export function registerRefreshHandler(element: object, handler: () => Promise<boolean>): number {
    handlers.set(++lastId, handler.bind(element));
    return lastId;
}

export function unregisterRefreshHandler(id: number): void {
    handlers.delete(id);
}

/** Runs every registered handler (the page shell calls it on a RefreshEvent); resolves true when all succeeded. */
export async function refreshView(): Promise<boolean> {
    const results = await Promise.all([...handlers.values()].map((h) => h().catch(() => false)));
    return results.every(Boolean);
}
