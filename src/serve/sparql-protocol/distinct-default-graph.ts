// **distinctDefaultGraph** makes a SELECT see its default graph as a set: a triple stated in several graphs matches once.
import type sparqljs from 'sparqljs';

type Pattern = sparqljs.Pattern;

/** Variables of a basic graph pattern (subjects, predicates, objects; a path's ends). */
function bgpVariables(bgp: sparqljs.BgpPattern): sparqljs.VariableTerm[] {
  const seen = new Map<string, sparqljs.VariableTerm>();
  const visit = (term: unknown): void => {
    const t = term as { termType?: string; value?: string; subject?: unknown; predicate?: unknown; object?: unknown };
    if (t?.termType === 'Variable') seen.set(t.value!, t as sparqljs.VariableTerm);
    else if (t?.termType === 'Quad') [t.subject, t.predicate, t.object].forEach(visit);
  };
  for (const triple of bgp.triples) [triple.subject, triple.predicate, triple.object].forEach(visit);
  return [...seen.values()];
}

/**
 * `{ SELECT DISTINCT <its variables> WHERE { bgp } }`: against a union of graphs each solution of the pattern
 * comes once, however many graphs state its triples, while joins across graphs still work (the subquery
 * still reads the union). Blank nodes of the pattern stay unprojected, so two solutions differing only in
 * them count once.
 */
function distinctBgp(bgp: sparqljs.BgpPattern): Pattern {
  const variables = bgpVariables(bgp);
  const sub = {
    type: 'query', queryType: 'SELECT', distinct: true, prefixes: {},
    variables: variables.length > 0 ? variables : [{ termType: 'Wildcard', value: '*' }],
    where: [bgp],
  } as unknown as sparqljs.SelectQuery;
  return { type: 'group', patterns: [sub] } as sparqljs.GroupPattern;
}

function rewrite(patterns: readonly Pattern[]): Pattern[] {
  return patterns.map((p): Pattern => {
    switch (p.type) {
      case 'bgp':
        return distinctBgp(p);
      case 'group':
      case 'optional':
      case 'minus':
      case 'union':
        return { ...p, patterns: rewrite(p.patterns) } as Pattern;
      case 'query':
        return { ...p, where: rewrite(p.where ?? []) } as Pattern;
      // GRAPH reads one graph (already a set); SERVICE is another endpoint's business; FILTER EXISTS only
      // asks whether a match exists; BIND and VALUES read no graph.
      default:
        return p;
    }
  });
}

/**
 * SPARQL's default graph is one RDF graph, a set of triples; a store answering the union of its named graphs
 * by visiting each graph (Oxigraph's union default graph does) repeats a triple once per graph holding it, so
 * one title stated in four graphs gave four rows and COUNT(*) said 4. Each basic graph pattern outside GRAPH
 * is evaluated as a DISTINCT subquery instead, on every backend alike.
 */
export function distinctDefaultGraph(query: sparqljs.SelectQuery): sparqljs.SelectQuery {
  return { ...query, where: rewrite(query.where ?? []) };
}
