/**
 * Lead list views for the SDR's day, generated from the definition's stage statuses:
 * "My MQLs awaiting action" and "My SALs" (owner = me) back the c/sdrQueue component through the UI API list
 * endpoint; "SQLs this week" and "Rejected this week" are for managers. Filters use the stage Status values and
 * stamp fields of the definition, so a renamed status follows on the next `npm run generate`.
 * A ListView has no description, so these files carry no generated marker: they are listed here instead.
 */
import {
    EVIDENCE_REVIEW_FIELDS,
    EVIDENCE_REVIEW_OBJECT,
    FIELDS,
    QUEUE_LIST_VIEWS,
    REVIEW_LIST_VIEWS,
    reviewBacklogFilter,
    type SqlDefinition,
    type StageKey
} from 'c/sqlDefinition';
import type { GeneratedFile } from './types.ts';
import { leaf, node, xmlDocument } from './xml.ts';

export const LEAD_LIST_VIEWS_DIR = 'force-app/main/default/objects/Lead/listViews';

export interface LeadListView {
    /** The object the list view belongs to; Lead when absent. */
    object?: string;
    name: string;
    label: string;
    scope: 'Mine' | 'Everything';
    filters: Array<{ field: string; operation: 'equals'; value: string }>;
    columns: string[];
}

const status = (def: SqlDefinition, key: StageKey): string => {
    const stage = def.stages.find((s) => s.key === key);
    if (!stage) throw new Error(`list views: the definition has no stage ${key}`);
    return stage.status;
};

export function leadListViews(def: SqlDefinition): LeadListView[] {
    const base = ['FULL_NAME', 'LEAD.COMPANY', FIELDS.fitScore, FIELDS.intentScore];
    return [
        {
            name: QUEUE_LIST_VIEWS.mqls,
            label: 'My MQLs awaiting action',
            scope: 'Mine',
            filters: [{ field: 'LEAD.STATUS', operation: 'equals', value: status(def, 'MQL') }],
            columns: [...base, FIELDS.mqlAt]
        },
        {
            name: QUEUE_LIST_VIEWS.sals,
            label: 'My SALs',
            scope: 'Mine',
            filters: [{ field: 'LEAD.STATUS', operation: 'equals', value: status(def, 'SAL') }],
            columns: [...base, FIELDS.acceptedAt]
        },
        {
            name: 'LeadGate_SQLs_This_Week',
            label: 'SQLs this week',
            scope: 'Everything',
            filters: [{ field: FIELDS.sqlAt, operation: 'equals', value: 'THIS_WEEK' }],
            columns: [...base, FIELDS.sqlAt, 'CORE.USERS.ALIAS']
        },
        {
            name: REVIEW_LIST_VIEWS.backlog,
            label: 'SQLs awaiting evidence review',
            scope: 'Everything',
            filters: [{ field: FIELDS.sqlAt, operation: 'equals', value: reviewBacklogFilter(def) }],
            columns: [...base, FIELDS.sqlAt, 'CORE.USERS.ALIAS']
        },
        {
            object: EVIDENCE_REVIEW_OBJECT,
            name: REVIEW_LIST_VIEWS.reviews,
            label: 'Recent evidence reviews',
            scope: 'Everything',
            // A review is written after its SQL qualified: the reviews of the backlog's SQLs all fall in the same days.
            filters: [{ field: 'CREATED_DATE', operation: 'equals', value: reviewBacklogFilter(def) }],
            columns: ['NAME', EVIDENCE_REVIEW_FIELDS.lead, EVIDENCE_REVIEW_FIELDS.outcome, 'CREATED_DATE']
        },
        {
            name: 'LeadGate_Rejected_This_Week',
            label: 'Rejected this week',
            scope: 'Everything',
            filters: [{ field: FIELDS.rejectedAt, operation: 'equals', value: 'THIS_WEEK' }],
            columns: ['FULL_NAME', 'LEAD.COMPANY', FIELDS.rejectionReason, FIELDS.rejectedAt, 'CORE.USERS.ALIAS']
        }
    ];
}

export function generateListViews(def: SqlDefinition): { files: GeneratedFile[] } {
    return {
        files: leadListViews(def).map((v) => ({
            path: v.object
                ? `force-app/main/default/objects/${v.object}/listViews/${v.name}.listView-meta.xml`
                : `${LEAD_LIST_VIEWS_DIR}/${v.name}.listView-meta.xml`,
            content: xmlDocument(
                node(
                    'ListView',
                    leaf('fullName', v.name),
                    ...v.columns.map((c) => leaf('columns', c)),
                    leaf('filterScope', v.scope),
                    ...v.filters.map((f) =>
                        node('filters', leaf('field', f.field), leaf('operation', f.operation), leaf('value', f.value))
                    ),
                    leaf('label', v.label)
                )
            )
        }))
    };
}
