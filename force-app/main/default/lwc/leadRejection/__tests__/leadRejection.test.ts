import { getRecord, updateRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import LeadRejection from 'c/leadRejection';
import {
    flushPromises,
    mount,
    mountWired,
    useComponentTest,
    testWire,
    $,
    $$,
    visibleText,
    helpButtonNames,
    typeInto,
    pick,
    clickAction
} from '../../../../../../jest/testUtils';
import mql from './data/getRecord.mql.json';
import mqlChangedByOther from './data/getRecord.mqlChangedByOther.json';
import alreadyRejected from './data/getRecord.alreadyRejected.json';
import rejectionReasons from './data/getPicklistValues.rejectionReason.json';
import notesRequired from './data/updateRecord.notesRequired.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';
import conflict from '../../leadGateUi/__tests__/data/updateRecord.conflict.json';

jest.mock('lightning/uiRecordApi', () => {
    const actual = jest.requireActual('lightning/uiRecordApi');
    return { ...actual, updateRecord: jest.fn(), notifyRecordUpdateAvailable: jest.fn(() => Promise.resolve()) };
});
const mockedUpdateRecord = jest.mocked(updateRecord);
const mockedNotify = jest.mocked(notifyRecordUpdateAvailable);

const getRecordAdapter = testWire(getRecord);
const picklistAdapter = testWire(getPicklistValues);

const showForm = (props: Record<string, unknown> = {}, record: { id: string } = mql): Promise<HTMLElement> =>
    mountWired('c-lead-rejection', LeadRejection, { recordId: record.id, ...props }, [
        [getRecord, record],
        [getObjectInfo, objectInfo],
        [getPicklistValues, rejectionReasons]
    ]);

const reasonBox = (form: HTMLElement): HTMLElement & { value: string; options: Array<{ label: string; value: string }> } =>
    $(form, 'lightning-combobox') as never;
const notesBox = (form: HTMLElement): HTMLTextAreaElement => $<HTMLTextAreaElement>(form, 'textarea')!;
const text = (form: HTMLElement, selector: string): string => visibleText($(form, selector)!);

async function choose(form: HTMLElement, reason: string): Promise<void> {
    pick(reasonBox(form), reason);
    await flushPromises();
}
async function typeNotes(form: HTMLElement, notes: string): Promise<void> {
    typeInto(notesBox(form), notes);
    await flushPromises();
}
async function submit(form: HTMLElement): Promise<void> {
    clickAction(form, 'submit');
    await flushPromises();
}

const OTHER_NOTES = 'Reseller asking for a partner discount, not a buyer';
const THEIR_NOTES = 'Partner channel lead: route to the partner team';

/** The lead as someone else saved it at `at`: the changed fields, a new LastModifiedDate and who saved it. */
function savedByOther<T extends { fields: Record<string, unknown> }>(
    record: T,
    changes: Record<string, unknown>,
    at: string,
    by: string
): T {
    const fields = { ...record.fields, LastModifiedDate: { value: at, displayValue: null } } as Record<string, unknown>;
    for (const [field, value] of Object.entries(changes)) fields[field] = { value, displayValue: null };
    fields.LastModifiedBy = { value: { apiName: 'User', fields: { Name: { value: by, displayValue: null } } }, displayValue: by };
    return { ...record, fields, lastModifiedDate: at, systemModstamp: at };
}

/** The next refresh (notifyRecordUpdateAvailable) delivers `record` to the wire before it resolves, as LDS does. */
function nextRefreshDelivers(record: unknown): void {
    mockedNotify.mockImplementationOnce(async () => {
        getRecordAdapter.emit(record);
    });
}

const conflictBox = (form: HTMLElement): HTMLElement | null => $(form, 'c-conflict-choices');
const conflictRows = (form: HTMLElement): string[][] => {
    const box = conflictBox(form);
    return box
        ? $$(box, '[data-conflict]').map((row) => [text(row, 'h3'), text(row, '[data-id="theirs"]'), text(row, '[data-id="mine"]')])
        : [];
};
async function chooseVersion(form: HTMLElement, field: string, choice: 'mine' | 'theirs'): Promise<void> {
    $(conflictBox(form)!, `button[data-field="${field}"][data-choice="${choice}"]`)!.click();
    await flushPromises();
}

describe('c-lead-rejection', () => {
    useComponentTest();

    it("offers the org's rejection reasons from the picklist, including one the definition does not know", async () => {
        const form = await showForm();
        expect(picklistAdapter.getLastConfig()).toEqual({
            recordTypeId: mql.recordTypeId,
            fieldApiName: { objectApiName: 'Lead', fieldApiName: 'Rejection_Reason__c' }
        });
        expect(reasonBox(form).options.map((o) => o.label)).toEqual(rejectionReasons.values.map((v) => v.label));
        expect(reasonBox(form).options.map((o) => o.value)).toContain('Existing Customer');
        expect(reasonBox(form).value).toBe('');
        await expect(form).toBeAccessible();
    });

    it("names the reason's help button after the field, never a bare Help", async () => {
        const form = await showForm();
        expect(helpButtonNames(form)).toEqual(['Help: Rejection Reason']);
    });

    it('rejects without notes for a reason that needs none, and sends the lead to Nurture when the definition recycles it', async () => {
        const form = await showForm();
        const rejected = jest.fn();
        form.addEventListener('rejected', rejected);
        await choose(form, 'No Budget');
        expect(text(form, '[data-id="destination"]')).toBe('The lead moves to Nurture. No money set aside now; marketing keeps nurturing.');
        expect(text(form, '[data-id="notes-counter"]')).toBe('0 characters (optional)');
        expect(notesBox(form).required).toBe(false);

        mockedUpdateRecord.mockResolvedValueOnce(mql as never);
        await submit(form);
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: mql.id, Status: 'Nurture', Rejection_Reason__c: 'No Budget', Rejection_Notes__c: null } },
            { ifUnmodifiedSince: mql.lastModifiedDate }
        );
        expect(rejected).toHaveBeenCalledTimes(1);
        expect(rejected.mock.calls[0][0].detail).toEqual({ status: 'Nurture', reason: 'No Budget' });
        expect(text(form, '[data-id="done"]')).toBe('Lead rejected. The reason is recorded for marketing.');
        await expect(form).toBeAccessible();
    });

    it('requires notes for Other with a live counter, and saves nothing until they are long enough', async () => {
        const form = await showForm();
        await choose(form, 'Other');
        expect(text(form, '[data-id="destination"]')).toBe('The lead moves to Rejected. Anything else: explain in the notes.');
        expect(notesBox(form).required).toBe(true);
        expect(text(form, '[data-id="notes-counter"]')).toBe('0 of the 20 characters required');

        await typeNotes(form, 'Wrong buyer');
        expect(text(form, '[data-id="notes-counter"]')).toBe('11 of the 20 characters required');
        await submit(form);
        expect(mockedUpdateRecord).not.toHaveBeenCalled();
        expect(text(form, '[data-error-for="Rejection_Notes__c"]')).toBe(
            'Write at least 20 characters of notes: the reason Other needs an explanation.'
        );
        expect(notesBox(form).getAttribute('aria-invalid')).toBe('true');
        expect(notesBox(form).getAttribute('aria-describedby')).toContain($(form, '[data-error-for="Rejection_Notes__c"]')!.id);
        await expect(form).toBeAccessible();

        await typeNotes(form, OTHER_NOTES);
        expect(text(form, '[data-id="notes-counter"]')).toBe(`${OTHER_NOTES.length} characters: enough`);
        expect($(form, '[data-error-for="Rejection_Notes__c"]')).toBeNull();
        mockedUpdateRecord.mockResolvedValueOnce(mql as never);
        await submit(form);
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: mql.id, Status: 'Rejected', Rejection_Reason__c: 'Other', Rejection_Notes__c: OTHER_NOTES } },
            { ifUnmodifiedSince: mql.lastModifiedDate }
        );
    });

    it('asks for a reason before saving anything', async () => {
        const form = await showForm();
        await submit(form);
        expect(mockedUpdateRecord).not.toHaveBeenCalled();
        expect(text(form, '[data-error-for="Rejection_Reason__c"]')).toBe('Choose a rejection reason: marketing uses it to fix targeting.');
        await expect(form).toBeAccessible();
    });

    it('preselects the reason a Disqualifying criterion points to, which the rep can change', async () => {
        const form = await showForm({ presetReason: 'Bad Timing' });
        expect(reasonBox(form).value).toBe('Bad Timing');
        expect(text(form, '[data-id="destination"]')).toMatch(/^The lead moves to Nurture\./);
        await choose(form, 'Poor Fit');
        expect(reasonBox(form).value).toBe('Poor Fit');
        await expect(form).toBeAccessible();
    });

    it('shows a validation rule from the server next to the notes and keeps what the rep typed', async () => {
        const form = await showForm();
        await choose(form, 'Other');
        // Enough for the definition (20 characters), but the org's rule refuses it: the server has the last word.
        await typeNotes(form, 'Exactly twenty chars');
        mockedUpdateRecord.mockRejectedValueOnce(notesRequired);
        await submit(form);
        expect(text(form, '[data-id="problem"] h3')).toBe('The lead was not saved');
        expect(text(form, '[data-error-for="Rejection_Notes__c"]')).toBe(
            'Rejection reason Other needs notes of at least 20 characters: say what you found, so marketing can fix the targeting.'
        );
        expect(notesBox(form).value).toBe('Exactly twenty chars');
        expect(reasonBox(form).value).toBe('Other');
        await expect(form).toBeAccessible();
    });

    it('on a conflict keeps reason and notes, explains, and re-applies them on the reloaded lead', async () => {
        const form = await showForm();
        await choose(form, 'Other');
        await typeNotes(form, OTHER_NOTES);
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        await submit(form);
        expect(text(form, '[data-id="problem"] h3')).toBe('Someone else saved this lead first');
        // The server's own message (raw timestamps, no name) is not shown.
        expect($(form, '[data-id="problem-messages"]')).toBeNull();
        expect(notesBox(form).value).toBe(OTHER_NOTES);
        await expect(form).toBeAccessible();

        clickAction(form, 'reload-reapply');
        await flushPromises();
        expect(mockedNotify).toHaveBeenCalledWith([{ recordId: mql.id }]);
        getRecordAdapter.emit(mqlChangedByOther);
        await flushPromises();
        expect(text(form, '[data-id="reapplied"]')).toMatch(/your reason and notes are kept/);
        expect(reasonBox(form).value).toBe('Other');
        expect(notesBox(form).value).toBe(OTHER_NOTES);

        mockedUpdateRecord.mockResolvedValueOnce(mqlChangedByOther as never);
        await submit(form);
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(expect.anything(), { ifUnmodifiedSince: mqlChangedByOther.lastModifiedDate });
    });

    it('a draft restored after a reload and a background write is submitted on the newest version, with no conflict', async () => {
        let form = await showForm();
        await choose(form, 'Other');
        await typeNotes(form, OTHER_NOTES);
        document.body.removeChild(form);
        // Meanwhile someone else changed the Title; the rep reloads the page.
        form = await showForm({}, mqlChangedByOther);
        expect(reasonBox(form).value).toBe('Other');
        expect(notesBox(form).value).toBe(OTHER_NOTES);
        mockedUpdateRecord.mockResolvedValueOnce(mqlChangedByOther as never);
        await submit(form);
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: mql.id, Status: 'Rejected', Rejection_Reason__c: 'Other', Rejection_Notes__c: OTHER_NOTES } },
            { ifUnmodifiedSince: mqlChangedByOther.lastModifiedDate }
        );
        expect($(form, '[data-id="problem"]')).toBeNull();
        expect($(form, '[data-id="done"]')).not.toBeNull();
        await expect(form).toBeAccessible();
    });

    it('a submit that meets a write to other fields re-reads and submits again on its own, with no message', async () => {
        const form = await showForm();
        await choose(form, 'Other');
        await typeNotes(form, OTHER_NOTES);
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        mockedUpdateRecord.mockResolvedValueOnce(mqlChangedByOther as never);
        nextRefreshDelivers(mqlChangedByOther);
        await submit(form);
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(2);
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(expect.anything(), { ifUnmodifiedSince: mqlChangedByOther.lastModifiedDate });
        expect($(form, '[data-id="problem"]')).toBeNull();
        expect(conflictBox(form)).toBeNull();
        expect($(form, '[data-id="done"]')).not.toBeNull();
    });

    it.each(['mine', 'theirs'] as const)(
        'someone else wrote the notes meanwhile: both versions, who and when, and one click (%s) settles it',
        async (choice) => {
            const theirs = savedByOther(mql, { Rejection_Notes__c: THEIR_NOTES }, '2026-05-14T14:59:00.000Z', 'Ravi Patel');
            const form = await showForm();
            await choose(form, 'Other');
            await typeNotes(form, OTHER_NOTES);
            mockedUpdateRecord.mockRejectedValueOnce(conflict);
            nextRefreshDelivers(theirs);
            await submit(form);
            expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
            expect($(form, '[data-id="problem"]')).toBeNull();
            expect(text(conflictBox(form)!, '[data-id="saved-by"]')).toMatch(/^Last saved by Ravi Patel on May 14, 2026, 7:59\sAM\./);
            expect(conflictRows(form)).toEqual([['Rejection Notes', THEIR_NOTES, OTHER_NOTES]]);
            expect(notesBox(form).value).toBe(OTHER_NOTES);
            await expect(form).toBeAccessible();

            mockedUpdateRecord.mockResolvedValueOnce(theirs as never);
            await chooseVersion(form, 'Rejection_Notes__c', choice);
            expect(mockedUpdateRecord).toHaveBeenCalledTimes(2);
            expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
                {
                    fields: {
                        Id: mql.id,
                        Status: 'Rejected',
                        Rejection_Reason__c: 'Other',
                        Rejection_Notes__c: choice === 'mine' ? OTHER_NOTES : THEIR_NOTES
                    }
                },
                { ifUnmodifiedSince: theirs.lastModifiedDate }
            );
            expect($(form, '[data-id="done"]')).not.toBeNull();
        }
    );

    it('on a network error keeps reason and notes (even across a page reload) and offers Try again', async () => {
        let form = await showForm();
        await choose(form, 'Other');
        await typeNotes(form, OTHER_NOTES);
        mockedUpdateRecord.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        await submit(form);
        expect(text(form, '[data-id="problem"]')).toMatch(
            /^Salesforce could not be reached Nothing was saved because the connection dropped\./
        );
        expect(notesBox(form).value).toBe(OTHER_NOTES);

        document.body.removeChild(form);
        form = await showForm();
        expect(reasonBox(form).value).toBe('Other');
        expect(notesBox(form).value).toBe(OTHER_NOTES);

        mockedUpdateRecord.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        await submit(form);
        mockedUpdateRecord.mockResolvedValueOnce(mql as never);
        clickAction(form, 'retry');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(3);
        expect($(form, '[data-id="done"]')).not.toBeNull();
        await expect(form).toBeAccessible();
    });

    it('cancel closes the form for the parent and forgets the draft', async () => {
        const form = await showForm();
        const cancelled = jest.fn();
        form.addEventListener('cancel', cancelled);
        await choose(form, 'Duplicate');
        clickAction(form, 'cancel');
        await flushPromises();
        expect(cancelled).toHaveBeenCalledTimes(1);
        expect(window.sessionStorage.length).toBe(0);
    });

    it('a lead that is already rejected cannot be rejected again here', async () => {
        const form = await showForm({}, alreadyRejected);
        expect(text(form, '[data-id="not-open"]')).toBe('This lead is Rejected, so it cannot be rejected here.');
        expect($$(form, 'lightning-combobox')).toHaveLength(0);
        await expect(form).toBeAccessible();
    });

    it('says what to do when the org offers no rejection reasons', async () => {
        const form = mount('c-lead-rejection', LeadRejection, { recordId: mql.id });
        await flushPromises();
        getRecordAdapter.emit(mql);
        picklistAdapter.emit({ ...rejectionReasons, values: [] });
        await flushPromises();
        expect(text(form, '[data-id="no-reasons"]')).toMatch(/^No rejection reasons are available to you\./);
        await expect(form).toBeAccessible();
    });
});
