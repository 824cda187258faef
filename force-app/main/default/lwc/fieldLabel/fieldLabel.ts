/**
 * A field's visible label for a base input shown with `variant="label-hidden"` (the input keeps the same label as
 * its accessible name), followed by the field's help button, named after the field ("Help: Budget Status"), so a
 * screen reader never hears a row of bare "Help" buttons. The label itself is hidden from assistive technology:
 * the input already announces it.
 */
import { LightningElement, api } from 'lwc';
import { helpName } from 'c/leadGateUi';
import LG_Reject_Required from '@salesforce/label/c.LG_Reject_Required';

export default class FieldLabel extends LightningElement {
    labels = { required: LG_Reject_Required };

    /** The field's label, as the input beside it is labelled. */
    @api label = '';
    /** The field's help (inline help text); no help button without it. */
    @api help: string | null | undefined;
    /** Whether to show the required mark. */
    @api required = false;

    get helpName(): string {
        return helpName(this.label);
    }
}
