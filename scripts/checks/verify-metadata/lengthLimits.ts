/**
 * Length limits the platform documents for metadata LeadGate ships, keyed `Type.element` where Type is the Metadata API
 * type that holds (or declares) the element. Lengths count characters of the element's text (entities decoded).
 * A deploy with a longer value fails in the org (or, for labels, is refused by Setup), and nothing offline says so.
 *
 * Sources (Salesforce documentation):
 * - Metadata API Developer Guide, CustomLabels: a custom label value is up to 1,000 characters; Setup's New Custom
 *   Label form limits Short Description to 80 characters (also in /work/shared/notes/toolchain.md, measured).
 * - Salesforce Help, "Custom Field Attributes" (platform.custom_field_attributes.htm): Field Label 40 characters,
 *   Field Name (API name, without the __c suffix) 40, Description 1,000, Help Text 510.
 * - Salesforce Help, "Define Validation Rules": Rule Name 40 characters, Description 1,000, Error Message 255.
 * - Salesforce Help, picklist limits: each picklist value (API name and label) is up to 255 characters.
 * - Salesforce Help, "Custom Object Definition": Label and Plural Label 40 characters, Object Name 40 (without __c),
 *   Description 1,000.
 * - Salesforce Help, "Create Permission Sets": Label 80 characters, Description 255.
 */
export interface LengthLimit {
    max: number;
    /** What the limit is called in Setup, for the message. */
    what: string;
    /** An API name: measured without its namespace prefix and its __c/__r suffix, and only its last dotted part. */
    apiName?: boolean;
}

export const LENGTH_LIMITS: Readonly<Record<string, LengthLimit>> = {
    'CustomLabel.shortDescription': { max: 80, what: 'Custom Label short description' },
    'CustomLabel.value': { max: 1000, what: 'Custom Label value' },
    'CustomField.label': { max: 40, what: 'field label' },
    'CustomField.fullName': { max: 40, what: 'field API name', apiName: true },
    'CustomField.description': { max: 1000, what: 'field description' },
    'CustomField.inlineHelpText': { max: 510, what: 'field help text' },
    'ValidationRule.fullName': { max: 40, what: 'validation rule name', apiName: true },
    'ValidationRule.description': { max: 1000, what: 'validation rule description' },
    'ValidationRule.errorMessage': { max: 255, what: 'validation rule error message' },
    'CustomValue.fullName': { max: 255, what: 'picklist value' },
    'CustomValue.label': { max: 255, what: 'picklist value label' },
    'CustomObject.label': { max: 40, what: 'object label' },
    'CustomObject.pluralLabel': { max: 40, what: 'object plural label' },
    'CustomObject.description': { max: 1000, what: 'object description' },
    'PermissionSet.label': { max: 80, what: 'permission set label' },
    'PermissionSet.description': { max: 255, what: 'permission set description' }
};

/** The part of a value the limit counts. */
export function measured(value: string, limit: LengthLimit): string {
    if (!limit.apiName) return value;
    const last = value.split('.').pop() ?? value;
    return last.replace(/^[A-Za-z0-9]+__(?=.+__[a-z]+$)/, '').replace(/__[a-zA-Z]+$/, '');
}
