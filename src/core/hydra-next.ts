// **hydraNext** reads the paging links and stated size of a Hydra-paged RDF collection (current and legacy vocabulary).
import type { Quad, Term } from '@rdfjs/types';
import { NS } from './namespaces.js';

const h = (local: string): string => `${NS.hydra}${local}`;
const LINKS = new Map<string, keyof Omit<HydraLinks, 'total'>>([
  [h('next'), 'next'], [h('nextPage'), 'next'],
  [h('last'), 'last'], [h('lastPage'), 'last'],
  [h('first'), 'first'], [h('firstPage'), 'first'],
  [h('previous'), 'previous'], [h('previousPage'), 'previous'],
]);
const TOTAL = h('totalItems');
const VIEW = h('view');

export interface HydraLinks {
  readonly next?: string;
  readonly last?: string;
  readonly first?: string;
  readonly previous?: string;
  /** `hydra:totalItems` of the collection this page belongs to. */
  readonly total?: number;
}

/**
 * A link's target: an IRI, or a literal holding one. ckanext-dcat writes its `hydra:nextPage` and friends
 * as plain literals (`hydra:nextPage "https://…/catalog.ttl?page=2"`), so a literal that is an absolute
 * http(s) URL, or a path relative to the page, is a link too. Anything else (a number, a sentence) is not.
 */
function linkTarget(object: Term, pageUrl: string): string | undefined {
  if (object.termType === 'NamedNode') return object.value;
  if (object.termType !== 'Literal') return undefined;
  const text = object.value.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return /^https?:\/\//i.test(text) && URL.canParse(text) ? text : undefined;
  return /^[/?.]/.test(text) && URL.canParse(text, pageUrl) ? new URL(text, pageUrl).href : undefined;
}

function count(object: Term): number | undefined {
  if (object.termType !== 'Literal' || !/^\s*\d{1,15}\s*$/.test(object.value)) return undefined;
  return Number(object.value);
}

/**
 * Reads `hydra:next`/`last`/`first`/`previous` of a `hydra:PartialCollectionView`, the legacy
 * `hydra:nextPage`/`lastPage`/`firstPage`/`previousPage` of a `hydra:PagedCollection`, and
 * `hydra:totalItems`. When several views are present, the one describing `pageUrl` (or `alsoUrl`, the
 * URL first asked for before a redirect) wins, so an embedded foreign collection cannot redirect the
 * walk; the size is read from that page, else from the collection whose `hydra:view` it is.
 */
export function hydraNext(quads: Iterable<Quad>, pageUrl: string, alsoUrl?: string): HydraLinks {
  const own = new Set([pageUrl, alsoUrl].filter((u): u is string => u !== undefined));
  const any: Record<string, string> = {};
  const mine: Record<string, string> = {};
  const totals = new Map<string, number>();
  const views = new Map<string, string>();
  for (const q of quads) {
    const p = q.predicate.value;
    const field = LINKS.get(p);
    if (field !== undefined) {
      const target = linkTarget(q.object, pageUrl);
      if (target === undefined) continue;
      any[field] ??= target;
      if (own.has(q.subject.value)) mine[field] ??= target;
    } else if (p === TOTAL) {
      const n = count(q.object);
      if (n !== undefined && !totals.has(q.subject.value)) totals.set(q.subject.value, n);
    } else if (p === VIEW && q.object.termType === 'NamedNode') {
      views.set(q.object.value, q.subject.value);
    }
  }
  const ownSubject = [...own].find((u) => totals.has(u));
  const collection = [...own].map((u) => views.get(u)).find((c) => c !== undefined && totals.has(c));
  const total = ownSubject !== undefined ? totals.get(ownSubject) : collection !== undefined ? totals.get(collection) : totals.size === 1 ? [...totals.values()][0] : undefined;
  const pick = (field: string): string | undefined => mine[field] ?? any[field];
  return {
    ...(pick('next') !== undefined && { next: pick('next') }),
    ...(pick('last') !== undefined && { last: pick('last') }),
    ...(pick('first') !== undefined && { first: pick('first') }),
    ...(pick('previous') !== undefined && { previous: pick('previous') }),
    ...(total !== undefined && { total }),
  };
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
