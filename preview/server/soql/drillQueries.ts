/**
 * The drill-down lists' SOQL as the org holds it: read from the generated Apex class LeadGateDrillQueries.cls (its
 * String constants and the maps its static block fills), so the preview runs the very strings the Apex joins.
 */
import { APEX_LITERAL as LITERAL, apexStringConstants, readApexClass, unescapeApex } from './apexQueries.ts';

export const DRILL_QUERIES_FILE = 'force-app/main/default/classes/LeadGateDrillQueries.cls';

export interface DrillQueryClass {
    objects: Map<string, string>;
    heads: Map<string, string>;
    cuts: Map<string, string>;
    tails: Map<string, string>;
    cutPatterns: Map<string, string>;
    cutValues: Map<string, Set<string>>;
    unknownValues: Map<string, string>;
    otherValues: Map<string, string>;
    otherExcludes: Map<string, string[]>;
    maxCuts: number;
    listLimit: number;
    limitBind: string;
    cutBind: string;
}

/** The class's constants and maps, as its static block leaves them. */
export function parseDrillQueries(source: string): DrillQueryClass {
    const strings = apexStringConstants(source);
    const integer = (name: string): number => {
        const m = new RegExp(`public static final Integer ${name} = (\\d+);`).exec(source);
        if (!m) throw new Error(`${DRILL_QUERIES_FILE} has no Integer ${name}: run npm run generate.`);
        return Number(m[1]);
    };
    const text = (name: string): string => {
        const value = strings.get(name);
        if (value === undefined) throw new Error(`${DRILL_QUERIES_FILE} has no String ${name}: run npm run generate.`);
        return value;
    };
    /** MAP.put('key', CONSTANT|'literal'); */
    const puts = (map: string): Map<string, string> => {
        const out = new Map<string, string>();
        for (const m of source.matchAll(new RegExp(`^\\s*${map}\\.put\\(${LITERAL}, (?:(\\w+)|${LITERAL})\\);$`, 'gm')))
            out.set(unescapeApex(m[1]!), m[2] !== undefined ? text(m[2]) : unescapeApex(m[3]!));
        return out;
    };
    /** MAP.get('key').add('value'); */
    const adds = (map: string): Map<string, string[]> => {
        const out = new Map<string, string[]>();
        for (const m of source.matchAll(new RegExp(`^\\s*${map}\\.get\\(${LITERAL}\\)\\.add\\(${LITERAL}\\);$`, 'gm'))) {
            const key = unescapeApex(m[1]!);
            out.set(key, [...(out.get(key) ?? []), unescapeApex(m[2]!)]);
        }
        return out;
    };
    return {
        objects: puts('OBJECTS'),
        heads: puts('HEADS'),
        cuts: puts('CUTS'),
        tails: puts('TAILS'),
        cutPatterns: puts('CUT_PATTERNS'),
        cutValues: new Map([...adds('CUT_VALUES')].map(([k, v]) => [k, new Set(v)])),
        unknownValues: puts('UNKNOWN_VALUES'),
        otherValues: puts('OTHER_VALUES'),
        otherExcludes: adds('OTHER_EXCLUDES'),
        maxCuts: integer('MAX_CUTS'),
        listLimit: integer('LIST_LIMIT'),
        limitBind: text('LIMIT_BIND'),
        cutBind: text('CUT_BIND')
    };
}

let cached: { root: string; queries: DrillQueryClass } | null = null;

/** The generated drill-down queries of the project at `root`; a missing class says how to make it. */
export function drillQueries(root: string): DrillQueryClass {
    if (cached?.root === root) return cached.queries;
    cached = { root, queries: parseDrillQueries(readApexClass(root, DRILL_QUERIES_FILE, 'run npm run generate')) };
    return cached.queries;
}
