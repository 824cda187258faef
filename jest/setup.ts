// Shared Jest setup for every LWC test: accessibility matchers (toBeAccessible) from @sa11y/jest.
import { registerSa11yMatcher } from '@sa11y/jest';

registerSa11yMatcher();
