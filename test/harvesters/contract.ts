// **runHarvesterContract** is the one suite every harvester adapter passes, each against its own fixtures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harvester, SourceConfig } from '../../harvesters/harvester.js';
import { startFixtureServer, type FixtureServer, type RouteSpec } from '../fixture-server.js';
import { harvestAll, recordKey } from './harvest-all.js';

/** A source served by the fixture server and the record keys (`{{base}}` = origin) it should yield. */
export interface ContractCase {
  readonly routes: Readonly<Record<string, RouteSpec>>;
  readonly source: (server: FixtureServer) => SourceConfig;
  readonly keys: readonly string[];
}

export interface ContractFixtures {
  /** A healthy source of at least two pages. */
  readonly paged: ContractCase & { readonly pages: number };
  /** A source whose paging repeats (a next link, token or page already seen); keys = records before the stop. */
  readonly loop: ContractCase & {
    /** Why this protocol's repeat loses nothing (a crawl's link back to a container it read), so the gather stays complete. */
    readonly harmless?: string;
  };
  /** The paged source with its last page answering 500; keys = the records of the pages before it. */
  readonly failing: ContractCase;
}

const expand = (keys: readonly string[], server: FixtureServer): string[] => keys.map((k) => k.replaceAll('{{base}}', server.origin));

/**
 * Registers a `describe` block: records, paging, the visited-set stop, the page cap and a failing page,
 * the same assertions for every protocol (hono's `common.case.test.ts` pattern).
 */
export function runHarvesterContract({ make, fixtures }: { make: () => Harvester; fixtures: ContractFixtures }): void {
  describe(`harvester contract: ${make().protocol}`, () => {
    const servers: Record<keyof ContractFixtures, FixtureServer | undefined> = { paged: undefined, loop: undefined, failing: undefined };
    beforeAll(async () => {
      for (const name of Object.keys(servers) as Array<keyof ContractFixtures>) servers[name] = await startFixtureServer(fixtures[name].routes);
    });
    afterAll(async () => {
      await Promise.all(Object.values(servers).map((s) => s?.close()));
    });

    it('yields every record once, with its page URL and key hints, and ends complete', async () => {
      const server = servers.paged!;
      const got = await harvestAll(make(), fixtures.paged.source(server));
      expect(got.errors).toEqual([]);
      expect(got.records.map(recordKey)).toEqual(expand(fixtures.paged.keys, server));
      for (const record of got.records) expect(record.pageUrl.startsWith(server.origin)).toBe(true);
      expect(got.end).toMatchObject({ complete: true, records: fixtures.paged.keys.length });
    });

    it('walks every page and reports each one', async () => {
      const server = servers.paged!;
      const got = await harvestAll(make(), fixtures.paged.source(server));
      expect(fixtures.paged.pages).toBeGreaterThanOrEqual(2);
      expect(got.pages).toHaveLength(fixtures.paged.pages);
      expect(new Set(got.pages.map((p) => p.url)).size).toBe(fixtures.paged.pages);
    });

    it('stops with a paging warning when paging repeats, keeping what it read, and ends incomplete', async () => {
      const server = servers.loop!;
      const got = await harvestAll(make(), fixtures.loop.source(server));
      expect(got.warnings.some((w) => w.stage === 'paging' && /already/.test(w.message))).toBe(true);
      expect(got.records.map(recordKey)).toEqual(expand(fixtures.loop.keys, server));
      // A loop in the middle of a feed never reached the pages after it: nothing may be withdrawn on its word.
      if (fixtures.loop.harmless === undefined) expect(got.end).toMatchObject({ complete: false, reason: expect.stringMatching(/already|loop/) });
      else expect(got.end.complete).toBe(true);
    });

    it('stops at the page cap and marks the gather incomplete', async () => {
      const server = servers.paged!;
      const got = await harvestAll(make(), fixtures.paged.source(server), { limits: { maxPages: 1 } });
      expect(got.pages).toHaveLength(1);
      expect(got.warnings.some((w) => w.stage === 'paging' && /cap/.test(w.message))).toBe(true);
      expect(got.end.complete).toBe(false);
    });

    it('stops at the record cap and marks the gather incomplete', async () => {
      const server = servers.paged!;
      const got = await harvestAll(make(), fixtures.paged.source(server), { limits: { maxRecords: 1 } });
      expect(got.records.map(recordKey)).toEqual(expand(fixtures.paged.keys, server).slice(0, 1));
      expect(got.warnings.some((w) => /record cap/.test(w.message))).toBe(true);
      expect(got.end).toMatchObject({ complete: false, records: 1 });
    });

    it('reports a page answering 500 as an error, keeps earlier pages and ends incomplete', async () => {
      const server = servers.failing!;
      const got = await harvestAll(make(), fixtures.failing.source(server));
      expect(got.records.map(recordKey)).toEqual(expand(fixtures.failing.keys, server));
      expect(got.errors.length).toBeGreaterThanOrEqual(1);
      expect(got.errors[0]).toMatchObject({ stage: 'fetch', source: fixtures.failing.source(server).key, code: 'CAT_ERR_FETCH_FAILED' });
      expect(got.errors[0]!.url.startsWith(server.origin)).toBe(true);
      expect(got.errors[0]!.message).toMatch(/500/);
      expect(got.end.complete).toBe(false);
    });
  });
}
