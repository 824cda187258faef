/**
 * Streams a lead export (CSV as `sf data export bulk` / `sf data query --result-format csv` write it)
 * into typed lead records, one at a time, in bounded memory. Bad cells never stop the run: each is
 * counted by kind and column, with the first few rows kept as examples. Only a file the backtest
 * cannot read at all (missing columns, broken CSV structure) raises a BacktestInputError.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { CRITERION_STATUSES, type SqlDefinition } from 'c/sqlDefinition';
import { STANDARD_LEAD_FIELDS } from '../../shared/metadata/standardLeadFields.ts';
import { COLUMN, OUTCOME_COLUMNS, criteriaColumns, optionalColumns, requiredColumns } from './columns.ts';
import { parseBoolean, parseInstant, parseNumber } from './values.ts';

/** Exit codes the CLI uses for input it cannot read (documented in docs/BACKTEST.md). */
export const EXIT = { ok: 0, strictIssues: 1, usage: 2, unreadableInput: 3, internal: 4 } as const;

export class BacktestInputError extends Error {
    constructor(
        message: string,
        readonly exitCode: number = EXIT.unreadableInput
    ) {
        super(message);
        this.name = 'BacktestInputError';
    }
}

export type IssueKind = 'unparseableDate' | 'unknownPicklistValue' | 'notANumber' | 'notABoolean' | 'wrongFieldCount' | 'blankId';

export const ISSUE_LABELS: Record<IssueKind, string> = {
    unparseableDate: 'unparseable date',
    unknownPicklistValue: 'unknown picklist value',
    notANumber: 'not a number',
    notABoolean: 'not true/false',
    wrongFieldCount: 'wrong number of fields',
    blankId: 'blank Id'
};

/** What happens to a bad cell: read as blank, kept as it is (unknown picklist value), or the row is skipped. */
export const ISSUE_EFFECT: Record<IssueKind, string> = {
    unparseableDate: 'read as blank',
    unknownPicklistValue: 'kept as it is',
    notANumber: 'read as blank',
    notABoolean: 'read as blank',
    wrongFieldCount: 'row skipped',
    blankId: 'kept'
};

export interface IssueExample {
    /** Data row, 1-based, header excluded. */
    row: number;
    /** Line of the file where the row ends (differs from row + 1 only when a quoted value spans lines). */
    line: number;
    value: string;
}

export interface Issue {
    kind: IssueKind;
    column: string | null;
    count: number;
    examples: IssueExample[];
}

/** Characters that must not reach a terminal as they are (an ESC drives it; CR rewrites the line). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Text safe to print in a message or report: control characters as \uXXXX escapes, long values cut to `max`. */
export function printable(text: string, max = 60): string {
    const shown = text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return shown.length > max ? `${shown.slice(0, max - 3)}...` : shown;
}

/** Counts bad cells by kind and column, keeping the first `keep` examples of each. */
export class IssueLog {
    private readonly byKey = new Map<string, Issue>();
    constructor(private readonly keep = 5) {}

    add(kind: IssueKind, column: string | null, row: number, line: number, value: string): void {
        const key = `${kind}\u0000${column ?? ''}`;
        let issue = this.byKey.get(key);
        if (!issue) {
            issue = { kind, column, count: 0, examples: [] };
            this.byKey.set(key, issue);
        }
        issue.count++;
        if (issue.examples.length < this.keep) issue.examples.push({ row, line, value: printable(value) });
    }

    list(): Issue[] {
        return [...this.byKey.values()];
    }

    get total(): number {
        let n = 0;
        for (const issue of this.byKey.values()) n += issue.count;
        return n;
    }
}

/** One lead of the export, typed. Instants are epoch milliseconds. */
export interface LeadRecord {
    row: number;
    line: number;
    id: string;
    status: string;
    leadSource: string | null;
    mqlAt: number | null;
    acceptedAt: number | null;
    sqlAt: number | null;
    rejectedAt: number | null;
    rejectionReason: string | null;
    isConverted: boolean;
    opportunityId: string | null;
    /** ConvertedDate (midnight UTC), when the column is present and filled. */
    convertedAt: number | null;
    /** Whether the converted opportunity is won (IsWon, else StageName = the won stage); false without an opportunity. */
    won: boolean;
    /** The opportunity's CloseDate, when the column is present and filled. */
    closeAt: number | null;
    /**
     * The lead as scoreLead reads it, keyed by field API name: fit fields as text (numbers as numbers),
     * signal fields as ISO date-times, framework and criteria as text; blank is null.
     */
    values: Record<string, string | number | null>;
    /** Signal field -> epoch milliseconds, for the signals that are filled (the same instants as in `values`). */
    signalAt: Record<string, number>;
}

