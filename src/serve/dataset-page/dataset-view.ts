// **datasetView** reads a record's quads (dataset, catalogue record, report) into what a dataset page shows.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../../core/namespaces.js';
import { FACETS } from '../../search/facet-definitions.js';
import type { TermIndex } from '../../search/term-index.js';

export interface Labelled { readonly iri: string; readonly label: string }

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
  readonly facets: ReadonlyArray<{ readonly name: string; readonly values: readonly Labelled[] }>;
  readonly numbers: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly licences: readonly Labelled[];
  readonly distributions: readonly DistributionView[];
  readonly validation: { readonly status: string; readonly violations: number; readonly warnings: number; readonly infos: number };
  readonly quality?: { readonly score: string; readonly band?: string };
  readonly provenance: ReadonlyArray<{ readonly name: string; readonly value: string; readonly link?: boolean }>;
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

export function datasetView(quads: readonly Quad[], options: { readonly dataset: string; readonly terms: TermIndex }): DatasetView {
  const g = new Graph(quads);
  const ds = options.dataset;
  const LABEL_PROPS = [`${NS.skos}prefLabel`, `${NS.foaf}name`, `${NS.rdfs}label`, `${NS.dct}title`];
  const label = (t: Term): Labelled => ({
    iri: t.value,
    label: options.terms.label(t.value) ?? preferred(LABEL_PROPS.flatMap((p) => g.all(t.value, p)))
      ?? (t.termType === 'Literal' ? t.value : decodeURIComponent(t.value.slice(Math.max(t.value.lastIndexOf('#'), t.value.lastIndexOf('/')) + 1))),
  });
  const D = `${NS.dcat}distribution`;
  const facets = FACETS.filter((f) => f.path[0] !== D).map((f) => ({
    name: f.name, values: f.path.reduce<Term[]>((nodes, p) => nodes.flatMap((n) => g.all(n.value, p)), [{ termType: 'NamedNode', value: ds } as Term]).map(label),
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
  const licences = [...g.all(ds, `${NS.dct}license`), ...distributions.flatMap((d) => (d.licence ? [{ termType: 'NamedNode', value: d.licence.iri } as Term] : []))]
    .map(label).filter((l, i, all) => all.findIndex((x) => x.iri === l.iri) === i);
  const record = g.subjectsWith(`${NS.foaf}primaryTopic`, ds)[0];
  const severities = quads.filter((q) => q.predicate.value === `${NS.sh}resultSeverity`).map((q) => q.object.value);
  const count = (s: string) => severities.filter((v) => v === `${NS.sh}${s}`).length;
  const measurement = g.subjectsWith(`${NS.dqv}isMeasurementOf`, `${NS.sheaf}mqaScore`).find((m) => g.one(m, `${NS.dqv}computedOn`)?.value === ds);
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
    facets, numbers, licences, distributions, provenance,
    validation: {
      status: (record && g.one(record, `${NS.sheaf}validationStatus`)?.value) ?? 'unknown',
      violations: count('Violation'), warnings: count('Warning'), infos: count('Info'),
    },
    ...(measurement && g.one(measurement, `${NS.dqv}value`) && {
      quality: { score: g.one(measurement, `${NS.dqv}value`)!.value, ...(g.one(measurement, `${NS.sheaf}band`) && { band: g.one(measurement, `${NS.sheaf}band`)!.value }) },
    }),
  };
}
