import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as prettier from 'prettier';
import { conditionPattern, readiness, scoreLead, textInList } from 'c/leadScoring';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { main } from './generate.ts';
import { generatedHash } from './definitionVersion.ts';
import { FLOW_PATH } from './flow.ts';
import { FormulaTooLongError, formulaReport, generateAll, type GeneratedFile } from './index.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const copyDef = (): SqlDefinition => structuredClone(SQL_DEFINITION);
const byPath = (files: GeneratedFile[], suffix: string): string => {
    const f = files.find((x) => x.path.endsWith(suffix));
    assert.ok(f, `no generated file ending ${suffix}`);
    return f.content;
};
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
const tmpRoots: string[] = [];
const tmpRoot = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-generate-'));
    tmpRoots.push(dir);
    return dir;
};
after(() => tmpRoots.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the CLI in-process on a copy of the generated tree; returns exit code and output. */
async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(
        args,
        (s) => out.push(s),
        (s) => err.push(s)
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
}

function writeTree(root: string, files: GeneratedFile[]): void {
    for (const f of files) {
        mkdirSync(dirname(join(root, f.path)), { recursive: true });
        writeFileSync(join(root, f.path), f.content);
    }
}

describe('generateAll', () => {
    it('is deterministic: two runs give byte-identical files in path order', () => {
        const a = generateAll();
        const b = generateAll(copyDef());
        assert.deepEqual(a, b);
        assert.deepEqual(
            a.map((f) => f.path),
            [...a.map((f) => f.path)].sort()
        );
        assert.ok(a.length >= 60, `expected every field, rule, flow and permission file, got ${a.length}`);
    });

    it('matches the committed files (the tree is not stale)', () => {
        for (const f of generateAll())
            assert.equal(readFileSync(join(repoRoot, f.path), 'utf8'), f.content, `${f.path} is stale: npm run generate`);
    });

    it('writes only well-formed XML', () => {
        for (const f of generateAll().filter((x) => x.path.endsWith('.xml'))) {
            const result = XMLValidator.validate(f.content);
            assert.equal(result, true, `${f.path}: ${JSON.stringify(result)}`);
        }
    });

    it('prints XML exactly as the project prettier config formats it', async () => {
        for (const f of generateAll().filter((x) => x.path.endsWith('.xml'))) {
            const config = (await prettier.resolveConfig(join(repoRoot, f.path))) ?? {};
            const formatted = await prettier.format(f.content, { ...config, filepath: join(repoRoot, f.path) });
            assert.equal(formatted, f.content, `${f.path} is not in prettier's layout`);
        }
    });

    it('builds fit from the c/leadScoring condition patterns, not a second copy of the rules', () => {
        const flow = byPath(generateAll(), 'LeadGate_Lead_Stage_Stamps.flow-meta.xml');
        const formulas = (parser.parse(flow) as { Flow: { formulas: Array<{ name: string; expression: string }> } }).Flow.formulas;
        const expression = formulas.find((f) => f.name === 'Fit_Score_Formula')?.expression ?? '';
        // A long list literal is split into pieces joined with +: join them back.
        const oneLine = expression.replace(/"\s*\+\s*"/g, '');
        for (const rule of SQL_DEFINITION.fit.rules) {
            const pattern = conditionPattern(rule.when);
            if (pattern) assert.ok(expression.includes(`"${pattern}"`), `fit formula lacks the pattern of ${rule.id}`);
            if (rule.when.kind === 'textIn')
                assert.ok(oneLine.includes(textInList(rule.when.values)), `fit formula lacks the list of ${rule.id}`);
        }
    });

    it('gives every generated field a description naming the definition version, and inline help', () => {
        for (const f of generateAll().filter((x) => x.path.includes('/objects/Lead/fields/'))) {
            const field = (parser.parse(f.content) as { CustomField: Record<string, string> }).CustomField;
            assert.match(
                field.description ?? '',
                new RegExp(`Generated by npm run generate from sqlDefinition v${SQL_DEFINITION.version}; do not edit`),
                f.path
            );
            assert.ok((field.inlineHelpText ?? '').length > 20, `${f.path} has no inline help`);
            assert.ok(field.securityClassification, `${f.path} has no securityClassification`);
        }
    });

    it('guards every validation rule with the bypass permission and gives it a message', () => {
        // The Lead's rules; the evidence review's own rules are not bypassed (evidenceReview.test.ts, docs/DECISIONS.md).
        const rules = generateAll().filter((x) => x.path.includes('/objects/Lead/validationRules/'));
        // framework, 10 criteria, one per committee role a framework requires (none as shipped: opt-in), bar, Sales Accepted,
        // rejected needs a reason, leaving MQL/SAL needs a reason, notes.
        const requiredRoles = new Set(Object.values(SQL_DEFINITION.committee.requiredFor).flat()).size;
        assert.equal(rules.length, 1 + 10 + requiredRoles + 1 + 1 + 3);
        for (const f of rules) {
            const rule = (parser.parse(f.content) as { ValidationRule: Record<string, string> }).ValidationRule;
            assert.ok(rule.errorConditionFormula?.startsWith(`AND(\n`) || rule.errorConditionFormula?.startsWith('AND('), f.path);
            assert.ok(
                rule.errorConditionFormula?.includes(`NOT($Permission.${SQL_DEFINITION.bypassPermission})`),
                `${f.path} has no bypass`
            );
            assert.ok((rule.errorMessage ?? '').length > 40 && (rule.errorMessage ?? '').length <= 255, `${f.path} message length`);
        }
    });

    it('drops the Sales Accepted rule when the definition does not require the SAL stage', () => {
        const def = copyDef();
        def.requireSalStage = false;
        const paths = generateAll(def).map((f) => f.path);
        assert.ok(!paths.some((p) => p.includes('LeadGate_SQL_Needs_Sales_Accepted')));
        assert.ok(generateAll().some((f) => f.path.includes('LeadGate_SQL_Needs_Sales_Accepted')));
    });
});

describe('a threshold change moves the formulas, the rules and the UI module together', () => {
    const lead = {
        Industry: 'Technology',
        NumberOfEmployees: 800,
        Title: 'VP Sales',
        Country: 'Germany',
        Email: 'dana@example.com',
        Status: 'Sales Accepted',
        Last_Demo_Request_At__c: '2026-03-01T00:00:00.000Z'
    };
    const now = '2026-03-01T00:00:00.000Z';

    it('raising bar.minIntent changes Meets_SQL_Bar__c, the SQL-bar rule and its message, and scoreLead/readiness', () => {
        const def = copyDef();
        def.bar.minIntent = 45;
        const before = generateAll();
        const afterFiles = generateAll(def);
        assert.match(
            byPath(before, 'Meets_SQL_Bar__c.field-meta.xml'),
            new RegExp(`Intent_Score__c >= ${SQL_DEFINITION.bar.minIntent}\\b`)
        );
        assert.match(byPath(afterFiles, 'Meets_SQL_Bar__c.field-meta.xml'), /Intent_Score__c >= 45\b/);
        const rule = byPath(afterFiles, 'LeadGate_SQL_Needs_Score_Bar.validationRule-meta.xml');
        assert.match(rule, /Intent_Score__c &lt; 45\b/);
        assert.match(rule, /intent of at least 45/);
        assert.match(byPath(afterFiles, 'Intent_Score__c.field-meta.xml'), /needs at least 45/);
        // The UI module reads the same definition: a fresh demo request (40 points) clears 30 but not 45.
        assert.equal(scoreLead(lead, now).meetsBar, true);
        assert.equal(scoreLead(lead, now, def).meetsBar, false);
        const blocker = readiness(lead, now, def).blockers.find((b) => b.kind === 'intentBelowBar');
        assert.deepEqual(blocker && 'minIntent' in blocker ? blocker.minIntent : null, 45);
    });

    it('raising evidence.minLettersAndDigits changes the Qualification_Complete__c flow formula, every criterion rule and the readiness module', () => {
        const def = copyDef();
        def.evidence.minLettersAndDigits = 35;
        const files = generateAll(def);
        // The platform's formula text escapes a backslash as two: the REGEX pattern arrives as [^\p{L}\p{N}].
        const pattern =
            /REGEX\(\{!\$Record\.Budget_Evidence__c\}, "\(\?s\)\(\?:\[\^\\\\p\{L\}\\\\p\{N\}\]\*\[\\\\p\{L\}\\\\p\{N\}\]\)\{35\}\.\*"\)/;
        assert.match(byPath(files, 'LeadGate_Lead_Stage_Stamps.flow-meta.xml'), pattern);
        const rules = files.filter((f) => /LeadGate_SQL_Needs_(Budget|Champion)\./.test(f.path));
        assert.equal(rules.length, 2);
        for (const r of rules) {
            assert.match(r.content, /\{35\}\.\*"\)/);
            assert.match(r.content, /at least 35 letters and digits/);
        }
        const state = readiness({ Qualification_Framework__c: 'BANT' }, now, def).criteria[0];
        assert.equal(state?.evidenceMinChars, 35);
    });
});

describe('refusing formulas over 3,900 characters', () => {
    const hugeDefinition = (): SqlDefinition => {
        const def = copyDef();
        const titleRule = def.fit.rules.find((r) => r.when.kind === 'textHasWord');
        assert.ok(titleRule && titleRule.when.kind === 'textHasWord');
        titleRule.when.words = Array.from({ length: 400 }, (_, i) => `keyword${i}`);
        return def;
    };

    it('formulaReport measures the oversized fit formula, and generateAll refuses it', () => {
        const def = hugeDefinition();
        const fit = formulaReport(def).find((f) => f.kind === 'flowFormula');
        assert.ok(fit && fit.chars > 3900, `fit formula is ${fit?.chars} characters`);
        assert.throws(
            () => generateAll(def),
            (e: unknown) => e instanceof FormulaTooLongError && /over the platform limit of 3900/.test(e.message)
        );
    });

    it('the CLI exits 1 with a clear message and writes nothing', async () => {
        const root = tmpRoot();
        const defFile = join(root, 'huge-definition.mjs');
        writeFileSync(defFile, `export default ${JSON.stringify(hugeDefinition())};\n`);
        const { code, err, out } = await runCli(['--definition', defFile, '--root', root]);
        assert.equal(code, 1);
        assert.match(
            err,
            /Refusing to generate: flowFormula LeadGate_Lead_Stage_Stamps\.Fit_Score_Formula is \d[\d,]* characters, over the platform limit/
        );
        assert.match(out, /OVER by/);
        assert.ok(!existsSync(join(root, 'force-app')), 'nothing may be written');
    });

    it('reports every formula with its headroom and a compiled-size estimate', () => {
        const report = formulaReport();
        const names = report.map((r) => r.name);
        for (const n of [
            'Intent_Score__c',
            'Meets_SQL_Bar__c',
            'Minutes_To_First_Action__c',
            'LeadGate_Lead_Stage_Stamps.Fit_Score_Formula',
            'LeadGate_Lead_Stage_Stamps.Qualification_Complete_Formula'
        ])
            assert.ok(names.includes(n), n);
        for (const r of report) assert.ok(r.chars > 0 && r.chars <= r.limit && r.estimate.nodes > 0, r.name);
        // Meets_SQL_Bar__c is short text but compiles the whole intent formula inline.
        const meets = report.find((r) => r.name === 'Meets_SQL_Bar__c');
        const intent = report.find((r) => r.name === 'Intent_Score__c');
        assert.ok(meets && intent && meets.estimate.nodes > intent.estimate.nodes && meets.estimate.expanded.includes('Intent_Score__c'));
    });
});

describe('npm run generate -- --check', () => {
    it('passes on a fresh tree, then names a stale, a missing and an orphaned file with the fix', async () => {
        const root = tmpRoot();
        const files = generateAll();
        writeTree(root, files);
        const ok = await runCli(['--check', '--root', root]);
        assert.equal(ok.code, 0, ok.err);

        const stale = files.find((f) => f.path.endsWith('Meets_SQL_Bar__c.field-meta.xml'));
        const missing = files.find((f) => f.path.endsWith('LeadGate_Rejected_Needs_Reason.validationRule-meta.xml'));
        assert.ok(stale && missing);
        writeFileSync(join(root, stale.path), stale.content.replace('>= 30', '>= 25'));
        rmSync(join(root, missing.path));
        const orphan = 'force-app/main/default/objects/Lead/fields/Old_Criterion_Status__c.field-meta.xml';
        writeFileSync(
            join(root, orphan),
            '<CustomField><description>Generated by npm run generate from sqlDefinition v1</description></CustomField>\n'
        );
        // A removed criterion's German field translation: no marker, but the generator owns the folder.
        const orphanTranslation = 'force-app/main/default/objectTranslations/Lead-de/Old_Criterion_Status__c.fieldTranslation-meta.xml';
        writeFileSync(
            join(root, orphanTranslation),
            '<CustomFieldTranslation><name>Old_Criterion_Status__c</name></CustomFieldTranslation>\n'
        );
        const handWritten = 'force-app/main/default/objects/Lead/fields/Hand_Written__c.field-meta.xml';
        writeFileSync(join(root, handWritten), '<CustomField><description>Maintained by hand</description></CustomField>\n');

        const bad = await runCli(['--check', '--root', root]);
        assert.equal(bad.code, 1);
        assert.match(bad.err, new RegExp(`stale\\s+${stale.path}`));
        assert.match(bad.err, new RegExp(`missing\\s+${missing.path}`));
        assert.match(bad.err, new RegExp(`orphan\\s+${orphan}`));
        assert.match(bad.err, new RegExp(`orphan\\s+${orphanTranslation}`));
        assert.ok(!bad.err.includes(handWritten), 'files without the generated marker are not the generator’s');
        assert.match(bad.err, /Fix: npm run generate/);
        assert.equal(readFileSync(join(root, stale.path), 'utf8').includes('>= 25'), true, '--check writes nothing');

        const fix = await runCli(['--root', root]);
        assert.equal(fix.code, 0, fix.err);
        assert.equal(readFileSync(join(root, stale.path), 'utf8'), stale.content);
        assert.ok(existsSync(join(root, missing.path)) && !existsSync(join(root, orphan)) && existsSync(join(root, handWritten)));
        assert.ok(!existsSync(join(root, orphanTranslation)));
        const again = await runCli(['--check', '--root', root]);
        assert.equal(again.code, 0, again.err);
        assert.match(again.out, /headroom/);
        assert.match(again.out, /only from Check Syntax in an org/);
    });
});

describe('the definition version moves with the generated metadata', () => {
    it('refuses changed output under the committed version, in both modes, and accepts it under a new version', async () => {
        const root = tmpRoot();
        writeTree(root, generateAll());
        const lockPath = join(root, 'scripts/admin/generate/definition-version.json');
        const committed = readFileSync(lockPath, 'utf8');
        const revised = copyDef();
        revised.bar.minIntent = 35;
        const defFile = join(root, 'revised.mjs');
        writeFileSync(defFile, `export default ${JSON.stringify(revised)};\n`);
        for (const mode of [[], ['--check']]) {
            const refused = await runCli([...mode, '--definition', defFile, '--root', root]);
            assert.equal(refused.code, 1, `${mode.join(' ')}: ${refused.err}`);
            assert.match(refused.err, new RegExp(`changed but the SQL definition's version is still ${revised.version}\\. .*Bump version`));
            assert.equal(readFileSync(lockPath, 'utf8'), committed, 'nothing was written');
        }
        const unchanged = await runCli(['--check', '--root', root]);
        assert.equal(unchanged.code, 0, 'the same output under the same version passes');
        revised.version = '2099.1';
        const bumpedFile = join(root, 'revised-bumped.mjs'); // a new module: import() caches the first by its URL
        writeFileSync(bumpedFile, `export default ${JSON.stringify(revised)};\n`);
        const bumped = await runCli(['--definition', bumpedFile, '--root', root]);
        assert.equal(bumped.code, 0, bumped.err);
        assert.equal(JSON.parse(readFileSync(lockPath, 'utf8')).version, revised.version);
        assert.equal((await runCli(['--check', '--definition', bumpedFile, '--root', root])).code, 0);
    });

    it('the hash ignores the dashboard query class and follows every other generated file', () => {
        const files = generateAll();
        const base = generatedHash(files);
        const edit = (path: string) => files.map((f) => (f.path === path ? { ...f, content: `${f.content} ` } : f));
        assert.equal(generatedHash(edit('force-app/main/default/classes/LeadGateDashboardQueries.cls')), base);
        assert.notEqual(generatedHash(edit(FLOW_PATH)), base);
    });
});

describe('the command line refuses what it cannot use, before writing anything', () => {
    it('--help prints the usage and writes nothing; an unknown option exits 2 naming it', async () => {
        const root = tmpRoot();
        const help = await runCli(['--root', root, '--help']);
        assert.equal(help.code, 0);
        assert.match(help.out, /^Usage: npm run generate/);
        assert.ok(!existsSync(join(root, 'force-app')), '--help may not write');
        const unknown = await runCli(['--root', root, '--dry-run']);
        assert.equal(unknown.code, 2);
        assert.match(unknown.err, /Unknown option "--dry-run"\.\n\nUsage: npm run generate/);
        assert.ok(!existsSync(join(root, 'force-app')));
        const noValue = await runCli(['--root']);
        assert.equal(noValue.code, 2);
        assert.match(noValue.err, /--root needs a value/);
    });

    it('a definition with values outside their meaning exits 2 naming each key and what it allows, and writes nothing', async () => {
        const cases: Array<[string, (def: SqlDefinition) => void, RegExp]> = [
            ['bar-high', (def) => (def.bar.minIntent = 500), /bar\.minIntent: is 500: it must be from 0 to 100, the intent score range/],
            ['bar-low', (def) => (def.bar.minIntent = -20), /bar\.minIntent: is -20: it must be from 0 to 100/],
            ['half-life', (def) => (def.intent.halfLifeDays = 0), /intent\.halfLifeDays: is 0: it must be a number of days above 0/],
            ['points', (def) => ((def.fit.rules[0] as { points: number }).points = 250), /fit\.rules\[id=[^\]]+\]\.points: is 250/]
        ];
        for (const [name, change, message] of cases) {
            const root = tmpRoot();
            const def = copyDef();
            change(def);
            const defFile = join(root, `${name}.mjs`);
            writeFileSync(defFile, `export default ${JSON.stringify(def)};\n`);
            const { code, err } = await runCli(['--definition', defFile, '--root', root]);
            assert.equal(code, 2, name);
            assert.match(err, /Refusing to generate: the definition in .* has values outside their meaning:\n/, name);
            assert.match(err, message, name);
            assert.ok(!existsSync(join(root, 'force-app')), `${name}: nothing may be written`);
        }
    });
});
