/**
 * Runs a deploy plan (plan.ts) step by step through an injected Runner, so tests can watch every command
 * without an org. A dry run executes only the local steps (build, metadata gate) and never calls `sf`.
 */
import { join } from 'node:path';
import { SHIFTED_PLAN, USERNAME, VALIDATION_ID, type PlanStep, type RunnablePlan } from './plan';
import { commandLine, interpretDevHubConfig, interpretOrgDisplay, parseSfJson, type Command, type Runner, type SfJson } from './sf';
import { writeShiftedSamplePlan } from './sampleData';

export interface ExecuteDeps {
    runner: Runner;
    log: (line: string) => void;
    root: string;
    now: () => Date;
}

/** The alias a command targets (`--target-org <alias>`). */
const targetOf = (c: Command): string | undefined => c.args[c.args.indexOf('--target-org') + 1];

const asArray = <T>(v: T | T[] | undefined | null): T[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Readable lines from a failed deploy/validate JSON answer: component errors with file and line, failed tests, coverage. */
export function summarizeDeployFailure(json: SfJson | null, stderr = ''): string[] {
    if (!json) return [stderr.trim().split('\n')[0] || 'The CLI gave no answer.'];
    const out: string[] = [];
    const result = (json.result ?? {}) as Record<string, unknown>;
    const details = (result.details ?? (json as Record<string, unknown>).data ?? {}) as Record<string, unknown>;
    for (const f of asArray(details.componentFailures as Array<Record<string, unknown>>)) {
        const where = f.fileName ? `${f.fileName}${f.lineNumber ? `:${f.lineNumber}` : ''}` : `${f.componentType}:${f.fullName}`;
        out.push(`  ${where}  ${f.problem ?? f.problemType ?? 'failed'}`);
    }
    const tests = (details.runTestResult ?? {}) as Record<string, unknown>;
    for (const f of asArray(tests.failures as Array<Record<string, unknown>>)) {
        out.push(`  test ${f.name}.${f.methodName}: ${String(f.message ?? '').split('\n')[0]}`);
    }
    for (const w of asArray(tests.codeCoverageWarnings as Array<Record<string, unknown>>))
        out.push(`  coverage: ${w.name ? `${w.name}: ` : ''}${w.message}`);
    if (!out.length) out.push(`  ${json.name ? `${json.name}: ` : ''}${(json.message ?? 'failed').split('\n')[0]}`);
    return out;
}

/** Runs the plan; returns the process exit code. */
export function executePlan(plan: RunnablePlan, deps: ExecuteDeps): number {
    const { runner, log } = deps;
    const values = new Map<string, string>();
    const fill = (c: Command): Command => ({ ...c, args: c.args.map((a) => [...values].reduce((s, [k, v]) => s.split(k).join(v), a)) });
    const run = (step: PlanStep, command: Command, capture = step.capture) => {
        log(`\n> ${step.title}\n  ${commandLine(command)}`);
        return runner(command, { capture });
    };

    for (const step of plan.steps) {
        if (plan.dryRun && !step.local) continue;
        if (step.id === 'sample-data') {
            const dir = join(deps.root, 'build', 'sample-data');
            const shifted = writeShiftedSamplePlan(deps.root, 'data/sample-plan.json', dir, deps.now());
            values.set(SHIFTED_PLAN, shifted.plan);
            log(
                `\n  (${shifted.records} sample records moved so the history ends ${deps.now().toISOString().slice(0, 10)}: ${shifted.plan})`
            );
        }
        const command = fill(step.command);
        const r = run(step, command);
        if (step.id === 'check-dev-hub') {
            const problem = interpretDevHubConfig(r);
            if (problem) {
                log(`\nStopped: ${problem}`);
                return 1;
            }
            continue;
        }
        if (step.id === 'create-scratch') {
            const json = parseSfJson(r.stdout);
            if (r.status !== 0) {
                log('\nStopped: the scratch org was not created.');
                for (const line of summarizeDeployFailure(json, r.stderr)) log(line);
                return 1;
            }
            const username = (json?.result as { username?: string } | undefined)?.username;
            if (username) values.set(USERNAME, username);
            log(`  created${username ? `: ${username}` : ''}`);
            continue;
        }
        if (step.id === 'check-login') {
            const alias = targetOf(step.command) ?? plan.org;
            const answer = interpretOrgDisplay(alias, r);
            if ('problem' in answer) {
                log(`\nStopped: ${answer.problem}`);
                return 1;
            }
            values.set(USERNAME, answer.org.username);
            log(`  logged in as ${answer.org.username} (${answer.org.instanceUrl})`);
            continue;
        }
        if (step.id === 'validate') {
            const json = parseSfJson(r.stdout);
            if (r.status !== 0) {
                log('\nStopped: the validation failed; nothing was deployed.');
                for (const line of summarizeDeployFailure(json, r.stderr)) log(line);
                return 1;
            }
            const id = (json?.result as { id?: string } | undefined)?.id;
            if (id) values.set(VALIDATION_ID, id);
            log(`  validated${id ? `: ${id}` : ''}`);
            continue;
        }
        if (r.status !== 0 && step.fallback) {
            log(`  quick deploy was not accepted (exit ${r.status}); deploying in full instead (the tests run again)`);
            const again = run(step, fill(step.fallback), false);
            if (again.status !== 0) {
                log(`\nStopped: "${step.title}" failed (exit ${again.status}).`);
                return 1;
            }
            continue;
        }
        if (r.status !== 0) {
            log(`\nStopped: "${step.title}" failed (exit ${r.status}).${step.local ? ' Fix what it reports and run again.' : ''}`);
            return 1;
        }
    }
    if (plan.dryRun) {
        log('\nDry run complete: the local checks passed and no command was sent to any org.');
        return 0;
    }
    log('\nLeadGate is deployed. Next:');
    for (const n of plan.nextSteps) log(`  - ${n}`);
    return 0;
}
