/**
 * The manager's evidence review queue: the SQLs of the last `review.backlogWeeks` weeks that no manager has reviewed
 * yet, oldest first, with how many await review. Two generated list views, read through Lightning Data Service so
 * sharing decides whose leads a manager sees: the SQLs of the window (LeadGate_SQLs_Review_Backlog) and the reviews
 * written in it (LeadGate_Recent_Evidence_Reviews); the reviewed SQLs are subtracted here (c/evidenceReviewData
 * awaitingReview). Each SQL shows the evidence behind every
 * criterion of its framework, fit and intent at SQL, the definition version and the fit-edit flag with the values the rep
 * changed (c/fitEditChanges). Per SQL the manager
 * gives a verdict, Evidence holds or Coach (a comment is required for Coach), saved as a new LeadGate_Evidence_Review__c
 * row with createRecord: the rep owns it and reads it on the lead (c/leadEvidenceReviews).
 */
import { LightningElement, wire } from 'lwc';
import { getListUi, type ListUiRepresentation } from 'lightning/uiListApi';
import { createRecord, type WireResult } from 'lightning/uiRecordApi';
import { EVIDENCE_REVIEW_OBJECT, REVIEW_LIST_VIEWS, REVIEW_OUTCOMES, SQL_DEFINITION } from 'c/sqlDefinition';
import { formatDuration, formatLabel, formatNumber, leadValuesOf, optionalLeadFields, reduceErrors } from 'c/leadGateUi';
import {
    REVIEWED_LEAD_FIELDS,
    awaitingReview,
    queueItemOf,
    queueLeadFields,
    reviewInput,
    reviewedLeadIds,
    type QueueItem
} from 'c/evidenceReviewData';

import LG_Review_Queue_Title from '@salesforce/label/c.LG_Review_Queue_Title';
import LG_Review_Queue_Intro from '@salesforce/label/c.LG_Review_Queue_Intro';
import LG_Review_Queue_Loading from '@salesforce/label/c.LG_Review_Queue_Loading';
import LG_Review_Queue_LoadError from '@salesforce/label/c.LG_Review_Queue_LoadError';
import LG_Review_Queue_Empty from '@salesforce/label/c.LG_Review_Queue_Empty';
import LG_Review_Queue_ListLabel from '@salesforce/label/c.LG_Review_Queue_ListLabel';
import LG_Review_Queue_Owner from '@salesforce/label/c.LG_Review_Queue_Owner';
import LG_Review_Queue_Scores from '@salesforce/label/c.LG_Review_Queue_Scores';
import LG_Review_Queue_NoEvidence from '@salesforce/label/c.LG_Review_Queue_NoEvidence';
import LG_Review_Queue_NoFramework from '@salesforce/label/c.LG_Review_Queue_NoFramework';
import LG_Review_Queue_Outcome from '@salesforce/label/c.LG_Review_Queue_Outcome';
import LG_Review_Holds from '@salesforce/label/c.LG_Review_Holds';
import LG_Review_Coach from '@salesforce/label/c.LG_Review_Coach';
import LG_Review_Queue_Comment from '@salesforce/label/c.LG_Review_Queue_Comment';
import LG_Review_Queue_CommentRequired from '@salesforce/label/c.LG_Review_Queue_CommentRequired';
import LG_Review_Queue_NoOutcome from '@salesforce/label/c.LG_Review_Queue_NoOutcome';
import LG_Review_Queue_Save from '@salesforce/label/c.LG_Review_Queue_Save';
import LG_Review_Queue_Saving from '@salesforce/label/c.LG_Review_Queue_Saving';
import LG_Review_Queue_Saved from '@salesforce/label/c.LG_Review_Queue_Saved';
import LG_Review_Queue_SaveError from '@salesforce/label/c.LG_Review_Queue_SaveError';
import LG_Review_Queue_OpenLead from '@salesforce/label/c.LG_Review_Queue_OpenLead';
import LG_Review_FitEdited from '@salesforce/label/c.LG_Review_FitEdited';
import LG_Review_Queue_Awaiting from '@salesforce/label/c.LG_Review_Queue_Awaiting';

type OutcomeKey = keyof typeof REVIEW_OUTCOMES;
/** Each verdict's words, by its key in REVIEW_OUTCOMES (the options are drawn in that order). */
const OUTCOME_LABELS: Record<OutcomeKey, string> = { holds: LG_Review_Holds, coach: LG_Review_Coach };

