// **QueryCache** keeps recently prepared queries, because parsing with sparqljs costs milliseconds per request.
import { prepareQuery, type PrepareQueryOptions, type PreparedQuery } from './prepare-query.js';

/** The per-endpoint settings that do not vary by request. */
export type EndpointSettings = Omit<PrepareQueryOptions, 'defaultGraphUris' | 'namedGraphUris'>;

/**
 * A least-recently-used map from (query text, protocol dataset) to its prepared form. Only successful
 * preparations are kept; a malformed query is parsed (and refused) every time it is sent. Queries longer than
 * `maxLength` are prepared every time and never kept: such texts are generated (a harvester's VALUES list of a
 * thousand dataset IRIs) and not sent twice, and a full cache of them would hold hundreds of megabytes.
 */
export class QueryCache {
  readonly #settings: EndpointSettings;
  readonly #limit: number;
  readonly #maxLength: number;
  readonly #entries = new Map<string, PreparedQuery>();

  constructor(settings: EndpointSettings, options: { readonly limit?: number; readonly maxLength?: number } = {}) {
    this.#settings = Object.freeze({ ...settings });
    this.#limit = options.limit ?? 500;
    this.#maxLength = options.maxLength ?? 16_384;
  }

  get size(): number {
    return this.#entries.size;
  }

  prepare(text: string, dataset: { readonly defaultGraphUris: readonly string[]; readonly namedGraphUris: readonly string[] }): PreparedQuery {
    if (text.length > this.#maxLength) return prepareQuery(text, { ...this.#settings, ...dataset });
    const key = JSON.stringify([text, dataset.defaultGraphUris, dataset.namedGraphUris]);
    let prepared = this.#entries.get(key);
    if (prepared !== undefined) {
      // Re-insert so Map order stays least-recently-used first.
      this.#entries.delete(key);
    } else {
      prepared = prepareQuery(text, { ...this.#settings, ...dataset });
      if (this.#entries.size >= this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(key, prepared);
    return prepared;
  }
}
