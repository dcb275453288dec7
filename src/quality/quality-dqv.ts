// **qualityDqvQuads** states a record's quality score as DQV measurements: total, per dimension and per metric.
import type { NamedNode, Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { QualityScore } from './score-record.js';

const { namedNode: n, literal, quad } = DataFactory;

/** The metric IRIs sheaf measures; `sheaf:mqaScore` is the total the dataset page shows. */
export const MQA_TOTAL = `${NS.sheaf}mqaScore`;
export const mqaDimension = (d: string): string => `${NS.sheaf}mqa-${d}`;
export const mqaMetric = (id: string): string => `${NS.sheaf}mqa-metric-${id}`;

// Terms every graph repeats, made once: a record's graph holds ≈ 30 measurements.
const TYPE = n(`${NS.rdf}type`);
const MEASUREMENT = n(`${NS.dqv}QualityMeasurement`);
const QUALITY_METADATA = n(`${NS.dqv}QualityMetadata`);
const COMPUTED_ON = n(`${NS.dqv}computedOn`);
const MEASUREMENT_OF = n(`${NS.dqv}isMeasurementOf`);
const VALUE = n(`${NS.dqv}value`);
const GENERATED_AT = n(`${NS.prov}generatedAtTime`);
const BAND = n(`${NS.sheaf}band`);
const PENDING = n(`${NS.sheaf}pending`);
const DECIMAL = n(`${NS.xsd}decimal`);
const DATE_TIME = n(`${NS.xsd}dateTime`);
const TRUE = literal('true', n(`${NS.xsd}boolean`));
const TOTAL = n(MQA_TOTAL);
const metricTerms = new Map<string, NamedNode>();
const metricTerm = (iri: string): NamedNode => {
  let term = metricTerms.get(iri);
  if (term === undefined) metricTerms.set(iri, (term = n(iri)));
  return term;
};

/**
 * The graph `base` is a `dqv:QualityMetadata` (DQV's container for a set of measurements) stamped once with
 * `prov:generatedAtTime`: every measurement in it was computed at that moment, so it is not repeated on each.
 */
export function qualityDqvQuads(score: QualityScore, options: { readonly dataset: string; readonly base: string; readonly at: string }): Quad[] {
  const dataset = n(options.dataset);
  const graph = n(options.base);
  const out: Quad[] = [quad(graph, TYPE, QUALITY_METADATA), quad(graph, GENERATED_AT, literal(options.at, DATE_TIME))];
  const measure = (id: string, metric: NamedNode, value: number): NamedNode => {
    const m = n(`${options.base}#${id}`);
    out.push(
      quad(m, TYPE, MEASUREMENT),
      quad(m, COMPUTED_ON, dataset),
      quad(m, MEASUREMENT_OF, metric),
      quad(m, VALUE, literal(String(value), DECIMAL)),
    );
    return m;
  };
  out.push(quad(measure('total', TOTAL, score.points), BAND, literal(score.band)));
  for (const [d, v] of Object.entries(score.dimensions)) measure(`dimension-${d}`, metricTerm(mqaDimension(d)), v.points);
  for (const m of score.metrics) {
    const node = measure(`metric-${m.id}`, metricTerm(mqaMetric(m.id)), m.points);
    if (m.pending) out.push(quad(node, PENDING, TRUE));
  }
  return out;
}
