/**
 * The deploy planner: pure. From the admin's flags and the project's facts (what force-app holds) it builds
 * the exact list of commands `npm run deploy` will run, in order, plus what to do afterwards. The CLI
 * (deploy.ts) prints this plan for `--dry-run` and otherwise hands it to the executor (execute.ts).
 *
 * Order: login check (fails fast, offline for an unknown alias) -> local checks (build, metadata gate) -> validate (with tests) -> deploy (quick deploy of
 * the validated id; a full deploy when quick deploy is not available) -> opt-in Lead Status values -> opt-in
 * lead-conversion field mapping -> permission sets -> opt-in sample data -> next steps.
 */
import { commandLine, npm, sf, SF_ENV, type Command } from './sf';

export interface DeployOptions {
    targetOrg?: string;
    dryRun: boolean;
    production: boolean;
    /** Test classes named by the admin (overrides the project's *_Tests classes outside production). */
    tests?: string[];
    /** Permission sets to assign, short (SDR) or full (LeadGate_SDR) names. */
    permsets: string[];
    /** Users to assign them to (usernames); default: the user the CLI is logged in as. */
    assignTo: string[];
    withSampleData: boolean;
    installLeadStatuses: boolean;
    installConvertMapping: boolean;
    waitMinutes: number;
}

export interface ProjectFacts {
    /** The package directory deployed, repo-relative. */
    sourceDir: string;
    /** Metadata type -> component full names, as source-deploy-retrieve resolves force-app. */
    components: Record<string, string[]>;
    /** Apex test classes in the project (`*_Tests`). */
    testClasses: string[];
    /** Permission sets in the project. */
    permissionSets: string[];
    /** `sf data tree import` plan, repo-relative, or null when the project has none. */
    samplePlan: string | null;
    /** Metadata-format folder of the opt-in Lead Status values, or null. */
    leadStatusDir: string | null;
    /** Metadata-format folder of the opt-in lead-conversion field mapping (LeadConvertSettings), or null. */
    leadConvertDir: string | null;
    /** FlexiPage file of the Lead record page, repo-relative, or null. */
    recordPage: string | null;
    /** FlexiPage file of the Opportunity record page (qualification summary), repo-relative, or null. */
    opportunityPage: string | null;
    /** Schedulable snapshot batch class, or null. */
    snapshotBatch: string | null;
}

export type StepId =
    | 'check-dev-hub'
    | 'create-scratch'
    | 'generate-check'
    | 'build'
    | 'verify-metadata'
    | 'check-login'
    | 'validate'
    | 'deploy'
    | 'lead-statuses'
    | 'convert-mapping'
    | 'permission-sets'
    | 'marketing-user'
    | 'sample-data';

export interface PlanStep {
    id: StepId;
    title: string;
    command: Command;
    /** Runs only on this machine (no org involved). */
    local: boolean;
    /** Output is read by the executor (JSON), not streamed. */
    capture: boolean;
    /** Used when `command` fails in a way that means "not available" (quick deploy). */
    fallback?: Command;
}

export type TestLevel = 'RunLocalTests' | 'RunSpecifiedTests' | 'NoTestRun';

/** What the executor needs: any plan (deploy, scratch org) is a list of steps for one org. */
export interface RunnablePlan {
    org: string;
    dryRun: boolean;
    steps: PlanStep[];
    nextSteps: string[];
}

export interface DeployPlan extends RunnablePlan {
    options: DeployOptions;
    testLevel: TestLevel;
    tests: string[];
    permsets: string[];
    components: Record<string, string[]>;
    steps: PlanStep[];
    warnings: string[];
    nextSteps: string[];
}

/** Placeholders the executor fills in from earlier steps' answers. */
export const VALIDATION_ID = '<validation id>';
export const USERNAME = '<logged-in username>';
export const SHIFTED_PLAN = '<sample plan shifted to today>';
export const ORG_PLACEHOLDER = '<alias>';

