// **bench harvest --protocol sparql** measures the SPARQL adapter gathering N datasets from a sheaf and from a Virtuoso endpoint.
//   npm run bench -- harvest --protocol sparql [--sizes 10000,100000] [--repeat 3] [--per-page 100]
// Beside them, in the same run, the dcat adapter gathers the same datasets from Hydra-paged N-Triples documents.
// Virtuoso joins: the one SHEAF_TEST_VIRTUOSO_QUERY_URL names, or a throwaway one started when virtuoso-t is installed.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dcat } from '../harvesters/dcat/index.js';
import type { Harvester, SourceConfig } from '../harvesters/harvester.js';
import { sparql } from '../harvesters/sparql/index.js';
import { quadLine } from '../src/core/nquads.js';
import { SafeFetcher } from '../src/core/safe-fetch.js';
import { benchVirtuoso, type BenchVirtuoso } from './bench-virtuoso.js';
import { printTable } from './latency.js';
import { EmbeddedBackend, VirtuosoBackend } from './store-backends.js';
import { syntheticDcat } from './synthetic-dcat.js';
import { serveFeedPages, writeFeedPages } from './synthetic-feed.js';

const TARGET = 500;

interface Gathered {
  readonly records: number;
  readonly errors: number;
  readonly complete: boolean;
  readonly ms: number;
  readonly cpuMs: number;
  readonly load: number;
  /** CPU the endpoint's own process used meanwhile, when it is another process of this machine. */
  readonly serverCpuMs?: number;
}

/**
 * Drains an adapter against `source`: the gather alone, without mapping, validation or storage, which the dcat
 * harvest benchmark (`bench harvest`) measures end to end. CPU is this process's: for the embedded endpoint
 * that includes the server (same process, its store's worker thread included).
 */
async function gather(harvester: Harvester, source: SourceConfig, serverPid?: number): Promise<Gathered> {
  // Loopback source: no politeness delay, and room for the largest batches.
  const fetcher = new SafeFetcher({ allowPrivateNetworks: true, perHostDelayMs: 0, timeoutMs: 600_000 });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const serverCpu = serverPid === undefined ? undefined : processCpuMs(serverPid);
  let records = 0;
  let errors = 0;
  let complete = false;
  try {
    for await (const item of harvester.harvest(source, { fetcher })) {
      if (item.kind === 'record') records += 1;
      else if (item.kind === 'error') errors += 1;
      else if (item.kind === 'end') complete = item.complete;
    }
  } finally {
    await fetcher.close();
  }
  const used = process.cpuUsage(cpu);
  const serverAfter = serverPid === undefined ? undefined : processCpuMs(serverPid);
  return {
    records, errors, complete, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, load: loadavg()[0]!,
    ...(serverCpu !== undefined && serverAfter !== undefined && { serverCpuMs: serverAfter - serverCpu }),
  };
}

