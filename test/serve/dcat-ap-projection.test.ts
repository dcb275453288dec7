// /catalog and dataset RDF project EUCAIM records onto DCAT-AP 3.0.1 (one dct:rights per distribution); ?profile=eucaim keeps them as harvested.
import type { FastifyInstance } from 'fastify';
import { DataFactory, Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { projectToDcatAp } from '../../src/serve/dcat-ap-projection.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { openHarvestedCatalogue, type HarvestedCatalogue } from '../harvested-catalogue.js';
import { testFeed } from '../pipeline/feed-pages.js';

const { namedNode, literal, quad } = DataFactory;
const BASE = 'https://sheaf.test';
const DIST = 'https://records.example.org/lung/nsclc-ct-pet-dicom';
const AC = 'https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/access-conditions/#REMOTE_PROCESSING';
const DUC = 'https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/data-use-conditions/#DISEASE_SPECIFIC_RESEARCH';
let server: FixtureServer;
let catalogue: HarvestedCatalogue;
let app: FastifyInstance;
let datasetId: string;

beforeAll(async () => {
  server = await startFixtureServer({ '/eucaim.ttl': { file: 'records/eucaim-conformant.ttl' }, '/dcat-ap.ttl': { file: 'conformance/dcat-ap-record.ttl' } });
  catalogue = await openHarvestedCatalogue({ base: BASE, prefix: 'sheaf-dcat-ap-projection-' });
  expect((await catalogue.runner.run(testFeed(server.url('/eucaim.ttl'), { id: 'eucaim', profile: 'eucaim' }))).counts.created).toBe(1);
  expect((await catalogue.runner.run(testFeed(server.url('/dcat-ap.ttl'), { id: 'plain' }))).counts.created).toBe(1);
  const [record] = catalogue.discovery.listing.page({ pageSize: 10, offset: 0 }).filter((r) => r.feedId === 'eucaim');
  datasetId = encodeURIComponent(`${record!.feedId}/${record!.key}`);
  app = await catalogue.app();
});

afterAll(async () => {
  await catalogue?.close();
  await server?.close();
});

async function get(url: string): Promise<Quad[]> {
  const res = await app.inject({ url, headers: { accept: 'text/turtle' } });
  expect(res.statusCode, res.body).toBe(200);
  return new Parser({ baseIRI: `${BASE}${url}` }).parse(res.body);
}
const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);

function expectOneRightsStatement(quads: Quad[]): void {
  const rights = objects(quads, DIST, `${NS.dct}rights`);
  expect(rights).toHaveLength(1);
  const statement = rights[0]!.value;
  expect(objects(quads, statement, `${NS.rdf}type`).map((t) => t.value)).toEqual([`${NS.dct}RightsStatement`]);
  expect(objects(quads, statement, `${NS.dct}hasPart`).map((t) => t.value).sort()).toEqual([AC, DUC]);
  // Labelled from the bundled EUCAIM vocabularies, both conditions named.
  const [label] = objects(quads, statement, `${NS.rdfs}label`);
  expect(label?.value).toMatch(/remote processing/i);
  expect(label?.value).toMatch(/disease[- ]specific research/i);
}

describe('DCAT-AP 3.0.1 projection of the served records', () => {
  it('folds a EUCAIM distribution\'s access and data-use conditions into one dct:RightsStatement in /catalog and dataset RDF', async () => {
    expectOneRightsStatement(await get('/catalog'));
    expectOneRightsStatement(await get(`/datasets/${datasetId}?format=ttl`));
    expectOneRightsStatement(await get('/catalog?profile=dcat-ap'));
  });

  it('serves the EUCAIM form with ?profile=eucaim, and keeps the profile in the paging links', async () => {
    const quads = await get('/catalog?profile=eucaim&pageSize=1');
    const page = await get('/catalog?pageSize=1');
    const records = [...objects(quads, `${BASE}/catalog`, `${NS.dcat}dataset`), ...objects(page, `${BASE}/catalog`, `${NS.dcat}dataset`)];
    expect(records).toHaveLength(2);
    const view = objects(quads, `${BASE}/catalog`, `${NS.hydra}view`)[0]!.value;
    const next = objects(quads, view, `${NS.hydra}next`)[0]!.value;
    expect(next).toContain('profile=eucaim');
    const all = [...quads, ...(await get(next.slice(BASE.length)))];
    expect(objects(all, DIST, `${NS.dct}rights`).map((t) => t.value).sort()).toEqual([AC, DUC]);
    expect(objects(await get(`/datasets/${datasetId}?format=ttl&profile=eucaim`), DIST, `${NS.dct}rights`).map((t) => t.value).sort()).toEqual([AC, DUC]);
    expect((await app.inject({ url: '/catalog?profile=ckan' })).statusCode).toBe(400);
  });

  it('leaves a record already in DCAT-AP form as it is, and keeps the finest of several spatial resolutions', () => {
    const t = (s: string, p: string, o: string) => quad(namedNode(s), namedNode(p), o.startsWith('http') ? namedNode(o) : literal(o, namedNode(`${NS.xsd}decimal`)));
    const plain = [t(DIST, `${NS.rdf}type`, `${NS.dcat}Distribution`), t(DIST, `${NS.dct}rights`, AC), t('http://x/ds', `${NS.rdf}type`, `${NS.dcat}Dataset`)];
    expect(projectToDcatAp(plain)).toEqual(plain);
    // A dataset (DCAT-AP sets no maximum of dct:rights there) keeps its several values.
    const dataset = [t('http://x/ds', `${NS.rdf}type`, `${NS.dcat}Dataset`), t('http://x/ds', `${NS.dct}rights`, AC), t('http://x/ds', `${NS.dct}rights`, DUC)];
    expect(projectToDcatAp(dataset)).toEqual(dataset);
    const resolutions = [...plain, t('http://x/ds', `${NS.dcat}spatialResolutionInMeters`, '30'), t('http://x/ds', `${NS.dcat}spatialResolutionInMeters`, '2.5')];
    expect(projectToDcatAp(resolutions).filter((q) => q.predicate.value === `${NS.dcat}spatialResolutionInMeters`).map((q) => q.object.value)).toEqual(['2.5']);
  });
});
