/**
 * The pieces every generated Apex class is written from: string literals, documented constants, private static methods
 * of one statement per line (prettier-plugin-apex keeps each on one line, so the committed file is stable), and the
 * class file with its metadata file.
 */
import { API_VERSION } from './flow.ts';
import type { GeneratedFile } from './types.ts';

const APEX_PRINT_WIDTH = 140;

/** An Apex string literal. */
export function apexString(value: string): string {
    if (/[\r\n]/.test(value)) throw new Error(`Cannot put a line break into a generated Apex string: ${value}`);
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One documented constant declaration (prettier-plugin-apex keeps a declaration on one line, however long). */
export function constant(doc: string, type: string, name: string, value: string): string[] {
    return [`    /** ${doc} */`, `    public static final ${type} ${name} = ${value};`];
}

/** A private static method of one statement per line (empty statements lists get a comment, never an empty block). */
export function method(name: string, statements: string[]): string[] {
    const body = statements.length ? statements : ['// Nothing in the definition.'];
    return [
        '',
        `    private static void ${name}() {`,
        ...body.map((s) => {
            const line = `        ${s}`;
            if (line.length > APEX_PRINT_WIDTH) throw new Error(`Generated Apex line is too long for a stable layout: ${s}`);
            return line;
        }),
        '    }'
    ];
}

/** The class file and its -meta.xml at the project's API version. */
export function apexClassFiles(path: string, lines: string[]): GeneratedFile[] {
    const meta = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">',
        `    <apiVersion>${API_VERSION}</apiVersion>`,
        '    <status>Active</status>',
        '</ApexClass>',
        ''
    ];
    return [
        { path, content: lines.join('\n') },
        { path: `${path}-meta.xml`, content: meta.join('\n') }
    ];
}
