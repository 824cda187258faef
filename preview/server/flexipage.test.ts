/** Reading the Lead record page FlexiPage into the preview's regions. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ROOT } from '../bundler/bundle.ts';
import { defaultRecordPage, loadRecordPage, parseRecordPage, planFor } from './flexipage.ts';

const page = (regions: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">${regions}
    <masterLabel>Test</masterLabel><sobjectType>Lead</sobjectType>
    <template><name>flexipage:recordHomeTemplateDesktop</name></template><type>RecordPage</type>${extra}
</FlexiPage>`;
const region = (name: string, type: string, items: string) =>
    `<flexiPageRegions>${items}<mode>Replace</mode><name>${name}</name><type>${type}</type></flexiPageRegions>`;
const item = (component: string, props: Record<string, string> = {}) =>
    `<itemInstances><componentInstance>${Object.entries(props)
        .map(([n, v]) => `<componentInstanceProperties><name>${n}</name><value>${v}</value></componentInstanceProperties>`)
        .join('')}<componentName>${component}</componentName></componentInstance></itemInstances>`;

it('places components by region, flattens tabs, maps standard components and lists what it leaves out', () => {
    const plan = parseRecordPage(
        page(
            region('header', 'Region', item('force:highlightsPanel', { collapsed: 'false' })) +
                region('detailTab', 'Facet', item('force:detailPanel')) +
                region('relatedTab', 'Facet', item('force:relatedListContainer')) +
                region('tabs', 'Facet', item('flexipage:tab', { body: 'detailTab' }) + item('flexipage:tab', { body: 'relatedTab' })) +
                region(
                    'main',
                    'Region',
                    item('c:qualificationPanel', { compact: 'true', heading: 'Qualify' }) + item('flexipage:tabset', { tabs: 'tabs' })
                ) +
                region('sidebar', 'Region', item('c:speedToLeadClock') + item('runtime_sales_activities:activityPanel'))
        ),
        'test.flexipage-meta.xml'
    );
    assert.ok(plan);
    assert.equal(plan.template, 'flexipage:recordHomeTemplateDesktop');
    assert.deepEqual(plan.regions, [
        { name: 'header', components: [{ specifier: 'shell/recordHighlights', properties: {} }] },
        {
            name: 'main',
            components: [
                { specifier: 'c/qualificationPanel', properties: { compact: true, heading: 'Qualify' } },
                { specifier: 'shell/recordDetails', properties: {} }
            ]
        },
        { name: 'sidebar', components: [{ specifier: 'c/speedToLeadClock', properties: {} }] }
    ]);
    assert.deepEqual(plan.notShown, ['force:relatedListContainer', 'runtime_sales_activities:activityPanel']);
});

it('ignores pages for other objects or of other types, and survives a facet that contains itself', () => {
    assert.equal(parseRecordPage(page('').replace('<sobjectType>Lead', '<sobjectType>Account'), 'x'), null);
    assert.equal(parseRecordPage(page('').replace('<type>RecordPage', '<type>AppPage'), 'x'), null);
    const loop = parseRecordPage(
        page(
            region('f', 'Facet', item('flexipage:tab', { body: 'f' })) + region('main', 'Region', item('flexipage:tabset', { tabs: 'f' }))
        ),
        'x'
    );
    assert.deepEqual(loop?.regions, [{ name: 'main', components: [] }]);
});

it("reads the project's Lead record page, or falls back to a Lightning Experience-like default", () => {
    const project = loadRecordPage(ROOT);
    assert.ok(project, 'force-app has a Lead record page');
    assert.ok(project.regions.some((r) => r.components.some((c) => c.specifier === 'c/qualificationPanel')));
    const fallback = defaultRecordPage(['c/qualificationPanel', 'c/speedToLeadClock']);
    assert.deepEqual(
        fallback.regions.map((r) => [r.name, r.components.map((c) => c.specifier)]),
        [
            ['header', ['shell/recordHighlights']],
            ['main', ['c/qualificationPanel', 'shell/recordDetails']],
            ['sidebar', ['c/speedToLeadClock']]
        ]
    );
});

const onFormFactor = (component: string, operator: string, value: string, left = '{!$Client.formFactor}') =>
    `<itemInstances><componentInstance><componentName>${component}</componentName><visibilityRule><criteria><leftValue>${left}</leftValue><operator>${operator}</operator><rightValue>${value}</rightValue></criteria></visibilityRule></componentInstance></itemInstances>`;

it('shows a component only on the form factors its visibility rule allows', () => {
    const plan = parseRecordPage(
        page(
            region('header', 'Region', item('force:highlightsPanel') + onFormFactor('c:speedToLeadClock', 'EQUAL', 'Small')) +
                region('sidebar', 'Region', onFormFactor('c:speedToLeadClock', 'NE', 'Small'))
        ),
        'test'
    );
    assert.ok(plan);
    const order = (formFactor: 'Large' | 'Small') =>
        planFor(plan, formFactor).regions.map((r) => [r.name, r.components.map((c) => c.specifier)]);
    assert.deepEqual(order('Small'), [
        ['header', ['shell/recordHighlights', 'c/speedToLeadClock']],
        ['sidebar', []]
    ]);
    assert.deepEqual(order('Large'), [
        ['header', ['shell/recordHighlights']],
        ['sidebar', ['c/speedToLeadClock']]
    ]);
    // A rule the preview cannot evaluate is refused, not ignored.
    assert.throws(
        () =>
            parseRecordPage(
                page(region('main', 'Region', onFormFactor('c:speedToLeadClock', 'EQUAL', 'Small', '{!Record.Status}'))),
                'test'
            ),
        /visibility rules on \{!\$Client.formFactor\} with EQUAL or NE/
    );
});

it("puts the project's speed-to-lead clock right under the highlights on a phone, beside the details elsewhere", () => {
    const project = loadRecordPage(ROOT);
    assert.ok(project);
    const where = (formFactor: 'Large' | 'Small') =>
        planFor(project, formFactor).regions.flatMap((r) => r.components.map((c) => `${r.name}:${c.specifier}`));
    const phone = where('Small');
    assert.deepEqual(phone.slice(0, 2), ['header:shell/recordHighlights', 'header:c/speedToLeadClock']);
    assert.equal(phone.filter((c) => c.endsWith('c/speedToLeadClock')).length, 1);
    assert.deepEqual(
        where('Large').filter((c) => c.endsWith('c/speedToLeadClock')),
        ['sidebar:c/speedToLeadClock']
    );
});
