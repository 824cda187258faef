/**
 * A SOQL evaluator over the emulated org: it runs the query text Apex runs (parsed with @jetstreamapp/soql-parser-js)
 * against the preview's records, under the governor limits of one transaction (./governor.ts).
 *
 * Supported, as the dashboard's generated queries need them and with the platform's semantics:
 * - SELECT fields, relationship paths (`Campaign.Name`, `Lead.Owner.Name`) and aliases; COUNT(), COUNT(field),
 *   COUNT_DISTINCT, SUM, AVG, MIN, MAX; GROUP BY fields and paths; ORDER BY (ASC nulls first, DESC nulls last);
 *   LIMIT (a number or a bind, `LIMIT :cap`);
 * - WHERE with AND, OR, NOT and parentheses; =, !=, <, <=, >, >=, LIKE (case-insensitive, `_` and `%`), IN and
 *   NOT IN (literal lists, a bound collection, or a semi-join `Id IN (SELECT LeadId FROM CampaignMember WHERE ...)`
 *   on an Id or reference field, whose subquery runs in the same access mode and, as on the platform, adds no query
 *   rows and no query to the count; a semi-join inside parentheses, under NOT or beside a top-level OR is refused as
 *   the platform refuses it); binds (`:name`, a missing one is refused as Apex refuses it);
 *   NULL, TRUE/FALSE, numbers, strings, dates, date-times and the date literals TODAY, YESTERDAY, LAST_N_DAYS:n,
 *   NEXT_N_DAYS:n, N_DAYS_AGO:n, THIS_MONTH, LAST_MONTH;
 * - user mode (`WITH USER_MODE` or `accessLevel: 'USER_MODE'`, as Database.queryWithBinds passes it): an object the
 *   user cannot read is "not supported", a field the user cannot read is "No such column", as the platform says it.
 * Blank text is null (as the platform stores it); text comparisons ignore case. Date-time fields compare as instants,
 * date fields as days.
 */
import { composeQuery, parseQuery, type Query, type WhereClause, type FieldFunctionExpression } from '@jetstreamapp/soql-parser-js';
import type { Schema, SchemaObject } from '../../../scripts/checks/verify-apex/schema.ts';
import { Governor, QueryException, heapOf } from './governor.ts';

export type SoqlRecord = Readonly<Record<string, unknown>>;

/** The record a result row came from (records) or its group's first record (aggregates), for ORDER BY. */
const SAMPLE = Symbol('sample');

/** The emulated org a query reads. */
export interface SoqlOrg {
    schema: Schema;
    /**
     * Every record of an object (an iterable, so a large org can be generated as it is read). `hints` are the
     * query's top-level range conditions (what a database index serves): an org may return only the records inside
     * them, or ignore them; the evaluator applies the whole WHERE either way.
     */
    records(sobject: string, hints?: readonly RangeHint[]): Iterable<SoqlRecord>;
    /** The record with this Id among the given objects, or undefined. */
    byId(id: string, sobjects: readonly string[]): SoqlRecord | undefined;
}

/** A top-level range condition of a query: `path` (lower-cased, as written) between two instants or numbers. */
export interface RangeHint {
    path: string;
    /** Inclusive lower bound. */
    from?: number;
    /** Exclusive upper bound (an inclusive `<=` bound is passed as its value plus one). */
    to?: number;
}

/** What the running user may read (from the permission sets the preview computes). */
export interface SoqlAccess {
    canReadObject(sobject: string): boolean;
    canReadField(sobject: string, field: string): boolean;
}

export interface RunOptions {
    org: SoqlOrg;
    governor: Governor;
    binds?: Readonly<Record<string, unknown>>;
    /** USER_MODE enforces `access`; SYSTEM_MODE reads everything. A `WITH USER_MODE` in the text wins. */
    accessLevel?: 'USER_MODE' | 'SYSTEM_MODE';
    access?: SoqlAccess;
    /** Read in a SOQL for loop (more than 2,000 aggregate rows then throws). Default: assigned to a list. */
    forLoop?: boolean;
    /** The instant date literals are relative to. */
    now?: Date;
    /**
     * Key a record row's relationship fields by their whole path (`Owner.Name`), so a caller can nest them as an SObject
     * serializes (`{ Owner: { Name } }`) and `Name` and `Owner.Name` stay apart. Default: the field's own name.
     */
    recordPaths?: boolean;
}

