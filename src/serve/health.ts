// **healthRoutes** answers liveness (`/health`: the process is up) and readiness (`/health/ready`: the store answers).
import type { FastifyPluginAsync } from 'fastify';
import { CatErrors } from '../core/errors.js';
import { QueryFile } from '../core/query-file.js';
import { livenessResponse, readinessResponse } from './schemas/health.js';

const HEALTH = QueryFile.load('health').bind({});
/** A backend that cannot say whether it is ready is asked the smallest query, under this deadline. */
const READY_TIMEOUT_MS = 2_000;

// Liveness never waits on the store: a probe that queued behind a slow SPARQL query, or failed while the
// embedded index rebuilds, would get a healthy process restarted. Readiness says whether queries can be answered.
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/health', { schema: { response: livenessResponse } }, async () => ({ status: 'ok', store: app.config.store }));

  app.get('/health/ready', { schema: { response: readinessResponse } }, async () => {
    // Start-up work done after listening (src/serve/startup-gate.ts) must be finished before queries answer rightly.
    if (app.startup && !app.startup.done) {
      throw new CatErrors.STORE_UNAVAILABLE(app.startup.failure ? `start-up failed (${app.startup.failure.message})` : `starting: ${app.startup.pending}`);
    }
    const known = app.store.health?.();
    if (known !== undefined) {
      if (!known.ready) throw new CatErrors.STORE_UNAVAILABLE(known.detail);
      return { status: 'ready', store: app.config.store, detail: known.detail, ...(known.index && { index: known.index }) };
    }
    await app.store.ask(HEALTH, { timeoutMs: READY_TIMEOUT_MS });
    return { status: 'ready', store: app.config.store };
  });
};
