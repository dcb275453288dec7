// The sparql adapter: the shared contract against an Oxigraph-backed endpoint, then graphs and record shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparql } from '../../harvesters/sparql/index.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { sparqlEndpoint, storeFromFixture } from '../sparql-endpoint.js';
import { runHarvesterContract } from './contract.js';
import { harvestAll, recordKey } from './harvest-all.js';

const store = storeFromFixture('sparql/endpoint.trig');
const ds = (...ids: string[]): string[] => ids.map((id) => `https://sparql.example.eu/dataset/${id}`);
const GRAPH = 'https://sparql.example.eu/graph/eucaim';
const source = (s: FixtureServer) => ({ key: 'sparql-feed', url: s.url('/sparql'), pageSize: 2, graph: GRAPH });

runHarvesterContract({
  make: () => sparql,
  fixtures: {
    paged: { routes: { '/sparql': sparqlEndpoint(store) }, source, keys: ds('a', 'b', 'c', 'd', 'e', 'f'), pages: 3 },
    // An endpoint that ignores the filter a page starts after answers the first page again and again.
    loop: { routes: { '/sparql': sparqlEndpoint(store, { rewrite: (q) => q.replace(/FILTER\(\(STR\(\?dataset\)\) > "[^"]*"\)/, '') }) }, source, keys: ds('a', 'b') },
    failing: { routes: { '/sparql': sparqlEndpoint(store, { failWhen: (q) => /> "https:\/\/sparql\.example\.eu\/dataset\/d"/.test(q) }) }, source, keys: ds('a', 'b', 'c', 'd') },
  },
});

describe('sparql adapter', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await startFixtureServer({ '/sparql': sparqlEndpoint(store) });
  });
  afterAll(() => server.close());

  it('reads every graph when the source names none', async () => {
    const got = await harvestAll(sparql, { key: 'k', url: server.url('/sparql'), pageSize: 4 });
    expect(got.records.map(recordKey)).toEqual([...ds('a', 'b', 'c', 'd', 'e', 'f'), 'https://sparql.example.eu/dataset/unrelated']);
    expect(got.pages).toHaveLength(2);
  });

  it('CONSTRUCTs a dataset with its distribution, checksum and contact point, but not its neighbours', async () => {
    const got = await harvestAll(sparql, source(server));
    const a = got.records[0]!;
    if (a.shape !== 'quads') throw new Error('expected quads');
    const predicates = new Set(a.quads.map((q) => q.predicate.value));
    expect(predicates).toContain('http://spdx.org/rdf/terms#checksumValue');
    expect(predicates).toContain('http://www.w3.org/2006/vcard/ns#fn');
    expect(predicates).toContain('http://xmlns.com/foaf/0.1/name');
    const subjects = new Set(a.quads.map((q) => q.subject.value));
    expect(subjects).not.toContain('https://sparql.example.eu/dataset/b');
    expect(subjects).not.toContain('https://sparql.example.eu/catalog');
    expect(a).toMatchObject({ keyHints: { identifier: 'SPQ-0' }, modified: '2026-01-20' });
  });
});

/** How many datasets a CONSTRUCT's VALUES block names. */
const valuesCount = (query: string): number => (/VALUES\s+\?dataset\s*\{([^}]*)\}/.exec(query)?.[1]?.match(/</g) ?? []).length;

describe('sparql adapter on slow endpoints and vocabularies', () => {
  let server: FixtureServer;
  const batches: number[] = [];
  let active = 0;
  let mostAtOnce = 0;
  const vocabularies = storeFromFixture('sparql/endpoint.trig');
  vocabularies.load(`
    <https://sparql.example.eu/graph/eucaim> { <https://sparql.example.eu/dataset/a> <http://www.w3.org/ns/dcat#theme> <http://publications.europa.eu/resource/authority/data-theme/HEAL> . }
    <https://sparql.example.eu/graph/vocabularies> {
      <http://publications.europa.eu/resource/authority/data-theme/HEAL> a <http://www.w3.org/2004/02/skos/core#Concept> ;
        <http://www.w3.org/2004/02/skos/core#prefLabel> "Health"@en ;
        <http://www.w3.org/2004/02/skos/core#inScheme> <http://publications.europa.eu/resource/authority/data-theme> .
      <http://publications.europa.eu/resource/authority/data-theme> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> ;
        <http://www.w3.org/2004/02/skos/core#prefLabel> "Data theme"@en ;
        <http://www.w3.org/2004/02/skos/core#hasTopConcept> <http://publications.europa.eu/resource/authority/data-theme/HEAL>,
          <http://publications.europa.eu/resource/authority/data-theme/ENVI> .
    }`, { format: 'application/trig' });
  beforeAll(async () => {
    const plain = sparqlEndpoint(store);
    server = await startFixtureServer({
      // Describing more than three datasets at once takes longer than the harvest allows a batch.
      '/slow-sparql': {
        handler: async (req) => {
          const query = req.method === 'POST' ? (new URLSearchParams(req.body).get('query') ?? '') : '';
          const n = valuesCount(query);
          if (n > 0) batches.push(n);
          if (n === 0 || n > 3) {
            const answer = await plain.handler!(req);
            return n > 3 ? { ...answer, delayMs: 2_500 } : answer;
          }
          // Batches it can answer take a moment, long enough to see whether the next one is asked meanwhile.
          mostAtOnce = Math.max(mostAtOnce, ++active);
          await new Promise((resolve) => setTimeout(resolve, 150));
          active -= 1;
          return plain.handler!(req);
        },
      },
      '/vocab-sparql': sparqlEndpoint(vocabularies),
    });
  });
  afterAll(() => server.close());

  it('describes a page in smaller batches when a large batch is too slow, and ends complete', async () => {
    const got = await harvestAll(sparql, { ...source(server), url: server.url('/slow-sparql'), pageSize: 6, timeoutMs: 1_000 }, { fetch: { timeoutMs: 2_000 } });
    expect(got.errors).toEqual([]);
    expect(got.records.map(recordKey)).toEqual(ds('a', 'b', 'c', 'd', 'e', 'f'));
    expect(got.end.complete).toBe(true);
    // The first batch (all six) was too slow; the endpoint then got halves it could answer in time.
    expect(batches[0]).toBe(6);
    expect(Math.max(...batches.slice(1))).toBeLessThanOrEqual(3);
    // The two halves were asked for at once: the endpoint works on the next batch while this one is read.
    expect(mostAtOnce).toBe(2);
  });

  it('keeps vocabulary terms and their schemes out of the records that reference them', async () => {
    const got = await harvestAll(sparql, { key: 'k', url: server.url('/vocab-sparql'), pageSize: 10 });
    const a = got.records.find((r) => recordKey(r) === ds('a')[0])!;
    if (a.shape !== 'quads') throw new Error('expected quads');
    expect(a.quads.some((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#theme')).toBe(true);
    const subjects = new Set(a.quads.map((q) => q.subject.value));
    expect(subjects).not.toContain('http://publications.europa.eu/resource/authority/data-theme/HEAL');
    expect(subjects).not.toContain('http://publications.europa.eu/resource/authority/data-theme');
  });
});
