/**
 * The Lead record page in the local preview, in Chromium: the real components over the emulated org.
 *
 * - Load: navigation -> data visible, where "data visible" is the first frame in which the qualification panel
 *   shows the lead's stage and the score card its verdict (both come from getRecord). An init script checks every
 *   animation frame, so the figure is in the page's own clock from navigation start. One cold load (a fresh
 *   browser context: empty cache) and then warm loads (the bundle's chunks cached, as for a rep moving between
 *   leads). Requests to the emulated API (UI API + Apex) are counted from navigation until the page settles.
 * - Keystroke: on `bant-sal-ready` (every criterion complete), the Budget evidence is set one character short
 *   of the minimum, then each keystroke alternately adds a character (criterion complete: "Ready") and deletes
 *   it (incomplete: the list of blockers), so every keystroke changes the readiness list. Measured in the page:
 *   from the keydown event to the first DOM change of the readiness section (the panel's re-render with a new
 *   readiness(), which scores the draft), and to the next animation frame after it (the change on screen).
 *   Evidence is not an input to the score, so the score is timed with a second series: in the panel's "facts that
 *   drive fit" section, the Title alternates between "Operations V" and "Operations VP" (the title word vp is worth
 *   fit points), and the update is the score card's fit meter changing.
 * - Save: requests to the emulated API from a click on Save until the page has settled again.
 *
 *   npx tsx bench/recordPage.ts            (needs `npm run build`; builds the preview bundle if it is stale)
 */
import { cpus, loadavg } from 'node:os';
import type { BrowserContext, Locator, Page, Request } from 'playwright-core';
import { atMost, BUDGETS, FRAME_MS } from './budgets.ts';
import { contextAs, describeRequest, isApiRequest, launchChromium } from './lib/browser.ts';
import { startPreview, type RunningPreview } from './lib/previewServer.ts';
import { duration, GroupPrinter, isMain, median, percentile, printEnvironment, type GroupResult } from './lib/report.ts';
import { buildPreview } from './bundles.ts';
import type { BundleOutput } from '../preview/bundler/bundle.ts';

const LEAD_KEY = 'bant-sal-ready';
const EVIDENCE_LABEL = 'Budget Evidence';
const EVIDENCE_FIELD = 'Budget_Evidence__c';
/** One character short of the definition's 20-character minimum. */
const SHORT_EVIDENCE = 'Budget approved 80k';
/** Keystrokes typed before measuring (the page's code paths compiled and warm, as after a rep's first words). */
const WARM_UP_KEYSTROKES = 6;
/** "Operations V" + "P" is "Operations VP": the title word vp is worth fit points, so each key moves the fit score. */
const TITLE_START = 'Operations V';
const TITLE_KEY = 'P';

export interface RecordPageFigures {
    coldLoadMs: number;
    warmLoadMs: number[];
    apiRequestsOnLoad: number;
    apiRequestsOnLoadList: string[];
    requestsOnColdLoad: number;
    /** Keystrokes in the Budget evidence box -> the readiness list. */
    readinessKeys: SeriesFigures;
    /** Keystrokes in the Title fact -> the score card's fit meter. */
    scoreKeys: SeriesFigures;
    apiRequestsPerSave: number[];
    apiRequestsPerSaveList: string[];
}

export interface SeriesFigures {
    keystrokes: number;
    toChangeP50Ms: number;
    toChangeP95Ms: number;
    toFrameP50Ms: number;
    toFrameP95Ms: number;
    processingP50Ms: number;
    processingP95Ms: number;
}

function seriesFigures(samples: KeystrokeSample[]): SeriesFigures {
    const change = samples.map((s) => s.mutationMs);
    const frame = samples.map((s) => s.frameMs);
    const processing = samples.map((s) => s.inputMs);
    return {
        keystrokes: samples.length,
        toChangeP50Ms: percentile(change, 50),
        toChangeP95Ms: percentile(change, 95),
        toFrameP50Ms: percentile(frame, 50),
        toFrameP95Ms: percentile(frame, 95),
        processingP50Ms: percentile(processing, 50),
        processingP95Ms: percentile(processing, 95)
    };
}

