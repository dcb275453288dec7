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
import { OxigraphStore } from '../../src/store/oxigraph.js';

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
