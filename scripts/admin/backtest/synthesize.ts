/**
 * A deterministic synthetic lead export for the backtest's README example, its tests and its
 * measurements: `npm run backtest:synthesize [-- --rows 30000 --seed 20260415 --out <file>]`.
 *
 * Same seed and row count, same bytes. The history it invents is one from before the SQL bar was
 * enforced (or loaded through the bypass), so leads below the bar were worked too and have outcomes:
 * that is the history a backtest needs. Outcomes depend on each lead's fit and intent at the moment
 * it became an MQL, as scored by scoreLead itself, plus hidden noise, so the bar separates buyers
 * from tire kickers without doing so perfectly. Columns and formats are the ones
 * `sf data export bulk` writes for the query in docs/BACKTEST.md (date-times as `...000Z`).
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FIELDS, SQL_DEFINITION, type RejectionReasonValue } from 'c/sqlDefinition';
import { frameworkOf, rejectionStatus, scoreLead, statusOfStage, suggestFramework } from 'c/leadScoring';
import { COLUMN, OUTCOME_COLUMNS, criteriaColumns, optionalColumns, requiredColumns } from './columns.ts';
import { mulberry32 as prng } from '../sample-data/random.ts';

export const DEFAULT_ROWS = 30_000;
export const DEFAULT_SEED = 20260415;
/** The moment the synthetic export was taken: nothing in it happens later. */
export const EXPORTED_AT = Date.UTC(2026, 3, 15, 6, 0, 0);
const HISTORY_FROM = Date.UTC(2025, 0, 1);
const HISTORY_TO = Date.UTC(2026, 2, 31, 23, 59);
const DAY = 86_400_000;
const MINUTE = 60_000;

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

export class Dice {
    constructor(readonly next: () => number) {}
    chance(p: number): boolean {
        return this.next() < p;
    }
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }
    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)] as T;
    }
    weighted<T>(items: Weighted<T>): T {
        const total = items.reduce((sum, [, w]) => sum + w, 0);
        let r = this.next() * total;
        for (const [item, w] of items) {
            r -= w;
            if (r < 0) return item;
        }
        return (items[items.length - 1] as readonly [T, number])[0];
    }
    normal(): number {
        const u = Math.max(1e-12, this.next());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    }
    exponential(mean: number): number {
        return -Math.log(Math.max(1e-12, 1 - this.next())) * mean;
    }
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** A Salesforce-shaped 18-character Id: key prefix, counter, and the real case-safe checksum suffix. */
export function salesforceId(prefix: string, n: number): string {
    const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let body = '';
    for (let i = 0, v = n; i < 10; i++, v = Math.floor(v / 62)) body = base62[v % 62] + body;
    const id15 = `${prefix}Hq${body}`;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const ch = id15[chunk * 5 + i] as string;
            if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
        }
        suffix += alphabet[bits];
    }
    return id15 + suffix;
}