/** Installed before any page script: records the first frame where the panel and the score card show data. */
const DATA_VISIBLE_PROBE = `(() => {
    const deep = (root, selector) => {
        const hit = root.querySelector(selector);
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) {
                const found = deep(el.shadowRoot, selector);
                if (found) return found;
            }
        }
        return null;
    };
    const shows = (selector) => {
        const el = deep(document, selector);
        return Boolean(el && el.textContent && el.textContent.trim());
    };
    const tick = () => {
        if (shows('[data-id="stage"]') && shows('[data-id="verdict"]')) window.__leadgateDataVisibleAt = performance.now();
        else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
})();`;

/** Resolves when no API request is in flight and none started for `quietMs`. */
function settle(page: Page, requests: Request[], quietMs = 600, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        let last = requests.length;
        let quietSince = Date.now();
        const inFlight = new Set<Request>();
        const onRequest = (r: Request) => {
            if (isApiRequest(r)) inFlight.add(r);
        };
        const onDone = (r: Request) => inFlight.delete(r);
        page.on('request', onRequest);
        page.on('requestfinished', onDone);
        page.on('requestfailed', onDone);
        const timer = setInterval(() => {
            if (requests.length !== last || inFlight.size > 0) {
                last = requests.length;
                quietSince = Date.now();
            }
            const done = Date.now() - quietSince >= quietMs;
            if (done || Date.now() - started > timeoutMs) {
                clearInterval(timer);
                page.off('request', onRequest);
                page.off('requestfinished', onDone);
                page.off('requestfailed', onDone);
                if (done) resolve();
                else reject(new Error(`the page did not settle within ${timeoutMs} ms (${inFlight.size} API requests in flight)`));
            }
        }, 50);
    });
}

/** Counts API requests while `action` runs and the page then settles. */
async function countApiRequests(page: Page, action: () => Promise<void>): Promise<{ api: Request[]; all: number }> {
    const api: Request[] = [];
    let all = 0;
    const listener = (r: Request) => {
        all++;
        if (isApiRequest(r)) api.push(r);
    };
    page.on('request', listener);
    try {
        await action();
        await settle(page, api);
    } finally {
        page.off('request', listener);
    }
    return { api, all };
}

const summarise = (requests: Request[]): string[] => {
    const counts = new Map<string, number>();
    for (const r of requests) counts.set(describeRequest(r), (counts.get(describeRequest(r)) ?? 0) + 1);
    return [...counts.entries()].map(([what, n]) => `${n} x ${what.replace(/\/00Q\w{15}/, '/{leadId}')}`);
};

async function loadOnce(page: Page, url: string): Promise<{ visibleMs: number; api: Request[]; all: number }> {
    const counted = await countApiRequests(page, async () => {
        await page.goto(url, { waitUntil: 'commit' });
        await page.waitForFunction(
            () => typeof (window as unknown as { __leadgateDataVisibleAt?: number }).__leadgateDataVisibleAt === 'number',
            null,
            {
                timeout: 30_000,
                polling: 50
            }
        );
    });
    const visibleMs = await page.evaluate(() => (window as unknown as { __leadgateDataVisibleAt: number }).__leadgateDataVisibleAt);
    return { visibleMs, ...counted };
}

interface KeystrokeSample {
    /** keydown -> first DOM change of the observed region. */
    mutationMs: number;
    /** keydown -> the animation frame after that change. */
    frameMs: number;
    /** The input event's processing: the panel's handler and its re-render (readiness(), the score card's scoreLead). */
    inputMs: number;
    /** Whether the observed region had changed by the end of the input event (the re-render is inside inputMs). */
    renderedInInput: boolean;
    /** The observed region's text after the change. */
    state: string;
}

/** A field typed into and the region whose change is the update a rep waits for. */
interface KeySeries {
    name: string;
    input: Locator;
    observed: Locator;
    /** The field's value before the series: one key short of a change. */
    start: string;
    /** The key that makes the change; Backspace undoes it. */
    key: string;
}

/**
 * Sets the field to its start value, installs the in-page probe, and returns a function that types `n` keys
 * (alternately `key` and Backspace) and gives their samples. Every key must flip the observed region between its two
 * states, or the figure would time a keystroke that changed nothing.
 */
