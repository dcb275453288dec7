// **bench harvest --protocol sparql** measures the SPARQL adapter gathering N datasets from a sheaf and from a Virtuoso endpoint.
//   npm run bench -- harvest --protocol sparql [--sizes 10000,100000]
// Virtuoso joins: the one SHEAF_TEST_VIRTUOSO_QUERY_URL names, or a throwaway one started when virtuoso-t is installed.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sparql } from '../harvesters/sparql/index.js';
import { SafeFetcher } from '../src/core/safe-fetch.js';
import { benchVirtuoso } from './bench-virtuoso.js';
import { printTable } from './latency.js';
import { type BenchBackend, EmbeddedBackend, VirtuosoBackend } from './store-backends.js';

const TARGET = 500;

/**
 * Drains the adapter (SELECT pages of IRIs, adaptive CONSTRUCT batches, split per dataset) against `endpoint`:
 * the gather alone, without mapping, validation or storage, which the dcat harvest benchmark measures.
 */
async function gather(endpoint: string): Promise<{ records: number; errors: number; complete: boolean; ms: number; cpuMs: number }> {
  // Loopback source: no politeness delay, and room for the largest batches.
  const fetcher = new SafeFetcher({ allowPrivateNetworks: true, perHostDelayMs: 0, timeoutMs: 600_000 });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let records = 0;
  let errors = 0;
  let complete = false;
  try {
    for await (const item of sparql.harvest({ key: 'bench', url: endpoint }, { fetcher })) {
      if (item.kind === 'record') records += 1;
      else if (item.kind === 'error') errors += 1;
      else if (item.kind === 'end') complete = item.complete;
    }
  } finally {
    await fetcher.close();
  }
  const used = process.cpuUsage(cpu);
  return { records, errors, complete, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function benchBackend(backend: BenchBackend, endpoint: () => Promise<{ url: string; close(): Promise<void> }>, count: number): Promise<string[]> {
  process.stderr.write(`[${count}] ${backend.name}: loading…\n`);
  await backend.load(0, count);
  const served = await endpoint();
  try {
    process.stderr.write(`[${count}] ${backend.name}: harvesting ${served.url}…\n`);
    const r = await gather(served.url);
    const rate = Math.round(r.records / (r.ms / 1000));
    return [String(count), backend.name, `${(r.ms / 1000).toFixed(1)} s`, String(rate), String(Math.round(r.records / (r.cpuMs / 1000))),
      `≥ ${TARGET}`, `${r.records}/${count}`, String(r.errors), r.complete ? 'yes' : 'no', loadavg()[0]!.toFixed(1)];
  } finally {
    await served.close();
  }
}

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({ args: [...args], options: { sizes: { type: 'string', default: '10000' }, protocol: { type: 'string' } } });
  const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');
  const rows: string[][] = [];
  for (const count of values.sizes!.split(',').map(Number)) {
    const embedded = await EmbeddedBackend.open();
    try {
      rows.push(await benchBackend(embedded, async () => {
        const server = await embedded.serve();
        return { url: server.endpoint, close: () => server.close() };
      }, count));
    } finally {
      await embedded.close();
    }
    const server = await benchVirtuoso(process.env);
    const virtuoso = server === undefined ? undefined : await VirtuosoBackend.open(server.env);
    if (server === undefined || virtuoso === undefined) {
      rows.push([String(count), 'virtuoso: skipped (virtuoso-t not installed)', '-', '-', '-', '-', '-', '-', '-', '-']);
      continue;
    }
    try {
      rows.push(await benchBackend(virtuoso, async () => ({ url: server.queryUrl, close: async () => {} }), count));
    } finally {
      await virtuoso.close();
      await server.stop();
    }
  }
  console.log('\nSPARQL source benchmark: the sparql adapter gathering synthetic DCAT-AP datasets (36 triples each, one graph each) ' +
    'from sheaf\'s own /sparql (embedded store) and from Virtuoso, over HTTP on 127.0.0.1: SELECT pages of IRIs + adaptive CONSTRUCT batches');
  printTable(['datasets', 'endpoint', 'wall', 'datasets/s', 'datasets/CPU-s (harvester)', 'target', 'records', 'errors', 'complete', 'load 1m'], rows);
  console.log(`load average before ${loadBefore}, after ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
}
