/**
 * The generated parts of "signals in, evidence out": LeadGateDefinition.cls (what the Apex reads of the definition),
 * the Opportunity fields and their permissions, and the conversion rule that exists only when the definition asks.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import * as prettier from 'prettier';
import { campaignSignal, knownSignalTypes, SIGNAL_MESSAGES, SIGNAL_TIME_PATTERN, SIGNAL_YEARS, signalOfType } from 'c/leadSignals';
import { SQL_DEFINITION, type SqlDefinition } from 'c/sqlDefinition';
import { APEX_DEFINITION_PATH, apexMessageTemplate } from './apexDefinition.ts';
import { apexString } from './apexClass.ts';
import { generateAll, type GeneratedFile } from './index.ts';
import { OPPORTUNITY_FIELDS, OPPORTUNITY_FIELDS_DIR, conversionMappings } from './opportunity.ts';
import { CONVERT_NEEDS_SQL_RULE } from './validationRules.ts';

const copyDef = (): SqlDefinition => structuredClone(SQL_DEFINITION);
const fileOf = (files: GeneratedFile[], path: string): string => {
    const f = files.find((x) => x.path === path);
    assert.ok(f, `no generated ${path}`);
    return f.content;
};
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (n) => n === 'fieldPermissions' });

/** Reads the generated class back: every `NAME.put('a', 'b')` / `NAME.add('a')` and every scalar constant. */
function readApexDefinition(source: string): {
    maps: Record<string, Array<[string, string]>>;
    lists: Record<string, string[]>;
    constants: Record<string, string>;
} {
    const unquote = (s: string): string => s.slice(1, -1).replace(/\\'/g, "'").replace(/\\\\/g, '\\');
    const maps: Record<string, Array<[string, string]>> = {};
    const lists: Record<string, string[]> = {};
    const constants: Record<string, string> = {};
    for (const m of source.matchAll(/^\s+(\w+)\.put\(('(?:[^'\\]|\\.)*'), ('(?:[^'\\]|\\.)*')\);$/gm))
        (maps[m[1] as string] ??= []).push([unquote(m[2] as string), unquote(m[3] as string)]);
    for (const m of source.matchAll(/^\s+(\w+)\.add\(('(?:[^'\\]|\\.)*')\);$/gm))
        (lists[m[1] as string] ??= []).push(unquote(m[2] as string));
    for (const m of source.matchAll(/public static final (?:Integer|Boolean|String) (\w+) = (.+);$/gm))
        constants[m[1] as string] = (m[2] as string).startsWith("'") ? unquote(m[2] as string) : (m[2] as string);
    return { maps, lists, constants };
}

describe('LeadGateDefinition.cls: the definition as the Apex reads it', () => {
    const source = fileOf(generateAll(), APEX_DEFINITION_PATH);
    const apex = readApexDefinition(source);

    it('is printed exactly as prettier-plugin-apex formats it', async () => {
        const config = (await prettier.resolveConfig(join(process.cwd(), APEX_DEFINITION_PATH))) ?? {};
        assert.equal(await prettier.format(source, { ...config, filepath: APEX_DEFINITION_PATH }), source);
    });

    it('maps every signal type (id, lower-cased) to its Lead field, as leadSignals does', () => {
        assert.deepEqual(
            apex.maps.SIGNAL_FIELDS,
            SQL_DEFINITION.intent.signals.map((s) => [s.id.toLowerCase(), s.field])
        );
        for (const [type, field] of apex.maps.SIGNAL_FIELDS ?? []) assert.equal(signalOfType(type)?.field, field);
    });

    it('carries the campaign mapping in checking order, and the Apex lookup gives what campaignSignal gives', () => {
        const phrases = apex.lists.CAMPAIGN_NAME_PHRASES ?? [];
        const phraseSignals = apex.lists.CAMPAIGN_NAME_PHRASE_SIGNALS ?? [];
        const typeSignals = new Map(apex.maps.CAMPAIGN_TYPE_SIGNALS ?? []);
        const fields = new Map(apex.maps.SIGNAL_FIELDS ?? []);
        // The Apex handler's lookup, written out: first phrase contained in the name, else the type.
        const apexField = (type: string, name: string): string | null => {
            const at = phrases.findIndex((p) => name.trim().toLowerCase().includes(p));
            const signal = at >= 0 ? phraseSignals[at] : typeSignals.get(type.trim().toLowerCase());
            return signal ? (fields.get(signal) ?? null) : null;
        };
        const campaigns: Array<[string, string]> = [
            ['Webinar', 'Q2 webinar'],
            ['Webinar', 'Live Demo Request hour'],
            ['Other', 'Pricing page retargeting'],
            ['Trade Show', 'Expo'],
            ['Content', 'Guide'],
            ['Email', 'Newsletter'],
            ['Direct Mail', 'Postcard'],
            ['', '']
        ];
        for (const [type, name] of campaigns)
            assert.equal(apexField(type, name), campaignSignal(type, name)?.field ?? null, `${type} / ${name}`);
    });

    it('carries the conversion setting, the future allowance and the conversion pairs', () => {
        assert.equal(apex.constants.CONVERSION_REQUIRES_SQL, String(SQL_DEFINITION.conversion.requireSql));
        assert.equal(apex.constants.CONVERSION_RECORDS_WARNING, String(SQL_DEFINITION.conversion.recordWarning));
        assert.equal(apex.constants.FUTURE_TOLERANCE_MINUTES, String(SQL_DEFINITION.signalIntake.futureToleranceMinutes));
        assert.deepEqual(
            apex.maps.CONVERSION_FIELDS,
            conversionMappings(SQL_DEFINITION).map((m) => [m.lead, m.opportunity])
        );
    });

    it('carries the words, time pattern and years of c/leadSignals that LeadSignalService shares', () => {
        assert.deepEqual(apex.maps.SIGNAL_MESSAGES, Object.entries(SIGNAL_MESSAGES));
        assert.equal(apex.constants.SIGNAL_TIME_PATTERN, SIGNAL_TIME_PATTERN);
        assert.equal(apex.constants.SIGNAL_TYPES_KNOWN, knownSignalTypes());
        assert.equal(apex.constants.SIGNAL_MIN_YEAR, String(SIGNAL_YEARS.min));
        assert.equal(apex.constants.SIGNAL_MAX_YEAR, String(SIGNAL_YEARS.max));
    });

    it('refuses a message template String.format would not print as written (apostrophe, stray brace)', () => {
        assert.equal(apexMessageTemplate('ok', 'Lead {0} is {1}.'), "SIGNAL_MESSAGES.put('ok', 'Lead {0} is {1}.');");
        assert.throws(() => apexMessageTemplate('quote', "Lead {0} can't change."), /quote has an apostrophe or a brace/);
        assert.throws(() => apexMessageTemplate('brace', 'Use {lead}.'), /brace has an apostrophe or a brace/);
    });

    it('follows a definition change, and refuses a campaign mapping that names no signal', () => {
        const def = copyDef();
        def.signalIntake.campaignResponses.byType.push({ type: "Partner's Day", signal: 'eventAttended' });
        def.conversion.requireSql = true;
        const changed = readApexDefinition(fileOf(generateAll(def), APEX_DEFINITION_PATH));
        assert.ok(changed.maps.CAMPAIGN_TYPE_SIGNALS?.some(([t, s]) => t === "partner's day" && s === 'eventattended'));
        assert.equal(changed.constants.CONVERSION_REQUIRES_SQL, 'true');
        def.signalIntake.campaignResponses.byType.push({ type: 'Podcast', signal: 'podcastListen' });
        assert.throws(() => generateAll(def), /Campaign type "Podcast" names the intent signal "podcastListen"/);
    });

    it('escapes Apex strings', () => {
        assert.equal(apexString("O'Brien \\ co"), "'O\\'Brien \\\\ co'");
        assert.throws(() => apexString('two\nlines'), /line break/);
    });
});

describe('Opportunity evidence fields', () => {
    const files = generateAll();
    const oppFiles = files.filter((f) => f.path.startsWith(`${OPPORTUNITY_FIELDS_DIR}/`));

    it('one per mapped target plus intent at conversion and the warning flag, each documented', () => {
        const names = oppFiles.map((f) => f.path.slice(OPPORTUNITY_FIELDS_DIR.length + 1).replace('.field-meta.xml', '')).sort();
        const expected = [
            ...conversionMappings(SQL_DEFINITION).map((m) => m.opportunity),
            OPPORTUNITY_FIELDS.intentAtConversion,
            OPPORTUNITY_FIELDS.convertedWithoutSql
        ].sort();
        assert.deepEqual(names, expected);
        for (const f of oppFiles) {
            const field = (parser.parse(f.content) as { CustomField: Record<string, string> }).CustomField;
            assert.match(field.description ?? '', /Generated by npm run generate/, f.path);
            assert.ok((field.inlineHelpText ?? '').length > 20, f.path);
            assert.ok(field.securityClassification, f.path);
        }
    });

    it('are read-only for the SDR, Manager and Admin sets and absent from the Integration set', () => {
        for (const role of ['SDR', 'Manager', 'Admin', 'Integration']) {
            const set = (
                parser.parse(fileOf(files, `force-app/main/default/permissionsets/LeadGate_${role}.permissionset-meta.xml`)) as {
                    PermissionSet: { fieldPermissions?: Array<{ field: string; editable: string; readable: string }> };
                }
            ).PermissionSet;
            const opp = (set.fieldPermissions ?? []).filter((p) => p.field.startsWith('Opportunity.') && !p.field.endsWith('IsWon'));
            if (role === 'Integration') assert.deepEqual(opp, [], role);
            else {
                assert.equal(opp.length, oppFiles.length, role);
                assert.ok(
                    opp.every((p) => p.editable === 'false' && p.readable === 'true'),
                    role
                );
            }
        }
    });
});

describe('the conversion setting', () => {
    it('by default conversion is allowed: no conversion rule, the warning is recorded', () => {
        assert.equal(SQL_DEFINITION.conversion.requireSql, false);
        assert.equal(SQL_DEFINITION.conversion.recordWarning, true);
        assert.ok(!generateAll().some((f) => f.path.includes(CONVERT_NEEDS_SQL_RULE)));
    });

    it('requireSql generates a bypassable rule refusing the conversion of a lead that never became SQL', () => {
        const def = copyDef();
        def.conversion.requireSql = true;
        const rule = generateAll(def).find((f) => f.path.endsWith(`${CONVERT_NEEDS_SQL_RULE}.validationRule-meta.xml`));
        assert.ok(rule);
        const parsed = (parser.parse(rule.content) as { ValidationRule: Record<string, string> }).ValidationRule;
        const formula = (parsed.errorConditionFormula ?? '').replace(/\s+/g, ' ');
        assert.match(formula, /NOT\(\$Permission\.LeadGate_Bypass_Validation\)/);
        assert.match(formula, /IsConverted, ISCHANGED\(IsConverted\), ISBLANK\(SQL_At__c\)/);
        const apex = readApexDefinition(fileOf(generateAll(def), APEX_DEFINITION_PATH));
        assert.equal(apex.constants.CONVERT_NEEDS_SQL_MESSAGE, parsed.errorMessage);
    });
});
