// **negotiate** picks the representation to send from an `Accept` header, using per-format tables built at module load.
import { CatErrors } from '../core/errors.js';
import type { RdfFormat } from '../core/rdf-format.js';

// Why not `negotiator` (behind `@fastify/accepts`): it breaks a tie between equally acceptable types by their order
// in the Accept header, where sheaf's contract breaks it by the server's preference (Turtle, then the others; SPARQL
// JSON results first), which test/serve/negotiate.test.ts pins ("keeps server order on ties"). It also knows nothing
// of aliases (several media types for one format, e.g. text/plain for N-Triples) or of `text/*` matching canonical
// types only (CSV or TSV, never the text/xml alias), so a wrapper keeping today's answers would hold all the logic
// below plus a second Accept parser; the tables and cache below stay.

/** One representation a route can produce; `aliases` are further media types that select it. */
export interface MediaOffer<F extends string = string> {
  readonly format: F;
  /** The canonical media type, sent as Content-Type. */
  readonly mediaType: string;
  readonly aliases?: readonly string[];
  /** File extensions (without dot) that select this offer, for routes like `/catalog.ttl`. */
  readonly extensions?: readonly string[];
}

/** One media range of an Accept header. */
export interface AcceptRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  /** 2 for `type/subtype`, 1 for `type/*`, 0 for `*\/*`: a more specific range overrides a broader one. */
  readonly specificity: number;
}

/**
 * Parses an Accept header (RFC 9110 §12.5.1) into ranges, most specific first. Malformed ranges are
 * ignored rather than rejected: clients send odd headers, and ignoring a range only narrows the choice.
 */
export function parseAccept(header: string): AcceptRange[] {
  const ranges: AcceptRange[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.split(';');
    const slash = range.indexOf('/');
    if (slash <= 0) continue;
    const type = range.slice(0, slash).trim().toLowerCase();
    const subtype = range.slice(slash + 1).trim().toLowerCase();
    if (!type || !subtype || (type === '*' && subtype !== '*')) continue;
    let q = 1;
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'q') continue;
      const value = Number(param.slice(eq + 1).trim());
      q = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
    }
    const specificity = type === '*' ? 0 : subtype === '*' ? 1 : 2;
    ranges.push({ type, subtype, q, specificity });
  }
  return ranges.sort((a, b) => b.specificity - a.specificity);
}

const CACHE_LIMIT = 256;

/**
 * A negotiator over a fixed list of offers, in server preference order (ties go to the earlier offer).
 * Build one per family at module load; `pick` then only looks up tables and caches per header.
 */
export class Negotiator<F extends string = string> {
  readonly offers: readonly MediaOffer<F>[];
  /** Media types this negotiator can produce, for 406 messages and service descriptions. */
  readonly mediaTypes: readonly string[];
  readonly #exact = new Map<string, number[]>();
  readonly #byType = new Map<string, number[]>();
  readonly #byExtension = new Map<string, MediaOffer<F>>();
  readonly #byFormat = new Map<F, MediaOffer<F>>();
  readonly #cache = new Map<string, MediaOffer<F> | undefined>();

