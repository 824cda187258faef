/**
 * The opt-in lead-conversion field mapping, in Metadata API format outside force-app (optional/lead-convert/).
 *
 * LeadConvertSettings is one org-wide document: deploying it replaces the org's whole Lead conversion mapping, so an
 * org's own custom-field mappings that it does not list would be dropped by a plain deploy. That is why it is never
 * part of force-app: an admin deploys it on purpose (`npm run deploy -- --install-convert-mapping`, i.e.
 * `sf project deploy start --metadata-dir optional/lead-convert`) after merging the org's existing pairs into it.
 * Without it, LeadConversionEvidence (Apex) still fills every mapped Opportunity field left blank at conversion, from
 * the same pair list (`conversionMappings`).
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { API_VERSION } from './flow.ts';
import { conversionMappings } from './opportunity.ts';
import type { GeneratedFile } from './types.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const LEAD_CONVERT_DIR = 'optional/lead-convert';
/** The settings file, named as the Metadata API expects it (directory LeadConvertSettings, suffix LeadConvertSetting). */
export const LEAD_CONVERT_SETTINGS_PATH = `${LEAD_CONVERT_DIR}/LeadConvertSettings/LeadConvertSettings.LeadConvertSetting`;

export function generateLeadConvert(def: SqlDefinition): { files: GeneratedFile[] } {
    return {
        files: [
            {
                path: `${LEAD_CONVERT_DIR}/package.xml`,
                content: xmlDocument(
                    node(
                        'Package',
                        node('types', leaf('members', 'LeadConvertSettings'), leaf('name', 'LeadConvertSettings')),
                        leaf('version', API_VERSION)
                    )
                )
            },
            {
                path: LEAD_CONVERT_SETTINGS_PATH,
                content: xmlDocument(
                    node(
                        'LeadConvertSettings',
                        node(
                            'objectMapping',
                            leaf('inputObject', 'Lead'),
                            ...conversionMappings(def).map((m) =>
                                node('mappingFields', leaf('inputField', m.lead), leaf('outputField', m.opportunity))
                            ),
                            leaf('outputObject', 'Opportunity')
                        )
                    )
                )
            }
        ]
    };
}
