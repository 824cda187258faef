import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { getRecord, updateRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import QualificationPanel from 'c/qualificationPanel';
import {
    flushPromises,
    mount,
    mountWired,
    useComponentTest,
    focused,
    testWire,
    $,
    $$,
    visibleText,
    helpButtonNames,
    typeInto,
    pick,
    clickAction
} from '../../../../../../jest/testUtils';
import bantIncomplete from './data/getRecord.bantIncomplete.json';
import bantIncompleteChangedByOther from './data/getRecord.bantIncompleteChangedByOther.json';
import bantIncompleteHiddenEvidence from './data/getRecord.bantIncompleteHiddenEvidence.json';
import bantQualified from './data/getRecord.bantQualified.json';
import bantDisqualifying from './data/getRecord.bantDisqualifying.json';
import meddicComplete from './data/getRecord.meddicComplete.json';
import noFramework from './data/getRecord.noFramework.json';
import validationError from './data/updateRecord.validationError.json';
import qualifyRefused from './data/updateRecord.qualifyRefused.json';
import leadPicklists from './data/getPicklistValuesByRecordType.lead.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';
import conflict from '../../leadGateUi/__tests__/data/updateRecord.conflict.json';

jest.mock('lightning/uiRecordApi', () => {
    const actual = jest.requireActual('lightning/uiRecordApi');
    return { ...actual, updateRecord: jest.fn(), notifyRecordUpdateAvailable: jest.fn(() => Promise.resolve()) };
});
const mockedUpdateRecord = jest.mocked(updateRecord);
const mockedNotify = jest.mocked(notifyRecordUpdateAvailable);
/** The event name ShowToastEvent dispatches (platform and the sfdx-lwc-jest stub). */
const TOAST = 'lightning__showtoast';

const getRecordAdapter = testWire(getRecord);
const objectInfoAdapter = testWire(getObjectInfo);
const leadPicklistsAdapter = testWire(getPicklistValuesByRecordType);

/** A generated validation rule's own error message, read from its XML in force-app (the words Salesforce shows). */
function ruleMessage(rule: string): string {
    const file = join(__dirname, '../../../objects/Lead/validationRules', `${rule}.validationRule-meta.xml`);
    const parsed = new XMLParser({ parseTagValue: false, trimValues: true }).parse(readFileSync(file, 'utf8'));
    return String(parsed.ValidationRule.errorMessage);
}

interface RecordFixture {
    id: string;
    lastModifiedDate: string;
}

/** What updateRecord resolves with: the record carrying the saved values and a new LastModifiedDate. */
function savedRecord<T extends { fields: Record<string, unknown> }>(record: T, saved: Record<string, unknown>): T {
    const lastModifiedDate = new Date(Date.now()).toISOString();
    const fields = { ...record.fields, LastModifiedDate: { value: lastModifiedDate, displayValue: null } } as Record<string, unknown>;
    for (const [field, value] of Object.entries(saved)) fields[field] = { value, displayValue: null };
    return { ...record, fields, lastModifiedDate };
}

const showPanel = (record: RecordFixture): Promise<HTMLElement> =>
    mountWired('c-qualification-panel', QualificationPanel, { recordId: record.id }, [
        [getRecord, record],
        [getObjectInfo, objectInfo],
        [getPicklistValuesByRecordType, leadPicklists]
    ]);

const text = (panel: HTMLElement, selector: string): string => visibleText($(panel, selector)!);
const evidenceBox = (panel: HTMLElement, field: string): HTMLTextAreaElement =>
    $<HTMLTextAreaElement>(panel, `textarea[data-field="${field}"]`)!;
const blockers = (panel: HTMLElement): string[] => $$(panel, '[data-blocker] > span').map((el) => visibleText(el));
const storedDraft = (recordId: string): Record<string, unknown> | null => {
    const raw = window.sessionStorage.getItem(`leadgate:draft:qualification:${recordId}`);
    return raw ? (JSON.parse(raw).values as Record<string, unknown>) : null;
};

/** Each conflict the panel shows: field label, their value, the rep's value. */
const conflictRows = (panel: HTMLElement): string[][] => {
    const box = $(panel, 'c-conflict-choices');
    return box
        ? $$(box, '[data-conflict]').map((row) => [text(row, 'h3'), text(row, '[data-id="theirs"]'), text(row, '[data-id="mine"]')])
        : [];
};

async function choose(panel: HTMLElement, field: string, choice: 'mine' | 'theirs'): Promise<void> {
    $($(panel, 'c-conflict-choices')!, `button[data-field="${field}"][data-choice="${choice}"]`)!.click();
    await flushPromises();
}

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

/** An intent signal arrived at 14:58 (the integration user wrote Last_Demo_Request_At__c): nothing the rep edits. */
const afterSignal = savedByOther(
    bantIncomplete,
    { Last_Demo_Request_At__c: '2026-05-14T14:57:00.000Z' },
    '2026-05-14T14:58:00.000Z',
    'LeadGate Integration'
);

/** The next refresh (notifyRecordUpdateAvailable) delivers `record` to the wire before it resolves, as LDS does. */
function nextRefreshDelivers(record: unknown): void {
    mockedNotify.mockImplementationOnce(async () => {
        getRecordAdapter.emit(record);
    });
}

async function typeEvidence(panel: HTMLElement, field: string, value: string): Promise<void> {
    typeInto(evidenceBox(panel, field), value);
    await flushPromises();
}

describe('c-qualification-panel', () => {
    useComponentTest();

    it('asks for the fields readiness reads as optional fields, so a field the rep cannot read does not break the page', async () => {
        const panel = mount('c-qualification-panel', QualificationPanel, { recordId: bantIncomplete.id });
        await flushPromises();
        expect($(panel, 'lightning-spinner')).not.toBeNull();
        const config = getRecordAdapter.getLastConfig()!;
        expect(config.recordId).toBe(bantIncomplete.id);
        expect(config.fields).toEqual([{ objectApiName: 'Lead', fieldApiName: 'Status' }]);
        expect(config.optionalFields).toEqual(
            expect.arrayContaining([
                'Lead.Budget_Evidence__c',
                'Lead.Champion_Status__c',
                'Lead.Accepted_At__c',
                'Lead.Rejection_Reason__c',
                'Lead.LastModifiedDate'
            ])
        );
        await expect(panel).toBeAccessible();
    });

    it('BANT, incomplete: each criterion with status, evidence and counter, the count, and exactly what blocks Sales Qualified', async () => {
        const panel = await showPanel(bantIncomplete);

        const framework = $(panel, 'lightning-radio-group') as HTMLElement & { value: string; label: string };
        expect(framework.value).toBe('BANT');
        expect(framework.label).toBe('Qualification Framework');
        expect(text(panel, '[data-id="suggestion"]')).toBe(
            'Suggested for this lead: BANT. LeadGate suggests MEDDIC for companies with 1,000+ employees or 100,000,000+ annual revenue, and BANT for the others.'
        );
        expect($$(panel, 'fieldset[data-criterion]').map((f) => f.dataset.criterion)).toEqual(['Budget', 'Authority', 'Need', 'Timeline']);
        const budgetStatus = $(panel, 'lightning-combobox[data-field="Budget_Status__c"]') as HTMLElement & {
            label: string;
            value: string;
            options: Array<{ value: string }>;
        };
        expect(budgetStatus.label).toBe('Budget Status');
        expect(budgetStatus.value).toBe('Confirmed');
        expect(budgetStatus.options.map((o) => o.value)).toEqual(['Not Started', 'In Progress', 'Confirmed', 'Disqualifying']);
        // Statuses and fit facts come from one picklist request for the lead's record type.
        expect(leadPicklistsAdapter.getLastConfig()).toEqual(expect.objectContaining({ recordTypeId: bantIncomplete.recordTypeId }));

        expect(text(panel, 'label[for^="evidence-Need"]')).toBe('Need Evidence');
        expect(evidenceBox(panel, 'Need_Evidence__c').value).toBe('Slow');
        expect(text(panel, '[data-counter-for="Need_Evidence__c"]')).toBe('4 of the 20 letters and digits of evidence needed');
        expect(text(panel, '[data-counter-for="Budget_Evidence__c"]')).toBe('28 letters and digits: enough evidence');
        const needHelp = evidenceBox(panel, 'Need_Evidence__c').getAttribute('aria-describedby')!.split(' ');
        expect(needHelp).toHaveLength(2);
        // The field's inline help (metadata), which carries the definition's question and good-evidence example.
        expect(visibleText($(panel, `[id="${needHelp[1]}"]`)!)).toBe(objectInfo.fields.Need_Evidence__c.inlineHelpText);
        expect(objectInfo.fields.Need_Evidence__c.inlineHelpText).toMatch(/^What problem hurts, in their words\?.*"Reps lose 6 h a week/);

        expect($$(panel, '[data-id="criterion-state"]').map((b) => visibleText(b))).toEqual([
            'Complete',
            'Not confirmed',
            'Needs evidence',
            'Not confirmed'
        ]);
        expect(text(panel, '[data-id="complete-count"]')).toBe('1 of 4 criteria complete');
        expect(blockers(panel)).toEqual([
            'Authority: set the status to Confirmed (now In Progress) and write evidence of at least 20 letters and digits (now 10).',
            'Need: write evidence of at least 20 letters and digits (now 4).',
            'Timeline: set the status to Confirmed (now not set) and write evidence of at least 20 letters and digits (now 0).',
            'Accept the lead first: it must be Sales Accepted before it can be Sales Qualified.'
        ]);

        // The score card beside the list scores the same lead: fit 20 + 25 + 10, intent 40 * 0.5 ^ (2 / 30) = 38.
        expect(text(panel, 'c-lead-score-card')).toContain('Fit: 55 of 100 (bar 40)');
        expect(text(panel, 'c-lead-score-card')).toContain('Intent: 38 of 100 (bar 30)');

        expect($(panel, '[data-action="accept"]')).not.toBeNull();
        // The list guides; the server judges: Mark Sales Qualified stays available and says how many blockers remain.
        const qualify = $<HTMLButtonElement>(panel, '[data-action="qualify"]')!;
        expect(qualify.disabled).toBe(false);
        expect(text(panel, '[data-id="qualify-blocked"]')).toBe(
            'Still blocking Sales Qualified: 4 (see the list). You can try now: Salesforce will say what is missing beside each criterion.'
        );
        expect(qualify.getAttribute('aria-describedby')).toBe($(panel, '[data-id="qualify-blocked"]')!.id);
        expect($(panel, '[data-action="reject"]')).not.toBeNull();
        expect($(panel, '[data-action="save"]')).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('typing evidence updates the counter and the readiness list before saving, hands the draft to the score card, and keeps it', async () => {
        const panel = await showPanel(bantIncomplete);
        await typeEvidence(panel, 'Need_Evidence__c', 'Reps lose 6 h a week rekeying leads');

        expect(text(panel, '[data-counter-for="Need_Evidence__c"]')).toBe('28 letters and digits: enough evidence');
        expect(text(panel, '[data-id="complete-count"]')).toBe('2 of 4 criteria complete');
        expect(blockers(panel)).not.toContain('Need: write evidence of at least 20 letters and digits (now 4).');
        const scoreCard = $(panel, 'c-lead-score-card') as HTMLElement & { lead: Record<string, unknown> };
        expect(scoreCard.lead.Need_Evidence__c).toBe('Reps lose 6 h a week rekeying leads');
        expect(storedDraft(bantIncomplete.id)).toEqual({ Need_Evidence__c: 'Reps lose 6 h a week rekeying leads' });
        expect(text(panel, '[data-id="unsaved"]')).toBe('You have unsaved changes.');

        pick($(panel, 'lightning-combobox[data-field="Timeline_Status__c"]')!, 'In Progress');
        await flushPromises();
        expect(blockers(panel)).toContain(
            'Timeline: set the status to Confirmed (now In Progress) and write evidence of at least 20 letters and digits (now 0).'
        );

        clickAction(panel, 'discard');
        await flushPromises();
        expect(evidenceBox(panel, 'Need_Evidence__c').value).toBe('Slow');
        expect(storedDraft(bantIncomplete.id)).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('Accept saves the unsaved evidence and the new status in one call, with ifUnmodifiedSince', async () => {
        const panel = await showPanel(bantIncomplete);
        const toasts = jest.fn();
        panel.addEventListener(TOAST, toasts);
        await typeEvidence(panel, 'Authority_Evidence__c', 'VP Ops Priya Shah signs off on tools');
        mockedUpdateRecord.mockResolvedValueOnce(
            savedRecord(bantIncomplete, {
                Authority_Evidence__c: 'VP Ops Priya Shah signs off on tools',
                Status: 'Sales Accepted'
            }) as never
        );

        clickAction(panel, 'accept');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: bantIncomplete.id, Authority_Evidence__c: 'VP Ops Priya Shah signs off on tools', Status: 'Sales Accepted' } },
            { ifUnmodifiedSince: bantIncomplete.lastModifiedDate }
        );
        expect(toasts.mock.calls[0][0].detail).toMatchObject({ title: 'Lead accepted', variant: 'success' });
        expect(storedDraft(bantIncomplete.id)).toBeNull();
        expect(evidenceBox(panel, 'Authority_Evidence__c').value).toBe('VP Ops Priya Shah signs off on tools');
        expect(text(panel, '[data-id="stage"]')).toBe('Stage: Sales Accepted');
        expect($(panel, '[data-action="accept"]')).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('MEDDIC, complete and accepted: nothing blocks, and Mark Sales Qualified saves the status', async () => {
        const panel = await showPanel(meddicComplete);
        expect($$(panel, 'fieldset[data-criterion]')).toHaveLength(6);
        expect($$(panel, '[data-id="criterion-state"]').map((b) => visibleText(b))).toEqual(Array(6).fill('Complete'));
        expect(text(panel, '[data-id="complete-count"]')).toBe('6 of 6 criteria complete');
        expect(text(panel, '[data-id="ready"]')).toBe('Nothing blocks this lead: it can be marked Sales Qualified.');
        expect(text(panel, '[data-id="suggestion"]')).toMatch(/^Suggested for this lead: MEDDIC\./);
        expect($(panel, '[data-action="accept"]')).toBeNull();

        const toasts = jest.fn();
        panel.addEventListener(TOAST, toasts);
        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(meddicComplete, { Status: 'Sales Qualified' }) as never);
        clickAction(panel, 'qualify');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: meddicComplete.id, Status: 'Sales Qualified' } },
            { ifUnmodifiedSince: meddicComplete.lastModifiedDate }
        );
        expect(toasts.mock.calls[0][0].detail.title).toBe('Lead is now Sales Qualified');
        expect(text(panel, '[data-id="stage"]')).toBe('Stage: Sales Qualified');
        expect($(panel, '[data-action="qualify"]')).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('no framework yet: explains, suggests one from the company size, and choosing it shows its criteria', async () => {
        const panel = await showPanel(noFramework);
        expect(text(panel, '[data-id="no-framework"]')).toMatch(/^Choose a qualification framework above to see its criteria\./);
        expect(blockers(panel)[0]).toBe('Choose a qualification framework.');
        expect(text(panel, '[data-id="suggestion"]')).toMatch(/^Suggested for this lead: MEDDIC\./);
        await expect(panel).toBeAccessible();

        clickAction(panel, 'use-suggestion');
        await flushPromises();
        expect(($(panel, 'lightning-radio-group') as HTMLElement & { value: string }).value).toBe('MEDDIC');
        expect($$(panel, 'fieldset[data-criterion]')).toHaveLength(6);
        expect(storedDraft(noFramework.id)).toEqual({ Qualification_Framework__c: 'MEDDIC' });

        pick($(panel, 'lightning-radio-group')!, 'BANT');
        await flushPromises();
        expect($$(panel, 'fieldset[data-criterion]').map((f) => f.dataset.criterion)).toEqual(['Budget', 'Authority', 'Need', 'Timeline']);
    });

    it('a criterion marked Disqualifying offers the matching rejection with its reason preselected', async () => {
        const panel = await showPanel(bantDisqualifying);
        expect(text(panel, '[data-criterion="Timeline"] [data-id="disqualifying"] p')).toBe(
            'Timeline is marked Disqualifying, which points to rejecting the lead as Bad Timing. Reject it, or change the status if the situation has changed.'
        );
        expect($(panel, 'c-lead-rejection')).toBeNull();

        clickAction(panel, 'reject-as');
        await flushPromises();
        const rejection = $(panel, 'c-lead-rejection') as HTMLElement & { recordId: string; presetReason: string };
        expect(rejection.recordId).toBe(bantDisqualifying.id);
        expect(rejection.presetReason).toBe('Bad Timing');

        rejection.dispatchEvent(new CustomEvent('cancel'));
        await flushPromises();
        expect($(panel, 'c-lead-rejection')).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('validation error on save: the rule shown on a field appears next to it, the others at the top, and the draft is kept', async () => {
        const panel = await showPanel(bantQualified);
        expect(text(panel, '[data-id="stage"]')).toBe('Stage: Sales Qualified');
        expect($(panel, '[data-action="accept"]')).toBeNull();
        expect($(panel, '[data-action="reject"]')).toBeNull();

        await typeEvidence(panel, 'Timeline_Evidence__c', 'soon');
        mockedUpdateRecord.mockRejectedValueOnce(validationError);
        clickAction(panel, 'save');
        await flushPromises();

        expect(text(panel, '[data-id="problem"] h2')).toBe('The lead was not saved');
        expect(text(panel, '[data-id="problem"] h2 + p')).toBe(
            'Salesforce refused the change. Fix each field marked below and anything listed here, then save again. Your changes are still here.'
        );
        expect($$(panel, '[data-id="problem-messages"] li').map((li) => visibleText(li))).toEqual([
            'Sales Qualified leads need a phone number or email address: add one, then save.'
        ]);
        // Email is a lead fact the panel shows: its section opens and the rule's message sits beside the Email box.
        expect($(panel, '[data-action="toggle-facts"]')!.getAttribute('aria-expanded')).toBe('true');
        const emailError = $(panel, '[data-error-for="Email"]')!;
        expect(visibleText(emailError)).toBe("Use the lead's work email address, not a personal one, before it becomes Sales Qualified.");
        expect($(panel, 'input[data-fact="Email"]')!.getAttribute('aria-describedby')!.split(' ')[0]).toBe(emailError.id);
        const fieldError = $(panel, '[data-error-for="Timeline_Evidence__c"]')!;
        expect(visibleText(fieldError)).toMatch(
            /^Timeline is not complete: set Timeline Status to Confirmed and write evidence of at least 20 letters and digits/
        );
        const box = evidenceBox(panel, 'Timeline_Evidence__c');
        expect(box.getAttribute('aria-invalid')).toBe('true');
        expect(box.getAttribute('aria-describedby')!.split(' ')[0]).toBe(fieldError.id);
        expect(box.value).toBe('soon');
        expect(storedDraft(bantQualified.id)).toEqual({ Timeline_Evidence__c: 'soon' });
        expect(focused(panel)).toBe($(panel, '[data-id="problem"]'));
        await expect(panel).toBeAccessible();

        await typeEvidence(panel, 'Timeline_Evidence__c', 'Must be live before the 1 Oct sales kickoff, confirmed by VP');
        expect($(panel, '[data-error-for="Timeline_Evidence__c"]')).toBeNull();
        expect(evidenceBox(panel, 'Timeline_Evidence__c').getAttribute('aria-invalid')).toBe('false');
    });

    it("Mark Sales Qualified on an incomplete lead is sent, and the refusal puts each rule's message beside its criterion, draft kept", async () => {
        const panel = await showPanel(bantIncomplete);
        await typeEvidence(panel, 'Need_Evidence__c', 'Slow quoting');
        mockedUpdateRecord.mockRejectedValueOnce(qualifyRefused);
        clickAction(panel, 'qualify');
        await flushPromises();

        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: bantIncomplete.id, Need_Evidence__c: 'Slow quoting', Status: 'Sales Qualified' } },
            { ifUnmodifiedSince: bantIncomplete.lastModifiedDate }
        );
        expect(text(panel, '[data-id="problem"] h2')).toBe('The lead was not saved');
        // Each generated rule's own words (read from its XML) under the evidence box of the criterion it is about.
        for (const criterion of ['Authority', 'Need', 'Timeline']) {
            const error = $(panel, `[data-error-for="${criterion}_Evidence__c"]`)!;
            expect(visibleText(error)).toBe(ruleMessage(`LeadGate_SQL_Needs_${criterion}`));
            expect(error.closest('fieldset')!.dataset.criterion).toBe(criterion);
            const box = evidenceBox(panel, `${criterion}_Evidence__c`);
            expect(box.getAttribute('aria-invalid')).toBe('true');
            expect(box.getAttribute('aria-describedby')!.split(' ')[0]).toBe(error.id);
        }
        expect($(panel, '[data-error-for="Budget_Evidence__c"]')).toBeNull();
        // The Sales Accepted rule is shown on Status, which the panel has no box for: at the top.
        expect($$(panel, '[data-id="problem-messages"] li').map((li) => visibleText(li))).toEqual([
            `Lead Status: ${ruleMessage('LeadGate_SQL_Needs_Sales_Accepted')}`
        ]);
        expect(evidenceBox(panel, 'Need_Evidence__c').value).toBe('Slow quoting');
        expect(storedDraft(bantIncomplete.id)).toEqual({ Need_Evidence__c: 'Slow quoting' });
        expect(text(panel, '[data-id="stage"]')).toBe('Stage: Marketing Qualified');
        expect(focused(panel)).toBe($(panel, '[data-id="problem"]'));
        await expect(panel).toBeAccessible();

        // Fixing a criterion clears its message; the others stay until the next try.
        await typeEvidence(panel, 'Need_Evidence__c', 'Quotes take 3 days; two deals lost to it this quarter');
        expect($(panel, '[data-error-for="Need_Evidence__c"]')).toBeNull();
        expect($(panel, '[data-error-for="Authority_Evidence__c"]')).not.toBeNull();
    });

    it('every help button names its field (a screen reader never hears a row of bare "Help" buttons)', async () => {
        const panel = await showPanel(bantIncomplete);
        clickAction(panel, 'toggle-facts');
        await flushPromises();
        const names = helpButtonNames(panel);
        // One per criterion status with inline help (all four BANT statuses have it), and the Industry picklist fact.
        expect(names).toEqual([
            'Help: Budget Status',
            'Help: Authority Status',
            'Help: Need Status',
            'Help: Timeline Status',
            'Help: Industry'
        ]);
    });

    it('lead facts that drive fit: collapsed at first, from the definition, typed by field, and a new Title rescored before saving', async () => {
        const panel = await showPanel(bantIncomplete);
        const toggle = $(panel, '[data-action="toggle-facts"]')!;
        expect(visibleText(toggle)).toBe('Lead facts that drive fit');
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect($(panel, '#' + toggle.getAttribute('aria-controls'))!.hidden).toBe(true);
        await expect(panel).toBeAccessible();

        toggle.click();
        await flushPromises();
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect($(panel, '[data-id="facts"] fieldset legend')!.textContent).toBe('Lead facts that drive fit');
        expect($$(panel, '[data-fact-row]').map((row) => row.dataset.factRow)).toEqual([
            'Industry',
            'NumberOfEmployees',
            'Title',
            'Country',
            'AnnualRevenue',
            'Email'
        ]);
        const industry = $(panel, 'lightning-combobox[data-fact="Industry"]') as HTMLElement & {
            label: string;
            value: string;
            options: Array<{ value: string }>;
            disabled: boolean;
        };
        expect(industry.label).toBe('Industry');
        expect(industry.value).toBe('Technology');
        expect(industry.options.map((o) => o.value)).toEqual([
            '',
            ...leadPicklists.picklistFieldValues.Industry.values.map((v) => v.value)
        ]);
        expect(industry.disabled).toBe(false);
        expect(leadPicklistsAdapter.getLastConfig()).toEqual({
            objectApiName: { objectApiName: 'Lead' },
            recordTypeId: bantIncomplete.recordTypeId
        });
        const input = (field: string): HTMLInputElement => $<HTMLInputElement>(panel, `input[data-fact="${field}"]`)!;
        expect([input('NumberOfEmployees').type, input('NumberOfEmployees').value, input('NumberOfEmployees').step]).toEqual([
            'number',
            '250',
            '1'
        ]);
        expect([input('AnnualRevenue').type, input('AnnualRevenue').value, input('AnnualRevenue').step]).toEqual([
            'number',
            '20000000',
            'any'
        ]);
        expect([input('Title').type, input('Title').value, input('Title').maxLength]).toEqual(['text', 'VP Operations', 128]);
        expect([input('Country').type, input('Country').value]).toEqual(['text', 'United States']);
        expect([input('Email').type, input('Email').value]).toEqual(['email', 'priya.shah@northwind-labs.com']);
        expect(text(panel, `label[for="${input('NumberOfEmployees').id}"]`)).toBe('Employees');
        const titleHelp = input('Title').getAttribute('aria-describedby')!;
        expect(visibleText($(panel, `[id="${titleHelp}"]`)!)).toBe('Scored by: Buying authority in title, Student or intern in title.');

        const card = $(panel, 'c-lead-score-card')!;
        const ledger = (): string => visibleText($(card, '[data-id="ledger"]')!);
        expect(text(panel, 'c-lead-score-card')).toContain('Fit: 55 of 100 (bar 40)');
        expect(ledger()).toContain('Buying authority in title');

        // The rep corrects the title: the score card and its ledger follow before anything is saved.
        typeInto(input('Title'), 'Operations Intern');
        await flushPromises();
        expect(text(panel, 'c-lead-score-card')).toContain('Fit: 0 of 100 (bar 40)');
        expect(ledger()).not.toContain('Buying authority in title');
        expect(ledger()).toContain('Student or intern in title');
        expect(blockers(panel)).toContain(
            'Fit score 0 is below the bar of 40. Check the company details (industry, size, title, country); if they are right, this lead is not a fit.'
        );
        expect(mockedUpdateRecord).not.toHaveBeenCalled();
        expect(storedDraft(bantIncomplete.id)).toEqual({ Title: 'Operations Intern' });
        await expect(panel).toBeAccessible();

        typeInto(input('NumberOfEmployees'), '900');
        pick(industry, 'Retail');
        typeInto(input('Title'), 'Head of Operations');
        await flushPromises();
        // Technology no longer scores; 500+ employees does: 15 + 25 + 10.
        expect(text(panel, 'c-lead-score-card')).toContain('Fit: 50 of 100 (bar 40)');
        expect(storedDraft(bantIncomplete.id)).toEqual({ Title: 'Head of Operations', NumberOfEmployees: 900, Industry: 'Retail' });

        // The facts are saved with the same save as the evidence, with the same concurrency check.
        mockedUpdateRecord.mockResolvedValueOnce(
            savedRecord(bantIncomplete, { Title: 'Head of Operations', NumberOfEmployees: 900, Industry: 'Retail' }) as never
        );
        clickAction(panel, 'save');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: bantIncomplete.id, Title: 'Head of Operations', NumberOfEmployees: 900, Industry: 'Retail' } },
            { ifUnmodifiedSince: bantIncomplete.lastModifiedDate }
        );
        expect(storedDraft(bantIncomplete.id)).toBeNull();
        expect(input('Title').value).toBe('Head of Operations');
        await expect(panel).toBeAccessible();
    });

    it("a lead fact the rep may not edit is shown locked, and a picklist without the org's values is never guessed", async () => {
        const readOnlyTitle = { ...objectInfo, fields: { ...objectInfo.fields, Title: { ...objectInfo.fields.Title, updateable: false } } };
        const panel = mount('c-qualification-panel', QualificationPanel, { recordId: bantIncomplete.id });
        await flushPromises();
        getRecordAdapter.emit(bantIncomplete);
        objectInfoAdapter.emit(readOnlyTitle);
        await flushPromises();
        clickAction(panel, 'toggle-facts');
        await flushPromises();
        expect($<HTMLInputElement>(panel, 'input[data-fact="Title"]')!.disabled).toBe(true);
        expect($<HTMLInputElement>(panel, 'input[data-fact="Country"]')!.disabled).toBe(false);
        const industry = $(panel, 'lightning-combobox[data-fact="Industry"]') as HTMLElement & {
            options: Array<{ value: string }>;
            disabled: boolean;
        };
        expect(industry.options.map((o) => o.value)).toEqual(['Technology']);
        expect(industry.disabled).toBe(true);
        await expect(panel).toBeAccessible();
    });

    it('conflict on save: the draft is kept, the conflict explained, and reload and re-apply puts the edits on the new version', async () => {
        const panel = await showPanel(bantIncomplete);
        const mine = 'Spoke with VP Ops Priya Shah on 12 May: she signs';
        await typeEvidence(panel, 'Authority_Evidence__c', mine);
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        clickAction(panel, 'save');
        await flushPromises();

        expect(text(panel, '[data-id="problem"] h2')).toBe('Someone else saved this lead first');
        expect(text(panel, '[data-id="problem"] h2 + p')).toBe(
            'Someone changed this lead after you opened it; nothing was overwritten and your changes are kept. Select Reload and re-apply my changes, check the result, then save again.'
        );
        // The server's own message (raw timestamps, no name) is not shown; the conflict box names who and when.
        expect($(panel, '[data-id="problem-messages"]')).toBeNull();
        expect(visibleText(panel)).not.toContain('If-Unmodified-Since');
        expect(evidenceBox(panel, 'Authority_Evidence__c').value).toBe(mine);
        expect(storedDraft(bantIncomplete.id)).toEqual({ Authority_Evidence__c: mine });
        await expect(panel).toBeAccessible();

        clickAction(panel, 'reload-reapply');
        await flushPromises();
        expect(mockedNotify).toHaveBeenCalledWith([{ recordId: bantIncomplete.id }]);
        getRecordAdapter.emit(bantIncompleteChangedByOther);
        await flushPromises();

        expect($(panel, '[data-id="problem"]')).toBeNull();
        expect(text(panel, '[data-id="reapplied"]')).toBe(
            'The latest version of the lead is loaded and your changes are back on top. Review them, then save.'
        );
        expect(evidenceBox(panel, 'Authority_Evidence__c').value).toBe(mine);
        // Their other change (Title) is now part of what the score card scores: VP -> SVP keeps the authority points.
        expect(($(panel, 'c-lead-score-card') as HTMLElement & { lead: Record<string, unknown> }).lead.Title).toBe('SVP Operations');
        // They also changed Authority Evidence: a real conflict now, shown with both values until the rep chooses
        // (it used to show the rep's version with a warning and let Save overwrite theirs unseen).
        expect(conflictRows(panel)).toEqual([['Authority Evidence', 'VP Ops Priya Shah signs; call booked', mine]]);
        clickAction(panel, 'save');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        await choose(panel, 'Authority_Evidence__c', 'mine');
        expect(conflictRows(panel)).toEqual([]);

        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(bantIncompleteChangedByOther, { Authority_Evidence__c: mine }) as never);
        clickAction(panel, 'save');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
            { fields: { Id: bantIncomplete.id, Authority_Evidence__c: mine } },
            { ifUnmodifiedSince: bantIncompleteChangedByOther.lastModifiedDate }
        );
        await expect(panel).toBeAccessible();
    });

    it('a draft restored after a reload, then a background write: the draft moves onto the newest version and Save just works', async () => {
        let panel = await showPanel(bantIncomplete);
        const mine = 'Reps lose 6 h a week rekeying leads';
        await typeEvidence(panel, 'Need_Evidence__c', mine);
        // The rep leaves; an intent signal writes the lead; the rep reloads the page.
        document.body.removeChild(panel);
        panel = await showPanel(afterSignal);
        expect(evidenceBox(panel, 'Need_Evidence__c').value).toBe(mine);
        expect(text(panel, '[data-id="restored"]')).toMatch(/^You have unsaved changes from earlier on this device/);
        expect(conflictRows(panel)).toEqual([]);

        const toasts = jest.fn();
        panel.addEventListener(TOAST, toasts);
        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(afterSignal, { Need_Evidence__c: mine }) as never);
        clickAction(panel, 'save');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: bantIncomplete.id, Need_Evidence__c: mine } },
            { ifUnmodifiedSince: afterSignal.lastModifiedDate }
        );
        expect($(panel, '[data-id="problem"]')).toBeNull();
        expect(toasts.mock.calls[0][0].detail.title).toBe('Qualification saved');
        expect(storedDraft(bantIncomplete.id)).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('a save that meets a newer version from a write to other fields re-reads and saves again on its own, with no message', async () => {
        const panel = await showPanel(bantIncomplete);
        const mine = 'Reps lose 6 h a week rekeying leads';
        await typeEvidence(panel, 'Need_Evidence__c', mine);
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(afterSignal, { Need_Evidence__c: mine }) as never);
        nextRefreshDelivers(afterSignal);
        const toasts = jest.fn();
        panel.addEventListener(TOAST, toasts);
        clickAction(panel, 'save');
        await flushPromises();

        expect(mockedNotify).toHaveBeenCalledWith([{ recordId: bantIncomplete.id }]);
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(2);
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
            { fields: { Id: bantIncomplete.id, Need_Evidence__c: mine } },
            { ifUnmodifiedSince: afterSignal.lastModifiedDate }
        );
        expect($(panel, '[data-id="problem"]')).toBeNull();
        expect($(panel, 'c-conflict-choices')).toBeNull();
        expect(toasts.mock.calls.map((call) => call[0].detail.title)).toEqual(['Qualification saved']);
        expect(storedDraft(bantIncomplete.id)).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('Accept meets a newer version: retried on its own; when someone else already accepted it, only the evidence is saved', async () => {
        const panel = await showPanel(bantIncomplete);
        const mine = 'VP Ops Priya Shah signs off on tools';
        await typeEvidence(panel, 'Authority_Evidence__c', mine);
        const accepted = savedByOther(bantIncomplete, { Status: 'Sales Accepted' }, '2026-05-14T14:58:00.000Z', 'Ravi Patel');
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(accepted, { Authority_Evidence__c: mine }) as never);
        nextRefreshDelivers(accepted);
        clickAction(panel, 'accept');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
            { fields: { Id: bantIncomplete.id, Authority_Evidence__c: mine } },
            { ifUnmodifiedSince: accepted.lastModifiedDate }
        );
        expect($(panel, '[data-id="problem"]')).toBeNull();
        expect(text(panel, '[data-id="stage"]')).toBe('Stage: Sales Accepted');
    });

    it('Accept meets someone else moving the lead to another stage: both stages shown; Take theirs saves only the evidence', async () => {
        const panel = await showPanel(bantIncomplete);
        const mine = 'VP Ops Priya Shah signs off on tools';
        await typeEvidence(panel, 'Authority_Evidence__c', mine);
        const rejected = savedByOther(bantIncomplete, { Status: 'Nurture' }, '2026-05-14T14:58:00.000Z', 'Ravi Patel');
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        nextRefreshDelivers(rejected);
        clickAction(panel, 'accept');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        expect(conflictRows(panel)).toEqual([['Lead Status', 'Nurture', 'Sales Accepted']]);
        await expect(panel).toBeAccessible();

        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(rejected, { Authority_Evidence__c: mine }) as never);
        await choose(panel, 'Status', 'theirs');
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
            { fields: { Id: bantIncomplete.id, Authority_Evidence__c: mine } },
            { ifUnmodifiedSince: rejected.lastModifiedDate }
        );
        expect($(panel, 'c-conflict-choices')).toBeNull();
    });

    it('a real conflict (someone else changed the same field): both values, who saved and when, and Keep mine saves mine', async () => {
        const panel = await showPanel(bantIncomplete);
        const mine = 'Spoke with VP Ops Priya Shah on 12 May: she signs';
        const need = 'Reps lose 6 h a week rekeying leads';
        await typeEvidence(panel, 'Authority_Evidence__c', mine);
        await typeEvidence(panel, 'Need_Evidence__c', need);
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        nextRefreshDelivers(bantIncompleteChangedByOther);
        clickAction(panel, 'save');
        await flushPromises();

        expect(mockedUpdateRecord).toHaveBeenCalledTimes(1);
        expect($(panel, '[data-id="problem"]')).toBeNull();
        const box = $(panel, 'c-conflict-choices')!;
        expect(text(box, 'h2')).toBe('Someone else changed what you changed');
        // 14:58 UTC in the user's locale and time zone (Jest's @salesforce/i18n: en-US, America/Los_Angeles), never raw.
        expect(text(box, '[data-id="saved-by"]')).toBe(
            'Last saved by Ravi Patel on May 14, 2026, 7:58 AM. Nothing is saved until you choose, for each field below, which version to keep. Your other changes are kept.'
        );
        expect(conflictRows(panel)).toEqual([['Authority Evidence', 'VP Ops Priya Shah signs; call booked', mine]]);
        expect($(box, 'button[data-choice="mine"]')!.getAttribute('aria-label')).toBe('Keep mine for Authority Evidence');
        expect(box.shadowRoot!.activeElement).toBe($(box, '[data-id="conflicts"]'));
        expect(evidenceBox(panel, 'Authority_Evidence__c').value).toBe(mine);
        expect(evidenceBox(panel, 'Need_Evidence__c').value).toBe(need);
        await expect(panel).toBeAccessible();

        mockedUpdateRecord.mockResolvedValueOnce(
            savedRecord(bantIncompleteChangedByOther, { Authority_Evidence__c: mine, Need_Evidence__c: need }) as never
        );
        await choose(panel, 'Authority_Evidence__c', 'mine');
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(2);
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
            { fields: { Id: bantIncomplete.id, Authority_Evidence__c: mine, Need_Evidence__c: need } },
            { ifUnmodifiedSince: bantIncompleteChangedByOther.lastModifiedDate }
        );
        expect($(panel, 'c-conflict-choices')).toBeNull();
        expect(storedDraft(bantIncomplete.id)).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('a real conflict resolved with Take theirs: their value stays, the rest of the draft is saved', async () => {
        const panel = await showPanel(bantIncomplete);
        const need = 'Reps lose 6 h a week rekeying leads';
        await typeEvidence(panel, 'Authority_Evidence__c', 'Spoke with VP Ops Priya Shah on 12 May: she signs');
        await typeEvidence(panel, 'Need_Evidence__c', need);
        mockedUpdateRecord.mockRejectedValueOnce(conflict);
        nextRefreshDelivers(bantIncompleteChangedByOther);
        clickAction(panel, 'save');
        await flushPromises();
        // The conflict survives a reload: the rep's value and the old base are still in the stored draft.
        expect(storedDraft(bantIncomplete.id)).toEqual({
            Authority_Evidence__c: 'Spoke with VP Ops Priya Shah on 12 May: she signs',
            Need_Evidence__c: need
        });

        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(bantIncompleteChangedByOther, { Need_Evidence__c: need }) as never);
        await choose(panel, 'Authority_Evidence__c', 'theirs');
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
            { fields: { Id: bantIncomplete.id, Need_Evidence__c: need } },
            { ifUnmodifiedSince: bantIncompleteChangedByOther.lastModifiedDate }
        );
        expect(evidenceBox(panel, 'Authority_Evidence__c').value).toBe('VP Ops Priya Shah signs; call booked');
        expect($(panel, 'c-conflict-choices')).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('a draft restored after someone else changed the same field shows the conflict on load, and Save waits for the choice', async () => {
        let panel = await showPanel(bantIncomplete);
        const mine = 'Spoke with VP Ops Priya Shah on 12 May: she signs';
        await typeEvidence(panel, 'Authority_Evidence__c', mine);
        document.body.removeChild(panel);
        panel = await showPanel(bantIncompleteChangedByOther);
        expect(conflictRows(panel)).toEqual([['Authority Evidence', 'VP Ops Priya Shah signs; call booked', mine]]);
        clickAction(panel, 'save');
        await flushPromises();
        expect(mockedUpdateRecord).not.toHaveBeenCalled();
        await choose(panel, 'Authority_Evidence__c', 'mine');
        // Found on load: choosing does not save by itself; the rep saves.
        expect(mockedUpdateRecord).not.toHaveBeenCalled();
        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(bantIncompleteChangedByOther, { Authority_Evidence__c: mine }) as never);
        clickAction(panel, 'save');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledWith(
            { fields: { Id: bantIncomplete.id, Authority_Evidence__c: mine } },
            { ifUnmodifiedSince: bantIncompleteChangedByOther.lastModifiedDate }
        );
        await expect(panel).toBeAccessible();
    });

    it('network error on save: the draft stays on this device, even across a page reload, and Try again saves it', async () => {
        let panel = await showPanel(bantIncomplete);
        const mine = 'Reps lose 6 h a week rekeying leads';
        await typeEvidence(panel, 'Need_Evidence__c', mine);
        mockedUpdateRecord.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        clickAction(panel, 'save');
        await flushPromises();
        expect(text(panel, '[data-id="problem"] h2')).toBe('Salesforce could not be reached');
        expect(text(panel, '[data-id="problem"] h2 + p')).toBe(
            'Nothing was saved because the connection dropped. Your changes are kept on this device, even if you reload the page. Check your connection, then select Try again.'
        );
        expect(evidenceBox(panel, 'Need_Evidence__c').value).toBe(mine);
        await expect(panel).toBeAccessible();

        // The rep reloads the page: the draft comes back from this browser session.
        document.body.removeChild(panel);
        panel = await showPanel(bantIncomplete);
        expect(evidenceBox(panel, 'Need_Evidence__c').value).toBe(mine);
        expect(text(panel, '[data-id="restored"]')).toBe(
            'You have unsaved changes from earlier on this device, shown below. Save them, or discard them to see the saved lead.'
        );

        mockedUpdateRecord.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        clickAction(panel, 'save');
        await flushPromises();
        mockedUpdateRecord.mockResolvedValueOnce(savedRecord(bantIncomplete, { Need_Evidence__c: mine }) as never);
        clickAction(panel, 'retry');
        await flushPromises();
        expect(mockedUpdateRecord).toHaveBeenCalledTimes(3);
        expect(mockedUpdateRecord).toHaveBeenLastCalledWith(
            { fields: { Id: bantIncomplete.id, Need_Evidence__c: mine } },
            { ifUnmodifiedSince: bantIncomplete.lastModifiedDate }
        );
        expect($(panel, '[data-id="problem"]')).toBeNull();
        expect(storedDraft(bantIncomplete.id)).toBeNull();
        await expect(panel).toBeAccessible();
    });

    it('a field the rep cannot read is left out of the record, locked, and explained', async () => {
        const panel = await showPanel(bantIncompleteHiddenEvidence);
        expect(text(panel, '[data-id="hidden-fields"]')).toBe(
            'Some qualification fields are hidden from you. Ask your Salesforce admin for the LeadGate SDR permission set.'
        );
        expect(evidenceBox(panel, 'Authority_Evidence__c').disabled).toBe(true);
        expect(evidenceBox(panel, 'Budget_Evidence__c').disabled).toBe(false);
        await expect(panel).toBeAccessible();
    });

    it("without field metadata, labels, help and statuses come from the definition's words", async () => {
        const panel = mount('c-qualification-panel', QualificationPanel, { recordId: bantIncomplete.id });
        await flushPromises();
        getRecordAdapter.emit(bantIncomplete);
        await flushPromises();
        expect(text(panel, 'label[for^="evidence-Need"]')).toBe('Need evidence');
        const helpId = evidenceBox(panel, 'Need_Evidence__c').getAttribute('aria-describedby')!.split(' ')[1];
        expect(visibleText($(panel, `[id="${helpId}"]`)!)).toBe(
            'What problem hurts, in their words? Good evidence, e.g. "Reps lose 6 h a week rekeying leads; two missed quotas blamed on it"'
        );
        const status = $(panel, 'lightning-combobox[data-field="Need_Status__c"]') as HTMLElement & {
            label: string;
            options: Array<{ value: string }>;
        };
        expect(status.label).toBe('Need status');
        expect(status.options.map((o) => o.value)).toEqual(['Not Started', 'In Progress', 'Confirmed', 'Disqualifying']);
        await expect(panel).toBeAccessible();
    });

    it('tells the rep what to do when the lead cannot be loaded', async () => {
        const panel = mount('c-qualification-panel', QualificationPanel, { recordId: bantIncomplete.id });
        await flushPromises();
        getRecordAdapter.error([{ errorCode: 'INSUFFICIENT_ACCESS', message: 'You do not have access to this record.' }], 403, 'Forbidden');
        await flushPromises();
        expect(text(panel, '[data-id="load-error"]')).toBe(
            'LeadGate could not load this lead: You do not have access to this record. Reload the page. If it happens again, ask your Salesforce admin to check your access to the LeadGate fields.'
        );
        await expect(panel).toBeAccessible();
    });

    describe('focus follows the outcome, so a keyboard or screen-reader user never starts again from the top', () => {
        /** The focused element, through the shadow roots, and its text. */
        const focusedText = (panel: HTMLElement): string => {
            const element = focused(panel);
            return element ? visibleText(element) : '(nothing in the panel)';
        };

        it('a saved criterion: to the "Criteria" heading', async () => {
            const panel = await showPanel(bantIncomplete);
            await typeEvidence(panel, 'Need_Evidence__c', 'Reps lose 6 h a week rekeying leads');
            mockedUpdateRecord.mockResolvedValueOnce(
                savedRecord(bantIncomplete, { Need_Evidence__c: 'Reps lose 6 h a week rekeying leads' }) as never
            );
            clickAction(panel, 'save');
            await flushPromises();
            expect(focused(panel)).toBe($(panel, '[data-id="criteria-heading"]'));
            expect(focusedText(panel)).toBe('Criteria');
            expect(focused(panel)!.getAttribute('tabindex')).toBe('-1');
        });

        it('a saved lead fact: to the "Lead facts that drive fit" heading', async () => {
            const panel = await showPanel(bantIncomplete);
            clickAction(panel, 'toggle-facts');
            await flushPromises();
            typeInto($<HTMLInputElement>(panel, 'input[data-fact="Title"]')!, 'Head of Operations');
            await flushPromises();
            mockedUpdateRecord.mockResolvedValueOnce(savedRecord(bantIncomplete, { Title: 'Head of Operations' }) as never);
            clickAction(panel, 'save');
            await flushPromises();
            expect(focused(panel)).toBe($(panel, '[data-id="facts-heading"]'));
            expect(focusedText(panel)).toBe('Lead facts that drive fit');
        });

        it('Accept: to the readiness heading, which says what is next', async () => {
            const panel = await showPanel(bantIncomplete);
            mockedUpdateRecord.mockResolvedValueOnce(savedRecord(bantIncomplete, { Status: 'Sales Accepted' }) as never);
            clickAction(panel, 'accept');
            await flushPromises();
            expect(focusedText(panel)).toBe('What still blocks Sales Qualified');
        });

        it('Mark Sales Qualified: to the readiness heading, which now says where the lead stands', async () => {
            const panel = await showPanel(meddicComplete);
            mockedUpdateRecord.mockResolvedValueOnce(savedRecord(meddicComplete, { Status: 'Sales Qualified' }) as never);
            clickAction(panel, 'qualify');
            await flushPromises();
            expect(focusedText(panel)).toBe('Where this lead stands');
            expect(text(panel, '[data-id="qualified"]')).toBe('This lead is Sales Qualified. Nothing more is needed here.');
        });

        it('a failed save: to the error summary', async () => {
            const panel = await showPanel(bantIncomplete);
            await typeEvidence(panel, 'Need_Evidence__c', 'Reps lose 6 h a week');
            mockedUpdateRecord.mockRejectedValueOnce(new TypeError('Failed to fetch'));
            clickAction(panel, 'save');
            await flushPromises();
            expect(focused(panel)).toBe($(panel, '[data-id="problem"]'));
        });

        it('a conflict with a field the rep also changed: to the conflict box', async () => {
            const panel = await showPanel(bantIncomplete);
            const mine = 'Spoke with VP Ops Priya Shah on 12 May: she signs';
            await typeEvidence(panel, 'Authority_Evidence__c', mine);
            mockedUpdateRecord.mockRejectedValueOnce(conflict);
            nextRefreshDelivers(bantIncompleteChangedByOther);
            clickAction(panel, 'save');
            await flushPromises();
            expect(focused(panel)).toBe($($(panel, 'c-conflict-choices')!, '[data-id="conflicts"]'));
        });

        it('reload and re-apply after a conflict, with no clash: to the notice that the changes are back on the latest version', async () => {
            const other = await showPanel(bantIncomplete);
            await typeEvidence(other, 'Need_Evidence__c', 'Reps lose 6 h a week rekeying leads');
            mockedUpdateRecord.mockRejectedValueOnce(conflict);
            clickAction(other, 'save');
            await flushPromises();
            expect(focused(other)).toBe($(other, '[data-id="problem"]'));
            clickAction(other, 'reload-reapply');
            await flushPromises();
            getRecordAdapter.emit(afterSignal);
            await flushPromises();
            expect(focused(other)).toBe($(other, '[data-id="reapplied"]'));
        });
    });
});
