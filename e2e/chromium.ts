/**
 * How LeadGate starts Debian's Chromium, in one place for the browser tests, the preview measurement and the bench:
 * the system binary (a browser download is not possible here) with the flags /work/shared/notes/preview.md records
 * as needed on this machine: no sandbox as root, no GPU, and no background networking, which would flood a closed
 * network with refused connections.
 */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];
