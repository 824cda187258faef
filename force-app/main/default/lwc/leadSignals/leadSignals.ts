/**
 * Intent signals in: how a reported signal or a campaign response moves a Lead's Last_*_At__c field.
 *
 * One pure function, `applySignals`, decides it for a whole batch, and `settleSignals` reports the saves (a refused
 * lead save becomes a `SaveFailed` reject, a refused reject is reported, never dropped). The local preview's integration
 * entry point (preview/server/signals.ts) runs both. The org runs Apex `LeadSignalService` (fed by the platform event
 * LeadGate_Signal__e and by `LeadCampaignResponseHandler`); it reads its messages, time pattern and years from the
 * generated LeadGateDefinition.cls, and both sides are held to one case table, data/signal-cases.json: the node test
 * scripts/checks/signals/signalCases.test.ts runs it here, the Apex test LeadSignalCases_Tests runs it in the org.
 * This module is not deployed (.forceignore): nothing in the org imports it.
 *
 * The rules, in the order they are checked for each event:
 * 1. Which signal: an integration names it in `signalType` (the `id` of one of the definition's intent signals,
 *    compared trimmed and case-insensitively); a campaign response maps its Campaign Name and Type through
 *    `signalIntake.campaignResponses` (name phrases first, then types). Unknown type: rejected. Unmapped campaign:
 *    ignored (most campaigns are not intent signals).
 * 2. When: an ISO 8601 date-time with a zone (`parseSignalTime`), else rejected as malformed; more than
 *    `signalIntake.futureToleranceMinutes` ahead of now: rejected. Kept to the whole second, as a DateTime field stores it.
 * 3. Which lead: by Id when given (a converted lead cannot change: rejected), else by email (every lead with that
 *    email that is not converted), else rejected.
 * 4. Forward only: per lead and field the latest occurrence of the batch wins, and it is written only if it is later
 *    than the stored value. So the order of events within a batch does not matter, a signal older than the stored one
 *    changes nothing, and replaying a batch changes nothing the second time.
 */
import { formulaTrim, instantOf, textOf, type LeadValues } from 'c/leadScoring';
import { SQL_DEFINITION, type IntentSignal, type SqlDefinition } from 'c/sqlDefinition';

/** Why an event was refused: the picklist values of LeadGate_Signal_Reject__c.Reason__c. */
export type SignalRejectReason =
    'MissingLead' | 'UnknownLead' | 'LeadConverted' | 'UnknownSignalType' | 'MalformedTime' | 'FutureTime' | 'SaveFailed';

/**
 * The words of every reject, one template per branch; `{0}`, `{1}` are filled in order with text. LeadGateDefinition.cls
 * carries the same templates (generated), which the Apex fills with String.format: so no apostrophes (String.format
 * reads them as quotes) and no other braces; the generator refuses both.
 */
export const SIGNAL_MESSAGES = {
    missingLead: 'The signal names no lead: give Lead_Id__c or Email__c.',
    unknownLeadId: 'No lead has the Id {0}.',
    unknownLeadEmail: 'No open (unconverted) lead has the email {0}.',
    leadConverted: 'Lead {0} is converted; a converted lead cannot change.',
    blankSignalType: 'Signal_Type__c is blank. Known types: {0}.',
    unknownSignalType: 'Unknown signal type "{0}". Known types: {1}.',
    malformedTime: 'Occurred_At__c "{0}" is not an ISO 8601 date-time with a zone, e.g. 2026-05-04T09:30:00Z.',
    futureTime: 'Occurred_At__c {0} is more than {1} minutes in the future.',
    saveFailed: 'Lead {0} could not be saved: {1}'
} as const;

export type SignalMessage = keyof typeof SIGNAL_MESSAGES;

/** A reject's words: the template with `{n}` replaced by the n-th value. */
export function signalMessage(key: SignalMessage, ...values: string[]): string {
    return SIGNAL_MESSAGES[key].replace(/\{(\d)\}/g, (_all, n: string) => values[Number(n)] ?? '');
}

