// **SearchIndex** is the full-text and facet index (SQLite FTS5 + facet rows) kept in step with the catalogue.
import type Database from 'better-sqlite3';
import { FACET_BY_NAME, FACETS, type FacetDefinition } from './facet-definitions.js';
import { toFtsQuery } from './fts-query.js';
import type { SearchDocument } from './search-document.js';
import type { TermIndex } from './term-index.js';

export interface Range { readonly min?: number; readonly max?: number }

export interface SearchQuery {
  readonly q?: string;
  /** Facet name → values; OR within a facet, AND across facets. Term values may be codes of other systems. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
  readonly subjects?: Range;
  readonly studies?: Range;
  /** Overlaps the dataset's typical age range. */
  readonly age?: Range;
  /** Overlaps the dataset's acquisition (temporal) years. */
  readonly years?: Range;
  readonly sort?: 'relevance' | 'title' | 'modified' | 'subjects' | 'studies';
  readonly page?: number;
  readonly pageSize?: number;
  /** Values listed per facet, most frequent first. */
  readonly facetLimit?: number;
}

export interface SearchHit {
  readonly key: string;
  readonly dataset: string;
  readonly feed: string;
  readonly title: string;
  readonly description: string;
  readonly modified?: string;
  readonly subjects?: number;
  readonly studies?: number;
  readonly score: number;
}

export interface FacetValue {
  readonly value: string;
  readonly label: string;
  /** Datasets tagged with this value or, for ontology facets, with any narrower term (roll-up). */
  readonly count: number;
  /** Datasets tagged with exactly this value. */
  readonly direct: number;
  readonly subjects: number;
  readonly studies: number;
  /** Ontology facets: the value's parents that also appear in this facet's list. */
  readonly broader?: readonly string[];
}

