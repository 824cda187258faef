import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { updateRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import {
    reduceErrors,
    classifySaveError,
    isConflict,
    isNetworkError,
    describeSaveFailure,
    saveLead,
    leadValuesOf,
    lastModifiedOf,
    optionalLeadFields,
    draftKey,
    readDraft,
    writeDraft,
    clearDraft,
    editDraft,
    mergeDraft,
    reconcileFields,
    reconcileDraft,
    resolveConflict,
    lastModifiedByName,
    savedByOf,
    formatDateTime,
    sameValue,
    rereadNewerVersion,
    formatLabel,
    formatDuration,
    isOpenStage,
    shownProblem,
    withoutFieldError,
    reloadRecord,
    conflictRowsOf
} from 'c/leadGateUi';
import { readCustomLabels } from '../../../../../../jest/customLabels';
import { resetDom } from '../../../../../../jest/testUtils';
import conflictErrorList from './data/updateRecord.conflict.json';
import conflictWithOutput from './data/updateRecord.conflictWithOutput.json';
import noAccess from './data/updateRecord.noAccess.json';
import validationError from '../../qualificationPanel/__tests__/data/updateRecord.validationError.json';
import bantIncomplete from '../../qualificationPanel/__tests__/data/getRecord.bantIncomplete.json';

jest.mock('lightning/uiRecordApi', () => {
    const actual = jest.requireActual('lightning/uiRecordApi');
    return { ...actual, updateRecord: jest.fn(), notifyRecordUpdateAvailable: jest.fn(() => Promise.resolve()) };
});
const mockedUpdateRecord = jest.mocked(updateRecord);
const mockedNotify = jest.mocked(notifyRecordUpdateAvailable);

afterEach(resetDom);

describe('reduceErrors', () => {
    it('puts a validation rule shown on a field next to that field and a rule without one at the top', () => {
        const reduced = reduceErrors(validationError);
        expect(Object.keys(reduced.fieldErrors).sort()).toEqual(['Email', 'Timeline_Evidence__c']);
        expect(reduced.fieldErrors.Timeline_Evidence__c?.[0]).toMatch(/^Timeline is not complete/);
        expect(reduced.pageErrors).toEqual(['Sales Qualified leads need a phone number or email address: add one, then save.']);
    });

    it('does not repeat the generic summary when specific messages exist, but uses it when it is all there is', () => {
        expect(reduceErrors(validationError).pageErrors.join(' ')).not.toMatch(/An error occurred/);
        expect(reduceErrors({ status: 500, body: { message: 'Internal server error. Try again later.' } })).toEqual({
            fieldErrors: {},
            pageErrors: ['Internal server error. Try again later.']
        });
    });

    it('reads the UI API error list, with or without fields', () => {
        expect(reduceErrors(noAccess).pageErrors).toEqual([noAccess.body[0]!.message]);
        expect(
            reduceErrors({ status: 400, body: [{ errorCode: 'INVALID_FIELD', message: 'Bad value', fields: ['Budget_Status__c'] }] })
        ).toEqual({
            fieldErrors: { Budget_Status__c: ['Bad value'] },
            pageErrors: []
        });
    });

    it('files a compound field error under its constituent field', () => {
        const error = {
            status: 400,
            body: {
                output: {
                    errors: [],
                    fieldErrors: { Name: [{ field: 'Name', constituentField: 'LastName', message: 'Enter a last name.' }] }
                }
            }
        };
        expect(reduceErrors(error).fieldErrors).toEqual({ LastName: ['Enter a last name.'] });
    });

    it('reads the record form / Apex DML shape (pageErrors and fieldErrors at the top of the body)', () => {
        const error = { body: { pageErrors: [{ message: 'Duplicate lead.' }], fieldErrors: { Email: [{ message: 'Invalid email.' }] } } };
        expect(reduceErrors(error)).toEqual({ fieldErrors: { Email: ['Invalid email.'] }, pageErrors: ['Duplicate lead.'] });
    });

    it('accepts a JavaScript error, a string, a list with blanks, and never throws on odd input', () => {
        expect(reduceErrors([new Error('Script failed'), 'Plain text', null, undefined, 'Plain text']).pageErrors).toEqual([
            'Script failed',
            'Plain text'
        ]);
        expect(reduceErrors(42)).toEqual({ fieldErrors: {}, pageErrors: [] });
        expect(reduceErrors({ body: { output: 'weird' } })).toEqual({ fieldErrors: {}, pageErrors: [] });
    });
});

describe('classifySaveError', () => {
    it('calls a 400 with field errors a validation failure', () => {
        expect(classifySaveError(validationError).kind).toBe('validation');
        expect(classifySaveError(validationError).status).toBe(400);
    });

    it('recognises a conflict in both documented 412 shapes and by its error code alone', () => {
        expect(isConflict(conflictErrorList)).toBe(true);
        expect(isConflict(conflictWithOutput)).toBe(true);
        expect(isConflict({ body: [{ errorCode: 'PRECONDITION_FAILED', message: 'changed' }] })).toBe(true);
        expect(classifySaveError(conflictWithOutput).kind).toBe('conflict');
        expect(isConflict(validationError)).toBe(false);
    });

    it('calls a request that never reached Salesforce a network failure', () => {
        expect(isNetworkError(new TypeError('Failed to fetch'))).toBe(true);
        expect(isNetworkError({ ok: false, status: 0, statusText: '', body: null })).toBe(true);
        expect(isNetworkError({ ok: false, status: 503, statusText: 'Service Unavailable', body: null })).toBe(true);
        expect(classifySaveError(new TypeError('Failed to fetch')).kind).toBe('network');
        expect(isNetworkError(validationError)).toBe(false);
        expect(isNetworkError(noAccess)).toBe(false);
    });

    it('calls anything else (no access, server error) a server failure with its message', () => {
        const failure = classifySaveError(noAccess);
        expect(failure.kind).toBe('server');
        expect(failure.pageErrors[0]).toMatch(/permission to edit/);
    });

    it('gives every kind a title and a message that says what to do next', () => {
        expect(describeSaveFailure('validation').message).toMatch(/Fix each field marked below/);
        expect(describeSaveFailure('conflict').message).toMatch(/Reload and re-apply my changes/);
        expect(describeSaveFailure('network').message).toMatch(/Check your connection, then select Try again/);
        expect(describeSaveFailure('server').message).toMatch(/Try again/);
    });
});

describe('saveLead', () => {
    it('saves the fields with the record Id in one updateRecord call carrying ifUnmodifiedSince', async () => {
        mockedUpdateRecord.mockResolvedValueOnce(bantIncomplete as never);
        const outcome = await saveLead('00Q5g00000LGateAAA', { Budget_Evidence__c: 'CFO approved' }, '2026-05-14T14:50:00.000Z');
        expect(outcome.ok).toBe(true);
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: '00Q5g00000LGateAAA', Budget_Evidence__c: 'CFO approved' } },
            { ifUnmodifiedSince: '2026-05-14T14:50:00.000Z' }
        );
    });

    it('returns the sorted failure instead of throwing', async () => {
        mockedUpdateRecord.mockRejectedValueOnce(conflictErrorList);
        const outcome = await saveLead('00Q5g00000LGateAAA', { Need_Evidence__c: 'x' }, '2026-05-14T14:50:00.000Z');
        expect(outcome).toMatchObject({ ok: false, kind: 'conflict', status: 412 });
    });
});

