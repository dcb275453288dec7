// Feed rights follow token identity, never token names: no name squatting, rotation keeps feeds, others are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateDb } from '../../src/store/state-db.js';
import type { FixtureServer } from '../fixture-server.js';
import { ADMIN, pipelineApp } from './pipeline-app.js';
import { startProtocolServer } from './protocol-routes.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startProtocolServer();
});
afterAll(() => server.close());

describe('feed ownership by token identity', () => {
  it("refuses a token named like the configured admin (409 problem+json), and a name-twin never gains the admin's feeds", async () => {
    const t = await pipelineApp();
    const registered = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(ADMIN), payload: { url: server.url('/fdp'), title: 'Admin feed' } });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json().owner).toBe('admin');

    const squat = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: t.bearer(ADMIN), payload: { name: 'admin', role: 'publisher' } });
    expect(squat.statusCode).toBe(409);
    expect(squat.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(squat.json().code).toBe('CAT_ERR_TOKEN_NAME_TAKEN');

    // A publisher token that does carry the name (written before names were reserved): the name buys nothing.
    const twin = await t.token('twin', 'publisher');
    const twinId = t.pipeline.services.tokens.list().find((x) => x.name === 'twin')!.id;
    const state = openStateDb(t.config.dataDir); // the connection the pipeline holds, shared within the process
    state.db.prepare('UPDATE tokens SET name = ? WHERE id = ?').run('admin', twinId);
    state.close();
    expect(t.pipeline.services.tokens.list().find((x) => x.id === twinId)!.name).toBe('admin');
    const url = '/api/feeds/admin-feed';
    const patch = await t.app.inject({ method: 'PATCH', url, headers: t.bearer(twin), payload: { title: 'Taken over' } });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().code).toBe('CAT_ERR_FORBIDDEN');
    expect((await t.app.inject({ method: 'DELETE', url, headers: t.bearer(twin) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `${url}/harvest`, headers: t.bearer(twin) })).statusCode).toBe(403);
    expect((await t.app.inject({ url })).json()).toMatchObject({ title: 'Admin feed' });
  });

  it("refuses another publisher's update and delete, keeps a rotated token's feeds, and refuses a re-created name", async () => {
    const t = await pipelineApp();
    const a = await t.token('pub-a', 'publisher');
    const b = await t.token('pub-b', 'publisher');
    const created = await t.app.inject({ method: 'POST', url: '/api/feeds', headers: t.bearer(a), payload: { url: server.url('/fdp'), title: 'A feed' } });
    expect(created.statusCode, created.body).toBe(201);
    const aId = created.json().ownerToken as string;
    expect(aId).toMatch(/^[0-9a-f]{16}$/);
    // The owner's token id is shown to those who may change the feed, not to everyone.
    expect((await t.app.inject({ url: '/api/feeds/a-feed' })).json().ownerToken).toBeUndefined();
    const url = '/api/feeds/a-feed';
    expect((await t.app.inject({ method: 'PATCH', url, headers: t.bearer(b), payload: { title: 'B was here' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url, headers: t.bearer(b) })).statusCode).toBe(403);

    // Rotation: a new secret under the same identity; the feed stays A's, the old secret is dead.
    const rotated = await t.app.inject({ method: 'POST', url: `/api/tokens/${aId}/rotate`, headers: t.bearer(ADMIN) });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const a2 = rotated.json().token as string;
    expect([401, 403]).toContain((await t.app.inject({ method: 'PATCH', url, headers: t.bearer(a), payload: { title: 'x' } })).statusCode);
    const byA2 = await t.app.inject({ method: 'PATCH', url, headers: t.bearer(a2), payload: { title: 'A feed, renamed' } });
    expect(byA2.statusCode, byA2.body).toBe(200);

    // Revoking A ends the identity; its name cannot be handed to a new token, which would otherwise read as A.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${aId}`, headers: t.bearer(ADMIN) })).statusCode).toBe(204);
    const again = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: t.bearer(ADMIN), payload: { name: 'pub-a', role: 'publisher' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CAT_ERR_TOKEN_NAME_TAKEN');
    expect((await t.app.inject({ url })).json().title).toBe('A feed, renamed');
  });
});
