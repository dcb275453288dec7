// **datasetView** reads a record's quads (dataset, catalogue record, report) into what a dataset page shows.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { FACETS } from './facet-definitions.js';
import type { TermIndex } from './term-index.js';

export interface Labelled { readonly iri: string; readonly label: string }

/** One SHACL result of the record's validation report, as a publisher needs it to fix the record. */
export interface ValidationMessage {
  readonly severity: 'Violation' | 'Warning' | 'Info';
  readonly message: string;
  readonly path?: string;
  readonly value?: string;
  readonly focus?: string;
}

export interface DistributionView {
  readonly title?: string;
  readonly format?: Labelled;
  readonly accessUrl?: string;
  readonly downloadUrl?: string;
  readonly licence?: Labelled;
  readonly conditions: readonly Labelled[];
  readonly byteSize?: string;
}

export interface DatasetView {
  readonly iri: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  /** `term` facets hold ontology classes (each has a term page); the others hold IRIs or descriptions of blank nodes. */
  readonly facets: ReadonlyArray<{ readonly name: string; readonly kind: 'term' | 'iri' | 'literal'; readonly values: readonly Labelled[] }>;
  readonly landingPages: readonly string[];
  readonly publishers: readonly Labelled[];
  readonly numbers: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly licences: readonly Labelled[];
  readonly distributions: readonly DistributionView[];
  readonly validation: {
    readonly status: string; readonly violations: number; readonly warnings: number; readonly infos: number;
    readonly messages: readonly ValidationMessage[];
  };
  readonly quality?: { readonly score: string; readonly band?: string; readonly metrics: ReadonlyMap<string, { readonly value: number; readonly pending: boolean }> };
  readonly provenance: ReadonlyArray<{ readonly name: string; readonly value: string; readonly link?: boolean }>;
  /** The feed and run the record came from (their ids, for links). */
  readonly feedId?: string;
  readonly runId?: string;
}

