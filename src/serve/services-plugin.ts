// **servicesPlugin** decorates the app with the shared services (config, store) that route plugins use.
import fp from 'fastify-plugin';
import type { SheafConfig } from '../core/config.js';
import type { CatalogueStore } from '../store/catalogue-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: SheafConfig;
    store: CatalogueStore;
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
  },
  { name: 'sheaf-services' },
);
