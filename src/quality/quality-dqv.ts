// **qualityDqvQuads** states a record's quality score as DQV measurements: total, per dimension and per metric.
import type { Quad } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { NS } from '../core/namespaces.js';
import type { QualityScore } from './score-record.js';

const { namedNode: n, literal, quad } = DataFactory;

/** The metric IRIs sheaf measures; `sheaf:mqaScore` is the total the dataset page shows. */
export const MQA_TOTAL = `${NS.sheaf}mqaScore`;
export const mqaDimension = (d: string): string => `${NS.sheaf}mqa-${d}`;
export const mqaMetric = (id: string): string => `${NS.sheaf}mqa-metric-${id}`;

export function qualityDqvQuads(score: QualityScore, options: { readonly dataset: string; readonly base: string; readonly at: string }): Quad[] {
  const out: Quad[] = [];
  const measure = (id: string, metric: string, value: number, extra: Quad[] = []) => {
    const m = n(`${options.base}#${id}`);
    out.push(
      quad(m, n(`${NS.rdf}type`), n(`${NS.dqv}QualityMeasurement`)),
      quad(m, n(`${NS.dqv}computedOn`), n(options.dataset)),
      quad(m, n(`${NS.dqv}isMeasurementOf`), n(metric)),
      quad(m, n(`${NS.dqv}value`), literal(String(value), n(`${NS.xsd}decimal`))),
      quad(m, n(`${NS.prov}generatedAtTime`), literal(options.at, n(`${NS.xsd}dateTime`))),
      ...extra.map((q) => quad(m, q.predicate, q.object)),
    );
  };
  measure('total', MQA_TOTAL, score.points, [quad(n('urn:x'), n(`${NS.sheaf}band`), literal(score.band))]);
  for (const [d, v] of Object.entries(score.dimensions)) measure(`dimension-${d}`, mqaDimension(d), v.points);
  for (const m of score.metrics) {
    measure(`metric-${m.id}`, mqaMetric(m.id), m.points, m.pending ? [quad(n('urn:x'), n(`${NS.sheaf}pending`), literal('true', n(`${NS.xsd}boolean`)))] : []);
  }
  return out;
}
