// **FacetMemory** holds every search document's facet values in memory: filters and facet counts without SQL joins.
import type Database from 'better-sqlite3';

/** One document: the ids of its facet values (ancestors of ontology terms included) and what counts sum up. */
interface DocFacets {
  readonly values: Int32Array;
  /** 1 where the document is tagged with the value itself, 0 for a rolled-up ancestor. */
  readonly direct: Uint8Array;
  readonly subjects: number;
  readonly studies: number;
}

/** One committed write: a document removed, and/or one added with its facet rows (facet → value → direct). */
export interface MemoryChange {
  readonly removed?: number;
  readonly doc?: number;
  readonly rows?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly subjects?: number | null;
  readonly studies?: number | null;
}

/** A filter: the document must hold one of these value ids (OR); `facet` is the facet's index. */
export interface MemoryFilter {
  readonly facet: number;
  readonly values: ReadonlySet<number>;
}

/** Per value id, over the documents that count for its facet. */
export interface FacetTally {
  readonly count: Int32Array;
  readonly direct: Int32Array;
  readonly subjects: Float64Array;
  readonly studies: Float64Array;
}

/**
 * With SQL, each filter of a search materialised the document list of its value (15 k rows for a theme at
 * 100 k documents) and each filtered facet repeated that with one filter less: ~30 ms per step. Here one
 * pass over the candidates settles the hits and every facet's counts. The memory mirrors the search tables
 * at one `generation` (a counter the index bumps in each write transaction); whoever finds the table at
 * another generation (a rolled-back write, another process) rebuilds it from the tables.
 */
