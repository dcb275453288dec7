// **ontologyIriOf** / **ontologyVersionOf** read an RDF document's owl:Ontology header: its series and its version.
import type { Quad } from '@rdfjs/types';
import { NS } from './namespaces.js';

const UNNAMED = 'urn:sheaf:ontology:unnamed';

/** The owl:Ontology an RDF document declares (its series), or a fixed IRI for documents without a header. */
export function ontologyIriOf(quads: Iterable<Quad>): string {
  for (const q of quads) {
    if (q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.owl}Ontology` && q.subject.termType === 'NamedNode') return q.subject.value;
  }
  return UNNAMED;
}

/** The version IRI declared by the ontology header (owl:versionIRI), if any. */
export function ontologyVersionOf(quads: Iterable<Quad>): string | undefined {
  for (const q of quads) if (q.predicate.value === `${NS.owl}versionIRI`) return q.object.value;
  return undefined;
}
