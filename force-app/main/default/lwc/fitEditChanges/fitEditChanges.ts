/**
 * What the rep changed in the fit facts before qualifying: one row per field with its value before and after, as
 * the before-save flow logged it in Fit_Edits_Before_SQL__c (read with c/leadScoring readFitEdits). Shown under the
 * fit-edit flag on the Lead's review card (c/leadEvidenceReviews) and in the manager's queue (c/evidenceReview), so
 * both read the same table.
 */
import { LightningElement, api } from 'lwc';
import { readFitEdits } from 'c/leadScoring';

import LG_FitEdits_Caption from '@salesforce/label/c.LG_FitEdits_Caption';
import LG_FitEdits_Field from '@salesforce/label/c.LG_FitEdits_Field';
import LG_FitEdits_Before from '@salesforce/label/c.LG_FitEdits_Before';
import LG_FitEdits_After from '@salesforce/label/c.LG_FitEdits_After';
import LG_FitEdits_Blank from '@salesforce/label/c.LG_FitEdits_Blank';
import LG_FitEdits_Truncated from '@salesforce/label/c.LG_FitEdits_Truncated';
import LG_FitEdits_NotLogged from '@salesforce/label/c.LG_FitEdits_NotLogged';

interface ShownRow {
    key: string;
    label: string;
    before: string;
    after: string;
    beforeClass: string;
    afterClass: string;
}

const valueClass = (value: string): string => (value === '' ? 'slds-cell-wrap slds-text-color_weak' : 'slds-cell-wrap');

export default class FitEditChanges extends LightningElement {
    /** Fit_Edits_Before_SQL__c as stored (blank for an edit made before the log existed). */
    @api log: string | null | undefined;

    labels = {
        caption: LG_FitEdits_Caption,
        field: LG_FitEdits_Field,
        before: LG_FitEdits_Before,
        after: LG_FitEdits_After,
        truncated: LG_FitEdits_Truncated,
        notLogged: LG_FitEdits_NotLogged
    };

    get rows(): ShownRow[] {
        return readFitEdits(this.log).rows.map((row, i) => ({
            key: `${i}-${row.label}`,
            label: row.label,
            before: row.before === '' ? LG_FitEdits_Blank : row.before,
            after: row.after === '' ? LG_FitEdits_Blank : row.after,
            beforeClass: valueClass(row.before),
            afterClass: valueClass(row.after)
        }));
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get isTruncated(): boolean {
        return readFitEdits(this.log).truncated;
    }
}
