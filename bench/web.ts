// **web** benchmark: the console's public pages (Discover, dataset, term) beside the JSON API answering the same question.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../src/core/config.js';
import { buildApp } from '../src/serve/app.js';
import { openBenchCatalogue } from './harvested-bench-catalogue.js';
import { formatMs, measurePair, printTable, type Latency } from './latency.js';
import { KEYWORD_PROBE } from './synthetic-dcat.js';

const BASE = 'https://bench.sheaf.test';
const DISCOVER_TARGET_MS = 100;
const PAGE_TARGET_MS = 50;
const DISCOVER_BYTES_TARGET = 150 * 1024;

/** Keep-alive GETs over node:http: the figures are the server's answer plus a loopback round trip. */
function client(origin: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  return {
    get: (p: string, accept = 'text/html'): Promise<{ status: number; body: string; type: string }> => new Promise((resolve, reject) => {
      http.get(`${origin}${p}`, { agent, headers: { accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), type: String(res.headers['content-type'] ?? '') }));
        res.on('error', reject);
      }).on('error', reject);
    }),
    close: () => agent.destroy(),
  };
}

const ok = (l: Latency, target: number) => (l.p95 <= target ? 'yes' : 'NO');

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { datasets: { type: 'string', default: '10000' }, runs: { type: 'string', default: '100' }, 'data-dir': { type: 'string' } },
  });
  const count = Number(values.datasets);
  const runs = Number(values.runs);
  console.log(`web benchmark: ${count.toLocaleString('en-US')} synthetic datasets, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const root = values['data-dir'] ?? mkdtempSync(path.join(tmpdir(), 'sheaf-bench-web-'));
  const reuse = values['data-dir'] !== undefined;
  const closers: Array<() => Promise<unknown> | unknown> = [];
  try {
    const catalogue = await openBenchCatalogue({ dir: path.join(root, `catalogue-${count}`), count, baseUrl: BASE, reuse });
    closers.push(() => catalogue.close());
    const config = loadConfig({}, { baseUrl: BASE, dataDir: catalogue.dataDir, allowPrivateNetworks: true, demo: false });
    const app = await buildApp({ config, store: catalogue.store, logger: false, discovery: catalogue.discovery });
    closers.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const c = client(origin);
    closers.push(() => c.close());

    // The question: the probe keyword and the largest theme, publisher and format bucket, each within the previous.
    let facetQs = '';
    for (const facet of ['theme', 'publisher', 'format']) {
      const probe = JSON.parse((await c.get(`/api/search?q=${KEYWORD_PROBE}${facetQs}&pageSize=1&facetLimit=1`, 'application/json')).body) as {
        facets: Record<string, Array<{ value: string }>>;
      };
      facetQs += `&${facet}=${encodeURIComponent(probe.facets[facet]?.[0]?.value ?? '')}`;
    }
    const qs = `q=${KEYWORD_PROBE}${facetQs}`;
    const hits = (JSON.parse((await c.get(`/api/search?${qs}&pageSize=1`, 'application/json')).body) as { total: number }).total;
    console.log(`Discover question: "${KEYWORD_PROBE}" + theme, publisher, format → ${hits} hits`);
    const expect200 = async (p: string, accept?: string) => {
      const res = await c.get(p, accept);
      if (res.status !== 200) throw new Error(`${p}: HTTP ${res.status}`);
      return res;
    };
    // The API asked what the page shows: the same page size and facet values (Discover asks for up to 500 per facet).
    const [discover, discoverApi] = await measurePair(runs, () => expect200(`/?${qs}`), () => expect200(`/api/search?${qs}&pageSize=20&facetLimit=500`, 'application/json'));

    const items = (JSON.parse((await expect200(`/api/search?pageSize=50`, 'application/json')).body) as { items: Array<{ page: string }> }).items;
    const pages = items.map((i) => i.page.slice(BASE.length));
    const [datasetHtml, datasetTurtle] = await measurePair(runs, (i) => expect200(pages[Math.abs(i) % pages.length]!), (i) => expect200(pages[Math.abs(i) % pages.length]!, 'text/turtle'));

    const terms = [...catalogue.discovery.terms.all()].slice(0, 50).map((t) => t.iri);
    const facetOf = (iri: string) => `/api/search?pageSize=10&condition=${encodeURIComponent(iri)}`;
    const [termHtml, termApi] = terms.length === 0 ? [undefined, undefined]
      : await measurePair(runs, (i) => expect200(`/ontology/term?iri=${encodeURIComponent(terms[Math.abs(i) % terms.length]!)}`), (i) => expect200(facetOf(terms[Math.abs(i) % terms.length]!), 'application/json'));

    // What a first visit to Discover downloads, compressed: the page, the stylesheet and the scripts it names.
    const html = (await expect200(`/?${qs}`)).body;
    const assets = [...html.matchAll(/<(?:link rel="stylesheet" href|script src)="([^"]+)"/g)].map((m) => m[1]!);
    let bytes = gzipSync(html).length;
    for (const a of assets) bytes += gzipSync((await expect200(a, '*/*')).body).length;

    const row = (name: string, l: Latency | undefined, target: number | undefined, note: string) => [
      name, formatMs(l?.median), formatMs(l?.p95), target === undefined ? '–' : `p95 ≤ ${target}`, l === undefined || target === undefined ? '–' : ok(l, target), note,
    ];
    printTable(['measure', 'p50 ms', 'p95 ms', 'target', 'met', 'note'], [
      row('Discover /, keyword + 3 facets (HTML)', discover, DISCOVER_TARGET_MS, `${runs} runs, alternating with the API`),
      row('same question, /api/search (JSON)', discoverApi, undefined, 'pageSize 20, facetLimit 500, as the page asks'),
      row('dataset page /datasets/{id} (HTML)', datasetHtml, PAGE_TARGET_MS, `${pages.length} datasets in turn`),
      row('same dataset, Turtle', datasetTurtle, undefined, 'the record as data, same route'),
      row('ontology term page (HTML)', termHtml, PAGE_TARGET_MS, `${terms.length} terms in turn`),
      row('datasets under the term, /api/search', termApi, undefined, 'the term as a condition filter'),
      ['Discover HTML + CSS + JS, gzip', `${(bytes / 1024).toFixed(1)} kB`, '', `≤ ${DISCOVER_BYTES_TARGET / 1024} kB`, bytes <= DISCOVER_BYTES_TARGET ? 'yes' : 'NO', `the page and ${assets.length} assets: ${assets.join(', ')}`],
    ]);
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    for (const close of closers.reverse()) await close();
    if (!reuse) rmSync(root, { recursive: true, force: true });
  }
}
