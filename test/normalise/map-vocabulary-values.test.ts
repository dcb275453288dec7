// mapVocabularyValues: text and misspelled IRIs of SKOS-bound properties become EU / EUCAIM concept IRIs.
import { beforeAll, describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { NS } from '../../src/core/namespaces.js';
import { loadBundledContext, normalise, type NormaliseContext } from '../../src/normalise/index.js';
import { mapVocabularyValues } from '../../src/normalise/map-vocabulary-values.js';
import { RecordDataset } from '../../src/normalise/record-dataset.js';

const { namedNode, literal, quad } = DataFactory;
const EU = 'http://publications.europa.eu/resource/authority/';
const DS = namedNode('https://records.example.org/ds');

let ctx: NormaliseContext;
beforeAll(async () => {
  ctx = await loadBundledContext();
});

function mapOne(property: string, value: ReturnType<typeof literal> | ReturnType<typeof namedNode>, c = ctx) {
  const { dataset, report } = normalise(new RecordDataset([quad(DS, namedNode(property), value)]), { ...c, keepRawValues: false }, [mapVocabularyValues]);
  return { values: [...dataset].map((q) => q.object.value), counts: report[0]!.counts };
}

describe('mapVocabularyValues', () => {
  it.each([
    [`${NS.dct}format`, literal('CSV'), `${EU}file-type/CSV`],
    [`${NS.dct}format`, literal('.json'), `${EU}file-type/JSON`],
    [`${NS.dct}format`, literal('text/turtle'), `${EU}file-type/RDF_TURTLE`],
    [`${NS.dct}format`, literal('DICOM'), `${EU}file-type/DCM`],
    [`${NS.dct}format`, namedNode(`${EU}file-type/csv`), `${EU}file-type/CSV`],
    [`${NS.dct}language`, literal('en'), `${EU}language/ENG`],
    [`${NS.dct}language`, namedNode('http://id.loc.gov/vocabulary/iso639-1/de'), `${EU}language/DEU`],
    [`${NS.dct}language`, namedNode('http://lexvo.org/id/iso639-3/fra'), `${EU}language/FRA`],
    [`${NS.dct}accessRights`, literal('Public'), `${EU}access-right/PUBLIC`],
    [`${NS.dct}accrualPeriodicity`, literal('weekly'), `${EU}frequency/WEEKLY`],
    [`${NS.dcat}theme`, literal('Health'), `${EU}data-theme/HEAL`],
    [`${NS.dct}spatial`, literal('GR'), `${EU}country/GRC`],
    // IRIs written as literals, over https, with a trailing slash; IANA's media-type IRIs for dct:format.
    [`${NS.dct}language`, literal(`${EU}language/DEU`), `${EU}language/DEU`],
    [`${NS.dct}language`, literal(`https://publications.europa.eu/resource/authority/language/DEU/`), `${EU}language/DEU`],
    [`${NS.dct}language`, namedNode(`${EU}language/DEU/`), `${EU}language/DEU`],
    [`${NS.dct}accessRights`, namedNode(`${EU}access-right/PUBLIC/`), `${EU}access-right/PUBLIC`],
    [`${NS.dct}format`, namedNode('http://www.iana.org/assignments/media-types/text/csv'), `${EU}file-type/CSV`],
    [`${NS.dct}format`, literal('https://www.iana.org/assignments/media-types/application/json'), `${EU}file-type/JSON`],
    // The bundled tables are complete: Japanese, a country outside Europe, geodata formats, licences.
    [`${NS.dct}language`, literal('ja'), `${EU}language/JPN`],
    [`${NS.dct}spatial`, literal('Japan'), `${EU}country/JPN`],
    [`${NS.dct}format`, literal('KML'), `${EU}file-type/KML`],
    [`${NS.dct}license`, literal('CC-BY-4.0'), `${EU}licence/CC_BY_4_0`],
    [`${NS.dct}license`, literal('Apache-2.0'), `${EU}licence/APACHE_2_0`],
  ] as const)('%s %s → <%s>', (property, value, iri) => {
    expect(mapOne(property, value)).toEqual({ values: [iri], counts: { 'vocabulary-concept': 1 } });
  });

  it.each([
    [`${NS.dct}spatial`, namedNode('https://sws.geonames.org/2510769/')],
    [`${NS.dcat}theme`, namedNode('http://eurovoc.europa.eu/100142')],
    [`${NS.dct}accessRights`, namedNode('http://purl.org/coar/access_right/c_abf2')],
    [`${NS.dct}format`, literal('banana')],
    [`${NS.dct}title`, literal('CSV')],
  ] as const)('leaves %s %s alone', (property, value) => {
    expect(mapOne(property, value)).toEqual({ values: [value.value], counts: {} });
  });

  it('is a no-op without vocabularies in the context', () => {
    expect(mapOne(`${NS.dct}format`, literal('CSV'), { mappings: ctx.mappings })).toEqual({ values: ['CSV'], counts: {} });
  });
});
