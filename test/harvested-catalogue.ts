// **openHarvestedCatalogue** sets up what discovery tests share: a temp data dir, real store, runner and app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/core/config.js';
import { HarvestRunner } from '../src/pipeline/harvest-runner.js';
import type { RecordListener } from '../src/catalogue/record-listener.js';
import { SearchSync } from '../src/search/search-sync.js';
import { buildApp } from '../src/serve/app.js';
import { createDiscoveryServices, type DiscoveryServices } from '../src/serve/discovery-plugin.js';
import { logOnlyGraphs } from '../src/catalogue/log-only-graphs.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { openStateDb, type StateDb } from '../src/store/state-db.js';
import { loadProfiles } from '../src/ontology/profile-composer.js';

export interface HarvestedCatalogue {
  readonly dir: string;
  readonly store: OxigraphStore;
  readonly state: StateDb;
  readonly discovery: DiscoveryServices;
  /** Harvests over real HTTP into the store; the search index listens, plus any `listeners` given. */
  readonly runner: HarvestRunner;
  /** The real app over this catalogue, built once. */
  app(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

export async function openHarvestedCatalogue(options: {
  readonly base: string;
  readonly prefix: string;
  readonly listeners?: (discovery: DiscoveryServices, store: OxigraphStore, state: StateDb) => RecordListener[];
}): Promise<HarvestedCatalogue> {
  const dir = mkdtempSync(path.join(tmpdir(), options.prefix));
  // As `sheaf serve` opens it: report and quality graphs in the log only.
  const store = await OxigraphStore.open({ dataDir: dir, logOnly: logOnlyGraphs({ baseUrl: options.base, indexReports: false }) });
  const state = openStateDb(dir);
  const discovery = await createDiscoveryServices({ db: state.db, baseUrl: options.base });
  const runner = new HarvestRunner({
    store, stateDb: state, profiles: await loadProfiles(), baseUrl: options.base, allowPrivateNetworks: true,
    fetcher: { retries: 0 },
    listeners: [new SearchSync({ index: discovery.search, terms: discovery.terms }), ...(options.listeners?.(discovery, store, state) ?? [])],
  });
  let app: Promise<FastifyInstance> | undefined;
  return {
    dir, store, state, discovery, runner,
    app: () => (app ??= buildApp({ config: loadConfig({}, { baseUrl: options.base, dataDir: dir }), store, logger: false, discovery })),
    async close() {
      await (await app)?.close();
      state.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
