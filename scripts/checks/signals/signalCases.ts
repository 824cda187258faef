/**
 * The signal case table (data/signal-cases.json): its shape, and a runner that plays each case against the TypeScript
 * side of the signal intake (c/leadSignals: applySignals, then settleSignals), with the leads in memory.
 * LeadSignalCases_Tests plays the same file in the org against LeadSignalService (see docs/DECISIONS.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
    applySignals,
    campaignResponseTime,
    campaignSignal,
    settleSignals,
    signalOfEvent,
    withUpdates,
    type SignalEvent,
    type SignalReceipt,
    type SignalResult
} from 'c/leadSignals';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

export const SIGNAL_CASES_PATH = 'data/signal-cases.json';

export interface CaseLead {
    key: string;
    Email?: string;
    IsConverted?: boolean;
    /** Created, then deleted before the case runs: its Id names no lead. */
    deleted?: boolean;
    /** Stored signal fields: field API name -> ISO date-time. */
    [field: string]: unknown;
}

export interface CaseBatch {
    events: Array<Record<string, string>>;
    /** Saves the org refuses, with its words: leads by key, rejects by the position of their event. */
    refuse?: { leads?: Record<string, string>; rejects?: Record<string, string> };
    expect: {
        updated: Record<string, Record<string, string>>;
        rejects: Array<[number, string, string]>;
        ignored: Array<[number, string]>;
        unrecorded: Array<[number, string, string]>;
    };
}

export interface SignalCase {
    name: string;
    branch: string;
    leads: CaseLead[];
    batches: CaseBatch[];
}

/** A campaign response: which signal field it moves (null: none) and from when. */
export interface CampaignCase {
    name: string;
    campaignType: string | null;
    campaignName: string | null;
    firstRespondedDate: string | null;
    now: string;
    expect: { field: string | null; occurredAt: string };
}

export interface SignalCaseTable {
    about: string[];
    now: string;
    cases: SignalCase[];
    campaignResponses: CampaignCase[];
}

export function readSignalCases(root: string): SignalCaseTable {
    return JSON.parse(readFileSync(join(root, SIGNAL_CASES_PATH), 'utf8')) as SignalCaseTable;
}

/** The 18-character Id a case lead gets here (the org assigns real ones): a Lead key prefix and the lead's position. */
export function fakeLeadId(position: number): string {
    return `00Q${String(position + 1).padStart(12, '0')}AAA`;
}

/** Replaces `{lead:key}` / `{lead15:key}` with the lead's 18- / 15-character Id. */
export function withIds(text: string, ids: ReadonlyMap<string, string>): string {
    return text.replace(/\{lead(15)?:([\w-]+)\}/g, (all, short: string | undefined, key: string) => {
        const id = ids.get(key);
        if (!id) throw new Error(`${all} names no lead of the case`);
        return short ? id.slice(0, 15) : id;
    });
}

/** Ways the runner plays a batch: the real modules by default; tests plant faults through these. */
export interface SignalSide {
    apply: (leads: Iterable<Record<string, unknown>>, events: readonly SignalEvent[], def: SqlDefinition, now: number) => SignalResult;
    settle: typeof settleSignals;
}

export const TYPESCRIPT_SIDE: SignalSide = { apply: applySignals, settle: settleSignals };

const iso = (value: unknown): string => new Date(Date.parse(String(value))).toISOString();

