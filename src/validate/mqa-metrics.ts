// **MQA_METRICS** is the data.europa.eu Metadata Quality Assessment scheme as data: 23 metrics, 405 points.
//
// Metric IRIs are piveau's (https://piveau.eu/ns/voc#), as the portal publishes them in DQV; weights and dimension
// maxima follow the MQA methodology (findability 100, accessibility 100, interoperability 110, reusability 75,
// contextuality 20). Each test reads one record: the dataset node and its distributions.
import type { Term } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

export const PV = 'https://piveau.eu/ns/voc#';

export type Dimension = 'findability' | 'accessibility' | 'interoperability' | 'reusability' | 'contextuality';

/** What a metric test can see: property lookups on the record and outside facts (link checks, SHACL verdict). */
export interface RecordView {
  values(subject: Term, predicate: string): readonly Term[];
  /** HTTP status of the last link check of a URL, when one was made (link checks run apart from harvest). */
  linkStatus(url: string): number | undefined;
  /** Whether the record passed its profile without violations; undefined when it was not validated. */
  readonly compliant: boolean | undefined;
}

export interface MqaMetric {
  readonly id: string;
  readonly dimension: Dimension;
  readonly weight: number;
  /** Distribution-level metrics are rolled up over the dataset's distributions (see ScoreQualityOptions). */
  readonly level: 'dataset' | 'distribution';
  readonly test: (view: RecordView, node: Term) => boolean;
}

const has = (p: string) => (v: RecordView, n: Term) => v.values(n, p).length > 0;
const D = NS.dcat;
const T = NS.dct;

// EU file-type codes (Publications Office authority table) that are machine-readable or non-proprietary: sheaf's
// own classification of well-known open formats, kept short on purpose.
const MACHINE_READABLE = new Set(['CSV', 'TSV', 'JSON', 'JSON_LD', 'XML', 'RDF', 'RDF_XML', 'RDF_TURTLE', 'N_TRIPLES', 'N_QUADS',
  'TRIG', 'GEOJSON', 'XLSX', 'XLS', 'ODS', 'NETCDF', 'HDF', 'PARQUET', 'SPARQLQ', 'DCM', 'NIFTI', 'GML', 'KML', 'YAML']);
const NON_PROPRIETARY = new Set(['CSV', 'TSV', 'JSON', 'JSON_LD', 'XML', 'RDF', 'RDF_XML', 'RDF_TURTLE', 'N_TRIPLES', 'N_QUADS',
  'TRIG', 'GEOJSON', 'ODS', 'NETCDF', 'HDF', 'PARQUET', 'HTML', 'TXT', 'PDF', 'PNG', 'GML', 'KML', 'YAML', 'DCM', 'NIFTI', 'ZIP']);
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const IANA = /^https?:\/\/www\.iana\.org\/assignments\/media-types\//;
const LICENCE_TABLES = [/^http:\/\/publications\.europa\.eu\/resource\/authority\/licen[cs]e\//, /^https?:\/\/creativecommons\.org\/(licenses|publicdomain)\//, /^https?:\/\/spdx\.org\/licenses\//, /^https?:\/\/opensource\.org\/licenses\//];
const ACCESS_RIGHT = 'http://publications.europa.eu/resource/authority/access-right/';

function formatCodes(v: RecordView, n: Term): string[] {
  return v.values(n, `${T}format`).filter((f) => f.value.startsWith(FILE_TYPE)).map((f) => f.value.slice(FILE_TYPE.length));
}
const linkOk = (p: string) => (v: RecordView, n: Term) => v.values(n, p).some((u) => {
  const status = v.linkStatus(u.value);
  return status !== undefined && status >= 200 && status < 400;
});

export const MQA_METRICS: readonly MqaMetric[] = [
  { id: 'keywordAvailability', dimension: 'findability', weight: 30, level: 'dataset', test: has(`${D}keyword`) },
  { id: 'categoryAvailability', dimension: 'findability', weight: 30, level: 'dataset', test: has(`${D}theme`) },
  { id: 'spatialAvailability', dimension: 'findability', weight: 20, level: 'dataset', test: has(`${T}spatial`) },
  { id: 'temporalAvailability', dimension: 'findability', weight: 20, level: 'dataset', test: has(`${T}temporal`) },
  { id: 'accessUrlStatusCode', dimension: 'accessibility', weight: 50, level: 'distribution', test: linkOk(`${D}accessURL`) },
  { id: 'downloadUrlAvailability', dimension: 'accessibility', weight: 20, level: 'distribution', test: has(`${D}downloadURL`) },
  { id: 'downloadUrlStatusCode', dimension: 'accessibility', weight: 30, level: 'distribution', test: linkOk(`${D}downloadURL`) },
  { id: 'formatAvailability', dimension: 'interoperability', weight: 20, level: 'distribution', test: has(`${T}format`) },
  { id: 'mediaTypeAvailability', dimension: 'interoperability', weight: 10, level: 'distribution', test: has(`${D}mediaType`) },
  {
    id: 'formatMediaTypeVocabularyAlignment', dimension: 'interoperability', weight: 10, level: 'distribution',
    test: (v, n) => formatCodes(v, n).length > 0 || v.values(n, `${D}mediaType`).some((m) => IANA.test(m.value)),
  },
  { id: 'formatMediaTypeNonProprietary', dimension: 'interoperability', weight: 20, level: 'distribution', test: (v, n) => formatCodes(v, n).some((c) => NON_PROPRIETARY.has(c)) },
  { id: 'formatMediaTypeMachineInterpretable', dimension: 'interoperability', weight: 20, level: 'distribution', test: (v, n) => formatCodes(v, n).some((c) => MACHINE_READABLE.has(c)) },
  { id: 'dcatApCompliance', dimension: 'interoperability', weight: 30, level: 'dataset', test: (v) => v.compliant === true },
  { id: 'licenceAvailability', dimension: 'reusability', weight: 20, level: 'distribution', test: has(`${T}license`) },
  { id: 'knownLicence', dimension: 'reusability', weight: 10, level: 'distribution', test: (v, n) => v.values(n, `${T}license`).some((l) => LICENCE_TABLES.some((r) => r.test(l.value))) },
  { id: 'accessRightsAvailability', dimension: 'reusability', weight: 10, level: 'dataset', test: has(`${T}accessRights`) },
  { id: 'accessRightsVocabularyAlignment', dimension: 'reusability', weight: 5, level: 'dataset', test: (v, n) => v.values(n, `${T}accessRights`).some((a) => a.value.startsWith(ACCESS_RIGHT)) },
  { id: 'contactPointAvailability', dimension: 'reusability', weight: 20, level: 'dataset', test: has(`${D}contactPoint`) },
  { id: 'publisherAvailability', dimension: 'reusability', weight: 10, level: 'dataset', test: has(`${T}publisher`) },
  { id: 'rightsAvailability', dimension: 'contextuality', weight: 5, level: 'distribution', test: has(`${T}rights`) },
  { id: 'byteSizeAvailability', dimension: 'contextuality', weight: 5, level: 'distribution', test: has(`${D}byteSize`) },
  { id: 'dateIssuedAvailability', dimension: 'contextuality', weight: 5, level: 'distribution', test: has(`${T}issued`) },
  { id: 'dateModifiedAvailability', dimension: 'contextuality', weight: 5, level: 'distribution', test: has(`${T}modified`) },
];
