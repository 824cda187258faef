/**
 * verify:apex proves each check on planted faults in throw-away projects (testProject.ts), never under force-app:
 * a clean baseline passes; each planted fault fails with its file and line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { analyzeApex } from './apexSource';
import { errorsOf, formatFindingLine, verifyApex, type Finding, type VerifyReport } from './checks';
import { loadSchema } from './schema';
import { checkSoql } from './soql';
import { CLASSES_DIR, CLEAN_CLASSES, fixtureProject, PRETTIER_CONFIG, REPO_ROOT } from './testProject';

// Fixture projects bring their own (empty) sharing allow-list: the project's list names the project's classes.
const FAST = { pmd: false, apexLs: false, flowScanner: false, prettierConfig: PRETTIER_CONFIG, sharingAllowList: {} } as const;

const errorLines = (report: VerifyReport, check?: Finding['check']): string[] =>
    errorsOf(report)
        .filter((f) => !check || f.check === check)
        .map(formatFindingLine);

const BROKEN = `public with sharing class Broken {
    public static Integer answer() {
        return 42
    }
}
`;

const WITHOUT_SHARING = `/**
 * Planted fault: runs without sharing.
 */
public without sharing class LeakyReader {
    /**
     * @return nothing
     */
    public static Integer answer() {
        return 42;
    }
}
`;

const CRUD_LEAK = `/**
 * Planted fault: reads leads without enforcing the user's access.
 */
