/**
 * Save: what one Lead save costs in the local preview's emulated API (preview/server/leadStore.ts), the whole
 * pipeline a rep's Save button runs: field checks, the before-save flow, validation rules, the write, the
 * after-save flows. The leads are the sample data (data/) at its anchor instant; the edits alternate a lead's
 * Title between two values (a fit fact, so the fit stamp changes) and move some leads from MQL to Sales Accepted
 * (a stage entry, so the flow's stamp decisions take their other branch). Also the cost of building the store, which
 * stamps the fit of every seeded lead that carries none.
 *
 *   npx tsx bench/save.ts
 */
import { loadPreviewStore } from '../preview/server/loadStore.ts';
import { beforeSave } from '../scripts/interpreters/formula/save.ts';
import { duration, GroupPrinter, int, isMain, percentile, printEnvironment, ROOT, type GroupResult } from './lib/report.ts';

export interface SaveFigures {
    saves: number;
    savesPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    storeBuildMs: number;
    /** CPU time (user + system) of the store build, and of the saves per save: steadier than wall time on shared cores. */
    storeBuildCpuMs: number;
    saveCpuMs: number;
    /** The before-save flows alone (scripts/interpreters/formula/save.ts beforeSave) over the same edits, per save. */
    flowMeanMs: number;
}

const ANCHOR = new Date('2026-03-02T15:00:00.000Z');
const TITLES = ['VP Sales', 'Office Manager'];

export function runSave(rounds = 3): GroupResult & { figures: SaveFigures } {
    const out = new GroupPrinter('Save: one Lead save through the preview’s emulated API (before-save flow, rules, after-save flows)');
    const cpuMs = (since: NodeJS.CpuUsage): number => {
        const used = process.cpuUsage(since);
        return (used.user + used.system) / 1000;
    };
    const builtCpu = process.cpuUsage();
    const built = performance.now();
    const { store, seed } = loadPreviewStore(ROOT, () => ANCHOR);
    const storeBuildMs = performance.now() - built;
    const storeBuildCpuMs = cpuMs(builtCpu);
    const rep = seed.users.find((u) => u.role === 'SDR');
    if (!rep) throw new Error('data/users.json has no SDR to save as.');
    const leads = store.allLeads().filter((l) => l.IsConverted !== true);
    const samples: number[] = [];
    let refused = 0;
    const savesCpu = process.cpuUsage();
    for (let round = 0; round < rounds; round++) {
        leads.forEach((lead, i) => {
            const fields: Record<string, unknown> = { Title: TITLES[(i + round) % 2] };
            if (round === 1 && lead.Status === 'Marketing Qualified') fields.Status = 'Sales Accepted';
            const t = performance.now();
            const result = store.updateRecord(rep.id, String(lead.Id), { fields });
            samples.push(performance.now() - t);
            if (result.status === 400) refused++;
            else if (result.status !== 200)
                throw new Error(`A save answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
        });
    }
    const saveCpuMs = cpuMs(savesCpu) / samples.length;
    const total = samples.reduce((a, b) => a + b, 0);
    // The same edits through the before-save flows alone, to say what share of a save the flow interpreter takes.
    const flowStarted = performance.now();
    let flowRuns = 0;
    for (let round = 0; round < rounds; round++) {
        for (const [i, lead] of leads.entries()) {
            const next = { ...lead, Title: TITLES[(i + round) % 2] };
            beforeSave(lead, next, { now: ANCHOR, isNew: false, prior: lead, permissions: new Set(), userId: rep.id }, store.meta);
            flowRuns++;
        }
    }
    const flowMeanMs = (performance.now() - flowStarted) / flowRuns;
    const figures: SaveFigures = {
        saves: samples.length,
        savesPerSecond: (samples.length / total) * 1000,
        p50Ms: percentile(samples, 50),
        p99Ms: percentile(samples, 99),
        storeBuildMs,
        storeBuildCpuMs,
        saveCpuMs,
        flowMeanMs
    };
    out.line(
        `${int(leads.length)} sample leads, ${rounds} rounds of edits as ${rep.name} (SDR): ${int(figures.saves)} saves, ${int(refused)} refused by a rule`
    );
    out.line(
        `save (emulated API)   ${int(figures.savesPerSecond)} saves/s   p50 ${duration(figures.p50Ms)}   p99 ${duration(figures.p99Ms)}   CPU ${duration(saveCpuMs)} per save`
    );
    out.line(
        `before-save flows alone (flow interpreter + formulon): ${duration(flowMeanMs)} per save, ${Math.round((flowMeanMs / (total / samples.length)) * 100)} % of the mean save`
    );
    out.line(`store build (seeding ${int(store.allLeads().length)} leads): ${duration(storeBuildMs)} (CPU ${duration(storeBuildCpuMs)})`);
    return { ...out.done(), figures };
}

if (isMain(import.meta.url)) {
    printEnvironment();
    runSave();
}