const INDUSTRIES: Weighted<string> = [
    ['Technology', 30],
    ['Healthcare', 15],
    ['Biotechnology', 10],
    ['Finance', 9],
    ['Manufacturing', 9],
    ['Retail', 7],
    ['Education', 5],
    ['Consulting', 6],
    ['Telecommunications', 4],
    ['Media', 4],
    ['Insurance', 4],
    ['Government', 3],
    ['Energy', 3],
    ['Other', 5]
];
const AUTHORITY_TITLES = [
    'VP Sales',
    'Vice President, Revenue Operations',
    'Director of Marketing',
    'Head of Sales Development',
    'Chief Revenue Officer',
    'CTO',
    'CFO',
    'Director, Sales Operations',
    'Head of Growth',
    'CMO'
];
const OTHER_TITLES = [
    'Sales Manager',
    'Marketing Manager',
    'Account Executive',
    'SDR',
    'Operations Analyst',
    'Software Engineer',
    'Marketing Specialist',
    'Revenue Operations Manager',
    'Consultant',
    'Office Manager'
];
const STUDENT_TITLES = ['Student', 'Marketing Intern', 'MBA Student', 'Sales Intern'];
const SERVED_COUNTRIES: Weighted<string> = [
    ['United States', 30],
    ['USA', 8],
    ['Canada', 6],
    ['United Kingdom', 9],
    ['UK', 3],
    ['Germany', 7],
    ['France', 5],
    ['Netherlands', 3],
    ['Spain', 2],
    ['Sweden', 2],
    ['Ireland', 2],
    ['Mexico', 2]
];
const OTHER_COUNTRIES = ['India', 'Brazil', 'Australia', 'Japan', 'Singapore', 'South Africa', 'Argentina', 'Turkey'];
const FREE_EMAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'yahoo.co.uk', 'icloud.com'];
const COMPETITOR_EMAIL = ['rivalgate.com', 'leadlock.io'];
const FIRST = [
    'ana',
    'ben',
    'chen',
    'dana',
    'eli',
    'fatma',
    'gus',
    'hana',
    'ivan',
    'jo',
    'kai',
    'lea',
    'mo',
    'nia',
    'omar',
    'pia',
    'raj',
    'sam'
];
const LAST = ['lee', 'ruiz', 'patel', 'kim', 'novak', 'smith', 'weber', 'rossi', 'sato', 'okafor', 'berg', 'silva', 'cohen', 'dubois'];
const SOURCES: Weighted<string> = [
    ['Web', 45],
    ['Partner Referral', 15],
    ['Purchased List', 15],
    ['Phone Inquiry', 10],
    ['Other', 15]
];
const OPEN_STAGES = ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review'];

/**
 * The export's columns, in the order of the query in docs/BACKTEST.md, without the qualification
 * framework and criteria columns (optional for the backtest; left out to keep the committed file small).
 */
