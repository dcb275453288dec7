// ckanToDcat: a CKAN package as the Action API returns it becomes DCAT-AP quads, without any harvester.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { ckanDate, ckanToDcat } from '../../src/normalise/ckan-to-dcat.js';
import { FIXTURES_DIR } from '../fixture-server.js';

const pkg = (JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'ckan/page-1.json'), 'utf8')) as { result: { results: Record<string, unknown>[] } }).result.results[0]!;
const SITE = 'https://ckan.example.eu';
const values = (quads: Quad[], s: string, p: string): string[] => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const objectOf = (quads: Quad[], s: string, p: string) => quads.find((q) => q.subject.value === s && q.predicate.value === p)?.object;

describe('ckanToDcat', () => {
  const { subject, quads, unmapped } = ckanToDcat(pkg, { siteUrl: SITE });

  it('names the dataset by its uri extra and types it dcat:Dataset', () => {
    expect(subject).toBe('https://ckan.example.eu/dataset/eucaim-ckan-00');
    expect(values(quads, subject, `${NS.rdf}type`)).toEqual([`${NS.dcat}Dataset`]);
  });

  it.each([
    [`${NS.dct}title`, ['Prostate bpMRI cohort (PI-CAI subset)']],
    [`${NS.dct}identifier`, ['5eaf0000-0000-0000-0000-000000000000']],
    [`${NS.dcat}keyword`, ['cancer imaging', 'prostate']],
    [`${NS.dct}modified`, ['2026-01-10T09:15:00Z']],
    [`${NS.dct}issued`, ['2025-01-10T12:00:00Z']],
    [`${NS.dcat}landingPage`, ['https://la-fe.example.eu/imaging/0']],
    [`${NS.dct}publisher`, ['https://ckan.example.eu/organization/la-fe']],
    [`${NS.dct}language`, ['en']],
    [`${NS.dcat}version`, ['1.0']],
  ])('maps %s', (predicate, expected) => {
    expect(values(quads, subject, predicate).sort()).toEqual(expected);
  });

  it('types dates as xsd:dateTime with an explicit zone', () => {
    expect(objectOf(quads, subject, `${NS.dct}modified`)).toMatchObject({ datatype: { value: `${NS.xsd}dateTime` } });
    expect(ckanDate('2026-01-10T09:15:00.123456')).toBe('2026-01-10T09:15:00.123Z');
    expect(ckanDate('2026-01-10T09:15:00+02:00')).toBe('2026-01-10T09:15:00+02:00');
  });

  it('maps the maintainer to a vCard contact point with a mailto IRI', () => {
    const contact = objectOf(quads, subject, `${NS.dcat}contactPoint`)!;
    expect(values(quads, contact.value, `${NS.vcard}fn`)).toEqual(['Imaging data steward']);
    expect(values(quads, contact.value, `${NS.vcard}hasEmail`)).toEqual(['mailto:steward@la-fe.example.eu']);
  });

  it('maps each resource to a distribution with access URL, media type, size and the package licence', () => {
    const dists = values(quads, subject, `${NS.dcat}distribution`);
    expect(dists).toHaveLength(2);
    const dicom = dists.find((d) => values(quads, d, `${NS.dct}format`)[0] === 'DICOM')!;
    expect(dicom.startsWith('https://ckan.example.eu/dataset/eucaim-ckan-00/resource/')).toBe(true);
    expect(values(quads, dicom, `${NS.dcat}accessURL`)).toEqual(['https://la-fe.example.eu/dicomweb/0']);
    expect(values(quads, dicom, `${NS.dcat}mediaType`)).toEqual(['https://www.iana.org/assignments/media-types/application/dicom']);
    expect(values(quads, dicom, `${NS.dcat}byteSize`)).toEqual(['1073741824']);
    expect(values(quads, dicom, `${NS.dct}license`)).toEqual(['http://publications.europa.eu/resource/authority/licence/CC_BY_NC_4_0']);
  });

  it('reports extras it cannot map instead of carrying them along', () => {
    const withOdd = { ...pkg, extras: [...(pkg.extras as object[]), { key: 'internal_ticket', value: 'JIRA-12' }, { key: 'theme', value: '["http://publications.europa.eu/resource/authority/data-theme/HEAL"]' }] };
    const mapped = ckanToDcat(withOdd, { siteUrl: SITE });
    expect(mapped.unmapped).toEqual(['internal_ticket']);
    expect(values(mapped.quads, mapped.subject, `${NS.dcat}theme`)).toEqual(['http://publications.europa.eu/resource/authority/data-theme/HEAL']);
    expect(unmapped).toEqual([]);
  });

  it.each([
    [{ license_id: 'cc-by', license_url: 'http://www.opendefinition.org/licenses/cc-by' }, 'http://www.opendefinition.org/licenses/cc-by'],
    [{ license_id: 'odc-odbl' }, 'http://publications.europa.eu/resource/authority/licence/ODC_ODBL'],
    [{ license_id: 'other-closed' }, 'other-closed'],
    [{ license_id: 'notspecified' }, undefined],
  ])('maps the licence %o', (licence, expected) => {
    const m = ckanToDcat({ id: 'x', title: 'T', resources: [{ id: 'r', url: 'https://x.example/f' }], ...licence }, { siteUrl: SITE });
    expect(values(m.quads, `${SITE}/dataset/x/resource/r`, `${NS.dct}license`)[0]).toBe(expected);
  });

  it('mints the dataset IRI under the site when there is no uri extra', () => {
    const bare = ckanToDcat({ id: 'abc', name: 'n', title: 'T', resources: [{ url: 'https://x.example/f.csv' }] }, { siteUrl: `${SITE}/` });
    expect(bare.subject).toBe('https://ckan.example.eu/dataset/abc');
    expect(values(bare.quads, bare.subject, `${NS.dcat}distribution`)).toHaveLength(1);
  });
});
