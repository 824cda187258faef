// Shared Jest setup for every LWC test: accessibility matchers (toBeAccessible) from @sa11y/jest.
import { registerSa11yMatcher } from '@sa11y/jest';
import { mockCustomLabels } from './customLabels';

registerSa11yMatcher();

// The Lead record page areas read their Custom Labels' real text in tests (see customLabels.ts);
// other areas may add their prefix here once their tests expect real text.
mockCustomLabels([
    'LG_Ui_',
    'LG_Panel_',
    'LG_Score_',
    'LG_Reject_',
    'LG_Clock_',
    'LG_Dash_',
    'LG_Opp_',
    'LG_Queue_',
    'LG_Committee_',
    'LG_Review_',
    // The definition's shown words (generated: scripts/admin/generate/labels.ts).
    'LeadGate_Def_'
]);
