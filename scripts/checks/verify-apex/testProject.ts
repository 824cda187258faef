/**
 * Throw-away SFDX project trees for the verify:apex tests: built in a temp folder, never under force-app.
 * `cleanClasses` pass every check (syntax, format, sharing, SOQL, PMD severity 1-2); each test plants one fault.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Temp folders made by this test run; removed when the process exits. */
const created: string[] = [];
process.on('exit', () => {
    for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const PRETTIER_CONFIG = join(REPO_ROOT, '.prettierrc');
export const CLASSES_DIR = 'force-app/main/default/classes';
export const FLOWS_DIR = 'force-app/main/default/flows';

const classMeta = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

const field = (name: string, body: string): string => `<?xml version="1.0" encoding="UTF-8" ?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
${body}
</CustomField>
`;

/** Custom schema of the fixture project: a few Lead fields, a lookup, and a custom object looking up Lead. */
const SCHEMA_FILES: Record<string, string> = {
    'force-app/main/default/objects/Lead/fields/MQL_At__c.field-meta.xml': field(
        'MQL_At__c',
        '    <label>MQL At</label>\n    <type>DateTime</type>'
    ),
    'force-app/main/default/objects/Lead/fields/SQL_At__c.field-meta.xml': field(
        'SQL_At__c',
        '    <label>SQL At</label>\n    <type>DateTime</type>'
    ),
    'force-app/main/default/objects/Lead/fields/SQL_Qualified_By__c.field-meta.xml': field(
        'SQL_Qualified_By__c',
        '    <label>SQL Qualified By</label>\n    <referenceTo>User</referenceTo>\n    <relationshipName>Qualified_Leads</relationshipName>\n    <type>Lookup</type>'
    ),
    'force-app/main/default/objects/Funnel_Snapshot__c/Funnel_Snapshot__c.object-meta.xml': `<?xml version="1.0" encoding="UTF-8" ?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Funnel Snapshot</label>
    <nameField><label>Name</label><type>AutoNumber</type></nameField>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>
`,
    'force-app/main/default/objects/Funnel_Snapshot__c/fields/Lead__c.field-meta.xml': field(
        'Lead__c',
        '    <label>Lead</label>\n    <referenceTo>Lead</referenceTo>\n    <relationshipName>Snapshots</relationshipName>\n    <type>Lookup</type>'
    ),
    'force-app/main/default/objects/Funnel_Snapshot__c/fields/Stage__c.field-meta.xml': field(
        'Stage__c',
        '    <label>Stage</label>\n    <type>Text</type>\n    <length>40</length>'
    )
};

/** Classes that pass every check: the baseline each test plants one fault into. Printed exactly as prettier-plugin-apex prints. */
export const CLEAN_CLASSES: Record<string, string> = {
    LeadFunnelFixture: `/**
 * Fixture: queries the checks must accept.
 */
public with sharing class LeadFunnelFixture {
    private static final String RECENT = 'SELECT Id, Status, Owner.Name FROM Lead WHERE MQL_At__c != null WITH USER_MODE LIMIT 10';

    /**
     * @param ownerIds owners
     * @param since lower bound
     * @return rows
     */
    public static List<AggregateResult> byOwner(Set<Id> ownerIds, Datetime since) {
        return [
            SELECT OwnerId, Owner.Name ownerName, COUNT(Id) total, COUNT(SQL_At__c) sqls, CALENDAR_MONTH(MQL_At__c) month
            FROM Lead
            WHERE OwnerId IN :ownerIds AND MQL_At__c >= :since AND SQL_Qualified_By__r.IsActive = TRUE
            WITH USER_MODE
            GROUP BY OwnerId, Owner.Name, CALENDAR_MONTH(MQL_At__c)
        ];
    }

    /**
     * @param limitRows row cap
     * @return leads with their snapshots and campaign memberships
     */
    public static List<Lead> withChildren(Integer limitRows) {
        return [
            SELECT Id, ConvertedOpportunity.IsWon, (SELECT Stage__c FROM Snapshots__r), (SELECT Campaign.Name FROM CampaignMembers)
            FROM Lead
            WHERE Id IN (SELECT Lead__c FROM Funnel_Snapshot__c WHERE Stage__c = 'SQL')
            WITH USER_MODE
            ORDER BY CreatedDate DESC
            LIMIT :limitRows
        ];
    }

    /**
     * @return recent leads
     */
    public static List<Lead> recent() {
        return Database.query(RECENT, AccessLevel.USER_MODE);
    }
}
`,
    LeadFunnelFixture_Tests: `/**
 * Fixture test class: no sharing keyword needed on a test class.
 */
@IsTest
private class LeadFunnelFixture_Tests {
    @IsTest
    static void countsNothingWithoutLeads() {
        Assert.areEqual(0, LeadFunnelFixture.recent().size(), 'no leads, no rows');
    }
}
`
};

export interface FixtureProject {
    root: string;
    write(relativePath: string, content: string): string;
    writeClass(name: string, source: string, withMeta?: boolean): string;
    writeFlow(name: string, xml: string): string;
}

/** A fresh project in a temp folder with the fixture schema and (unless `classes` says otherwise) the clean classes. */
export function fixtureProject(classes: Record<string, string> = CLEAN_CLASSES): FixtureProject {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-verify-apex-'));
    created.push(root);
    const write = (relativePath: string, content: string): string => {
        const p = join(root, relativePath);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, content);
        return p;
    };
    const writeClass = (name: string, source: string, withMeta = true): string => {
        const p = write(`${CLASSES_DIR}/${name}.cls`, source);
        if (withMeta) write(`${CLASSES_DIR}/${name}.cls-meta.xml`, classMeta);
        return p;
    };
    const writeFlow = (name: string, xml: string): string => write(`${FLOWS_DIR}/${name}.flow-meta.xml`, xml);
    write('sfdx-project.json', JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '65.0' }));
    for (const [p, content] of Object.entries(SCHEMA_FILES)) write(p, content);
    for (const [name, source] of Object.entries(classes)) writeClass(name, source);
    return { root, write, writeClass, writeFlow };
}

