// CKAN and OAI-PMH records, mapped (ckanToDcat, oaiToDcat) then normalised, conform to DCAT-AP 3: no violations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ckanToDcat } from '../../src/normalise/ckan-to-dcat.js';
import { loadBundledContext, normalise, type NormaliseContext } from '../../src/normalise/index.js';
import { oaiToDcat } from '../../src/normalise/oai-to-dcat.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import type { ShaclValidator } from '../../src/validate/shacl-validator.js';
import { FIXTURES_DIR } from '../fixture-server.js';

const fixture = (file: string): string => readFileSync(path.join(FIXTURES_DIR, file), 'utf8');
function oaiRecord(file: string, n: number): string {
  const doc = new DOMParser().parseFromString(fixture(file), 'text/xml');
  return new XMLSerializer().serializeToString(doc.getElementsByTagNameNS('http://www.openarchives.org/OAI/2.0/', 'record')[n]!);
}
const ckanPackages = (JSON.parse(fixture('ckan/page-2.json')) as { result: { results: Record<string, unknown>[] } }).result.results;
const ckanPackage = (file: string) => (JSON.parse(fixture(file)) as { result: Record<string, unknown> }).result;

describe('mapped records against the DCAT-AP 3 profile', () => {
  let validator: ShaclValidator;
  let ctx: NormaliseContext;
  beforeAll(async () => {
    validator = await (await loadProfiles()).validator('dcat-ap');
    ctx = await loadBundledContext();
  });

  it.each([
    ['a CKAN package', () => ckanToDcat(ckanPackages[0]!, { siteUrl: 'https://ckan.example.eu' }).quads],
    ['a ckanext-dcat scheming package (HealthDCAT-AP)', () => ckanToDcat(ckanPackage('ckan/package-show-healthdcat.json'), { siteUrl: 'https://data.health.example.eu' }).quads],
    ['a ckanext-dcat legacy-extras package', () => ckanToDcat(ckanPackage('ckan/package-show-legacy-extras.json'), { siteUrl: 'https://opendata.city.example.de' }).quads],
    ['an oai_dc record', () => oaiToDcat(oaiRecord('oai-pmh/list-1.xml', 0), { metadataPrefix: 'oai_dc' }).quads],
    ['an oai_datacite record', () => oaiToDcat(oaiRecord('oai-pmh/datacite-1.xml', 0), { metadataPrefix: 'oai_datacite' }).quads],
  ])('%s has no violations once normalised', async (_name, map: () => Quad[]) => {
    const normalised = normalise(new Store(map()), ctx).dataset;
    const outcome = await validator.validate([...normalised]);
    expect(outcome.results.filter((r) => r.severity === 'Violation').map((r) => `${r.path} ${r.message}`)).toEqual([]);
  });
});
