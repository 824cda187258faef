/**
 * Loads every Apex handler module in this folder (each registers its methods with registerApex),
 * so adding a handler is adding a file: no list to keep in step.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apexRegistry, type ApexRegistry } from './registry.ts';

const NOT_HANDLERS = new Set(['registry.ts', 'index.ts']);

/** Imports the handler modules; a module that fails to load is reported (its methods then answer 404), never fatal. */
export async function loadApexHandlers(dir: string = import.meta.dirname): Promise<{ registry: ApexRegistry; problems: string[] }> {
    const files = readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts') && !NOT_HANDLERS.has(f))
        .sort();
    const problems: string[] = [];
    for (const file of files) {
        try {
            await import(pathToFileURL(join(dir, file)).href);
        } catch (error) {
            problems.push(
                `Apex handlers in preview/server/apex/${file} failed to load: ${error instanceof Error ? error.message : String(error)}`
            );
        }
    }
    return { registry: apexRegistry, problems };
}
