// **bench store** measures load, restart and query latency of every store backend on synthetic DCAT.
//   npm run bench -- store [--sizes 10000,100000] [--runs 7] [--comunica-max 10000] [--backends embedded,comunica,virtuoso]
// Virtuoso joins when SHEAF_TEST_VIRTUOSO_QUERY_URL is set (`. $VIRTUOSO_DIR/env` after .ci/virtuoso.sh start).
import { parseArgs } from 'node:util';
import { type Latency, formatLatency, formatMs, measure, printTable } from './latency.js';
import { type BenchBackend, ComunicaBackend, EmbeddedBackend, type QueryRunner, VirtuosoBackend } from './store-backends.js';
import { KEYWORD_PROBE, syntheticGraph } from './synthetic-dcat.js';

const PREFIXES = `PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
`;

interface BenchQuery {
  readonly id: string;
  readonly label: string;
  readonly form: 'select' | 'construct';
  /** The query for a catalogue of `size` datasets; `i` varies per run where that matters. */
  text(size: number, i: number): string;
}

const QUERIES: readonly BenchQuery[] = [
  {
    id: 'keyword',
    label: 'keyword CONTAINS(LCASE) + ORDER BY LIMIT 20',
    form: 'select',
    text: () => `${PREFIXES}SELECT ?d ?title WHERE { ?d a dcat:Dataset ; dct:title ?title .
  FILTER(CONTAINS(LCASE(STR(?title)), "${KEYWORD_PROBE}")) } ORDER BY ?title LIMIT 20`,
  },
  {
    id: 'theme',
    label: 'facet GROUP BY theme',
    form: 'select',
    text: () => `${PREFIXES}SELECT ?theme (COUNT(?d) AS ?n) WHERE { ?d a dcat:Dataset ; dcat:theme ?theme }
GROUP BY ?theme ORDER BY DESC(?n)`,
  },
  {
    id: 'publisher',
    label: 'facet GROUP BY publisher, top 10',
    form: 'select',
    text: () => `${PREFIXES}SELECT ?publisher (COUNT(?d) AS ?n) WHERE { ?d a dcat:Dataset ; dct:publisher ?publisher }
GROUP BY ?publisher ORDER BY DESC(?n) LIMIT 10`,
  },
  {
    id: 'paging',
    label: 'page ORDER BY modified OFFSET size/2',
    form: 'select',
    text: (size) => `${PREFIXES}SELECT ?d ?modified WHERE { ?d a dcat:Dataset ; dct:modified ?modified }
ORDER BY DESC(?modified) ?d LIMIT 20 OFFSET ${Math.floor(size / 2)}`,
  },
  {
    id: 'select20',
    label: '20-row SELECT (no sort)',
    form: 'select',
    text: () => `${PREFIXES}SELECT ?d ?modified WHERE { ?d a dcat:Dataset ; dct:modified ?modified } LIMIT 20`,
  },
  {
    id: 'construct',
    label: 'CONSTRUCT one dataset graph',
    form: 'construct',
    // A different record each run (a fixed stride through the catalogue), so no answer is cached.
    text: (size, i) => `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${syntheticGraph(((i + 1) * 7_919) % size)}> { ?s ?p ?o } }`,
  },
];

const BACKENDS = ['embedded', 'comunica', 'virtuoso'] as const;

interface Options {
  readonly sizes: number[];
  readonly runs: number;
  readonly comunicaMax: number;
  readonly backends: ReadonlySet<string>;
}