export type ResultRow = Record<string, unknown>;

export interface QueryResult {
    /** Rows keyed by alias (aggregate) or field name (records); for COUNT(), empty. */
    rows: ResultRow[];
    /** COUNT() queries: the count. */
    count: number;
    aggregate: boolean;
    /** Rows the query counted against the query-row limit. */
    rowsCounted: number;
}

/* ------------------------------------------------------------------ values */

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';
type Kind = 'datetime' | 'date' | 'number' | 'boolean' | 'text';

function kindOf(type: string | undefined): Kind {
    switch ((type ?? '').toLowerCase()) {
        case 'datetime':
            return 'datetime';
        case 'date':
            return 'date';
        case 'number':
        case 'currency':
        case 'percent':
        case 'double':
        case 'int':
        case 'integer':
        case 'summary':
            return 'number';
        case 'checkbox':
        case 'boolean':
            return 'boolean';
        default:
            return 'text';
    }
}

/** A value normalised for comparison: instants and days as numbers, text lower-cased. */
function normalise(value: unknown, kind: Kind): string | number | boolean | null {
    if (isBlank(value)) return null;
    if (value instanceof Date)
        return kind === 'date' ? Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()) : value.getTime();
    switch (kind) {
        case 'datetime': {
            const ms = Date.parse(String(value));
            return Number.isFinite(ms) ? ms : null;
        }
        case 'date': {
            const ms = Date.parse(`${String(value).slice(0, 10)}T00:00:00Z`);
            return Number.isFinite(ms) ? ms : null;
        }
        case 'number': {
            const n = typeof value === 'number' ? value : Number(value);
            return Number.isFinite(n) ? n : null;
        }
        case 'boolean':
            return value === true || String(value).toLowerCase() === 'true';
        default:
            return String(value).toLowerCase();
    }
}

const DAY = 86_400_000;
const startOfDay = (ms: number): number => Math.floor(ms / DAY) * DAY;

/** A date literal as a half-open range of instants [from, to). */
function dateLiteralRange(literal: string, now: Date): [number, number] {
    const [name, n] = literal.toUpperCase().split(':') as [string, string | undefined];
    const today = startOfDay(now.getTime());
    const count = Number(n ?? 0);
    const month = (offset: number): [number, number] => [
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1),
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 1)
    ];
    switch (name) {
        case 'TODAY':
            return [today, today + DAY];
        case 'YESTERDAY':
            return [today - DAY, today];
        case 'TOMORROW':
            return [today + DAY, today + 2 * DAY];
        case 'LAST_N_DAYS':
            return [today - count * DAY, today + DAY];
        case 'NEXT_N_DAYS':
            return [today, today + (count + 1) * DAY];
        case 'N_DAYS_AGO':
            return [today - count * DAY, today - count * DAY + DAY];
        case 'THIS_MONTH':
            return month(0);
        case 'LAST_MONTH':
            return month(-1);
        default:
            throw new QueryException(`The date literal ${literal} is not supported by the preview's SOQL evaluator.`);
    }
}

/** SOQL LIKE: `_` one character, `%` any run, a backslash escapes; case-insensitive. */
function likePattern(pattern: string): RegExp {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i]!;
        if (c === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        else if (c === '_') source += '.';
        else if (c === '%') source += '.*';
        else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${source}$`, 'is');
}

const unquote = (s: string): string => (s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);

/* ------------------------------------------------------------------ field paths */

interface Path {
    /** As written. */
    text: string;
    kind: Kind;
    read(record: SoqlRecord): unknown;
}

interface Context {
    org: SoqlOrg;
    object: SchemaObject;
    userMode: boolean;
    access?: SoqlAccess;
}

function noSuchColumn(field: string, object: string): QueryException {
    return new QueryException(
        `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
    );
}

function schemaObject(org: SoqlOrg, name: string): SchemaObject {
    const found = org.schema.objects.get(name.toLowerCase());
    if (!found) throw new QueryException(`sObject type '${name}' is not supported.`);
    return found;
}

