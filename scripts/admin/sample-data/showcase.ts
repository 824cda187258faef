/**
 * The showcase leads: eight hand-written leads, each demonstrating one situation on the Lead record page.
 * Instants are relative to SAMPLE_ANCHOR (minutes or days before it), so the preview can shift them to now.
 * The tests check each lead's claim with the real scoring module (fit, intent, readiness at the anchor).
 */
import { PRIYA } from './cast';
import { SAMPLE_ANCHOR, type FieldValue } from './model';

const ANCHOR_MS = Date.parse(SAMPLE_ANCHOR);
const MINUTE = 60_000;
const DAY = 86_400_000;

/** An ISO instant `minutes` before the anchor. */
export const minutesBefore = (minutes: number): string => new Date(ANCHOR_MS - minutes * MINUTE).toISOString();
/** An ISO instant `days` before the anchor. */
export const daysBefore = (days: number): string => new Date(ANCHOR_MS - days * DAY).toISOString();

export interface ShowcaseLead {
    key: string;
    title: string;
    /** Fields an org import sets (standard and LeadGate fields). */
    fields: Record<string, FieldValue>;
    /** Preview-only values (owner, created date). */
    extras: Record<string, FieldValue>;
    /** Campaign referenceIds the lead is a member of. */
    campaigns: string[];
}

const owned = (createdMinutesBefore: number): Record<string, FieldValue> => ({
    OwnerId: PRIYA.id,
    CreatedDate: minutesBefore(createdMinutesBefore)
});

