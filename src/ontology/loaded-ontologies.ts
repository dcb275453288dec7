// **loadedOntologies** reads the current loaded version of every ontology series (series IRI → quads).
import type { Quad } from '@rdfjs/types';
import type { OntologyVersions } from './ontology-versions.js';

/** Series nobody loaded a version of are absent: their bundled files still apply. */
export async function loadedOntologies(versions: OntologyVersions): Promise<Map<string, readonly Quad[]>> {
  const current = versions.current();
  const quads = await Promise.all(current.map((v) => versions.quads(v.id)));
  return new Map(current.map((v, i) => [v.ontologyIri, quads[i]!]));
}
