/**
 * The buying committee, interpreted: pure functions over plain data, shared by the Lead page card (coverage) and by the
 * conversion (which person becomes which Contact and contact role). No platform imports, so Node tests run it, and the
 * case table data/conversion-cases.json holds it and the Apex class LeadCommitteeConversion to the same answers.
 *
 * Conversion rules (docs/DECISIONS.md, "The buying committee travels to the Opportunity"):
 * - a person is carried only when their lead was converted with an Opportunity, and only once (a row that already has
 *   its Opportunity is skipped, so a re-run never duplicates);
 * - the Contact is, in order: the one the rep linked (Contact__c); else a Contact of the converted account with the same
 *   email (trimmed, case-insensitive; the lowest Id when several match, so the answer does not depend on query order);
 *   else a new Contact on the account, shared by every person of the same account with the same email in the batch;
 * - the contact role is the definition's contactRole for the person's Role__c; one role per Opportunity, Contact and
 *   Role: an existing identical contact role, or a second person mapping to the same one, adds nothing.
 */
import { SQL_DEFINITION, committeeCountField, type CommitteeRole, type FrameworkKey, type SqlDefinition } from 'c/sqlDefinition';

/* ------------------------------------------------------------------ coverage (the Lead page card) */

export interface CommitteeCoverage {
    /** Every role of the definition with how many people hold it. */
    roles: Array<{ role: CommitteeRole; count: number; required: boolean }>;
    /** Roles with at least one person. */
    named: number;
    total: number;
    /** Roles with nobody named, in the definition's order. */
    missing: CommitteeRole[];
    /** Required roles (for the lead's framework) with nobody named. */
    missingRequired: CommitteeRole[];
}

/** How much of the committee is named, from the Role__c value of each person. Unknown role values are ignored. */
export function committeeCoverage(
    roleValues: ReadonlyArray<string | null>,
    framework: FrameworkKey | null,
    def: SqlDefinition = SQL_DEFINITION
): CommitteeCoverage {
    const required = new Set(framework ? def.committee.requiredFor[framework] : []);
    const roles = def.committee.roles.map((role) => ({
        role,
        count: roleValues.filter((value) => value === role.label).length,
        required: required.has(role.key)
    }));
    const missing = roles.filter((r) => r.count === 0);
    return {
        roles,
        named: roles.length - missing.length,
        total: roles.length,
        missing: missing.map((r) => r.role),
        missingRequired: missing.filter((r) => r.required).map((r) => r.role)
    };
}

/**
 * The Lead's count fields (Committee_<Role>_Count__c) for the people named on it, from their Role__c values: every role
 * of the definition gets a value, 0 where nobody holds it; unknown role values count nowhere. LeadCommitteeCounts writes
 * the same numbers in the org and the preview writes these; the case table data/committee-count-cases.json holds both.
 */
export function committeeCounts(roleValues: ReadonlyArray<string | null>, def: SqlDefinition = SQL_DEFINITION): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const role of def.committee.roles) counts[committeeCountField(role)] = roleValues.filter((value) => value === role.label).length;
    return counts;
}

/** The email as matching compares it: trimmed and lower-cased; blank is no email. */
export function emailKey(email: string | null | undefined): string | null {
    const key = (email ?? '').trim().toLowerCase();
    return key === '' ? null : key;
}

/* ------------------------------------------------------------------ conversion plan */

export interface MemberRow {
    id: string;
    leadId: string;
    name: string;
    title: string | null;
    email: string | null;
    role: string | null;
    contactId: string | null;
    opportunityId: string | null;
}

export interface ConvertedLeadRow {
    leadId: string;
    accountId: string;
    opportunityId: string | null;
}

export interface ContactRow {
    id: string;
    accountId: string;
    email: string | null;
}

export interface ContactRoleRow {
    opportunityId: string;
    contactId: string;
    role: string | null;
}

export interface ConversionInput {
    members: MemberRow[];
    leads: ConvertedLeadRow[];
    /** Contacts of the converted accounts (with an email). */
    contacts: ContactRow[];
    /** Contact roles already on the converted Opportunities (the platform adds the converted lead's own contact). */
    contactRoles: ContactRoleRow[];
}

/** A Contact to create: `key` is shared by every person it stands for. */
export interface NewContact {
    key: string;
    accountId: string;
    firstName: string | null;
    lastName: string;
    title: string | null;
    email: string | null;
}

/** A Contact's names from the one name the rep typed: the last word is the last name ("Ana María Ruiz" -> "Ana María", "Ruiz"). */
export function splitName(name: string): { firstName: string | null; lastName: string } {
    const words = name
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '');
    if (words.length <= 1) return { firstName: null, lastName: words[0] ?? '' };
    return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] as string };
}

