/**
 * Applies the intent signals integrations publish (LeadGate_Signal__e): all the work is in LeadSignalService.
 */
trigger LeadGateSignalTrigger on LeadGate_Signal__e(after insert) {
    LeadSignalService.applyEvents(Trigger.new);
}