export interface SearchResult {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: readonly SearchHit[];
  readonly facets: Readonly<Record<string, readonly FacetValue[]>>;
  /** How each filter value was understood (codes of other systems resolved to ontology terms). */
  readonly resolved: Readonly<Record<string, readonly string[]>>;
}

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
`;

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
      upsertLabel: db.prepare('INSERT OR REPLACE INTO search_label (iri, label) VALUES (?, ?)'),
      label: db.prepare<[string], { label: string }>('SELECT label FROM search_label WHERE iri = ?'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM search_doc'),
      clear: db.prepare('DELETE FROM search_doc'),
    };
  }

  get size(): number {
    return this.#stmts.count.get()!.n;
  }

  /** Adds or replaces one record. */
  upsert(doc: SearchDocument): void {
    this.#db.transaction(() => {
      this.#removeKey(doc.key);
      const id = Number(this.#stmts.insertDoc.run({
        key: doc.key, dataset: doc.dataset, feed: doc.feed, title: doc.title, description: doc.description,
        modified: doc.modified ?? null, subjects: doc.subjects ?? null, studies: doc.studies ?? null,
        minAge: doc.minAge ?? null, maxAge: doc.maxAge ?? null, yearFrom: doc.yearFrom ?? null, yearTo: doc.yearTo ?? null,
      }).lastInsertRowid);
      this.#stmts.insertFts.run(id, doc.title, doc.description, doc.keywords.join(' ; '), doc.termText);
      for (const [name, values] of Object.entries(doc.facets)) {
        const facet = FACET_BY_NAME.get(name);
        if (!facet) continue;
        const rows = new Map<string, number>();
        for (const v of values) {
          rows.set(v, 1);
          // Ontology facets get a row per ancestor too: a filter on a broad term and its count then need no walk.
          if (facet.kind === 'term') for (const a of this.#terms.selfAndAncestors(v).slice(1)) if (!rows.has(a)) rows.set(a, 0);
        }
        for (const [value, direct] of rows) this.#stmts.insertFacet.run(name, value, id, direct);
      }
      for (const [iri, label] of Object.entries(doc.labels)) this.#stmts.upsertLabel.run(iri, label);
    })();
  }

  remove(key: string): void {
    this.#db.transaction(() => this.#removeKey(key))();
  }

  clear(): void {
    this.#db.transaction(() => {
      this.#db.exec('DELETE FROM search_facet; DELETE FROM search_fts; DELETE FROM search_doc;');
    })();
  }

  #removeKey(key: string): void {
    const row = this.#stmts.idOf.get(key);
    if (!row) return;
    this.#stmts.deleteFacets.run(row.id);
    this.#stmts.deleteFts.run(row.id);
    this.#stmts.deleteDoc.run(row.id);
  }

  search(query: SearchQuery): SearchResult {
    const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    const facetLimit = Math.min(Math.max(query.facetLimit ?? 50, 1), 1000);
    const resolved: Record<string, string[]> = {};
    const facetConds = new Map<string, Condition>();
    for (const [name, raw] of Object.entries(query.filters ?? {})) {
      const facet = FACET_BY_NAME.get(name);
      if (!facet || raw.length === 0) continue;
      const values = facet.kind === 'term' ? [...new Set(raw.flatMap((v) => this.#resolveTerm(v)))] : [...raw];
      resolved[name] = values;
      // A value nothing resolves to still filters (to nothing), rather than silently widening the search.
      const list = values.length > 0 ? values : ['\u0000none'];
      facetConds.set(name, {
        sql: `d.id IN (SELECT doc FROM search_facet WHERE facet = ? AND value IN (${list.map(() => '?').join(',')}))`,
        params: [name, ...list],
      });
    }
    const base = this.#baseConditions(query);
    const fts = query.q ? toFtsQuery(query.q) : undefined;
    if (query.q && !fts) return { total: 0, page, pageSize, items: [], facets: {}, resolved };

    const run = this.#db.transaction(() => {
      this.#fillHits('search_hits', fts, [...base, ...facetConds.values()]);
      const total = (this.#db.prepare('SELECT COUNT(*) AS n FROM search_hits').get() as { n: number }).n;
      const items = this.#db.prepare(`SELECT d.key, d.dataset, d.feed, d.title, d.description, d.modified, d.subjects,
          d.studies, h.score FROM search_hits h JOIN search_doc d ON d.id = h.id
          ORDER BY ${SORTS[query.sort ?? (fts ? 'relevance' : 'title')]} LIMIT ? OFFSET ?`)
        .all(pageSize, (page - 1) * pageSize) as Array<Record<string, unknown>>;
      const facets: Record<string, FacetValue[]> = {};
      // Facets without a filter of their own are counted over the fully filtered hits, in one pass.
      const unfiltered = FACETS.filter((f) => !facetConds.has(f.name));
      this.#countFacets('search_hits', unfiltered, facets, facetLimit);
      // A filtered facet is counted with every filter but its own, so its other values stay selectable (OR).
      for (const name of facetConds.keys()) {
        const others = [...facetConds].filter(([n]) => n !== name).map(([, c]) => c);
        this.#fillHits('search_facet_hits', fts, [...base, ...others]);
        this.#countFacets('search_facet_hits', [FACET_BY_NAME.get(name)!], facets, facetLimit);
      }
      return { total, items, facets };
    });
    const { total, items, facets } = run();
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

  #resolveTerm(value: string): readonly string[] {
    const found = this.#terms.resolve(value);
    return found.length > 0 ? found : [value];
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

  #fillHits(table: string, fts: string | undefined, conds: readonly Condition[]): void {
    this.#db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY, score REAL NOT NULL); DELETE FROM ${table};`);
    const where = conds.length > 0 ? `WHERE ${conds.map((c) => c.sql).join(' AND ')}` : '';
    const params = conds.flatMap((c) => c.params);
    if (fts) {
      this.#db.prepare(`INSERT INTO ${table} (id, score) SELECT d.id, f.score FROM
        (SELECT rowid AS id, ${RANK} AS score FROM search_fts WHERE search_fts MATCH ?) f
        JOIN search_doc d ON d.id = f.id ${where}`).run(fts, ...params);
    } else {
      this.#db.prepare(`INSERT INTO ${table} (id, score) SELECT d.id, 0 FROM search_doc d ${where}`).run(...params);
    }
  }

  #countFacets(table: string, facets: readonly FacetDefinition[], out: Record<string, FacetValue[]>, limit: number): void {
    if (facets.length === 0) return;
    const rows = this.#db.prepare(`SELECT f.facet, f.value, COUNT(*) AS count, SUM(f.direct) AS direct,
        COALESCE(SUM(d.subjects), 0) AS subjects, COALESCE(SUM(d.studies), 0) AS studies
        FROM ${table} h JOIN search_facet f ON f.doc = h.id JOIN search_doc d ON d.id = h.id
        WHERE f.facet IN (${facets.map(() => '?').join(',')}) GROUP BY f.facet, f.value`)
      .all(...facets.map((f) => f.name)) as Array<{ facet: string; value: string; count: number; direct: number; subjects: number; studies: number }>;
    for (const facet of facets) {
      const mine = rows.filter((r) => r.facet === facet.name)
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
      const present = new Set(mine.map((r) => r.value));
      out[facet.name] = mine.map((r) => {
        const broader = facet.kind === 'term'
          ? (this.#terms.get(r.value)?.parents ?? []).filter((p) => present.has(p)) : undefined;
        return {
          value: r.value, label: this.#label(r.value), count: r.count, direct: r.direct,
          subjects: r.subjects, studies: r.studies, ...(broader && { broader }),
        };
      });
    }
  }

  #label(iri: string): string {
    return this.#terms.label(iri) ?? this.#stmts.label.get(iri)?.label
      ?? decodeURIComponent(iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1));
  }
}