function checkObjectAccess(ctx: Context, object: SchemaObject): void {
    if (ctx.userMode && ctx.access && !ctx.access.canReadObject(object.name))
        throw new QueryException(`sObject type '${object.name}' is not supported.`);
}

/** Compiles `Lead.Owner.Name` from the query's object into a reader, checking every step exists and is readable. */
function compilePath(ctx: Context, text: string): Path {
    const parts = text.split('.');
    // A path may start with the query's own object name (`Lead.MQL_At__c` FROM Lead): SOQL allows that prefix.
    if (
        parts.length > 1 &&
        parts[0]!.toLowerCase() === ctx.object.name.toLowerCase() &&
        !ctx.object.relationships.has(parts[0]!.toLowerCase())
    )
        parts.shift();
    let objects: SchemaObject[] = [ctx.object];
    const hops: Array<{ field: string; targets: string[] }> = [];
    for (const rel of parts.slice(0, -1)) {
        const relationship = objects[0]!.relationships.get(rel.toLowerCase());
        if (!relationship) throw noSuchColumn(rel, objects[0]!.name);
        const targets = relationship.referenceTo.map((t) => schemaObject(ctx.org, t));
        // Polymorphic (Owner -> User or Group): the path must be readable on every target it can reach.
        targets.forEach((t) => checkObjectAccess(ctx, t));
        hops.push({ field: relationship.field, targets: targets.map((t) => t.name) });
        objects = targets;
    }
    const last = parts[parts.length - 1]!;
    let kind: Kind = 'text';
    let fieldName = last;
    for (const object of objects) {
        const field = object.fields.get(last.toLowerCase());
        if (!field) throw noSuchColumn(last, object.name);
        if (ctx.userMode && ctx.access && !ctx.access.canReadField(object.name, field.name)) throw noSuchColumn(last, object.name);
        kind = kindOf(field.type);
        fieldName = field.name;
    }
    const org = ctx.org;
    const read = (record: SoqlRecord): unknown => {
        let current: SoqlRecord | undefined = record;
        for (const hop of hops) {
            const id: unknown = current[hop.field];
            if (isBlank(id)) return null;
            current = org.byId(String(id), hop.targets);
            if (!current) return null;
        }
        const value = current[fieldName];
        return value === undefined || value === '' ? null : value;
    };
    return { text, kind, read };
}

/** Date functions the evaluator groups by (UTC, as SOQL evaluates them without convertTimezone()). */
const DATE_FUNCTIONS: Readonly<Record<string, { kind: Kind; of: (d: Date) => string | number; datetimeOnly?: boolean }>> = {
    DAY_ONLY: { kind: 'date', of: (d) => d.toISOString().slice(0, 10), datetimeOnly: true },
    CALENDAR_MONTH: { kind: 'number', of: (d) => d.getUTCMonth() + 1 },
    CALENDAR_YEAR: { kind: 'number', of: (d) => d.getUTCFullYear() }
};

/** `DAY_ONLY(MQL_At__c)` and the other DATE_FUNCTIONS as a path: the function of the field's value. */
function dateFunctionPath(ctx: Context, name: string, param: unknown): Path {
    const fn = DATE_FUNCTIONS[name.toUpperCase()];
    if (!fn) throw new QueryException(`the function ${name} is not supported by the preview evaluator`);
    const field = compilePath(ctx, String(param));
    if (field.kind !== 'datetime' && (fn.datetimeOnly || field.kind !== 'date'))
        throw new QueryException(
            `${name.toUpperCase()} can only be used with a ${fn.datetimeOnly ? 'datetime' : 'date or datetime'} field, not ${field.text}`
        );
    return {
        text: `${name.toUpperCase()}(${field.text})`,
        kind: fn.kind,
        read: (record) => {
            const ms = normalise(field.read(record), field.kind);
            return typeof ms === 'number' ? fn.of(new Date(ms)) : null;
        }
    };
}

/* ------------------------------------------------------------------ WHERE */

type Predicate = (record: SoqlRecord) => boolean;
type Token = { type: '(' | ')' | 'NOT' | 'AND' | 'OR' } | { type: 'cond'; cond: NonNullable<WhereClause['left']> };