/** The intent signal ids an integration may send, in the definition's order, as the reject messages list them. */
export function knownSignalTypes(def: SqlDefinition = SQL_DEFINITION): string {
    return def.intent.signals.map((s) => s.id).join(', ');
}

/**
 * What `parseSignalTime` accepts: ISO 8601 with seconds and a zone. The same text is the Apex pattern (generated into
 * LeadGateDefinition.cls); it uses nothing whose meaning differs between JavaScript and Java regular expressions.
 */
export const SIGNAL_TIME_PATTERN = '^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})$';
/** The years a Salesforce DateTime field accepts. */
export const SIGNAL_YEARS = { min: 1700, max: 4000 } as const;

/** A signal reported by an integration: the fields of the platform event LeadGate_Signal__e. */
export interface IntegrationSignal {
    kind?: 'signal';
    /** Lead_Id__c: 15- or 18-character Lead Id. Wins over the email when both are given. */
    leadId?: string | null;
    /** Email__c: used when no Lead Id is given. */
    email?: string | null;
    /** Signal_Type__c: an intent signal id, e.g. `demoRequest`. */
    signalType?: string | null;
    /** Occurred_At__c: ISO 8601 with a zone, e.g. `2026-05-04T09:30:00Z`. */
    occurredAt?: string | null;
    /** Source__c: who sent it (e.g. `website`), kept on rejects. */
    source?: string | null;
    /** External_Id__c: the sender's own id of the occurrence, kept on rejects. */
    externalId?: string | null;
    /** The platform event's replay id (or a caller's reference), kept on rejects. */
    replayId?: string | null;
}

/** The fields of LeadGate_Signal__e, as an integration publishes them. */
export const SIGNAL_EVENT_FIELDS = ['Lead_Id__c', 'Email__c', 'Signal_Type__c', 'Occurred_At__c', 'Source__c', 'External_Id__c'] as const;

function textOrNull(value: unknown): string | null {
    if (value === null || value === undefined) return null;
    return typeof value === 'string' ? value : String(value);
}

/** One published LeadGate_Signal__e (its fields by API name) as applySignals reads it. */
export function signalOfEvent(fields: Readonly<Record<string, unknown>>, replayId: string | null = null): IntegrationSignal {
    return {
        leadId: textOrNull(fields.Lead_Id__c),
        email: textOrNull(fields.Email__c),
        signalType: textOrNull(fields.Signal_Type__c),
        occurredAt: textOrNull(fields.Occurred_At__c),
        source: textOrNull(fields.Source__c),
        externalId: textOrNull(fields.External_Id__c),
        replayId
    };
}

/** A lead became a responded member of a campaign. */
export interface CampaignResponse {
    kind: 'campaignResponse';
    leadId: string;
    campaignType?: string | null;
    campaignName?: string | null;
    /** When the lead responded (see `campaignResponseTime`). */
    respondedAt: string;
}

export type SignalEvent = IntegrationSignal | CampaignResponse;

/** Field values to write on one lead: signal field API name -> ISO date-time (UTC, whole seconds). */
export interface SignalUpdate {
    leadId: string;
    values: Record<string, string>;
}

export interface SignalReject {
    /** Position of the event in the batch. */
    index: number;
    reason: SignalRejectReason;
    /** Plain words for the admin who reads the reject. */
    message: string;
    event: SignalEvent;
}

export interface SignalIgnored {
    index: number;
    /** `notNewer`: the lead already holds this occurrence or a later one; `campaignNotMapped`: the campaign is no intent signal. */
    reason: 'notNewer' | 'campaignNotMapped';
    leadId: string | null;
}

export interface SignalResult {
    /** One entry per lead that changes, in the order the leads were first named in the batch. */
    updates: SignalUpdate[];
    rejects: SignalReject[];
    ignored: SignalIgnored[];
    /** Which event's occurrence each written field took (so a refused save can be reported against those events). */
    written: Array<{ leadId: string; field: string; index: number }>;
}

const MS_PER_MINUTE = 60_000;
const ISO_PATTERN = new RegExp(SIGNAL_TIME_PATTERN);

/**
 * Trimmed as Apex String.trim trims (Java's rule, as the formula TRIM): only characters up to U+0020, so a non-breaking
 * space around a value stays part of it, here as in LeadSignalService. Blank means nothing left after that trim.
 */
