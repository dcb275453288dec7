// **serve** benchmark: /api/search, /catalog and federated search over HTTP against a harvested synthetic catalogue.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataFactory } from 'n3';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/core/config.js';
import { QueryFile } from '../src/core/query-file.js';
import { HarvestRunner } from '../src/pipeline/harvest-runner.js';
import { SearchSync } from '../src/search/search-sync.js';
import { buildApp } from '../src/serve/app.js';
import { createDiscoveryServices, type DiscoveryServices } from '../src/serve/discovery-plugin.js';
import { OxigraphStore } from '../src/store/oxigraph.js';
import { openStateDb } from '../src/store/state-db.js';
import { ProfileRegistry } from '../src/validate/profile-registry.js';
import { formatMs, measure, printTable, type Latency } from './latency.js';
import { KEYWORD_PROBE } from './synthetic-dcat.js';
import { serveFeedPages, writeFeedPages } from './synthetic-feed.js';

const GROUP_BY = QueryFile.load('bench-search-group-by');
const BASE = 'https://bench.sheaf.test';
const SEARCH_TARGET_MS = 50;
const CATALOG_TARGET_MS = 150;
const SLOW_PEER_MS = 2000;
const PEER_TIMEOUT_MS = 1000;

/** Keep-alive GETs over node:http (fetch adds ~7 ms per call here, more than the index itself). */
function client(origin: string): { get(pathAndQuery: string): Promise<{ status: number; body: string }>; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    get: (p) => new Promise((resolve, reject) => {
      http.get(`${origin}${p}`, { agent, headers: { accept: p.startsWith('/catalog') ? 'text/turtle' : 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      }).on('error', reject);
    }),
    close: () => agent.destroy(),
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** A peer that forwards to `target` after `delayMs`: a catalogue on a slow link. */
async function slowProxy(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      http.get(`${target}${req.url ?? '/'}`, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      }).on('error', () => res.writeHead(502).end());
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const ok = (l: Latency, target: number) => (l.p95 <= target ? 'yes' : 'NO');

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { datasets: { type: 'string', default: '10000' }, runs: { type: 'string', default: '200' }, 'sparql-runs': { type: 'string', default: '10' } },
  });
  const count = Number(values.datasets);
  const runs = Number(values.runs);
  const sparqlRuns = Number(values['sparql-runs']);
  console.log(`serve benchmark: ${count.toLocaleString('en-US')} synthetic datasets, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`);

  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-serve-'));
  const pages = writeFeedPages({ dir: path.join(dir, 'feed'), count, perPage: 500 });
  const feed = await serveFeedPages({ dir: path.join(dir, 'feed'), pages });
  const store = await OxigraphStore.open({ dataDir: path.join(dir, 'data') });
  const state = openStateDb(path.join(dir, 'data'));
  const closers: Array<() => Promise<unknown> | unknown> = [];
  try {
    const discovery: DiscoveryServices = await createDiscoveryServices({ db: state.db, baseUrl: BASE });
    const runner = new HarvestRunner({
      store, stateDb: state, profiles: await ProfileRegistry.load(), baseUrl: BASE, allowPrivateNetworks: true,
      fetcher: { retries: 0, perHostDelayMs: 0 }, listeners: [new SearchSync({ index: discovery.search, terms: discovery.terms })],
    });
    const started = performance.now();
    const summary = await runner.run({
      id: 'bench', url: feed.url, protocol: 'dcat', schedule: '0 3 * * *', title: 'bench', profile: 'dcat-ap', policy: 'store-and-flag',
      owner: 'bench', local: false, maxWithdrawShare: 1, options: {}, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    });
    console.log(`harvested ${summary.counts.created} datasets in ${formatMs(performance.now() - started)} ms (index: ${discovery.search.size})`);
    await feed.close();

    const appFor = async (peers: readonly string[]) => {
      const config = loadConfig({}, { baseUrl: BASE, dataDir: path.join(dir, 'data'), peers, allowPrivateNetworks: true, demo: false });
      const app = await buildApp({ config, store, logger: false, discovery });
      closers.push(() => app.close());
      return listen(app);
    };
    const origin = await appFor([]);
    const http1 = client(origin);
    closers.push(() => http1.close());

    // The question: the probe keyword, then the largest theme, publisher and format bucket, each chosen within
    // the previous choices, so the question has hits.
    let qs = `q=${KEYWORD_PROBE}`;
    const chosen: Record<string, string> = {};
    for (const facet of ['theme', 'publisher', 'format']) {
      const probe = JSON.parse((await http1.get(`/api/search?${qs}&pageSize=1&facetLimit=1`)).body) as {
        facets: Record<string, Array<{ value: string }>>;
      };
      chosen[facet] = probe.facets[facet]?.[0]?.value ?? '';
      qs += `&${facet}=${encodeURIComponent(chosen[facet])}`;
    }
    const { theme = '', publisher = '', format = '' } = chosen;
    const answer = JSON.parse((await http1.get(`/api/search?${qs}`)).body) as { total: number };
    console.log(`search: "${KEYWORD_PROBE}" + theme, publisher, format → ${answer.total} hits`);

    const search = await measure(runs, async () => {
      const res = await http1.get(`/api/search?${qs}`);
      if (res.status !== 200) throw new Error(`/api/search: HTTP ${res.status}`);
    });
    const groupByQuery = GROUP_BY.bind({
      word: [DataFactory.literal(KEYWORD_PROBE)], theme: [DataFactory.namedNode(theme)],
      publisher: [DataFactory.namedNode(publisher)], format: [DataFactory.namedNode(format)],
    });
    const groupBy = await measure(sparqlRuns, () => store.select(groupByQuery, { timeoutMs: 120_000 }));
    const sparqlHits = (await store.select(groupByQuery, { timeoutMs: 120_000 })).rows.find((r) => r.get('facet')?.value === theme)?.get('n')?.value ?? '0';
    console.log(`same question as SPARQL: ${sparqlHits} datasets (title-only CONTAINS; the index also reads descriptions and keywords)`);
    const lastPage = Math.max(1, Math.floor(count / 100));
    const catalog = await measure(Math.min(runs, 100), async (i) => {
      const page = i < 0 ? 1 : 1 + ((i * 7919) % lastPage);
      const res = await http1.get(`/catalog?pageSize=100&page=${page}`);
      if (res.status !== 200) throw new Error(`/catalog: HTTP ${res.status}`);
    });

    // Federation: three peers over the same 10 k-dataset catalogue, the third behind a 2 s link.
    const peer1 = await appFor([]);
    const peer2 = await appFor([]);
    const slow = await slowProxy(await appFor([]), SLOW_PEER_MS);
    closers.push(() => slow.close());
    const front = client(await appFor([peer1, peer2, slow.url]));
    closers.push(() => front.close());
    let partial = true;
    let slowStatus = 'timeout';
    const federated = await measure(Math.min(runs, 20), async () => {
      const res = await front.get(`/api/federated-search?q=${KEYWORD_PROBE}&timeoutMs=${PEER_TIMEOUT_MS}`);
      const body = JSON.parse(res.body) as { partial: boolean; sources: Array<{ source: string; status: string }> };
      partial &&= body.partial;
      const status = body.sources.find((s) => s.source === slow.url)?.status ?? 'missing';
      if (status !== 'timeout') slowStatus = status;
    });

    printTable(['measure', 'p50 ms', 'p95 ms', 'target', 'met', 'note'], [
      ['/api/search, keyword + 3 facets (HTTP)', formatMs(search.median), formatMs(search.p95), `p95 ≤ ${SEARCH_TARGET_MS}`, ok(search, SEARCH_TARGET_MS), `${runs} runs`],
      ['same question, SPARQL GROUP BY on the store', formatMs(groupBy.median), formatMs(groupBy.p95), '–', '–',
        `ratio ${(groupBy.median / search.median).toFixed(0)}× (p50), ${sparqlRuns} runs`],
      ['/catalog page of 100 (Turtle, HTTP)', formatMs(catalog.median), formatMs(catalog.p95), `p95 ≤ ${CATALOG_TARGET_MS}`, ok(catalog, CATALOG_TARGET_MS), 'pages spread over the catalogue'],
      [`federated search, 3 peers, one after ${SLOW_PEER_MS} ms`, formatMs(federated.median), formatMs(federated.p95),
        `≤ ${PEER_TIMEOUT_MS + 100} (timeout + 100)`, federated.p95 <= PEER_TIMEOUT_MS + 100 && partial && slowStatus === 'timeout' ? 'yes' : 'NO',
        `partial=${partial}, slow peer ${slowStatus}`],
    ]);
  } finally {
    for (const close of closers.reverse()) await close();
    state.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
