// **RdfFormat** names the RDF syntaxes sheaf reads and writes, in one spelling everywhere (the feed option's `format` values).
export const RDF_FORMATS = ['turtle', 'trig', 'n-triples', 'n-quads', 'rdf-xml', 'json-ld'] as const;

export type RdfFormat = (typeof RDF_FORMATS)[number];
