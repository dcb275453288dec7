// **SafeFetcher** is the one HTTP client harvesters use: address guard, size cap, timeouts, retries, politeness.
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Agent, Dispatcher } from 'undici';
import { assertLiteralAllowed, guardedLookup } from './address-guard.js';
import { CatErrors } from './errors.js';
import { HostLimiter } from './host-limiter.js';
import { PACKAGE_VERSION } from './package-root.js';

// The version sources see in our User-Agent is the package's own, read once at load.
export const SHEAF_VERSION = PACKAGE_VERSION;
export const USER_AGENT = `sheaf/${SHEAF_VERSION} (+https://w3id.org/sheaf; metadata harvester)`;

export interface SafeFetcherOptions {
  /** Lets requests reach loopback and private addresses; off in production, on in tests. */
  readonly allowPrivateNetworks?: boolean;
  /** Host names (or IP literals) exempt from the address guard: intranet sources an admin trusts. */
  readonly allowHosts?: readonly string[];
  /** Largest body accepted, in bytes; the stream is aborted past it. Default 50 MB. */
  readonly maxBytes?: number;
  /** Whole-request deadline in ms (connect + headers + body). Default 60 s. */
  readonly timeoutMs?: number;
  readonly maxRedirects?: number;
  /** Retries after a 5xx, 429, timeout or network error. Default 2. */
  readonly retries?: number;
  /** First backoff in ms, doubled per attempt; Retry-After overrides it. Default 500. */
  readonly retryBaseMs?: number;
  /** A Retry-After longer than this gives up instead of waiting. Default 60 s. */
  readonly maxRetryAfterMs?: number;
  /** Requests in flight per host. Default 2. */
  readonly perHostConcurrency?: number;
  /** Pause between request starts to one host. Default 100 ms: polite, yet 1,000 datasets/s on 100-per-page feeds. */
  readonly perHostDelayMs?: number;
  readonly userAgent?: string;
}

export interface FetchRequest {
  readonly accept?: string;
  readonly method?: 'GET' | 'POST' | 'HEAD';
  readonly body?: string;
  readonly contentType?: string;
  /** Validators from the previous harvest: a 304 answer becomes `notModified`. */
  readonly etag?: string;
  readonly lastModified?: string;
  /** `file:` URLs are allowed only for sources an admin marked local. */
  readonly allowFile?: boolean;
  readonly signal?: AbortSignal;
}

export interface FetchedPage {
  /** The URL after redirects: relative links in the body resolve against it. */
  readonly url: string;
  readonly status: number;
  readonly notModified: boolean;
  readonly contentType?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** The HTTP `Link` header (RFC 8288), where some servers put `rel="next"`. */
  readonly link?: string;
  readonly body: Buffer;
  text(): string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class RetryableError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/**
 * Fetches pages for harvesters. Every connection (the first and each redirect, followed by hand) is
 * checked after DNS resolution unless private networks are allowed; bodies are streamed and cut at the
 * cap, so a 200 MB page costs at most `maxBytes` of memory.
 */
export class SafeFetcher {
  readonly #options: Required<Omit<SafeFetcherOptions, 'allowHosts'>>;
  readonly #allowHosts: ReadonlySet<string>;
  /** undici and its connection pool, loaded at the first network request (see #client). */
  #client: Promise<{ readonly agent: Agent; readonly request: typeof import('undici').request }> | undefined;
  #closed = false;
  readonly #limiter: HostLimiter;

