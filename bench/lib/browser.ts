/**
 * Debian's Chromium through playwright-core, with the flags /work/shared/notes/preview.md records as needed here
 * (no sandbox in a container, no GPU, and no background networking, which would flood a closed network).
 */
import { chromium, type Browser, type BrowserContext, type Request } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../e2e/chromium.ts';

export function launchChromium(): Promise<Browser> {
    return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], headless: true });
}

/** A fresh browser context (no cache, no stored drafts) signed in as a preview user. */
export async function contextAs(browser: Browser, baseUrl: string, userId: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addCookies([{ name: 'leadgate_user', value: userId, url: baseUrl }]);
    return context;
}

/** A request to the emulated org (UI API or Apex), as opposed to the page, the bundle's chunks, SLDS or icons. */
export function isApiRequest(request: Request): boolean {
    const path = new URL(request.url()).pathname;
    return path.startsWith('/ui-api/') || path.startsWith('/preview/apex/');
}

/** `METHOD /path` without the query, for listing what a page asked for. */
export function describeRequest(request: Request): string {
    const url = new URL(request.url());
    return `${request.method()} ${url.pathname}`;
}