export function syntheticColumns(): string[] {
    const defs = [SQL_DEFINITION];
    const criteria = criteriaColumns(defs);
    const left = new Set<string>([FIELDS.framework, ...criteria.status, ...criteria.evidence]);
    return [...new Set([...requiredColumns(defs), ...OUTCOME_COLUMNS, ...optionalColumns(defs)])].filter((c) => !left.has(c));
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoDate = (ms: number): string => iso(ms).slice(0, 10);

function csvCell(value: string | number | boolean | null | undefined): string {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Business-hours bias: MQLs arrive mostly on weekdays between 13:00 and 22:00 UTC. */
function mqlInstant(dice: Dice): number {
    for (;;) {
        const day = HISTORY_FROM + Math.floor(dice.next() * ((HISTORY_TO - HISTORY_FROM) / DAY)) * DAY;
        const weekday = new Date(day).getUTCDay();
        if ((weekday === 0 || weekday === 6) && dice.chance(0.75)) continue;
        return day + (13 * 60 + Math.floor(dice.next() * 9 * 60)) * MINUTE + dice.int(0, 59) * 1000;
    }
}

/** One synthetic lead as a row of cells keyed by column. */
export function synthesizeLead(dice: Dice, n: number): Record<string, string | number | boolean | null> {
    const row: Record<string, string | number | boolean | null> = { [COLUMN.id]: salesforceId('00Q', n) };
    // Who they are.
    const industry = dice.chance(0.08) ? null : dice.weighted(INDUSTRIES);
    const employees = dice.chance(0.06) ? null : Math.max(1, Math.round(Math.exp(5.4 + 1.6 * dice.normal())));
    const revenue =
        employees === null || dice.chance(0.2) ? null : Math.round((employees * 180_000 * Math.exp(0.6 * dice.normal())) / 1000) * 1000;
    const titleKind = dice.weighted<'authority' | 'other' | 'student' | 'blank'>([
        ['authority', 45],
        ['other', 45],
        ['student', 4],
        ['blank', 6]
    ]);
    const title =
        titleKind === 'authority'
            ? dice.pick(AUTHORITY_TITLES)
            : titleKind === 'other'
              ? dice.pick(OTHER_TITLES)
              : titleKind === 'student'
                ? dice.pick(STUDENT_TITLES)
                : null;
    const country = dice.chance(0.7) ? dice.weighted(SERVED_COUNTRIES) : dice.chance(0.9) ? dice.pick(OTHER_COUNTRIES) : null;
    const emailKind =
        titleKind === 'student'
            ? 'free'
            : dice.weighted<'corporate' | 'free' | 'competitor'>([
                  ['corporate', 84],
                  ['free', 15],
                  ['competitor', 1]
              ]);
    const domain =
        emailKind === 'free'
            ? dice.pick(FREE_EMAIL)
            : emailKind === 'competitor'
              ? dice.pick(COMPETITOR_EMAIL)
              : `co${(n * 7919) % 9973}.com`;
    Object.assign(row, {
        Industry: industry,
        NumberOfEmployees: employees,
        AnnualRevenue: revenue,
        Title: title,
        Country: country,
        Email: `${dice.pick(FIRST)}.${dice.pick(LAST)}@${domain}`,
        [COLUMN.leadSource]: dice.weighted(SOURCES)
    });

    // Hidden buying readiness: drives both the signals they leave and whether they buy.
    const inMarket = sigmoid(1.2 * dice.normal() - 0.6 + (titleKind === 'authority' ? 0.4 : 0) + (titleKind === 'student' ? -1.5 : 0));
    // The export query keeps only leads that became MQLs, so every synthetic lead did.
    const mqlAt = mqlInstant(dice);
    // Marketing automation flips a lead to MQL on a trigger action; other signals came before (or after, and
    // then overwrote the earlier occurrence: the field keeps only the latest).
    const trigger = dice.weighted<string>([
        ['Last_Demo_Request_At__c', 0.1 + 0.4 * inMarket],
        ['Last_Event_Attended_At__c', 0.15],
        ['Last_Pricing_Visit_At__c', 0.2],
        ['Last_Content_Download_At__c', 0.5 - 0.3 * inMarket]
    ]);
    const signalOdds: Record<string, number> = {
        Last_Demo_Request_At__c: 0.05 + 0.2 * inMarket,
        Last_Event_Attended_At__c: 0.04 + 0.16 * inMarket,
        Last_Pricing_Visit_At__c: 0.1 + 0.35 * inMarket,
        Last_Return_Visit_At__c: 0.04 + 0.2 * inMarket,
        Last_Content_Download_At__c: 0.25,
        Last_Email_Engagement_At__c: 0.35
    };
    for (const signal of SQL_DEFINITION.intent.signals) {
        let at: number;
        if (signal.field === trigger && dice.chance(0.85)) {
            at = mqlAt - Math.round(dice.next() * 30 * MINUTE);
        } else if (dice.chance(signalOdds[signal.field] ?? 0.2)) {
            const after = dice.chance(signal.field === 'Last_Return_Visit_At__c' ? 0.5 : 0.15);
            at = after
                ? mqlAt + Math.round(dice.exponential(20) * DAY)
                : mqlAt - Math.round(dice.exponential(inMarket > 0.5 ? 8 : 25) * DAY);
        } else {
            continue;
        }
        if (at <= EXPORTED_AT) row[signal.field] = iso(at);
    }
    row[FIELDS.mqlAt] = iso(mqlAt);

    // Score at MQL time with the real scoring, from the signals that existed then.
    const atMql: Record<string, unknown> = { ...row };
    for (const signal of SQL_DEFINITION.intent.signals) {
        if (typeof atMql[signal.field] === 'string' && Date.parse(atMql[signal.field] as string) > mqlAt) atMql[signal.field] = null;
    }
    const score = scoreLead(atMql, mqlAt);
    const noise = dice.normal();
    const quality = 0.045 * (score.fit - 40) + 0.07 * (score.intent - 30) + 1.6 * (inMarket - 0.5) + 0.7 * noise;

    // What sales did, and when (nothing after the export instant has happened yet).
    const happened = (at: number): boolean => at <= EXPORTED_AT;
    const firstActionAt = mqlAt + Math.round(Math.exp(3.4 + 1.9 * dice.normal()) * MINUTE);
    const worked = happened(firstActionAt) && dice.chance(0.9);
    let status = statusOfStage('MQL');
    const accept = worked && dice.chance(sigmoid(0.9 + 0.9 * quality));
    let rejectedAt: number | null = null;
    let reason: RejectionReasonValue | null = null;
    let sqlAt: number | null = null;
    if (worked && !accept) {
        rejectedAt = firstActionAt;
        reason =
            titleKind === 'student'
                ? 'Student or Personal'
                : emailKind === 'competitor'
                  ? 'Competitor'
                  : score.fit < 30 && dice.chance(0.6)
                    ? 'Poor Fit'
                    : dice.weighted<RejectionReasonValue>([
                          ['No Budget', 20],
                          ['No Need', 18],
                          ['Bad Timing', 16],
                          ['Unresponsive', 18],
                          ['No Authority', 12],
                          ['Duplicate', 8],
                          ['Other', 8]
                      ]);
        status = rejectionStatus(reason);
    }
    if (accept) {
        row[FIELDS.acceptedAt] = iso(firstActionAt);
        status = statusOfStage('SAL');
        // The criterion a rep finds disqualifying names the rejection reason, as the record page suggests.
        const criteria = frameworkOf(suggestFramework(row))?.criteria ?? [];
        const qualifies = dice.chance(sigmoid(-0.6 + 1.2 * quality));
        const decidedAt = firstActionAt + Math.round((1 + dice.exponential(6)) * DAY);
        if (qualifies && happened(decidedAt)) {
            sqlAt = decidedAt;
            row[FIELDS.sqlAt] = iso(sqlAt);
            status = statusOfStage('SQL');
        } else if (!qualifies && happened(decidedAt) && dice.chance(0.7)) {
            rejectedAt = decidedAt;
            const disqualifier = criteria.find((c) => c.disqualifyReason && dice.chance(0.3));
            reason =
                disqualifier?.disqualifyReason ?? dice.pick<RejectionReasonValue>(['No Budget', 'No Need', 'Bad Timing', 'Unresponsive']);
            status = rejectionStatus(reason);
        }
    }
    if (rejectedAt !== null) {
        row[FIELDS.rejectedAt] = iso(rejectedAt);
        row[FIELDS.rejectionReason] = reason;
    }

    // Conversion and the opportunity's fate.
    let converted = false;
    if (sqlAt !== null) {
        const convertedAt = sqlAt + Math.round(dice.exponential(7) * DAY);
        if (happened(convertedAt) && dice.chance(sigmoid(-0.8 + 0.8 * quality))) {
            converted = true;
            status = statusOfStage('Converted');
            row[COLUMN.convertedDate] = isoDate(convertedAt);
            if (dice.chance(0.95)) {
                row[COLUMN.opportunityId] = salesforceId('006', n);
                const closeAt = convertedAt + Math.round((20 + dice.exponential(45)) * DAY);
                const won = dice.chance(sigmoid(-1.6 + 0.95 * quality));
                row[COLUMN.opportunityCloseDate] = isoDate(closeAt);
                if (happened(closeAt)) {
                    row[COLUMN.opportunityIsWon] = won;
                    row[COLUMN.opportunityStage] = won ? 'Closed Won' : 'Closed Lost';
                } else {
                    row[COLUMN.opportunityIsWon] = false;
                    row[COLUMN.opportunityStage] = dice.pick(OPEN_STAGES);
                }
            }
        }
    }
    row[FIELDS.status] = status;
    row[COLUMN.isConverted] = converted;
    return row;
}

export interface SynthesizeOptions {
    rows?: number;
    seed?: number;
}

/** The synthetic export as CSV lines (header first), generated lazily so any size streams. */
export function* synthesizeCsv(options: SynthesizeOptions = {}): Generator<string> {
    const rows = options.rows ?? DEFAULT_ROWS;
    const dice = new Dice(prng(options.seed ?? DEFAULT_SEED));
    const columns = syntheticColumns();
    yield `${columns.join(',')}\n`;
    for (let n = 1; n <= rows; n++) {
        const lead = synthesizeLead(dice, n);
        yield `${columns.map((c) => csvCell(lead[c])).join(',')}\n`;
    }
}

export async function writeSynthetic(file: string, options: SynthesizeOptions = {}): Promise<void> {
    await mkdir(dirname(resolve(file)), { recursive: true });
    const out = createWriteStream(file);
    let buffer = '';
    for (const line of synthesizeCsv(options)) {
        buffer += line;
        if (buffer.length >= 1 << 16) {
            if (!out.write(buffer)) await once(out, 'drain');
            buffer = '';
        }
    }
    out.end(buffer);
    await once(out, 'finish');
}

export const DEFAULT_OUT = 'data/backtest/leads-synthetic.csv';

export const SYNTHESIZE_USAGE = `Usage: npm run backtest:synthesize -- [--rows <n>] [--seed <integer>] [--out <file.csv>]

  --rows <n>          leads to write (default ${DEFAULT_ROWS.toLocaleString('en-US')})
  --seed <integer>    random seed: same seed and rows, same bytes (default ${DEFAULT_SEED})
  --out <file.csv>    where to write (default ${DEFAULT_OUT}, the committed example export)
  --help              this text; writes nothing

Exit codes: 0 written; 2 bad arguments (nothing written).`;

export interface SynthesizeCli {
    rows: number;
    seed: number;
    out: string;
}

/** Parses argv: the options, `help`, or why they cannot be used. Never writes anything. */
export function parseSynthesizeArgs(argv: readonly string[]): { options: SynthesizeCli } | { help: true } | { error: string } {
    const options: SynthesizeCli = { rows: DEFAULT_ROWS, seed: DEFAULT_SEED, out: DEFAULT_OUT };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] as string;
        const [flag, inline] =
            arg.startsWith('--') && arg.includes('=')
                ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
                : [arg, undefined];
        if (flag === '--help' || flag === '-h') return { help: true };
        if (flag !== '--rows' && flag !== '--seed' && flag !== '--out') return { error: `Unknown option "${arg}".` };
        const value = inline ?? argv[++i];
        if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
            return { error: `${flag} needs a value.` };
        if (flag === '--out') {
            options.out = value;
            continue;
        }
        const n = Number(value);
        if (flag === '--rows') {
            if (!Number.isInteger(n) || n < 0) return { error: `--rows needs a whole number of leads, got "${value}".` };
            options.rows = n;
        } else {
            if (!Number.isSafeInteger(n)) return { error: `--seed needs a whole number, got "${value}".` };
            options.seed = n;
        }
    }
    return { options };
}

/** The CLI: writes the export, or prints the usage (exit 0 for --help, 2 for bad arguments) and writes nothing. */
export async function main(argv: string[], log: (text: string) => void = (t) => console.error(t)): Promise<number> {
    const parsed = parseSynthesizeArgs(argv);
    if ('help' in parsed) {
        log(SYNTHESIZE_USAGE);
        return 0;
    }
    if ('error' in parsed) {
        log(`${parsed.error}\n\n${SYNTHESIZE_USAGE}`);
        return 2;
    }
    const { rows, seed, out } = parsed.options;
    const started = Date.now();
    await writeSynthetic(out, { rows, seed });
    log(
        `Wrote ${rows.toLocaleString('en-US')} synthetic leads (seed ${seed}) to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`
    );
    return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
