// **peerFetch** gives Comunica a WHATWG fetch that goes through SafeFetcher (address guard, size cap) or answers in-process.
import type { SafeFetcher } from '../core/safe-fetch.js';

type HeadersInit = ConstructorParameters<typeof Headers>[0];
type BodyInit = ConstructorParameters<typeof Response>[0];

/** A request for a URL we serve ourselves (the local /sparql endpoint), answered without a socket. */
export interface LoopbackRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly accept?: string;
}

export interface Loopback {
  /** Requests whose URL starts with this are handled by `handle`. */
  readonly prefix: string;
  handle(request: LoopbackRequest): Promise<{ status: number; contentType?: string; body: string }>;
}

export interface PeerFetchOptions {
  readonly fetcher: SafeFetcher;
  /** Cancels every request of one peer question (its timeout, or the client going away). */
  readonly signal?: AbortSignal;
  readonly loopback?: Loopback;
  /** Called with each URL that failed, so the caller can say which peer did. */
  readonly onError?: (url: string, error: Error) => void;
}

function headerOf(headers: HeadersInit | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  return new Headers(headers).get(name) ?? undefined;
}

async function bodyText(body: unknown): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  return new Response(body as BodyInit).text();
}

/**
 * Comunica fetches with `fetch(input, init)`; this one refuses what SafeFetcher refuses (private
 * addresses unless allowed, oversized bodies) and never retries: a federated question has a deadline.
 */
export function peerFetch(options: PeerFetchOptions): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = ((init?.method ?? request?.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET') as 'GET' | 'POST';
    const headers = init?.headers ?? request?.headers;
    const body = await bodyText(init?.body ?? (request && method === 'POST' ? await request.text() : undefined));
    const contentType = headerOf(headers, 'content-type') ?? (init?.body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : undefined);
    const accept = headerOf(headers, 'accept');
    const signal = init?.signal ? (options.signal ? AbortSignal.any([init.signal, options.signal]) : init.signal) : options.signal;
    try {
      if (options.loopback && url.startsWith(options.loopback.prefix)) {
        const answer = await options.loopback.handle({ method, url, body, contentType, accept });
        return new Response(answer.body, { status: answer.status, headers: answer.contentType ? { 'content-type': answer.contentType } : {} });
      }
      const page = await options.fetcher.fetch(url, { method, body, contentType, accept, signal });
      return new Response(new Uint8Array(page.body), {
        status: page.status, headers: page.contentType ? { 'content-type': page.contentType } : {},
      });
    } catch (error) {
      options.onError?.(url, error as Error);
      throw error;
    }
  }) as typeof fetch;
}
