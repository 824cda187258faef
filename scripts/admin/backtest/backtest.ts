/**
 * npm run backtest -- --leads <export.csv> [--definition <proposal.ts|overrides.json>] [--as-of <date>] [--html <file>]
 *
 * What would a proposed SQL definition have done to this org's own leads? Scores every lead of the
 * export at the moment it became an MQL under the current and the proposed definition (with
 * scoreLead, the record page's own scoring), and reports who clears each bar, how each score band
 * converted to SQL, Opportunity and Closed Won, the leads that change side, and the generated
 * formula and rule changes the proposal implies. Writes the same report as an HTML page.
 * Exit codes: see EXIT in readLeads.ts and docs/BACKTEST.md.
 */
import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { Backtest } from './analyse.ts';
import { COLUMN, criteriaColumns, exportQuery } from './columns.ts';
import { definitionChanges, loadProposedDefinition } from './definitions.ts';
import { compareGenerated } from './generatedDiff.ts';
import { renderHtml } from './html.ts';
import { BacktestInputError, EXIT, UNREADABLE_SHARE_LIMIT, readLeads, type ReadSummary } from './readLeads.ts';
import { renderText, wonSource, type Report } from './report.ts';
import { parseInstant } from './values.ts';

export const USAGE = `Usage: npm run backtest -- --leads <export.csv> [options]

  --leads <file>          lead export (CSV from sf data export bulk / sf data query; see docs/BACKTEST.md)
  --definition <file>     proposed definition: a .ts/.js module exporting a SqlDefinition, or a .json
                          file of overrides merged onto the current definition (default: none, baseline report)
  --as-of <date>          replay history as of this instant (YYYY-MM-DD = end of that day, UTC; or an
                          ISO date-time): later MQLs are left out, later stage stamps do not count
  --html <file>           where to write the HTML report (default: <export>.backtest.html next to the CSV)
  --no-html               do not write the HTML report
  --won-stage <name>      StageName that means won when the export has no ConvertedOpportunity.IsWon (default: Closed Won)
  --list <n>              changed leads listed per side in the text report (default 10)
  --strict                exit 1 when any cell was unreadable (the report is still printed)
  --max-unreadable <pct>  stop when a scored column (a signal date, a number a fit rule compares, MQL_At__c)
                          cannot be read in more than this percentage of the rows (default 5)
  --progress-every <n>    without a terminal, print progress every n rows on stderr (default 100000; 0 = never)
  --quiet                 no progress output
  --print-query           print the SOQL export query for the current (and proposed) definition, then exit
  --help                  this text

Exit codes: 0 report written; 1 --strict and some cells were unreadable; 2 bad arguments, unreadable
--leads path or unusable --definition; 3 the export cannot be used (not a CSV, missing columns, broken CSV,
a scored column mostly unreadable, no MQLs); 4 an unexpected error (a bug).`;

export interface CliOptions {
    leads: string | null;
    definition: string | null;
    asOf: string | null;
    html: string | null;
    noHtml: boolean;
    wonStage: string;
    list: number;
    strict: boolean;
    /** --max-unreadable as a share (0.05 = 5 %). */
    maxUnreadable: number;
    /** Whether --won-stage was given (it only matters without an IsWon column). */
    wonStageGiven: boolean;
    progressEvery: number;
    quiet: boolean;
    printQuery: boolean;
    help: boolean;
}

/** Parses argv; throws BacktestInputError (exit 2) on anything it does not understand. */
export function parseArgs(argv: string[]): CliOptions {
    const options: CliOptions = {
        leads: null,
        definition: null,
        asOf: null,
        html: null,
        noHtml: false,
        wonStage: 'Closed Won',
        list: 10,
        strict: false,
        maxUnreadable: UNREADABLE_SHARE_LIMIT,
        wonStageGiven: false,
        progressEvery: 100_000,
        quiet: false,
        printQuery: false,
        help: false
    };
    const usage = (why: string): never => {
        throw new BacktestInputError(`${why}\n\n${USAGE}`, EXIT.usage);
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] as string;
        const [flag, inline] =
            arg.startsWith('--') && arg.includes('=')
                ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
                : [arg, undefined];
        const value = (): string => {
            const v = inline ?? argv[++i];
            if (v === undefined || (inline === undefined && v.startsWith('--'))) return usage(`${flag} needs a value.`);
            return v;
        };
        const count = (): number => {
            const v = value();
            const n = Number(v);
            if (!Number.isInteger(n) || n < 0) return usage(`${flag} needs a whole number, got "${v}".`);
            return n;
        };
        switch (flag) {
            case '--leads':
                options.leads = value();
                break;
            case '--definition':
                options.definition = value();
                break;
            case '--as-of':
                options.asOf = value();
                break;
            case '--html':
                options.html = value();
                break;
            case '--no-html':
                options.noHtml = true;
                break;
            case '--won-stage':
                options.wonStage = value();
                options.wonStageGiven = true;
                break;
            case '--max-unreadable': {
                const v = value();
                const percent = Number(v);
                if (v.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
                    usage(`--max-unreadable needs a percentage from 0 to 100, got "${v}".`);
                }
                options.maxUnreadable = percent / 100;
                break;
            }
            case '--list':
                options.list = count();
                break;
            case '--strict':
                options.strict = true;
                break;
            case '--progress-every':
                options.progressEvery = count();
                break;
            case '--quiet':
                options.quiet = true;
                break;
            case '--print-query':
                options.printQuery = true;
                break;
            case '--help':
            case '-h':
                options.help = true;
                break;
            default:
                usage(`Unknown argument "${arg}".`);
        }
    }
    return options;
}

