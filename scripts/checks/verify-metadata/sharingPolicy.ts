/**
 * Custom objects whose org-wide default may be more open than Private, each with the reason it is. Every other custom
 * object must be Private (or ControlledByParent) for internal and external users: rows the owner's sharing would hide
 * must not be readable by everyone who holds the object permission (docs/DECISIONS.md, "Funnel snapshots are Private").
 */
export const OPEN_OBJECTS: Readonly<Record<string, string>> = {
    LeadGate_Signal_Reject__c:
        'Rejected signals are written by the platform-event trigger (Automated Process user), so Private would hide them from the admins who triage them until LeadGate_Admin gets View All on the object; left for the signal-intake work (issue 14).'
};
