/**
 * The coaching dashboard's aggregate contract over emulated records: the TypeScript twin of
 * LeadGateDashboardController.getFunnel + LeadFunnelSelector, for the local preview and the scale bench.
 *
 * Same semantics as the SOQL, query by query:
 * - the cohort is the leads whose MQL_At__c is in [windowStart, windowEnd) (days at UTC midnight here; the org
 *   uses the user's time zone), optionally only those owned by a team (users whose ManagerId is the manager);
 * - funnel rows group by OwnerId, LeadSource, Rejection_Reason__c and ConvertedOpportunity.IsWon and count
 *   non-blank stamps (COUNT(field)); `won` is the opportunities of the IsWon group;
 * - speed rows count Minutes_To_First_Action__c in the bounded buckets (first without a lower bound);
 * - bypass SQLs: SQL_At__c set and Qualification_Complete__c false; thin evidence: SQL_At__c set and, for the
 *   lead's framework, some evidence field blank or shorter than the thin length (SOQL LIKE counts every
 *   character, so no trimming here either);
 * - campaign rows count campaign members among the cohort, and rejected members by reason;
 * - the path: live when 4 x MQLs + 2 x campaign members fits the row budget (45,000 minus 2,000 reserved),
 *   else the snapshot path, which reads whole months and keeps campaigns org-wide.
 * One pass over the leads, no sorting, no per-lead output: the result holds one row per group.
 */
import { SQL_DEFINITION, evidenceField, type SqlDefinition } from 'c/sqlDefinition';
import {
    MAX_WINDOW_DAYS,
    thinEvidenceChars,
    windowProblem,
    type CampaignRejectionRow,
    type CampaignRow,
    type ComplianceRow,
    type FunnelData,
    type FunnelRow,
    type SpeedRow,
    type TeamOption
} from 'c/funnelMetrics';

export type RecordValues = Readonly<Record<string, unknown>>;

/** The emulated org the aggregate reads. */
export interface FunnelSource {
    leads: Iterable<RecordValues>;
    users: readonly RecordValues[];
    campaigns: readonly RecordValues[];
    campaignMembers: readonly RecordValues[];
    opportunities: readonly RecordValues[];
}

export interface FunnelRequest {
    windowStart: string;
    windowEnd: string;
    teamManagerId: string | null;
}

/** Why a request is refused (the Apex throws an AuraHandledException with the matching label). */
export class FunnelRequestError extends Error {
    constructor(
        readonly reason: 'order' | 'span' | 'tooLarge',
        message: string
    ) {
        super(message);
        this.name = 'FunnelRequestError';
    }
}

/** The controller's row budget: 90 % of the 50,000 query rows, minus the rows kept for names and teams. */
export const LIVE_ROW_BUDGET = 45_000 - 2_000;

const MS_PER_DAY = 86_400_000;

const timeOf = (value: unknown): number | null => {
    if (typeof value !== 'string' || value === '') return null;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
};
const isSet = (value: unknown): boolean => value !== null && value !== undefined && value !== '';
const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const dayMs = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const monthStart = (ms: number): number => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
const addMonths = (ms: number, months: number): number => {
    const d = new Date(ms);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
};

/** Users reporting to the manager (every one, active or not: their leads still count). */
export function teamMembers(users: readonly RecordValues[], managerId: string): Set<string> {
    return new Set(users.filter((u) => u.ManagerId === managerId).map((u) => String(u.Id)));
}

