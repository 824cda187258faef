/**
 * How long the definition studio takes to recompute the backtest after one edit, on an export of any size:
 *   npx tsx bench/studio/studioBench.ts [export.csv ...]   (default: data/backtest/leads-synthetic.csv)
 * Make a bigger export with: npm run backtest:synthesize -- --rows 100000 --out /tmp/leads-100k.csv
 * Prints the one-off load (parse + scores under the saved definition) and, per kind of edit, the median and
 * worst of several edits, each one the whole backtest on every lead.
 */
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { applyEdits, type Edit } from '../../scripts/admin/studio/settings.ts';
import { LiveBacktest, loadExport } from '../../scripts/admin/studio/liveBacktest.ts';
import { evaluate } from '../../scripts/admin/studio/evaluate.ts';

const KINDS: Array<{ name: string; edits: (i: number) => Edit[] }> = [
    { name: 'bar (min intent)', edits: (i) => [{ key: 'bar.minIntent', value: 31 + i }] },
    { name: 'fit rule points', edits: (i) => [{ key: 'fit.rules[id=companySize].points', value: 16 + i }] },
    { name: 'signal points (new value)', edits: (i) => [{ key: 'intent.signals[id=pricingVisit].points', value: 16 + i }] },
    { name: 'half-life (new value)', edits: (i) => [{ key: 'intent.halfLifeDays', value: 31 + i }] }
];
const REPEATS = 5;

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
async function main(files: string[]): Promise<void> {
    for (const file of files.length ? files : ['data/backtest/leads-synthetic.csv']) {
        let start = process.hrtime.bigint();
        const { records } = await loadExport(file, [SQL_DEFINITION]);
        const parse = ms(start);
        start = process.hrtime.bigint();
        const live = new LiveBacktest(records, SQL_DEFINITION);
        const prepare = ms(start);
        console.log(
            `${file}: ${records.length.toLocaleString('en-US')} leads; parse ${parse.toFixed(0)} ms, prepare ${prepare.toFixed(0)} ms (once)`
        );
        for (const kind of KINDS) {
            const times: number[] = [];
            for (let i = 0; i < REPEATS; i++) {
                const proposed = applyEdits(SQL_DEFINITION, kind.edits(i));
                start = process.hrtime.bigint();
                live.run(proposed);
                times.push(ms(start));
            }
            times.sort((a, b) => a - b);
            console.log(
                `  ${kind.name.padEnd(28)} per edit: median ${(times[Math.floor(REPEATS / 2)] as number).toFixed(0)} ms, worst ${(times[REPEATS - 1] as number).toFixed(0)} ms`
            );
        }
        const whole: number[] = [];
        for (let i = 0; i < REPEATS; i++) {
            start = process.hrtime.bigint();
            evaluate(
                live,
                [
                    { key: 'bar.minIntent', value: 41 + i },
                    { key: 'intent.halfLifeDays', value: 41 + i }
                ],
                { generated: true, source: file }
            );
            whole.push(ms(start));
        }
        whole.sort((a, b) => a - b);
        console.log(
            `  ${'page answer, 2 edits + diff'.padEnd(28)} per edit: median ${(whole[Math.floor(REPEATS / 2)] as number).toFixed(0)} ms, worst ${(whole[REPEATS - 1] as number).toFixed(0)} ms (3 backtests: together and each alone, + the generator twice)`
        );
    }
}

main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
