// Logical constraints: each sh:or, sh:xone, sh:and and sh:not value of a shape is its own constraint, never merged.
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';

const P = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .
  @prefix vcard: <http://www.w3.org/2006/vcard/ns#> . @prefix dct: <http://purl.org/dc/terms/> .
  @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <https://shapes.example.org/> .`;

// As DCAT-AP-ES 1.0.0 restricts a contact point: one sh:or on its class, another on email-or-URL.
const CONTACT_POINT = `${P}
ex:VcardKindRestriction a sh:NodeShape ;
  sh:targetObjectsOf dcat:contactPoint ;
  sh:or ( [ sh:class vcard:Kind ] [ sh:class vcard:Organization ] [ sh:class vcard:Individual ] ) ;
  sh:or ( [ sh:property [ sh:path vcard:hasEmail ; sh:minCount 1 ] ] [ sh:property [ sh:path vcard:hasURL ; sh:minCount 1 ] ] ) .`;

const compile = async (shapes: string) => ShaclValidator.compile({ shapes: await parseRdf(shapes, { format: 'turtle' }) });
const components = (rows: readonly { focusNode: string; sourceConstraintComponent: string }[]) =>
  rows.map((r) => `${r.focusNode} ${r.sourceConstraintComponent.replace(/^.*#/, '')}`).sort();

describe('two logical constraints of the same kind on one shape', () => {
  it('reports a contact point that is a vcard:Organization without email or URL (the second sh:or)', async () => {
    const v = await compile(CONTACT_POINT);
    const outcome = await v.validate(await parseRdf(`${P}
      <http://datos.example.org/dataset/123> dcat:contactPoint <http://datos.example.org/contact/1> .
      <http://datos.example.org/contact/1> a vcard:Organization ; vcard:fn "Unidad de datos" .`, { format: 'turtle' }));
    expect(components(outcome.results)).toEqual(['http://datos.example.org/contact/1 OrConstraintComponent']);
    expect(outcome.results[0]!.message).toBe('Node <http://datos.example.org/contact/1> conforms to none of the 2 alternatives of sh:or');
  });

  it('reports each failing sh:or once: an untyped IRI without email or URL fails both', async () => {
    const v = await compile(CONTACT_POINT);
    const outcome = await v.validate(await parseRdf(`${P}
      <http://datos.example.org/dataset/123> dcat:contactPoint <http://datos.gob.es/recurso/sector-publico/org/Organismo/EA0000000> .`,
    { format: 'turtle' }));
    expect(components(outcome.results)).toEqual([
      'http://datos.gob.es/recurso/sector-publico/org/Organismo/EA0000000 OrConstraintComponent',
      'http://datos.gob.es/recurso/sector-publico/org/Organismo/EA0000000 OrConstraintComponent',
    ]);
  });

  it('passes a contact point satisfying both', async () => {
    const v = await compile(CONTACT_POINT);
    const outcome = await v.validate(await parseRdf(`${P}
      <http://datos.example.org/dataset/123> dcat:contactPoint <http://datos.example.org/contact/1> .
      <http://datos.example.org/contact/1> a vcard:Kind ; vcard:hasURL <https://datos.example.org/contacto> .`, { format: 'turtle' }));
    expect(outcome.results).toEqual([]);
  });

  it.each([
    ['sh:xone', 'sh:xone ( [ sh:class foaf:Person ] [ sh:class foaf:Organization ] ) ; sh:xone ( [ sh:nodeKind sh:BlankNode ] [ sh:class foaf:Group ] ) .',
      'a foaf:Organization', ['XoneConstraintComponent']],
    ['sh:and', 'sh:and ( [ sh:class foaf:Agent ] ) ; sh:and ( [ sh:class foaf:Organization ] ) .', 'a foaf:Person', ['AndConstraintComponent', 'AndConstraintComponent']],
    ['sh:not', 'sh:not [ sh:class foaf:Person ] ; sh:not [ sh:class foaf:Organization ] .', 'a foaf:Organization', ['NotConstraintComponent']],
  ])('evaluates two %s values separately', async (_name, constraints, typing, expected) => {
    const v = await compile(`${P} ex:Publisher a sh:NodeShape ; sh:targetObjectsOf dct:publisher ; ${constraints}`);
    const outcome = await v.validate(await parseRdf(`${P} <https://d.example.org/ds> dct:publisher <https://d.example.org/org> .
      <https://d.example.org/org> ${typing} .`, { format: 'turtle' }));
    expect(components(outcome.results)).toEqual(expected.map((c) => `https://d.example.org/org ${c}`));
  });
});
