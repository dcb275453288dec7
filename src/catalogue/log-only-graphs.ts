// **logOnlyGraphs** names the graphs the embedded store keeps out of its SPARQL index: the ontology version archive, and reports and quality unless SHEAF_INDEX_REPORTS.
import type { SheafConfig } from '../core/config.js';
import { RecordIris } from './record-iris.js';

/**
 * A record's validation report and DQV quality measurements are several times the size of the record itself, and
 * the wasm index has a hard memory ceiling: kept out of it, a catalogue several times larger fits (README, "Storage
 * and how large it goes", holds the measured sizes). They are read by name (dataset pages, feed reports, export),
 * which the log answers; SPARQL users still see each record's validation status on its catalogue record.
 *
 * Every ontology version a curator ever loaded (`{base}/graph/ontology/{id}`) is read by name too. In the index, the
 * default graph would hold every version's hierarchy and labels at once; SPARQL sees the current ones instead, in
 * `{base}/graph/current-ontology/…` with their closure (src/ontology/ontology-graphs.ts).
 */
export function logOnlyGraphs(config: Pick<SheafConfig, 'baseUrl' | 'indexReports'>): string[] {
  const archive = `${config.baseUrl.replace(/\/+$/, '')}/graph/ontology/`;
  return config.indexReports ? [archive] : [archive, ...new RecordIris(config.baseUrl).derivedGraphPrefixes()];
}
