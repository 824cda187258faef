/**
 * The org's Lead automation after a save, offline: every generated after-save Lead flow's immediate path for each
 * saved record, and their scheduled paths queued by due time and run by `runDue(now)`. Used by the alert tests and
 * available to the local preview (the bell shows `SentNotification`s produced here).
 *
 * Scheduled paths follow the platform: a path is queued when a save starts the flow (entry conditions met, and
 * with "only when a record is updated to meet the conditions" not met before); it is dropped when a later save
 * makes the record stop meeting them; it runs once, with the record as it is when it runs.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LeadMetadata } from '../formula/harness.ts';
import { PROJECT_ROOT } from '../formula/metadata.ts';
import {
    loadFlow,
    meetsEntry,
    runImmediate,
    runScheduledPath,
    triggers,
    type OrgData,
    type ParsedFlow,
    type RecordUpdate,
    type RecordValues,
    type ScheduledPath,
    type SentNotification
} from './interpreter.ts';

export const FLOWS_DIR = join(PROJECT_ROOT, 'force-app', 'main', 'default', 'flows');

/** The project's Lead flows of one trigger type, by file name (the order the platform runs flows without a trigger order). */
function loadLeadFlows(dir: string, triggerType: 'RecordBeforeSave' | 'RecordAfterSave'): ParsedFlow[] {
    return readdirSync(dir)
        .filter((f) => f.endsWith('.flow-meta.xml'))
        .sort()
        .map((f) => loadFlow(join(dir, f)))
        .filter((f) => f.object === 'Lead' && f.triggerType === triggerType);
}

/** The project's after-save Lead flows (before-save flows are run by scripts/interpreters/formula/save.ts). */
export function loadAfterSaveLeadFlows(dir = FLOWS_DIR): ParsedFlow[] {
    return loadLeadFlows(dir, 'RecordAfterSave');
}

/** The project's before-save Lead flows (the stage stamps, the fit and qualification stamps). */
export function loadBeforeSaveLeadFlows(dir = FLOWS_DIR): ParsedFlow[] {
    return loadLeadFlows(dir, 'RecordBeforeSave');
}

export interface SavingUser {
    id: string;
    permissions: ReadonlySet<string>;
}

export interface BatchStats {
    interviews: number;
    /** The most elements one interview executed. */
    maxElementsPerInterview: number;
    /** SOQL queries: the platform bulkifies one lookup element across the interviews of a batch, so one per element. */
    queries: number;
    notifications: number;
    /** DML statements: the platform bulkifies one Update Records element across a batch, so one per element. */
    dml: number;
    /** Rows the flows updated; the caller saves them again (see saveWithAutomation). */
    updates: RecordUpdate[];
}

interface Pending {
    flow: ParsedFlow;
    path: ScheduledPath;
    recordId: string;
    dueAt: number;
}

export class LeadFlowRuntime {
    private pending: Pending[] = [];
    readonly outbox: SentNotification[] = [];

    constructor(
        readonly flows: ParsedFlow[],
        readonly org: OrgData,
        readonly meta: LeadMetadata
    ) {}