/** An IRI's last path segment or fragment (a trailing slash ignored); undefined for a value that is no IRI. */
function localName(value: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(value)) return undefined;
  const trimmed = value.replace(/\/+$/, '');
  const name = trimmed.slice(Math.max(trimmed.lastIndexOf('#'), trimmed.lastIndexOf('/'), trimmed.indexOf(':')) + 1);
  if (name === '') return undefined;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export class FacetMemory {
  readonly #facetIndex: ReadonlyMap<string, number>;
  readonly #facetNames: readonly string[];
  readonly #valueIds = new Map<string, number>();
  readonly #valueFacet: number[] = [];
  readonly #valueNames: string[] = [];
  /** facet + lower-cased local name of an IRI value (`…/data-theme/HEAL` → `heal`) → value ids: authority codes. */
  readonly #valueCodes = new Map<string, number[]>();
  /** By document id (SQLite rowids: dense, so an array beats a Map in the hot loop). */
  #docs: (DocFacets | undefined)[] = [];
  #size = 0;
  #ids: Int32Array | undefined;
  #generation: number;

  private constructor(facets: readonly string[], generation: number) {
    this.#facetIndex = new Map(facets.map((f, i) => [f, i]));
    this.#facetNames = [...facets];
    this.#generation = generation;
  }

  /**
   * Reads the search tables whole. One row per facet value with its documents as text: a row per (document,
   * value) pair made 783 k rows of two long strings at 100 k documents (~4 s); this is ~10x fewer strings.
   */
  static load(db: Database.Database, facets: readonly string[], generation: number): FacetMemory {
    const memory = new FacetMemory(facets, generation);
    const postings: Array<{ id: number; docs: number[]; direct: string }> = [];
    const perDoc: number[] = [];
    const rows = db.prepare(`SELECT facet, value, group_concat(doc, ',' ORDER BY doc), group_concat(direct, '' ORDER BY doc)
      FROM search_facet GROUP BY facet, value`).raw().all() as Array<[string, string, string, string]>;
    for (const [facet, value, docList, direct] of rows) {
      const id = memory.#intern(facet, value);
      if (id === undefined) continue;
      const docs = docList.split(',').map(Number);
      for (const doc of docs) perDoc[doc] = (perDoc[doc] ?? 0) + 1;
      postings.push({ id, docs, direct });
    }
    const filled: number[] = [];
    const docs = db.prepare('SELECT id, subjects, studies FROM search_doc').raw().iterate() as Iterable<[number, number | null, number | null]>;
    for (const [id, subjects, studies] of docs) {
      const n = perDoc[id] ?? 0;
      memory.#put(id, { values: new Int32Array(n), direct: new Uint8Array(n), subjects: subjects ?? 0, studies: studies ?? 0 });
      filled[id] = 0;
    }
    for (const { id, docs, direct } of postings) {
      docs.forEach((doc, k) => {
        const entry = memory.#docs[doc];
        // Facet rows of a document that is gone (none are written so) are skipped, as a join would skip them.
        if (entry === undefined) return;
        const at = filled[doc]!;
        (entry.values as Int32Array)[at] = id;
        (entry.direct as Uint8Array)[at] = direct.charCodeAt(k) === 49 /* 1 */ ? 1 : 0;
        filled[doc] = at + 1;
      });
    }
    return memory;
  }

  /**
   * A document's facet rows as [facet, value, direct], as its search_facet rows hold them; undefined for a document
   * the memory does not hold. Reading them here costs no index lookups: ~45 µs a document in SQL (its rows scattered
   * over the table), a large part of re-deriving it for new terms.
   */
  documentRows(id: number): Array<[string, string, number]> | undefined {
    const doc = this.#docs[id];
    if (doc === undefined) return undefined;
    return Array.from(doc.values, (v, k) => [this.#facetNames[this.#valueFacet[v]!]!, this.#valueNames[v]!, doc.direct[k]!]);
  }

  /** The generation of the search tables this memory mirrors. */
  get generation(): number {
    return this.#generation;
  }

  get size(): number {
    return this.#size;
  }

  /** The facet's index (filters and tallies speak in indexes), or undefined for an unknown facet. */
  facet(name: string): number | undefined {
    return this.#facetIndex.get(name);
  }

  /** The id of a facet value, if any document holds it. */
  valueId(facet: string, value: string): number | undefined {
    return this.#valueIds.get(`${facet}\u0000${value}`);
  }

  /**
   * The values of `facet` that are IRIs whose last segment is `code` (case-insensitive): what an authority code
   * stands for there (`theme=HEAL` → `http://publications.europa.eu/resource/authority/data-theme/HEAL`).
   */
  valuesWithCode(facet: string, code: string): string[] {
    return (this.#valueCodes.get(`${facet}\u0000${code.toLowerCase()}`) ?? []).map((id) => this.#valueNames[id]!);
  }

  valueName(id: number): string {
    return this.#valueNames[id]!;
  }

  valueFacet(id: number): number {
    return this.#valueFacet[id]!;
  }

  get valueCount(): number {
    return this.#valueNames.length;
  }

  /**
   * Applies a write committed as generation `generation`; false when the memory was not at the generation
   * before it (it then no longer mirrors the tables and must be dropped).
   */
  apply(generation: number, change: MemoryChange | 'clear'): boolean {
    if (this.#generation !== generation - 1) return false;
    this.#generation = generation;
    if (change === 'clear') {
      this.#docs = [];
      this.#size = 0;
      this.#ids = undefined;
      return true;
    }
    if (change.removed !== undefined) this.#put(change.removed, undefined);
    if (change.doc === undefined || change.rows === undefined) return true;
    const values: number[] = [];
    const direct: number[] = [];
    for (const [facet, byValue] of change.rows) {
      for (const [value, d] of byValue) {
        const id = this.#intern(facet, value);
        if (id === undefined) continue;
        values.push(id);
        direct.push(d);
      }
    }
    this.#put(change.doc, {
      values: Int32Array.from(values), direct: Uint8Array.from(direct), subjects: change.subjects ?? 0, studies: change.studies ?? 0,
    });
    return true;
  }

  #intern(facet: string, value: string): number | undefined {
    const f = this.#facetIndex.get(facet);
    if (f === undefined) return undefined;
    const key = `${facet}\u0000${value}`;
    let id = this.#valueIds.get(key);
    if (id === undefined) {
      id = this.#valueNames.length;
      this.#valueIds.set(key, id);
      this.#valueNames.push(value);
      this.#valueFacet.push(f);
      const code = localName(value);
      if (code !== undefined) {
        const codeKey = `${facet}\u0000${code.toLowerCase()}`;
        const list = this.#valueCodes.get(codeKey);
        if (list) list.push(id); else this.#valueCodes.set(codeKey, [id]);
      }
    }
    return id;
  }

  #put(id: number, doc: DocFacets | undefined): void {
    const had = this.#docs[id] !== undefined;
    this.#docs[id] = doc;
    this.#size += (doc === undefined ? 0 : 1) - (had ? 1 : 0);
    this.#ids = undefined;
  }

  /** Every document id, ascending, for searches without text. */
  docIds(): Int32Array {
    if (this.#ids === undefined) {
      const ids = new Int32Array(this.#size);
      let n = 0;
      this.#docs.forEach((doc, id) => { if (doc !== undefined) ids[n++] = id; });
      this.#ids = ids;
    }
    return this.#ids;
  }

  /**
   * One pass over `candidates` (`positions` are the hits' indexes in it): the hits pass every filter; a value of an unfiltered facet is counted over
   * the hits, a value of a filtered facet over the candidates that pass every *other* filter (so the facet's
   * other values stay selectable, OR within a facet).
   */
  tally(candidates: ArrayLike<number>, filters: readonly MemoryFilter[]): { hits: number[]; positions: number[]; tally: FacetTally } {
    const n = this.#valueNames.length;
    const tally: FacetTally = { count: new Int32Array(n), direct: new Int32Array(n), subjects: new Float64Array(n), studies: new Float64Array(n) };
    const hits: number[] = [];
    const positions: number[] = [];
    const valueFacet = this.#valueFacet;
    // A byte per value id and filter: membership is an array read in the loop below.
    const masks = filters.map((f) => {
      const mask = new Uint8Array(n);
      for (const v of f.values) mask[v] = 1;
      return { facet: f.facet, mask };
    });
    const docs = this.#docs;
    for (let c = 0; c < candidates.length; c++) {
      const id = candidates[c]!;
      const doc = docs[id];
      if (doc === undefined) continue;
      const values = doc.values;
      let failed = -1;
      let failures = 0;
      for (const { facet, mask } of masks) {
        let pass = false;
        for (let k = 0; k < values.length; k++) {
          if (mask[values[k]!] === 1) {
            pass = true;
            break;
          }
        }
        if (!pass) {
          failed = facet;
          if (++failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) {
        hits.push(id);
        positions.push(c);
      }
      const direct = doc.direct;
      for (let k = 0; k < values.length; k++) {
        const v = values[k]!;
        if (failures === 1 && valueFacet[v] !== failed) continue;
        tally.count[v]! += 1;
        tally.direct[v]! += direct[k]!;
        tally.subjects[v]! += doc.subjects;
        tally.studies[v]! += doc.studies;
      }
    }
    return { hits, positions, tally };
  }
}