/** The parser's WHERE is a chain with parenthesis counts; flatten it to tokens for a small recursive-descent pass. */
function whereTokens(where: WhereClause | undefined): Token[] {
    type Node = {
        left?: (NonNullable<WhereClause['left']> & { openParen?: number; closeParen?: number }) | null;
        operator?: string;
        right?: Node;
    };
    const tokens: Token[] = [];
    for (let node = where as Node | undefined; node; node = node.right) {
        const left = node.left ?? null;
        for (let i = 0; i < (left?.openParen ?? 0); i++) tokens.push({ type: '(' });
        if (node.operator === 'NOT') {
            tokens.push({ type: 'NOT' });
            continue;
        }
        if (left && 'field' in left && left.field !== undefined) tokens.push({ type: 'cond', cond: left });
        for (let i = 0; i < (left?.closeParen ?? 0); i++) tokens.push({ type: ')' });
        if (node.operator === 'AND' || node.operator === 'OR') tokens.push({ type: node.operator });
    }
    return tokens;
}

function compileWhere(tokens: Token[], leaf: (cond: NonNullable<WhereClause['left']>) => Predicate): Predicate {
    let at = 0;
    const peek = (): Token | undefined => tokens[at];
    const unary = (): Predicate => {
        const token = tokens[at++];
        if (!token) throw new QueryException('unexpected end of the WHERE clause', 'System.QueryException');
        if (token.type === 'NOT') {
            const inner = unary();
            return (r) => !inner(r);
        }
        if (token.type === '(') {
            const inner = expression();
            if (tokens[at++]?.type !== ')') throw new QueryException('unbalanced parentheses in the WHERE clause');
            return inner;
        }
        if (token.type === 'cond') return leaf(token.cond);
        throw new QueryException(`unexpected ${token.type} in the WHERE clause`);
    };
    const expression = (): Predicate => {
        let left = unary();
        let op: 'AND' | 'OR' | null = null;
        for (let next = peek(); next && (next.type === 'AND' || next.type === 'OR'); next = peek()) {
            if (op && op !== next.type) throw new QueryException("unexpected token: 'OR' (mix AND and OR only with parentheses)");
            op = next.type;
            at++;
            const right = unary();
            const l = left;
            left = op === 'AND' ? (r) => l(r) && right(r) : (r) => l(r) || right(r);
        }
        return left;
    };
    const predicate = expression();
    if (at !== tokens.length) throw new QueryException('unbalanced parentheses in the WHERE clause');
    return predicate;
}

/** The range conditions ANDed at the top level of the WHERE clause (none when the top level has an OR). */
function rangeHints(tokens: Token[], value: (cond: NonNullable<WhereClause['left']>) => unknown): RangeHint[] {
    let depth = 0;
    const top: Array<NonNullable<WhereClause['left']>> = [];
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        if (t.type === '(') depth++;
        else if (t.type === ')') depth--;
        else if (depth === 0 && t.type === 'OR') return [];
        else if (depth === 0 && t.type === 'cond' && tokens[i - 1]?.type !== 'NOT') top.push(t.cond);
    }
    const hints: RangeHint[] = [];
    for (const cond of top) {
        const c = cond as { field?: string; operator: string };
        if (!c.field || !['>=', '>', '<', '<='].includes(c.operator)) continue;
        const raw = value(cond);
        const at = raw instanceof Date ? raw.getTime() : typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : NaN;
        if (!Number.isFinite(at)) continue;
        const path = c.field.toLowerCase();
        hints.push(c.operator === '>=' || c.operator === '>' ? { path, from: at } : { path, to: c.operator === '<' ? at : at + 1 });
    }
    return hints;
}

/* ------------------------------------------------------------------ running */

interface Aggregate {
    fn: 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';
    path: Path | null;
    alias: string;
}

/** Replaces `LIMIT :name` by the bound number (the parser takes no bind in LIMIT; Apex does). */
function bindLimit(soql: string, binds: Readonly<Record<string, unknown>>): string {
    return soql.replace(/\bLIMIT\s+:(\w+)\s*$/i, (_, name: string) => {
        const value = binds[name];
        if (!(name in binds)) throw new QueryException(`Variable does not exist: ${name}`);
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
            throw new QueryException(`Invalid LIMIT bind ${name}: ${String(value)}`);
        return `LIMIT ${value}`;
    });
}

