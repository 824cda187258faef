/**
 * The preview's integration entry point for intent signals: what publishing LeadGate_Signal__e does in an org
 * (LeadGateSignalTrigger -> LeadSignalService), emulated over the preview's leads with the same rules,
 * `applySignals` from c/leadSignals.
 *
 *   POST /preview/signals   body: one event or a list of up to 2,000, each with the platform event's fields
 *                           { Lead_Id__c | Email__c, Signal_Type__c, Occurred_At__c, Source__c?, External_Id__c? }
 *                           answer: { updated: [{ leadId, values }], rejects: [{ index, reason, message, errorCode? }],
 *                                     ignored: [...], unrecorded: [] } (settleSignals in c/leadSignals)
 *
 * Publishing needs create on LeadGate_Signal__e (the LeadGate_Integration permission set): the caller must hold it,
 * as the integration user does. Each lead that moves is saved through the store's own save pipeline as that user
 * (field-level security, the before-save flow's stamps, validation rules), so the record page's wires see it like any
 * other save. A save the store refuses becomes a `SaveFailed` reject (settleSignals), as in LeadSignalService.
 *
 * Also here: the small "Send signal" form the record page shell shows under the components (never deployed).
 */
import { readFileSync } from 'node:fs';
import {
    applySignals,
    settleSignals,
    signalOfEvent,
    SIGNAL_EVENT_FIELDS,
    type IntegrationSignal,
    type SignalReceipt as Settled
} from 'c/leadSignals';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import type { ApiResult, LeadStore } from './leadStore.ts';
import { escapeHtml } from './pages.ts';
import type { PreviewUser } from './permissions.ts';

export const SIGNAL_EVENT = 'LeadGate_Signal__e';
const MAX_EVENTS = 2000;

const error = (status: number, errorCode: string, message: string): ApiResult => ({ status, body: [{ errorCode, message }] });

/** What the entry point answers: c/leadSignals' receipt, with the platform's code on an event it refused to publish. */
export interface SignalReceipt extends Omit<Settled, 'rejects'> {
    /** `errorCode` when the platform refused to publish the event itself. */
    rejects: Array<{
        index: number;
        reason: Settled['rejects'][number]['reason'] | typeof NOT_PUBLISHED;
        message: string;
        errorCode?: string;
    }>;
}

/** The reject reason of an event the platform refuses to publish (bad shape or field values), before any LeadGate rule. */
export const NOT_PUBLISHED = 'NotPublished';

/** Each event field's length, from its field XML in force-app (the one definition of the platform event). */
const EVENT_FIELD_LENGTHS: ReadonlyMap<string, number> = new Map(
    SIGNAL_EVENT_FIELDS.map((name) => {
        const file = new URL(`../../force-app/main/default/objects/${SIGNAL_EVENT}/fields/${name}.field-meta.xml`, import.meta.url);
        const length = /<length>(\d+)<\/length>/.exec(readFileSync(file, 'utf8'))?.[1];
        if (!length) throw new Error(`${SIGNAL_EVENT}.${name} has no <length> in force-app.`);
        return [name, Number(length)];
    })
);

/** A refused event: the platform's error code and what to fix. */
interface EventRefusal {
    errorCode: string;
    message: string;
}

/**
 * The platform event fields of one published event, as applySignals reads them; or why the platform refuses to publish
 * it: not an object (JSON_PARSER_ERROR), a field the event does not have (INVALID_FIELD), a list or object where a text
 * field goes (JSON_PARSER_ERROR: never turned into text), or text longer than the field (STRING_TOO_LONG).
 */
function eventOf(raw: unknown, index: number): IntegrationSignal | EventRefusal {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return { errorCode: 'JSON_PARSER_ERROR', message: `Event ${index} is not an object of ${SIGNAL_EVENT} fields.` };
    const unknown = Object.keys(raw).filter((k) => !(SIGNAL_EVENT_FIELDS as readonly string[]).includes(k));
    if (unknown.length)
        return {
            errorCode: 'INVALID_FIELD',
            message: `Event ${index} has fields ${SIGNAL_EVENT} does not have: ${unknown.slice(0, 5).join(', ')}. Its fields are ${SIGNAL_EVENT_FIELDS.join(', ')}.`
        };
    const e = raw as Record<string, unknown>;
    const values = new Map<string, string | null>();
    for (const name of SIGNAL_EVENT_FIELDS) {
        const value = e[name];
        if (value !== null && typeof value === 'object')
            return {
                errorCode: 'JSON_PARSER_ERROR',
                message: `Event ${index}: ${name} is a text field; send text, not ${Array.isArray(value) ? 'a list' : 'an object'}.`
            };
        const text = value === null || value === undefined ? null : String(value);
        const length = EVENT_FIELD_LENGTHS.get(name) ?? 255;
        if (text !== null && text.length > length)
            return {
                errorCode: 'STRING_TOO_LONG',
                message: `Event ${index}: ${name}: data value too large (max length=${length}).`
            };
        values.set(name, text);
    }
    return signalOfEvent(Object.fromEntries(values), String(index + 1));
}

/** Whether this preview user may publish signals (create on the platform event). */
export function canPublishSignals(store: LeadStore, userId: string): boolean {
    return store.accessOf(userId)?.object(SIGNAL_EVENT).create === true;
}

