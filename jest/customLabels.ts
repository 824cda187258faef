// Custom Labels in Jest: by default sfdx-lwc-jest resolves `@salesforce/label/c.X` to the string "c.X".
// For the areas listed in setup.ts, every label of the project's labels files (CustomLabels, and the definition's
// generated LeadGateDefinition) is mocked with its real text instead, so tests read what a user reads and a label
// with {0} placeholders is really filled in.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const decodeXml = (text: string): string =>
    text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
        .replace(/&amp;/g, '&');

const LABELS_DIR = join(__dirname, '..', 'force-app', 'main', 'default', 'labels');

/** fullName -> value of every label in `file`, or in every labels file of the project (empty when there is none yet). */
export function readCustomLabels(file?: string): Map<string, string> {
    const labels = new Map<string, string>();
    const files =
        file !== undefined
            ? [file]
            : existsSync(LABELS_DIR)
              ? readdirSync(LABELS_DIR)
                    .filter((f) => f.endsWith('.labels-meta.xml'))
                    .sort()
                    .map((f) => join(LABELS_DIR, f))
              : [];
    for (const path of files.filter((f) => existsSync(f))) {
        const xml = readFileSync(path, 'utf8');
        for (const block of xml.match(/<labels>[\s\S]*?<\/labels>/g) ?? []) {
            const name = /<fullName>([\s\S]*?)<\/fullName>/.exec(block)?.[1];
            const value = /<value>([\s\S]*?)<\/value>/.exec(block)?.[1];
            if (name !== undefined && value !== undefined) labels.set(decodeXml(name.trim()), decodeXml(value));
        }
    }
    return labels;
}

/** Mocks `@salesforce/label/c.<name>` with the label's real text for every label whose name starts with one of `prefixes`. */
export function mockCustomLabels(prefixes: readonly string[]): void {
    for (const [mockName, mockValue] of readCustomLabels()) {
        if (!prefixes.some((prefix) => mockName.startsWith(prefix))) continue;
        jest.mock(`@salesforce/label/c.${mockName}`, () => ({ default: mockValue }), { virtual: true });
    }
}
