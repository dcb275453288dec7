// **servicesPlugin** decorates the app with the shared services (config, store, main-thread turns) that route plugins use.
import fp from 'fastify-plugin';
import { logOnlyGraphs } from '../catalogue/log-only-graphs.js';
import type { SheafConfig } from '../core/config.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { openStore } from '../store/open-store.js';
import { TurnQueue } from './turn-queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: SheafConfig;
    store: CatalogueStore;
    /** Blocking main-thread work of requests (search, query parsing), one task per event-loop turn. */
    turns: TurnQueue;
  }
}

export interface ServicesOptions {
  readonly config: SheafConfig;
  /**
   * A store the caller opened and closes (tests, tools). Without it the plugin opens the configured one as
   * `sheaf serve` does (index replicas, log-only graphs, the index loading in the background: `store.ready()`) and
   * closes it when the app closes, after every plugin registered later (fastify closes in reverse order).
   */
  readonly store?: CatalogueStore;
}

export const servicesPlugin = fp<ServicesOptions>(
  async (app, opts) => {
    const { config } = opts;
    let store = opts.store;
    if (store === undefined) {
      const opened = await openStore(config, { logOnly: logOnlyGraphs(config), serving: true, background: true });
      app.addHook('onClose', async () => opened.close());
      store = opened;
    }
    app.decorate('config', config);
    app.decorate('store', store);
    app.decorate('turns', new TurnQueue());
  },
  { name: 'sheaf-services' },
);
