// **hydraNext** finds the next page of a Hydra-paged RDF collection (current and legacy vocabulary).
import type { Quad } from '@rdfjs/types';
import { NS } from './namespaces.js';

const NEXT = new Set([`${NS.hydra}next`, `${NS.hydra}nextPage`]);
const LAST = new Set([`${NS.hydra}last`, `${NS.hydra}lastPage`]);

export interface HydraLinks {
  readonly next?: string;
  readonly last?: string;
}

/**
 * Reads `hydra:next`/`hydra:last` of a `hydra:PartialCollectionView` and the legacy
 * `hydra:nextPage`/`hydra:lastPage` of a `hydra:PagedCollection`. When several views are present, the
 * one describing `pageUrl` wins, so an embedded foreign collection cannot redirect the walk.
 */
export function hydraNext(quads: Iterable<Quad>, pageUrl: string): HydraLinks {
  let next: string | undefined;
  let last: string | undefined;
  let ownNext: string | undefined;
  let ownLast: string | undefined;
  for (const q of quads) {
    const p = q.predicate.value;
    if (q.object.termType !== 'NamedNode') continue;
    const own = q.subject.value === pageUrl;
    if (NEXT.has(p)) {
      next ??= q.object.value;
      if (own) ownNext ??= q.object.value;
    } else if (LAST.has(p)) {
      last ??= q.object.value;
      if (own) ownLast ??= q.object.value;
    }
  }
  return { next: ownNext ?? next, last: ownLast ?? last };
}

/** The `rel="next"` target of an HTTP Link header, resolved against `base`. */
export function linkHeaderNext(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>(.*)/.exec(part.trim());
    if (m && /;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?/i.test(m[2]!)) return new URL(m[1]!, base).href;
  }
  return undefined;
}
