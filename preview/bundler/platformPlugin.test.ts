/**
 * The platform-module resolution rules: every import a component makes resolves to the preview's
 * implementation or to a module generated from the project's metadata, and anything else fails the build
 * with a message naming the module and the importer.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PluginContext } from 'rollup';
import { LIGHTNING_MODULES, PLATFORM_DIR, platformPlugin } from './platformPlugin.ts';
import { auraEnabledMethods, type ProjectMetadata } from './projectMetadata.ts';

const root = '/project';
const meta: ProjectMetadata = {
    root,
    bundles: [],
    labels: new Map([['LG_Panel_Title', 'Qualification & "evidence"']]),
    labelTranslations: new Map([['LG_Panel_Title', { de: 'Qualifizierung & "Nachweise"' }]]),
    customPermissions: new Set(['LeadGate_Bypass_Validation']),
    staticResources: new Map([['chartjs', '/project/force-app/main/default/staticresources/chartjs.js']]),
    apexClasses: new Map([['LeadGateDashboardController', new Set(['getFunnel'])]]),
    leadFields: new Set(['status', 'ownerid', 'budget_evidence__c', 'sql_qualified_by__c']),
    customObjects: new Set(['LeadGate_Funnel_Snapshot__c'])
};
const LBC = join(process.cwd(), 'node_modules', 'lightning-base-components');
const plugin = platformPlugin(meta, LBC);
const importer = '/project/force-app/main/default/lwc/qualificationPanel/qualificationPanel.js';
const ctx = {
    error(message: string): never {
        throw new Error(message);
    }
} as unknown as PluginContext;

const resolve = (source: string, from = importer) =>
    (plugin.resolveId as (this: PluginContext, s: string, i: string | undefined) => Promise<string | null>).call(ctx, source, from);
const load = (id: string) => (plugin.load as (this: PluginContext, id: string) => string | null).call(ctx, id);
const fails = async (source: string, pattern: RegExp) => {
    await assert.rejects(resolve(source), (error: Error) => {
        assert.match(error.message, pattern);
        assert.match(error.message, /imported by force-app\/main\/default\/lwc\/qualificationPanel\/qualificationPanel\.js/);
        return true;
    });
};

describe('lightning/* modules', () => {
    it('resolves the ones the preview implements to preview/platform', async () => {
        for (const name of LIGHTNING_MODULES) assert.equal(await resolve(`lightning/${name}`), join(PLATFORM_DIR, `${name}.ts`));
    });
    it('leaves base components to the LWC resolver and fails on a platform module with no implementation', async () => {
        assert.equal(await resolve('lightning/button'), null);
        await fails(
            'lightning/messageService',
            /lightning\/messageService has no local implementation\. Add preview\/platform\/messageService\.ts/
        );
    });
});

describe('@salesforce/* modules', () => {
    it('makes labels from the project labels file, and fails on an unknown label', async () => {
        const id = await resolve('@salesforce/label/c.LG_Panel_Title');
        assert.ok(id);
        // The label's value, and its translations for the page to pick by the user's language (context.ts).
        assert.match(
            load(id) ?? '',
            /export default labelInUserLanguage\("Qualification & \\"evidence\\"", \{"de":"Qualifizierung & \\"Nachweise\\""\}\);$/
        );
        await fails('@salesforce/label/c.LG_Missing', /Custom label c\.LG_Missing does not exist in force-app\/main\/default\/labels/);
        await fails('@salesforce/label/Other.Label', /only the project's own labels/);
    });
    it('makes schema references, checking Lead fields and custom objects', async () => {
        assert.equal(
            load((await resolve('@salesforce/schema/Lead.Status')) ?? ''),
            'export default {"objectApiName":"Lead","fieldApiName":"Status"};'
        );
        assert.equal(
            load((await resolve('@salesforce/schema/Lead.Owner.Name')) ?? ''),
            'export default {"objectApiName":"Lead","fieldApiName":"Owner.Name"};'
        );
        assert.ok(await resolve('@salesforce/schema/Lead.SQL_Qualified_By__r.Name'));
        assert.equal(load((await resolve('@salesforce/schema/Lead')) ?? ''), 'export default {"objectApiName":"Lead"};');
        await fails('@salesforce/schema/Lead.Budget_Evidense__c', /Lead has no field Budget_Evidense__c/);
        await fails('@salesforce/schema/Nope__c.Name__c', /custom object Nope__c is not defined/);
    });
    it('makes Apex methods that exist and are @AuraEnabled, and nothing else', async () => {
        const id = await resolve('@salesforce/apex/LeadGateDashboardController.getFunnel');
        assert.match(load(id ?? '') ?? '', /apexMethod\("LeadGateDashboardController\.getFunnel"\)/);
        assert.equal(await resolve('@salesforce/apex'), join(PLATFORM_DIR, 'apex.ts'));
        await fails('@salesforce/apex/LeadGateDashboardController.getSecret', /not an @AuraEnabled method/);
        await fails('@salesforce/apex/Missing.run', /no Apex class Missing/);
    });
    it('checks custom permissions and static resources; user, form factor and i18n come from the page', async () => {
        assert.match(
            load((await resolve('@salesforce/customPermission/LeadGate_Bypass_Validation')) ?? '') ?? '',
            /hasCustomPermission\("LeadGate_Bypass_Validation"\)/
        );
        await fails('@salesforce/customPermission/Nope', /custom permission Nope is not defined/);
        assert.equal(load((await resolve('@salesforce/resourceUrl/chartjs')) ?? ''), 'export default "/preview/resources/chartjs";');
        await fails('@salesforce/resourceUrl/missing', /no static resource missing/);
        assert.match(load((await resolve('@salesforce/user/Id')) ?? '') ?? '', /pageContext\(\)\.user\.id/);
        assert.ok(await resolve('@salesforce/client/formFactor'));
        assert.match(load((await resolve('@salesforce/i18n/locale')) ?? '') ?? '', /userLanguageTag\("locale"\)/);
        assert.equal(load((await resolve('@salesforce/i18n/timeZone')) ?? ''), 'export default "UTC";');
        await fails('@salesforce/userPermission/ViewSetup', /has no local implementation in the preview/);
        await fails('@salesforce/contentAssetUrl/logo', /has no local implementation/);
    });
    it('lets the base components resolve their own scoped imports', async () => {
        assert.equal(
            await resolve('@salesforce/label/LightningCombobox.placeholder', join(LBC, 'src/lightning/combobox/combobox.js')),
            null
        );
    });
});

it('finds the @AuraEnabled methods of an Apex class, ignoring comments', () => {
    const source = `public with sharing class C {
        // @AuraEnabled public static void commented() {}
        /* @AuraEnabled public static void blockCommented() {} */
        @AuraEnabled(cacheable=true)
        public static List<Map<String, Object>> getFunnel(Date windowStart) { return null; }
        @AuraEnabled
        global static String save(Id leadId) { return null; }
        public static void notExposed() {}
    }`;
    assert.deepEqual([...auraEnabledMethods(source)].sort(), ['getFunnel', 'save']);
});
