// /catalog end to end: harvested over real HTTP into a real store, then served as Hydra-paged DCAT-AP.
import type { FastifyInstance } from 'fastify';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { openHarvestedCatalogue, type HarvestedCatalogue } from '../harvested-catalogue.js';
import { DS, feedRoutes, mutableSource, testFeed, type MutableSource } from '../pipeline/feed-pages.js';

const BASE = 'https://sheaf.test';
let server: FixtureServer;
let src: MutableSource;
let catalogue: HarvestedCatalogue;
let app: FastifyInstance;

const harvest = () => catalogue.runner.run(testFeed(server.url('/feed?page=1')));

beforeAll(async () => {
  src = mutableSource(3, 4);
  server = await startFixtureServer(feedRoutes(src));
  catalogue = await openHarvestedCatalogue({ base: BASE, prefix: 'sheaf-catalog-' });
  expect((await harvest()).counts.created).toBe(12);
  app = await catalogue.app();
});

afterAll(async () => {
  await catalogue?.close();
  await server?.close();
});

const CAT = `${BASE}/catalog`;
const H = (l: string) => `${NS.hydra}${l}`;

async function getPage(url: string, accept = 'text/turtle'): Promise<{ quads: Quad[]; status: number }> {
  const res = await app.inject({ url: url.replace(BASE, ''), headers: { accept } });
  return { status: res.statusCode, quads: res.statusCode === 200 ? new Parser().parse(res.body) : [] };
}
const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);

/** Follows hydra:next from `start`, calling `between` after each page; returns every dataset listed, in order. */
async function walk(start: string, between: () => Promise<void> = async () => {}): Promise<string[]> {
  const seen: string[] = [];
  let url: string | undefined = start;
  for (let guard = 0; url && guard < 50; guard++) {
    const { quads } = await getPage(url);
    seen.push(...objects(quads, CAT, `${NS.dcat}dataset`));
    const view = objects(quads, CAT, H('view'))[0]!;
    url = objects(quads, view, H('next'))[0];
    await between();
  }
  return seen;
}

describe('GET /catalog', () => {
  it('describes the catalogue with Hydra paging and the records of the page', async () => {
    const { quads, status } = await getPage('/catalog?pageSize=5');
    expect(status).toBe(200);
    expect(objects(quads, CAT, `${NS.rdf}type`)).toEqual(expect.arrayContaining([`${NS.dcat}Catalog`, H('Collection')]));
    expect(objects(quads, CAT, H('totalItems'))).toEqual(['12']);
    expect(objects(quads, CAT, `${NS.dcat}dataset`)).toHaveLength(5);
    const view = objects(quads, CAT, H('view'))[0]!;
    expect(objects(quads, view, H('first'))[0]).toBe(`${CAT}?page=1&pageSize=5`);
    expect(objects(quads, view, H('last'))[0]).toBe(`${CAT}?page=3&pageSize=5`);
    expect(objects(quads, view, H('next'))[0]).toMatch(/^https:\/\/sheaf\.test\/catalog\?page=2&pageSize=5&after=/);
    // Each listed dataset comes with its content and its catalogue record.
    const ds = objects(quads, CAT, `${NS.dcat}dataset`)[0]!;
    expect(objects(quads, ds, `${NS.dct}title`)[0]).toMatch(/^Imaging cohort/);
    const record = quads.find((q) => q.predicate.value === `${NS.foaf}primaryTopic` && q.object.value === ds)?.subject.value;
    expect(record).toBeDefined();
    expect(objects(quads, record!, `${NS.dct}modified`)).toHaveLength(1);
  });

  it('lists every dataset exactly once along the next links while a harvest writes', async () => {
    let step = 0;
    const seen = await walk('/catalog?pageSize=3', async () => {
      step += 1;
      if (step === 1) { src.versions.set(1, 2); src.versions.set(10, 2); src.pages = 4; await harvest(); }
    });
    const originals = Array.from({ length: 12 }, (_, i) => DS(i));
    for (const d of originals) expect(seen.filter((s) => s === d)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
    // The four datasets added mid-walk were first seen later, so they come after everything else.
    expect(seen.slice(12).sort()).toEqual([12, 13, 14, 15].map(DS).sort());
  });

  it('negotiates the RDF syntax by Accept and by extension, and refuses what it cannot write', async () => {
    const jsonld = await app.inject({ url: '/catalog?pageSize=2', headers: { accept: 'application/ld+json' } });
    expect(jsonld.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(JSON.stringify(JSON.parse(jsonld.body))).toContain('Catalog');
    const nt = await app.inject({ url: '/catalog.nt?pageSize=2' });
    expect(nt.headers['content-type']).toMatch(/^application\/n-triples/);
    expect(new Parser({ format: 'N-Triples' }).parse(nt.body).length).toBeGreaterThan(10);
    const rdf = await app.inject({ url: '/catalog.rdf?pageSize=2' });
    expect(rdf.body).toContain('rdf:RDF');
    const refused = await app.inject({ url: '/catalog', headers: { accept: 'image/png' } });
    expect(refused.statusCode).toBe(406);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('filters by modified_since and rejects a forged cursor', async () => {
    const future = await getPage('/catalog?modified_since=2999-01-01T00:00:00Z');
    expect(objects(future.quads, CAT, H('totalItems'))).toEqual(['0']);
    const bad = await app.inject({ url: '/catalog?after=not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).code).toBe('CAT_ERR_BAD_REQUEST');
  });

  it('drops withdrawn records from the catalogue and reports them in the change feed', async () => {
    const before = new Date().toISOString();
    src.dropped.add(0);
    const run = await harvest();
    expect(run.counts.withdrawn).toBe(1);
    const seen = await walk('/catalog?pageSize=100');
    expect(seen).not.toContain(DS(0));
    const res = await app.inject({ url: `/catalog/changes?since=${encodeURIComponent(before)}` });
    expect(res.statusCode).toBe(200);
    const changes = JSON.parse(res.body) as { items: Array<{ change: string; dataset: string }> };
    expect(changes.items).toContainEqual(expect.objectContaining({ change: 'withdrawn', dataset: DS(0) }));
  });
});
