// The fit facts name the fit rules by their Custom Labels (c/definitionLabels), not by the definition's English:
// with the labels in German, the rule names are German.
import FitFacts from 'c/fitFacts';
import { mountWired, useComponentTest, $, visibleText } from '../../../../../../jest/testUtils';
import lead from './data/lead.techVp.json';
import objectInfo from '../../leadGateUi/__tests__/data/getObjectInfo.lead.json';
import leadPicklists from '../../qualificationPanel/__tests__/data/getPicklistValuesByRecordType.lead.json';

jest.mock('@salesforce/label/c.LeadGate_Def_Fit_buyingAuthority', () => ({ default: 'Kaufbefugnis laut Position' }), { virtual: true });
jest.mock('@salesforce/label/c.LeadGate_Def_Fit_studentOrIntern', () => ({ default: 'Student oder Praktikant laut Position' }), {
    virtual: true
});

describe('c-fit-facts in another language', () => {
    useComponentTest({ frozenAt: null });

    it('names the fit rules a fact feeds by their labels', async () => {
        const facts = await mountWired('c-fit-facts', FitFacts, {
            lead,
            objectInfo,
            picklists: leadPicklists.picklistFieldValues,
            open: true
        });
        const help = $<HTMLInputElement>(facts, 'input[data-fact="Title"]')!.getAttribute('aria-describedby')!;
        const text = visibleText($(facts, `[id="${help}"]`)!);
        expect(text).toContain('Kaufbefugnis laut Position');
        expect(text).toContain('Student oder Praktikant laut Position');
        expect(text).not.toContain('Buying authority in title');
    });
});
