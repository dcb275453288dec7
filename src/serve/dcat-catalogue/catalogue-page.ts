// **cataloguePageQuads** builds one Hydra page of the DCAT-AP catalogue: the dcat:Catalog, its paging view, and records.
import type { Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { SheafConfig } from '../../core/config.js';
import { NS } from '../../core/namespaces.js';
import type { RecordIris } from '../../catalogue/record-iris.js';
import type { CatalogueStore } from '../../store/catalogue-store.js';
import type { Cursor, ListedRecord } from '../../catalogue/catalogue-listing.js';

const { namedNode: n, literal, quad } = DataFactory;

export interface PageLinks {
  readonly self: string;
  readonly first: string;
  readonly last: string;
  readonly next?: string;
  readonly previous?: string;
}

/** Opaque cursor token: the last record of a page, base64url so it travels as one query parameter. */
export function encodeCursor(r: ListedRecord): string {
  return Buffer.from(JSON.stringify([r.firstSeen, r.feedId, r.key]), 'utf8').toString('base64url');
}

export function decodeCursor(token: string): Cursor | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'string')) {
      return { firstSeen: v[0] as string, feedId: v[1] as string, key: v[2] as string };
    }
  } catch { /* fall through: not a cursor we wrote */ }
  return undefined;
}

/** Every triple of the records' dataset and catalogue-record graphs, read by graph name (no SPARQL join). */
export async function recordQuads(store: CatalogueStore, iris: RecordIris, records: readonly ListedRecord[]): Promise<Quad[]> {
  if (records.length === 0) return [];
  return store.readGraphs(records.flatMap((r) => [iris.recordGraph(r.feedId, r.key), iris.catalogRecordGraph(r.feedId, r.key)]));
}

/** The catalogue's own description, shared by every page. */
export function catalogueQuads(config: SheafConfig, iris: RecordIris): Quad[] {
  const cat = n(iris.catalog());
  const publisher = n(`${iris.catalog()}#publisher`);
  const a = n(`${NS.rdf}type`);
  return [
    quad(cat, a, n(`${NS.dcat}Catalog`)),
    quad(cat, n(`${NS.dct}title`), literal(config.catalogue.title, 'en')),
    quad(cat, n(`${NS.dct}description`), literal(config.catalogue.description, 'en')),
    quad(cat, n(`${NS.dct}publisher`), publisher),
    quad(cat, n(`${NS.foaf}homepage`), n(`${config.baseUrl}/`)),
    quad(publisher, a, n(`${NS.foaf}Agent`)),
    quad(publisher, n(`${NS.foaf}name`), literal(config.catalogue.publisher)),
  ];
}

/** Hydra collection facts and the page's view (first / previous / next / last). */
export function hydraQuads(iris: RecordIris, total: number, links: PageLinks): Quad[] {
  const cat = n(iris.catalog());
  const view = n(links.self);
  const h = (local: string) => n(`${NS.hydra}${local}`);
  const out: Quad[] = [
    quad(cat, n(`${NS.rdf}type`), h('Collection')),
    quad(cat, h('totalItems'), literal(String(total), n(`${NS.xsd}integer`))),
    quad(cat, h('view'), view),
    quad(view, n(`${NS.rdf}type`), h('PartialCollectionView')),
    quad(view, h('first'), n(links.first)),
    quad(view, h('last'), n(links.last)),
  ];
  const link = (p: string, o: string | undefined) => { if (o) out.push(quad(view, h(p), n(o) as Quad_Object)); };
  link('next', links.next);
  link('previous', links.previous);
  return out;
}
