// OntologyGraphs writes each current ontology document to its own graph with the class closure, rewriting only what changed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { classEntailments } from '../../src/ontology/class-entailments.js';
import { OntologyGraphs } from '../../src/ontology/ontology-graphs.js';
import { readFile } from 'node:fs/promises';
import { Parser } from 'n3';
import type { CatalogueStore } from '../../src/store/catalogue-store.js';
import { OxigraphStore } from '../../src/store/oxigraph.js';
import { SparqlRemoteStore } from '../../src/store/sparql-remote.js';

const { namedNode, quad, blankNode } = DataFactory;
const BASE = 'http://sheaf.test';
const X = 'http://example.org/x#';
const t = (s: string, p: string, o: string) => quad(namedNode(`${X}${s}`), namedNode(p), namedNode(o.startsWith('http') ? o : `${X}${o}`));
const SUB = `${NS.rdfs}subClassOf`;
const EQ = `${NS.owl}equivalentClass`;

let dir: string;
let store: OxigraphStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sheaf-ontology-graphs-'));
  store = await OxigraphStore.open({ dataDir: dir });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('classEntailments', () => {
  it('closes subClassOf reflexively and transitively through equivalent classes, and skos:broader transitively', () => {
    const asserted = [
      t('A', SUB, 'B'), t('B', SUB, 'C'), t('B2', EQ, 'B'), t('D', SUB, 'B2'), t('E', EQ, 'B2'),
      quad(namedNode(`${X}A`), namedNode(SUB), blankNode('restriction')),
      t('k1', `${NS.skos}broader`, 'k2'), t('k2', `${NS.skos}broader`, 'k3'),
    ];
    const line = (q: Quad) => `${q.subject.value.slice(X.length)} ${q.predicate.value.split(/[#/]/).pop()} ${q.object.value.slice(X.length)}`;
    const added = classEntailments(asserted).map(line);
    const out = [...asserted.map(line), ...added];
    // Everything under C, D and A through the equivalence B ≡ B2 ≡ E; each class under itself; asserted triples not repeated.
    for (const c of ['A', 'B', 'B2', 'D', 'E']) expect(out).toContain(`${c} subClassOf C`);
    expect(out).toContain('D subClassOf B');
    expect(out).toContain('B subClassOf E');
    expect(out).toContain('C subClassOf C');
    expect(added).not.toContain('A subClassOf B');
    expect(out).toEqual(expect.arrayContaining(['B equivalentClass E', 'E equivalentClass B', 'B equivalentClass B2']));
    expect(out).not.toContain('A equivalentClass B');
    expect(out).not.toContain('C subClassOf A');
    expect(out).toContain('k1 broaderTransitive k3');
    expect(added.filter((l) => l.includes('restriction') || l.endsWith(' '))).toEqual([]);
    expect(new Set(added).size).toBe(added.length);
  });
});

describe('OntologyGraphs', () => {
  it('writes each current document once, leaves unchanged graphs alone, and drops a series no longer current', async () => {
    const graphs = new OntologyGraphs({ store, baseUrl: BASE });
    const first = await graphs.publish(new Map());
    // The bundled hyperontology and the eight vocabularies, each in its own graph.
    expect(first).toEqual({ written: 9, dropped: 0 });
    expect(await store.listGraphs({ prefix: `${BASE}/graph/current-ontology/` })).toHaveLength(9);
    expect(await graphs.publish(new Map())).toEqual({ written: 0, dropped: 0 });

    const extension = [
      quad(namedNode(`${X}module`), namedNode(`${NS.rdf}type`), namedNode(`${NS.owl}Ontology`)),
      t('Narrow', SUB, 'https://cancerimage.eu/ontology/EUCAIM#CLIN1000075'),
    ];
    expect(await graphs.publish(new Map([[`${X}module`, extension]]))).toEqual({ written: 1, dropped: 0 });
    const ask = (q: string) => store.ask(q);
    expect(await ask(`ASK { GRAPH <${graphs.graphOf(`${X}module`)}> { <${X}Narrow> <${SUB}> <${X}Narrow> } }`)).toBe(true);
    expect(await graphs.publish(new Map())).toEqual({ written: 0, dropped: 1 });
    expect(await ask(`ASK { <${X}Narrow> ?p ?o }`)).toBe(false);
  });
});

