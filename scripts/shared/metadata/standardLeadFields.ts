/**
 * Standard Lead fields LeadGate reads or references, with the formula-engine type of each.
 * Custom fields are read from force-app; these exist in every org and have no XML in the project.
 * Metadata checks treat a reference to any of these as valid; the formula harness types them from here.
 */
export type StandardFieldType =
    | 'id'
    | 'text'
    | 'email'
    | 'phone'
    | 'url'
    | 'textarea'
    | 'picklist'
    | 'number'
    | 'currency'
    | 'datetime'
    | 'date'
    | 'checkbox'
    | 'reference'
    | 'base64';

export interface StandardField {
    type: StandardFieldType;
    label: string;
    length?: number;
    picklistValues?: string[];
}

export const STANDARD_LEAD_FIELDS: Readonly<Record<string, StandardField>> = {
    Id: { type: 'id', label: 'Lead ID' },
    Name: { type: 'text', label: 'Name', length: 121 },
    FirstName: { type: 'text', label: 'First Name', length: 40 },
    LastName: { type: 'text', label: 'Last Name', length: 80 },
    Salutation: { type: 'picklist', label: 'Salutation' },
    Company: { type: 'text', label: 'Company', length: 255 },
    Title: { type: 'text', label: 'Title', length: 128 },
    Email: { type: 'email', label: 'Email', length: 80 },
    Phone: { type: 'phone', label: 'Phone', length: 40 },
    MobilePhone: { type: 'phone', label: 'Mobile Phone', length: 40 },
    Website: { type: 'url', label: 'Website', length: 255 },
    Description: { type: 'textarea', label: 'Description', length: 32000 },
    Street: { type: 'textarea', label: 'Street', length: 255 },
    City: { type: 'text', label: 'City', length: 40 },
    State: { type: 'text', label: 'State/Province', length: 80 },
    PostalCode: { type: 'text', label: 'Zip/Postal Code', length: 20 },
    Country: { type: 'text', label: 'Country', length: 80 },
    Industry: {
        type: 'picklist',
        label: 'Industry',
        picklistValues: [
            'Agriculture',
            'Apparel',
            'Banking',
            'Biotechnology',
            'Chemicals',
            'Communications',
            'Construction',
            'Consulting',
            'Education',
            'Electronics',
            'Energy',
            'Engineering',
            'Entertainment',
            'Environmental',
            'Finance',
            'Food & Beverage',
            'Government',
            'Healthcare',
            'Hospitality',
            'Insurance',
            'Machinery',
            'Manufacturing',
            'Media',
            'Not For Profit',
            'Other',
            'Recreation',
            'Retail',
            'Shipping',
            'Technology',
            'Telecommunications',
            'Transportation',
            'Utilities'
        ]
    },
    NumberOfEmployees: { type: 'number', label: 'Employees' },
    AnnualRevenue: { type: 'currency', label: 'Annual Revenue' },
    LeadSource: {
        type: 'picklist',
        label: 'Lead Source',
        picklistValues: ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']
    },
    Rating: { type: 'picklist', label: 'Rating', picklistValues: ['Hot', 'Warm', 'Cold'] },
    Status: { type: 'picklist', label: 'Lead Status' },
    OwnerId: { type: 'reference', label: 'Lead Owner' },
    IsConverted: { type: 'checkbox', label: 'Converted' },
    ConvertedDate: { type: 'date', label: 'Converted Date' },
    ConvertedOpportunityId: { type: 'reference', label: 'Converted Opportunity ID' },
    ConvertedAccountId: { type: 'reference', label: 'Converted Account ID' },
    ConvertedContactId: { type: 'reference', label: 'Converted Contact ID' },
    IsUnreadByOwner: { type: 'checkbox', label: 'Unread By Owner' },
    CreatedDate: { type: 'datetime', label: 'Created Date' },
    CreatedById: { type: 'reference', label: 'Created By ID' },
    LastModifiedDate: { type: 'datetime', label: 'Last Modified Date' },
    LastModifiedById: { type: 'reference', label: 'Last Modified By ID' },
    SystemModstamp: { type: 'datetime', label: 'System Modstamp' },
    LastActivityDate: { type: 'date', label: 'Last Activity' },
    HasOptedOutOfEmail: { type: 'checkbox', label: 'Email Opt Out' },
    IsDeleted: { type: 'checkbox', label: 'Deleted' }
};