    /** Runs after one save of up to 200 records (a trigger batch): immediate paths, then queues scheduled paths. */
    afterSave(saves: ReadonlyArray<{ record: RecordValues; prior: RecordValues | null }>, user: SavingUser, now: Date): BatchStats {
        if (saves.length > 200) throw new Error(`A trigger batch holds at most 200 records; split these ${saves.length} saves.`);
        const stats: BatchStats = { interviews: 0, maxElementsPerInterview: 0, queries: 0, notifications: 0, dml: 0, updates: [] };
        const lookupElements = new Set<string>();
        const dmlElements = new Set<string>();
        for (const flow of this.flows) {
            for (const { record, prior } of saves) {
                const id = String(record.Id ?? '');
                if (!id) throw new Error('A saved record needs its Id before after-save flows run.');
                if (flow.scheduledPaths.length > 0) {
                    if (!meetsEntry(flow, record)) this.pending = this.pending.filter((p) => !(p.flow === flow && p.recordId === id));
                    else if (triggers(flow, record, prior)) {
                        for (const path of flow.scheduledPaths) {
                            const base = Date.parse(String(record[path.field] ?? ''));
                            if (Number.isNaN(base)) continue; // the platform skips a path whose time field is blank
                            this.pending = this.pending.filter((p) => !(p.flow === flow && p.path === path && p.recordId === id));
                            this.pending.push({ flow, path, recordId: id, dueAt: base + path.offsetMinutes * 60_000 });
                        }
                    }
                }
                const result = runImmediate(flow, {
                    record,
                    prior,
                    now,
                    permissions: user.permissions,
                    userId: user.id,
                    org: this.org,
                    meta: this.meta
                });
                if (result.elements > 0) stats.interviews++;
                stats.maxElementsPerInterview = Math.max(stats.maxElementsPerInterview, result.elements);
                for (const l of result.lookups) lookupElements.add(`${flow.name}.${l}`);
                for (const d of result.dmlElements) dmlElements.add(`${flow.name}.${d}`);
                stats.updates.push(...result.updates);
                stats.notifications += result.sent.length;
                this.outbox.push(...result.sent);
            }
        }
        stats.queries = lookupElements.size;
        stats.dml = dmlElements.size;
        return stats;
    }

    /** Scheduled paths waiting to run, by record Id (for tests and the preview). */
    pendingFor(recordId: string): Array<{ flow: string; path: string; dueAt: string }> {
        return this.pending
            .filter((p) => p.recordId === recordId)
            .map((p) => ({ flow: p.flow.name, path: p.path.name, dueAt: new Date(p.dueAt).toISOString() }));
    }

    /** Runs every scheduled path due at `now`, once, against the record as it is now (`current`). */
    runDue(now: Date, current: (recordId: string) => RecordValues | null): SentNotification[] {
        const due = this.pending.filter((p) => p.dueAt <= now.getTime());
        this.pending = this.pending.filter((p) => p.dueAt > now.getTime());
        const sent: SentNotification[] = [];
        for (const p of due) {
            const record = current(p.recordId);
            if (!record) continue; // deleted or converted away: the platform drops the path
            // Scheduled paths run as the Automated Process user: no custom permissions.
            const result = runScheduledPath(p.flow, p.path, {
                record,
                now,
                permissions: new Set(),
                userId: '',
                org: this.org,
                meta: this.meta
            });
            sent.push(...result.sent);
        }
        this.outbox.push(...sent);
        return sent;
    }
}

/** The platform's cap on nested saves in one transaction ("maximum trigger depth exceeded"). */
export const MAX_SAVE_DEPTH = 16;

export interface CascadeStats {
    /** Each round of after-save flows: the user's save first, then each save of the rows the flows updated. */
    rounds: BatchStats[];
    notifications: number;
    dml: number;
}

/**
 * One save and what it sets off, as the platform runs it: the after-save flows for the saved records; when they
 * update records (Update Records on the triggering record), those rows are saved again with the object's automation
 * (`resave`: before-save flow, validation rules, write; it returns the saved records and their prior values) and the
 * after-save flows run again for them, until no flow updates anything. More than MAX_SAVE_DEPTH nested saves fail
 * the transaction, as in the org.
 */
export function saveWithAutomation(
    runtime: LeadFlowRuntime,
    saves: ReadonlyArray<{ record: RecordValues; prior: RecordValues | null }>,
    user: SavingUser,
    now: Date,
    resave: (updates: RecordUpdate[]) => Array<{ record: RecordValues; prior: RecordValues | null }>
): CascadeStats {
    const rounds = [runtime.afterSave(saves, user, now)];
    for (let last = rounds[0]; last && last.updates.length > 0; last = rounds[rounds.length - 1]) {
        if (rounds.length >= MAX_SAVE_DEPTH)
            throw new Error(
                `Maximum save depth (${MAX_SAVE_DEPTH}) exceeded: a flow keeps updating the records it is triggered by (${last.updates.map((u) => u.id).join(', ')}).`
            );
        rounds.push(runtime.afterSave(resave(last.updates), user, now));
    }
    return {
        rounds,
        notifications: rounds.reduce((n, r) => n + r.notifications, 0),
        dml: rounds.reduce((n, r) => n + r.dml, 0)
    };
}
