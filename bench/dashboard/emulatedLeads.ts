/**
 * Emulated leads at scale for the dashboard bench: a deterministic org of any size (10,000 to millions of
 * leads) in the shape the preview's Apex handlers read (FunnelSource), spread over the 12 months before
 * `anchor`. Built for speed and memory, not realism in every field: each lead carries only what the funnel
 * aggregate reads (stage stamps, owner, source, reason, speed minutes, qualification and BANT evidence).
 *
 * Patterns, so the findings have something to find at any size: rep 3 of every team inflates SQLs (about
 * twice the SQLs, few opportunities, minimal evidence), rep 5 of every team is slow to act, campaign 0 draws
 * mostly Poor Fit rejections, and a few SQLs per thousand come through the bypass with incomplete criteria.
 */
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { segmentValues } from 'c/funnelMetrics';
import { mulberry32 as random } from '../../scripts/admin/sample-data/random.ts';

const SEGMENT_VALUES = SQL_DEFINITION.segments.map((s) => ({ field: s.field, values: segmentValues(s) }));

/**
 * Lead i's stamped segments (what the before-save flow writes), spread over every value of each segment by the index
 * alone, so the random draws of the other fields stay as they were.
 */
export function segmentStamps(i: number): Record<string, string> {
    return Object.fromEntries(SEGMENT_VALUES.map((s, k) => [s.field, s.values[(i * (2 * k + 3) + k) % s.values.length]!]));
}

export type RecordValues = Readonly<Record<string, unknown>>;

/** The emulated org's records, by the objects the dashboard's queries read. */
export interface FunnelSource {
    leads: readonly RecordValues[];
    users: readonly RecordValues[];
    campaigns: readonly RecordValues[];
    campaignMembers: readonly RecordValues[];
    opportunities: readonly RecordValues[];
}

export interface EmulatedOrgOptions {
    leads: number;
    anchor: Date;
    teams?: number;
    repsPerTeam?: number;
    campaigns?: number;
    seed?: number;
}

const SOURCES = ['Web', 'Webinar', 'Partner Referral', 'Purchased List', 'Event', 'Phone Inquiry'];
const REASONS = ['Poor Fit', 'No Budget', 'No Authority', 'No Need', 'Bad Timing', 'Unresponsive', 'Duplicate', 'Student or Personal'];
const GOOD_EVIDENCE = 'CFO confirmed budget of 80k approved for the Q3 rollout';
const THIN_EVIDENCE = 'Budget confirmed by CFO';
const DAY = 86_400_000;
const MINUTE = 60_000;

const id = (prefix: string, n: number): string => `${prefix}${String(n).padStart(12, '0')}AAA`;

export function emulatedOrg(options: EmulatedOrgOptions): FunnelSource {
    const rng = random(options.seed ?? 20260514);
    const teams = options.teams ?? 4;
    const repsPerTeam = options.repsPerTeam ?? 8;
    const campaignCount = options.campaigns ?? 30;
    const anchor = options.anchor.getTime();

    const users: RecordValues[] = [];
    const reps: Array<{ id: string; inflates: boolean; slow: boolean }> = [];
    for (let t = 0; t < teams; t++) {
        const managerId = id('005MG', t);
        users.push({ Id: managerId, Name: `Manager ${t + 1}`, ManagerId: null, IsActive: true });
        for (let r = 0; r < repsPerTeam; r++) {
            const repId = id('005RP', t * repsPerTeam + r);
            users.push({ Id: repId, Name: `Rep ${t + 1}.${r + 1}`, ManagerId: managerId, IsActive: true });
            reps.push({ id: repId, inflates: r === 3, slow: r === 5 });
        }
    }
    const campaigns: RecordValues[] = Array.from({ length: campaignCount }, (_, c) => ({
        Id: id('701CP', c),
        Name: c === 0 ? 'Broad Social Ads' : `Campaign ${c + 1}`
    }));

    const leads: RecordValues[] = new Array(options.leads);
    const campaignMembers: RecordValues[] = [];
    const opportunities: RecordValues[] = [];
    const iso = (ms: number): string => new Date(ms).toISOString();

    for (let i = 0; i < options.leads; i++) {
        const rep = reps[Math.floor(rng() * reps.length)]!;
        const mqlAt = anchor - Math.floor(rng() * 365 * DAY);
        const campaign = rng() < 0.6 ? Math.floor(rng() * campaignCount) : -1;
        const poorFitCampaign = campaign === 0;
        const minutes = rep.slow ? 30 + rng() * 3000 : rng() < 0.55 ? rng() * 5 : 5 + rng() * 600;
        const actioned = rng() < 0.97;
        const firstActionAt = actioned ? mqlAt + minutes * MINUTE : null;
        const rejectChance = poorFitCampaign ? 0.7 : 0.4;
        const rejected = actioned && rng() < rejectChance;
        // Every lead has every field (null when blank): one object shape, as records read from a store would have.
        const lead: Record<string, unknown> = {
            Id: id('00QEM', i),
            OwnerId: rep.id,
            LeadSource: SOURCES[Math.floor(rng() * SOURCES.length)],
            MQL_At__c: iso(mqlAt),
            Accepted_At__c: null,
            Rejected_At__c: null,
            Rejection_Reason__c: null,
            SQL_At__c: null,
            First_Action_At__c: firstActionAt === null ? null : iso(firstActionAt),
            Minutes_To_First_Action__c: firstActionAt === null ? null : Math.round(minutes * 10) / 10,
            ConvertedOpportunityId: null,
            Qualification_Framework__c: null,
            Qualification_Complete__c: false,
            Budget_Evidence__c: null,
            Authority_Evidence__c: null,
            Need_Evidence__c: null,
            Timeline_Evidence__c: null,
            ...segmentStamps(i)
        };
        if (rejected) {
            lead.Rejected_At__c = iso(firstActionAt!);
            lead.Rejection_Reason__c = poorFitCampaign && rng() < 0.75 ? 'Poor Fit' : REASONS[Math.floor(rng() * REASONS.length)];
        } else if (actioned) {
            lead.Accepted_At__c = iso(firstActionAt!);
            const sqlChance = rep.inflates ? 0.8 : 0.4;
            if (rng() < sqlChance) {
                lead.SQL_At__c = iso(firstActionAt! + DAY);
                const bypass = rng() < 0.004;
                lead.Qualification_Framework__c = bypass ? null : 'BANT';
                lead.Qualification_Complete__c = !bypass;
                const evidence = rep.inflates ? THIN_EVIDENCE : GOOD_EVIDENCE;
                if (!bypass) {
                    lead.Budget_Evidence__c = evidence;
                    lead.Authority_Evidence__c = evidence;
                    lead.Need_Evidence__c = evidence;
                    lead.Timeline_Evidence__c = evidence;
                }
                if (rng() < (rep.inflates ? 0.2 : 0.5)) {
                    const oppId = id('006OP', i);
                    lead.ConvertedOpportunityId = oppId;
                    opportunities.push({ Id: oppId, IsWon: rng() < 0.35 });
                }
            }
        }
        leads[i] = lead;
        if (campaign >= 0) campaignMembers.push({ Id: id('00vCM', i), LeadId: lead.Id, CampaignId: campaigns[campaign]!.Id });
    }
    return { leads, users, campaigns, campaignMembers, opportunities };
}