export const DEPLOY_USAGE = `Usage: npm run deploy -- --target-org <alias> [--dry-run] [--production] [--tests A,B]
                          [--permsets SDR,Manager,Admin,Integration] [--assign-to user@example.com,...]
                          [--with-sample-data] [--install-lead-statuses] [--install-convert-mapping]
                          [--wait <minutes>]`;

const FLAGS_WITH_VALUE = new Set(['--target-org', '-o', '--tests', '--permsets', '--assign-to', '--wait']);
const BOOLEAN_FLAGS = new Set([
    '--dry-run',
    '--production',
    '--with-sample-data',
    '--install-lead-statuses',
    '--install-convert-mapping',
    '--help',
    '-h'
]);

const list = (value: string): string[] =>
    value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

/** Parses the deploy flags (`--flag value` or `--flag=value`; lists comma-separated or repeated). */
export function parseDeployArgs(argv: string[]): { options: DeployOptions } | { error: string } | { help: true } {
    const options: DeployOptions = {
        dryRun: false,
        production: false,
        permsets: [],
        assignTo: [],
        withSampleData: false,
        installLeadStatuses: false,
        installConvertMapping: false,
        waitMinutes: 60
    };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i]!.includes('=') ? (argv[i]!.split(/=(.*)/s) as [string, string]) : [argv[i]!, undefined];
        if (BOOLEAN_FLAGS.has(flag)) {
            if (flag === '--help' || flag === '-h') return { help: true };
            if (flag === '--dry-run') options.dryRun = true;
            if (flag === '--production') options.production = true;
            if (flag === '--with-sample-data') options.withSampleData = true;
            if (flag === '--install-lead-statuses') options.installLeadStatuses = true;
            if (flag === '--install-convert-mapping') options.installConvertMapping = true;
            continue;
        }
        if (!FLAGS_WITH_VALUE.has(flag)) return { error: `Unknown option "${argv[i]}".\n${DEPLOY_USAGE}` };
        const value = inline ?? argv[++i];
        if (value === undefined || value.startsWith('--')) return { error: `${flag} needs a value.\n${DEPLOY_USAGE}` };
        if (flag === '--target-org' || flag === '-o') options.targetOrg = value;
        if (flag === '--tests') options.tests = [...(options.tests ?? []), ...list(value)];
        if (flag === '--permsets') options.permsets.push(...list(value));
        if (flag === '--assign-to') options.assignTo.push(...list(value));
        if (flag === '--wait') {
            const minutes = Number(value);
            if (!Number.isInteger(minutes) || minutes < 1) return { error: `--wait takes whole minutes, got "${value}"` };
            options.waitMinutes = minutes;
        }
    }
    return { options };
}

/** `SDR` or `leadgate_sdr` -> `LeadGate_SDR`, when the project has that permission set. */
export function resolvePermissionSet(name: string, available: string[]): string | undefined {
    const wanted = name.toLowerCase();
    return available.find((p) => p.toLowerCase() === wanted || p.toLowerCase() === `leadgate_${wanted}`);
}

const INTEGRATION = 'LeadGate_Integration';

/**
 * The checks every deploy and scratch-org creation runs on this machine first, in order: the generated metadata is
 * what the definition generates (a definition edited without `npm run generate` never ships), the components'
 * JavaScript is built from TypeScript (a bundle without its .js deploys silently broken), and the metadata gate.
 */
export function localChecks(): PlanStep[] {
    return [
        {
            id: 'generate-check',
            title: 'Check that the generated metadata matches the SQL definition',
            command: npm('run', 'generate:check'),
            local: true,
            capture: false
        },
        {
            id: 'build',
            title: 'Build the components’ JavaScript from TypeScript',
            command: npm('run', 'build'),
            local: true,
            capture: false
        },
        {
            id: 'verify-metadata',
            title: 'Check the metadata (the gate the CLI does not enforce)',
            command: npm('run', 'verify:metadata'),
            local: true,
            capture: false
        }
    ];
}