const PAGE_SIZE = 2000;

interface Verdict {
    outcome: string;
    comment: string;
    saving: boolean;
    error: string;
    saved: string;
}

const EMPTY: Verdict = { outcome: '', comment: '', saving: false, error: '', saved: '' };

export default class EvidenceReview extends LightningElement {
    labels = {
        title: LG_Review_Queue_Title,
        intro: LG_Review_Queue_Intro,
        loading: LG_Review_Queue_Loading,
        empty: LG_Review_Queue_Empty,
        listLabel: LG_Review_Queue_ListLabel,
        noEvidence: LG_Review_Queue_NoEvidence,
        noFramework: LG_Review_Queue_NoFramework,
        comment: LG_Review_Queue_Comment,
        save: LG_Review_Queue_Save
    };

    private listData: ListUiRepresentation | undefined;
    private listError: unknown;
    private reviewData: ListUiRepresentation | undefined;
    private reviewError: unknown;
    /** SQLs given a verdict in this visit: they stay in place with their confirmation and leave the count. */
    private savedHere: ReadonlySet<string> = new Set();
    /** Verdicts in progress, by lead Id (replaced, never mutated, so the template re-renders). */
    private verdicts: Record<string, Verdict> = {};

    @wire(getListUi, {
        objectApiName: 'Lead',
        listViewApiName: REVIEW_LIST_VIEWS.backlog,
        pageSize: PAGE_SIZE,
        optionalFields: optionalLeadFields(queueLeadFields())
    })
    wiredList(result: WireResult<ListUiRepresentation>): void {
        this.listData = result.data;
        this.listError = result.error;
    }

    @wire(getListUi, {
        objectApiName: EVIDENCE_REVIEW_OBJECT,
        listViewApiName: REVIEW_LIST_VIEWS.reviews,
        pageSize: PAGE_SIZE,
        optionalFields: [...REVIEWED_LEAD_FIELDS]
    })
    wiredReviews(result: WireResult<ListUiRepresentation>): void {
        this.reviewData = result.data;
        this.reviewError = result.error;
    }

    get isLoading(): boolean {
        return !this.loadError && (!this.listData || !this.reviewData);
    }

    get loadError(): string {
        const error = this.listError ?? this.reviewError;
        if (!error) return '';
        const reduced = reduceErrors(error);
        return formatLabel(LG_Review_Queue_LoadError, reduced.pageErrors.join(' ') || String(error));
    }

    /** "3 SQLs of the last 4 weeks await review": the backlog without the verdicts given in this visit. */
    get awaitingText(): string {
        const waiting = this.queue.filter((i) => !this.savedHere.has(i.id)).length;
        return formatLabel(LG_Review_Queue_Awaiting, formatNumber(waiting, 0), formatNumber(SQL_DEFINITION.review.backlogWeeks, 0));
    }

    get isEmpty(): boolean {
        return this.items.length === 0;
    }

    private get queue(): QueueItem[] {
        const records = this.listData?.records?.records ?? [];
        const reviewed = reviewedLeadIds((this.reviewData?.records?.records ?? []) as Parameters<typeof reviewedLeadIds>[0]);
        return awaitingReview(
            records.map((r) => queueItemOf(r.id, flatValues(r))),
            reviewed,
            this.savedHere
        );
    }

    get items() {
        return this.queue.map((item) => {
            const v = this.verdicts[item.id] ?? EMPTY;
            const name = item.name || item.id;
            return {
                ...item,
                heading: item.company ? `${name} · ${item.company}` : name,
                href: `/lightning/r/Lead/${item.id}/view`,
                openLabel: formatLabel(LG_Review_Queue_OpenLead, name),
                ownerText: formatLabel(LG_Review_Queue_Owner, item.ownerName || item.ownerId),
                scoresText: formatLabel(
                    LG_Review_Queue_Scores,
                    item.fitAtSql === null ? '–' : formatNumber(item.fitAtSql, 0),
                    item.intentAtSql === null ? '–' : formatNumber(item.intentAtSql, 0),
                    item.definitionVersion || '–'
                ),
                fitEditedText:
                    item.fitEditedHoursBeforeSql === null
                        ? ''
                        : formatLabel(LG_Review_FitEdited, formatDuration(item.fitEditedHoursBeforeSql * 3_600_000)),
                hasCriteria: item.criteria.length > 0,
                criteria: item.criteria.map((c) => ({
                    ...c,
                    key: `${item.id}-${c.key}`,
                    shownEvidence: c.evidence || LG_Review_Queue_NoEvidence
                })),
                legend: formatLabel(LG_Review_Queue_Outcome, name),
                groupName: `outcome-${item.id}`,
                outcomes: (Object.keys(REVIEW_OUTCOMES) as OutcomeKey[]).map((key) => ({
                    key,
                    id: `${key}-${item.id}`,
                    label: OUTCOME_LABELS[key],
                    value: REVIEW_OUTCOMES[key],
                    checked: v.outcome === REVIEW_OUTCOMES[key]
                })),
                commentId: `comment-${item.id}`,
                errorId: `error-${item.id}`,
                commentInvalid: v.error === LG_Review_Queue_CommentRequired ? 'true' : 'false',
                saving: v.saving,
                savingText: v.saving ? LG_Review_Queue_Saving : '',
                error: v.error,
                saved: v.saved
            };
        });
    }

