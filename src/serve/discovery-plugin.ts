// **discoveryPlugin** decorates the app with what the discovery endpoints read: catalogue listing, search index, terms.
import { readFile } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { RecordIris } from '../pipeline/record-iris.js';
import { SearchIndex } from '../search/search-index.js';
import { TermIndex } from '../search/term-index.js';
import { CatalogueListing } from './dcat-catalogue/catalogue-listing.js';

export interface DiscoveryServices {
  readonly listing: CatalogueListing;
  readonly search: SearchIndex;
  readonly terms: TermIndex;
  readonly iris: RecordIris;
}

declare module 'fastify' {
  interface FastifyInstance {
    discovery: DiscoveryServices;
  }
}

/** The bundled hyperontology and vocabularies: labels, synonyms, codes and the hierarchy search expands. */
export const BUNDLED_TERM_SOURCES: readonly URL[] = Object.freeze([
  'eucaim-hyperontology.ttl', 'vocabularies/access-right.ttl', 'vocabularies/country.ttl', 'vocabularies/data-theme.ttl',
  'vocabularies/eucaim-access-conditions.ttl', 'vocabularies/eucaim-data-use-conditions.ttl', 'vocabularies/file-type.ttl',
  'vocabularies/frequency.ttl', 'vocabularies/language.ttl',
].map((f) => new URL(`../../ontologies/${f}`, import.meta.url)));

export async function loadBundledTerms(): Promise<TermIndex> {
  const quads: Quad[] = [];
  for (const url of BUNDLED_TERM_SOURCES) quads.push(...new Parser({ baseIRI: url.href }).parse(await readFile(url, 'utf8')));
  return TermIndex.fromQuads(quads);
}

export async function createDiscoveryServices(options: {
  readonly db: Database.Database;
  readonly baseUrl: string;
  readonly terms?: TermIndex;
}): Promise<DiscoveryServices> {
  const terms = options.terms ?? (await loadBundledTerms());
  return Object.freeze({
    listing: new CatalogueListing({ db: options.db }),
    search: new SearchIndex({ db: options.db, terms }),
    terms,
    iris: new RecordIris(options.baseUrl),
  });
}

export const discoveryPlugin = fp<{ readonly services: DiscoveryServices }>(
  async (app, opts) => {
    app.decorate('discovery', opts.services);
  },
  { name: 'sheaf-discovery' },
);
