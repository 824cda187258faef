/**
 * Uninstall manifests, pure: from the components the project deploys, the three packages an uninstall uses.
 *
 * 1. deactivate (Metadata API format, deployed): every LeadGate validation rule with <active>false</active> and
 *    a FlowDefinition with activeVersionNumber 0 for every LeadGate flow. Enforcement stops; nothing is deleted.
 * 2. remove (empty package.xml + destructiveChangesPost.xml): code and configuration that hold no lead data:
 *    Apex classes and triggers, Lightning components, record pages, permission sets, tabs, apps, reports.
 * 3. fields (only when asked): the Lead custom fields, validation rules, flows, the bypass custom permission,
 *    custom labels and LeadGate's custom objects. DELETING A CUSTOM FIELD DELETES ITS DATA on every lead
 *    (Salesforce keeps deleted fields restorable for 15 days, then erases them); deleting a custom object
 *    deletes its records. So this step is separate, explicit and never part of the default uninstall.
 *
 * Never listed, whatever the options: standard objects (Lead itself), standard value sets (Lead Status:
 * existing leads use those values), and any type not named below.
 */

export interface UninstallInput {
    /** Metadata type -> full names (source-deploy-retrieve over force-app). */
    components: Record<string, string[]>;
    apiVersion: string;
    /** Validation rule source files: full name (`Lead.Rule`) and the `.validationRule-meta.xml` content. */
    validationRules: Array<{ fullName: string; xml: string }>;
    /** Custom label names (members of the project's CustomLabels file). */
    customLabels: string[];
    removeFields: boolean;
}

export interface MetadataPackage {
    /** Relative path -> file content. */
    files: Record<string, string>;
    /** Type -> members, as listed in the manifest. */
    members: Record<string, string[]>;
}

export interface UninstallArtifacts {
    deactivate: MetadataPackage;
    remove: MetadataPackage;
    fields: MetadataPackage | null;
    /** Components the project deploys that no uninstall step touches, by type (for the admin to see). */
    kept: Record<string, string[]>;
}

/** Removed by the default uninstall: configuration and code, no lead data. */
export const REMOVE_TYPES = [
    'ApexClass',
    'ApexTrigger',
    'LightningComponentBundle',
    'FlexiPage',
    'PermissionSet',
    'CustomTab',
    'CustomApplication',
    'StaticResource',
    'Dashboard',
    'Report',
    'ReportType'
] as const;

/** Removed only by the explicit field step: these hold (or guard) lead data. */
export const FIELD_STEP_TYPES = ['CustomField', 'ValidationRule', 'Flow', 'CustomPermission', 'CustomLabel', 'CustomObject'] as const;

// Custom objects (__c) and platform events (__e); never a standard object such as Lead or Opportunity.
const isCustomObject = (name: string): boolean => /__(c|e)$/.test(name);

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A package.xml (or destructiveChanges) manifest listing `members` by type, types and members sorted. */
export function manifest(members: Record<string, string[]>, apiVersion: string | null): string {
    const types = Object.entries(members)
        .filter(([, names]) => names.length)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
            ([type, names]) =>
                `    <types>\n${[...names]
                    .sort()
                    .map((n) => `        <members>${escapeXml(n)}</members>`)
                    .join('\n')}\n        <name>${type}</name>\n    </types>\n`
        )
        .join('');
    const version = apiVersion ? `    <version>${apiVersion}</version>\n` : '';
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n${types}${version}</Package>\n`;
}

/** The body of a source-format validation rule, switched off, ready to sit inside `<validationRules>` of an object file. */
export function inactiveRuleBody(xml: string, ruleName: string): string {
    const body = /<ValidationRule[^>]*>([\s\S]*)<\/ValidationRule>/.exec(xml)?.[1];
    if (body === undefined) throw new Error(`Not a validation rule file: ${ruleName}`);
    const withName = /<fullName>/.test(body) ? body : `\n        <fullName>${ruleName}</fullName>${body}`;
    if (!/<active>\s*(true|false)\s*<\/active>/.test(withName)) throw new Error(`Validation rule ${ruleName} has no <active> element`);
    return withName.replace(/<active>\s*(true|false)\s*<\/active>/, '<active>false</active>');
}

export function buildUninstall(input: UninstallInput): UninstallArtifacts {
    const c = input.components;
    const names = (type: string): string[] => [...(c[type] ?? [])];

    // 1. Deactivate: rules off, flows off.
    const deactivateFiles: Record<string, string> = {};
    const rulesByObject = new Map<string, string[]>();
    for (const rule of input.validationRules) {
        const [object, ruleName] = rule.fullName.split('.') as [string, string];
        const bodies = rulesByObject.get(object) ?? [];
        bodies.push(`    <validationRules>${inactiveRuleBody(rule.xml, ruleName)}</validationRules>`);
        rulesByObject.set(object, bodies);
    }
    for (const [object, bodies] of rulesByObject) {
        deactivateFiles[`objects/${object}.object`] =
            `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n${bodies.join('\n')}\n</CustomObject>\n`;
    }
    const flows = names('Flow');
    for (const flow of flows) {
        deactivateFiles[`flowDefinitions/${flow}.flowDefinition`] =
            `<?xml version="1.0" encoding="UTF-8"?>\n<FlowDefinition xmlns="http://soap.sforce.com/2006/04/metadata">\n    <activeVersionNumber>0</activeVersionNumber>\n</FlowDefinition>\n`;
    }
    const deactivateMembers = { ValidationRule: input.validationRules.map((r) => r.fullName), FlowDefinition: flows };
    deactivateFiles['package.xml'] = manifest(deactivateMembers, input.apiVersion);

    // 2. Remove what holds no data.
    const removeMembers: Record<string, string[]> = {};
    for (const type of REMOVE_TYPES) if (names(type).length) removeMembers[type] = names(type);
    const remove: MetadataPackage = {
        files: { 'package.xml': manifest({}, input.apiVersion), 'destructiveChangesPost.xml': manifest(removeMembers, null) },
        members: removeMembers
    };

    // 3. Fields and everything that holds or guards lead data: only on request.
    const fieldMembers: Record<string, string[]> = {
        CustomField: names('CustomField'),
        ValidationRule: names('ValidationRule'),
        Flow: flows,
        CustomPermission: names('CustomPermission'),
        CustomLabel: [...input.customLabels],
        CustomObject: names('CustomObject').filter(isCustomObject)
    };
    for (const [type, list] of Object.entries(fieldMembers)) if (!list.length) delete fieldMembers[type];
    const fields: MetadataPackage | null = input.removeFields
        ? {
              files: { 'package.xml': manifest({}, input.apiVersion), 'destructiveChangesPost.xml': manifest(fieldMembers, null) },
              members: fieldMembers
          }
        : null;

    const touched = new Set<string>([...REMOVE_TYPES, ...(input.removeFields ? FIELD_STEP_TYPES : [])]);
    const kept: Record<string, string[]> = {};
    for (const [type, list] of Object.entries(c)) {
        if (type === 'CustomLabels' && input.removeFields) continue;
        if (!touched.has(type)) kept[type] = [...list];
        else if (type === 'CustomObject') {
            const standard = list.filter((n) => !isCustomObject(n));
            if (standard.length) kept[type] = standard;
        }
    }
    if (!input.removeFields && input.customLabels.length) kept.CustomLabel = [...input.customLabels];
    return { deactivate: { files: deactivateFiles, members: deactivateMembers }, remove, fields, kept };
}
