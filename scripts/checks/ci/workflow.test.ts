/**
 * The GitHub workflow is valid YAML, runs the same npm scripts a developer runs (and only scripts that exist),
 * and gates the scratch-org job on its secret the way GitHub allows (env + step conditions, not job `if`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const WORKFLOW = join(ROOT, '.github', 'workflows', 'ci.yml');

interface Step {
    name?: string;
    uses?: string;
    run?: string;
    if?: string;
    with?: Record<string, unknown>;
}
interface Job {
    'runs-on': string;
    needs?: string;
    if?: string;
    env?: Record<string, string>;
    steps: Step[];
}

const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Each shell command of a run step (split on newlines, `&&`, `;`). */
export function commandsOf(run: string): string[] {
    return run
        .split(/\n|&&|;/)
        .map((c) => c.trim())
        .filter((c) => c && !c.startsWith('#'));
}

/** The npm script a command runs, or null when it is not an npm script call. */
export function npmScriptOf(command: string): string | null {
    if (/^npm (test|t)(\s|$)/.test(command)) return 'test';
    const m = /^npm run(?:-script)? ([\w:.-]+)(\s|$)/.exec(command);
    return m ? m[1]! : null;
}

describe('.github/workflows/ci.yml', () => {
    const doc = parseDocument(readFileSync(WORKFLOW, 'utf8'));
    const workflow = doc.toJS() as { on: unknown; env: Record<string, string>; jobs: Record<string, Job> };

    it('is valid YAML with an offline job and a scratch-org job', () => {
        assert.deepEqual(doc.errors, []);
        assert.deepEqual(Object.keys(workflow.jobs), ['offline', 'scratch-org']);
        assert.equal(workflow.jobs['scratch-org']!.needs, 'offline');
    });

    it('calls only npm scripts that exist in package.json in its run steps', () => {
        const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.filter((s) => s.run).map((s) => s.run!));
        assert.ok(runs.length >= 6);
        for (const command of runs.flatMap(commandsOf)) {
            const script = npmScriptOf(command);
            assert.ok(script, `not an npm script call: ${command}`);
            assert.ok(scripts.includes(script), `npm script "${script}" does not exist in package.json (${command})`);
        }
        assert.equal(npmScriptOf('npx sf org list'), null, 'the checker itself refuses a non-npm command');
        assert.equal(npmScriptOf('npm run org:create -- --alias x'), 'org:create');
    });

    it('offline: npm run setup, then npm test, as a developer runs them', () => {
        const runs = workflow.jobs.offline!.steps.filter((s) => s.run).map((s) => s.run!.trim());
        assert.deepEqual(runs, ['npm run setup', 'npm test']);
    });

    it('scratch-org: gated by the secret through a job env variable and step conditions, never a job-level if on secrets', () => {
        const job = workflow.jobs['scratch-org']!;
        assert.equal(job.if, undefined);
        assert.equal(job.env?.SFDX_AUTH_URL, '${{ secrets.SFDX_AUTH_URL }}');
        for (const step of job.steps) {
            assert.match(step.if ?? '', /env\.SFDX_AUTH_URL != ''/, `step "${step.name ?? step.uses}" must check the secret`);
            assert.doesNotMatch(step.if ?? '', /secrets\./, 'secrets cannot be read in if');
        }
        for (const j of Object.values(workflow.jobs)) assert.doesNotMatch(j.if ?? '', /secrets\./);
    });

    // Issue 14: the job re-proves qualification parity (org:verify) before the full Apex test run.
    it('scratch-org: logs in, creates the org, re-proves parity, runs the Apex tests, and always deletes the org', () => {
        const steps = workflow.jobs['scratch-org']!.steps.filter((s) => s.run);
        assert.deepEqual(
            steps.map((s) => npmScriptOf(commandsOf(s.run!)[0]!)),
            ['setup', 'org:login', 'org:create', 'org:verify', 'org:test', 'org:delete']
        );
        assert.match(steps.at(-1)!.if!, /always\(\)/);
    });

    it('turns sf telemetry and update checks off for every job, and pins every action to a major version', () => {
        assert.equal(workflow.env.SF_DISABLE_TELEMETRY, 'true');
        assert.equal(workflow.env.SF_SKIP_NEW_VERSION_CHECK, 'true');
        for (const step of Object.values(workflow.jobs).flatMap((j) => j.steps)) {
            if (step.uses) assert.match(step.uses, /^[\w-]+\/[\w-]+@v\d+$/);
        }
    });
});
