// **prepareQuery** turns a protocol request's query text into what the store runs: checked, dataset resolved, capped.
import type sparqljs from 'sparqljs';
import { CatErrors } from '../../core/errors.js';
import type { QueryOptions } from '../../store/catalogue-store.js';
import { assertServicesAllowed } from './assert-services.js';
import { distinctDefaultGraph } from './distinct-default-graph.js';
import { generator, parseSparql } from './parse-sparql.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface PrepareQueryOptions {
  readonly baseIri: string;
  /** Protocol `default-graph-uri` / `named-graph-uri`; when either is given they replace the query's FROM clauses. */
  readonly defaultGraphUris: readonly string[];
  readonly namedGraphUris: readonly string[];
  readonly peers: readonly string[];
  readonly resultCap: number;
  readonly timeoutMs: number;
}

export interface PreparedQuery {
  readonly form: QueryForm;
  /** The regenerated query the store runs. */
  readonly text: string;
  readonly options: QueryOptions;
  /**
   * Rows beyond this mean the answer is too large: the LIMIT was raised to cap + 1 so the store never
   * hands back a silently truncated result; the route fails when it sees more than `cap` rows/triples.
   */
  readonly cap: number;
}

/** Parses, checks SERVICE targets, moves the dataset into store options and bounds SELECT results. */
export function prepareQuery(text: string, opts: PrepareQueryOptions): PreparedQuery {
  const parsed = parseSparql(text, { baseIri: opts.baseIri, expect: 'query' });
  assertServicesAllowed(parsed, opts.peers);

  // The protocol dataset wins over FROM / FROM NAMED (SPARQL 1.1 Protocol §2.1.4); either way the
  // store receives it as options, so every backend applies datasets the same way.
  const protocolDataset = opts.defaultGraphUris.length > 0 || opts.namedGraphUris.length > 0;
  const from = parsed.from;
  const dataset = protocolDataset
    ? { defaultGraphUris: opts.defaultGraphUris, namedGraphUris: opts.namedGraphUris }
    : from && (from.default.length > 0 || from.named.length > 0)
      ? { defaultGraphUris: from.default.map((t) => t.value), namedGraphUris: from.named.map((t) => t.value) }
      : {};
  // A SELECT's rows would repeat a triple once per graph holding it (see distinct-default-graph.ts); CONSTRUCT
  // and DESCRIBE answer graphs (sets) and ASK a boolean, so only SELECT is rewritten.
  const rewritten: sparqljs.SparqlQuery = parsed.queryType === 'SELECT' ? distinctDefaultGraph(parsed) : { ...parsed };
  delete (rewritten as { from?: unknown }).from;

  const form = parsed.queryType;
  if (form === 'SELECT' && (parsed.limit === undefined || parsed.limit > opts.resultCap)) {
    (rewritten as sparqljs.SelectQuery).limit = opts.resultCap + 1;
  }
  return {
    form,
    text: generator.stringify(rewritten),
    options: { timeoutMs: opts.timeoutMs, ...dataset },
    cap: opts.resultCap,
  };
}

/** Throws CAT_ERR_RESULT_TOO_LARGE when a result holds more than the cap. */
export function assertWithinCap(count: number, cap: number): void {
  if (count > cap) throw new CatErrors.RESULT_TOO_LARGE(String(cap));
}