public with sharing class CrudLeak {
    /**
     * @return some leads
     */
    public static List<Lead> some() {
        return [SELECT Id FROM Lead LIMIT 10];
    }
}
`;

describe('verify:apex baseline', () => {
    it('passes a project with no Apex and says it checked 0 classes', async () => {
        const p = fixtureProject({});
        const report = await verifyApex(p.root, FAST);
        assert.equal(report.classes, 0);
        assert.equal(report.triggers, 0);
        assert.deepEqual(errorLines(report), []);
    });

    it('passes the clean fixture classes (syntax, meta, format, sharing, SOQL)', async () => {
        const report = await verifyApex(fixtureProject().root, FAST);
        assert.equal(report.classes, 2);
        assert.equal(report.staticQueries, 2);
        assert.equal(report.dynamicQueries, 1, 'the constant passed to Database.query is resolved and checked');
        assert.deepEqual(errorLines(report), []);
    });
});

describe('syntax check (apex-parser)', () => {
    it('fails a planted syntax error with file:line:column', async () => {
        const p = fixtureProject();
        p.writeClass('Broken', BROKEN);
        const lines = errorLines(await verifyApex(p.root, FAST), 'syntax');
        assert.equal(lines.length, 1, lines.join('\n'));
        assert.match(lines[0]!, new RegExp(`^${CLASSES_DIR}/Broken\\.cls:4:5 error \\[syntax\\] missing ';'`));
    });

    it('reports lexer errors too (an unterminated string)', () => {
        const a = analyzeApex("public with sharing class A {\n    String s = 'open;\n}\n", 'A.cls');
        assert.ok(a.syntaxErrors.length > 0);
        assert.equal(a.syntaxErrors[0]!.line, 2);
    });

    it('parses anonymous Apex scripts as statements (scripts/admin/deploy/schedule-snapshot.apex)', () => {
        assert.deepEqual(analyzeApex('Id jobId = LeadFunnelSnapshotBatch.scheduleNightly();\n', 'run.apex').syntaxErrors, []);
        assert.ok(analyzeApex('Id jobId = LeadFunnelSnapshotBatch.scheduleNightly()\n', 'run.apex').syntaxErrors.length > 0);
    });

    it('parses triggers as triggers', () => {
        assert.deepEqual(analyzeApex('trigger LeadStamp on Lead (before update) {\n}\n', 'LeadStamp.trigger').syntaxErrors, []);
        assert.ok(analyzeApex('trigger LeadStamp on Lead (before update) {\n}\n', 'LeadStamp.cls').syntaxErrors.length > 0);
    });
});

describe('SOQL fields against the project schema', () => {
    it('fails a planted field that does not exist, at its line', async () => {
        const p = fixtureProject();
        const source = CLEAN_CLASSES.LeadFunnelFixture!.replace('COUNT(SQL_At__c) sqls', 'COUNT(Budget_At__c) sqls');
        p.writeClass('LeadFunnelFixture', source);
        const lines = errorLines(await verifyApex(p.root, FAST));
        assert.deepEqual(lines, [
            `${CLASSES_DIR}/LeadFunnelFixture.cls:14:74 error [soql] No field "Budget_At__c" on Lead (in Budget_At__c)`
        ]);
    });

    it('fails a bad field inside a SOQL string constant, where it is declared', async () => {
        const p = fixtureProject();
        p.writeClass(
            'LeadFunnelFixture',
            CLEAN_CLASSES.LeadFunnelFixture!.replace('Owner.Name FROM Lead WHERE', 'Owner.Nickname FROM Lead WHERE')
        );
        const lines = errorLines(await verifyApex(p.root, FAST));
        assert.equal(lines.length, 1, lines.join('\n'));
        assert.match(
            lines[0]!,
            /LeadFunnelFixture\.cls:5:\d+ error \[soql\] SOQL string: No field "Nickname" on Name \(in Owner\.Nickname\)/
        );
    });

    const schema = loadSchema(fixtureProject({}).root);
    const problems = (soql: string): string[] => checkSoql(soql, schema).map((p) => p.message);

    it('accepts standard, custom, relationship, polymorphic, child and semi-join references', () => {
        assert.deepEqual(
            problems('SELECT Id, Owner.Name, SQL_Qualified_By__r.Manager.Email, ConvertedOpportunity.Account.Name FROM Lead'),
            []
        );
        assert.deepEqual(
            problems(
                'SELECT Id, (SELECT Stage__c, Lead__r.Company FROM Snapshots__r) FROM Lead WHERE Id IN (SELECT LeadId FROM CampaignMember)'
            ),
            []
        );
        assert.deepEqual(problems('SELECT l.Id FROM Lead l WHERE l.Status = :bind1 ORDER BY l.CreatedDate'), []);
        assert.deepEqual(problems('SELECT TYPEOF Owner WHEN User THEN Department ELSE Name END FROM Lead'), []);
        assert.deepEqual(
            problems('SELECT Stage__c, COUNT(Id) n FROM Funnel_Snapshot__c GROUP BY Stage__c HAVING COUNT(Id) > 1 ORDER BY COUNT(Id) DESC'),
            []
        );
    });

    it('refuses unknown objects, relationships, polymorphic-only fields, child relationships and TYPEOF fields', () => {
        assert.deepEqual(problems('SELECT Id FROM Leed'), ['Unknown object "Leed" (not in force-app objects or scripts/shared/metadata)']);
        assert.deepEqual(problems('SELECT Id, Qualifier__r.Name FROM Lead'), [
            'Lead has no relationship "Qualifier__r" (in Qualifier__r.Name)'
        ]);
        assert.deepEqual(problems('SELECT Owner.Department FROM Lead'), ['No field "Department" on Name (in Owner.Department)']);
        assert.deepEqual(problems('SELECT Id, (SELECT Id FROM Tasks) FROM Lead'), ['Lead has no child relationship "Tasks"']);
        assert.deepEqual(problems('SELECT TYPEOF Owner WHEN User THEN Shoe_Size__c END FROM Lead'), [
            'No field "Shoe_Size__c" on User (in Shoe_Size__c)'
        ]);
        assert.deepEqual(problems('SELECT Id FROM Lead WHERE Id IN (SELECT Lead__c FROM Funnel_Snapshot__c WHERE Stage = null)'), [
            'No field "Stage" on Funnel_Snapshot__c (in Stage)'
        ]);
        assert.deepEqual(problems('SELECT Id FROM Lead GROUP BY CALENDAR_YEAR(Closed_At__c)'), [
            'No field "Closed_At__c" on Lead (in Closed_At__c)'
        ]);
        assert.match(problems('SELECT Id FROM Lead WHERE')[0]!, /^SOQL does not parse/);
    });

    it('checks .soql files under scripts/ (the backtest export) at the line of the bad field', async () => {
        const p = fixtureProject({});
        p.write('scripts/admin/backtest/lead-export.soql', 'SELECT\n    Id,\n    MQL_At__c,\n    Demo_At__c\nFROM Lead\n');
        const report = await verifyApex(p.root, FAST);
        assert.equal(report.soqlFiles, 1);
        assert.deepEqual(errorLines(report), [
            'scripts/admin/backtest/lead-export.soql:4:5 error [soql] No field "Demo_At__c" on Lead (in Demo_At__c)'
        ]);
    });

    it('checks SOQL string constants a selector composes at run time (LIMIT and OFFSET binds included)', () => {
        const source = [
            'public with sharing class Sel {',
            "    private static final String MQL_COUNT = 'SELECT COUNT() FROM Lead WHERE MQL_At__c >= :startAt' + ' AND Bogus__c = :x LIMIT :cap';",
            '    public Integer count(Boolean all) {',
            "        return Database.countQuery(all ? MQL_COUNT : MQL_COUNT.replace('x', ''));",
            '    }',
            '}',
            ''
        ].join('\n');
        const a = analyzeApex(source, 'Sel.cls');
        assert.equal(a.queries.length, 1);
        assert.equal(a.queries[0]!.line, 2);
        assert.match(a.queries[0]!.soql, /LIMIT 1$/);
        assert.deepEqual(problems(a.queries[0]!.soql), ['No field "Bogus__c" on Lead (in Bogus__c)']);
        assert.equal(a.uncheckedQueries.length, 1, 'the call itself is still listed for review');
    });

    it('lists Database.query calls built at run time as unchecked (not silently passed)', () => {
        const a = analyzeApex(
            "public with sharing class Q {\n    List<Lead> q(String w) {\n        return Database.query('SELECT Id FROM Lead WHERE ' + w);\n    }\n}\n",
            'Q.cls'
        );
        assert.deepEqual(a.queries, []);
        assert.deepEqual(a.uncheckedQueries, [{ line: 3, column: 16, method: 'Database.query' }]);
    });
});

describe('sharing keywords', () => {
    it('refuses a planted without sharing class, naming file and line', async () => {
        const p = fixtureProject();
        p.writeClass('LeakyReader', WITHOUT_SHARING);
        const lines = errorLines(await verifyApex(p.root, FAST));
        assert.equal(lines.length, 1, lines.join('\n'));
        assert.match(
            lines[0]!,
            new RegExp(`^${CLASSES_DIR}/LeakyReader\\.cls:4:1 error \\[sharing\\] Class LeakyReader is declared "without sharing"`)
        );
    });

    it('accepts it only with a reviewed reason in the allow-list; refuses a token reason and stale entries', async () => {
        const p = fixtureProject();
        p.writeClass('LeakyReader', WITHOUT_SHARING);
        const allowed = await verifyApex(p.root, {
            ...FAST,
            sharingAllowList: { LeakyReader: 'Counts all leads for the org-wide benchmark; returns totals only.' }
        });
        assert.deepEqual(errorLines(allowed), []);
        const token = await verifyApex(p.root, { ...FAST, sharingAllowList: { LeakyReader: 'needed' } });
        assert.equal(errorLines(token, 'sharing').length, 2, errorLines(token).join('\n'));
        const stale = await verifyApex(fixtureProject().root, {
            ...FAST,
            sharingAllowList: { LeadFunnelFixture: 'Reason long enough to count as a reason.' }
        });
        assert.match(errorLines(stale).join('\n'), /Allow-list entry LeadFunnelFixture is stale/);
    });

    it('refuses a missing keyword and an inner without sharing class; lets test classes omit the keyword', async () => {
        const p = fixtureProject();
        p.writeClass('NoKeyword', 'public class NoKeyword {\n}\n');
        p.writeClass('Outer', 'public with sharing class Outer {\n    public without sharing class Inner {\n    }\n}\n');
        const lines = errorLines(await verifyApex(p.root, FAST));
        assert.equal(lines.length, 2, lines.join('\n'));
        assert.match(lines.join('\n'), /NoKeyword\.cls:1:1 error \[sharing\] Class NoKeyword declares no sharing keyword/);
        assert.match(lines.join('\n'), /Outer\.cls:2:1 error \[sharing\] Class Outer\.Inner is declared "without sharing"/);
    });
});

describe('formatting and meta files', () => {
    it('fails a misformatted class at its first differing line', async () => {
        const p = fixtureProject();
        p.writeClass(
            'LeadFunnelFixture_Tests',
            CLEAN_CLASSES.LeadFunnelFixture_Tests!.replace('    @IsTest\n    static void', '    @IsTest static   void')
        );
        const lines = errorLines(await verifyApex(p.root, FAST));
        assert.deepEqual(lines, [
            `${CLASSES_DIR}/LeadFunnelFixture_Tests.cls:6:1 error [format] Not formatted as prettier-plugin-apex prints it (first difference here). Run: npx prettier --write ${CLASSES_DIR}/LeadFunnelFixture_Tests.cls`
        ]);
    });

    it('fails a class without its -meta.xml', async () => {
        const p = fixtureProject();
        p.writeClass('Orphan', 'public with sharing class Orphan {\n}\n', false);
        assert.match(errorLines(await verifyApex(p.root, FAST)).join('\n'), /Orphan\.cls:1:1 error \[meta\] Missing Orphan\.cls-meta\.xml/);
    });
});

describe('PMD through Code Analyzer (one Java run, then the cache)', () => {
    let first: VerifyReport;
    let second: VerifyReport;
    let cli: { status: number | null; stdout: string };
    let root: string;

    before(async () => {
        const p = fixtureProject();
        root = p.root;
        p.writeClass('CrudLeak', CRUD_LEAK);
        p.writeClass('Broken', BROKEN);
        // The CLI formats with the fixture's own .prettierrc; its plugins resolve from the tool (the fixture has no node_modules).
        p.write('.prettierrc', readFileSync(PRETTIER_CONFIG, 'utf8'));
        p.writeClass('Misformatted', 'public with sharing class Misformatted {\n  public static Integer x() { return 1; }\n}\n');
        // The CLI's own cache path: its run below is answered from the cache the first run wrote.
        const cacheFile = join(root, '.cache', 'verify-apex', 'pmd.json');
        first = await verifyApex(root, { ...FAST, pmd: true, pmdCacheFile: cacheFile });
        second = await verifyApex(root, { ...FAST, pmd: true, pmdCacheFile: cacheFile });
        const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'verify-apex.ts'), '--root', root], {
            cwd: REPO_ROOT,
            encoding: 'utf8'
        });
        cli = { status: r.status, stdout: r.stdout };
    });

    it('fails a planted severity-2 violation (ApexCRUDViolation) that every other check accepts', () => {
        const crud = errorsOf(first).filter((f) => f.file.endsWith('CrudLeak.cls'));
        assert.deepEqual(
            crud.map((f) => `${f.check}:${f.line}`),
            ['pmd:9'],
            crud.map(formatFindingLine).join('\n')
        );
        assert.match(crud[0]!.message, /pmd:ApexCRUDViolation severity 2/);
    });

    it('fails on the engine error PMD raises for a syntax error (not a violation)', () => {
        const broken = errorsOf(first).filter((f) => f.check === 'pmd' && f.file.endsWith('Broken.cls'));
        assert.equal(broken.length, 1, broken.map(formatFindingLine).join('\n'));
        assert.equal(broken[0]!.line, 4);
        assert.match(broken[0]!.message, /^engine error/);
    });

    it('passes the clean classes', () => {
        assert.deepEqual(
            errorsOf(first).filter((f) => f.file.includes('LeadFunnelFixture')),
            []
        );
    });

    it('answers the second run from the file-hash cache with the same findings', () => {
        assert.ok(first.pmd.analysed > 0);
        assert.equal(second.pmd.analysed, 0);
        assert.equal(second.pmd.fromCache, first.pmd.analysed);
        assert.deepEqual(second.findings, first.findings);
        const cache = join(root, '.cache', 'verify-apex', 'pmd.json');
        assert.ok(existsSync(cache));
        assert.ok(readFileSync(cache, 'utf8').includes('ApexCRUDViolation'));
    });

    it('the CLI exits 1 and prints every error as file:line:column', () => {
        assert.equal(cli.status, 1, cli.stdout);
        assert.match(cli.stdout, new RegExp(`${CLASSES_DIR}/CrudLeak\\.cls:9:\\d+ error \\[pmd\\]`));
        assert.match(cli.stdout, new RegExp(`${CLASSES_DIR}/Broken\\.cls:4:5 error \\[syntax\\]`));
        assert.match(cli.stdout, new RegExp(`${CLASSES_DIR}/Misformatted\\.cls:2:1 error \\[format\\]`));
        assert.match(cli.stdout, /verify:apex checked 5 Apex class\(es\), 0 trigger\(s\) and 0 anonymous script\(s\)/);
        assert.match(cli.stdout, /0 file\(s\) analysed, 10 from cache/);
        assert.match(cli.stdout, /verify:apex FAILED: \d+ error\(s\)/);
    });
});
