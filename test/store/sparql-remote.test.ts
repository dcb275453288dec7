// Runs the CatalogueStore contract against a real Virtuoso, plus what only the remote backend must do.
import net from 'node:net';
import { DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SparqlStoreConfig, loadConfig } from '../../src/core/config.js';
import { buildApp } from '../../src/serve/app.js';
import { SparqlRemoteStore } from '../../src/store/sparql-remote.js';
import { runStoreContract } from './contract.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const queryUrl = process.env.SHEAF_TEST_VIRTUOSO_QUERY_URL;
const noVirtuoso = 'no Virtuoso configured (CI starts one with .ci/virtuoso.sh)';

/** A fresh graph prefix per run, so runs against one long-lived server never see each other's graphs. */
const run = `http://example.org/test-${Date.now().toString(36)}/`;

function virtuosoConfig(overrides: Partial<SparqlStoreConfig> = {}): SparqlStoreConfig {
  return {
    queryUrl: queryUrl as string,
    updateUrl: process.env.SHEAF_TEST_VIRTUOSO_UPDATE_URL ?? (queryUrl as string),
    gspUrl: process.env.SHEAF_TEST_VIRTUOSO_GSP_URL,
    timeoutMs: 30_000,
    retries: 3,
    ...overrides,
  };
}

