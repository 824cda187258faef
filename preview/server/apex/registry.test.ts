import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApexRegistry, ApexUserError, type ApexContext } from './registry.ts';

const ctx: ApexContext = {
    user: { id: '005000000000001AAA', name: 'Sam SDR', permissionSets: ['LeadGate_SDR'], customPermissions: new Set() },
    now: new Date('2026-05-01T12:00:00Z'),
    records: () => []
};

test('a registered handler receives the params and the caller, and its result is the body', async () => {
    const registry = new ApexRegistry();
    registry.register('Demo.echo', async (params, c) => ({ got: params.x, by: c.user.name }));
    assert.deepEqual(await registry.call('Demo.echo', { x: 3 }, ctx), { status: 200, body: { got: 3, by: 'Sam SDR' } });
    assert.deepEqual(registry.names(), ['Demo.echo']);
});

test('an unknown method is a 404 that names the method and where to register it', async () => {
    const response = await new ApexRegistry().call('Nope.missing', {}, ctx);
    assert.equal(response.status, 404);
    assert.match((response.body as { message: string }).message, /Nope\.missing.*registerApex.*preview\/server\/apex/);
});

test('user errors are 400 with the exception type; unexpected errors are 500; params must be an object', async () => {
    const registry = new ApexRegistry();
    registry.register('Demo.refuse', async () => {
        throw new ApexUserError('Pick a window of at most 365 days.');
    });
    registry.register('Demo.crash', async () => {
        throw new TypeError('boom');
    });
    registry.register('Demo.ok', async () => undefined);
    assert.deepEqual(await registry.call('Demo.refuse', {}, ctx), {
        status: 400,
        body: { message: 'Pick a window of at most 365 days.', exceptionType: 'System.AuraHandledException', isUserDefinedException: true }
    });
    const crash = await registry.call('Demo.crash', {}, ctx);
    assert.equal(crash.status, 500);
    assert.match((crash.body as { message: string }).message, /Demo\.crash failed: boom/);
    assert.equal((await registry.call('Demo.ok', [1, 2], ctx)).status, 400);
    assert.deepEqual(await registry.call('Demo.ok', null, ctx), { status: 200, body: null });
});

test('registration refuses malformed names, non-functions and duplicates', () => {
    const registry = new ApexRegistry();
    assert.throws(() => registry.register('noDot', async () => 1), /Class\.method/);
    assert.throws(() => registry.register('A.b', 'x' as never), /not a function/);
    registry.register('A.b', async () => 1);
    assert.throws(() => registry.register('A.b', async () => 2), /twice/);
});
