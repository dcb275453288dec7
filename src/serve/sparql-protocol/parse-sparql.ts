// **parseSparql** parses a query or update with sparqljs, turning parser failures into CAT_ERR_BAD_QUERY with a position.
import sparqljs from 'sparqljs';
import { CatErrors } from '../../core/errors.js';

export interface ParseSparqlOptions {
  /** Relative IRIs in the request resolve against this (the endpoint's own URL, as the protocol allows). */
  readonly baseIri: string;
  readonly expect: 'query' | 'update';
}

interface JisonHash {
  readonly loc?: { readonly last_line?: number; readonly last_column?: number };
}

/** A 400 whose problem document carries `line` and `column` (1-based) next to the parser's message. */
function badQuery(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const loc = (error as { hash?: JisonHash } | null)?.hash?.loc;
  // jison's loc spans the last token it accepted; the error sits just after it.
  const line = loc?.last_line;
  const column = loc?.last_column === undefined ? undefined : loc.last_column + 1;
  const where = line === undefined ? '' : `line ${line}, column ${column ?? '?'}: `;
  // `extensions` become members of the problem document (see problem-details.ts).
  return Object.assign(new CatErrors.BAD_QUERY(`${where}${message}`), {
    extensions: { ...(line !== undefined && { line }), ...(column !== undefined && { column }) },
  });
}

export function parseSparql(text: string, options: { baseIri: string; expect: 'query' }): sparqljs.SparqlQuery & { type: 'query' };
export function parseSparql(text: string, options: { baseIri: string; expect: 'update' }): sparqljs.Update;
export function parseSparql(text: string, options: ParseSparqlOptions): sparqljs.SparqlQuery {
  let parsed: sparqljs.SparqlQuery;
  try {
    // A parser per request: sparqljs parsers keep prefix state between calls.
    parsed = new sparqljs.Parser({ baseIRI: options.baseIri }).parse(text);
  } catch (error) {
    throw badQuery(error);
  }
  if (parsed.type !== options.expect) {
    throw new CatErrors.BAD_QUERY(options.expect === 'query'
      ? 'an update was sent as a query; send it as `update` (form) or application/sparql-update'
      : 'a query was sent as an update; send it as `query` or application/sparql-query');
  }
  return parsed;
}

/** The one generator: regenerated text carries resolved IRIs, so the store needs no base of its own. */
export const generator = new sparqljs.Generator();
