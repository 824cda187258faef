/**
 * npm run org:uninstall -- --target-org <alias> [--dry-run] [--production]
 *                          [--remove-fields --confirm-data-loss <alias>] [--wait <minutes>]
 *
 * Takes LeadGate out of an org WITHOUT touching lead data (see uninstallManifest.ts for what each step lists):
 *   1. removes the LeadGate permission set assignments (a permission set that is assigned cannot be deleted);
 *   2. deactivates the validation rules and the flow (deploys them switched off);
 *   3. deletes classes, components, pages and permission sets (destructiveChangesPost.xml).
 * Only with --remove-fields AND --confirm-data-loss naming the same org:
 *   4. deletes the LeadGate Lead fields (their DATA goes with them), rules, flows, the bypass permission,
 *      labels and the snapshot object.
 * The manifests are written to build/uninstall/ first, so they can be read before anything runs (--dry-run).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { componentsByType, SOURCE_DIR } from './project';
import { commandLine, interpretOrgDisplay, processRunner, sf, SF_ENV, type Command, type Runner } from './sf';
import { buildUninstall, type MetadataPackage, type UninstallArtifacts } from './uninstallManifest';

export const REPO_ROOT = join(dirname(__filename), '..', '..', '..');
export const OUT_DIR = 'build/uninstall';

export const UNINSTALL_USAGE = `Usage: npm run org:uninstall -- --target-org <alias> [--dry-run] [--production]
                                [--remove-fields --confirm-data-loss <alias>] [--wait <minutes>]`;

export interface UninstallOptions {
    targetOrg?: string;
    dryRun: boolean;
    production: boolean;
    removeFields: boolean;
    confirmDataLoss?: string;
    waitMinutes: number;
}

export function parseUninstallArgs(argv: string[]): { options: UninstallOptions } | { error: string } | { help: true } {
    const options: UninstallOptions = { dryRun: false, production: false, removeFields: false, waitMinutes: 60 };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]!;
        if (a === '--help' || a === '-h') return { help: true };
        if (a === '--dry-run') options.dryRun = true;
        else if (a === '--production') options.production = true;
        else if (a === '--remove-fields') options.removeFields = true;
        else if (a === '--target-org' || a === '-o' || a === '--confirm-data-loss' || a === '--wait') {
            const v = argv[++i];
            if (!v || v.startsWith('--')) return { error: `${a} needs a value.\n${UNINSTALL_USAGE}` };
            if (a === '--confirm-data-loss') options.confirmDataLoss = v;
            else if (a === '--wait') options.waitMinutes = Number(v);
            else options.targetOrg = v;
        } else return { error: `Unknown option "${a}".\n${UNINSTALL_USAGE}` };
    }
    if (!Number.isInteger(options.waitMinutes) || options.waitMinutes < 1) return { error: '--wait takes whole minutes' };
    if (!options.targetOrg && !options.dryRun) return { error: `Name the org: --target-org <alias>\n${UNINSTALL_USAGE}` };
    if (options.removeFields && options.confirmDataLoss !== options.targetOrg) {
        return {
            error: `--remove-fields deletes the LeadGate Lead fields AND THEIR DATA. To confirm, repeat the org alias: --remove-fields --confirm-data-loss ${options.targetOrg ?? '<alias>'}`
        };
    }
    return { options };
}

/** Reads what the uninstall manifests need from the project: components, rule files, label names, API version. */
export function readUninstallInput(root: string, removeFields: boolean) {
    const components = componentsByType(root);
    const ruleDir = (object: string) => join(root, SOURCE_DIR, 'main', 'default', 'objects', object, 'validationRules');
    const validationRules = (components.ValidationRule ?? []).map((fullName) => {
        const [object, rule] = fullName.split('.') as [string, string];
        return { fullName, xml: readFileSync(join(ruleDir(object), `${rule}.validationRule-meta.xml`), 'utf8') };
    });
    let customLabels: string[] = [];
    try {
        const labels = readFileSync(join(root, SOURCE_DIR, 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml'), 'utf8');
        customLabels = [...labels.matchAll(/<labels>\s*<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1]!);
    } catch {
        customLabels = [];
    }
    const apiVersion = (JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as { sourceApiVersion: string }).sourceApiVersion;
    return { components, validationRules, customLabels, apiVersion, removeFields };
}

function writePackage(dir: string, pkg: MetadataPackage): void {
    rmSync(dir, { recursive: true, force: true });
    for (const [rel, content] of Object.entries(pkg.files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), content);
    }
}

export interface UninstallStep {
    kind: 'check-login' | 'list-assignments' | 'remove-assignments' | 'deactivate' | 'remove' | 'fields';
    title: string;
    command: Command;
}

/** The commands, in order, for these options (paths relative to the project root). */
export function planUninstall(options: UninstallOptions, artifacts: UninstallArtifacts, permissionSets: string[]): UninstallStep[] {
    const org = options.targetOrg ?? '<alias>';
    const wait = ['--wait', String(options.waitMinutes)];
    const tests = options.production ? ['--test-level', 'RunLocalTests'] : [];
    const steps: UninstallStep[] = [
        { kind: 'check-login', title: `Check the login for ${org}`, command: sf('org', 'display', '--target-org', org, '--json') }
    ];
    if (permissionSets.length) {
        const names = permissionSets.map((p) => `'${p}'`).join(', ');
        steps.push({
            kind: 'list-assignments',
            title: 'List the LeadGate permission set assignments',
            command: sf(
                'data',
                'query',
                '--query',
                `SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.Name IN (${names})`,
                '--result-format',
                'csv',
                '--output-file',
                `${OUT_DIR}/assignments.csv`,
                '--target-org',
                org
            )
        });
        steps.push({
            kind: 'remove-assignments',
            title: 'Remove those assignments (only when there are any)',
            command: sf(
                'data',
                'delete',
                'bulk',
                '--sobject',
                'PermissionSetAssignment',
                '--file',
                `${OUT_DIR}/assignments.csv`,
                ...wait,
                '--target-org',
                org
            )
        });
    }
    steps.push({
        kind: 'deactivate',
        title: 'Switch off the validation rules and the flow',
        command: sf('project', 'deploy', 'start', '--metadata-dir', `${OUT_DIR}/deactivate`, '--target-org', org, ...wait)
    });
    if (Object.keys(artifacts.remove.members).length) {
        steps.push({
            kind: 'remove',
            title: 'Delete the classes, components, pages and permission sets (no lead data)',
            command: sf(
                'project',
                'deploy',
                'start',
                '--manifest',
                `${OUT_DIR}/remove/package.xml`,
                '--post-destructive-changes',
                `${OUT_DIR}/remove/destructiveChangesPost.xml`,
                '--target-org',
                org,
                ...tests,
                ...wait
            )
        });
    }
    if (artifacts.fields) {
        steps.push({
            kind: 'fields',
            title: 'DELETE the LeadGate fields and their data, rules, flows, bypass permission, labels and snapshot object',
            command: sf(
                'project',
                'deploy',
                'start',
                '--manifest',
                `${OUT_DIR}/fields/package.xml`,
                '--post-destructive-changes',
                `${OUT_DIR}/fields/destructiveChangesPost.xml`,
                '--target-org',
                org,
                ...tests,
                ...wait
            )
        });
    }
    return steps;
}

export const BEFORE_UNINSTALL = [
    'Abort the scheduled LeadGate funnel snapshot, if you scheduled it (Setup > Scheduled Jobs): a scheduled class cannot be deleted.',
    'Remove the LeadGate Lead record page activation (Lightning App Builder > the page > Activation): an assigned page cannot be deleted.',
    'Lead records, their Status values and every LeadGate field value stay. Only --remove-fields deletes fields, and with them their data.'
];

export function main(argv: string[], deps: { root: string; runner: Runner; log: (l: string) => void }): number {
    const { log, runner, root } = deps;
    const parsed = parseUninstallArgs(argv);
    if ('help' in parsed) {
        log(UNINSTALL_USAGE);
        return 0;
    }
    if ('error' in parsed) {
        log(parsed.error);
        return 2;
    }
    const options = parsed.options;
    let artifacts: UninstallArtifacts;
    let permissionSets: string[];
    try {
        const input = readUninstallInput(root, options.removeFields);
        artifacts = buildUninstall(input);
        permissionSets = (input.components.PermissionSet ?? []).filter((p) => p.startsWith('LeadGate_'));
    } catch (e) {
        log(`Stopped: the project cannot be read: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
    }
    writePackage(join(root, OUT_DIR, 'deactivate'), artifacts.deactivate);
    writePackage(join(root, OUT_DIR, 'remove'), artifacts.remove);
    if (artifacts.fields) writePackage(join(root, OUT_DIR, 'fields'), artifacts.fields);
    else rmSync(join(root, OUT_DIR, 'fields'), { recursive: true, force: true });

    const steps = planUninstall(options, artifacts, permissionSets);
    const count = (m: Record<string, string[]>) =>
        Object.entries(m)
            .map(([t, n]) => `${t} ${n.length}`)
            .join(', ');
    log(`LeadGate uninstall plan for ${options.targetOrg ?? '<alias>'}${options.dryRun ? ' - DRY RUN: nothing is sent to any org' : ''}`);
    log(`  manifests written to ${OUT_DIR}/ (read them before you run this)`);
    log(`  switched off: ${count(artifacts.deactivate.members)}`);
    log(`  deleted:      ${count(artifacts.remove.members) || 'nothing'}`);
    log(
        `  fields step:  ${artifacts.fields ? `DELETES ${count(artifacts.fields.members)}` : 'not requested (fields and their data stay)'}`
    );
    log(`  kept:         ${count(artifacts.kept) || 'nothing'}`);
    log('Before you run it:');
    for (const b of BEFORE_UNINSTALL) log(`  - ${b}`);
    log(
        `Commands, in order (every sf call runs with ${Object.entries(SF_ENV)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}):`
    );
    steps.forEach((s, i) => log(`  ${i + 1}. ${s.title}\n       ${commandLine(s.command)}`));
    if (options.dryRun) return 0;

    for (const step of steps) {
        if (step.kind === 'remove-assignments') {
            let rows = 0;
            try {
                rows =
                    readFileSync(join(root, OUT_DIR, 'assignments.csv'), 'utf8')
                        .trim()
                        .split('\n').length - 1;
            } catch {
                rows = 0;
            }
            if (rows <= 0) {
                log('  no LeadGate permission set assignments to remove');
                continue;
            }
        }
        log(`\n> ${step.title}\n  ${commandLine(step.command)}`);
        const r = runner(step.command, { capture: step.kind === 'check-login' });
        if (step.kind === 'check-login') {
            const answer = interpretOrgDisplay(options.targetOrg!, r);
            if ('problem' in answer) {
                log(`\nStopped: ${answer.problem}`);
                return 1;
            }
            continue;
        }
        if (r.status !== 0) {
            log(
                `\nStopped: "${step.title}" failed (exit ${r.status}). The steps before it are done; fix the cause and run again (every step is safe to repeat).`
            );
            return 1;
        }
    }
    log('\nLeadGate is uninstalled from the org (lead data untouched).');
    return 0;
}

if (require.main === module) {
    process.exit(main(process.argv.slice(2), { root: REPO_ROOT, runner: processRunner(REPO_ROOT), log: (l) => console.log(l) }));
}
