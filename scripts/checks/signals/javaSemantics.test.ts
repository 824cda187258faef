/**
 * The Apex side fills the shared reject templates with String.format, matches times with Pattern and trims with
 * String.trim; Apex documents these as Java's (MessageFormat, java.util.regex, String.trim). This test runs Java itself
 * (Java 17, no build step) on the same templates, on every time and every text of the signal case table, and requires
 * the answers of c/leadSignals: so a template or pattern that would read differently in the org fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formulaTrim } from 'c/leadScoring';
import { SIGNAL_MESSAGES, SIGNAL_TIME_PATTERN, signalMessage, type SignalMessage } from 'c/leadSignals';
import { readSignalCases } from './signalCases.ts';

const ROOT = join(__dirname, '..', '..', '..');
const table = readSignalCases(ROOT);

/** Asks Java each request (a list of fields) and returns its answers, one per request. */
function java(requests: string[][]): string[] {
    const input = requests.map((fields) => fields.map(encodeURIComponent).join('\t')).join('\n') + '\n';
    const run = spawnSync('java', [join(__dirname, 'JavaSemantics.java')], { input, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, `java could not run: ${run.stderr || run.error?.message}`);
    return run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => decodeURIComponent(line.replace(/\+/g, ' ')));
}

/** Values as they reach the templates: plain ones, and ones with the characters MessageFormat treats specially. */
const VALUES = ['00Q000000000001AAA', "O'Brien", '{0}', 'a "quoted" type', '\u00a0demoRequest'];

/** Where Java and c/leadSignals fill a template differently, for every template and sample values. */
function templateDifferences(templates: Record<string, string>, fill: (key: string, values: string[]) => string): string[] {
    const requests = Object.entries(templates).flatMap(([key, template]) => VALUES.map((v) => ({ key, template, values: [v, v] })));
    const answers = java(requests.map((r) => ['format', r.template, ...r.values]));
    return requests.flatMap((r, i) => {
        const ours = fill(r.key, r.values);
        return answers[i] === ours ? [] : [`${r.key} with ${r.values[0]}: Java "${answers[i]}", c/leadSignals "${ours}"`];
    });
}

describe('the Apex side reads the shared definitions as c/leadSignals does (Java run here)', () => {
    it('String.format (MessageFormat) fills every reject template exactly as signalMessage does', () => {
        assert.deepEqual(
            templateDifferences(SIGNAL_MESSAGES, (key, values) => signalMessage(key as SignalMessage, ...values)),
            []
        );
    });

    it('planted: a template with an apostrophe would read differently in the org, and is caught', () => {
        const planted = { leadConverted: "Lead {0} can't change." };
        const fill = (_key: string, values: string[]): string => planted.leadConverted.replace('{0}', values[0] ?? '');
        assert.match(templateDifferences(planted, fill).join('\n'), /Java "Lead \{0\} cant change\."/);
    });

    it('the time pattern accepts and refuses every time of the case table alike, and trims alike', () => {
        const texts = [
            ...table.cases.flatMap((c) => c.batches.flatMap((b) => b.events.flatMap((e) => Object.values(e)))),
            ...table.campaignResponses.flatMap((c) => [c.campaignType ?? '', c.campaignName ?? ''])
        ];
        const times = table.cases.flatMap((c) => c.batches.flatMap((b) => b.events.flatMap((e) => e.Occurred_At__c ?? [])));
        assert.ok(times.length > 20 && texts.some((t) => t.includes('\u00a0')));
        const pattern = new RegExp(SIGNAL_TIME_PATTERN);
        const answers = java([...times.map((t) => ['matches', SIGNAL_TIME_PATTERN, formulaTrim(t)]), ...texts.map((t) => ['trim', t])]);
        assert.deepEqual(
            answers.slice(0, times.length),
            times.map((t) => String(pattern.test(formulaTrim(t))))
        );
        assert.deepEqual(answers.slice(times.length), texts.map(formulaTrim));
    });
});
