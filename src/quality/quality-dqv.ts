// **qualityDqvText** states a record's quality score as DQV measurements: total, per dimension and per metric.
import { termToNt } from '../core/nquads.js';
import { NS } from '../core/namespaces.js';
import type { QualityScore } from './score-record.js';

/** The metric IRIs sheaf measures; `sheaf:mqaScore` is the total the dataset page shows. */
export const MQA_TOTAL = `${NS.sheaf}mqaScore`;
export const mqaDimension = (d: string): string => `${NS.sheaf}mqa-${d}`;
export const mqaMetric = (id: string): string => `${NS.sheaf}mqa-metric-${id}`;

const TYPE = `<${NS.rdf}type>`;
const MEASUREMENT = `<${NS.dqv}QualityMeasurement>`;
const QUALITY_METADATA = `<${NS.dqv}QualityMetadata>`;
const COMPUTED_ON = `<${NS.dqv}computedOn>`;
const MEASUREMENT_OF = `<${NS.dqv}isMeasurementOf>`;
const VALUE = `<${NS.dqv}value>`;
const GENERATED_AT = `<${NS.prov}generatedAtTime>`;
const BAND = `<${NS.sheaf}band>`;
const PENDING = `<${NS.sheaf}pending> "true"^^<${NS.xsd}boolean>`;
const DECIMAL = `^^<${NS.xsd}decimal>`;
const DATE_TIME = `^^<${NS.xsd}dateTime>`;
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

/**
 * The graph `base` as N-Triples. It is a `dqv:QualityMetadata` (DQV's container for a set of measurements) stamped once
 * with `prov:generatedAtTime`: every measurement in it was computed at that moment, so it is not repeated on each.
 * Measurements are blank nodes: nothing refers to one from outside its graph, and a measurement IRI built on the graph
 * IRI (~100 characters) on each of its ~120 lines made the graph ~22 kB a record, written to the log at every harvest
 * and revalidation of the record (~13 kB with blank nodes).
 * Written as text, not as RDF/JS terms: every harvested or revalidated record gets one of these ~120-triple graphs, and
 * building and serialising the terms cost ~150 µs a record against ~7 µs for the text. Only the two IRIs are inputs
 * (checked by termToNt); the rest are sheaf's own IRIs, numbers, an ISO instant and a band name.
 */
export function qualityDqvText(score: QualityScore, options: { readonly dataset: string; readonly base: string; readonly at: string }): string {
  const graph = termToNt({ termType: 'NamedNode', value: options.base } as Parameters<typeof termToNt>[0]);
  const dataset = termToNt({ termType: 'NamedNode', value: options.dataset } as Parameters<typeof termToNt>[0]);
  if (!ISO_INSTANT.test(options.at)) throw new Error(`qualityDqvText: not an ISO instant: ${options.at}`);
  let out = `${graph} ${TYPE} ${QUALITY_METADATA} .\n${graph} ${GENERATED_AT} "${options.at}"${DATE_TIME} .\n`;
  const measure = (id: string, metric: string, value: number): string => {
    const m = `_:${id}`;
    out += `${m} ${TYPE} ${MEASUREMENT} .\n${m} ${COMPUTED_ON} ${dataset} .\n${m} ${MEASUREMENT_OF} <${metric}> .\n${m} ${VALUE} "${value}"${DECIMAL} .\n`;
    return m;
  };
  const total = measure('total', MQA_TOTAL, score.points);
  out += `${total} ${BAND} "${score.band}" .\n`;
  for (const [d, v] of Object.entries(score.dimensions)) measure(`dimension-${d}`, mqaDimension(d), v.points);
  for (const m of score.metrics) {
    const measured = measure(`metric-${m.id}`, mqaMetric(m.id), m.points);
    if (m.pending) out += `${measured} ${PENDING} .\n`;
  }
  return out;
}
