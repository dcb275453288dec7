// **searchSheafPeer** asks another sheaf instance the same question through its `/api/search`.
import type { SafeFetcher } from '../core/safe-fetch.js';
import type { Peer } from './peer.js';
import type { PeerAnswer, PeerHit } from './peer-answer.js';

interface SearchBody {
  readonly total?: unknown;
  readonly items?: ReadonlyArray<Record<string, unknown>>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Keeps only the fields we know, typed: a peer's JSON is input, not trusted data. */
export function readSearchBody(body: SearchBody): PeerAnswer {
  const items: PeerHit[] = [];
  for (const raw of Array.isArray(body.items) ? body.items : []) {
    const dataset = str(raw.dataset);
    if (!dataset) continue;
    const hit: Record<string, unknown> = { dataset };
    for (const key of ['title', 'description', 'modified', 'id', 'page'] as const) if (str(raw[key]) !== undefined) hit[key] = raw[key];
    for (const key of ['subjects', 'studies'] as const) if (num(raw[key]) !== undefined) hit[key] = raw[key];
    items.push(hit as unknown as PeerHit);
  }
  return { total: num(body.total) ?? items.length, items };
}

export async function searchSheafPeer(options: {
  readonly peer: Peer;
  readonly fetcher: SafeFetcher;
  /** The client's query string, minus federation-only parameters. */
  readonly query: URLSearchParams;
  readonly signal: AbortSignal;
}): Promise<PeerAnswer> {
  const qs = options.query.toString();
  const page = await options.fetcher.fetch(`${options.peer.searchUrl!}${qs ? `?${qs}` : ''}`, {
    accept: 'application/json', signal: options.signal,
  });
  let body: SearchBody;
  try {
    body = JSON.parse(page.text()) as SearchBody;
  } catch {
    throw new Error(`answered ${page.contentType ?? 'something'} that is not JSON`);
  }
  return readSearchBody(body);
}
