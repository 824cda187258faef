/**
 * Saving a studio revision into the project: the changed values are written into the definition module
 * (only their literals, found in the TypeScript syntax tree; the rest of the file is left byte for byte, then
 * prettier keeps the project's layout), the version is bumped, the generator writes the metadata, and the
 * reason and the backtest summary are appended to the revisions log the dashboard's revision markers read.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import * as prettier from 'prettier';
import type { SqlDefinition } from 'c/sqlDefinition';
import { describeProblems, validateDefinition } from 'c/definitionCheck';
import { segmentOf } from 'c/leadScoring';
import type { SegmentCases } from '../../interpreters/formula/qualificationCases.ts';
import { readCaseTable } from '../generate/parityResources.ts';
import { resolveCaseTable, unresolvedProblem } from '../generate/qualificationCaseTable.ts';
import { applyEdits, effectiveEdits, nextVersion, parseKey, valueAt, type Edit } from './settings.ts';

export const DEFINITION_PATH = 'force-app/main/default/lwc/sqlDefinition/sqlDefinition.ts';
export const REVISIONS_LOG_PATH = 'data/definition-revisions.json';

/** A save the studio refuses, with what to do instead (shown to the admin as is). */
export class RevisionError extends Error {}

/** A save refused because the definition module changed since the page was loaded (another admin, another tab, an editor). */
export class StaleDefinitionError extends RevisionError {}

/** sha256 of the definition module's text: what the page loaded, compared again at save time. */
export function definitionHash(root: string): string {
    return createHash('sha256')
        .update(readFileSync(join(root, DEFINITION_PATH)))
        .digest('hex');
}

export const STALE_DEFINITION_MESSAGE =
    'The definition changed since this page was loaded (another admin or tab saved a revision, or the file was edited), so this revision was not saved. Your edits are still in the form: copy what you need, reload the page to start from the current definition, and enter them again.';

/** Text of a number as a TypeScript literal. */
function numberText(value: number): string {
    if (!Number.isFinite(value)) throw new RevisionError(`${value} is not a number the definition can hold`);
    return String(value);
}

function propertyNamed(node: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
    return node.properties.find(
        (p): p is ts.PropertyAssignment =>
            ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name
    );
}

function definitionLiteral(file: ts.SourceFile): ts.ObjectLiteralExpression {
    for (const statement of file.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        for (const decl of statement.declarationList.declarations) {
            if (
                ts.isIdentifier(decl.name) &&
                decl.name.text === 'SQL_DEFINITION' &&
                decl.initializer &&
                ts.isObjectLiteralExpression(decl.initializer)
            )
                return decl.initializer;
        }
    }
    throw new RevisionError(`${DEFINITION_PATH} has no \`export const SQL_DEFINITION = { ... }\` object literal to write into`);
}

/** The expression node holding the value at `key` in the definition's object literal. */
function literalAt(root: ts.ObjectLiteralExpression, key: string): ts.Expression {
    let node: ts.Expression = root;
    for (const step of parseKey(key)) {
        if (!ts.isObjectLiteralExpression(node)) throw new RevisionError(`${key}: the definition does not write this setting as a literal`);
        const prop = propertyNamed(node, step.prop);
        if (!prop) throw new RevisionError(`${key}: no "${step.prop}" in the definition module`);
        node = prop.initializer;
        if ('matchBy' in step) {
            if (!ts.isArrayLiteralExpression(node)) throw new RevisionError(`${key}: "${step.prop}" is not a list literal`);
            const element: ts.Expression | undefined = node.elements.find((el) => {
                if (!ts.isObjectLiteralExpression(el)) return false;
                const id = propertyNamed(el, step.matchBy)?.initializer;
                return id !== undefined && ts.isStringLiteral(id) && id.text === step.matchValue;
            });
            if (!element) throw new RevisionError(`${key}: no element with ${step.matchBy} "${step.matchValue}"`);
            node = element;
        }
    }
    return node;
}

