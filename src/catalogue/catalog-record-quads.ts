// **catalogRecordQuads** builds the dcat:CatalogRecord a harvest leaves beside each record (the run's prov:Activity is pipeline/run-activity-quads.ts).
import type { Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { RecordIris } from './record-iris.js';

const { namedNode, literal, quad } = DataFactory;
const n = (iri: string) => namedNode(iri);
const A = `${NS.rdf}type`;
const dateTime = (iso: string) => literal(iso, n(`${NS.xsd}dateTime`));

export type CatalogRecordState = 'active' | 'quarantined' | 'withdrawn';

export interface CatalogRecordInput {
  readonly feedId: string;
  readonly key: string;
  readonly datasetIri: string;
  readonly state: CatalogRecordState;
  readonly hash: string;
  readonly pageUrl: string;
  readonly runId: string;
  readonly profile: string;
  /** conformant | with-warnings | non-conformant */
  readonly validation: string;
  /** Harvest times: when sheaf first stored the record and when its content last changed. */
  readonly firstSeen: string;
  readonly lastChanged: string;
  /** The source's own dates, as it gave them: kept apart from the harvest times above. */
  readonly sourceIssued?: string;
  readonly sourceModified?: string;
  /** Catalogue records of other feeds describing the same dataset. */
  readonly related?: readonly string[];
  readonly withdrawnAt?: string;
  readonly purgeAfter?: string;
}

/**
 * The record's dcat:CatalogRecord. DCAT-AP's own dct:issued / dct:modified on a catalogue record are the
 * catalogue's times (first seen / last changed); the source's dates go to sheaf:sourceIssued /
 * sheaf:sourceModified, and stay untouched on the dataset itself. Only an active record links into the
 * catalogue (dcat:record, dcat:dataset), so quarantined and withdrawn ones drop out of catalogue views.
 */
export function catalogRecordQuads(iris: RecordIris, r: CatalogRecordInput): Quad[] {
  const cr = n(iris.catalogRecord(r.feedId, r.key));
  const out: Quad[] = [];
  const add = (p: string, o: Quad_Object) => out.push(quad(cr, n(p), o));
  add(A, n(`${NS.dcat}CatalogRecord`));
  add(`${NS.foaf}primaryTopic`, n(r.datasetIri));
  add(`${NS.dct}issued`, dateTime(r.firstSeen));
  add(`${NS.dct}modified`, dateTime(r.lastChanged));
  add(`${NS.sheaf}feed`, n(iris.feed(r.feedId)));
  add(`${NS.sheaf}recordKey`, literal(r.key));
  // A record adopted from the store without its row may not know its page.
  if (r.pageUrl !== '') add(`${NS.sheaf}sourcePage`, n(r.pageUrl));
  add(`${NS.prov}wasGeneratedBy`, n(iris.run(r.runId)));
  add(`${NS.sheaf}hash`, literal(r.hash));
  add(`${NS.sheaf}recordStatus`, n(`${NS.sheaf}${r.state[0]!.toUpperCase()}${r.state.slice(1)}`));
  add(`${NS.sheaf}profile`, literal(r.profile));
  add(`${NS.sheaf}validationStatus`, literal(r.validation));
  if (r.state !== 'withdrawn') add(`${NS.sheaf}recordGraph`, n(r.state === 'active' ? iris.recordGraph(r.feedId, r.key) : iris.quarantineGraph(r.feedId, r.key)));
  if (r.sourceIssued !== undefined) add(`${NS.sheaf}sourceIssued`, literal(r.sourceIssued));
  if (r.sourceModified !== undefined) add(`${NS.sheaf}sourceModified`, literal(r.sourceModified));
  for (const other of r.related ?? []) add(`${NS.dct}relation`, n(other));
  if (r.withdrawnAt !== undefined) add(`${NS.prov}invalidatedAtTime`, dateTime(r.withdrawnAt));
  if (r.purgeAfter !== undefined) add(`${NS.sheaf}purgeAfter`, dateTime(r.purgeAfter));
  if (r.state === 'active') {
    out.push(quad(n(iris.catalog()), n(`${NS.dcat}record`), cr));
    out.push(quad(n(iris.catalog()), n(`${NS.dcat}dataset`), n(r.datasetIri)));
  }
  return out;
}
