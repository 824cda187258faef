/**
 * The Definition page's server side: admin only (the LeadGate_Admin permission set), it keeps the loaded export
 * (parsed once by the backtest's reader) and answers the page's requests:
 *   GET  /definition                         the page
 *   POST /preview/studio/evaluate  { edits, generated? }   problems, figures, directions, generated diff
 *   POST /preview/studio/export    { path }               load another export (the backtest's checks apply)
 *   POST /preview/studio/save      { edits, reason, baseHash }  write the revision (scripts/admin/studio/revision.ts);
 *                                  refused (409) when the definition module changed since the page loaded (baseHash)
 *   GET  /studio/src/<file>.ts                            the page's client modules, transpiled (a fixed list)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { SqlDefinition } from 'c/sqlDefinition';
import type { PreviewUser } from './permissions.ts';
import { BacktestInputError } from '../../scripts/admin/backtest/readLeads.ts';
import { LiveBacktest, loadExport } from '../../scripts/admin/studio/liveBacktest.ts';
import { evaluate, type Evaluation } from '../../scripts/admin/studio/evaluate.ts';
import {
    RevisionError,
    StaleDefinitionError,
    definitionHash,
    readRevisionsLog,
    saveRevision,
    type SaveResult
} from '../../scripts/admin/studio/revision.ts';
import type { Edit } from '../../scripts/admin/studio/settings.ts';
import { SAMPLE_HISTORY } from './sampleHistory.ts';

export const STUDIO_PERMISSION_SET = 'LeadGate_Admin';
export const DEFAULT_EXPORT = 'data/backtest/leads-synthetic.csv';

/** The preview's sample history as an export: its CSV under the given definitions, and how many leads it holds. */
export interface SampleHistorySource {
    csv(defs: readonly SqlDefinition[]): string;
    leads(): number;
}

/** The only files /studio/src/ serves (the page's browser modules). */
export const CLIENT_FILES = [
    'preview/studio/studioClient.ts',
    'preview/studio/formCheck.ts',
    'scripts/admin/studio/settings.ts',
    'force-app/main/default/lwc/definitionCheck/definitionCheck.ts'
] as const;

/** Where the page's own code lives (the revisions may be saved into another copy of the project). */
const APP_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const canUseStudio = (user: PreviewUser): boolean => user.permissionSets.includes(STUDIO_PERMISSION_SET);

/** A request the studio refuses, with the message to show. */
export class StudioError extends Error {
    constructor(
        readonly status: number,
        message: string
    ) {
        super(message);
    }
}

function editsOf(body: unknown): Edit[] {
    const edits = (body as { edits?: unknown } | null)?.edits;
    if (!Array.isArray(edits))
        throw new StudioError(400, 'Send { "edits": [{ "key": "bar.minIntent", "value": 40 }] } (a text setting takes a text value).');
    return edits.map((e: unknown) => {
        const { key, value } = (e ?? {}) as { key?: unknown; value?: unknown };
        if (typeof key !== 'string') throw new StudioError(400, 'Each edit needs a "key" (the setting) and a "value".');
        return { key, value: typeof value === 'number' || typeof value === 'string' ? value : Number.NaN };
    });
}

export class DefinitionStudio {
    private live: Promise<LiveBacktest> | null = null;
    private exportPath: string;
    private saved: SqlDefinition;
    private readonly transpiled = new Map<string, string>();
    /** Saves run one at a time: the second of two concurrent saves sees the first one's module. */
    private saving: Promise<unknown> = Promise.resolve();

    /**
     * `exportPath`: the export the figures start from; without one, the sample history when the preview gives it
     * (`sampleHistory`), else the synthetic export.
     */
    constructor(
        private readonly root: string,
        saved: SqlDefinition,
        exportPath?: string,
        private readonly sampleHistory?: SampleHistorySource
    ) {
        this.saved = saved;
        this.exportPath = exportPath ?? (sampleHistory ? SAMPLE_HISTORY : DEFAULT_EXPORT);
    }

    /** How many leads the sample history holds (null: this server has none to offer). */
    get sampleHistoryLeads(): number | null {
        return this.sampleHistory ? this.sampleHistory.leads() : null;
    }

    get definition(): SqlDefinition {
        return this.saved;
    }

    get exportShown(): string {
        return this.exportPath;
    }

    /** definitionHash of the module now: the page sends it back with a save. */
    get hash(): string {
        return definitionHash(this.root);
    }

    revisions() {
        return readRevisionsLog(this.root).revisions;
    }

    private loaded(): Promise<LiveBacktest> {
        if (!this.live) {
            const saved = this.saved;
            this.live = this.exportPath === SAMPLE_HISTORY && this.sampleHistory ? this.loadSampleHistory(saved) : this.loadFile(saved);
            this.live.catch(() => undefined);
        }
        return this.live;
    }

