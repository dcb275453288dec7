// The record shape → DCAT registry: every registered mapper passes one contract, and every harvester's shape has a mapper.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { harvesters } from '../../harvesters/index.js';
import { NS } from '../../src/core/namespaces.js';
import type { RecordShape } from '../../src/core/record-shape.js';
import { mapToDcat, sourceMappers } from '../../src/normalise/source-mappers.js';
import { FIXTURES_DIR } from '../fixture-server.js';
import { type MapperSamples, runSourceMapperContract } from './mapper-contract.js';

const read = (file: string): string => readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
const OAI = 'http://www.openarchives.org/OAI/2.0/';

/** Every live <record> of an OAI list fixture, serialised as the oai-pmh harvester yields it. */
function oaiRecords(file: string): string[] {
  const doc = new DOMParser().parseFromString(read(file), 'text/xml');
  return [...doc.getElementsByTagNameNS(OAI, 'record')]
    .filter((r) => r.getElementsByTagNameNS(OAI, 'header')[0]?.getAttribute('status') !== 'deleted')
    .map((r) => new XMLSerializer().serializeToString(r));
}

/** The datasets of a Turtle record fixture, as an RDF harvester splits them out (whole document per dataset here). */
function quadsRecords(file: string): MapperSamples<'quads'>['records'] {
  const quads = new Parser({ baseIRI: `https://x.example/${file}` }).parse(read(file));
  const datasets = quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.dcat}Dataset`).map((q) => q.subject.value);
  return datasets.map((subject) => [`${file} ${subject}`, { shape: 'quads', subject, quads }] as const);
}

const ckanPage = (JSON.parse(read('ckan/page-1.json')) as { result: { results: Record<string, unknown>[] } }).result.results;
const ckanShown = (file: string) => (JSON.parse(read(file)) as { result: Record<string, unknown> }).result;

/** Samples per registered shape: a mapper registered without samples fails the registry test below. */
const SAMPLES: { readonly [S in RecordShape]: MapperSamples<S> } = {
  quads: {
    ctx: { feedUrl: 'https://x.example/catalog.ttl' },
    records: [...quadsRecords('records/eucaim-conformant.ttl'), ...quadsRecords('records/eucaim-alias-iris.ttl')],
    unreadable: { reason: 'RDF records are parsed and split by their harvester; the quads go on as given' },
  },
  'ckan-json': {
    ctx: { feedUrl: 'https://ckan.example.eu/api/3/action/package_search?q=imaging' },
    records: [
      ...ckanPage.map((pkg, i) => [`package_search result ${i}`, { shape: 'ckan-json', json: pkg }] as const),
      ['a HealthDCAT-AP scheming package', { shape: 'ckan-json', json: ckanShown('ckan/package-show-healthdcat.json') }],
      ['a legacy-extras package', { shape: 'ckan-json', json: ckanShown('ckan/package-show-legacy-extras.json') }],
    ],
    unreadable: { reason: 'ckanToDcat reads any JSON object, leaving out the fields a package lacks' },
  },
  'oai-xml': {
    ctx: { feedUrl: 'https://repo.example.org/oai' },
    records: [
      ...oaiRecords('oai-pmh/list-1.xml').map((xml, i) => [`oai_dc record ${i}`, { shape: 'oai-xml', metadataPrefix: 'oai_dc', xml }] as const),
      ...oaiRecords('oai-pmh/datacite-1.xml').map((xml, i) => [`oai_datacite record ${i}`, { shape: 'oai-xml', metadataPrefix: 'oai_datacite', xml }] as const),
    ],
    unreadable: { payload: { shape: 'oai-xml', metadataPrefix: 'oai_dc', xml: `<record xmlns="${OAI}"><header><identifier>x</identifier></header>` } },
  },
};

for (const shape of sourceMappers.keys()) {
  const mapper = sourceMappers.get(shape)!;
  // Each registry row runs the one contract with its own samples (hono's common.case pattern).
  runSourceMapperContract({ mapper, samples: SAMPLES[shape] as MapperSamples<typeof shape> });
}

describe('source mapper registry', () => {
  it('holds a mapper, with contract samples, for the shape of every registered harvester', () => {
    for (const [protocol, harvester] of harvesters) {
      expect(sourceMappers.has(harvester.shape), `${protocol} yields ${harvester.shape} records`).toBe(true);
    }
    for (const shape of sourceMappers.keys()) expect(Object.keys(SAMPLES), `contract samples for ${shape}`).toContain(shape);
  });

  it('maps through the registry row of the record shape, and refuses a shape it does not know', () => {
    // A package without a uri is minted under the CKAN site of the feed URL (its /api/... path and query dropped).
    const ctx = { feedUrl: 'https://ckan.example.eu/portal/api/3/action/package_search?q=imaging' };
    expect(mapToDcat({ shape: 'ckan-json', json: { id: 'abc', title: 'A' } }, ctx).subject).toBe('https://ckan.example.eu/portal/dataset/abc');
    const [, record] = SAMPLES['oai-xml'].records[0]!;
    expect(mapToDcat(record, ctx).subject).toBe('https://doi.org/10.5072/imaging.1');
    expect(() => mapToDcat({ shape: 'marc-xml' } as never, ctx)).toThrow(/no mapper is registered for records of shape "marc-xml"/);
  });
});
