import { getRecord } from 'lightning/uiRecordApi';
import SpeedToLeadClock from 'c/speedToLeadClock';
import { NOW, flushPromises, mount, mountWired, useComponentTest, testWire, $, visibleText } from '../../../../../../jest/testUtils';
import noMqlTimestamp from './data/getRecord.noMqlTimestamp.json';
import mqlWaiting from './data/getRecord.mqlWaiting.json';
import mqlNearlyOverdue from './data/getRecord.mqlNearlyOverdue.json';
import actionedWithinSla from './data/getRecord.actionedWithinSla.json';
import actionedLate from './data/getRecord.actionedLate.json';

const getRecordAdapter = testWire(getRecord);

const showClock = (record: { id: string }): Promise<HTMLElement> =>
    mountWired('c-speed-to-lead-clock', SpeedToLeadClock, { recordId: record.id }, [[getRecord, record]]);

const text = (clock: HTMLElement, id: string): string => visibleText($(clock, `[data-id="${id}"]`)!);

async function advance(ms: number): Promise<void> {
    jest.advanceTimersByTime(ms);
    await flushPromises();
}

describe('c-speed-to-lead-clock', () => {
    useComponentTest();

    it('asks only for the MQL and first-action times, and shows a spinner until they arrive', async () => {
        const clock = mount('c-speed-to-lead-clock', SpeedToLeadClock, { recordId: mqlWaiting.id });
        await flushPromises();
        expect($(clock, 'lightning-spinner')).not.toBeNull();
        expect(getRecordAdapter.getLastConfig()).toEqual({
            recordId: mqlWaiting.id,
            optionalFields: ['Lead.MQL_At__c', 'Lead.First_Action_At__c']
        });
        await expect(clock).toBeAccessible();
    });

    it('a lead with no MQL timestamp explains why the clock has not started, and runs no timer', async () => {
        const clock = await showClock(noMqlTimestamp);
        expect(text(clock, 'no-mql')).toBe(
            'The clock has not started: this lead has no MQL time yet. It starts when marketing qualifies the lead.'
        );
        expect($(clock, '[data-id="elapsed"]')).toBeNull();
        expect(jest.getTimerCount()).toBe(0);
        await expect(clock).toBeAccessible();
    });

    it('ticks live while the MQL waits, against the SLA from the definition', async () => {
        const clock = await showClock(mqlWaiting);
        expect(text(clock, 'elapsed')).toBe('3 min');
        expect(text(clock, 'sla')).toBe('SLA: first action within 5 min');
        expect(text(clock, 'status')).toBe('Waiting for a first action. 2 min left: accept or reject the lead.');
        expect($(clock, '[role="timer"]')).not.toBeNull();

        await advance(65_000);
        expect(text(clock, 'elapsed')).toBe('4 min 5 s');
        expect(text(clock, 'status')).toBe('Waiting for a first action. 55 s left: accept or reject the lead.');
        await expect(clock).toBeAccessible();
    });

    it('announces once, politely, when a waiting lead passes the SLA, and keeps counting the overrun', async () => {
        const clock = await showClock(mqlNearlyOverdue);
        const announcer = $(clock, '[data-id="announcer"]')!;
        expect(announcer.getAttribute('aria-live')).toBe('polite');
        expect(announcer.textContent).toBe('');

        await advance(15_000);
        expect(text(clock, 'elapsed')).toBe('5 min 5 s');
        expect(text(clock, 'status')).toBe('SLA missed by 5 s and counting: accept or reject the lead now.');
        expect(announcer.textContent).toBe('The 5 min speed-to-lead SLA has passed: accept or reject the lead now.');
        expect($(clock, '[data-id="status"]')!.className).toContain('slds-text-color_error');

        announcer.textContent = '';
        await advance(60_000);
        expect(text(clock, 'status')).toBe('SLA missed by 1 min 5 s and counting: accept or reject the lead now.');
        expect(announcer.textContent).toBe('');
        await expect(clock).toBeAccessible();
    });

    it('is final once the first action is recorded within the SLA: no timer, time does not move it', async () => {
        const clock = await showClock(actionedWithinSla);
        expect(text(clock, 'elapsed')).toBe('4 min');
        expect(text(clock, 'status')).toBe('First action after 4 min: within the SLA.');
        expect(jest.getTimerCount()).toBe(0);
        await advance(3_600_000);
        expect(text(clock, 'elapsed')).toBe('4 min');
        await expect(clock).toBeAccessible();
    });

    it('is final after a late first action and says by how much the SLA was missed', async () => {
        const clock = await showClock(actionedLate);
        expect(text(clock, 'elapsed')).toBe('47 min');
        expect(text(clock, 'status')).toBe('First action after 47 min: 42 min over the SLA.');
        await expect(clock).toBeAccessible();
    });

    it('stops ticking when the first action arrives while the page is open', async () => {
        const clock = await showClock(mqlWaiting);
        expect(jest.getTimerCount()).toBe(1);
        await advance(60_000);
        const firstActionAt = new Date(Date.parse(NOW) + 60_000).toISOString();
        getRecordAdapter.emit({
            ...mqlWaiting,
            fields: { ...mqlWaiting.fields, First_Action_At__c: { value: firstActionAt, displayValue: null } }
        });
        await flushPromises();
        expect(jest.getTimerCount()).toBe(0);
        expect(text(clock, 'status')).toBe('First action after 4 min: within the SLA.');
        await expect(clock).toBeAccessible();
    });

    it('clears its timer when it leaves the page', async () => {
        const clock = await showClock(mqlWaiting);
        expect(jest.getTimerCount()).toBe(1);
        document.body.removeChild(clock);
        expect(jest.getTimerCount()).toBe(0);
    });

    it('tells the rep what to do when the times cannot be read', async () => {
        const clock = mount('c-speed-to-lead-clock', SpeedToLeadClock, { recordId: mqlWaiting.id });
        await flushPromises();
        getRecordAdapter.error({ message: 'The requested resource does not exist' }, 404, 'Not Found');
        await flushPromises();
        expect(text(clock, 'load-error')).toBe(
            'LeadGate could not load the speed-to-lead times: The requested resource does not exist Reload the page. If it happens again, ask your Salesforce admin to check your access to the MQL and first action fields.'
        );
        await expect(clock).toBeAccessible();
    });
});
