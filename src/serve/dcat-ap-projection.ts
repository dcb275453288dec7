// **projectToDcatAp** folds what richer profiles allow and DCAT-AP 3.0.1 does not (several dct:rights on a distribution) into DCAT-AP's form.
import type { Quad, Quad_Object, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';

const { blankNode, literal, namedNode, quad } = DataFactory;

/**
 * The forms /catalog and dataset RDF come in (`?profile=`): `dcat-ap` (default) is this projection; `eucaim` and
 * `healthdcat-ap` give each record as harvested and normalised, in the form of its feed's profile (those profiles
 * extend DCAT-AP and allow what the projection folds, e.g. EUCAIM's access and data-use conditions as two dct:rights).
 */
export const OUTPUT_PROFILES = Object.freeze(['dcat-ap', 'eucaim', 'healthdcat-ap'] as const);
export type OutputProfile = (typeof OUTPUT_PROFILES)[number];

const RDF_TYPE = `${NS.rdf}type`;
const RIGHTS = `${NS.dct}rights`;
const SPATIAL_RESOLUTION = `${NS.dcat}spatialResolutionInMeters`;
/** The classes whose dct:rights DCAT-AP 3.0.1 limits to one value (Distribution_Shape, Catalog_Shape). */
const ONE_RIGHTS = new Set([`${NS.dcat}Distribution`, `${NS.dcat}Catalog`]);
/** The classes whose dcat:spatialResolutionInMeters it limits to one (Dataset_Shape, Distribution_Shape). */
const ONE_RESOLUTION = new Set([`${NS.dcat}Dataset`, `${NS.dcat}Distribution`]);

const key = (t: Term): string => `${t.termType}:${t.value}`;
const tail = (iri: string): string => decodeURIComponent(iri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? iri).replace(/_/g, ' ');

export interface ProjectionOptions {
  /** A term's preferred label (the current ontologies and vocabularies), for the folded statement's text. */
  readonly label?: (iri: string) => string | undefined;
}

/**
 * DCAT-AP 3.0.1 gives a distribution (and a catalogue) at most one dct:rights, a dct:RightsStatement; EUCAIM DCAT-AP
 * v2 puts an access condition and a data-use condition there, both mandatory. The projection replaces several
 * values by one statement (a blank node typed dct:RightsStatement) whose rdfs:label names them all and whose
 * dct:hasPart links each original value, so nothing is lost and a DCAT-AP consumer reads one statement. Several
 * dcat:spatialResolutionInMeters on a dataset or distribution (max 1 too) keep the finest. Everything else is
 * returned unchanged, in order; a record already in DCAT-AP's form comes back as it was.
 */
export function projectToDcatAp(quads: readonly Quad[], options: ProjectionOptions = {}): Quad[] {
  const types = new Map<string, Set<string>>();
  const rights = new Map<string, Quad[]>();
  const resolutions = new Map<string, Quad[]>();
  const labels = new Map<string, string>();
  const push = (m: Map<string, Quad[]>, q: Quad) => (m.get(key(q.subject)) ?? m.set(key(q.subject), []).get(key(q.subject))!).push(q);
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE) (types.get(key(q.subject)) ?? types.set(key(q.subject), new Set()).get(key(q.subject))!).add(q.object.value);
    else if (q.predicate.value === RIGHTS) push(rights, q);
    else if (q.predicate.value === SPATIAL_RESOLUTION) push(resolutions, q);
    else if (q.predicate.value === `${NS.rdfs}label` || q.predicate.value === `${NS.skos}prefLabel`) labels.set(key(q.subject), q.object.value);
  }
  const typed = (subject: string, classes: ReadonlySet<string>) => [...(types.get(subject) ?? [])].some((c) => classes.has(c));
  const drop = new Set<Quad>();
  const added: Quad[] = [];
  for (const [subject, values] of rights) {
    const distinct = uniqueObjects(values);
    if (distinct.length < 2 || !typed(subject, ONE_RIGHTS)) continue;
    for (const q of values) drop.add(q);
    const statement = blankNode();
    added.push(
      quad(values[0]!.subject, namedNode(RIGHTS), statement),
      quad(statement, namedNode(RDF_TYPE), namedNode(`${NS.dct}RightsStatement`)),
      quad(statement, namedNode(`${NS.rdfs}label`), literal(distinct.map((o) => describe(o, labels, options)).join('; '), 'en')),
      ...distinct.map((o) => quad(statement, namedNode(`${NS.dct}hasPart`), o as Quad_Object)),
    );
  }
  for (const [subject, values] of resolutions) {
    if (uniqueObjects(values).length < 2 || !typed(subject, ONE_RESOLUTION)) continue;
    const finest = values.reduce((a, b) => (Number(b.object.value) < Number(a.object.value) ? b : a));
    for (const q of values) if (q !== finest) drop.add(q);
  }
  if (drop.size === 0) return [...quads];
  return [...quads.filter((q) => !drop.has(q)), ...added];
}

function uniqueObjects(values: readonly Quad[]): Term[] {
  const seen = new Map<string, Term>();
  for (const q of values) seen.set(key(q.object), q.object);
  return [...seen.values()];
}

/** A rights value as text: its label in the terms, else a label the record gives it, else its IRI's last segment. */
function describe(value: Term, labels: ReadonlyMap<string, string>, options: ProjectionOptions): string {
  if (value.termType === 'Literal') return value.value;
  const known = (value.termType === 'NamedNode' ? options.label?.(value.value) : undefined) ?? labels.get(key(value));
  if (known !== undefined) return known;
  return value.termType === 'NamedNode' ? tail(value.value) : 'rights statement';
}
