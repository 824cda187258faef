/**
 * UI helpers shared by the Lead record page components (not exposed on any page).
 *
 * - Reading a UI API record into the plain `LeadValues` the scoring module takes.
 * - Saving through Lightning Data Service with optimistic concurrency (`ifUnmodifiedSince`), and
 *   sorting a failed save into what the rep must do next: fix fields (validation), reload and
 *   re-apply (conflict), retry when back online (network), or ask for help (server).
 * - The rep's draft: unsaved edits kept in sessionStorage per record, so a failed save, a conflict
 *   or a page reload never loses what the rep typed.
 * - Someone else saved meanwhile: moving the draft onto the newer version field by field, so only a change
 *   to a field the rep also changed is a conflict (both values, the rep chooses).
 * - Small formatting helpers whose words come from Custom Labels.
 *
 * No qualification rule lives here: rules come from `c/sqlDefinition` through `c/leadScoring`.
 */
import { updateRecord, notifyRecordUpdateAvailable, type RecordRepresentation } from 'lightning/uiRecordApi';
import type { StageKey } from 'c/sqlDefinition';
import LG_Ui_DurationDays from '@salesforce/label/c.LG_Ui_DurationDays';
import LG_Ui_DurationHours from '@salesforce/label/c.LG_Ui_DurationHours';
import LG_Ui_DurationMinutes from '@salesforce/label/c.LG_Ui_DurationMinutes';
import LG_Ui_DurationSeconds from '@salesforce/label/c.LG_Ui_DurationSeconds';
import LG_Ui_SaveValidationTitle from '@salesforce/label/c.LG_Ui_SaveValidationTitle';
import LG_Ui_SaveValidationMessage from '@salesforce/label/c.LG_Ui_SaveValidationMessage';
import LG_Ui_SaveConflictTitle from '@salesforce/label/c.LG_Ui_SaveConflictTitle';
import LG_Ui_SaveConflictMessage from '@salesforce/label/c.LG_Ui_SaveConflictMessage';
import LG_Ui_SaveNetworkTitle from '@salesforce/label/c.LG_Ui_SaveNetworkTitle';
import LG_Ui_SaveNetworkMessage from '@salesforce/label/c.LG_Ui_SaveNetworkMessage';
import LG_Ui_SaveServerTitle from '@salesforce/label/c.LG_Ui_SaveServerTitle';
import LG_Ui_SaveServerMessage from '@salesforce/label/c.LG_Ui_SaveServerMessage';
import LG_Ui_SomeoneElse from '@salesforce/label/c.LG_Ui_SomeoneElse';
import LG_Ui_HelpFor from '@salesforce/label/c.LG_Ui_HelpFor';
import USER_LOCALE from '@salesforce/i18n/locale';
import USER_TIME_ZONE from '@salesforce/i18n/timeZone';

/** Field API name -> value, as `c/leadScoring` takes a lead. */
export type FieldValues = Record<string, unknown>;

/* ------------------------------------------------------------------ records */

/** The plain field values of a UI API record (only the fields the record carries: a field the user cannot read is absent). */
export function leadValuesOf(record: RecordRepresentation | null | undefined): FieldValues {
    const values: FieldValues = {};
    if (!record || !record.fields) return values;
    for (const [field, fieldValue] of Object.entries(record.fields)) values[field] = fieldValue ? fieldValue.value : null;
    return values;
}

/** The record's LastModifiedDate, the value a save sends as `ifUnmodifiedSince`. */
export function lastModifiedOf(record: RecordRepresentation | null | undefined): string | null {
    if (!record) return null;
    const field = record.fields ? record.fields.LastModifiedDate : undefined;
    const value = field ? field.value : undefined;
    if (typeof value === 'string' && value !== '') return value;
    return typeof record.lastModifiedDate === 'string' ? record.lastModifiedDate : null;
}

/** Qualified field names (`Lead.X`) for a getRecord `optionalFields` list: a field the user cannot read is then left out, not an error. */
export function optionalLeadFields(fields: readonly string[]): string[] {
    return [...new Set(fields)].map((field) => `Lead.${field}`);
}

