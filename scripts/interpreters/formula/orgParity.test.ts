/**
 * Offline proof for the org-side parity test (force-app/main/default/classes/LeadGateQualificationParity_Tests.cls),
 * as far as it goes without an org:
 * - the org gets the very table the formula tests run: the static resource is data/qualification-cases.json resolved
 *   against the definition's bar, the cases the formula tests replay;
 * - the messages it compares with are the messages the formula harness reads from the generated rule XML;
 * - every case is in the shape the Apex reads, setting only Lead fields of types it converts;
 * - its time shift is sound: each case moved 217 days and saved 30 seconds late still fires exactly the table's rules,
 *   while a shift that is not applied to the record's DateTimes would change outcomes (the check can fail).
 * What only an org proves is listed in docs/ADMIN.md (section 12).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readProjectFacts } from '../../admin/deploy/project.ts';
import { planDeploy, parseDeployArgs } from '../../admin/deploy/plan.ts';
import { commandLine } from '../../admin/deploy/sf.ts';
import { PROJECT_ROOT, runValidationRules } from './harness.ts';
import { loadLeadMetadata } from './metadata.ts';
import { BYPASS_PERMISSION, parityTableProblems, shiftCase } from './orgParity.ts';
import { CASES_FILE, loadQualificationCases, saveOf, type QualificationCase } from './qualificationCases.ts';

const RESOURCES = join(PROJECT_ROOT, 'force-app/main/default/staticresources');
const meta = loadLeadMetadata();
const cases = loadQualificationCases();
const DAY = 24 * 60 * 60 * 1000;

const fired = (c: QualificationCase): string[] => {
    const save = saveOf(c, meta);
    return runValidationRules(save.record, save.ctx, meta)
        .map((r) => r.rule)
        .sort();
};

describe('the org-side parity test reads what the formula tests read', () => {
    it('ships data/qualification-cases.json, resolved against the bar, as the static resource LeadGateQualificationCases', () => {
        const resource = JSON.parse(readFileSync(join(RESOURCES, 'LeadGateQualificationCases.json'), 'utf8')) as { cases: unknown };
        assert.deepEqual(resource.cases, loadQualificationCases(CASES_FILE));
        assert.match(readFileSync(join(RESOURCES, 'LeadGateQualificationCases.resource-meta.xml'), 'utf8'), /application\/json/);
    });

    it('compares with the messages of the generated rules, as the harness reads them from the rule XML', () => {
        const resource = JSON.parse(readFileSync(join(RESOURCES, 'LeadGateValidationRules.json'), 'utf8')) as {
            rules: Array<{ name: string; message: string; field: string | null }>;
        };
        const fromXml = meta.validationRules
            .filter((r) => r.active)
            .map((r) => ({ name: r.name, message: r.errorMessage, field: r.errorDisplayField ?? null }));
        assert.deepEqual(
            [...resource.rules].sort((a, b) => a.name.localeCompare(b.name)),
            fromXml.sort((a, b) => a.name.localeCompare(b.name))
        );
        const known = new Set(resource.rules.map((r) => r.name));
        for (const c of cases) for (const rule of c.expected.rulesFire) assert.ok(known.has(rule), `${c.name} expects ${rule}`);
    });

    it('every case is in the shape the Apex reads, and a planted bad case is refused', () => {
        assert.deepEqual(parityTableProblems(cases, meta), []);
        const bad: QualificationCase = {
            ...cases[0]!,
            name: 'planted',
            permissions: [BYPASS_PERMISSION, 'LeadGate_Other'],
            lead: { ...cases[0]!.lead, Closing_Day__c: '2026-05-01', MQL_At__c: '12 May 2026', Intent_Score__c: 40 }
        };
        assert.deepEqual(parityTableProblems([bad], meta), [
            'case planted: permission LeadGate_Other: the org test can only give the bypass (LeadGate_Bypass_Validation)',
            'case planted: Lead.MQL_At__c = "12 May 2026" is not an ISO instant in UTC',
            "case planted: Lead.Closing_Day__c is not a field of the project's Lead",
            'case planted: Lead.Intent_Score__c is a formula field: the org computes it, no save can set it'
        ]);
    });
});

describe('the time shift the Apex applies', () => {
    it('keeps every case’s outcome: moved 217 days and saved 30 seconds after the shift', () => {
        for (const c of cases) {
            assert.deepEqual(fired(shiftCase(c, meta, 217 * DAY, 30_000)), [...c.expected.rulesFire].sort(), c.name);
        }
    });

    it('is needed: moving only the save (not the record’s DateTimes) changes outcomes', () => {
        const changed = cases.filter((c) => {
            const unshifted = { ...c, now: new Date(Date.parse(c.now) + 217 * DAY).toISOString() };
            return fired(unshifted).join() !== [...c.expected.rulesFire].sort().join();
        });
        assert.ok(changed.length > 0, 'no case depends on the age of its DateTimes: the shift test proves nothing');
    });
});

describe('deploys validate with the parity test', () => {
    it('npm run deploy runs LeadGateQualificationParity_Tests in its validation (every *_Tests class)', () => {
        const parsed = parseDeployArgs(['--target-org', 'sandbox']);
        assert.ok('options' in parsed);
        const plan = planDeploy(parsed.options, readProjectFacts(PROJECT_ROOT));
        assert.ok(!('error' in plan), 'error' in plan ? plan.error : '');
        const validate = plan.steps
            .map((s) => commandLine(s.command))
            .find((l) => l.includes('deploy validate') || l.includes('--dry-run'));
        assert.ok(validate, plan.steps.map((s) => commandLine(s.command)).join('\n'));
        assert.match(validate, /--tests LeadGateQualificationParity_Tests/);
    });
});
