/**
 * Lead conversion in the preview: what the org's standard conversion does with a lead (an Account from the company,
 * a Contact from the person, an Opportunity on the account with the lead's Contact as a contact role with no role),
 * then what LeadGate's after-update handlers do with it:
 * - LeadConversionEvidence: the mapped qualification fields (the generated pair list `conversionMappings`, the same one
 *   the opt-in field mapping and the Apex use), intent at conversion, and Converted_Without_SQL__c;
 * - LeadCommitteeConversion: the buying committee planned by c/buyingCommittee `planConversion` (the rules the case
 *   table data/conversion-cases.json holds the Apex to), its new Contacts and contact roles, and each person's
 *   Opportunity__c and Contact__c.
 * Only an org proves the platform's own conversion (duplicate rules, its contact role, field mapping order).
 */
import { COMMITTEE_FIELDS, COMMITTEE_OBJECT, FIELDS, OPPORTUNITY_FIELDS, SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { conversionResults, planConversion, type ContactRoleRow, type MemberRow } from 'c/buyingCommittee';
import { conversionMappings } from '../../scripts/admin/generate/opportunity.ts';
import type { ApiResult, LeadStore } from './leadStore.ts';
import { errorList } from './representation.ts';
import { idSuffix, KEY_PREFIXES } from './platformValues.ts';
import type { Values } from './seed.ts';

export interface ConversionOutcome {
    accountId: string;
    contactId: string;
    opportunityId: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

let sequence = 0;
/** A new record Id of the object, unique in the store's table. */
function newId(store: LeadStore, sobject: string): string {
    const prefix = KEY_PREFIXES[sobject] ?? '000';
    let id: string;
    do {
        sequence++;
        const id15 = `${prefix}PV${String(sequence).padStart(10, '0')}`;
        id = id15 + idSuffix(id15);
    } while (store.table(sobject).has(id));
    return id;
}

/** Converts an open lead with an Opportunity, as the signed-in user. */
export function convertLead(
    store: LeadStore,
    userId: string,
    leadId: string,
    def: SqlDefinition = SQL_DEFINITION,
    now = new Date()
): ApiResult {
    const access = store.accessOf(userId);
    if (!access)
        return { status: 401, body: errorList('INVALID_SESSION_ID', 'No preview user is signed in: choose one with the user switcher.') };
    const lead = store.leadValues(leadId);
    if (!lead) return { status: 404, body: errorList('NOT_FOUND', `There is no lead ${leadId.slice(0, 40)}.`) };
    if (lead.IsConverted === true)
        return { status: 400, body: errorList('CANNOT_UPDATE_CONVERTED_LEAD', 'This lead is already converted.') };
    if (!access.object('Lead').edit)
        return { status: 403, body: errorList('INSUFFICIENT_ACCESS', `${access.user.name} cannot convert leads: it needs Edit on Lead.`) };
    const iso = now.toISOString();
    const stamp = { CreatedDate: iso, LastModifiedDate: iso, CreatedById: userId, OwnerId: lead.OwnerId ?? userId };
    const company = text(lead.Company) ?? String(lead.Name);

    // The standard conversion.
    const accountId = newId(store, 'Account');
    store.table('Account').set(accountId, { Id: accountId, Name: company, ...stamp });
    const contactId = newId(store, 'Contact');
    store.table('Contact').set(contactId, {
        Id: contactId,
        AccountId: accountId,
        FirstName: lead.FirstName ?? null,
        LastName: lead.LastName,
        Name: [lead.FirstName, lead.LastName].filter(text).join(' '),
        Title: lead.Title ?? null,
        Email: lead.Email ?? null,
        ...stamp
    });
    const opportunityId = newId(store, 'Opportunity');
    const opportunity: Values = {
        Id: opportunityId,
        Name: `${company}-`,
        AccountId: accountId,
        StageName: 'Prospecting',
        IsWon: false,
        IsClosed: false,
        ...stamp
    };
    const roles = store.table('OpportunityContactRole');
    const addRole = (row: ContactRoleRow): void => {
        const id = newId(store, 'OpportunityContactRole');
        roles.set(id, { Id: id, OpportunityId: row.opportunityId, ContactId: row.contactId, Role: row.role, IsPrimary: row.role === null });
    };
    addRole({ opportunityId, contactId, role: null });

    // LeadConversionEvidence.
    for (const pair of conversionMappings(def)) opportunity[pair.opportunity] = lead[pair.lead] ?? null;
    opportunity[OPPORTUNITY_FIELDS.intentAtConversion] = lead[FIELDS.intentScore] ?? null;
    opportunity[OPPORTUNITY_FIELDS.convertedWithoutSql] = def.conversion.recordWarning && !lead[FIELDS.sqlAt];
    store.table('Opportunity').set(opportunityId, opportunity);

    // LeadCommitteeConversion.
    const people = [...store.table(COMMITTEE_OBJECT).values()].filter((r) => r[COMMITTEE_FIELDS.lead] === lead.Id);
    const members: MemberRow[] = people.map((r) => ({
        id: String(r.Id),
        leadId: String(lead.Id),
        name: String(r[COMMITTEE_FIELDS.name] ?? ''),
        title: text(r[COMMITTEE_FIELDS.title]),
        email: text(r[COMMITTEE_FIELDS.email]),
        role: text(r[COMMITTEE_FIELDS.role]),
        contactId: text(r[COMMITTEE_FIELDS.contact]),
        opportunityId: text(r[COMMITTEE_FIELDS.opportunity])
    }));
    const plan = planConversion(
        {
            members,
            leads: [{ leadId: String(lead.Id), accountId, opportunityId }],
            contacts: [...store.table('Contact').values()].map((c) => ({
                id: String(c.Id),
                accountId: String(c.AccountId ?? ''),
                email: text(c.Email)
            })),
            contactRoles: [...roles.values()].map((r) => ({
                opportunityId: String(r.OpportunityId),
                contactId: String(r.ContactId),
                role: text(r.Role)
            }))
        },
        def
    );
    const created = new Map<string, string>();
    for (const c of plan.newContacts) {
        const id = newId(store, 'Contact');
        store.table('Contact').set(id, {
            Id: id,
            AccountId: c.accountId,
            FirstName: c.firstName,
            LastName: c.lastName,
            Name: [c.firstName, c.lastName].filter(text).join(' '),
            Title: c.title,
            Email: c.email,
            ...stamp
        });
        created.set(c.key, id);
    }
    const results = new Map(conversionResults(plan, {}).map((r) => [r.memberId, r]));
    for (const outcome of plan.outcomes) {
        if (outcome.action !== 'carry' || results.get(outcome.memberId)?.state !== 'carried') continue;
        const contact = 'existing' in outcome.contact ? outcome.contact.existing : (created.get(outcome.contact.create) as string);
        if (outcome.addsRole) addRole({ opportunityId: outcome.opportunityId, contactId: contact, role: outcome.contactRole });
        const row = store.table(COMMITTEE_OBJECT).get(outcome.memberId);
        if (row) Object.assign(row, { [COMMITTEE_FIELDS.opportunity]: outcome.opportunityId, [COMMITTEE_FIELDS.contact]: contact });
    }

    store.markConverted(String(lead.Id), { accountId, contactId, opportunityId }, userId);
    return { status: 200, body: { accountId, contactId, opportunityId } satisfies ConversionOutcome };
}

/** The Opportunity's contact roles with their Contacts' names, titles and emails, primary first, then by name. */
export function contactRolesOf(
    store: LeadStore,
    opportunityId: string
): Array<{ name: string; title: string | null; email: string | null; role: string | null; primary: boolean }> {
    const contacts = store.table('Contact');
    return [...store.table('OpportunityContactRole').values()]
        .filter((r) => r.OpportunityId === opportunityId)
        .map((r) => {
            const c = contacts.get(String(r.ContactId)) ?? {};
            return {
                name: String(c.Name ?? ''),
                title: text(c.Title),
                email: text(c.Email),
                role: text(r.Role),
                primary: r.IsPrimary === true
            };
        })
        .sort((a, b) => Number(b.primary) - Number(a.primary) || a.name.localeCompare(b.name));
}

/**
 * GET /ui-api/records/{id} of an Opportunity: the requested fields (`Opportunity.X`, fields and optionalFields alike)
 * the user may read, from the converted records. The preview serves no other Opportunity API.
 */
export function opportunityRecord(store: LeadStore, userId: string, id: string, paths: string[]): ApiResult {
    const access = store.accessOf(userId);
    if (!access)
        return { status: 401, body: errorList('INVALID_SESSION_ID', 'No preview user is signed in: choose one with the user switcher.') };
    const values = store.table('Opportunity').get(id);
    if (!values || !access.object('Opportunity').read)
        return { status: 404, body: errorList('NOT_FOUND', 'The requested resource does not exist') };
    const fields: Record<string, { value: unknown; displayValue: string | null }> = {};
    for (const path of paths) {
        const name = path.replace(/^Opportunity\./, '');
        if (name.includes('.') || !(name in values)) continue;
        if (!access.canRead('Opportunity', name, name.endsWith('__c'))) continue;
        const value = values[name] ?? null;
        fields[name] = { value, displayValue: value === null ? null : String(value) };
    }
    return {
        status: 200,
        body: {
            apiName: 'Opportunity',
            id,
            childRelationships: {},
            fields,
            lastModifiedDate: values.LastModifiedDate ?? null,
            systemModstamp: values.LastModifiedDate ?? null,
            recordTypeId: null
        }
    };
}
