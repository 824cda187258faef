/**
 * Standard objects other than Lead that LeadGate's Apex may query, with the standard fields it may touch,
 * plus the relationships behind Lead's standard reference fields (standardLeadFields.ts lists the fields,
 * this file says where they point).
 *
 * `npm run verify:apex` checks every field a SOQL query names against this list, the Lead list and the
 * project's own field XML. A field missing here is reported as unknown: add it here (with its real
 * API name and type) when the Apex genuinely needs it. Kept small on purpose: it is a review list, not
 * a copy of the org's describe.
 */
import type { StandardField } from './standardLeadFields';

export interface StandardReference {
    /** Relationship name used in SOQL paths (`Owner.Name`). */
    relationshipName: string;
    /** Target objects. More than one target makes the relationship polymorphic: SOQL then sees the `Name` object. */
    referenceTo: string[];
}

export interface StandardObject {
    fields: Readonly<Record<string, StandardField>>;
    /** Reference field API name -> relationship. */
    references?: Readonly<Record<string, StandardReference>>;
    /** Child relationship name -> child object (for subqueries such as `(SELECT Id FROM CampaignMembers)`). */
    childRelationships?: Readonly<Record<string, string>>;
}

/** Audit fields every object has; merged into every object (standard or custom). */
export const SYSTEM_FIELDS: Readonly<Record<string, StandardField>> = {
    Id: { type: 'id', label: 'Record ID' },
    IsDeleted: { type: 'checkbox', label: 'Deleted' },
    CreatedDate: { type: 'datetime', label: 'Created Date' },
    CreatedById: { type: 'reference', label: 'Created By ID' },
    LastModifiedDate: { type: 'datetime', label: 'Last Modified Date' },
    LastModifiedById: { type: 'reference', label: 'Last Modified By ID' },
    SystemModstamp: { type: 'datetime', label: 'System Modstamp' }
};

export const SYSTEM_REFERENCES: Readonly<Record<string, StandardReference>> = {
    CreatedById: { relationshipName: 'CreatedBy', referenceTo: ['User'] },
    LastModifiedById: { relationshipName: 'LastModifiedBy', referenceTo: ['User'] }
};

/** Where Lead's standard reference fields point (the fields themselves are in standardLeadFields.ts). */
export const LEAD_REFERENCES: Readonly<Record<string, StandardReference>> = {
    OwnerId: { relationshipName: 'Owner', referenceTo: ['User', 'Group'] },
    ConvertedOpportunityId: { relationshipName: 'ConvertedOpportunity', referenceTo: ['Opportunity'] },
    ConvertedAccountId: { relationshipName: 'ConvertedAccount', referenceTo: ['Account'] },
    ConvertedContactId: { relationshipName: 'ConvertedContact', referenceTo: ['Contact'] }
};

export const LEAD_CHILD_RELATIONSHIPS: Readonly<Record<string, string>> = {
    CampaignMembers: 'CampaignMember'
};

