/**
 * The preview's seed, from the project's one source of sample data: scripts/admin/sample-data/load.ts reads
 * data/ (the sf data tree plan, the preview-only extras, the users) and shifts every instant by
 * (now - anchor) as data/README.md prescribes. This module only arranges the result by sObject type
 * for the store and the Apex handlers (Lead, Campaign, CampaignMember, Opportunity, User, LeadGate_Evidence_Review__c),
 * and passes on the sample history's own definition revisions.
 */
import { EVIDENCE_REVIEW_OBJECT } from 'c/sqlDefinition';
import { loadSampleData, shiftToNow } from '../../scripts/admin/sample-data/load.ts';
import type { SampleRevision } from '../../scripts/admin/sample-data/model.ts';
import type { PreviewUser } from './permissions.ts';

export type Values = Record<string, unknown>;

export interface SeedRecord {
    id: string;
    sobject: string;
    values: Values;
}

export interface Showcase {
    key: string;
    id: string;
    title: string;
}

export interface Seed {
    users: PreviewUser[];
    /** Records by sObject type. */
    records: Map<string, SeedRecord[]>;
    showcase: Showcase[];
    /** The sample history's own definition revisions, shifted to now (the preview adds them to the real log it serves). */
    revisions: SampleRevision[];
}

export function loadSeed(root: string, now: Date): Seed {
    const data = shiftToNow(loadSampleData(root), now);
    const users: PreviewUser[] = data.users.map((u) => ({
        id: u.id,
        name: u.name,
        role: u.role,
        title: u.title,
        permissionSets: [...u.permissionSets]
    }));
    const records = new Map<string, SeedRecord[]>();
    records.set(
        'User',
        data.users.map((u) => ({
            id: u.id,
            sobject: 'User',
            values: {
                Id: u.id,
                Name: u.name,
                FirstName: u.firstName,
                LastName: u.lastName,
                Username: u.username,
                Alias: u.alias,
                Title: u.title,
                Department: u.department,
                ManagerId: u.managerId,
                IsActive: true
            }
        }))
    );
    records.set(
        'Campaign',
        data.campaigns.map((c) => ({ id: c.id, sobject: 'Campaign', values: { ...c.fields, Id: c.id } }))
    );
    records.set(
        'Lead',
        data.leads.map((l) => ({ id: l.id, sobject: 'Lead', values: { ...l.fields, Id: l.id } }))
    );
    let member = 0;
    records.set(
        'CampaignMember',
        data.leads.flatMap((l) =>
            l.campaignIds.map((campaignId) => {
                const id = `00vLG${String(++member).padStart(10, '0')}AAA`;
                return { id, sobject: 'CampaignMember', values: { Id: id, LeadId: l.id, CampaignId: campaignId } };
            })
        )
    );
    records.set(
        'Opportunity',
        data.leads.flatMap((l) =>
            l.opportunity
                ? [
                      {
                          id: l.opportunity.id,
                          sobject: 'Opportunity',
                          values: {
                              Id: l.opportunity.id,
                              Name: l.opportunity.name,
                              StageName: l.opportunity.stageName,
                              Amount: l.opportunity.amount,
                              CloseDate: l.opportunity.closeDate,
                              IsClosed: l.opportunity.isClosed,
                              IsWon: l.opportunity.isWon,
                              OwnerId: l.opportunity.ownerId
                          }
                      }
                  ]
                : []
        )
    );
    records.set(
        EVIDENCE_REVIEW_OBJECT,
        data.reviews.map((r, i) => ({
            id: r.id,
            sobject: EVIDENCE_REVIEW_OBJECT,
            values: { ...r.fields, Id: r.id, Name: `ER-${String(i + 1).padStart(6, '0')}`, LastModifiedDate: r.fields.CreatedDate }
        }))
    );
    const idOf = new Map(data.leads.map((l) => [l.referenceId, l.id]));
    const showcase = data.showcase
        .map((s) => ({ key: s.key, id: idOf.get(s.referenceId) ?? '', title: s.title }))
        .filter((s) => s.id !== '');
    return { users, records, showcase, revisions: data.revisions };
}
