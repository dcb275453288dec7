// **ResultsWriter** is the shape shared by the SPARQL 1.1 query results serialisers (JSON, XML, CSV, TSV).
import type { SelectResult } from '../../store/catalogue-store.js';

export interface ResultsWriter {
  /** Serialises a SELECT result; rows keep their order. */
  select(result: SelectResult): string;
  /** Serialises an ASK result. */
  boolean(value: boolean): string;
}

export const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
export const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
