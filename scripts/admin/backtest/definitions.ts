/**
 * The proposed definition: a TypeScript/JavaScript module exporting a SqlDefinition (typically an
 * edited copy of sqlDefinition.ts), or a JSON file of overrides deep-merged onto the current one.
 *
 * Merge rules for JSON overrides:
 * - objects merge key by key; a key the current definition does not have is an error (a typo such as
 *   `minIntnet` must not silently leave the bar unchanged);
 * - arrays of objects identified by `id` (fit rules, signals), `key` (stages, frameworks, criteria),
 *   `value` (rejection reasons) or `metric` (bands) merge element by element on that identity: a known
 *   identity merges into its element, a new one is appended whole, `"$remove": true` drops the element;
 * - any other array (keyword lists, picklist values) and every scalar replaces the current value.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { describeProblems, validateDefinition } from 'c/definitionCheck';
import { BacktestInputError, EXIT } from './readLeads.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const IDENTITY_KEYS = ['id', 'key', 'value', 'metric'] as const;
const REMOVE = '$remove';

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function identityKey(items: readonly unknown[]): string | null {
    if (items.length === 0 || !items.every(isObject)) return null;
    return IDENTITY_KEYS.find((k) => items.every((item) => typeof (item as JsonObject)[k] === 'string')) ?? null;
}

/** Deep-merges JSON overrides onto `base` (see the module comment); throws with the JSON path of any unknown key. */
export function mergeOverrides(base: unknown, overrides: unknown, path = ''): unknown {
    if (isObject(base) && isObject(overrides)) {
        const merged: JsonObject = { ...(base as JsonObject) };
        for (const [key, value] of Object.entries(overrides)) {
            const at = path ? `${path}.${key}` : key;
            if (!(key in base)) throw new Error(`unknown key "${at}": the current definition has no such setting`);
            merged[key] = mergeOverrides((base as JsonObject)[key], value, at) as Json;
        }
        return merged;
    }
    if (Array.isArray(base) && Array.isArray(overrides)) {
        const id = identityKey(base);
        if (id === null || !overrides.every(isObject)) return overrides;
        const result: unknown[] = [...base];
        for (const [index, item] of (overrides as JsonObject[]).entries()) {
            const identity = item[id];
            if (typeof identity !== 'string') throw new Error(`${path}[${index}] needs a "${id}" to say which element it changes`);
            const at = result.findIndex((existing) => (existing as JsonObject)[id] === identity);
            if (item[REMOVE] === true) {
                if (at < 0) throw new Error(`${path}: cannot remove "${identity}": no element has ${id} "${identity}"`);
                result.splice(at, 1);
            } else if (at >= 0) {
                result[at] = mergeOverrides(result[at], item, `${path}[${id}=${identity}]`);
            } else {
                result.push(item);
            }
        }
        return result;
    }
    if (base !== undefined && base !== null && overrides !== null && typeof base !== typeof overrides) {
        throw new Error(`"${path}" must be a ${Array.isArray(base) ? 'list' : typeof base}, got ${JSON.stringify(overrides)}`);
    }
    return overrides;
}

export interface LoadedDefinition {
    def: SqlDefinition;
    /** How the report names it: `current 2026.4` or the proposal's file name. */
    label: string;
    source: string;
}

const looksLikeDefinition = (value: unknown): value is SqlDefinition =>
    isObject(value) && isObject((value as JsonObject).bar) && isObject((value as JsonObject).fit) && isObject((value as JsonObject).intent);

/** Loads `--definition`: a module (.ts/.mts/.js/.mjs) exporting a SqlDefinition, or a JSON file of overrides. */
export async function loadProposedDefinition(file: string, current: SqlDefinition = SQL_DEFINITION): Promise<LoadedDefinition> {
    const path = resolve(file);
    const fail = (why: string): never => {
        throw new BacktestInputError(`--definition ${file}: ${why}`, EXIT.usage);
    };
    let def: SqlDefinition;
    if (extname(path).toLowerCase() === '.json') {
        let overrides: unknown;
        try {
            overrides = JSON.parse(readFileSync(path, 'utf8'));
        } catch (error) {
            return fail((error as Error).message);
        }
        if (!isObject(overrides)) return fail('the JSON must be an object of overrides, e.g. {"bar": {"minIntent": 40}}');
        try {
            def = mergeOverrides(structuredClone(current), overrides) as SqlDefinition;
        } catch (error) {
            return fail((error as Error).message);
        }
    } else {
        let mod: Record<string, unknown>;
        try {
            mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
        } catch (error) {
            return fail(`cannot load the module: ${(error as Error).message}`);
        }
        const candidates = [mod.default, mod.SQL_DEFINITION, ...Object.values(mod)].filter(looksLikeDefinition);
        if (candidates.length === 0) return fail('the module exports no SqlDefinition (export SQL_DEFINITION or a default export)');
        def = candidates[0] as SqlDefinition;
    }
    // The same check npm run generate makes: a proposal the generator would refuse is not worth a backtest.
    const problems = validateDefinition(def);
    if (problems.length > 0) fail(`not a usable definition (fix these settings and run again):\n${describeProblems(problems)}`);
    return { def, label: `proposed (${file})`, source: file };
}

export interface DefinitionChange {
    path: string;
    before: unknown;
    after: unknown;
}

/** Every setting that differs between two definitions, as JSON paths (list elements by their identity). */
export function definitionChanges(before: unknown, after: unknown, path = ''): DefinitionChange[] {
    if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        return keys.flatMap((key) => definitionChanges(before[key], after[key], path ? `${path}.${key}` : key));
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        const id = identityKey([...before, ...after]);
        if (id !== null) {
            const ids = [...new Set([...before, ...after].map((item) => (item as JsonObject)[id] as string))];
            return ids.flatMap((identity) =>
                definitionChanges(
                    before.find((item) => (item as JsonObject)[id] === identity),
                    after.find((item) => (item as JsonObject)[id] === identity),
                    `${path}[${id}=${identity}]`
                )
            );
        }
        if (JSON.stringify(before) === JSON.stringify(after)) return [];
        return [{ path, before, after }];
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ path, before, after }];
}
