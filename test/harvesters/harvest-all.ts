// **harvestAll** drains an adapter into arrays by kind, with a SafeFetcher set up for loopback tests.
import { SafeFetcher, type SafeFetcherOptions } from '../../src/core/safe-fetch.js';
import type {
  HarvestContext,
  HarvestDeletion,
  HarvestEnd,
  HarvestError,
  HarvestItem,
  HarvestPage,
  HarvestRecord,
  HarvestWarning,
  Harvester,
  SourceConfig,
} from '../../harvesters/harvester.js';

export interface Harvested {
  readonly items: HarvestItem[];
  readonly records: HarvestRecord[];
  readonly deletions: HarvestDeletion[];
  readonly pages: HarvestPage[];
  readonly warnings: HarvestWarning[];
  readonly errors: HarvestError[];
  readonly end: HarvestEnd;
}

/** Fetcher options for tests: loopback allowed, fast retries, no politeness delay. */
export const TEST_FETCH: SafeFetcherOptions = Object.freeze({ allowPrivateNetworks: true, retries: 1, retryBaseMs: 5, perHostDelayMs: 0, timeoutMs: 10_000 });

export async function harvestAll(
  harvester: Pick<Harvester, 'harvest'>,
  source: SourceConfig,
  ctx: Partial<HarvestContext> & { fetch?: SafeFetcherOptions } = {},
): Promise<Harvested> {
  const fetcher = ctx.fetcher ?? new SafeFetcher({ ...TEST_FETCH, ...ctx.fetch });
  const items: HarvestItem[] = [];
  try {
    for await (const item of harvester.harvest(source, { ...ctx, fetcher })) items.push(item);
  } finally {
    if (!ctx.fetcher) await fetcher.close();
  }
  const ends = items.filter((i): i is HarvestEnd => i.kind === 'end');
  if (ends.length !== 1 || items.at(-1) !== ends[0]) throw new Error('an adapter must yield exactly one end item, last');
  return {
    items,
    records: items.filter((i): i is HarvestRecord => i.kind === 'record'),
    deletions: items.filter((i): i is HarvestDeletion => i.kind === 'deletion'),
    pages: items.filter((i): i is HarvestPage => i.kind === 'page'),
    warnings: items.filter((i): i is HarvestWarning => i.kind === 'warning'),
    errors: items.filter((i): i is HarvestError => i.kind === 'error'),
    end: ends[0]!,
  };
}

/** The key a pipeline would use: the IRI, else the source identifier. */
export const recordKey = (r: { keyHints: { iri?: string; identifier?: string } }): string | undefined => r.keyHints.iri ?? r.keyHints.identifier;
