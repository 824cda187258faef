/**
 * npm run deploy -- --target-org <alias> [--dry-run] [--production] [--tests A,B] [--permsets SDR,Manager]
 *                   [--assign-to user@example.com] [--with-sample-data] [--install-lead-statuses]
 *                   [--install-convert-mapping] [--wait <minutes>]
 *
 * Reads the project (locally), plans (plan.ts), prints the plan, and runs it (execute.ts). `--dry-run` runs
 * only the local checks and never calls `sf`: no network. Errors an admin can fix are printed as one
 * message with the command to type, never as a stack trace.
 */
import { dirname, join } from 'node:path';
import { executePlan, type ExecuteDeps } from './execute';
import { DEPLOY_USAGE, formatPlan, parseDeployArgs, planDeploy } from './plan';
import { readProjectFacts } from './project';
import { processRunner, type Runner } from './sf';

export const REPO_ROOT = join(dirname(__filename), '..', '..', '..');

export interface MainDeps {
    root: string;
    runner: Runner;
    log: (line: string) => void;
    now: () => Date;
}

export function main(argv: string[], deps: MainDeps): number {
    const { log } = deps;
    const parsed = parseDeployArgs(argv);
    if ('help' in parsed) {
        log(DEPLOY_USAGE);
        return 0;
    }
    if ('error' in parsed) {
        log(parsed.error);
        return 2;
    }
    let facts;
    try {
        facts = readProjectFacts(deps.root);
    } catch (e) {
        log(
            `Stopped: force-app cannot be read as the CLI would deploy it: ${e instanceof Error ? e.message : String(e)}\nRun npm run verify:metadata for details.`
        );
        return 1;
    }
    const plan = planDeploy(parsed.options, facts);
    if ('error' in plan) {
        log(`Stopped: ${plan.error}`);
        return 1;
    }
    log(formatPlan(plan));
    const execDeps: ExecuteDeps = { runner: deps.runner, log, root: deps.root, now: deps.now };
    return executePlan(plan, execDeps);
}

if (require.main === module) {
    const code = main(process.argv.slice(2), {
        root: REPO_ROOT,
        runner: processRunner(REPO_ROOT),
        log: (l) => console.log(l),
        now: () => new Date()
    });
    process.exit(code);
}
