/**
 * The preview's record detail panel: the Lead's fields in sections, as a page layout shows them.
 * The sections come from the SQL definition (its stage stamps, criteria and intent signals), so the
 * panel follows the definition; fields the current user cannot read are absent from the object info
 * and so are not shown, which is how permission sets change what each preview user sees. The criteria shown are
 * those of the lead's framework only (none before one is chosen).
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { SQL_DEFINITION, FIELDS, statusField, evidenceField } from 'c/sqlDefinition';
import { helpName } from 'c/leadGateUi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import type { ObjectInfo } from 'lightning/uiObjectInfoApi';

interface WireResult<T> {
    data?: T;
    error?: unknown;
}

const unique = (list: string[]): string[] => [...new Set(list)];

/** Each framework's criterion fields (status and evidence), by framework key. */
const CRITERION_FIELDS = new Map(
    SQL_DEFINITION.frameworks.map((f) => [f.key as string, f.criteria.flatMap((c) => [statusField(c), evidenceField(c)])])
);
const ANY_CRITERION_FIELD = new Set([...CRITERION_FIELDS.values()].flat());

/** Whether the details show `field` for a lead of `framework`: a criterion field only under its own framework. */
export function shownForFramework(field: string, framework: unknown): boolean {
    return !ANY_CRITERION_FIELD.has(field) || Boolean(CRITERION_FIELDS.get(String(framework))?.includes(field));
}

export const SECTIONS: Array<{ title: string; fields: string[] }> = [
    {
        title: 'Lead Information',
        fields: [
            'Name',
            'Title',
            'Company',
            'Email',
            'Phone',
            'Website',
            'Industry',
            'NumberOfEmployees',
            'AnnualRevenue',
            'Country',
            'LeadSource',
            'Status',
            'OwnerId'
        ]
    },
    {
        title: 'Scores',
        fields: [FIELDS.fitScore, FIELDS.intentScore, FIELDS.meetsBar, FIELDS.qualificationComplete]
    },
    {
        title: 'Qualification',
        fields: unique([
            FIELDS.framework,
            ...SQL_DEFINITION.frameworks.flatMap((f) => f.criteria.flatMap((c) => [statusField(c), evidenceField(c)])),
            FIELDS.rejectionReason,
            FIELDS.rejectionNotes
        ])
    },
    {
        title: 'Funnel and Speed to Lead',
        fields: unique([
            ...SQL_DEFINITION.stages.flatMap((s) => (s.stampField ? [s.stampField] : [])),
            FIELDS.sqlQualifiedBy,
            FIELDS.firstActionAt,
            FIELDS.minutesToFirstAction
        ])
    },
    {
        title: 'Intent Signals',
        fields: SQL_DEFINITION.intent.signals.map((s) => s.field)
    },
    { title: 'System Information', fields: ['CreatedDate', 'LastModifiedDate'] }
];

/** Lookups show the related record's name, read through the relationship (OwnerId -> Owner.Name). */
const relationshipOf = (field: string): string | null =>
    field === 'OwnerId' ? 'Owner' : field.endsWith('__c') ? `${field.slice(0, -3)}__r` : null;
const LOOKUP_NAMES = ['OwnerId', FIELDS.sqlQualifiedBy].map((f) => `Lead.${relationshipOf(f)}.Name`);
const ALL_FIELDS = [...SECTIONS.flatMap((s) => s.fields.map((f) => `Lead.${f}`)), ...LOOKUP_NAMES];

export default class RecordDetails extends LightningElement {
    @api recordId: string | undefined;
    @api objectApiName = 'Lead';

    @wire(getRecord, { recordId: '$recordId', optionalFields: ALL_FIELDS })
    record: WireResult<RecordRepresentation> = {};

    @wire(getObjectInfo, { objectApiName: '$objectApiName' })
    objectInfo: WireResult<ObjectInfo> = {};

    get loaded(): boolean {
        return Boolean(this.record.data && this.objectInfo.data);
    }

    get sections() {
        const info = this.objectInfo.data;
        const record = this.record.data;
        if (!info || !record) return [];
        // Only the lead's own framework's criteria (BANT or MEDDIC), as a layout with field visibility rules shows them.
        const framework = record.fields[FIELDS.framework]?.value;
        return SECTIONS.map((section) => ({
            title: section.title,
            fields: section.fields
                .filter((name) => info.fields[name] && record.fields[name] && shownForFramework(name, framework))
                .map((name) => {
                    const field = info.fields[name]!;
                    const value = record.fields[name]!;
                    const type = field.dataType;
                    const raw = value.value;
                    const blank = raw === null || raw === undefined || raw === '';
                    const relationship = type === 'Reference' ? relationshipOf(name) : null;
                    const related = relationship ? record.fields[relationship]?.displayValue : null;
                    return {
                        name,
                        label: field.label,
                        help: field.inlineHelpText,
                        helpName: helpName(field.label),
                        text: blank ? '' : String(related ?? value.displayValue ?? raw),
                        raw,
                        isDateTime: !blank && type === 'DateTime',
                        isCheckbox: type === 'Boolean',
                        checked: raw === true,
                        isPlain: !blank && type !== 'DateTime' && type !== 'Boolean'
                    };
                })
        })).filter((section) => section.fields.length > 0);
    }
}
