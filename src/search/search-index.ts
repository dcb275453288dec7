// **SearchIndex** is the full-text and facet index (SQLite FTS5 + facet rows) kept in step with the catalogue.
import type Database from 'better-sqlite3';
import { FACET_BY_NAME, FACETS, type FacetDefinition } from './facet-definitions.js';
import { FacetMemory, type FacetTally, type MemoryFilter } from './facet-memory.js';
import { toFtsQuery } from './fts-query.js';
import type { SearchDocument } from './search-document.js';
import type { FacetValue, Range, SearchHit, SearchQuery, SearchResult } from './search-query.js';
import { searchTermText } from './search-term-text.js';
import type { TermIndex } from './term-index.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS search_doc (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, dataset TEXT NOT NULL, feed TEXT NOT NULL,
  title TEXT NOT NULL, description TEXT NOT NULL, modified TEXT, subjects INTEGER, studies INTEGER,
  min_age INTEGER, max_age INTEGER, year_from INTEGER, year_to INTEGER);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
  title, description, keywords, terms, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS search_facet (
  facet TEXT NOT NULL, value TEXT NOT NULL, doc INTEGER NOT NULL, direct INTEGER NOT NULL,
  PRIMARY KEY (facet, value, doc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_facet_doc ON search_facet (doc);
CREATE TABLE IF NOT EXISTS search_label (iri TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search_meta (generation INTEGER NOT NULL);
INSERT INTO search_meta (generation) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM search_meta);
`;

const FACET_NAMES = FACETS.map((f) => f.name);
/** Keyword matches (ids and bm25 scores) kept per index generation: refining facets reuses them. */
const MATCH_CACHE_SIZE = 16;

interface Matches {
  readonly generation: number;
  readonly ids: Int32Array;
  /** bm25 of `ids[i]` at `scores[i]`. */
  readonly scores: Float64Array;
}

// Every SearchIndex over one connection shares one memory, so writes through any of them keep it in step.
const memories = new WeakMap<Database.Database, FacetMemory>();

// Weights for bm25 by column: a title hit counts most, then keywords, ontology terms, description.
const RANK = 'bm25(search_fts, 10.0, 2.0, 5.0, 3.0)';

const SORTS: Readonly<Record<NonNullable<SearchQuery['sort']>, string>> = {
  relevance: 'h.score ASC, d.title ASC',
  title: 'd.title COLLATE NOCASE ASC',
  modified: 'd.modified DESC NULLS LAST',
  subjects: 'd.subjects DESC NULLS LAST',
  studies: 'd.studies DESC NULLS LAST',
};

interface Condition { readonly sql: string; readonly params: readonly unknown[] }

export class SearchIndex {
  readonly #db: Database.Database;
  readonly #terms: TermIndex;
  readonly #stmts;
  readonly #matches = new Map<string, Matches>();

  constructor(options: { readonly db: Database.Database; readonly terms: TermIndex }) {
    this.#db = options.db;
    this.#terms = options.terms;
    this.#db.exec(SCHEMA);
    const db = this.#db;
    this.#stmts = {
      idOf: db.prepare<[string], { id: number }>('SELECT id FROM search_doc WHERE key = ?'),
      deleteDoc: db.prepare('DELETE FROM search_doc WHERE id = ?'),
      deleteFts: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
      deleteFacets: db.prepare('DELETE FROM search_facet WHERE doc = ?'),
      insertDoc: db.prepare(`INSERT INTO search_doc (key, dataset, feed, title, description, modified, subjects, studies,
        min_age, max_age, year_from, year_to) VALUES (@key, @dataset, @feed, @title, @description, @modified, @subjects,
        @studies, @minAge, @maxAge, @yearFrom, @yearTo)`),
      insertFts: db.prepare('INSERT INTO search_fts (rowid, title, description, keywords, terms) VALUES (?, ?, ?, ?, ?)'),
      insertFacet: db.prepare('INSERT OR REPLACE INTO search_facet (facet, value, doc, direct) VALUES (?, ?, ?, ?)'),
      deleteFacet: db.prepare('DELETE FROM search_facet WHERE facet = ? AND value = ? AND doc = ?'),
      facetsOf: db.prepare<[number], [string, string, number]>('SELECT facet, value, direct FROM search_facet WHERE doc = ?').raw(),
      docOf: db.prepare<[string], { id: number; subjects: number | null; studies: number | null }>(
        'SELECT id, subjects, studies FROM search_doc WHERE key = ?'),
      termTextOf: db.prepare<[number], string>('SELECT terms FROM search_fts WHERE rowid = ?').pluck(),
      setTermText: db.prepare('UPDATE search_fts SET terms = ? WHERE rowid = ?'),
      // Most labels (a publisher's name) arrive unchanged with every record that uses them: no row write then.
      upsertLabel: db.prepare('INSERT INTO search_label (iri, label) VALUES (?, ?) ON CONFLICT (iri) DO UPDATE SET label = excluded.label WHERE label <> excluded.label'),
      label: db.prepare<[string], { label: string }>('SELECT label FROM search_label WHERE iri = ?'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM search_doc'),
      clear: db.prepare('DELETE FROM search_doc'),
      generation: db.prepare<[], number>('SELECT generation FROM search_meta').pluck(),
      bump: db.prepare<[], number>('UPDATE search_meta SET generation = generation + 1 RETURNING generation').pluck(),
      match: db.prepare<[string], [number, number]>(`SELECT rowid, ${RANK} FROM search_fts WHERE search_fts MATCH ?`).raw(),
    };
  }

  /** Applies a committed write to the shared memory; a memory that missed a write is dropped (rebuilt on use). */
  #remember(generation: number, change: Parameters<FacetMemory['apply']>[1]): void {
    const memory = memories.get(this.#db);
    if (memory !== undefined && !memory.apply(generation, change)) memories.delete(this.#db);
  }

  /** The memory if it is at the tables' generation; never a load (a process that writes but never searches holds none). */
  #currentMemory(): FacetMemory | undefined {
    const memory = memories.get(this.#db);
    return memory !== undefined && memory.generation === this.#stmts.generation.get() ? memory : undefined;
  }

  /** The memory at the tables' generation: kept, or rebuilt when a write bypassed it (or rolled back). */
  #memory(): FacetMemory {
    const generation = this.#stmts.generation.get()!;
    let memory = memories.get(this.#db);
    if (memory === undefined || memory.generation !== generation) {
      memory = FacetMemory.load(this.#db, FACET_NAMES, generation);
      memories.set(this.#db, memory);
    }
    return memory;
  }

  /**
   * Loads the facet memory now rather than in the first search after a start, which would otherwise wait for it
   * (≈ 1.7 s at 100 k documents). Later writes keep it in step, so it is loaded once per process.
   */
  warm(): void {
    this.#memory();
  }

  get size(): number {
    return this.#stmts.count.get()!.n;
  }

  /** A counter every committed write moves on: what was derived from a search at one generation holds until it changes. */
  get generation(): number {
    return this.#stmts.generation.get()!;
  }

  /** Adds or replaces one record. */
  upsert(doc: SearchDocument): void {
    const facetRows = this.#facetRows(doc.facets);
    const { removed, id, generation } = this.#inTransaction(() => {
      const removed = this.#removeKey(doc.key);
      const id = Number(this.#stmts.insertDoc.run({
        key: doc.key, dataset: doc.dataset, feed: doc.feed, title: doc.title, description: doc.description,
        modified: doc.modified ?? null, subjects: doc.subjects ?? null, studies: doc.studies ?? null,
        minAge: doc.minAge ?? null, maxAge: doc.maxAge ?? null, yearFrom: doc.yearFrom ?? null, yearTo: doc.yearTo ?? null,
      }).lastInsertRowid);
      this.#stmts.insertFts.run(id, doc.title, doc.description, doc.keywords.join(' ; '), doc.termText);
      for (const [name, rows] of facetRows) for (const [value, direct] of rows) this.#stmts.insertFacet.run(name, value, id, direct);
      for (const [iri, label] of Object.entries(doc.labels)) this.#stmts.upsertLabel.run(iri, label);
      return { removed, id, generation: this.#stmts.bump.get()! };
    });
    this.#remember(generation, {
      ...(removed !== undefined && { removed }), doc: id, rows: facetRows, subjects: doc.subjects ?? null, studies: doc.studies ?? null,
    });
  }

  /**
   * Re-derives what the current terms give the documents at `keys` (missing ones skipped): their ontology facets'
   * ancestor rows and their term text, from the direct values their rows already hold. That is all another ontology
   * version changes in a document (title, keywords, labels, numbers and other facets come from the record alone), so
   * it stands in for re-indexing them from their record graphs, which re-read, parsed and upserted each one. Only
   * rows that differ are written; a document nothing changed for keeps its generation. Returns how many changed.
   */
  rederiveTerms(keys: readonly string[]): number {
    const changes: Array<{ readonly generation: number; readonly change: Parameters<FacetMemory['apply']>[1] }> = [];
    this.#inTransaction(() => {
      const memory = this.#currentMemory();
      for (const key of new Set(keys)) {
        const doc = this.#stmts.docOf.get(key);
        if (doc === undefined) continue;
        const stored = new Map<string, number>();
        const direct: Record<string, string[]> = {};
        // Read before any change of this call reaches the memory, and each document is written once: still current.
        for (const [facet, value, d] of memory?.documentRows(doc.id) ?? this.#stmts.facetsOf.all(doc.id)) {
          stored.set(`${facet}\u0000${value}`, d);
          if (d === 1) (direct[facet] ??= []).push(value);
        }
        const rows = this.#facetRows(direct);
        let changed = false;
        for (const [facet, byValue] of rows) {
          for (const [value, d] of byValue) {
            const k = `${facet}\u0000${value}`;
            if (stored.get(k) !== d) {
              this.#stmts.insertFacet.run(facet, value, doc.id, d);
              changed = true;
            }
            stored.delete(k);
          }
        }
        // What is left is a row the current terms no longer give (an ancestor of a class before it moved).
        for (const k of stored.keys()) {
          const at = k.indexOf('\u0000');
          this.#stmts.deleteFacet.run(k.slice(0, at), k.slice(at + 1), doc.id);
          changed = true;
        }
        const text = searchTermText({ facets: direct, terms: this.#terms });
        if (this.#stmts.termTextOf.get(doc.id) !== text) {
          this.#stmts.setTermText.run(text, doc.id);
          changed = true;
        }
        if (!changed) continue;
        // A generation of its own, as any write: cached keyword matches and the facet memory must not outlive it.
        changes.push({
          generation: this.#stmts.bump.get()!,
          change: { removed: doc.id, doc: doc.id, rows, subjects: doc.subjects, studies: doc.studies },
        });
      }
    });
    for (const { generation, change } of changes) this.#remember(generation, change);
    return changes.length;
  }

  remove(key: string): void {
    const removed = this.#inTransaction(() => {
      const id = this.#removeKey(key);
      return id === undefined ? undefined : { id, generation: this.#stmts.bump.get()! };
    });
    if (removed) this.#remember(removed.generation, { removed: removed.id });
  }

  clear(): void {
    const generation = this.#db.transaction(() => {
      this.#db.exec('DELETE FROM search_facet; DELETE FROM search_fts; DELETE FROM search_doc;');
      return this.#stmts.bump.get()!;
    })();
    this.#remember(generation, 'clear');
  }

  /** Runs several upserts and removes in one transaction: one commit for a batch instead of one per document. */
  atomically<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  /**
   * One document's statements: in a transaction of their own, or inline in the caller's (a batch). Not in a
   * savepoint there: FTS5 flushes its pending terms to a new segment at every savepoint, which made each
   * document cost ~0.2 ms of segment writing and merging instead of ~0.05 ms. A throw still rolls back the caller's
   * whole transaction (the record writer's batch, a re-index batch).
   */
  #inTransaction<T>(work: () => T): T {
    return this.#db.inTransaction ? work() : this.#db.transaction(work)();
  }

  /**
   * Documents holding any of `values` in an ontology facet, tagged or rolled up: the ones a change of those terms
   * (moved, relabelled, newly mapped) must re-derive. Search keys, in index order.
   */
  documentsWithTerms(values: readonly string[]): string[] {
    const docs = this.#db.prepare<[string, string], number>('SELECT doc FROM search_facet WHERE facet = ? AND value = ?').pluck();
    const key = this.#db.prepare<[number], string>('SELECT key FROM search_doc WHERE id = ?').pluck();
    const ids = new Set<number>();
    for (const facet of FACETS) if (facet.kind === 'term') for (const v of values) for (const id of docs.all(facet.name, v)) ids.add(id);
    return [...ids].sort((a, b) => a - b).map((id) => key.get(id)).filter((k) => k !== undefined);
  }

  /** A document's facet rows (facet → value → direct) for its direct values (facet → values), by the current terms. */
  #facetRows(facets: Readonly<Record<string, readonly string[]>>): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const [name, values] of Object.entries(facets)) {
      const facet = FACET_BY_NAME.get(name);
      if (!facet) continue;
      const rows = new Map<string, number>();
      for (const v of values) {
        rows.set(v, 1);
        // Ontology facets get a row per ancestor too: a filter on a broad term and its count then need no walk.
        if (facet.kind === 'term') for (const a of this.#terms.selfAndAncestors(v).slice(1)) if (!rows.has(a)) rows.set(a, 0);
      }
      out.set(name, rows);
    }
    return out;
  }

  /** Deletes a document's rows; returns its id, if it was there. */
  #removeKey(key: string): number | undefined {
    const row = this.#stmts.idOf.get(key);
    if (!row) return undefined;
    this.#stmts.deleteFacets.run(row.id);
    this.#stmts.deleteFts.run(row.id);
    this.#stmts.deleteDoc.run(row.id);
    return row.id;
  }

  search(query: SearchQuery): SearchResult {
    const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    const facetLimit = Math.min(Math.max(query.facetLimit ?? 50, 1), 1000);
    const base = this.#baseConditions(query);
    const fts = query.q ? toFtsQuery(query.q) : undefined;

    const run = this.#db.transaction(() => {
      const memory = this.#memory();
      const resolved: Record<string, string[]> = {};
      const filters: MemoryFilter[] = [];
      for (const [name, raw] of Object.entries(query.filters ?? {})) {
        const facet = FACET_BY_NAME.get(name);
        const index = memory.facet(name);
        if (!facet || index === undefined || raw.length === 0) continue;
        const values = [...new Set(raw.flatMap((v) => this.#resolveFilter(memory, facet, v)))];
        resolved[name] = values;
        // A value nothing resolves to, or that no document holds, still filters (to nothing): never widens.
        const ids = new Set<number>();
        for (const v of values) {
          const id = memory.valueId(name, v);
          if (id !== undefined) ids.add(id);
        }
        filters.push({ facet: index, values: ids });
      }
      if (query.q && !fts) return { resolved };

      const matches = fts ? this.#match(fts, memory.generation) : undefined;
      let candidates: ArrayLike<number> = matches ? matches.ids : memory.docIds();
      let scores: ArrayLike<number> | undefined = matches?.scores;
      if (base.length > 0) {
        const allowed = new Set(this.#db.prepare(`SELECT d.id FROM search_doc d WHERE ${base.map((c) => c.sql).join(' AND ')}`)
          .pluck().all(...base.flatMap((c) => c.params)) as number[]);
        const kept = Array.from(candidates, (_, i) => i).filter((i) => allowed.has(candidates[i]!));
        if (scores !== undefined) scores = kept.map((i) => scores![i]!);
        candidates = kept.map((i) => candidates[i]!);
      }
      const { hits, positions, tally } = memory.tally(candidates, filters);

      // Ordering and paging stay in SQL, over exactly the hits, so they sort as they always did.
      this.#db.exec('CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY, score REAL NOT NULL); DELETE FROM search_hits;');
      const insert = this.#db.prepare('INSERT INTO search_hits (id, score) VALUES (?, ?)');
      hits.forEach((id, h) => insert.run(id, scores?.[positions[h]!] ?? 0));
      const items = this.#db.prepare(`SELECT d.key, d.dataset, d.feed, d.title, d.description, d.modified, d.subjects,
          d.studies, h.score FROM search_hits h JOIN search_doc d ON d.id = h.id
          ORDER BY ${SORTS[query.sort ?? (fts ? 'relevance' : 'title')]} LIMIT ? OFFSET ?`)
        .all(pageSize, (page - 1) * pageSize) as Array<Record<string, unknown>>;

      // Facets without a filter first, then the filtered ones in the order asked (as the response always listed them).
      const filtered = FACETS.filter((f) => filters.some((x) => x.facet === memory.facet(f.name)));
      const order = [...FACETS.filter((f) => !filtered.includes(f)), ...Object.keys(query.filters ?? {})
        .map((name) => filtered.find((f) => f.name === name)).filter((f) => f !== undefined)];
      return { total: hits.length, items, facets: this.#facetValues(memory, tally, order.map((f) => f.name), facetLimit), resolved };
    });
    const { total, items, facets, resolved } = run();
    if (total === undefined) return { total: 0, page, pageSize, items: [], facets: {}, resolved };
    return {
      total, page, pageSize, facets, resolved,
      items: items.map((r) => ({
        key: r.key as string, dataset: r.dataset as string, feed: r.feed as string, title: r.title as string,
        description: r.description as string, score: r.score as number,
        ...(r.modified != null && { modified: r.modified as string }),
        ...(r.subjects != null && { subjects: r.subjects as number }),
        ...(r.studies != null && { studies: r.studies as number }),
      })),
    };
  }

  /** Ids and bm25 scores of the documents matching `fts`; reused while the index is at the same generation. */
  #match(fts: string, generation: number): Matches {
    const cached = this.#matches.get(fts);
    if (cached !== undefined && cached.generation === generation) {
      // Most recently used last, so the oldest entry is the first to go.
      this.#matches.delete(fts);
      this.#matches.set(fts, cached);
      return cached;
    }
    const rows = this.#stmts.match.all(fts) as [number, number][];
    const ids = new Int32Array(rows.length);
    const scores = new Float64Array(rows.length);
    rows.forEach(([id, score], i) => {
      ids[i] = id;
      scores[i] = score;
    });
    const matches: Matches = { generation, ids, scores };
    this.#matches.delete(fts);
    this.#matches.set(fts, matches);
    if (this.#matches.size > MATCH_CACHE_SIZE) this.#matches.delete(this.#matches.keys().next().value!);
    return matches;
  }

  #facetValues(memory: FacetMemory, tally: FacetTally, names: readonly string[], limit: number): Record<string, FacetValue[]> {
    const byFacet = new Map<number, number[]>();
    for (let v = 0; v < memory.valueCount; v++) {
      if (tally.count[v] === 0) continue;
      const f = memory.valueFacet(v);
      let list = byFacet.get(f);
      if (list === undefined) byFacet.set(f, (list = []));
      list.push(v);
    }
    const out: Record<string, FacetValue[]> = {};
    for (const name of names) {
      const facet = FACET_BY_NAME.get(name)!;
      const mine = (byFacet.get(memory.facet(name)!) ?? [])
        .map((v) => ({ value: memory.valueName(v), count: tally.count[v]!, direct: tally.direct[v]!, subjects: tally.subjects[v]!, studies: tally.studies[v]! }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
      const present = new Set(mine.map((r) => r.value));
      out[name] = mine.map((r) => {
        const broader = facet.kind === 'term'
          ? (this.#terms.get(r.value)?.parents ?? []).filter((p) => present.has(p)) : undefined;
        return {
          value: r.value, label: this.#label(r.value), count: r.count, direct: r.direct,
          subjects: r.subjects, studies: r.studies, ...(broader && { broader }),
        };
      });
    }
    return out;
  }

  /**
   * What a filter value stands for: an ontology facet's terms (by IRI, code or label); else, for a value that is
   * no IRI, the facet's IRI values it is the authority code of (`theme=HEAL`, `format=CSV`, `country=ESP`); else
   * the value itself.
   */
  #resolveFilter(memory: FacetMemory, facet: FacetDefinition, value: string): readonly string[] {
    if (facet.kind === 'term') {
      const found = this.#terms.resolve(value);
      if (found.length > 0) return found;
    }
    if (facet.kind !== 'literal' && !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      const coded = memory.valuesWithCode(facet.name, value.trim());
      if (coded.length > 0) return coded;
    }
    return [value];
  }

  #baseConditions(query: SearchQuery): Condition[] {
    const conds: Condition[] = [];
    const range = (col: string, r: Range | undefined): void => {
      if (r?.min !== undefined) conds.push({ sql: `d.${col} >= ?`, params: [r.min] });
      if (r?.max !== undefined) conds.push({ sql: `d.${col} <= ?`, params: [r.max] });
    };
    range('subjects', query.subjects);
    range('studies', query.studies);
    // Interval overlap: the dataset's [from, to] meets the asked [min, max]; an open end counts as unbounded.
    const overlap = (fromCol: string, toCol: string, r: Range | undefined): void => {
      if (r?.min !== undefined) conds.push({ sql: `COALESCE(d.${toCol}, d.${fromCol}) >= ?`, params: [r.min] });
      if (r?.max !== undefined) conds.push({ sql: `COALESCE(d.${fromCol}, d.${toCol}) <= ?`, params: [r.max] });
    };
    overlap('min_age', 'max_age', query.age);
    overlap('year_from', 'year_to', query.years);
    return conds;
  }

  #label(iri: string): string {
    return this.#terms.label(iri) ?? this.#stmts.label.get(iri)?.label
      ?? decodeURIComponent(iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1));
  }
}