/** Stages in which sales still works the lead: it can be accepted (from MQL), qualified or rejected. */
const OPEN_STAGES: ReadonlySet<StageKey> = new Set<StageKey>(['New', 'MQL', 'SAL']);

/** Whether the record page offers stage actions (accept, qualify, reject) for a lead in this stage. */
export function isOpenStage(stage: StageKey | null): boolean {
    return stage !== null && OPEN_STAGES.has(stage);
}

/* ------------------------------------------------------------------ errors */

export interface ReducedErrors {
    /** Messages that belong next to one field (API name -> messages). */
    fieldErrors: Record<string, string[]>;
    /** Messages that belong at the top of the component. */
    pageErrors: string[];
}

export type SaveFailureKind = 'validation' | 'conflict' | 'network' | 'server';

export interface SaveFailure extends ReducedErrors {
    kind: SaveFailureKind;
    /** HTTP status of the failed request, or null when the request never got an answer. */
    status: number | null;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

function addField(out: ReducedErrors, field: string, message: string): void {
    const list = out.fieldErrors[field] ?? (out.fieldErrors[field] = []);
    if (!list.includes(message)) list.push(message);
}
function addPage(out: ReducedErrors, message: string): void {
    if (!out.pageErrors.includes(message)) out.pageErrors.push(message);
}

/** One UI API error entry ({ message, errorCode, field?, constituentField?, fields? }). */
function collectEntry(out: ReducedErrors, entry: unknown, fieldKey?: string): void {
    if (typeof entry === 'string') {
        if (fieldKey) addField(out, fieldKey, entry);
        else addPage(out, entry);
        return;
    }
    if (!isObj(entry)) return;
    const message = textOf(entry.message);
    if (!message) return;
    const field = textOf(entry.constituentField) ?? textOf(entry.field) ?? fieldKey ?? null;
    const fields = Array.isArray(entry.fields) ? entry.fields.filter((f): f is string => typeof f === 'string') : [];
    if (field) addField(out, field, message);
    else if (fields.length) for (const f of fields) addField(out, f, message);
    else addPage(out, message);
}

function collectFieldMap(out: ReducedErrors, map: unknown): void {
    if (!isObj(map)) return;
    for (const [field, entries] of Object.entries(map)) {
        for (const entry of Array.isArray(entries) ? entries : [entries]) collectEntry(out, entry, field);
    }
}

function collectBody(out: ReducedErrors, body: unknown): void {
    if (Array.isArray(body)) {
        for (const entry of body) collectEntry(out, entry);
        return;
    }
    if (typeof body === 'string') {
        if (body.trim()) addPage(out, body);
        return;
    }
    if (!isObj(body)) return;
    const before = out.pageErrors.length + Object.keys(out.fieldErrors).length;
    // "Error with Output": { message, enhancedErrorType: 'RecordError', output: { errors, fieldErrors } }.
    if (isObj(body.output)) {
        for (const entry of Array.isArray(body.output.errors) ? body.output.errors : []) collectEntry(out, entry);
        collectFieldMap(out, body.output.fieldErrors);
    }
    // Record edit form / Apex DML shape: { pageErrors: [...], fieldErrors: { Field: [...] } }.
    for (const entry of Array.isArray(body.pageErrors) ? body.pageErrors : []) collectEntry(out, entry);
    collectFieldMap(out, body.fieldErrors);
    // The summary message only when nothing more specific was found (it is usually a generic "could not save").
    const message = textOf(body.message);
    if (message && out.pageErrors.length + Object.keys(out.fieldErrors).length === before) addPage(out, message);
}

/**
 * Sorts any error Lightning Data Service, Apex or the browser can raise into messages that belong next
 * to a field and messages that belong at the top. Accepts one error or a list; never throws.
 */
export function reduceErrors(errors: unknown): ReducedErrors {
    const out: ReducedErrors = { fieldErrors: {}, pageErrors: [] };
    for (const error of Array.isArray(errors) ? errors : [errors]) {
        if (error === null || error === undefined) continue;
        if (typeof error === 'string') {
            addPage(out, error);
        } else if (isObj(error) && 'body' in error && error.body !== undefined && error.body !== null) {
            collectBody(out, error.body);
        } else if (error instanceof Error || (isObj(error) && textOf(error.message))) {
            addPage(out, String((error as { message: unknown }).message));
        } else if (isObj(error)) {
            collectBody(out, error);
        }
    }
    return out;
}

function statusOf(error: unknown): number | null {
    return isObj(error) && typeof error.status === 'number' && error.status > 0 ? error.status : null;
}

/** Every `errorCode` anywhere in the error (bounded depth: error bodies are small). */
function errorCodes(error: unknown): string[] {
    const codes: string[] = [];
    const visit = (value: unknown, depth: number): void => {
        if (depth > 5) return;
        if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
        else if (isObj(value)) {
            if (typeof value.errorCode === 'string') codes.push(value.errorCode);
            for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) visit(v, depth + 1);
        }
    };
    visit(error, 0);
    return codes;
}

