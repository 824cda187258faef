/**
 * Streams a lead export (CSV as `sf data export bulk` / `sf data query --result-format csv` write it)
 * into typed lead records, one at a time, in bounded memory. Bad cells never stop the run: each is
 * counted by kind and column, with the first few rows kept as examples. Only a file the backtest
 * cannot read at all (missing columns, broken CSV structure) raises a BacktestInputError.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { CRITERION_STATUSES, type SqlDefinition } from 'c/sqlDefinition';
import { STANDARD_LEAD_FIELDS } from '../metadata/standardLeadFields.ts';
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
        if (issue.examples.length < this.keep)
            issue.examples.push({ row, line, value: value.length > 60 ? `${value.slice(0, 57)}...` : value });
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
    issues: Issue[];
    issueCount: number;
}

const DELIMITERS = [',', ';', '\t', '|', '^', '`'];

/** The header holds only field names (letters, digits, _, .), so its first other character is the delimiter. */
function sniffDelimiter(file: string): string {
    const fd = openSync(file, 'r');
    try {
        const buffer = Buffer.alloc(64 * 1024);
        const n = readSync(fd, buffer, 0, buffer.length, 0);
        const head = buffer
            .subarray(0, n)
            .toString('utf8')
            .replace(/^\uFEFF/, '');
        const headerLine = head.split(/\r?\n/, 1)[0] ?? '';
        if (headerLine.trim() === '') throw new BacktestInputError(`${file}: the file is empty (no header row).`);
        for (const ch of headerLine) {
            if (DELIMITERS.includes(ch)) return ch;
            if (!/[A-Za-z0-9_."\s]/.test(ch)) break;
        }
        return ',';
    } finally {
        closeSync(fd);
    }
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
    const delimiter = bytes === 0 ? ',' : sniffDelimiter(file);
    if (bytes === 0) throw new BacktestInputError(`${file}: the file is empty (no header row).`);

    const parser = parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true, trim: false });
    const input = createReadStream(file);
    input.on('error', (error) => parser.destroy(error));
    input.pipe(parser);

    let header: string[] | null = null;
    let readers: Array<CellReader | null> = [];
    let rows = 0;
    let rowsSkipped = 0;
    let outcomeColumn = '';
    let optionalPresent: string[] = [];
    let optionalMissing: string[] = [];
    const every = options.progressEvery ?? 10_000;

    const setUpColumns = (names: string[]): void => {
        const present = new Set(names);
        const missing = requiredColumns(defs).filter((c) => !present.has(c));
        const outcome = OUTCOME_COLUMNS.find((c) => present.has(c));
        if (!outcome) missing.push(OUTCOME_COLUMNS.join(' or '));
        if (missing.length > 0) {
            throw new BacktestInputError(
                `${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
                    `The header has: ${names.join(', ')}. Export with the query in docs/BACKTEST.md (npm run backtest -- --print-query).`
            );
        }
        outcomeColumn = outcome as string;
        optionalPresent = optionalColumns(defs).filter((c) => present.has(c));
        optionalMissing = optionalColumns(defs).filter((c) => !present.has(c));
        readers = names.map((name) => cellReader(name));
        options.onHeader?.(names);
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
                if (outcomeColumn !== name) return null;
                return (cell, record) => (record.won = cell.trim() === wonStage);
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
        for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
            const { record: cells, info } = chunk;
            if (header === null) {
                header = cells.map((c) => c.trim());
                setUpColumns(header);
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
        if (error instanceof CsvError) {
            const where = (error as CsvError & { lines?: number }).lines;
            throw new BacktestInputError(`${file}: not a readable CSV${where ? ` at line ${where}` : ''}: ${error.message}`);
        }
        throw new BacktestInputError(`${file}: ${(error as Error).message}`);
    } finally {
        input.destroy();
    }
    if (header === null) throw new BacktestInputError(`${file}: the file is empty (no header row).`);
    options.onProgress?.(rows, bytes, bytes);
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
        issues: issues.list(),
        issueCount: issues.total
    };
}
