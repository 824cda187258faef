/**
 * Keeps the per-role committee counts on Lead current when people are named, changed or removed: all the work is in
 * LeadCommitteeCounts.
 */
trigger LeadGateCommitteeTrigger on LeadGate_Committee_Member__c(after insert, after update, after delete, after undelete) {
    LeadCommitteeCounts.recount(Trigger.isDelete ? Trigger.old : Trigger.new, Trigger.oldMap);
}
