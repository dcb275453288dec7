// sheaf's SHACL-for-SHACL: derived graphs from real ontologies conform; ill-formed shapes graphs are caught.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { deriveShapes } from '../../src/ontology/derive-shapes.js';
import { checkShapesGraph } from '../../src/ontology/check-shapes-graph.js';

const EXTERNAL = resolve(process.env.SHEAF_EXTERNAL ?? join(import.meta.dirname, '../../../shared/external'));
const O2S = join(EXTERNAL, 'ontology2shacl');
const HAVE_EXTERNAL = existsSync(O2S);

const bad = (body: string) => parseRdf(`@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
  @prefix sheaf: <https://w3id.org/sheaf/ns#> . ${body}`, { format: 'turtle' });

describe('checkShapesGraph', () => {
  it.each([
    ['a count given as a string', 'ex:S a sh:PropertyShape ; sh:path ex:p ; sh:minCount "1" .'],
    ['two paths on one property shape', 'ex:S a sh:PropertyShape ; sh:path ex:p, ex:q .'],
    ['a literal as sh:class', 'ex:S a sh:NodeShape ; sh:class "Person" .'],
    ['a qualified shape without count', 'ex:S a sh:PropertyShape ; sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:C ] .'],
    ['a broken list in sh:in', 'ex:S a sh:NodeShape ; sh:in [ <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> ex:a ] .'],
    ['an unknown node kind', 'ex:S a sh:NodeShape ; sh:nodeKind sh:Thing .'],
    ['a derived shape without source', 'ex:S a sh:NodeShape ; sheaf:derivedBy "x" .'],
  ])('rejects %s', async (_name, body) => {
    const summary = await checkShapesGraph(await bad(body));
    expect(summary.conforms).toBe(false);
  });

  it('accepts a well-formed hand-written graph', async () => {
    const summary = await checkShapesGraph(await bad(`ex:S a sh:NodeShape ; sh:targetClass ex:C ;
      sh:property [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:minCount 1 ; sh:in ( ex:a ex:b ) ] .`));
    expect(summary.results).toEqual([]);
  });

  it('accepts the shapes derived from the bundled hyperontology', async () => {
    const onto = await parseRdf(readFileSync(join(import.meta.dirname, '../../ontologies/eucaim-hyperontology.ttl'), 'utf8'), { format: 'turtle' });
    expect((await checkShapesGraph(deriveShapes(onto))).results).toEqual([]);
  });

  const fragments = HAVE_EXTERNAL ? readdirSync(join(O2S, 'astrea/fragments')).map((f) => join(O2S, 'astrea/fragments', f)) : [];
  const ontologies = HAVE_EXTERNAL
    ? [...['dcat2.ttl', 'dcat3.ttl', 'owl-time-2016.ttl'].map((f) => join(O2S, 'ontologies', f)),
       ...['enumeration-value-constraints', 'onDataRange-cardinality'].map((d) => join(O2S, 'sparna-owl2shacl', d, 'input.ontology.ttl'))]
    : [];
  it.skipIf(!HAVE_EXTERNAL)(`derives well-formed shapes from all Astrea fragments and reference ontologies (needs ${O2S})`, async () => {
    const failures: string[] = [];
    for (const file of [...fragments, ...ontologies]) {
      const shapes = deriveShapes(await parseRdf(readFileSync(file, 'utf8'), { format: 'turtle' }));
      const summary = await checkShapesGraph(shapes);
      if (!summary.conforms) failures.push(`${file}: ${summary.results[0]?.message} at ${summary.results[0]?.focusNode}`);
    }
    expect(fragments.length).toBe(96);
    expect(failures).toEqual([]);
  });
});
