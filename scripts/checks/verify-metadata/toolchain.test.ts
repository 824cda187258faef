/**
 * The toolchain gates catch what they must: `npm run lint` (the project's ESLint config) fails on an LWC
 * security-rule violation in a TypeScript component, and `npm run typecheck` (tsc with the project's
 * compilerOptions) fails on a type error in a Jest test. Each runs on a throwaway project in a temp directory.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { REPO_ROOT } from './checks';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempProject(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-toolchain-'));
    temps.push(root);
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

const component = (assignment: string): string => `import { LightningElement, api } from 'lwc';

export default class UnsafeGreeting extends LightningElement {
    @api message = '';

    renderedCallback(): void {
        const target = this.template.querySelector('div');
        if (target) {
            ${assignment}
        }
    }
}
`;

describe('npm run lint', () => {
    const bundle = 'force-app/main/default/lwc/unsafeGreeting/unsafeGreeting.ts';
    const lint = async (source: string): Promise<ESLint.LintResult> => {
        const root = tempProject({ [bundle]: source });
        const eslint = new ESLint({ cwd: root, overrideConfigFile: join(REPO_ROOT, 'eslint.config.mjs') });
        const [result] = await eslint.lintFiles([bundle]);
        assert.ok(result, 'ESLint linted nothing: the config does not cover LWC TypeScript sources');
        return result;
    };

    test('fails on an innerHTML assignment in a TypeScript LWC source (@lwc/lwc/no-inner-html)', async () => {
        const result = await lint(component('target.innerHTML = this.message;'));
        const rules = result.messages.map((m) => `${m.ruleId}:${m.severity}`);
        assert.ok(rules.includes('@lwc/lwc/no-inner-html:2'), rules.join(', '));
    });

    test('passes the same component written safely, so the failure above is the rule and not the setup', async () => {
        const result = await lint(component('target.textContent = this.message;'));
        assert.deepEqual(
            result.messages.map((m) => `${m.ruleId}: ${m.message}`),
            []
        );
    });
});

describe('npm run typecheck', () => {
    test("the project's tsconfig type-checks Jest tests (they are in its file list)", () => {
        const parsed = ts.getParsedCommandLineOfConfigFile(
            join(REPO_ROOT, 'tsconfig.json'),
            {},
            { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} }
        );
        assert.ok(parsed, 'tsconfig.json does not parse');
        assert.ok(
            parsed.fileNames.some((f) => /\/__tests__\/[^/]+\.test\.ts$/.test(f)),
            'no __tests__/*.test.ts in the typecheck'
        );
    });

    test("fails on a type error in a test file, with the project's compilerOptions, naming file and line", () => {
        const testFile = 'force-app/main/default/lwc/probe/__tests__/probe.test.ts';
        const root = tempProject({
            [testFile]: `import { scoreLead } from 'c/leadScoring';

describe('probe', () => {
    it('reads the fit score', () => {
        const fit: string = scoreLead({}, 0).fit;
        expect(fit).toBeDefined();
    });
});
`,
            'tsconfig.json': JSON.stringify({
                extends: join(REPO_ROOT, 'tsconfig.json'),
                compilerOptions: { typeRoots: [join(REPO_ROOT, 'node_modules/@types')] },
                include: ['force-app/**/*.ts', join(REPO_ROOT, 'types/**/*.d.ts')]
            })
        });
        const run = spawnSync(
            process.execPath,
            [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--pretty', 'false'],
            {
                cwd: root,
                encoding: 'utf8'
            }
        );
        assert.notEqual(run.status, 0);
        const errors = run.stdout.split('\n').filter((line) => line.includes('error TS'));
        assert.deepEqual(errors.length, 1, run.stdout);
        assert.match(errors[0] ?? '', /__tests__\/probe\.test\.ts\(5,15\): error TS2322: Type 'number' is not assignable to type 'string'/);
    });
});
