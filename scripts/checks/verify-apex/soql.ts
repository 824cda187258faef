/**
 * SOQL against the project's schema: parses a query with @jetstreamapp/soql-parser-js and checks that the
 * object, every field (SELECT, WHERE, GROUP BY, HAVING, ORDER BY, function arguments), every relationship
 * path, every TYPEOF branch and every subquery's child relationship exist in the schema (see schema.ts).
 * The parser knows no schema; this module supplies it.
 */
import {
    parseQuery,
    type FieldType,
    type FunctionExp,
    type GroupByClause,
    type HavingClause,
    type OrderByClause,
    type Query,
    type Subquery,
    type WhereClause
} from '@jetstreamapp/soql-parser-js';
import type { Schema, SchemaObject } from './schema';

export interface SoqlProblem {
    message: string;
    /** The text to locate in the query for a precise line (a field path or object name); absent for parse errors. */
    locate?: string;
}

interface Scope {
    obj: SchemaObject;
    /** Names a path may start with that mean "this object" (the object name and its alias). */
    selfNames: Set<string>;
    /** Aliases defined in SELECT (aggregate queries may order or filter by them). */
    aliases: Set<string>;
}

/** The object a relationship path ends on, or a problem naming the first missing hop. */
function walkRelationships(schema: Schema, start: SchemaObject, hops: string[], raw: string): SchemaObject | SoqlProblem {
    let obj = start;
    for (const hop of hops) {
        const rel = obj.relationships.get(hop.toLowerCase());
        if (!rel) return { message: `${obj.name} has no relationship "${hop}" (in ${raw})`, locate: raw };
        // A polymorphic relationship (Owner: User or Queue) exposes only the Name object's fields in SOQL.
        const target = rel.referenceTo.length === 1 ? rel.referenceTo[0]! : 'Name';
        const next = schema.objects.get(target.toLowerCase());
        if (!next) return { message: `${raw}: ${rel.name} points to ${target}, which the schema lists do not describe`, locate: raw };
        obj = next;
    }
    return obj;
}

function checkPath(schema: Schema, scope: Scope, raw: string, problems: SoqlProblem[]): void {
    let parts = raw.split('.').map((p) => p.trim());
    if (parts.length > 1 && scope.selfNames.has(parts[0]!.toLowerCase()) && !scope.obj.relationships.has(parts[0]!.toLowerCase())) {
        parts = parts.slice(1);
    }
    const field = parts[parts.length - 1]!;
    if (parts.length === 1 && scope.aliases.has(field.toLowerCase())) return;
    const target = walkRelationships(schema, scope.obj, parts.slice(0, -1), raw);
    if ('message' in target) {
        problems.push(target);
        return;
    }
    if (!target.fields.has(field.toLowerCase()))
        problems.push({ message: `No field "${field}" on ${target.name} (in ${raw})`, locate: raw });
}

