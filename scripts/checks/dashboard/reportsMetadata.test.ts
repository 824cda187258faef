/**
 * The native reports and the Lightning dashboard (folder LeadGate), offline:
 * - every element name is one the Metadata API defines for its type, and every enumerated value is allowed
 *   (both read from @salesforce/types, which is generated from the Metadata API WSDL);
 * - every custom Lead column exists in force-app; standard LeadList columns come from a short list (their
 *   names are the report column names, not field API names: only an org can confirm them);
 * - the speed-to-lead buckets and the fit bands follow the SQL definition;
 * - the dashboard's components use existing reports and group by columns those reports group by;
 * - the drill-down reports are the ones the controller and the component link to, with their filters in
 *   the order the links' fv0, fv1, fv2 parameters address.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { drillReports } from 'c/drillDown';

const ROOT = join(__dirname, '..', '..', '..');
const DEFAULT = join(ROOT, 'force-app/main/default');
const TYPES = readFileSync(join(ROOT, 'node_modules/@salesforce/types/lib/metadata.d.ts'), 'utf8');

/** Property names of a `export type Name = ... { ... }` declaration in @salesforce/types. */
function typeKeys(name: string): Set<string> {
    const start = TYPES.search(new RegExp(`export type ${name} = (Metadata & )?\\{`));
    assert.ok(start >= 0, `@salesforce/types declares ${name}`);
    const body = TYPES.slice(TYPES.indexOf('{', start) + 1, TYPES.indexOf('\n};', start));
    return new Set([...body.matchAll(/^\s{4}(\w+)\??:/gm)].map((m) => m[1]!));
}

/** Members of a string-literal union type in @salesforce/types. */
function unionValues(name: string): Set<string> {
    const match = new RegExp(`export type ${name} = ([^;]+);`).exec(TYPES);
    assert.ok(match, `@salesforce/types declares ${name}`);
    return new Set([...match[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!));
}

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (_name, path) =>
        /\.(columns|criteriaItems|groupingsDown|groupingsAcross|buckets|values|sourceValues|chartSummaries|dashboardGridComponents|groupingColumn|chartSummary)$/.test(
            String(path)
        )
});
type Node = Record<string, unknown>;
const read = (file: string, root: string): Node => (parser.parse(readFileSync(file, 'utf8')) as Node)[root] as Node;
const arr = <T = Node>(value: unknown): T[] => (value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T]);

/** Element names under `node` that `typeName` does not define, recursing into typed children. */
function unknownElements(node: Node, typeName: string, children: Record<string, string>, path = typeName): string[] {
    const keys = typeKeys(typeName);
    const problems: string[] = [];
    for (const [key, value] of Object.entries(node)) {
        if (!keys.has(key)) problems.push(`${path}.${key}`);
        const childType = children[`${typeName}.${key}`];
        if (childType) for (const child of arr(value)) problems.push(...unknownElements(child, childType, children, `${path}.${key}`));
    }
    return problems;
}

const REPORT_CHILDREN: Record<string, string> = {
    'Report.buckets': 'ReportBucketField',
    'ReportBucketField.values': 'ReportBucketFieldValue',
    'ReportBucketFieldValue.sourceValues': 'ReportBucketFieldSourceValue',
    'Report.chart': 'ReportChart',
    'ReportChart.chartSummaries': 'ChartSummary',
    'Report.columns': 'ReportColumn',
    'Report.filter': 'ReportFilter',
    'ReportFilter.criteriaItems': 'ReportFilterItem',
    'Report.groupingsDown': 'ReportGrouping',
    'Report.groupingsAcross': 'ReportGrouping',
    'Report.timeFrameFilter': 'ReportTimeFrameFilter'
};
const DASHBOARD_CHILDREN: Record<string, string> = {
    'Dashboard.dashboardGridLayout': 'DashboardGridLayout',
    'DashboardGridLayout.dashboardGridComponents': 'DashboardGridComponent',
    'DashboardGridComponent.dashboardComponent': 'DashboardComponent',
    'DashboardComponent.chartSummary': 'ChartSummary'
};

