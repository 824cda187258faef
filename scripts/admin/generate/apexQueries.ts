/**
 * LeadGateDashboardQueries.cls: the coaching dashboard's SOQL, printed from the query table
 * (force-app/main/default/lwc/dashboardQueries/dashboardQueries.ts). The controller and the snapshot batch run these
 * strings as they are and return raw rows keyed by the generated alias lists, so no Apex reads a row by a typed
 * alias; the preview and the bench run the same strings through the SOQL evaluator (preview/server/soql).
 */
import type { SqlDefinition } from 'c/sqlDefinition';
import {
    ROW_BUDGET,
    FILTER_BIND,
    SNAPSHOT_RUN_KIND,
    dashboardFilters,
    dashboardParts,
    filteredQueryNames,
    liveRowCost,
    partVariants,
    renderedQueries,
    trendRowsPerMql
} from 'c/dashboardQueries';
import { drillReports } from 'c/drillDown';
import { generatedNote } from './fields.ts';
import type { GeneratedFile } from './types.ts';
import { apexClassFiles, apexString, constant, method } from './apexClass.ts';

export const APEX_QUERIES_CLASS = 'LeadGateDashboardQueries';
export const APEX_QUERIES_PATH = `force-app/main/default/classes/${APEX_QUERIES_CLASS}.cls`;
/** LeadGate_Funnel_Snapshot__c.Kind__c holds a part's name: its length (Text(20)). */
const SNAPSHOT_KIND_LENGTH = 20;
/** Queries registered per static method: the filtered variants make the list long, and one Apex method has a size limit. */
const QUERIES_PER_METHOD = 40;

