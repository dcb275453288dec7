// **startServer** builds the serving app, listens, finishes start-up, and shuts down gracefully on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import type { SheafConfig } from '../core/config.js';
import { buildApp } from './app.js';
import type { ProcessRole } from './open-pipeline.js';
import { StartupGate } from './startup-gate.js';

// What it opens (store, state database, run engine, validator workers, link checks) is opened by the app's plugins,
// each closing it in onClose (src/serve/services-plugin.ts, state-plugin.ts, harvesting-plugin.ts,
// link-checks-plugin.ts): a failed start and a shutdown both come down to `app.close()`.

export interface StartOptions {
  readonly config: SheafConfig;
  /**
   * How long in-flight requests may take to finish after a shutdown signal before the process exits
   * anyway (with code 1). Defaults to the query timeout plus 5 s, so a running query can complete.
   */
  readonly shutdownGraceMs?: number;
  /** `all` (default) serves and schedules harvests; `api` serves without scheduling; `harvester` schedules and serves. */
  readonly role?: ProcessRole;
}

/** Flushes pino's buffered output, if the logger buffers at all, before the process exits. */
function flushLog(app: FastifyInstance): Promise<void> {
  const log = app.log as { flush?: (cb?: (err?: Error) => void) => void };
  return new Promise((resolve) => {
    if (typeof log.flush !== 'function') { resolve(); return; }
    try { log.flush(() => resolve()); } catch { resolve(); }
  });
}

export async function startServer(opts: StartOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const role = opts.role ?? 'all';
  // Work done once listening (so that liveness answers at once); requests that could read it wait (startup-gate.ts).
  const startup = new StartupGate("loading the store's index, writing the current ontologies' graphs, starting the scheduler");
  const app = await buildApp({ config, serving: true, startup });
  const { harvesting } = app;
  const graceMs = opts.shutdownGraceMs ?? config.queryTimeoutMs + 5_000;

  let closing = false;
  // Responses finished during shutdown close their connection: an idle keep-alive socket would
  // otherwise hold the server open until its keep-alive timeout.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal, graceMs }, 'shutting down: finishing in-flight requests');
    // A request that never ends must not keep the process alive forever.
    const force = setTimeout(() => {
      app.log.error({ graceMs }, 'shutdown grace period over; exiting with requests still open');
      void flushLog(app).finally(() => process.exit(1));
    }, graceMs);
    force.unref();
    // fastify.close() stops accepting connections, answers 503 to new requests on open keep-alive
    // connections, waits for in-flight requests, then runs onClose hooks (which close the store).
    app.close().then(
      async () => {
        app.log.info('shut down cleanly');
        await flushLog(app);
        process.exit(0);
      },
      async (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        await flushLog(app);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  try {
    // Before listening: runs a previous process left open are closed as interrupted before any new one starts.
    await harvesting.pipeline.recover();
    harvesting.followSearch();
    await app.listen({ port: config.port, host: config.host });
    // Once listening, so liveness answers at once: the route schemas no request compiled yet are compiled, so that a
    // broken one stops the start rather than fail its route later (one schema per event-loop turn, meanwhile).
    const compiled = app.schemaCompilers.compilePending();
    compiled.catch(() => {});
    // The store's index is loaded (a damaged log stops the start here) and the current ontologies' graphs are written
    // where missing or changed (a new bundle, a data directory from an import or an older sheaf), else left alone.
    await harvesting.publishOntologies();
    // Only once listening: a start that cannot listen (port in use) must not register the demo feed, start
    // harvests it would cancel at once, or generate an admin token nobody can use; the next start is then fresh.
    // A shutdown signal during that work: nothing new starts (no scheduler, no demo harvest, no admin token).
    if (closing) {
      startup.fail(new Error('shutting down'));
      return app;
    }
    const started = await harvesting.pipeline.start({ role });
    if (role !== 'api') app.linkChecks.start();
    if (started.generatedAdmin) {
      // Shown once, on stderr rather than in the JSON log; only its hash is stored.
      process.stderr.write(`\nsheaf: no SHEAF_ADMIN_TOKEN was set, so an admin token was generated. It is shown only this once:\n\n  ${started.generatedAdmin.token}\n\n`);
      app.log.warn({ token: started.generatedAdmin.info.id }, 'generated the admin token (printed once on stderr)');
    }
    await compiled;
    // Requests but health waited for all of the above (feeds show their next run, the demo feed is registered);
    // once ready, the server has no start-up work left competing with them.
    startup.open();
  } catch (error) {
    startup.fail(error as Error);
    await app.close();
    throw error;
  }
  return app;
}