  constructor(options: SafeFetcherOptions = {}) {
    this.#options = Object.freeze({
      allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      maxBytes: options.maxBytes ?? 50 * 1024 * 1024,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRedirects: options.maxRedirects ?? 5,
      retries: options.retries ?? 2,
      retryBaseMs: options.retryBaseMs ?? 500,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      perHostConcurrency: options.perHostConcurrency ?? 2,
      perHostDelayMs: options.perHostDelayMs ?? 100,
      userAgent: options.userAgent ?? USER_AGENT,
    });
    this.#allowHosts = new Set((options.allowHosts ?? []).map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
    this.#limiter = new HostLimiter({ concurrency: this.#options.perHostConcurrency, delayMs: this.#options.perHostDelayMs });
  }

  get maxBytes(): number {
    return this.#options.maxBytes;
  }

  /**
   * GETs (or POSTs) `url`. Throws CAT_ERR_FETCH_REFUSED (guard, scheme, size cap) or
   * CAT_ERR_FETCH_FAILED (HTTP error after retries, timeout, network); a 304 is a normal answer.
   */
  async fetch(url: string, req: FetchRequest = {}): Promise<FetchedPage> {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return this.#readFile(parsed, req);
    let attempt = 0;
    for (;;) {
      try {
        return await this.#followRedirects(parsed, req);
      } catch (error) {
        if (!(error instanceof RetryableError) || attempt >= this.#options.retries) {
          throw error instanceof RetryableError ? new CatErrors.FETCH_FAILED(`${url}: ${error.message}`) : error;
        }
        const wait = error.retryAfterMs ?? this.#options.retryBaseMs * 2 ** attempt;
        if (wait > this.#options.maxRetryAfterMs) {
          throw new CatErrors.FETCH_FAILED(`${url}: ${error.message}; Retry-After of ${wait} ms exceeds the limit`);
        }
        attempt += 1;
        await sleep(wait, req.signal);
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#client) await (await this.#client).agent.close();
  }

  /** Loads the HTTP client now rather than at the first request, for callers whose first request has a tight deadline. */
  async prepare(): Promise<void> {
    await this.#connect();
  }

  // undici is loaded when a fetcher first goes to the network, not when one is made: `sheaf serve` makes several at
  // start-up (harvests, probes, webhooks, link checks), and loading undici then would delay its first answer.
  #connect(): Promise<{ readonly agent: Agent; readonly request: typeof import('undici').request }> {
    return (this.#client ??= import('undici').then(({ Agent: UndiciAgent, request }) => ({
      request,
      agent: new UndiciAgent({
        connect: this.#options.allowPrivateNetworks ? {} : { lookup: guardedLookup({ allowHosts: this.#allowHosts }) },
        headersTimeout: this.#options.timeoutMs,
        bodyTimeout: this.#options.timeoutMs,
      }),
    })));
  }

  async #followRedirects(start: URL, req: FetchRequest): Promise<FetchedPage> {
    let current = start;
    let method = req.method ?? 'GET';
    let body = req.body;
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new CatErrors.FETCH_REFUSED(`${current.href}: only http and https may be fetched`);
      }
      if (!this.#options.allowPrivateNetworks) assertLiteralAllowed(current.hostname, this.#allowHosts);
      const hopUrl = current;
      const result = await this.#limiter.run(current.host, () => this.#once(hopUrl, { ...req, method, body }));
      if (result.kind === 'page') return result.page;
      if (hop >= this.#options.maxRedirects) {
        throw new CatErrors.FETCH_REFUSED(`${start.href}: more than ${this.#options.maxRedirects} redirects`);
      }
      current = new URL(result.location, current);
      // 303 (and historic 301/302 on POST) turn into a GET without a body.
      if (result.status === 303 || ((result.status === 301 || result.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  async #once(
    url: URL,
    req: FetchRequest,
  ): Promise<{ kind: 'page'; page: FetchedPage } | { kind: 'redirect'; status: number; location: string }> {
    const headers: Record<string, string> = { 'user-agent': this.#options.userAgent, accept: req.accept ?? '*/*' };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    if (req.body !== undefined) headers['content-type'] = req.contentType ?? 'application/x-www-form-urlencoded';
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    if (this.#closed) throw new CatErrors.FETCH_FAILED(`${url.href}: the HTTP client is closed`);
    const client = await this.#connect();
    let res: Dispatcher.ResponseData;
    try {
      res = await client.request(url, { method: req.method ?? 'GET', headers, body: req.body, dispatcher: client.agent, signal });
    } catch (error) {
      throw classifyNetworkError(url, error, timeout, req.signal);
    }
    const status = res.statusCode;
    const header = (name: string): string | undefined => {
      const value = res.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (REDIRECTS.has(status)) {
      await res.body.dump();
      const location = header('location');
      if (!location) throw new CatErrors.FETCH_FAILED(`${url.href}: HTTP ${status} without a Location`);
      return { kind: 'redirect', status, location };
    }
    if (status >= 500 || status === 429) {
      await res.body.dump();
      throw new RetryableError(`HTTP ${status}`, parseRetryAfter(header('retry-after')));
    }
    if (status >= 400) {
      await res.body.dump();
      throw new CatErrors.FETCH_FAILED(`${url.href}: HTTP ${status}`);
    }
    const declared = Number(header('content-length'));
    if (Number.isFinite(declared) && declared > this.#options.maxBytes) {
      // Abandoning the body aborts the request; nobody awaits that abort, so it must not surface.
      res.body.on('error', () => undefined).destroy();
      throw new CatErrors.FETCH_REFUSED(`${url.href}: declares ${declared} bytes, over the cap of ${this.#options.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > this.#options.maxBytes) {
          res.body.on('error', () => undefined).destroy();
          throw new CatErrors.FETCH_REFUSED(`${url.href}: body exceeds the cap of ${this.#options.maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'CAT_ERR_FETCH_REFUSED') throw error;
      throw classifyNetworkError(url, error, timeout, req.signal);
    }
    const body = Buffer.concat(chunks);
    return {
      kind: 'page',
      page: {
        url: url.href,
        status,
        notModified: status === 304,
        contentType: header('content-type'),
        etag: header('etag'),
        lastModified: header('last-modified'),
        link: header('link'),
        body,
        text: () => body.toString('utf8'),
      },
    };
  }

  async #readFile(url: URL, req: FetchRequest): Promise<FetchedPage> {
    if (!req.allowFile) throw new CatErrors.FETCH_REFUSED(`${url.href}: file URLs are allowed only for local feeds`);
    const path = fileURLToPath(url);
    const info = await stat(path).catch((error: Error) => {
      throw new CatErrors.FETCH_FAILED(`${url.href}: ${error.message}`);
    });
    if (info.size > this.#options.maxBytes) {
      throw new CatErrors.FETCH_REFUSED(`${url.href}: ${info.size} bytes, over the cap of ${this.#options.maxBytes}`);
    }
    const body = await readFile(path);
    return { url: url.href, status: 200, notModified: false, body, text: () => body.toString('utf8') };
  }
}

/** Waits `ms`, cut short (with FETCH_FAILED) when the harvest is aborted meanwhile. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CatErrors.FETCH_FAILED('aborted'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CatErrors.FETCH_FAILED('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function classifyNetworkError(url: URL, error: unknown, timeout: AbortSignal, caller?: AbortSignal): Error {
  const err = error as Error & { code?: string; cause?: { code?: string } };
  if (err.code === 'CAT_ERR_FETCH_REFUSED') return err;
  if (err.cause?.code === 'CAT_ERR_FETCH_REFUSED') return err.cause as Error;
  if (caller?.aborted) return new CatErrors.FETCH_FAILED(`${url.href}: aborted`);
  if (timeout.aborted || /timeout/i.test(err.code ?? '')) return new RetryableError(`timed out`);
  return new RetryableError(`${err.code ?? err.name}: ${err.message}`);
}
