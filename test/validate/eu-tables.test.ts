// The complete EU authority tables in validation: every code of the tables passes; a code the bundled copy lacks, in a table's namespace, is a warning naming the copy's date.
import { Parser } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import type { ShaclValidator } from '../../src/validate/shacl-validator.js';

const EU = 'http://publications.europa.eu/resource/authority/';
let validator: ShaclValidator;

beforeAll(async () => {
  validator = await (await loadProfiles()).validator('dcat-ap');
}, 300_000);

const PREFIXES = `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
  @prefix lang: <${EU}language/> . @prefix freq: <${EU}frequency/> . @prefix ft: <${EU}file-type/> . @prefix country: <${EU}country/> .
`;

/** A city portal's geodata record, as such portals export it; `dataset` and `distribution` add statements. */
function cityRecord(o: { dataset?: string; distribution?: string } = {}): string {
  return `${PREFIXES}
    <https://opendata.city.example/dataset/roads> a dcat:Dataset ;
      dct:title "Road network"@en ; dct:description "Streets and their classes, updated every minute by the traffic centre."@en ;
      dcat:distribution <https://opendata.city.example/dataset/roads/kml>, <https://opendata.city.example/dataset/roads/gml>,
        <https://opendata.city.example/dataset/roads/shp>, <https://opendata.city.example/dataset/roads/wms> ${o.dataset ?? ''} .
    <https://opendata.city.example/dataset/roads/kml> a dcat:Distribution ; dcat:accessURL <https://opendata.city.example/roads.kml> ; dct:format ft:KML .
    <https://opendata.city.example/dataset/roads/gml> a dcat:Distribution ; dcat:accessURL <https://opendata.city.example/roads.gml> ; dct:format ft:GML .
    <https://opendata.city.example/dataset/roads/shp> a dcat:Distribution ; dcat:accessURL <https://opendata.city.example/roads.zip> ; dct:format ft:SHP .
    <https://opendata.city.example/dataset/roads/wms> a dcat:Distribution ; dcat:accessURL <https://maps.city.example/wms> ; dct:format ft:WMS_SRVC
      ${o.distribution ?? ''} .`;
}

const CODED = [`${NS.dct}language`, `${NS.dct}accrualPeriodicity`, `${NS.dct}format`, `${NS.dct}spatial`].map((p) => `<${p}>`);

/** The results on the coded properties on values (the record lacks some recommended properties too: not under test here). */
async function codedResults(ttl: string) {
  const outcome = await validator.validate(new Parser().parse(ttl));
  return outcome.results.filter((r) => r.severity !== 'Info' && r.value !== undefined && CODED.includes(r.path ?? ''));
}

describe('EU authority tables in the dcat-ap profile', () => {
  it('knows Japanese, a one-minute frequency, KML, GML, SHP and WMS, and a country outside Europe', async () => {
    expect(await codedResults(cityRecord({ dataset: '; dct:language lang:JPN, lang:ZHO ; dct:accrualPeriodicity freq:1MIN ; dct:spatial country:JPN' }))).toEqual([]);
  });

  it.each(['10MIN', '12HRS', 'BIDECENNIAL', 'UPDATE_CONT', 'IRREG'])('knows the frequency %s', async (code) => {
    expect(await codedResults(cityRecord({ dataset: `; dct:accrualPeriodicity freq:${code}` }))).toEqual([]);
  });

  it('warns once on an invented code in a table\'s namespace, naming the table and the copy\'s date, never a violation', async () => {
    const results = await codedResults(cityRecord({ dataset: '; dct:accrualPeriodicity freq:EVERY_BLUE_MOON' }));
    expect(results.map((r) => [r.severity, r.value])).toEqual([['Warning', `${EU}frequency/EVERY_BLUE_MOON`]]);
    expect(results[0]!.message).toContain(`<${EU}frequency>`);
    expect(results[0]!.message).toMatch(/dated \d{4}-\d{2}-\d{2}/);
  });

  it('warns on an invented file type and an invented language in their namespaces', async () => {
    const results = await codedResults(cityRecord({ dataset: '; dct:language lang:KLINGONISH', distribution: '' })
      .replace('ft:GML', 'ft:GML_SUPER'));
    expect(results.map((r) => [r.severity, r.value]).sort()).toEqual([
      ['Warning', `${EU}file-type/GML_SUPER`], ['Warning', `${EU}language/KLINGONISH`],
    ]);
  });

  it('still fails a value outside the table\'s namespace, once, with the profile\'s severity and message', async () => {
    const results = await codedResults(cityRecord({ dataset: '; dct:accrualPeriodicity <http://purl.org/cld/freq/daily> ; dct:language <http://id.loc.gov/vocabulary/iso639-2/jpx>' }));
    expect(results.map((r) => [r.severity, r.value, r.sourceConstraintComponent]).sort()).toEqual([
      ['Violation', 'http://id.loc.gov/vocabulary/iso639-2/jpx', `${NS.sh}InConstraintComponent`],
      ['Violation', 'http://purl.org/cld/freq/daily', `${NS.sh}InConstraintComponent`],
    ]);
    expect(results.find((r) => r.value?.includes('freq'))!.message).toContain(`${EU}frequency`);
  });
});
