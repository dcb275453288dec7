// The bundled profiles, ontology and vocabularies judge our EUCAIM fixtures as test/fixtures/records/manifest.json says.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import type { ProfileRegistry } from '../../src/validate/profile-registry.js';
import { loadBundledContext, normalise, type NormaliseContext } from '../../src/normalise/index.js';
import { loadRecord, RECORDS_DIR } from '../normalise/load-record.js';

interface Case {
  file: string;
  profile: string;
  expect: 'conformant' | 'with-warnings' | 'non-conformant';
  violation?: { path: string; value: string; messageIncludes: string };
}
const { cases } = JSON.parse(readFileSync(new URL('manifest.json', RECORDS_DIR), 'utf8')) as { cases: Case[] };

let registry: ProfileRegistry;
let context: NormaliseContext;
beforeAll(async () => {
  [registry, context] = await Promise.all([loadProfiles(), loadBundledContext()]);
}, 120_000);

describe('bundled profiles on the record fixtures', () => {
  it.each(cases.map((c) => [`${c.file} under ${c.profile}`, c] as const))('%s', async (_name, c) => {
    const validator = await registry.validator(c.profile);
    const { dataset } = normalise(loadRecord(c.file), context);
    const outcome = await validator.validate(dataset);
    const violations = outcome.results.filter((r) => r.severity === 'Violation');
    expect(outcome.status, JSON.stringify(violations, null, 1)).toBe(c.expect);
    if (c.violation) {
      // Exactly one result per fault: the profiles do not repeat what dcat-ap-3.ttl already checks.
      expect(violations).toHaveLength(1);
      expect(violations[0]!.path).toBe(`<${c.violation.path}>`);
      expect(violations[0]!.value).toBe(c.violation.value);
      expect(violations[0]!.message).toContain(c.violation.messageIncludes);
    }
  });

  it('reports the alias-IRI record as non-conformant when it is not normalised first', async () => {
    const outcome = await (await registry.validator('eucaim')).validate(loadRecord('eucaim-alias-iris.ttl'));
    const paths = new Set(outcome.results.filter((r) => r.severity === 'Violation').map((r) => r.path));
    expect(paths).toContain('<https://cancerimage.eu/ontology/EUCAIM#interoperabilityLevel>');
    expect(paths).toContain('<http://healthdataportal.eu/ns/health#healthCategory>');
  });

  it.each([
    ['http://purl.org/dc/terms/title', 'Violation', 'Dataset has no dct:title: it is mandatory in DCAT-AP 3.'],
    ['http://www.w3.org/ns/dcat#keyword', 'Violation', 'EUCAIM dataset has no dcat:keyword: it is mandatory in EUCAIM DCAT-AP v2.'],
    ['http://healthdataportal.eu/ns/health#minTypicalAge', 'Warning', 'EUCAIM dataset has no healthdcatap:minTypicalAge: it is recommended in EUCAIM DCAT-AP v2.'],
    ['http://www.w3.org/ns/dcat#landingPage', 'Info', 'Dataset has no dcat:landingPage: it is optional in DCAT-AP 3.'],
  ])('reports a dataset without <%s> as %s', async (property, severity, message) => {
    const record = loadRecord('eucaim-conformant.ttl');
    for (const q of record.getQuads('https://records.example.org/lung/nsclc-ct-pet', property, null, null)) record.removeQuad(q);
    const outcome = await (await registry.validator('eucaim')).validate(normalise(record, context).dataset);
    const hits = outcome.results.filter((r) => r.message === message);
    expect(hits.map((r) => r.severity)).toEqual([severity]);
  });
});
