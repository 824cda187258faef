/**
 * XML writing for generated metadata, in exactly the layout the project's prettier config
 * (@prettier/plugin-xml, `xmlWhitespaceSensitivity: "ignore"`, tab width 4, print width 200) prints,
 * so `npm run format:verify` passes without prettier ever touching generated files.
 *
 * Why not run prettier over the output: with whitespace sensitivity "ignore" prettier rewrites text
 * content (measured with prettier 3.10.1 and plugin-xml 3.4.2): it re-fills any text line over the print
 * width, and it splits an entity from an adjacent word (`It&apos;s` becomes `It &apos; s`, `a&amp;&amp;b`
 * becomes `a&amp; &amp;b`). For a formula or an error message that is a change of meaning. So this module
 * emits only text prettier keeps as is, and refuses (throws) text it cannot:
 * - only `&` and `<` are escaped (quotes, apostrophes and `>` are legal as they are in text content);
 * - an escaped `&` or `<` must have whitespace on both sides;
 * - text with no entity and no line break that fits on its tag's line is printed inline;
 * - anything else is a block: one line per text line, indented one level deeper than the tag,
 *   and no line may be wider than the print width (prettier would re-fill it).
 * The CLI additionally runs prettier over every generated XML file and refuses to write on any difference.
 */

export const XML_PRINT_WIDTH = 200;
const INDENT = 4;
export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

export interface XmlElement {
    tag: string;
    attrs?: ReadonlyArray<readonly [string, string]>;
    children?: ReadonlyArray<XmlElement>;
    /** Prose: printed inline when it fits, otherwise word-wrapped into a block. */
    text?: string;
    /** Pre-laid-out text (e.g. a formula): printed as a block, one entry per line, each indented one level below the tag. */
    lines?: ReadonlyArray<string>;
}

/** An element holding prose or a scalar. */
export function leaf(tag: string, value: string | number | boolean): XmlElement {
    return { tag, text: String(value) };
}

/** An element holding other elements. Undefined children are skipped, so optional parts read naturally. */
export function node(tag: string, ...children: Array<XmlElement | undefined | false>): XmlElement {
    return { tag, children: children.filter((c): c is XmlElement => Boolean(c)) };
}

/** An element holding pre-laid-out lines (formulas). */
export function block(tag: string, lines: ReadonlyArray<string>): XmlElement {
    return { tag, lines };
}

const pad = (n: number): string => ' '.repeat(n);

export function escapeText(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function assertPrettierSafe(tag: string, escaped: string): void {
    const re = /&(amp|lt);/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(escaped)) !== null) {
        const before = escaped[m.index - 1];
        const after = escaped[m.index + m[0].length];
        const spaced = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
        if (!spaced(before) || !spaced(after)) {
            throw new Error(
                `<${tag}> text has "${m[1] === 'amp' ? '&' : '<'}" touching other characters (…${escaped.slice(Math.max(0, m.index - 12), m.index + 16)}…): ` +
                    'the project prettier config would split it from its neighbours and change the text. Put spaces around it or reword.'
            );
        }
    }
}

/** Greedy word wrap of one paragraph so that no line exceeds `width` characters. */
export function wrapWords(text: string, width: number): string[] {
    // An entity (&amp; or &lt;) must not start or end a line (prettier would join the lines): glue it to the next word.
    const words: string[] = [];
    for (const word of text.split(/\s+/).filter(Boolean)) {
        const last = words[words.length - 1];
        if (last !== undefined && /^&(amp|lt);$/.test(last)) words[words.length - 1] = `${last} ${word}`;
        else words.push(word);
    }
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
        if (line === '') line = word;
        else if (line.length + 1 + word.length <= width) line += ` ${word}`;
        else {
            lines.push(line);
            line = word;
        }
    }
    if (line !== '') lines.push(line);
    return lines;
}

type TextLayout = { inline: string } | { block: string[] };

