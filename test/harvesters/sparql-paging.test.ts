// The sparql adapter's IRI pages on a catalogue of thousands: pages grow, and endpoints that cap or refuse large results lose nothing.
import { Store } from 'oxigraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparql } from '../../harvesters/sparql/index.js';
import { startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { sparqlEndpoint } from '../sparql-endpoint.js';
import { harvestAll, recordKey } from './harvest-all.js';

const COUNT = 5_300;
/** Rows a capping endpoint answers at most, as Virtuoso's ResultSetMaxRows does: silently, with a 200. */
const ROW_CAP = 1_500;
const iri = (i: number) => `https://big.example.org/dataset/${String(i).padStart(5, '0')}`;

const store = new Store();
store.load(
  Array.from({ length: COUNT }, (_, i) =>
    `<${iri(i)}> a <http://www.w3.org/ns/dcat#Dataset> ; <http://purl.org/dc/terms/title> "Dataset ${i}"@en ; <http://purl.org/dc/terms/identifier> "big-${i}" .`,
  ).join('\n'),
  { format: 'text/turtle' },
);

/**
 * Rows a sorted SELECT may cover, OFFSET included, as stock Virtuoso's MaxSortedTopRows (10 000 by default) allows:
 * past it Virtuoso answers an error (SR353), so a walk by OFFSET can never go deeper than this many datasets.
 */
const SORTED_TOP = 2_500;
const offsetOf = (query: string): number => Number(/\bOFFSET\s+(\d+)/i.exec(query)?.[1] ?? 0);

/** LIMIT of a SELECT, or undefined for a CONSTRUCT. */
const limitOf = (req: { method: string; url: URL }): number | undefined => {
  const query = req.method === 'GET' ? (req.url.searchParams.get('query') ?? '') : '';
  const m = /\bLIMIT\s+(\d+)/i.exec(query);
  return /\bSELECT\b/i.test(query) && m ? Number(m[1]) : undefined;
};

describe('sparql adapter paging a large catalogue', () => {
  let server: FixtureServer;
  const limits: Record<string, number[]> = { plain: [], capped: [], refusing: [], sortedTop: [] };
  beforeAll(async () => {
    const plain = sparqlEndpoint(store);
    const route = (name: string, answer: (req: Parameters<NonNullable<RouteSpec['handler']>>[0], limit: number | undefined) => RouteSpec | Promise<RouteSpec>): RouteSpec => ({
      handler: (req) => {
        const limit = limitOf(req);
        if (limit !== undefined) limits[name]!.push(limit);
        return answer(req, limit);
      },
    });
    server = await startFixtureServer({
      '/plain': route('plain', (req) => plain.handler!(req)),
      // Cuts every result to ROW_CAP rows and says nothing.
      '/capped': route('capped', async (req, limit) => {
        const answer = await plain.handler!(req);
        if (limit === undefined) return answer;
        const json = JSON.parse(answer.body!) as { results: { bindings: unknown[] } };
        json.results.bindings = json.results.bindings.slice(0, ROW_CAP);
        return { ...answer, body: JSON.stringify(json) };
      }),
      // Refuses a result larger than ROW_CAP rows, as sheaf's own endpoint does (CAT_ERR_RESULT_TOO_LARGE).
      '/sorted-top': route('sortedTop', (req, limit) =>
        limit !== undefined && offsetOf(req.url.searchParams.get('query') ?? '') + limit > SORTED_TOP
          ? { status: 500, body: `Virtuoso 22023 Error SR353: Sorted TOP clause specifies more than ${SORTED_TOP + 1} rows to sort. Only ${SORTED_TOP} are allowed.` }
          : plain.handler!(req)),
      '/refusing': route('refusing', (req, limit) => (limit !== undefined && limit > ROW_CAP ? { status: 400, body: 'result too large' } : plain.handler!(req))),
    });
  });
  afterAll(() => server.close());

  const everyDataset = Array.from({ length: COUNT }, (_, i) => iri(i));

  it('grows the page while pages come back full, so a large catalogue takes a few sorted SELECTs', async () => {
    const got = await harvestAll(sparql, { key: 'big', url: server.url('/plain') });
    expect(got.errors).toEqual([]);
    expect(got.records.map(recordKey)).toEqual(everyDataset);
    expect(got.end.complete).toBe(true);
    // 1 000, then 2 000, then 4 000 (the last 2 300 rows); as many as the last full page came back, so one more
    // page is asked to tell the end from a cap.
    expect(limits.plain).toEqual([1_001, 2_001, 4_001, 4_001]);
    expect(got.pages).toHaveLength(4);
  });

  it('loses nothing when an endpoint silently caps results below the grown page', async () => {
    const got = await harvestAll(sparql, { key: 'big', url: server.url('/capped') });
    expect(got.errors).toEqual([]);
    expect(got.records.map(recordKey)).toEqual(everyDataset);
    expect(got.end.complete).toBe(true);
    expect(limits.capped.slice(0, 2)).toEqual([1_001, 2_001]);
  });

  it('asks a refused grown page again at half, and ends complete', async () => {
    const got = await harvestAll(sparql, { key: 'big', url: server.url('/refusing') });
    expect(got.errors).toEqual([]);
    expect(got.records.map(recordKey)).toEqual(everyDataset);
    expect(got.end.complete).toBe(true);
    expect(limits.refusing.slice(0, 3)).toEqual([1_001, 2_001, 1_001]);
    expect(Math.max(...limits.refusing.slice(2))).toBe(1_001);
  });

  it('walks past an endpoint\'s sorted-row limit (stock Virtuoso), since pages start after the last IRI, not at an OFFSET', async () => {
    const got = await harvestAll(sparql, { key: 'big', url: server.url('/sorted-top') });
    expect(got.errors).toEqual([]);
    expect(got.records.map(recordKey)).toEqual(everyDataset);
    expect(got.end.complete).toBe(true);
    expect(limits.sortedTop.length).toBeGreaterThan(2);
  });

  it('keeps the page size a source sets', async () => {
    const before = limits.plain.length;
    const got = await harvestAll(sparql, { key: 'big', url: server.url('/plain'), pageSize: 2_000 });
    expect(got.records).toHaveLength(COUNT);
    expect(new Set(limits.plain.slice(before))).toEqual(new Set([2_001]));
  });
});