/** The deploy plan for these options on this project, or the reason there is none. */
export function planDeploy(options: DeployOptions, facts: ProjectFacts): DeployPlan | { error: string } {
    const org = options.targetOrg ?? ORG_PLACEHOLDER;
    if (!options.targetOrg && !options.dryRun) {
        return {
            error: `Name the org to deploy to: npm run deploy -- --target-org <alias>\nNot logged in yet? sf org login web --alias <alias>`
        };
    }
    if (options.withSampleData && options.production) {
        return { error: 'Sample data is for sandboxes and scratch orgs: --with-sample-data cannot be combined with --production.' };
    }
    if (options.withSampleData && !facts.samplePlan) return { error: 'This project has no sample data plan (data/sample-plan.json).' };
    if (options.installLeadStatuses && !facts.leadStatusDir)
        return { error: 'This project has no opt-in Lead Status package (optional/lead-status).' };
    if (options.installConvertMapping && !facts.leadConvertDir)
        return { error: 'This project has no opt-in lead-conversion mapping package (optional/lead-convert).' };

    const warnings: string[] = [];
    const permsets: string[] = [];
    for (const name of options.permsets) {
        const found = resolvePermissionSet(name, facts.permissionSets);
        if (!found) return { error: `Unknown permission set "${name}". This project has: ${facts.permissionSets.join(', ') || 'none'}` };
        if (!permsets.includes(found)) permsets.push(found);
    }
    if (
        options.withSampleData &&
        facts.permissionSets.includes(INTEGRATION) &&
        !permsets.includes(INTEGRATION) &&
        !options.assignTo.length
    ) {
        permsets.push(INTEGRATION);
        warnings.push(
            `${INTEGRATION} is added to your permission sets: the sample history holds leads already Sales Qualified or Rejected, which only the bypass it carries lets an import write. Remove it from your user afterwards (Setup > Users > Permission Set Assignments).`
        );
    }
    if (options.withSampleData && options.assignTo.length) {
        return {
            error: '--with-sample-data imports as the logged-in user, who needs LeadGate_Integration: do not combine it with --assign-to.'
        };
    }

    let testLevel: TestLevel;
    let tests: string[] = [];
    if (options.production) {
        testLevel = 'RunLocalTests';
        if (options.tests?.length)
            warnings.push('--tests is ignored for production: production deploys run every local test (RunLocalTests).');
    } else if (options.tests?.length) {
        testLevel = 'RunSpecifiedTests';
        tests = [...options.tests];
        const unknown = tests.filter((t) => !facts.testClasses.includes(t));
        if (unknown.length) warnings.push(`Not test classes of this project (they must exist in the org): ${unknown.join(', ')}`);
    } else if (facts.testClasses.length) {
        testLevel = 'RunSpecifiedTests';
        tests = [...facts.testClasses];
    } else {
        testLevel = 'NoTestRun';
        warnings.push('The project has no Apex test classes: the validation runs no tests, so quick deploy is not available.');
    }
    const testArgs = [...['--test-level', testLevel], ...tests.flatMap((t) => ['--tests', t])];
    const wait = ['--wait', String(options.waitMinutes)];
    const source = ['--source-dir', facts.sourceDir];

    const steps: PlanStep[] = [
        {
            id: 'check-login',
            title: `Check the login for ${org}`,
            command: sf('org', 'display', '--target-org', org, '--json'),
            local: false,
            capture: true
        },
        ...localChecks(),
        {
            id: 'validate',
            title: `Validate against ${org} without saving (${testLevel}${tests.length ? `: ${tests.length} test class(es)` : ''})`,
            command: sf('project', 'deploy', 'validate', ...source, '--target-org', org, ...testArgs, ...wait, '--json'),
            local: false,
            capture: true
        }
    ];
    const fullDeploy = sf('project', 'deploy', 'start', ...source, '--target-org', org, ...testArgs, ...wait);
    if (testLevel === 'NoTestRun') {
        steps.push({ id: 'deploy', title: 'Deploy', command: fullDeploy, local: false, capture: false });
    } else {
        steps.push({
            id: 'deploy',
            title: 'Deploy the validated components (quick deploy: the tests already passed)',
            command: sf('project', 'deploy', 'quick', '--job-id', VALIDATION_ID, '--target-org', org, ...wait),
            local: false,
            capture: false,
            fallback: fullDeploy
        });
    }
    if (options.installLeadStatuses && facts.leadStatusDir) {
        warnings.push(
            'Lead Status values: deploying the value set DEACTIVATES every Lead Status value it does not list. Leads keep their values, but nobody can pick a deactivated value again until an admin reactivates it.'
        );
        steps.push({
            id: 'lead-statuses',
            title: 'Install the Lead Status values of the definition (opt-in)',
            command: sf('project', 'deploy', 'start', '--metadata-dir', facts.leadStatusDir, '--target-org', org, ...wait),
            local: false,
            capture: false
        });
    }
    if (options.installConvertMapping && facts.leadConvertDir) {
        warnings.push(
            'Lead conversion mapping: LeadConvertSettings REPLACES the org’s whole lead-conversion field mapping. Mappings of your own fields that optional/lead-convert does not list can be lost: merge them in first (optional/lead-convert/README.md).'
        );
        steps.push({
            id: 'convert-mapping',
            title: 'Install the lead-conversion field mapping of the definition (opt-in)',
            command: sf('project', 'deploy', 'start', '--metadata-dir', facts.leadConvertDir, '--target-org', org, ...wait),
            local: false,
            capture: false
        });
    }
    if (permsets.length) {
        const onBehalf = options.assignTo.flatMap((u) => ['--on-behalf-of', u]);
        steps.push({
            id: 'permission-sets',
            title: `Assign ${permsets.join(', ')} to ${options.assignTo.length ? options.assignTo.join(', ') : 'the logged-in user'}`,
            command: sf('org', 'assign', 'permset', ...permsets.flatMap((p) => ['--name', p]), '--target-org', org, ...onBehalf),
            local: false,
            capture: false
        });
    }
    if (options.withSampleData && facts.samplePlan) steps.push(...sampleDataSteps(org, facts.samplePlan, 'the logged-in user'));
    return {
        options,
        org,
        dryRun: options.dryRun,
        testLevel,
        tests,
        permsets,
        components: facts.components,
        steps,
        warnings,
        nextSteps: nextSteps(org, options, facts)
    };
}

