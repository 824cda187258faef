/**
 * The emulated UI API list endpoint (GET /ui-api/list-ui/<object>/<listView>): the generated list views
 * (scripts/admin/generate/listViews.ts, from the same definition) applied to the emulated store: scope "Mine" is the
 * signed-in user's leads, `equals` filters compare the field (THIS_WEEK: the current ISO week, Monday first, UTC;
 * LAST_N_DAYS:n: today and the n days before, UTC days). Each Lead is read through the store's getRecord, so
 * field-level security applies as on the platform; evidence reviews (a Private object) list the rows the user owns,
 * or every row with View All, with the fields the user may read.
 */
import { EVIDENCE_REVIEW_OBJECT, SQL_DEFINITION } from 'c/sqlDefinition';
import { leadListViews } from '../../scripts/admin/generate/listViews.ts';
import type { ApiResult, LeadStore } from './leadStore.ts';
import { errorList } from './representation.ts';
import { representation } from './reviews.ts';
import type { Values } from './seed.ts';

const FIELD_OF: Record<string, string> = { 'LEAD.STATUS': 'Status', CREATED_DATE: 'CreatedDate' };
const DAY = 86_400_000;

/** Whether an ISO date-time falls in LAST_N_DAYS:n at `now` (from the start of the UTC day n days ago to now's day end). */
function inLastDays(value: unknown, days: number, now: Date): boolean {
    const at = typeof value === 'string' ? Date.parse(value) : NaN;
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return Number.isFinite(at) && at >= today - days * DAY && at < today + DAY;
}
const MAX_PAGE = 2000;

function weekOf(ms: number): number {
    const d = new Date(ms);
    const day = (d.getUTCDay() + 6) % 7;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

export function listUi(
    store: LeadStore,
    userId: string,
    objectApiName: string,
    listViewApiName: string,
    query: URLSearchParams,
    now: Date
): ApiResult {
    if (objectApiName !== 'Lead' && objectApiName !== EVIDENCE_REVIEW_OBJECT)
        return {
            status: 404,
            body: errorList(
                'NOT_FOUND',
                `The preview emulates Lead and evidence review list views only, not ${objectApiName.slice(0, 40)}.`
            )
        };
    const view = leadListViews(SQL_DEFINITION).find((v) => v.name === listViewApiName && (v.object ?? 'Lead') === objectApiName);
    if (!view)
        return {
            status: 404,
            body: errorList('NOT_FOUND', `There is no ${objectApiName} list view ${listViewApiName.slice(0, 80)}; run npm run generate.`)
        };
    const pageSize = Math.min(MAX_PAGE, Math.max(1, Number(query.get('pageSize') ?? 50) || 50));
    const optionalFields = (query.get('optionalFields') ?? '').split(',').filter(Boolean);
    const holds = (lead: Values): boolean =>
        (view.scope !== 'Mine' || lead.OwnerId === userId) &&
        view.filters.every((f) => {
            const value = lead[FIELD_OF[f.field] ?? f.field];
            if (f.value === 'THIS_WEEK') return typeof value === 'string' && weekOf(Date.parse(value)) === weekOf(now.getTime());
            const lastDays = /^LAST_N_DAYS:(\d+)$/.exec(f.value);
            if (lastDays) return inLastDays(value, Number(lastDays[1]), now);
            return value === f.value;
        });
    if (objectApiName === EVIDENCE_REVIEW_OBJECT) {
        const object = store.accessOf(userId)?.object(EVIDENCE_REVIEW_OBJECT);
        if (!object?.read) return { status: 403, body: errorList('INSUFFICIENT_ACCESS', 'You cannot read evidence reviews.') };
        const fields = optionalFields.map((f) =>
            f.startsWith(`${EVIDENCE_REVIEW_OBJECT}.`) ? f.slice(EVIDENCE_REVIEW_OBJECT.length + 1) : f
        );
        const rows = store
            .records(EVIDENCE_REVIEW_OBJECT)
            .filter((r) => (r.OwnerId === userId || object.viewAll) && holds(r))
            .slice(0, pageSize)
            .map((r) => representation(store, r, fields, userId));
        return {
            status: 200,
            body: {
                info: { label: view.label, listReference: { listViewApiName: view.name, objectApiName } },
                records: { records: rows, count: rows.length, pageSize }
            }
        };
    }
    const records: unknown[] = [];
    for (const lead of store.allLeads()) {
        if (records.length >= pageSize) break;
        if (!holds(lead)) continue;
        const read = store.getRecord(userId, String(lead.Id), { optionalFields: ['Lead.Name', ...optionalFields] });
        if (read.status === 200) records.push(read.body);
        else if (read.status !== 404) return read;
    }
    return {
        status: 200,
        body: {
            info: { label: view.label, listReference: { listViewApiName: view.name, objectApiName } },
            records: { records, count: records.length, pageSize }
        }
    };
}
