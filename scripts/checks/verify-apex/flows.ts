/**
 * Flow metadata checks, two layers:
 *
 * 1. LeadGate's own rules for what a flow in this project may do (checkFlowSource):
 *    - the XML is well formed (fast-xml-parser's validator: the CLI silently repairs some broken XML);
 *    - a before-save record-triggered flow does no DML and calls no Apex, actions, subflows or screens
 *      (the platform refuses them, or they defeat the point of a fast field update); it may only update $Record;
 *    - every `$Record.X` / `$Record__Prior.X` reference (relationship hops included) exists on the trigger object,
 *      and every field named by a Get/Update/Create Records element exists on its object;
 *    - no hard-coded record Ids (15 or 18 characters; 18-character Ids are confirmed by their checksum).
 *
 * 2. Salesforce's Flow Scanner (@salesforce/code-analyzer-flow-engine 0.22.0, Python 3.10+): data-flow rules
 *    that trace user-controlled data into record operations running without sharing (runFlowScanner).
 *    Its engine API (0.24) predates what @salesforce/code-analyzer-core 0.52 calls (`removeEventListener`),
 *    so the core cannot host it; this module drives the engine's own plugin API directly, offline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as flowEngine from '@salesforce/code-analyzer-flow-engine';
import { positionOf } from './apexSource';
import type { Schema, SchemaObject } from './schema';

export interface FlowProblem {
    line: number;
    column: number;
    message: string;
}

/** Elements a before-save flow must not contain (DML on other records, Apex, actions, user interaction). */
const BEFORE_SAVE_FORBIDDEN: Record<string, string> = {
    recordCreates: 'creates records',
    recordDeletes: 'deletes records',
    actionCalls: 'calls an action or Apex',
    apexPluginCalls: 'calls an Apex plug-in',
    subflows: 'runs a subflow',
    screens: 'shows a screen',
    waits: 'waits',
    orchestratedStages: 'runs an orchestration stage'
};

const ARRAY_ELEMENTS = new Set([
    ...Object.keys(BEFORE_SAVE_FORBIDDEN),
    'recordUpdates',
    'recordLookups',
    'filters',
    'inputAssignments',
    'queriedFields',
    'assignments',
    'assignmentItems',
    'decisions',
    'rules',
    'conditions',
    'formulas'
]);

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ARRAY_ELEMENTS.has(name) });

type Xml = Record<string, unknown>;
const list = (v: unknown): Xml[] => (Array.isArray(v) ? (v as Xml[]) : v === undefined || v === null || v === '' ? [] : [v as Xml]);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Line and column of the first `<tag>` (optionally the one whose `<name>` is `name`) in the raw XML. */
function locateElement(xml: string, tag: string, name?: string): { line: number; column: number } {
    let from = 0;
    for (;;) {
        const at = xml.indexOf(`<${tag}>`, from);
        if (at < 0) return { line: 1, column: 1 };
        const end = xml.indexOf(`</${tag}>`, at);
        if (!name || xml.slice(at, end < 0 ? undefined : end).includes(`<name>${name}</name>`)) return positionOf(xml, at);
        from = at + tag.length + 2;
    }
}

function locateText(xml: string, needle: string, fallback: { line: number; column: number }): { line: number; column: number } {
    const at = xml.indexOf(needle);
    return at < 0 ? fallback : positionOf(xml, at);
}

/** Resolves `Owner:User.Name`-style paths (flow syntax for polymorphic hops) on `start`; null when fine. */
function resolveFlowPath(schema: Schema, start: SchemaObject, path: string): string | null {
    const hops = path.split('.');
    let obj = start;
    for (let i = 0; i < hops.length - 1; i++) {
        const [relName, typeName] = hops[i]!.split(':') as [string, string | undefined];
        const rel = obj.relationships.get(relName.toLowerCase());
        if (!rel) return `${obj.name} has no relationship "${relName}"`;
        const target = typeName ?? (rel.referenceTo.length === 1 ? rel.referenceTo[0]! : 'Name');
        const next = schema.objects.get(target.toLowerCase());
        if (!next) return `${relName} points to ${target}, which the schema lists do not describe`;
        obj = next;
    }
    const field = hops[hops.length - 1]!;
    return obj.fields.has(field.toLowerCase()) ? null : `No field "${field}" on ${obj.name}`;
}

