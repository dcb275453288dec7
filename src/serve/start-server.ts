// **startServer** opens the store, builds the app, listens, and shuts down gracefully on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import type { SheafConfig } from '../core/config.js';
import { openStore } from '../store/open-store.js';
import { buildApp } from './app.js';

export interface StartOptions {
  readonly config: SheafConfig;
  /**
   * How long in-flight requests may take to finish after a shutdown signal before the process exits
   * anyway (with code 1). Defaults to the query timeout plus 5 s, so a running query can complete.
   */
  readonly shutdownGraceMs?: number;
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
  const store = await openStore(config);
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, store });
  } catch (error) {
    await store.close();
    throw error;
  }
  app.addHook('onClose', async () => store.close());
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
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
