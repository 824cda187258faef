/**
 * Reads the Lead record page's FlexiPage (force-app/main/default/flexipages) into the preview's page plan:
 * each region's components in order, tabs and other facets flattened into the region that holds them,
 * standard components mapped to the preview's own (highlights panel, record details), LeadGate's
 * components (`c:name`) placed with their design attributes. Standard components the preview does not
 * emulate (related lists, activity, chatter) are listed so the page can say what it leaves out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export type FormFactor = 'Large' | 'Medium' | 'Small';

export interface PlannedComponent {
    specifier: string;
    properties: Record<string, unknown>;
    /** The form factors a visibility rule on `{!$Client.formFactor}` shows it on; absent: every form factor. */
    formFactors?: FormFactor[];
}

const FORM_FACTORS: readonly FormFactor[] = ['Large', 'Medium', 'Small'];

/**
 * The form factors an item instance's visibility rule shows it on. Only `{!$Client.formFactor}` criteria (EQUAL,
 * NE) joined by AND (no booleanFilter) are understood; any other rule is refused, so the preview never shows a page the org would not.
 */
function formFactorsOf(instance: Node, source: string): FormFactor[] | undefined {
    const rule = (instance.visibilityRule ?? null) as Node | null;
    if (!rule) return undefined;
    const criteria = list(rule.criteria);
    const joined = String(rule.booleanFilter ?? '').trim();
    if (joined !== '') {
        throw new Error(
            `${source}: the preview reads only AND-joined form-factor visibility rules; simplify the rule or extend flexipage.ts.`
        );
    }
    let shown = [...FORM_FACTORS];
    for (const c of criteria) {
        const value = String(c.rightValue ?? '') as FormFactor;
        if (c.leftValue !== '{!$Client.formFactor}' || !FORM_FACTORS.includes(value) || (c.operator !== 'EQUAL' && c.operator !== 'NE')) {
            throw new Error(
                `${source}: the preview understands visibility rules on {!$Client.formFactor} with EQUAL or NE (Large, Medium, Small) only, not ${String(c.leftValue)} ${String(c.operator)} ${String(c.rightValue)}.`
            );
        }
        shown = shown.filter((f) => (c.operator === 'EQUAL' ? f === value : f !== value));
    }
    return shown;
}

/** The plan as a form factor shows it: components whose visibility rule hides them there are left out. */
export function planFor(plan: RecordPagePlan, formFactor: FormFactor): RecordPagePlan {
    return {
        ...plan,
        regions: plan.regions.map((r) => ({
            name: r.name,
            components: r.components.filter((c) => !c.formFactors || c.formFactors.includes(formFactor))
        }))
    };
}

export interface RecordPagePlan {
    source: string | null;
    template: string | null;
    regions: Array<{ name: string; components: PlannedComponent[] }>;
    notShown: string[];
}

const STANDARD: Record<string, string> = {
    'force:highlightsPanel': 'shell/recordHighlights',
    'force:detailPanel': 'shell/recordDetails',
    'force:recordDetailPanelMobile': 'shell/recordDetails'
};

const CONTAINERS = new Set(['flexipage:tabset', 'flexipage:tabset2', 'flexipage:tab', 'flexipage:accordion', 'flexipage:accordionSection']);

const xml = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (tag) => ['flexiPageRegions', 'itemInstances', 'componentInstanceProperties', 'criteria'].includes(tag)
});

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : []);

const propertyValue = (value: unknown): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** Parses FlexiPage XML for an object's record page; returns null when it is not one. */
export function parseRecordPage(text: string, source: string, objectApiName = 'Lead'): RecordPagePlan | null {
    const page = (xml.parse(text).FlexiPage ?? null) as Node | null;
    if (!page || page.type !== 'RecordPage' || (page.sobjectType && page.sobjectType !== objectApiName)) return null;
    const regions = list(page.flexiPageRegions);
    const facets = new Map(regions.filter((r) => r.type === 'Facet').map((r) => [String(r.name), r]));
    const notShown: string[] = [];
    const expand = (region: Node, seen: Set<string>): PlannedComponent[] => {
        const out: PlannedComponent[] = [];
        for (const item of list(region.itemInstances)) {
            const instance = (item.componentInstance ?? null) as Node | null;
            if (!instance) {
                if (item.fieldInstance) notShown.push('field instance (Dynamic Forms)');
                continue;
            }
            const name = String(instance.componentName ?? '');
            const props = list(instance.componentInstanceProperties);
            if (CONTAINERS.has(name)) {
                // Tabs and accordions hold their content in facets named by their properties.
                for (const p of props) {
                    const facet = facets.get(String(p.value));
                    if (facet && !seen.has(String(p.value))) out.push(...expand(facet, new Set([...seen, String(p.value)])));
                }
                continue;
            }
            const formFactors = formFactorsOf(instance, source);
            const shownOn = formFactors ? { formFactors } : {};
            if (name.startsWith('c:')) {
                const properties: Record<string, unknown> = {};
                for (const p of props) if (typeof p.name === 'string') properties[p.name] = propertyValue(p.value);
                out.push({ specifier: `c/${name.slice(2)}`, properties, ...shownOn });
            } else if (STANDARD[name]) {
                out.push({ specifier: STANDARD[name], properties: {}, ...shownOn });
            } else {
                notShown.push(name);
            }
        }
        return out;
    };
    return {
        source,
        template: typeof page.template === 'object' && page.template ? String((page.template as Node).name ?? '') : null,
        regions: regions.filter((r) => r.type === 'Region').map((r) => ({ name: String(r.name), components: expand(r, new Set()) })),
        notShown: [...new Set(notShown)]
    };
}

/** The project's record page for Lead (the first FlexiPage of type RecordPage for Lead, by file name), or null. */
export function loadRecordPage(root: string, objectApiName = 'Lead'): RecordPagePlan | null {
    const dir = join(root, 'force-app', 'main', 'default', 'flexipages');
    if (!existsSync(dir)) return null;
    for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.flexipage-meta.xml'))
        .sort()) {
        const plan = parseRecordPage(readFileSync(join(dir, file), 'utf8'), `force-app/main/default/flexipages/${file}`, objectApiName);
        if (plan) return plan;
    }
    return null;
}

/** A Lightning-Experience-like layout when the project has no record page yet: highlights, then LeadGate's components beside the details. */
export function defaultRecordPage(recordPageComponents: string[]): RecordPagePlan {
    const [first, ...rest] = recordPageComponents;
    return {
        source: null,
        template: 'flexipage:recordHomeTemplateDesktop',
        regions: [
            { name: 'header', components: [{ specifier: 'shell/recordHighlights', properties: {} }] },
            {
                name: 'main',
                components: [...(first ? [{ specifier: first, properties: {} }] : []), { specifier: 'shell/recordDetails', properties: {} }]
            },
            { name: 'sidebar', components: rest.map((specifier) => ({ specifier, properties: {} })) }
        ],
        notShown: []
    };
}
