// **statePlugin** opens the data directory's state database for the plugins that keep their tables in it, and closes it.
import fp from 'fastify-plugin';
import { openStateDb, type StateDb } from '../store/state-db.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Feeds, runs, tokens, the record index, search and quality tables (one handle per file, shared in the process). */
    stateDb: StateDb;
  }
}

export const statePlugin = fp(
  async (app) => {
    const stateDb = openStateDb(app.config.dataDir);
    app.decorate('stateDb', stateDb);
    app.addHook('onClose', async () => stateDb.close());
  },
  { name: 'sheaf-state', dependencies: ['sheaf-services'] },
);
