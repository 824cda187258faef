/**
 * Browser journeys against the local preview (npm start) in Debian's Chromium (/usr/bin/chromium; never a
 * downloaded browser). The webServer starts the preview on a free port; each test resets the sample data
 * first (POST /preview/reset), so one worker runs them in order over one server.
 * E2E_BASE_URL=http://127.0.0.1:4173 runs them against a preview that is already running instead.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

/** A port free now, chosen once: worker processes inherit it through the environment. */
function freePort(): string {
    if (!process.env.LEADGATE_E2E_PORT) {
        process.env.LEADGATE_E2E_PORT = execFileSync(
            process.execPath,
            [
                '-e',
                "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})"
            ],
            { encoding: 'utf8' }
        ).trim();
    }
    return process.env.LEADGATE_E2E_PORT;
}

const external = process.env.E2E_BASE_URL;
const port = external ? '' : freePort();
const baseURL = external ?? `http://127.0.0.1:${port}`;

/**
 * The Definition page's journey saves a revision: the preview this config starts saves into a copy of the project
 * (made once, inherited by the workers through the environment), never into the checkout under test.
 */
function studioCopy(): string {
    // projectCopy is an ES module (Playwright loads this config as CommonJS), so a child process makes the copy.
    return execFileSync(
        process.execPath,
        ['--import', 'tsx', '-e', "import('./scripts/admin/studio/projectCopy.ts').then((m) => process.stdout.write(m.projectCopy()))"],
        { encoding: 'utf8', cwd: join(__dirname, '..') }
    ).trim();
}
if (!external && !process.env.STUDIO_ROOT) process.env.STUDIO_ROOT = studioCopy();

export default defineConfig({
    testDir: '.',
    testMatch: '*.spec.ts',
    fullyParallel: false,
    workers: 1,
    retries: 0,
    reporter: 'list',
    timeout: 60_000,
    expect: { timeout: 10_000 },
    outputDir: '../test-results',
    use: {
        baseURL,
        viewport: { width: 1400, height: 1000 },
        screenshot: 'only-on-failure',
        trace: 'off',
        launchOptions: {
            executablePath: CHROMIUM,
            args: [...CHROMIUM_ARGS]
        }
    },
    webServer: external
        ? undefined
        : {
              command: 'npm start',
              cwd: '..',
              url: `${baseURL}/preview/users`,
              env: { PORT: port, STUDIO_ROOT: process.env.STUDIO_ROOT ?? '' },
              // A cold bundle takes one to two minutes on two cores; later starts reuse it.
              timeout: 300_000,
              reuseExistingServer: false,
              stdout: 'pipe',
              stderr: 'pipe'
          }
});
