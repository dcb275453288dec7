// ValidatorPool: worker threads give the same summaries as the in-thread validator, per profile, focus nodes included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import type { ProfileRegistry } from '../../src/validate/profile-registry.js';
import { ValidatorPool } from '../../src/validate/validator-pool.js';

const RECORDS = join(import.meta.dirname, '../fixtures/records');
const FILES = ['eucaim-conformant.ttl', 'eucaim-bodypart-as-modality.ttl', 'eucaim-condition-outside-subtree.ttl', 'eucaim-access-right-outside-table.ttl'];
const read = (file: string) => parseRdf(readFileSync(join(RECORDS, file), 'utf8'), { format: 'turtle' });

let registry: ProfileRegistry;
let pool: ValidatorPool;
beforeAll(async () => {
  registry = await loadProfiles();
  pool = await ValidatorPool.start({ registry, size: 2 });
}, 120_000);
afterAll(() => pool?.close());

describe('ValidatorPool', () => {
  it.each(['eucaim', 'dcat-ap'])('answers as the in-thread validator does, records validated concurrently (%s)', async (profile) => {
    const records = await Promise.all(FILES.map(read));
    const local = await registry.validator(profile);
    const want = await Promise.all(records.map(async (r) => {
      const { reportQuads: _omit, ...summary } = await local.validate(r);
      return summary;
    }));
    // Several of each in flight at once, spread over both workers.
    const got = await Promise.all([...records, ...records].map((r) => pool.validate(profile, r)));
    expect(got).toEqual([...want, ...want]);
    expect(got.filter((s) => s.status === 'non-conformant')).toHaveLength(profile === 'eucaim' ? 6 : 2);
  }, 120_000);

  it('validates only the focus nodes it is given', async () => {
    const record = await read('eucaim-bodypart-as-modality.ttl');
    const dataset = record.find((q) => q.object.value === 'http://www.w3.org/ns/dcat#Dataset')!.subject;
    const agent = DataFactory.namedNode('https://nowhere.example.org/not-in-the-record');
    const onDataset = await pool.validatorFor('eucaim').validate(record, { focusNodes: [dataset] });
    expect(onDataset.status).toBe('non-conformant');
    expect(onDataset.results.every((r) => r.focusNode === dataset.value || r.focusNode.startsWith('_:'))).toBe(true);
    const elsewhere = await pool.validate('eucaim', record, { focusNodes: [agent] });
    expect(elsewhere.results.filter((r) => r.focusNode === dataset.value)).toEqual([]);
  }, 60_000);

  it('refuses an unknown profile', async () => {
    await expect(pool.validate('no-such-profile', [])).rejects.toThrow(/no-such-profile/);
    expect(() => pool.validatorFor('no-such-profile')).toThrow(/no-such-profile/);
  });
});
