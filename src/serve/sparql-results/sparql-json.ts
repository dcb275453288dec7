// **sparqlJson** writes SPARQL 1.1 Query Results JSON Format (https://www.w3.org/TR/sparql11-results-json/).
import type { Term } from '@rdfjs/types';
import { RDF_LANG_STRING, XSD_STRING, type ResultsWriter } from './results-writer.js';

type JsonTerm =
  | { type: 'uri' | 'bnode'; value: string }
  | { type: 'literal'; value: string; 'xml:lang'?: string; datatype?: string }
  | { type: 'triple'; value: { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm } };

function jsonTerm(term: Term): JsonTerm {
  switch (term.termType) {
    case 'NamedNode': return { type: 'uri', value: term.value };
    case 'BlankNode': return { type: 'bnode', value: term.value };
    case 'Literal': {
      if (term.language) return { type: 'literal', value: term.value, 'xml:lang': term.language };
      const datatype = term.datatype.value;
      return datatype === XSD_STRING || datatype === RDF_LANG_STRING
        ? { type: 'literal', value: term.value }
        : { type: 'literal', value: term.value, datatype };
    }
    case 'Quad':
      return { type: 'triple', value: { subject: jsonTerm(term.subject), predicate: jsonTerm(term.predicate), object: jsonTerm(term.object) } };
    default: throw new Error(`cannot write a ${term.termType} as a SPARQL JSON result term`);
  }
}

export const sparqlJson: ResultsWriter = {
  select(result) {
    const bindings = result.rows.map((row) => {
      const binding: Record<string, JsonTerm> = {};
      for (const [name, term] of row) binding[name] = jsonTerm(term);
      return binding;
    });
    return JSON.stringify({ head: { vars: result.variables }, results: { bindings } });
  },
  boolean(value) {
    return JSON.stringify({ head: {}, boolean: value });
  },
};
