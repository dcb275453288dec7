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
 * True when the pattern's only sources of repeated solutions are the graphs holding a triple: no UNION,
 * subquery, SERVICE or VALUES (each may repeat a solution on purpose). Its variables are then gathered.
 */
function plainPattern(patterns: readonly Pattern[], vars: Map<string, sparqljs.VariableTerm>): boolean {
  const gather = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const t = node as { termType?: string; value?: string };
    if (t.termType === 'Variable') vars.set(t.value!, node as sparqljs.VariableTerm);
    else for (const v of Object.values(node)) gather(v);
  };
  for (const p of patterns) {
    switch (p.type) {
      case 'bgp':
      case 'bind':
      case 'filter':
        gather(p);
        break;
      case 'group':
      case 'optional':
      case 'minus':
      case 'graph':
        if (p.type === 'graph') gather(p.name);
        if (!plainPattern(p.patterns, vars)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * SPARQL's default graph is one RDF graph, a set of triples; a store answering the union of its named graphs
 * by visiting each graph (Oxigraph's union default graph does, and so does Virtuoso) repeats a triple once per
 * graph holding it, so one title stated in four graphs gave four rows and COUNT(*) said 4. A plain WHERE clause
 * (see {@link plainPattern}) becomes one DISTINCT subquery over its variables, which keeps the engine's own join
 * order; any other has each basic graph pattern outside GRAPH evaluated as a DISTINCT subquery of its own.
 * On every backend alike.
 */
export function distinctDefaultGraph(query: sparqljs.SelectQuery): sparqljs.SelectQuery {
  const where = query.where ?? [];
  const vars = new Map<string, sparqljs.VariableTerm>();
  if (where.length > 0 && plainPattern(where, vars)) {
    const sub = {
      type: 'query', queryType: 'SELECT', distinct: true, prefixes: {},
      variables: vars.size > 0 ? [...vars.values()] : [{ termType: 'Wildcard', value: '*' }],
      where,
    } as unknown as sparqljs.SelectQuery;
    return { ...query, where: [{ type: 'group', patterns: [sub] } as sparqljs.GroupPattern] };
  }
  return { ...query, where: rewrite(where) };
}
