// HarvestRunner with a ValidatorPool, validating or also preparing records: the same run (counts, statuses, reports, stored bytes, hashes) as in the runner's thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { RECORD_PREPARER_MODULE } from '../../src/pipeline/worker-record-preparer.js';
import { ValidatorPool } from '../../src/validate/validator-pool.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { feedRoutes, mutableSource, testFeed } from '../pipeline/feed-pages.js';
import { BASE, openRunnerEnv } from '../pipeline/runner-env.js';

let server: FixtureServer;
let pool: ValidatorPool;
let preparing: ValidatorPool;
beforeAll(async () => {
  // Five pages of eight records; a batch size of three makes full batches flush while records are still in workers.
  server = await startFixtureServer(feedRoutes(mutableSource(5, 8)));
  pool = await ValidatorPool.start({ registry: await loadProfiles(), size: 2 });
  preparing = await ValidatorPool.start({ registry: await loadProfiles(), size: 2, preparer: RECORD_PREPARER_MODULE });
}, 120_000);
afterAll(async () => {
  await pool?.close();
  await preparing?.close();
  await server?.close();
});

/** One run of the feed on a fresh store; what it stored, minus run ids and times. */
async function harvest(mode: 'thread' | 'pool' | 'prepare', profile: string) {
  const env = await openRunnerEnv({ batchSize: 3, ...(mode !== 'thread' && { validatorPool: mode === 'pool' ? pool : preparing }) });
  try {
    const run = await env.runner.run(testFeed(server.url('/feed?page=1'), { profile }));
    const graphs = async (kind: string) => (await env.store.listGraphs({ prefix: `${BASE}/graph/${kind}/feed-a/` })).sort();
    const statuses = await env.store.select(`PREFIX sheaf: <https://w3id.org/sheaf/ns#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
      SELECT ?d ?v WHERE { GRAPH ?g { ?cr foaf:primaryTopic ?d ; sheaf:validationStatus ?v } } ORDER BY ?d`);
    const reports = await env.store.select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${BASE}/graph/report/")) } GROUP BY ?g ORDER BY ?g`);
    return {
      status: run.status, records: run.records, counts: run.counts, errors: run.errors,
      records_: await graphs('record'),
      statuses: statuses.rows.map((r) => `${r.get('d')!.value} ${r.get('v')!.value}`),
      reports: reports.rows.map((r) => `${r.get('g')!.value} ${r.get('n')!.value}`),
      catalogue: await env.catalogue(),
      // The stored bytes and hashes: what the next run compares against.
      texts: await Promise.all((await graphs('record')).map((g) => env.store.readGraphText(g))),
      hashes: env.runner.records.forFeed('feed-a').map((r) => `${r.key} ${r.hash} ${r.datasetIri}`).sort(),
    };
  } finally {
    await env.close();
  }
}

describe('HarvestRunner with a ValidatorPool', () => {
  it.each(['dcat-ap', 'eucaim'])('stores what in-thread validation stores (%s)', async (profile) => {
    const inThread = await harvest('thread', profile);
    const pooled = await harvest('pool', profile);
    expect(pooled).toEqual(inThread);
    expect(await harvest('prepare', profile)).toEqual(inThread);
    expect(pooled.counts.created).toBe(40);
    expect(pooled.records_).toHaveLength(40);
    expect(pooled.reports.length).toBeGreaterThan(0);
  }, 180_000);
});
