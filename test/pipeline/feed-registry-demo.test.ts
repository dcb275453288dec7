// The demo feed: a fresh data directory gets the bundled catalogue registered and harvested; SHEAF_DEMO=false none.
import { readFileSync } from 'node:fs';
import { Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE_PATH, DEMO_FEED_ID } from '../../src/pipeline/demo-feed.js';
import { openPipeline } from '../../src/serve/open-pipeline.js';
import { BASE, pipelineApp } from '../serve/pipeline-app.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const EUCAIM = 'https://cancerimage.eu/ontology/EUCAIM#';

describe('demo feed', () => {
  it('ships a few dozen EUCAIM-style datasets using hyperontology values', () => {
    const quads = new Parser().parse(readFileSync(DEMO_CATALOGUE_PATH, 'utf8'));
    const datasets = quads.filter((q) => q.predicate.value.endsWith('#type') && q.object.value === `${DCAT}Dataset`);
    expect(datasets.length).toBeGreaterThanOrEqual(30);
    const values = (p: string) => new Set(quads.filter((q) => q.predicate.value === `${EUCAIM}${p}`).map((q) => q.object.value));
    const ontology = readFileSync(new URL('../../ontologies/eucaim-hyperontology.ttl', import.meta.url), 'utf8');
    for (const p of ['hasImageModality', 'hasImageBodyPart', 'hasCondition']) {
      expect(values(p).size).toBeGreaterThan(8);
      for (const iri of values(p)) expect(ontology, iri).toContain(`eucaim:${iri.slice(EUCAIM.length)} a owl:Class`);
    }
    expect(new Set(quads.filter((q) => q.predicate.value === 'http://purl.org/dc/terms/publisher').map((q) => q.object.value)).size).toBeGreaterThanOrEqual(6);
  });

  it('is registered as a local admin feed and harvested on the first start of a fresh data directory', async () => {
    const t = await pipelineApp({ demo: true });
    const started = await t.pipeline.start({ role: 'api' });
    expect(started.demo?.feed).toMatchObject({ id: DEMO_FEED_ID, protocol: 'dcat', local: true, owner: 'admin', profile: 'eucaim' });
    const run = await t.waitForRun(started.demo!.run.runId);
    expect(run).toMatchObject({ status: 'succeeded', records: 36 });
    const listed = await t.app.inject({ url: '/api/feeds' });
    expect(listed.json().feeds.map((f: { id: string }) => f.id)).toEqual([DEMO_FEED_ID]);
    expect(await t.store.listGraphs({ prefix: `${BASE}/graph/record/${DEMO_FEED_ID}/` })).toHaveLength(36);
    const ct = await t.store.select(`SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d <${EUCAIM}hasImageModality> <${EUCAIM}IMG1000042> } }`);
    expect(Number(ct.rows[0]!.get('n')!.value)).toBeGreaterThan(3);

    // A second start on the same directory offers the demo no more, even after the feed was deleted.
    await t.pipeline.services.scheduler.idle();
    t.pipeline.services.feeds.delete(DEMO_FEED_ID);
    const again = await openPipeline({ config: t.config, store: t.store });
    try {
      expect((await again.start({ role: 'api' })).demo).toBeUndefined();
      expect(again.services.feeds.list()).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('is not registered with SHEAF_DEMO=false, and a later start does not add it either', async () => {
    const t = await pipelineApp({ demo: false });
    expect((await t.pipeline.start({ role: 'all' })).demo).toBeUndefined();
    expect(t.pipeline.services.feeds.list()).toEqual([]);
    const again = await openPipeline({ config: { ...t.config, demo: true }, store: t.store });
    try {
      expect((await again.start({ role: 'api' })).demo).toBeUndefined();
    } finally {
      await again.close();
    }
    expect(await t.store.listGraphs({ prefix: `${BASE}/graph/record/` })).toEqual([]);
  });

  it('generates and reports an admin token only when none is configured, once', async () => {
    const t = await pipelineApp({ adminToken: undefined });
    const first = await t.pipeline.start({ role: 'api' });
    expect(first.generatedAdmin?.info.role).toBe('admin');
    const res = await t.app.inject({ url: '/api/tokens', headers: t.bearer(first.generatedAdmin!.token) });
    expect(res.statusCode).toBe(200);
    const again = await openPipeline({ config: t.config, store: t.store });
    try {
      expect((await again.start({ role: 'api' })).generatedAdmin).toBeUndefined();
    } finally {
      await again.close();
    }
  });
});
