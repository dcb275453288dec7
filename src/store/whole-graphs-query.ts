// **wholeGraphsQuery** recognises a CONSTRUCT that copies whole named graphs, so the embedded store can answer it from its log.

// Oxigraph stores values, not terms: it answers "5"^^xsd:nonNegativeInteger as "5"^^xsd:integer, "05" as
// "5", "1.0"^^xsd:decimal as "1" (and then merges what became equal). The log keeps every graph exactly as
// written, so a query that only copies graphs is answered from there, terms as given. The recogniser is
// strict on purpose: it knows the shapes below (as typed, or as sparqljs regenerates them) and nothing else;
// any other text, however equivalent, returns null and goes to Oxigraph as before.
//   CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <g> { ?s ?p ?o } }
//   CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?g { <g1> <g2> … } GRAPH ?g { ?s ?p ?o } }   (either order)
// preceded by any BASE / PREFIX declarations and # comment lines, with optional `.` after the triples.

const TOKEN = /\s*(?:(#[^\n]*)|<([^<>"{}|^`\\\u0000-\u0020]*)>|[?$]([A-Za-z0-9_]+)|([A-Za-z][A-Za-z0-9_.-]*)?:(?=\s|<)|([A-Za-z]+)|([{}.]))/y;
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:/;

type Token = { readonly kind: 'iri' | 'var' | 'prefix' | 'word' | 'punct'; readonly text: string };

/** The query's tokens, or null when it holds anything outside the recognised vocabulary. */
function tokens(query: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < query.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(query);
    if (m === null) return /^\s*$/.test(query.slice(at)) ? out : null;
    if (m[1] !== undefined) continue;
    if (m[2] !== undefined) out.push({ kind: 'iri', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'var', text: m[3] });
    else if (m[5] !== undefined) out.push({ kind: 'word', text: m[5].toUpperCase() });
    else if (m[6] !== undefined) out.push({ kind: 'punct', text: m[6] });
    else out.push({ kind: 'prefix', text: m[4] ?? '' });
  }
  return out;
}

class Reader {
  #at = 0;
  constructor(readonly list: readonly Token[]) {}
  peek(): Token | undefined {
    return this.list[this.#at];
  }
  take(kind: Token['kind'], text?: string): Token | null {
    const t = this.list[this.#at];
    if (t === undefined || t.kind !== kind || (text !== undefined && t.text !== text)) return null;
    this.#at++;
    return t;
  }
  get done(): boolean {
    return this.#at === this.list.length;
  }
}

/** `{ ?a ?b ?c [.] }`: the three variable names, or null. */
function triplePattern(r: Reader): string[] | null {
  if (!r.take('punct', '{')) return null;
  const vars = [r.take('var'), r.take('var'), r.take('var')];
  if (vars.some((v) => v === null)) return null;
  r.take('punct', '.');
  if (!r.take('punct', '}')) return null;
  return vars.map((v) => v!.text);
}

function absolute(iri: Token | null): string | null {
  return iri !== null && ABSOLUTE_IRI.test(iri.text) ? iri.text : null;
}

/**
 * The graphs a whole-graph CONSTRUCT copies, in query order without repeats; null for any other query.
 * Its answer is then every triple of those graphs, identical triples once (a CONSTRUCT result is a set).
 */
export function wholeGraphsQuery(query: string): string[] | null {
  // Cheap refusal of everything else before tokenising.
  if (!/CONSTRUCT/i.test(query) || !/GRAPH/i.test(query)) return null;
  const list = tokens(query);
  if (list === null) return null;
  const r = new Reader(list);
  for (;;) {
    if (r.take('word', 'BASE')) {
      if (!r.take('iri')) return null;
    } else if (r.take('word', 'PREFIX')) {
      if (!r.take('prefix') || !r.take('iri')) return null;
    } else break;
  }
  if (!r.take('word', 'CONSTRUCT')) return null;
  const template = triplePattern(r);
  if (template === null || new Set(template).size !== 3) return null;
  if (!r.take('word', 'WHERE') || !r.take('punct', '{')) return null;

  let graphVar: string | null = null;
  let named: string | null = null;
  let values: string[] | null = null;
  let pattern: string[] | null = null;
  while (!r.take('punct', '}')) {
    if (r.take('word', 'GRAPH')) {
      if (pattern !== null) return null;
      const iri = r.peek()?.kind === 'iri' ? absolute(r.take('iri')) : null;
      const variable = iri === null ? r.take('var')?.text ?? null : null;
      if (iri === null && variable === null) return null;
      if (variable !== null) {
        if (graphVar !== null && graphVar !== variable) return null;
        graphVar = variable;
      }
      named = iri;
      pattern = triplePattern(r);
      if (pattern === null) return null;
    } else if (r.take('word', 'VALUES')) {
      if (values !== null) return null;
      const variable = r.take('var');
      if (variable === null || !r.take('punct', '{')) return null;
      values = [];
      while (!r.take('punct', '}')) {
        const iri = absolute(r.take('iri'));
        if (iri === null) return null;
        values.push(iri);
      }
      if (graphVar !== null && graphVar !== variable.text) return null;
      graphVar = variable.text;
    } else return null;
  }
  if (!r.done || pattern === null || pattern.join(' ') !== template.join(' ')) return null;
  if (named !== null) return values === null && graphVar === null ? [named] : null;
  // GRAPH ?g with VALUES ?g: ?g must not also be one of the triple's variables.
  if (values === null || graphVar === null || template.includes(graphVar)) return null;
  return [...new Set(values)];
}
