// **SparqlHttpClient** sends SPARQL Protocol and Graph Store requests with timeouts, retries and sheaf's errors.
import type { SparqlStoreConfig } from '../core/config.js';
import { CatErrors } from '../core/errors.js';

export interface SparqlRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | URLSearchParams;
  /** Whole-request budget, retries included; defaults to the configured timeout. */
  readonly timeoutMs?: number;
  /** Status codes that are answers rather than failures (GSP DELETE of a missing graph gives 404). */
  readonly acceptStatus?: readonly number[];
  /** What the caller asked for, so a bad query becomes a 400 and not a 503. */
  readonly kind: 'query' | 'update' | 'graph';
}

export interface SparqlResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

// Virtuoso reports transaction deadlocks as SQL state 40001 (e.g. "SR172"); the transaction was rolled
// back, so sending the same request again is safe.
const DEADLOCK = /\b40001\b|SR172/;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One endpoint's HTTP client. Credentials are sent as Basic auth; Virtuoso's `-auth` endpoints insist on
 * Digest, which Node's fetch cannot do, so there use a proxy that adds it or grant update on a loopback
 * endpoint (as CI does).
 */
export class SparqlHttpClient {
  readonly #config: SparqlStoreConfig;
  readonly #authorization?: string;

  constructor(config: SparqlStoreConfig) {
    this.#config = config;
    if (config.user !== undefined) {
      const token = Buffer.from(`${config.user}:${config.password ?? ''}`).toString('base64');
      this.#authorization = `Basic ${token}`;
    }
  }

  /** Sends the request; retries network failures, 5xx and deadlocks with exponential backoff. */
  async send(request: SparqlRequest): Promise<SparqlResponse> {
    const timeoutMs = request.timeoutMs ?? this.#config.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    const headers: Record<string, string> = { ...request.headers };
    if (this.#authorization) headers.authorization = this.#authorization;
    let backoff = FIRST_BACKOFF_MS;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw this.#timeout(request, timeoutMs);
      const last = attempt >= this.#config.retries;
      let response: Response;
      let text: string;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers,
          body: request.body,
          signal: AbortSignal.timeout(remaining),
        });
        text = await response.text();
      } catch (error) {
        if (isAbort(error)) throw this.#timeout(request, timeoutMs);
        if (last) throw new CatErrors.STORE_UNAVAILABLE(`cannot reach ${request.url}: ${describe(error)}`);
        await sleep(Math.min(backoff, Math.max(0, deadline - Date.now())));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        continue;
      }
      const { status } = response;
      if ((status >= 200 && status < 300) || request.acceptStatus?.includes(status)) {
        return { status, headers: response.headers, text };
      }
      const transient = status >= 500 || status === 429 || DEADLOCK.test(text);
      if (transient && !last) {
        await sleep(Math.min(backoff, Math.max(0, deadline - Date.now())));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        continue;
      }
      throw this.#failure(request, status, text);
    }
  }

  #timeout(request: SparqlRequest, timeoutMs: number): Error {
    // Only queries have a user-facing time limit; a slow write means the store is in trouble.
    if (request.kind === 'query') return new CatErrors.QUERY_TIMEOUT(String(timeoutMs));
    return new CatErrors.STORE_UNAVAILABLE(`${request.url} did not answer within ${timeoutMs} ms`);
  }

  #failure(request: SparqlRequest, status: number, text: string): Error {
    const message = summarise(text);
    if (status === 400 && request.kind !== 'graph') return new CatErrors.BAD_QUERY(message);
    if (status === 401 || status === 403) {
      return new CatErrors.STORE_UNAVAILABLE(
        `${request.url} refused the credentials (${status}); set SHEAF_SPARQL_USER/SHEAF_SPARQL_PASSWORD ` +
          '(Basic auth only: Digest-only endpoints such as Virtuoso /sparql-auth need a proxy)',
      );
    }
    return new CatErrors.STORE_UNAVAILABLE(`${request.url} answered ${status}: ${message}`);
  }
}

function isAbort(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

/** Node's fetch hides the socket error in `cause`; that code (ECONNREFUSED…) is what an operator needs. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** First lines of a server's error body, without the echoed query Virtuoso appends. */
function summarise(text: string): string {
  const head = text.split(/\n\s*\n|SPARQL query:/)[0] ?? '';
  const flat = head.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat || '(empty body)';
}