export const SHOWCASE: readonly ShowcaseLead[] = [
    {
        key: 'bant-mql-partial',
        title: 'BANT MQL with partial evidence: budget and need confirmed, authority noted too briefly, timeline not started',
        fields: {
            FirstName: 'Ines',
            LastName: 'Moreau',
            Title: 'VP of Operations',
            Company: 'Halden Biotech',
            Email: 'ines.moreau@haldenbio.com',
            Industry: 'Biotechnology',
            NumberOfEmployees: 650,
            AnnualRevenue: 80_000_000,
            Country: 'United States',
            LeadSource: 'Web',
            Status: 'Marketing Qualified',
            Qualification_Framework__c: 'BANT',
            Budget_Status__c: 'Confirmed',
            Budget_Evidence__c: 'Finance approved 60k for a lead routing tool in the FY26 operations plan',
            Authority_Status__c: 'In Progress',
            Authority_Evidence__c: 'VP Ops signs?',
            Need_Status__c: 'Confirmed',
            Need_Evidence__c: 'Trial sign-ups are rekeyed by hand; first reply takes two days on average',
            Timeline_Status__c: 'Not Started',
            Last_Demo_Request_At__c: daysBefore(1),
            Last_Pricing_Visit_At__c: daysBefore(2),
            Last_Content_Download_At__c: daysBefore(20),
            MQL_At__c: minutesBefore(3)
        },
        extras: owned(60 * 24 * 21),
        campaigns: ['CampaignRef1']
    },
    {
        key: 'bant-sal-ready',
        title: 'Complete BANT lead in Sales Accepted: every criterion confirmed with evidence, above the bar, ready to qualify',
        fields: {
            FirstName: 'Owen',
            LastName: 'Fraser',
            Title: 'Director of Sales Operations',
            Company: 'Corvid Logistics Software',
            Email: 'owen.fraser@corvidsoftware.ca',
            Industry: 'Technology',
            NumberOfEmployees: 420,
            AnnualRevenue: 45_000_000,
            Country: 'Canada',
            LeadSource: 'Web',
            Status: 'Sales Accepted',
            Qualification_Framework__c: 'BANT',
            Budget_Status__c: 'Confirmed',
            Budget_Evidence__c: 'CFO Rita Vance confirmed 90k approved for Q2 in the 2026 sales tooling budget',
            Authority_Status__c: 'Confirmed',
            Authority_Evidence__c: 'Owen recommends, VP Sales Dana Lee signs; Dana joined the discovery call',
            Need_Status__c: 'Confirmed',
            Need_Evidence__c: 'Inbound leads wait 9 hours for a first call; they lost two deals to faster competitors',
            Timeline_Status__c: 'Confirmed',
            Timeline_Evidence__c: 'Must be live before the May sales kickoff; contract by the end of March',
            Last_Demo_Request_At__c: daysBefore(3),
            Last_Return_Visit_At__c: minutesBefore(12 * 60),
            Last_Email_Engagement_At__c: daysBefore(1),
            MQL_At__c: minutesBefore(60 * 24 * 3 - 10),
            Accepted_At__c: minutesBefore(60 * 24 * 3 - 14),
            First_Action_At__c: minutesBefore(60 * 24 * 3 - 14)
        },
        extras: owned(60 * 24 * 10),
        campaigns: []
    },
    {
        key: 'meddic-enterprise',
        title: 'MEDDIC enterprise lead (14,000 employees): four of six criteria confirmed, decision process and champion in progress',
        fields: {
            FirstName: 'Harriet',
            LastName: 'Cole',
            Title: 'Chief Revenue Officer',
            Company: 'Tessaract Health Systems',
            Email: 'harriet.cole@tessaracthealth.co.uk',
            Industry: 'Healthcare',
            NumberOfEmployees: 14_000,
            AnnualRevenue: 2_400_000_000,
            Country: 'United Kingdom',
            LeadSource: 'Other',
            Status: 'Sales Accepted',
            Qualification_Framework__c: 'MEDDIC',
            Metrics_Status__c: 'Confirmed',
            Metrics_Evidence__c: 'Cut referral-to-first-call time from 3 days to 4 hours; worth 8 % more booked procedures',
            Economic_Buyer_Status__c: 'Confirmed',
            Economic_Buyer_Evidence__c: 'Harriet owns the budget; confirmed on our call after the summit, wants a business case',
            Decision_Criteria_Status__c: 'Confirmed',
            Decision_Criteria_Evidence__c: 'Scored on NHS data residency, SSO, Salesforce-native reporting and price per seat',
            Decision_Process_Status__c: 'In Progress',
            Decision_Process_Evidence__c: 'Procurement panel?',
            Identify_Pain_Status__c: 'Confirmed',
            Identify_Pain_Evidence__c: 'Board flagged 35 % of referrals never contacted; Harriet must fix it this half',
            Champion_Status__c: 'In Progress',
            Last_Event_Attended_At__c: daysBefore(6),
            Last_Pricing_Visit_At__c: daysBefore(2),
            Last_Demo_Request_At__c: daysBefore(9),
            MQL_At__c: daysBefore(5.9),
            Accepted_At__c: daysBefore(5.85),
            First_Action_At__c: daysBefore(5.85)
        },
        extras: owned(60 * 24 * 6),
        campaigns: []
    },
    {
        key: 'high-fit-no-intent',
        title: 'High fit, no intent: the ideal customer profile with no recent buying signal (a target, not a lead)',
        fields: {
            FirstName: 'Lukas',
            LastName: 'Brandt',
            Title: 'Head of Commercial Operations',
            Company: 'Ardent Genomics',
            Email: 'lukas.brandt@ardentgenomics.de',
            Industry: 'Biotechnology',
            NumberOfEmployees: 2_300,
            AnnualRevenue: 400_000_000,
            Country: 'Germany',
            LeadSource: 'Purchased List',
            Status: 'New',
            Last_Email_Engagement_At__c: daysBefore(75)
        },
        extras: owned(60 * 24 * 90),
        campaigns: []
    },
    {
        key: 'high-intent-poor-fit',
        title: 'High intent, poor fit: demo request and pricing visits from a six-person studio on a free email address',
        fields: {
            FirstName: 'Kai',
            LastName: 'Tanaka',
            Title: 'Owner',
            Company: 'Tanaka Design Studio',
            Email: 'kai.tanaka.design@gmail.com',
            Industry: 'Media',
            NumberOfEmployees: 6,
            Country: 'Brazil',
            LeadSource: 'Web',
            Status: 'Marketing Qualified',
            Last_Demo_Request_At__c: minutesBefore(110),
            Last_Pricing_Visit_At__c: daysBefore(1),
            Last_Return_Visit_At__c: daysBefore(1),
            Last_Content_Download_At__c: daysBefore(3),
            MQL_At__c: minutesBefore(100)
        },
        extras: owned(60 * 24 * 4),
        campaigns: ['CampaignRef3']
    },
    {
        key: 'disqualifying-budget',
        title: 'Disqualifying budget: the rep found no budget this year, so the panel points to rejecting with No Budget',
        fields: {
            FirstName: 'Grace',
            LastName: 'Adeyemi',
            Title: 'Director of Patient Access',
            Company: 'Brightwater Clinics',
            Email: 'grace.adeyemi@brightwaterclinics.com',
            Industry: 'Healthcare',
            NumberOfEmployees: 300,
            AnnualRevenue: 30_000_000,
            Country: 'United States',
            LeadSource: 'Web',
            Status: 'Sales Accepted',
            Qualification_Framework__c: 'BANT',
            Budget_Status__c: 'Disqualifying',
            Budget_Evidence__c: 'Budget frozen until the FY2027 cycle; the CFO confirmed no new software spend this year',
            Authority_Status__c: 'Confirmed',
            Authority_Evidence__c: 'Grace decides on patient access tooling; her COO approves anything above 50k',
            Need_Status__c: 'Confirmed',
            Need_Evidence__c: 'Web referrals wait two days for a call back; 30 % never book an appointment',
            Timeline_Status__c: 'In Progress',
            Timeline_Evidence__c: 'Next budget cycle',
            Last_Content_Download_At__c: daysBefore(8),
            Last_Pricing_Visit_At__c: daysBefore(4),
            Last_Demo_Request_At__c: daysBefore(7),
            MQL_At__c: daysBefore(6.8),
            Accepted_At__c: daysBefore(6.79),
            First_Action_At__c: daysBefore(6.79)
        },
        extras: owned(60 * 24 * 12),
        campaigns: []
    },
    {
        key: 'mql-no-timestamp',
        title: 'MQL without an MQL timestamp: marked Marketing Qualified by a data load, so the speed-to-lead clock has no start',
        fields: {
            FirstName: 'Rosa',
            LastName: 'Lindqvist',
            Title: 'Logistics Manager',
            Company: 'Lumen Freight',
            Email: 'rosa.lindqvist@lumenfreight.se',
            Industry: 'Transportation',
            NumberOfEmployees: 900,
            AnnualRevenue: 120_000_000,
            Country: 'Sweden',
            LeadSource: 'Partner Referral',
            Status: 'Marketing Qualified',
            Last_Content_Download_At__c: daysBefore(2),
            Last_Email_Engagement_At__c: daysBefore(1)
        },
        extras: owned(60 * 24 * 2),
        campaigns: ['CampaignRef5']
    },
    {
        key: 'competitor',
        title: 'A competitor researching us: competitor email domain, fit floored at zero despite heavy activity',
        fields: {
            FirstName: 'Sam',
            LastName: 'Okoro',
            Title: 'Product Marketing Manager',
            Company: 'Rivalgate',
            Email: 'sam.okoro@rivalgate.com',
            Industry: 'Technology',
            NumberOfEmployees: 250,
            AnnualRevenue: 20_000_000,
            Country: 'United States',
            LeadSource: 'Web',
            Status: 'Marketing Qualified',
            Last_Demo_Request_At__c: daysBefore(1),
            Last_Pricing_Visit_At__c: minutesBefore(90),
            Last_Content_Download_At__c: daysBefore(2),
            MQL_At__c: minutesBefore(60)
        },
        extras: owned(60 * 24 * 3),
        campaigns: []
    }
];
