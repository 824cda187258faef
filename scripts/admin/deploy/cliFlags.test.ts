/**
 * Every deploy and org script answers --help with its usage and does nothing else (no sf call, no file
 * written), and refuses an unknown option with exit 2, naming it and printing the usage.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main as deploy } from './deploy';
import { main as orgCreate } from './org-create';
import { main as uninstall, OUT_DIR } from './uninstall';
import { deployFixture, recordingRunner } from './testProject';

type Main = (
    argv: string[],
    deps: { root: string; runner: ReturnType<typeof recordingRunner>; log: (l: string) => void; now: () => Date }
) => number;

/** Name, entry point, its usage line, and valid arguments the unknown option is added to. */
const scripts: Array<[string, Main, RegExp, string[]]> = [
    ['npm run deploy', deploy, /^Usage: npm run deploy/m, ['--target-org', 'uat']],
    ['npm run org:create', orgCreate, /^Usage: npm run org:create/m, ['--alias', 'lg']],
    ['npm run org:uninstall', uninstall, /^Usage: npm run org:uninstall/m, ['--target-org', 'uat']]
];

function run(main: Main, argv: string[]): { code: number; out: string; calls: number; root: string } {
    const root = deployFixture();
    const runner = recordingRunner();
    const out: string[] = [];
    const code = main(argv, { root, runner, log: (l) => out.push(l), now: () => new Date() });
    return { code, out: out.join('\n'), calls: runner.calls.length, root };
}

describe('deploy and org scripts on the command line', () => {
    for (const [name, main, usage, valid] of scripts) {
        it(`${name} --help prints the usage, exits 0, calls no sf command and writes nothing`, () => {
            for (const argv of [['--help'], ['-h'], [...valid, '--help']]) {
                const { code, out, calls, root } = run(main, argv);
                assert.equal(code, 0, `${argv.join(' ')}: ${out}`);
                assert.match(out, usage);
                assert.equal(calls, 0);
                assert.equal(existsSync(join(root, OUT_DIR)), false, 'no manifest written');
            }
        });

        it(`${name} refuses an unknown option with exit 2, naming it, with the usage`, () => {
            const { code, out, calls } = run(main, [...valid, '--frobnicate']);
            assert.equal(code, 2, out);
            assert.match(out, /Unknown option "--frobnicate"/);
            assert.match(out, usage);
            assert.equal(calls, 0);
        });
    }
});
