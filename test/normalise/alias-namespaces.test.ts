// aliasNamespaces: every alias form the table knows, in subject, predicate and object position.
import { describe, expect, it } from 'vitest';
import { DataFactory, Store } from 'n3';
import { NS } from '../../src/core/namespaces.js';
import { aliasNamespaces, canonicalIri } from '../../src/normalise/alias-namespaces.js';
import { loadBundledMappings, normalise } from '../../src/normalise/index.js';

const { namedNode, literal, quad } = DataFactory;
const AC = 'https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/access-conditions/#';

describe('aliasNamespaces', () => {
  it.each([
    ['https://w3id.org/healthdcat-ap#healthCategory', `${NS.healthdcatap}healthCategory`],
    ['http://w3id.org/healthdcat-ap#hdab', `${NS.healthdcatap}hdab`],
    ['http://www.healthdcatap.org/numberofUniqueIndividuals', `${NS.healthdcatap}numberOfUniqueIndividuals`],
    ['http://www.healthdcatap.org/retentionPeriod', `${NS.healthdcatap}retentionPeriod`],
    ['https://healthdataportal.eu/ns/health#maxTypicalAge', `${NS.healthdcatap}maxTypicalAge`],
    ['http://cancerimage.eu/ontology/EUCAIM#IMG1000038', `${NS.eucaim}IMG1000038`],
    ['https://cancerimage.eu/ontology/EUCAIM/CLIN1000075', `${NS.eucaim}CLIN1000075`],
    ['https:/www.eucaim.org/hasImageBodyPart', `${NS.eucaim}hasImageBodyPart`],
    ['https://www.eucaim.org/nbrofSeries', `${NS.eucaim}nbrOfSeries`],
    ['https://eucaim.github.io/eucaim_dcat_ap/resource/authority/access-condition/DOWNLOAD', `${AC}DOWNLOAD`],
    ['https://w3id.org/dpv/dpv-skos#hasLegalBasis', 'https://w3id.org/dpv#hasLegalBasis'],
    ['https://publications.europa.eu/resource/authority/access-right/PUBLIC', 'http://publications.europa.eu/resource/authority/access-right/PUBLIC'],
  ])('%s → %s', (from, to) => {
    expect(canonicalIri(from)).toBe(to);
  });

  it.each([[`${NS.eucaim}IMG1000038`], [`${AC}DOWNLOAD`], [`${NS.dcat}Dataset`], [`${NS.healthdcatap}hdab`]])(
    'leaves the canonical %s alone',
    (iri) => expect(canonicalIri(iri)).toBeUndefined(),
  );

  it('renames properties only in predicate position and reports each rewrite', async () => {
    const ds = namedNode('https://records.example.org/ds');
    const input = new Store([
      quad(ds, namedNode(`${NS.adms}interoperabilityLevel`), namedNode('http://cancerimage.eu/ontology/EUCAIM#SPEC1000011')),
      quad(ds, namedNode(`${NS.dct}subject`), namedNode(`${NS.adms}interoperabilityLevel`)),
      quad(ds, namedNode('https:/www.eucaim.org/hasImageVendor'), literal('Siemens')),
    ]);
    const { dataset, report } = normalise(input, { mappings: await loadBundledMappings() }, [aliasNamespaces]);
    const triples = [...dataset].map((q) => [q.predicate.value, q.object.value]).sort();
    expect(triples).toEqual(
      [
        [`${NS.dct}subject`, `${NS.adms}interoperabilityLevel`],
        [`${NS.eucaim}hasEquipmentManufacturer`, 'Siemens'],
        [`${NS.eucaim}interoperabilityLevel`, `${NS.eucaim}SPEC1000011`],
      ].sort(),
    );
    expect(report[0]!.counts).toEqual({ 'property-alias': 2, 'namespace-alias': 1 });
  });
});
