/**
 * LeadGateDrillQueries.cls: the lead lists behind the dashboard's numbers, printed from c/drillDown. For each count
 * (DRILL_COUNTS) and each owner scope (every owner, a team, a rep, both) the list's SELECT ... WHERE; for each object
 * and cut (dimension, kind of value, position) the condition it adds; for each object the ORDER BY and LIMIT. The
 * controller LeadGateDrillDownController joins head + cuts + tail and runs it WITH USER_MODE; the preview joins the
 * same strings read from this class (preview/server/apex/leadGateDrillDown.ts).
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import { TEXT_VALUE_PATTERN, dashboardFilters } from 'c/dashboardQueries';
import { segmentValues } from 'c/funnelMetrics';
import {
    DRILL_LIST_LIMIT,
    DRILL_LIST_LIMIT_BIND,
    drillCutBind,
    drillCutCondition,
    drillCutKinds,
    drillDimensions,
    drillDowns,
    drillListHead,
    drillListTail,
    type Dimension,
    type DrillCutKind
} from 'c/drillDown';
import { generatedNote } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { apexClassFiles, apexString, constant, method } from './apexClass.ts';

export const DRILL_QUERIES_CLASS = 'LeadGateDrillQueries';
export const DRILL_QUERIES_PATH = `force-app/main/default/classes/${DRILL_QUERIES_CLASS}.cls`;
/** The most cuts one list takes: the dashboard's filter and the number's own group (a source, a campaign). */
export const DRILL_MAX_CUTS = 2;

/** A drill key, dimension or kind as part of an Apex constant name: sqls -> SQLS, thinEvidenceSqls -> THIN_EVIDENCE_SQLS. */
const upper = (s: string): string =>
    s
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .toUpperCase();

/** The map key of a head: `<drill>[|team][|rep]`. */
export const headKey = (drill: string, team: boolean, rep: boolean): string =>
    [drill, ...(team ? ['team'] : []), ...(rep ? ['rep'] : [])].join('|');
/** The map key of a cut's condition: `<object>|<dimension>|<kind>|<position>`. */
export const cutKey = (object: string, dimension: Dimension, kind: DrillCutKind, position: number): string =>
    `${object}|${dimension}|${kind}|${position}`;

export interface DrillQueryTexts {
    heads: Array<{ key: string; constant: string; soql: string }>;
    cuts: Array<{ key: string; constant: string; soql: string }>;
    tails: Array<{ object: string; constant: string; soql: string }>;
}

/** Every text the class holds, from c/drillDown. */
export function drillQueryTexts(def: SqlDefinition): DrillQueryTexts {
    const drills = drillDowns(def);
    const heads = drills.flatMap((drill) =>
        [false, true].flatMap((team) =>
            [false, true].map((rep) => ({
                key: headKey(drill.key, team, rep),
                constant: `LIST_${upper(drill.key)}${team ? '_TEAM' : ''}${rep ? '_REP' : ''}`,
                soql: drillListHead(drill, team, rep)
            }))
        )
    );
    const byObject = new Map(drills.map((d) => [d.object, d]));
    const cuts = [...byObject.values()].flatMap((drill) =>
        drillDimensions(drill, def).flatMap((dimension) =>
            drillCutKinds(dimension).flatMap((kind) =>
                Array.from({ length: DRILL_MAX_CUTS }, (_, i) => ({
                    key: cutKey(drill.object, dimension, kind, i),
                    constant: `CUT_${upper(drill.object)}_${upper(dimension)}_${upper(kind)}_${i}`,
                    soql: ` AND ${drillCutCondition(drill, dimension, kind, drillCutBind(i), def)}`
                }))
            )
        )
    );
    const tails = [...byObject.values()].map((drill) => ({
        object: drill.object,
        constant: `TAIL_${upper(drill.object)}`,
        soql: drillListTail(drill)
    }));
    return { heads, cuts, tails };
}

