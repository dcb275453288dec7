// **loadTurtle** parses a bundled Turtle file (path relative to the repository root) into an indexed n3 Store.
import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';

export const REPO_ROOT = new URL('../../', import.meta.url);

export function loadTurtle(path: string): Store {
  const url = new URL(path, REPO_ROOT);
  return new Store(new Parser({ baseIRI: url.href }).parse(readFileSync(url, 'utf8')));
}

/** The IRIs (or literal values) of `s p ?o`. */
export function objects(store: Store, s: string | null, p: string): string[] {
  return store.getObjects(s, p, null).map((t) => t.value);
}
