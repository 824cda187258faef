/**
 * `npm run screenshots`: the browser journeys' own set-up (Debian's Chromium, the preview started on a free port by
 * the webServer of playwright.config.ts) running only screenshots.capture.ts, which writes the README's images to
 * docs/screenshots/. Not part of `npm test`: the journeys' config matches *.spec.ts only.
 */
import { defineConfig } from '@playwright/test';
import journeys from './playwright.config.ts';

export default defineConfig({ ...journeys, testMatch: 'screenshots.capture.ts' });
