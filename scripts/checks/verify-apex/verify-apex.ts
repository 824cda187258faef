/**
 * npm run verify:apex [-- --no-cache] [-- --root <dir>]
 * Static checks of the Apex and flows under force-app (see checks.ts for the list). Exits 1 on any error,
 * printing each as file:line:column. Warnings (PMD severity 3) are printed and do not fail.
 */
import { dirname, join, resolve } from 'node:path';
import { errorsOf, formatFindingLine, verifyApex, type CheckName } from './checks';

async function main(): Promise<number> {
    const args = process.argv.slice(2);
    const rootArg = args.indexOf('--root');
    const root = rootArg >= 0 && args[rootArg + 1] ? resolve(args[rootArg + 1]!) : join(dirname(__filename), '..', '..', '..');
    const noCache = args.includes('--no-cache');
    const report = await verifyApex(root, { pmdCacheFile: noCache ? undefined : join(root, '.cache', 'verify-apex', 'pmd.json') });

    for (const f of report.findings) console.log(formatFindingLine(f));
    const count = (check: CheckName): string => {
        const errors = report.findings.filter((f) => f.check === check && f.level === 'error').length;
        const warnings = report.findings.filter((f) => f.check === check && f.level === 'warning').length;
        return errors ? `${errors} error(s)` : warnings ? `ok, ${warnings} warning(s)` : 'ok';
    };
    const q = report.staticQueries + report.dynamicQueries;
    console.log(
        `\nverify:apex checked ${report.classes} Apex class(es), ${report.triggers} trigger(s) and ${report.scripts} anonymous script(s), ${q} SOQL quer${q === 1 ? 'y' : 'ies'} ` +
            `(${report.staticQueries} static, ${report.dynamicQueries} SOQL strings in Apex) and ${report.soqlFiles} .soql file(s), ${report.flows} flow(s)`
    );
    console.log(`  syntax (apex-parser)                ${count('syntax')}`);
    console.log(`  meta files                          ${count('meta')}`);
    console.log(`  formatting (prettier-plugin-apex)   ${count('format')}`);
    console.log(`  sharing keywords                    ${count('sharing')}`);
    console.log(`  SOQL fields vs project schema       ${count('soql')}`);
    console.log(
        `  semantics (apex-ls)                 ${report.apexLs.ran ? `${count('apex-ls')} (${report.apexLs.seconds.toFixed(1)} s)` : 'nothing to analyse'}`
    );
    console.log(
        `  PMD + regex (Code Analyzer)         ${report.pmd.ran ? count('pmd') : 'nothing to analyse'}` +
            (report.pmd.ran
                ? ` (${report.pmd.analysed} file(s) analysed, ${report.pmd.fromCache} from cache, ${report.pmd.seconds.toFixed(1)} s)`
                : '')
    );
    console.log(`  flow rules                          ${report.flows ? count('flow') : 'no flows'}`);
    console.log(
        `  Flow Scanner                        ${report.flowScanner.ran ? `${count('flow-scanner')} (${report.flowScanner.seconds.toFixed(1)} s)` : 'no flows'}`
    );
    console.log(
        '  LWC security rules                  run by `npm run lint` (@lwc/eslint-plugin-lwc, @salesforce/eslint-plugin-lightning)'
    );
    for (const u of report.uncheckedQueries) {
        console.log(
            `  note: ${u.file}:${u.line}:${u.column} ${u.method} builds its SOQL at run time: only the string constants it starts from (checked above) are checkable here; review the rest`
        );
    }
    const errors = errorsOf(report).length;
    console.log(errors ? `verify:apex FAILED: ${errors} error(s)` : 'verify:apex passed');
    return errors ? 1 : 0;
}

main().then(
    (code) => process.exit(code),
    (e: unknown) => {
        console.error(`verify:apex could not run: ${e instanceof Error ? e.stack : String(e)}`);
        process.exit(2);
    }
);
