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
    /** The user's language as the platform names it (`en_US`, `de`): `?lang=de` on any preview page. */
    language: string;
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
    language: 'en_US',
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

/** A Custom Label's value for the current user: its translation into the user's language, else the label's own value. */
export function labelInUserLanguage(value: string, translations: Readonly<Record<string, string>>): string {
    return translations[pageContext().language] ?? value;
}

/** `@salesforce/i18n/lang` and `/locale` for the user's language, as BCP 47 tags (`en_US` -> `en-US`; `de` -> `de` and `de-DE`). */
export function userLanguageTag(kind: 'lang' | 'locale'): string {
    const [language = 'en', country] = pageContext().language.split('_');
    if (kind === 'lang') return country ? `${language}-${country}` : language;
    return `${language}-${country ?? language.toUpperCase()}`;
}
