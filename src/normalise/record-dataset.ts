// **RecordDataset** is a small array-backed RDF/JS DatasetCore for one record, cheap to build once per step.
import type { DatasetCore, Quad, Term } from '@rdfjs/types';

// Records are small (tens to hundreds of quads) and each step builds a fresh dataset: an indexed store costs
// ~6 µs per add here, an array with a key set well under 1 µs. match() scans, which is fine at this size.
export class RecordDataset implements DatasetCore<Quad> {
  readonly #quads: Quad[] = [];
  /** Keys of `#quads`; undefined while they are known distinct without keys (see `after`). */
  #keys: Set<string> | undefined = new Set<string>();
  /** While `#keys` is undefined: the distinct quads this dataset takes from, and how far it has taken. */
  #source: readonly Quad[] = [];
  #next = 0;

  constructor(quads: Iterable<Quad> = []) {
    for (const q of quads) this.add(q);
  }

  /**
   * An empty dataset for a step that rebuilds `input`. The quads of a RecordDataset are distinct, so as long as
   * the step adds only input quads, in input order, they need no dedup key (most steps change a few quads of a
   * record, or none); the first other quad makes it key every quad from then on.
   */
  static after(input: DatasetCore<Quad>): RecordDataset {
    const out = new RecordDataset();
    if (input instanceof RecordDataset) {
      out.#keys = undefined;
      out.#source = input.#quads;
    }
    return out;
  }

  /** A dataset of quads the caller knows are distinct (no two equal): no dedup key is computed for them. */
  static ofDistinct(quads: readonly Quad[]): RecordDataset {
    const out = new RecordDataset();
    out.#keys = undefined;
    out.#quads.push(...quads);
    return out;
  }

  get size(): number {
    return this.#quads.length;
  }

  add(quad: Quad): this {
    if (this.#keys === undefined) {
      const at = this.#source.indexOf(quad, this.#next);
      if (at >= 0) {
        this.#next = at + 1;
        this.#quads.push(quad);
        return this;
      }
      this.#keyAll();
    }
    const key = quadKey(quad);
    if (!this.#keys!.has(key)) {
      this.#keys!.add(key);
      this.#quads.push(quad);
    }
    return this;
  }

  delete(quad: Quad): this {
    const keys = this.#keyAll();
    const key = quadKey(quad);
    if (keys.delete(key)) this.#quads.splice(this.#quads.findIndex((q) => quadKey(q) === key), 1);
    return this;
  }

  has(quad: Quad): boolean {
    return this.#keyAll().has(quadKey(quad));
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

  #keyAll(): Set<string> {
    if (this.#keys === undefined) {
      this.#keys = new Set(this.#quads.map(quadKey));
      this.#source = [];
    }
    return this.#keys;
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

// A rewritten quad is keyed by every later step that keeps it: its key is computed once (N3 literals re-parse
// their id for each language / datatype read).
const keys = new WeakMap<Quad, string>();

function quadKey(q: Quad): string {
  let key = keys.get(q);
  if (key === undefined) {
    key = `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)} ${termKey(q.graph)}`;
    keys.set(q, key);
  }
  return key;
}
