// /sparql's union default graph is a set: a triple stated in several graphs is one row, on both store backends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from 'n3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/core/config.js';
import { buildApp } from '../../src/serve/app.js';
import type { CatalogueStore } from '../../src/store/catalogue-store.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { SparqlRemoteStore } from '../../src/store/sparql-remote.js';

const queryUrl = process.env.SHEAF_TEST_VIRTUOSO_QUERY_URL;
const run = `http://example.org/union-${Date.now().toString(36)}/`;
const DCT = 'http://purl.org/dc/terms/';

async function embedded(): Promise<CatalogueStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sheaf-union-'));
  const store = await OxigraphStore.open({ dataDir });
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  return store;
}

const virtuoso = (): Promise<CatalogueStore> => SparqlRemoteStore.open({
  queryUrl: queryUrl as string,
  updateUrl: process.env.SHEAF_TEST_VIRTUOSO_UPDATE_URL ?? (queryUrl as string),
  gspUrl: process.env.SHEAF_TEST_VIRTUOSO_GSP_URL,
  timeoutMs: 30_000,
  retries: 3,
});

const backends: ReadonlyArray<readonly [string, () => Promise<CatalogueStore>, string | undefined]> = [
  ['embedded (Oxigraph)', embedded, undefined],
  // `npm test` runs without a Virtuoso; .ci/run runs this file again with one.
  ['sparql (Virtuoso)', virtuoso, queryUrl ? undefined : 'no Virtuoso configured (CI starts one with .ci/virtuoso.sh)'],
];

describe.each(backends)('/sparql default graph on the %s store', (_name, open, skip) => {
  async function app() {
    const store = await open();
    const config = loadConfig({}, { dataDir: '/nonexistent', adminToken: 'x', demo: false, baseUrl: 'http://sheaf.test' });
    const fastify = await buildApp({ config, store, logger: false });
    const graphs: string[] = [];
    onTestFinished(async () => {
      for (const g of graphs) await store.dropGraph(g);
      await fastify.close();
      await store.close();
    });
    const seed = async (name: string, turtle: string) => {
      graphs.push(run + name);
      await store.replaceGraph(run + name, new Parser().parse(turtle));
    };
    const select = async (query: string): Promise<Record<string, { value: string }>[]> => {
      const res = await fastify.inject({ url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/sparql-results+json' } });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
    };
    return { seed, select };
  }
  const ds = `<${run}dataset/1>`;
  const ds2 = `<${run}dataset/2>`;

  it.skipIf(skip !== undefined)(`answers one row for one title stated in four graphs${skip ? ` — skipped: ${skip}` : ''}`, async () => {
    const { seed, select } = await app();
    // The record, its catalogue record, a second feed's copy and a report graph all repeat the title.
    for (const g of ['record', 'catalogue-record', 'other-feed', 'report']) await seed(g, `${ds} <${DCT}title> "Lung CT cohort" .`);
    await seed('second', `${ds2} <${DCT}title> "Lung CT cohort" ; <${DCT}identifier> "two" .`);
    await seed('first-id', `${ds} <${DCT}identifier> "one" .`);

    const mine = `FILTER(STRSTARTS(STR(?s), "${run}"))`;
    expect(await select(`SELECT ?t WHERE { ${ds} <${DCT}title> ?t }`)).toHaveLength(1);
    const [count] = await select(`SELECT (COUNT(*) AS ?n) WHERE { ?s <${DCT}title> ?t ${mine} }`);
    expect(count!.n!.value).toBe('2');
    // Bag semantics stay: two datasets with one title are two rows; a join across graphs still matches.
    expect(await select(`SELECT ?t WHERE { ?s <${DCT}title> ?t ${mine} }`)).toHaveLength(2);
    const joined = await select(`SELECT ?id WHERE { ?s <${DCT}title> "Lung CT cohort" ; <${DCT}identifier> ?id ${mine} } ORDER BY ?id`);
    expect(joined.map((r) => r.id!.value)).toEqual(['one', 'two']);
    const optional = await select(`SELECT ?s ?id WHERE { ?s <${DCT}title> ?t OPTIONAL { ?s <${DCT}identifier> ?id } ${mine} }`);
    expect(optional).toHaveLength(2);
    // A UNION (which may repeat a solution on purpose) keeps its branches; each branch reads the set.
    const union = await select(`SELECT ?t WHERE { { ?s <${DCT}title> ?t } UNION { ?s <${DCT}alternative> ?t } ${mine} }`);
    expect(union).toHaveLength(2);
    // GRAPH still sees each graph: four statements of the title.
    expect(await select(`SELECT ?g WHERE { GRAPH ?g { ${ds} <${DCT}title> ?t } }`)).toHaveLength(4);
  });
});
