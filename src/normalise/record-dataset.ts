// **RecordDataset** is a small array-backed RDF/JS DatasetCore for one record, cheap to build once per step.
import type { DatasetCore, Quad, Term } from '@rdfjs/types';

// Records are small (tens to hundreds of quads) and each step builds a fresh dataset: an indexed store costs
// ~6 µs per add here, an array with a key set well under 1 µs. match() scans, which is fine at this size.
export class RecordDataset implements DatasetCore<Quad> {
  readonly #quads: Quad[] = [];
  readonly #keys = new Set<string>();

  constructor(quads: Iterable<Quad> = []) {
    for (const q of quads) this.add(q);
  }

  get size(): number {
    return this.#quads.length;
  }

  add(quad: Quad): this {
    const key = quadKey(quad);
    if (!this.#keys.has(key)) {
      this.#keys.add(key);
      this.#quads.push(quad);
    }
    return this;
  }

  delete(quad: Quad): this {
    const key = quadKey(quad);
    if (this.#keys.delete(key)) this.#quads.splice(this.#quads.findIndex((q) => quadKey(q) === key), 1);
    return this;
  }

  has(quad: Quad): boolean {
    return this.#keys.has(quadKey(quad));
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): RecordDataset {
    const hit = (t: Term, want?: Term | null): boolean => want == null || t.equals(want);
    return new RecordDataset(
      this.#quads.filter((q) => hit(q.subject, subject) && hit(q.predicate, predicate) && hit(q.object, object) && hit(q.graph, graph)),
    );
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.#quads[Symbol.iterator]();
  }
}

function termKey(t: Term): string {
  switch (t.termType) {
    case 'NamedNode': return `<${t.value}>`;
    case 'BlankNode': return `_:${t.value}`;
    case 'Literal': return `"${t.value}"@${t.language}^^${t.datatype.value}`;
    case 'DefaultGraph': return '';
    default: return `?${t.value}`;
  }
}

// Most quads pass unchanged through every normalisation step, each building a fresh dataset: their key is
// computed once (N3 terms re-parse their id for each language / datatype read), then looked up.
const keys = new WeakMap<Quad, string>();

function quadKey(q: Quad): string {
  let key = keys.get(q);
  if (key === undefined) {
    key = `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)} ${termKey(q.graph)}`;
    keys.set(q, key);
  }
  return key;
}
