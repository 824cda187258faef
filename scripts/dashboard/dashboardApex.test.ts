/**
 * The dashboard's Apex against the project, offline:
 * - every SOQL constant of LeadFunnelSelector (built at run time, so verify:apex can only note them) parses and
 *   names real objects and fields, both with the team clause and without it (every owner);
 * - the definition data the server holds as constants equals the SQL definition (speed buckets, thin-evidence
 *   length, evidence fields per framework, the longest window);
 * - the Apex response classes carry exactly the fields funnelMetrics.ts reads (the FunnelData contract).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
    MAX_WINDOW_DAYS,
    thinEvidenceChars,
    type CampaignRejectionRow,
    type CampaignRow,
    type ComplianceRow,
    type FunnelData,
    type FunnelRow,
    type OwnerRow,
    type SpeedRow,
    type TeamOption
} from 'c/funnelMetrics';
import { SQL_DEFINITION, evidenceField } from 'c/sqlDefinition';
import { unescapeApexString } from '../verify-apex/apexSource';
import { loadSchema } from '../verify-apex/schema';
import { checkSoql } from '../verify-apex/soql';

const ROOT = join(__dirname, '..', '..');
const CLASSES = join(ROOT, 'force-app/main/default/classes');
const selector = readFileSync(join(CLASSES, 'LeadFunnelSelector.cls'), 'utf8');
const controller = readFileSync(join(CLASSES, 'LeadGateDashboardController.cls'), 'utf8');

/** String constants built from literals only: `static final String NAME = 'a' + 'b';`. */
function stringConstants(source: string): Map<string, string> {
    const constants = new Map<string, string>();
    const declaration = /static final String (\w+)\s*=\s*((?:'(?:\\.|[^'\\])*'\s*\+?\s*)+);/g;
    for (const match of source.matchAll(declaration)) {
        const literals = match[2]!.match(/'(?:\\.|[^'\\])*'/g) ?? [];
        constants.set(match[1]!, literals.map(unescapeApexString).join(''));
    }
    return constants;
}

/** What LeadFunnelSelector.scoped() does when no team is chosen: drops the owner clause. */
function everyOwner(soql: string): string {
    const clause = stringConstants(selector).get('OWNER_CLAUSE');
    assert.ok(clause, 'OWNER_CLAUSE is a constant');
    return soql.replace(new RegExp(clause, 'g'), '');
}

/** The SOQL parser takes no bind in LIMIT (Apex does): the guard counts' `LIMIT :cap` is checked as a number. */
const parseable = (soql: string): string => soql.replace(/LIMIT :cap$/, 'LIMIT 1');

const queries = [...stringConstants(selector).entries()].filter(([, text]) => /^SELECT /.test(text));

describe('LeadFunnelSelector SOQL against the project schema', () => {
    const schema = loadSchema(ROOT);

    it('has the queries the dashboard needs', () => {
        assert.deepEqual(
            queries.map(([name]) => name),
            [
                'MQL_COUNT',
                'MEMBER_COUNT',
                'FUNNEL',
                'SPEED',
                'BYPASS',
                'THIN_EVIDENCE',
                'CAMPAIGNS',
                'CAMPAIGN_REJECTIONS',
                'SNAPSHOT_COUNT',
                'SNAPSHOT_FUNNEL',
                'SNAPSHOT_SPEED',
                'SNAPSHOT_COMPLIANCE',
                'SNAPSHOT_CAMPAIGNS',
                'SNAPSHOT_CAMPAIGN_REJECTIONS'
            ]
        );
    });

    for (const [name, soql] of queries) {
        it(`${name} parses and names real fields, with and without the team clause`, () => {
            assert.deepEqual(checkSoql(parseable(soql), schema), [], soql);
            const all = everyOwner(soql);
            assert.doesNotMatch(all, /:ownerIds/, `${name}: the owner clause is removed for every owner`);
            assert.deepEqual(checkSoql(parseable(all), schema), [], all);
        });
    }

    it('filters every live query on the MQL window and the team', () => {
        for (const [name, soql] of queries.filter(([n]) => !n.startsWith('SNAPSHOT'))) {
            assert.match(soql, /MQL_At__c >= :startAt AND (Lead\.)?MQL_At__c < :endAt/, `${name} counts the window's MQL cohort`);
            assert.match(soql, /OwnerId IN :ownerIds/, `${name} honours the team`);
        }
    });

    it('keeps campaign rows org-wide on the snapshot path, as the dashboard says', () => {
        for (const name of ['SNAPSHOT_CAMPAIGNS', 'SNAPSHOT_CAMPAIGN_REJECTIONS']) {
            assert.doesNotMatch(queries.find(([n]) => n === name)![1], /ownerIds/);
        }
    });
});