/** How a text element is laid out at `indent`: inline, or as block lines (already indented). Throws on text prettier would change. */
function textLayout(el: XmlElement, indent: number): TextLayout {
    const rawLines = el.lines ? [...el.lines] : null;
    const text = rawLines ? rawLines.join('\n') : (el.text ?? '');
    const escaped = escapeText(text);
    assertPrettierSafe(el.tag, escaped);
    const hasEntity = escaped !== text;
    const inner = indent + INDENT;
    if (!escaped.includes('\n') && !hasEntity) {
        const inline = `${pad(indent)}<${el.tag}>${escaped}</${el.tag}>`;
        if (inline.length <= XML_PRINT_WIDTH) return { inline: escaped };
    }
    const bodyLines = rawLines ? rawLines.map(escapeText) : wrapWords(escaped, XML_PRINT_WIDTH - inner);
    if (/^\s/.test(bodyLines[0] ?? '')) throw new Error(`<${el.tag}> first line starts with whitespace; prettier would trim it.`);
    return {
        block: bodyLines.map((line) => {
            if (line.trim() === '') throw new Error(`<${el.tag}> has a blank line; prettier keeps it but it is almost certainly a bug.`);
            if (line !== line.trimEnd()) throw new Error(`<${el.tag}> has trailing whitespace on a line: ${JSON.stringify(line)}`);
            if (/^&(amp|lt);|&(amp|lt);$/.test(line.trim())) {
                throw new Error(
                    `<${el.tag}> has a line that starts or ends with an escaped & or <; prettier would join it to its neighbour: ${line}`
                );
            }
            const printed = pad(inner) + line;
            if (printed.length > XML_PRINT_WIDTH) {
                throw new Error(
                    `<${el.tag}> line is ${printed.length} characters wide (max ${XML_PRINT_WIDTH}); prettier would re-fill it: ${line.slice(0, 60)}...`
                );
            }
            return printed;
        })
    };
}

const unescapeText = (s: string): string => s.replace(/&lt;/g, '<').replace(/&amp;/g, '&');

/**
 * The text a text element carries on the platform when printed at `indent`: exactly what the org receives
 * between the tags, including the line breaks and indentation of a block layout. Formula lengths are measured on this.
 */
export function textContent(el: XmlElement, indent: number): string {
    const layout = textLayout(el, indent);
    if ('inline' in layout) return unescapeText(layout.inline);
    return unescapeText(`\n${layout.block.join('\n')}\n${pad(indent)}`);
}

function renderElement(el: XmlElement, indent: number, out: string[]): void {
    const attrs = (el.attrs ?? [])
        .map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`)
        .join('');
    if (el.children) {
        if (el.children.length === 0) {
            out.push(`${pad(indent)}<${el.tag}${attrs} />`);
            return;
        }
        out.push(`${pad(indent)}<${el.tag}${attrs}>`);
        for (const child of el.children) renderElement(child, indent + INDENT, out);
        out.push(`${pad(indent)}</${el.tag}>`);
        return;
    }
    if ((el.lines ? el.lines.join('') : (el.text ?? '')) === '') {
        out.push(`${pad(indent)}<${el.tag}${attrs} />`);
        return;
    }
    const layout = textLayout(el, indent);
    if ('inline' in layout) {
        out.push(`${pad(indent)}<${el.tag}${attrs}>${layout.inline}</${el.tag}>`);
        return;
    }
    out.push(`${pad(indent)}<${el.tag}${attrs}>`, ...layout.block, `${pad(indent)}</${el.tag}>`);
}

/** A whole metadata document: declaration, root element with the metadata namespace, trailing newline. */
export function xmlDocument(root: XmlElement, namespace: string | null = METADATA_NAMESPACE): string {
    const withNs: XmlElement = namespace ? { ...root, attrs: [['xmlns', namespace], ...(root.attrs ?? [])] } : root;
    const out: string[] = ['<?xml version="1.0" encoding="UTF-8" ?>'];
    renderElement(withNs, 0, out);
    return `${out.join('\n')}\n`;
}