const REPORT_DIR = join(DEFAULT, 'reports/LeadGate');
const reports = new Map(
    readdirSync(REPORT_DIR)
        .filter((f) => f.endsWith('.report-meta.xml'))
        .map((f) => [f.replace('.report-meta.xml', ''), read(join(REPORT_DIR, f), 'Report')] as const)
);
const dashboard = read(join(DEFAULT, 'dashboards/LeadGate/LeadGate_Funnel.dashboard-meta.xml'), 'Dashboard');

/** LeadList report columns for standard Lead fields used here (report column names). */
const STANDARD_COLUMNS = new Set(['FIRST_NAME', 'LAST_NAME', 'COMPANY', 'OWNER', 'LEAD_SOURCE', 'STATUS', 'CONVERTED']);

/** Every column a report names: columns, filters, groupings, chart, buckets' source, time frame. */
function columnsOf(report: Node): string[] {
    const names: string[] = [];
    for (const c of arr(report.columns)) names.push(String(c.field));
    for (const c of arr((report.filter as Node | undefined)?.criteriaItems)) names.push(String(c.column));
    for (const g of [...arr(report.groupingsDown), ...arr(report.groupingsAcross)]) names.push(String(g.field));
    for (const b of arr(report.buckets)) names.push(String(b.sourceColumnName));
    if (report.timeFrameFilter) names.push(String((report.timeFrameFilter as Node).dateColumn));
    return names;
}

const bucketDevNames = (report: Node): Set<string> => new Set(arr(report.buckets).map((b) => String(b.developerName)));

describe('LeadGate reports', () => {
    it('are the four managers asked for plus the generated drill-down reports', () => {
        assert.deepEqual(
            [...reports.keys()].sort(),
            [
                'LeadGate_Rejections_By_Source',
                'LeadGate_SQLs_By_Rep',
                'LeadGate_Score_Bands_Vs_Conversion',
                'LeadGate_Speed_To_Lead',
                ...drillReports().map((r) => r.name)
            ].sort()
        );
        assert.ok(existsSync(join(DEFAULT, 'reports/LeadGate.reportFolder-meta.xml')), 'the report folder has its metadata');
        assert.ok(existsSync(join(DEFAULT, 'dashboards/LeadGate.dashboardFolder-meta.xml')), 'the dashboard folder has its metadata');
    });

    for (const [name, report] of reports) {
        it(`${name}: only Metadata API elements and values`, () => {
            assert.deepEqual(unknownElements(report, 'Report', REPORT_CHILDREN), []);
            assert.ok(unionValues('ReportFormat').has(String(report.format)), `format ${String(report.format)}`);
            assert.equal(report.reportType, 'LeadList');
            const chart = report.chart as Node | undefined;
            if (chart) assert.ok(unionValues('ChartType').has(String(chart.chartType)), `chartType ${String(chart.chartType)}`);
            for (const item of arr((report.filter as Node | undefined)?.criteriaItems)) {
                assert.ok(unionValues('FilterOperation').has(String(item.operator)), `operator ${String(item.operator)}`);
            }
            if (report.timeFrameFilter) {
                assert.ok(unionValues('UserDateInterval').has(String((report.timeFrameFilter as Node).interval)));
            }
            assert.ok(String(report.description).length <= 255, 'a report description holds at most 255 characters');
        });

        it(`${name}: every column exists`, () => {
            const buckets = bucketDevNames(report);
            for (const column of columnsOf(report)) {
                if (buckets.has(column) || STANDARD_COLUMNS.has(column)) continue;
                const match = /^Lead\.(\w+__c)$/.exec(column);
                assert.ok(match, `${column}: custom Lead columns are written Lead.<Field__c>`);
                assert.ok(
                    existsSync(join(DEFAULT, 'objects/Lead/fields', `${match[1]}.field-meta.xml`)),
                    `${column} is a Lead field in force-app`
                );
            }
        });
    }

    it('buckets speed to lead at the SQL definition boundaries', () => {
        const bucket = arr(reports.get('LeadGate_Speed_To_Lead')!.buckets)[0]!;
        const ranges = arr(bucket.values).map((v) => {
            const source = arr(v.sourceValues)[0]!;
            return [source.from === undefined ? null : Number(source.from), source.to === undefined ? null : Number(source.to)];
        });
        const bounds = SQL_DEFINITION.sla.buckets.map((b) => b.maxMinutes);
        assert.deepEqual(
            ranges,
            bounds.map((max, i) => [i === 0 ? null : bounds[i - 1], max])
        );
        assert.equal(bucket.sourceColumnName, 'Lead.Minutes_To_First_Action__c');
    });

    it('bands fit scores around the SQL bar', () => {
        const bucket = arr(reports.get('LeadGate_Score_Bands_Vs_Conversion')!.buckets)[0]!;
        const firstTo = Number(arr(arr(bucket.values)[0]!.sourceValues)[0]!.to);
        assert.equal(firstTo, SQL_DEFINITION.bar.minFit - 1, 'the first band ends just under the fit bar');
    });

    it('drill-down reports take the window (fv0, fv1) and the rep (fv2) where the dashboard links put them', () => {
        // Which leads each report selects is proven in drillParity.test.ts; here, where the link's values land.
        for (const report of drillReports()) {
            const filters = arr((reports.get(report.name)!.filter as Node).criteriaItems).map((c) => [c.column, c.operator, c.isUnlocked]);
            assert.deepEqual(filters.slice(0, 2), [
                ['Lead.MQL_At__c', 'greaterOrEqual', 'true'],
                ['Lead.MQL_At__c', 'lessThan', 'true']
            ]);
            if (report.perRep) assert.deepEqual(filters[2], ['OWNER', 'equals', 'true']);
            assert.ok(
                filters.slice(report.perRep ? 3 : 2).every((f) => f[2] === 'false'),
                `${report.name}: its own conditions are locked`
            );
        }
    });
});

