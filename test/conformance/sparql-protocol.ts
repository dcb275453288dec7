// **sparql-protocol** conformance: the 34 W3C SPARQL 1.1 Protocol tests as HTTP exchanges against a real sheaf server.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';
import { loadConfig } from '../../src/core/config.js';
import { NS } from '../../src/core/namespaces.js';
import { buildApp } from '../../src/serve/app.js';
import { openStore } from '../../src/store/open-store.js';
import type { CatalogueStore } from '../../src/store/catalogue-store.js';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const HT = 'http://www.w3.org/2011/http#';
const CNT = 'http://www.w3.org/2011/content#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const HTS = 'http://www.w3.org/2011/http-statusCodes#';

interface ExpectedResponse {
  /** Acceptable status classes, e.g. [2, 3]. */
  readonly statusClasses: readonly number[];
  readonly format?: 'boolean' | 'tabular' | 'RDF';
  readonly boolean?: boolean;
}

interface ProtocolRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
  readonly expect: ExpectedResponse;
}

interface ProtocolTest {
  readonly id: string;
  readonly name: string;
  /** Named graphs to load first: graph IRI → N-Triples file. */
  readonly graphData: ReadonlyMap<string, string>;
  readonly requests: readonly ProtocolRequest[];
}

// ---- reading the manifest ----------------------------------------------------------------------------------------

class Graph {
  constructor(readonly quads: readonly Quad[]) {}
  all(s: Term, p: string): Term[] {
    return this.quads.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);
  }
  one(s: Term, p: string): Term | undefined {
    return this.all(s, p)[0];
  }
  list(head: Term | undefined): Term[] {
    const items: Term[] = [];
    for (let node = head; node && node.value !== `${NS.rdf}nil`; node = this.one(node, `${NS.rdf}rest`)) {
      const first = this.one(node, `${NS.rdf}first`);
      if (first) items.push(first);
    }
    return items;
  }
}

function readRequest(g: Graph, req: Term): ProtocolRequest {
  const headers: Record<string, string> = {};
  for (const h of g.list(g.one(req, `${HT}headers`))) {
    headers[g.one(h, `${HT}fieldName`)!.value.toLowerCase()] = g.one(h, `${HT}fieldValue`)!.value;
  }
  const bodyNode = g.one(req, `${HT}body`);
  let body: Buffer | undefined;
  if (bodyNode) {
    const chars = g.one(bodyNode, `${CNT}chars`)!.value;
    const encoding = g.one(bodyNode, `${CNT}characterEncoding`)?.value.toUpperCase() ?? 'UTF-8';
    body = encoding === 'UTF-16' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chars, 'utf16le')]) : Buffer.from(chars, 'utf8');
  }
  const resp = g.one(req, `${HT}resp`)!;
  const statusClasses = g.all(resp, `${MF}expectedStatus`).map((t) => Number(/StatusCode(\d)xx$/.exec(t.value)?.[1]));
  const format = g.one(resp, `${MF}expectedFormat`)?.value as ExpectedResponse['format'];
  const bool = g.one(resp, `${MF}expectedBoolean`)?.value;
  return {
    method: g.one(req, `${HT}methodName`)!.value,
    path: g.one(req, `${HT}absolutePath`)!.value,
    headers,
    ...(body && { body }),
    expect: { statusClasses, ...(format && { format }), ...(bool !== undefined && { boolean: bool === 'true' }) },
  };
}

async function readManifest(file: string): Promise<ProtocolTest[]> {
  const base = pathToFileURL(file).href;
  const g = new Graph(new Parser({ baseIRI: base }).parse(await readFile(file, 'utf8')));
  const manifest = g.quads.find((q) => q.predicate.value === `${MF}entries`)!;
  return g.list(manifest.object).map((entry) => {
    const graphData = new Map<string, string>();
    for (const gd of g.all(entry, `${UT}graphData`)) {
      graphData.set(g.one(gd, `${NS.rdfs}label`)!.value, new URL(g.one(gd, `${UT}graph`)!.value).pathname);
    }
    const action = g.one(entry, `${MF}action`)!;
    return {
      id: entry.value.split('#')[1] ?? entry.value,
      name: g.one(entry, `${MF}name`)?.value ?? '',
      graphData,
      requests: g.list(g.one(action, `${HT}requests`)).map((r) => readRequest(g, r)),
    };
  });
}

// ---- running one exchange -----------------------------------------------------------------------------------------

interface Answer { readonly status: number; readonly contentType: string; readonly body: string }

