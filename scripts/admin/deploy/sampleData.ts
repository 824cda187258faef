/**
 * The sample data as an org should receive it: the `sf data tree import` plan and its record files, copied
 * with every date and date-time moved by (now - anchor) (the anchor rule of data/README.md, applied by the
 * sample data's own shiftValue), so the history ends today and the showcase leads' intent has not decayed.
 * Written to a folder under build/ (git-ignored); data/ is never modified.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { shiftValue } from '../sample-data/load';
import type { FieldValue } from '../sample-data/model';

interface PlanEntry {
    sobject: string;
    files: string[];
    [key: string]: unknown;
}

type TreeRecord = Record<string, unknown>;

function shiftRecord(record: TreeRecord, offsetMs: number): TreeRecord {
    const out: TreeRecord = {};
    for (const [key, value] of Object.entries(record)) {
        if (value !== null && typeof value === 'object') {
            // Child records (nested `records` arrays) move the same way; `attributes` holds no dates.
            const nested = value as { records?: TreeRecord[] };
            out[key] = Array.isArray(nested.records) ? { ...nested, records: nested.records.map((r) => shiftRecord(r, offsetMs)) } : value;
        } else out[key] = shiftValue(value as FieldValue, offsetMs);
    }
    return out;
}

/**
 * Writes the shifted plan and files to `outDir` (same layout as data/) and returns the plan's path.
 * `anchor` defaults to the one recorded in data/preview-extras.json.
 */
export function writeShiftedSamplePlan(
    root: string,
    planPath: string,
    outDir: string,
    now: Date,
    anchor?: string
): { plan: string; records: number } {
    const dataDir = dirname(join(root, planPath));
    const anchorIso = anchor ?? (JSON.parse(readFileSync(join(dataDir, 'preview-extras.json'), 'utf8')) as { anchor: string }).anchor;
    const offset = now.getTime() - Date.parse(anchorIso);
    if (!Number.isFinite(offset)) throw new Error(`The sample data anchor "${anchorIso}" is not a date-time`);
    const plan = JSON.parse(readFileSync(join(root, planPath), 'utf8')) as PlanEntry[];
    let records = 0;
    for (const entry of plan) {
        for (const file of entry.files) {
            const tree = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as { records: TreeRecord[] };
            records += tree.records.length;
            const target = join(outDir, file);
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, `${JSON.stringify({ ...tree, records: tree.records.map((r) => shiftRecord(r, offset)) }, null, 2)}\n`);
        }
    }
    const shiftedPlan = join(outDir, 'sample-plan.json');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(shiftedPlan, `${JSON.stringify(plan, null, 2)}\n`);
    return { plan: shiftedPlan, records };
}
