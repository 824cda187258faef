/**
 * Components the preview cannot host (NOT_HOSTED) are left out of the bundle, and the Lead FlexiPage the preview reads
 * must not place them: the page would ask for a component the bundle does not have.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NOT_HOSTED } from './bundle.ts';
import { loadRecordPage, parseRecordPage } from '../server/flexipage.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PAGE = join(ROOT, 'force-app/main/default/flexipages/LeadGate_Lead_Record_Page.flexipage-meta.xml');

const placed = (plan: ReturnType<typeof loadRecordPage>): string[] =>
    (plan?.regions ?? []).flatMap((r) => r.components.map((c) => c.specifier));

/** The components of `notHosted` a page places. */
const offending = (specifiers: string[], notHosted: Readonly<Record<string, string>>): string[] =>
    Object.keys(notHosted).filter((name) => specifiers.includes(`c/${name}`));

describe('components the preview does not host', () => {
    it('are real bundles', () => {
        for (const name of Object.keys(NOT_HOSTED))
            assert.ok(existsSync(join(ROOT, 'force-app/main/default/lwc', name, `${name}.ts`)), name);
    });

    it('are not on the Lead record page the preview shows', () => {
        const specifiers = placed(loadRecordPage(ROOT));
        assert.ok(specifiers.includes('c/qualificationPanel'), 'the page is read');
        assert.deepEqual(offending(specifiers, NOT_HOSTED), []);
    });

    it('the buying committee card is hosted and on the Lead page (issue 19)', () => {
        assert.ok(!('leadBuyingCommittee' in NOT_HOSTED));
        assert.ok(placed(loadRecordPage(ROOT)).includes('c/leadBuyingCommittee'));
    });

    it('a page that places one is caught (planted)', () => {
        const planted = readFileSync(PAGE, 'utf8').replace(
            '<componentName>c:qualificationPanel</componentName>',
            '<componentName>c:plantedCard</componentName>'
        );
        const specifiers = placed(parseRecordPage(planted, PAGE));
        assert.deepEqual(offending(specifiers, { ...NOT_HOSTED, plantedCard: 'planted: the preview lacks what it needs' }), [
            'plantedCard'
        ]);
    });
});
