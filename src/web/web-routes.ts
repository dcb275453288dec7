// **webRoutes** is the web console: its assets and one plugin per page, registered explicitly in src/serve/app.ts.
import type { FastifyPluginAsync } from 'fastify';
import { basketPage } from './basket-page.js';
import { discoverPage } from './discover-page.js';
import { ontologyPages } from './ontology-page.js';
import { webAssets } from './web-assets.js';

export const webRoutes: FastifyPluginAsync = async (app) => {
  await app.register(webAssets);
  await app.register(discoverPage);
  await app.register(basketPage);
  await app.register(ontologyPages);
};
