/**
 * An emulated org of any size (10,000 to 10,000,000 leads) that holds no leads in memory: lead i is generated from
 * its index whenever a query reads it (a seeded generator per lead, so every read of lead i gives the same record),
 * in MQL-time order over the 365 days before `anchor`. A query's top-level MQL_At__c range (the evaluator's range
 * hints, what the database's index on MQL_At__c serves) limits the scan to the leads inside it; the evaluator still
 * applies the whole WHERE. Campaign members and converted opportunities are derived from their lead.
 *
 * The patterns of emulatedLeads.ts, so the figures have something to find: rep 4 of every team inflates SQLs on thin
 * evidence, rep 6 is slow, campaign 1 draws Poor Fit rejections, a few SQLs per thousand come through the bypass.
 */
import { mulberry32 } from '../../scripts/admin/sample-data/random.ts';
import { segmentStamps } from './emulatedLeads.ts';
import type { Schema } from '../../scripts/checks/verify-apex/schema.ts';
import type { RangeHint, SoqlOrg, SoqlRecord } from '../../preview/server/soql/evaluator.ts';

const SOURCES = ['Web', 'Webinar', 'Partner Referral', 'Purchased List', 'Event', 'Phone Inquiry'];
const REASONS = ['Poor Fit', 'No Budget', 'No Authority', 'No Need', 'Bad Timing', 'Unresponsive', 'Duplicate', 'Student or Personal'];
const GOOD = 'CFO confirmed budget of 80k approved for the Q3 rollout';
const THIN = 'Budget confirmed by CFO';
const DAY = 86_400_000;
const MINUTE = 60_000;
const pad = (n: number): string => String(n).padStart(12, '0');

export interface StreamingOrg extends SoqlOrg {
    leads: number;
    users: SoqlRecord[];
    /** Rows a query of another object reads (snapshot rows once the batch has run). */
    tables: Map<string, SoqlRecord[]>;
}