/**
 * Whether a failed save was refused because the record changed after it was read. The UI API answers an
 * `If-Unmodified-Since` precondition failure with HTTP 412, with either an Error Message list
 * (`[{ errorCode, message }]`) or an Error with Output body; some layers keep only the error code.
 */
export function isConflict(error: unknown): boolean {
    return statusOf(error) === 412 || errorCodes(error).some((code) => code === 'PRECONDITION_FAILED' || code === 'CONFLICT');
}

/** Whether the request never reached Salesforce (offline, dropped connection, gateway timeout). */
export function isNetworkError(error: unknown): boolean {
    if (error instanceof TypeError) return true;
    const status = statusOf(error);
    if (status !== null) return status === 502 || status === 503 || status === 504;
    if (!isObj(error)) return false;
    const body = error.body;
    const hasBody = body !== undefined && body !== null && !(typeof body === 'string' && body.trim() === '');
    return !hasBody && (error.status === 0 || error.ok === false || error.name === 'TypeError' || error.name === 'NetworkError');
}

export function classifySaveError(error: unknown): SaveFailure {
    const reduced = reduceErrors(error);
    const status = statusOf(error);
    let kind: SaveFailureKind;
    if (isConflict(error)) kind = 'conflict';
    else if (isNetworkError(error)) kind = 'network';
    else if (Object.keys(reduced.fieldErrors).length > 0 || status === 400) kind = 'validation';
    else kind = 'server';
    return { kind, status, ...reduced };
}

/** The title and what-to-do-next message a rep sees for a failed save. */
export function describeSaveFailure(kind: SaveFailureKind): { title: string; message: string } {
    switch (kind) {
        case 'validation':
            return { title: LG_Ui_SaveValidationTitle, message: LG_Ui_SaveValidationMessage };
        case 'conflict':
            return { title: LG_Ui_SaveConflictTitle, message: LG_Ui_SaveConflictMessage };
        case 'network':
            return { title: LG_Ui_SaveNetworkTitle, message: LG_Ui_SaveNetworkMessage };
        default:
            return { title: LG_Ui_SaveServerTitle, message: LG_Ui_SaveServerMessage };
    }
}

/** A failed save as the rep sees it (c/saveProblem): the failure with the title and message for its kind. */
export interface ShownProblem extends SaveFailure {
    title: string;
    message: string;
}

export function shownProblem(failure: SaveFailure): ShownProblem {
    return { ...failure, ...describeSaveFailure(failure.kind) };
}

/** The problem once the rep edits `field`: its server message no longer describes what is on screen. */
export function withoutFieldError(problem: ShownProblem | null, field: string): ShownProblem | null {
    if (!problem || !problem.fieldErrors[field]) return problem;
    const fieldErrors = { ...problem.fieldErrors };
    delete fieldErrors[field];
    return { ...problem, fieldErrors };
}

/**
 * "Reload and re-apply" after a conflict: asks Lightning Data Service to read the record again (the wire then
 * delivers it). Null when asked; otherwise the failure to show (the connection dropped, or the server refused).
 */
