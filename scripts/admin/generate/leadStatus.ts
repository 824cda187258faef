/**
 * The opt-in LeadStatus values, in Metadata API format outside force-app (optional/lead-status/).
 *
 * Deploying a StandardValueSet deactivates every value it does not list, so an org's own Lead Status values
 * would be switched off by a plain deploy. That is why this is never part of force-app: an admin deploys it
 * on purpose (`sf project deploy start --metadata-dir optional/lead-status`), or maps the definition's
 * stages onto the org's existing values instead (docs/DECISIONS.md).
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { API_VERSION } from './flow.ts';
import type { GeneratedFile } from './types.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const LEAD_STATUS_DIR = 'optional/lead-status';

export function generateLeadStatus(def: SqlDefinition): { files: GeneratedFile[] } {
    const seen = new Set<string>();
    const stages = def.stages.filter((s) => (seen.has(s.status) ? false : (seen.add(s.status), true)));
    const initial = def.stages.find((s) => s.key === 'New');
    const values = stages.map((s) =>
        node(
            'standardValue',
            leaf('fullName', s.status),
            leaf('default', s === initial),
            leaf('description', `${s.key}: ${s.meaning}`.slice(0, 255)),
            leaf('label', s.status),
            leaf('converted', s.key === 'Converted')
        )
    );
    if (!stages.some((s) => s.key === 'Converted'))
        throw new Error('The definition needs a Converted stage: LeadStatus needs one converted value');
    return {
        files: [
            {
                path: `${LEAD_STATUS_DIR}/package.xml`,
                content: xmlDocument(
                    node(
                        'Package',
                        node('types', leaf('members', 'LeadStatus'), leaf('name', 'StandardValueSet')),
                        leaf('version', API_VERSION)
                    )
                )
            },
            {
                path: `${LEAD_STATUS_DIR}/standardValueSets/LeadStatus.standardValueSet`,
                content: xmlDocument(node('StandardValueSet', leaf('sorted', false), ...values))
            }
        ]
    };
}