/** Managers with active direct reports, by manager name, as getTeams returns them. */
export function teamOptions(users: readonly RecordValues[], currentUserId: string): TeamOption[] {
    const names = new Map(users.map((u) => [String(u.Id), String(u.Name ?? '')]));
    const reps = new Map<string, number>();
    for (const u of users) {
        if (u.IsActive === false || !isSet(u.ManagerId)) continue;
        const manager = String(u.ManagerId);
        reps.set(manager, (reps.get(manager) ?? 0) + 1);
    }
    return [...reps.entries()]
        .map(([managerId, count]) => ({
            managerId,
            name: names.get(managerId) ?? managerId,
            reps: count,
            mine: managerId === currentUserId
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** Small integer ids for repeated strings (owners, sources, reasons, campaigns); id 0 is blank. */
class Interner {
    private readonly ids = new Map<string, number>();
    readonly values: Array<string | null> = [null];
    id(value: string | null): number {
        if (value === null) return 0;
        let found = this.ids.get(value);
        if (found === undefined) {
            found = this.values.length;
            this.ids.set(value, found);
            this.values.push(value);
        }
        return found;
    }
}

const bitCount = (mask: number): number => {
    let n = 0;
    for (let m = mask; m !== 0; m &= m - 1) n++;
    return n;
};

/* Per-lead flags of the columnar index. */
const ACCEPTED = 1;
const REJECTED = 2;
const SQL = 4;
const CONVERTED = 8;
const WON = 16;
const ACTIONED = 32;
const BYPASS = 64;
const THIN = 128;

/**
 * What the database's indexes give the SOQL, as columns in MQL_At__c order (a window is one contiguous
 * range): owner, source and reason ids, stage flags, the speed bucket, and campaign memberships (CSR).
 * Built once per set of record arrays and definition, and kept while those arrays live (the preview hands a
 * fresh array per request; the bench reuses one org).
 */
export interface FunnelIndex {
    size: number;
    times: Float64Array;
    owner: Int32Array;
    source: Int32Array;
    reason: Int32Array;
    flags: Uint16Array;
    /** Index into the definition's bounded speed buckets, or -1. */
    speed: Int8Array;
    /** Campaign ids of lead k: memberCampaign[memberStart[k] .. memberStart[k + 1]). */
    memberStart: Uint32Array;
    memberCampaign: Int32Array;
    owners: Interner;
    sources: Interner;
    reasons: Interner;
    campaigns: Interner;
    speedBounds: number[];
}

interface CachedIndex {
    campaignMembers: readonly RecordValues[];
    opportunities: readonly RecordValues[];
    def: SqlDefinition;
    index: FunnelIndex;
}
const indexes = new WeakMap<object, CachedIndex>();

export function indexSource(source: FunnelSource, def: SqlDefinition = SQL_DEFINITION): FunnelIndex {
    const leads = Array.isArray(source.leads) ? (source.leads as readonly RecordValues[]) : [...source.leads];
    const cached = indexes.get(leads);
    if (
        cached &&
        cached.campaignMembers === source.campaignMembers &&
        cached.opportunities === source.opportunities &&
        cached.def === def
    ) {
        return cached.index;
    }
    const membersByLead = new Map<string, string[]>();
    for (const m of source.campaignMembers) {
        const leadId = textOrNull(m.LeadId);
        const campaignId = textOrNull(m.CampaignId);
        if (!leadId || !campaignId) continue;
        const list = membersByLead.get(leadId);
        if (list) list.push(campaignId);
        else membersByLead.set(leadId, [campaignId]);
    }
    const won = new Set(source.opportunities.filter((o) => o.IsWon === true).map((o) => String(o.Id)));
    const speedBounds = def.sla.buckets.map((b) => b.maxMinutes).filter((m): m is number => m !== null);
    const thin = thinEvidenceChars(def);
    const evidenceByFramework = new Map(def.frameworks.map((f) => [f.key as string, f.criteria.map(evidenceField)]));

    const dated: number[] = [];
    const at = new Float64Array(leads.length);
    for (let i = 0; i < leads.length; i++) {
        const t = timeOf(leads[i]!.MQL_At__c);
        if (t === null) continue;
        at[i] = t;
        dated.push(i);
    }
    dated.sort((a, b) => at[a]! - at[b]!);

    const size = dated.length;
    const index: FunnelIndex = {
        size,
        times: new Float64Array(size),
        owner: new Int32Array(size),
        source: new Int32Array(size),
        reason: new Int32Array(size),
        flags: new Uint16Array(size),
        speed: new Int8Array(size),
        memberStart: new Uint32Array(size + 1),
        memberCampaign: new Int32Array(source.campaignMembers.length),
        owners: new Interner(),
        sources: new Interner(),
        reasons: new Interner(),
        campaigns: new Interner(),
        speedBounds
    };
    let members = 0;
    for (let k = 0; k < size; k++) {
        const i = dated[k]!;
        const lead = leads[i]!;
        index.times[k] = at[i]!;
        index.owner[k] = index.owners.id(String(lead.OwnerId ?? ''));
        index.source[k] = index.sources.id(textOrNull(lead.LeadSource));
        index.reason[k] = index.reasons.id(textOrNull(lead.Rejection_Reason__c));
        const opportunityId = textOrNull(lead.ConvertedOpportunityId);
        let flags = 0;
        if (isSet(lead.Accepted_At__c)) flags |= ACCEPTED;
        if (isSet(lead.Rejected_At__c)) flags |= REJECTED;
        if (opportunityId !== null) flags |= won.has(opportunityId) ? CONVERTED | WON : CONVERTED;
        if (isSet(lead.First_Action_At__c)) flags |= ACTIONED;
        if (isSet(lead.SQL_At__c)) {
            flags |= SQL;
            if (lead.Qualification_Complete__c !== true) flags |= BYPASS;
            const fields = evidenceByFramework.get(String(lead.Qualification_Framework__c ?? ''));
            if (fields) {
                for (const field of fields) {
                    const evidence = lead[field];
                    if (typeof evidence !== 'string' || evidence.length < thin) {
                        flags |= THIN;
                        break;
                    }
                }
            }
        }
        index.flags[k] = flags;
        let bucket = -1;
        const minutes = lead.Minutes_To_First_Action__c;
        if (typeof minutes === 'number' && Number.isFinite(minutes)) {
            bucket = 0;
            while (bucket < speedBounds.length && minutes > speedBounds[bucket]!) bucket++;
            if (bucket === speedBounds.length) bucket = -1;
        }
        index.speed[k] = bucket;
        index.memberStart[k] = members;
        for (const campaignId of membersByLead.get(String(lead.Id)) ?? []) index.memberCampaign[members++] = index.campaigns.id(campaignId);
    }
    index.memberStart[size] = members;
    indexes.set(leads, { campaignMembers: source.campaignMembers, opportunities: source.opportunities, def, index });
    return index;
}

/** The first position in ascending `times` whose value is at least `at`. */
function lowerBound(times: Float64Array, at: number): number {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (times[mid]! < at) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

interface FunnelCounts {
    owner: number;
    source: number;
    reason: number;
    /** 0: not converted, 1: converted and won, 2: converted, not won (ConvertedOpportunity.IsWon). */
    won: number;
    mqls: number;
    accepted: number;
    rejected: number;
    sqls: number;
    opportunities: number;
    actioned: number;
    months: number;
}

/** The aggregate rows for one window and team, and the query rows the Apex would have consumed. */
export function aggregateFunnel(source: FunnelSource, request: FunnelRequest, now: Date, def: SqlDefinition = SQL_DEFINITION): FunnelData {
    const problem = windowProblem({ start: request.windowStart, end: request.windowEnd });
    if (problem === 'span') throw new FunnelRequestError('span', String(MAX_WINDOW_DAYS));
    if (problem) throw new FunnelRequestError('order', problem);

    const index = indexSource(source, def);
    const { times, owner, source: leadSource, reason, flags, speed, memberStart, memberCampaign } = index;
    const teamIds = request.teamManagerId ? teamMembers(source.users, request.teamManagerId) : null;
    /** Owner id (interned) -> in the team. */
    const inTeam = new Uint8Array(index.owners.values.length).fill(teamIds ? 0 : 1);
    if (teamIds) index.owners.values.forEach((ownerId, i) => (inTeam[i] = ownerId !== null && teamIds.has(ownerId) ? 1 : 0));

    // The guard counts (the controller's two COUNT() queries) over the requested window.
    const start = dayMs(request.windowStart);
    const end = dayMs(request.windowEnd);
    let mqls = 0;
    let members = 0;
    for (let k = lowerBound(times, start), stop = lowerBound(times, end); k < stop; k++) {
        if (!inTeam[owner[k]!]) continue;
        mqls++;
        members += memberStart[k + 1]! - memberStart[k]!;
    }
    const live = 4 * mqls + 2 * members <= LIVE_ROW_BUDGET;

    // The snapshot path reads whole months, and its campaign rows cover every owner.
    const from = live ? start : monthStart(start);
    const to = live ? end : addMonths(monthStart(end - MS_PER_DAY), 1);
    const campaignsEveryOwner = !live || !teamIds;
    const monthStarts: number[] = [];
    if (!live) for (let m = from; m < to; m = addMonths(m, 1)) monthStarts.push(m);

    const owners = index.owners.values.length;
    const bounds = index.speedBounds.length;
    const funnel = new Map<number, FunnelCounts>();
    const speedLeads = new Int32Array(owners * bounds);
    const speedMonths = new Int32Array(owners * bounds);
    const bypass = new Int32Array(owners);
    const thin = new Int32Array(owners);
    const complianceMonths = new Int32Array(owners);
    const campaignCount = new Int32Array(index.campaigns.values.length);
    const campaignMonths = new Int32Array(index.campaigns.values.length);
    const rejections = new Map<number, { campaign: number; reason: number; rejected: number; months: number }>();
    const reasonCount = index.reasons.values.length;
    let speedRows = 0;
    let bypassRows = 0;
    let thinRows = 0;
    let memberRows = 0;
    let rejectedMemberRows = 0;
    let cohort = 0;
    let month = 0;

    for (let k = lowerBound(times, from), stop = lowerBound(times, to); k < stop; k++) {
        if (!live) while (month + 1 < monthStarts.length && times[k]! >= monthStarts[month + 1]!) month++;
        const monthBit = live ? 0 : 1 << month;
        const o = owner[k]!;
        const f = flags[k]!;
        const counted = inTeam[o] === 1;

        if (counted || campaignsEveryOwner) {
            for (let m = memberStart[k]!, stopMember = memberStart[k + 1]!; m < stopMember; m++) {
                const campaign = memberCampaign[m]!;
                campaignCount[campaign]!++;
                campaignMonths[campaign]! |= monthBit;
                memberRows++;
                if (!(f & REJECTED)) continue;
                rejectedMemberRows++;
                const key = campaign * reasonCount + reason[k]!;
                const row = rejections.get(key);
                if (row) {
                    row.rejected++;
                    row.months |= monthBit;
                } else rejections.set(key, { campaign, reason: reason[k]!, rejected: 1, months: monthBit });
            }
        }
        if (!counted) continue;
        cohort++;

        const wonState = f & CONVERTED ? (f & WON ? 1 : 2) : 0;
        const key = ((o * 1024 + leadSource[k]!) * 1024 + reason[k]!) * 4 + wonState;
        let counts = funnel.get(key);
        if (!counts) {
            counts = {
                owner: o,
                source: leadSource[k]!,
                reason: reason[k]!,
                won: wonState,
                mqls: 0,
                accepted: 0,
                rejected: 0,
                sqls: 0,
                opportunities: 0,
                actioned: 0,
                months: 0
            };
            funnel.set(key, counts);
        }
        counts.months |= monthBit;
        counts.mqls++;
        if (f & ACCEPTED) counts.accepted++;
        if (f & REJECTED) counts.rejected++;
        if (f & SQL) counts.sqls++;
        if (f & CONVERTED) counts.opportunities++;
        if (f & ACTIONED) counts.actioned++;

        const bucket = speed[k]!;
        if (bucket >= 0) {
            speedLeads[o * bounds + bucket]!++;
            speedMonths[o * bounds + bucket]! |= monthBit;
            speedRows++;
        }
        if (f & (BYPASS | THIN) && f & SQL) {
            complianceMonths[o]! |= monthBit;
            if (f & BYPASS) {
                bypass[o]!++;
                bypassRows++;
            }
            if (f & THIN) {
                thin[o]!++;
                thinRows++;
            }
        }
    }

    const ownerId = (o: number): string => index.owners.values[o] ?? '';
    const funnelRows: FunnelRow[] = [...funnel.values()].map((c) => ({
        ownerId: ownerId(c.owner),
        leadSource: index.sources.values[c.source] ?? null,
        rejectionReason: index.reasons.values[c.reason] ?? null,
        mqls: c.mqls,
        accepted: c.accepted,
        rejected: c.rejected,
        sqls: c.sqls,
        opportunities: c.opportunities,
        won: c.won === 1 ? c.opportunities : 0,
        actioned: c.actioned
    }));
    const speedRowsOut: SpeedRow[] = [];
    const complianceRows: ComplianceRow[] = [];
    let storedRows = 0;
    for (let o = 0; o < owners; o++) {
        for (let b = 0; b < bounds; b++) {
            const leadsInBucket = speedLeads[o * bounds + b]!;
            if (leadsInBucket === 0) continue;
            speedRowsOut.push({ ownerId: ownerId(o), maxMinutes: index.speedBounds[b]!, leads: leadsInBucket });
            storedRows += bitCount(speedMonths[o * bounds + b]!);
        }
        if (bypass[o]! || thin[o]!) {
            complianceRows.push({ ownerId: ownerId(o), bypassSqls: bypass[o]!, thinEvidenceSqls: thin[o]! });
            storedRows += bitCount(complianceMonths[o]!);
        }
    }
    const campaignNames = new Map(source.campaigns.map((c) => [String(c.Id), textOrNull(c.Name)]));
    const campaignRows: CampaignRow[] = [];
    for (let c = 1; c < campaignCount.length; c++) {
        if (campaignCount[c] === 0) continue;
        const campaignId = index.campaigns.values[c]!;
        campaignRows.push({ campaignId, campaignName: campaignNames.get(campaignId) ?? null, members: campaignCount[c]! });
        storedRows += bitCount(campaignMonths[c]!);
    }
    const rejectionRows: CampaignRejectionRow[] = [...rejections.values()].map((r) => {
        storedRows += bitCount(r.months);
        return {
            campaignId: index.campaigns.values[r.campaign]!,
            rejectionReason: index.reasons.values[r.reason] ?? null,
            rejected: r.rejected
        };
    });
    for (const c of funnel.values()) storedRows += bitCount(c.months);
    const userNames = new Map(source.users.map((u) => [String(u.Id), String(u.Name ?? '')]));
    const ownerRows = [...new Set(funnelRows.map((r) => r.ownerId))].map((id) => ({ ownerId: id, name: userNames.get(id) ?? '' }));

    // The query rows the Apex would consume, counting every aggregated row: the guards and team, then either
    // each live query's matched rows or the stored snapshot rows read (one per month and group; the funnel
    // groups are counted with their IsWon split, which the snapshot does not store: an upper bound).
    const rowsUsed =
        2 +
        (teamIds?.size ?? 0) +
        ownerRows.length +
        (live ? cohort + speedRows + bypassRows + thinRows + memberRows + rejectedMemberRows : 1 + storedRows);

    return {
        source: live ? 'live' : 'snapshot',
        windowStart: isoDay(from),
        windowEnd: isoDay(to),
        asOf: live ? null : nightlyRunBefore(now),
        campaignsOrgWide: !live && teamIds !== null,
        thinEvidenceChars: thinEvidenceChars(def),
        rowsUsed,
        owners: ownerRows,
        funnel: funnelRows,
        speed: speedRowsOut,
        compliance: complianceRows,
        campaigns: campaignRows,
        campaignRejections: rejectionRows
    };
}

/** The emulated nightly snapshot's time: the last 02:00 UTC at or before `now`. */
function nightlyRunBefore(now: Date): string {
    const run = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2);
    return new Date(run <= now.getTime() ? run : run - MS_PER_DAY).toISOString();
}
