// **sparqlCsv** writes SPARQL 1.1 Query Results CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/): values only, lossy by design.
import type { Term } from '@rdfjs/types';
import type { ResultsWriter } from './results-writer.js';

// RFC 4180: quote a field holding a quote, comma or line break; double inner quotes.
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvValue(term: Term | undefined): string {
  if (term === undefined) return '';
  if (term.termType === 'BlankNode') return field(`_:${term.value}`);
  return field(term.value);
}

export const sparqlCsv: ResultsWriter = {
  select(result) {
    const lines = [result.variables.map(field).join(',')];
    for (const row of result.rows) lines.push(result.variables.map((v) => csvValue(row.get(v))).join(','));
    return `${lines.join('\r\n')}\r\n`;
  },
  boolean(value) {
    return `_askResult\r\n${value}\r\n`;
  },
};
