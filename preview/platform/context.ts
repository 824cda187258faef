/**
 * The page context the preview server writes into every page (a JSON script element,
 * `<script type="application/json" id="leadgate-context">`, so no inline script runs): who the
 * current preview user is and what they hold. Platform modules that the real platform resolves per
 * user (`@salesforce/user/Id`, `@salesforce/customPermission/*`) read it.
 */
export interface PageContext {
    user: { id: string; name: string; role: string };
    customPermissions: string[];
    formFactor: 'Large' | 'Medium' | 'Small';
    page: PagePlan;
}

export interface PlacedComponent {
    /** Module specifier, e.g. `c/qualificationPanel` or `shell/recordHighlights`. */
    specifier: string;
    /** Public properties to set (`recordId`, `objectApiName`, design attributes). */
    properties: Record<string, unknown>;
}

export type PagePlan =
    | { kind: 'record'; recordId: string; objectApiName: string; regions: Array<{ name: string; components: PlacedComponent[] }> }
    | { kind: 'app'; regions: Array<{ name: string; components: PlacedComponent[] }> }
    | { kind: 'static' };

const FALLBACK: PageContext = {
    user: { id: '', name: '', role: '' },
    customPermissions: [],
    formFactor: 'Large',
    page: { kind: 'static' }
};

let current: PageContext | null = null;

export function pageContext(): PageContext {
    if (current) return current;
    const element = typeof document !== 'undefined' ? document.getElementById('leadgate-context') : null;
    try {
        current = element?.textContent ? ({ ...FALLBACK, ...JSON.parse(element.textContent) } as PageContext) : FALLBACK;
    } catch {
        current = FALLBACK;
    }
    return current;
}

/** `true` when the current user holds the custom permission, `undefined` otherwise (as the platform does). */
export function hasCustomPermission(name: string): true | undefined {
    return pageContext().customPermissions.includes(name) ? true : undefined;
}