function nextSteps(org: string, options: DeployOptions, facts: ProjectFacts): string[] {
    const out: string[] = [];
    if (facts.recordPage) {
        out.push(
            `Activate the LeadGate Lead record page: open it in Lightning App Builder (sf org open --target-org ${org} --source-file ${facts.recordPage}), then Activation > Org Default, or App Default for your sales app.`
        );
    }
    if (facts.opportunityPage) {
        out.push(
            `Optional: activate the LeadGate Opportunity record page (what the SDR qualified, for the account team) the same way (sf org open --target-org ${org} --source-file ${facts.opportunityPage}), or drag LeadGate Qualification Summary onto your own Opportunity page. Existing page assignments are left as they are.`
        );
    }
    out.push(
        `Give people their permission sets: reps LeadGate_SDR, managers LeadGate_Manager, admins LeadGate_Admin; integration and data-load users only LeadGate_Integration (it bypasses every LeadGate rule). For example: sf org assign permset --name LeadGate_SDR --on-behalf-of rep@example.com --target-org ${org}`
    );
    if (!options.installLeadStatuses) {
        out.push(
            'Lead Status: map each stage to your org’s existing values in sqlDefinition.ts (stage.status) and redeploy, or opt in with --install-lead-statuses (docs/ADMIN.md).'
        );
    }
    if (!options.installConvertMapping) {
        out.push(
            'Lead conversion mapping: LeadConversionEvidence already fills the qualification fields on converted Opportunities. To have the platform map them too, merge your org’s existing mapping into optional/lead-convert and opt in with --install-convert-mapping (docs/ADMIN.md).'
        );
    }
    if (facts.snapshotBatch) {
        out.push(
            `Large org? If the dashboard's windows hold more MQLs than one transaction can count (check: sf data query --query "SELECT COUNT() FROM Lead WHERE MQL_At__c = LAST_N_DAYS:365" --target-org ${org}; about 50,000 or more), schedule the nightly snapshot as a LeadGate_Admin user who sees every lead: sf apex run --file scripts/admin/deploy/schedule-snapshot.apex --target-org ${org}`
        );
    }
    return out;
}

