/**
 * API fuzz: the emulated API's bad-input fuzz (preview/server/apiFuzz.ts, the same seed and count as its test in
 * `npm test`): requests tried, and how many got a 4xx, a 5xx (must be 0) or no answer at all (crashes, must be 0),
 * and how many table-derived requests got another code than the org's (must be 0).
 *
 *   npx tsx bench/apiFuzz.ts
 */
import { atMost, BUDGETS } from './budgets.ts';
import { BAD_INPUT_FUZZ, fuzzLines, runApiFuzz, type FuzzCounts } from '../preview/server/apiFuzz.ts';
import { GroupPrinter, int, isMain, printEnvironment, type GroupResult } from './lib/report.ts';

export async function runApiFuzzGroup(): Promise<GroupResult & { figures: FuzzCounts }> {
    const out = new GroupPrinter('API fuzz: bad input against the emulated API (preview/server/badInputs.ts, apiFuzz.ts)');
    const counts = await runApiFuzz(BAD_INPUT_FUZZ);
    for (const line of fuzzLines(counts)) out.line(line);
    out.check(atMost('API fuzz 5xx answers', counts.status5xx, BUDGETS.apiFuzz.max5xx, 'requests', int));
    out.check(atMost('API fuzz crashes', counts.crashes, BUDGETS.apiFuzz.maxCrashes, 'requests', int));
    out.check(atMost("API fuzz answers other than the org's code", counts.mismatchCount, BUDGETS.apiFuzz.maxMismatches, 'requests', int));
    return { ...out.done(), figures: counts };
}

if (isMain(import.meta.url)) {
    printEnvironment();
    runApiFuzzGroup().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
    });
}
