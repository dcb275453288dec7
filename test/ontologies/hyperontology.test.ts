// The bundled EUCAIM hyperontology parses and is consistent: roots, hierarchy, labels, bindings and mappings.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { ValueMappings } from '../../src/normalise/value-mappings.js';
import { loadRecord } from '../normalise/load-record.js';
import { loadTurtle, objects } from './load-turtle.js';

const onto = loadTurtle('ontologies/eucaim-hyperontology.ttl');
const E = (code: string) => `${NS.eucaim}${code}`;
const TYPE = `${NS.rdf}type`;
const SUB = `${NS.rdfs}subClassOf`;
const classes = new Set(onto.getSubjects(TYPE, `${NS.owl}Class`, null).map((t) => t.value));
const mappings = ValueMappings.fromQuads(onto);

const FACETS: Record<string, string> = {
  hasImageModality: 'IMG1000009',
  hasImageBodyPart: 'BP1000024',
  hasCondition: 'CLIN1007977',
  hasEquipmentManufacturer: 'IMG1000010',
  hasBirthSex: 'COM1001396',
  collectionMethod: 'SPEC1000002',
  interoperabilityLevel: 'SPEC1000008',
  hasAlgorithmType: 'COM1001204',
};

describe('eucaim-hyperontology.ttl', () => {
  it('is an owl:Ontology with a version IRI and version info', () => {
    const [ontology] = onto.getSubjects(TYPE, `${NS.owl}Ontology`, null);
    expect(ontology?.value).toBe('https://cancerimage.eu/ontology/EUCAIM');
    expect(objects(onto, ontology!.value, `${NS.owl}versionIRI`)).toHaveLength(1);
    expect(objects(onto, ontology!.value, `${NS.owl}versionInfo`)).toHaveLength(1);
  });

  it.each(Object.entries(FACETS))('binds eucaim:%s to the facet root %s', (property, root) => {
    expect(objects(onto, E(property), `${NS.sheaf}valuesUnder`)).toEqual([E(root)]);
    expect(classes.has(E(root))).toBe(true);
  });

  it.each([...new Set([...Object.values(FACETS), 'SPEC1000017'])])('facet root %s has a real hierarchy below it', (root) => {
    const children = onto.getSubjects(SUB, E(root), null);
    expect(children.length).toBeGreaterThanOrEqual(2);
  });

  it('puts the secondary cancer condition and site-specific primary cancers under CLIN1007977', () => {
    for (const code of ['CLIN1007989', 'CLIN1000065', 'CLIN1000060', 'CLIN1000075', 'CLIN1000054', 'CLIN1063178', 'CLIN1062977']) {
      expect(mappings.isUnder(E(code), E('CLIN1007977')), code).toBe(true);
    }
    expect(mappings.isUnder(E('CLIN1062977'), E('CLIN1063178'))).toBe(true); // lung adenocarcinoma ⊑ NSCLC
    expect(mappings.isUnder(E('CLIN1000064'), E('CLIN1007977'))).toBe(false); // "neoplasm of lung" is not malignant
    expect(mappings.isUnder(E('BP1000021'), E('IMG1000009'))).toBe(false);
  });

  it('declares every superclass, has no subclass cycle, and labels every class in English', () => {
    for (const c of classes) {
      for (const parent of objects(onto, c, SUB)) expect(classes.has(parent), `${c} ⊑ ${parent}`).toBe(true);
      const labels = onto.getObjects(c, `${NS.rdfs}label`, null);
      expect(labels.some((l) => l.termType === 'Literal' && (l as { language: string }).language === 'en'), c).toBe(true);
      expect(objects(onto, c, `${NS.skos}prefLabel`), c).toHaveLength(1);
      expect(objects(onto, c, `${NS.skos}notation`), c).toEqual([c.slice(NS.eucaim.length)]);
      const seen = new Set<string>();
      for (let frontier = [c]; frontier.length > 0; frontier = frontier.flatMap((x) => objects(onto, x, SUB))) {
        for (const x of frontier) {
          expect(x === c && seen.size > 0, `cycle through ${c}`).toBe(false);
          seen.add(x);
        }
      }
    }
  });

  it('maps each DICOM code to one class per facet, and the common modalities and body parts', () => {
    const byRoot = new Map<string, Map<string, string>>();
    for (const q of onto.getQuads(null, `${NS.sheaf}dicomCode`, null, null)) {
      const root = Object.values(FACETS).find((r) => mappings.isUnder(q.subject.value, E(r)));
      expect(root, q.subject.value).toBeDefined();
      const codes = byRoot.get(root!) ?? byRoot.set(root!, new Map()).get(root!)!;
      expect(codes.has(q.object.value), `${q.object.value} twice under ${root}`).toBe(false);
      codes.set(q.object.value, q.subject.value);
    }
    expect([...byRoot.get('IMG1000009')!.keys()]).toEqual(expect.arrayContaining(['CT', 'MR', 'PT', 'CR', 'DX', 'MG', 'US', 'NM']));
    expect([...byRoot.get('BP1000024')!.keys()]).toEqual(expect.arrayContaining(['CHEST', 'LUNG', 'BREAST', 'PROSTATE', 'HEAD', 'ABDOMEN']));
  });

  it('gives each SNOMED CT, NCIt and RadLex code to one class only', () => {
    const owner = new Map<string, string>();
    for (const q of onto.getQuads(null, `${NS.skos}exactMatch`, null, null)) {
      if (!/snomed\.info|NCIT_|radlex\.org/.test(q.object.value)) continue;
      expect(owner.get(q.object.value), q.object.value).toBeUndefined();
      owner.set(q.object.value, q.subject.value);
    }
    expect(owner.get('http://snomed.info/id/363358000')).toBe(E('CLIN1000065'));
    expect(owner.get('http://snomed.info/id/254637007')).toBe(E('CLIN1063178'));
    expect(owner.size).toBeGreaterThan(40);
  });

  it('holds every hyperontology value of the conformant record under its property root', () => {
    const record = loadRecord('eucaim-conformant.ttl');
    for (const [property, root] of Object.entries(FACETS)) {
      const values = record.getObjects(null, E(property), null);
      expect(values.length, property).toBeGreaterThan(0);
      for (const v of values) expect(mappings.isUnder(v.value, E(root)), `${property} ${v.value}`).toBe(true);
    }
  });

  // Codes and labels are EUCAIM's facts; this cross-check needs the code list from the shared research folder.
  const CODE_LIST = new URL('../../../shared/external/eucaim/hyperontology/hyperontology-concepts.csv', import.meta.url);
  it.skipIf(!existsSync(CODE_LIST))('uses only codes and preferred labels of the EUCAIM code list (skipped: ../shared absent)', () => {
    const rows = new Map<string, string>();
    for (const line of readFileSync(CODE_LIST, 'utf8').split('\n').slice(1)) {
      const m = /^([A-Z]+\d+),[^,]*,("(?:[^"]|"")*"|[^,]*),/.exec(line);
      if (m) rows.set(m[1]!, m[2]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
    }
    for (const c of classes) {
      const code = c.slice(NS.eucaim.length);
      expect(rows.has(code), code).toBe(true);
      expect(objects(onto, c, `${NS.skos}prefLabel`)[0], code).toBe(rows.get(code)!.trim());
    }
  });
});
