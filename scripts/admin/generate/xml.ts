/**
 * XML writing for generated metadata, in exactly the layout the project's prettier config prints for
 * generated files (@prettier/plugin-xml with `xmlWhitespaceSensitivity: "strict"`, tab width 4; see the
 * override in .prettierrc), so `npm run format:verify` passes without prettier ever touching generated files.
 *
 * Why strict: with whitespace sensitivity "ignore" prettier rewrites text content (re-fills long lines into an
 * indented block, splits an entity from an adjacent word), and the org would receive that whitespace inside
 * error messages, inline help and descriptions. In strict mode prettier keeps text content byte for byte, so:
 * - prose (error messages, help, descriptions, labels) is always printed inline, exactly as written;
 * - pre-laid-out text (a formula) is a block: one line per entry, indented one level deeper than the tag
 *   (layout whitespace is insignificant in a formula and keeps generated diffs readable);
 * - only `&` and `<` are escaped (quotes, apostrophes and `>` are legal as they are in text content).
 * The CLI additionally runs prettier over every generated XML file and refuses to write on any difference.
 */

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

type TextLayout = { inline: string } | { block: string[] };

/** How a text element is laid out at `indent`: prose inline, formulas as block lines (already indented). */
function textLayout(el: XmlElement, indent: number): TextLayout {
    if (!el.lines) return { inline: escapeText(el.text ?? '') };
    const inner = indent + INDENT;
    return {
        block: el.lines.map((line, i) => {
            if (line.trim() === '') throw new Error(`<${el.tag}> has a blank line; it is almost certainly a bug.`);
            if (line !== line.trimEnd()) throw new Error(`<${el.tag}> has trailing whitespace on a line: ${JSON.stringify(line)}`);
            if (i === 0 && /^\s/.test(line)) throw new Error(`<${el.tag}> first line starts with whitespace.`);
            return pad(inner) + escapeText(line);
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