/** The first preview user who may publish signals: the integration user the "Send signal" form acts as. */
export function integrationUser(store: LeadStore): PreviewUser | null {
    return store.users().find((u) => canPublishSignals(store, u.id)) ?? null;
}

export function receiveSignals(
    store: LeadStore,
    userId: string,
    body: unknown,
    def: SqlDefinition = SQL_DEFINITION,
    now: Date = new Date()
): ApiResult {
    const access = store.accessOf(userId);
    if (!access) return error(401, 'INVALID_SESSION_ID', 'No preview user is signed in.');
    if (!canPublishSignals(store, userId)) {
        return error(
            403,
            'INSUFFICIENT_ACCESS',
            `${access.user.name} cannot publish ${SIGNAL_EVENT}: none of their permission sets (${access.user.permissionSets.join(', ') || 'none'}) grants Create on it. Integrations need LeadGate_Integration.`
        );
    }
    if (typeof body !== 'object' || body === null)
        return error(400, 'JSON_PARSER_ERROR', `Send one ${SIGNAL_EVENT} event (an object of its fields) or a list of them.`);
    const list: unknown[] = Array.isArray(body) ? body : [body];
    if (list.length === 0) return error(400, 'INVALID_INPUT', 'Send at least one event.');
    if (list.length > MAX_EVENTS)
        return error(400, 'INVALID_INPUT', `Send at most ${MAX_EVENTS} events at once (a platform event trigger batch).`);
    // Each event is published on its own: a malformed one is refused alone and the others go on.
    const refused: SignalReceipt['rejects'] = [];
    const published: Array<{ index: number; event: IntegrationSignal }> = [];
    for (const [i, raw] of list.entries()) {
        const event = eventOf(raw, i);
        if ('errorCode' in event) refused.push({ index: i, reason: NOT_PUBLISHED, errorCode: event.errorCode, message: event.message });
        else published.push({ index: i, event });
    }
    const events = published.map((p) => p.event);
    const batchIndex = (position: number): number => published[position]?.index ?? position;

    // Only published events reach the trigger (and only then are the leads read).
    const result = applySignals(events.length ? store.allLeads() : [], events, def, now);
    // Each lead is saved through the store as the publishing user; the rejects are kept in the answer itself, which the
    // caller reads (the org records them as LeadGate_Signal_Reject__c rows), so recording one never fails here.
    const receipt = settleSignals(
        events,
        result,
        (update) => {
            const saved = store.updateRecord(userId, update.leadId, { fields: update.values });
            if (saved.status === 200) return null;
            const why = Array.isArray(saved.body)
                ? (saved.body as Array<{ message?: string }>)[0]?.message
                : (saved.body as { message?: string })?.message;
            return why ?? `status ${saved.status}`;
        },
        () => null
    );
    const answer: SignalReceipt = {
        updated: receipt.updated,
        rejects: [...refused, ...receipt.rejects.map((r) => ({ ...r, index: batchIndex(r.index) }))].sort((a, b) => a.index - b.index),
        ignored: receipt.ignored.map((x) => ({ ...x, index: batchIndex(x.index) })),
        unrecorded: receipt.unrecorded.map((x) => ({ ...x, index: batchIndex(x.index) }))
    };
    return { status: 200, body: answer };
}

/**
 * The record page shell's "Send signal" form (a demo and test control, never part of the deployed components):
 * posts one event for this lead as the integration user, then the page refreshes the record's wires.
 */
export function signalFormHtml(recordId: string, sender: PreviewUser | null, def: SqlDefinition = SQL_DEFINITION): string {
    if (!sender) {
        return '<p class="preview-note slds-m-top_small">No preview user holds LeadGate_Integration, so the preview cannot send signals.</p>';
    }
    const options = def.intent.signals
        .map((s) => `<option value="${escapeHtml(s.id)}">${escapeHtml(s.label)} (${escapeHtml(s.points)} points)</option>`)
        .join('');
    return `<form class="slds-box slds-theme_default slds-m-top_small" data-preview="send-signal" data-record-id="${escapeHtml(recordId)}" data-sender="${escapeHtml(sender.id)}" aria-labelledby="send-signal-title">
<h2 class="slds-text-heading_small slds-m-bottom_x-small" id="send-signal-title">Send a signal (preview only)</h2>
<p class="preview-note slds-m-bottom_x-small">As ${escapeHtml(sender.name)}, through the integration entry point (the ${SIGNAL_EVENT} rules, c/leadSignals applySignals).</p>
<div class="slds-grid slds-gutters_x-small slds-wrap slds-grid_vertical-align-end">
<div class="slds-col"><label class="slds-form-element__label" for="send-signal-type">Signal</label>
<div class="slds-select_container"><select class="slds-select" id="send-signal-type" name="signalType">${options}</select></div></div>
<div class="slds-col"><label class="slds-form-element__label" for="send-signal-minutes">Minutes ago</label>
<input class="slds-input" id="send-signal-minutes" name="minutesAgo" type="number" min="0" step="1" value="0"></div>
<div class="slds-col slds-no-flex"><button class="slds-button slds-button_brand" type="submit">Send signal</button></div>
</div>
<p class="slds-m-top_x-small" role="status" aria-live="polite" data-id="send-signal-result"></p>
</form>`;
}