const isLiteralArgument = (p: string): boolean => /^['"]/.test(p) || /^-?\d/.test(p);

function checkFunction(schema: Schema, scope: Scope, fn: FunctionExp, problems: SoqlProblem[]): void {
    for (const p of fn.parameters ?? []) {
        if (typeof p === 'string') {
            if (!isLiteralArgument(p)) checkPath(schema, scope, p, problems);
        } else checkFunction(schema, scope, p, problems);
    }
}

function checkWhere(schema: Schema, scope: Scope, where: WhereClause | HavingClause | undefined, problems: SoqlProblem[]): void {
    let clause: (WhereClause | HavingClause) | undefined = where;
    while (clause) {
        const left = clause.left as Record<string, unknown> | null;
        if (left) {
            if (typeof left.field === 'string') checkPath(schema, scope, left.field, problems);
            if (left.fn) checkFunction(schema, scope, left.fn as FunctionExp, problems);
            if (left.valueQuery) checkQuery(schema, left.valueQuery as Query, problems);
        }
        clause = 'right' in clause ? (clause.right as WhereClause | HavingClause) : undefined;
    }
}

function asArray<T>(v: T | T[] | undefined): T[] {
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function checkFields(schema: Schema, scope: Scope, fields: FieldType[] | undefined, problems: SoqlProblem[]): void {
    for (const f of fields ?? []) {
        switch (f.type) {
            case 'Field':
                checkPath(schema, scope, f.field, problems);
                break;
            case 'FieldRelationship':
                checkPath(schema, scope, [...f.relationships, f.field].join('.'), problems);
                break;
            case 'FieldFunctionExpression':
                checkFunction(schema, scope, f, problems);
                break;
            case 'FieldSubquery':
                checkSubquery(schema, scope, f.subquery, problems);
                break;
            case 'FieldTypeof': {
                const rel = scope.obj.relationships.get(f.field.toLowerCase());
                if (!rel) {
                    problems.push({ message: `${scope.obj.name} has no relationship "${f.field}" (in TYPEOF)`, locate: f.field });
                    break;
                }
                for (const c of f.conditions) {
                    const typeName = c.objectType ?? 'Name';
                    const target = schema.objects.get(typeName.toLowerCase());
                    if (!target) {
                        problems.push({ message: `TYPEOF ${f.field} WHEN ${typeName}: object not in the schema lists`, locate: typeName });
                        continue;
                    }
                    const inner: Scope = { obj: target, selfNames: new Set(), aliases: new Set() };
                    for (const name of c.fieldList) checkPath(schema, inner, name, problems);
                }
                break;
            }
        }
    }
}

function aliasesOf(fields: FieldType[] | undefined): Set<string> {
    const out = new Set<string>();
    for (const f of fields ?? []) if ('alias' in f && f.alias) out.add(f.alias.toLowerCase());
    return out;
}

function checkClauses(schema: Schema, scope: Scope, q: Query | Subquery, problems: SoqlProblem[]): void {
    checkFields(schema, scope, q.fields, problems);
    checkWhere(schema, scope, q.where, problems);
    for (const g of asArray<GroupByClause>(q.groupBy)) {
        if ('field' in g) checkPath(schema, scope, g.field, problems);
        else checkFunction(schema, scope, g.fn, problems);
    }
    checkWhere(schema, scope, q.having, problems);
    for (const o of asArray<OrderByClause>(q.orderBy)) {
        if ('field' in o) checkPath(schema, scope, o.field, problems);
        else checkFunction(schema, scope, o.fn, problems);
    }
}

function checkSubquery(schema: Schema, parent: Scope, sub: Subquery, problems: SoqlProblem[]): void {
    const childName = parent.obj.children.get(sub.relationshipName.toLowerCase());
    const child = childName ? schema.objects.get(childName.toLowerCase()) : undefined;
    if (!child) {
        problems.push({ message: `${parent.obj.name} has no child relationship "${sub.relationshipName}"`, locate: sub.relationshipName });
        return;
    }
    const scope: Scope = { obj: child, selfNames: new Set([sub.relationshipName.toLowerCase()]), aliases: aliasesOf(sub.fields) };
    checkClauses(schema, scope, sub, problems);
}

function checkQuery(schema: Schema, q: Query, problems: SoqlProblem[]): void {
    const name = q.sObject ?? '';
    const obj = schema.objects.get(name.toLowerCase());
    if (!obj) {
        problems.push({ message: `Unknown object "${name}" (not in force-app objects or scripts/shared/metadata)`, locate: name });
        return;
    }
    const selfNames = new Set([obj.name.toLowerCase()]);
    if (q.sObjectAlias) selfNames.add(q.sObjectAlias.toLowerCase());
    checkClauses(schema, { obj, selfNames, aliases: aliasesOf(q.fields) }, q, problems);
}

/** Every problem of one SOQL query: a parse error, or each object, relationship or field the schema lacks. */
export function checkSoql(soql: string, schema: Schema): SoqlProblem[] {
    let query: Query;
    try {
        // ignoreParseErrors is passed explicitly: when it is undefined the library rebuilds its parser on every call (about 100 ms each).
        query = parseQuery(soql, { allowApexBindVariables: true, ignoreParseErrors: false });
    } catch (e) {
        const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
        return [{ message: `SOQL does not parse: ${message}` }];
    }
    const problems: SoqlProblem[] = [];
    checkQuery(schema, query, problems);
    return problems;
}

/** Offset of `path` (a field path such as `Owner . Name`, matched as whole words, any spacing) in `text`, or -1. */
export function locateInQuery(text: string, path: string): number {
    const pattern = path
        .split('.')
        .map((p) => p.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s*\\.\\s*');
    const m = new RegExp(`(?<![\\w.])${pattern}(?![\\w])`, 'i').exec(text);
    return m ? m.index : -1;
}
