/**
 * Custom objects are Private: the shipped objects pass (the funnel snapshot was Public Read Only before issue 14),
 * and a planted Read or a missing externalSharingModel in a temp copy fails at its line.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { REPO_ROOT, checkObjectSharing, formatFinding } from './checks';
import { OPEN_OBJECTS } from './sharingPolicy';

const SNAPSHOT = 'force-app/main/default/objects/LeadGate_Funnel_Snapshot__c/LeadGate_Funnel_Snapshot__c.object-meta.xml';
const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyWith(change: (xml: string) => string): string {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-sharing-'));
    temps.push(root);
    for (const part of ['sfdx-project.json', 'force-app']) cpSync(join(REPO_ROOT, part), join(root, part), { recursive: true });
    const path = join(root, SNAPSHOT);
    const before = readFileSync(path, 'utf8');
    const after = change(before);
    assert.notEqual(after, before, 'the planted fault must change the file');
    writeFileSync(path, after);
    return root;
}

const lineOf = (root: string, needle: string): number =>
    readFileSync(join(root, SNAPSHOT), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(needle)) + 1;

describe('custom object sharing', () => {
    test('the shipped custom objects are Private (the funnel snapshot for internal and external users)', () => {
        const result = checkObjectSharing(REPO_ROOT);
        assert.deepEqual(result.findings.map(formatFinding), []);
        const xml = readFileSync(join(REPO_ROOT, SNAPSHOT), 'utf8');
        assert.ok(
            xml.includes('<sharingModel>Private</sharingModel>') && xml.includes('<externalSharingModel>Private</externalSharingModel>')
        );
    });

    test('a snapshot object back to Public Read Only fails at its sharingModel line', () => {
        const root = copyWith((xml) => xml.replace('<sharingModel>Private</sharingModel>', '<sharingModel>Read</sharingModel>'));
        const findings = checkObjectSharing(root).findings;
        assert.deepEqual(
            findings.map((f) => `${f.file}:${f.line}`),
            [`${SNAPSHOT}:${lineOf(root, '<sharingModel>')}`]
        );
        assert.match(findings[0]!.message, /has sharingModel Read: every user with read on the object sees every row/);
    });

    test('a missing externalSharingModel fails; an allow-list entry needs a real reason', () => {
        const root = copyWith((xml) => xml.replace(/\n\s*<externalSharingModel>Private<\/externalSharingModel>/, ''));
        assert.match(
            checkObjectSharing(root).findings.map(formatFinding).join('\n'),
            /externalSharingModel \(none: the org picks the default\)/
        );
        const token = checkObjectSharing(REPO_ROOT, { ...OPEN_OBJECTS, LeadGate_Funnel_Snapshot__c: 'needed' });
        assert.deepEqual(
            token.findings.map((f) => f.message),
            ['LeadGate_Funnel_Snapshot__c is allowed open sharing without a real reason']
        );
    });
});
