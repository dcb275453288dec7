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
    loop: { routes: { '/sparql': sparqlEndpoint(store, { rewrite: (q) => q.replace(/OFFSET \d+/, '') }) }, source, keys: ds('a', 'b') },
    failing: { routes: { '/sparql': sparqlEndpoint(store, { failWhen: (q) => /OFFSET 4\b/.test(q) }) }, source, keys: ds('a', 'b', 'c', 'd') },
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
