// The bundled profiles, composed and compiled once: the EUCAIM done-when records fail or pass with named roots.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { type ProfileRegistry, readRdfFile } from '../../src/validate/profile-registry.js';
import type { ResultRow } from '../../src/validate/summarise-report.js';

const RECORDS = join(import.meta.dirname, '../fixtures/records');
const registry = await loadProfiles();

async function check(profile: string, file: string) {
  return (await registry.validator(profile)).validate(await readRdfFile(join(RECORDS, file)));
}
const violations = (results: readonly ResultRow[]) => results.filter((r) => r.severity === 'Violation');

describe('ProfileRegistry', () => {
  it('lists the manifest profiles and its default', () => {
    expect(registry.names()).toEqual(expect.arrayContaining(['dcat-ap', 'healthdcat-ap', 'eucaim']));
    expect(registry.names()).toContain(registry.defaultProfile);
    expect(() => registry.get('nope')).toThrow(/known profiles/);
  });

  it.each(['dcat-ap', 'healthdcat-ap', 'eucaim'])('composes %s into a well-formed shapes graph', async (name) => {
    const shapes = await registry.composeShapes(registry.get(name));
    expect(shapes.length).toBeGreaterThan(100);
  });

  it('composes a profile once per ontology version (a validator pool asks for the shapes the activation compiled)', async () => {
    const own = await loadProfiles();
    const bundled = await own.composeShapes(own.get('eucaim'));
    expect(await own.composeShapes(own.get('eucaim'))).toBe(bundled);
    const file = own.get('eucaim').ontologies.find((f) => f.includes('hyperontology'))!;
    const ontology = { version: 'urn:test:composed-once', quads: await readRdfFile(file) };
    const loaded = await own.composeShapes(own.get('eucaim'), { ontology });
    expect(loaded).not.toBe(bundled);
    expect(await own.composeShapes(own.get('eucaim'), { ontology })).toBe(loaded);
  });

  it('compiles one validator per profile and ontology version and reuses it', async () => {
    const a = await registry.validator('eucaim');
    const b = await (await loadProfiles()).validator('eucaim');
    expect(b).toBe(a);
  });

  it('fails a body-part code given as imaging modality, naming the modality root', async () => {
    const report = await check('eucaim', 'eucaim-bodypart-as-modality.ttl');
    expect(report.status).toBe('non-conformant');
    const [v] = violations(report.results);
    expect(v!.path).toBe('<https://cancerimage.eu/ontology/EUCAIM#hasImageModality>');
    expect(v!.message).toContain('"Imaging modality" (<https://cancerimage.eu/ontology/EUCAIM#IMG1000009>)');
  });

  it('fails a condition outside the malignant-neoplasm subtree, naming CLIN1007977', async () => {
    const report = await check('eucaim', 'eucaim-condition-outside-subtree.ttl');
    const [v] = violations(report.results);
    expect(v!.path).toBe('<https://cancerimage.eu/ontology/EUCAIM#hasCondition>');
    expect(v!.message).toContain('<https://cancerimage.eu/ontology/EUCAIM#CLIN1007977>');
  });

  it('passes a narrower condition (a subclass, not the root itself)', async () => {
    const report = await check('eucaim', 'eucaim-narrower-condition.ttl');
    expect(violations(report.results)).toEqual([]);
    expect(report.status).not.toBe('non-conformant');
  });

  it('fails an access right outside the EU table, naming the scheme', async () => {
    for (const profile of ['dcat-ap', 'eucaim']) {
      const report = await check(profile, 'eucaim-access-right-outside-table.ttl');
      const v = violations(report.results).find((r) => r.path === '<http://purl.org/dc/terms/accessRights>');
      expect(v?.message).toContain('<http://publications.europa.eu/resource/authority/access-right>');
    }
  });

  it('passes the spec-conformant record of the fixtures', async () => {
    const report = await check('eucaim', 'eucaim-conformant.ttl');
    expect(violations(report.results)).toEqual([]);
  });
});
