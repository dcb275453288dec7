// **startSheafPeer** runs a real sheaf app on 127.0.0.1 with its own temp store, harvested from a feed over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/core/config.js';
import { HarvestRunner } from '../../src/pipeline/harvest-runner.js';
import { SearchSync } from '../../src/search/search-sync.js';
import { buildApp } from '../../src/serve/app.js';
import { createDiscoveryServices } from '../../src/serve/discovery-plugin.js';
import type { TermIndex } from '../../src/search/term-index.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { testFeed } from '../pipeline/feed-pages.js';

export interface SheafPeer {
  /** The listening origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export const DCAT_PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n`;

/** One dataset in Turtle (no prefixes), enough for the pipeline, the index and the keyword query. */
export function datasetTurtle(iri: string, title: string, description: string): string {
  return `<${iri}> a dcat:Dataset ; dct:identifier "${iri.split('/').pop()}" ; dct:title "${title}"@en ;
  dct:description "${description}"@en ; dct:publisher <https://data.example.org/agent/site> .
<https://data.example.org/agent/site> a foaf:Agent ; foaf:name "Example site" .\n`;
}

/**
 * Harvests `feedUrl` (when given) into a fresh store and index, then listens on port 0. `peers` are its
 * SHEAF_PEERS; `terms` lets several peers share one loaded ontology (loading it takes a while).
 */
export async function startSheafPeer(options: {
  readonly feedUrl?: string;
  readonly peers?: readonly string[];
  readonly baseUrl?: string;
  readonly terms?: TermIndex;
  /** Off makes the address guard refuse loopback peers, as in production. Default on. */
  readonly allowPrivateNetworks?: boolean;
}): Promise<SheafPeer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-peer-'));
  const store = await OxigraphStore.open({ dataDir: dir });
  const state = openStateDb(dir);
  const baseUrl = options.baseUrl ?? 'https://peer.sheaf.test';
  const discovery = await createDiscoveryServices({ db: state.db, baseUrl, ...(options.terms && { terms: options.terms }) });
  if (options.feedUrl) {
    const runner = new HarvestRunner({
      store, stateDb: state, profiles: await loadProfiles(), baseUrl, allowPrivateNetworks: true,
      fetcher: { retries: 0 }, listeners: [new SearchSync({ index: discovery.search, terms: discovery.terms })],
    });
    const run = await runner.run(testFeed(options.feedUrl));
    if (run.counts.created === 0) throw new Error(`harvest of ${options.feedUrl} created nothing: ${JSON.stringify(run)}`);
  }
  const config = loadConfig({}, { baseUrl, dataDir: dir, peers: options.peers ?? [], allowPrivateNetworks: options.allowPrivateNetworks ?? true });
  const app = await buildApp({ config, store, logger: false, discovery });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    close: async () => {
      await app.close();
      state.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
