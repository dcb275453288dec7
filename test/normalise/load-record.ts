// **loadRecord** reads a Turtle fixture from test/fixtures/records into an RDF/JS dataset (parse errors fail the test).
import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';
import rdf from 'rdf-ext';
import type { DatasetCore, Quad } from '@rdfjs/types';

export const RECORDS_DIR = new URL('../fixtures/records/', import.meta.url);

export function loadRecord(name: string): Store {
  const text = readFileSync(new URL(name, RECORDS_DIR), 'utf8');
  return new Store(new Parser({ baseIRI: new URL(name, RECORDS_DIR).href }).parse(text));
}

/** Canonical N-Quads (RDFC-1.0), so two graphs compare equal exactly when they are isomorphic. */
export function canonical(dataset: DatasetCore<Quad>): string {
  return (rdf.dataset([...dataset]) as unknown as { toCanonical(): string }).toCanonical();
}
