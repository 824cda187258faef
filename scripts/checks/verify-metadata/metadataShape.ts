/**
 * One metadata XML file against the Metadata API's type definitions (metadataTypes.ts) and the documented length
 * limits (lengthLimits.ts): the root element names a Metadata API type; every element is one the type declares, in the
 * type's sequence order; required elements are present; enumerations, booleans and numbers hold a value of their type;
 * lengths are within the limits. Each problem names its line.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LENGTH_LIMITS, measured, type LengthLimit } from './lengthLimits';
import type { ComplexType, ElementDef, MetadataTypes } from './metadataTypes';

export interface ShapeProblem {
    line: number;
    message: string;
    fix: string;
}

/**
 * Elements the WSDL types as a string (an encoded blob in the SOAP API) that source format writes as nested XML:
 * their content is not checked against the types.
 */
export const OPAQUE_ELEMENTS: ReadonlySet<string> = new Set(['LightningComponentBundle.targetConfigs']);

/**
 * Types whose files the Metadata API does not parse against its sequence: a Lightning web component's .js-meta.xml is a
 * file inside the bundle, read by the LWC platform (element names still are checked).
 */
export const UNORDERED_TYPES: ReadonlySet<string> = new Set(['LightningComponentBundle']);

type OrderedNode = { [tag: string]: OrderedNode[] | string } & { ':@'?: Record<string, string> };

const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true
});

const tagOf = (node: OrderedNode): string => Object.keys(node).find((k) => k !== ':@') ?? '';

/** Line of every opening tag, in document order (comments and CDATA blanked first, keeping line breaks). */
function openingTagLines(xml: string): number[] {
    const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
    const text = xml.replace(/<!--[\s\S]*?-->/g, blank).replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, blank);
    const lines: number[] = [];
    let line = 1;
    let last = 0;
    for (const m of text.matchAll(/<([A-Za-z_][\w:.-]*)(?=[\s/>])/g)) {
        for (let i = last; i < (m.index ?? 0); i++) if (text.charCodeAt(i) === 10) line++;
        last = m.index ?? 0;
        lines.push(line);
    }
    return lines;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
    const lower = name.toLowerCase();
    return candidates.find((c) => c.toLowerCase() === lower) ?? candidates.find((c) => c.toLowerCase().startsWith(lower.slice(0, 5)));
}

