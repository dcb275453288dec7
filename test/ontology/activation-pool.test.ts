// A version's revalidation gives the same outcome in a worker pool as in this thread (the pool is used for big ones).
import { afterAll, describe, expect, it } from 'vitest';
import type { OntologyActivationOptions } from '../../src/ontology/ontology-activation.js';
import { dcatCatalogue, FEED, iris, ontologyFixture, THEME, type DcatCatalogue } from './dcat-catalogue.js';

const RECORDS = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`r${i}`, i % 3 === 0
  ? `<https://d.example/r${i}> a dcat:Dataset ; dct:title "themed ${i}"@en ; dct:description "d"@en ; dcat:theme <${THEME}> .`
  : `<https://d.example/r${i}> a dcat:Dataset ; dct:title "plain ${i}"@en ; dct:description "d"@en ; dcat:keyword "k" .`]));
const KEYS = Object.keys(RECORDS);
const catalogues: DcatCatalogue[] = [];

afterAll(async () => {
  for (const c of catalogues) await c.close();
});

/** A catalogue of RECORDS in its own store; a DCAT 2-like version loaded into it with the given activation options. */
async function activate(options: Pick<OntologyActivationOptions, 'impactWorkers' | 'impactPoolFrom'>) {
  const catalogue = await dcatCatalogue(RECORDS);
  catalogues.push(catalogue);
  const { impact } = await catalogue.activation(options).load({ quads: await ontologyFixture('dcat2-like.ttl'), format: 'turtle', loadedBy: 'curator' });
  const reports = await Promise.all(KEYS.map(async (key) => (await catalogue.store.readGraphs([iris.reportGraph(FEED, key)])).length));
  const statuses = KEYS.map((key) => catalogue.records.get(FEED, key)?.validation);
  return { impact, reports, statuses };
}

describe('OntologyActivation with a validator pool', () => {
  it('revalidates in worker threads with the same report, report graphs and statuses as in this thread', async () => {
    const here = await activate({ impactWorkers: 0 });
    const pooled = await activate({ impactWorkers: 1, impactPoolFrom: 1 });
    expect(here.impact).toMatchObject({ candidates: 12, revalidated: 12, changed: 4, newlyInvalidCount: 4 });
    expect(pooled.impact).toEqual(here.impact);
    expect(pooled.reports).toEqual(here.reports);
    expect(pooled.statuses).toEqual(here.statuses);
    expect(here.statuses.filter((s) => s === 'non-conformant')).toHaveLength(4);
  });
});
