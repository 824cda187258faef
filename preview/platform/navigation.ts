/**
 * lightning/navigation for the local preview: page references map to the preview's pages
 * (`/lead/<id>` for a Lead record page, `/` for the Lead list, `/dashboard` for the coaching dashboard tab,
 * `/lightning/cmp/<c__name>?c__...` for a URL-addressable component, as Lightning Experience writes it).
 * A page reference the preview cannot show is refused with an error naming it.
 */
import { pageContext } from './context.ts';

export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
}

const NAVIGATE = Symbol('Navigate');
const GENERATE_URL = Symbol('GenerateUrl');

export function urlOf(ref: PageReference): string {
    const a = ref?.attributes ?? {};
    switch (ref?.type) {
        case 'standard__recordPage':
            if (typeof a.recordId === 'string' && (a.objectApiName === undefined || a.objectApiName === 'Lead'))
                return `/lead/${encodeURIComponent(a.recordId)}`;
            break;
        case 'standard__objectPage':
            if (a.objectApiName === 'Lead') return '/';
            break;
        case 'standard__navItemPage':
        case 'standard__namedPage':
            if (a.apiName === 'home' || a.pageName === 'home') return '/';
            return '/dashboard';
        case 'standard__component':
            // A URL-addressable component (lightning__UrlAddressable): its state rides in the address, c__ keys only.
            if (typeof a.componentName === 'string') {
                const state = new URLSearchParams(
                    Object.entries(ref.state ?? {}).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : []))
                ).toString();
                return `/lightning/cmp/${encodeURIComponent(a.componentName)}${state ? `?${state}` : ''}`;
            }
            break;
        case 'standard__webPage':
            if (typeof a.url === 'string') return a.url;
            break;
        default:
            break;
    }
    throw new Error(`The local preview cannot show the page reference ${JSON.stringify(ref)}.`);
}

type Constructor<T = object> = new (...args: any[]) => T; // eslint-disable-line @typescript-eslint/no-explicit-any

export function NavigationMixin<T extends Constructor>(Base: T) {
    return class extends Base {
        [NAVIGATE](ref: PageReference, replace?: boolean): void {
            const url = urlOf(ref);
            if (replace) window.location.replace(url);
            else window.location.assign(url);
        }
        [GENERATE_URL](ref: PageReference): Promise<string> {
            try {
                return Promise.resolve(urlOf(ref));
            } catch (error) {
                return Promise.reject(error);
            }
        }
    };
}
NavigationMixin.Navigate = NAVIGATE;
NavigationMixin.GenerateUrl = GENERATE_URL;

/** Wire adapter: the current page's reference. */
export class CurrentPageReference {
    private readonly callback: (value: PageReference) => void;
    constructor(callback: (value: PageReference) => void) {
        this.callback = callback;
    }
    connect(): void {
        const page = pageContext().page;
        const state = Object.fromEntries(new URLSearchParams(window.location.search));
        const component = /^\/lightning\/cmp\/([^/]+)$/.exec(window.location.pathname);
        this.callback(
            component
                ? { type: 'standard__component', attributes: { componentName: decodeURIComponent(component[1]!) }, state }
                : page.kind === 'record'
                  ? {
                        type: 'standard__recordPage',
                        attributes: { recordId: page.recordId, objectApiName: page.objectApiName, actionName: 'view' },
                        state
                    }
                  : { type: 'standard__navItemPage', attributes: { apiName: window.location.pathname.replace(/^\//, '') || 'home' }, state }
        );
    }
    update(): void {}
    disconnect(): void {}
}
