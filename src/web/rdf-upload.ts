// **rdf-upload** reads an RDF file from a console form (multipart) and tells its syntax, for the API request that carries it.

/** The upload's syntax from its first character: XML is RDF/XML, JSON is JSON-LD, the rest Turtle (N-Triples is Turtle too). */
export function mediaTypeOf(text: string): string {
  // An element (`<rdf:RDF `, `<?xml`, `<!--`) opens RDF/XML; Turtle may open with an IRI (`<http://…>`), which is no element name.
  if (/^\s*<(?:\?xml|!|[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?[\s>/])/.test(text)) return 'application/rdf+xml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'application/ld+json' : 'text/turtle';
}

/** A multipart field as text: a file arrives as a Buffer, a pasted value as a string. */
export function uploadText(value: Buffer | string | undefined): string {
  return value === undefined ? '' : Buffer.isBuffer(value) ? value.toString('utf8') : value;
}
