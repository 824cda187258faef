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
export const SHARING_ALLOW_LIST: Readonly<Record<string, string>> = {
    'LeadSignalService.SystemAccess':
        'Applies intent signals published on LeadGate_Signal__e (publishing needs LeadGate_Integration: that is the permission check). ' +
        'The event trigger runs as the Automated Process user, whose sharing would hide most leads and turn real signals into rejects. ' +
        'Reads only Id, Email, IsConverted and the Last_*_At__c signal fields, updates only those signal fields, and inserts LeadGate_Signal_Reject__c rows.',
    'LeadConversionEvidence.SystemAccess':
        'Stamps a converted lead’s evidence on its converted Opportunity in the Lead after-update trigger of the conversion. ' +
        'The converting user may give the new Opportunity to another owner and lose access in the same conversion. ' +
        'Reads only the converted leads and updates only the LeadGate fields (conversion mapping targets, intent at conversion, warning flag) of their Opportunities.',
    'LeadCommitteeCounts.SystemAccess':
        'Counts every committee member of a lead, including those named by colleagues that the Private object hides from the saving rep, ' +
        'so the named economic buyer / champion rule sees the whole committee. Reads only Lead Ids and grouped counts; updates only the Committee_<Role>_Count__c fields of open leads.',
    'LeadCommitteeConversion.SystemAccess':
        'Carries the buying committee of leads converted in this transaction into contact roles (Lead after-update trigger). ' +
        'The committee object is Private (colleagues named people too) and the converting user may lose access to the new Opportunity. ' +
        "Reads only the converted leads' committee rows, their accounts' Contacts with a matching email and the Opportunities' contact roles; " +
        'inserts Contacts and contact roles and updates only Contact__c, Opportunity__c and Conversion_Error__c of the committee rows.'
};
