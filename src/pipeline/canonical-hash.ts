// **canonicalHash** fingerprints a skolemised record: sorted, de-duplicated N-Triples lines, hashed with SHA-256.
import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { tripleLine } from '../core/nquads.js';

/**
 * Bumped when the pipeline's output for the same input changes (mapping, normalisation, skolemisation):
 * every stored hash then differs once, so every record is re-normalised, re-validated and rewritten.
 */
export const PIPELINE_VERSION = 'sheaf-pipeline/1';

export interface CanonicalForm {
  readonly hash: string;
  /** Distinct triples in the record (the triple cap counts these). */
  readonly triples: number;
}

/**
 * After skolemisation a record has no blank nodes, so sorting its N-Triples lines is already a canonical
 * form: no RDF canonicalisation (URDNA2015 / rdf-canonize) is needed, and this costs one sort per record.
 * `salt` carries what else decides the stored result (profile, ontology version) so a change there
 * counts as a change of the record.
 */
export function canonicalHash(quads: readonly Quad[], salt: string): CanonicalForm {
  const lines = [...new Set(quads.map(tripleLine))].sort();
  const hash = createHash('sha256').update(`${PIPELINE_VERSION}\n${salt}\n`);
  for (const line of lines) hash.update(line);
  return { hash: hash.digest('base64url'), triples: lines.length };
}