export function streamingOrg(
    schema: Schema,
    options: { leads: number; anchor: Date; teams?: number; repsPerTeam?: number; campaigns?: number }
): StreamingOrg {
    const teams = options.teams ?? 4;
    const repsPerTeam = options.repsPerTeam ?? 8;
    const campaignCount = options.campaigns ?? 30;
    const end = options.anchor.getTime();
    const start = end - 365 * DAY;
    const spacing = (365 * DAY) / options.leads;
    const users: SoqlRecord[] = [];
    const reps: Array<{ id: string; inflates: boolean; slow: boolean }> = [];
    for (let t = 0; t < teams; t++) {
        const managerId = `005MG${pad(t)}`;
        users.push({ Id: managerId, Name: `Manager ${t + 1}`, ManagerId: null, IsActive: true });
        for (let r = 0; r < repsPerTeam; r++) {
            const id = `005RP${pad(t * repsPerTeam + r)}`;
            users.push({ Id: id, Name: `Rep ${t + 1}.${r + 1}`, ManagerId: managerId, IsActive: true });
            reps.push({ id, inflates: r === 3, slow: r === 5 });
        }
    }
    const campaigns: SoqlRecord[] = Array.from({ length: campaignCount }, (_, c) => ({
        Id: `701CP${pad(c)}`,
        Name: c === 0 ? 'Broad Social Ads' : `Campaign ${c + 1}`
    }));
    const iso = (ms: number): string => new Date(ms).toISOString();

    /** Lead i, its campaign (or -1) and its opportunity's outcome. */
    const leadAt = (i: number): { lead: SoqlRecord; campaign: number } => {
        const rng = mulberry32(0x9e3779b1 ^ Math.imul(i + 1, 0x85ebca6b));
        const rep = reps[Math.floor(rng() * reps.length)]!;
        const mqlAt = Math.floor(start + (i + rng()) * spacing);
        const campaign = rng() < 0.6 ? Math.floor(rng() * campaignCount) : -1;
        const minutes = rep.slow ? 30 + rng() * 3000 : rng() < 0.55 ? rng() * 5 : 5 + rng() * 600;
        const actioned = rng() < 0.97;
        const firstActionAt = actioned ? mqlAt + minutes * MINUTE : null;
        const rejected = actioned && rng() < (campaign === 0 ? 0.7 : 0.4);
        const lead: Record<string, unknown> = {
            Id: `00QEM${pad(i)}`,
            OwnerId: rep.id,
            LeadSource: SOURCES[Math.floor(rng() * SOURCES.length)],
            MQL_At__c: iso(mqlAt),
            First_Action_At__c: firstActionAt === null ? null : iso(firstActionAt),
            Minutes_To_First_Action__c: firstActionAt === null ? null : Math.round(minutes * 10) / 10,
            Qualification_Complete__c: false,
            ...segmentStamps(i)
        };
        if (rejected) {
            lead.Rejected_At__c = iso(firstActionAt!);
            lead.Rejection_Reason__c = campaign === 0 && rng() < 0.75 ? 'Poor Fit' : REASONS[Math.floor(rng() * REASONS.length)];
        } else if (actioned) {
            lead.Accepted_At__c = iso(firstActionAt!);
            if (rng() < (rep.inflates ? 0.8 : 0.4)) {
                lead.SQL_At__c = iso(firstActionAt! + DAY);
                const bypass = rng() < 0.004;
                lead.Qualification_Framework__c = bypass ? null : 'BANT';
                lead.Qualification_Complete__c = !bypass;
                if (!bypass) {
                    const evidence = rep.inflates ? THIN : GOOD;
                    for (const f of ['Budget_Evidence__c', 'Authority_Evidence__c', 'Need_Evidence__c', 'Timeline_Evidence__c'])
                        lead[f] = evidence;
                }
                if (rng() < (rep.inflates ? 0.2 : 0.5)) lead.ConvertedOpportunityId = `006${rng() < 0.35 ? 'W' : 'L'}${pad(i)}`;
            }
        }
        return { lead, campaign };
    };

    /**
     * The evidence reviews of lead i: every SQL has one (Coach for the inflating rep, Evidence Holds otherwise), and
     * every fourth SQL a second verdict, so the review rows outnumber the reviewed SQLs as in an org.
     */
    const reviewsOf = (i: number, lead: SoqlRecord): SoqlRecord[] => {
        if (!lead.SQL_At__c) return [];
        const inflates = reps.find((r) => r.id === lead.OwnerId)?.inflates ?? false;
        const review = (n: number, outcome: string): SoqlRecord => ({
            Id: `a0RE${n}${pad(i)}`,
            Lead__c: lead.Id,
            Outcome__c: outcome,
            OwnerId: lead.OwnerId,
            CreatedDate: new Date(Date.parse(String(lead.SQL_At__c)) + DAY).toISOString()
        });
        const first = review(1, inflates ? 'Coach' : 'Evidence Holds');
        return i % 4 === 0 ? [first, review(2, 'Evidence Holds')] : [first];
    };

    /**
     * The leads of the last range read, kept while queries ask for the same range (a dashboard load and a batch execute
     * run a dozen queries over one window): generated once, not once per query. Ranges over 100,000 leads are not kept.
     */
    let kept: { lo: number; hi: number; leads: Array<ReturnType<typeof leadAt>> } | null = null;
    const leadsIn = (lo: number, hi: number): Array<ReturnType<typeof leadAt>> | null => {
        if (kept && kept.lo === lo && kept.hi === hi) return kept.leads;
        if (hi - lo > 100_000) return null;
        kept = { lo, hi, leads: Array.from({ length: hi - lo }, (_, k) => leadAt(lo + k)) };
        return kept.leads;
    };

    /** The lead indexes a query's MQL_At__c range can reach. */
    const range = (hints: readonly RangeHint[] | undefined, path: string): [number, number] => {
        let lo = 0;
        let hi = options.leads;
        for (const h of hints ?? []) {
            if (h.path !== path) continue;
            if (h.from !== undefined) lo = Math.max(lo, Math.floor((h.from - start) / spacing) - 1);
            if (h.to !== undefined) hi = Math.min(hi, Math.ceil((h.to - start) / spacing) + 1);
        }
        return [Math.max(0, lo), Math.max(0, Math.min(options.leads, hi))];
    };
    const tables = new Map<string, SoqlRecord[]>([
        ['User', users],
        ['Campaign', campaigns]
    ]);
    return {
        schema,
        leads: options.leads,
        users,
        tables,
        *records(sobject, hints) {
            if (sobject === 'Lead') {
                const [lo, hi] = range(hints, 'mql_at__c');
                for (let i = lo; i < hi; i++) yield leadsIn(lo, hi)?.[i - lo]?.lead ?? leadAt(i).lead;
            } else if (sobject === 'LeadGate_Evidence_Review__c') {
                const [lo, hi] = range(hints, 'lead__r.mql_at__c');
                for (let i = lo; i < hi; i++) yield* reviewsOf(i, (leadsIn(lo, hi)?.[i - lo] ?? leadAt(i)).lead);
            } else if (sobject === 'CampaignMember') {
                const [lo, hi] = range(hints, 'lead.mql_at__c');
                for (let i = lo; i < hi; i++) {
                    const { campaign } = leadsIn(lo, hi)?.[i - lo] ?? leadAt(i);
                    if (campaign >= 0) yield { Id: `00vCM${pad(i)}`, LeadId: `00QEM${pad(i)}`, CampaignId: campaigns[campaign]!.Id };
                }
            } else yield* tables.get(sobject) ?? [];
        },
        byId(id, sobjects) {
            if (id.startsWith('00QEM') && sobjects.includes('Lead')) return leadAt(Number(id.slice(5))).lead;
            if (id.startsWith('006') && sobjects.includes('Opportunity')) return { Id: id, IsWon: id[3] === 'W' };
            for (const sobject of sobjects) {
                const found = tables.get(sobject)?.find((r) => r.Id === id);
                if (found) return found;
            }
            return undefined;
        }
    };
}
