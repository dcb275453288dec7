// **startNetwork** starts a small federation for tests: a front sheaf, two sheaf peers, a SPARQL peer, a slow peer and a dead one.
import { afterAll, beforeAll } from 'vitest';
import { Store } from 'oxigraph';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { sparqlEndpoint } from '../sparql-endpoint.js';
import { loadBundledTerms } from '../../src/serve/discovery-plugin.js';
import { DCAT_PREFIXES, datasetTurtle, startSheafPeer, type SheafPeer } from './sheaf-peer.js';

export const DS = (name: string): string => `https://data.example.org/ds/${name}`;

export interface Network {
  readonly front: SheafPeer;
  readonly a: SheafPeer;
  readonly b: SheafPeer;
  readonly fixtures: FixtureServer;
  /** Peer names as the front reports them. */
  readonly names: { readonly a: string; readonly b: string; readonly sparql: string; readonly slow: string; readonly dead: string };
  close(): Promise<void>;
}

const feed = (...datasets: string[]) => DCAT_PREFIXES + datasets.join('');
const shared = datasetTurtle(DS('shared-lung'), 'Shared lung cohort', 'Chest CT held by several catalogues.');

/** The slow peer answers like a sheaf search API, but only after `slowMs`. */
export async function startNetwork(options: { readonly slowMs: number }): Promise<Network> {
  const sparqlStore = new Store();
  sparqlStore.load(feed(
    shared,
    datasetTurtle(DS('sp-lung'), 'SPARQL lung registry', 'Registry exposed only through SPARQL.'),
    datasetTurtle(DS('sp-heart'), 'Cardiac archive', 'Echocardiography.'),
  ), { format: 'text/turtle', to_graph_name: undefined });
  const fixtures = await startFixtureServer({
    '/front.ttl': { body: feed(shared, datasetTurtle(DS('front-lung'), 'Front lung screening', 'Low-dose CT.'), datasetTurtle(DS('front-brain'), 'Brain MRI', 'Glioma follow-up.')), type: 'text/turtle' },
    '/a.ttl': { body: feed(shared, datasetTurtle(DS('a-lung'), 'Peer A lung trial', 'Radiotherapy planning CT.')), type: 'text/turtle' },
    '/b.ttl': { body: feed(datasetTurtle(DS('b-lung'), 'Peer B lung biobank', 'Histology and CT.'), datasetTurtle(DS('b-heart'), 'Heart MRI', 'Cine MRI.')), type: 'text/turtle' },
    '/sparql': sparqlEndpoint(sparqlStore),
    '/slow/api/search': {
      delayMs: options.slowMs, type: 'application/json',
      body: JSON.stringify({ total: 1, items: [{ dataset: DS('slow-lung'), title: 'Slow lung set', id: 'slow' }] }),
    },
  });
  const terms = await loadBundledTerms();
  const a = await startSheafPeer({ feedUrl: fixtures.url('/a.ttl'), terms, baseUrl: 'https://a.sheaf.test' });
  const b = await startSheafPeer({ feedUrl: fixtures.url('/b.ttl'), terms, baseUrl: 'https://b.sheaf.test' });
  const names = {
    a: a.url, b: b.url, sparql: fixtures.url('/sparql'), slow: fixtures.url('/slow'),
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    dead: 'http://127.0.0.1:1',
  };
  const front = await startSheafPeer({
    feedUrl: fixtures.url('/front.ttl'), terms, baseUrl: 'https://front.sheaf.test',
    // Kinds given both ways: inferred (a, the /sparql path, slow, dead) and by prefix (b).
    peers: [names.a, `sheaf:${names.b}`, names.sparql, names.slow, names.dead],
  });
  return {
    front, a, b, fixtures, names,
    close: async () => {
      await Promise.all([front.close(), a.close(), b.close()]);
      await fixtures.close();
    },
  };
}

/** Starts the network before a file's tests and closes it after; read `.current` inside tests. */
export function useNetwork(options: { readonly slowMs: number }): { current: Network } {
  const holder = {} as { current: Network };
  beforeAll(async () => {
    holder.current = await startNetwork(options);
  }, 60_000);
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}
