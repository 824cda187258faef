/**
 * The dashboard's SOQL, offline, as the org will run it:
 * - every query of the generated Apex class LeadGateDashboardQueries parses and names real objects and fields;
 * - the class holds exactly the query table's text (c/dashboardQueries), and the preview executes those very strings:
 *   a live load, a team's load and the teams list run only texts of the class, byte for byte;
 * - the Apex response classes carry the fields c/dashboardQueries reads (FunnelResponse, QueryRows, TeamsResponse).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
    dashboardFilters,
    renderedQueries,
    type FunnelResponse,
    type QueryRows,
    type TeamsResponse,
    type TrendResponse
} from 'c/dashboardQueries';
import { MAX_WINDOW_DAYS } from 'c/funnelMetrics';
import { loadSchema } from '../verify-apex/schema';
import { checkSoql } from '../verify-apex/soql';
import { loadPreviewStore } from '../../../preview/server/loadStore';
import { APEX_QUERIES_FILE, apexQueries, parseApexQueries } from '../../../preview/server/soql/apexQueries';
import { getFunnel, getTeams, getTrend, type RunnerEnv } from '../../../preview/server/soql/dashboardRunner';
import { Governor } from '../../../preview/server/soql/governor';
import { recordsOrg } from '../../../preview/server/soql/org';

const ROOT = join(__dirname, '..', '..', '..');
const CLASSES = join(ROOT, 'force-app/main/default/classes');
const controller = readFileSync(join(CLASSES, 'LeadGateDashboardController.cls'), 'utf8');
const selector = readFileSync(join(CLASSES, 'LeadFunnelSelector.cls'), 'utf8');
const generated = parseApexQueries(readFileSync(join(ROOT, APEX_QUERIES_FILE), 'utf8'));

/** The SOQL parser takes no bind in LIMIT (Apex does): `LIMIT :cap` is checked as a number. */
const parseable = (soql: string): string => soql.replace(/LIMIT :cap$/, 'LIMIT 1');

describe('LeadGateDashboardQueries against the project schema', () => {
    const schema = loadSchema(ROOT);
    it('holds every query of the table', () => assert.ok(generated.size >= 30, `${generated.size} queries`));
    for (const [name, soql] of generated) {
        it(`${name} parses and names real objects and fields`, () => assert.deepEqual(checkSoql(parseable(soql), schema), [], soql));
    }
});

describe('the SOQL the org runs is the SOQL the preview executes', () => {
    it('the Apex class holds the query table, byte for byte', () => {
        assert.deepEqual(generated, new Map(renderedQueries().map((q) => [q.name, q.soql])));
    });

    it('a live load, a team load, the teams list and the trend run only the strings of the Apex class', () => {
        const NOW = new Date('2026-05-14T12:00:00.000Z');
        const { store } = loadPreviewStore(ROOT, () => NOW);
        const log: string[] = [];
        const env = (): RunnerEnv => ({
            org: recordsOrg(loadSchema(ROOT), (type) => store.records(type)),
            queries: apexQueries(ROOT),
            governor: new Governor(),
            now: NOW,
            userId: '005LG0000000001AAA',
            log
        });
        getFunnel({ windowStart: '2026-02-13', windowEnd: '2026-05-15', teamManagerId: null }, env());
        getFunnel({ windowStart: '2026-02-13', windowEnd: '2026-05-15', teamManagerId: '005LG0000000001AAA' }, env());
        // Every filter, for every owner and for a team: each filtered variant of a live query runs.
        for (const f of dashboardFilters()) {
            const filter = { field: f.field, value: f.values[0] ?? (f.kind === 'campaign' ? '701LG0000000001AAA' : 'Web') };
            for (const teamManagerId of [null, '005LG0000000001AAA'])
                getFunnel({ windowStart: '2026-02-13', windowEnd: '2026-05-15', teamManagerId, filter }, env());
        }
        getTeams(env());
        getTrend({ teamManagerId: null }, env());
        getTrend({ teamManagerId: '005LG0000000001AAA' }, env());
        const texts = new Set(generated.values());
        for (const soql of log) assert.ok(texts.has(soql), `the preview ran a query the Apex class does not hold: ${soql}`);
        const live = [...generated].filter(([name]) => !/^SNAPSHOT_|^LATEST_SNAPSHOT_RUN$/.test(name)).map(([, soql]) => soql);
        assert.deepEqual(
            live.filter((soql) => !log.includes(soql)),
            [],
            'every live query, its team variant and their filtered variants ran'
        );
    });
});

describe('the response classes carry the FunnelResponse contract', () => {
    const auraFields = (source: string, className: string): string[] => {
        const start = source.indexOf(`public class ${className} {`);
        assert.ok(start >= 0, `class ${className}`);
        const body = source.slice(start, source.indexOf('\n    }\n', start));
        return [...body.matchAll(/@AuraEnabled\s+public [\w.<>, ]+ (\w+)/g)].map((m) => m[1]!).sort();
    };
    const keys = (o: object): string[] => Object.keys(o).sort();

    it('Funnel, QueryRows and Teams have the fields the dashboard reads', () => {
        const funnel: Record<keyof FunnelResponse, null> = {
            source: null,
            windowStart: null,
            windowEnd: null,
            asOf: null,
            teamChosen: null,
            rowsUsed: null,
            results: null,
            owners: null,
            filterField: null,
            filterValue: null
        };
        const rows: Record<keyof QueryRows, null> = { part: null, name: null, aliases: null, rows: null };
        const teams: Record<keyof TeamsResponse, null> = { currentUserId: null, teams: null };
        assert.deepEqual(auraFields(controller, 'Funnel'), keys(funnel));
        assert.deepEqual(auraFields(selector, 'QueryRows'), keys(rows));
        assert.deepEqual(auraFields(controller, 'Teams'), keys(teams));
        const trend: Record<keyof TrendResponse, null> = {
            source: null,
            windowStart: null,
            windowEnd: null,
            asOf: null,
            rowsUsed: null,
            results: null
        };
        assert.deepEqual(auraFields(controller, 'Trend'), keys(trend));
    });

    it('accepts the same longest window as the dashboard', () => {
        assert.equal(Number(/MAX_WINDOW_DAYS = (\d+);/.exec(controller)![1]), MAX_WINDOW_DAYS);
    });
});