/** Checks one XML document against the Metadata API types and the length limits. */
export function checkMetadataShape(xml: string, types: MetadataTypes): ShapeProblem[] {
    if (XMLValidator.validate(xml) !== true) return []; // the well-formed check reports it
    const problems: ShapeProblem[] = [];
    const lines = openingTagLines(xml);
    let tagIndex = 0;
    const nextLine = (): number => lines[tagIndex++] ?? 1;

    const textOf = (children: OrderedNode[]): string =>
        children
            .map((c) => (typeof c['#text'] === 'string' ? c['#text'] : ''))
            .join('')
            .trim();
    const elementChildren = (children: OrderedNode[]): OrderedNode[] =>
        children.filter((c) => tagOf(c) !== '#text' && !tagOf(c).startsWith('?'));

    /** Skips the line numbers of a subtree that is not checked. */
    const skipSubtree = (children: OrderedNode[]): void => {
        for (const child of elementChildren(children)) {
            nextLine();
            skipSubtree(child[tagOf(child)] as OrderedNode[]);
        }
    };

    const checkLeaf = (owner: ComplexType, def: ElementDef, value: string, line: number): void => {
        const where = `${owner.name}.${def.name}`;
        if (def.type.kind === 'enum' && !def.type.values.includes(value)) {
            const near = closest(value, def.type.values);
            problems.push({
                line,
                message: `<${def.name}> is "${value}", which is not a ${def.type.name} value the Metadata API accepts`,
                fix: near
                    ? `use "${near}"`
                    : `use one of ${def.type.values.slice(0, 12).join(', ')}${def.type.values.length > 12 ? ', ...' : ''}`
            });
        } else if (def.type.kind === 'boolean' && value !== 'true' && value !== 'false') {
            problems.push({ line, message: `<${def.name}> is "${value}" but ${where} is a boolean`, fix: 'write true or false' });
        } else if (def.type.kind === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) {
            problems.push({ line, message: `<${def.name}> is "${value}" but ${where} is a number`, fix: 'write a number' });
        }
        const limit: LengthLimit | undefined = LENGTH_LIMITS[where] ?? LENGTH_LIMITS[`${def.declaredIn}.${def.name}`];
        if (limit) {
            const counted = measured(value, limit);
            if (counted.length > limit.max) {
                problems.push({
                    line,
                    message: `${limit.what} is ${counted.length} characters; the platform allows at most ${limit.max} (<${def.name}> of ${owner.name})`,
                    fix: `shorten it to ${limit.max} characters or fewer${/generated/i.test(value) ? ' (a generated file: fix its source and run npm run generate)' : ''}`
                });
            }
        }
    };

    const checkComplex = (type: ComplexType, children: OrderedNode[], line: number): void => {
        const seen = new Set<string>();
        let lastIndex = -1;
        let lastName = '';
        for (const child of elementChildren(children)) {
            const tag = tagOf(child);
            const childLine = nextLine();
            const grandchildren = child[tag] as OrderedNode[];
            const def = type.byName.get(tag);
            if (!def) {
                const near = closest(
                    tag,
                    type.elements.map((e) => e.name)
                );
                problems.push({
                    line: childLine,
                    message: `<${tag}> is not an element of ${type.name} in the Metadata API`,
                    fix: near
                        ? `did you mean <${near}>? (${type.name} declares: ${type.elements.map((e) => e.name).join(', ')})`
                        : `remove it, or use one of ${type.name}'s elements: ${type.elements.map((e) => e.name).join(', ')}`
                });
                skipSubtree(grandchildren);
                continue;
            }
            if (def.index < lastIndex && !UNORDERED_TYPES.has(type.name)) {
                problems.push({
                    line: childLine,
                    message: `<${tag}> comes after <${lastName}>, but ${type.name} declares its elements in this order: ${type.elements.map((e) => e.name).join(', ')}`,
                    fix: `move <${tag}> before <${lastName}> (the Metadata API refuses an element out of sequence)`
                });
            } else {
                lastIndex = def.index;
                lastName = tag;
            }
            if (seen.has(tag) && !def.many) {
                problems.push({
                    line: childLine,
                    message: `<${tag}> appears more than once in ${type.name}, which allows one`,
                    fix: 'keep one'
                });
            }
            seen.add(tag);
            if (OPAQUE_ELEMENTS.has(`${type.name}.${tag}`) || OPAQUE_ELEMENTS.has(`${def.declaredIn}.${tag}`)) {
                skipSubtree(grandchildren);
                continue;
            }
            if (def.type.kind === 'complex') {
                const childType = (types.complex.get(def.type.name) as ComplexType | undefined) ?? null;
                if (childType) checkComplex(childType, grandchildren, childLine);
                else skipSubtree(grandchildren);
            } else {
                const nested = elementChildren(grandchildren);
                if (nested.length && def.type.kind !== 'any') {
                    problems.push({
                        line: childLine,
                        message: `<${tag}> holds elements, but ${type.name}.${tag} is a plain ${def.type.kind === 'enum' ? def.type.name : def.type.kind} value`,
                        fix: 'write its value as text'
                    });
                }
                if (nested.length) skipSubtree(grandchildren);
                else checkLeaf(type, def, textOf(grandchildren), childLine);
            }
        }
        for (const def of type.elements) {
            if (def.required && !def.many && !seen.has(def.name)) {
                problems.push({
                    line,
                    message: `${type.name} requires <${def.name}>, which is missing`,
                    fix: `add <${def.name}> (in its place in the sequence: ${type.elements.map((e) => e.name).join(', ')})`
                });
            }
        }
    };

    const doc = parser.parse(xml) as OrderedNode[];
    const root = elementChildren(doc)[0];
    if (!root) return problems;
    const rootTag = tagOf(root);
    const rootLine = nextLine();
    const type = types.complex.get(rootTag);
    if (!type) {
        problems.push({
            line: rootLine,
            message: `root element <${rootTag}> is not a Metadata API type`,
            fix: 'correct the root element to the type this file holds (e.g. CustomField, ValidationRule, CustomLabels)'
        });
        return problems;
    }
    checkComplex(type, root[rootTag] as OrderedNode[], rootLine);
    return problems;
}
