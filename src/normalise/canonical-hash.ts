// **canonicalHash** fingerprints a record: its triples as sorted lines (blank nodes named by content), hashed with SHA-256.
import { createHash } from 'node:crypto';
import type { Quad, Term } from '@rdfjs/types';

/**
 * Bumped when the pipeline's output for the same input changes (mapping, normalisation, skolemisation):
 * every stored hash then differs once, so every record is re-normalised, re-validated and rewritten.
 */
export const PIPELINE_VERSION = 'sheaf-pipeline/3';

export interface CanonicalForm {
  readonly hash: string;
  /** Distinct triples in the record (the triple cap counts these). */
  readonly triples: number;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

// A hashing key, not N-Triples: JSON.stringify escapes literals natively, no per-IRI validation regex
// (the store validates terms when a changed record is written). Injective per term type, which is all a hash needs.
function key(t: Term, blank: ReadonlyMap<string, string>): string {
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}>`;
    case 'BlankNode':
      return `_:${blank.get(t.value) ?? t.value}`;
    case 'Literal': {
      const lit = t as Term & { language: string; datatype?: { value: string } };
      if (lit.language) return `${JSON.stringify(lit.value)}@${lit.language}`;
      const dt = lit.datatype?.value;
      return dt && dt !== XSD_STRING ? `${JSON.stringify(lit.value)}^^<${dt}>` : JSON.stringify(lit.value);
    }
    default:
      return t.value;
  }
}

/**
 * Blank nodes are named by their content signature (see blankSignatures), so the sorted lines are a
 * canonical form for the usual record shapes (trees of blank nodes under the dataset) without RDF dataset
 * canonicalisation (URDNA2015 / rdf-canonize), at the cost of one sort. `salt` carries what else decides
 * the stored result (profile, ontology version): a change there counts as a change of every record.
 */
export function canonicalHash(quads: readonly Quad[], options: { readonly salt: string; readonly blankLabels?: ReadonlyMap<string, string> }): CanonicalForm {
  const blank = options.blankLabels ?? new Map<string, string>();
  const lines = new Set<string>();
  for (const q of quads) lines.add(`${key(q.subject, blank)} ${key(q.predicate, blank)} ${key(q.object, blank)}\n`);
  const sorted = [...lines].sort();
  // One update of the joined text (the same bytes as one update per line, without a native call per line).
  const hash = createHash('sha256').update(`${PIPELINE_VERSION}\n${options.salt}\n${sorted.join('')}`);
  return { hash: hash.digest('base64url'), triples: sorted.length };
}