  constructor(offers: readonly MediaOffer<F>[]) {
    if (offers.length === 0) throw new Error('a negotiator needs at least one offer');
    this.offers = Object.freeze([...offers]);
    this.mediaTypes = Object.freeze(offers.map((o) => o.mediaType));
    offers.forEach((offer, index) => {
      this.#byFormat.set(offer.format, offer);
      for (const mediaType of [offer.mediaType, ...(offer.aliases ?? [])]) push(this.#exact, mediaType.toLowerCase(), index);
      // Type wildcards match canonical types only: `text/*` means CSV or TSV, not the text/xml alias.
      const canonical = offer.mediaType.toLowerCase();
      push(this.#byType, canonical.slice(0, canonical.indexOf('/')), index);
      for (const ext of offer.extensions ?? []) this.#byExtension.set(ext.toLowerCase(), offer);
    });
  }

  /**
   * The best offer for an Accept header, or undefined when none is acceptable (answer 406).
   * A missing or empty header accepts anything, so the first offer is the default.
   */
  pick(accept: string | undefined): MediaOffer<F> | undefined {
    if (accept === undefined || accept.trim() === '') return this.offers[0];
    if (this.#cache.has(accept)) return this.#cache.get(accept);
    const chosen = this.#choose(parseAccept(accept));
    // Headers repeat a lot (each client sends the same one); cap the cache so odd headers cannot grow it.
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(accept, chosen);
    return chosen;
  }

  /** Like `pick`, but throws CAT_ERR_NOT_ACCEPTABLE (406) naming what could be sent instead. */
  require(accept: string | undefined): MediaOffer<F> {
    const offer = this.pick(accept);
    if (offer === undefined) throw new CatErrors.NOT_ACCEPTABLE(`this resource can be sent as ${this.mediaTypes.join(', ')}`);
    return offer;
  }

  /** The offer for a file extension such as `ttl` (without dot), if any. */
  byExtension(extension: string): MediaOffer<F> | undefined {
    return this.#byExtension.get(extension.toLowerCase());
  }

  byFormat(format: F): MediaOffer<F> | undefined {
    return this.#byFormat.get(format);
  }

  #choose(ranges: readonly AcceptRange[]): MediaOffer<F> | undefined {
    // Quality per offer index from the most specific range that matches it (ranges come sorted).
    const quality = new Array<number | undefined>(this.offers.length).fill(undefined);
    for (const range of ranges) {
      const matches = range.specificity === 2 ? this.#exact.get(`${range.type}/${range.subtype}`)
        : range.specificity === 1 ? this.#byType.get(range.type)
          : this.offers.map((_, i) => i);
      for (const index of matches ?? []) {
        const current = quality[index];
        // An exact alias match may already have set a value; keep the best among equally specific ranges.
        if (current === undefined) quality[index] = range.q;
        else if (range.specificity === 2 && range.q > current) quality[index] = range.q;
      }
    }
    let best: number | undefined;
    quality.forEach((q, index) => {
      if (q === undefined || q <= 0) return;
      if (best === undefined || q > (quality[best] ?? 0)) best = index;
    });
    return best === undefined ? undefined : this.offers[best];
  }
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else if (!list.includes(index)) list.push(index);
}

// ## The families sheaf serves, built once at module load

export type ResultsFormat = 'json' | 'xml' | 'csv' | 'tsv';

/** SPARQL 1.1 results formats (SELECT and ASK); JSON first, so it is the default. */
export const RESULTS_OFFERS: readonly MediaOffer<ResultsFormat>[] = [
  { format: 'json', mediaType: 'application/sparql-results+json', aliases: ['application/json'], extensions: ['srj', 'json'] },
  { format: 'xml', mediaType: 'application/sparql-results+xml', aliases: ['application/xml', 'text/xml'], extensions: ['srx', 'xml'] },
  { format: 'csv', mediaType: 'text/csv', extensions: ['csv'] },
  { format: 'tsv', mediaType: 'text/tab-separated-values', extensions: ['tsv'] },
];

/**
 * RDF graph formats; Turtle first, so it is the default. Routes that also serve HTML compose their own
 * negotiator: `new Negotiator([{ format: 'html', mediaType: 'text/html' }, ...RDF_OFFERS])`.
 */
export const RDF_OFFERS: readonly MediaOffer<RdfFormat>[] = [
  { format: 'turtle', mediaType: 'text/turtle', aliases: ['application/x-turtle', 'application/turtle'], extensions: ['ttl'] },
  { format: 'n-triples', mediaType: 'application/n-triples', aliases: ['text/plain'], extensions: ['nt'] },
  { format: 'json-ld', mediaType: 'application/ld+json', aliases: ['application/json'], extensions: ['jsonld'] },
  { format: 'rdf-xml', mediaType: 'application/rdf+xml', aliases: ['application/xml', 'text/xml'], extensions: ['rdf', 'xml'] },
  { format: 'n-quads', mediaType: 'application/n-quads', extensions: ['nq'] },
];

/** SELECT and ASK results (ASK in CSV/TSV is one `_askResult` column, as common servers write it). */
export const SELECT_RESULTS = new Negotiator<ResultsFormat>(RESULTS_OFFERS);

/** RDF graphs: CONSTRUCT, DESCRIBE, service descriptions, catalogue pages. */
export const RDF_GRAPH = new Negotiator<RdfFormat>(RDF_OFFERS);