export async function reloadRecord(recordId: string): Promise<SaveFailure | null> {
    try {
        await notifyRecordUpdateAvailable([{ recordId }]);
        return null;
    } catch (error) {
        return { ...reduceErrors(error), kind: isNetworkError(error) ? 'network' : 'server', status: null };
    }
}

/** Each conflict as c/conflictChoices shows it: the field's label, their value, and the rep's value now (`typed` wins). */
export function conflictRowsOf(
    conflicts: FieldConflict[],
    typed: FieldValues,
    labelOf: (field: string) => string
): Array<{ field: string; label: string; theirs: unknown; mine: unknown }> {
    return conflicts.map((c) => ({
        field: c.field,
        label: labelOf(c.field),
        theirs: c.theirs,
        mine: c.field in typed ? typed[c.field] : c.mine
    }));
}

/* ------------------------------------------------------------------ saving */

export type SaveOutcome = { ok: true; record: RecordRepresentation } | ({ ok: false } & SaveFailure);

/**
 * Saves Lead fields in one updateRecord call. With `lastModifiedDate` the save carries
 * `ifUnmodifiedSince`, so it is refused (a conflict) when someone else saved the lead after it was read.
 */
export async function saveLead(recordId: string, fields: FieldValues, lastModifiedDate: string | null): Promise<SaveOutcome> {
    try {
        const record = await updateRecord(
            { fields: { ...fields, Id: recordId } },
            lastModifiedDate ? { ifUnmodifiedSince: lastModifiedDate } : undefined
        );
        return { ok: true, record };
    } catch (error) {
        return { ok: false, ...classifySaveError(error) };
    }
}

/* ------------------------------------------------------------------ the rep's draft */

export interface Draft {
    /** The rep's unsaved values (field API name -> value). */
    values: FieldValues;
    /** What each edited field held when the rep started editing it: tells what someone else changed meanwhile. */
    base: FieldValues;
    /** LastModifiedDate of the record the draft was started on. */
    baseLastModified: string | null;
}

const DRAFT_PREFIX = 'leadgate:draft:';

/** sessionStorage key of a record's draft; `part` separates the panel's draft from the rejection's. */
export function draftKey(recordId: string, part: string): string {
    return `${DRAFT_PREFIX}${part}:${recordId}`;
}

function storage(): Storage | null {
    try {
        return typeof window !== 'undefined' && window.sessionStorage ? window.sessionStorage : null;
    } catch {
        return null; // storage disabled by the browser: the draft then lives only in memory
    }
}

export function readDraft(key: string): Draft | null {
    try {
        const raw = storage()?.getItem(key);
        if (!raw) return null;
        const parsed: unknown = JSON.parse(raw);
        if (!isObj(parsed) || !isObj(parsed.values) || Object.keys(parsed.values).length === 0) return null;
        return {
            values: parsed.values,
            base: isObj(parsed.base) ? parsed.base : {},
            baseLastModified: typeof parsed.baseLastModified === 'string' ? parsed.baseLastModified : null
        };
    } catch {
        return null;
    }
}

/** Stores the draft (or removes it when empty). Returns false when the browser refused to store it. */
export function writeDraft(key: string, draft: Draft | null): boolean {
    const store = storage();
    if (!store) return false;
    try {
        if (!draft || Object.keys(draft.values).length === 0) store.removeItem(key);
        else store.setItem(key, JSON.stringify(draft));
        return true;
    } catch {
        return false;
    }
}

export function clearDraft(key: string): void {
    writeDraft(key, null);
}

/** Blank-insensitive equality: null, undefined and '' are the same blank value, as the platform stores them. */
export function sameValue(a: unknown, b: unknown): boolean {
    const blank = (v: unknown): boolean => v === null || v === undefined || v === '';
    if (blank(a) && blank(b)) return true;
    return a === b;
}

/**
 * The draft after the rep sets `field` to `value`. A field typed back to what the record holds leaves the
 * draft; an empty draft is null.
 */
