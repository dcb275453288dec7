// **webRoutes** is the web console: its assets and one plugin per page, registered explicitly in src/serve/app.ts.
import type { FastifyPluginAsync } from 'fastify';
import { basketPage } from './basket-page.js';
import { consoleHome } from './console-home.js';
import { curatorConsole } from './curator-console.js';
import { qualityDashboard } from './quality-dashboard.js';
import { discoverPage } from './discover-page.js';
import { feedConsole } from './feed-console.js';
import { ontologyPages } from './ontology-page.js';
import { webErrorHandler } from './refusal-page.js';
import { runPage } from './run-page.js';
import { signInPages } from './sign-in-page.js';
import { webAssets } from './web-assets.js';
import { validatePage } from './validate-page.js';
import { webSession } from './web-session.js';

/** The SPARQL editor page, served by the protocol's own `GET /sparql` when a browser asks for HTML. */
export { sparqlEditorHtml, wantsSparqlEditor } from './sparql-editor.js';

export const webRoutes: FastifyPluginAsync = async (app) => {
  app.setErrorHandler(webErrorHandler);
  await app.register(webAssets);
  await app.register(discoverPage);
  await app.register(basketPage);
  await app.register(ontologyPages);
  // The console needs the harvesting services (feeds, runs, tokens); a catalogue served without them has none.
  if (app.hasDecorator('pipeline')) {
    await app.register(webSession);
    await app.register(signInPages);
    await app.register(consoleHome);
    await app.register(feedConsole);
    await app.register(runPage);
    await app.register(curatorConsole);
    await app.register(qualityDashboard);
    await app.register(validatePage);
  }
};
