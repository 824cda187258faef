/**
 * A lead that responds to a campaign moves the intent signal the campaign counts as: all the work is in
 * LeadCampaignResponseHandler.
 */
trigger LeadGateCampaignMemberTrigger on CampaignMember(after insert, after update) {
    LeadCampaignResponseHandler.handle(Trigger.new, Trigger.oldMap);
}
