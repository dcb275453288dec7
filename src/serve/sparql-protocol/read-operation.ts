// **readOperation** reads one SPARQL Protocol operation (query, update or service description) out of a request.
import { CatErrors } from '../../core/errors.js';

export type ProtocolParams = Readonly<Record<string, readonly string[] | undefined>>;

export type Operation =
  | { readonly kind: 'description' }
  | { readonly kind: 'query'; readonly text: string; readonly defaultGraphUris: readonly string[]; readonly namedGraphUris: readonly string[] }
  | { readonly kind: 'update'; readonly text: string; readonly usingGraphUris: readonly string[]; readonly usingNamedGraphUris: readonly string[] };

export interface RequestParts {
  readonly method: 'GET' | 'POST';
  /** Content-Type header, for POST. */
  readonly contentType?: string;
  /** URL query parameters, each as a list (repeats matter: two `query` values is an error). */
  readonly urlParams: ProtocolParams;
  /** The parsed body: form fields for urlencoded posts, the text for direct posts. */
  readonly body?: unknown;
}

export const FORM = 'application/x-www-form-urlencoded';
export const SPARQL_QUERY = 'application/sparql-query';
export const SPARQL_UPDATE = 'application/sparql-update';

/** Splits `type/subtype; charset=x` into its lower-cased media type and charset. */
export function mediaTypeOf(header: string | undefined): { type: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [name, value] = param.split('=').map((s) => s.trim());
    if (name?.toLowerCase() === 'charset' && value) charset = value.replace(/^"|"$/g, '').toLowerCase();
  }
  return { type: type.trim().toLowerCase(), ...(charset !== undefined && { charset }) };
}

function single(params: ProtocolParams, name: string): string | undefined {
  const values = params[name];
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw new CatErrors.BAD_REQUEST(`the "${name}" parameter must be given once, got ${values.length}`);
  return values[0];
}

function list(...sources: ProtocolParams[]): (name: string) => string[] {
  return (name) => sources.flatMap((params) => params[name] ?? []);
}

function fromParams(params: ProtocolParams, graphs: (name: string) => string[], allowUpdate: boolean): Operation | undefined {
  const query = single(params, 'query');
  const update = single(params, 'update');
  if (query !== undefined && update !== undefined) throw new CatErrors.BAD_REQUEST('a request carries either "query" or "update", not both');
  if (update !== undefined) {
    if (!allowUpdate) throw new CatErrors.BAD_REQUEST('updates must be sent by POST');
    return { kind: 'update', text: update, usingGraphUris: graphs('using-graph-uri'), usingNamedGraphUris: graphs('using-named-graph-uri') };
  }
  if (query !== undefined) {
    return { kind: 'query', text: query, defaultGraphUris: graphs('default-graph-uri'), namedGraphUris: graphs('named-graph-uri') };
  }
  return undefined;
}

/** Applies the protocol's rules for methods, media types, charsets and parameter counts. */
export function readOperation(parts: RequestParts): Operation {
  const url = parts.urlParams;
  if (parts.method === 'GET') return fromParams(url, list(url), false) ?? { kind: 'description' };

  const { type, charset } = mediaTypeOf(parts.contentType);
  // The protocol carries SPARQL text as UTF-8 only (§2.1.2, §2.2.2).
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new CatErrors.UNSUPPORTED_MEDIA_TYPE(`charset "${charset}": SPARQL requests must be UTF-8`);
  }
  if (url.query !== undefined || url.update !== undefined) {
    throw new CatErrors.BAD_REQUEST('with POST, the query or update goes in the body, not the URL');
  }
  switch (type) {
    case FORM: {
      const form = (parts.body ?? {}) as ProtocolParams;
      const operation = fromParams(form, list(url, form), true);
      if (operation === undefined) throw new CatErrors.BAD_REQUEST('the form has neither a "query" nor an "update" field');
      return operation;
    }
    case SPARQL_QUERY: {
      const graphs = list(url);
      return { kind: 'query', text: bodyText(parts.body), defaultGraphUris: graphs('default-graph-uri'), namedGraphUris: graphs('named-graph-uri') };
    }
    case SPARQL_UPDATE: {
      const graphs = list(url);
      return { kind: 'update', text: bodyText(parts.body), usingGraphUris: graphs('using-graph-uri'), usingNamedGraphUris: graphs('using-named-graph-uri') };
    }
    default:
      throw new CatErrors.UNSUPPORTED_MEDIA_TYPE(
        `"${type || '(none)'}": POST a query as ${SPARQL_QUERY} or ${FORM}, an update as ${SPARQL_UPDATE} or ${FORM}`,
      );
  }
}

function bodyText(body: unknown): string {
  if (typeof body !== 'string' || body.trim() === '') throw new CatErrors.BAD_REQUEST('the request body is empty');
  return body;
}