export function editDraft(
    draft: Draft | null,
    record: FieldValues,
    lastModified: string | null,
    field: string,
    value: unknown
): Draft | null {
    const next: Draft = draft
        ? { values: { ...draft.values }, base: { ...draft.base }, baseLastModified: draft.baseLastModified }
        : { values: {}, base: {}, baseLastModified: lastModified };
    if (!(field in next.base)) next.base[field] = field in record ? record[field] : null;
    if (sameValue(value, record[field])) {
        delete next.values[field];
        delete next.base[field];
    } else {
        next.values[field] = value;
    }
    return Object.keys(next.values).length ? next : null;
}

/** The lead as the rep sees it: the record with the draft on top. */
export function mergeDraft(record: FieldValues, draft: Draft | null): FieldValues {
    return draft ? { ...record, ...draft.values } : { ...record };
}

/* ------------------------------------------------------------------ someone else saved meanwhile */

/** A field both the rep and someone else changed since the rep started editing it: both values, for the rep to choose. */
export interface FieldConflict {
    field: string;
    /** What the field held when the rep started editing it. */
    base: unknown;
    /** What the other person saved. */
    theirs: unknown;
    /** What the rep typed. */
    mine: unknown;
}

/** How each field the rep changed stands against a newer version of the record. */
export interface Reconciliation {
    /** The other writer left these alone (or the rep cannot read them): the rep's values apply on the newer version as they are. */
    untouched: string[];
    /** The newer version already holds the rep's value: nothing left to save for them. */
    agreed: string[];
    /** The other writer changed these to something else: the rep chooses. */
    conflicts: FieldConflict[];
}

/**
 * Compares, field by field, what the rep changed (`mine`) with what each field held when the rep started (`base`)
 * and what the newer version holds (`server`). Only a field the other writer changed to another value than the
 * rep's is a conflict; every field of `mine` lands in exactly one list.
 */
export function reconcileFields(mine: FieldValues, base: FieldValues, server: FieldValues): Reconciliation {
    const out: Reconciliation = { untouched: [], agreed: [], conflicts: [] };
    for (const field of Object.keys(mine)) {
        const theirs = server[field];
        if (!(field in server)) out.untouched.push(field);
        else if (sameValue(mine[field], theirs)) out.agreed.push(field);
        else if (!(field in base) || sameValue(base[field], theirs)) out.untouched.push(field);
        else out.conflicts.push({ field, base: base[field], theirs, mine: mine[field] });
    }
    return out;
}

/**
 * The draft moved onto a newer version of the record (`server`, last modified `version`): fields the other writer
 * left alone take the new version as their base; fields it set to the rep's value leave the draft (saved already);
 * conflicting fields keep the rep's value and their old base, so they stay conflicts (also after a reload) until
 * the rep chooses with `resolveConflict`. Nothing the rep typed is dropped unless the record already holds it.
 */
export function reconcileDraft(
    draft: Draft | null,
    server: FieldValues,
    version: string | null
): { draft: Draft | null; conflicts: FieldConflict[] } {
    if (!draft) return { draft: null, conflicts: [] };
    const { untouched, conflicts } = reconcileFields(draft.values, draft.base, server);
    const next: Draft = { values: {}, base: {}, baseLastModified: version };
    for (const field of untouched) {
        next.values[field] = draft.values[field];
        next.base[field] = field in server ? server[field] : (draft.base[field] ?? null);
    }
    for (const conflict of conflicts) {
        next.values[conflict.field] = conflict.mine;
        next.base[conflict.field] = conflict.base;
    }
    return { draft: Object.keys(next.values).length ? next : null, conflicts };
}

export type ConflictChoice = 'mine' | 'theirs';

/** The draft after the rep chose, for one conflicting field, to keep their value or take the other person's. */
export function resolveConflict(draft: Draft | null, conflict: FieldConflict, choice: ConflictChoice): Draft | null {
    if (!draft) return null;
    const next: Draft = { values: { ...draft.values }, base: { ...draft.base }, baseLastModified: draft.baseLastModified };
    if (choice === 'theirs') {
        delete next.values[conflict.field];
        delete next.base[conflict.field];
    } else {
        next.values[conflict.field] = conflict.field in draft.values ? draft.values[conflict.field] : conflict.mine;
        next.base[conflict.field] = conflict.theirs;
    }
    return Object.keys(next.values).length ? next : null;
}

