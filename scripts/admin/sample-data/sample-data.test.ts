/**
 * The sample data (data/): committed files equal the generator's output; the sf data tree plan is valid for
 * the CLI; every value fits the project's Lead metadata; each showcase lead shows what it claims (checked with
 * the real scoring module and the formula harness); the history holds the patterns the dashboard must find.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SQL_DEFINITION, FIELDS } from 'c/sqlDefinition';
import { readiness, rejectionStatus, scoreLead, statusOfStage, suggestFramework } from 'c/leadScoring';
import { flowFormulaStamps, loadLeadMetadata, runValidationRules, type LeadMetadata } from '../../interpreters/formula/harness';
import { loadSchema } from '../../checks/verify-metadata/checks';
import { HANNAH, INTEGRATION, MARCUS, SAMPLE_REVISION } from './cast';
import { HISTORY_COUNT, buildSampleData, serialise, staleFiles } from './sampleData';
import { gamingRepProblems, historySpanProblems, reviewBacklogProblems, sampleRevisionProblems } from './patterns';
import { REPO_ROOT, loadSampleData, readPlan, shiftToNow, type SampleData, type SampleLead } from './load';
import { PLAN_FILE, RECORDS_PER_FILE, type PlanEntry, type TreeFile } from './model';

const build = buildSampleData();
let data: SampleData;
let meta: LeadMetadata;
const temps: string[] = [];
before(() => {
    data = loadSampleData();
    meta = loadLeadMetadata(REPO_ROOT);
});
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const anchor = (): string => data.anchor;
const showcase = (key: string): SampleLead => {
    const entry = data.showcase.find((s) => s.key === key);
    const lead = data.leads.find((l) => l.referenceId === entry?.referenceId);
    assert.ok(lead, `showcase lead ${key} is missing`);
    return lead;
};
const history = (): SampleLead[] => data.leads.filter((l) => !data.showcase.some((s) => s.referenceId === l.referenceId));
const ms = (value: unknown): number => Date.parse(String(value));

describe('generated files', () => {
    test('the committed data/ files are exactly what the generator writes (--check)', () => {
        assert.deepEqual(staleFiles(REPO_ROOT, build.files), []);
    });

    test('--check exits 1 and names a hand-edited file', () => {
        const root = mkdtempSync(join(tmpdir(), 'leadgate-data-'));
        temps.push(root);
        cpSync(join(REPO_ROOT, 'data'), join(root, 'data'), { recursive: true });
        const file = join(root, 'data/Lead.json');
        writeFileSync(file, readFileSync(file, 'utf8').replace('Halden Biotech', 'Halden Biotech Inc'));
        const run = spawnSync(
            process.execPath,
            ['--import', 'tsx', join(REPO_ROOT, 'scripts/admin/sample-data/generate-sample-data.ts'), '--check', '--root', root],
            {
                cwd: REPO_ROOT,
                encoding: 'utf8'
            }
        );
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stdout, /^data\/Lead\.json: differs from what the sample-data generator writes\. Fix: .+$/m);
        assert.match(run.stdout, /1 stale file/);
    });

    test('--help prints the usage and writes nothing; an unknown option exits 2 and writes nothing', () => {
        const root = mkdtempSync(join(tmpdir(), 'leadgate-data-'));
        temps.push(root);
        const cli = (...args: string[]) =>
            spawnSync(
                process.execPath,
                ['--import', 'tsx', join(REPO_ROOT, 'scripts/admin/sample-data/generate-sample-data.ts'), ...args],
                {
                    cwd: REPO_ROOT,
                    encoding: 'utf8'
                }
            );
        const help = cli('--root', root, '--help');
        assert.equal(help.status, 0, help.stderr);
        assert.match(help.stdout, /^Usage: npx tsx scripts\/admin\/sample-data\/generate-sample-data\.ts \[--check\] \[--root <dir>\]/);
        assert.deepEqual(readdirSync(root), [], '--help wrote files');
        const typo = cli('--root', root, '--chek');
        assert.equal(typo.status, 2);
        assert.match(typo.stderr, /^Unknown option "--chek"\.\n\nUsage:/);
        assert.deepEqual(readdirSync(root), [], 'an unknown option wrote files');
    });

    test('prettier leaves the generated layout unchanged (format:verify runs over data/)', async () => {
        const prettier = await import('prettier');
        for (const path of [
            'data/sample-plan.json',
            'data/users.json',
            'data/Campaign.json',
            'data/Lead.json',
            'data/history/CampaignMember-01.json'
        ]) {
            const absolute = join(REPO_ROOT, path);
            const options = { ...(await prettier.resolveConfig(absolute)), filepath: absolute };
            assert.ok(await prettier.check(serialise(build.files.get(path)), options), `${path} is not in prettier's layout`);
        }
    });

    test('the generator is deterministic: the same seed writes the same history', () => {
        const again = buildSampleData();
        assert.deepEqual([...again.files.entries()], [...build.files.entries()]);
    });
});

describe('the sf data tree import plan', () => {
    test('passes the CLI plan schema, and every file holds records of its sObject, at most 200 per file', async () => {
        const schemaModule = pathToFileURL(join(REPO_ROOT, 'node_modules/@salesforce/plugin-data/lib/schema/dataImportPlan.js')).href;
        const { DataImportPlanArraySchema } = (await import(schemaModule)) as {
            DataImportPlanArraySchema: { safeParse(v: unknown): { success: boolean } };
        };
        const plan = JSON.parse(readFileSync(join(REPO_ROOT, PLAN_FILE), 'utf8')) as PlanEntry[];
        assert.equal(DataImportPlanArraySchema.safeParse(plan).success, true);
        assert.deepEqual(
            plan.map((p) => p.sobject),
            ['Campaign', 'Lead', 'CampaignMember', 'LeadGate_Evidence_Review__c']
        );
        for (const entry of plan) {
            for (const file of entry.files) {
                const { records } = JSON.parse(readFileSync(join(REPO_ROOT, 'data', file), 'utf8')) as TreeFile;
                assert.ok(records.length > 0 && records.length <= RECORDS_PER_FILE, `${file}: ${records.length} records`);
                for (const record of records)
                    assert.equal(record.attributes.type, entry.sobject, `${file}: ${record.attributes.referenceId}`);
            }
        }
    });

    test('referenceIds are unique and in the CLI reference pattern; every @reference points to an earlier record', () => {
        const seen = new Set<string>();
        for (const [, records] of readPlan()) {
            for (const record of records) {
                for (const [field, value] of Object.entries(record)) {
                    if (typeof value === 'string' && value.startsWith('@'))
                        assert.ok(seen.has(value.slice(1)), `${record.attributes.referenceId}.${field} -> ${value}`);
                }
            }
            for (const record of records) {
                assert.match(record.attributes.referenceId, /^\w+Ref\d+$/);
                assert.ok(!seen.has(record.attributes.referenceId), `duplicate ${record.attributes.referenceId}`);
                seen.add(record.attributes.referenceId);
            }
        }
        assert.equal(data.leads.length, 8 + HISTORY_COUNT);
    });

    test('every field is a real, writable field of its object, with a value of the right type, picklist value and length', () => {
        const schema = loadSchema(REPO_ROOT);
        const problems: string[] = [];
        const notWritable = new Set([
            FIELDS.fitScore,
            'Id',
            'IsConverted',
            'OwnerId',
            'CreatedDate',
            'LastModifiedDate',
            'ConvertedDate',
            'ConvertedOpportunityId'
        ]);
        const statuses = new Set(SQL_DEFINITION.stages.filter((s) => s.key !== 'Converted').map((s) => s.status));
        for (const [sobject, records] of readPlan()) {
            for (const record of records) {
                for (const [name, value] of Object.entries(record)) {
                    if (name === 'attributes') continue;
                    const where = `${record.attributes.referenceId}.${name}`;
                    if (!schema.objects.get(sobject.toLowerCase())?.fields.has(name.toLowerCase()))
                        problems.push(`${where}: no such ${sobject} field`);
                    if (sobject !== 'Lead') continue;
                    const field = meta.fields.get(name) ?? meta.field?.(name);
                    if (!field) {
                        problems.push(`${where}: not in the Lead metadata`);
                        continue;
                    }
                    if (field.formula || notWritable.has(name))
                        problems.push(`${where}: ${field.formula ? 'formula' : 'system or flow-stamped'} field set by the data`);
                    if (field.picklistValues && !field.picklistValues.includes(String(value)))
                        problems.push(`${where}: "${value}" is not a picklist value`);
                    if (name === 'Status' && !statuses.has(String(value)))
                        problems.push(`${where}: "${value}" is not an importable stage status`);
                    if (field.length && String(value).length > field.length) problems.push(`${where}: longer than ${field.length}`);
                    if (field.dataType === 'datetime' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(String(value)))
                        problems.push(`${where}: not an ISO date-time`);
                    if (field.dataType === 'number' && typeof value !== 'number') problems.push(`${where}: not a number`);
                }
            }
        }
        assert.deepEqual(problems.slice(0, 20), []);
    });

    test('preview-only values name real Lead fields, and every owner or qualifier is a sample user', () => {
        const userIds = new Set(data.users.map((u) => u.id));
        for (const lead of data.leads) {
            assert.ok(userIds.has(String(lead.fields.OwnerId)), `${lead.referenceId}: owner`);
            if (lead.fields[FIELDS.sqlQualifiedBy] !== undefined) assert.ok(userIds.has(String(lead.fields[FIELDS.sqlQualifiedBy])));
            if (lead.opportunity) assert.ok(userIds.has(lead.opportunity.ownerId));
            for (const name of Object.keys(lead.fields))
                assert.ok(meta.fields.get(name) ?? meta.field?.(name), `${lead.referenceId}.${name}`);
        }
        assert.equal(new Set(data.leads.map((l) => l.id)).size, data.leads.length, 'preview Ids are unique');
    });
});

describe('users', () => {
    test('SDRs, one manager, one admin and one integration user, each with their LeadGate permission set', () => {
        const roles = data.users.map((u) => u.role);
        assert.ok(roles.filter((r) => r === 'SDR').length >= 4);
        for (const role of ['Manager', 'Admin', 'Integration'] as const) assert.equal(roles.filter((r) => r === role).length, 1, role);
        assert.equal(new Set(data.users.map((u) => u.id)).size, data.users.length);
        for (const user of data.users) {
            assert.match(user.id, /^005[A-Za-z0-9]{15}$/);
            for (const set of user.permissionSets) {
                const path = join(REPO_ROOT, 'force-app/main/default/permissionsets', `${set}.permissionset-meta.xml`);
                assert.doesNotThrow(() => readFileSync(path), `${user.name}: permission set ${set} is not in force-app`);
            }
        }
        assert.deepEqual(data.users.find((u) => u.role === 'Integration')?.permissionSets, ['LeadGate_Integration']);
    });
});

describe('showcase leads, at the anchor', () => {
    const bar = SQL_DEFINITION.bar;

    test('bant-mql-partial: an MQL with some BANT criteria complete and some not', () => {
        const lead = showcase('bant-mql-partial');
        const r = readiness(lead.fields, anchor());
        assert.equal(lead.fields.Status, statusOfStage('MQL'));
        assert.equal(r.framework, 'BANT');
        assert.ok(r.completeCount > 0 && r.completeCount < r.total, `${r.completeCount}/${r.total}`);
        assert.ok(r.criteria.some((c) => c.status === 'In Progress' && c.evidenceChars > 0 && !c.evidenceEnough));
        assert.ok(r.score.meetsBar);
    });

    test('bant-sal-ready: Sales Accepted, every criterion complete, above the bar, and no validation rule fires on Mark Sales Qualified', () => {
        const lead = showcase('bant-sal-ready');
        assert.equal(lead.fields.Status, statusOfStage('SAL'));
        assert.equal(readiness(lead.fields, anchor()).ready, true);
        const next = { ...lead.fields, Status: statusOfStage('SQL') };
        const ctx = { now: new Date(anchor()), isNew: false, prior: lead.fields, permissions: new Set<string>() };
        assert.deepEqual(runValidationRules({ ...next, ...flowFormulaStamps(next, ctx, meta) }, ctx, meta), []);
    });

    test('bant-mql-partial would be refused as Sales Qualified, with the rules of its incomplete criteria', () => {
        const lead = showcase('bant-mql-partial');
        const next = { ...lead.fields, Status: statusOfStage('SQL') };
        const ctx = { now: new Date(anchor()), isNew: false, prior: lead.fields, permissions: new Set<string>() };
        const fired = runValidationRules({ ...next, ...flowFormulaStamps(next, ctx, meta) }, ctx, meta);
        const fields = new Set(fired.map((f) => f.field));
        assert.ok(fields.has('Authority_Evidence__c') && fields.has('Timeline_Evidence__c'), JSON.stringify(fired));
        assert.ok(!fields.has('Budget_Evidence__c'));
    });

    test('meddic-enterprise: an enterprise-sized lead on MEDDIC, blocked only by its incomplete criteria and unnamed committee', () => {
        const lead = showcase('meddic-enterprise');
        const r = readiness(lead.fields, anchor());
        assert.equal(suggestFramework(lead.fields), 'MEDDIC');
        assert.equal(r.framework, 'MEDDIC');
        // Issue 19: MEDDIC also needs a named economic buyer and champion; the sample data names nobody.
        assert.ok(
            r.blockers.some((b) => b.kind === 'criterion') && r.blockers.every((b) => b.kind === 'criterion' || b.kind === 'committeeRole'),
            JSON.stringify(r.blockers.map((b) => b.kind))
        );
    });

    test('high-fit-no-intent: fit over the bar, intent under it', () => {
        const score = scoreLead(showcase('high-fit-no-intent').fields, anchor());
        assert.ok(score.fit >= bar.minFit + 30 && score.intent < bar.minIntent, `fit ${score.fit} intent ${score.intent}`);
    });

    test('high-intent-poor-fit: intent over the bar, fit under it, with the free email rule in the ledger', () => {
        const score = scoreLead(showcase('high-intent-poor-fit').fields, anchor());
        assert.ok(score.intent >= bar.minIntent + 20 && score.fit < bar.minFit, `fit ${score.fit} intent ${score.intent}`);
        assert.ok(score.ledger.some((line) => line.ruleId === 'freeEmail'));
    });

    test('disqualifying-budget: Budget marked Disqualifying, pointing to No Budget', () => {
        const r = readiness(showcase('disqualifying-budget').fields, anchor());
        assert.deepEqual(
            r.disqualifying.map((c) => [c.key, c.disqualifyReason]),
            [['Budget', 'No Budget']]
        );
    });

    test('mql-no-timestamp: Marketing Qualified with no MQL timestamp', () => {
        const lead = showcase('mql-no-timestamp');
        assert.equal(lead.fields.Status, statusOfStage('MQL'));
        assert.equal(lead.fields[FIELDS.mqlAt], undefined);
    });

    test('competitor: the competitor rule floors fit at zero despite strong intent', () => {
        const score = scoreLead(showcase('competitor').fields, anchor());
        assert.ok(score.ledger.some((line) => line.ruleId === 'competitor'));
        assert.equal(score.fit, 0);
        assert.ok(score.intent >= bar.minIntent);
    });
});

describe('history for the dashboard', () => {
    const sdrs = () => data.users.filter((u) => u.role === 'SDR');
    const mine = (userId: string) => history().filter((l) => l.fields.OwnerId === userId);
    const sqls = (leads: SampleLead[]) => leads.filter((l) => l.fields[FIELDS.sqlAt] !== undefined);
    const opportunities = (leads: SampleLead[]) => leads.filter((l) => l.opportunity !== null);
    const withinSla = (leads: SampleLead[]) => {
        const acted = leads.filter((l) => l.fields[FIELDS.firstActionAt] !== undefined);
        return (
            acted.filter((l) => ms(l.fields[FIELDS.firstActionAt]) - ms(l.fields[FIELDS.mqlAt]) <= SQL_DEFINITION.sla.minutes * 60_000)
                .length / acted.length
        );
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

    test('five quarters of leads across several reps, sources and campaigns', () => {
        const months = new Set(history().map((l) => String(l.fields.CreatedDate).slice(0, 7)));
        assert.ok(months.size >= 15, [...months].join(','));
        assert.ok(new Set(history().map((l) => l.fields.OwnerId)).size >= 5);
        assert.ok(new Set(history().map((l) => l.fields.LeadSource)).size >= 5);
        assert.equal(data.campaigns.length, 6);
        assert.ok(history().filter((l) => l.campaignIds.length > 0).length > 1000);
    });

    test('stage timestamps are in funnel order and never after the anchor', () => {
        for (const lead of history()) {
            const f = lead.fields;
            const created = ms(f.CreatedDate);
            const stamps = [FIELDS.mqlAt, FIELDS.acceptedAt, FIELDS.rejectedAt, FIELDS.sqlAt, FIELDS.firstActionAt].filter(
                (k) => f[k] !== undefined
            );
            for (const k of stamps) assert.ok(ms(f[k]) >= created && ms(f[k]) <= ms(anchor()), `${lead.referenceId}.${k}`);
            if (f[FIELDS.firstActionAt] !== undefined) {
                const first = Math.min(...[FIELDS.acceptedAt, FIELDS.rejectedAt].filter((k) => f[k] !== undefined).map((k) => ms(f[k])));
                assert.equal(ms(f[FIELDS.firstActionAt]), first, `${lead.referenceId}: first action is the first accept or reject`);
                assert.ok(ms(f[FIELDS.firstActionAt]) >= ms(f[FIELDS.mqlAt]));
            }
            if (f[FIELDS.sqlAt] !== undefined && f[FIELDS.acceptedAt] !== undefined)
                assert.ok(ms(f[FIELDS.sqlAt]) > ms(f[FIELDS.acceptedAt]));
            if (lead.opportunity) assert.ok(String(f.ConvertedDate) >= String(f[FIELDS.sqlAt]).slice(0, 10));
        }
    });

    test('every SQL met every rule when qualified, except a few written through the bypass by the integration user', () => {
        // The history was qualified before the buying committee (issue 19) was required: it names nobody, so it is read
        // under the definition of its time, without the named-person requirement; before the sample revision, under
        // its earlier, lower bar.
        const today = { ...SQL_DEFINITION, committee: { ...SQL_DEFINITION.committee, requiredFor: { BANT: [], MEDDIC: [] } } };
        const revisionAt = ms(data.revisions[0]?.at);
        const bypass: SampleLead[] = [];
        for (const lead of sqls(history())) {
            const atTheTime = ms(lead.fields[FIELDS.sqlAt]) < revisionAt ? { ...today, bar: { ...SAMPLE_REVISION.earlier.bar } } : today;
            if (lead.fields[FIELDS.sqlQualifiedBy] === INTEGRATION.id) {
                bypass.push(lead);
                assert.equal(
                    readiness(lead.fields, String(lead.fields[FIELDS.sqlAt]), atTheTime).ready,
                    false,
                    `${lead.referenceId} would not have needed the bypass`
                );
            } else {
                assert.equal(lead.fields[FIELDS.sqlQualifiedBy], lead.fields.OwnerId);
                const r = readiness(lead.fields, String(lead.fields[FIELDS.sqlAt]), atTheTime);
                assert.ok(r.ready, `${lead.referenceId}: ${r.blockers.map((b) => b.kind).join(', ')}`);
            }
        }
        assert.ok(bypass.length >= 3 && bypass.length <= 20, `${bypass.length} bypass SQLs`);
    });

    test('every rejection has a reason, Other has notes, and the status follows the reason', () => {
        const rejected = history().filter((l) => l.fields[FIELDS.rejectedAt] !== undefined);
        assert.ok(rejected.length > 300);
        for (const lead of rejected) {
            const reason = lead.fields[FIELDS.rejectionReason];
            assert.ok(typeof reason === 'string', lead.referenceId);
            assert.equal(lead.fields.Status, rejectionStatus(reason as never));
            if (reason === SQL_DEFINITION.notesRequiredFor.reason) {
                assert.ok(String(lead.fields[FIELDS.rejectionNotes] ?? '').trim().length >= SQL_DEFINITION.notesRequiredFor.minChars);
            }
        }
        assert.ok(new Set(rejected.map((l) => l.fields[FIELDS.rejectionReason])).size >= 8);
    });

    test('conversions carry won, lost and open opportunities, only from SQLs', () => {
        const opps = opportunities(history());
        assert.ok(
            opps.every(
                (l) =>
                    l.fields[FIELDS.sqlAt] !== undefined && l.fields.IsConverted === true && l.fields.Status === statusOfStage('Converted')
            )
        );
        assert.ok(opps.filter((l) => l.opportunity?.isWon).length >= 30);
        assert.ok(opps.filter((l) => l.opportunity?.isClosed && !l.opportunity.isWon).length >= 30);
        assert.ok(opps.filter((l) => !l.opportunity?.isClosed).length >= 10);
    });

    test(`an inflating rep: ${MARCUS.name} has well above the team's SQL volume and SQL -> Opportunity below its band`, () => {
        const band = SQL_DEFINITION.bands.find((b) => b.metric === 'sqlToOpportunity');
        const counts = sdrs().map((u) => sqls(mine(u.id)).length);
        const theirs = sqls(mine(MARCUS.id));
        assert.ok(
            theirs.length >= SQL_DEFINITION.inflation.volumeMultipleOfMedian * median(counts),
            `${theirs.length} vs median ${median(counts)}`
        );
        assert.ok(opportunities(theirs).length / theirs.length < (band?.min ?? 0));
        for (const other of sdrs().filter((u) => u.id !== MARCUS.id)) {
            const own = sqls(mine(other.id));
            assert.ok(own.length < SQL_DEFINITION.inflation.volumeMultipleOfMedian * median(counts), `${other.name} looks inflated too`);
        }
    });

    test(`a slow rep: ${HANNAH.name} actions the fewest MQLs within the SLA, by a wide margin`, () => {
        const rates = sdrs().map((u) => ({ name: u.name, rate: withinSla(mine(u.id)) }));
        const hers = rates.find((r) => r.name === HANNAH.name)?.rate ?? 1;
        for (const other of rates.filter((r) => r.name !== HANNAH.name)) assert.ok(hers * 3 < other.rate, JSON.stringify(rates));
    });

    test('a campaign rejected mostly for Poor Fit', () => {
        const byCampaign = data.campaigns.map((campaign) => {
            const rejected = history().filter((l) => l.campaignIds.includes(campaign.id) && l.fields[FIELDS.rejectionReason] !== undefined);
            const poorFit = rejected.filter((l) => l.fields[FIELDS.rejectionReason] === 'Poor Fit').length;
            return { name: String(campaign.fields.Name), share: poorFit / rejected.length };
        });
        const worst = [...byCampaign].sort((a, b) => b.share - a.share);
        assert.equal(worst[0]?.name, 'Social Lead Gen Ads - Broad Audience');
        assert.ok((worst[0]?.share ?? 0) >= 0.4 && (worst[0]?.share ?? 0) >= 1.8 * (worst[1]?.share ?? 1), JSON.stringify(worst));
    });
});

describe('five quarters with a revision, a gaming rep and a review backlog (issue 18)', () => {
    // Each pattern check runs on the committed data, and on a copy with one planted fault it must report.
    const copy = (): SampleData => structuredClone(data);
    const newest = (d: SampleData, n: number) =>
        history()
            .filter((l) => l.fields[FIELDS.sqlAt] !== undefined)
            .sort((a, b) => ms(b.fields[FIELDS.sqlAt]) - ms(a.fields[FIELDS.sqlAt]))
            .slice(0, n)
            .map((l) => d.leads.find((x) => x.id === l.id) as SampleLead);

    test('at least 456 days of leads ending at the anchor, fewer a week in the older months', () => {
        assert.deepEqual(historySpanProblems(data), []);
        const short = copy();
        const cut = ms(short.anchor) - 400 * 86_400_000;
        short.leads = short.leads.filter((l) => ms(l.fields.CreatedDate) >= cut);
        assert.match(historySpanProblems(short).join('\n'), /not five quarters/);
        const flat = copy();
        for (const lead of flat.leads.filter((l) => ms(l.fields.CreatedDate) >= ms(flat.anchor) - 182 * 86_400_000).slice(0, 1300))
            lead.fields.CreatedDate = new Date(ms(lead.fields.CreatedDate) - 200 * 86_400_000).toISOString();
        assert.match(historySpanProblems(flat).join('\n'), /older should be fewer/);
    });

    test('a sample revision mid-history: SQLs stamped with the version they were qualified under; MQL -> SQL drops, SQL -> Opportunity rises', () => {
        assert.deepEqual(sampleRevisionProblems(data), []);
        const restamped = copy();
        const lead = restamped.leads.find((l) => l.fields[FIELDS.definitionVersion] === SAMPLE_REVISION.earlier.version) as SampleLead;
        lead.fields[FIELDS.definitionVersion] = SAMPLE_REVISION.version;
        assert.match(sampleRevisionProblems(restamped).join('\n'), new RegExp(`${lead.referenceId}: qualified before the revision`));
        const late = copy();
        (late.revisions[0] as { at: string }).at = new Date(ms(late.anchor) - 30 * 86_400_000).toISOString();
        assert.match(sampleRevisionProblems(late).join('\n'), /not in its middle third/);
        // No effect: after the revision, as many MQLs qualify as before.
        const noEffect = copy();
        const at = ms(noEffect.revisions[0]?.at);
        for (const l of noEffect.leads
            .filter((x) => ms(x.fields[FIELDS.mqlAt]) >= at && x.fields[FIELDS.rejectedAt] !== undefined)
            .slice(0, 300))
            l.fields[FIELDS.sqlAt] = l.fields[FIELDS.rejectedAt] as string;
        assert.match(sampleRevisionProblems(noEffect).join('\n'), /MQL -> SQL does not drop/);
        const unlabelled = copy();
        (unlabelled.revisions[0] as { reason: string }).reason = 'Raised the bar.';
        assert.match(sampleRevisionProblems(unlabelled).join('\n'), /does not say it is sample history/);
    });

    test('a gaming rep: fit facts edited hours before SQL, flagged, with the values before the edit recorded', () => {
        assert.deepEqual(gamingRepProblems(data), []);
        const pumped = history().find((l) => l.fitEdit !== null) as SampleLead;
        assert.match(String(pumped.fields[FIELDS.fitEditsBeforeSql]), /^(Employees|Title): .+ -> .+/);
        const unlogged = copy();
        for (const lead of unlogged.leads.filter((l) => l.fitEdit)) delete lead.fields[FIELDS.fitEditsBeforeSql];
        assert.match(gamingRepProblems(unlogged).join('\n'), /does not log the edit as the flow would/);
        const unflagged = copy();
        for (const lead of unflagged.leads.filter((l) => l.fitEdit)) delete lead.fields[FIELDS.fitEditedByOwnerAt];
        assert.match(gamingRepProblems(unflagged).join('\n'), /fewer than 10/);
        const unrecorded = copy();
        const target = unrecorded.leads.find((l) => l.id === pumped.id) as SampleLead;
        target.fitEdit!.changes[0]!.before = target.fitEdit!.changes[0]!.after;
        assert.match(gamingRepProblems(unrecorded).join('\n'), new RegExp(`${pumped.referenceId}\\..+does not end`));
        const someoneElse = copy();
        const other = someoneElse.leads.find((l) => l.fields[FIELDS.sqlAt] !== undefined && l.fields.OwnerId === MARCUS.id) as SampleLead;
        other.fields[FIELDS.fitEditedByOwnerAt] = new Date(ms(other.fields[FIELDS.sqlAt]) - 3_600_000).toISOString();
        assert.match(gamingRepProblems(someoneElse).join('\n'), new RegExp(`${other.referenceId}: flagged, but not`));
    });

    test('a review backlog: older SQLs mostly reviewed (mostly Evidence Holds, Coach with a comment), the last two weeks mostly not', () => {
        assert.deepEqual(reviewBacklogProblems(data), []);
        const caughtUp = copy();
        for (const lead of newest(caughtUp, 12))
            caughtUp.reviews.push({
                referenceId: `Planted${lead.referenceId}`,
                id: `planted-${lead.id}`,
                fields: {
                    Lead__c: lead.id,
                    Outcome__c: 'Evidence Holds',
                    Definition_Version__c: lead.fields[FIELDS.definitionVersion] ?? null,
                    OwnerId: lead.fields.OwnerId ?? null,
                    CreatedById: caughtUp.reviews[0]?.fields.CreatedById ?? null,
                    CreatedDate: caughtUp.anchor
                }
            });
        assert.match(reviewBacklogProblems(caughtUp).join('\n'), /no backlog/);
        const bare = copy();
        const coach = bare.reviews.find((r) => r.fields.Outcome__c === 'Coach') as (typeof bare.reviews)[number];
        delete coach.fields.Comment__c;
        assert.match(reviewBacklogProblems(bare).join('\n'), new RegExp(`${coach.referenceId}: Coach without a comment`));
        const lenient = copy();
        const onPumped = lenient.reviews.find(
            (r) => lenient.leads.find((l) => l.id === r.fields.Lead__c)?.fitEdit
        ) as (typeof lenient.reviews)[number];
        onPumped.fields.Outcome__c = 'Evidence Holds';
        assert.match(reviewBacklogProblems(lenient).join('\n'), /a pumped fit not coached/);
        const neglected = copy();
        neglected.reviews = neglected.reviews.filter((_, i) => i % 3 === 0);
        assert.match(reviewBacklogProblems(neglected).join('\n'), /of the older SQLs are reviewed/);
    });
});

describe('shifting to now', () => {
    test('moves every instant by the same offset and dates by whole days, so scores at now equal scores at the anchor', () => {
        const now = new Date('2027-01-15T09:30:00.000Z');
        const shifted = shiftToNow(data, now);
        const offset = now.getTime() - ms(data.anchor);
        assert.equal(shifted.anchor, now.toISOString());
        for (const key of ['bant-mql-partial', 'high-intent-poor-fit', 'meddic-enterprise']) {
            const before = showcase(key);
            const after = shifted.leads.find((l) => l.referenceId === before.referenceId);
            assert.ok(after);
            assert.equal(
                ms(after.fields[FIELDS.mqlAt] ?? after.fields.CreatedDate) - ms(before.fields[FIELDS.mqlAt] ?? before.fields.CreatedDate),
                offset
            );
            const [moved, original] = [scoreLead(after.fields, now), scoreLead(before.fields, data.anchor)];
            assert.deepEqual(
                [moved.fit, moved.intent, moved.intentSum, moved.meetsBar],
                [original.fit, original.intent, original.intentSum, original.meetsBar]
            );
            assert.deepEqual(
                moved.ledger.map((line) => [line.ruleId, line.points, 'ageDays' in line ? line.ageDays : null]),
                original.ledger.map((line) => [line.ruleId, line.points, 'ageDays' in line ? line.ageDays : null])
            );
            assert.equal(after.fields.Company, before.fields.Company);
        }
        const converted = shifted.leads.find((l) => l.opportunity);
        const original = data.leads.find((l) => l.referenceId === converted?.referenceId);
        const days = Math.round(offset / 86_400_000);
        assert.equal(
            ms(`${converted?.fields.ConvertedDate}T00:00:00Z`) - ms(`${original?.fields.ConvertedDate}T00:00:00Z`),
            days * 86_400_000
        );
        assert.equal(
            ms(`${converted?.opportunity?.closeDate}T00:00:00Z`) - ms(`${original?.opportunity?.closeDate}T00:00:00Z`),
            days * 86_400_000
        );
    });
});