/** `--as-of`: a date is the end of that day (UTC); a date-time is taken as given. */
export function parseAsOf(text: string): number {
    const ms = parseInstant(text);
    if (ms === null || ms === undefined) {
        throw new BacktestInputError(`--as-of "${text}" is not a date (YYYY-MM-DD) or an ISO date-time.`, EXIT.usage);
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? ms + 86_400_000 - 1 : ms;
}

/** Warnings for the top of both reports: no lead won (and the stage names met, to pick --won-stage from). */
export function wonWarnings(
    read: Pick<ReadSummary, 'outcomeColumn' | 'wonStage' | 'stagesSeen'>,
    won: number,
    wonStageGiven: boolean
): string[] {
    const warnings: string[] = [];
    if (won === 0) {
        const stages = read.stagesSeen.length
            ? ` The export's opportunity stages: ${read.stagesSeen.map((s) => `"${s}"`).join(', ')}.`
            : '';
        warnings.push(
            read.outcomeColumn === COLUMN.opportunityIsWon
                ? `No MQL's opportunity is won (${wonSource(read)} in no row): every won rate below is 0. Check that the export holds ${COLUMN.opportunityIsWon} for converted leads.${stages}`
                : `No MQL's opportunity is won: no row has ${wonSource(read)}, so every won rate below is 0. If your org names its won stage otherwise, run again with --won-stage "<name>", or export ${COLUMN.opportunityIsWon}.${stages}`
        );
    }
    if (wonStageGiven && read.outcomeColumn === COLUMN.opportunityIsWon) {
        warnings.push(`--won-stage "${read.wonStage}" was not used: the export has ${COLUMN.opportunityIsWon}, which decides won.`);
    }
    return warnings;
}

/** Default HTML path: beside the CSV, `<name>.backtest.html`. */
export function defaultHtmlPath(leads: string): string {
    return join(dirname(leads), `${basename(leads, extname(leads))}.backtest.html`);
}

export interface RunIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** Whether stderr is a terminal (progress rewrites one line) or not (a line every N rows). */
    stderrIsTty: boolean;
}

export interface RunOutcome {
    exitCode: number;
    report: Report | null;
}

