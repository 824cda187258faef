/**
 * npm run org:create [-- --alias leadgate] [--target-dev-hub <alias>] [--duration-days 7] [--no-sample-data] [--dry-run]
 *
 * A scratch org with LeadGate in it, ready to click through: create it from config/project-scratch-def.json,
 * deploy force-app, install the Lead Status values (a new scratch org has no leads to lose) and the lead-conversion
 * field mapping (nor a mapping to lose), give the scratch
 * admin LeadGate_Admin and LeadGate_Integration (the bypass the sample history's import needs), tick
 * Marketing User (sample campaigns), import the sample data moved to today, and say how to open it.
 * Same executor and `sf` environment as `npm run deploy`; `--dry-run` runs the local checks only.
 */
import { dirname, join } from 'node:path';
import { executePlan } from './execute';
import { formatPlan, localChecks, sampleDataSteps, type DeployPlan, type PlanStep, type ProjectFacts } from './plan';
import { readProjectFacts } from './project';
import { processRunner, sf, type Runner } from './sf';

export const REPO_ROOT = join(dirname(__filename), '..', '..', '..');
export const SCRATCH_DEFINITION = 'config/project-scratch-def.json';

export interface OrgCreateOptions {
    alias: string;
    devHub?: string;
    durationDays: number;
    sampleData: boolean;
    dryRun: boolean;
}

export const ORG_CREATE_USAGE =
    'Usage: npm run org:create -- [--alias leadgate] [--target-dev-hub <alias>] [--duration-days 7] [--no-sample-data] [--dry-run]';

export function parseOrgCreateArgs(argv: string[]): { options: OrgCreateOptions } | { error: string } | { help: true } {
    const options: OrgCreateOptions = { alias: 'leadgate', durationDays: 7, sampleData: true, dryRun: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]!;
        if (a === '--help' || a === '-h') return { help: true };
        if (a === '--dry-run') options.dryRun = true;
        else if (a === '--no-sample-data') options.sampleData = false;
        else if (a === '--alias' || a === '-a' || a === '--target-dev-hub' || a === '-v' || a === '--duration-days') {
            const v = argv[++i];
            if (!v || v.startsWith('--')) return { error: `${a} needs a value.\n${ORG_CREATE_USAGE}` };
            if (a === '--duration-days') {
                options.durationDays = Number(v);
                if (!Number.isInteger(options.durationDays) || options.durationDays < 1 || options.durationDays > 30) {
                    return { error: '--duration-days is a whole number of days from 1 to 30' };
                }
            } else if (a === '--target-dev-hub' || a === '-v') options.devHub = v;
            else options.alias = v;
        } else return { error: `Unknown option "${a}".\n${ORG_CREATE_USAGE}` };
    }
    return { options };
}