/** What happens to one person. `contact` is an existing Contact Id or the key of a NewContact. */
export type MemberOutcome =
    | { memberId: string; action: 'skip'; reason: 'noOpportunity' | 'alreadyCarried' | 'unknownRole' }
    | {
          memberId: string;
          action: 'carry';
          opportunityId: string;
          contact: { existing: string } | { create: string };
          contactRole: string;
          /** False when an identical contact role exists or another person of the batch already adds it. */
          addsRole: boolean;
      };

export interface ConversionPlan {
    newContacts: NewContact[];
    outcomes: MemberOutcome[];
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Decides, for every person of the converted leads, which Contact they are and which contact role they add. */
export function planConversion(input: ConversionInput, def: SqlDefinition = SQL_DEFINITION): ConversionPlan {
    const leads = new Map(input.leads.map((l) => [l.leadId, l]));
    const contactByAccountEmail = new Map<string, string>();
    for (const c of [...input.contacts].sort(byId)) {
        const key = emailKey(c.email);
        const at = `${c.accountId}|${key}`;
        if (key !== null && !contactByAccountEmail.has(at)) contactByAccountEmail.set(at, c.id);
    }
    const roleKeys = new Set(input.contactRoles.map((r) => `${r.opportunityId}|${r.contactId}|${r.role ?? ''}`));
    const contactRoleOf = new Map(def.committee.roles.map((r) => [r.label, r.contactRole]));
    const newContacts: NewContact[] = [];
    const newByAccountEmail = new Map<string, string>();
    const outcomes: MemberOutcome[] = [];

    for (const m of [...input.members].sort(byId)) {
        const lead = leads.get(m.leadId);
        if (m.opportunityId) {
            outcomes.push({ memberId: m.id, action: 'skip', reason: 'alreadyCarried' });
            continue;
        }
        if (!lead || !lead.opportunityId) {
            outcomes.push({ memberId: m.id, action: 'skip', reason: 'noOpportunity' });
            continue;
        }
        const contactRole = m.role === null ? undefined : contactRoleOf.get(m.role);
        if (contactRole === undefined) {
            outcomes.push({ memberId: m.id, action: 'skip', reason: 'unknownRole' });
            continue;
        }
        const email = emailKey(m.email);
        const at = `${lead.accountId}|${email}`;
        let contact: { existing: string } | { create: string };
        const matched = m.contactId ?? (email === null ? undefined : contactByAccountEmail.get(at));
        if (matched) {
            contact = { existing: matched };
        } else {
            let key = email === null ? undefined : newByAccountEmail.get(at);
            if (key === undefined) {
                key = m.id;
                newContacts.push({ key, accountId: lead.accountId, ...splitName(m.name), title: m.title, email: m.email });
                if (email !== null) newByAccountEmail.set(at, key);
            }
            contact = { create: key };
        }
        const contactKey = 'existing' in contact ? contact.existing : `new:${contact.create}`;
        const roleKey = `${lead.opportunityId}|${contactKey}|${contactRole}`;
        const addsRole = !roleKeys.has(roleKey);
        roleKeys.add(roleKey);
        outcomes.push({ memberId: m.id, action: 'carry', opportunityId: lead.opportunityId, contact, contactRole, addsRole });
    }
    return { newContacts, outcomes };
}

/* ------------------------------------------------------------------ after the org answers */

export type MemberResult =
    { memberId: string; state: 'carried' } | { memberId: string; state: 'skipped' } | { memberId: string; state: 'error'; message: string };

/**
 * What each person ends as once the new Contacts were inserted: `refused` maps a NewContact key to the org's message
 * (duplicate or validation rule). A refused Contact leaves every person it stood for with that message, never dropped.
 */
export function conversionResults(plan: ConversionPlan, refused: Readonly<Record<string, string>>): MemberResult[] {
    return plan.outcomes.map((o): MemberResult => {
        if (o.action === 'skip') return { memberId: o.memberId, state: 'skipped' };
        const message = 'create' in o.contact ? refused[o.contact.create] : undefined;
        return message === undefined ? { memberId: o.memberId, state: 'carried' } : { memberId: o.memberId, state: 'error', message };
    });
}

/** The plan and results as the case table writes them (one line per row, cells joined by " | "). */
export function conversionRows(
    plan: ConversionPlan,
    results: readonly MemberResult[]
): { newContacts: string[]; outcomes: string[]; results: string[] } {
    const cells = (...parts: Array<string | null>): string => parts.map((p) => p ?? '').join(' | ');
    return {
        newContacts: plan.newContacts.map((c) => cells(c.key, c.accountId, c.firstName, c.lastName, c.title, c.email)),
        outcomes: plan.outcomes.map((o) => {
            if (o.action === 'skip') return cells(o.memberId, 'skip', o.reason);
            const contact = 'existing' in o.contact ? `existing ${o.contact.existing}` : `new ${o.contact.create}`;
            return cells(o.memberId, 'carry', o.opportunityId, contact, o.contactRole, o.addsRole ? 'adds role' : 'role exists');
        }),
        results: results.map((r) => {
            if (r.state === 'error') return cells(r.memberId, 'error', r.message);
            return cells(r.memberId, r.state);
        })
    };
}