const trim = (value: unknown): string => formulaTrim(textOf(value));
const lower = (value: unknown): string => trim(value).toLowerCase();
const isBlank = (value: unknown): boolean => trim(value) === '';

function daysInMonth(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Epoch milliseconds of an ISO 8601 date-time with a zone (`Z` or `+hh:mm`), truncated to the whole second;
 * null for anything else: no zone, impossible dates (`2026-02-30`), years outside 1700-4000, other layouts.
 */
export function parseSignalTime(value: unknown): number | null {
    if (typeof value !== 'string') return null;
    const m = ISO_PATTERN.exec(trim(value));
    if (!m) return null;
    const part = (i: number): number => Number(m[i]);
    const [year, month, day, hour, minute, second] = [part(1), part(2), part(3), part(4), part(5), part(6)];
    if (year < SIGNAL_YEARS.min || year > SIGNAL_YEARS.max || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
        return null;
    if (hour > 23 || minute > 59 || second > 59) return null;
    let offsetMinutes = 0;
    const zone = m[8] ?? 'Z';
    if (zone !== 'Z') {
        const zoneHours = Number(zone.slice(1, 3));
        const zoneMinutes = Number(zone.slice(4, 6));
        if (zoneHours > 23 || zoneMinutes > 59) return null;
        offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * MS_PER_MINUTE;
}

/** The intent signal an integration's `signalType` names, or null. */
export function signalOfType(signalType: unknown, def: SqlDefinition = SQL_DEFINITION): IntentSignal | null {
    const wanted = lower(signalType);
    if (wanted === '') return null;
    return def.intent.signals.find((s) => s.id.toLowerCase() === wanted) ?? null;
}

/** The intent signal a response to this campaign counts as (name phrases first, then types), or null. */
export function campaignSignal(campaignType: unknown, campaignName: unknown, def: SqlDefinition = SQL_DEFINITION): IntentSignal | null {
    const { byNamePhrase, byType } = def.signalIntake.campaignResponses;
    const name = lower(campaignName);
    const type = lower(campaignType);
    const rule =
        byNamePhrase.find((r) => name !== '' && name.includes(r.phrase.trim().toLowerCase())) ??
        byType.find((r) => type !== '' && type === r.type.trim().toLowerCase());
    return rule ? signalOfType(rule.signal, def) : null;
}

/**
 * When a campaign member responded, as a date-time: the platform records only the date (FirstRespondedDate).
 * A response dated before today (UTC) happened on that day: midnight UTC of it (never fresher than the truth, e.g. a
 * back-filled import of last month's attendees). Otherwise, or with no date: `now`, whole seconds.
 */
export function campaignResponseTime(firstRespondedDate: string | null | undefined, now: Date | number = Date.now()): string {
    const nowMs = Math.floor((now instanceof Date ? now.getTime() : now) / 1000) * 1000;
    const today = new Date(nowMs).toISOString().slice(0, 10);
    if (typeof firstRespondedDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(firstRespondedDate) && firstRespondedDate < today) {
        return `${firstRespondedDate}T00:00:00.000Z`;
    }
    return new Date(nowMs).toISOString();
}

/** Every Lead field applySignals reads: callers load exactly these. */
export function signalFieldsRead(def: SqlDefinition = SQL_DEFINITION): string[] {
    return ['Id', 'Email', 'IsConverted', ...def.intent.signals.map((s) => s.field)];
}

/** The Lead Ids and emails a batch names, so a caller loads only those leads (one lookup by Id, one by email). */
export function leadsToLoad(events: readonly SignalEvent[]): { ids: string[]; emails: string[] } {
    const ids = new Set<string>();
    const emails = new Set<string>();
    for (const e of events) {
        if (!isBlank(e.leadId)) ids.add(trim(e.leadId));
        else if (e.kind !== 'campaignResponse' && !isBlank(e.email)) emails.add(lower(e.email));
    }
    return { ids: [...ids], emails: [...emails] };
}

interface LeadIndex {
    byId: Map<string, LeadValues>;
    byEmail: Map<string, LeadValues[]>;
}

function indexLeads(leads: Iterable<LeadValues>): LeadIndex {
    const byId = new Map<string, LeadValues>();
    const byEmail = new Map<string, LeadValues[]>();
    for (const lead of leads) {
        const id = textOf(lead.Id);
        if (id === '') continue;
        byId.set(id, lead);
        if (id.length === 18) byId.set(id.slice(0, 15), lead);
        const email = lower(lead.Email);
        if (email !== '' && lead.IsConverted !== true) {
            const list = byEmail.get(email) ?? [];
            list.push(lead);
            byEmail.set(email, list);
        }
    }
    return { byId, byEmail };
}

type Resolution = { leads: LeadValues[] } | { reason: SignalRejectReason; message: string };

function resolveLeads(event: SignalEvent, index: LeadIndex): Resolution {
    const id = trim(event.leadId);
    if (id !== '') {
        const lead = index.byId.get(id);
        if (!lead) return { reason: 'UnknownLead', message: signalMessage('unknownLeadId', id) };
        if (lead.IsConverted === true) return { reason: 'LeadConverted', message: signalMessage('leadConverted', id) };
        return { leads: [lead] };
    }
    const email = event.kind === 'campaignResponse' ? '' : lower(event.email);
    if (email === '') return { reason: 'MissingLead', message: signalMessage('missingLead') };
    const leads = index.byEmail.get(email) ?? [];
    if (leads.length === 0) return { reason: 'UnknownLead', message: signalMessage('unknownLeadEmail', email) };
    return { leads };
}

/**
 * Applies a batch of signals to the given leads (each with the fields of `signalFieldsRead`). Pure: returns the field
 * values to write, the rejected events with their reasons, and the events that changed nothing.
 */
export function applySignals(
    leads: Iterable<LeadValues>,
    events: readonly SignalEvent[],
    def: SqlDefinition = SQL_DEFINITION,
    now: Date | number = Date.now()
): SignalResult {
    const nowMs = now instanceof Date ? now.getTime() : now;
    const latestAllowed = nowMs + def.signalIntake.futureToleranceMinutes * MS_PER_MINUTE;
    const index = indexLeads(leads);
    const rejects: SignalReject[] = [];
    const ignored: SignalIgnored[] = [];
    // lead Id -> field -> the latest occurrence in the batch and the event that carried it (first one wins a tie).
    const best = new Map<string, Map<string, { ms: number; index: number }>>();
    const contributions: Array<{ index: number; leadId: string; field: string; ms: number }> = [];
    const leadsById = new Map<string, LeadValues>();

    events.forEach((event, i) => {
        const reject = (reason: SignalRejectReason, message: string): void => {
            rejects.push({ index: i, reason, message, event });
        };
        let signal: IntentSignal | null;
        let when: unknown;
        if (event.kind === 'campaignResponse') {
            signal = campaignSignal(event.campaignType, event.campaignName, def);
            if (!signal) {
                ignored.push({ index: i, reason: 'campaignNotMapped', leadId: textOf(event.leadId) || null });
                return;
            }
            when = event.respondedAt;
        } else {
            signal = signalOfType(event.signalType, def);
            if (!signal) {
                const known = knownSignalTypes(def);
                reject(
                    'UnknownSignalType',
                    isBlank(event.signalType)
                        ? signalMessage('blankSignalType', known)
                        : signalMessage('unknownSignalType', trim(event.signalType), known)
                );
                return;
            }
            when = event.occurredAt;
        }
        const parsed = parseSignalTime(when);
        if (parsed === null) {
            reject('MalformedTime', signalMessage('malformedTime', textOf(when)));
            return;
        }
        if (parsed > latestAllowed) {
            reject(
                'FutureTime',
                signalMessage('futureTime', new Date(parsed).toISOString(), String(def.signalIntake.futureToleranceMinutes))
            );
            return;
        }
        const ms = Math.floor(parsed / 1000) * 1000;
        const resolution = resolveLeads(event, index);
        if ('reason' in resolution) {
            reject(resolution.reason, resolution.message);
            return;
        }
        for (const lead of resolution.leads) {
            const leadId = textOf(lead.Id);
            leadsById.set(leadId, lead);
            const fields = best.get(leadId) ?? new Map<string, { ms: number; index: number }>();
            best.set(leadId, fields);
            const current = fields.get(signal.field);
            if (!current || ms > current.ms) fields.set(signal.field, { ms, index: i });
            contributions.push({ index: i, leadId, field: signal.field, ms });
        }
    });

    const updates: SignalUpdate[] = [];
    const writtenBy: SignalResult['written'] = [];
    const written = new Set<string>();
    for (const [leadId, fields] of best) {
        const lead = leadsById.get(leadId) as LeadValues;
        const values: Record<string, string> = {};
        for (const [field, latest] of fields) {
            const stored = instantOf(lead[field]);
            if (stored === null || latest.ms > stored) {
                values[field] = new Date(latest.ms).toISOString();
                written.add(`${latest.index}|${leadId}|${field}`);
                writtenBy.push({ leadId, field, index: latest.index });
            }
        }
        if (Object.keys(values).length > 0) updates.push({ leadId, values });
    }
    for (const c of contributions) {
        if (!written.has(`${c.index}|${c.leadId}|${c.field}`)) ignored.push({ index: c.index, reason: 'notNewer', leadId: c.leadId });
    }
    ignored.sort((a, b) => a.index - b.index);
    return { updates, rejects, ignored, written: writtenBy };
}

/** The leads with the updates applied (a copy of each changed lead), keyed by Id: what the batch leaves behind. */
export function withUpdates(leads: Iterable<LeadValues>, updates: readonly SignalUpdate[]): Map<string, LeadValues> {
    const out = new Map<string, LeadValues>();
    for (const lead of leads) out.set(textOf(lead.Id), lead);
    for (const u of updates) {
        const lead = out.get(u.leadId);
        if (lead) out.set(u.leadId, { ...lead, ...u.values });
    }
    return out;
}

/** What a batch did once saved: what the integration's entry point answers, and what LeadSignalService.Result holds. */
export interface SignalReceipt {
    /** The leads saved, with the fields that moved. */
    updated: SignalUpdate[];
    /** Refused events (and events whose lead refused the save), by position in the batch, then by message. */
    rejects: Array<{ index: number; reason: SignalRejectReason; message: string }>;
    ignored: SignalIgnored[];
    /** Rejects the reject store refused to record, with its words: reported here, never dropped. */
    unrecorded: Array<{ index: number; reason: SignalRejectReason; error: string }>;
}

/**
 * The saves after `applySignals`, as LeadSignalService makes them: each lead is saved on its own (one refusal never
 * stops the others); a lead that refuses its save turns every event whose occurrence it carried into a `SaveFailed`
 * reject; then every reject is recorded, and one the store refuses lands in `unrecorded` with the store's words.
 * @param saveLead saves one lead's update: null when saved, otherwise why not
 * @param recordReject records one reject: null when recorded, otherwise why not
 */
export function settleSignals(
    events: readonly SignalEvent[],
    result: SignalResult,
    saveLead: (update: SignalUpdate) => string | null,
    recordReject: (reject: SignalReject) => string | null
): SignalReceipt {
    const receipt: SignalReceipt = { updated: [], rejects: [], ignored: result.ignored, unrecorded: [] };
    const rejects = [...result.rejects];
    for (const update of result.updates) {
        const refused = saveLead(update);
        if (refused === null) {
            receipt.updated.push(update);
            continue;
        }
        const message = signalMessage('saveFailed', update.leadId, refused);
        for (const w of result.written) {
            const event = events[w.index];
            if (w.leadId === update.leadId && event) rejects.push({ index: w.index, reason: 'SaveFailed', message, event });
        }
    }
    rejects.sort((a, b) => a.index - b.index || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    for (const reject of rejects) {
        receipt.rejects.push({ index: reject.index, reason: reject.reason, message: reject.message });
        const error = recordReject(reject);
        if (error !== null) receipt.unrecorded.push({ index: reject.index, reason: reject.reason, error });
    }
    return receipt;
}