describe('definition data held by the Apex equals the SQL definition', () => {
    it('uses the definition speed buckets', () => {
        const apex = /SPEED_BUCKET_MAX_MINUTES = new List<Integer>\{([^}]*)\}/
            .exec(selector)![1]!
            .split(',')
            .map((s) => Number(s.trim()));
        const bounded = SQL_DEFINITION.sla.buckets.filter((b) => b.maxMinutes !== null).map((b) => b.maxMinutes);
        assert.deepEqual(apex, bounded);
        assert.equal(
            SQL_DEFINITION.sla.buckets.filter((b) => b.maxMinutes === null).length,
            1,
            'one open last bucket, derived from the actioned count'
        );
    });

    it('uses the thin-evidence length of funnelMetrics', () => {
        assert.equal(Number(/THIN_EVIDENCE_CHARS = (\d+);/.exec(selector)![1]), thinEvidenceChars(SQL_DEFINITION));
    });

    it('knows every framework and the evidence field of each criterion', () => {
        for (const framework of SQL_DEFINITION.frameworks) {
            const fields = framework.criteria.map(evidenceField);
            const listed = new RegExp(`'${framework.key}' => new List<String>\\{([^}]*)\\}`).exec(selector);
            assert.ok(listed, `EVIDENCE_FIELDS lists ${framework.key}`);
            assert.deepEqual(
                listed[1]!.split(',').map((s) => s.trim().replace(/'/g, '')),
                fields
            );
            const thin = stringConstants(selector).get('THIN_EVIDENCE')!;
            const branch = new RegExp(`Qualification_Framework__c = '${framework.key}' AND \\(([^]*?)\\)\\)`).exec(thin);
            assert.ok(branch, `THIN_EVIDENCE has a ${framework.key} branch`);
            const tested = [...branch[1]!.matchAll(/NOT (\w+) LIKE :thin/g)].map((m) => m[1]);
            assert.deepEqual(tested, fields, `THIN_EVIDENCE tests each ${framework.key} evidence field`);
        }
    });

    it('accepts the same longest window as the dashboard', () => {
        assert.equal(Number(/MAX_WINDOW_DAYS = (\d+);/.exec(controller)![1]), MAX_WINDOW_DAYS);
    });
});

describe('the response classes carry the FunnelData contract', () => {
    const auraFields = (source: string, className: string): string[] => {
        const start = source.indexOf(`public class ${className} {`);
        assert.ok(start >= 0, `class ${className}`);
        const body = source.slice(start, source.indexOf('\n    }\n', start));
        return [...body.matchAll(/@AuraEnabled\s+public [\w.<>]+ (\w+)/g)].map((m) => m[1]!).sort();
    };
    const keys = (o: object): string[] => Object.keys(o).sort();

    it('Funnel has every FunnelData field', () => {
        const sample: Record<keyof FunnelData, null> = {
            source: null,
            windowStart: null,
            windowEnd: null,
            asOf: null,
            campaignsOrgWide: null,
            thinEvidenceChars: null,
            rowsUsed: null,
            owners: null,
            funnel: null,
            speed: null,
            compliance: null,
            campaigns: null,
            campaignRejections: null
        };
        assert.deepEqual(auraFields(controller, 'Funnel'), keys(sample));
    });

    it('the row classes have the row fields', () => {
        const funnelRow: Record<keyof FunnelRow, null> = {
            ownerId: null,
            leadSource: null,
            rejectionReason: null,
            mqls: null,
            accepted: null,
            rejected: null,
            sqls: null,
            opportunities: null,
            won: null,
            actioned: null
        };
        assert.deepEqual(auraFields(selector, 'FunnelRow'), keys(funnelRow));
        const speedRow: Record<keyof SpeedRow, null> = { ownerId: null, maxMinutes: null, leads: null };
        const complianceRow: Record<keyof ComplianceRow, null> = { ownerId: null, bypassSqls: null, thinEvidenceSqls: null };
        const campaignRow: Record<keyof CampaignRow, null> = { campaignId: null, campaignName: null, members: null };
        const rejectionRow: Record<keyof CampaignRejectionRow, null> = { campaignId: null, rejectionReason: null, rejected: null };
        const ownerRow: Record<keyof OwnerRow, null> = { ownerId: null, name: null };
        const team: Record<keyof TeamOption, null> = { managerId: null, name: null, reps: null, mine: null };
        assert.deepEqual(auraFields(selector, 'SpeedRow'), keys(speedRow));
        assert.deepEqual(auraFields(selector, 'ComplianceRow'), keys(complianceRow));
        assert.deepEqual(auraFields(selector, 'CampaignRow'), keys(campaignRow));
        assert.deepEqual(auraFields(selector, 'CampaignRejectionRow'), keys(rejectionRow));
        assert.deepEqual(auraFields(controller, 'Owner'), keys(ownerRow));
        assert.deepEqual(auraFields(controller, 'Team'), keys(team));
    });
});
