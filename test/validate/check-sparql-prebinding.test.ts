// SPARQL-based shapes that break SHACL's pre-binding rules are refused when the validator compiles.
import { describe, expect, it } from 'vitest';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { checkSparqlPrebinding } from '../../src/validate/check-sparql-prebinding.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';

const shapes = (query: string) => parseRdf(`@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
  ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:select """${query}""" ] .`, { format: 'turtle' });

describe('checkSparqlPrebinding', () => {
  it.each([
    ['MINUS', 'SELECT $this WHERE { $this ?p ?o . MINUS { $this ?p "x" } }', 'MINUS'],
    ['VALUES', 'SELECT $this WHERE { VALUES ?o { 1 } $this ?p ?o }', 'VALUES'],
    ['SERVICE', 'SELECT $this WHERE { SERVICE <http://example.org/sparql> { $this ?p ?o } }', 'SERVICE'],
    ['re-binding $this', 'SELECT $this WHERE { BIND (true AS $this) }', 'AS ?this'],
    ['a sub-SELECT dropping $this', 'SELECT $this WHERE { $this ?p ?o . { SELECT ?o WHERE { ?s ?p ?o } } }', 'nested SELECT'],
  ])('refuses %s', async (_name, query, offence) => {
    const problems = checkSparqlPrebinding(await shapes(query));
    expect(problems.join()).toContain(offence);
    await expect(ShaclValidator.compile({ shapes: await shapes(query), sparql: true })).rejects.toThrow(/ill-formed SPARQL-based shapes/);
  });

  it('accepts ordinary queries and sub-SELECTs that return $this', async () => {
    expect(checkSparqlPrebinding(await shapes('SELECT $this ?o WHERE { $this ?p ?o . FILTER (isLiteral(?o)) }'))).toEqual([]);
    expect(checkSparqlPrebinding(await shapes('SELECT $this WHERE { { SELECT $this WHERE { $this ?p ?o } } }'))).toEqual([]);
  });
});