async function keystrokeProbe(page: Page, series: KeySeries): Promise<(n: number) => Promise<KeystrokeSample[]>> {
    await series.input.fill(series.start);
    await page.waitForTimeout(300);
    const initial = await series.input.evaluate(
        (input, [name, observedHandle]) => {
            const observed = observedHandle as Element;
            const state = {
                pending: null as null | {
                    t0: number;
                    mutated: number | null;
                    inputStart: number | null;
                    inputMs: number | null;
                    renderedInInput: boolean;
                },
                samples: [] as KeystrokeSample[]
            };
            (window as unknown as Record<string, typeof state>)[name as string] = state;
            input.addEventListener(
                'keydown',
                (event) => {
                    state.pending = {
                        t0: event.timeStamp || performance.now(),
                        mutated: null,
                        inputStart: null,
                        inputMs: null,
                        renderedInInput: false
                    };
                },
                true
            );
            // The input event's processing: window capture runs before the component's handler, window bubble after it
            // and after the microtask checkpoint that follows each listener, i.e. after the component re-rendered.
            window.addEventListener(
                'input',
                () => {
                    if (state.pending) state.pending.inputStart = performance.now();
                },
                true
            );
            window.addEventListener('input', () => {
                const pending = state.pending;
                if (!pending || pending.inputStart === null) return;
                pending.inputMs = performance.now() - pending.inputStart;
                pending.renderedInInput = pending.mutated !== null;
            });
            new MutationObserver(() => {
                const pending = state.pending;
                if (!pending || pending.mutated !== null) return;
                pending.mutated = performance.now();
                requestAnimationFrame(() => {
                    state.samples.push({
                        mutationMs: (pending.mutated as number) - pending.t0,
                        frameMs: performance.now() - pending.t0,
                        inputMs: pending.inputMs ?? Number.NaN,
                        renderedInInput: pending.renderedInInput,
                        state: (observed.textContent ?? '').replace(/\s+/g, ' ').trim()
                    });
                    state.pending = null;
                });
            }).observe(observed, { childList: true, subtree: true, characterData: true });
            return (observed.textContent ?? '').replace(/\s+/g, ' ').trim();
        },
        [series.name, await series.observed.elementHandle()] as const
    );
    await series.input.focus();
    await page.keyboard.press('End');
    const states: string[] = [initial];
    let typed = 0;
    return async (keystrokes) => {
        const from = typed;
        for (let i = 0; i < keystrokes; i++, typed++) {
            // An even count of keys so far: the field is at its start value, so the next key makes the change.
            await page.keyboard.press(typed % 2 === 0 ? series.key : 'Backspace');
            await page.waitForFunction(
                ([name, n]) =>
                    (window as unknown as Record<string, { samples: unknown[] }>)[name as string]!.samples.length >= (n as number),
                [series.name, typed + 1] as const,
                { timeout: 10_000, polling: 'raf' }
            );
            // A typist's pace (about 8 keys a second) rather than back-to-back synthetic events.
            await page.waitForTimeout(120);
        }
        const samples = await page.evaluate(
            ([name, start]) =>
                (window as unknown as Record<string, { samples: KeystrokeSample[] }>)[name as string]!.samples.slice(start as number),
            [series.name, from] as const
        );
        samples.forEach((s, i) => {
            const k = from + i;
            states.push(s.state);
            if (states[k + 1] === states[k] || (k >= 1 && states[k + 1] !== states[k - 1]))
                throw new Error(
                    `${series.name}: keystroke ${k + 1} did not flip the observed region between its two states ` +
                        `("${states[k]?.slice(0, 60)}" -> "${s.state.slice(0, 60)}"); the measurement is invalid`
                );
        });
        return samples;
    };
}

/** Types a warm-up, then a measured series; on a loaded machine a broken budget earns one more series (bench/budgets.ts). */
async function measureSeries(page: Page, series: KeySeries, keystrokes: number, note: (line: string) => void): Promise<KeystrokeSample[]> {
    const typeKeys = await keystrokeProbe(page, series);
    await typeKeys(WARM_UP_KEYSTROKES);
    let samples = await typeKeys(keystrokes);
    const p95Frames = (list: KeystrokeSample[]) =>
        percentile(
            list.map((s) => s.frameMs),
            95
        ) / FRAME_MS;
    if (p95Frames(samples) > BUDGETS.recordPage.keystrokeToUpdateP95Frames && loadavg()[0]! > cpus().length) {
        const again = await typeKeys(keystrokes);
        note(
            `${series.name}: p95 ${p95Frames(samples).toFixed(1)} frames over budget with load average ${loadavg()[0]!.toFixed(1)} on ` +
                `${cpus().length} cores: typed a second series, p95 ${p95Frames(again).toFixed(1)} frames; the better series counts`
        );
        if (p95Frames(again) < p95Frames(samples)) samples = again;
    }
    return samples;
}

