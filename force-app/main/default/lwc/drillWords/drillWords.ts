/**
 * The drill-down's words for the dashboard's components: the Custom Labels c/drillDown names (DRILL_LABELS), imported
 * as LWC needs (c/coachingDashboard and c/funnelBreakdown).
 */
import type { DrillWords } from 'c/drillDown';
import LG_Drill_Noun_Mqls from '@salesforce/label/c.LG_Drill_Noun_Mqls';
import LG_Drill_Noun_Accepted from '@salesforce/label/c.LG_Drill_Noun_Accepted';
import LG_Drill_Noun_Rejected from '@salesforce/label/c.LG_Drill_Noun_Rejected';
import LG_Drill_Noun_Sqls from '@salesforce/label/c.LG_Drill_Noun_Sqls';
import LG_Drill_Noun_Opportunities from '@salesforce/label/c.LG_Drill_Noun_Opportunities';
import LG_Drill_Noun_Won from '@salesforce/label/c.LG_Drill_Noun_Won';
import LG_Drill_Noun_BypassSqls from '@salesforce/label/c.LG_Drill_Noun_BypassSqls';
import LG_Drill_Noun_ThinEvidenceSqls from '@salesforce/label/c.LG_Drill_Noun_ThinEvidenceSqls';
import LG_Drill_Noun_FitEditedSqls from '@salesforce/label/c.LG_Drill_Noun_FitEditedSqls';
import LG_Drill_Noun_Alerted from '@salesforce/label/c.LG_Drill_Noun_Alerted';
import LG_Drill_Noun_AlertedInSla from '@salesforce/label/c.LG_Drill_Noun_AlertedInSla';
import LG_Drill_Noun_ActionedInSla from '@salesforce/label/c.LG_Drill_Noun_ActionedInSla';
import LG_Drill_Noun_CampaignMembers from '@salesforce/label/c.LG_Drill_Noun_CampaignMembers';
import LG_Drill_Noun_CampaignMqls from '@salesforce/label/c.LG_Drill_Noun_CampaignMqls';
import LG_Drill_Noun_CampaignSqls from '@salesforce/label/c.LG_Drill_Noun_CampaignSqls';
import LG_Drill_Noun_CampaignRejected from '@salesforce/label/c.LG_Drill_Noun_CampaignRejected';
import LG_Drill_Link from '@salesforce/label/c.LG_Drill_Link';
import LG_Drill_Link_Of from '@salesforce/label/c.LG_Drill_Link_Of';
import LG_Drill_Filter from '@salesforce/label/c.LG_Drill_Filter';
import LG_Drill_Filter_Owner from '@salesforce/label/c.LG_Drill_Filter_Owner';
import LG_Drill_Filter_Team from '@salesforce/label/c.LG_Drill_Filter_Team';
import LG_Drill_Filter_Cut from '@salesforce/label/c.LG_Drill_Filter_Cut';
import LG_Drill_Blank from '@salesforce/label/c.LG_Drill_Blank';
import LG_Drill_Cut_Source from '@salesforce/label/c.LG_Drill_Cut_Source';
import LG_Drill_Cut_Reason from '@salesforce/label/c.LG_Drill_Cut_Reason';
import LG_Drill_Cut_Campaign from '@salesforce/label/c.LG_Drill_Cut_Campaign';
import LG_Drill_Count from '@salesforce/label/c.LG_Drill_Count';
import LG_Drill_Error from '@salesforce/label/c.LG_Drill_Error';

export const DRILL_WORDS: DrillWords = {
    nouns: {
        mqls: LG_Drill_Noun_Mqls,
        accepted: LG_Drill_Noun_Accepted,
        rejected: LG_Drill_Noun_Rejected,
        sqls: LG_Drill_Noun_Sqls,
        opportunities: LG_Drill_Noun_Opportunities,
        won: LG_Drill_Noun_Won,
        bypassSqls: LG_Drill_Noun_BypassSqls,
        thinEvidenceSqls: LG_Drill_Noun_ThinEvidenceSqls,
        fitEditedSqls: LG_Drill_Noun_FitEditedSqls,
        alerted: LG_Drill_Noun_Alerted,
        alertedInSla: LG_Drill_Noun_AlertedInSla,
        actionedInSla: LG_Drill_Noun_ActionedInSla,
        campaignMembers: LG_Drill_Noun_CampaignMembers,
        campaignMqls: LG_Drill_Noun_CampaignMqls,
        campaignSqls: LG_Drill_Noun_CampaignSqls,
        campaignRejected: LG_Drill_Noun_CampaignRejected
    },
    link: LG_Drill_Link,
    linkOf: LG_Drill_Link_Of,
    filter: LG_Drill_Filter,
    filterOwner: LG_Drill_Filter_Owner,
    filterTeam: LG_Drill_Filter_Team,
    filterCut: LG_Drill_Filter_Cut,
    blank: LG_Drill_Blank,
    cutSource: LG_Drill_Cut_Source,
    cutReason: LG_Drill_Cut_Reason,
    cutCampaign: LG_Drill_Cut_Campaign,
    count: LG_Drill_Count,
    error: LG_Drill_Error
};
