/**
 * The emulated UI API list endpoint (GET /ui-api/list-ui/Lead/<listView>): the generated Lead list views
 * (scripts/admin/generate/listViews.ts, from the same definition) applied to the emulated store: scope "Mine" is the
 * signed-in user's leads, `equals` filters compare the field (THIS_WEEK: the current ISO week, Monday first, UTC).
 * Each record is read through the store's getRecord, so field-level security applies as on the platform.
 */
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { leadListViews } from '../../scripts/admin/generate/listViews.ts';
import type { ApiResult, LeadStore } from './leadStore.ts';
import { errorList } from './representation.ts';
import type { Values } from './seed.ts';

const FIELD_OF: Record<string, string> = { 'LEAD.STATUS': 'Status' };
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
    if (objectApiName !== 'Lead')
        return {
            status: 404,
            body: errorList('NOT_FOUND', `The preview emulates Lead list views only, not ${objectApiName.slice(0, 40)}.`)
        };
    const view = leadListViews(SQL_DEFINITION).find((v) => v.name === listViewApiName);
    if (!view)
        return {
            status: 404,
            body: errorList('NOT_FOUND', `There is no Lead list view ${listViewApiName.slice(0, 80)}; run npm run generate.`)
        };
    const pageSize = Math.min(MAX_PAGE, Math.max(1, Number(query.get('pageSize') ?? 50) || 50));
    const optionalFields = (query.get('optionalFields') ?? '').split(',').filter(Boolean);
    const holds = (lead: Values): boolean =>
        (view.scope !== 'Mine' || lead.OwnerId === userId) &&
        view.filters.every((f) => {
            const value = lead[FIELD_OF[f.field] ?? f.field];
            if (f.value === 'THIS_WEEK') return typeof value === 'string' && weekOf(Date.parse(value)) === weekOf(now.getTime());
            return value === f.value;
        });
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