function exchange(origin: URL, req: ProtocolRequest, token: string | undefined): Promise<Answer> {
  // node:http, not fetch: fetch would add a Content-Type the "missing type" tests must not send.
  const path = req.path.replace(/^\/sparql\/?/, '/sparql');
  const headers: Record<string, string> = { ...req.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (req.body) headers['content-length'] = String(req.body.length);
  return new Promise((resolvePromise, reject) => {
    const r = httpRequest({ host: origin.hostname, port: origin.port, method: req.method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePromise({
        status: res.statusCode ?? 0,
        contentType: (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
        body: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

const BOOLEAN_TYPES = new Set(['application/sparql-results+json', 'application/sparql-results+xml']);
const TABULAR_TYPES = new Set([...BOOLEAN_TYPES, 'text/csv', 'text/tab-separated-values']);
const RDF_TYPES = new Map([['text/turtle', 'text/turtle'], ['application/n-triples', 'application/n-triples'], ['application/rdf+xml', '']]);

function readBoolean(answer: Answer): boolean | undefined {
  if (answer.contentType === 'application/sparql-results+json') return (JSON.parse(answer.body) as { boolean?: boolean }).boolean;
  const m = /<boolean>\s*(true|false)\s*<\/boolean>/.exec(answer.body);
  return m ? m[1] === 'true' : undefined;
}

/** Returns undefined when the answer meets the expectation, else what was wrong. */
function check(answer: Answer, expect: ExpectedResponse): string | undefined {
  const statusClass = Math.floor(answer.status / 100);
  if (!expect.statusClasses.includes(statusClass)) {
    return `status ${answer.status}, expected ${expect.statusClasses.map((c) => `${c}xx`).join(' or ')}: ${answer.body.slice(0, 200)}`;
  }
  switch (expect.format) {
    case undefined: return undefined;
    case 'boolean': {
      if (!BOOLEAN_TYPES.has(answer.contentType)) return `content type ${answer.contentType} is not a boolean results format`;
      const value = readBoolean(answer);
      if (value === undefined) return `no boolean in ${answer.body.slice(0, 200)}`;
      if (expect.boolean !== undefined && value !== expect.boolean) return `answered ${value}, expected ${expect.boolean}`;
      return undefined;
    }
    case 'tabular': {
      if (!TABULAR_TYPES.has(answer.contentType)) return `content type ${answer.contentType} is not a tabular results format`;
      if (answer.contentType === 'application/sparql-results+json') {
        const doc = JSON.parse(answer.body) as { head?: { vars?: unknown }; results?: { bindings?: unknown } };
        if (!Array.isArray(doc.head?.vars) || !Array.isArray(doc.results?.bindings)) return 'JSON results lack head.vars or results.bindings';
      }
      return undefined;
    }
    case 'RDF': {
      const parserFormat = RDF_TYPES.get(answer.contentType);
      if (parserFormat === undefined) return `content type ${answer.contentType} is not RDF/XML, Turtle or N-Triples`;
      if (parserFormat) {
        try { new Parser({ format: parserFormat }).parse(answer.body); } catch (e) { return `unparseable ${answer.contentType}: ${(e as Error).message}`; }
      }
      return undefined;
    }
  }
}

// ---- the suite ----------------------------------------------------------------------------------------------------

async function loadGraphs(store: CatalogueStore, dir: string, graphData: ReadonlyMap<string, string>): Promise<void> {
  for (const graph of await store.listGraphs()) await store.dropGraph(graph);
  for (const [graph, file] of graphData) {
    const quads = new Parser({ format: 'application/n-triples' }).parse(await readFile(join(dir, file.split('/').pop()!), 'utf8'));
    await store.replaceGraph(graph, quads);
  }
}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs the suite; args: `--external DIR` (the folder holding w3c-rdf-tests/), `--store embedded|sparql`. Returns the exit code. */
export async function runSparqlProtocolConformance(args: readonly string[]): Promise<number> {
  const external = option(args, '--external');
  if (external === undefined) {
    console.error('sparql-protocol: --external DIR (the folder holding w3c-rdf-tests/) is required');
    return 2;
  }
  const dir = join(resolve(external), 'w3c-rdf-tests', 'sparql', 'sparql11', 'protocol');
  const tests = await readManifest(join(dir, 'manifest.ttl'));

  const dataDir = await mkdtemp(join(tmpdir(), 'sheaf-protocol-'));
  const token = randomBytes(24).toString('hex');
  // The embedded store unless asked otherwise: the update tests run DROP ALL, so a remote store is opt-in.
  const storeKind = option(args, '--store') ?? 'embedded';
  if (storeKind !== 'embedded' && storeKind !== 'sparql') {
    console.error(`sparql-protocol: --store must be embedded or sparql (SHEAF_SPARQL_* from the environment), got ${storeKind}`);
    return 2;
  }
  const config = loadConfig(process.env, { dataDir, port: 0, host: '127.0.0.1', adminToken: token, demo: false, store: storeKind });
  const store = await openStore(config);
  const app = await buildApp({ config, store, logger: false });
  let passed = 0;
  let failed = 0;
  try {
    const origin = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    for (const test of tests) {
      let problem: string | undefined;
      const statuses: number[] = [];
      try {
        await loadGraphs(store, dir, test.graphData);
        // The harness holds the admin token for update tests, as the brief allows; query tests go anonymous.
        const sendToken = test.id.includes('update') ? token : undefined;
        for (const [i, req] of test.requests.entries()) {
          const answer = await exchange(origin, req, sendToken);
          statuses.push(answer.status);
          const wrong = check(answer, req.expect);
          if (wrong) { problem = `request ${i + 1} (${req.method}): ${wrong}`; break; }
        }
      } catch (error) {
        problem = `harness error: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (problem === undefined) passed += 1; else failed += 1;
      console.log(`${problem === undefined ? 'PASS' : 'FAIL'} ${test.id} [${statuses.join(', ')}] (${test.name})${problem === undefined ? '' : ` — ${problem}`}`);
    }
  } finally {
    await app.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  if (tests.length !== 34) console.log(`note: the manifest lists ${tests.length} tests (34 expected)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || tests.length === 0 ? 1 : 0;
}

export default runSparqlProtocolConformance;
