/**
 * Writes LeadGate's sample data (data/) from its seeded generator.
 *
 *   tsx scripts/sample-data/generate-sample-data.ts           write the files and print what is in them
 *   tsx scripts/sample-data/generate-sample-data.ts --check   exit 1, naming each file, when a committed file differs
 *   --root <dir>                                               another checkout (the tests use a copy)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HISTORY_DIR, buildSampleData, serialise, staleFiles } from './sampleData';
import type { HistoryLead } from './history';

const rootAt = process.argv.indexOf('--root');
const ROOT =
    rootAt > 0 && process.argv[rootAt + 1]
        ? resolve(process.argv[rootAt + 1] ?? '')
        : join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function describe(history: HistoryLead[]): string {
    const count = (predicate: (lead: HistoryLead) => boolean): number => history.filter(predicate).length;
    const journeys = new Map<string, number>();
    for (const lead of history) journeys.set(lead.journey, (journeys.get(lead.journey) ?? 0) + 1);
    return [
        `history: ${history.length} leads; ${[...journeys].map(([journey, n]) => `${journey} ${n}`).join(', ')}`,
        `opportunities: ${count((l) => l.opportunity !== null)} (won ${count((l) => l.opportunity?.isWon === true)}, lost ${count((l) => l.opportunity?.isClosed === true && !l.opportunity.isWon)})`
    ].join('\n');
}

const check = process.argv.includes('--check');
const { files, history } = buildSampleData();
if (check) {
    const stale = staleFiles(ROOT, files);
    for (const path of stale)
        console.log(
            `${path}: differs from what the sample-data generator writes. Fix: run npx tsx scripts/sample-data/generate-sample-data.ts and commit data/.`
        );
    console.log(stale.length ? `sample data: ${stale.length} stale file(s)` : `sample data: ${files.size} files up to date`);
    process.exit(stale.length ? 1 : 0);
}
rmSync(join(ROOT, HISTORY_DIR), { recursive: true, force: true });
for (const [path, value] of files) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), serialise(value));
}
console.log(`sample data: wrote ${files.size} files under data/\n${describe(history)}`);
