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
import { buildApp } from '../src/serve/app.js';
import { openBenchCatalogue, type BenchCatalogue } from './harvested-bench-catalogue.js';
import { formatMs, measure, printTable, type Latency } from './latency.js';
import { KEYWORD_PROBE, WORDS } from './synthetic-dcat.js';

const GROUP_BY = QueryFile.load('bench-search-group-by');
const BASE = 'https://bench.sheaf.test';
const SEARCH_TARGET_MS = 50;
const CATALOG_TARGET_MS = 150;
const SLOW_PEER_MS = 2000;
const PEER_TIMEOUT_MS = 1000;

/** Keep-alive GETs over node:http (fetch adds ~7 ms per call here, more than the index itself). */
function client(origin: string): { get(pathAndQuery: string, accept?: string): Promise<{ status: number; body: string }>; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    get: (p, accept = 'application/json') => new Promise((resolve, reject) => {
      http.get(`${origin}${p}`, { agent, headers: { accept } }, (res) => {
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

const TURTLE = 'text/turtle';
const JSON_LD = 'application/ld+json';

/** `pages` hydra:next links of /catalog, walked from `start` (N-Triples, untimed): the cursors a harvester follows. */
async function cursorLinks(http1: ReturnType<typeof client>, start: string, pages: number): Promise<string[]> {
  const links: string[] = [];
  let url: string | undefined = start;
  while (url !== undefined && links.length < pages) {
    const body: string = (await http1.get(url, 'application/n-triples')).body;
    const next: string | undefined = /<http:\/\/www\.w3\.org\/ns\/hydra\/core#next> <([^>]+)>/.exec(body)?.[1];
    url = next === undefined ? undefined : next.slice(BASE.length);
    if (url !== undefined) links.push(url);
  }
  return links;
}

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      datasets: { type: 'string', default: '10000' }, runs: { type: 'string', default: '200' }, 'sparql-runs': { type: 'string', default: '10' },
      'peer-datasets': { type: 'string', default: '10000' }, 'data-dir': { type: 'string' },
    },
  });
  const count = Number(values.datasets);
  const runs = Number(values.runs);
  const sparqlRuns = Number(values['sparql-runs']);
  const peerCount = Math.min(count, Number(values['peer-datasets']));
  console.log(`serve benchmark: ${count.toLocaleString('en-US')} synthetic datasets, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  // --data-dir keeps the harvested catalogues (and reuses them next time); without it they live in a temp dir.
  const root = values['data-dir'] ?? mkdtempSync(path.join(tmpdir(), 'sheaf-bench-serve-'));
  const reuse = values['data-dir'] !== undefined;
  const closers: Array<() => Promise<unknown> | unknown> = [];
  try {
    const main = await openBenchCatalogue({ dir: path.join(root, `catalogue-${count}`), count, baseUrl: BASE, reuse });
    closers.push(() => main.close());
    const peers = peerCount === count ? main
      : await openBenchCatalogue({ dir: path.join(root, `catalogue-${peerCount}`), count: peerCount, baseUrl: BASE, reuse });
    if (peers !== main) closers.push(() => peers.close());

    const appFor = async (catalogue: BenchCatalogue, peerUrls: readonly string[]) => {
      const config = loadConfig({}, { baseUrl: BASE, dataDir: catalogue.dataDir, peers: peerUrls, allowPrivateNetworks: true, demo: false });
      const app = await buildApp({ config, store: catalogue.store, logger: false, discovery: catalogue.discovery });
      closers.push(() => app.close());
      return listen(app);
    };
    const origin = await appFor(main, []);
    const http1 = client(origin);
    closers.push(() => http1.close());

    // The question: the probe keyword, then the largest theme, publisher and format bucket, each chosen within
    // the previous choices, so the question has hits.
    let facetQs = '';
    const chosen: Record<string, string> = {};
    for (const facet of ['theme', 'publisher', 'format']) {
      const probe = JSON.parse((await http1.get(`/api/search?q=${KEYWORD_PROBE}${facetQs}&pageSize=1&facetLimit=1`)).body) as {
        facets: Record<string, Array<{ value: string }>>;
      };
      chosen[facet] = probe.facets[facet]?.[0]?.value ?? '';
      facetQs += `&${facet}=${encodeURIComponent(chosen[facet])}`;
    }
    const qs = `q=${KEYWORD_PROBE}${facetQs}`;
    const { theme = '', publisher = '', format = '' } = chosen;
    const answer = JSON.parse((await http1.get(`/api/search?${qs}`)).body) as { total: number };
    console.log(`search: "${KEYWORD_PROBE}" + theme, publisher, format → ${answer.total} hits`);

    const searchOk = async (p: string) => {
      const res = await http1.get(p);
      if (res.status !== 200) throw new Error(`/api/search: HTTP ${res.status}`);
    };
    const search = await measure(runs, () => searchOk(`/api/search?${qs}`));
    // A different keyword on every call (30 words, more than the index keeps matches for): full-text matching
    // and bm25 ranking every time.
    const searchFresh = await measure(runs, (i) => searchOk(`/api/search?q=${WORDS[(i + 1) % WORDS.length]}${facetQs}`));
    const groupByQuery = GROUP_BY.bind({
      word: [DataFactory.literal(KEYWORD_PROBE)], theme: [DataFactory.namedNode(theme)],
      publisher: [DataFactory.namedNode(publisher)], format: [DataFactory.namedNode(format)],
    });
    const indexStarted = performance.now();
    const sparqlHits = (await main.store.select(groupByQuery, { timeoutMs: 600_000 })).rows.find((r) => r.get('facet')?.value === theme)?.get('n')?.value ?? '0';
    if (main.reused) console.log(`store query index built from the log with the first query: ${formatMs(performance.now() - indexStarted)} ms`);
    const groupBy = await measure(sparqlRuns, () => main.store.select(groupByQuery, { timeoutMs: 120_000 }));
    console.log(`same question as SPARQL: ${sparqlHits} datasets (title-only CONTAINS; the index also reads descriptions and keywords)`);

    // /catalog: pages spread over the catalogue by number, and a walk along hydra:next cursors near the end.
    const lastPage = Math.max(1, Math.floor(count / 100));
    const catalogRuns = Math.min(runs, 100);
    const spread = (i: number) => `/catalog?pageSize=100&page=${i < 0 ? 1 : 1 + ((i * 7919) % lastPage)}`;
    const walk = await cursorLinks(http1, `/catalog?pageSize=100&page=${Math.max(1, lastPage - catalogRuns - 2)}`, catalogRuns + 1);
    const catalogOk = async (p: string, accept: string) => {
      const res = await http1.get(p, accept);
      if (res.status !== 200) throw new Error(`/catalog: HTTP ${res.status}`);
    };
    const catalog = {
      turtle: await measure(catalogRuns, (i) => catalogOk(spread(i), TURTLE)),
      jsonld: await measure(catalogRuns, (i) => catalogOk(spread(i), JSON_LD)),
      turtleWalk: await measure(walk.length - 1, (i) => catalogOk(walk[i + 1]!, TURTLE)),
      jsonldWalk: await measure(walk.length - 1, (i) => catalogOk(walk[i + 1]!, JSON_LD)),
    };

    // Federation: three peers over one catalogue of `peerCount` datasets, the third behind a 2 s link.
    const peer1 = await appFor(peers, []);
    const peer2 = await appFor(peers, []);
    const slow = await slowProxy(await appFor(peers, []), SLOW_PEER_MS);
    closers.push(() => slow.close());
    const front = client(await appFor(main, [peer1, peer2, slow.url]));
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

    const catalogRow = (label: string, l: Latency, note: string) =>
      [label, formatMs(l.median), formatMs(l.p95), `p95 ≤ ${CATALOG_TARGET_MS}`, ok(l, CATALOG_TARGET_MS), note];
    printTable(['measure', 'p50 ms', 'p95 ms', 'target', 'met', 'note'], [
      ['/api/search, keyword + 3 facets (HTTP)', formatMs(search.median), formatMs(search.p95), `p95 ≤ ${SEARCH_TARGET_MS}`, ok(search, SEARCH_TARGET_MS),
        `${runs} runs, ${answer.total} hits; keyword matches reused between calls`],
      ['same, another keyword every call', formatMs(searchFresh.median), formatMs(searchFresh.p95), `p95 ≤ ${SEARCH_TARGET_MS}`, ok(searchFresh, SEARCH_TARGET_MS),
        `${runs} runs; full-text match and ranking each time`],
      ['same question, SPARQL GROUP BY on the store', formatMs(groupBy.median), formatMs(groupBy.p95), '–', '–',
        `${sparqlRuns} runs; ${(groupBy.median / search.median).toFixed(0)}× / ${(groupBy.median / searchFresh.median).toFixed(0)}× the search (p50)`],
      catalogRow('/catalog page of 100, Turtle', catalog.turtle, `${catalogRuns} pages by number, spread over the catalogue`),
      catalogRow('/catalog page of 100, JSON-LD', catalog.jsonld, 'same pages'),
      catalogRow('/catalog page of 100, Turtle, cursor walk', catalog.turtleWalk, `${walk.length - 1} hydra:next cursors from page ${Math.max(1, lastPage - catalogRuns - 2) + 1}`),
      catalogRow('/catalog page of 100, JSON-LD, cursor walk', catalog.jsonldWalk, 'same cursors'),
      [`federated search, 3 peers of ${peerCount.toLocaleString('en-US')}, one after ${SLOW_PEER_MS} ms`, formatMs(federated.median), formatMs(federated.p95),
        `≤ ${PEER_TIMEOUT_MS + 100} (timeout + 100)`, federated.p95 <= PEER_TIMEOUT_MS + 100 && partial && slowStatus === 'timeout' ? 'yes' : 'NO',
        `partial=${partial}, slow peer ${slowStatus}`],
    ]);
    console.log(`load at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    for (const close of closers.reverse()) await close();
    if (!reuse) rmSync(root, { recursive: true, force: true });
  }
}
