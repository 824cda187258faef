/**
 * npm run deploy end to end without an org: the CLI's main() on a fixture project with a recording runner,
 * a dry run under a guard that fails any network attempt, the executor's handling of the CLI's answers,
 * and the real sf CLI answering a bogus alias (it does so offline).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import dns from 'node:dns';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { main, REPO_ROOT } from './deploy';
import { summarizeDeployFailure } from './execute';
import { interpretOrgDisplay, SF_ENV } from './sf';
import { ANCHOR, deployFixture, recordingRunner, sfJson } from './testProject';

const NOW = new Date('2026-06-01T09:00:00.000Z');

function run(argv: string[], runner = recordingRunner(), root = deployFixture()) {
    const out: string[] = [];
    const code = main(argv, { root, runner, log: (l) => out.push(l), now: () => NOW });
    return { code, out: out.join('\n'), runner, root };
}

const LOGGED_IN = {
    startsWith: 'sf org display',
    result: sfJson({
        status: 0,
        result: { username: 'admin@uat.example', instanceUrl: 'https://uat.example', connectedStatus: 'Connected' }
    })
};
const VALIDATED = {
    startsWith: 'sf project deploy validate',
    result: sfJson({ status: 0, result: { id: '0AfUAT000000001', status: 'Succeeded' } })
};

describe('deploy --dry-run makes no network call and never runs sf', () => {
    const attempts: string[] = [];
    const restore: Array<() => void> = [];
    before(() => {
        const block = <T extends object>(target: T, key: keyof T, label: string) => {
            const original = target[key];
            (target as Record<keyof T, unknown>)[key] = (...args: unknown[]) => {
                attempts.push(`${label} ${JSON.stringify(args[0] ?? '').slice(0, 80)}`);
                throw new Error(`network attempt blocked in a dry run: ${label}`);
            };
            restore.push(() => {
                (target as Record<keyof T, unknown>)[key] = original;
            });
        };
        block(net.Socket.prototype, 'connect', 'net.connect');
        block(tls, 'connect', 'tls.connect');
        block(dns, 'lookup', 'dns.lookup');
        block(http, 'request', 'http.request');
        block(https, 'request', 'https.request');
        block(globalThis, 'fetch', 'fetch');
    });
    after(() => restore.forEach((r) => r()));

    it('prints the plan, runs only the local npm checks, and sends nothing', () => {
        const { code, out, runner } = run([
            '--dry-run',
            '--target-org',
            'uat',
            '--permsets',
            'SDR',
            '--with-sample-data',
            '--install-lead-statuses',
            '--install-convert-mapping'
        ]);
        assert.equal(code, 0, out);
        assert.deepEqual(attempts, []);
        assert.deepEqual(
            runner.calls.map((c) => `${c.command.program} ${c.command.args.join(' ')}`),
            ['npm run generate:check', 'npm run build', 'npm run verify:metadata']
        );
        assert.match(out, /DRY RUN: nothing is sent to any org/);
        assert.match(out, /ApexClass\s+2\s+LeadGateDashboardController, LeadGateDashboardController_Tests/);
        assert.match(out, /PermissionSet\s+2\s+LeadGate_Integration, LeadGate_SDR/);
        assert.match(out, /Tests: RunSpecifiedTests - LeadGateDashboardController_Tests/);
        assert.match(out, /sf project deploy validate --source-dir force-app --target-org uat/);
        assert.match(out, /sf project deploy start --metadata-dir optional\/lead-convert --target-org uat --wait 60/);
        assert.match(out, /Lead conversion mapping: installed \(opt-in\)/);
        assert.match(out, /Dry run complete: the local checks passed and no command was sent to any org/);
    });

    it('stops before building when the generated metadata is stale (a definition edited without npm run generate)', () => {
        const stale = recordingRunner([{ startsWith: 'npm run generate:check', result: { status: 1, stdout: '', stderr: 'stale' } }]);
        const { code, out, runner } = run(['--dry-run', '--target-org', 'uat'], stale);
        assert.notEqual(code, 0);
        assert.deepEqual(
            runner.calls.map((c) => `${c.command.program} ${c.command.args.join(' ')}`),
            ['npm run generate:check']
        );
        assert.match(
            out,
            /Stopped: "Check that the generated metadata matches the SQL definition" failed \(exit 1\)\. Fix what it reports/
        );
        assert.doesNotMatch(out, /Dry run complete/);
    });

    it('works without an org name (plans for <alias>)', () => {
        const { code, out, runner } = run(['--dry-run']);
        assert.equal(code, 0, out);
        assert.ok(runner.calls.every((c) => c.command.program === 'npm'));
        assert.match(out, /sf org display --target-org '<alias>' --json/);
    });

    it('the guard itself works: a socket attempt is caught', () => {
        assert.throws(() => net.connect(443, 'example.invalid'), /network attempt blocked/);
        attempts.length = 0;
    });
});

describe('deploy against an org (the CLI answers simulated)', () => {
    it('checks the login first, builds, validates, quick-deploys the validated id, assigns, imports shifted sample data', () => {
        const runner = recordingRunner([LOGGED_IN, VALIDATED]);
        const { code, out, root } = run(
            ['--target-org', 'uat', '--permsets', 'SDR', '--with-sample-data', '--install-lead-statuses', '--install-convert-mapping'],
            runner
        );
        assert.equal(code, 0, out);
        const issued = runner.calls.map((c) => `${c.command.program} ${c.command.args.join(' ')}`);
        const shifted = join(root, 'build', 'sample-data', 'sample-plan.json');
        assert.deepEqual(issued, [
            'sf org display --target-org uat --json',
            'npm run generate:check',
            'npm run build',
            'npm run verify:metadata',
            'sf project deploy validate --source-dir force-app --target-org uat --test-level RunSpecifiedTests --tests LeadGateDashboardController_Tests --wait 60 --json',
            'sf project deploy quick --job-id 0AfUAT000000001 --target-org uat --wait 60',
            'sf project deploy start --metadata-dir optional/lead-status --target-org uat --wait 60',
            'sf project deploy start --metadata-dir optional/lead-convert --target-org uat --wait 60',
            'sf org assign permset --name LeadGate_SDR --name LeadGate_Integration --target-org uat',
            "sf data update record --sobject User --where Username='admin@uat.example' --values UserPermissionsMarketingUser=true --target-org uat",
            `sf data tree import --plan ${shifted} --target-org uat`
        ]);
        assert.match(out, /LeadGate is deployed\. Next:/);
        // The import reads a copy moved by (now - anchor): the history ends today, data/ is untouched.
        const offset = NOW.getTime() - Date.parse(ANCHOR);
        const lead = JSON.parse(readFileSync(join(root, 'build', 'sample-data', 'Lead.json'), 'utf8')).records[0];
        assert.equal(lead.MQL_At__c, new Date(Date.parse('2026-03-02T14:55:00.000Z') + offset).toISOString());
        assert.equal(lead.ConvertedDate, '2026-05-30', 'a date moves by the offset rounded to whole days (90.75 -> 91)');
        assert.equal(lead.NumberOfEmployees, 500);
        assert.deepEqual(lead.attributes, { type: 'Lead', referenceId: 'LeadRef1' });
        assert.equal(JSON.parse(readFileSync(join(root, 'data', 'Lead.json'), 'utf8')).records[0].MQL_At__c, '2026-03-02T14:55:00.000Z');
    });

    it('falls back to a full deploy when quick deploy is refused', () => {
        const runner = recordingRunner([
            LOGGED_IN,
            VALIDATED,
            { startsWith: 'sf project deploy quick', result: { status: 1, stderr: 'not eligible' } }
        ]);
        const { code, out } = run(['--target-org', 'uat'], runner);
        assert.equal(code, 0, out);
        assert.match(out, /quick deploy was not accepted/);
        assert.equal(
            runner.calls.at(-1)!.command.args.join(' '),
            'project deploy start --source-dir force-app --target-org uat --test-level RunSpecifiedTests --tests LeadGateDashboardController_Tests --wait 60'
        );
    });

    it('stops after a failed validation, deploying nothing, and lists component errors and failed tests', () => {
        const failure = sfJson({
            status: 1,
            name: 'FailedValidationError',
            message: 'Failed to validate the deployment.',
            result: {
                details: {
                    componentFailures: {
                        fileName: 'force-app/main/default/classes/LeadGateDashboardController.cls',
                        lineNumber: 12,
                        problem: 'Variable does not exist: x'
                    },
                    runTestResult: {
                        failures: [
                            { name: 'LeadGateDashboardController_Tests', methodName: 'countsByRep', message: 'Assertion Failed: 3 != 4' }
                        ]
                    }
                }
            }
        });
        const runner = recordingRunner([LOGGED_IN, { startsWith: 'sf project deploy validate', result: { ...failure, status: 1 } }]);
        const { code, out } = run(['--target-org', 'uat', '--permsets', 'SDR'], runner);
        assert.equal(code, 1);
        assert.match(out, /Stopped: the validation failed; nothing was deployed\./);
        assert.match(out, /LeadGateDashboardController\.cls:12 {2}Variable does not exist: x/);
        assert.match(out, /test LeadGateDashboardController_Tests\.countsByRep: Assertion Failed: 3 != 4/);
        assert.ok(!runner.calls.some((c) => c.command.args.includes('quick') || c.command.args.includes('assign')));
    });

    it('stops before building when the alias is not logged in, naming sf org login web', () => {
        const runner = recordingRunner([
            {
                startsWith: 'sf org display',
                result: {
                    status: 2,
                    stdout: JSON.stringify({
                        name: 'NamedOrgNotFoundError',
                        message: 'Parsing --target-org \n\tNo authorization information found for uat.',
                        status: 2
                    })
                }
            }
        ]);
        const { code, out } = run(['--target-org', 'uat'], runner);
        assert.equal(code, 1);
        assert.match(out, /Stopped: No org is logged in under the alias "uat"\. Log in first:\n {4}sf org login web --alias uat/);
        assert.equal(runner.calls.length, 1);
    });

    it('refuses to run without --target-org, before any command', () => {
        const { code, out, runner } = run([]);
        assert.equal(code, 1);
        assert.match(out, /Name the org to deploy to: npm run deploy -- --target-org <alias>/);
        assert.equal(runner.calls.length, 0);
    });
});

describe('reading the CLI’s answers', () => {
    it('maps expired logins and a missing CLI to commands, not stack traces', () => {
        const expired = interpretOrgDisplay('uat', {
            status: 1,
            stdout: JSON.stringify({ name: 'RefreshTokenAuthError', message: 'expired access/refresh token' }),
            stderr: ''
        });
        assert.ok('problem' in expired && /has expired or was revoked.*sf org login web --alias uat/s.test(expired.problem));
        const missing = interpretOrgDisplay('uat', { status: 127, stdout: '', stderr: 'sf: spawnSync sf ENOENT' });
        assert.ok('problem' in missing && /npm run setup/.test(missing.problem));
        const known = interpretOrgDisplay('uat', LOGGED_IN.result);
        assert.ok('org' in known && known.org.username === 'admin@uat.example');
    });

    it('summarizes a failure without details by its message', () => {
        assert.deepEqual(summarizeDeployFailure({ name: 'DeployFailed', message: 'Something broke\nmore' }), [
            '  DeployFailed: Something broke'
        ]);
        assert.deepEqual(summarizeDeployFailure(null, 'spawn error\nstack'), ['spawn error']);
    });
});

describe('the real sf CLI, offline', () => {
    it('npm run deploy with a bogus alias fails with the login command and no stack trace', () => {
        const alias = `leadgate-bogus-${process.pid}`;
        const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'deploy.ts'), '--target-org', alias], {
            cwd: REPO_ROOT,
            encoding: 'utf8',
            env: { ...process.env, ...SF_ENV }
        });
        const output = `${r.stdout}${r.stderr}`;
        assert.equal(r.status, 1, output);
        assert.match(
            output,
            new RegExp(`No org is logged in under the alias "${alias}"\\. Log in first:\\n {4}sf org login web --alias ${alias}`)
        );
        assert.doesNotMatch(output, /^\s+at .+\(.+:\d+:\d+\)$/m, 'no stack trace');
        assert.doesNotMatch(output, /^> Build/m, 'nothing was built before the login check failed');
        assert.ok(!existsSync(join(REPO_ROOT, '.sf', 'orgs', alias)));
    });
});