/** The scratch org plan, as a deploy plan (same printer, same executor). */
export function planOrgCreate(options: OrgCreateOptions, facts: ProjectFacts): DeployPlan {
    const org = options.alias;
    const hub = options.devHub ? ['--target-dev-hub', options.devHub] : [];
    const permsets = ['LeadGate_Admin', ...(options.sampleData ? ['LeadGate_Integration'] : [])].filter((p) =>
        facts.permissionSets.includes(p)
    );
    const steps: PlanStep[] = [
        options.devHub
            ? {
                  id: 'check-login',
                  title: `Check the login for the Dev Hub ${options.devHub}`,
                  command: sf('org', 'display', '--target-org', options.devHub, '--json'),
                  local: false,
                  capture: true
              }
            : {
                  id: 'check-dev-hub',
                  title: 'Check that a default Dev Hub is set',
                  command: sf('config', 'get', 'target-dev-hub', '--json'),
                  local: false,
                  capture: true
              },
        ...localChecks(),
        {
            id: 'create-scratch',
            title: `Create the scratch org ${org} (${options.durationDays} days) from ${SCRATCH_DEFINITION}`,
            command: sf(
                'org',
                'create',
                'scratch',
                '--definition-file',
                SCRATCH_DEFINITION,
                '--alias',
                org,
                '--duration-days',
                String(options.durationDays),
                ...hub,
                '--wait',
                '30',
                '--json'
            ),
            local: false,
            capture: true
        },
        {
            id: 'deploy',
            title: 'Deploy LeadGate',
            command: sf('project', 'deploy', 'start', '--source-dir', facts.sourceDir, '--target-org', org, '--wait', '60'),
            local: false,
            capture: false
        }
    ];
    if (facts.leadStatusDir) {
        steps.push({
            id: 'lead-statuses',
            title: 'Install the Lead Status values of the definition (a new scratch org has no leads to lose)',
            command: sf('project', 'deploy', 'start', '--metadata-dir', facts.leadStatusDir, '--target-org', org, '--wait', '30'),
            local: false,
            capture: false
        });
    }
    if (facts.leadConvertDir) {
        steps.push({
            id: 'convert-mapping',
            title: 'Install the lead-conversion field mapping of the definition (a new scratch org has no mapping to lose)',
            command: sf('project', 'deploy', 'start', '--metadata-dir', facts.leadConvertDir, '--target-org', org, '--wait', '30'),
            local: false,
            capture: false
        });
    }
    if (permsets.length) {
        steps.push({
            id: 'permission-sets',
            title: `Assign ${permsets.join(', ')} to the scratch org admin`,
            command: sf('org', 'assign', 'permset', ...permsets.flatMap((p) => ['--name', p]), '--target-org', org),
            local: false,
            capture: false
        });
    }
    if (options.sampleData && facts.samplePlan) steps.push(...sampleDataSteps(org, facts.samplePlan, 'the scratch org admin'));
    const nextSteps = [
        `Open it: sf org open --target-org ${org} --path lightning/o/Lead/list`,
        ...(facts.recordPage
            ? [
                  `Activate the LeadGate Lead record page: sf org open --target-org ${org} --source-file ${facts.recordPage}, then Activation > Org Default.`
              ]
            : []),
        ...(facts.opportunityPage
            ? [
                  `Optional: activate the LeadGate Opportunity record page: sf org open --target-org ${org} --source-file ${facts.opportunityPage}, then Activation > Org Default.`
              ]
            : []),
        `Run the Apex tests: sf apex run test --target-org ${org} --test-level RunLocalTests --code-coverage --result-format human --wait 30`,
        `Delete it when done: sf org delete scratch --target-org ${org} --no-prompt`
    ];
    return {
        options: {
            targetOrg: org,
            dryRun: options.dryRun,
            production: false,
            permsets,
            assignTo: [],
            withSampleData: options.sampleData,
            installLeadStatuses: Boolean(facts.leadStatusDir),
            installConvertMapping: Boolean(facts.leadConvertDir),
            waitMinutes: 60
        },
        org,
        dryRun: options.dryRun,
        testLevel: 'NoTestRun',
        tests: [],
        permsets,
        components: facts.components,
        steps,
        warnings: [],
        nextSteps
    };
}

export function main(argv: string[], deps: { root: string; runner: Runner; log: (l: string) => void; now: () => Date }): number {
    const parsed = parseOrgCreateArgs(argv);
    if ('help' in parsed) {
        deps.log(ORG_CREATE_USAGE);
        return 0;
    }
    if ('error' in parsed) {
        deps.log(parsed.error);
        return 2;
    }
    let facts: ProjectFacts;
    try {
        facts = readProjectFacts(deps.root);
    } catch (e) {
        deps.log(`Stopped: force-app cannot be read as the CLI would deploy it: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
    }
    const plan = planOrgCreate(parsed.options, facts);
    deps.log(formatPlan(plan).replace('LeadGate deploy plan', 'LeadGate scratch org plan'));
    return executePlan(plan, deps);
}

if (require.main === module) {
    process.exit(
        main(process.argv.slice(2), {
            root: REPO_ROOT,
            runner: processRunner(REPO_ROOT),
            log: (l) => console.log(l),
            now: () => new Date()
        })
    );
}
