/**
 * LeadGateDefinition.cls: the parts of the SQL definition LeadGate's Apex reads, generated so the server automation
 * never hard-codes them (signal types and their Lead fields, the campaign-response mapping, the future-time allowance,
 * the conversion setting and the conversion field pairs), and the words and time rules of c/leadSignals that
 * LeadSignalService must share with it (reject message templates, the time pattern, the years a DateTime holds).
 *
 * Why a generated class and not Custom Metadata records: the definition is the single source of truth and changes by
 * "edit, regenerate, review the diff, deploy". Records an admin could edit in Setup would drift from it, and reading
 * them costs a query per transaction. A class of constants is compiled, needs no query, and is proven equal to the
 * definition by the generator's tests (see docs/DECISIONS.md).
 *
 * The text is printed exactly as prettier-plugin-apex lays it out (every line short, one statement per line, no
 * literals that prettier would re-wrap); the CLI and the tests run prettier over it and refuse any difference.
 */
import { knownSignalTypes, SIGNAL_MESSAGES, SIGNAL_TIME_PATTERN, SIGNAL_YEARS } from 'c/leadSignals';
import { committeeCountField, type SqlDefinition } from 'c/sqlDefinition';
import { generatedNote } from './fields.ts';
import { conversionMappings } from './opportunity.ts';
import type { GeneratedFile } from './types.ts';
import { apexClassFiles, apexString, constant, method } from './apexClass.ts';
import { CONVERT_NEEDS_SQL_MESSAGE } from './validationRules.ts';

export const APEX_DEFINITION_CLASS = 'LeadGateDefinition';
export const APEX_DEFINITION_PATH = `force-app/main/default/classes/${APEX_DEFINITION_CLASS}.cls`;

