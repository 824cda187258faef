/**
 * apex-ls in verify:apex: planted semantic faults in a temp copy of this project (never in force-app) fail the step with
 * file:line:column; the unplanted copy passes; a machine without Java gets a message that says what to install.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { JAVA_MISSING, JAVA_TOO_OLD, explainFailure, parseApexLsOutput } from './apexLs';
import { errorsOf, formatFindingLine, verifyApex, type VerifyReport } from './checks';
import { CLASSES_DIR, PRETTIER_CONFIG, fixtureProject, projectCopy } from './testProject';

// Only apex-ls: the other checks have their own tests.
const APEX_LS_ONLY = { pmd: false, flowScanner: false, prettierConfig: PRETTIER_CONFIG, sharingAllowList: {} } as const;
const apexLsLines = (report: VerifyReport): string[] =>
    errorsOf(report)
        .filter((f) => f.check === 'apex-ls')
        .map(formatFindingLine);

describe('apex-ls semantic check on a copy of this project', () => {
    let clean: VerifyReport;
    let planted: VerifyReport;
    const at: Record<string, { line: number; column: number }> = {};

    before(async () => {
        clean = await verifyApex(projectCopy().root, APEX_LS_ONLY);
        const copy = projectCopy();
        at.unknownType = copy.plant(
            `${CLASSES_DIR}/LeadCampaignResponseHandler.cls`,
            'Datetime now = Datetime.now();',
            'Datetme now = Datetime.now();'
        );
        at.unknownMethod = copy.plant(`${CLASSES_DIR}/LeadConversionEvidence.cls`, 'String.join(ordered', 'String.joinx(ordered');
        at.wrongSignature = copy.plant(
            `${CLASSES_DIR}/LeadCampaignResponseHandler_Tests.cls`,
            'LeadCampaignResponseHandler.responseTime(null, now)',
            "LeadCampaignResponseHandler.responseTime(null, 'now')"
        );
        planted = await verifyApex(copy.root, APEX_LS_ONLY);
    });

    it('ran apex-ls and found no error in the project as it is', () => {
        assert.ok(clean.apexLs.ran);
        assert.deepEqual(apexLsLines(clean), []);
    });

    it('fails each planted fault, and nothing else, at its file and line', () => {
        const lines = apexLsLines(planted);
        assert.equal(lines.length, 3, lines.join('\n'));
        const find = (file: string, line: number): string => lines.find((l) => l.startsWith(`${CLASSES_DIR}/${file}:${line}:`)) ?? '';
        assert.match(
            find('LeadCampaignResponseHandler.cls', at.unknownType!.line),
            /:\d+ error \[apex-ls\] No type declaration found for 'Datetme'$/
        );
        assert.match(
            find('LeadConversionEvidence.cls', at.unknownMethod!.line),
            /No matching method found for 'joinx' on 'System\.String'/
        );
        assert.match(
            find('LeadCampaignResponseHandler_Tests.cls', at.wrongSignature!.line),
            /No matching method found for 'responseTime' on 'LeadCampaignResponseHandler' taking arguments 'null, System\.String'/
        );
    });
});

describe('apex-ls without Java', () => {
    it('fails the step with what to install instead of a stack trace', async () => {
        const report = await verifyApex(fixtureProject().root, {
            ...APEX_LS_ONLY,
            apexLsOptions: { java: '/no/such/folder/bin/java' }
        });
        assert.deepEqual(apexLsLines(report), [`(apex-ls):1:1 error [apex-ls] ${JAVA_MISSING}`]);
        assert.match(JAVA_MISSING, /Install a Java 17 runtime/);
    });
});

describe('apex-ls on a Java too old to run it', () => {
    it('says which Java to install instead of printing the JVM error', () => {
        const jvm =
            'Error: LinkageError occurred while loading main class io.github.apexdevtools.apexls.CheckForIssues\n' +
            '\tjava.lang.UnsupportedClassVersionError: io/github/apexdevtools/apexls/CheckForIssues has been compiled by a more recent version of the Java Runtime (class file version 55.0)';
        assert.equal(explainFailure(1, jvm), JAVA_TOO_OLD);
        assert.equal(
            explainFailure(2, 'Exception in thread "main" java.lang.OutOfMemoryError\n\tat x'),
            'apex-ls stopped with exit code 2: Exception in thread "main" java.lang.OutOfMemoryError \tat x'
        );
    });
});

describe('apex-ls output', () => {
    it('reads its JSON shape, with 1-based columns', () => {
        const out =
            '{ "files": [\n{ "path": "/p/A.cls", "messages": [\n{"start": {"line": 3, "offset": 12 }, "end": {"line": 3, "offset": 20 }, "category": "Missing", "message": "No type declaration found for \'Foo\'"}\n]}]}';
        assert.deepEqual(parseApexLsOutput(out), [
            { path: '/p/A.cls', line: 3, column: 13, category: 'Missing', message: "No type declaration found for 'Foo'" }
        ]);
        assert.throws(() => parseApexLsOutput('Exception in thread "main"'));
    });
});
