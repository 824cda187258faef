/**
 * Apex classes allowed to run `without sharing` (or to omit a sharing keyword), each with the reason a
 * reviewer accepted. `npm run verify:apex` refuses every other such class, and refuses an entry here whose
 * class no longer needs it (so the list cannot rot).
 *
 * Empty by design: LeadGate's house style is `with sharing` (or `inherited sharing`) plus `WITH USER_MODE`
 * queries, so a report or dashboard never shows a user a lead the org's sharing hides from them.
 *
 * Shape: `ClassName: 'why this class must see records its user cannot, and what limits the exposure'`.
 */
export const SHARING_ALLOW_LIST: Readonly<Record<string, string>> = {};
