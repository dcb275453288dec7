// **scoreQuality** scores one record with the MQA scheme: points per metric and dimension, a total and a band.
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { MQA_METRICS, type Dimension, type RecordView } from './mqa-metrics.js';

export type QualityBand = 'Excellent' | 'Good' | 'Sufficient' | 'Bad';

/**
 * How a distribution-level metric becomes dataset points: `any` distribution meeting it earns the full weight,
 * `all` must, or `share` earns the weight times the fraction that do. A dataset without distributions earns nothing.
 */
export type RollUp = 'any' | 'all' | 'share';

export interface ScoreQualityOptions {
  readonly rollUp?: RollUp;
  /** Whether the record passed its profile without violations (feeds dcatApCompliance). */
  readonly compliant?: boolean;
  /** Latest link-check status per URL; unchecked links earn no accessibility points. */
  readonly linkStatus?: ReadonlyMap<string, number>;
}

export interface MetricScore {
  readonly metric: string;
  readonly dimension: Dimension;
  readonly points: number;
  readonly max: number;
}

export interface QualityScore {
  readonly dataset: string;
  readonly total: number;
  readonly max: 405;
  readonly band: QualityBand;
  readonly dimensions: Readonly<Record<Dimension, { points: number; max: number }>>;
  readonly metrics: readonly MetricScore[];
}

/** MQA bands: Excellent 351–405, Good 221–350, Sufficient 121–220, Bad 0–120. */
export function qualityBand(points: number): QualityBand {
  return points >= 351 ? 'Excellent' : points >= 221 ? 'Good' : points >= 121 ? 'Sufficient' : 'Bad';
}

const key = (t: Term) => `${t.termType}:${t.value}`;

/** Scores the first dcat:Dataset in `quads`; throws when there is none. */
export function scoreQuality(quads: Iterable<Quad>, opts: ScoreQualityOptions = {}): QualityScore {
  const index = new Map<string, Term[]>();
  let dataset: Term | undefined;
  for (const q of quads) {
    const k = `${key(q.subject)} ${q.predicate.value}`;
    const list = index.get(k);
    if (list) list.push(q.object);
    else index.set(k, [q.object]);
    if (!dataset && q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.dcat}Dataset`) dataset = q.subject;
  }
  if (!dataset) throw new Error('no dcat:Dataset in the record');
  const view: RecordView = {
    values: (s, p) => index.get(`${key(s)} ${p}`) ?? [],
    linkStatus: (url) => opts.linkStatus?.get(url),
    compliant: opts.compliant,
  };
  const distributions = view.values(dataset, `${NS.dcat}distribution`);
  const rollUp = opts.rollUp ?? 'any';
  const metrics = MQA_METRICS.map((m): MetricScore => {
    let fraction: number;
    if (m.level === 'dataset') fraction = m.test(view, dataset!) ? 1 : 0;
    else {
      const met = distributions.filter((d) => m.test(view, d)).length;
      const n = distributions.length;
      fraction = n === 0 ? 0 : rollUp === 'any' ? (met > 0 ? 1 : 0) : rollUp === 'all' ? (met === n ? 1 : 0) : met / n;
    }
    return { metric: m.id, dimension: m.dimension, points: Math.round(m.weight * fraction * 100) / 100, max: m.weight };
  });
  const dimensions = {} as Record<Dimension, { points: number; max: number }>;
  for (const m of metrics) {
    const d = (dimensions[m.dimension] ??= { points: 0, max: 0 });
    d.points += m.points;
    d.max += m.max;
  }
  const total = Math.round(metrics.reduce((sum, m) => sum + m.points, 0) * 100) / 100;
  return { dataset: dataset.value, total, max: 405, band: qualityBand(total), dimensions, metrics };
}