const queryUrl = process.env.SHEAF_TEST_VIRTUOSO_QUERY_URL;
const backends: ReadonlyArray<readonly [string, () => Promise<{ store: CatalogueStore; close(): Promise<void> }>, string | undefined]> = [
  ['embedded (Oxigraph)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sheaf-ontology-graphs-portal-'));
    const s = await OxigraphStore.open({ dataDir });
    return { store: s, close: async () => { await s.close(); await rm(dataDir, { recursive: true, force: true }); } };
  }, undefined],
  // `npm test` runs without a Virtuoso; .ci/run runs this file again with one.
  ['sparql (Virtuoso)', async () => {
    const s = await SparqlRemoteStore.open({
      queryUrl: queryUrl as string, updateUrl: process.env.SHEAF_TEST_VIRTUOSO_UPDATE_URL ?? (queryUrl as string),
      gspUrl: process.env.SHEAF_TEST_VIRTUOSO_GSP_URL, timeoutMs: 30_000, retries: 3,
    });
    return { store: s, close: () => s.close() };
  }, queryUrl ? undefined : 'no Virtuoso configured (CI starts one with .ci/virtuoso.sh)'],
];

describe.each(backends)('portal queries over the current ontology graphs on the %s store', (_name, open, skip) => {
  it.skipIf(skip !== undefined)('finds a dataset by its condition\'s ancestor, only among active records, with an old version\'s graph beside', async () => {
    const run = `http://portal-${Date.now().toString(36)}.test`;
    const { store: s, close } = await open();
    const graphs = new OntologyGraphs({ store: s, baseUrl: run });
    const E = 'https://cancerimage.eu/ontology/EUCAIM#';
    const record = (key: string, condition: string, status: string) => new Parser().parse(`
      <${run}/catalog-record/f/${key}> <${NS.foaf}primaryTopic> <${run}/ds/${key}> ;
        <${NS.sheaf}recordStatus> <${NS.sheaf}${status}> ; <${NS.sheaf}recordGraph> <${run}/graph/record/f/${key}> .`);
    const dataset = (key: string, condition: string) => new Parser().parse(`
      <${run}/ds/${key}> <${E}hasCondition> <${E}${condition}> ; <${E}hasImageModality> <${E}IMG1000042> ; <${NS.dct}title> "${key}"@en .`);
    const written = [`${run}/graph/catalog-record/f/a`, `${run}/graph/record/f/a`, `${run}/graph/catalog-record/f/b`, `${run}/graph/record/f/b`,
      `${run}/graph/ontology/v1`];
    try {
      await graphs.publish(new Map());
      // Adenocarcinoma of prostate (three levels below CLIN1000075), active; the same in a quarantined record.
      await s.replaceGraph(written[0]!, record('a', 'CLIN1033194', 'Active'));
      await s.replaceGraph(written[1]!, dataset('a', 'CLIN1033194'));
      await s.replaceGraph(written[2]!, record('b', 'CLIN1033194', 'Quarantined'));
      await s.replaceGraph(written[3]!, dataset('b', 'CLIN1033194'));
      // An archived version that put it under breast cancer: the remote store holds it in its default graph too.
      await s.replaceGraph(written[4]!, [quad(namedNode(`${E}CLIN1033194`), namedNode(SUB), namedNode(`${E}CLIN1000060`))]);
      const text = await readFile(new URL('../../queries/portal-datasets-under-condition.rq', import.meta.url), 'utf8');
      const titles = async (root: string) => (await s.select(text.replace('eucaim:CLIN1000075', `<${E}${root}>`))).rows.map((r) => r.get('title')?.value);
      expect(await titles('CLIN1000075')).toEqual(['a']);
      expect(await titles('CLIN1000060')).toEqual([]);
      // The other two examples run on this backend too: one modality subtree holding the active dataset; a label.
      const query = (name: string) => readFile(new URL(`../../queries/${name}.rq`, import.meta.url), 'utf8');
      // CT (IMG1000042 ≡ IMG1000026) lies under both tomographic-imaging roots, the procedure-domain IMG1000043 and
      // the observation-domain IMG1000025, through the equivalence: the dataset counts once in each.
      const counts = (await s.select(await query('portal-modality-counts'))).rows;
      expect(counts.map((r) => [r.get('subtree')?.value, Number(r.get('datasets')?.value)])).toEqual([[`${E}IMG1000025`, 1], [`${E}IMG1000043`, 1]]);
      const label = (await s.select(await query('portal-term-label'))).rows;
      expect(label.map((r) => r.get('label')?.value)).toEqual(['Computed tomography']);
    } finally {
      for (const g of [...written, ...await s.listGraphs({ prefix: `${run}/graph/current-ontology/` })]) await s.dropGraph(g);
      await close();
    }
  }, 60_000);
});
