/**
 * npm run org:create: the scratch definition and the plan (Dev Hub check, create, deploy, Lead Status values, conversion mapping,
 * permission sets with the bypass the sample import needs, Marketing User, shifted sample data).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main, parseOrgCreateArgs, REPO_ROOT, SCRATCH_DEFINITION } from './org-create';
import { deployFixture, recordingRunner, sfJson } from './testProject';

describe('scratch org definition', () => {
    it('is a Developer org with Marketing User (the sample campaigns) and no Salesforce sample data', () => {
        const def = JSON.parse(readFileSync(join(REPO_ROOT, SCRATCH_DEFINITION), 'utf8'));
        assert.equal(def.edition, 'Developer');
        assert.ok(def.features.includes('MarketingUser'));
        assert.equal(def.hasSampleData, false);
        assert.equal(def.settings.leadConvertSettings.opportunityCreationOptions, 'VisibleOptional');
    });
});

describe('npm run org:create', () => {
    it('checks the default Dev Hub, creates, deploys, installs statuses and the conversion mapping, assigns, ticks Marketing User, imports', () => {
        const root = deployFixture();
        const runner = recordingRunner([
            {
                startsWith: 'sf config get target-dev-hub',
                result: sfJson({ status: 0, result: [{ name: 'target-dev-hub', value: 'devhub', success: true }] })
            },
            {
                startsWith: 'sf org create scratch',
                result: sfJson({ status: 0, result: { username: 'test-abc@example.com', orgId: '00D' } })
            }
        ]);
        const out: string[] = [];
        const code = main(['--alias', 'lg-ci', '--duration-days', '1'], {
            root,
            runner,
            log: (l) => out.push(l),
            now: () => new Date('2026-06-01T00:00:00Z')
        });
        assert.equal(code, 0, out.join('\n'));
        assert.deepEqual(
            runner.calls.map((c) => `${c.command.program} ${c.command.args.join(' ')}`),
            [
                'sf config get target-dev-hub --json',
                'npm run generate:check',
                'npm run build',
                'npm run verify:metadata',
                'sf org create scratch --definition-file config/project-scratch-def.json --alias lg-ci --duration-days 1 --wait 30 --json',
                'sf project deploy start --source-dir force-app --target-org lg-ci --wait 60',
                'sf project deploy start --metadata-dir optional/lead-status --target-org lg-ci --wait 30',
                'sf project deploy start --metadata-dir optional/lead-convert --target-org lg-ci --wait 30',
                'sf org assign permset --name LeadGate_Integration --target-org lg-ci',
                "sf data update record --sobject User --where Username='test-abc@example.com' --values UserPermissionsMarketingUser=true --target-org lg-ci",
                `sf data tree import --plan ${join(root, 'build', 'sample-data', 'sample-plan.json')} --target-org lg-ci`
            ]
        );
        assert.match(out.join('\n'), /sf org delete scratch --target-org lg-ci --no-prompt/);
    });

    it('stops with the Dev Hub login command when none is set', () => {
        const runner = recordingRunner([
            { startsWith: 'sf config get', result: sfJson({ status: 0, result: [{ name: 'target-dev-hub', success: true }] }) }
        ]);
        const out: string[] = [];
        assert.equal(main([], { root: deployFixture(), runner, log: (l) => out.push(l), now: () => new Date() }), 1);
        assert.match(out.join('\n'), /No Dev Hub is set.*sf org login web --set-default-dev-hub --alias devhub/s);
        assert.equal(runner.calls.length, 1);
    });

    it('checks a named Dev Hub’s login instead, and validates flags', () => {
        const runner = recordingRunner([
            {
                startsWith: 'sf org display',
                result: {
                    status: 2,
                    stdout: JSON.stringify({ name: 'NamedOrgNotFoundError', message: 'No authorization information found for hub.' }),
                    stderr: ''
                }
            }
        ]);
        const out: string[] = [];
        assert.equal(
            main(['--target-dev-hub', 'hub'], { root: deployFixture(), runner, log: (l) => out.push(l), now: () => new Date() }),
            1
        );
        assert.match(out.join('\n'), /No org is logged in under the alias "hub"/);
        assert.ok('error' in parseOrgCreateArgs(['--duration-days', '45']));
        assert.ok('error' in parseOrgCreateArgs(['--alais', 'x']));
    });
});
