// **parseSparqlJsonResults** reads a SPARQL 1.1 Query Results JSON document into variables and RDF/JS bindings.
import type { Term } from '@rdfjs/types';
import { DataFactory } from 'n3';

const { namedNode, literal, blankNode, quad } = DataFactory;

interface JsonTerm {
  readonly type: 'uri' | 'literal' | 'typed-literal' | 'bnode' | 'triple';
  readonly value: string | { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm };
  readonly 'xml:lang'?: string;
  readonly datatype?: string;
}

interface JsonResults {
  readonly head?: { readonly vars?: readonly string[] };
  readonly results?: { readonly bindings: ReadonlyArray<Record<string, JsonTerm>> };
  readonly boolean?: boolean;
}

export interface ParsedSelect {
  readonly variables: readonly string[];
  readonly rows: ReadonlyMap<string, Term>[];
}

function term(json: JsonTerm): Term {
  const value = json.value;
  if (typeof value !== 'string') {
    return quad(term(value.subject) as never, term(value.predicate) as never, term(value.object) as never);
  }
  switch (json.type) {
    case 'uri':
      return namedNode(value);
    case 'bnode':
      return blankNode(value);
    default:
      if (json['xml:lang']) return literal(value, json['xml:lang']);
      return json.datatype ? literal(value, namedNode(json.datatype)) : literal(value);
  }
}

/** SELECT results; unbound variables are absent from a row. */
export function parseSparqlJsonResults(text: string): ParsedSelect {
  const doc = JSON.parse(text) as JsonResults;
  const rows = (doc.results?.bindings ?? []).map((binding) => {
    const row = new Map<string, Term>();
    for (const name in binding) row.set(name, term(binding[name]!));
    return row;
  });
  return { variables: doc.head?.vars ?? [], rows };
}
