// Tokens: hashed at rest, verified in constant time by id, roles and names; the admin API, rate limit and CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenStore } from '../../src/pipeline/tokens.js';
import { openStateDb, type StateDb } from '../../src/store/state-db.js';
import { ADMIN, pipelineApp } from '../serve/pipeline-app.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/sheaf.js');

describe('TokenStore', () => {
  let dir: string;
  let state: StateDb;
  let tokens: TokenStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sheaf-tokens-'));
    state = openStateDb(dir);
    tokens = new TokenStore({ db: state.db });
  });
  afterEach(() => {
    state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores only a hash and resolves the token to its holder and role', () => {
    const { token, info } = tokens.create({ name: 'pub-a', role: 'publisher' });
    expect(token).toMatch(/^sheaf_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    const row = state.db.prepare('SELECT * FROM tokens WHERE id = ?').get(info.id) as Record<string, unknown>;
    expect(JSON.stringify(Object.values(row).map(String))).not.toContain(token.split('.')[1]);
    expect((row.hash as Buffer).length).toBe(32);
    expect(tokens.verify(token)).toEqual({ role: 'publisher', name: 'pub-a', tokenId: info.id });
    expect(tokens.get(info.id)!.lastUsedAt).toBeDefined();
  });

  it.each([
    ['another secret under the same id', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
    ['an unknown id', (t: string) => t.replace(/^sheaf_[0-9a-f]{16}/, 'sheaf_0000000000000000')],
    ['a malformed token', () => 'not-a-token'],
    ['an empty token', () => ''],
  ])('rejects %s', (_name, mangle) => {
    const { token } = tokens.create({ name: 'x', role: 'curator' });
    expect(tokens.verify(mangle(token))).toBeUndefined();
  });

  it('revokes, keeps names unique for all time (409 CAT_ERR_TOKEN_NAME_TAKEN), and refuses bad names and roles', () => {
    const first = tokens.create({ name: 'cora', role: 'curator' });
    expect(() => tokens.create({ name: 'cora', role: 'publisher' })).toThrow(expect.objectContaining({ code: 'CAT_ERR_TOKEN_NAME_TAKEN', statusCode: 409 }));
    expect(tokens.revoke(first.info.id)).toBe(true);
    expect(tokens.revoke(first.info.id)).toBe(false);
    expect(tokens.verify(first.token)).toBeUndefined();
    // A revoked name stays its holder's: a new token under it would read as the same holder in logs and feed lists.
    expect(() => tokens.create({ name: 'cora', role: 'curator' })).toThrow(expect.objectContaining({ code: 'CAT_ERR_TOKEN_NAME_TAKEN' }));
    // "admin" is the configured admin token's name.
    expect(() => tokens.create({ name: 'admin', role: 'publisher' })).toThrow(expect.objectContaining({ code: 'CAT_ERR_TOKEN_NAME_TAKEN' }));
    expect(tokens.list().map((t) => [t.name, t.revokedAt !== undefined])).toEqual([['cora', true]]);
    expect(() => tokens.create({ name: '', role: 'curator' })).toThrow(expect.objectContaining({ code: 'CAT_ERR_BAD_REQUEST' }));
    expect(() => tokens.create({ name: 'x', role: 'root' as 'admin' })).toThrow(expect.objectContaining({ code: 'CAT_ERR_BAD_REQUEST' }));
  });

  it('rotates a secret under the same identity; the old secret stops working', () => {
    const first = tokens.create({ name: 'pub-r', role: 'publisher' });
    const rotated = tokens.rotate(first.info.id)!;
    expect(rotated.token).not.toBe(first.token);
    expect(rotated.token.startsWith(`sheaf_${first.info.id}.`)).toBe(true);
    expect(tokens.verify(first.token)).toBeUndefined();
    expect(tokens.verify(rotated.token)).toEqual({ role: 'publisher', name: 'pub-r', tokenId: first.info.id });
    tokens.revoke(first.info.id);
    expect(tokens.rotate(first.info.id)).toBeUndefined();
  });

  it('generates an admin token once, on the first start', () => {
    const generated = tokens.ensureAdmin();
    expect(generated?.info).toMatchObject({ name: 'admin', role: 'admin' });
    expect(tokens.verify(generated!.token)).toEqual({ role: 'admin', name: 'admin', tokenId: generated!.info.id });
    expect(tokens.ensureAdmin()).toBeUndefined();
    // After the only admin was revoked, the next start makes another under a fresh name.
    tokens.revoke(generated!.info.id);
    expect(tokens.ensureAdmin()?.info).toMatchObject({ name: 'admin-2', role: 'admin' });
  });
});

describe('tokens API', () => {
  it('lets only admins list, create and revoke tokens, and never lists secrets', async () => {
    const t = await pipelineApp();
    const curator = await t.token('cora', 'curator');
    expect((await t.app.inject({ url: '/api/tokens' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/tokens', headers: t.bearer(curator) })).statusCode).toBe(403);
    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: t.bearer(ADMIN), payload: { name: 'pub-a', role: 'publisher' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { token, info } = created.json();
    const list = await t.app.inject({ url: '/api/tokens', headers: t.bearer(ADMIN) });
    expect(list.json().tokens.map((x: { name: string }) => x.name)).toEqual(['cora', 'pub-a']);
    expect(list.body).not.toContain(token);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/feeds/nope', headers: t.bearer(token) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${info.id}`, headers: t.bearer(ADMIN) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${info.id}`, headers: t.bearer(ADMIN) })).statusCode).toBe(404);
    const revoked = await t.app.inject({ method: 'DELETE', url: '/api/feeds/nope', headers: t.bearer(token) });
    expect([401, 403]).toContain(revoked.statusCode);
    expect(revoked.json().code).toMatch(/CAT_ERR_(UNAUTHORIZED|FORBIDDEN)/);
  });

  it('rate-limits failed token attempts per address, and keeps public reads open', async () => {
    const t = await pipelineApp();
    // A good token lacking the role is refused but is no failed attempt.
    const publisher = await t.token('pub', 'publisher');
    for (let i = 0; i < 12; i++) expect((await t.app.inject({ url: '/api/tokens', headers: t.bearer(publisher) })).statusCode).toBe(403);
    for (let i = 0; i < 10; i++) {
      expect([401, 403]).toContain((await t.app.inject({ url: '/api/tokens', headers: t.bearer(`wrong-${i}`) })).statusCode);
    }
    const limited = await t.app.inject({ url: '/api/tokens', headers: t.bearer(ADMIN) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('CAT_ERR_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/api/feeds' })).statusCode).toBe(200);
    // Another address is not affected.
    expect((await t.app.inject({ url: '/api/tokens', headers: t.bearer(ADMIN), remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
  });
});

describe('sheaf token', () => {
  it('creates a token in a data directory and prints it once; the server then accepts it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-token-cli-'));
    try {
      const created = await run('node', [BIN, 'token', 'create', '--role', 'publisher', '--name', 'pub-cli', '--data', dir]);
      const token = created.stdout.trim();
      expect(token).toMatch(/^sheaf_[0-9a-f]{16}\./);
      expect(created.stderr).toMatch(/created publisher token [0-9a-f]{16} for "pub-cli"/);
      const t = await pipelineApp({ dataDir: dir });
      expect((await t.app.inject({ method: 'DELETE', url: '/api/feeds/nope', headers: t.bearer(token) })).statusCode).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