describe('LeadGate_Funnel dashboard', () => {
    it('has only Metadata API elements and values', () => {
        assert.deepEqual(unknownElements(dashboard, 'Dashboard', DASHBOARD_CHILDREN), []);
        assert.ok(unionValues('DashboardType').has(String(dashboard.dashboardType)));
        const components = arr((dashboard.dashboardGridLayout as Node).dashboardGridComponents).map((g) => g.dashboardComponent as Node);
        for (const c of components) {
            assert.ok(unionValues('DashboardComponentType').has(String(c.componentType)), `componentType ${String(c.componentType)}`);
            assert.ok(unionValues('DashboardComponentFilter').has(String(c.sortBy)), `sortBy ${String(c.sortBy)}`);
        }
    });

    it('shows each managers report once, grouped as the report groups', () => {
        const components = arr((dashboard.dashboardGridLayout as Node).dashboardGridComponents).map((g) => g.dashboardComponent as Node);
        assert.deepEqual(components.map((c) => c.report).sort(), [
            'LeadGate/LeadGate_Rejections_By_Source',
            'LeadGate/LeadGate_SQLs_By_Rep',
            'LeadGate/LeadGate_Score_Bands_Vs_Conversion',
            'LeadGate/LeadGate_Speed_To_Lead'
        ]);
        for (const c of components) {
            const report = reports.get(String(c.report).replace('LeadGate/', ''))!;
            const grouped = [...arr(report.groupingsDown), ...arr(report.groupingsAcross)].map((g) => g.field);
            for (const column of arr<string>(c.groupingColumn))
                assert.ok(grouped.includes(column), `${String(c.report)} groups by ${column}`);
        }
    });

    it('lays its components on the grid without overlap', () => {
        const cells = new Set<string>();
        for (const g of arr((dashboard.dashboardGridLayout as Node).dashboardGridComponents)) {
            for (let r = Number(g.rowIndex); r < Number(g.rowIndex) + Number(g.rowSpan); r++) {
                for (let c = Number(g.columnIndex); c < Number(g.columnIndex) + Number(g.colSpan); c++) {
                    assert.ok(c < 12, 'inside the 12 columns');
                    assert.ok(!cells.has(`${r}:${c}`), `cell ${r}:${c} used once`);
                    cells.add(`${r}:${c}`);
                }
            }
        }
    });
});