/**
 * After a save met a newer version: asks Lightning Data Service to read the record again. LDS delivers the fresh
 * record to every wire before the refresh resolves, so `versionNow()` (the component's record) then tells whether a
 * version newer than the one the save was based on (`sent`) has arrived. False when it could not be read.
 */
export async function rereadNewerVersion(recordId: string, sent: string | null, versionNow: () => string | null): Promise<boolean> {
    try {
        await notifyRecordUpdateAvailable([{ recordId }]);
    } catch {
        return false;
    }
    return versionNow() !== sent;
}

/** Field path of the name of whoever saved the record last (asked for as an optional field). */
export const LAST_MODIFIED_BY_NAME = 'LastModifiedBy.Name';

/** Who saved the record last, from its `LastModifiedBy` relationship; null when the user cannot read it. */
export function lastModifiedByName(record: RecordRepresentation | null | undefined): string | null {
    const field = record?.fields?.LastModifiedBy;
    if (!field) return null;
    if (textOf(field.displayValue)) return field.displayValue;
    const related = isObj(field.value) && isObj(field.value.fields) ? field.value.fields.Name : undefined;
    return isObj(related) ? textOf(related.value) : null;
}

/** Who saved the record last and when, in the user's words: the name (or "Someone else") and the local date and time. */
export function savedByOf(
    record: RecordRepresentation | null | undefined,
    locale: string = USER_LOCALE,
    timeZone: string = USER_TIME_ZONE
): { name: string; when: string } {
    const at = lastModifiedOf(record);
    return { name: lastModifiedByName(record) ?? LG_Ui_SomeoneElse, when: at ? formatDateTime(at, locale, timeZone) : '' };
}

/* ------------------------------------------------------------------ formatting */

/** Fills `{0}`, `{1}`, ... in a Custom Label. */
export function formatLabel(template: string, ...args: Array<string | number>): string {
    return template.replace(/\{(\d+)\}/g, (match, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? match : String(value);
    });
}

/** The name of a field's help button, naming the field ("Help: Budget Status"): never a bare "Help". */
export function helpName(fieldLabel: string): string {
    return formatLabel(LG_Ui_HelpFor, fieldLabel);
}

/**
 * A duration in its two largest units ("2 d 3 h", "1 h 5 min", "4 min 12 s", "5 min", "9 s"), units from
 * Custom Labels. Negative durations count as zero.
 */
export function formatDuration(ms: number): string {
    const totalSeconds = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
    const days = Math.floor(totalSeconds / 86_400);
    const hours = Math.floor((totalSeconds % 86_400) / 3_600);
    const minutes = Math.floor((totalSeconds % 3_600) / 60);
    const seconds = totalSeconds % 60;
    const units: Array<[number, string]> = [
        [days, LG_Ui_DurationDays],
        [hours, LG_Ui_DurationHours],
        [minutes, LG_Ui_DurationMinutes],
        [seconds, LG_Ui_DurationSeconds]
    ];
    const first = units.findIndex(([amount]) => amount > 0);
    if (first === -1) return formatLabel(LG_Ui_DurationSeconds, 0);
    // The largest unit, and the next one when it is not zero: "2 d 3 h", "5 min", "4 min 12 s".
    return units
        .slice(first, first + 2)
        .filter(([amount], index) => index === 0 || amount > 0)
        .map(([amount, label]) => formatLabel(label, amount))
        .join(' ');
}

/** A number with at most `digits` decimals, in the user's locale. */
export function formatNumber(value: number, digits = 1): string {
    return new Intl.NumberFormat(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/**
 * A date and time (ISO 8601) in the user's locale and time zone, e.g. "May 14, 2026, 7:58 AM" (en-US, Los Angeles).
 * The platform's values come from `@salesforce/i18n`; an unknown locale or zone falls back to the browser's.
 */
export function formatDateTime(iso: string, locale: string = USER_LOCALE, timeZone: string = USER_TIME_ZONE): string {
    const at = Date.parse(iso);
    if (!Number.isFinite(at)) return iso;
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
    try {
        return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
    } catch {
        return new Intl.DateTimeFormat(undefined, options).format(at);
    }
}