export interface ReadOptions {
    /** Definitions whose fields the export must hold (current and proposed). */
    defs: readonly SqlDefinition[];
    /** StageName that counts as won when the export has StageName but no IsWon column. */
    wonStage?: string;
    /** Called every `progressEvery` rows and at the end. */
    onProgress?: (rows: number, bytesRead: number, totalBytes: number) => void;
    progressEvery?: number;
    keepExamples?: number;
    /**
     * Largest share of rows (0..1) whose value in a scored column (a signal date, a number the fit rules
     * compare, MQL_At__c) may be unreadable before the run stops; default UNREADABLE_SHARE_LIMIT.
     */
    maxUnreadableShare?: number;
    /** Called once with the header, before the first lead (after the required columns were checked). */
    onHeader?: (header: readonly string[]) => void;
}

export interface ReadSummary {
    file: string;
    bytes: number;
    delimiter: string;
    header: string[];
    rows: number;
    rowsSkipped: number;
    /** Optional columns found in the header, and those missing. */
    optionalPresent: string[];
    optionalMissing: string[];
    /** Which column decided "won". */
    outcomeColumn: string;
    /** The StageName that counted as won (used only when outcomeColumn is the StageName column). */
    wonStage: string;
    /** Distinct StageName values met, in order, at most STAGE_NAMES_KEPT (empty without a StageName column). */
    stagesSeen: string[];
    issues: Issue[];
    issueCount: number;
}

/**
 * A scored column whose values are unreadable in more than this share of the rows (and in more than one row)
 * stops the run: its leads
 * would all be scored as if the value were blank, and the report would look sure of itself (docs/DECISIONS.md).
 */
export const UNREADABLE_SHARE_LIMIT = 0.05;

/** How many distinct StageName values are kept to suggest a --won-stage when no lead is won. */
export const STAGE_NAMES_KEPT = 20;

const DELIMITERS = [',', ';', '\t', '|', '^', '`'];

/** How many bytes of the file's start are inspected for the delimiter and for signs that it is not text. */
const HEAD_BYTES = 64 * 1024;

/**
 * The longest row the reader accepts, in bytes. Real rows stay far below it (a long text area holds at most
 * 131,072 characters); a row that grows past it is a quote that was opened and never closed, and stopping
 * there keeps memory bounded instead of buffering the rest of the file into one value.
 */
export const MAX_ROW_BYTES = 16 * 1024 * 1024;

/** Files that are often picked by mistake instead of the CSV, recognised by their first bytes. */
const NOT_CSV_SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; looksLike: string }> = [
    { bytes: [0x50, 0x4b, 0x03, 0x04], looksLike: 'an Excel workbook (.xlsx) or another zip archive' },
    { bytes: [0x50, 0x4b, 0x05, 0x06], looksLike: 'an empty zip archive' },
    { bytes: [0xd0, 0xcf, 0x11, 0xe0], looksLike: 'an old Excel workbook (.xls)' },
    { bytes: [0x1f, 0x8b], looksLike: 'a gzip-compressed file' },
    { bytes: [0x89, 0x50, 0x4e, 0x47], looksLike: 'a PNG image' },
    { bytes: [0xff, 0xd8, 0xff], looksLike: 'a JPEG image' },
    { bytes: [0x25, 0x50, 0x44, 0x46], looksLike: 'a PDF document' },
    { bytes: [0xff, 0xfe], looksLike: 'UTF-16 text (Excel\'s "Unicode Text")' },
    { bytes: [0xfe, 0xff], looksLike: 'UTF-16 text' }
];

/** The advice every "not a CSV" refusal ends with. */
export const NOT_CSV_ADVICE = 'this is not a CSV: export the leads as CSV (UTF-8), as docs/BACKTEST.md shows';

/**
 * Why the start of a file shows it is not CSV text (a known binary signature, a NUL byte, bytes that are not
 * UTF-8), or null when it may be one. Never returns the bytes themselves: they would garble the terminal.
 * `complete` says whether `head` is the whole file (otherwise a character cut at its end is not an error).
 */