/** One reject template of c/leadSignals as the Apex statement that carries it; refuses text String.format would change. */
export function apexMessageTemplate(key: string, template: string): string {
    if (/'/.test(template) || /[{}]/.test(template.replace(/\{\d\}/g, '')))
        throw new Error(`Signal message ${key} has an apostrophe or a brace, which Apex String.format would not print as written`);
    return `SIGNAL_MESSAGES.put(${apexString(key)}, ${apexString(template)});`;
}

export function generateApexDefinition(def: SqlDefinition): { files: GeneratedFile[] } {
    if (!def.signalIntake?.campaignResponses || !def.conversion) {
        throw new Error(
            'The SQL definition has no signalIntake or conversion settings: copy them from sqlDefinition.ts into the definition.'
        );
    }
    const signalIds = new Set(def.intent.signals.map((s) => s.id.toLowerCase()));
    if (signalIds.size !== def.intent.signals.length)
        throw new Error('Two intent signals share an id (ids are compared case-insensitively)');
    const signalOf = (id: string, where: string): string => {
        const lowered = id.trim().toLowerCase();
        if (!signalIds.has(lowered)) throw new Error(`${where} names the intent signal "${id}", which the definition does not have`);
        return lowered;
    };
    const { byNamePhrase, byType } = def.signalIntake.campaignResponses;
    const signals: string[] = def.intent.signals.map(
        (s) => `SIGNAL_FIELDS.put(${apexString(s.id.toLowerCase())}, ${apexString(s.field)});`
    );
    const campaigns: string[] = [];
    for (const r of byNamePhrase) {
        const phrase = r.phrase.trim().toLowerCase();
        if (phrase === '') throw new Error('signalIntake.campaignResponses.byNamePhrase has a blank phrase');
        campaigns.push(`CAMPAIGN_NAME_PHRASES.add(${apexString(phrase)});`);
        campaigns.push(`CAMPAIGN_NAME_PHRASE_SIGNALS.add(${apexString(signalOf(r.signal, `Campaign phrase "${r.phrase}"`))});`);
    }
    const types = new Set<string>();
    for (const r of byType) {
        const type = r.type.trim().toLowerCase();
        if (type === '' || types.has(type))
            throw new Error(`signalIntake.campaignResponses.byType lists the type "${r.type}" twice or blank`);
        types.add(type);
        campaigns.push(`CAMPAIGN_TYPE_SIGNALS.put(${apexString(type)}, ${apexString(signalOf(r.signal, `Campaign type "${r.type}"`))});`);
    }
    const messages = Object.entries(SIGNAL_MESSAGES).map(([key, template]) => apexMessageTemplate(key, template));
    const committee: string[] = def.committee.roles.flatMap((r) => [
        `COMMITTEE_COUNT_FIELDS.put(${apexString(r.label)}, ${apexString(committeeCountField(r))});`,
        `COMMITTEE_CONTACT_ROLES.put(${apexString(r.label)}, ${apexString(r.contactRole)});`
    ]);
    const conversion = conversionMappings(def).map((m) => `CONVERSION_FIELDS.put(${apexString(m.lead)}, ${apexString(m.opportunity)});`);
    const tolerance = def.signalIntake.futureToleranceMinutes;
    if (!Number.isInteger(tolerance) || tolerance < 0)
        throw new Error('signalIntake.futureToleranceMinutes must be a whole number of minutes, 0 or more');
    const sql = def.stages.find((s) => s.key === 'SQL')?.status;
    if (!sql) throw new Error('The SQL definition has no SQL stage');

    const lines = [
        '/**',
        ` * ${generatedNote(def)}`,
        ' *',
        ' * The parts of the SQL definition (force-app/main/default/lwc/sqlDefinition/sqlDefinition.ts) that the server',
        ' * automation reads: LeadSignalService, LeadCampaignResponseHandler, LeadConversionEvidence and the committee classes.',
        ' * Constants only.',
        ' */',
        `public inherited sharing class ${APEX_DEFINITION_CLASS} {`,
        ...constant(
            'Signal type as integrations send it (an intent signal id, lower-cased) -> the Lead DateTime field it moves.',
            'Map<String, String>',
            'SIGNAL_FIELDS',
            'new Map<String, String>()'
        ),
        ...constant(
            'The signal types as reject messages list them, in the order of the definition.',
            'String',
            'SIGNAL_TYPES_KNOWN',
            apexString(knownSignalTypes(def))
        ),
        ...constant(
            'Reject message templates of c/leadSignals (SIGNAL_MESSAGES), filled with String.format.',
            'Map<String, String>',
            'SIGNAL_MESSAGES',
            'new Map<String, String>()'
        ),
        ...constant(
            'What an Occurred_At__c must look like: ISO 8601 with seconds and a zone (c/leadSignals SIGNAL_TIME_PATTERN).',
            'String',
            'SIGNAL_TIME_PATTERN',
            apexString(SIGNAL_TIME_PATTERN)
        ),
        ...constant('The first year a DateTime field holds.', 'Integer', 'SIGNAL_MIN_YEAR', String(SIGNAL_YEARS.min)),
        ...constant('The last year a DateTime field holds.', 'Integer', 'SIGNAL_MAX_YEAR', String(SIGNAL_YEARS.max)),
        ...constant(
            'Campaign Name phrases (lower-cased), checked in this order before Campaign Types.',
            'List<String>',
            'CAMPAIGN_NAME_PHRASES',
            'new List<String>()'
        ),
        ...constant(
            'The signal type each phrase of CAMPAIGN_NAME_PHRASES counts as, at the same position.',
            'List<String>',
            'CAMPAIGN_NAME_PHRASE_SIGNALS',
            'new List<String>()'
        ),
        ...constant(
            'Campaign Type (lower-cased) -> the signal type a response counts as.',
            'Map<String, String>',
            'CAMPAIGN_TYPE_SIGNALS',
            'new Map<String, String>()'
        ),
        ...constant(
            'Lead field -> Opportunity field of the lead-conversion mapping.',
            'Map<String, String>',
            'CONVERSION_FIELDS',
            'new Map<String, String>()'
        ),
        ...constant(
            'Committee member Role__c value -> the Lead field counting the people named in that role.',
            'Map<String, String>',
            'COMMITTEE_COUNT_FIELDS',
            'new Map<String, String>()'
        ),
        ...constant(
            'Committee member Role__c value -> the OpportunityContactRole Role the person becomes on conversion.',
            'Map<String, String>',
            'COMMITTEE_CONTACT_ROLES',
            'new Map<String, String>()'
        ),
        ...constant(
            'An occurrence more than this many minutes ahead of now is rejected.',
            'Integer',
            'FUTURE_TOLERANCE_MINUTES',
            String(tolerance)
        ),
        ...constant(
            'Refuse to convert a lead that never became Sales Qualified.',
            'Boolean',
            'CONVERSION_REQUIRES_SQL',
            String(def.conversion.requireSql)
        ),
        ...constant(
            'Flag the Opportunity when such a lead is converted.',
            'Boolean',
            'CONVERSION_RECORDS_WARNING',
            String(def.conversion.recordWarning)
        ),
        ...constant(
            'Why a conversion is refused (the words of the validation rule).',
            'String',
            'CONVERT_NEEDS_SQL_MESSAGE',
            apexString(CONVERT_NEEDS_SQL_MESSAGE(sql))
        ),
        '',
        '    static {',
        '        addSignalTypes();',
        '        addSignalMessages();',
        '        addCampaignMapping();',
        '        addConversionFields();',
        '        addCommittee();',
        '    }',
        ...method('addSignalTypes', signals),
        ...method('addSignalMessages', messages),
        ...method('addCampaignMapping', campaigns),
        ...method('addConversionFields', conversion),
        ...method('addCommittee', committee),
        '}',
        ''
    ];
    return { files: apexClassFiles(APEX_DEFINITION_PATH, lines) };
}
