/**
 * What the project holds, read locally: the components source-deploy-retrieve resolves from force-app (the
 * same resolver the sf CLI deploys with, honouring .forceignore), the Apex test classes, permission sets,
 * the sample data plan and the opt-in Lead Status and lead-conversion mapping packages. No org, no network.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import type { ProjectFacts } from './plan';

export const SOURCE_DIR = 'force-app';
export const SAMPLE_PLAN = 'data/sample-plan.json';
export const LEAD_STATUS_DIR = 'optional/lead-status';
export const LEAD_CONVERT_DIR = 'optional/lead-convert';
export const RECORD_PAGE = 'force-app/main/default/flexipages/LeadGate_Lead_Record_Page.flexipage-meta.xml';
export const OPPORTUNITY_PAGE = 'force-app/main/default/flexipages/LeadGate_Opportunity_Record_Page.flexipage-meta.xml';
export const SNAPSHOT_BATCH = 'LeadFunnelSnapshotBatch';

/** Component full names by metadata type, as the CLI would deploy them. Throws the resolver's message on a broken tree. */
export function componentsByType(root: string, sourceDir = SOURCE_DIR): Record<string, string[]> {
    const set = ComponentSet.fromSource({ fsPaths: [join(root, sourceDir)] });
    const byType: Record<string, string[]> = {};
    for (const c of set.getSourceComponents()) (byType[c.type.name] ??= []).push(c.fullName);
    for (const names of Object.values(byType)) names.sort();
    return byType;
}

export function readProjectFacts(root: string): ProjectFacts {
    const components = componentsByType(root);
    const classes = components.ApexClass ?? [];
    const hasFile = (p: string): boolean => existsSync(join(root, p));
    return {
        sourceDir: SOURCE_DIR,
        components,
        testClasses: classes.filter((c) => c.endsWith('_Tests')),
        permissionSets: components.PermissionSet ?? [],
        samplePlan: hasFile(SAMPLE_PLAN) ? SAMPLE_PLAN : null,
        leadStatusDir: hasFile(join(LEAD_STATUS_DIR, 'package.xml')) ? LEAD_STATUS_DIR : null,
        leadConvertDir: hasFile(join(LEAD_CONVERT_DIR, 'package.xml')) ? LEAD_CONVERT_DIR : null,
        recordPage: hasFile(RECORD_PAGE) ? RECORD_PAGE : null,
        opportunityPage: hasFile(OPPORTUNITY_PAGE) ? OPPORTUNITY_PAGE : null,
        snapshotBatch: classes.includes(SNAPSHOT_BATCH) ? SNAPSHOT_BATCH : null
    };
}