const isNumberLiteral = (node: ts.Expression): boolean =>
    ts.isNumericLiteral(node) ||
    (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand));

/**
 * One literal to write at a path of the definition: a number where the module holds a number literal, a text where it
 * holds a text literal (`frameworks[key=BANT].criteria[key=Budget].question`, `rejectionReasons[value=Other].recyclesTo`).
 * The studio's numeric settings are such edits; the writer is not limited to them.
 */
export interface LiteralEdit {
    key: string;
    value: number | string;
}

const isTextLiteral = (node: ts.Expression): boolean => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

const LINE_BREAKS: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A text as a single-quoted TypeScript literal (prettier keeps the project's quotes). */
export function textLiteral(value: string): string {
    return `'${value.replace(/[\\'\n\r\u2028\u2029]/g, (c) => LINE_BREAKS[c] ?? `\\${c}`)}'`;
}

/**
 * The definition module's source with each edited value and the version replaced, nothing else touched
 * (prettier then formats the result: see `formatDefinitionSource`). Refuses a path where the module does not hold a
 * literal of the edit's kind (a number for a number, a text for a text).
 */
export function rewriteDefinitionSource(source: string, edits: readonly LiteralEdit[], version: string): string {
    const file = ts.createSourceFile(DEFINITION_PATH, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const root = definitionLiteral(file);
    const replacements: Array<{ start: number; end: number; text: string }> = [];
    for (const edit of edits) {
        const node = literalAt(root, edit.key);
        const isText = typeof edit.value === 'string';
        if (isText ? !isTextLiteral(node) : !isNumberLiteral(node))
            throw new RevisionError(
                `${edit.key}: the module holds "${node.getText(file)}" there, not a ${isText ? 'text' : 'number'}; edit it by hand`
            );
        const text = typeof edit.value === 'string' ? textLiteral(edit.value) : numberText(edit.value);
        replacements.push({ start: node.getStart(file), end: node.getEnd(), text });
    }
    const versionNode = literalAt(root, 'version');
    if (!ts.isStringLiteral(versionNode)) throw new RevisionError('version: the module does not hold the version as a text literal');
    replacements.push({
        start: versionNode.getStart(file),
        end: versionNode.getEnd(),
        text: textLiteral(version)
    });
    replacements.sort((a, b) => b.start - a.start);
    for (let i = 1; i < replacements.length; i++) {
        if ((replacements[i] as { end: number }).end > (replacements[i - 1] as { start: number }).start)
            throw new RevisionError('two edits name the same setting');
    }
    let out = source;
    for (const r of replacements) out = out.slice(0, r.start) + r.text + out.slice(r.end);
    return out;
}

/** The module formatted with the project's prettier configuration. */
export async function formatDefinitionSource(source: string, root: string): Promise<string> {
    const filepath = join(root, DEFINITION_PATH);
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    return prettier.format(source, { ...options, filepath });
}

export type Direction = 'loosens' | 'tightens' | 'neutral';

/** One changed setting, as the log keeps it. */
export interface RevisionChange {
    key: string;
    from: number | string;
    to: number | string;
    direction: Direction;
    /** Why: how many more (or fewer) past MQLs clear the bar with this change alone, or the rule that decided. */
    because: string;
}

export interface BacktestSummary {
    /** The export the figures come from (a path, or "sample history"). */
    source: string;
    mqls: number;
    clearedBefore: number;
    clearedAfter: number;
    wonBefore: number;
    wonAfter: number;
    /** Won deals whose leads no longer clear the bar, and those that now do. */
    wonLost: number;
    wonGained: number;
}

/**
 * One entry of data/definition-revisions.json. `version`, `at`, `reason` and `summary` are what every entry has (the
 * dashboard's trend reads them); the rest is what the Definition page records when it saves a revision.
 */
export interface RevisionEntry {
    version: string;
    /** When the revision was saved (ISO date-time): the trend marks it there. */
    at: string;
    reason: string;
    /** One line: what changed. */
    summary: string;
    previousVersion?: string;
    savedBy?: string;
    loosens?: boolean;
    changes?: RevisionChange[];
    backtest?: BacktestSummary;
}

export interface SaveRequest {
    root: string;
    /** The definition the module holds now (the edits apply to it). */
    saved: SqlDefinition;
    edits: readonly Edit[];
    changes: readonly RevisionChange[];
    reason: string;
    savedBy: string;
    backtest: BacktestSummary;
    now?: Date;
    /** definitionHash of the module when the edits were made: a module that changed since is not overwritten. */
    baseHash?: string;
    /** Runs the generator on the written module; default: `npm run generate`'s script run in `root`. */
    generate?: (root: string) => { ok: boolean; output: string };
}

export interface SaveResult {
    definition: SqlDefinition;
    entry: RevisionEntry;
    generatorOutput: string;
    commands: string[];
    /** What to fix by hand before the commands pass (the case table cannot express some cases at the new bar). */
    notes: string[];
    /** definitionHash of the module as saved: the page's new base for its next save. */
    hash: string;
}

export const SEGMENT_CASES_PATH = 'data/segment-cases.json';

/** How many differing segment cases a note names before "and N more". */
const SEGMENT_CASES_NAMED = 5;

/**
 * The segment case table's cases the revision stamps differently from their hand-worked `expected` value (a band
 * renamed or moved): the table is the tests' independent oracle, so the admin works each one out again.
 */
export function segmentCaseNote(cases: SegmentCases['cases'], definition: SqlDefinition): string | null {
    const differing = cases.flatMap(({ segment: key, value, expected }) => {
        const segment = definition.segments.find((s) => s.key === key);
        const now = segment ? segmentOf(segment, { [segment.rule.field]: value }) : null;
        return now === expected
            ? []
            : [`${key} ${JSON.stringify(value)}: "${expected}" in the table, ${now === null ? 'no such segment' : `"${now}" now`}`];
    });
    if (!differing.length) return null;
    const more = differing.length > SEGMENT_CASES_NAMED ? `; and ${differing.length - SEGMENT_CASES_NAMED} more` : '';
    return `${SEGMENT_CASES_PATH}: ${differing.length} segment case(s) no longer match the bands and names (${differing.slice(0, SEGMENT_CASES_NAMED).join('; ')}${more}). Work out each expected value again from the new segments and update the file before npm test.`;
}

/** What the admin must fix by hand for the tests to pass on the saved revision (empty: nothing). */
export function revisionNotes(root: string, definition: SqlDefinition): string[] {
    const problem = unresolvedProblem(resolveCaseTable(readCaseTable(root), definition));
    const segmentPath = join(root, SEGMENT_CASES_PATH);
    const segments = existsSync(segmentPath)
        ? segmentCaseNote((JSON.parse(readFileSync(segmentPath, 'utf8')) as SegmentCases).cases, definition)
        : null;
    return [problem, segments].filter((note): note is string => note !== null);
}

/** The shortest reason the guard rail accepts for a loosening revision. */
export const MIN_REASON_CHARS = 20;

/** Why a revision cannot be saved as it is (null: it can). */
export function saveRefusal(
    saved: SqlDefinition,
    edits: readonly Edit[],
    changes: readonly RevisionChange[],
    reason: string
): string | null {
    if (effectiveEdits(saved, edits).length === 0) return 'Nothing changed: edit a value before saving a revision.';
    const problems = validateDefinition(applyEdits(saved, edits));
    if (problems.length) return `Some values are outside their meaning:\n${describeProblems(problems)}`;
    if (changes.some((c) => c.direction === 'loosens') && reason.trim().length < MIN_REASON_CHARS)
        return `This revision loosens the definition (more past leads would clear it): write why, in at least ${MIN_REASON_CHARS} characters, before saving.`;
    return null;
}

function runGenerator(root: string): { ok: boolean; output: string } {
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    // A fresh process, as `npm run generate` runs it, so the module just written is the one imported.
    const r = spawnSync(tsx, ['scripts/admin/generate/generate.ts'], { cwd: root, encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** The commands that check and deploy the saved revision, in the order to run them. */
export function deployCommands(version: string): string[] {
    return [
        'npm run generate:check',
        'npm test',
        'npm run deploy -- --target-org <alias> --dry-run',
        'npm run deploy -- --target-org <alias>',
        `git add ${DEFINITION_PATH} force-app ${REVISIONS_LOG_PATH} && git commit -m "SQL definition v${version}"`
    ];
}

/** Reads the revisions log (an empty log when the file does not exist yet). */
export function readRevisionsLog(root: string): { revisions: RevisionEntry[] } {
    const path = join(root, REVISIONS_LOG_PATH);
    if (!existsSync(path)) return { revisions: [] };
    const log = JSON.parse(readFileSync(path, 'utf8')) as { revisions?: unknown };
    if (!Array.isArray(log.revisions)) throw new RevisionError(`${REVISIONS_LOG_PATH} has no "revisions" list: fix or remove the file`);
    return log as { revisions: RevisionEntry[] };
}

/**
 * Saves a revision: checks it (values, reason for a loosening), writes the module, runs the generator (on failure the
 * module is put back and nothing is logged), appends the log entry.
 */
export async function saveRevision(request: SaveRequest): Promise<SaveResult> {
    const refusal = saveRefusal(request.saved, request.edits, request.changes, request.reason);
    if (refusal) throw new RevisionError(refusal);
    const edits = effectiveEdits(request.saved, request.edits);
    const version = nextVersion(request.saved.version);
    const definition = { ...applyEdits(request.saved, edits), version };
    const path = join(request.root, DEFINITION_PATH);
    const before = readFileSync(path, 'utf8');
    if (request.baseHash !== undefined && createHash('sha256').update(before).digest('hex') !== request.baseHash)
        throw new StaleDefinitionError(STALE_DEFINITION_MESSAGE);
    const after = await formatDefinitionSource(rewriteDefinitionSource(before, edits, version), request.root);
    // The module may have changed while prettier ran (another save in another process): never overwrite it.
    if (readFileSync(path, 'utf8') !== before) throw new StaleDefinitionError(STALE_DEFINITION_MESSAGE);
    writeFileSync(path, after);
    const generated = (request.generate ?? runGenerator)(request.root);
    if (!generated.ok) {
        writeFileSync(path, before);
        throw new RevisionError(`The generator refused the revision, so the definition was left as it was:\n${generated.output}`);
    }
    const changes = request.changes.filter((c) => edits.some((e) => e.key === c.key)).map((c) => ({ ...c }));
    for (const e of edits) {
        if (!changes.some((c) => c.key === e.key))
            changes.push({
                key: e.key,
                from: valueAt(request.saved, e.key) as number | string,
                to: e.value,
                direction: 'neutral',
                because: 'not measured'
            });
    }
    const entry: RevisionEntry = {
        version,
        previousVersion: request.saved.version,
        at: (request.now ?? new Date()).toISOString(),
        savedBy: request.savedBy,
        reason: request.reason.trim(),
        summary: changes.map((c) => `${c.key} ${c.from} -> ${c.to}`).join('; '),
        loosens: request.changes.some((c) => c.direction === 'loosens'),
        changes,
        backtest: { ...request.backtest }
    };
    const log = readRevisionsLog(request.root);
    log.revisions.push(entry);
    const logPath = join(request.root, REVISIONS_LOG_PATH);
    const options = (await prettier.resolveConfig(logPath)) ?? {};
    writeFileSync(logPath, await prettier.format(JSON.stringify(log), { ...options, filepath: logPath }));
    return {
        definition,
        entry,
        generatorOutput: generated.output,
        commands: deployCommands(version),
        notes: revisionNotes(request.root, definition),
        hash: definitionHash(request.root)
    };
}