/** The whole CLI, callable from tests: arguments in, text out through `io`, exit code back. Never throws. */
export async function run(argv: string[], io: RunIo, current: SqlDefinition = SQL_DEFINITION): Promise<RunOutcome> {
    try {
        const options = parseArgs(argv);
        if (options.help) {
            io.stdout(`${USAGE}\n`);
            return { exitCode: EXIT.ok, report: null };
        }
        const proposed = options.definition ? await loadProposedDefinition(options.definition, current) : null;
        const defs = proposed ? [current, proposed.def] : [current];
        if (options.printQuery) {
            io.stdout(exportQuery(defs));
            return { exitCode: EXIT.ok, report: null };
        }
        if (!options.leads) throw new BacktestInputError(`--leads is required.\n\n${USAGE}`, EXIT.usage);
        const asOf = options.asOf === null ? null : parseAsOf(options.asOf);

        const currentLabel = `current definition ${current.version}`;
        const proposedLabel = proposed
            ? `${proposed.source}${proposed.def.version !== current.version ? ` (${proposed.def.version})` : ''}`
            : 'none (same as current)';
        const backtest = new Backtest({
            current: { def: current, label: currentLabel },
            proposed: { def: proposed?.def ?? current, label: proposedLabel },
            asOf
        });

        let lastDraw = 0;
        let lastRows = -1;
        const started = Date.now();
        const progress = options.quiet
            ? undefined
            : (rows: number, bytesRead: number, totalBytes: number): void => {
                  const share = totalBytes > 0 ? Math.min(100, (100 * bytesRead) / totalBytes) : 100;
                  const line = `backtest: ${rows.toLocaleString('en-US')} rows, ${share.toFixed(0)}% of ${(totalBytes / 1_048_576).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s`;
                  if (io.stderrIsTty) {
                      const now = Date.now();
                      if (now - lastDraw < 200 && bytesRead < totalBytes) return;
                      lastDraw = now;
                      io.stderr(`\r${line}\u001b[K${bytesRead >= totalBytes ? '\n' : ''}`);
                  } else if (options.progressEvery > 0 && rows >= options.progressEvery && rows !== lastRows) {
                      // Called every N rows and once at the end (which may repeat the last multiple of N).
                      lastRows = rows;
                      io.stderr(`${line}\n`);
                  }
              };
        const read = await readLeads(
            options.leads,
            {
                defs,
                wonStage: options.wonStage,
                maxUnreadableShare: options.maxUnreadable,
                onProgress: progress,
                onHeader: (header) => backtest.useColumns(header),
                progressEvery: io.stderrIsTty ? 2_000 : Math.max(1, options.progressEvery || 100_000)
            },
            (lead) => backtest.add(lead)
        );
        const result = backtest.result();
        if (result.counts.mqls === 0) {
            throw new BacktestInputError(
                `${options.leads}: none of the ${read.rows.toLocaleString('en-US')} rows became an MQL${asOf !== null ? ' on or before the as-of date' : ''} (MQL_At__c is blank${
                    read.issues.some((i) => i.column === COLUMN.mqlAt) ? ' or unparseable' : ''
                } everywhere): nothing to backtest.`
            );
        }

        const warnings = wonWarnings(read, result.all.won, options.wonStageGiven);
        const notes: string[] = [];
        const missing = new Set(read.optionalMissing);
        if (asOf !== null && missing.has(COLUMN.convertedDate))
            notes.push('Without a ConvertedDate column, conversions cannot be dated: every conversion counts, even after the as-of date.');
        if (asOf !== null && missing.has(COLUMN.opportunityCloseDate))
            notes.push(
                'Without ConvertedOpportunity.CloseDate, won deals cannot be dated: every won deal counts, even after the as-of date.'
            );
        const criteria = criteriaColumns(defs);
        if ([COLUMN.framework, ...criteria.status, ...criteria.evidence].some((c) => missing.has(c))) {
            notes.push(
                'The export has no (or not every) qualification framework and criteria column: SQL evidence completeness is not reported.'
            );
        }
        if (missing.has(COLUMN.rejectionReason))
            notes.push('No Rejection_Reason__c column: rejected leads that change side are not broken down by reason.');
        const changes = definitionChanges(current, proposed?.def ?? current);
        // Same version stamp on both sides: every generated description names the version, which would bury the real changes.
        const generated = compareGenerated(current, { ...(proposed?.def ?? current), version: current.version });
        if (changes.some((c) => c.path.startsWith('fit.')) && generated.sizes.some((s) => s.kind === 'flowFormula')) {
            notes.push(
                'Fit rules change and Fit_Score__c is stamped on save by the before-save flow: after deploying, existing leads keep their old fit until recalculated (docs/ADMIN.md).'
            );
        }
        const htmlPath = options.noHtml ? null : resolve(options.html ?? defaultHtmlPath(options.leads));
        const report: Report = {
            read,
            result,
            current: { label: currentLabel, source: 'force-app/main/default/lwc/sqlDefinition/sqlDefinition.ts' },
            proposed: { label: proposedLabel, source: proposed?.source ?? '' },
            changes,
            generated,
            notes,
            warnings,
            htmlPath: htmlPath ? (options.html ?? defaultHtmlPath(options.leads)) : null
        };
        if (htmlPath) {
            try {
                writeFileSync(htmlPath, renderHtml(report));
            } catch (error) {
                throw new BacktestInputError(`Cannot write the HTML report to ${htmlPath}: ${(error as Error).message}`, EXIT.usage);
            }
        }
        io.stdout(renderText(report, options.list));
        return { exitCode: options.strict && read.issueCount > 0 ? EXIT.strictIssues : EXIT.ok, report };
    } catch (error) {
        if (error instanceof BacktestInputError) {
            io.stderr(`backtest: ${error.message}\n`);
            return { exitCode: error.exitCode, report: null };
        }
        io.stderr(`backtest: unexpected error (a bug in the backtest, please report it): ${(error as Error).stack ?? String(error)}\n`);
        return { exitCode: EXIT.internal, report: null };
    }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    run(process.argv.slice(2), {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        stderrIsTty: Boolean(process.stderr.isTTY)
    }).then(({ exitCode }) => {
        process.exitCode = exitCode;
    });
}
