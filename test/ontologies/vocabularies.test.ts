// The bundled SKOS vocabularies and the profiles manifest agree: schemes exist, members belong, files parse.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { ValueMappings } from '../../src/normalise/value-mappings.js';
import { loadTurtle, objects } from './load-turtle.js';

const EU = 'http://publications.europa.eu/resource/authority/';
const VOCABULARIES: readonly [string, string, string[]][] = [
  ['access-right.ttl', `${EU}access-right`, ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC']],
  ['file-type.ttl', `${EU}file-type`, ['CSV', 'JSON', 'RDF_TURTLE', 'DCM', 'KML', 'GML', 'SHP', 'WMS_SRVC', 'GEOJSON']],
  ['data-theme.ttl', `${EU}data-theme`, ['HEAL', 'TECH', 'GOVE']],
  ['frequency.ttl', `${EU}frequency`, ['ANNUAL', 'WEEKLY', 'IRREG']],
  ['language.ttl', `${EU}language`, ['ENG', 'DEU', 'FRA', 'ELL', 'JPN', 'ZHO', 'MUL', 'UND', 'ZXX']],
  ['country.ttl', `${EU}country`, ['GRC', 'ESP', 'NOR', 'CHE', 'JPN', 'USA', 'BRA']],
  ['licence.ttl', `${EU}licence`, ['CC_BY_4_0', 'CC0', 'APACHE_2_0']],
  ['eucaim-access-conditions.ttl', 'https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/access-conditions/', ['DOWNLOAD', 'IN_SITU_PROCESSING', 'REMOTE_PROCESSING']],
  ['eucaim-data-use-conditions.ttl', 'https://eucaim.github.io/eucaim_dcat_ap/releases/controlled-vocabularies/data-use-conditions/', ['DUO_0000007', 'DUO_0000046']],
];

describe('ontologies/vocabularies', () => {
  it.each(VOCABULARIES)('%s is one skos:ConceptScheme <%s> whose members all carry notation and English label', (file, scheme, notations) => {
    const store = loadTurtle(`ontologies/vocabularies/${file}`);
    expect(store.getSubjects(`${NS.rdf}type`, `${NS.skos}ConceptScheme`, null).map((t) => t.value)).toEqual([scheme]);
    const concepts = store.getSubjects(`${NS.rdf}type`, `${NS.skos}Concept`, null).map((t) => t.value);
    expect(concepts.length).toBeGreaterThanOrEqual(notations.length);
    for (const c of concepts) {
      expect(objects(store, c, `${NS.skos}inScheme`), c).toEqual([scheme]);
      expect(objects(store, c, `${NS.skos}notation`), c).toHaveLength(1);
      const label = store.getObjects(c, `${NS.skos}prefLabel`, null)[0] as { language?: string } | undefined;
      expect(label?.language, c).toBe('en');
      if (scheme.startsWith(EU)) expect(c).toBe(`${scheme}/${objects(store, c, `${NS.skos}notation`)[0]}`);
    }
    const have = new Set(concepts.flatMap((c) => objects(store, c, `${NS.skos}notation`)));
    for (const n of notations) expect(have.has(n), n).toBe(true);
    // The generated EU tables say which copy they are: the validator names that date.
    if (scheme.startsWith(EU) && file !== 'licence.ttl') expect(objects(store, scheme, `${NS.dct}issued`)[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('holds the complete ISO lists behind the language and country tables', () => {
    expect(loadTurtle('ontologies/vocabularies/language.ttl').getSubjects(`${NS.rdf}type`, `${NS.skos}Concept`, null).length).toBeGreaterThan(7_000);
    expect(loadTurtle('ontologies/vocabularies/country.ttl').getSubjects(`${NS.rdf}type`, `${NS.skos}Concept`, null).length).toBeGreaterThanOrEqual(249);
  });
});

interface Manifest {
  default: string;
  profiles: Record<string, { title: string; shapes: string[]; ontologies: string[]; vocabularies: string[] }>;
}
const MANIFEST_URL = new URL('../../shapes/profiles.json', import.meta.url);
const manifest = JSON.parse(readFileSync(MANIFEST_URL, 'utf8')) as Manifest;
const rel = (file: string) => new URL(file, MANIFEST_URL).href.slice(new URL('../../', import.meta.url).href.length);

describe('shapes/profiles.json', () => {
  it('names the dcat-ap, healthdcat-ap and eucaim profiles, dcat-ap by default', () => {
    expect(Object.keys(manifest.profiles).sort()).toEqual(['dcat-ap', 'eucaim', 'healthdcat-ap']);
    expect(manifest.default).toBe('dcat-ap');
  });

  it.each(Object.entries(manifest.profiles))('%s: every sheaf:inScheme and sheaf:valuesUnder resolves in the files it lists', (_name, p) => {
    const schemes = new Set(
      p.vocabularies.flatMap((v) => loadTurtle(rel(v)).getSubjects(`${NS.rdf}type`, `${NS.skos}ConceptScheme`, null).map((t) => t.value)),
    );
    const ontologies = p.ontologies.map((o) => ValueMappings.fromQuads(loadTurtle(rel(o))));
    for (const file of p.shapes) {
      const shapes = loadTurtle(rel(file));
      for (const s of objects(shapes, null, `${NS.sheaf}inScheme`)) expect(schemes.has(s), `${file}: ${s}`).toBe(true);
      for (const root of objects(shapes, null, `${NS.sheaf}valuesUnder`)) {
        expect(ontologies.some((m) => m.isClass(root)), `${file}: ${root}`).toBe(true);
      }
      // Every property shape says how bad a failure is and what it means.
      for (const ps of shapes.getSubjects(`${NS.rdf}type`, `${NS.sh}PropertyShape`, null)) {
        expect(objects(shapes, ps.value, `${NS.sh}severity`), ps.value).toHaveLength(1);
        expect(objects(shapes, ps.value, `${NS.sh}message`), ps.value).toHaveLength(1);
      }
    }
  });

  it('binds each mandatory / recommended / optional presence check to Violation / Warning / Info', () => {
    const shapes = loadTurtle('shapes/dcat-ap-3.ttl');
    const severityOf = (id: string) => objects(shapes, `https://w3id.org/sheaf/shapes/dcat-ap-3#${id}`, `${NS.sh}severity`)[0];
    expect(severityOf('Dataset-title-presence')).toBe(`${NS.sh}Violation`);
    expect(severityOf('Dataset-theme-presence')).toBe(`${NS.sh}Warning`);
    expect(severityOf('Dataset-accessRights-presence')).toBe(`${NS.sh}Info`);
  });
});
