/**
 * The manager reviews of this lead's evidence, on the Lead record page: each verdict (Evidence holds / Coach) with
 * its comment, who gave it, when and under which definition, newest first (every verdict is a row, so the history
 * shows). Also says when the rep changed fit facts shortly before qualifying, and what they changed, as the review
 * queue does.
 *
 * Data: Lightning Data Service only: getRelatedListRecords for the reviews (the rep owns them, so sharing shows the
 * rep exactly their own leads' reviews) and getRecord for the two stamps the fit-edit flag reads and the log of
 * the values the rep changed (Fit_Edits_Before_SQL__c), shown under the flag by c/fitEditChanges.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, type RecordRepresentation, type WireResult } from 'lightning/uiRecordApi';
import { getRelatedListRecords, type RelatedListRecordCollection } from 'lightning/uiRelatedListApi';
import { FIELDS, REVIEW_OUTCOMES } from 'c/sqlDefinition';
import { fitEditedBeforeSql } from 'c/leadScoring';
import { formatDateTime, formatDuration, formatLabel, leadValuesOf, optionalLeadFields, reduceErrors } from 'c/leadGateUi';
import { REVIEW_FIELDS, REVIEW_RELATED_LIST, reviewsOf } from 'c/evidenceReviewData';

import LG_Review_Card_Title from '@salesforce/label/c.LG_Review_Card_Title';
import LG_Review_Card_Loading from '@salesforce/label/c.LG_Review_Card_Loading';
import LG_Review_Card_LoadError from '@salesforce/label/c.LG_Review_Card_LoadError';
import LG_Review_Card_Empty from '@salesforce/label/c.LG_Review_Card_Empty';
import LG_Review_Card_ListLabel from '@salesforce/label/c.LG_Review_Card_ListLabel';
import LG_Review_Byline from '@salesforce/label/c.LG_Review_Byline';
import LG_Review_FitEdited from '@salesforce/label/c.LG_Review_FitEdited';

const LEAD_FIELDS = optionalLeadFields([FIELDS.sqlAt, FIELDS.fitEditedByOwnerAt, FIELDS.fitEditsBeforeSql]);

interface ShownReview {
    id: string;
    outcomeLabel: string;
    badgeClass: string;
    comment: string;
    byline: string;
}

export default class LeadEvidenceReviews extends LightningElement {
    @api recordId: string | undefined;

    labels = {
        title: LG_Review_Card_Title,
        loading: LG_Review_Card_Loading,
        empty: LG_Review_Card_Empty,
        listLabel: LG_Review_Card_ListLabel
    };

    private lead: RecordRepresentation | undefined;
    private reviewsData: RelatedListRecordCollection | undefined;
    private reviewsError: unknown;

    @wire(getRecord, { recordId: '$recordId', optionalFields: LEAD_FIELDS })
    wiredLead(result: WireResult<RecordRepresentation>): void {
        this.lead = result.data;
    }

    @wire(getRelatedListRecords, { parentRecordId: '$recordId', relatedListId: REVIEW_RELATED_LIST, fields: [...REVIEW_FIELDS] })
    wiredReviews(result: WireResult<RelatedListRecordCollection>): void {
        this.reviewsData = result.data;
        this.reviewsError = result.error;
    }

    get isLoading(): boolean {
        return !this.reviewsData && !this.reviewsError;
    }

    get loadError(): string {
        if (!this.reviewsError) return '';
        const reduced = reduceErrors(this.reviewsError);
        return formatLabel(LG_Review_Card_LoadError, reduced.pageErrors.join(' ') || String(this.reviewsError));
    }

    get reviews(): ShownReview[] {
        return reviewsOf(this.reviewsData?.records ?? []).map((r) => ({
            id: r.id,
            outcomeLabel: r.outcomeLabel,
            badgeClass: r.outcome === REVIEW_OUTCOMES.coach ? 'slds-badge slds-theme_warning' : 'slds-badge slds-theme_success',
            comment: r.comment,
            byline: formatLabel(LG_Review_Byline, r.reviewer, r.createdAt ? formatDateTime(r.createdAt) : '', r.definitionVersion || '–')
        }));
    }

    get isEmpty(): boolean {
        return this.reviews.length === 0;
    }

    get fitEditedText(): string {
        const edit = fitEditedBeforeSql(leadValuesOf(this.lead));
        return edit ? formatLabel(LG_Review_FitEdited, formatDuration(edit.hoursBeforeSql * 3_600_000)) : '';
    }

    /** The logged before and after values, read by c/fitEditChanges (shown only with the flag). */
    get fitEditsLog(): string {
        const log = leadValuesOf(this.lead)[FIELDS.fitEditsBeforeSql];
        return typeof log === 'string' ? log : '';
    }
}