class Graph {
  readonly #out = new Map<string, Map<string, Term[]>>();
  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      let m = this.#out.get(q.subject.value);
      if (!m) { m = new Map(); this.#out.set(q.subject.value, m); }
      const l = m.get(q.predicate.value);
      if (l) l.push(q.object); else m.set(q.predicate.value, [q.object]);
    }
  }
  all(s: string, p: string): Term[] { return this.#out.get(s)?.get(p) ?? []; }
  one(s: string, p: string): Term | undefined { return this.all(s, p)[0]; }
  properties(s: string): Array<[string, Term[]]> { return [...(this.#out.get(s) ?? new Map<string, Term[]>())]; }
  subjectsWith(p: string, o: string): string[] {
    const out: string[] = [];
    for (const [s, m] of this.#out) if (m.get(p)?.some((t) => t.value === o)) out.push(s);
    return out;
  }
}

function preferred(terms: readonly Term[]): string | undefined {
  const lits = terms.filter((t): t is Term & { language: string } => t.termType === 'Literal');
  return (lits.find((l) => l.language.startsWith('en')) ?? lits.find((l) => l.language === '') ?? lits[0])?.value;
}

/** A blank node, or one skolemised at harvest (`{base}/.well-known/genid/…`): its id means nothing to people. */
const isAnonymous = (t: Term): boolean => t.termType === 'BlankNode' || t.value.includes('/.well-known/genid/');

const local = (iri: string): string => iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);

/** An anonymous node (a spatial coverage, a period) shown by what it holds: "geometry POINT(…); bbox …". */
function describe(g: Graph, node: string): string | undefined {
  const parts = g.properties(node).filter(([p]) => p !== `${NS.rdf}type`)
    .map(([p, objects]) => `${local(p)} ${objects.map((o) => (o.termType === 'Literal' ? o.value : local(o.value) || o.value)).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

export function datasetView(quads: readonly Quad[], options: { readonly dataset: string; readonly terms: TermIndex; readonly base: string }): DatasetView {
  const g = new Graph(quads);
  const ds = options.dataset;
  const LABEL_PROPS = [`${NS.skos}prefLabel`, `${NS.foaf}name`, `${NS.rdfs}label`, `${NS.dct}title`];
  const label = (t: Term): Labelled => ({
    iri: t.value,
    label: options.terms.label(t.value) ?? preferred(LABEL_PROPS.flatMap((p) => g.all(t.value, p)))
      ?? (isAnonymous(t) ? describe(g, t.value) : undefined)
      ?? (t.termType === 'Literal' ? t.value : decodeURIComponent(t.value.slice(Math.max(t.value.lastIndexOf('#'), t.value.lastIndexOf('/')) + 1))),
  });
  const D = `${NS.dcat}distribution`;
  const facets = FACETS.filter((f) => f.path[0] !== D).map((f) => ({
    name: f.name, kind: f.kind, values: f.path.reduce<Term[]>((nodes, p) => nodes.flatMap((n) => g.all(n.value, p)), [{ termType: 'NamedNode', value: ds } as Term]).map(label),
  })).filter((f) => f.values.length > 0);
  const H = NS.healthdcatap;
  const numbers = ([['subjects', `${H}numberOfUniqueIndividuals`], ['studies', `${H}numberOfRecords`], ['minimum age', `${H}minTypicalAge`],
    ['maximum age', `${H}maxTypicalAge`], ['segmentations', `${NS.eucaim}nbrOfSegmentations`]] as const)
    .flatMap(([name, p]) => g.all(ds, p).map((t) => ({ name, value: t.value })));
  const distributions = g.all(ds, D).map((d): DistributionView => {
    const format = g.one(d.value, `${NS.dct}format`);
    const licence = g.one(d.value, `${NS.dct}license`);
    const title = preferred([...g.all(d.value, `${NS.dct}title`), ...g.all(d.value, `${NS.dct}description`)]);
    return {
      ...(title !== undefined && { title }),
      ...(format && { format: label(format) }),
      ...(g.one(d.value, `${NS.dcat}accessURL`) && { accessUrl: g.one(d.value, `${NS.dcat}accessURL`)!.value }),
      ...(g.one(d.value, `${NS.dcat}downloadURL`) && { downloadUrl: g.one(d.value, `${NS.dcat}downloadURL`)!.value }),
      ...(licence && { licence: label(licence) }),
      conditions: g.all(d.value, `${NS.dct}rights`).map(label),
      ...(g.one(d.value, `${NS.dcat}byteSize`) && { byteSize: g.one(d.value, `${NS.dcat}byteSize`)!.value }),
    };
  });
  // One chip per licence: the same licence given on the dataset and on each distribution, or under two IRIs with one label, is one.
  const licences = [...g.all(ds, `${NS.dct}license`), ...distributions.flatMap((d) => (d.licence ? [{ termType: 'NamedNode', value: d.licence.iri } as Term] : []))]
    .map(label).filter((l, i, all) => all.findIndex((x) => x.iri === l.iri || x.label.toLowerCase() === l.label.toLowerCase()) === i);
  const record = g.subjectsWith(`${NS.foaf}primaryTopic`, ds)[0];
  const severities = quads.filter((q) => q.predicate.value === `${NS.sh}resultSeverity`).map((q) => q.object.value);
  const count = (s: string) => severities.filter((v) => v === `${NS.sh}${s}`).length;
  const messages = quads.filter((q) => q.predicate.value === `${NS.sh}resultSeverity`).map((q): ValidationMessage => {
    const r = q.subject.value;
    const path = g.one(r, `${NS.sh}resultPath`);
    const value = g.one(r, `${NS.sh}value`);
    const focus = g.one(r, `${NS.sh}focusNode`);
    return {
      severity: q.object.value.slice(NS.sh.length) as ValidationMessage['severity'],
      message: preferred(g.all(r, `${NS.sh}resultMessage`)) ?? g.one(r, `${NS.sh}sourceConstraintComponent`)?.value.slice(NS.sh.length) ?? '',
      ...(path?.termType === 'NamedNode' && { path: path.value }),
      ...(value && { value: value.value }),
      ...(focus && { focus: focus.value }),
    };
  });
  const measurement = g.subjectsWith(`${NS.dqv}isMeasurementOf`, `${NS.sheaf}mqaScore`).find((m) => g.one(m, `${NS.dqv}computedOn`)?.value === ds);
  const metrics = new Map<string, { value: number; pending: boolean }>();
  for (const q of quads) {
    if (q.predicate.value !== `${NS.dqv}isMeasurementOf` || g.one(q.subject.value, `${NS.dqv}computedOn`)?.value !== ds) continue;
    const v = Number(g.one(q.subject.value, `${NS.dqv}value`)?.value);
    if (Number.isFinite(v)) metrics.set(q.object.value, { value: v, pending: g.one(q.subject.value, `${NS.sheaf}pending`)?.value === 'true' });
  }
  const idAfter = (t: Term | undefined, prefix: string): string | undefined =>
    t && t.value.startsWith(prefix) ? decodeURIComponent(t.value.slice(prefix.length)) : undefined;
  const feedId = record ? idAfter(g.one(record, `${NS.sheaf}feed`), `${options.base}/feed/`) : undefined;
  const runId = record ? idAfter(g.one(record, `${NS.prov}wasGeneratedBy`), `${options.base}/run/`) : undefined;
  const provenance: Array<{ name: string; value: string; link?: boolean }> = [];
  if (record) {
    const add = (name: string, p: string, link = false) => { const t = g.one(record, p); if (t) provenance.push({ name, value: t.value, ...(link && { link }) }); };
    add('first harvested', `${NS.dct}issued`);
    add('last changed', `${NS.dct}modified`);
    add('source page', `${NS.sheaf}sourcePage`, true);
    add('feed', `${NS.sheaf}feed`);
    add('harvest run', `${NS.prov}wasGeneratedBy`);
    add('issued at source', `${NS.sheaf}sourceIssued`);
    add('modified at source', `${NS.sheaf}sourceModified`);
  }
  return {
    iri: ds,
    title: preferred(g.all(ds, `${NS.dct}title`)) ?? ds,
    description: preferred(g.all(ds, `${NS.dct}description`)) ?? '',
    keywords: g.all(ds, `${NS.dcat}keyword`).map((t) => t.value),
    landingPages: g.all(ds, `${NS.dcat}landingPage`).map((t) => t.value),
    publishers: g.all(ds, `${NS.dct}publisher`).map(label),
    facets, numbers, licences, distributions, provenance,
    ...(feedId !== undefined && { feedId }), ...(runId !== undefined && { runId }),
    validation: {
      status: (record && g.one(record, `${NS.sheaf}validationStatus`)?.value) ?? 'unknown',
      violations: count('Violation'), warnings: count('Warning'), infos: count('Info'), messages,
    },
    ...(measurement && g.one(measurement, `${NS.dqv}value`) && {
      quality: {
        score: g.one(measurement, `${NS.dqv}value`)!.value, metrics,
        ...(g.one(measurement, `${NS.sheaf}band`) && { band: g.one(measurement, `${NS.sheaf}band`)!.value }),
      },
    }),
  };
}

/** How a dataset view looks for people: the web console's templates (src/web/dataset-page.tsx), handed to the dataset page route by buildApp. */
export interface DatasetHtml {
  page(view: DatasetView, context: { readonly id: string; readonly rdfLinks: ReadonlyArray<{ label: string; href: string }>; readonly turtle: string;
    /** Which IRIs are ontology terms (they have a term page). */
    readonly terms: { has(iri: string): boolean } }): string;
  /** The page a tombstone answers browsers with (status 410). */
  withdrawn(info: { readonly id: string; readonly dataset: string; readonly withdrawnAt?: string }): string;
}
