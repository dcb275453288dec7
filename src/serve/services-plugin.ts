// **servicesPlugin** decorates the app with the shared services (config, store, main-thread turns) that route plugins use.
import fp from 'fastify-plugin';
import type { SheafConfig } from '../core/config.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
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
  readonly store: CatalogueStore;
}

export const servicesPlugin = fp<ServicesOptions>(
  async (app, opts) => {
    app.decorate('config', opts.config);
    app.decorate('store', opts.store);
    app.decorate('turns', new TurnQueue());
  },
  { name: 'sheaf-services' },
);
