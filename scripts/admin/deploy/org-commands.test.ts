/**
 * The org commands CI and admins share: the exact sf calls, and the auth URL handed over through a private
 * temp file that is removed afterwards.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { authUrlFromEnv, orgCommand, parityTestClasses } from './org-commands';
import { readProjectFacts } from './project';
import { commandLine } from './sf';

const line = (c: ReturnType<typeof orgCommand>): string =>
    'error' in c ? `error: ${c.error}` : 'help' in c ? `help: ${c.help}` : commandLine(c);

describe('org commands', () => {
    it('build the sf calls', () => {
        assert.equal(
            line(orgCommand('login', ['--sfdx-url-file', 'a.txt', '--alias', 'devhub', '--dev-hub'])),
            'sf org login sfdx-url --sfdx-url-file a.txt --alias devhub --set-default-dev-hub'
        );
        assert.equal(
            line(orgCommand('test', ['--target-org', 'ci'])),
            'sf apex run test --target-org ci --test-level RunLocalTests --code-coverage --result-format human --wait 30'
        );
        assert.equal(
            line(orgCommand('test', ['--target-org', 'ci', '--tests', 'A_Tests,B_Tests'])),
            'sf apex run test --target-org ci --test-level RunSpecifiedTests --class-names A_Tests --class-names B_Tests --code-coverage --result-format human --wait 30'
        );
        assert.equal(line(orgCommand('delete', ['--target-org', 'ci'])), 'sf org delete scratch --target-org ci --no-prompt');
    });

    it("org:verify runs the project's parity classes (the shared case tables in the org), this project's included", () => {
        const parity = parityTestClasses(readProjectFacts(join(__dirname, '..', '..', '..')).testClasses);
        assert.ok(parity.includes('LeadGateQualificationParity_Tests'), parity.join(', '));
        assert.deepEqual(parityTestClasses(['A_Tests', 'LeadGateQualificationParity_Tests', 'B_Tests']), [
            'LeadGateQualificationParity_Tests'
        ]);
        assert.equal(
            line(orgCommand('verify', ['--target-org', 'ci'], ['LeadGateQualificationParity_Tests', 'LeadSignalParity_Tests'])),
            'sf apex run test --target-org ci --test-level RunSpecifiedTests --class-names LeadGateQualificationParity_Tests --class-names LeadSignalParity_Tests --result-format human --wait 30'
        );
        assert.match(line(orgCommand('verify', ['--target-org', 'ci'], [])), /^error: This project has no \*Parity_Tests Apex class/);
        assert.match(line(orgCommand('verify', [])), /^error: Name the org\. Usage: npm run org:verify -- --target-org <alias>/);
    });

    it('refuse missing or unknown flags with the usage', () => {
        assert.match(line(orgCommand('delete', [])), /^error: Name the org\. Usage: npm run org:delete -- --target-org <alias>/);
        assert.match(line(orgCommand('login', ['--alias', 'x'])), /^error: Usage: npm run org:login/);
        assert.match(line(orgCommand('test', ['--org', 'x'])), /^error: Unknown option "--org"/);
    });

    it('answer --help with the usage and no sf command, for every kind', () => {
        assert.match(line(orgCommand('login', ['--help'])), /^help: Usage: npm run org:login -- --sfdx-url-file <file> --alias <alias>/);
        assert.match(line(orgCommand('test', ['--target-org', 'ci', '--help'])), /^help: Usage: npm run org:test -- --target-org <alias>/);
        assert.equal(line(orgCommand('delete', ['-h'])), 'help: Usage: npm run org:delete -- --target-org <alias>');
    });

    it('hand the auth URL from an env variable to sf through a 0600 temp file, removed by cleanup', () => {
        const r = authUrlFromEnv(['--sfdx-url-env', 'HUB', '--alias', 'devhub'], {
            HUB: 'force://id:secret:token@example.my.salesforce.com'
        });
        assert.ok(!('error' in r));
        const file = r.args[1]!;
        assert.deepEqual([r.args[0], r.args[2], r.args[3]], ['--sfdx-url-file', '--alias', 'devhub']);
        assert.equal(readFileSync(file, 'utf8'), 'force://id:secret:token@example.my.salesforce.com');
        assert.equal(statSync(file).mode & 0o777, 0o600);
        r.cleanup();
        assert.equal(existsSync(file), false);
        const empty = authUrlFromEnv(['--sfdx-url-env', 'HUB'], {});
        assert.ok('error' in empty && /HUB is empty or unset/.test(empty.error));
    });
});
