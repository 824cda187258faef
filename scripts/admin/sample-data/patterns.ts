/**
 * Checks that the sample history holds the patterns issue 18 plants, read from the data as a consumer reads it
 * (loadSampleData): five quarters, the sample revision in the middle with its effect, the gaming rep's pumped fit
 * facts, and the review backlog. Each returns the problems it finds (empty when the pattern holds), so the tests
 * run them on the committed data and on copies with a planted fault.
 */
import { EVIDENCE_REVIEW_FIELDS, FIELDS, REVIEW_OUTCOMES, SQL_DEFINITION } from 'c/sqlDefinition';
import { fitEditValue, fitEditedBeforeSql, readFitEdits, scoreLead } from 'c/leadScoring';
import { fitFactLabel } from '../generate/flow';
import { LUIS, MANAGER, REVIEW_HABIT, SAMPLE_REVISION } from './cast';
import type { SampleData, SampleLead } from './load';

const DAY = 86_400_000;
const ms = (value: unknown): number => Date.parse(String(value));

const historyOf = (data: SampleData): SampleLead[] => data.leads.filter((l) => !data.showcase.some((s) => s.referenceId === l.referenceId));

/** Five quarters (at least 456 days) of leads ending at the anchor, with fewer leads a week in the older months. */
export function historySpanProblems(data: SampleData): string[] {
    const created = historyOf(data).map((l) => ms(l.fields.CreatedDate));
    const anchor = ms(data.anchor);
    const days = (anchor - Math.min(...created)) / DAY;
    const problems: string[] = [];
    if (days < 456) problems.push(`the history spans ${days.toFixed(0)} days, not five quarters (456)`);
    const perWeek = (from: number, to: number): number =>
        created.filter((t) => t >= anchor - from * DAY && t < anchor - to * DAY).length / ((from - to) / 7);
    const older = perWeek(450, 190);
    const recent = perWeek(182, 0);
    if (!(older < recent))
        problems.push(`older months have ${older.toFixed(1)} leads a week, recent ${recent.toFixed(1)}: older should be fewer`);
    return problems;
}

const rate = (n: number, d: number): number => (d ? n / d : 0);

/** The MQL cohorts' chain on each side of `at`: MQL -> SQL and SQL -> Opportunity. */
export function cohortRates(leads: readonly SampleLead[], from: number, to: number) {
    const mqls = leads.filter(
        (l) => l.fields[FIELDS.mqlAt] !== undefined && ms(l.fields[FIELDS.mqlAt]) >= from && ms(l.fields[FIELDS.mqlAt]) < to
    );
    const sqls = mqls.filter((l) => l.fields[FIELDS.sqlAt] !== undefined);
    return {
        mqls: mqls.length,
        mqlToSql: rate(sqls.length, mqls.length),
        sqlToOpportunity: rate(sqls.filter((l) => l.opportunity).length, sqls.length)
    };
}

/**
 * One sample revision, in the middle third of the history; each SQL stamped with the version it was qualified under;
 * SQLs before it read under the earlier, lower bar; MQL -> SQL lower after it and SQL -> Opportunity higher.
 */
export function sampleRevisionProblems(data: SampleData): string[] {
    const problems: string[] = [];
    if (data.revisions.length !== 1) return [`preview-extras.json holds ${data.revisions.length} sample revisions, not 1`];
    const revision = data.revisions[0]!;
    if (!/^Sample history/.test(revision.reason) || !/^Sample history/.test(revision.summary))
        problems.push('the sample revision does not say it is sample history');
    const anchor = ms(data.anchor);
    const history = historyOf(data);
    const start = Math.min(...history.map((l) => ms(l.fields.CreatedDate)));
    const at = ms(revision.at);
    const share = (at - start) / (anchor - start);
    if (share < 1 / 3 || share > 2 / 3)
        problems.push(`the sample revision sits at ${(share * 100).toFixed(0)}% of the history, not in its middle third`);
    for (const lead of history.filter((l) => l.fields[FIELDS.sqlAt] !== undefined)) {
        const sqlAt = ms(lead.fields[FIELDS.sqlAt]);
        const expected = sqlAt < at ? SAMPLE_REVISION.earlier.version : revision.version;
        if (lead.fields[FIELDS.definitionVersion] !== expected)
            problems.push(
                `${lead.referenceId}: qualified ${sqlAt < at ? 'before' : 'after'} the revision but stamped ${String(lead.fields[FIELDS.definitionVersion])}`
            );
    }
    const before = cohortRates(history, start, at);
    const after = cohortRates(history, at, anchor - 60 * DAY);
    if (before.mqls < 100 || after.mqls < 100)
        problems.push(`too few MQLs to read the revision: ${before.mqls} before, ${after.mqls} after`);
    if (!(before.mqlToSql - after.mqlToSql >= 0.05))
        problems.push(`MQL -> SQL does not drop after the revision: ${before.mqlToSql.toFixed(2)} -> ${after.mqlToSql.toFixed(2)}`);
    if (!(after.sqlToOpportunity > before.sqlToOpportunity))
        problems.push(
            `SQL -> Opportunity does not rise after the revision: ${before.sqlToOpportunity.toFixed(2)} -> ${after.sqlToOpportunity.toFixed(2)}`
        );
    const underTodaysBar = history.filter(
        (l) =>
            l.fields[FIELDS.sqlAt] !== undefined &&
            ms(l.fields[FIELDS.sqlAt]) < at &&
            Number(l.fields[FIELDS.fitAtSql]) < SQL_DEFINITION.bar.minFit
    );
    if (underTodaysBar.length < 20) problems.push(`only ${underTodaysBar.length} SQLs before the revision are under today's fit bar`);
    return problems;
}

