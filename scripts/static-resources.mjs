// Static resources copied from npm packages or from the project's data/, so each has one source and the org never
// holds a second, hand-edited copy.
//   node scripts/static-resources.mjs          copy each source into force-app/main/default/staticresources
//   node scripts/static-resources.mjs --check  fail (exit 1) when a committed copy differs from its source
//
// chartjs: Chart.js (MIT licence; the file keeps its licence banner), the UMD build the coaching dashboard
// loads with lightning/platformResourceLoader. The copy is committed so a deploy needs no network or build step.
// LeadGateSignalCases: data/signal-cases.json, the signal case table LeadSignalCases_Tests plays in the org.
// (LeadGateQualificationCases, the case table resolved against the definition's bar, is written by npm run generate.)
// LeadGateConversionCases: data/conversion-cases.json, the committee conversion table LeadCommitteeConversionCases_Tests replays.
// LeadGateCommitteeCountCases: data/committee-count-cases.json, the committee count table LeadCommitteeCounts_Tests replays.
// LeadGateDefinitionRevisions: data/definition-revisions.json, the revisions the dashboard's funnel trend marks.
// LeadGateDashboardCases: data/dashboard-cases.json, the dashboard's live/snapshot/refusal table LeadGateDashboardCases_Tests replays.
// LeadGateSnapshotCases: data/snapshot-cases.json, the nightly snapshot's slices/marker/purge table LeadFunnelSnapshotCases_Tests replays.
// LeadGateDrillCases: data/drill-cases.json, the drill-down lead list's checks and query choice LeadGateDrillDownCases_Tests replays.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const RESOURCES = [
    {
        name: 'chartjs',
        packageName: 'chart.js',
        file: 'dist/chart.umd.min.js',
        // The file's extension follows its content type (application/javascript), as a retrieve writes it.
        extension: 'js',
        licence: 'MIT'
    },
    { name: 'LeadGateSignalCases', dataFile: 'data/signal-cases.json', extension: 'json' },
    { name: 'LeadGateConversionCases', dataFile: 'data/conversion-cases.json', extension: 'json' },
    { name: 'LeadGateCommitteeCountCases', dataFile: 'data/committee-count-cases.json', extension: 'json' },
    { name: 'LeadGateDefinitionRevisions', dataFile: 'data/definition-revisions.json', extension: 'json' },
    { name: 'LeadGateDashboardCases', dataFile: 'data/dashboard-cases.json', extension: 'json' },
    { name: 'LeadGateSnapshotCases', dataFile: 'data/snapshot-cases.json', extension: 'json' },
    { name: 'LeadGateDrillCases', dataFile: 'data/drill-cases.json', extension: 'json' }
];

export function sourceOf(resource) {
    if (resource.dataFile) return { path: join(root, resource.dataFile), version: 'the project' };
    // Read from node_modules directly: chart.js's package exports do not expose package.json or dist files.
    const packageDir = join(root, 'node_modules', resource.packageName);
    const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
    return { path: join(packageDir, resource.file), version };
}

export function targetOf(resource) {
    return join(root, 'force-app/main/default/staticresources', `${resource.name}.${resource.extension}`);
}

function main() {
    const check = process.argv.includes('--check');
    let stale = 0;
    for (const resource of RESOURCES) {
        const source = sourceOf(resource);
        const target = targetOf(resource);
        const wanted = readFileSync(source.path);
        const same = existsSync(target) && Buffer.compare(readFileSync(target), wanted) === 0;
        if (same) continue;
        if (check) {
            stale++;
            console.error(
                `${relative(root, target)} differs from ${resource.dataFile ?? `${resource.packageName}@${source.version} ${resource.file}`}. Fix: node scripts/static-resources.mjs`
            );
        } else {
            writeFileSync(target, wanted);
            console.log(
                `wrote ${relative(root, target)} from ${resource.dataFile ?? `${resource.packageName}@${source.version} (${resource.licence})`}`
            );
        }
    }
    process.exit(stale ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
