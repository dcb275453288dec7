// **SearchTermsState** remembers whether a re-index for new ontology terms was left unfinished, so start-up rebuilds.
import type Database from 'better-sqlite3';

export class SearchTermsState {
  readonly #s;

  constructor(options: { readonly db: Database.Database }) {
    options.db.exec(`CREATE TABLE IF NOT EXISTS search_terms_state (id INTEGER PRIMARY KEY CHECK (id = 1), stale INTEGER NOT NULL);
      INSERT OR IGNORE INTO search_terms_state (id, stale) VALUES (1, 0);`);
    this.#s = {
      get: options.db.prepare<[], number>('SELECT stale FROM search_terms_state WHERE id = 1').pluck(),
      set: options.db.prepare<[number]>('UPDATE search_terms_state SET stale = ? WHERE id = 1'),
    };
  }

  /** True while some documents may still hold rows written with other terms (a re-index failed or was cut short). */
  get stale(): boolean {
    return this.#s.get.get() === 1;
  }

  markStale(): void {
    this.#s.set.run(1);
  }

  markCurrent(): void {
    this.#s.set.run(0);
  }
}