/**
 * The gaming rep: several of their SQLs carry Fit_Edited_By_Owner_At__c within the definition's window before SQL (so
 * the review flags them), with the edit recorded (the values before it differ, the values after are the lead's, and
 * with the values before it the lead was under the bar when qualified). Nobody else's SQLs are flagged.
 */
export function gamingRepProblems(data: SampleData): string[] {
    const problems: string[] = [];
    const flagged = historyOf(data).filter((l) => fitEditedBeforeSql(l.fields) !== null);
    const theirs = flagged.filter((l) => l.fields.OwnerId === LUIS.id);
    if (theirs.length < 10) problems.push(`${LUIS.name} has ${theirs.length} flagged SQLs, fewer than 10`);
    for (const lead of flagged.filter((l) => l.fields.OwnerId !== LUIS.id))
        problems.push(`${lead.referenceId}: flagged, but not ${LUIS.name}'s`);
    for (const lead of theirs) {
        const edit = lead.fitEdit;
        if (!edit || edit.at !== lead.fields[FIELDS.fitEditedByOwnerAt]) {
            problems.push(`${lead.referenceId}: the fit edit is not recorded with its instant`);
            continue;
        }
        const logged = readFitEdits(String(lead.fields[FIELDS.fitEditsBeforeSql] ?? '')).rows;
        const expected = [...edit.changes]
            .reverse()
            .map((c) => ({ label: fitFactLabel(c.field), before: fitEditValue(c.before), after: fitEditValue(c.after) }));
        if (JSON.stringify(logged) !== JSON.stringify(expected))
            problems.push(`${lead.referenceId}: ${FIELDS.fitEditsBeforeSql} does not log the edit as the flow would`);
        const real = { ...lead.fields };
        for (const change of edit.changes) {
            if (change.before === change.after || lead.fields[change.field] !== change.after)
                problems.push(`${lead.referenceId}.${change.field}: the recorded edit does not end in the lead's value`);
            real[change.field] = change.before;
        }
        if (scoreLead(real, String(lead.fields[FIELDS.sqlAt])).meetsBar)
            problems.push(`${lead.referenceId}: met the bar without the edit, so the edit gamed nothing`);
    }
    return problems;
}

/**
 * The review backlog: reviews of SQLs by the manager, owned by the lead's owner, after the SQL and before the anchor;
 * most SQLs (since the revision) older than the backlog reviewed, most of the last two weeks not; mostly Evidence
 * Holds; every Coach with a comment, and every reviewed pumped-fit SQL coached.
 */
export function reviewBacklogProblems(data: SampleData): string[] {
    const problems: string[] = [];
    const F = EVIDENCE_REVIEW_FIELDS;
    const byId = new Map(data.leads.map((l) => [l.id, l]));
    const reviewed = new Set<string>();
    const anchor = ms(data.anchor);
    for (const review of data.reviews) {
        const lead = byId.get(String(review.fields[F.lead]));
        const where = review.referenceId;
        if (!lead || lead.fields[FIELDS.sqlAt] === undefined) {
            problems.push(`${where}: reviews no SQL`);
            continue;
        }
        reviewed.add(lead.id);
        if (review.fields.OwnerId !== lead.fields.OwnerId) problems.push(`${where}: not owned by the lead's owner`);
        if (review.fields.CreatedById !== MANAGER.id) problems.push(`${where}: not created by ${MANAGER.name}`);
        const created = ms(review.fields.CreatedDate);
        if (!(created > ms(lead.fields[FIELDS.sqlAt]) && created <= anchor)) problems.push(`${where}: not between the SQL and the anchor`);
        if (review.fields[F.definitionVersion] !== lead.fields[FIELDS.definitionVersion]) problems.push(`${where}: not the lead's version`);
        const outcome = review.fields[F.outcome];
        if (outcome === REVIEW_OUTCOMES.coach && !String(review.fields[F.comment] ?? '').trim())
            problems.push(`${where}: Coach without a comment`);
        if (lead.fitEdit && outcome !== REVIEW_OUTCOMES.coach) problems.push(`${where}: a pumped fit not coached`);
    }
    const revisionAt = ms(data.revisions[0]?.at ?? data.anchor);
    const sqls = historyOf(data).filter((l) => l.fields[FIELDS.sqlAt] !== undefined && ms(l.fields[FIELDS.sqlAt]) >= revisionAt);
    const share = (leads: SampleLead[]): number => rate(leads.filter((l) => reviewed.has(l.id)).length, leads.length);
    const backlogStart = anchor - REVIEW_HABIT.backlogDays * DAY;
    const older = sqls.filter((l) => ms(l.fields[FIELDS.sqlAt]) < anchor - 28 * DAY);
    const lastTwoWeeks = sqls.filter((l) => ms(l.fields[FIELDS.sqlAt]) >= anchor - 14 * DAY);
    if (share(older) < 0.8) problems.push(`only ${(share(older) * 100).toFixed(0)}% of the older SQLs are reviewed`);
    if (lastTwoWeeks.length < 10 || share(lastTwoWeeks) > 0.3)
        problems.push(
            `the last two weeks are no backlog: ${(share(lastTwoWeeks) * 100).toFixed(0)}% of ${lastTwoWeeks.length} SQLs reviewed`
        );
    if (sqls.some((l) => ms(l.fields[FIELDS.sqlAt]) >= backlogStart) === false) problems.push('no SQL in the backlog weeks');
    const holds = data.reviews.filter((r) => r.fields[F.outcome] === REVIEW_OUTCOMES.holds).length;
    if (holds <= data.reviews.length / 2) problems.push(`${holds} of ${data.reviews.length} reviews say Evidence Holds: not most`);
    return problems;
}
