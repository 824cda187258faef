import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EVIDENCE_REVIEW_FIELDS, EVIDENCE_REVIEW_OBJECT, REVIEW_OUTCOMES } from 'c/sqlDefinition';
import { evaluateFormula } from '../../interpreters/formula/harness.ts';
import { loadLeadMetadata } from '../../interpreters/formula/metadata.ts';
import { evidenceReviewRules, reviewProblem, type ReviewRule } from './evidenceReview.ts';

const meta = loadLeadMetadata(undefined, join('force-app', 'main', 'default', 'objects', EVIDENCE_REVIEW_OBJECT));
const F = EVIDENCE_REVIEW_FIELDS;
const cases = [null, REVIEW_OUTCOMES.holds, REVIEW_OUTCOMES.coach].flatMap((outcome) =>
    [null, '', 'Ask who signs off before calling it Confirmed.'].map((comment) => ({ [F.outcome]: outcome, [F.comment]: comment }))
);
const ctx = { now: new Date('2026-12-05T00:00:00Z'), isNew: true, prior: null, permissions: new Set<string>() };

/** Rules whose preview check disagrees with the deployed formula (run by the formula harness) on some case. */
function disagreements(rules: readonly ReviewRule[]): string[] {
    return rules.flatMap((rule) => {
        const deployed = meta.validationRules.find((r) => r.name === rule.name);
        assert.ok(deployed, `${rule.name} is deployed (npm run generate)`);
        return cases
            .filter((c) => evaluateFormula(deployed.formula, c, ctx, meta) !== rule.fails(c))
            .map((c) => `${rule.name} ${JSON.stringify(c)}`);
    });
}

describe('the evidence review rules', () => {
    it('the deployed formulas (formula harness) and the preview’s checks agree on every outcome and comment', () => {
        assert.deepEqual(meta.problems, []);
        assert.deepEqual(
            meta.validationRules.map((r) => r.name).sort(),
            evidenceReviewRules()
                .map((r) => r.name)
                .sort()
        );
        assert.deepEqual(disagreements(evidenceReviewRules()), []);
    });

    it('a preview check that lets a Coach review through without a comment is caught (planted)', () => {
        const planted = evidenceReviewRules().map((r) => (r.name === 'LeadGate_Coach_Needs_Comment' ? { ...r, fails: () => false } : r));
        assert.ok(disagreements(planted).length > 0);
    });

    it('reviewProblem names the field and says what to do', () => {
        assert.equal(reviewProblem({ [F.outcome]: REVIEW_OUTCOMES.holds, [F.comment]: null }), null);
        assert.deepEqual(reviewProblem({ [F.outcome]: REVIEW_OUTCOMES.coach, [F.comment]: '' })?.field, F.comment);
        assert.match(reviewProblem({ [F.outcome]: null })?.message ?? '', /Choose an outcome/);
    });
});
