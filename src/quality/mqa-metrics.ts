// **MQA_METRICS** is the data.europa.eu Metadata Quality Assessment scheme: 405 points over five dimensions.
import { NS } from '../core/namespaces.js';
import { formatFact, isFileTypeIri } from './format-facts.js';
import type { RecordFacts } from './record-facts.js';

export type Dimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality';

/**
 * How a distribution-level metric becomes the dataset's: `any` distribution satisfies it (all points),
 * `all` must, or the `share` that do earns that share of the points (data.europa.eu's reading).
 */
export type RollUp = 'any' | 'all' | 'share';

export interface Metric {
  readonly id: string;
  readonly dimension: Dimension;
  readonly points: number;
  /** Dataset-level metrics answer once; distribution-level ones answer per distribution and roll up. */
  readonly level: 'dataset' | 'distribution';
  /** A dataset-level metric that reads nothing but the record's validation status: rescored alone when only the status changes. */
  readonly statusOnly?: true;
  /** true / false, or undefined when it cannot be known yet (a link not checked yet). */
  readonly test: (facts: RecordFacts, distribution?: string) => boolean | undefined;
}

const EU_LICENCE = 'http://publications.europa.eu/resource/authority/licence/';
const SPDX = 'http://spdx.org/licenses/';
const ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';
const MEDIA_TYPE = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//;

const has = (f: RecordFacts, p: string, s?: string) => f.values(s ?? f.dataset, p).length > 0;
const linkOk = (f: RecordFacts, d: string | undefined, p: string): boolean | undefined => {
  const urls = f.values(d!, p);
  if (urls.length === 0) return false;
  const results = urls.map((u) => f.linkStatus(u));
  if (results.some((r) => r === true)) return true;
  return results.some((r) => r === undefined) ? undefined : false;
};

export const MQA_METRICS: readonly Metric[] = Object.freeze([
  { id: 'keyword', dimension: 'findability', points: 30, level: 'dataset', test: (f) => has(f, `${NS.dcat}keyword`) },
  { id: 'theme', dimension: 'findability', points: 30, level: 'dataset', test: (f) => has(f, `${NS.dcat}theme`) },
  { id: 'spatial', dimension: 'findability', points: 20, level: 'dataset', test: (f) => has(f, `${NS.dct}spatial`) },
  { id: 'temporal', dimension: 'findability', points: 20, level: 'dataset', test: (f) => has(f, `${NS.dct}temporal`) },
  { id: 'accessUrlStatus', dimension: 'accessibility', points: 50, level: 'distribution', test: (f, d) => linkOk(f, d, `${NS.dcat}accessURL`) },
  { id: 'downloadUrl', dimension: 'accessibility', points: 20, level: 'distribution', test: (f, d) => has(f, `${NS.dcat}downloadURL`, d) },
  { id: 'downloadUrlStatus', dimension: 'accessibility', points: 30, level: 'distribution', test: (f, d) => (has(f, `${NS.dcat}downloadURL`, d) ? linkOk(f, d, `${NS.dcat}downloadURL`) : false) },
  { id: 'format', dimension: 'interoperability', points: 20, level: 'distribution', test: (f, d) => has(f, `${NS.dct}format`, d) },
  { id: 'mediaType', dimension: 'interoperability', points: 10, level: 'distribution', test: (f, d) => has(f, `${NS.dcat}mediaType`, d) },
  {
    id: 'formatMediaTypeFromVocabulary', dimension: 'interoperability', points: 10, level: 'distribution',
    test: (f, d) => f.values(d!, `${NS.dct}format`).some(isFileTypeIri) || f.values(d!, `${NS.dcat}mediaType`).some((m) => MEDIA_TYPE.test(m)),
  },
  { id: 'nonProprietary', dimension: 'interoperability', points: 20, level: 'distribution', test: (f, d) => f.values(d!, `${NS.dct}format`).some((v) => formatFact(v)?.nonProprietary === true) },
  { id: 'machineReadable', dimension: 'interoperability', points: 20, level: 'distribution', test: (f, d) => f.values(d!, `${NS.dct}format`).some((v) => formatFact(v)?.machineReadable === true) },
  { id: 'dcatApCompliance', dimension: 'interoperability', points: 30, level: 'dataset', statusOnly: true, test: (f) => f.validation !== 'non-conformant' },
  { id: 'licence', dimension: 'reusability', points: 20, level: 'distribution', test: (f, d) => has(f, `${NS.dct}license`, d) || has(f, `${NS.dct}license`) },
  {
    id: 'licenceFromVocabulary', dimension: 'reusability', points: 10, level: 'distribution',
    test: (f, d) => [...f.values(d!, `${NS.dct}license`), ...f.values(f.dataset, `${NS.dct}license`)].some((l) => l.startsWith(EU_LICENCE) || l.startsWith(SPDX)),
  },
  { id: 'accessRights', dimension: 'reusability', points: 10, level: 'dataset', test: (f) => has(f, `${NS.dct}accessRights`) },
  { id: 'accessRightsFromVocabulary', dimension: 'reusability', points: 5, level: 'dataset', test: (f) => f.values(f.dataset, `${NS.dct}accessRights`).some((v) => v.startsWith(ACCESS_RIGHT)) },
  { id: 'contactPoint', dimension: 'reusability', points: 20, level: 'dataset', test: (f) => has(f, `${NS.dcat}contactPoint`) },
  { id: 'publisher', dimension: 'reusability', points: 10, level: 'dataset', test: (f) => has(f, `${NS.dct}publisher`) },
  { id: 'rights', dimension: 'contextuality', points: 5, level: 'distribution', test: (f, d) => has(f, `${NS.dct}rights`, d) },
  { id: 'byteSize', dimension: 'contextuality', points: 5, level: 'distribution', test: (f, d) => has(f, `${NS.dcat}byteSize`, d) },
  { id: 'issued', dimension: 'contextuality', points: 5, level: 'dataset', test: (f) => has(f, `${NS.dct}issued`) },
  { id: 'modified', dimension: 'contextuality', points: 5, level: 'dataset', test: (f) => has(f, `${NS.dct}modified`) },
]);

export const MQA_MAX = MQA_METRICS.reduce((n, m) => n + m.points, 0);

/** data.europa.eu's bands over the 405 points. */
export function mqaBand(points: number): 'Excellent' | 'Good' | 'Sufficient' | 'Bad' {
  if (points >= 351) return 'Excellent';
  if (points >= 221) return 'Good';
  if (points >= 121) return 'Sufficient';
  return 'Bad';
}