    private setVerdict(id: string, change: Partial<Verdict>): void {
        this.verdicts = { ...this.verdicts, [id]: { ...(this.verdicts[id] ?? EMPTY), ...change } };
    }

    handleOutcome(event: Event): void {
        const input = event.target as HTMLInputElement;
        const id = input.dataset.lead ?? '';
        this.setVerdict(id, { outcome: input.value, error: '', saved: '' });
    }

    handleComment(event: Event): void {
        const input = event.target as HTMLTextAreaElement;
        const id = input.dataset.lead ?? '';
        const prior = this.verdicts[id] ?? EMPTY;
        this.setVerdict(id, { comment: input.value, error: prior.error === LG_Review_Queue_CommentRequired ? '' : prior.error, saved: '' });
    }

    async handleSave(event: Event): Promise<void> {
        event.preventDefault();
        const id = (event.currentTarget as HTMLElement).dataset.lead ?? '';
        const item = this.queue.find((i) => i.id === id);
        if (!item) return;
        const v = this.verdicts[id] ?? EMPTY;
        const result = reviewInput(item, v.outcome, v.comment);
        if (!result.ok) {
            this.setVerdict(id, {
                error: result.problem === 'commentRequired' ? LG_Review_Queue_CommentRequired : LG_Review_Queue_NoOutcome
            });
            this.focusLater(
                result.problem === 'commentRequired' ? `textarea[data-lead="${id}"]` : `input[data-lead="${id}"][data-outcome="holds"]`
            );
            return;
        }
        this.setVerdict(id, { saving: true, error: '', saved: '' });
        try {
            await createRecord(result.input);
            const key = (Object.keys(REVIEW_OUTCOMES) as OutcomeKey[]).find((k) => REVIEW_OUTCOMES[k] === v.outcome) ?? 'holds';
            const label = OUTCOME_LABELS[key];
            this.savedHere = new Set([...this.savedHere, id]);
            this.setVerdict(id, { saving: false, outcome: '', comment: '', saved: formatLabel(LG_Review_Queue_Saved, label) });
        } catch (error) {
            const reduced = reduceErrors(error);
            const reason = [...reduced.pageErrors, ...Object.values(reduced.fieldErrors).flat()].join(' ') || String(error);
            this.setVerdict(id, { saving: false, error: formatLabel(LG_Review_Queue_SaveError, reason) });
        }
    }

    /** Focus moves after the re-render that shows the message (renderedCallback runs first). */
    private focusAfterRender = '';

    private focusLater(selector: string): void {
        this.focusAfterRender = selector;
    }

    /** Templates cannot bind a textarea's value (it compiles to an attribute): each box follows its verdict's comment. */
    override renderedCallback(): void {
        for (const box of this.template?.querySelectorAll<HTMLTextAreaElement>('textarea[data-lead]') ?? []) {
            const want = this.verdicts[box.dataset.lead ?? '']?.comment ?? '';
            if (box.value !== want) box.value = want;
        }
        if (this.focusAfterRender) {
            this.template?.querySelector<HTMLElement>(this.focusAfterRender)?.focus();
            this.focusAfterRender = '';
        }
    }
}

/** Field values of a list record, with a spanning field (Owner.Name) under its dotted name. */
function flatValues(record: Parameters<typeof leadValuesOf>[0]): Record<string, unknown> {
    const values = leadValuesOf(record);
    const owner = values.Owner as { fields?: Record<string, { value: unknown } | undefined> } | null | undefined;
    values['Owner.Name'] = owner?.fields?.Name?.value ?? null;
    return values;
}