describe('records', () => {
    it('reads field values, the LastModifiedDate, and builds optional field names', () => {
        const values = leadValuesOf(bantIncomplete as never);
        expect(values.Budget_Status__c).toBe('Confirmed');
        expect(values.Timeline_Status__c).toBeNull();
        expect(lastModifiedOf(bantIncomplete as never)).toBe(bantIncomplete.lastModifiedDate);
        expect(optionalLeadFields(['Status', 'Status', 'MQL_At__c'])).toEqual(['Lead.Status', 'Lead.MQL_At__c']);
        expect(leadValuesOf(undefined)).toEqual({});
    });
});

describe("the rep's draft", () => {
    const record = { Budget_Evidence__c: 'old', Need_Evidence__c: null };
    const key = draftKey('00Q5g00000LGateAAA', 'qualification');

    it('keeps the draft in sessionStorage per record and part, and clears it', () => {
        const draft = editDraft(null, record, '2026-05-14T14:50:00.000Z', 'Budget_Evidence__c', 'new text');
        expect(writeDraft(key, draft)).toBe(true);
        expect(readDraft(key)).toEqual({
            values: { Budget_Evidence__c: 'new text' },
            base: { Budget_Evidence__c: 'old' },
            baseLastModified: '2026-05-14T14:50:00.000Z'
        });
        expect(readDraft(draftKey('00Q5g00000LGateAAA', 'rejection'))).toBeNull();
        expect(readDraft(draftKey('00Q5g00000OtherAAA', 'qualification'))).toBeNull();
        clearDraft(key);
        expect(readDraft(key)).toBeNull();
    });

    it('drops a field typed back to its saved value, and an empty draft altogether (blank and null are the same)', () => {
        const one = editDraft(null, record, null, 'Need_Evidence__c', 'pain');
        expect(editDraft(one, record, null, 'Need_Evidence__c', '')).toBeNull();
        const two = editDraft(one, record, null, 'Budget_Evidence__c', 'changed');
        expect(Object.keys(editDraft(two, record, null, 'Budget_Evidence__c', 'old')?.values ?? {})).toEqual(['Need_Evidence__c']);
    });

    it('merges the draft over the record', () => {
        const draft = editDraft(null, record, 't1', 'Budget_Evidence__c', 'mine');
        expect(mergeDraft(record, draft)).toEqual({ Budget_Evidence__c: 'mine', Need_Evidence__c: null });
    });

    it('ignores a corrupt stored draft and reports a browser that refuses to store one', () => {
        window.sessionStorage.setItem(key, '{not json');
        expect(readDraft(key)).toBeNull();
        const spy = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
            throw new Error('QuotaExceededError');
        });
        expect(writeDraft(key, editDraft(null, record, null, 'Need_Evidence__c', 'pain'))).toBe(false);
        spy.mockRestore();
    });
});