const ID_CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character suffix Salesforce appends to a 15-character Id. */
export function idChecksum(id15: string): string {
    let out = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id15[chunk * 5 + i]!)) bits |= 1 << i;
        out += ID_CHECKSUM_ALPHABET[bits];
    }
    return out;
}

/** Whether a token looks like a Salesforce record Id: key prefix, pod, a reserved 0, mostly digits, valid checksum if 18 long. */
export function looksLikeRecordId(token: string): boolean {
    if (!/^[a-zA-Z0-9]{5}0[a-zA-Z0-9]{9}([A-Z0-5]{3})?$/.test(token)) return false;
    if ((token.match(/\d/g) ?? []).length < 5) return false;
    return token.length === 15 || idChecksum(token.slice(0, 15)) === token.slice(15);
}

/** LeadGate's own flow rules on one flow file's XML. */
export function checkFlowSource(xml: string, schema: Schema): FlowProblem[] {
    const problems: FlowProblem[] = [];
    const valid = XMLValidator.validate(xml);
    if (valid !== true) return [{ line: valid.err.line, column: valid.err.col, message: `XML is not well formed: ${valid.err.msg}` }];
    const flow = (parser.parse(xml) as Xml).Flow as Xml | undefined;
    if (!flow) return [{ line: 1, column: 1, message: 'Not a Flow: the root element must be <Flow>' }];

    const start = (flow.start ?? {}) as Xml;
    const triggerObjectName = text(start.object);
    const beforeSave = text(start.triggerType) === 'RecordBeforeSave';
    const triggerObject = triggerObjectName ? schema.objects.get(triggerObjectName.toLowerCase()) : undefined;
    if (triggerObjectName && !triggerObject) {
        problems.push({
            ...locateText(xml, `<object>${triggerObjectName}</object>`, { line: 1, column: 1 }),
            message: `Trigger object "${triggerObjectName}" is not in the schema`
        });
    }

    if (beforeSave) {
        for (const [tag, what] of Object.entries(BEFORE_SAVE_FORBIDDEN)) {
            for (const el of list(flow[tag])) {
                const name = text(el.name);
                problems.push({
                    ...locateElement(xml, tag, name),
                    message: `Before-save flow ${what} (${tag} "${name}"): only $Record may be changed`
                });
            }
        }
        for (const el of list(flow.recordUpdates)) {
            if (text(el.inputReference) !== '$Record') {
                const name = text(el.name);
                problems.push({
                    ...locateElement(xml, 'recordUpdates', name),
                    message: `Before-save flow updates records other than $Record (recordUpdates "${name}")`
                });
            }
        }
    }

    // Fields named by record elements, on their object ($Record updates name fields of the trigger object).
    for (const tag of ['recordLookups', 'recordUpdates', 'recordCreates']) {
        for (const el of list(flow[tag])) {
            const objName = text(el.object) || (text(el.inputReference) === '$Record' ? triggerObjectName : '');
            const obj = objName ? schema.objects.get(objName.toLowerCase()) : undefined;
            const where = locateElement(xml, tag, text(el.name));
            if (objName && !obj) {
                problems.push({ ...where, message: `${tag} "${text(el.name)}" uses object "${objName}", which is not in the schema` });
                continue;
            }
            if (!obj) continue;
            const fields = [
                ...list(el.filters).map((f) => text(f.field)),
                ...list(el.inputAssignments).map((f) => text(f.field)),
                ...list(el.queriedFields).map((f) => (typeof f === 'string' ? text(f) : ''))
            ].filter(Boolean);
            for (const field of fields) {
                if (!obj.fields.has(field.toLowerCase())) {
                    problems.push({
                        ...locateText(xml, `<field>${field}</field>`, where),
                        message: `${tag} "${text(el.name)}": no field "${field}" on ${obj.name}`
                    });
                }
            }
        }
    }

    // $Record and $Record__Prior references anywhere (formulas, assignments, decisions, updates).
    if (triggerObject) {
        const seen = new Set<string>();
        for (const m of xml.matchAll(/\$Record(?:__Prior)?\.([A-Za-z_]\w*(?::[A-Za-z_]\w*)?(?:\.[A-Za-z_]\w*(?::[A-Za-z_]\w*)?)*)/g)) {
            const path = m[1]!;
            if (seen.has(path.toLowerCase())) continue;
            seen.add(path.toLowerCase());
            const problem = resolveFlowPath(schema, triggerObject, path);
            if (problem) problems.push({ ...positionOf(xml, m.index), message: `${m[0]}: ${problem}` });
        }
    }

    // Hard-coded record Ids in any text content.
    for (const m of xml.matchAll(/(?<![A-Za-z0-9_])([a-zA-Z0-9]{18}|[a-zA-Z0-9]{15})(?![A-Za-z0-9_])/g)) {
        if (looksLikeRecordId(m[1]!)) {
            problems.push({
                ...positionOf(xml, m.index),
                message: `Hard-coded record Id "${m[1]}": Ids differ between orgs; look the record up by a stable key`
            });
        }
    }
    return problems;
}

