// Every harvest maps EU vocabulary literals and IRI variants to the authority IRIs, keeps the originals, tells the publisher.
import type { Quad } from '@rdfjs/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';
import { openRunnerEnv, type RunnerEnv } from './runner-env.js';
import { testFeed } from './feed-pages.js';

const EU = 'http://publications.europa.eu/resource/authority/';
const CITY = 'https://opendata.example-city.eu/dataset/';

let server: FixtureServer;
let env: RunnerEnv;

beforeAll(async () => {
  server = await startFixtureServer({ '/catalog.ttl': { file: 'dcat/vocabulary-literals.ttl', type: 'text/turtle' } });
  env = await openRunnerEnv();
});

afterAll(async () => {
  await env?.close();
  await server?.close();
});

const values = (quads: readonly Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.termType === 'Literal' ? `"${q.object.value}"` : q.object.value).sort();

describe('vocabulary values in a harvest', () => {
  it('maps literals, https, trailing-slash and IANA variants to the EU tables, keeps each original and reports it as Info', async () => {
    const feed = testFeed(server.url('/catalog.ttl'));
    const run = await env.runner.run(feed);
    expect(run, JSON.stringify(run.errors)).toMatchObject({ status: 'succeeded', records: 2 });
    const { iris } = env.runner;
    const air = await env.store.readGraphs([iris.recordGraph(feed.id, `${CITY}air-quality`)]);
    const clinics = await env.store.readGraphs([iris.recordGraph(feed.id, `${CITY}clinics`)]);

    expect(values(air, `${CITY}air-quality`, `${NS.dct}language`)).toEqual([`${EU}language/ENG`]);
    expect(values(air, `${CITY}air-quality`, `${NS.dct}accessRights`)).toEqual([`${EU}access-right/PUBLIC`]);
    expect(values(air, `${CITY}air-quality`, `${NS.dcat}theme`)).toEqual([`${EU}data-theme/HEAL`]);
    expect(values(air, `${CITY}air-quality`, `${NS.dct}spatial`)).toEqual([`${EU}country/ESP`]);
    expect(values(air, `${CITY}air-quality`, `${NS.dct}accrualPeriodicity`)).toEqual([`${EU}frequency/MONTHLY`]);
    expect(values(air, `${CITY}air-quality/csv`, `${NS.dct}format`)).toEqual([`${EU}file-type/CSV`]);
    expect(values(clinics, `${CITY}clinics`, `${NS.dct}language`)).toEqual([`${EU}language/DEU`, `${EU}language/ENG`, `${EU}language/FRA`]);
    expect(values(clinics, `${CITY}clinics`, `${NS.dct}accessRights`)).toEqual([`${EU}access-right/PUBLIC`]);
    expect(values(clinics, `${CITY}clinics/json`, `${NS.dct}format`)).toEqual([`${EU}file-type/JSON`]);

    // The original value stays in the record: `?s sheaf:rawValue [ sheaf:rawProperty ?p ; rdf:value ?original ]`.
    const raw = air.filter((q) => q.predicate.value === `${NS.sheaf}rawValue` && q.subject.value === `${CITY}air-quality`).map((q) => q.object.value);
    const originals = air.filter((q) => raw.includes(q.subject.value) && q.predicate.value === `${NS.rdf}value`).map((q) => q.object.value).sort();
    expect(originals).toEqual(['Health', 'Spain', 'en', 'monthly', 'public']);

    // The publisher is told, in the stored report.
    const report = await env.store.readGraphs([iris.reportGraph(feed.id, `${CITY}air-quality`)]);
    const messages = report.filter((q) => q.predicate.value === `${NS.sh}resultMessage`).map((q) => q.object.value);
    expect(messages).toContain(`mapped literal en to ${EU}language/ENG`);
    expect(messages).toContain(`mapped literal Spain to ${EU}country/ESP`);
    const clinicsReport = await env.store.readGraphs([iris.reportGraph(feed.id, `${CITY}clinics`)]);
    expect(clinicsReport.filter((q) => q.predicate.value === `${NS.sh}resultMessage`).map((q) => q.object.value))
      .toContain(`mapped literal ${EU}language/DEU to ${EU}language/DEU`);
  }, 60_000);
});
