// **startFixtureServer** serves our fixture files over real HTTP on 127.0.0.1, with conditional GET and faults.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface FixtureRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** What one route answers. Text bodies and files have `{{base}}` replaced by the server's origin. */
export interface RouteSpec {
  /** A file under test/fixtures, e.g. `dcat/two-pages-1.ttl`. */
  readonly file?: string;
  readonly body?: string;
  /** A body sent byte for byte (invalid UTF-8 included), without `{{base}}` replacement. */
  readonly bytes?: Buffer;
  readonly type?: string;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send ETag and Last-Modified and answer matching conditional requests with 304. */
  readonly conditional?: boolean;
  readonly delayMs?: number;
  /** Stream this many bytes of filler without ever holding them in memory. */
  readonly hugeBytes?: number;
  readonly redirect?: string;
  /** Drop the connection without an answer (a reset, as a crashing upstream or proxy gives). */
  readonly reset?: boolean;
  /** Send the headers (with the full Content-Length) and this many bytes of the body, then drop the connection. */
  readonly truncateAt?: number;
  /** Send the headers and part of the body, then never finish (a hung upstream). */
  readonly hang?: boolean;
  /** Computes the answer per request (SPARQL endpoints, CKAN queries). */
  readonly handler?: (req: FixtureRequest) => RouteSpec | Promise<RouteSpec>;
}

export interface FixtureServer {
  readonly origin: string;
  url(pathAndQuery: string): string;
  /** Requests seen, as `pathname+search`, in order. */
  readonly log: FixtureRequest[];
  hits(pathAndQuery: string): number;
  close(): Promise<void>;
}

const LAST_MODIFIED = new Date('2026-01-15T10:00:00Z').toUTCString();

/** Starts a server on an ephemeral port. Routes match `pathname+search` first, then `pathname`. */
export async function startFixtureServer(routes: Readonly<Record<string, RouteSpec>>): Promise<FixtureServer> {
  const log: FixtureRequest[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const fixtureReq: FixtureRequest = { method: req.method ?? 'GET', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      log.push(fixtureReq);
      const route = routes[url.pathname + url.search] ?? routes[url.pathname];
      answer(route, fixtureReq, res, origin).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(error.stack));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p) => origin + p,
    log,
    hits: (p) => log.filter((r) => r.url.pathname + r.url.search === p).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(route: RouteSpec | undefined, req: FixtureRequest, res: http.ServerResponse, origin: string): Promise<void> {
  if (!route) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no such fixture route');
    return;
  }
  const spec = route.handler ? await route.handler(req) : route;
  if (spec.delayMs) await new Promise((resolve) => setTimeout(resolve, spec.delayMs));
  if (res.destroyed) return;
  if (spec.reset) {
    res.socket?.destroy();
    return;
  }
  if (spec.redirect) {
    res.writeHead(spec.status ?? 302, { location: spec.redirect.replaceAll('{{base}}', origin) });
    res.end();
    return;
  }
  if (spec.hugeBytes) return streamFiller(res, spec);
  const raw = spec.file ? readFileSync(path.join(FIXTURES_DIR, spec.file), 'utf8') : (spec.body ?? '');
  const body = spec.bytes ?? Buffer.from(raw.replaceAll('{{base}}', origin));
  const headers: Record<string, string> = { 'content-type': spec.type ?? guessType(spec.file), 'content-length': String(body.length), ...spec.headers };
  if (spec.conditional) {
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    headers.etag = etag;
    headers['last-modified'] = LAST_MODIFIED;
    const since = req.headers['if-modified-since'];
    if (req.headers['if-none-match'] === etag || (since && Date.parse(since) >= Date.parse(LAST_MODIFIED))) {
      res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED });
      res.end();
      return;
    }
  }
  res.writeHead(spec.status ?? 200, headers);
  if (spec.truncateAt !== undefined || spec.hang) {
    res.write(body.subarray(0, Math.min(spec.truncateAt ?? body.length >> 1, body.length - 1)));
    if (!spec.hang) res.socket?.destroy();
    return;
  }
  res.end(body);
}

function streamFiller(res: http.ServerResponse, spec: RouteSpec): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = spec.hugeBytes!;
  res.writeHead(200, { 'content-type': spec.type ?? 'text/turtle' });
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}

function guessType(file: string | undefined): string {
  const ext = file ? path.extname(file) : '';
  return (
    { '.ttl': 'text/turtle', '.trig': 'application/trig', '.nt': 'application/n-triples', '.nq': 'application/n-quads',
      '.rdf': 'application/rdf+xml', '.jsonld': 'application/ld+json', '.json': 'application/json', '.xml': 'text/xml' }[ext] ??
    'text/plain'
  );
}
