// GET /api/search end to end: a feed harvested over real HTTP, the index kept in step by the pipeline, queried over HTTP.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { openHarvestedCatalogue, type HarvestedCatalogue } from '../harvested-catalogue.js';
import { testFeed } from '../pipeline/feed-pages.js';

const BASE = 'https://sheaf.test';
const E = 'https://cancerimage.eu/ontology/EUCAIM#';

function dataset(id: string, body: string): string {
  return `<https://data.example.org/ds/${id}> a dcat:Dataset ; dct:identifier "${id}" ; ${body} ;
  dct:publisher <https://data.example.org/agent/${id.length % 2}> .\n`;
}

// Written as a repository would: one feed, EUCAIM properties, one record given its condition as a SNOMED code.
let feedBody = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
@prefix eucaim: <${E}> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix h: <https://w3id.org/healthdcat-ap#> .
<https://data.example.org/agent/0> foaf:name "Site Zero" . <https://data.example.org/agent/1> foaf:name "Site One" .
${dataset('nsclc', `dct:title "NSCLC staging cohort"@en ; dct:description "Chest CT before surgery."@en ;
  eucaim:hasCondition eucaim:CLIN1063178 ; eucaim:hasImageModality eucaim:IMG1000042 ;
  h:numberOfUniqueIndividuals "412"^^xsd:nonNegativeInteger`)}
${dataset('prostate', `dct:title "Prostate MRI archive"@en ; dct:description "Biparametric MRI."@en ;
  eucaim:hasCondition eucaim:CLIN1000075 ; eucaim:hasImageModality eucaim:IMG1000038 ;
  h:numberOfUniqueIndividuals "1500"^^xsd:nonNegativeInteger`)}
${dataset('lungs', `dct:title "Thoracic MRI study"@en ; dct:description "Free-breathing sequences."@en ;
  eucaim:hasCondition "363358000" ; eucaim:hasImageModality "MR" ;
  h:numberOfUniqueIndividuals "100"^^xsd:nonNegativeInteger`)}
`;

let server: FixtureServer;
let catalogue: HarvestedCatalogue;
let app: FastifyInstance;

beforeAll(async () => {
  server = await startFixtureServer({ '/feed.ttl': { handler: () => ({ body: feedBody, type: 'text/turtle' }) } });
  catalogue = await openHarvestedCatalogue({ base: BASE, prefix: 'sheaf-search-api-' });
  expect((await catalogue.runner.run(testFeed(server.url('/feed.ttl')))).counts.created).toBe(3);
  app = await catalogue.app();
});

afterAll(async () => {
  await catalogue?.close();
  await server?.close();
});

interface Body { total: number; items: Array<{ id: string; title: string; page: string }>; facets: Record<string, Array<{ value: string; count: number; label: string }>>; resolved: Record<string, string[]> }
async function search(qs: string): Promise<Body> {
  const res = await app.inject({ url: `/api/search?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as Body;
}
const titles = (b: Body) => b.items.map((i) => i.title).sort();

describe('GET /api/search', () => {
  it('finds datasets tagged with a narrower condition, including one the source gave as a SNOMED code', async () => {
    const r = await search(`condition=${encodeURIComponent(`${E}CLIN1000065`)}`);
    expect(titles(r)).toEqual(['NSCLC staging cohort', 'Thoracic MRI study']);
  });

  it('accepts a SNOMED CT code as the filter and says which term it resolved to', async () => {
    const r = await search('condition=363358000');
    expect(r.resolved.condition).toEqual([`${E}CLIN1000065`]);
    expect(r.total).toBe(2);
    expect(titles(await search('condition=http%3A%2F%2Fsnomed.info%2Fid%2F254637007'))).toEqual(['NSCLC staging cohort']);
  });

  it('ranks free text over ontology labels and returns rolled-up, labelled facets', async () => {
    const r = await search('q=lung+cancer');
    expect(titles(r)).toEqual(['NSCLC staging cohort', 'Thoracic MRI study']);
    const all = await search('');
    const lung = all.facets.condition!.find((v) => v.value === `${E}CLIN1000065`);
    expect(lung).toMatchObject({ count: 2, label: 'Malignant tumor of lung' });
    const modality = new Map(all.facets.modality!.map((v) => [v.label, v.count]));
    expect(modality.get('Magnetic resonance imaging')).toBe(2); // "MR" from the source, mapped through DICOM
    expect(all.facets.publisher!.map((v) => v.label).sort()).toEqual(['Site One', 'Site Zero']);
  });

  it('combines facets and ranges, and links each hit to its dataset page', async () => {
    const r = await search(`modality=${encodeURIComponent(`${E}IMG1000038`)}&subjects_min=200`);
    expect(titles(r)).toEqual(['Prostate MRI archive']);
    expect(r.items[0]!.page).toBe(`${BASE}/datasets/${encodeURIComponent(r.items[0]!.id)}`);
  });

  it('keeps the index in step when the source changes', async () => {
    feedBody = feedBody.replace('Prostate MRI archive', 'Prostate bpMRI archive');
    await catalogue.runner.run(testFeed(server.url('/feed.ttl')));
    expect(titles(await search('q=bpMRI'))).toEqual(['Prostate bpMRI archive']);
  });

  it('rejects bad parameters with problem+json', async () => {
    const res = await app.inject({ url: '/api/search?subjects_min=lots' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await app.inject({ url: '/api/search?nonsense=1' })).statusCode).toBe(400);
  });
});