export function generateDrillQueries(def: SqlDefinition): { files: GeneratedFile[] } {
    const texts = drillQueryTexts(def);
    const drills = drillDowns(def);
    const filters = new Map(dashboardFilters(def).map((f) => [f.field, f]));
    const patternOf = (dimension: Dimension): string => {
        if (dimension === 'reason') return TEXT_VALUE_PATTERN;
        if (dimension === 'source') return filters.get('LeadSource')!.pattern;
        if (dimension === 'campaign') return filters.get('CampaignId')!.pattern;
        const segment = def.segments.find((s) => `segment:${s.key}` === dimension)!;
        return filters.get(segment.field)?.pattern ?? TEXT_VALUE_PATTERN;
    };
    const dimensions = [...new Set(drills.flatMap((d) => drillDimensions(d, def)))];
    const cutStatements = dimensions.flatMap((dimension) => {
        const d = apexString(dimension);
        const segment = def.segments.find((s) => `segment:${s.key}` === dimension);
        return [
            `CUT_PATTERNS.put(${d}, ${apexString(patternOf(dimension))});`,
            ...(segment
                ? [
                      `CUT_VALUES.put(${d}, new Set<String>());`,
                      ...segmentValues(segment).map((v) => `CUT_VALUES.get(${d}).add(${apexString(v)});`),
                      `UNKNOWN_VALUES.put(${d}, ${apexString(segment.unknown)});`,
                      `OTHER_VALUES.put(${d}, ${apexString(segment.other)});`,
                      `OTHER_EXCLUDES.put(${d}, new List<String>());`,
                      ...segmentValues(segment)
                          .filter((v) => v !== segment.other)
                          .map((v) => `OTHER_EXCLUDES.get(${d}).add(${apexString(v)});`)
                  ]
                : [])
        ];
    });
    const lines = [
        '/**',
        ` * ${generatedNote(def)}`,
        ' *',
        " * The lead lists behind the dashboard's numbers, from c/drillDown (force-app/main/default/lwc/drillDown/drillDown.ts).",
        ' * LeadGateDrillDownController runs HEADS.get(drill[|team][|rep]) + CUTS.get(object|dimension|kind|position) ... +',
        ' * TAILS.get(object) WITH USER_MODE and returns the raw rows; the local preview runs the same strings. Constants only.',
        ' */',
        `public inherited sharing class ${DRILL_QUERIES_CLASS} {`,
        ...texts.heads.flatMap((h) => constant(`The list of ${h.key}.`, 'String', h.constant, apexString(h.soql))),
        ...texts.cuts.flatMap((c) => constant(`The cut ${c.key}.`, 'String', c.constant, apexString(c.soql))),
        ...texts.tails.flatMap((t) => constant(`The order and limit of a ${t.object} list.`, 'String', t.constant, apexString(t.soql))),
        ...constant(
            'Drill-down -> the object its list reads (Lead or CampaignMember).',
            'Map<String, String>',
            'OBJECTS',
            'new Map<String, String>()'
        ),
        ...constant('drill[|team][|rep] -> the SELECT ... WHERE of its list.', 'Map<String, String>', 'HEADS', 'new Map<String, String>()'),
        ...constant(
            'object|dimension|kind|position -> the condition the cut adds.',
            'Map<String, String>',
            'CUTS',
            'new Map<String, String>()'
        ),
        ...constant('Object -> the ORDER BY and LIMIT of its list.', 'Map<String, String>', 'TAILS', 'new Map<String, String>()'),
        ...constant(
            'Dimension -> the pattern a cut value matches (Pattern.matches).',
            'Map<String, String>',
            'CUT_PATTERNS',
            'new Map<String, String>()'
        ),
        ...constant(
            'Segment dimension -> the values it takes.',
            'Map<String, Set<String>>',
            'CUT_VALUES',
            'new Map<String, Set<String>>()'
        ),
        ...constant(
            'Segment dimension -> its unknown value (blank stamps count there too).',
            'Map<String, String>',
            'UNKNOWN_VALUES',
            'new Map<String, String>()'
        ),
        ...constant(
            'Segment dimension -> its other value (any stamp it does not list).',
            'Map<String, String>',
            'OTHER_VALUES',
            'new Map<String, String>()'
        ),
        ...constant(
            'Segment dimension -> the values its other group excludes.',
            'Map<String, List<String>>',
            'OTHER_EXCLUDES',
            'new Map<String, List<String>>()'
        ),
        ...constant('The most cuts one list takes.', 'Integer', 'MAX_CUTS', String(DRILL_MAX_CUTS)),
        ...constant(
            'The most leads one list shows (the query reads one more to know it was cut).',
            'Integer',
            'LIST_LIMIT',
            String(DRILL_LIST_LIMIT)
        ),
        ...constant("The bind of the list's LIMIT.", 'String', 'LIMIT_BIND', apexString(DRILL_LIST_LIMIT_BIND)),
        ...constant(
            "The bind prefix of a cut's value (drillCut0, drillCut1).",
            'String',
            'CUT_BIND',
            apexString(drillCutBind(0).slice(0, -1))
        ),
        '',
        '    static {',
        '        addHeads();',
        '        addCuts();',
        '        addCutValues();',
        '    }',
        ...method('addHeads', [
            ...drills.map((d) => `OBJECTS.put(${apexString(d.key)}, ${apexString(d.object)});`),
            ...texts.heads.map((h) => `HEADS.put(${apexString(h.key)}, ${h.constant});`)
        ]),
        ...method('addCuts', [
            ...texts.cuts.map((c) => `CUTS.put(${apexString(c.key)}, ${c.constant});`),
            ...texts.tails.map((t) => `TAILS.put(${apexString(t.object)}, ${t.constant});`)
        ]),
        ...method('addCutValues', cutStatements),
        '}',
        ''
    ];
    return { files: apexClassFiles(DRILL_QUERIES_PATH, lines) };
}
