// wholeGraphsQuery: which CONSTRUCTs the embedded store may answer from its log, and that nothing else is taken.
import { describe, expect, it } from 'vitest';
import { QueryFile } from '../../src/core/query-file.js';
import { DataFactory } from 'n3';
import { wholeGraphsQuery } from '../../src/store/whole-graphs-query.js';

const G = 'http://x.test/graph/1';
const H = 'http://x.test/graph/2';

describe('wholeGraphsQuery', () => {
  it.each([
    ['one graph', `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G}> { ?s ?p ?o } }`, [G]],
    ['as sparqljs regenerates it', `BASE <http://base.test/>\nCONSTRUCT { ?s ?p ?o. }\nWHERE { GRAPH <${G}> { ?s ?p ?o. } }`, [G]],
    ['VALUES first, repeats once', `CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?g { <${G}> <${H}> <${G}> } GRAPH ?g { ?s ?p ?o } }`, [G, H]],
    ['VALUES last, comments, prefixes, $vars, lower case', `# read\nPREFIX ex: <http://x.test/>\nconstruct { $s $p $o } where { graph ?g { ?s ?p ?o } values ?g { <${H}> } }`, [H]],
    ['an IRI with a fragment', `CONSTRUCT { ?a ?b ?c } WHERE { GRAPH <${G}#x> { ?a ?b ?c . } }`, [`${G}#x`]],
    ['no graph listed', 'CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?g { } GRAPH ?g { ?s ?p ?o } }', []],
  ])('recognises %s', (_name, query, graphs) => {
    expect(wholeGraphsQuery(query)).toEqual(graphs);
  });

  it('recognises the graphs-content query file once bound', () => {
    const query = QueryFile.load('graphs-content').bind({ g: [DataFactory.namedNode(G), DataFactory.namedNode(H)] });
    expect(wholeGraphsQuery(query)).toEqual([G, H]);
  });

  it.each([
    ['a relative IRI (resolves against a base)', 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <g> { ?s ?p ?o } }'],
    ['a prefixed graph name', 'PREFIX ex: <http://x.test/>\nCONSTRUCT { ?s ?p ?o } WHERE { GRAPH ex:g { ?s ?p ?o } }'],
    ['a reordered template', `CONSTRUCT { ?o ?p ?s } WHERE { GRAPH <${G}> { ?s ?p ?o } }`],
    ['a repeated variable', `CONSTRUCT { ?s ?s ?o } WHERE { GRAPH <${G}> { ?s ?s ?o } }`],
    ['a LIMIT', `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G}> { ?s ?p ?o } } LIMIT 1`],
    ['a FILTER', `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G}> { ?s ?p ?o } FILTER(isIRI(?o)) }`],
    ['a FROM clause', `CONSTRUCT { ?s ?p ?o } FROM <${H}> WHERE { GRAPH <${G}> { ?s ?p ?o } }`],
    ['GRAPH ?g without VALUES (every graph)', 'CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }'],
    ['VALUES on another variable', `CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?h { <${G}> } GRAPH ?g { ?s ?p ?o } }`],
    ['the graph variable inside the triple', `CONSTRUCT { ?s ?p ?g } WHERE { VALUES ?g { <${G}> } GRAPH ?g { ?s ?p ?g } }`],
    ['two GRAPH blocks (a join)', `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G}> { ?s ?p ?o } GRAPH <${H}> { ?s ?p ?o } }`],
    ['a nested group', `CONSTRUCT { ?s ?p ?o } WHERE { { GRAPH <${G}> { ?s ?p ?o } } }`],
    ['a constant in the pattern', `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${G}> { ?s <http://x.test/p> ?o } }`],
    ['a SELECT', `SELECT ?s ?p ?o WHERE { GRAPH <${G}> { ?s ?p ?o } }`],
    ['DESCRIBE', `DESCRIBE <${G}>`],
  ])('leaves to the query engine: %s', (_name, query) => {
    expect(wholeGraphsQuery(query)).toBeNull();
  });
});