function describeSeries(out: GroupPrinter, what: string, samples: KeystrokeSample[]): void {
    const toChange = samples.map((s) => s.mutationMs);
    const toFrame = samples.map((s) => s.frameMs);
    const processing = samples.map((s) => s.inputMs);
    const renderedInside = samples.filter((s) => s.renderedInInput).length;
    out.line(`${what} (${samples.length} keystrokes after ${WARM_UP_KEYSTROKES} unmeasured, each one flipping it):`);
    out.line(
        `  keystroke -> DOM changed:          p50 ${duration(percentile(toChange, 50))}, p95 ${duration(percentile(toChange, 95))}, max ${duration(Math.max(...toChange))}`
    );
    out.line(
        `  keystroke -> next frame (on screen): p50 ${duration(percentile(toFrame, 50))}, p95 ${duration(percentile(toFrame, 95))} ` +
            `(${(percentile(toFrame, 95) / FRAME_MS).toFixed(1)} frames), max ${duration(Math.max(...toFrame))}`
    );
    out.line(
        `  input event processing (panel handler + re-render of panel and score card): p50 ${duration(percentile(processing, 50))}, ` +
            `p95 ${duration(percentile(processing, 95))}; changed by its end in ${renderedInside} of ${samples.length}`
    );
}

async function measureSaves(page: Page, saves: number): Promise<Array<{ api: Request[] }>> {
    const panel = page.locator('c-qualification-panel');
    const evidence = panel.getByLabel(EVIDENCE_LABEL, { exact: true });
    const results: Array<{ api: Request[] }> = [];
    for (let i = 0; i < saves; i++) {
        await evidence.fill(`Budget approved at 80k by the CFO (save ${i + 1})`);
        await panel.locator('[data-id="unsaved"]').waitFor();
        let patchStatus = 0;
        const onResponse = (response: { request(): Request; status(): number }) => {
            if (response.request().method() === 'PATCH') patchStatus = response.status();
        };
        page.on('response', onResponse);
        const counted = await countApiRequests(page, async () => {
            await panel.getByRole('button', { name: 'Save', exact: true }).click();
            await panel.locator('[data-id="unsaved"]').waitFor({ state: 'detached', timeout: 15_000 });
        });
        page.off('response', onResponse);
        if (patchStatus !== 200) throw new Error(`save ${i + 1} answered ${patchStatus}, not 200: the save figure would be wrong`);
        const stored = await page.evaluate(
            async ([url, field]) => {
                const r = await fetch(url, { credentials: 'same-origin' });
                return ((await r.json()) as { fields: Record<string, { value: unknown }> }).fields[field]?.value;
            },
            [`/ui-api/records/${new URL(page.url()).pathname.split('/').pop()}?fields=Lead.${EVIDENCE_FIELD}`, EVIDENCE_FIELD] as const
        );
        if (stored !== `Budget approved at 80k by the CFO (save ${i + 1})`)
            throw new Error(`save ${i + 1} did not store the evidence (${String(stored)})`);
        results.push({ api: counted.api });
    }
    return results;
}

