/**
 * Carries a converted lead's evidence onto its Opportunity (LeadConversionEvidence) and its buying committee into contact
 * roles (LeadCommitteeConversion). After update only:
 * on conversion the platform always runs after-update triggers (before-update triggers and validation rules run only
 * when the org's Lead Settings require validation for converted leads).
 */
trigger LeadGateLeadTrigger on Lead(after update) {
    LeadConversionEvidence.afterUpdate(Trigger.new, Trigger.oldMap);
    LeadCommitteeConversion.afterUpdate(Trigger.new, Trigger.oldMap);
}
