// **healthRoutes** answers liveness: the process is up and the store answers a trivial query.
import type { FastifyPluginAsync } from 'fastify';
import { QueryFile } from '../core/query-file.js';

const HEALTH = QueryFile.load('health').bind({});

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', {
    schema: {
      response: {
        200: { type: 'object', properties: { status: { type: 'string' }, store: { type: 'string' } } },
      },
    },
  }, async () => {
    await app.store.ask(HEALTH, { timeoutMs: 5_000 });
    return { status: 'ok', store: app.config.store };
  });
};
