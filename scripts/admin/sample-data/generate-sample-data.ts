/**
 * Writes LeadGate's sample data (data/) from its seeded generator.
 *
 *   tsx scripts/admin/sample-data/generate-sample-data.ts           write the files and print what is in them
 *   tsx scripts/admin/sample-data/generate-sample-data.ts --check   exit 1, naming each file, when a committed file differs
 *   --root <dir>                                               another checkout (the tests use a copy)
 *   --help                                                     the usage; writes nothing (an unknown option exits 2)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HISTORY_DIR, buildSampleData, serialise, staleFiles } from './sampleData';
import type { HistoryLead } from './history';
import type { HistoryReview } from './reviews';

const USAGE = `Usage: npx tsx scripts/admin/sample-data/generate-sample-data.ts [--check] [--root <dir>]

  --check         write nothing; exit 1 naming each committed file that differs from the generator's
  --root <dir>    another checkout (default: this repository)
  --help          this text; writes nothing`;

/** The options, or exit: 0 after the usage for --help, 2 with the usage for anything unknown. Nothing is written before this. */
function parseArgs(argv: readonly string[]): { check: boolean; root: string } {
    const options = { check: false, root: join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..') };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] as string;
        if (arg === '--help' || arg === '-h') {
            console.log(USAGE);
            process.exit(0);
        } else if (arg === '--check') options.check = true;
        else if (arg === '--root' && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--'))
            options.root = resolve(argv[++i] as string);
        else {
            console.error(`${arg === '--root' ? '--root needs a value.' : `Unknown option "${arg}".`}\n\n${USAGE}`);
            process.exit(2);
        }
    }
    return options;
}

const { check, root: ROOT } = parseArgs(process.argv.slice(2));

function describe(history: HistoryLead[], reviews: HistoryReview[]): string {
    const count = (predicate: (lead: HistoryLead) => boolean): number => history.filter(predicate).length;
    const journeys = new Map<string, number>();
    for (const lead of history) journeys.set(lead.journey, (journeys.get(lead.journey) ?? 0) + 1);
    return [
        `history: ${history.length} leads; ${[...journeys].map(([journey, n]) => `${journey} ${n}`).join(', ')}`,
        `opportunities: ${count((l) => l.opportunity !== null)} (won ${count((l) => l.opportunity?.isWon === true)}, lost ${count((l) => l.opportunity?.isClosed === true && !l.opportunity.isWon)})`,
        `fit facts edited before SQL: ${count((l) => l.fitEdit !== null)}; evidence reviews: ${reviews.length} (Coach ${reviews.filter((r) => r.outcome === 'Coach').length}) of ${count((l) => l.sql !== null)} SQLs`
    ].join('\n');
}

const { files, history, reviews } = buildSampleData();
if (check) {
    const stale = staleFiles(ROOT, files);
    for (const path of stale)
        console.log(
            `${path}: differs from what the sample-data generator writes. Fix: run npx tsx scripts/admin/sample-data/generate-sample-data.ts and commit data/.`
        );
    console.log(stale.length ? `sample data: ${stale.length} stale file(s)` : `sample data: ${files.size} files up to date`);
    process.exit(stale.length ? 1 : 0);
}
rmSync(join(ROOT, HISTORY_DIR), { recursive: true, force: true });
for (const [path, value] of files) {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), serialise(value));
}
console.log(`sample data: wrote ${files.size} files under data/\n${describe(history, reviews)}`);
