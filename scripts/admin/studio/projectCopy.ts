/**
 * For tests that save revisions: a copy of the project in a temp folder that the generator, the compiler and the
 * formula tests can run in (node_modules linked, not copied; large CSV exports left out except test fixtures).
 */
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function projectCopy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'studio-project-'));
    for (const entry of [
        'force-app',
        'scripts',
        'config',
        'data',
        'types',
        'package.json',
        'tsconfig.json',
        'sfdx-project.json',
        '.prettierrc',
        '.prettierignore'
    ])
        cpSync(join(ROOT, entry), join(dir, entry), {
            recursive: true,
            filter: (src) => !src.endsWith('.csv') || src.includes('__fixtures__')
        });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
}
