// The record page and the formula tests read ONE table of qualification cases (data/qualification-cases.json,
// expectations written by hand from SPEC.md, scores against the bar), resolved against the definition's bar by
// npm run generate into the static resource the org's parity test reads. Here every case is rendered: the panel's
// readiness list, its criteria and the score card it hosts must say what the table says. A case is one save, often
// the one that moves the lead to Sales Qualified or Rejected: its blockers are what the rep reads BEFORE pressing the
// stage action, so such a case is shown while still open (Sales Accepted; readiness reads the stage stamps, not the
// status), and then in its own stage, where the section says where the lead stands instead of listing blockers.
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import QualificationPanel from 'c/qualificationPanel';
import { stageOfStatus } from 'c/leadScoring';
import { isOpenStage } from 'c/leadGateUi';
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

/** Whether the case's lead is past the open stages (Sales Qualified, Rejected, Nurture, Converted). */
const settled = (c: QualificationCase): boolean => !isOpenStage(stageOfStatus(c.lead.Status));

/** The case's lead as getRecord provisions it, in `status` (its own unless given). */
function recordOf(c: QualificationCase, index: number, status: unknown = c.lead.Status): Record<string, unknown> {
    const fields: Record<string, { value: unknown; displayValue: string | null }> = {};
    for (const [field, value] of Object.entries({ ...c.lead, Status: status })) fields[field] = { value, displayValue: null };
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
        const record = recordOf(c, index, settled(c) ? 'Sales Accepted' : c.lead.Status);
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

        // In its own stage, a settled lead lists no blockers: it is qualified, or no longer being qualified.
        if (!settled(c)) return;
        testWire(getRecord).emit(recordOf(c, index));
        await flushPromises();
        expect($$(panel, '[data-blocker]')).toEqual([]);
        expect($(panel, '[data-id="ready"]')).toBeNull();
        expect($(panel, stageOfStatus(c.lead.Status) === 'SQL' ? '[data-id="qualified"]' : '[data-id="closed"]')).not.toBeNull();
    });
});