export function notTextReason(head: Uint8Array, complete: boolean): string | null {
    const signature = NOT_CSV_SIGNATURES.find((sig) => sig.bytes.every((byte, i) => head[i] === byte));
    if (signature) return `it looks like ${signature.looksLike}`;
    const nul = head.indexOf(0);
    if (nul >= 0) return `it holds binary data (a NUL byte at byte ${nul + 1})`;
    try {
        new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    } catch {
        return 'it is not UTF-8 text (saved in another encoding, or not text at all)';
    }
    return null;
}

/**
 * Checks that the file starts like CSV text and returns its delimiter. The header holds only field names
 * (letters, digits, _, .), so its first other character is the delimiter.
 */
function inspectHead(file: string): string {
    const fd = openSync(file, 'r');
    let head: Buffer;
    let complete: boolean;
    try {
        const buffer = Buffer.alloc(HEAD_BYTES);
        const n = readSync(fd, buffer, 0, buffer.length, 0);
        head = buffer.subarray(0, n);
        complete = n < buffer.length;
    } finally {
        closeSync(fd);
    }
    const notText = notTextReason(head, complete);
    if (notText) throw new BacktestInputError(`${file}: ${NOT_CSV_ADVICE} (${notText}).`);
    const headerLine =
        head
            .toString('utf8')
            .replace(/^\uFEFF/, '')
            .split(/\r?\n/, 1)[0] ?? '';
    if (headerLine.trim() === '') throw new BacktestInputError(`${file}: the file is empty (no header row).`);
    for (const ch of headerLine) {
        if (DELIMITERS.includes(ch)) return ch;
        if (!/[A-Za-z0-9_."\s]/.test(ch)) break;
    }
    return ',';
}

/** Edit distance between two names, case ignored: how far a header is from the column the backtest expected. */
export function nameDistance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const current = [i];
        for (let j = 1; j <= y.length; j++) {
            const cost = x[i - 1] === y[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
        }
        previous = current;
    }
    return previous[y.length] as number;
}

/** The header name closest to `column` (for "did you mean"), or null when there is none. */
export function closestName(column: string, names: readonly string[]): string | null {
    let best: string | null = null;
    let bestDistance = Infinity;
    for (const name of names) {
        const d = nameDistance(column, name);
        if (d < bestDistance) [best, bestDistance] = [name, d];
    }
    return best;
}

/**
 * The message for a file the CSV parser gives up on, at the line where the broken row STARTS: a quote that is
 * never closed swallows every later line, so the line where the parser stops says nothing about where to look.
 */
function brokenCsv(
    file: string,
    error: CsvError & { lines?: number; empty_lines?: number },
    last: { endLine: number; emptyLines: number; rows: number }
): BacktestInputError {
    // Blank lines are skipped between rows: those met after the last complete row come before the broken one.
    const startLine = last.endLine + 1 + Math.max(0, (error.empty_lines ?? last.emptyLines) - last.emptyLines);
    // `rows` counts the data rows parsed (-1 before the header): the broken one is the next.
    const which = last.rows < 0 ? 'the header row' : `row ${(last.rows + 1).toLocaleString('en-US')}`;
    const at = `not a readable CSV at line ${startLine.toLocaleString('en-US')}, where ${which} starts`;
    const fix = 'Close the quote in that row (a quote inside a quoted value is written twice: "") or export the leads again.';
    switch (error.code) {
        case 'CSV_QUOTE_NOT_CLOSED':
            return new BacktestInputError(`${file}: ${at}: a quote opened in that row is never closed (the file ends inside it). ${fix}`);
        case 'CSV_INVALID_CLOSING_QUOTE':
            return new BacktestInputError(
                `${file}: ${at}: a quote opened in that row is not closed where the value ends (the parser stopped at line ${(error.lines ?? startLine).toLocaleString('en-US')}). ${fix}`
            );
        case 'CSV_MAX_RECORD_SIZE':
            return new BacktestInputError(
                `${file}: ${at}: that row runs on for more than ${MAX_ROW_BYTES / 1_048_576} MB, to line ${(error.lines ?? startLine).toLocaleString('en-US')}; most likely a quote opened in it is never closed. ${fix}`
            );
        default:
            return new BacktestInputError(`${file}: ${at}: ${error.message}`);
    }
}

/**
 * The refusal for the first scored column whose values are unreadable in more than `limit` of the rows
 * (a share of 0.05 is 5 %), or null when every scored column reads well enough.
 */
export function mostlyUnreadable(issues: readonly Issue[], columns: ReadonlySet<string>, rows: number, limit: number): string | null {
    if (rows === 0) return null;
    const worst = issues
        .filter((i) => (i.kind === 'unparseableDate' || i.kind === 'notANumber') && i.column !== null && columns.has(i.column))
        .sort((a, b) => b.count - a.count)[0];
    // One unreadable cell is a typo, not a format: it never stops the run, even in a file of a few rows.
    if (!worst || worst.count < 2 || worst.count / rows <= limit) return null;
    const example = worst.examples[0];
    const share = `${((100 * worst.count) / rows).toFixed(worst.count / rows < 0.1 ? 1 : 0)} %`;
    const expected = worst.kind === 'unparseableDate' ? 'an ISO date-time such as 2026-01-15T10:30:00.000Z' : 'a plain number such as 250';
    return (
        `column ${worst.column} cannot be read in ${worst.count.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows (${share}, more than the ${(limit * 100).toFixed(0)} % allowed)` +
        `${example ? `, e.g. "${example.value}" in row ${example.row.toLocaleString('en-US')} (line ${example.line.toLocaleString('en-US')})` : ''}. ` +
        `Every such lead would be scored as if the value were blank, so the report would be wrong. The backtest reads ${expected}: ` +
        'export with sf data export bulk or sf data query (docs/BACKTEST.md) instead of saving the file from a spreadsheet, ' +
        'or raise the limit with --max-unreadable <percent> if you accept those leads scored without it.'
    );
}

type CellReader = (cell: string, record: LeadRecord) => void;

function picklistValues(field: string, defs: readonly SqlDefinition[]): Set<string> | null {
    const values = new Set<string>(STANDARD_LEAD_FIELDS[field]?.picklistValues ?? []);
    for (const def of defs) {
        for (const rule of def.fit.rules)
            if (rule.when.kind === 'picklistIn' && rule.when.field === field) rule.when.values.forEach((v) => values.add(v));
    }
    return STANDARD_LEAD_FIELDS[field]?.picklistValues ? values : null;
}

/**
 * Reads the export at `file`, calling `onLead` for every usable row in file order.
 * Throws BacktestInputError for a file that cannot be read as a lead export.
 */
export async function readLeads(file: string, options: ReadOptions, onLead: (lead: LeadRecord) => void): Promise<ReadSummary> {
    let bytes: number;
    try {
        const stat = statSync(file);
        if (!stat.isFile()) throw new BacktestInputError(`${file} is not a file.`, EXIT.usage);
        bytes = stat.size;
    } catch (error) {
        if (error instanceof BacktestInputError) throw error;
        throw new BacktestInputError(`Cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
    }
    const { defs } = options;
    const wonStage = options.wonStage ?? 'Closed Won';
    const issues = new IssueLog(options.keepExamples ?? 5);
    const delimiter = bytes === 0 ? ',' : inspectHead(file);
    if (bytes === 0) throw new BacktestInputError(`${file}: the file is empty (no header row).`);

    // Where the last complete row ended, so a broken row is reported at the line where it starts.
    let lastEndLine = 0;
    let lastEmptyLines = 0;
    let parsedRows = -1;
    const parser = parse({
        bom: true,
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
        trim: false,
        max_record_size: MAX_ROW_BYTES,
        // Noted as each row is parsed (the rows of a chunk are dropped when a later row of it fails), so a
        // broken row is reported at the line where it starts.
        on_record: (record: string[], context: { lines: number; empty_lines: number }) => {
            lastEndLine = context.lines;
            lastEmptyLines = context.empty_lines;
            parsedRows++;
            return record;
        }
    });
    const input = createReadStream(file);
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);

    let header: string[] | null = null;
    let readers: Array<CellReader | null> = [];
    let rows = 0;
    let rowsSkipped = 0;
    let outcomeColumn = '';
    const stagesSeen: string[] = [];
    let optionalPresent: string[] = [];
    let optionalMissing: string[] = [];
    const every = options.progressEvery ?? 10_000;

    /**
     * Matches the header to the columns the backtest knows, case ignored (Data Loader writes upper-case
     * headers, other tools lower-case), and returns it with each known column under its API name.
     */
    const setUpColumns = (written: string[]): string[] => {
        const known = [...requiredColumns(defs), ...OUTCOME_COLUMNS, ...optionalColumns(defs)];
        const byFolded = new Map(known.map((column) => [column.toLowerCase(), column]));
        const asWritten = new Map<string, string>();
        const names = written.map((name) => {
            const column = byFolded.get(name.toLowerCase());
            if (column === undefined) return name;
            const earlier = asWritten.get(column);
            if (earlier !== undefined) {
                throw new BacktestInputError(
                    `${file}: the header has the column ${column} twice ("${printable(earlier)}" and "${printable(name)}"): remove one and run again.`
                );
            }
            asWritten.set(column, name);
            return column;
        });
        const present = new Set(names);
        const missing = requiredColumns(defs).filter((c) => !present.has(c));
        const outcome = OUTCOME_COLUMNS.find((c) => present.has(c));
        if (!outcome) missing.push(OUTCOME_COLUMNS.join(' or '));
        if (missing.length > 0) {
            const unknown = written.filter((name) => !byFolded.has(name.toLowerCase()));
            const hints = missing.flatMap((entry) => {
                const column = entry.split(' or ')[0] as string;
                const near = closestName(column, unknown);
                return near !== null && nameDistance(column, near) <= Math.max(3, Math.floor(column.length / 3))
                    ? [`${column} is closest to "${printable(near)}"`]
                    : [];
            });
            throw new BacktestInputError(
                `${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
                    (hints.length ? `In the header, ${hints.join('; ')}: rename it, or export again. ` : '') +
                    `The header has: ${written.map(printable).join(', ')}. Export with the query in docs/BACKTEST.md (npm run backtest -- --print-query).`
            );
        }
        outcomeColumn = outcome as string;
        optionalPresent = optionalColumns(defs).filter((c) => present.has(c));
        optionalMissing = optionalColumns(defs).filter((c) => !present.has(c));
        readers = names.map((name) => cellReader(name));
        options.onHeader?.(names);
        return names;
    };

    // Reads one cell into the record; reports bad cells through `issues` with the current row and line.
    let currentRow = 0;
    let currentLine = 0;
    const instantCell =
        (column: string, assign: (record: LeadRecord, ms: number | null) => void): CellReader =>
        (cell, record) => {
            const ms = parseInstant(cell);
            if (ms === undefined) issues.add('unparseableDate', column, currentRow, currentLine, cell);
            assign(record, ms ?? null);
        };
    const picklistCell = (
        column: string,
        allowed: ReadonlySet<string>,
        assign: (record: LeadRecord, v: string | null) => void
    ): CellReader => {
        return (cell, record) => {
            if (cell !== '' && !allowed.has(cell)) issues.add('unknownPicklistValue', column, currentRow, currentLine, cell);
            assign(record, cell === '' ? null : cell);
        };
    };
    const scored = {
        fit: new Set(defs.flatMap((def) => def.fit.rules.map((rule) => rule.when.field))),
        numberFit: new Set(
            defs.flatMap((def) => def.fit.rules.filter((rule) => rule.when.kind === 'numberAtLeast').map((rule) => rule.when.field))
        ),
        signals: new Set(defs.flatMap((def) => def.intent.signals.map((signal) => signal.field)))
    };
    /** Columns whose unreadable values change scores: checked against the unreadable-share limit. */
    const unreadableChecked = new Set([COLUMN.mqlAt, ...scored.signals, ...scored.numberFit]);
    const criteria = criteriaColumns(defs);
    const criterionStatuses = new Set<string>(CRITERION_STATUSES);

    function cellReader(name: string): CellReader | null {
        switch (name) {
            case COLUMN.id:
                return (cell, record) => {
                    if (cell.trim() === '') issues.add('blankId', name, currentRow, currentLine, cell);
                    record.id = cell.trim();
                };
            case COLUMN.status:
                return picklistCell(
                    name,
                    new Set(defs.flatMap((def) => def.stages.map((stage) => stage.status))),
                    (r, v) => (r.status = v ?? '')
                );
            case COLUMN.leadSource:
                return (cell, record) => (record.leadSource = cell === '' ? null : cell);
            case COLUMN.mqlAt:
                return instantCell(name, (r, ms) => (r.mqlAt = ms));
            case COLUMN.acceptedAt:
                return instantCell(name, (r, ms) => (r.acceptedAt = ms));
            case COLUMN.sqlAt:
                return instantCell(name, (r, ms) => (r.sqlAt = ms));
            case COLUMN.rejectedAt:
                return instantCell(name, (r, ms) => (r.rejectedAt = ms));
            case COLUMN.convertedDate:
                return instantCell(name, (r, ms) => (r.convertedAt = ms));
            case COLUMN.opportunityCloseDate:
                return instantCell(name, (r, ms) => (r.closeAt = ms));
            case COLUMN.rejectionReason:
                return picklistCell(
                    name,
                    new Set(defs.flatMap((def) => def.rejectionReasons.map((reason) => reason.value))),
                    (r, v) => (r.rejectionReason = v)
                );
            case COLUMN.isConverted:
                return (cell, record) => {
                    const b = parseBoolean(cell);
                    if (b === undefined) issues.add('notABoolean', name, currentRow, currentLine, cell);
                    record.isConverted = b === true;
                };
            case COLUMN.opportunityId:
                return (cell, record) => (record.opportunityId = cell.trim() === '' ? null : cell.trim());
            case COLUMN.opportunityIsWon:
                if (outcomeColumn !== name) return null;
                return (cell, record) => {
                    const b = parseBoolean(cell);
                    if (b === undefined) issues.add('notABoolean', name, currentRow, currentLine, cell);
                    record.won = b === true;
                };
            case COLUMN.opportunityStage:
                return (cell, record) => {
                    const stage = cell.trim();
                    if (stage !== '' && stagesSeen.length < STAGE_NAMES_KEPT && !stagesSeen.includes(stage)) stagesSeen.push(stage);
                    if (outcomeColumn === name) record.won = stage === wonStage;
                };
            case COLUMN.framework:
                return picklistCell(name, new Set(defs.flatMap((def) => def.frameworks.map((f) => f.key))), (r, v) => (r.values[name] = v));
            default:
                break;
        }
        if (criteria.status.includes(name)) return picklistCell(name, criterionStatuses, (r, v) => (r.values[name] = v));
        if (criteria.evidence.includes(name)) return (cell, record) => (record.values[name] = cell === '' ? null : cell);
        if (scored.signals.has(name)) {
            return instantCell(name, (r, ms) => {
                r.values[name] = ms === null ? null : new Date(ms).toISOString();
                if (ms !== null) r.signalAt[name] = ms;
            });
        }
        if (scored.numberFit.has(name)) {
            return (cell, record) => {
                const n = parseNumber(cell);
                if (n === undefined) issues.add('notANumber', name, currentRow, currentLine, cell);
                record.values[name] = n ?? null;
            };
        }
        if (scored.fit.has(name)) {
            const allowed = picklistValues(name, defs);
            if (allowed) return picklistCell(name, allowed, (r, v) => (r.values[name] = v));
            return (cell, record) => (record.values[name] = cell === '' ? null : cell);
        }
        return null;
    }

    try {
        for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
            const { record: cells, info } = chunk;
            if (header === null) {
                header = setUpColumns(cells.map((c) => c.trim()));
                continue;
            }
            rows++;
            currentRow = rows;
            currentLine = info.lines;
            if (cells.length !== header.length) {
                issues.add('wrongFieldCount', null, currentRow, currentLine, `${cells.length} fields, header has ${header.length}`);
                rowsSkipped++;
            } else {
                const record: LeadRecord = {
                    row: currentRow,
                    line: currentLine,
                    id: '',
                    status: '',
                    leadSource: null,
                    mqlAt: null,
                    acceptedAt: null,
                    sqlAt: null,
                    rejectedAt: null,
                    rejectionReason: null,
                    isConverted: false,
                    opportunityId: null,
                    convertedAt: null,
                    won: false,
                    closeAt: null,
                    values: {},
                    signalAt: {}
                };
                for (let i = 0; i < readers.length; i++) {
                    const read = readers[i];
                    if (read) read(cells[i] as string, record);
                }
                if (!record.isConverted || record.opportunityId === null) record.won = false;
                onLead(record);
            }
            if (options.onProgress && rows % every === 0) options.onProgress(rows, input.bytesRead, bytes);
        }
    } catch (error) {
        if (error instanceof BacktestInputError) throw error;
        if (error instanceof CsvError) throw brokenCsv(file, error, { endLine: lastEndLine, emptyLines: lastEmptyLines, rows: parsedRows });
        throw new BacktestInputError(`${file}: ${(error as Error).message}`);
    } finally {
        input.destroy();
    }
    if (header === null) throw new BacktestInputError(`${file}: the file is empty (no header row).`);
    options.onProgress?.(rows, bytes, bytes);
    const unreadable = mostlyUnreadable(issues.list(), unreadableChecked, rows, options.maxUnreadableShare ?? UNREADABLE_SHARE_LIMIT);
    if (unreadable) throw new BacktestInputError(`${file}: ${unreadable}`);
    return {
        file,
        bytes,
        delimiter,
        header,
        rows,
        rowsSkipped,
        optionalPresent,
        optionalMissing,
        outcomeColumn,
        wonStage,
        stagesSeen,
        issues: issues.list(),
        issueCount: issues.total
    };
}
