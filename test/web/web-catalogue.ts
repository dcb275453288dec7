// **openWebCatalogue** wires sheaf as `sheaf serve` does (search, quality, harvests) over a temp data dir, listening
// on 127.0.0.1, and harvests the demo catalogue and a hostile feed from a local fixture server.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/core/config.js';
import { DEMO_CATALOGUE_PATH } from '../../src/pipeline/demo-feed.js';
import { logOnlyGraphs } from '../../src/catalogue/log-only-graphs.js';
import { openPipeline, type Pipeline } from '../../src/serve/open-pipeline.js';
import { QualityStore } from '../../src/quality/quality-store.js';
import { SearchSync } from '../../src/search/search-sync.js';
import { searchKey } from '../../src/search/search-sync.js';
import { buildApp } from '../../src/serve/app.js';
import { createDiscoveryServices, type DiscoveryServices } from '../../src/serve/discovery-plugin.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { openStateDb } from '../../src/store/state-db.js';
import { startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';

export const ADMIN = 'web-test-admin-token';

/**
 * A record as a hostile or careless source writes it: markup in the title, a `javascript:` landing page and
 * access URL, HTML with a script and an event handler in the description, an id far over 100 characters,
 * a blank-node spatial coverage, the same licence twice.
 */
export const HOSTILE_ID = `https://evil.example.org/datasets/${'very-long-identifier-segment-'.repeat(6)}end`;
export const HOSTILE_TTL = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix locn: <http://www.w3.org/ns/locn#> .
<${HOSTILE_ID}> a dcat:Dataset ;
  dct:title "<script>window.__pwned = 1</script><img src=x onerror=\\"window.__pwned = 2\\">"@en ;
  dct:description "<p>Cohort of <b>lung</b> CT.</p><script>window.__pwned = 3</script><p onclick=\\"window.__pwned = 4\\">Click <a href=\\"javascript:window.__pwned = 5\\">here</a> or <a href=\\"https://example.org/more\\">read more</a>.</p>"@en ;
  dcat:landingPage <javascript:window.__pwned=6> ;
  dcat:keyword "<b>bold</b>" ;
  dct:publisher <https://evil.example.org/agent> ;
  dct:spatial [ a dct:Location ; locn:geometry "POINT(2.35 48.85)" ; dcat:bbox "POLYGON((2 48,3 48,3 49,2 49,2 48))" ] ;
  dcat:distribution <https://evil.example.org/dist/1>, <https://evil.example.org/dist/2> .
<https://evil.example.org/agent> a foaf:Agent ; foaf:name "Evil <i>Corp</i>" .
<https://evil.example.org/dist/1> a dcat:Distribution ; dcat:accessURL <javascript:window.__pwned=7> ;
  dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> .
<https://evil.example.org/dist/2> a dcat:Distribution ; dcat:accessURL <https://evil.example.org/files/2.zip> ;
  dct:license <http://publications.europa.eu/resource/authority/licence/CC_BY_4_0> .
`;

export interface WebCatalogue {
  readonly app: FastifyInstance;
  readonly origin: string;
  readonly pipeline: Pipeline;
  readonly discovery: DiscoveryServices;
  readonly fixtures: FixtureServer;
  /** `/datasets/{id}` of a harvested dataset. */
  pageOf(feedId: string, datasetIri: string): string;
  /** Registers a feed titled `title` through the JSON API (as admin), once, and harvests it to the end. */
  harvest(title: string, path: string, extra?: Record<string, unknown>): Promise<{ feedId: string; run: Record<string, any> }>;
  close(): Promise<void>;
}

export async function openWebCatalogue(options: { readonly routes?: Readonly<Record<string, RouteSpec>>; readonly baseUrl?: string } = {}): Promise<WebCatalogue> {
  const fixtures = await startFixtureServer({
    '/demo.ttl': { body: readFileSync(DEMO_CATALOGUE_PATH, 'utf8'), type: 'text/turtle' },
    '/hostile.ttl': { body: HOSTILE_TTL, type: 'text/turtle' },
    ...options.routes,
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'sheaf-web-'));
  const config = loadConfig({}, { dataDir, adminToken: ADMIN, demo: false, allowPrivateNetworks: true, port: 0, host: '127.0.0.1', ...(options.baseUrl && { baseUrl: options.baseUrl }) });
  const store = await OxigraphStore.open({ dataDir, logOnly: logOnlyGraphs(config) });
  const state = openStateDb(dataDir);
  const discovery = await createDiscoveryServices({ db: state.db, baseUrl: config.baseUrl, store });
  const quality = new QualityStore({ db: state.db, store, iris: discovery.iris });
  const pipeline = await openPipeline({
    config, store, quality,
    fetcher: { retries: 0, retryBaseMs: 5, perHostDelayMs: 0, timeoutMs: 5_000 },
    runner: { listeners: [new SearchSync({ index: discovery.search, terms: discovery.terms }), quality] },
  });
  const app = await buildApp({ config, store, logger: false, pipeline: pipeline.services, discovery });
  await pipeline.start({ role: 'api' });
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  const auth = { authorization: `Bearer ${ADMIN}` };
  const feedIds = new Map<string, string>();
  return {
    app, origin, pipeline, discovery, fixtures,
    pageOf: (feedId, iri) => `/datasets/${encodeURIComponent(searchKey(feedId, iri))}`,
    async harvest(title, path, extra = {}) {
      let feedId = feedIds.get(title);
      if (feedId === undefined) {
        const made = await app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url: fixtures.url(path), title, ...extra } });
        if (made.statusCode !== 201) throw new Error(`feed ${title}: ${made.statusCode} ${made.body}`);
        feedId = made.json().id as string;
        feedIds.set(title, feedId);
      }
      const started = await app.inject({ method: 'POST', url: `/api/feeds/${feedId}/harvest`, headers: auth });
      if (started.statusCode !== 202) throw new Error(`harvest ${feedId}: ${started.statusCode} ${started.body}`);
      const runId = started.json().runId as string;
      for (let i = 0; i < 1200; i++) {
        const run = (await app.inject({ url: `/api/runs/${runId}` })).json();
        if (!['queued', 'running'].includes(run.status)) return { feedId, run };
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`run ${runId} did not end`);
    },
    async close() {
      await app.close();
      await pipeline.close();
      state.close();
      await store.close();
      await fixtures.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
