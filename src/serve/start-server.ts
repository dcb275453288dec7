// **startServer** opens the store, builds the app, listens, and shuts down gracefully on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import type { SheafConfig } from '../core/config.js';
import { openStore } from '../store/open-store.js';
import { buildApp } from './app.js';

export interface StartOptions {
  readonly config: SheafConfig;
}

export async function startServer(opts: StartOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const store = await openStore(config);
  const app = await buildApp({ config, store });
  app.addHook('onClose', async () => store.close());

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // fastify.close() stops accepting connections and waits for in-flight requests, then runs onClose hooks.
    app.close().then(
      () => { (app.log as { flush?: () => void }).flush?.(); process.exit(0); },
      (err: unknown) => { app.log.error({ err }, 'shutdown failed'); process.exit(1); },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  return app;
}
