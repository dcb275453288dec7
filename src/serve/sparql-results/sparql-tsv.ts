// **sparqlTsv** writes SPARQL 1.1 Query Results TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/): terms in SPARQL syntax.
import type { Term } from '@rdfjs/types';
import { RDF_LANG_STRING, XSD_STRING, type ResultsWriter } from './results-writer.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
// The TSV spec allows these in their bare Turtle forms when the lexical form is canonical-looking.
const BARE: ReadonlyMap<string, RegExp> = new Map([
  [`${XSD}integer`, /^[+-]?\d+$/],
  [`${XSD}decimal`, /^[+-]?\d*\.\d+$/],
  [`${XSD}double`, /^[+-]?(\d+\.\d*|\.?\d+)[eE][+-]?\d+$/],
  [`${XSD}boolean`, /^(true|false)$/],
]);

function escapeString(text: string): string {
  return text.replace(/[\\"\t\n\r]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c);
}

function escapeIri(iri: string): string {
  // IRIREF forbids these characters; \u escapes keep the value recoverable.
  return iri.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
}

function tsvTerm(term: Term | undefined): string {
  if (term === undefined) return '';
  switch (term.termType) {
    case 'NamedNode': return `<${escapeIri(term.value)}>`;
    case 'BlankNode': return `_:${term.value}`;
    case 'Literal': {
      const lexical = `"${escapeString(term.value)}"`;
      if (term.language) return `${lexical}@${term.language}`;
      const datatype = term.datatype.value;
      if (datatype === XSD_STRING || datatype === RDF_LANG_STRING) return lexical;
      if (BARE.get(datatype)?.test(term.value)) return term.value;
      return `${lexical}^^<${escapeIri(datatype)}>`;
    }
    case 'Quad': return `<< ${tsvTerm(term.subject)} ${tsvTerm(term.predicate)} ${tsvTerm(term.object)} >>`;
    default: throw new Error(`cannot write a ${term.termType} as a SPARQL TSV result term`);
  }
}

export const sparqlTsv: ResultsWriter = {
  select(result) {
    const lines = [result.variables.map((v) => `?${v}`).join('\t')];
    for (const row of result.rows) lines.push(result.variables.map((v) => tsvTerm(row.get(v))).join('\t'));
    return `${lines.join('\n')}\n`;
  },
  boolean(value) {
    return `?_askResult\n${value}\n`;
  },
};
