/**
 * The buying committee on the Lead record page: the rep names the people behind the criteria (name, title, email and a
 * role from the definition), sees how much of the committee is covered and which role the lead's framework still needs
 * before Sales Qualified, and removes a person named by mistake.
 *
 * Data: Lightning Data Service only (getRelatedListRecords for the people, createRecord and deleteRecord to change them,
 * getRecord for the framework); no Apex: nothing here needs more than one record at a time. After a change the related
 * list is refreshed and the Lead is marked stale (notifyRecordUpdateAvailable), because LeadCommitteeCounts recounts
 * the Lead's Committee_<Role>_Count__c fields that the readiness list and the rules read.
 */
import { LightningElement, api, wire } from 'lwc';
import {
    getRecord,
    createRecord,
    deleteRecord,
    notifyRecordUpdateAvailable,
    type RecordRepresentation,
    type WireResult
} from 'lightning/uiRecordApi';
import { getRelatedListRecords, type RelatedListRecordCollection } from 'lightning/uiRelatedListApi';
import { refreshApex } from '@salesforce/apex';
import { SQL_DEFINITION, COMMITTEE_FIELDS, COMMITTEE_OBJECT, FIELDS } from 'c/sqlDefinition';
import { committeeCoverage, emailKey } from 'c/buyingCommittee';
import { frameworkOf } from 'c/leadScoring';
import { formatLabel, reduceErrors } from 'c/leadGateUi';

import LG_Committee_Title from '@salesforce/label/c.LG_Committee_Title';
import LG_Committee_Loading from '@salesforce/label/c.LG_Committee_Loading';
import LG_Committee_LoadError from '@salesforce/label/c.LG_Committee_LoadError';
import LG_Committee_Empty from '@salesforce/label/c.LG_Committee_Empty';
import LG_Committee_Coverage from '@salesforce/label/c.LG_Committee_Coverage';
import LG_Committee_Missing from '@salesforce/label/c.LG_Committee_Missing';
import LG_Committee_Required from '@salesforce/label/c.LG_Committee_Required';
import LG_Committee_ListLabel from '@salesforce/label/c.LG_Committee_ListLabel';
import LG_Committee_Name from '@salesforce/label/c.LG_Committee_Name';
import LG_Committee_JobTitle from '@salesforce/label/c.LG_Committee_JobTitle';
import LG_Committee_Email from '@salesforce/label/c.LG_Committee_Email';
import LG_Committee_Role from '@salesforce/label/c.LG_Committee_Role';
import LG_Committee_Add from '@salesforce/label/c.LG_Committee_Add';
import LG_Committee_Adding from '@salesforce/label/c.LG_Committee_Adding';
import LG_Committee_Remove from '@salesforce/label/c.LG_Committee_Remove';
import LG_Committee_RemovePerson from '@salesforce/label/c.LG_Committee_RemovePerson';
import LG_Committee_NameRequired from '@salesforce/label/c.LG_Committee_NameRequired';
import LG_Committee_EmailInvalid from '@salesforce/label/c.LG_Committee_EmailInvalid';
import LG_Committee_SaveError from '@salesforce/label/c.LG_Committee_SaveError';
import LG_Committee_Added from '@salesforce/label/c.LG_Committee_Added';
import LG_Committee_Removed from '@salesforce/label/c.LG_Committee_Removed';
import LG_Committee_Optional from '@salesforce/label/c.LG_Committee_Optional';