export async function runRecordPage(
    options: { bundle?: BundleOutput; keystrokes?: number; warmLoads?: number } = {}
): Promise<GroupResult & { figures: RecordPageFigures }> {
    const out = new GroupPrinter('Record page in the preview (Chromium): load, keystroke to update, requests');
    const keystrokes = options.keystrokes ?? 40;
    const warmLoads = options.warmLoads ?? 5;
    const bundle = options.bundle ?? (await buildPreview());
    let preview: RunningPreview | null = null;
    const browser = await launchChromium();
    let context: BrowserContext | null = null;
    try {
        preview = await startPreview({ bundle });
        const lead = preview.showcase.find((s) => s.key === LEAD_KEY);
        const sdr = preview
            .store()
            .users()
            .find((u) => u.role === 'SDR');
        if (!lead || !sdr) throw new Error(`The sample data has no showcase lead ${LEAD_KEY} or no SDR.`);
        out.line(
            `Chromium ${browser.version()} (headless, /usr/bin/chromium); preview on ${preview.url}; lead ${LEAD_KEY} as ${sdr.name} (SDR)`
        );
        context = await contextAs(browser, preview.url, sdr.id);
        await context.addInitScript(DATA_VISIBLE_PROBE);
        const page = await context.newPage();
        const url = `${preview.url}/lead/${lead.id}`;

        const cold = await loadOnce(page, url);
        const warm: number[] = [];
        const apiCounts = new Set<number>([cold.api.length]);
        for (let i = 0; i < warmLoads; i++) {
            const load = await loadOnce(page, url);
            warm.push(load.visibleMs);
            apiCounts.add(load.api.length);
        }
        out.line(
            `navigation -> data visible: cold ${duration(cold.visibleMs)} (empty cache, ${cold.all} requests in all); ` +
                `warm median ${duration(median(warm))} (min ${duration(Math.min(...warm))}, max ${duration(Math.max(...warm))}, ${warmLoads} loads)`
        );
        out.line(`API requests on load: ${[...apiCounts].join(' or ')} (${summarise(cold.api).join(', ')})`);

        const panel = page.locator('c-qualification-panel');
        const readinessSeries = await measureSeries(
            page,
            {
                name: '__leadgateEvidenceKeys',
                input: panel.getByLabel(EVIDENCE_LABEL, { exact: true }),
                observed: panel.locator('[data-id="readiness"]'),
                start: SHORT_EVIDENCE,
                key: 'k'
            },
            keystrokes,
            (l) => out.line(l)
        );
        describeSeries(out, `${EVIDENCE_LABEL} box -> the readiness list`, readinessSeries);

        const saves = await measureSaves(page, 3);
        const perSave = saves.map((s) => s.api.length);
        out.line(`API requests per save: ${perSave.join(', ')} over ${saves.length} saves (${summarise(saves[0]?.api ?? []).join(', ')})`);

        // The score: a fit fact typed in the panel's facts section (part of the same draft) rescored by the score card.
        const toggle = panel.locator('[data-action="toggle-facts"]');
        if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
        const scoreSeries = await measureSeries(
            page,
            {
                name: '__leadgateTitleKeys',
                input: panel.locator('input[data-fact="Title"]'),
                observed: page.locator('c-lead-score-card [data-meter="fit"]'),
                start: TITLE_START,
                key: TITLE_KEY
            },
            keystrokes,
            (l) => out.line(l)
        );
        describeSeries(out, `Title (a fit fact) -> the score card's fit`, scoreSeries);
        if (preview.serverErrors.length) throw new Error(`The preview server failed on requests:\n${preview.serverErrors.join('\n')}`);

        const figures: RecordPageFigures = {
            coldLoadMs: cold.visibleMs,
            warmLoadMs: warm,
            apiRequestsOnLoad: Math.max(...apiCounts),
            apiRequestsOnLoadList: summarise(cold.api),
            requestsOnColdLoad: cold.all,
            readinessKeys: seriesFigures(readinessSeries),
            scoreKeys: seriesFigures(scoreSeries),
            apiRequestsPerSave: perSave,
            apiRequestsPerSaveList: summarise(saves[0]?.api ?? [])
        };
        out.check(atMost('API requests on record-page load', figures.apiRequestsOnLoad, BUDGETS.recordPage.apiRequestsOnLoad, 'requests'));
        out.check(atMost('API requests per save', Math.max(...perSave), BUDGETS.recordPage.apiRequestsPerSave, 'requests'));
        for (const [what, keys] of [
            ['evidence keystroke -> readiness list on screen, p95', figures.readinessKeys],
            ['fit fact keystroke -> score on screen, p95', figures.scoreKeys]
        ] as const) {
            out.check(
                atMost(
                    what,
                    keys.toFrameP95Ms / FRAME_MS,
                    BUDGETS.recordPage.keystrokeToUpdateP95Frames,
                    'frames',
                    (n) => `${n.toFixed(1)} frames (${duration(n * FRAME_MS)})`
                )
            );
        }
        return { ...out.done(), figures };
    } finally {
        await context?.close();
        await browser.close();
        await preview?.close();
    }
}

if (isMain(import.meta.url)) {
    printEnvironment();
    runRecordPage().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
