/**
 * The Metadata API's own type definitions, read from @salesforce/types (TypeScript generated from the Metadata API WSDL)
 * with the TypeScript compiler API: for each complex type its elements in WSDL sequence order (a base type's elements
 * first: `CustomField = Metadata & {...}` puts fullName before the rest), whether each is required (not optional in the
 * types), repeatable (an array), and its type: string, number, boolean, an enumeration (a union of string literals),
 * or another complex type. Nothing here is typed by hand.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export type ValueType =
    | { kind: 'string' | 'number' | 'boolean' | 'any' }
    | { kind: 'enum'; name: string; values: readonly string[] }
    | { kind: 'complex'; name: string };

export interface ElementDef {
    name: string;
    /** The type that declares it (CustomValue for a StandardValue's fullName, Metadata for every fullName). */
    declaredIn: string;
    required: boolean;
    many: boolean;
    type: ValueType;
}

export interface ComplexType {
    name: string;
    /** In sequence order. */
    elements: readonly ElementDef[];
    byName: ReadonlyMap<string, ElementDef & { index: number }>;
}

export interface MetadataTypes {
    complex: ReadonlyMap<string, ComplexType>;
    /** Where the definitions came from, for messages. */
    source: string;
}

/** The metadata.d.ts of the installed @salesforce/types. */
export function metadataTypesFile(): string {
    // The package exports only its .js entry points; the .d.ts sits beside ./metadata's.
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('@salesforce/types/metadata')), 'metadata.d.ts');
}

let cached: MetadataTypes | null = null;

/** Reads (once) every complex type of the Metadata API from @salesforce/types. */
export function loadMetadataTypes(file = metadataTypesFile()): MetadataTypes {
    if (cached && cached.source === file) return cached;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const aliases = new Map<string, ts.TypeNode>();
    for (const statement of source.statements) {
        if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type);
    }

    const literalsOf = (node: ts.TypeNode): string[] | null => {
        if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return [node.literal.text];
        if (ts.isUnionTypeNode(node)) {
            const values = node.types.map(literalsOf);
            return values.every((v): v is string[] => v !== null) ? values.flat() : null;
        }
        return null;
    };

    /** The value type a type node names (following aliases). */
    const valueTypeOf = (node: ts.TypeNode, seen = new Set<string>()): ValueType => {
        switch (node.kind) {
            case ts.SyntaxKind.StringKeyword:
                return { kind: 'string' };
            case ts.SyntaxKind.NumberKeyword:
                return { kind: 'number' };
            case ts.SyntaxKind.BooleanKeyword:
                return { kind: 'boolean' };
        }
        if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
            const name = node.typeName.text;
            const target = aliases.get(name);
            if (!target || seen.has(name)) return { kind: 'any' };
            const literals = literalsOf(target);
            if (literals) return { kind: 'enum', name, values: literals };
            if (ts.isTypeLiteralNode(target) || ts.isIntersectionTypeNode(target)) return { kind: 'complex', name };
            return valueTypeOf(target, new Set([...seen, name]));
        }
        return { kind: 'any' };
    };

    const elementsOf = (node: ts.TypeNode, owner: string, seen: Set<string>): ElementDef[] => {
        if (ts.isIntersectionTypeNode(node)) return node.types.flatMap((t) => elementsOf(t, owner, seen));
        if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
            const baseName = node.typeName.text;
            const base = aliases.get(baseName);
            return base && !seen.has(baseName) ? elementsOf(base, baseName, new Set([...seen, baseName])) : [];
        }
        if (!ts.isTypeLiteralNode(node)) return [];
        return node.members.filter(ts.isPropertySignature).map((member) => {
            const typeNode = member.type ?? ts.factory.createKeywordTypeNode(ts.SyntaxKind.AnyKeyword);
            const many = ts.isArrayTypeNode(typeNode);
            return {
                name: member.name.getText(source),
                declaredIn: owner,
                required: !member.questionToken,
                many,
                type: valueTypeOf(many ? (typeNode as ts.ArrayTypeNode).elementType : typeNode)
            };
        });
    };

    const complex = new Map<string, ComplexType>();
    for (const [name, node] of aliases) {
        if (!ts.isTypeLiteralNode(node) && !ts.isIntersectionTypeNode(node)) continue;
        const elements = elementsOf(node, name, new Set([name]));
        complex.set(name, { name, elements, byName: new Map(elements.map((e, index) => [e.name, { ...e, index }])) });
    }
    // `ReportFolder = Folder`: an alias of a complex type has its elements.
    for (const [name, node] of aliases) {
        const base = ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) ? complex.get(node.typeName.text) : undefined;
        if (base && !complex.has(name)) complex.set(name, { ...base, name });
    }
    cached = { complex, source: file };
    return cached;
}
