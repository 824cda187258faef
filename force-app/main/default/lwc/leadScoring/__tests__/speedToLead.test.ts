import { speedToLead } from 'c/leadScoring';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';

const MQL = '2026-05-14T15:00:00.000Z';
const minutesAfterMql = (minutes: number): string => new Date(Date.parse(MQL) + minutes * 60_000).toISOString();

describe('speedToLead', () => {
    it('reports noMql when the lead has no MQL timestamp, whatever else is set', () => {
        const result = speedToLead({ MQL_At__c: null, First_Action_At__c: minutesAfterMql(3) }, minutesAfterMql(10));
        expect(result).toEqual({
            state: 'noMql',
            mqlAt: null,
            firstActionAt: null,
            elapsedMs: null,
            slaMs: 5 * 60_000,
            withinSla: null,
            remainingMs: null
        });
    });

    it('counts a waiting MQL up to now and says how long is left', () => {
        const result = speedToLead({ MQL_At__c: MQL, First_Action_At__c: null }, minutesAfterMql(3));
        expect(result.state).toBe('waiting');
        expect(result.elapsedMs).toBe(3 * 60_000);
        expect(result.withinSla).toBe(true);
        expect(result.remainingMs).toBe(2 * 60_000);
    });

    it('treats exactly the SLA as within it and one second more as missed', () => {
        expect(speedToLead({ MQL_At__c: MQL }, minutesAfterMql(5)).withinSla).toBe(true);
        const late = speedToLead({ MQL_At__c: MQL }, new Date(Date.parse(minutesAfterMql(5)) + 1000));
        expect(late.withinSla).toBe(false);
        expect(late.remainingMs).toBe(0);
    });

    it('freezes at the first action, ignoring now', () => {
        const result = speedToLead({ MQL_At__c: MQL, First_Action_At__c: minutesAfterMql(12) }, minutesAfterMql(60 * 24));
        expect(result.state).toBe('actioned');
        expect(result.elapsedMs).toBe(12 * 60_000);
        expect(result.withinSla).toBe(false);
        expect(result.remainingMs).toBeNull();
        expect(result.firstActionAt).toBe(minutesAfterMql(12));
    });

    it('never reports negative time (a first action stamped before the MQL, or a clock behind it)', () => {
        expect(speedToLead({ MQL_At__c: MQL, First_Action_At__c: minutesAfterMql(-2) }, MQL).elapsedMs).toBe(0);
        expect(speedToLead({ MQL_At__c: MQL }, minutesAfterMql(-1)).elapsedMs).toBe(0);
    });

    it('reads the SLA from the definition', () => {
        const relaxed: SqlDefinition = { ...SQL_DEFINITION, sla: { ...SQL_DEFINITION.sla, minutes: 60 } };
        const result = speedToLead({ MQL_At__c: MQL }, minutesAfterMql(30), relaxed);
        expect(result.slaMs).toBe(60 * 60_000);
        expect(result.withinSla).toBe(true);
    });
});