const RELATED_LIST = 'LeadGate_Committee_Members__r';
const field = (name: string): string => `${COMMITTEE_OBJECT}.${name}`;
const PERSON_FIELDS = [COMMITTEE_FIELDS.name, COMMITTEE_FIELDS.title, COMMITTEE_FIELDS.email, COMMITTEE_FIELDS.role].map(field);
const LEAD_FIELDS = [`Lead.${FIELDS.framework}`];
/** What the platform's Email field accepts, closely enough to catch typing mistakes before the save. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Person {
    id: string;
    name: string;
    title: string;
    email: string;
    role: string;
    removeLabel: string;
}

interface Draft {
    name: string;
    title: string;
    email: string;
    role: string;
}

const text = (record: RecordRepresentation, name: string): string => {
    const value = record.fields[name]?.value;
    return typeof value === 'string' ? value : '';
};

const list = (items: string[]): string => items.join(', ');

export default class LeadBuyingCommittee extends LightningElement {
    @api recordId: string | undefined;

    labels = {
        title: LG_Committee_Title,
        loading: LG_Committee_Loading,
        empty: LG_Committee_Empty,
        listLabel: LG_Committee_ListLabel,
        name: LG_Committee_Name,
        jobTitle: LG_Committee_JobTitle,
        email: LG_Committee_Email,
        role: LG_Committee_Role,
        optional: LG_Committee_Optional,
        remove: LG_Committee_Remove
    };

    draft: Draft = { name: '', title: '', email: '', role: SQL_DEFINITION.committee.roles[0]?.label ?? '' };
    busy = false;
    statusText = '';
    saveError = '';
    nameError = '';
    emailError = '';

    private leadResult: WireResult<RecordRepresentation> = {};
    private peopleResult: WireResult<RelatedListRecordCollection> | undefined;
    private peopleData: RelatedListRecordCollection | undefined;
    private peopleError: unknown;

    @wire(getRecord, { recordId: '$recordId', optionalFields: LEAD_FIELDS })
    wiredLead(result: WireResult<RecordRepresentation>): void {
        this.leadResult = result;
    }

    @wire(getRelatedListRecords, {
        parentRecordId: '$recordId',
        relatedListId: RELATED_LIST,
        fields: PERSON_FIELDS,
        sortBy: [field('Name')]
    })
    wiredPeople(result: WireResult<RelatedListRecordCollection>): void {
        this.peopleResult = result;
        this.peopleData = result.data;
        this.peopleError = result.error;
    }

    get isLoading(): boolean {
        return !this.peopleData && !this.peopleError;
    }

    get loadError(): string {
        if (!this.peopleError) return '';
        const reduced = reduceErrors(this.peopleError);
        return formatLabel(LG_Committee_LoadError, reduced.pageErrors.join(' ') || String(this.peopleError));
    }

    get people(): Person[] {
        return (this.peopleData?.records ?? []).map((r) => {
            const name = text(r, COMMITTEE_FIELDS.name);
            return {
                id: r.id,
                name,
                title: text(r, COMMITTEE_FIELDS.title),
                email: text(r, COMMITTEE_FIELDS.email),
                role: text(r, COMMITTEE_FIELDS.role),
                removeLabel: formatLabel(LG_Committee_RemovePerson, name)
            };
        });
    }

    get isEmpty(): boolean {
        return this.people.length === 0;
    }

    private get coverage() {
        const framework = frameworkOf(this.leadResult.data?.fields[FIELDS.framework]?.value ?? null);
        return {
            framework: framework?.key ?? null,
            ...committeeCoverage(
                this.people.map((p) => p.role),
                framework?.key ?? null
            )
        };
    }

    get coverageText(): string {
        return formatLabel(LG_Committee_Coverage, this.coverage.named, this.coverage.total);
    }

    get missingText(): string {
        const missing = this.coverage.missing;
        return missing.length ? formatLabel(LG_Committee_Missing, list(missing.map((r) => r.label))) : '';
    }

    get requiredText(): string {
        const { framework, missingRequired } = this.coverage;
        return framework && missingRequired.length
            ? formatLabel(LG_Committee_Required, framework, list(missingRequired.map((r) => r.label)))
            : '';
    }

    get roleOptions(): Array<{ value: string; label: string; selected: boolean }> {
        return SQL_DEFINITION.committee.roles.map((r) => ({ value: r.label, label: r.label, selected: r.label === this.draft.role }));
    }

    get addLabel(): string {
        return this.busy ? LG_Committee_Adding : LG_Committee_Add;
    }

    get nameInvalid(): string {
        return this.nameError ? 'true' : 'false';
    }

    get emailInvalid(): string {
        return this.emailError ? 'true' : 'false';
    }

    handleInput(event: Event): void {
        const target = event.target as HTMLInputElement | HTMLSelectElement;
        const key = target.dataset.field as keyof Draft | undefined;
        if (!key) return;
        this.draft = { ...this.draft, [key]: target.value };
        if (key === 'name') this.nameError = '';
        if (key === 'email') this.emailError = '';
    }

    async handleAdd(event: Event): Promise<void> {
        event.preventDefault();
        if (this.busy || !this.recordId) return;
        const name = this.draft.name.trim();
        const email = emailKey(this.draft.email) === null ? '' : this.draft.email.trim();
        this.nameError = name ? '' : LG_Committee_NameRequired;
        this.emailError = email === '' || EMAIL_SHAPE.test(email) ? '' : LG_Committee_EmailInvalid;
        if (this.nameError || this.emailError) {
            this.focus(this.nameError ? 'name' : 'email');
            return;
        }
        this.busy = true;
        this.saveError = '';
        try {
            await createRecord({
                apiName: COMMITTEE_OBJECT,
                fields: {
                    [COMMITTEE_FIELDS.lead]: this.recordId,
                    [COMMITTEE_FIELDS.name]: name,
                    [COMMITTEE_FIELDS.title]: this.draft.title.trim() || null,
                    [COMMITTEE_FIELDS.email]: email || null,
                    [COMMITTEE_FIELDS.role]: this.draft.role
                }
            });
            this.statusText = formatLabel(LG_Committee_Added, name, this.draft.role);
            this.draft = { ...this.draft, name: '', title: '', email: '' };
            await this.refresh();
            this.focus('name');
        } catch (error) {
            this.saveError = this.describe(error);
        } finally {
            this.busy = false;
        }
    }

    async handleRemove(event: Event): Promise<void> {
        const id = (event.currentTarget as HTMLElement).dataset.id;
        const person = this.people.find((p) => p.id === id);
        if (this.busy || !person) return;
        this.busy = true;
        this.saveError = '';
        try {
            await deleteRecord(person.id);
            this.statusText = formatLabel(LG_Committee_Removed, person.name);
            await this.refresh();
        } catch (error) {
            this.saveError = this.describe(error);
        } finally {
            this.busy = false;
        }
    }

    private describe(error: unknown): string {
        const reduced = reduceErrors(error);
        const messages = [...reduced.pageErrors, ...Object.values(reduced.fieldErrors).flat()];
        return formatLabel(LG_Committee_SaveError, messages.join(' ') || String(error));
    }

    private async refresh(): Promise<void> {
        await refreshApex(this.peopleResult);
        if (this.recordId) await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
    }

    private focus(fieldName: string): void {
        const input = this.template?.querySelector<HTMLElement>(`[data-field="${fieldName}"]`);
        input?.focus();
    }
}
