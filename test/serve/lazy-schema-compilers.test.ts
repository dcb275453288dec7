// Route schemas compile when first used or by compilePending(): every route's schema compiles, a broken one is caught, validation is unchanged.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { LazySchemaCompilers } from '../../src/serve/lazy-schema-compilers.js';
import { pipelineApp } from './pipeline-app.js';

describe('lazy schema compilers', () => {
  it('compiles nothing before use, then every schema of the whole app without error', async () => {
    const { app } = await pipelineApp();
    await app.ready();
    const before = app.schemaCompilers.pending;
    expect(before).toBeGreaterThan(20);
    expect(await app.schemaCompilers.compilePending()).toBe(before);
    expect(app.schemaCompilers.pending).toBe(0);
  });

  it('validates, coerces and serialises as fastify\'s own compilers do', async () => {
    const schemas = new LazySchemaCompilers();
    const app = Fastify({ ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } }, schemaController: { compilersFactory: schemas.compilersFactory } });
    app.get('/n', {
      schema: {
        querystring: { type: 'object', properties: { n: { type: 'integer', minimum: 1 }, tag: { type: 'array', items: { type: 'string' } } }, required: ['n'] },
        response: { 200: { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'integer' } } } },
      },
    }, async (request) => {
      const q = request.query as { n: number; tag?: string[] };
      return { n: q.n, tags: q.tag?.length ?? 0, secret: 'not in the schema' };
    });
    try {
      await app.ready();
      // GET and the HEAD fastify adds, each a querystring validator and a response serializer: none compiled yet.
      expect(schemas.pending).toBe(4);
      const ok = await app.inject({ url: '/n?n=3&tag=a' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ n: 3, tags: 1 });
      const bad = await app.inject({ url: '/n?n=0' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toBe('querystring/n must be >= 1');
      expect((await app.inject({ url: '/n' })).json().message).toBe("querystring must have required property 'n'");
      expect(schemas.pending).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('rejects compilePending for a schema that does not compile, so `sheaf serve` stops instead of failing the route later', async () => {
    const schemas = new LazySchemaCompilers();
    const app = Fastify({ schemaController: { compilersFactory: schemas.compilersFactory } });
    app.get('/broken', { schema: { querystring: { type: 'object', properties: { n: { type: 'no-such-type' } } } } }, async () => ({}));
    try {
      await app.ready();
      await expect(schemas.compilePending()).rejects.toThrow(/no-such-type|type/);
    } finally {
      await app.close();
    }
  });
});
