// The panel on a phone: it reads the form factor (@salesforce/client/formFactor, Small here) and hands it to the
// workspace, which then leads with the stage actions. A file of its own, as the form factor is read once, on import.
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import QualificationPanel from 'c/qualificationPanel';
import { mountWired, useComponentTest, $ } from '../../../../../../jest/testUtils';
import bantIncomplete from './data/getRecord.bantIncomplete.json';
import leadPicklists from './data/getPicklistValuesByRecordType.lead.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';

jest.mock('@salesforce/client/formFactor', () => ({ default: 'Small' }), { virtual: true });

describe('c-qualification-panel on a phone', () => {
    useComponentTest();

    it('hands the Small form factor to the workspace, which puts Accept above the criteria', async () => {
        const panel = await mountWired('c-qualification-panel', QualificationPanel, { recordId: bantIncomplete.id }, [
            [getRecord, bantIncomplete],
            [getObjectInfo, objectInfo],
            [getPicklistValuesByRecordType, leadPicklists]
        ]);
        const workspace = $<HTMLElement & { formFactor: string }>(panel, 'c-qualification-workspace')!;
        expect(workspace.formFactor).toBe('Small');
        const order = Array.from(workspace.shadowRoot!.querySelectorAll('c-stage-actions, c-criteria-list')).map((element) =>
            element.tagName.toLowerCase()
        );
        expect(order).toEqual(['c-stage-actions', 'c-criteria-list']);
        expect($(panel, '[data-action="accept"]')).not.toBeNull();
    });
});