export interface ProjectCopy {
    root: string;
    /** Replaces the first occurrence of `find` in a project file; returns the 1-based line and column where the replacement starts. */
    plant(relativePath: string, find: string, replacement: string): { line: number; column: number };
}

/** A temp copy of this repository's SFDX project (sfdx-project.json and force-app): faults are planted in the copy, never in force-app. */
export function projectCopy(): ProjectCopy {
    const root = mkdtempSync(join(tmpdir(), 'leadgate-project-copy-'));
    created.push(root);
    cpSync(join(REPO_ROOT, 'sfdx-project.json'), join(root, 'sfdx-project.json'));
    cpSync(join(REPO_ROOT, 'force-app'), join(root, 'force-app'), { recursive: true });
    const plant = (relativePath: string, find: string, replacement: string): { line: number; column: number } => {
        const p = join(root, relativePath);
        const text = readFileSync(p, 'utf8');
        const at = text.indexOf(find);
        if (at < 0) throw new Error(`cannot plant: "${find}" is not in ${relativePath} any more; update the test`);
        writeFileSync(p, text.slice(0, at) + replacement + text.slice(at + find.length));
        const before = text.slice(0, at).split('\n');
        return { line: before.length, column: before[before.length - 1]!.length + 1 };
    };
    return { root, plant };
}

/** A before-save record-triggered flow on Lead that stamps a field: passes every flow check. */
export function beforeSaveFlow(extraElements = '', assignmentTarget = '$Record.SQL_At__c'): string {
    return `<?xml version="1.0" encoding="UTF-8" ?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <assignments>
        <name>Stamp_SQL_At</name>
        <label>Stamp SQL At</label>
        <locationX>176</locationX>
        <locationY>287</locationY>
        <assignmentItems>
            <assignToReference>${assignmentTarget}</assignToReference>
            <operator>Assign</operator>
            <value>
                <elementReference>$Flow.CurrentDateTime</elementReference>
            </value>
        </assignmentItems>
    </assignments>
    <decisions>
        <name>Became_SQL</name>
        <label>Became SQL</label>
        <locationX>176</locationX>
        <locationY>167</locationY>
        <defaultConnectorLabel>No</defaultConnectorLabel>
        <rules>
            <name>Yes</name>
            <conditionLogic>and</conditionLogic>
            <conditions>
                <leftValueReference>$Record.Status</leftValueReference>
                <operator>EqualTo</operator>
                <rightValue>
                    <stringValue>Sales Qualified</stringValue>
                </rightValue>
            </conditions>
            <conditions>
                <leftValueReference>$Record__Prior.SQL_At__c</leftValueReference>
                <operator>IsNull</operator>
                <rightValue>
                    <booleanValue>true</booleanValue>
                </rightValue>
            </conditions>
            <connector>
                <targetReference>Stamp_SQL_At</targetReference>
            </connector>
            <label>Yes</label>
        </rules>
    </decisions>${extraElements}
    <label>Fixture Stamps</label>
    <processType>AutoLaunchedFlow</processType>
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector>
            <targetReference>Became_SQL</targetReference>
        </connector>
        <object>Lead</object>
        <recordTriggerType>CreateAndUpdate</recordTriggerType>
        <triggerType>RecordBeforeSave</triggerType>
    </start>
    <status>Active</status>
</Flow>
`;
}

/** A screen flow that passes what a user types into a record delete running without sharing: Flow Scanner must flag it. */
export const INSECURE_SCREEN_FLOW = `<?xml version="1.0" encoding="UTF-8" ?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <label>Delete Any Lead</label>
    <processType>Flow</processType>
    <runInMode>SystemModeWithoutSharing</runInMode>
    <status>Active</status>
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector>
            <targetReference>Ask</targetReference>
        </connector>
    </start>
    <screens>
        <name>Ask</name>
        <label>Ask</label>
        <locationX>176</locationX>
        <locationY>134</locationY>
        <allowBack>true</allowBack>
        <allowFinish>true</allowFinish>
        <allowPause>false</allowPause>
        <connector>
            <targetReference>Delete_Lead</targetReference>
        </connector>
        <fields>
            <name>LeadIdInput</name>
            <dataType>String</dataType>
            <fieldText>Lead Id</fieldText>
            <fieldType>InputField</fieldType>
            <isRequired>true</isRequired>
        </fields>
        <showFooter>true</showFooter>
        <showHeader>true</showHeader>
    </screens>
    <recordDeletes>
        <name>Delete_Lead</name>
        <label>Delete Lead</label>
        <locationX>176</locationX>
        <locationY>254</locationY>
        <filterLogic>and</filterLogic>
        <filters>
            <field>Id</field>
            <operator>EqualTo</operator>
            <value>
                <elementReference>LeadIdInput</elementReference>
            </value>
        </filters>
        <object>Lead</object>
    </recordDeletes>
</Flow>
`;
