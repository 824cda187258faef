/**
 * What LeadGateQualificationParity_Tests (the org-side run of data/qualification-cases.json) relies on, checked
 * offline:
 * - the table's shape as the Apex reads it (name, save, now, permissions, lead, prior, expected.rulesFire), every field
 *   it sets being a Lead field of a type the Apex converts, and only the bypass permission;
 * - the Apex's time shift: it moves every DateTime by (the org's now - the case's now), and the org evaluates the
 *   rules a few seconds later; shiftCase() builds that case so the formula harness can run it.
 */
import type { LeadMetadata } from './metadata.ts';
import type { QualificationCase } from './qualificationCases.ts';

export const BYPASS_PERMISSION = 'LeadGate_Bypass_Validation';

/** Lead field types the Apex converts from the table's JSON (DateTime moved by the shift; numbers, checkboxes; text as is). */
const CONVERTED_TYPES = new Set([
    'DateTime',
    'Number',
    'Currency',
    'Percent',
    'Checkbox',
    'Text',
    'TextArea',
    'LongTextArea',
    'Picklist',
    'Email',
    'Phone',
    'Url'
]);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** Why the Apex could not run a case as the formula tests do; empty when every case is runnable. */
export function parityTableProblems(cases: readonly QualificationCase[], meta: LeadMetadata): string[] {
    const problems: string[] = [];
    const names = new Set<string>();
    for (const c of cases) {
        const at = `case ${c.name}`;
        if (typeof c.name !== 'string' || c.name === '') problems.push('a case has no name');
        if (names.has(c.name)) problems.push(`${at}: the name is used twice (the org report names cases by it)`);
        names.add(c.name);
        if (c.save !== 'insert' && c.save !== 'update') problems.push(`${at}: save is "${String(c.save)}", not insert or update`);
        if (!ISO_INSTANT.test(c.now)) problems.push(`${at}: now "${c.now}" is not an ISO instant in UTC`);
        for (const p of c.permissions) {
            if (p !== BYPASS_PERMISSION)
                problems.push(`${at}: permission ${p}: the org test can only give the bypass (${BYPASS_PERMISSION})`);
        }
        if (c.save === 'update' && (c.prior === null || typeof c.prior !== 'object')) problems.push(`${at}: an update needs a prior`);
        if (!Array.isArray(c.expected?.rulesFire) || c.expected.rulesFire.some((r) => typeof r !== 'string')) {
            problems.push(`${at}: expected.rulesFire must be a list of rule names`);
        }
        for (const [field, value] of [...Object.entries(c.lead), ...Object.entries(c.prior ?? {})]) {
            const f = meta.field(field);
            if (!f) {
                problems.push(`${at}: Lead.${field} is not a field of the project's Lead`);
                continue;
            }
            if (f.formula !== null) {
                problems.push(`${at}: Lead.${field} is a formula field: the org computes it, no save can set it`);
            } else if (!CONVERTED_TYPES.has(f.metadataType)) {
                problems.push(`${at}: Lead.${field} is a ${f.metadataType} field, which the org test does not convert`);
            } else if (f.metadataType === 'DateTime' && value !== null && !(typeof value === 'string' && ISO_INSTANT.test(value))) {
                problems.push(`${at}: Lead.${field} = ${JSON.stringify(value)} is not an ISO instant in UTC`);
            }
        }
    }
    return problems;
}

const shiftInstant = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/**
 * The case as the org runs it: every DateTime moved by `shiftMs`, and the save happening `driftMs` after the shift was
 * computed (the org's NOW() when the rules run).
 */
export function shiftCase(c: QualificationCase, meta: LeadMetadata, shiftMs: number, driftMs: number): QualificationCase {
    const shift = (values: Record<string, unknown>): Record<string, unknown> =>
        Object.fromEntries(
            Object.entries(values).map(([field, value]) => [
                field,
                meta.field(field)?.metadataType === 'DateTime' && typeof value === 'string' ? shiftInstant(value, shiftMs) : value
            ])
        );
    return { ...c, now: shiftInstant(c.now, shiftMs + driftMs), lead: shift(c.lead), prior: c.prior ? shift(c.prior) : null };
}