export const STANDARD_OBJECTS: Readonly<Record<string, StandardObject>> = {
    /** What a polymorphic relationship (Lead.Owner: User or Queue) exposes in SOQL. */
    Name: {
        fields: {
            Name: { type: 'text', label: 'Name' },
            FirstName: { type: 'text', label: 'First Name' },
            LastName: { type: 'text', label: 'Last Name' },
            Alias: { type: 'text', label: 'Alias' },
            Email: { type: 'email', label: 'Email' },
            IsActive: { type: 'checkbox', label: 'Active' },
            Title: { type: 'text', label: 'Title' },
            Type: { type: 'picklist', label: 'Type' },
            Username: { type: 'text', label: 'Username' }
        }
    },
    User: {
        fields: {
            Name: { type: 'text', label: 'Full Name' },
            FirstName: { type: 'text', label: 'First Name' },
            LastName: { type: 'text', label: 'Last Name' },
            Alias: { type: 'text', label: 'Alias' },
            Username: { type: 'text', label: 'Username' },
            Email: { type: 'email', label: 'Email' },
            Title: { type: 'text', label: 'Title' },
            Department: { type: 'text', label: 'Department' },
            IsActive: { type: 'checkbox', label: 'Active' },
            UserType: { type: 'picklist', label: 'User Type' },
            ProfileId: { type: 'reference', label: 'Profile ID' },
            UserRoleId: { type: 'reference', label: 'Role ID' },
            ManagerId: { type: 'reference', label: 'Manager ID' },
            SmallPhotoUrl: { type: 'url', label: 'Photo' },
            TimeZoneSidKey: { type: 'picklist', label: 'Time Zone' },
            LocaleSidKey: { type: 'picklist', label: 'Locale' },
            LanguageLocaleKey: { type: 'picklist', label: 'Language' },
            EmailEncodingKey: { type: 'picklist', label: 'Email Encoding' }
        },
        references: {
            ManagerId: { relationshipName: 'Manager', referenceTo: ['User'] },
            ProfileId: { relationshipName: 'Profile', referenceTo: ['Profile'] }
        }
    },
    Profile: {
        fields: { Name: { type: 'text', label: 'Profile Name' } }
    },
    Group: {
        fields: {
            Name: { type: 'text', label: 'Name' },
            DeveloperName: { type: 'text', label: 'Developer Name' },
            Type: { type: 'picklist', label: 'Type' }
        }
    },
    // The Send Custom Notification action needs the type's Id: the alert flows look it up by DeveloperName.
    CustomNotificationType: {
        fields: {
            DeveloperName: { type: 'text', label: 'API Name' },
            CustomNotifTypeName: { type: 'text', label: 'Custom Notification Name' }
        }
    },
    PermissionSet: {
        fields: {
            Name: { type: 'text', label: 'Name' },
            Label: { type: 'text', label: 'Label' }
        }
    },
    PermissionSetAssignment: {
        fields: {
            AssigneeId: { type: 'reference', label: 'Assignee ID' },
            PermissionSetId: { type: 'reference', label: 'Permission Set ID' }
        },
        references: {
            AssigneeId: { relationshipName: 'Assignee', referenceTo: ['User'] },
            PermissionSetId: { relationshipName: 'PermissionSet', referenceTo: ['PermissionSet'] }
        }
    },
    Account: {
        fields: {
            Name: { type: 'text', label: 'Account Name' },
            Industry: { type: 'picklist', label: 'Industry' },
            NumberOfEmployees: { type: 'number', label: 'Employees' },
            AnnualRevenue: { type: 'currency', label: 'Annual Revenue' },
            BillingCountry: { type: 'text', label: 'Billing Country' },
            Type: { type: 'picklist', label: 'Type' },
            OwnerId: { type: 'reference', label: 'Owner ID' }
        },
        references: { OwnerId: { relationshipName: 'Owner', referenceTo: ['User'] } },
        childRelationships: { Opportunities: 'Opportunity', Contacts: 'Contact' }
    },
    Contact: {
        fields: {
            Name: { type: 'text', label: 'Full Name' },
            FirstName: { type: 'text', label: 'First Name' },
            LastName: { type: 'text', label: 'Last Name' },
            Email: { type: 'email', label: 'Email' },
            Title: { type: 'text', label: 'Title' },
            AccountId: { type: 'reference', label: 'Account ID' },
            OwnerId: { type: 'reference', label: 'Owner ID' }
        },
        references: {
            AccountId: { relationshipName: 'Account', referenceTo: ['Account'] },
            OwnerId: { relationshipName: 'Owner', referenceTo: ['User'] }
        }
    },
    /** The buying committee on the Opportunity: LeadCommitteeConversion adds one per committee member (issue 19). */
    OpportunityContactRole: {
        fields: {
            OpportunityId: { type: 'reference', label: 'Opportunity ID' },
            ContactId: { type: 'reference', label: 'Contact ID' },
            Role: { type: 'picklist', label: 'Role' },
            IsPrimary: { type: 'checkbox', label: 'Primary' }
        },
        references: {
            OpportunityId: { relationshipName: 'Opportunity', referenceTo: ['Opportunity'] },
            ContactId: { relationshipName: 'Contact', referenceTo: ['Contact'] }
        }
    },
    Opportunity: {
        fields: {
            Name: { type: 'text', label: 'Name' },
            StageName: { type: 'picklist', label: 'Stage' },
            IsClosed: { type: 'checkbox', label: 'Closed' },
            IsWon: { type: 'checkbox', label: 'Won' },
            Amount: { type: 'currency', label: 'Amount' },
            CloseDate: { type: 'date', label: 'Close Date' },
            Probability: { type: 'number', label: 'Probability (%)' },
            Type: { type: 'picklist', label: 'Type' },
            LeadSource: { type: 'picklist', label: 'Lead Source' },
            ForecastCategoryName: { type: 'picklist', label: 'Forecast Category' },
            AccountId: { type: 'reference', label: 'Account ID' },
            CampaignId: { type: 'reference', label: 'Primary Campaign Source ID' },
            OwnerId: { type: 'reference', label: 'Owner ID' }
        },
        references: {
            AccountId: { relationshipName: 'Account', referenceTo: ['Account'] },
            CampaignId: { relationshipName: 'Campaign', referenceTo: ['Campaign'] },
            OwnerId: { relationshipName: 'Owner', referenceTo: ['User'] }
        }
    },
    Campaign: {
        fields: {
            Name: { type: 'text', label: 'Campaign Name' },
            Type: { type: 'picklist', label: 'Type' },
            Status: { type: 'picklist', label: 'Status' },
            IsActive: { type: 'checkbox', label: 'Active' },
            StartDate: { type: 'date', label: 'Start Date' },
            EndDate: { type: 'date', label: 'End Date' },
            ParentId: { type: 'reference', label: 'Parent Campaign ID' },
            OwnerId: { type: 'reference', label: 'Owner ID' }
        },
        references: {
            ParentId: { relationshipName: 'Parent', referenceTo: ['Campaign'] },
            OwnerId: { relationshipName: 'Owner', referenceTo: ['User'] }
        },
        childRelationships: { CampaignMembers: 'CampaignMember' }
    },
    CampaignMember: {
        fields: {
            CampaignId: { type: 'reference', label: 'Campaign ID' },
            LeadId: { type: 'reference', label: 'Lead ID' },
            ContactId: { type: 'reference', label: 'Contact ID' },
            LeadOrContactId: { type: 'reference', label: 'Lead or Contact ID' },
            Status: { type: 'picklist', label: 'Status' },
            HasResponded: { type: 'checkbox', label: 'Responded' },
            FirstRespondedDate: { type: 'date', label: 'First Responded Date' }
        },
        references: {
            CampaignId: { relationshipName: 'Campaign', referenceTo: ['Campaign'] },
            LeadId: { relationshipName: 'Lead', referenceTo: ['Lead'] },
            ContactId: { relationshipName: 'Contact', referenceTo: ['Contact'] }
        }
    },
    /** A campaign's member statuses: which ones count as a response (the campaign-response tests add their own). */
    CampaignMemberStatus: {
        fields: {
            CampaignId: { type: 'reference', label: 'Campaign ID' },
            Label: { type: 'text', label: 'Member Status' },
            HasResponded: { type: 'checkbox', label: 'Responded' },
            IsDefault: { type: 'checkbox', label: 'Default' },
            SortOrder: { type: 'number', label: 'Sort Order' }
        },
        references: { CampaignId: { relationshipName: 'Campaign', referenceTo: ['Campaign'] } }
    },
    /** Lead Status picklist values as records (which one converts, which is the default). */
    LeadStatus: {
        fields: {
            MasterLabel: { type: 'text', label: 'Master Label' },
            ApiName: { type: 'text', label: 'API Name' },
            IsConverted: { type: 'checkbox', label: 'Converted' },
            IsDefault: { type: 'checkbox', label: 'Default' },
            SortOrder: { type: 'number', label: 'Sort Order' }
        }
    },
    /** Static resources, to read the case tables the project ships (data/*-cases.json) in Apex tests. */
    StaticResource: {
        fields: {
            Name: { type: 'text', label: 'Name', length: 255 },
            Body: { type: 'base64', label: 'Body' },
            ContentType: { type: 'text', label: 'MIME Type', length: 120 }
        }
    },
    /** Opportunity Stage picklist values as records (closed, won, active). */
    OpportunityStage: {
        fields: {
            MasterLabel: { type: 'text', label: 'Master Label' },
            ApiName: { type: 'text', label: 'API Name' },
            IsActive: { type: 'checkbox', label: 'Active' },
            IsClosed: { type: 'checkbox', label: 'Closed' },
            IsWon: { type: 'checkbox', label: 'Won' },
            DefaultProbability: { type: 'number', label: 'Probability (%)' },
            ForecastCategoryName: { type: 'picklist', label: 'Forecast Category' },
            SortOrder: { type: 'number', label: 'Sort Order' }
        }
    },
    /** Reports, to link dashboard tiles to the report behind them. */
    Report: {
        fields: {
            Name: { type: 'text', label: 'Report Name' },
            DeveloperName: { type: 'text', label: 'Report Unique Name' },
            FolderName: { type: 'text', label: 'Folder Name' },
            Format: { type: 'picklist', label: 'Format' }
        }
    },
    AsyncApexJob: {
        fields: {
            Status: { type: 'picklist', label: 'Status' },
            JobType: { type: 'picklist', label: 'Job Type' },
            ApexClassId: { type: 'reference', label: 'Apex Class ID' },
            CompletedDate: { type: 'datetime', label: 'Completed Date' },
            NumberOfErrors: { type: 'number', label: 'Failures' },
            JobItemsProcessed: { type: 'number', label: 'Batches Processed' },
            TotalJobItems: { type: 'number', label: 'Total Batches' },
            ExtendedStatus: { type: 'text', label: 'Status Detail' }
        }
    },
    CronTrigger: {
        fields: {
            CronExpression: { type: 'text', label: 'Cron Expression' },
            State: { type: 'picklist', label: 'State' },
            NextFireTime: { type: 'datetime', label: 'Next Fire Time' },
            CronJobDetailId: { type: 'reference', label: 'Job ID' }
        },
        references: { CronJobDetailId: { relationshipName: 'CronJobDetail', referenceTo: ['CronJobDetail'] } }
    },
    CronJobDetail: {
        fields: {
            Name: { type: 'text', label: 'Job Name' },
            JobType: { type: 'picklist', label: 'Job Type' }
        }
    }
};