describe('someone else saved meanwhile', () => {
    const base = { Budget_Evidence__c: 'old budget', Need_Evidence__c: null, Title: 'VP Operations' };
    const t1 = '2026-05-14T14:50:00.000Z';
    const t2 = '2026-05-14T14:58:00.000Z';

    it('sorts each changed field: untouched by the other writer, set to the same value, or a real conflict', () => {
        const mine = { Budget_Evidence__c: 'my budget', Need_Evidence__c: 'my need', Title: 'CEO' };
        const server = { Budget_Evidence__c: 'old budget', Need_Evidence__c: 'my need', Title: 'SVP Operations', Company: 'Acme' };
        expect(reconcileFields(mine, base, server)).toEqual({
            untouched: ['Budget_Evidence__c'],
            agreed: ['Need_Evidence__c'],
            conflicts: [{ field: 'Title', base: 'VP Operations', theirs: 'SVP Operations', mine: 'CEO' }]
        });
        // A field the user cannot read (absent from the record) is not guessed to be a conflict: the save decides.
        expect(reconcileFields({ Secret__c: 'x' }, {}, {}).untouched).toEqual(['Secret__c']);
        // Blank, null and '' are the same value (as the platform stores them).
        expect(reconcileFields({ Need_Evidence__c: 'x' }, { Need_Evidence__c: '' }, { Need_Evidence__c: null }).untouched).toEqual([
            'Need_Evidence__c'
        ]);
    });

    it("moves a draft onto a newer version: other people's changes elsewhere do not matter, the same field is a conflict", () => {
        const draft = editDraft(editDraft(null, base, t1, 'Budget_Evidence__c', 'my budget'), base, t1, 'Title', 'CEO');
        const signal = reconcileDraft(draft, { ...base, Last_Demo_Request_At__c: t2 }, t2);
        expect(signal).toEqual({
            draft: {
                values: { Budget_Evidence__c: 'my budget', Title: 'CEO' },
                base: { Budget_Evidence__c: 'old budget', Title: 'VP Operations' },
                baseLastModified: t2
            },
            conflicts: []
        });
        const sameField = reconcileDraft(draft, { ...base, Title: 'SVP Operations' }, t2);
        expect(sameField.conflicts).toEqual([{ field: 'Title', base: 'VP Operations', theirs: 'SVP Operations', mine: 'CEO' }]);
        // The conflicting field keeps its old base, so it is still a conflict after a reload, until the rep chooses.
        expect(sameField.draft).toEqual({
            values: { Budget_Evidence__c: 'my budget', Title: 'CEO' },
            base: { Budget_Evidence__c: 'old budget', Title: 'VP Operations' },
            baseLastModified: t2
        });
        expect(reconcileDraft(sameField.draft, { ...base, Title: 'SVP Operations' }, t2).conflicts).toHaveLength(1);
        // Someone saved exactly the rep's values: nothing is left to save.
        expect(reconcileDraft(draft, { ...base, Budget_Evidence__c: 'my budget', Title: 'CEO' }, t2)).toEqual({
            draft: null,
            conflicts: []
        });
        expect(reconcileDraft(null, base, t2)).toEqual({ draft: null, conflicts: [] });
    });

    it('keep mine rebases the field on their value; take theirs drops it from the draft', () => {
        const draft = editDraft(editDraft(null, base, t1, 'Budget_Evidence__c', 'my budget'), base, t1, 'Title', 'CEO');
        const { draft: moved, conflicts } = reconcileDraft(draft, { ...base, Title: 'SVP Operations' }, t2);
        const conflict = conflicts[0]!;
        const kept = resolveConflict(moved, conflict, 'mine');
        expect(kept?.values.Title).toBe('CEO');
        expect(reconcileDraft(kept, { ...base, Title: 'SVP Operations' }, t2).conflicts).toEqual([]);
        const taken = resolveConflict(moved, conflict, 'theirs');
        expect(taken).toEqual({
            values: { Budget_Evidence__c: 'my budget' },
            base: { Budget_Evidence__c: 'old budget' },
            baseLastModified: t2
        });
        expect(resolveConflict(editDraft(null, base, t1, 'Title', 'CEO'), conflict, 'theirs')).toBeNull();
    });

    it('never loses what the rep typed: every value stays in the draft or a conflict unless the record already holds it', () => {
        const value = fc.oneof(fc.constantFrom(null, '', 'a', 'b', 'c'), fc.integer({ min: 0, max: 2 }));
        const fields = fc.constantFrom('A', 'B', 'C', 'D');
        fc.assert(
            fc.property(
                fc.dictionary(fields, value),
                fc.dictionary(fields, value),
                fc.dictionary(fields, value),
                (typed, start, server) => {
                    let draft = null as ReturnType<typeof editDraft>;
                    for (const [field, v] of Object.entries(typed)) draft = editDraft(draft, start, t1, field, v);
                    const { draft: next, conflicts } = reconcileDraft(draft, server, t2);
                    for (const [field, mine] of Object.entries(draft?.values ?? {})) {
                        const kept = next !== null && field in next.values && sameValue(next.values[field], mine);
                        const saved = field in server && sameValue(server[field], mine);
                        expect(kept || saved).toBe(true);
                        const shownAsConflict = conflicts.some((c) => c.field === field);
                        const changedByThem = field in server && !sameValue(server[field], start[field] ?? null);
                        expect(shownAsConflict).toBe(changedByThem && !saved);
                    }
                    // After choosing for every conflict, nothing is a conflict any more and the rep's kept values are intact.
                    let resolved = next;
                    for (const c of conflicts) resolved = resolveConflict(resolved, c, 'mine');
                    expect(reconcileDraft(resolved, server, t2).conflicts).toEqual([]);
                    for (const c of conflicts) expect(resolved?.values[c.field]).toBe(c.mine);
                }
            ),
            { seed: 15, numRuns: 500 }
        );
    });

    it('re-reads the record and tells whether a version newer than the one the save sent has arrived', async () => {
        let version = t1;
        mockedNotify.mockImplementationOnce(async () => {
            version = t2; // LDS delivers the fresh record to the wires before the refresh resolves
        });
        await expect(rereadNewerVersion('00Q5g00000LGateAAA', t1, () => version)).resolves.toBe(true);
        expect(mockedNotify).toHaveBeenCalledWith([{ recordId: '00Q5g00000LGateAAA' }]);
        await expect(rereadNewerVersion('00Q5g00000LGateAAA', t2, () => version)).resolves.toBe(false);
        mockedNotify.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        await expect(rereadNewerVersion('00Q5g00000LGateAAA', t1, () => version)).resolves.toBe(false);
    });

    it("names who saved and when, in the user's locale and time zone", () => {
        const record = {
            ...bantIncomplete,
            fields: {
                ...bantIncomplete.fields,
                LastModifiedBy: { value: { fields: { Name: { value: 'Ravi Patel', displayValue: null } } }, displayValue: 'Ravi Patel' }
            }
        } as never;
        expect(lastModifiedByName(record)).toBe('Ravi Patel');
        const noDisplay = {
            ...bantIncomplete,
            fields: { LastModifiedBy: { value: { fields: { Name: { value: 'Ana Lima', displayValue: null } } }, displayValue: null } }
        };
        expect(lastModifiedByName(noDisplay as never)).toBe('Ana Lima');
        // 14:50 UTC is 7:50 in Los Angeles (the Jest default of @salesforce/i18n/timeZone), 16:50 in Berlin.
        expect(savedByOf(record)).toEqual({
            name: 'Ravi Patel',
            when: formatDateTime(bantIncomplete.lastModifiedDate, 'en-US', 'America/Los_Angeles')
        });
        expect(formatDateTime('2026-05-14T14:50:00.000Z', 'en-US', 'America/Los_Angeles').replace(/\s/g, ' ')).toBe(
            'May 14, 2026, 7:50 AM'
        );
        expect(formatDateTime('2026-05-14T14:50:00.000Z', 'de-DE', 'Europe/Berlin')).toBe('14.05.2026, 16:50');
        expect(formatDateTime('2026-05-14T14:50:00.000Z', 'en-US', 'Not/AZone')).toMatch(/2026/);
        // Without a readable name the rep still learns when: "Someone else" from the labels.
        expect(savedByOf(bantIncomplete as never, 'en-GB', 'Europe/London')).toEqual({ name: 'Someone else', when: '14 May 2026, 15:50' });
    });
});