    private async loadFile(saved: SqlDefinition): Promise<LiveBacktest> {
        const file = isAbsolute(this.exportPath) ? this.exportPath : join(this.root, this.exportPath);
        const { records } = await loadExport(file, [saved]);
        return new LiveBacktest(records, saved);
    }

    /** The sample history, exported as an org's export is and read by the backtest's reader (its checks apply). */
    private async loadSampleHistory(saved: SqlDefinition): Promise<LiveBacktest> {
        const dir = mkdtempSync(join(tmpdir(), 'leadgate-sample-history-'));
        try {
            const file = join(dir, 'sample-history.csv');
            writeFileSync(file, (this.sampleHistory as SampleHistorySource).csv([saved]));
            const { records } = await loadExport(file, [saved]);
            return new LiveBacktest(records, saved);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }

    /** Loads another export; a file the backtest cannot use is refused with the backtest's own message. */
    async useExport(body: unknown): Promise<{ path: string; mqls: number; rows: number }> {
        const path = (body as { path?: unknown } | null)?.path;
        if (typeof path !== 'string' || path.trim() === '')
            throw new StudioError(400, `Give the path of a lead export (CSV), or "${SAMPLE_HISTORY}".`);
        if (path.trim() === SAMPLE_HISTORY && !this.sampleHistory)
            throw new StudioError(422, 'This server has no sample history: give the path of a lead export (CSV).');
        const previous = { live: this.live, path: this.exportPath };
        this.exportPath = path.trim();
        this.live = null;
        try {
            const live = await this.loaded();
            return { path: this.exportPath, rows: live.records.length, mqls: live.records.filter((r) => r.mqlAt !== null).length };
        } catch (error) {
            this.live = previous.live;
            this.exportPath = previous.path;
            if (error instanceof BacktestInputError) throw new StudioError(422, `${path.trim()}: ${error.message}`);
            throw error;
        }
    }

    async evaluate(body: unknown): Promise<Evaluation> {
        const live = await this.loadedOrExplain();
        return evaluate(live, editsOf(body), { generated: (body as { generated?: unknown }).generated === true, source: this.exportPath });
    }

    private async loadedOrExplain(): Promise<LiveBacktest> {
        try {
            return await this.loaded();
        } catch (error) {
            this.live = null;
            if (error instanceof BacktestInputError) throw new StudioError(422, `${this.exportPath}: ${error.message}`);
            throw error;
        }
    }

    save(body: unknown, user: PreviewUser): Promise<SaveResult> {
        const next = this.saving.then(() => this.saveNow(body, user));
        this.saving = next.catch(() => undefined);
        return next;
    }

    private async saveNow(body: unknown, user: PreviewUser): Promise<SaveResult> {
        const edits = editsOf(body);
        const baseHash = (body as { baseHash?: unknown }).baseHash;
        if (typeof baseHash !== 'string' || baseHash === '')
            throw new StudioError(
                400,
                'Send "baseHash", the definition hash the page was loaded with: reload the Definition page and save again.'
            );
        const reason = (body as { reason?: unknown }).reason;
        const live = await this.loadedOrExplain();
        const evaluation = evaluate(live, edits, { source: this.exportPath });
        if (evaluation.problems.length || !evaluation.summary)
            throw new StudioError(
                422,
                `Some values are outside their meaning: ${evaluation.problems.map((p) => `${p.key} ${p.message}`).join('; ')}`
            );
        const changes =
            evaluation.loosens && !evaluation.changes.some((c) => c.direction === 'loosens')
                ? evaluation.changes.map((c, i) =>
                      i === 0
                          ? {
                                ...c,
                                direction: 'loosens' as const,
                                because: `${c.because}; together the changes let more past MQLs clear the bar`
                            }
                          : c
                  )
                : evaluation.changes;
        try {
            const result = await saveRevision({
                root: this.root,
                saved: this.saved,
                edits,
                changes,
                reason: typeof reason === 'string' ? reason : '',
                savedBy: user.name,
                backtest: evaluation.summary,
                baseHash
            });
            // The studio's baseline is now the saved revision (the rest of the preview reads it after a restart).
            this.saved = result.definition;
            this.live = null;
            return result;
        } catch (error) {
            if (error instanceof StaleDefinitionError) throw new StudioError(409, error.message);
            if (error instanceof RevisionError) throw new StudioError(422, error.message);
            throw error;
        }
    }

    /** A client module, transpiled to JavaScript; null when the path is not one of CLIENT_FILES. */
    clientModule(path: string): string | null {
        const file = relative('/', resolve('/', path));
        if (!(CLIENT_FILES as readonly string[]).includes(file)) return null;
        let out = this.transpiled.get(file);
        if (out === undefined) {
            out = ts.transpileModule(readFileSync(join(APP_ROOT, file), 'utf8'), {
                fileName: file,
                compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false }
            }).outputText;
            this.transpiled.set(file, out);
        }
        return out;
    }
}
