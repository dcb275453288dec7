// Bearer authentication: constant-time admin token, pluggable verifiers; 401 without a token, 403 for one without the role.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { roleSatisfies } from '../../src/core/roles.js';
import { authPlugin, fixedTokenVerifier } from '../../src/serve/auth.js';
import { installProblemDetails } from '../../src/serve/problem-details.js';

let app: FastifyInstance;
afterEach(async () => app.close());

async function build(adminToken?: string): Promise<FastifyInstance> {
  app = Fastify({ logger: false });
  installProblemDetails(app);
  await app.register(authPlugin, {
    ...(adminToken && { adminToken }),
    // A second verifier stands for the DB-stored tokens another part of sheaf will add.
    verifiers: [fixedTokenVerifier('curator-secret', { role: 'curator', name: 'cora' })],
  });
  app.get('/admin', { preHandler: app.requireRole('admin') }, async (request) => ({ who: request.principal?.name }));
  app.get('/curate', { preHandler: app.requireRole('curator') }, async (request) => ({ who: request.principal?.name }));
  app.get('/whoami', async (request) => ({ principal: (await app.authenticate(request)) ?? null }));
  return app;
}

const get = (url: string, authorization?: string) =>
  app.inject({ url, headers: authorization === undefined ? {} : { authorization } });

describe('auth', () => {
  const cases: Array<[string, string | undefined, number, string | undefined]> = [
    ['/admin', undefined, 401, 'CAT_ERR_UNAUTHORIZED'],
    ['/admin', 'Bearer s3cret', 200, undefined],
    ['/admin', 'bearer   s3cret', 200, undefined],
    ['/admin', 'Bearer s3cre', 403, 'CAT_ERR_FORBIDDEN'],
    ['/admin', 'Bearer s3cret-and-more', 403, 'CAT_ERR_FORBIDDEN'],
    ['/admin', 'Basic YTpi', 401, 'CAT_ERR_UNAUTHORIZED'],
    ['/admin', 'Bearer curator-secret', 403, 'CAT_ERR_FORBIDDEN'],
    ['/curate', 'Bearer curator-secret', 200, undefined],
    ['/curate', 'Bearer s3cret', 200, undefined],
  ];
  it.each(cases)('%s with %j → %i', async (url, authorization, status, code) => {
    await build('s3cret');
    const res = await get(url, authorization);
    expect(res.statusCode).toBe(status);
    if (code) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe(code);
    }
    if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="sheaf"/);
  });

  it('names the principal behind a token and nobody without one', async () => {
    await build('s3cret');
    expect((await get('/whoami')).json()).toEqual({ principal: null });
    expect((await get('/whoami', 'Bearer s3cret')).json()).toEqual({ principal: { role: 'admin', name: 'admin' } });
    expect((await get('/admin', 'Bearer s3cret')).json()).toEqual({ who: 'admin' });
  });

  it('accepts no admin token at all when none is configured', async () => {
    await build(undefined);
    expect((await get('/admin', 'Bearer ')).statusCode).toBe(401);
    expect((await get('/admin', 'Bearer undefined')).statusCode).toBe(403);
  });

  it('ranks roles admin > curator > publisher', () => {
    expect(roleSatisfies('admin', 'publisher')).toBe(true);
    expect(roleSatisfies('curator', 'curator')).toBe(true);
    expect(roleSatisfies('publisher', 'curator')).toBe(false);
  });
});
