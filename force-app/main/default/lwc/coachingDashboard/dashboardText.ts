/**
 * Every word the coaching dashboard shows, from Custom Labels: the sentence templates c/funnelMetrics fills
 * (TEXT), the page's labels, and the names of window presets, chain stages and band positions.
 */
import type { BandPosition, ChainStepKey, CoachingText, WindowPreset } from 'c/funnelMetrics';
import LG_Dash_Title from '@salesforce/label/c.LG_Dash_Title';
import LG_Dash_Intro from '@salesforce/label/c.LG_Dash_Intro';
import LG_Dash_Window from '@salesforce/label/c.LG_Dash_Window';
import LG_Dash_Window_Last30 from '@salesforce/label/c.LG_Dash_Window_Last30';
import LG_Dash_Window_Last90 from '@salesforce/label/c.LG_Dash_Window_Last90';
import LG_Dash_Window_Last180 from '@salesforce/label/c.LG_Dash_Window_Last180';
import LG_Dash_Window_Last365 from '@salesforce/label/c.LG_Dash_Window_Last365';
import LG_Dash_Window_ThisQuarter from '@salesforce/label/c.LG_Dash_Window_ThisQuarter';
import LG_Dash_Window_LastQuarter from '@salesforce/label/c.LG_Dash_Window_LastQuarter';
import LG_Dash_Team from '@salesforce/label/c.LG_Dash_Team';
import LG_Dash_Refresh from '@salesforce/label/c.LG_Dash_Refresh';
import LG_Dash_Loading from '@salesforce/label/c.LG_Dash_Loading';
import LG_Dash_Empty from '@salesforce/label/c.LG_Dash_Empty';
import LG_Dash_ErrorTitle from '@salesforce/label/c.LG_Dash_ErrorTitle';
import LG_Dash_CampaignsOrgWide from '@salesforce/label/c.LG_Dash_CampaignsOrgWide';
import LG_Dash_Chain_Title from '@salesforce/label/c.LG_Dash_Chain_Title';
import LG_Dash_Stage_MQL from '@salesforce/label/c.LG_Dash_Stage_MQL';
import LG_Dash_Stage_SAL from '@salesforce/label/c.LG_Dash_Stage_SAL';
import LG_Dash_Stage_SQL from '@salesforce/label/c.LG_Dash_Stage_SQL';
import LG_Dash_Stage_Opportunity from '@salesforce/label/c.LG_Dash_Stage_Opportunity';
import LG_Dash_Stage_Won from '@salesforce/label/c.LG_Dash_Stage_Won';
import LG_Dash_Benchmarks_Title from '@salesforce/label/c.LG_Dash_Benchmarks_Title';
import LG_Dash_Band_Below from '@salesforce/label/c.LG_Dash_Band_Below';
import LG_Dash_Band_Within from '@salesforce/label/c.LG_Dash_Band_Within';
import LG_Dash_Band_Above from '@salesforce/label/c.LG_Dash_Band_Above';
import LG_Dash_Band_NoData from '@salesforce/label/c.LG_Dash_Band_NoData';
import LG_Dash_Findings_Title from '@salesforce/label/c.LG_Dash_Findings_Title';
import LG_Dash_Findings_None from '@salesforce/label/c.LG_Dash_Findings_None';
import LG_Dash_Reps_Title from '@salesforce/label/c.LG_Dash_Reps_Title';
import LG_Dash_Reps_Caption from '@salesforce/label/c.LG_Dash_Reps_Caption';
import LG_Dash_Col_Rep from '@salesforce/label/c.LG_Dash_Col_Rep';
import LG_Dash_Col_Mqls from '@salesforce/label/c.LG_Dash_Col_Mqls';
import LG_Dash_Col_Sqls from '@salesforce/label/c.LG_Dash_Col_Sqls';
import LG_Dash_Col_Acceptance from '@salesforce/label/c.LG_Dash_Col_Acceptance';
import LG_Dash_Col_MqlToSql from '@salesforce/label/c.LG_Dash_Col_MqlToSql';
import LG_Dash_Col_SqlToOpportunity from '@salesforce/label/c.LG_Dash_Col_SqlToOpportunity';
import LG_Dash_Col_WithinSla from '@salesforce/label/c.LG_Dash_Col_WithinSla';
import LG_Dash_Col_MqlToAlert from '@salesforce/label/c.LG_Dash_Col_MqlToAlert';
import LG_Dash_Col_AlertToAction from '@salesforce/label/c.LG_Dash_Col_AlertToAction';
import LG_Dash_Col_Incomplete from '@salesforce/label/c.LG_Dash_Col_Incomplete';
import LG_Dash_Col_ThinEvidence from '@salesforce/label/c.LG_Dash_Col_ThinEvidence';
import LG_Dash_Col_Reviews from '@salesforce/label/c.LG_Dash_Col_Reviews';
import LG_Dash_Col_FitEdited from '@salesforce/label/c.LG_Dash_Col_FitEdited';
import LG_Dash_Review_Summary from '@salesforce/label/c.LG_Dash_Review_Summary';
import LG_Dash_Review_None from '@salesforce/label/c.LG_Dash_Review_None';
import LG_Dash_Finding_CoachShare from '@salesforce/label/c.LG_Dash_Finding_CoachShare';
import LG_Dash_Col_Coaching from '@salesforce/label/c.LG_Dash_Col_Coaching';
import LG_Dash_Col_Leads from '@salesforce/label/c.LG_Dash_Col_Leads';
import LG_Dash_Col_Source from '@salesforce/label/c.LG_Dash_Col_Source';
import LG_Dash_Col_Campaign from '@salesforce/label/c.LG_Dash_Col_Campaign';
import LG_Dash_Col_Rejected from '@salesforce/label/c.LG_Dash_Col_Rejected';
import LG_Dash_Col_TopReason from '@salesforce/label/c.LG_Dash_Col_TopReason';
import LG_Dash_DrillDown_All from '@salesforce/label/c.LG_Dash_DrillDown_All';
import LG_Dash_Speed_Title from '@salesforce/label/c.LG_Dash_Speed_Title';
import LG_Dash_Speed_Caption from '@salesforce/label/c.LG_Dash_Speed_Caption';
import LG_Dash_Rejections_Title from '@salesforce/label/c.LG_Dash_Rejections_Title';
import LG_Dash_Rejections_Caption from '@salesforce/label/c.LG_Dash_Rejections_Caption';
import LG_Dash_Rejections_None from '@salesforce/label/c.LG_Dash_Rejections_None';
import LG_Dash_Campaigns_Title from '@salesforce/label/c.LG_Dash_Campaigns_Title';
import LG_Dash_Campaigns_Caption from '@salesforce/label/c.LG_Dash_Campaigns_Caption';
import LG_Dash_Campaigns_None from '@salesforce/label/c.LG_Dash_Campaigns_None';
import LG_Dash_Chart_Unavailable from '@salesforce/label/c.LG_Dash_Chart_Unavailable';
import LG_Dash_Finding_Inflation from '@salesforce/label/c.LG_Dash_Finding_Inflation';
import LG_Dash_Finding_SlowResponse from '@salesforce/label/c.LG_Dash_Finding_SlowResponse';
import LG_Dash_Finding_Bypass from '@salesforce/label/c.LG_Dash_Finding_Bypass';
import LG_Dash_Finding_ThinEvidence from '@salesforce/label/c.LG_Dash_Finding_ThinEvidence';
import LG_Dash_Finding_ReasonBySource from '@salesforce/label/c.LG_Dash_Finding_ReasonBySource';
import LG_Dash_Finding_ReasonByCampaign from '@salesforce/label/c.LG_Dash_Finding_ReasonByCampaign';
import LG_Dash_Finding_WeakestLink from '@salesforce/label/c.LG_Dash_Finding_WeakestLink';
import LG_Dash_Advice_Targeting from '@salesforce/label/c.LG_Dash_Advice_Targeting';
import LG_Dash_Advice_Nurture from '@salesforce/label/c.LG_Dash_Advice_Nurture';
import LG_Dash_Advice_Duplicate from '@salesforce/label/c.LG_Dash_Advice_Duplicate';
import LG_Dash_Advice_Other from '@salesforce/label/c.LG_Dash_Advice_Other';
import LG_Dash_AtLeast from '@salesforce/label/c.LG_Dash_AtLeast';
import LG_Dash_NoData from '@salesforce/label/c.LG_Dash_NoData';
import LG_Dash_Filter from '@salesforce/label/c.LG_Dash_Filter';
import LG_Dash_Filter_All from '@salesforce/label/c.LG_Dash_Filter_All';
import LG_Dash_Filter_Segment_Option from '@salesforce/label/c.LG_Dash_Filter_Segment_Option';
import LG_Dash_Filter_Source_Option from '@salesforce/label/c.LG_Dash_Filter_Source_Option';
import LG_Dash_Filter_Campaign_Option from '@salesforce/label/c.LG_Dash_Filter_Campaign_Option';
import LG_Dash_Filter_Note from '@salesforce/label/c.LG_Dash_Filter_Note';
import LG_Dash_Filter_Whole from '@salesforce/label/c.LG_Dash_Filter_Whole';
import LG_Dash_NoSource from '@salesforce/label/c.LG_Dash_NoSource';
import LG_Dash_NoReason from '@salesforce/label/c.LG_Dash_NoReason';
import LG_Dash_UnknownOwner from '@salesforce/label/c.LG_Dash_UnknownOwner';

