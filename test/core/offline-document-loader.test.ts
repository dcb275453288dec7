// JSON-LD with well-known remote contexts parses offline from bundled contexts; other contexts are refused.
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { BUNDLED_CONTEXTS, offlineDocumentLoader } from '../../src/core/offline-document-loader.js';
import { parseRdf } from '../../src/core/parse-rdf.js';

const SEMIC = 'https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld';

describe('offlineDocumentLoader', () => {
  it('parses a DCAT-AP JSON-LD document using the SEMIC example context, without the network', async () => {
    const doc = {
      '@context': SEMIC,
      '@id': 'https://example.eu/dataset/mri-1',
      '@type': 'Dataset',
      title: { en: 'Brain MRI cohort', fr: 'Cohorte IRM cérébrale' },
      releaseDate: '2025-04-01',
      licence: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
      datasetDistribution: [{ '@type': 'Distribution', accessURL: 'https://example.eu/access/mri-1', byteSize: '2048' }],
    };
    const quads = await parseRdf(JSON.stringify(doc), { format: 'json-ld' });
    const p = (iri: string) => quads.filter((q) => q.predicate.value === iri);
    expect(p(`${NS.rdf}type`).map((q) => q.object.value).sort()).toEqual([`${NS.dcat}Dataset`, `${NS.dcat}Distribution`]);
    expect(p(`${NS.dct}title`).map((q) => `${q.object.value}@${(q.object as { language: string }).language}`).sort()).toEqual(['Brain MRI cohort@en', 'Cohorte IRM cérébrale@fr']);
    expect(p(`${NS.dct}license`)[0]!.object.termType).toBe('NamedNode');
    expect(p(`${NS.dcat}accessURL`)[0]!.object.value).toBe('https://example.eu/access/mri-1');
    expect(p(`${NS.dct}issued`)[0]!.object.value).toBe('2025-04-01');
  });

  it('parses schema.org JSON-LD with the bundled schema.org context', async () => {
    const quads = await parseRdf(JSON.stringify({ '@context': 'https://schema.org/', '@type': 'Dataset', name: 'Lung CT', url: 'https://example.org/lung' }), { format: 'json-ld' });
    expect(quads.map((q) => q.predicate.value).sort()).toEqual(['http://schema.org/name', 'http://schema.org/url', `${NS.rdf}type`]);
  });

  it.each(['https://example.org/my-context.jsonld', 'http://169.254.169.254/latest/meta-data/'])('refuses any other context: %s', async (url) => {
    await expect(offlineDocumentLoader(url)).rejects.toThrow(/refused/);
    await expect(parseRdf(JSON.stringify({ '@context': url, '@id': 'urn:x', name: 'y' }), { format: 'json-ld' })).rejects.toThrow(/refused/);
  });

  it('lists what it bundles', () => {
    expect(BUNDLED_CONTEXTS).toContain(SEMIC);
    expect(BUNDLED_CONTEXTS).toContain('https://schema.org');
  });
});
