// **RESULTS_WRITERS** is the registry from negotiated results format to its SPARQL 1.1 results serialiser.
import type { ResultsFormat } from '../negotiate.js';
import type { ResultsWriter } from './results-writer.js';
import { sparqlCsv } from './sparql-csv.js';
import { sparqlJson } from './sparql-json.js';
import { sparqlTsv } from './sparql-tsv.js';
import { sparqlXml } from './sparql-xml.js';

export type { ResultsWriter } from './results-writer.js';

export const RESULTS_WRITERS: ReadonlyMap<ResultsFormat, ResultsWriter> = new Map<ResultsFormat, ResultsWriter>([
  ['json', sparqlJson],
  ['xml', sparqlXml],
  ['csv', sparqlCsv],
  ['tsv', sparqlTsv],
]);
