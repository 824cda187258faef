/**
 * The deploy planner (pure): flags, test levels, permission sets, opt-ins and refusals, and the printed plan.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
    formatPlan,
    parseDeployArgs,
    planDeploy,
    resolvePermissionSet,
    VALIDATION_ID,
    type DeployOptions,
    type DeployPlan,
    type ProjectFacts
} from './plan';
import { commandLine } from './sf';

const FACTS: ProjectFacts = {
    sourceDir: 'force-app',
    components: {
        ApexClass: ['LeadFunnelSelector', 'LeadFunnelSelector_Tests', 'LeadGateDashboardController', 'LeadGateDashboardController_Tests'],
        CustomField: ['Lead.MQL_At__c', 'Lead.SQL_At__c'],
        PermissionSet: ['LeadGate_Admin', 'LeadGate_Integration', 'LeadGate_Manager', 'LeadGate_SDR']
    },
    testClasses: ['LeadFunnelSelector_Tests', 'LeadGateDashboardController_Tests'],
    permissionSets: ['LeadGate_Admin', 'LeadGate_Integration', 'LeadGate_Manager', 'LeadGate_SDR'],
    samplePlan: 'data/sample-plan.json',
    leadStatusDir: 'optional/lead-status',
    leadConvertDir: 'optional/lead-convert',
    recordPage: 'force-app/main/default/flexipages/LeadGate_Lead_Record_Page.flexipage-meta.xml',
    opportunityPage: 'force-app/main/default/flexipages/LeadGate_Opportunity_Record_Page.flexipage-meta.xml',
    snapshotBatch: 'LeadFunnelSnapshotBatch'
};

const options = (argv: string[]): DeployOptions => {
    const parsed = parseDeployArgs(argv);
    assert.ok('options' in parsed, JSON.stringify(parsed));
    return parsed.options;
};

const plan = (argv: string[], facts = FACTS): DeployPlan => {
    const p = planDeploy(options(argv), facts);
    assert.ok(!('error' in p), 'error' in p ? p.error : '');
    return p;
};

const lines = (p: DeployPlan): string[] => p.steps.map((s) => commandLine(s.command));

describe('deploy flags', () => {
    it('reads values, lists and booleans in both spellings', () => {
        const o = options([
            '--target-org',
            'uat',
            '--tests=A_Tests,B_Tests',
            '--permsets',
            'SDR',
            '--permsets',
            'Manager',
            '--dry-run',
            '--wait',
            '30'
        ]);
        assert.equal(o.targetOrg, 'uat');
        assert.deepEqual(o.tests, ['A_Tests', 'B_Tests']);
        assert.deepEqual(o.permsets, ['SDR', 'Manager']);
        assert.equal(o.dryRun, true);
        assert.equal(o.waitMinutes, 30);
    });

    it('refuses unknown flags and missing values with the usage', () => {
        const unknown = parseDeployArgs(['--target', 'uat']);
        assert.ok('error' in unknown && /Unknown option "--target"/.test(unknown.error) && unknown.error.includes('Usage: npm run deploy'));
        const missing = parseDeployArgs(['--target-org']);
        assert.ok('error' in missing && /--target-org needs a value/.test(missing.error));
        assert.ok('error' in parseDeployArgs(['--wait', 'soon']));
    });
});

describe('deploy plan', () => {
    it('with no org and no dry run: stops and names the login command', () => {
        const p = planDeploy(options([]), FACTS);
        assert.ok('error' in p);
        assert.match(p.error, /--target-org <alias>/);
        assert.match(p.error, /sf org login web --alias <alias>/);
    });

    it('outside production: validates with the project’s *_Tests classes, then quick-deploys the validated id', () => {
        const p = plan(['--target-org', 'uat']);
        assert.equal(p.testLevel, 'RunSpecifiedTests');
        assert.deepEqual(p.tests, FACTS.testClasses);
        assert.deepEqual(
            p.steps.map((s) => s.id),
            ['check-login', 'generate-check', 'build', 'verify-metadata', 'validate', 'deploy']
        );
        assert.deepEqual(lines(p), [
            'sf org display --target-org uat --json',
            'npm run generate:check',
            'npm run build',
            'npm run verify:metadata',
            'sf project deploy validate --source-dir force-app --target-org uat --test-level RunSpecifiedTests --tests LeadFunnelSelector_Tests --tests LeadGateDashboardController_Tests --wait 60 --json',
            `sf project deploy quick --job-id '${VALIDATION_ID}' --target-org uat --wait 60`
        ]);
        const deploy = p.steps.find((s) => s.id === 'deploy')!;
        assert.equal(
            commandLine(deploy.fallback!),
            'sf project deploy start --source-dir force-app --target-org uat --test-level RunSpecifiedTests --tests LeadFunnelSelector_Tests --tests LeadGateDashboardController_Tests --wait 60'
        );
    });

    it('in production: RunLocalTests, and --tests is ignored with a note', () => {
        const p = plan(['--target-org', 'prod', '--production', '--tests', 'LeadFunnelSelector_Tests']);
        assert.equal(p.testLevel, 'RunLocalTests');
        assert.deepEqual(p.tests, []);
        assert.match(lines(p)[4]!, /--test-level RunLocalTests --wait 60 --json$/);
        assert.ok(p.warnings.some((w) => w.includes('--tests is ignored for production')));
    });

    it('--tests replaces the project’s list outside production', () => {
        const p = plan(['--target-org', 'uat', '--tests', 'LeadGateDashboardController_Tests']);
        assert.deepEqual(p.tests, ['LeadGateDashboardController_Tests']);
    });

    it('with no Apex tests: NoTestRun and a plain deploy (quick deploy needs tests)', () => {
        const p = plan(['--target-org', 'dev'], { ...FACTS, testClasses: [] });
        assert.equal(p.testLevel, 'NoTestRun');
        const deploy = p.steps.find((s) => s.id === 'deploy')!;
        assert.equal(
            commandLine(deploy.command),
            'sf project deploy start --source-dir force-app --target-org dev --test-level NoTestRun --wait 60'
        );
        assert.equal(deploy.fallback, undefined);
    });

    it('assigns the permission sets the admin names, short or full, to the logged-in user or named users', () => {
        const p = plan(['--target-org', 'uat', '--permsets', 'SDR,leadgate_manager', '--assign-to', 'rep@example.com']);
        assert.deepEqual(p.permsets, ['LeadGate_SDR', 'LeadGate_Manager']);
        assert.equal(
            lines(p).at(-1),
            'sf org assign permset --name LeadGate_SDR --name LeadGate_Manager --target-org uat --on-behalf-of rep@example.com'
        );
        assert.equal(resolvePermissionSet('Admin', FACTS.permissionSets), 'LeadGate_Admin');
        const bad = planDeploy(options(['--target-org', 'uat', '--permsets', 'Sales']), FACTS);
        assert.ok('error' in bad && bad.error.includes('Unknown permission set "Sales"') && bad.error.includes('LeadGate_SDR'));
    });

    it('installs the Lead Status values only when asked, from the metadata-format folder, with the deactivation warning', () => {
        assert.ok(!lines(plan(['--target-org', 'uat'])).some((l) => l.includes('lead-status')));
        const p = plan(['--target-org', 'uat', '--install-lead-statuses']);
        assert.ok(lines(p).includes('sf project deploy start --metadata-dir optional/lead-status --target-org uat --wait 60'));
        assert.ok(p.warnings.some((w) => w.includes('DEACTIVATES every Lead Status value it does not list')));
    });

    it('installs the lead-conversion mapping only when asked, from the metadata-format folder, with the replacement warning', () => {
        const plain = plan(['--target-org', 'uat']);
        assert.ok(!lines(plain).some((l) => l.includes('lead-convert')));
        assert.ok(!plain.steps.some((s) => s.id === 'convert-mapping'));
        assert.ok(plain.nextSteps.some((n) => n.includes('opt in with --install-convert-mapping')));
        assert.match(formatPlan(plain), /^Lead conversion mapping: left as it is$/m);

        const p = plan(['--target-org', 'uat', '--install-lead-statuses', '--install-convert-mapping', '--permsets', 'SDR']);
        assert.deepEqual(p.steps.map((s) => s.id).slice(-3), ['lead-statuses', 'convert-mapping', 'permission-sets']);
        assert.ok(lines(p).includes('sf project deploy start --metadata-dir optional/lead-convert --target-org uat --wait 60'));
        assert.ok(p.warnings.some((w) => w.includes('REPLACES the org’s whole lead-conversion field mapping')));
        assert.ok(!p.nextSteps.some((n) => n.includes('--install-convert-mapping')));
        assert.match(formatPlan(p), /^Lead conversion mapping: installed \(opt-in\)$/m);

        const none = planDeploy(options(['--target-org', 'uat', '--install-convert-mapping']), { ...FACTS, leadConvertDir: null });
        assert.ok('error' in none && none.error.includes('optional/lead-convert'));
    });

    it('imports sample data only outside production, with the bypass the history needs and Marketing User', () => {
        const p = plan(['--target-org', 'uat', '--with-sample-data', '--permsets', 'SDR']);
        assert.deepEqual(p.permsets, ['LeadGate_SDR', 'LeadGate_Integration']);
        assert.deepEqual(
            p.steps.slice(-3).map((s) => s.id),
            ['permission-sets', 'marketing-user', 'sample-data']
        );
        assert.match(lines(p).at(-1)!, /^sf data tree import --plan '<sample plan shifted to today>' --target-org uat$/);
        const prod = planDeploy(options(['--target-org', 'prod', '--production', '--with-sample-data']), FACTS);
        assert.ok('error' in prod && /sandboxes and scratch orgs/.test(prod.error));
        const none = planDeploy(options(['--target-org', 'uat', '--with-sample-data']), { ...FACTS, samplePlan: null });
        assert.ok('error' in none);
    });

    it('prints components by type, tests, permission sets and every command, and says a dry run sends nothing', () => {
        const text = formatPlan(plan(['--dry-run', '--permsets', 'SDR']));
        assert.match(text, /LeadGate deploy plan for <alias> .* DRY RUN: nothing is sent to any org/);
        assert.match(text, /ApexClass\s+4\s+LeadFunnelSelector, LeadFunnelSelector_Tests/);
        assert.match(text, /CustomField\s+2\s+Lead\.MQL_At__c, Lead\.SQL_At__c/);
        assert.match(text, /Tests: RunSpecifiedTests - LeadFunnelSelector_Tests, LeadGateDashboardController_Tests/);
        assert.match(text, /Permission sets: LeadGate_SDR/);
        assert.match(
            text,
            /every sf call runs with SF_DISABLE_TELEMETRY=true SF_SKIP_NEW_VERSION_CHECK=true SF_AUTOUPDATE_DISABLE=true SF_DISABLE_AUTOUPDATE=true/
        );
        assert.match(text, /Activate the LeadGate Lead record page/);
        assert.match(text, /schedule-snapshot\.apex/);
    });

    it('offers the Opportunity page as an optional activation, never assigned by the deploy (issue 19)', () => {
        const withPage = formatPlan(plan(['--dry-run']));
        assert.match(
            withPage,
            /Optional: activate the LeadGate Opportunity record page .*LeadGate_Opportunity_Record_Page\.flexipage-meta\.xml/
        );
        assert.match(withPage, /Existing page assignments are left as they are/);
        // Planted: a project without the page prints no such step.
        assert.doesNotMatch(formatPlan(plan(['--dry-run'], { ...FACTS, opportunityPage: null })), /Opportunity record page/);
    });
});
