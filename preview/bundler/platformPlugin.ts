/**
 * Rollup plugin: resolves every platform module a component imports to the preview's local
 * implementation, and fails the build, naming the importer, when there is none.
 *
 * - `lightning/<module>` -> preview/platform/<module>.ts when the preview implements it, else the open-source
 *   base components; anything else is a build error (the platform would provide it, the preview cannot).
 * - `@salesforce/label/c.X`, `schema/*`, `apex/*`, `customPermission/*`, `resourceUrl/*`, `user/*`,
 *   `client/formFactor`, `i18n/*` -> virtual modules generated from the project's metadata.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin, PluginContext } from 'rollup';
import type { ProjectMetadata } from './projectMetadata.ts';

export const PLATFORM_DIR = join(import.meta.dirname, '..', 'platform');

/** lightning/* modules the preview implements itself (file name = module name, in preview/platform). */
export const LIGHTNING_MODULES = [
    'uiRecordApi',
    'uiObjectInfoApi',
    'uiListApi',
    'uiRelatedListApi',
    'platformShowToastEvent',
    'navigation',
    'platformResourceLoader',
    'refresh'
] as const;

const VIRTUAL = '\0leadgate-platform:';

/** Values of `@salesforce/i18n/*` for the preview's single locale. */
const I18N: Record<string, string> = {
    lang: 'en-US',
    locale: 'en-US',
    currency: 'USD',
    timeZone: 'UTC',
    dir: 'ltr',
    firstDayOfWeek: '1',
    'common.calendarData': '{}',
    'number.decimalSeparator': '.',
    'number.groupingSeparator': ','
};

const SALESFORCE = '@salesforce/';