/** Sentence templates for c/funnelMetrics (see COACHING_TEXT_LABELS there). */
export const TEXT: CoachingText = {
    inflation: LG_Dash_Finding_Inflation,
    slowResponse: LG_Dash_Finding_SlowResponse,
    bypass: LG_Dash_Finding_Bypass,
    thinEvidence: LG_Dash_Finding_ThinEvidence,
    coachShare: LG_Dash_Finding_CoachShare,
    reviewSummary: LG_Dash_Review_Summary,
    reviewNone: LG_Dash_Review_None,
    reasonBySource: LG_Dash_Finding_ReasonBySource,
    reasonByCampaign: LG_Dash_Finding_ReasonByCampaign,
    adviceTargeting: LG_Dash_Advice_Targeting,
    adviceNurture: LG_Dash_Advice_Nurture,
    adviceDuplicate: LG_Dash_Advice_Duplicate,
    adviceOther: LG_Dash_Advice_Other,
    weakestLink: LG_Dash_Finding_WeakestLink,
    atLeast: LG_Dash_AtLeast,
    noData: LG_Dash_NoData,
    noSource: LG_Dash_NoSource,
    noReason: LG_Dash_NoReason,
    unknownOwner: LG_Dash_UnknownOwner
};

export const LABELS = {
    filter: LG_Dash_Filter,
    filterAll: LG_Dash_Filter_All,
    filterSegmentOption: LG_Dash_Filter_Segment_Option,
    filterSourceOption: LG_Dash_Filter_Source_Option,
    filterCampaignOption: LG_Dash_Filter_Campaign_Option,
    filterNote: LG_Dash_Filter_Note,
    filterWhole: LG_Dash_Filter_Whole,
    title: LG_Dash_Title,
    intro: LG_Dash_Intro,
    window: LG_Dash_Window,
    team: LG_Dash_Team,
    refresh: LG_Dash_Refresh,
    loading: LG_Dash_Loading,
    empty: LG_Dash_Empty,
    errorTitle: LG_Dash_ErrorTitle,
    campaignsOrgWide: LG_Dash_CampaignsOrgWide,
    chainTitle: LG_Dash_Chain_Title,
    benchmarksTitle: LG_Dash_Benchmarks_Title,
    findingsTitle: LG_Dash_Findings_Title,
    findingsNone: LG_Dash_Findings_None,
    repsTitle: LG_Dash_Reps_Title,
    repsCaption: LG_Dash_Reps_Caption,
    colRep: LG_Dash_Col_Rep,
    colMqls: LG_Dash_Col_Mqls,
    colSqls: LG_Dash_Col_Sqls,
    colAcceptance: LG_Dash_Col_Acceptance,
    colMqlToSql: LG_Dash_Col_MqlToSql,
    colSqlToOpportunity: LG_Dash_Col_SqlToOpportunity,
    colWithinSla: LG_Dash_Col_WithinSla,
    colMqlToAlert: LG_Dash_Col_MqlToAlert,
    colAlertToAction: LG_Dash_Col_AlertToAction,
    colIncomplete: LG_Dash_Col_Incomplete,
    colThinEvidence: LG_Dash_Col_ThinEvidence,
    colFitEdited: LG_Dash_Col_FitEdited,
    colReviews: LG_Dash_Col_Reviews,
    colCoaching: LG_Dash_Col_Coaching,
    colLeads: LG_Dash_Col_Leads,
    colSource: LG_Dash_Col_Source,
    colCampaign: LG_Dash_Col_Campaign,
    colRejected: LG_Dash_Col_Rejected,
    colTopReason: LG_Dash_Col_TopReason,
    drillDownAll: LG_Dash_DrillDown_All,
    speedTitle: LG_Dash_Speed_Title,
    speedCaption: LG_Dash_Speed_Caption,
    rejectionsTitle: LG_Dash_Rejections_Title,
    rejectionsCaption: LG_Dash_Rejections_Caption,
    rejectionsNone: LG_Dash_Rejections_None,
    campaignsTitle: LG_Dash_Campaigns_Title,
    campaignsCaption: LG_Dash_Campaigns_Caption,
    campaignsNone: LG_Dash_Campaigns_None,
    chartUnavailable: LG_Dash_Chart_Unavailable
};

export const PRESET_LABELS: Record<WindowPreset, string> = {
    last30: LG_Dash_Window_Last30,
    last90: LG_Dash_Window_Last90,
    last180: LG_Dash_Window_Last180,
    last365: LG_Dash_Window_Last365,
    thisQuarter: LG_Dash_Window_ThisQuarter,
    lastQuarter: LG_Dash_Window_LastQuarter
};

export const STAGE_LABELS: Record<ChainStepKey, string> = {
    MQL: LG_Dash_Stage_MQL,
    SAL: LG_Dash_Stage_SAL,
    SQL: LG_Dash_Stage_SQL,
    Opportunity: LG_Dash_Stage_Opportunity,
    Won: LG_Dash_Stage_Won
};

export const POSITION_LABELS: Record<BandPosition, string> = {
    below: LG_Dash_Band_Below,
    within: LG_Dash_Band_Within,
    above: LG_Dash_Band_Above,
    noData: LG_Dash_Band_NoData
};
