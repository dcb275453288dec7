// **logOnlyGraphs** names the graphs the embedded store keeps out of its SPARQL index: reports and quality, unless SHEAF_INDEX_REPORTS.
import type { SheafConfig } from '../core/config.js';
import { RecordIris } from './record-iris.js';

/**
 * A harvested dataset is ≈ 53 quads of record and catalogue record, ≈ 40 of validation report and ≈ 150 of DQV
 * quality measurements. The wasm index holds ≈ 14 M quads at ≈ 350 bytes each, so with reports and quality in it
 * a catalogue tops out near 60 k datasets and 100 k need ≈ 8 GB; without them, ≈ 250 k fit in ≈ 2 GB. They are
 * read by name (dataset pages, feed reports, export), which the log answers; SPARQL users still see each record's
 * validation status on its catalogue record.
 */
export function logOnlyGraphs(config: Pick<SheafConfig, 'baseUrl' | 'indexReports'>): string[] {
  return config.indexReports ? [] : new RecordIris(config.baseUrl).derivedGraphPrefixes();
}