/** The plan as the admin reads it: what goes, which tests, which permission sets, every command in order. */
export function formatPlan(plan: DeployPlan): string {
    const lines: string[] = [];
    const total = Object.values(plan.components).reduce((n, names) => n + names.length, 0);
    lines.push(
        `LeadGate deploy plan for ${plan.org} (${plan.options.production ? 'production' : 'sandbox, developer or scratch org'})${plan.options.dryRun ? ' - DRY RUN: nothing is sent to any org' : ''}`
    );
    lines.push('');
    lines.push(`Components (${total}):`);
    for (const [type, names] of Object.entries(plan.components).sort(([a], [b]) => a.localeCompare(b))) {
        const shown = names.length > 6 ? `${names.slice(0, 6).join(', ')}, ... (+${names.length - 6})` : names.join(', ');
        lines.push(`  ${type.padEnd(28)} ${String(names.length).padStart(3)}  ${shown}`);
    }
    lines.push('');
    lines.push(`Tests: ${plan.testLevel}${plan.tests.length ? ` - ${plan.tests.join(', ')}` : ''}`);
    lines.push(`Permission sets: ${plan.permsets.length ? plan.permsets.join(', ') : 'none (pass --permsets SDR,Manager,...)'}`);
    lines.push(`Lead Status values: ${plan.options.installLeadStatuses ? 'installed (opt-in)' : 'left as they are'}`);
    lines.push(`Lead conversion mapping: ${plan.options.installConvertMapping ? 'installed (opt-in)' : 'left as it is'}`);
    lines.push(`Sample data: ${plan.options.withSampleData ? 'imported' : 'no'}`);
    if (plan.warnings.length) {
        lines.push('');
        for (const w of plan.warnings) lines.push(`Note: ${w}`);
    }
    lines.push('');
    lines.push(
        `Commands, in order (every sf call runs with ${Object.entries(SF_ENV)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}):`
    );
    plan.steps.forEach((s, i) => {
        lines.push(`  ${i + 1}. ${s.title}${s.local ? ' [local]' : ''}`);
        lines.push(`       ${commandLine(s.command)}`);
        if (s.fallback) lines.push(`       if quick deploy is not available: ${commandLine(s.fallback)}`);
    });
    lines.push('');
    lines.push('Then:');
    for (const n of plan.nextSteps) lines.push(`  - ${n}`);
    return lines.join('\n');
}

/**
 * Importing the sample data: the importing user needs Marketing User for the sample campaigns, then the plan is
 * imported with its dates moved so the history ends today. Shared by `npm run deploy` and `npm run org:create`.
 */
export function sampleDataSteps(org: string, samplePlan: string, who: string): PlanStep[] {
    return [
        {
            id: 'marketing-user',
            title: `Tick Marketing User on ${who} (sample campaigns need it)`,
            command: sf(
                'data',
                'update',
                'record',
                '--sobject',
                'User',
                '--where',
                `Username='${USERNAME}'`,
                '--values',
                'UserPermissionsMarketingUser=true',
                '--target-org',
                org
            ),
            local: false,
            capture: false
        },
        {
            id: 'sample-data',
            title: `Import the sample data (${samplePlan}, dates moved so the history ends today)`,
            command: sf('data', 'tree', 'import', '--plan', SHIFTED_PLAN, '--target-org', org),
            local: false,
            capture: false
        }
    ];
}
