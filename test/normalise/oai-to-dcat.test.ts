// oaiToDcat: OAI-PMH records in oai_dc and oai_datacite become DCAT-AP quads, without any harvester.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { oaiToDcat } from '../../src/normalise/oai-to-dcat.js';
import { FIXTURES_DIR } from '../fixture-server.js';

/** The n-th <record> of an OAI list fixture, serialised as the oai-pmh harvester yields it. */
function recordXml(file: string, n: number): string {
  const doc = new DOMParser().parseFromString(readFileSync(path.join(FIXTURES_DIR, file), 'utf8'), 'text/xml');
  return new XMLSerializer().serializeToString(doc.getElementsByTagNameNS('http://www.openarchives.org/OAI/2.0/', 'record')[n]!);
}
const values = (quads: Quad[], s: string, p: string): string[] => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const datatype = (quads: Quad[], s: string, p: string): string | undefined =>
  (quads.find((q) => q.subject.value === s && q.predicate.value === p)?.object as { datatype?: { value: string } } | undefined)?.datatype?.value;

describe('oaiToDcat', () => {
  describe('oai_dc', () => {
    const { subject, quads, deleted } = oaiToDcat(recordXml('oai-pmh/list-1.xml', 0), { metadataPrefix: 'oai_dc' });

    it('names the dataset by its DOI and keeps the OAI identifier', () => {
      expect(deleted).toBe(false);
      expect(subject).toBe('https://doi.org/10.5072/imaging.1');
      expect(values(quads, subject, `${NS.rdf}type`)).toEqual([`${NS.dcat}Dataset`]);
      expect(values(quads, subject, `${NS.dct}identifier`)).toEqual(['oai:repo.example.org:imaging/1']);
    });

    it.each([
      [`${NS.dct}title`, ['Breast cancer imaging study 1: annotated MRI and CT']],
      [`${NS.dcat}keyword`, ['Breast cancer', 'medical imaging']],
      [`${NS.dct}issued`, ['2025-02-15']],
      [`${NS.dct}modified`, ['2026-02-11T08:00:00Z']],
      [`${NS.dct}language`, ['en']],
      [`${NS.dcat}landingPage`, ['https://doi.org/10.5072/imaging.1']],
    ])('maps %s', (predicate, expected) => {
      expect(values(quads, subject, predicate).sort()).toEqual(expected);
    });

    it('types dates and keeps the title language', () => {
      expect(datatype(quads, subject, `${NS.dct}issued`)).toBe(`${NS.xsd}date`);
      expect(quads.find((q) => q.predicate.value === `${NS.dct}title`)?.object).toMatchObject({ language: 'en' });
    });

    it('maps creators and publisher to agents, rights and format to a distribution', () => {
      const creator = quads.find((q) => q.predicate.value === `${NS.dct}creator`)!.object.value;
      expect(values(quads, creator, `${NS.foaf}name`)).toEqual(['Imaging Research Group 2']);
      const dist = values(quads, subject, `${NS.dcat}distribution`)[0]!;
      expect(values(quads, dist, `${NS.dct}license`)).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
      expect(values(quads, dist, `${NS.dct}format`)).toEqual(['application/dicom']);
    });

    it('maps a deleted record to no quads', () => {
      const gone = oaiToDcat(recordXml('oai-pmh/list-2.xml', 1), { metadataPrefix: 'oai_dc' });
      expect(gone).toEqual({ subject: 'oai:repo.example.org:imaging/4', quads: [], deleted: true });
    });
  });

  describe('oai_datacite', () => {
    const { subject, quads } = oaiToDcat(recordXml('oai-pmh/datacite-1.xml', 0), { metadataPrefix: 'oai_datacite' });

    it.each([
      [`${NS.dct}title`, ['Whole-body MRI of paediatric lymphoma patients']],
      [`${NS.dct}description`, ['Baseline and follow-up whole-body MRI, de-identified, with Lugano staging.']],
      [`${NS.dct}issued`, ['2025-06-30']],
      [`${NS.dct}modified`, ['2026-02-02']],
      [`${NS.dcat}keyword`, ['Lymphoma']],
      [`${NS.dct}subject`, ['http://id.nlm.nih.gov/mesh/D008223']],
      [`${NS.dct}identifier`, ['oai:zenodo.example.org:8812']],
    ])('maps %s', (predicate, expected) => {
      expect(subject).toBe('https://doi.org/10.5072/zenodo.8812');
      expect(values(quads, subject, predicate).sort()).toEqual(expected);
    });

    it('keeps the DOI as an adms:Identifier node', () => {
      const node = values(quads, subject, `${NS.adms}identifier`)[0]!;
      expect(values(quads, node, `${NS.rdf}type`)).toEqual([`${NS.adms}Identifier`]);
      expect(values(quads, node, `${NS.skos}notation`)).toEqual(['10.5072/zenodo.8812']);
    });

    it('links the creator by ORCID and the licence on a distribution', () => {
      expect(values(quads, subject, `${NS.dct}creator`)).toEqual(['https://orcid.org/0000-0002-1825-0097']);
      expect(values(quads, 'https://orcid.org/0000-0002-1825-0097', `${NS.foaf}name`)).toEqual(['García, Lucía']);
      const dist = values(quads, subject, `${NS.dcat}distribution`)[0]!;
      expect(values(quads, dist, `${NS.dct}license`)).toEqual(['https://creativecommons.org/licenses/by-nc/4.0/legalcode']);
    });
  });
});
