// **mergeHits** fuses ranked hit lists from several sources into one, de-duplicated by dataset IRI, keeping every source.
import type { PeerHit } from './peer-answer.js';

export interface HitSource {
  /** `local` or the peer's name. */
  readonly source: string;
  readonly id?: string;
  readonly page?: string;
  /** Position in that source's list, from 1. */
  readonly rank: number;
}

/** A hit's fields as the first source that had them gave them, plus its fused score and every source. */
export interface MergedHit extends Omit<PeerHit, 'id' | 'page'> {
  readonly score: number;
  readonly sources: readonly HitSource[];
}

/** Reciprocal-rank-fusion constant: damps the weight of the very top ranks, as in Cormack et al. 2009. */
const K = 60;

/**
 * Sources score differently (FTS5 bm25 here, nothing at all on a SPARQL peer), so scores are not
 * comparable; ranks are. Each hit scores Σ 1/(K + rank) over the sources that returned it, so a dataset
 * several catalogues agree on rises. Fields come from the first source (in `lists` order) that has them.
 */
export function mergeHits(lists: ReadonlyArray<{ readonly source: string; readonly items: readonly PeerHit[] }>): MergedHit[] {
  const merged = new Map<string, { hit: Record<string, unknown>; score: number; sources: HitSource[] }>();
  for (const { source, items } of lists) {
    items.forEach((item, i) => {
      const { dataset, id, page, ...fields } = item;
      let entry = merged.get(dataset);
      if (!entry) {
        entry = { hit: { dataset }, score: 0, sources: [] };
        merged.set(dataset, entry);
      }
      // A source listing one dataset twice counts once.
      if (entry.sources.some((s) => s.source === source)) return;
      for (const [key, value] of Object.entries(fields)) if (entry.hit[key] === undefined && value !== undefined) entry.hit[key] = value;
      entry.score += 1 / (K + i + 1);
      entry.sources.push({ source, rank: i + 1, ...(id !== undefined && { id }), ...(page !== undefined && { page }) });
    });
  }
  return [...merged.values()]
    .map(({ hit, score, sources }) => ({ ...hit, score: Number(score.toFixed(6)), sources }) as unknown as MergedHit)
    .sort((a, b) => b.score - a.score || a.dataset.localeCompare(b.dataset));
}