/** A loopback port nobody listens on: bind, note it, release. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

if (queryUrl) {
  // The suite keeps to its own random graph prefix, so it can share a long-lived server.
  runStoreContract({ name: 'SparqlRemoteStore on Virtuoso (Graph Store Protocol)', open: () => SparqlRemoteStore.open(virtuosoConfig()) });
  runStoreContract({
    name: 'SparqlRemoteStore on Virtuoso (SPARQL Update only)',
    open: () => SparqlRemoteStore.open(virtuosoConfig({ gspUrl: undefined })),
  });
} else {
  // Skipped on purpose, and said so in the report: `npm test` runs without a Virtuoso; `.ci/run` runs this file
  // again with one (its own step), where the contract suite runs against both store paths.
  describe.skip(`CatalogueStore contract: SparqlRemoteStore — ${noVirtuoso}`, () => {
    it.skip(noVirtuoso, () => {});
  });
}

describe('SparqlRemoteStore without a server', () => {
  it('reports an unreachable endpoint as CAT_ERR_STORE_UNAVAILABLE naming the URL, quickly', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/sparql`;
    const store = await SparqlRemoteStore.open({ queryUrl: url, updateUrl: url, timeoutMs: 5_000, retries: 2 });
    const started = Date.now();
    const error = await store.select('SELECT * { ?s ?p ?o } LIMIT 1').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CAT_ERR_STORE_UNAVAILABLE', statusCode: 503 });
    expect((error as Error).message).toContain(url);
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(store.replaceGraph(`${run}g`, [])).rejects.toMatchObject({ code: 'CAT_ERR_STORE_UNAVAILABLE' });
  });

  it('lets sheaf answer 503 problem+json naming the URL while the store is down, and stay up', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/sparql`;
    const sparql = { queryUrl: url, updateUrl: url, timeoutMs: 5_000, retries: 1 };
    const config = loadConfig({}, { store: 'sparql', sparql, demo: false, logLevel: 'silent' });
    const app = await buildApp({ config, store: await SparqlRemoteStore.open(sparql), logger: false });
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await app.inject({ method: 'GET', url: '/sparql?query=ASK%7B%7D', headers: { accept: 'application/sparql-results+json' } });
        expect(response.statusCode).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ code: 'CAT_ERR_STORE_UNAVAILABLE' });
        expect(response.json().detail).toContain(url);
      }
    } finally {
      await app.close();
    }
  });

  it('refuses a non-http endpoint at open', async () => {
    await expect(SparqlRemoteStore.open({ queryUrl: 'ftp://x/sparql', updateUrl: 'ftp://x/sparql', timeoutMs: 1, retries: 0 })).rejects.toThrow(/http/);
  });
});

describe.skipIf(!queryUrl)(`SparqlRemoteStore on Virtuoso: what the remote backend adds${queryUrl ? '' : ` — skipped: ${noVirtuoso}`}`, () => {
  // Both write paths: Graph Store Protocol PUT, and SPARQL Update only (servers without GSP).
  for (const path of ['gsp', 'update'] as const) {
    describe(`${path} path`, () => {
      let store: SparqlRemoteStore;
      const prefix = `${run}${path}/`;
      beforeAll(async () => {
        store = await SparqlRemoteStore.open(virtuosoConfig(path === 'update' ? { gspUrl: undefined } : {}));
      });
      afterAll(async () => {
        for (const g of await store.listGraphs({ prefix })) await store.dropGraph(g);
        await store.close();
      });

      it('keeps literals Virtuoso would rewrite exactly as given', async () => {
        const s = namedNode(`${prefix}s`);
        const objects = [
          literal('abc', namedNode(`${XSD}integer`)),
          literal('01', namedNode(`${XSD}integer`)),
          literal('1.50', namedNode(`${XSD}decimal`)),
          literal('1.5E3', namedNode(`${XSD}double`)),
          literal('1', namedNode(`${XSD}boolean`)),
          literal('P1D', namedNode(`${XSD}duration`)),
          literal('2020-13-45', namedNode(`${XSD}date`)),
          literal('42', namedNode(`${XSD}integer`)),
          literal('hé 🐟 "q"\n', 'en-gb'),
        ];
        const graph = `${prefix}literals`;
        await store.replaceGraph(graph, objects.map((o, i) => quad(s, namedNode(`${prefix}p${i}`), o)));
        const { rows } = await store.select(`SELECT ?p ?o WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
        const got = new Map(rows.map((r) => [r.get('p')?.value, r.get('o')]));
        objects.forEach((o, i) => expect(got.get(`${prefix}p${i}`)?.equals(o), `${o.value}^^${o.datatype.value}`).toBe(true));
        // Canonical numbers stay numbers, so numeric filters still work.
        expect(await store.ask(`ASK { GRAPH <${graph}> { ?s ?p ?o FILTER(?o = 42) } }`)).toBe(true);
      });

      it('reads blank nodes back as blank nodes, linked as written', async () => {
        const graph = `${prefix}bnodes`;
        const b = blankNode('x');
        await store.replaceGraph(graph, [
          quad(namedNode(`${prefix}s`), namedNode(`${prefix}p`), b),
          quad(b, namedNode(`${prefix}q`), literal('inner')),
        ]);
        const triples = await store.construct(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
        const outer = triples.find((t) => t.predicate.value === `${prefix}p`);
        const inner = triples.find((t) => t.predicate.value === `${prefix}q`);
        expect(outer?.object.termType).toBe('BlankNode');
        expect(inner?.subject.equals(outer?.object ?? null)).toBe(true);
      });

      it('hides the server’s own graphs from listings and from the default graph', async () => {
        await store.replaceGraph(`${prefix}only`, [quad(namedNode(`${prefix}s`), namedNode(`${prefix}p`), literal('o'))]);
        const graphs = await store.listGraphs();
        expect(graphs).toContain(`${prefix}only`);
        expect(graphs.some((g) => g.startsWith('http://www.openlinksw.com/'))).toBe(false);
        const virtrdf = await store.ask('ASK { ?s a <http://www.openlinksw.com/schemas/virtrdf#QuadMap> }');
        expect(virtrdf).toBe(false);
      });

      it('replaces a graph too large for one request in one step', async () => {
        const graph = `${prefix}large`;
        const many = (tag: string, n: number) =>
          Array.from({ length: n }, (_, i) => quad(namedNode(`${prefix}s${i}`), namedNode(`${prefix}p`), literal(`${tag} ${i}`)));
        await store.replaceGraph(graph, many('old', 4_000));
        await store.replaceGraph(graph, many('new', 5_000));
        const { rows } = await store.select(`SELECT (COUNT(*) AS ?n) (SUM(IF(STRSTARTS(?o, "new"), 1, 0)) AS ?fresh) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
        expect(Number(rows[0]?.get('n')?.value)).toBe(5_000);
        expect(Number(rows[0]?.get('fresh')?.value)).toBe(5_000);
        expect((await store.listGraphs({ prefix })).filter((g) => g.includes('staging'))).toEqual([]);
      });

      it('turns a malformed query into CAT_ERR_BAD_QUERY', async () => {
        await expect(store.select('SELECT WHERE {')).rejects.toMatchObject({ code: 'CAT_ERR_BAD_QUERY', statusCode: 400 });
      });
    });
  }
});