function options(args: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...args],
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      runs: { type: 'string', default: '7' },
      'comunica-max': { type: 'string', default: '10000' },
      backends: { type: 'string', default: BACKENDS.join(',') },
    },
  });
  const backends = new Set((values.backends ?? '').split(',').filter(Boolean));
  const unknown = [...backends].filter((b) => !(BACKENDS as readonly string[]).includes(b));
  if (unknown.length > 0) throw new Error(`--backends: unknown ${unknown.join(', ')} (known: ${BACKENDS.join(', ')})`);
  const sizes = (values.sizes ?? '').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--sizes wants positive integers, got "${values.sizes}"`);
  return { sizes: [...sizes].sort((a, b) => a - b), runs: Number(values.runs), comunicaMax: Number(values['comunica-max']), backends };
}

/** Figures of one backend at one size; `http` when a sheaf server over it was measured too. */
interface Figures {
  load?: { quadsPerSecond: number; quads: number; ms: number };
  restartMs?: number;
  inProcess: Map<string, Latency>;
  http: Map<string, Latency>;
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function runQueries(runner: QueryRunner, size: number, runs: number, into: Map<string, Latency>, tag: string) {
  for (const q of QUERIES) {
    // Single-record CONSTRUCT is cheap and noisy: more runs make its median trustworthy.
    const n = q.form === 'construct' ? Math.max(runs, 50) : runs;
    const latency = await measure(n, (i) => (q.form === 'select' ? runner.select(q.text(size, i)) : runner.construct(q.text(size, i))));
    into.set(q.id, latency);
    log(`${tag} ${q.id}: median ${formatMs(latency.median)} ms`);
  }
}

export async function run(args: readonly string[]): Promise<void> {
  const opts = options(args);
  const backends: BenchBackend[] = [];
  if (opts.backends.has('embedded')) backends.push(await EmbeddedBackend.open());
  if (opts.backends.has('comunica')) backends.push(await ComunicaBackend.open());
  if (opts.backends.has('virtuoso')) {
    const virtuoso = await VirtuosoBackend.open(process.env);
    if (virtuoso) backends.push(virtuoso);
    else log('virtuoso: skipped (SHEAF_TEST_VIRTUOSO_QUERY_URL not set)');
  }
  const results = new Map<number, Map<string, Figures>>();
  const loaded = new Map<string, number>();
  try {
    for (const size of opts.sizes) {
      const perBackend = new Map<string, Figures>();
      results.set(size, perBackend);
      for (const backend of backends) {
        if (backend.name === 'comunica' && size > opts.comunicaMax) continue;
        const figures: Figures = { inProcess: new Map(), http: new Map() };
        perBackend.set(backend.name, figures);
        // Sizes grow one catalogue: the 100 k run adds 90 k datasets to the 10 k already there.
        const have = loaded.get(backend.name) ?? 0;
        log(`${backend.name}: loading datasets ${have}…${size - 1}`);
        const started = performance.now();
        const quads = await backend.load(have, size - have);
        const ms = performance.now() - started;
        loaded.set(backend.name, size);
        figures.load = { quads, ms, quadsPerSecond: quads / (ms / 1000) };
        log(`${backend.name}: ${quads} quads in ${formatMs(ms)} ms`);
        // Comunica at 10 k already takes seconds per query (stack-notes: tens of seconds at 100 k): fewer runs.
        const runs = backend.name === 'comunica' ? Math.min(opts.runs, 3) : opts.runs;
        await runQueries(backend, size, runs, figures.inProcess, `${backend.name} in-process`);
        if (backend.serve) {
          const server = await backend.serve();
          try {
            await runQueries(server, size, runs, figures.http, `${backend.name} over HTTP`);
          } finally {
            await server.close();
          }
        }
        if (backend.restart) {
          figures.restartMs = await backend.restart();
          log(`${backend.name}: restart ${formatMs(figures.restartMs)} ms`);
        }
      }
      report(size, perBackend);
    }
  } finally {
    for (const backend of backends) await backend.close();
  }
}

// ---- the table ----

function ratio(baseline: Latency | undefined, other: Latency | undefined): string {
  if (!baseline || !other || other.median === 0) return '–';
  const r = baseline.median / other.median;
  return `${r >= 10 ? Math.round(r) : r.toFixed(1)}×`;
}

function targetCell(id: string, figures: Figures | undefined): string {
  if (!figures) return '';
  const http = figures.http.get(id)?.median;
  const inProcess = figures.inProcess.get(id)?.median;
  if (id === 'construct' && http !== undefined) return `HTTP ≤ 5 ms: ${http <= 5 ? 'met' : 'MISSED'}`;
  if ((id === 'select20' || id === 'keyword') && http !== undefined && inProcess) {
    const added = (http / inProcess - 1) * 100;
    return `HTTP adds ≤ 10 %: ${added.toFixed(0)} % ${added <= 10 ? 'met' : 'MISSED'}`;
  }
  return '';
}

function report(size: number, perBackend: Map<string, Figures>): void {
  const emb = perBackend.get('embedded');
  const com = perBackend.get('comunica');
  const vir = perBackend.get('virtuoso');
  const quads = Math.max(0, ...[...perBackend.values()].map((f) => f.load?.quads ?? 0));
  console.log(`\n## ${size.toLocaleString('en-US')} datasets (${quads.toLocaleString('en-US')} quads) — latency median / p95 ms`);
  const header = ['measure', 'embedded', 'embedded HTTP', 'comunica (baseline)', 'virtuoso', 'virtuoso HTTP', 'embedded vs comunica', 'virtuoso vs comunica', 'embedded target'];
  const perSecond = (f: Figures | undefined) => (f?.load ? Math.round(f.load.quadsPerSecond).toLocaleString('en-US') : '–');
  const loadTarget = emb?.load ? `≥ 100,000: ${emb.load.quadsPerSecond >= 100_000 ? 'met' : 'MISSED'}` : '';
  const restartTarget = emb?.restartMs !== undefined && size >= 100_000 ? `≤ 45 s: ${emb.restartMs <= 45_000 ? 'met' : 'MISSED'}` : '';
  const rows: string[][] = [
    ['load (quads/s)', perSecond(emb), '', perSecond(com), perSecond(vir), '', '', '', loadTarget],
    ['restart (s)', emb?.restartMs !== undefined ? (emb.restartMs / 1000).toFixed(1) : '–', '', '–', '–', '', '', '', restartTarget],
  ];
  for (const q of QUERIES) {
    rows.push([
      q.label,
      formatLatency(emb?.inProcess.get(q.id)),
      formatLatency(emb?.http.get(q.id)),
      formatLatency(com?.inProcess.get(q.id)),
      formatLatency(vir?.inProcess.get(q.id)),
      formatLatency(vir?.http.get(q.id)),
      ratio(com?.inProcess.get(q.id), emb?.inProcess.get(q.id)),
      ratio(com?.inProcess.get(q.id), vir?.inProcess.get(q.id)),
      targetCell(q.id, emb),
    ]);
  }
  printTable(header, rows);
  console.log('Ratios: baseline median ÷ backend median (> 1× is faster than Comunica). Comunica only up to --comunica-max.');
}