describe('isOpenStage', () => {
    it('offers stage actions while sales still works the lead, and not once it is decided', () => {
        expect(['New', 'MQL', 'SAL'].map((stage) => isOpenStage(stage as never))).toEqual([true, true, true]);
        expect(['SQL', 'Rejected', 'Nurture', 'Converted'].map((stage) => isOpenStage(stage as never))).toEqual([
            false,
            false,
            false,
            false
        ]);
        expect(isOpenStage(null)).toBe(false);
    });
});

describe('formatting', () => {
    it('fills numbered placeholders and leaves unknown ones visible', () => {
        expect(formatLabel('{0} of {1} criteria complete', 2, 4)).toBe('2 of 4 criteria complete');
        expect(formatLabel('{0} and {3}', 'a')).toBe('a and {3}');
    });

    it('shows a duration in its two largest units, never negative', () => {
        expect(formatDuration(9_000)).toBe('9 s');
        expect(formatDuration(5 * 60_000)).toBe('5 min');
        expect(formatDuration(4 * 60_000 + 12_000)).toBe('4 min 12 s');
        expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
        expect(formatDuration(51 * 3_600_000)).toBe('2 d 3 h');
        expect(formatDuration(-5_000)).toBe('0 s');
    });
});

describe('the save problem as the rep sees it', () => {
    it("carries the title and message for its kind, and drops a field's message once the rep edits that field", () => {
        const problem = shownProblem(classifySaveError(validationError));
        expect(problem.title).toBe('The lead was not saved');
        expect(problem.kind).toBe('validation');
        const field = Object.keys(problem.fieldErrors)[0]!;
        const edited = withoutFieldError(problem, field)!;
        expect(edited.fieldErrors[field]).toBeUndefined();
        expect(Object.keys(edited.fieldErrors)).toHaveLength(Object.keys(problem.fieldErrors).length - 1);
        expect(problem.fieldErrors[field]).toBeDefined();
        expect(withoutFieldError(problem, 'Not_A_Field__c')).toBe(problem);
        expect(withoutFieldError(null, field)).toBeNull();
    });

    it('Reload and re-apply: nothing to show when the reload was asked; a dropped connection is a network problem', async () => {
        mockedNotify.mockResolvedValueOnce(undefined as never);
        await expect(reloadRecord(bantIncomplete.id)).resolves.toBeNull();
        expect(mockedNotify).toHaveBeenLastCalledWith([{ recordId: bantIncomplete.id }]);
        mockedNotify.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        await expect(reloadRecord(bantIncomplete.id)).resolves.toMatchObject({ kind: 'network', status: null });
        mockedNotify.mockRejectedValueOnce({ body: { message: 'Server down' }, status: 500 });
        await expect(reloadRecord(bantIncomplete.id)).resolves.toMatchObject({ kind: 'server' });
    });

    it("conflict rows show the rep's typed value when there is one, else the value the conflict recorded", () => {
        const conflicts = [
            { field: 'Need_Evidence__c', base: null, theirs: 'theirs', mine: 'recorded' },
            { field: 'Status', base: 'Marketing Qualified', theirs: 'Nurture', mine: 'Sales Accepted' }
        ];
        expect(conflictRowsOf(conflicts, { Need_Evidence__c: 'typed' }, (field) => `label of ${field}`)).toEqual([
            { field: 'Need_Evidence__c', label: 'label of Need_Evidence__c', theirs: 'theirs', mine: 'typed' },
            { field: 'Status', label: 'label of Status', theirs: 'Nurture', mine: 'Sales Accepted' }
        ]);
    });
});

describe('Custom Labels of the record page', () => {
    it('every label a record-page bundle imports exists in the CustomLabels file', () => {
        const labels = readCustomLabels();
        const lwcDir = join(__dirname, '..', '..');
        const bundles = [
            'leadGateUi',
            'qualificationPanel',
            'qualificationWorkspace',
            'frameworkChoice',
            'criteriaList',
            'criterionCard',
            'readinessList',
            'fitFacts',
            'stageActions',
            'saveProblem',
            'cardState',
            'leadScoreCard',
            'leadRejection',
            'rejectionNotes',
            'speedToLeadClock',
            'conflictChoices'
        ];
        const imported = bundles.flatMap((bundle) =>
            readdirSync(join(lwcDir, bundle))
                .filter((file) => file.endsWith('.ts'))
                .flatMap((file) =>
                    [...readFileSync(join(lwcDir, bundle, file), 'utf8').matchAll(/@salesforce\/label\/c\.(\w+)/g)].map((m) => m[1]!)
                )
        );
        expect(imported.length).toBeGreaterThan(100);
        expect(imported.filter((name) => !labels.has(name))).toEqual([]);
    });
});
