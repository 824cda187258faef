// The record page and the formula tests read ONE table of qualification cases (data/qualification-cases.json,
// expectations written by hand from SPEC.md, scores against the bar), resolved against the definition's bar by
// npm run generate into the static resource the org's parity test reads. Here every case is rendered: the panel's readiness list, its
// criteria and the score card it hosts must say what the table says.
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import QualificationPanel from 'c/qualificationPanel';
import { freezeTime, flushPromises, mount, useComponentTest, testWire, $, $$, visibleText } from '../../../../../../jest/testUtils';
import table from '../../../staticresources/LeadGateQualificationCases.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';
import leadPicklists from './data/getPicklistValuesByRecordType.lead.json';

interface QualificationCase {
    name: string;
    now: string;
    lead: Record<string, unknown>;
    expected: {
        fit: number;
        intent: number;
        meetsBar: boolean;
        qualificationComplete: boolean;
        readinessBlockers: string[];
        disqualifying?: Array<{ key: string; reason: string }>;
    };
}

const cases = (table as unknown as { cases: QualificationCase[] }).cases;

/** The case's lead as getRecord provisions it. */
function recordOf(c: QualificationCase, index: number): Record<string, unknown> {
    const fields: Record<string, { value: unknown; displayValue: string | null }> = {};
    for (const [field, value] of Object.entries(c.lead)) fields[field] = { value, displayValue: null };
    fields.LastModifiedDate = { value: c.now, displayValue: null };
    return {
        apiName: 'Lead',
        id: `00Q5g00000Case${String(index).padStart(3, '0')}`,
        lastModifiedDate: c.now,
        recordTypeId: objectInfo.defaultRecordTypeId,
        fields
    };
}

describe('the record page agrees with the shared qualification cases', () => {
    useComponentTest({ frozenAt: null });

    it('reads a non-empty table, every case resolved against the bar', () => {
        expect(cases.length).toBeGreaterThan(10);
        expect((table as unknown as { unresolved: unknown[] }).unresolved).toEqual([]);
    });

    it.each(cases.map((c, index) => [c.name, c, index] as const))('%s', async (_name, c, index) => {
        freezeTime(c.now);
        const record = recordOf(c, index);
        const panel = mount('c-qualification-panel', QualificationPanel, { recordId: record.id });
        await flushPromises();
        testWire(getRecord).emit(record);
        testWire(getObjectInfo).emit(objectInfo);
        await flushPromises();
        testWire(getPicklistValuesByRecordType).emit(leadPicklists);
        await flushPromises();

        // The readiness list: the field of each blocker, in order (data-blocker is "<kind>:<field>").
        const blockerFields = $$(panel, '[data-blocker]').map((li) => li.dataset.blocker!.split(':')[1]);
        expect(blockerFields).toEqual(c.expected.readinessBlockers);
        expect($(panel, '[data-id="ready"]') !== null).toBe(c.expected.readinessBlockers.length === 0);

        // Criteria: complete means every criterion of the framework is complete.
        const states = $$(panel, '[data-id="criterion-state"]').map((badge) => visibleText(badge));
        expect(states.length > 0 && states.every((state) => state === 'Complete')).toBe(c.expected.qualificationComplete);
        const disqualifying = $$(panel, '[data-id="disqualifying"]').map((box) => box.closest('fieldset')!.dataset.criterion);
        expect(disqualifying).toEqual((c.expected.disqualifying ?? []).map((d) => d.key));
        for (const d of c.expected.disqualifying ?? []) {
            expect(visibleText($(panel, `[data-criterion="${d.key}"] [data-id="disqualifying"]`)!)).toContain(
                `rejecting the lead as ${d.reason}`
            );
        }

        // The score card hosted by the panel.
        const card = visibleText($(panel, 'c-lead-score-card')!);
        expect(card).toContain(`Fit: ${c.expected.fit} of 100`);
        expect(card).toContain(`Intent: ${c.expected.intent} of 100`);
        expect(card).toContain(c.expected.meetsBar ? 'Meets the SQL bar' : 'Below the SQL bar');

        await expect(panel).toBeAccessible();
    });
});
