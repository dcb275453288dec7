// **runActivityQuads** describes one harvest run as a prov:Activity with its counts, beside the records' catalogue records.
import type { Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { RecordIris } from '../catalogue/record-iris.js';
import { NS } from '../core/namespaces.js';
import type { RunSummary } from './run-summary.js';

const { namedNode, literal, quad } = DataFactory;
const n = (iri: string) => namedNode(iri);
const A = `${NS.rdf}type`;
const dateTime = (iso: string) => literal(iso, n(`${NS.xsd}dateTime`));
const int = (v: number) => literal(String(v), n(`${NS.xsd}integer`));

/** The run as a prov:Activity with its counts, written once when the run ends. */
export function runActivityQuads(iris: RecordIris, run: RunSummary): Quad[] {
  const s = n(iris.run(run.id));
  const out: Quad[] = [];
  const add = (p: string, o: Quad_Object) => out.push(quad(s, n(p), o));
  add(A, n(`${NS.prov}Activity`));
  add(A, n(`${NS.sheaf}HarvestRun`));
  add(`${NS.prov}used`, n(iris.feed(run.feedId)));
  add(`${NS.sheaf}feed`, n(iris.feed(run.feedId)));
  if (run.startedAt) add(`${NS.prov}startedAtTime`, dateTime(run.startedAt));
  if (run.finishedAt) add(`${NS.prov}endedAtTime`, dateTime(run.finishedAt));
  add(`${NS.sheaf}runStatus`, literal(run.status));
  add(`${NS.sheaf}complete`, literal(String(run.complete), n(`${NS.xsd}boolean`)));
  add(`${NS.sheaf}pages`, int(run.pages));
  add(`${NS.sheaf}records`, int(run.records));
  for (const [name, value] of Object.entries(run.counts)) add(`${NS.sheaf}${name}`, int(value));
  add(`${NS.sheaf}errorCount`, int(run.errors.length));
  return out;
}
