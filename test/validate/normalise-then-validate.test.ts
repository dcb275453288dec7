// Harvested forms pass the EUCAIM profile once normalised: alias IRIs, DICOM/SNOMED codes, the published example.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from 'n3';
import { loadBundledContext, normalise } from '../../src/normalise/index.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { readRdfFile } from '../../src/validate/profile-registry.js';

const RECORDS = join(import.meta.dirname, '../fixtures/records');
const EXAMPLE = join(resolve(process.env.SHEAF_EXTERNAL ?? join(import.meta.dirname, '../../../shared/external')), 'eucaim/examples/eucaim-dataset-full.ttl');
const validator = await (await loadProfiles()).validator('eucaim');
const context = await loadBundledContext();

async function statusOf(file: string, normalised: boolean) {
  const quads = await readRdfFile(file);
  const data = normalised ? [...normalise(new Store(quads), context).dataset] : quads;
  return (await validator.validate(data)).counts.violations;
}

describe('normalise, then validate against the EUCAIM profile', () => {
  it.each(['eucaim-alias-iris.ttl', 'eucaim-dicom-snomed.ttl'])('%s fails as harvested and passes once normalised', async (name) => {
    expect(await statusOf(join(RECORDS, name), false)).toBeGreaterThan(0);
    expect(await statusOf(join(RECORDS, name), true)).toBe(0);
  });

  it('keeps a real violation after normalisation (a body part as modality)', async () => {
    expect(await statusOf(join(RECORDS, 'eucaim-bodypart-as-modality.ttl'), true)).toBe(1);
  });

  it.skipIf(!existsSync(EXAMPLE))(`passes the published EUCAIM example (needs ${EXAMPLE})`, async () => {
    expect(await statusOf(EXAMPLE, true)).toBe(0);
  });
});
