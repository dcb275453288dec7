// The per-record report graph: SHACL terms, no blank nodes, violations and warnings listed, infos counted, capped.
import { describe, expect, it } from 'vitest';
import { MAX_REPORT_RESULTS, reportQuads } from '../../src/catalogue/report-quads.js';
import type { ResultRow, ValidationSummary } from '../../src/validate/summarise-report.js';

const SH = 'http://www.w3.org/ns/shacl#';
const row = (severity: ResultRow['severity'], path = '<http://purl.org/dc/terms/title>'): ResultRow => ({
  severity, focusNode: 'https://x.org/ds', path, message: `${severity} message`, sourceShape: 'https://shapes.example/DatasetShape',
  sourceConstraintComponent: `${SH}MinCountConstraintComponent`,
});
const summary = (results: ResultRow[]): ValidationSummary => ({
  conforms: results.length === 0,
  status: results.some((r) => r.severity === 'Violation') ? 'non-conformant' : 'with-warnings',
  counts: { violations: results.filter((r) => r.severity === 'Violation').length, warnings: results.filter((r) => r.severity === 'Warning').length, infos: results.filter((r) => r.severity === 'Info').length },
  results,
});
const G = 'https://sheaf.test/graph/report/f/k';

describe('reportQuads', () => {
  it('writes a blank-node-free sh:ValidationReport with a result per violation or warning', () => {
    const quads = reportQuads(G, summary([row('Violation'), row('Warning', '^<http://x.org/p>'), row('Info')]));
    expect(quads.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    const results = quads.filter((q) => q.predicate.value === `${SH}result`);
    expect(results).toHaveLength(2);
    expect(quads).toContainEqual(expect.objectContaining({ predicate: expect.objectContaining({ value: `${SH}resultPath` }), object: expect.objectContaining({ value: 'http://purl.org/dc/terms/title' }) }));
    expect(quads.find((q) => q.predicate.value.endsWith('resultPathText'))!.object.value).toBe('^<http://x.org/p>');
    expect(quads.find((q) => q.predicate.value.endsWith('#infos'))!.object.value).toBe('1');
    expect(quads.find((q) => q.predicate.value === `${SH}conforms`)!.object.value).toBe('false');
  });

  it('caps the listed results and says so, keeping the totals', () => {
    const quads = reportQuads(G, summary(Array.from({ length: MAX_REPORT_RESULTS + 5 }, () => row('Warning'))));
    expect(quads.filter((q) => q.predicate.value === `${SH}result`)).toHaveLength(MAX_REPORT_RESULTS);
    expect(quads.find((q) => q.predicate.value.endsWith('resultsTruncatedAt'))!.object.value).toBe(String(MAX_REPORT_RESULTS));
    expect(quads.find((q) => q.predicate.value.endsWith('#warnings'))!.object.value).toBe(String(MAX_REPORT_RESULTS + 5));
  });
});