/** Parsed queries by text: the parser takes some 100 ms a query, and a dashboard load runs the same texts each time. */
const parsed = new Map<string, Query>();

function parse(soql: string): Query {
    const cached = parsed.get(soql);
    if (cached) return cached;
    try {
        const query = parseQuery(soql, { allowApexBindVariables: true }) as Query;
        parsed.set(soql, query);
        return query;
    } catch (error) {
        throw new QueryException(`unexpected token in the query: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
}

/**
 * The keys a semi-join's subquery selects (`SELECT LeadId FROM CampaignMember WHERE ...`): one Id or reference field,
 * no grouping, ordering or limit, run with the outer query's binds and access mode. Its rows are not query rows and it
 * is not a SOQL query of its own (the platform counts only the outer query's rows).
 */
function semiJoinKeys(subquery: Query, options: RunOptions): Set<string | number | boolean | null> {
    const fields = subquery.fields ?? [];
    const only = fields[0];
    if (fields.length !== 1 || !only || only.type !== 'Field')
        throw new QueryException('a semi-join subquery selects exactly one Id or reference field', 'System.QueryException');
    if (
        subquery.groupBy ||
        subquery.orderBy ||
        subquery.limit !== undefined ||
        (subquery.where?.left as { valueQuery?: Query } | undefined)?.valueQuery
    )
        throw new QueryException('a semi-join subquery cannot group, order, limit or nest another subquery', 'System.QueryException');
    const object = schemaObject(options.org, subquery.sObject ?? '');
    const field = object.fields.get(only.field.toLowerCase());
    const type = (field?.type ?? (only.field.toLowerCase() === 'id' ? 'id' : '')).toLowerCase();
    if (type !== 'id' && type !== 'lookup' && type !== 'masterdetail' && type !== 'reference')
        throw new QueryException(`a semi-join subquery selects an Id or reference field, not ${only.field}`, 'System.QueryException');
    const shadow = new Governor();
    const result = runSoql(composeQuery(subquery), { ...options, governor: shadow });
    const key = Object.keys(result.rows[0] ?? {}).find((k) => k.toLowerCase() === only.field.toLowerCase()) ?? only.field;
    const keys = new Set(result.rows.map((row) => normalise(row[key], 'text')));
    keys.delete(null);
    return keys;
}

/**
 * Where the platform allows a semi-join: at the top level of the WHERE clause (not inside parentheses, not under
 * NOT), and never with an OR at that level; an OR inside another parenthesised group is fine.
 */
function checkSemiJoinPlacement(tokens: readonly Token[]): void {
    let depth = 0;
    let topLevelOr = false;
    let semiJoin = false;
    for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        if (t.type === '(') depth++;
        else if (t.type === ')') depth--;
        else if (t.type === 'OR' && depth === 0) topLevelOr = true;
        else if (t.type === 'cond' && (t.cond as { valueQuery?: Query }).valueQuery) {
            if (depth > 0 || tokens[i - 1]?.type === 'NOT')
                throw new QueryException(
                    'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.',
                    'System.QueryException'
                );
            semiJoin = true;
        }
    }
    if (semiJoin && topLevelOr)
        throw new QueryException("Semi join sub-selects are not allowed with the 'OR' operator", 'System.QueryException');
}

/** Runs one SOQL query against the org and counts it against the governor. */
export function runSoql(soql: string, options: RunOptions): QueryResult {
    const binds = options.binds ?? {};
    const governor = options.governor;
    const now = options.now ?? new Date();
    governor.query();
    const query = parse(bindLimit(soql, binds));
    const object = schemaObject(options.org, query.sObject ?? '');
    const ctx: Context = {
        org: options.org,
        object,
        userMode: (query.withAccessLevel ?? options.accessLevel) === 'USER_MODE',
        access: options.access
    };
    checkObjectAccess(ctx, object);

    const bound = (name: string): unknown => {
        if (!(name in binds)) throw new QueryException(`Variable does not exist: ${name}`);
        return binds[name];
    };
    const leaf = (cond: NonNullable<WhereClause['left']>): Predicate => {
        const c = cond as { field?: string; operator: string; literalType?: string | string[]; value?: string | string[] };
        if (!c.field) throw new QueryException('functions in WHERE are not supported by the preview evaluator');
        const path = compilePath(ctx, c.field);
        const op = c.operator.toUpperCase();
        const literal = Array.isArray(c.literalType) ? c.literalType[0] : c.literalType;
        const constant = (raw: string, type: string | undefined): unknown => {
            if (type === 'NULL') return null;
            if (type === 'BOOLEAN') return raw.toUpperCase() === 'TRUE';
            if (type === 'INTEGER' || type === 'DECIMAL') return Number(raw);
            if (type === 'APEX_BIND_VARIABLE') return bound(raw);
            return unquote(raw);
        };
        if (literal === 'DATE_LITERAL' || literal === 'DATE_N_LITERAL') {
            const [from, to] = dateLiteralRange(String(c.value), now);
            const value = (r: SoqlRecord): number | null =>
                normalise(path.read(r), path.kind === 'date' ? 'date' : 'datetime') as number | null;
            const test: Record<string, (v: number) => boolean> = {
                '=': (v) => v >= from && v < to,
                '!=': (v) => v < from || v >= to,
                '<': (v) => v < from,
                '<=': (v) => v < to,
                '>': (v) => v >= to,
                '>=': (v) => v >= from
            };
            const check = test[op];
            if (!check) throw new QueryException(`operator ${op} with a date literal is not supported`);
            return (r) => {
                const v = value(r);
                return v !== null && check(v);
            };
        }
        const subquery = (cond as { valueQuery?: Query }).valueQuery;
        if (subquery) {
            if (op !== 'IN' && op !== 'NOT IN') throw new QueryException(`a subquery needs IN or NOT IN, not ${op}`);
            const set = semiJoinKeys(subquery, options);
            return op === 'IN'
                ? (r) => set.has(normalise(path.read(r), path.kind) as never)
                : (r) => !set.has(normalise(path.read(r), path.kind) as never);
        }
        if (op === 'IN' || op === 'NOT IN') {
            const raw = c.value;
            const list =
                literal === 'APEX_BIND_VARIABLE' ? bound(String(raw)) : (Array.isArray(raw) ? raw : [raw]).map((v) => unquote(String(v)));
            if (
                list === null ||
                list === undefined ||
                typeof (list as Iterable<unknown>)[Symbol.iterator] !== 'function' ||
                typeof list === 'string'
            )
                throw new QueryException(`Invalid bind expression type of ${typeof list} for column of type Id`);
            const set = new Set([...(list as Iterable<unknown>)].map((v) => normalise(v, path.kind)));
            set.delete(null);
            return op === 'IN'
                ? (r) => set.has(normalise(path.read(r), path.kind) as never)
                : (r) => !set.has(normalise(path.read(r), path.kind) as never);
        }
        const target = normalise(constant(String(c.value), literal), path.kind);
        if (op === 'LIKE') {
            if (target === null) return () => false;
            const pattern = likePattern(String(constant(String(c.value), literal)));
            return (r) => {
                const v = path.read(r);
                return !isBlank(v) && pattern.test(String(v));
            };
        }
        if (op === '=' || op === '!=') {
            const equal = (r: SoqlRecord): boolean => normalise(path.read(r), path.kind) === target;
            return op === '=' ? equal : (r) => !equal(r);
        }
        const compare: Record<string, (a: string | number | boolean, b: string | number | boolean) => boolean> = {
            '<': (a, b) => a < b,
            '<=': (a, b) => a <= b,
            '>': (a, b) => a > b,
            '>=': (a, b) => a >= b
        };
        const cmp = compare[op];
        if (!cmp) throw new QueryException(`operator ${op} is not supported by the preview evaluator`);
        if (target === null) return () => false;
        return (r) => {
            const v = normalise(path.read(r), path.kind);
            return v !== null && cmp(v, target);
        };
    };
    const tokens = whereTokens(query.where);
    checkSemiJoinPlacement(tokens);
    const matches = query.where ? compileWhere(tokens, leaf) : () => true;
    const hints = rangeHints(tokens, (cond) => {
        const c = cond as { literalType?: string | string[]; value?: string | string[] };
        const type = Array.isArray(c.literalType) ? c.literalType[0] : c.literalType;
        if (type === 'APEX_BIND_VARIABLE') return bound(String(c.value));
        if (type === 'INTEGER' || type === 'DECIMAL') return Number(c.value);
        return type === 'DATETIME' || type === 'DATE' ? c.value : undefined;
    });
    const scan = (): Iterable<SoqlRecord> => options.org.records(object.name, hints);

    const fields = query.fields ?? [];
    const aggregates: Aggregate[] = [];
    const plain: Array<{ path: Path; key: string }> = [];
    let countOnly = false;
    let expr = 0;
    for (const field of fields) {
        if (field.type === 'FieldFunctionExpression') {
            const fn = field as FieldFunctionExpression;
            if (fn.functionName.toUpperCase() in DATE_FUNCTIONS) {
                plain.push({ path: dateFunctionPath(ctx, fn.functionName, (fn.parameters ?? [])[0]), key: fn.alias ?? `expr${expr++}` });
                continue;
            }
            const name = fn.functionName.toUpperCase() as Aggregate['fn'];
            if (!['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX'].includes(name))
                throw new QueryException(`the function ${fn.functionName} is not supported by the preview evaluator`);
            const param = (fn.parameters ?? [])[0];
            if (name === 'COUNT' && param === undefined) {
                countOnly = true;
                continue;
            }
            aggregates.push({ fn: name, path: compilePath(ctx, String(param)), alias: fn.alias ?? `expr${expr++}` });
        } else if (field.type === 'Field' || field.type === 'FieldRelationship') {
            const text = field.type === 'Field' ? field.field : (field.rawValue ?? [...field.relationships, field.field].join('.'));
            const key = ('alias' in field && field.alias) || (options.recordPaths ? text : text.split('.').pop()!);
            plain.push({ path: compilePath(ctx, text), key });
        } else throw new QueryException(`${field.type} is not supported by the preview evaluator`);
    }
    if (countOnly && (aggregates.length || plain.length))
        throw new QueryException('COUNT() must be the only element in the SELECT list.', 'System.QueryException');
    const groupBy = (query.groupBy ? (Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy]) : []).map((g) => {
        if ('fn' in g && g.fn) return dateFunctionPath(ctx, g.fn.functionName ?? '', (g.fn.parameters ?? [])[0]);
        if (!('field' in g) || !g.field) throw new QueryException('GROUP BY functions are not supported by the preview evaluator');
        return compilePath(ctx, g.field);
    });
    const aggregate = aggregates.length > 0 || groupBy.length > 0;
    if (aggregate) {
        const grouped = new Set(groupBy.map((g) => g.text.toLowerCase()));
        for (const p of plain)
            if (!grouped.has(p.path.text.toLowerCase()))
                throw new QueryException(`Field must be grouped or aggregated: ${p.path.text.split('.').pop()}`);
    }
    const limit = query.limit;

    if (countOnly) {
        let count = 0;
        for (const record of scan()) {
            if (!matches(record)) continue;
            count++;
            if (limit !== undefined && count >= limit) break;
        }
        governor.rows(count);
        return { rows: [], count, aggregate: false, rowsCounted: count };
    }

    let rows: ResultRow[];
    let counted = 0;
    if (aggregate) {
        interface Group {
            sample: SoqlRecord;
            values: unknown[];
            counts: number[];
            sums: number[];
            distinct: Array<Set<unknown>>;
            min: unknown[];
            max: unknown[];
        }
        const groups = new Map<string, Group>();
        for (const record of scan()) {
            if (!matches(record)) continue;
            counted++;
            const keyValues = groupBy.map((g) => g.read(record));
            const key = groupBy.length ? JSON.stringify(keyValues.map((v, i) => normalise(v, groupBy[i]!.kind))) : '';
            let group = groups.get(key);
            if (!group) {
                group = {
                    sample: record,
                    values: keyValues,
                    counts: aggregates.map(() => 0),
                    sums: aggregates.map(() => 0),
                    distinct: aggregates.map(() => new Set()),
                    min: aggregates.map(() => null),
                    max: aggregates.map(() => null)
                };
                groups.set(key, group);
            }
            for (let i = 0; i < aggregates.length; i++) {
                const a = aggregates[i]!;
                const value = a.path!.read(record);
                if (isBlank(value)) continue;
                group.counts[i]!++;
                if (a.fn === 'SUM' || a.fn === 'AVG') group.sums[i]! += Number(value);
                else if (a.fn === 'COUNT_DISTINCT') group.distinct[i]!.add(normalise(value, a.path!.kind));
                else if (a.fn === 'MIN' || a.fn === 'MAX') {
                    const n = normalise(value, a.path!.kind)!;
                    const current = a.fn === 'MIN' ? group.min[i] : group.max[i];
                    const better =
                        current === null ||
                        (a.fn === 'MIN' ? n < normalise(current, a.path!.kind)! : n > normalise(current, a.path!.kind)!);
                    if (better) (a.fn === 'MIN' ? group.min : group.max)[i] = value;
                }
            }
        }
        // Without GROUP BY an aggregate query returns one row even when nothing matched.
        if (!groupBy.length && groups.size === 0)
            groups.set('', {
                sample: {},
                values: [],
                counts: aggregates.map(() => 0),
                sums: aggregates.map(() => 0),
                distinct: aggregates.map(() => new Set()),
                min: aggregates.map(() => null),
                max: aggregates.map(() => null)
            });
        rows = [...groups.values()].map((g) => {
            const row: ResultRow = {};
            for (const p of plain)
                row[p.key] = g.values[groupBy.findIndex((x) => x.text.toLowerCase() === p.path.text.toLowerCase())] ?? null;
            aggregates.forEach((a, i) => {
                row[a.alias] =
                    a.fn === 'COUNT'
                        ? g.counts[i]
                        : a.fn === 'COUNT_DISTINCT'
                          ? g.distinct[i]!.size
                          : a.fn === 'SUM'
                            ? g.counts[i]
                                ? g.sums[i]
                                : null
                            : a.fn === 'AVG'
                              ? g.counts[i]
                                  ? g.sums[i]! / g.counts[i]!
                                  : null
                              : a.fn === 'MIN'
                                ? g.min[i]
                                : g.max[i];
            });
            Object.defineProperty(row, SAMPLE, { value: g.sample, enumerable: false });
            return row;
        });
    } else {
        rows = [];
        for (const record of scan()) {
            if (!matches(record)) continue;
            const row: ResultRow = {};
            for (const p of plain) row[p.key] = p.path.read(record);
            Object.defineProperty(row, SAMPLE, { value: record, enumerable: false });
            rows.push(row);
        }
    }

    if (query.orderBy) {
        const orders = (Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy]).map((o) => {
            if (!('field' in o) || !o.field) throw new QueryException('ORDER BY functions are not supported by the preview evaluator');
            return { path: compilePath(ctx, o.field), desc: o.order === 'DESC' };
        });
        const keyed = rows.map((row) => ({
            row,
            keys: orders.map((o) => normalise(o.path.read((row as { [SAMPLE]?: SoqlRecord })[SAMPLE] ?? {}), o.path.kind))
        }));
        keyed.sort((a, b) => {
            for (let i = 0; i < orders.length; i++) {
                const x = a.keys[i]!;
                const y = b.keys[i]!;
                if (x === y) continue;
                const desc = orders[i]!.desc;
                if (x === null) return desc ? 1 : -1;
                if (y === null) return desc ? -1 : 1;
                return (x < y ? -1 : 1) * (desc ? -1 : 1);
            }
            return 0;
        });
        rows = keyed.map((k) => k.row);
    }
    if (limit !== undefined && rows.length > limit) rows = rows.slice(0, limit);
    if (!aggregate) counted = rows.length;

    governor.rows(counted);
    if (aggregate) governor.aggregateRows(rows.length, options.forLoop === true);
    governor.heap(rows.reduce((sum, row) => sum + 32 + Object.values(row).reduce<number>((s, v) => s + heapOf(v), 0), 0));
    return { rows, count: rows.length, aggregate, rowsCounted: counted };
}
