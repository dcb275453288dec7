// **syntheticFeed** writes a Hydra-paged DCAT-AP feed of synthetic datasets to disk and serves it on 127.0.0.1.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tripleLine } from '../src/core/nquads.js';
import { syntheticRecord } from './synthetic-dcat.js';

const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

export interface SyntheticFeed {
  readonly url: string;
  readonly pages: number;
  /** Answer If-None-Match with 304 (on by default). */
  conditional: boolean;
  /** Pages served, 304s included. */
  served: number;
  close(): Promise<void>;
}

/**
 * Page files are written once, before timing starts: the feed server then only reads files, so the
 * benchmark measures the harvester, not the generator (100 k datasets ≈ 500 MB of N-Triples on disk).
 */
export function writeFeedPages(options: { dir: string; count: number; perPage: number }): number {
  mkdirSync(options.dir, { recursive: true });
  const pages = Math.ceil(options.count / options.perPage);
  for (let p = 1; p <= pages; p++) {
    const lines: string[] = [`<{{self}}> <${RDF_TYPE}> <${HYDRA}PartialCollectionView> .\n`];
    if (p < pages) lines.push(`<{{self}}> <${HYDRA}next> <{{next}}> .\n`);
    const first = (p - 1) * options.perPage;
    for (let i = first; i < Math.min(first + options.perPage, options.count); i++) {
      for (const q of syntheticRecord(i).quads) lines.push(tripleLine(q));
    }
    writeFileSync(path.join(options.dir, `${p}.nt`), lines.join(''));
  }
  return pages;
}

export async function serveFeedPages(options: { dir: string; pages: number }): Promise<SyntheticFeed> {
  let origin = '';
  const feed = {
    url: '', pages: options.pages, conditional: true, served: 0,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const page = Number(url.searchParams.get('page'));
    if (!(page >= 1 && page <= options.pages)) {
      res.writeHead(404).end();
      return;
    }
    feed.served += 1;
    // Page files never change during a benchmark, so the page number is a valid strong validator.
    const etag = `"page-${page}"`;
    if (feed.conditional && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    const self = `${origin}/feed?page=${page}`;
    const body = readFileSync(path.join(options.dir, `${page}.nt`), 'utf8')
      .replaceAll('{{self}}', self).replace('{{next}}', `${origin}/feed?page=${page + 1}`);
    res.writeHead(200, { 'content-type': 'application/n-triples', ...(feed.conditional && { etag }) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  feed.url = `${origin}/feed?page=1`;
  return feed;
}