export interface FlowScannerIssue {
    file: string;
    line: number;
    column: number;
    rule: string;
    severity: number;
    message: string;
}

export interface FlowScannerRun {
    issues: FlowScannerIssue[];
    /** Why the scanner could not run (a failure of the check, not a pass). */
    error?: string;
    seconds: number;
}

/** The Python command the scanner will use, or an explanation of why none fits (it needs 3.10+). */
export function findPython(): { command: string } | { error: string } {
    for (const command of ['python3', 'python']) {
        const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
        const version = /Python (\d+)\.(\d+)/.exec(`${r.stdout}${r.stderr}`);
        if (r.status === 0 && version && (Number(version[1]) > 3 || (Number(version[1]) === 3 && Number(version[2]) >= 10)))
            return { command };
    }
    return { error: 'Flow Scanner needs Python 3.10 or newer on PATH (python3); none was found' };
}

/** Runs Salesforce's Flow Scanner rules on the given flow files (absolute paths). */
export async function runFlowScanner(files: string[]): Promise<FlowScannerRun> {
    const started = Date.now();
    const seconds = (): number => (Date.now() - started) / 1000;
    if (!files.length) return { issues: [], seconds: 0 };
    const python = findPython();
    if ('error' in python) return { issues: [], error: python.error, seconds: seconds() };
    const logFolder = mkdtempSync(join(tmpdir(), 'leadgate-flow-scanner-'));
    try {
        const plugin = new flowEngine.FlowScannerEnginePlugin();
        const engine = await plugin.createEngine('flow', { python_command: python.command });
        const workspace = {
            getWorkspaceId: () => 'leadgate-flows',
            getWorkspaceRoot: () => null,
            getRawFilesAndFolders: () => files,
            getRawTargets: () => files,
            getTargetedFiles: async () => files,
            getWorkspaceFiles: async () => files
        };
        const rules = await engine.describeRules({ workspace, logFolder } as unknown as Parameters<typeof engine.describeRules>[0]);
        const severity = new Map(rules.map((r) => [r.name, r.severityLevel as number]));
        const results = await engine.runRules([...severity.keys()], { workspace, logFolder } as unknown as Parameters<
            typeof engine.runRules
        >[1]);
        const issues = results.violations.map((v) => {
            const loc = v.codeLocations[v.primaryLocationIndex] ?? v.codeLocations[0];
            return {
                file: loc?.file ?? files[0]!,
                line: loc?.startLine ?? 1,
                column: loc?.startColumn ?? 1,
                rule: v.ruleName,
                severity: severity.get(v.ruleName) ?? 1,
                message: v.message
            };
        });
        return { issues, seconds: seconds() };
    } catch (e) {
        return { issues: [], error: `Flow Scanner failed: ${e instanceof Error ? e.message : String(e)}`, seconds: seconds() };
    } finally {
        rmSync(logFolder, { recursive: true, force: true });
    }
}