/** CPU milliseconds a process has used so far (Linux /proc; clock ticks of 10 ms), or undefined. */
function processCpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is 14th, stime 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** The pid of a Virtuoso this benchmark started (its lock file names it), to count the server's CPU. */
function virtuosoPid(server: BenchVirtuoso): number | undefined {
  if (server.bulk === undefined) return undefined;
  try {
    const m = /VIRT_PID=(\d+)/.exec(readFileSync(path.join(server.bulk.dir, 'virtuoso.lck'), 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** `repeat` gathers of `count` datasets, summarised as one table row (median rate, its range, the load averages seen). */
async function measure(label: string, count: number, repeat: number, harvester: Harvester, source: SourceConfig, serverPid?: number): Promise<string[]> {
  const runs: Gathered[] = [];
  for (let r = 0; r < repeat; r++) {
    process.stderr.write(`[${count}] ${label}: gather ${r + 1}/${repeat}…`);
    const g = await gather(harvester, source, serverPid);
    process.stderr.write(` ${(g.ms / 1000).toFixed(1)} s, ${Math.round(g.records / (g.ms / 1000))}/s, ${g.records} records, ${g.errors} errors, load ${g.load.toFixed(1)}\n`);
    runs.push(g);
  }
  const rates = runs.map((g) => g.records / (g.ms / 1000));
  const cpuRates = runs.map((g) => g.records / (g.cpuMs / 1000));
  const serverRates = runs.flatMap((g) => (g.serverCpuMs === undefined ? [] : [g.records / (g.serverCpuMs / 1000)]));
  const whole = runs.every((g) => g.records === count && g.errors === 0 && g.complete);
  const row = [String(count), label, `${(median(runs.map((g) => g.ms)) / 1000).toFixed(1)} s`, String(Math.round(median(rates))),
    `${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))}`, String(Math.round(median(cpuRates))),
    serverRates.length === 0 ? '-' : String(Math.round(median(serverRates))), `≥ ${TARGET}`,
    whole ? `${count}/${count} ×${repeat}` : runs.map((g) => `${g.records}/${count}${g.complete ? '' : ' partial'}`).join(', '),
    runs.map((g) => g.load.toFixed(1)).join(' ')];
  process.stderr.write(`${row.join(' | ')}\n`);
  return row;
}

/** Virtuoso's own bulk loader when this benchmark started it (SPARQL updates of 100 k graphs take far longer). */
async function loadVirtuoso(server: BenchVirtuoso, count: number): Promise<{ close(): Promise<void> }> {
  if (server.bulk !== undefined) {
    const file = 'bench-harvest-sparql.nq';
    const out = createWriteStream(path.join(server.bulk.dir, file));
    for (const q of syntheticDcat({ count })) if (!out.write(quadLine(q))) await once(out, 'drain');
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await server.bulk.load(file);
    rmSync(path.join(server.bulk.dir, file), { force: true });
    // A throwaway server: stopping it discards the data.
    return { close: async () => {} };
  }
  const backend = await VirtuosoBackend.open(server.env);
  if (backend === undefined) throw new Error('no Virtuoso query URL');
  await backend.load(0, count);
  return backend;
}

interface SizeOptions {
  readonly repeat: number;
  readonly perPage: number;
}

async function benchSize(count: number, o: SizeOptions): Promise<string[][]> {
  const rows: string[][] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-harvest-sparql-'));
  try {
    process.stderr.write(`[${count}] writing the same datasets as Hydra-paged N-Triples documents…\n`);
    const pages = writeFeedPages({ dir: work, count, perPage: o.perPage });
    const feed = await serveFeedPages({ dir: work, pages });
    feed.conditional = false;
    try {
      rows.push(await measure(`dcat: Hydra-paged N-Triples documents (${o.perPage} per page)`, count, o.repeat, dcat, { key: 'bench', url: feed.url }));
    } finally {
      await feed.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const embedded = await EmbeddedBackend.open();
  try {
    process.stderr.write(`[${count}] embedded: loading…\n`);
    await embedded.load(0, count);
    const served = await embedded.serve();
    try {
      rows.push(await measure('sparql: sheaf /sparql (embedded store)', count, o.repeat, sparql, { key: 'bench', url: served.endpoint }));
    } finally {
      await served.close();
    }
  } finally {
    await embedded.close();
  }

  const server = await benchVirtuoso(process.env);
  if (server === undefined) {
    rows.push([String(count), 'sparql: virtuoso skipped (virtuoso-t not installed)', '-', '-', '-', '-', '-', '-', '-', '-']);
    return rows;
  }
  try {
    process.stderr.write(`[${count}] virtuoso: loading…\n`);
    const loaded = await loadVirtuoso(server, count);
    try {
      rows.push(await measure('sparql: Virtuoso', count, o.repeat, sparql, { key: 'bench', url: server.queryUrl }, virtuosoPid(server)));
    } finally {
      await loaded.close();
    }
  } finally {
    await server.stop();
  }
  return rows;
}

export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: { sizes: { type: 'string', default: '10000' }, repeat: { type: 'string', default: '3' }, 'per-page': { type: 'string', default: '100' }, protocol: { type: 'string' } },
  });
  const o: SizeOptions = { repeat: Math.max(1, Number(values.repeat)), perPage: Number(values['per-page']) };
  const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');
  const rows: string[][] = [];
  for (const count of values.sizes!.split(',').map(Number)) rows.push(...(await benchSize(count, o)));
  console.log('\nSPARQL source benchmark: the sparql adapter gathering synthetic DCAT-AP datasets (36 triples each, one graph each) ' +
    'from sheaf\'s own /sparql (embedded store) and from Virtuoso over HTTP on 127.0.0.1 (SELECT pages of IRIs + adaptive CONSTRUCT batches), ' +
    `beside the dcat adapter gathering the same datasets from Hydra-paged documents; the gather only (no mapping, validation or storage); median of ${o.repeat}`);
  printTable(['datasets', 'source', 'wall (median)', 'datasets/s (median)', 'range', 'datasets/CPU-s (this process)', 'datasets/CPU-s (Virtuoso\'s process)', 'target', 'records', 'load 1m per run'], rows);
  console.log(`load average before ${loadBefore}, after ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
}