export function generateApexQueries(def: SqlDefinition): { files: GeneratedFile[] } {
    const queries = renderedQueries(def);
    const parts = dashboardParts(def);
    const cost = liveRowCost(def);
    const partStatements: string[] = [];
    const snapshotStatements: string[] = [];
    const countFields = new Set<string>();
    for (const variants of partVariants(def)) {
        const part = variants.part;
        if (part.name.length > SNAPSHOT_KIND_LENGTH)
            throw new Error(
                `Dashboard part ${part.name} is longer than Kind__c holds (${SNAPSHOT_KIND_LENGTH} characters): shorten its name.`
            );
        const name = apexString(part.name);
        partStatements.push(
            `PARTS.add(${name});`,
            `LIVE_EVERY_OWNER.put(${name}, ${apexString(variants.live)});`,
            `LIVE_TEAM.put(${name}, ${apexString(variants.liveTeam)});`,
            `SNAPSHOT_EVERY_OWNER.put(${name}, ${apexString(variants.snapshot)});`,
            `SNAPSHOT_TEAM.put(${name}, ${apexString(variants.snapshotTeam)});`
        );
        const groups = part.select.filter((c) => !c.aggregate);
        const counts = part.select.filter((c) => c.aggregate);
        snapshotStatements.push(`SNAPSHOT_GROUP_FIELDS.put(${apexString(part.name)}, new Map<String, String>());`);
        snapshotStatements.push(`SNAPSHOT_COUNT_FIELDS.put(${apexString(part.name)}, new Map<String, String>());`);
        for (const c of groups)
            snapshotStatements.push(
                `SNAPSHOT_GROUP_FIELDS.get(${apexString(part.name)}).put(${apexString(c.alias)}, ${apexString(c.snapshotField!)});`
            );
        for (const c of counts) {
            countFields.add(c.snapshotField!);
            snapshotStatements.push(
                `SNAPSHOT_COUNT_FIELDS.get(${apexString(part.name)}).put(${apexString(c.alias)}, ${apexString(c.snapshotField!)});`
            );
        }
    }
    for (const field of [...countFields].sort()) snapshotStatements.push(`SNAPSHOT_COUNTS.add(${apexString(field)});`);
    const funnel = parts.find((p) => p.name === 'FUNNEL');
    const ownerAlias = funnel?.select.find((c) => c.field === funnel.teamField)?.alias;
    if (!ownerAlias) throw new Error('The dashboard query table has no FUNNEL query grouped by its owner field.');

    const queryChunks: Array<typeof queries> = [];
    for (let i = 0; i < queries.length; i += QUERIES_PER_METHOD) queryChunks.push(queries.slice(i, i + QUERIES_PER_METHOD));
    const filters = dashboardFilters(def);
    const filtered = filteredQueryNames(def);
    const filterMethods = filters.map((f, i) =>
        method(`addFilter${i + 1}`, [
            `FILTER_FIELDS.add(${apexString(f.field)});`,
            `FILTER_PATTERNS.put(${apexString(f.field)}, ${apexString(f.pattern)});`,
            `FILTER_VALUES.put(${apexString(f.field)}, new Set<String>());`,
            ...f.values.map((v) => `FILTER_VALUES.get(${apexString(f.field)}).add(${apexString(v)});`),
            'Map<String, String> names = new Map<String, String>();',
            ...[...filtered.get(f.field)!].map(([from, to]) => `names.put(${apexString(from)}, ${apexString(to)});`),
            `FILTERED_QUERIES.put(${apexString(f.field)}, names);`
        ])
    );

    const lines = [
        '/**',
        ` * ${generatedNote(def)}`,
        ' *',
        " * The coaching dashboard's SOQL, from the query table in force-app/main/default/lwc/dashboardQueries/dashboardQueries.ts.",
        ' * LeadGateDashboardController and LeadFunnelSnapshotBatch run these strings WITH USER_MODE and return the rows',
        ' * keyed by ALIASES; c/dashboardQueries reads them. The local preview runs the same strings. Constants only.',
        ' */',
        `public inherited sharing class ${APEX_QUERIES_CLASS} {`,
        ...queries.flatMap((q) => constant(`${q.spec.purpose}${q.team ? ' One team.' : ''}`, 'String', q.name, apexString(q.soql))),
        ...constant('Query name -> its text.', 'Map<String, String>', 'SOQL', 'new Map<String, String>()'),
        ...constant(
            'Query name -> the aliases (or fields) of its select list, in order.',
            'Map<String, List<String>>',
            'ALIASES',
            'new Map<String, List<String>>()'
        ),
        ...constant('The parts of one dashboard load (live query names), in order.', 'List<String>', 'PARTS', 'new List<String>()'),
        ...constant(
            'Part -> the query the live path runs for every owner.',
            'Map<String, String>',
            'LIVE_EVERY_OWNER',
            'new Map<String, String>()'
        ),
        ...constant('Part -> the query the live path runs for a team.', 'Map<String, String>', 'LIVE_TEAM', 'new Map<String, String>()'),
        ...constant(
            'Part -> the query the snapshot path runs for every owner.',
            'Map<String, String>',
            'SNAPSHOT_EVERY_OWNER',
            'new Map<String, String>()'
        ),
        ...constant(
            'Part -> the query the snapshot path runs for a team.',
            'Map<String, String>',
            'SNAPSHOT_TEAM',
            'new Map<String, String>()'
        ),
        ...constant(
            'Part -> grouped alias -> the snapshot field that stores it.',
            'Map<String, Map<String, String>>',
            'SNAPSHOT_GROUP_FIELDS',
            'new Map<String, Map<String, String>>()'
        ),
        ...constant(
            'Part -> counted alias -> the snapshot field that adds it up.',
            'Map<String, Map<String, String>>',
            'SNAPSHOT_COUNT_FIELDS',
            'new Map<String, Map<String, String>>()'
        ),
        ...constant(
            'Every snapshot count field (a new snapshot row starts each at 0).',
            'List<String>',
            'SNAPSHOT_COUNTS',
            'new List<String>()'
        ),
        ...constant(
            'The fields the dashboard can be filtered by (the allow-list the controller checks a filter against).',
            'Set<String>',
            'FILTER_FIELDS',
            'new Set<String>()'
        ),
        ...constant(
            'Filter field -> the pattern every value matches (Pattern.matches, the whole value).',
            'Map<String, String>',
            'FILTER_PATTERNS',
            'new Map<String, String>()'
        ),
        ...constant(
            "Filter field -> the values it takes (a segment's bands or groups); empty: any value its pattern allows.",
            'Map<String, Set<String>>',
            'FILTER_VALUES',
            'new Map<String, Set<String>>()'
        ),
        ...constant(
            'Filter field -> query -> the query to run under that filter (itself when the rows cannot be narrowed).',
            'Map<String, Map<String, String>>',
            'FILTERED_QUERIES',
            'new Map<String, Map<String, String>>()'
        ),
        ...constant("The bind that holds the filter's value in every filtered query.", 'String', 'FILTER_BIND', apexString(FILTER_BIND)),
        ...constant('The part whose rows name the owners shown on the dashboard.', 'String', 'OWNER_PART', apexString(funnel!.name)),
        ...constant('The alias of OWNER_PART that holds the owner ids.', 'String', 'OWNER_ALIAS', apexString(ownerAlias)),
        ...constant(
            'Kind__c of the marker row a finished snapshot run writes.',
            'String',
            'SNAPSHOT_RUN_KIND',
            apexString(SNAPSHOT_RUN_KIND)
        ),
        ...constant('Query rows the live path reads at most per MQL of the window.', 'Integer', 'LIVE_ROWS_PER_MQL', String(cost.perMql)),
        ...constant(
            'Query rows the live trend reads at most per MQL of its window.',
            'Integer',
            'TREND_ROWS_PER_MQL',
            String(trendRowsPerMql(def))
        ),
        ...constant(
            'Query rows the live path reads at most per campaign member of the window.',
            'Integer',
            'LIVE_ROWS_PER_MEMBER',
            String(cost.perMember)
        ),
        ...constant(
            "Query rows the live path reads at most per evidence review of the window's SQLs.",
            'Integer',
            'LIVE_ROWS_PER_REVIEW',
            String(cost.perReview)
        ),
        ...constant(
            'Percent of the query-row limit one dashboard load may use.',
            'Integer',
            'ROW_BUDGET_PERCENT',
            String(ROW_BUDGET.percentOfLimit)
        ),
        ...constant('Query rows kept for owner names and teams.', 'Integer', 'RESERVED_ROWS', String(ROW_BUDGET.reservedRows)),
        ...constant(
            "The drill-down reports (folder LeadGate) the dashboard's numbers open, from c/drillDown.",
            'Set<String>',
            'DRILL_DOWN_REPORTS',
            'new Set<String>()'
        ),
        '',
        '    static {',
        ...queryChunks.map((_, i) => `        addQueries${i + 1}();`),
        '        addParts();',
        '        addSnapshotFields();',
        ...filters.map((_, i) => `        addFilter${i + 1}();`),
        '        addDrillDownReports();',
        '    }',
        ...queryChunks.flatMap((chunk, i) =>
            method(
                `addQueries${i + 1}`,
                chunk.flatMap((q) => [
                    `SOQL.put(${apexString(q.name)}, ${q.name});`,
                    `ALIASES.put(${apexString(q.name)}, new List<String>());`,
                    ...q.aliases.map((a) => `ALIASES.get(${apexString(q.name)}).add(${apexString(a)});`)
                ])
            )
        ),
        ...method('addParts', partStatements),
        ...method('addSnapshotFields', snapshotStatements),
        ...filterMethods.flat(),
        ...method(
            'addDrillDownReports',
            drillReports(def).map((r) => `DRILL_DOWN_REPORTS.add(${apexString(r.name)});`)
        ),
        '}',
        ''
    ];
    return { files: apexClassFiles(APEX_QUERIES_PATH, lines) };
}
