import { LightningElement, api } from 'lwc';
import BUDGET_STATUS from '@salesforce/schema/Lead.Budget_Status__c';
import OWNER_NAME from '@salesforce/schema/Lead.Owner.Name';
export default class LeadBadge extends LightningElement {
    @api recordId;
    fields = [BUDGET_STATUS, OWNER_NAME];
}