/** Plays one case; returns every difference from what the table expects (empty when the case holds). */
export function runSignalCase(
    table: Pick<SignalCaseTable, 'now'>,
    c: SignalCase,
    side: SignalSide = TYPESCRIPT_SIDE,
    def: SqlDefinition = SQL_DEFINITION
): string[] {
    const problems: string[] = [];
    const ids = new Map(c.leads.map((l, i) => [l.key, fakeLeadId(i)]));
    const keyOf = new Map([...ids].map(([k, id]) => [id, k]));
    let leads = new Map<string, Record<string, unknown>>();
    for (const l of c.leads) {
        if (l.deleted) continue;
        const id = ids.get(l.key) as string;
        const lead: Record<string, unknown> = { Id: id, Email: null, IsConverted: false };
        for (const s of def.intent.signals) lead[s.field] = null;
        for (const [field, value] of Object.entries(l)) if (field !== 'key') lead[field] = value;
        leads.set(id, lead);
    }
    const expected = new Map([...leads].map(([id, l]) => [id, { ...l }]));
    const now = Date.parse(table.now);
    c.batches.forEach((batch, b) => {
        const where = `batch ${b + 1}`;
        const events = batch.events.map((fields, i) =>
            signalOfEvent(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, withIds(v, ids)])), String(i))
        );
        const refusedLeads = batch.refuse?.leads ?? {};
        const refusedRejects = batch.refuse?.rejects ?? {};
        const result = side.apply(leads.values(), events, def, now);
        const receipt: SignalReceipt = side.settle(
            events,
            result,
            (u) => refusedLeads[keyOf.get(u.leadId) ?? ''] ?? null,
            (r) => refusedRejects[String(r.index)] ?? null
        );
        leads = withUpdates(leads.values(), receipt.updated);

        const updated = Object.fromEntries(
            receipt.updated.map((u) => [
                keyOf.get(u.leadId) ?? u.leadId,
                Object.fromEntries(Object.entries(u.values).map(([f, v]) => [f, iso(v)]))
            ])
        );
        const compare = (what: string, actual: unknown, wanted: unknown): void => {
            const [a, w] = [JSON.stringify(actual), JSON.stringify(wanted)];
            if (a !== w) problems.push(`${where} ${what}: got ${a}, the table expects ${w}`);
        };
        const sortedObject = (o: Record<string, Record<string, string>>): string =>
            JSON.stringify(
                Object.keys(o)
                    .sort()
                    .map((k) => [k, Object.entries(o[k] ?? {}).sort()])
            );
        if (sortedObject(updated) !== sortedObject(batch.expect.updated))
            problems.push(`${where} updated: got ${JSON.stringify(updated)}, the table expects ${JSON.stringify(batch.expect.updated)}`);
        compare(
            'rejects',
            receipt.rejects.map((r) => [r.index, r.reason, r.message]),
            batch.expect.rejects.map(([i, reason, message]) => [i, reason, withIds(message, ids)])
        );
        compare(
            'ignored',
            receipt.ignored.map((x) => [x.index, keyOf.get(x.leadId ?? '') ?? x.leadId]),
            batch.expect.ignored
        );
        compare(
            'unrecorded',
            receipt.unrecorded.map((u) => [u.index, u.reason, u.error]),
            batch.expect.unrecorded
        );
        for (const [key, values] of Object.entries(batch.expect.updated)) {
            const lead = expected.get(ids.get(key) ?? '');
            if (lead) Object.assign(lead, values);
        }
    });
    for (const [id, lead] of expected) {
        for (const s of def.intent.signals) {
            const [got, wanted] = [leads.get(id)?.[s.field] ?? null, lead[s.field] ?? null];
            if ((got === null ? null : iso(got)) !== (wanted === null ? null : iso(wanted)))
                problems.push(`stored ${keyOf.get(id)}.${s.field}: ${String(got)}, expected ${String(wanted)}`);
        }
    }
    return problems;
}

/** Plays one campaign-response case against campaignSignal and campaignResponseTime; returns the differences. */
export function runCampaignCase(c: CampaignCase, def: SqlDefinition = SQL_DEFINITION): string[] {
    const field = campaignSignal(c.campaignType, c.campaignName, def)?.field ?? null;
    const occurredAt = campaignResponseTime(c.firstRespondedDate, Date.parse(c.now));
    const problems: string[] = [];
    if (field !== c.expect.field) problems.push(`field: got ${String(field)}, the table expects ${String(c.expect.field)}`);
    if (occurredAt !== c.expect.occurredAt) problems.push(`occurredAt: got ${occurredAt}, the table expects ${c.expect.occurredAt}`);
    return problems;
}