export function platformPlugin(meta: ProjectMetadata, lbcDir: string): Plugin {
    const shortPath = (id: string | undefined) => (id ? relative(meta.root, id.replace(/\?.*$/, '')) : 'the entry');
    const fail = (ctx: PluginContext, importer: string | undefined, message: string): never =>
        ctx.error(`${message}\n    imported by ${shortPath(importer)}`);
    const fromBaseComponents = (importer: string | undefined) =>
        importer !== undefined && (importer.startsWith(lbcDir) || importer.includes('/node_modules/lightning-base-components/'));
    const ctxModule = JSON.stringify(join(PLATFORM_DIR, 'context.ts'));

    const leadFieldExists = (path: string): boolean => {
        const [first, ...rest] = path.split('.');
        if (!first) return false;
        const name = first.toLowerCase();
        if (rest.length === 0) return meta.leadFields.has(name);
        // A relationship path: Owner.Name -> OwnerId; X__r.Name -> X__c.
        const lookup = name.endsWith('__r') ? `${name.slice(0, -3)}__c` : `${name}id`;
        return meta.leadFields.has(lookup);
    };

    return {
        name: 'leadgate-platform',
        async resolveId(source, importer) {
            if (source.startsWith('lightning/')) {
                const name = source.slice('lightning/'.length);
                if ((LIGHTNING_MODULES as readonly string[]).includes(name)) return join(PLATFORM_DIR, `${name}.ts`);
                if (existsSync(join(lbcDir, 'src', 'lightning', name))) return null; // the base components resolve it
                return fail(
                    this,
                    importer,
                    `Platform module ${source} has no local implementation. Add preview/platform/${name}.ts and list it in LIGHTNING_MODULES (preview/bundler/platformPlugin.ts).`
                );
            }
            if (!source.startsWith(SALESFORCE)) return null;
            const rest = source.slice(SALESFORCE.length);
            const slash = rest.indexOf('/');
            const kind = slash === -1 ? rest : rest.slice(0, slash);
            const name = slash === -1 ? '' : rest.slice(slash + 1);
            if (fromBaseComponents(importer)) return null; // the base components carry their own scoped imports
            switch (kind) {
                case 'label': {
                    if (!name.startsWith('c.'))
                        return fail(this, importer, `${source}: only the project's own labels (c.*) exist in the preview.`);
                    if (!meta.labels.has(name.slice(2))) {
                        return fail(
                            this,
                            importer,
                            `Custom label ${name} does not exist in force-app/main/default/labels/CustomLabels.labels-meta.xml.`
                        );
                    }
                    return VIRTUAL + source;
                }
                case 'schema': {
                    const [objectApiName, ...fieldPath] = name.split('.');
                    if (!objectApiName) return fail(this, importer, `${source}: name an object, e.g. @salesforce/schema/Lead.Status.`);
                    if (objectApiName === 'Lead' && fieldPath.length && !leadFieldExists(fieldPath.join('.'))) {
                        return fail(
                            this,
                            importer,
                            `${source}: Lead has no field ${fieldPath.join('.')} (not a standard Lead field in scripts/shared/metadata/standardLeadFields.ts, nor in objects/Lead/fields).`
                        );
                    }
                    if (objectApiName.endsWith('__c') && !meta.customObjects.has(objectApiName)) {
                        return fail(
                            this,
                            importer,
                            `${source}: the custom object ${objectApiName} is not defined in force-app/main/default/objects.`
                        );
                    }
                    return VIRTUAL + source;
                }
                case 'apex': {
                    if (name === '') return join(PLATFORM_DIR, 'apex.ts');
                    const [className, method, ...extra] = name.split('.');
                    const methods = className ? meta.apexClasses.get(className) : undefined;
                    if (!className || !method || extra.length)
                        return fail(this, importer, `${source}: expected @salesforce/apex/Class.method.`);
                    if (!methods)
                        return fail(this, importer, `${source}: there is no Apex class ${className} in force-app/main/default/classes.`);
                    if (!methods.has(method)) {
                        return fail(this, importer, `${source}: ${className}.${method} is not an @AuraEnabled method of ${className}.cls.`);
                    }
                    return VIRTUAL + source;
                }
                case 'customPermission':
                    if (!meta.customPermissions.has(name)) {
                        return fail(
                            this,
                            importer,
                            `${source}: the custom permission ${name} is not defined in force-app/main/default/customPermissions.`
                        );
                    }
                    return VIRTUAL + source;
                case 'resourceUrl':
                    if (!meta.staticResources.has(name)) {
                        return fail(
                            this,
                            importer,
                            `${source}: there is no static resource ${name} in force-app/main/default/staticresources.`
                        );
                    }
                    return VIRTUAL + source;
                case 'user':
                    if (name === 'Id' || name === 'isGuest') return VIRTUAL + source;
                    break;
                case 'client':
                    if (name === 'formFactor') return VIRTUAL + source;
                    break;
                case 'i18n':
                    if (name in I18N) return VIRTUAL + source;
                    break;
                default:
                    break;
            }
            return fail(
                this,
                importer,
                `Platform module ${source} has no local implementation in the preview (preview/bundler/platformPlugin.ts).`
            );
        },
        load(id) {
            if (!id.startsWith(VIRTUAL)) return null;
            const source = id.slice(VIRTUAL.length);
            const rest = source.slice(SALESFORCE.length);
            const slash = rest.indexOf('/');
            const kind = rest.slice(0, slash);
            const name = rest.slice(slash + 1);
            switch (kind) {
                case 'label':
                    return `export default ${JSON.stringify(meta.labels.get(name.slice(2)) ?? '')};`;
                case 'schema': {
                    const [objectApiName, ...fieldPath] = name.split('.');
                    const value = fieldPath.length ? { objectApiName, fieldApiName: fieldPath.join('.') } : { objectApiName };
                    return `export default ${JSON.stringify(value)};`;
                }
                case 'apex':
                    return `import { apexMethod } from ${JSON.stringify(join(PLATFORM_DIR, 'apex.ts'))};\nexport default apexMethod(${JSON.stringify(name)});`;
                case 'customPermission':
                    return `import { hasCustomPermission } from ${ctxModule};\nexport default hasCustomPermission(${JSON.stringify(name)});`;
                case 'resourceUrl':
                    return `export default ${JSON.stringify(`/preview/resources/${encodeURIComponent(name)}`)};`;
                case 'user':
                    return name === 'Id'
                        ? `import { pageContext } from ${ctxModule};\nexport default pageContext().user.id;`
                        : 'export default false;';
                case 'client':
                    return `import { pageContext } from ${ctxModule};\nexport default pageContext().formFactor;`;
                case 'i18n':
                    return `export default ${JSON.stringify(I18N[name])};`;
                default:
                    return null;
            }
        }
    };
}
