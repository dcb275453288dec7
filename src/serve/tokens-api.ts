// **tokensRoutes** is the admin API for API tokens: list holders, create a token (secret shown once), rotate its secret, revoke.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { CatErrors } from '../core/errors.js';
import { createTokenResponses, listTokensResponses, NewTokenBody, revokeTokenResponses, rotateTokenResponses, TokenIdParams } from './schemas/tokens.js';

export const tokensRoutes: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { tokens } = app.pipeline;
  const admin = app.requireRole('admin');

  api.get('/api/tokens', {
    schema: { summary: 'list tokens (never their secrets)', tags: ['tokens'], response: listTokensResponses },
    preHandler: admin,
  }, async () => ({ tokens: tokens.list() }));

  api.post('/api/tokens', {
    schema: { summary: 'create a token', tags: ['tokens'], body: NewTokenBody, response: createTokenResponses },
    preHandler: admin,
  }, async (request, reply) => {
    const created = tokens.create({ name: request.body.name, role: request.body.role });
    request.log.info({ token: created.info.id, name: created.info.name, role: created.info.role, by: request.principal?.name }, 'token created');
    void reply.code(201).header('cache-control', 'no-store');
    return { token: created.token, info: created.info };
  });

  api.post('/api/tokens/:id/rotate', {
    schema: { summary: "replace a token's secret, keeping its identity and the feeds it owns", tags: ['tokens'], params: TokenIdParams, response: rotateTokenResponses },
    preHandler: admin,
  }, async (request, reply) => {
    const rotated = tokens.rotate(request.params.id);
    if (!rotated) throw new CatErrors.NOT_FOUND(`no active token "${request.params.id}"`);
    request.log.info({ token: rotated.info.id, name: rotated.info.name, by: request.principal?.name }, 'token rotated');
    void reply.header('cache-control', 'no-store');
    return { token: rotated.token, info: rotated.info };
  });

  api.delete('/api/tokens/:id', {
    schema: { summary: 'revoke a token', tags: ['tokens'], params: TokenIdParams, response: revokeTokenResponses },
    preHandler: admin,
  }, async (request, reply) => {
    if (!tokens.revoke(request.params.id)) throw new CatErrors.NOT_FOUND(`no active token "${request.params.id}"`);
    request.log.info({ token: request.params.id, by: request.principal?.name }, 'token revoked');
    return reply.code(204).send(null);
  });
};
